//! The integration harness: every test gets its own database (a temporary SQLite file, or a
//! new PostgreSQL database dropped afterwards), a real Sunlight server on a free port, and a
//! real HTTP client. The database is a copy of one prepared as a server start prepares it (see
//! `template`), or an empty one for the tests of that preparation.

use std::{net::SocketAddr, path::PathBuf};

use anyhow::{Context as _, bail};
pub mod canary;
pub mod cluster;
mod template;

use sea_orm::{
    DatabaseConnection,
    sqlx::{Connection as _, PgConnection},
};
use serde_json::{Value, json};
use sunlight::{
    auth::{KeySource, MintRequest},
    config::{Config, Secret},
    server::Running,
};

/// The HS256 secret the suite configures, so that tests can mint and forge tokens.
pub const TEST_SECRET: &str = "sunlight-test-secret-0123456789abcdef";

/// Where PostgreSQL is, unless `SUNLIGHT_TEST_POSTGRES_URL` says otherwise. The suite creates
/// and drops its own databases there.
pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// A temporary SQLite file.
    Sqlite,
    /// A fresh database on the configured PostgreSQL server.
    Postgres,
}

/// The PostgreSQL server URL for tests.
pub fn postgres_url() -> String {
    let url = std::env::var("SUNLIGHT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned());
    without_tls_on_loopback(url)
}

/// `url` with `sslmode=disable` if it names a server on this machine and no `sslmode`. The
/// client prefers TLS when the server offers it; on the loopback it protects nothing, and in a
/// debug build the handshake of each new connection and the encryption of every statement
/// took most of the time a PostgreSQL test spent outside its own work.
fn without_tls_on_loopback(url: String) -> String {
    let Some(rest) = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
    else {
        return url;
    };
    let (authority, query) = match rest.split_once('?') {
        Some((before, query)) => (before.split('/').next().unwrap_or(before), Some(query)),
        None => (rest.split('/').next().unwrap_or(rest), None),
    };
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => host_port.split(':').next().unwrap_or(host_port),
    };
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    let chosen = query.is_some_and(|q| q.split('&').any(|p| p.starts_with("sslmode=")));
    if !loopback || chosen {
        return url;
    }
    let separator = if query.is_some() { '&' } else { '?' };
    format!("{url}{separator}sslmode=disable")
}

/// A single session on the PostgreSQL server `server`, for creating and dropping databases.
async fn admin(server: &str) -> anyhow::Result<PgConnection> {
    PgConnection::connect(server).await.with_context(|| {
        format!(
            "PostgreSQL is required by the suite and is unreachable at {server}; start it or set SUNLIGHT_TEST_POSTGRES_URL"
        )
    })
}

/// The suite's configuration of a server on `database_url` and `data_dir`.
fn test_config(database_url: Option<String>, data_dir: PathBuf) -> Config {
    Config {
        database_url,
        data_dir,
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        jwt_hs256_secret: Some(Secret::new(TEST_SECRET)),
        // Tests send many requests from one address; the rate-limit tests turn limits on.
        rate_limit_anonymous_per_second: 0,
        rate_limit_authenticated_per_second: 0,
        rate_limit_feedback_per_hour: 0,
        // Every start of the suite loads the county through the write path; the prebuilt copy
        // has a test of its own.
        prebuilt_demo: false,
        ..Config::default()
    }
}

/// A database made for one test, removed when dropped.
pub struct TestDatabase {
    /// The URL Sunlight should use.
    pub url: Option<String>,
    /// The data directory (always a temporary one).
    pub data_dir: PathBuf,
    _dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    /// A database on `backend` as a server start with the suite's configuration leaves it:
    /// migrated, with the demo county, the search index and the change feed. Nothing of that
    /// preparation lives in the data directory, which starts empty.
    pub async fn create(backend: Backend) -> anyhow::Result<Self> {
        Self::make(backend, true).await
    }

    /// A new empty database on `backend`, for tests of what a start does to one, or that load
    /// records of their own instead of the demo county.
    pub async fn empty(backend: Backend) -> anyhow::Result<Self> {
        Self::make(backend, false).await
    }

