//! `sunlight doctor`: checks a deployment without changing it, and says what to fix. It reads
//! the configuration, the database (never migrating it, never creating a file or a table),
//! the keys and the disk, and compares the clock with the database's.

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use migration::{Migrator, MigratorTrait as _};
use sea_orm::{ConnectionTrait as _, Database, DatabaseConnection, DbBackend, Statement};

use crate::config::Config;

/// How a check came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// As it should be.
    Ok,
    /// Works, but an operator should look.
    Warn,
    /// Sunlight will not run well, or not at all, until this is fixed.
    Fail,
}

/// One check: what was looked at, how it came out, and what to do about it.
#[derive(Clone, Debug)]
pub struct Finding {
    /// A short name: `configuration`, `database`, `migrations`, `keys`, `disk`, `clock`.
    pub check: &'static str,
    /// How it came out.
    pub verdict: Verdict,
    /// What was found.
    pub detail: String,
    /// What to do, when something is to be done.
    pub fix: Option<String>,
}

impl Finding {
    fn ok(check: &'static str, detail: impl Into<String>) -> Self {
        Self {
            check,
            verdict: Verdict::Ok,
            detail: detail.into(),
            fix: None,
        }
    }

    fn warn(check: &'static str, detail: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            check,
            verdict: Verdict::Warn,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }

    fn fail(check: &'static str, detail: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            check,
            verdict: Verdict::Fail,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }
}

/// Free space below this is a failure: a write may find no room.
const DISK_FAIL_BYTES: u64 = 256 * 1024 * 1024;
/// Free space below this is a warning.
const DISK_WARN_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// A difference between this machine's clock and the database's above this is a warning:
/// dates of publication and notice periods are read off the clock.
const CLOCK_WARN: Duration = Duration::from_secs(2);

/// Runs every check on the deployment `config` describes.
pub async fn run(config: &Config) -> Vec<Finding> {
    let mut findings = vec![configuration(config)];
    findings.extend(keys(config));
    findings.push(disk(&config.data_dir));
    match connect(config).await {
        Ok(Some(db)) => {
            findings.push(Finding::ok(
                "database",
                format!(
                    "reachable at {}",
                    crate::db::redact_url(&config.database_url())
                ),
            ));
            findings.push(migrations(&db).await);
            findings.extend(search_index(&db).await);
            findings.push(clock(&db).await);
            let _ = db.close().await;
        }
        Ok(None) => findings.push(Finding::warn(
            "database",
            format!(
                "no SQLite file yet at {}",
                crate::db::redact_url(&config.database_url())
            ),
            "the first `sunlight migrate` or `sunlight serve` makes it",
        )),
        Err(finding) => findings.push(*finding),
    }
    findings
}

/// Whether any finding is a failure.
pub fn failed(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.verdict == Verdict::Fail)
}

fn configuration(config: &Config) -> Finding {
    let signing = if config.jwt_hs256_secret.is_some() {
        "an HS256 secret"
    } else if config.jwt_jwks_file.is_some() {
        "a JWKS file"
    } else if config.jwt_public_key_file.is_some() {
        "a public key file"
    } else {
        return Finding::warn(
            "configuration",
            format!(
                "tokens are checked with the local development key in {}",
                config.data_dir.display()
            ),
            "for production, set jwt_public_key_file or jwt_jwks_file to your identity provider's key",
        );
    };
    Finding::ok(
        "configuration",
        format!(
            "listens on {}; tokens checked with {signing}",
            config.listen
        ),
    )
}

/// The keys Sunlight reads: present, readable, and readable by their owner only.
fn keys(config: &Config) -> Vec<Finding> {
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    match &config.audit_signing_key_file {
        Some(path) => files.push((path.clone(), true)),
        None => files.push((
            config.data_dir.join(crate::audit::key::LOCAL_KEY_FILE),
            false,
        )),
    }
    let local_jwt = config.jwt_hs256_secret.is_none()
        && config.jwt_public_key_file.is_none()
        && config.jwt_jwks_file.is_none();
    if local_jwt {
        files.push((crate::auth::local_key_path(&config.data_dir), false));
    }
    for public in [&config.jwt_public_key_file, &config.jwt_jwks_file]
        .into_iter()
        .flatten()
    {
        if let Err(e) = std::fs::File::open(public) {
            return vec![Finding::fail(
                "keys",
                format!("cannot read {}: {e}", public.display()),
                "make the file readable by the service's user",
            )];
        }
    }
    let mut findings = Vec::new();
    for (path, configured) in files {
        findings.push(secret_file(&path, configured));
    }
    findings
}

