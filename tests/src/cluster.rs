//! A PostgreSQL cluster of a test's own, for what cannot be done to the shared server: stopping
//! and starting it under load, archiving its write-ahead log, recovering a copy of it to a
//! point in time. It lives in a temporary directory, listens on a free port of the loopback,
//! and is stopped at once when dropped.
//!
//! PostgreSQL refuses to run as root; when the suite runs as root, every program of the
//! cluster runs as the `postgres` user, which owns the directory.

use std::{
    path::{Path, PathBuf},
    process::Stdio,
};

use anyhow::{Context as _, bail};

/// A cluster made by `initdb` (or restored from a base backup), with its own port.
pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
    owner: Option<String>,
}

impl Cluster {
    /// A new cluster with `settings` added to its `postgresql.conf`, started. A directory
    /// `archive` beside the data directory is there for a WAL archive.
    pub async fn start_new(settings: &[(&str, &str)]) -> anyhow::Result<Self> {
        let cluster = Self::empty()?;
        cluster
            .run(
                "initdb",
                &[
                    "-D",
                    &cluster.data().display().to_string(),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "--no-sync",
                ],
            )
            .await?;
        cluster.configure(settings)?;
        cluster.start().await?;
        Ok(cluster)
    }

    /// A cluster made from a base backup in `base` (a copy of another cluster's data
    /// directory), with `settings`, not started: the caller adds what recovery needs.
    pub async fn from_base_backup(base: &Path, settings: &[(&str, &str)]) -> anyhow::Result<Self> {
        let cluster = Self::empty()?;
        let status = tokio::process::Command::new("cp")
            .arg("-a")
            .arg(base)
            .arg(cluster.data())
            .status()
            .await?;
        if !status.success() {
            bail!("could not copy the base backup");
        }
        cluster.own(&cluster.data()).await?;
        cluster.configure(settings)?;
        Ok(cluster)
    }

    fn empty() -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let owner = running_as_root().then(|| "postgres".to_owned());
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        std::fs::create_dir(dir.path().join("archive"))?;
        let cluster = Self {
            dir,
            bin: bin_dir()?,
            port,
            owner,
        };
        if let Some(owner) = &cluster.owner {
            let status = std::process::Command::new("chown")
                .args([
                    "-R",
                    &format!("{owner}:"),
                    &cluster.dir.path().display().to_string(),
                ])
                .status()?;
            if !status.success() {
                bail!("could not give the cluster's directory to {owner}");
            }
        }
        Ok(cluster)
    }

    /// Gives `path` to the user the cluster runs as.
    async fn own(&self, path: &Path) -> anyhow::Result<()> {
        if let Some(owner) = &self.owner {
            let status = tokio::process::Command::new("chown")
                .args(["-R", &format!("{owner}:"), &path.display().to_string()])
                .status()
                .await?;
            if !status.success() {
                bail!("could not give {} to {owner}", path.display());
            }
        }
        Ok(())
    }

    /// The data directory.
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// A directory for the WAL archive, owned by the cluster's user.
    pub fn archive(&self) -> PathBuf {
        self.dir.path().join("archive")
    }

    /// A place inside the cluster's directory, owned by its user, for base backups and the like.
    pub async fn scratch(&self, name: &str) -> anyhow::Result<PathBuf> {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(&path)?;
        self.own(&path).await?;
        Ok(path)
    }

    /// The URL of database `name` on this cluster.
    pub fn url(&self, name: &str) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/{name}?sslmode=disable",
            self.port
        )
    }

    /// Appends `settings` to `postgresql.conf`, with the port and a socket directory of its
    /// own. `{archive}` in a value stands for this cluster's archive directory.
    pub fn configure(&self, settings: &[(&str, &str)]) -> anyhow::Result<()> {
        use std::io::Write as _;
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(self.data().join("postgresql.conf"))?;
        writeln!(file, "\nport = {}", self.port)?;
        writeln!(file, "listen_addresses = '127.0.0.1'")?;
        writeln!(
            file,
            "unix_socket_directories = '{}'",
            self.dir.path().display()
        )?;
        writeln!(file, "fsync = off")?;
        let archive = self.archive().display().to_string();
        for (key, value) in settings {
            writeln!(file, "{key} = {}", value.replace("{archive}", &archive))?;
        }
        Ok(())
    }

    /// Starts the cluster and waits until it accepts connections.
    pub async fn start(&self) -> anyhow::Result<()> {
        let log = self.dir.path().join("server.log").display().to_string();
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data().display().to_string(),
                "-l",
                &log,
                "-w",
                "-t",
                "60",
                "start",
            ],
        )
        .await
        .with_context(|| {
            let tail = std::fs::read_to_string(&log).unwrap_or_default();
            format!("the test cluster did not start; its log:\n{tail}")
        })
    }

    /// Stops the cluster the way an operator does (`fast`: sessions are ended, work in
    /// flight rolled back) and waits until it is down.
    pub async fn stop(&self) -> anyhow::Result<()> {
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data().display().to_string(),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
        )
        .await
    }

    /// Runs `program` of PostgreSQL's as the cluster's user; fails unless it succeeds.
    pub async fn run(&self, program: &str, args: &[&str]) -> anyhow::Result<()> {
        let output = self.command(program, args).output().await?;
        if !output.status.success() {
            bail!(
                "{program} failed: {}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(())
    }

    /// What `psql -Atc sql` prints on database `name`.
    pub async fn psql(&self, name: &str, sql: &str) -> anyhow::Result<String> {
        let output = self
            .command("psql", &["-X", "-At", "-d", &self.url(name), "-c", sql])
            .output()
            .await?;
        if !output.status.success() {
            bail!("psql failed: {}", String::from_utf8_lossy(&output.stderr));
        }
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    fn command(&self, program: &str, args: &[&str]) -> tokio::process::Command {
        let program = self.bin.join(program);
        let mut command = match &self.owner {
            Some(owner) => {
                let mut c = tokio::process::Command::new("runuser");
                c.args(["-u", owner, "--"]).arg(program);
                c
            }
            None => tokio::process::Command::new(program),
        };
        command
            .args(args)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .kill_on_drop(true);
        command
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        if !data.join("postmaster.pid").exists() {
            return;
        }
        let program = self.bin.join("pg_ctl");
        let mut command = match &self.owner {
            Some(owner) => {
                let mut c = std::process::Command::new("runuser");
                c.args(["-u", owner, "--"]).arg(program);
                c
            }
            None => std::process::Command::new(program),
        };
        let stopped = command
            .args([
                "-D",
                &data.display().to_string(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if !stopped.is_ok_and(|s| s.success()) {
            eprintln!("could not stop the test cluster in {}", data.display());
        }
    }
}

/// Whether this process runs as root, by the owner of `/proc/self`.
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// PostgreSQL's programs: `SUNLIGHT_TEST_PG_BIN`, else what `pg_config --bindir` says.
fn bin_dir() -> anyhow::Result<PathBuf> {
    if let Ok(dir) = std::env::var("SUNLIGHT_TEST_PG_BIN") {
        return Ok(PathBuf::from(dir));
    }
    let output = std::process::Command::new("pg_config")
        .arg("--bindir")
        .output()
        .context(
            "pg_config is needed to find PostgreSQL's programs (or set SUNLIGHT_TEST_PG_BIN)",
        )?;
    let dir = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    if !dir.join("initdb").exists() {
        bail!(
            "no initdb in {}; set SUNLIGHT_TEST_PG_BIN to PostgreSQL's bin directory",
            dir.display()
        );
    }
    Ok(dir)
}