    async fn make(backend: Backend, prepared: bool) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let data_dir = dir.path().to_owned();
        match backend {
            Backend::Sqlite => {
                if prepared {
                    template::sqlite_into(&data_dir).await?;
                }
                Ok(Self {
                    url: None,
                    data_dir,
                    _dir: dir,
                    postgres: None,
                })
            }
            Backend::Postgres => {
                let server = postgres_url();
                let name = format!("sunlight_test_{}", uuid::Uuid::new_v4().simple());
                let url = with_database(&server, &name)?;
                let mut admin = admin(&server).await?;
                if prepared {
                    let template = template::postgres(&server).await?;
                    template::clone_postgres(&mut admin, template, &name).await?;
                } else {
                    template::execute(&mut admin, format!("CREATE DATABASE {name}")).await?;
                }
                admin.close().await?;
                Ok(Self {
                    url: Some(url),
                    data_dir,
                    _dir: dir,
                    postgres: Some((server, name)),
                })
            }
        }
    }

    /// A handle on the database at `url`, made and removed by someone else (a cluster of the
    /// test's own), with a data directory of its own.
    pub fn at(url: String) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        Ok(Self {
            url: Some(url),
            data_dir: dir.path().to_owned(),
            _dir: dir,
            postgres: None,
        })
    }

    /// Another handle on the same database, with a data directory of its own, for a second
    /// server on it; dropping the handle leaves the database to its owner.
    pub fn sharing(&self) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        Ok(Self {
            url: self.url.clone(),
            data_dir: dir.path().to_owned(),
            _dir: dir,
            postgres: None,
        })
    }

    /// A configuration that points Sunlight at this database and a free local port, with the
    /// suite's HS256 secret.
    pub fn config(&self) -> Config {
        test_config(self.url.clone(), self.data_dir.clone())
    }
}

/// `server` with its database name replaced by `name`.
fn with_database(server: &str, name: &str) -> anyhow::Result<String> {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server, None),
    };
    let Some(slash) = base.rfind('/').filter(|i| *i > "postgres://".len()) else {
        bail!("cannot read a database name from {server}");
    };
    let mut url = format!("{}/{name}", &base[..slash]);
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    Ok(url)
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((server, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs outside any runtime we may block, so the cleanup gets a thread of its own.
        let cleanup = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let mut admin = admin(&server).await?;
                template::execute(
                    &mut admin,
                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                )
                .await?;
                admin.close().await?;
                Ok::<_, anyhow::Error>(())
            })
        });
        if let Ok(Err(e)) = cleanup.join() {
            eprintln!("could not drop a test database: {e:#}");
        }
    }
}

/// A running Sunlight on its own database, with an HTTP client.
pub struct TestApp {
    /// Where the server listens.
    pub addr: SocketAddr,
    /// The configuration the server runs with.
    pub config: Config,
    /// A plain HTTP client.
    pub client: reqwest::Client,
    running: Option<Running>,
    ids: sunlight::ids::Ids,
    /// The database; kept until the app is dropped.
    pub database: TestDatabase,
}

