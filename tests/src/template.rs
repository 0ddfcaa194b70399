//! Databases that start where a server start leaves them: migrated, the demo county loaded,
//! the search index built and the change feed filled. Every test would do the same work over
//! again (about a second on PostgreSQL), so it is done once per test process into a template,
//! and every test gets a copy, which takes a fifth of that.
//!
//! On PostgreSQL the template is a database the server clones (`CREATE DATABASE … TEMPLATE`).
//! It is kept after the process ends, so that a later run of the same test binary starts at
//! once; its name carries a digest of the binary, so that code that differs never gets a
//! template built by other code. On SQLite the template is the bytes of a prepared file, held
//! in memory and written into each test's data directory.

use std::{
    path::Path,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use anyhow::{Context as _, bail};
use sea_orm::sqlx::{self, AssertSqlSafe, Connection as _, PgConnection, Row as _};
use tokio::sync::OnceCell;

/// The file Sunlight keeps its SQLite database in, inside `data_dir`, when no `database_url`
/// is set (see `Config::database_url`).
pub(crate) const SQLITE_FILE: &str = "sunlight.sqlite";

/// Ready templates: `sunlight_template_<digest>_<built at, Unix seconds>`.
const READY: &str = "sunlight_template_";
/// Templates being built; renamed to a ready name only once complete, so that a half-built
/// template is never cloned.
const PARTIAL: &str = "sunlight_partial_";

/// Serializes building and removing templates across test processes on one server.
const BUILD_LOCK: i64 = 0x5355_4E4C_5445_4D50; // "SUNLTEMP"

/// The demo county schedules a bulletin 12 hours after it is loaded, to show the media
/// embargo: a template is only as good as that bulletin is still in the future by about as
/// much as a fresh load would put it. An hour keeps the difference small.
const FRESH_FOR: Duration = Duration::from_secs(3600);

/// Templates older than this are dropped when a new one is built. A test process clones only
/// from a template it found fresh, so one twice as old is no longer in anyone's use unless a
/// run lasted an hour.
const DROP_AFTER: Duration = Duration::from_secs(2 * 3600);

/// The database the server copies for each PostgreSQL test, built once per test process.
static POSTGRES: OnceCell<String> = OnceCell::const_new();
/// The prepared SQLite file, built once per test process.
static SQLITE: OnceCell<Vec<u8>> = OnceCell::const_new();

/// The name of a prepared template database on the PostgreSQL server `server`.
pub(crate) async fn postgres(server: &str) -> anyhow::Result<&'static str> {
    let name = POSTGRES
        .get_or_try_init(|| build_postgres(server.to_owned()))
        .await?;
    Ok(name)
}

/// Writes a prepared SQLite database into `data_dir`, where the server looks for it.
pub(crate) async fn sqlite_into(data_dir: &Path) -> anyhow::Result<()> {
    let bytes = SQLITE.get_or_try_init(build_sqlite).await?;
    tokio::fs::write(data_dir.join(SQLITE_FILE), bytes).await?;
    Ok(())
}

/// Runs what a server start does to a database, then lets go of it.
async fn prepare(config: &sunlight::config::Config) -> anyhow::Result<()> {
    let (_, connection) = sunlight::server::prepare(config).await?;
    if connection.get_database_backend() == sea_orm::DbBackend::Sqlite {
        use sea_orm::ConnectionTrait as _;
        // Everything into the main file, which is all that is copied.
        connection
            .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await?;
    }
    connection.close().await?;
    Ok(())
}

async fn build_sqlite() -> anyhow::Result<Vec<u8>> {
    let started = std::time::Instant::now();
    let dir = tempfile::tempdir()?;
    prepare(&crate::test_config(None, dir.path().to_owned())).await?;
    let file = dir.path().join(SQLITE_FILE);
    let wal = dir.path().join(format!("{SQLITE_FILE}-wal"));
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        bail!("{} still holds pages after the checkpoint", wal.display());
    }
    let bytes = tokio::fs::read(&file)
        .await
        .with_context(|| format!("the prepared database is not at {}", file.display()))?;
    eprintln!(
        "prepared the SQLite template ({} KiB) in {:.1} s",
        bytes.len() / 1024,
        started.elapsed().as_secs_f64()
    );
    Ok(bytes)
}