/// A secret key file: it must be there (unless Sunlight makes it at first start) and private.
fn secret_file(path: &Path, configured: bool) -> Finding {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !configured => Finding::warn(
            "keys",
            format!("{} does not exist yet", path.display()),
            "the first `sunlight serve` makes it; back it up with the database",
        ),
        Err(e) => Finding::fail(
            "keys",
            format!("cannot read {}: {e}", path.display()),
            "put the key there, readable by the service's user",
        ),
        Ok(meta) => {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                Finding::fail(
                    "keys",
                    format!(
                        "{} is readable by other users (mode {mode:03o})",
                        path.display()
                    ),
                    format!("chmod 600 {}", path.display()),
                )
            } else if let Err(e) = std::fs::File::open(path) {
                Finding::fail(
                    "keys",
                    format!("cannot read {}: {e}", path.display()),
                    "make it readable by the service's user",
                )
            } else {
                Finding::ok(
                    "keys",
                    format!("{} is readable by its owner only", path.display()),
                )
            }
        }
    }
}

/// Free space where the data directory is (or would be).
fn disk(data_dir: &Path) -> Finding {
    let mut dir = data_dir;
    while !dir.exists() {
        match dir.parent() {
            Some(parent) => dir = parent,
            None => break,
        }
    }
    match rustix::fs::statvfs(dir) {
        Err(e) => Finding::fail(
            "disk",
            format!("cannot read the free space of {}: {e}", dir.display()),
            "check that the data directory exists and is readable",
        ),
        Ok(stats) => {
            let free = stats.f_bavail.saturating_mul(stats.f_frsize);
            let shown = format!("{:.1} GiB free at {}", gib(free), dir.display());
            if free < DISK_FAIL_BYTES {
                Finding::fail(
                    "disk",
                    shown,
                    "free space: writes are refused when the disk is full",
                )
            } else if free < DISK_WARN_BYTES {
                Finding::warn("disk", shown, "free space before the disk fills")
            } else {
                Finding::ok("disk", shown)
            }
        }
    }
}

fn gib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0 * 1024.0)
}

/// A connection that changes nothing: a SQLite file is opened read-only, and one that does
/// not exist is reported, not made. `Ok(None)`: no SQLite file yet.
async fn connect(config: &Config) -> Result<Option<DatabaseConnection>, Box<Finding>> {
    let url = config.database_url();
    let shown = crate::db::redact_url(&url);
    let url = match crate::db::sqlite_path(&url) {
        Some(path) if !path.exists() => return Ok(None),
        Some(path) => format!("sqlite://{}?mode=ro", path.display()),
        None => url,
    };
    let mut options = sea_orm::ConnectOptions::new(url);
    options
        .max_connections(1)
        .connect_timeout(config.db_connect_timeout())
        .sqlx_logging(false);
    match tokio::time::timeout(config.db_connect_timeout(), Database::connect(options)).await {
        Ok(Ok(db)) => Ok(Some(db)),
        Ok(Err(e)) => Err(Box::new(Finding::fail(
            "database",
            format!("cannot connect to {shown}: {e}"),
            "start the database, or correct database_url",
        ))),
        Err(_) => Err(Box::new(Finding::fail(
            "database",
            format!(
                "{shown} did not answer within {} s",
                config.db_connect_timeout().as_secs()
            ),
            "start the database, or correct database_url",
        ))),
    }
}