impl TestApp {
    /// The first organization of the county (by id), for an editor who belongs somewhere.
    ///
    /// This read is the harness's, not the test's subject: on two busy cores, where the pool may
    /// have to open a connection to a cluster that has just started, it waits up to 30 s for one
    /// instead of the server's 800 ms a request waits.
    pub async fn first_organization(&self) -> anyhow::Result<i64> {
        use sea_orm::{DbErr, EntityTrait as _, QueryOrder as _};
        let patience = std::time::Instant::now();
        loop {
            let first = entity::organization::Entity::find()
                .order_by_asc(entity::organization::Column::Id)
                .one(self.db()?)
                .await;
            match first {
                Err(DbErr::ConnectionAcquire(_))
                    if patience.elapsed() < std::time::Duration::from_secs(30) =>
                {
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                first => {
                    return first?
                        .map(|o| o.id)
                        .ok_or_else(|| anyhow::anyhow!("no organization"));
                }
            }
        }
    }

    /// Starts Sunlight with the demo county on a database of its own on `backend`.
    pub async fn spawn(backend: Backend) -> anyhow::Result<Self> {
        let database = TestDatabase::create(backend).await?;
        let config = database.config();
        Self::spawn_with(database, config).await
    }

    /// Starts Sunlight with `config` on `database`.
    pub async fn spawn_with(database: TestDatabase, config: Config) -> anyhow::Result<Self> {
        let running = sunlight::server::start(&config, std::future::pending()).await?;
        Ok(Self {
            ids: running.store.ids().clone(),
            config,
            addr: running.addr,
            client: reqwest::Client::new(),
            running: Some(running),
            database,
        })
    }

    /// The server's database connection, for checking what is stored.
    pub fn db(&self) -> anyhow::Result<&DatabaseConnection> {
        Ok(&self.running.as_ref().context("stopped")?.database)
    }

    /// The server's store, for work beside the requests (as the server's own tasks do it).
    pub fn store(&self) -> anyhow::Result<&sunlight::store::Store> {
        Ok(&self.running.as_ref().context("stopped")?.store)
    }

    /// The deployment's public ids.
    pub fn ids(&self) -> &sunlight::ids::Ids {
        &self.ids
    }

    /// The public id of record `key` of GraphQL type `name`.
    pub fn gid(&self, name: &str, key: i64) -> String {
        self.ids.encode(name, key).0
    }

    /// `http://addr/path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A source of `owner` titled `title`, RESTRICTED to the organization `audience`, taken
    /// from draft to published by `admin` and `reviewer`: its global id and version.
    pub async fn published_restricted_source(
        &self,
        (admin, reviewer): (&str, &str),
        owner: i64,
        title: &str,
        audience: i64,
    ) -> anyhow::Result<(String, i64)> {
        let ok = |(status, body): (u16, Value)| {
            anyhow::ensure!(
                status == 200 && body.get("errors").is_none(),
                "{status}: {body}"
            );
            Ok(body)
        };
        let made = ok(self
            .graphql_as(
                Some(admin),
                "mutation($owner: ID!, $input: SourceInput!) { createSource(owner: $owner, input: $input) { id } }",
                json!({ "owner": self.gid("Organization", owner), "input": {
                    "issuer": "县委办（示例）", "title": title, "scope": "RESTRICTED",
                    "audience": [{ "organization": self.gid("Organization", audience) }] } }),
            )
            .await?)?;
        let id = made["data"]["createSource"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let mut version = 1;
        for (who, field) in [
            (admin, "submitForReview"),
            (reviewer, "approve"),
            (reviewer, "publish"),
        ] {
            let done = ok(self
                .graphql_as(
                    Some(who),
                    &format!(
                        "mutation($id: ID!, $v: Int!) {{ {field}(id: $id, expectedVersion: $v) {{ version }} }}"
                    ),
                    json!({ "id": id, "v": version }),
                )
                .await?)?;
            version = done["data"][field]["version"].as_i64().unwrap_or_default();
        }
        Ok((id, version))
    }

    /// POSTs a GraphQL query anonymously; returns the status and the JSON body.
    pub async fn graphql(&self, query: &str, variables: Value) -> anyhow::Result<(u16, Value)> {
        self.graphql_as(None, query, variables).await
    }

    /// POSTs a GraphQL query with `token` (if any) as bearer; returns the status and the body.
    pub async fn graphql_as(
        &self,
        token: Option<&str>,
        query: &str,
        variables: Value,
    ) -> anyhow::Result<(u16, Value)> {
        let send = || {
            let mut request = self
                .client
                .post(self.url("/graphql"))
                .json(&json!({ "query": query, "variables": variables }));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            request.send()
        };
        // A database too busy to serve in time answers 503 with Retry-After, as a machine
        // loaded by a parallel build can make it; for a read, the suite waits and asks again,
        // as a client would, a few times. A write's 503 is the test's to see.
        let read = !query.trim_start().starts_with("mutation");
        let mut response = send().await?;
        for _ in 0..5 {
            if !read || response.status().as_u16() != 503 {
                break;
            }
            let wait = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(1)
                .min(2);
            eprintln!(
                "503 from {}: asking again in {wait} s",
                self.url("/graphql")
            );
            tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
            response = send().await?;
        }
        let status = response.status().as_u16();
        let headers = format!("{:?}", response.headers());
        let body = response.text().await?;
        let json = serde_json::from_str(&body).map_err(|e| {
            anyhow::anyhow!("the answer ({status}, {headers}) is not JSON ({e}): {body:?}")
        })?;
        Ok((status, json))
    }

    /// A valid token for `role` in the organizations with database ids `orgs`.
    pub fn token(&self, role: &str, orgs: &[i64]) -> anyhow::Result<String> {
        self.token_for(role, orgs, None)
    }

    /// A valid token for `role` in `orgs` with the subject `sub`.
    pub fn token_as(&self, role: &str, orgs: &[i64], sub: &str) -> anyhow::Result<String> {
        self.mint(role, orgs, sub.to_owned(), None)
    }

    /// A valid token for `role` in `orgs`, naming the person with database id `person`.
    pub fn token_for(
        &self,
        role: &str,
        orgs: &[i64],
        person: Option<i64>,
    ) -> anyhow::Result<String> {
        self.mint(role, orgs, format!("test-{role}"), person)
    }

    /// A valid token for `role` in `orgs`, limited to the jurisdictions with division codes
    /// `jur`.
    pub fn token_within(&self, role: &str, orgs: &[i64], jur: &[&str]) -> anyhow::Result<String> {
        self.mint_within(role, orgs, format!("test-{role}"), None, Some(jur))
    }

    fn mint(
        &self,
        role: &str,
        orgs: &[i64],
        sub: String,
        person: Option<i64>,
    ) -> anyhow::Result<String> {
        self.mint_within(role, orgs, sub, person, None)
    }

    fn mint_within(
        &self,
        role: &str,
        orgs: &[i64],
        sub: String,
        person: Option<i64>,
        jur: Option<&[&str]>,
    ) -> anyhow::Result<String> {
        let request = MintRequest {
            role: role.to_owned(),
            orgs: orgs
                .iter()
                .map(|id| self.gid("Organization", *id))
                .collect(),
            jur: jur.map(|codes| codes.iter().map(|c| (*c).to_owned()).collect()),
            sub,
            person: person.map(|id| self.gid("Person", id)),
            name: None,
            ttl: std::time::Duration::from_secs(600),
        };
        let source = KeySource::Secret(Secret::new(TEST_SECRET));
        sunlight::auth::mint(&self.config, &source, &request)
    }

    /// POSTs a query that must succeed without errors; returns `data`.
    pub async fn data(&self, query: &str, variables: Value) -> anyhow::Result<Value> {
        let (status, body) = self.graphql(query, variables).await?;
        if status != 200 || body.get("errors").is_some() {
            bail!("query failed with {status}: {body}");
        }
        Ok(body["data"].clone())
    }

    /// POSTs a query with `token` that must succeed without errors; returns `data`.
    pub async fn data_as(
        &self,
        token: &str,
        query: &str,
        variables: Value,
    ) -> anyhow::Result<Value> {
        let (status, body) = self.graphql_as(Some(token), query, variables).await?;
        if status != 200 || body.get("errors").is_some() {
            bail!("query failed with {status}: {body}");
        }
        Ok(body["data"].clone())
    }

    /// The server's `/metrics` text.
    pub async fn metrics(&self) -> anyhow::Result<String> {
        Ok(self
            .client
            .get(self.url("/metrics"))
            .send()
            .await?
            .text()
            .await?)
    }

    /// The value of the unlabelled counter `name` in `/metrics`.
    pub async fn counter(&self, name: &str) -> anyhow::Result<u64> {
        let text = self.metrics().await?;
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .and_then(|v| v.trim().parse().ok())
            .with_context(|| format!("no counter {name} in /metrics"))
    }

    /// Stops the server gracefully.
    pub async fn stop(mut self) -> anyhow::Result<TestDatabase> {
        if let Some(running) = self.running.take() {
            running.stop().await?;
        }
        Ok(self.database)
    }
}

/// Runs each named `async fn(Backend) -> anyhow::Result<()>` as two tests: `name::sqlite` and
/// `name::postgres`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() -> anyhow::Result<()> {
                super::$name($crate::Backend::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() -> anyhow::Result<()> {
                super::$name($crate::Backend::Postgres).await
            }
        }
    )+};
}