/// A digest of this test binary: everything that decides what a template holds (migrations,
/// the demo county, the search index, the change feed) is compiled into it.
fn fingerprint() -> anyhow::Result<String> {
    use std::io::Read as _;
    let exe = std::env::current_exe()?;
    let mut file = std::fs::File::open(&exe)?;
    // ring rather than sha2: the binary is some hundred megabytes, which the unoptimized
    // sha2 of a debug build takes seconds over.
    let mut context = ring::digest::Context::new(&ring::digest::SHA256);
    let mut buffer = vec![0; 1 << 20];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        context.update(&buffer[..n]);
    }
    let digest = context.finish();
    Ok(digest
        .as_ref()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// A template's digest and when it was built, read from its name.
fn parse(name: &str, prefix: &str) -> Option<(String, u64)> {
    let (digest, at) = name.strip_prefix(prefix)?.split_once('_')?;
    Some((digest.to_owned(), at.parse().ok()?))
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// Runs `sql`, made by the suite of names it generates, on the session `conn`.
pub(crate) async fn execute(conn: &mut PgConnection, sql: String) -> anyhow::Result<()> {
    sqlx::raw_sql(AssertSqlSafe(sql.clone()))
        .execute(&mut *conn)
        .await
        .with_context(|| sql)?;
    Ok(())
}

async fn build_postgres(server: String) -> anyhow::Result<String> {
    let digest = tokio::task::spawn_blocking(fingerprint).await??;
    let mut admin = crate::admin(&server).await?;
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(BUILD_LOCK)
        .execute(&mut admin)
        .await?;
    let result = find_or_build(&mut admin, &server, &digest).await;
    // Closing the session releases the lock even if unlocking fails.
    let _ = sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(BUILD_LOCK)
        .execute(&mut admin)
        .await;
    let _ = admin.close().await;
    result
}

/// Under the build lock: a fresh template of this binary, or a new one.
async fn find_or_build(
    admin: &mut PgConnection,
    server: &str,
    digest: &str,
) -> anyhow::Result<String> {
    let names: Vec<String> = sqlx::query("SELECT datname FROM pg_database")
        .fetch_all(&mut *admin)
        .await?
        .iter()
        .map(|row| row.try_get::<String, _>(0))
        .collect::<Result<_, _>>()?;
    let now = now();
    let fresh = names
        .iter()
        .filter_map(|name| Some((name, parse(name, READY)?)))
        .filter(|(_, (d, at))| d == digest && now.saturating_sub(*at) < FRESH_FOR.as_secs())
        .max_by_key(|(_, (_, at))| *at);
    if let Some((name, _)) = fresh {
        return Ok(name.clone());
    }

    let started = std::time::Instant::now();
    let partial = format!("{PARTIAL}{digest}_{now}");
    let ready = format!("{READY}{digest}_{now}");
    execute(admin, format!("CREATE DATABASE {partial}")).await?;
    let url = crate::with_database(server, &partial)?;
    let dir = tempfile::tempdir()?;
    if let Err(e) = prepare(&crate::test_config(Some(url), dir.path().to_owned())).await {
        let _ = execute(
            admin,
            format!("DROP DATABASE IF EXISTS {partial} WITH (FORCE)"),
        )
        .await;
        return Err(e.context("could not prepare the PostgreSQL template"));
    }
    // Nobody may connect to a template: the server refuses to copy a database that has
    // sessions, and a session could change it.
    execute(
        admin,
        format!("ALTER DATABASE {partial} WITH ALLOW_CONNECTIONS false"),
    )
    .await?;
    execute(admin, format!("ALTER DATABASE {partial} RENAME TO {ready}")).await?;
    eprintln!(
        "prepared the PostgreSQL template {ready} in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    for name in &names {
        let old = [READY, PARTIAL].iter().any(|prefix| {
            parse(name, prefix)
                .is_some_and(|(_, at)| now.saturating_sub(at) >= DROP_AFTER.as_secs())
        });
        if old {
            // Another process may still hold it as its template; failing to drop is harmless.
            if let Err(e) = execute(
                admin,
                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            )
            .await
            {
                eprintln!("could not drop the old template {name}: {e:#}");
            }
        }
    }
    Ok(ready)
}

/// Creates the database `name` as a copy of `template`.
pub(crate) async fn clone_postgres(
    admin: &mut PgConnection,
    template: &str,
    name: &str,
) -> anyhow::Result<()> {
    let sql = format!("CREATE DATABASE {name} TEMPLATE {template}");
    let mut wait = Duration::from_millis(50);
    for _ in 0..8 {
        match sqlx::raw_sql(AssertSqlSafe(sql.clone()))
            .execute(&mut *admin)
            .await
        {
            Ok(_) => return Ok(()),
            // 55006: the template has a session, such as autovacuum's; it soon ends.
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("55006") => {
                tokio::time::sleep(wait).await;
                wait *= 2;
            }
            Err(e) => return Err(anyhow::Error::new(e).context(sql)),
        }
    }
    execute(admin, sql).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_tell_their_digest_and_age() {
        assert_eq!(
            parse("sunlight_template_0123456789abcdef_1700000000", READY),
            Some(("0123456789abcdef".to_owned(), 1_700_000_000))
        );
        assert_eq!(
            parse("sunlight_template_0123456789abcdef_1700000000", PARTIAL),
            None
        );
        assert_eq!(parse("sunlight_test_0123", READY), None);
    }
}
