//! Backups proven by restore. `sunlight backup --to FILE` makes a consistent copy while the
//! server serves and writes: SQLite's `VACUUM INTO` (one read transaction, so one moment of the
//! database), or PostgreSQL's `pg_dump` in its custom format. The copy is written under
//! `FILE.partial` and renamed to `FILE` only once whole and on disk: a backup that was
//! interrupted is left as `.partial` and says so, and the database is never touched.
//! `sunlight restore --from FILE` fills an empty database from a backup, applies any newer
//! migrations, and then checks it (SQLite's integrity check, which every open runs, and the
//! audit log's chain and records): a restore is called good only if both hold.

use std::{
    path::{Path, PathBuf},
    time::Instant,
};

use anyhow::Context as _;
use sea_orm::{ConnectionTrait as _, Database, DbBackend, Statement};

use crate::config::Config;

/// What a backup or a restore did.
#[derive(Clone, Debug)]
pub struct Report {
    /// The backup file.
    pub file: PathBuf,
    /// Its size.
    pub bytes: u64,
    /// How long it took.
    pub seconds: f64,
    /// For a restore: the entries of the audit log found whole.
    pub audit_entries: Option<u64>,
}

/// Where a backup is written until it is whole.
pub fn partial(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// The file of a SQLite URL (`sqlite://path?…` or `sqlite:path`).
fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty()).then(|| PathBuf::from(path))
}

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Writes `from` and its directory entry to disk.
fn settle(file: &Path) -> anyhow::Result<()> {
    std::fs::File::open(file)?.sync_all()?;
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Runs `program` with `args`, failing with what it printed.
async fn run(program: &str, args: &[&str]) -> anyhow::Result<()> {
    let output = tokio::process::Command::new(program)
        .args(args)
        .output()
        .await
        .with_context(|| format!("cannot run {program}: is it installed and on the PATH?"))?;
    if !output.status.success() {
        anyhow::bail!(
            "{program} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// Backs up the configured database to `to`, which must not exist.
pub async fn backup(config: &Config, to: &Path) -> anyhow::Result<Report> {
    let started = Instant::now();
    if to.exists() {
        anyhow::bail!(
            "{} exists already: back up to a new file, so that no backup is overwritten",
            to.display()
        );
    }
    let url = config.database_url();
    let tmp = partial(to);
    if tmp.exists() {
        std::fs::remove_file(&tmp)
            .with_context(|| format!("cannot remove the earlier {}", tmp.display()))?;
    }
    if is_postgres(&url) {
        let tmp = tmp.to_string_lossy().into_owned();
        run(
            "pg_dump",
            &["--format=custom", "--no-owner", "--file", &tmp, &url],
        )
        .await?;
    } else {
        let db = Database::connect(url.as_str()).await?;
        let target = tmp.to_string_lossy().replace('\'', "''");
        db.execute_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!("VACUUM INTO '{target}'"),
        ))
        .await
        .context("SQLite could not write the copy")?;
        db.close().await?;
    }
    settle(&tmp)?;
    std::fs::rename(&tmp, to)?;
    settle(to)?;
    Ok(Report {
        file: to.to_owned(),
        bytes: std::fs::metadata(to)?.len(),
        seconds: started.elapsed().as_secs_f64(),
        audit_entries: None,
    })
}

/// Fills the configured database, which must be empty, from the backup `from`; then migrates
/// it and checks it. Fails, naming every fault, unless the database and the audit log hold.
pub async fn restore(config: &Config, from: &Path) -> anyhow::Result<Report> {
    let started = Instant::now();
    if from.to_string_lossy().ends_with(".partial") {
        anyhow::bail!(
            "{} is an incomplete backup (its copy was interrupted); restore from a whole one",
            from.display()
        );
    }
    let bytes = std::fs::metadata(from)
        .with_context(|| format!("cannot read the backup {}", from.display()))?
        .len();
    let url = config.database_url();
    if is_postgres(&url) {
        let db = Database::connect(url.as_str()).await?;
        let tables = db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = current_schema()",
            ))
            .await?
            .map(|row| row.try_get::<i64>("", "n"))
            .transpose()?
            .unwrap_or(0);
        db.close().await?;
        if tables > 0 {
            anyhow::bail!(
                "the database is not empty ({tables} tables): restore into a new, empty database"
            );
        }
        let file = from.to_string_lossy().into_owned();
        run(
            "pg_restore",
            &["--no-owner", "--exit-on-error", "--dbname", &url, &file],
        )
        .await?;
    } else {
        let target = sqlite_file(&url)
            .ok_or_else(|| anyhow::anyhow!("cannot tell the SQLite file of {url}"))?;
        if std::fs::metadata(&target).is_ok_and(|m| m.len() > 0) {
            anyhow::bail!(
                "{} exists and is not empty: restore into a new data directory",
                target.display()
            );
        }
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = partial(&target);
        std::fs::copy(from, &tmp)?;
        settle(&tmp)?;
        std::fs::rename(&tmp, &target)?;
        settle(&target)?;
    }
    let entries = check(config).await?;
    Ok(Report {
        file: from.to_owned(),
        bytes,
        seconds: started.elapsed().as_secs_f64(),
        audit_entries: Some(entries),
    })
}

/// Checks a restored or recovered database: it opens (which runs SQLite's integrity check and
/// applies the migrations a newer Sunlight has) and its audit log holds, chain and records.
/// Returns the entries found whole; fails naming every fault.
pub async fn check(config: &Config) -> anyhow::Result<u64> {
    // No request waits here: the check may wait for a connection as long as a start does.
    let config = Config {
        pool_acquire_timeout_ms: config
            .pool_acquire_timeout_ms
            .max(config.db_connect_timeout().as_millis() as u64),
        ..config.clone()
    };
    let db = crate::db::open(&config)
        .await
        .context("the restored database does not open")?;
    let found = crate::audit::verify_all(&db, None).await?;
    db.close().await?;
    let faults = found.faults();
    if !faults.is_empty() {
        anyhow::bail!(
            "the restored database is not good: the audit log does not hold:\n- {}",
            faults.join("\n- ")
        );
    }
    Ok(found.chain.entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_is_written_beside_its_name_until_whole() {
        assert_eq!(
            partial(Path::new("/var/backups/sunlight.bak")),
            PathBuf::from("/var/backups/sunlight.bak.partial")
        );
    }

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_file("sqlite://data/sunlight.sqlite?mode=rwc"),
            Some(PathBuf::from("data/sunlight.sqlite"))
        );
        assert_eq!(
            sqlite_file("sqlite:///var/lib/sunlight/sunlight.sqlite"),
            Some(PathBuf::from("/var/lib/sunlight/sunlight.sqlite"))
        );
        assert_eq!(sqlite_file("postgres://x/y"), None);
        assert!(is_postgres("postgresql://x/y"));
    }
}