/// The audit entries written since the demo county was loaded: every entry of the chain, which
/// must hold, less those of the loader (whose actors are `sunlight-loader/…`).
pub async fn entries_since_the_demo(app: &TestApp) -> anyhow::Result<u64> {
    use sea_orm::ConnectionTrait as _;
    let db = app.db()?;
    let found = sunlight::audit::verify(db).await?;
    anyhow::ensure!(
        found.broken.is_none(),
        "the chain is broken: {:?}",
        found.broken
    );
    let loader = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) FROM audit_log WHERE actor LIKE 'sunlight-loader/%'",
        ))
        .await?
        .map(|row| row.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    Ok(found.entries - u64::try_from(loader)?)
}

/// `tests/js`, with its npm packages installed from its lock file (once, by the first test
/// that needs them): the Node.js programs of the suite (the browser driver, the
/// GraphQL-over-HTTP audit).
pub async fn js_packages() -> anyhow::Result<std::path::PathBuf> {
    static INSTALLED: tokio::sync::OnceCell<std::path::PathBuf> =
        tokio::sync::OnceCell::const_new();
    INSTALLED
        .get_or_try_init(|| async {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
            let lock = std::fs::read(dir.join("package-lock.json"))?;
            // Installed packages older than the lock file are installed again.
            let stamp = dir.join("node_modules/.sunlight-lock");
            if std::fs::read(&stamp).ok().as_deref() != Some(lock.as_slice()) {
                let status = tokio::process::Command::new("npm")
                    .args(["ci", "--no-audit", "--no-fund", "--silent"])
                    .current_dir(&dir)
                    .status()
                    .await?;
                anyhow::ensure!(status.success(), "npm ci in {} failed", dir.display());
                std::fs::write(&stamp, &lock)?;
            }
            Ok(dir)
        })
        .await
        .cloned()
}