/// Every migration of this version applied, and none this version does not know.
async fn migrations(db: &DatabaseConnection) -> Finding {
    let known: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM seaql_migrations",
        ))
        .await;
    let applied: Vec<String> = match rows {
        Ok(rows) => rows
            .iter()
            .filter_map(|row| row.try_get::<String>("", "version").ok())
            .collect(),
        Err(_) => Vec::new(),
    };
    let pending = known.iter().filter(|m| !applied.contains(m)).count();
    let unknown: Vec<&String> = applied.iter().filter(|m| !known.contains(m)).collect();
    if !unknown.is_empty() {
        Finding::fail(
            "migrations",
            format!(
                "the database has {} migration(s) this version does not know, e.g. {}",
                unknown.len(),
                unknown[0]
            ),
            "run the Sunlight version that migrated it, or a newer one",
        )
    } else if pending > 0 {
        Finding::fail(
            "migrations",
            format!("{pending} of {} migrations not applied", known.len()),
            "run `sunlight migrate` (a start of the service does it too)",
        )
    } else {
        Finding::ok(
            "migrations",
            format!("all {} migrations applied", known.len()),
        )
    }
}

/// On PostgreSQL, how searches read the index: newest first from RUM, or every match sorted.
async fn search_index(db: &DatabaseConnection) -> Option<Finding> {
    use crate::store::search::Order;
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return None;
    }
    Some(match crate::store::search::order_of(db).await {
        Ok(Order::NewestFirst) => Finding::ok(
            "search index",
            "RUM: searches read the newest matches first and stop when a window is full",
        ),
        Ok(Order::Sorted) => Finding::warn(
            "search index",
            "GIN: searches read every match of their words and sort them; two common words took half a second at a province, and queued under load",
            "install PostgreSQL's RUM extension and make the index (README: Running on PostgreSQL)",
        ),
        Err(error) => Finding::warn(
            "search index",
            format!("could not be read: {error}"),
            "run `sunlight migrate` (a start of the service does it too)",
        ),
    })
}

/// This machine's clock against the database's, and against the newest audit entry.
async fn clock(db: &DatabaseConnection) -> Finding {
    let now = chrono::Utc::now();
    if db.get_database_backend() == DbBackend::Postgres {
        let theirs = db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms",
            ))
            .await
            .ok()
            .flatten()
            .and_then(|row| row.try_get::<i64>("", "ms").ok());
        if let Some(theirs) = theirs {
            let skew = (now.timestamp_millis() - theirs).unsigned_abs();
            if skew > CLOCK_WARN.as_millis() as u64 {
                return Finding::warn(
                    "clock",
                    format!("this machine's clock and the database's differ by {skew} ms"),
                    "synchronize both clocks (NTP)",
                );
            }
        }
    }
    let newest = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT MAX(at) AS at FROM audit_log",
        ))
        .await
        .ok()
        .flatten()
        .and_then(|row| {
            row.try_get::<Option<chrono::DateTime<chrono::Utc>>>("", "at")
                .ok()
                .flatten()
        });
    if let Some(newest) = newest
        && newest > now + chrono::Duration::seconds(60)
    {
        return Finding::fail(
            "clock",
            format!("the newest audit entry ({newest}) is later than this machine's clock ({now})"),
            "set the clock right before serving: dates of publication are read off it",
        );
    }
    Finding::ok("clock", format!("{}", now.format("%Y-%m-%d %H:%M:%S UTC")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_readable_by_others_fails_with_the_command_that_fixes_it() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("k.pem");
        std::fs::write(&path, "secret").expect("a key file");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644))
            .expect("permissions");
        let finding = secret_file(&path, true);
        assert_eq!(finding.verdict, Verdict::Fail);
        assert_eq!(
            finding.fix.as_deref(),
            Some(format!("chmod 600 {}", path.display()).as_str())
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
            .expect("permissions");
        assert_eq!(secret_file(&path, true).verdict, Verdict::Ok);
        assert_eq!(
            secret_file(&dir.path().join("missing"), true).verdict,
            Verdict::Fail
        );
        assert_eq!(
            secret_file(&dir.path().join("missing"), false).verdict,
            Verdict::Warn
        );
    }
}
