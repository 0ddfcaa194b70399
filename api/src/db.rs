//! Opening the database: refusing files that are not ours, tuning SQLite, applying migrations.

use std::{path::PathBuf, time::Duration};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

use crate::config::Config;

/// `PRAGMA application_id` of a Sunlight SQLite file: "SUNL" in ASCII.
const APPLICATION_ID: i64 = 0x5355_4E4C;

/// Why the database cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The URL names neither SQLite nor PostgreSQL.
    #[error("DATABASE_URL must start with sqlite:// or postgres://, got {0:?}")]
    UnsupportedUrl(String),
    /// The file exists and is not a SQLite database.
    #[error(
        "{0} is not a SQLite database (corrupted or foreign file); Sunlight leaves it untouched. Move it away or set DATABASE_URL"
    )]
    NotSqlite(PathBuf),
    /// The file is a SQLite database of something else.
    #[error(
        "{0} is a SQLite database that Sunlight did not create; it is left untouched. Move it away or set DATABASE_URL"
    )]
    Foreign(PathBuf),
    /// The SQLite file fails its integrity check.
    #[error("{path} fails SQLite's integrity check ({detail}); it is left untouched")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What SQLite reported.
        detail: String,
    },
    /// The database did not answer in time.
    #[error("the database at {url} did not answer within {secs} s")]
    Timeout {
        /// The URL with any password removed.
        url: String,
        /// The wait.
        secs: u64,
    },
    /// The database refused or failed.
    #[error("cannot open the database at {url}: {source}")]
    Connect {
        /// The URL with any password removed.
        url: String,
        /// The cause.
        source: sea_orm::DbErr,
    },
    /// A file or directory could not be prepared.
    #[error("cannot prepare {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A migration failed.
    #[error("migrating the database failed: {0}")]
    Migrate(sea_orm::DbErr),
}

/// The URL without its password, for messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The SQLite file a `sqlite://` URL names, if it is a file.
pub(crate) fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    Some(PathBuf::from(path))
}

/// Refuses an existing file that is not a SQLite database, before SQLite may touch it.
fn check_sqlite_header(path: &std::path::Path) -> Result<(), OpenError> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(OpenError::Io {
                path: path.to_owned(),
                source,
            });
        }
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => {
                return Err(OpenError::Io {
                    path: path.to_owned(),
                    source,
                });
            }
        }
    }
    if read == 0 {
        return Ok(()); // an empty file is a new database
    }
    if read < header.len() || header != *b"SQLite format 3\0" {
        return Err(OpenError::NotSqlite(path.to_owned()));
    }
    Ok(())
}

/// Prepared statements each SQLite connection keeps, the most recently used (the driver's
/// default is 100). A statement that touched many tables holds their parsed form: after a
/// manifest had read every kind, the 16 connections held some 20 MiB of them; 20 cost no
/// measurable speed on requests that cycle through twenty queries.
const SQLITE_STATEMENTS_KEPT: usize = 20;

/// Opens the configured database, checks it is Sunlight's (or empty), and applies migrations.
pub async fn open(config: &Config) -> Result<DatabaseConnection, OpenError> {
    let url = config.database_url();
    let shown = redact_url(&url);
    let is_sqlite = url.starts_with("sqlite:");
    if !is_sqlite && !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
        return Err(OpenError::UnsupportedUrl(shown));
    }
    let path = if is_sqlite { sqlite_path(&url) } else { None };
    if let Some(path) = &path {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| OpenError::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        check_sqlite_header(path)?;
    }
    let new_sqlite_file = match &path {
        Some(path) => inspect_sqlite(path).await?,
        None => false,
    };

    let db = connect(config, &url, &shown, false).await?;
    if new_sqlite_file {
        db.execute_unprepared(&format!("PRAGMA application_id = {APPLICATION_ID}"))
            .await
            .map_err(|source| OpenError::Connect {
                url: shown.clone(),
                source,
            })?;
    }
    migrate(&db, config.db_connect_timeout()).await?;
    Ok(db)
}