/// Runs the Node.js program `script` of `tests/js` with `args`; its standard output, or an
/// error with both outputs when it fails.
pub async fn run_js(script: &str, args: &[&std::ffi::OsStr]) -> anyhow::Result<String> {
    let js = js_packages().await?;
    let output = tokio::process::Command::new("node")
        .arg(js.join(script))
        .args(args)
        .output()
        .await?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    anyhow::ensure!(
        output.status.success(),
        "{script} failed:\n{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_is_left_out_on_the_loopback_unless_asked_for() {
        let check = |url: &str, want: &str| assert_eq!(without_tls_on_loopback(url.into()), want);
        check(
            "postgres://postgres@127.0.0.1:5432/postgres",
            "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable",
        );
        check(
            "postgresql://u:p@localhost/db?application_name=t",
            "postgresql://u:p@localhost/db?application_name=t&sslmode=disable",
        );
        check(
            "postgres://[::1]:5432/db",
            "postgres://[::1]:5432/db?sslmode=disable",
        );
        check(
            "postgres://u@127.0.0.1/db?sslmode=require",
            "postgres://u@127.0.0.1/db?sslmode=require",
        );
        check("postgres://u@db.example/db", "postgres://u@db.example/db");
    }

    #[test]
    fn database_names_are_swapped_in_urls() -> anyhow::Result<()> {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1")?,
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "t2")?,
            "postgres://u:p@h/t2?sslmode=disable"
        );
        Ok(())
    }
}