/// Applies the migrations a newer Sunlight has. No request waits on a start, so on PostgreSQL
/// a pool that cannot hand out a connection in a request's short wait (a database busy with
/// others) is asked again until `within` is over, as opening it was. There each migration runs
/// in a transaction: one that failed so ran nothing or rolled back, and the next try starts
/// where it stopped. SQLite's migrations run without one, so a failure there is final.
async fn migrate(db: &DatabaseConnection, within: Duration) -> Result<(), OpenError> {
    let deadline = tokio::time::Instant::now() + within;
    let postgres = db.get_database_backend() == sea_orm::DbBackend::Postgres;
    loop {
        match Migrator::up(db, None).await {
            Ok(()) => return Ok(()),
            Err(source)
                if postgres
                    && crate::error::outage(&source) == Some(crate::error::Outage::Unreachable)
                    && tokio::time::Instant::now() + Duration::from_millis(100) < deadline =>
            {
                tracing::info!(error = %source, "the database cannot migrate yet; trying again");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(source) => return Err(OpenError::Migrate(source)),
        }
    }
}

/// A pool on `url` (`shown` in errors) as configured, read-only when `read_only`. Waits up to
/// the connect timeout for a database that is slow to answer (busy, or still starting).
async fn connect(
    config: &Config,
    url: &str,
    shown: &str,
    read_only: bool,
) -> Result<DatabaseConnection, OpenError> {
    let timeout = config.db_connect_timeout();
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(config.pool_max_connections.max(1))
        .connect_timeout(timeout)
        .acquire_timeout(config.pool_acquire_timeout())
        // A connection handed back a moment ago is known to work: the driver pings each one
        // as it comes back. Pinging it again as it goes out cost a round trip per statement, a
        // third of the messages a request sent to PostgreSQL; a connection idle for a second
        // may have been dropped by the server or on the way, and is still pinged first.
        .test_before_acquire_if_idle_for(Duration::from_secs(1))
        .sqlx_logging(false)
        .map_sqlx_postgres_opts({
            let statement_timeout = format!("{}s", config.statement_timeout_secs.max(1));
            move |opts| {
                // No JIT: Sunlight's statements are short, and a large estimated cost (a search
                // over a province's index) made PostgreSQL spend a second compiling a plan that
                // ran in 40 ms.
                let opts = opts.options([
                    ("statement_timeout", statement_timeout.as_str()),
                    ("jit", "off"),
                ]);
                if read_only {
                    // Refused by the replica anyway; this says so before it is asked.
                    opts.options([("default_transaction_read_only", "on")])
                } else {
                    opts
                }
            }
        })
        .map_sqlx_sqlite_pool_opts(|pool| pool.after_release(|conn, _| Box::pin(reusable(conn))))
        .map_sqlx_sqlite_opts({
            // A writer waits for the write lock as long as its request may last.
            let busy = Duration::from_secs(config.request_timeout_secs.max(5));
            let cache_kib = config.sqlite_cache_kib;
            move |opts| {
                // WAL lets readers run beside the writer; FULL syncs each commit to disk, so an
                // acknowledged write survives a power cut, not only a process crash.
                opts.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(busy)
                    // Each connection keeps a page cache and its prepared statements: both
                    // are bounded so that the pool's memory stays small whatever it has read.
                    .pragma("cache_size", format!("-{cache_kib}"))
                    .statement_cache_capacity(SQLITE_STATEMENTS_KEPT)
            }
        });
    // Opening waits up to the connect timeout for a database that is slow to answer (busy, or
    // still starting), not the much shorter wait of a request for a connection: a first
    // connection the pool gave up on is asked for again until the deadline.
    let deadline = tokio::time::Instant::now() + timeout;
    let db = loop {
        match tokio::time::timeout_at(deadline, Database::connect(options.clone())).await {
            Err(_) => {
                return Err(OpenError::Timeout {
                    url: shown.to_owned(),
                    secs: timeout.as_secs(),
                });
            }
            Ok(Err(source))
                if crate::error::outage(&source).is_some()
                    && tokio::time::Instant::now() + Duration::from_millis(100) < deadline =>
            {
                tracing::info!(error = %source, "the database does not answer yet; trying again");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Ok(Err(source)) => {
                return Err(OpenError::Connect {
                    url: shown.to_owned(),
                    source,
                });
            }
            Ok(Ok(db)) => break db,
        }
    };
    Ok(db)
}

/// Opens the configured read replica, if any: a pool like the primary's whose sessions are
/// read-only, and a second such pool for the reads of queries routed there, each of which
/// holds one of its connections (see `store::held`). It is not migrated; it follows the
/// primary.
pub async fn open_replica(
    config: &Config,
) -> Result<Option<(DatabaseConnection, sea_orm::sqlx::PgPool)>, OpenError> {
    let Some(url) = &config.database_read_url else {
        return Ok(None);
    };
    let shown = redact_url(url);
    let db = connect(config, url, &shown, true).await?;
    let queries = connect(config, url, &shown, true).await?;
    Ok(Some((db, queries.get_postgres_connection_pool().clone())))
}

/// On PostgreSQL, a second pool on the primary for the reads of queries, each of which holds
/// one of its connections from its first read to its last (see `store::held`); on SQLite,
/// none. As large as the main pool.
pub async fn open_query_pool(config: &Config) -> Result<Option<sea_orm::sqlx::PgPool>, OpenError> {
    let url = config.database_url();
    if url.starts_with("sqlite:") {
        return Ok(None);
    }
    let shown = redact_url(&url);
    let db = connect(config, &url, &shown, false).await?;
    Ok(Some(db.get_postgres_connection_pool().clone()))
}

/// Whether a SQLite connection handed back to the pool may serve again: only when the driver
/// counts no open transaction. After a write fails with `SQLITE_FULL` or an I/O error, SQLite
/// may roll the whole transaction back on its own; the driver's `ROLLBACK` then fails and it
/// goes on counting a transaction, so the next `BEGIN` would become a `SAVEPOINT`, and a
/// `ROLLBACK` that fails with the transaction still open leaves the same count. Either way the
/// next request's "commit" would be acknowledged without reaching the file. Such a connection
/// is closed, which ends whatever SQLite still holds, and a new one replaces it. The ping waits
/// for the rollback that dropping the transaction queued, so the count is read after it.
async fn reusable(
    conn: &mut sea_orm::sqlx::SqliteConnection,
) -> Result<bool, sea_orm::sqlx::Error> {
    use sea_orm::sqlx::{Connection as _, sqlite::SqliteTransactionManager};
    use sqlx_core::transaction::TransactionManager as _;
    conn.ping().await?;
    if SqliteTransactionManager::get_transaction_depth(conn) != 0 {
        tracing::warn!("closing a SQLite connection left with a transaction after a failure");
        return Ok(false);
    }
    Ok(true)
}

/// Looks into an existing SQLite file read-only, before anything may change it: it must be
/// Sunlight's (and pass SQLite's quick check) or hold no tables. Returns whether it is new.
async fn inspect_sqlite(path: &std::path::Path) -> Result<bool, OpenError> {
    use sea_orm::sqlx::{Connection, Row, sqlite::SqliteConnectOptions};
    if std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) == 0 {
        return Ok(true);
    }
    let not_sqlite = || OpenError::NotSqlite(path.to_owned());
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = sea_orm::sqlx::SqliteConnection::connect_with(&options)
        .await
        .map_err(|_| not_sqlite())?;
    let app_id: i64 = sea_orm::sqlx::query("PRAGMA application_id")
        .fetch_one(&mut conn)
        .await
        .and_then(|row| row.try_get(0))
        .map_err(|_| not_sqlite())?;
    let result = if app_id == APPLICATION_ID {
        let check: String = sea_orm::sqlx::query("PRAGMA quick_check")
            .fetch_one(&mut conn)
            .await
            .and_then(|row| row.try_get(0))
            .map_err(|e| OpenError::Corrupt {
                path: path.to_owned(),
                detail: e.to_string(),
            })?;
        if check == "ok" {
            Ok(false)
        } else {
            Err(OpenError::Corrupt {
                path: path.to_owned(),
                detail: check,
            })
        }
    } else {
        let tables: i64 = sea_orm::sqlx::query("SELECT count(*) FROM sqlite_master")
            .fetch_one(&mut conn)
            .await
            .and_then(|row| row.try_get(0))
            .map_err(|_| not_sqlite())?;
        if tables > 0 {
            Err(OpenError::Foreign(path.to_owned()))
        } else {
            Ok(true)
        }
    };
    let _ = conn.close().await;
    result
}

/// The `n`-th bind placeholder of a hand-written statement: `$n` on PostgreSQL, `?` on SQLite.
pub fn placeholder(backend: sea_orm::DbBackend, n: usize) -> String {
    if backend == sea_orm::DbBackend::Postgres {
        format!("${n}")
    } else {
        "?".to_owned()
    }
}

/// Begins a transaction that writes. On SQLite it starts IMMEDIATE: it takes the write lock at
/// once, so concurrent writers wait their turn (up to the busy timeout) instead of failing when
/// a read inside the transaction would have to become a write.
pub async fn begin_write(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::TransactionTrait as _;
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        db.begin_with_options(sea_orm::TransactionOptions {
            sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await
    } else {
        db.begin().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact_url("postgres://sun:secret@db:5432/sunlight"),
            "postgres://sun:***@db:5432/sunlight"
        );
        assert_eq!(
            redact_url("postgres://db/sunlight"),
            "postgres://db/sunlight"
        );
    }

    #[tokio::test]
    async fn each_sqlite_connection_keeps_a_bounded_cache_of_pages_and_statements()
    -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let config = Config {
            data_dir: dir.path().to_owned(),
            sqlite_cache_kib: 300,
            pool_max_connections: 2,
            ..Config::default()
        };
        let db = open(&config).await?;
        let pool = db.get_sqlite_connection_pool();
        // Two connections held at once: the setting is each one's, not the first one's.
        let mut first = pool.acquire().await?;
        let mut second = pool.acquire().await?;
        for connection in [&mut first, &mut second] {
            let (kib,): (i64,) = sea_orm::sqlx::query_as("PRAGMA cache_size")
                .fetch_one(&mut **connection)
                .await?;
            assert_eq!(kib, -300, "a negative cache_size is in KiB");
        }
        // Thirty statements on one connection: it keeps the most recent twenty.
        for n in 0..30 {
            sea_orm::sqlx::query(sea_orm::sqlx::AssertSqlSafe(format!("SELECT {n}")))
                .execute(&mut *first)
                .await?;
        }
        assert_eq!(
            sea_orm::sqlx::Connection::cached_statements_size(&*first),
            SQLITE_STATEMENTS_KEPT
        );
        assert_eq!(Config::default().sqlite_cache_kib, 512);
        Ok(())
    }

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_path("sqlite://data/sunlight.sqlite?mode=rwc"),
            Some(PathBuf::from("data/sunlight.sqlite"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }
}
