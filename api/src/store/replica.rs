//! Reads on a PostgreSQL streaming replica (`database_read_url`), with each writer reading its
//! own writes.
//!
//! Only the scoped reads of records (lookups, lists, relations, search, the review queue) of a
//! query go to the replica; mutations, subscriptions, statistics, logs, the change feed and the
//! work beside the requests stay on the primary. The replica's sessions are read-only, so a write
//! sent there by mistake fails instead of landing.
//!
//! After a caller's mutation, the primary's WAL position is noted under the caller (token
//! subject, else client address). Their queries go to the primary until the replica has replayed
//! that far. Other callers read the replica while it is at most [`MAX_LAG`] behind the
//! primary; past that, everyone reads the primary until it catches up, so that a retraction
//! reaches every reader within about that long. A replica that fails to answer is left alone
//! for a few seconds, and every read goes to the primary meanwhile.

use std::{
    collections::HashMap,
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use sea_orm::{ConnectionTrait as _, DatabaseConnection, DbBackend, Statement};

/// Writers remembered at most; past this the oldest half is forgotten.
const WRITERS: usize = 4096;

/// How long a replica that failed to answer is left alone.
const PAUSE: Duration = Duration::from_secs(5);

/// How long the replica's replay position and lag are believed before they are read again
/// (a tenth of it while the replica lags).
const CHECK: Duration = Duration::from_secs(1);

/// How far the replica has replayed the primary's WAL; on a server that is not in recovery
/// (a read URL naming the primary itself), how far it has written.
const REPLAYED: &str = "SELECT COALESCE(pg_last_wal_replay_lsn(), pg_current_wal_lsn())::text";

/// [`REPLAYED`], and how many seconds ago the last transaction it replayed committed.
const LAG: &str = "SELECT COALESCE(pg_last_wal_replay_lsn(), pg_current_wal_lsn())::text, \
     COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)::float8";

/// How far the primary has written.
const WRITTEN: &str = "SELECT pg_current_wal_lsn()::text";

/// How stale the replica may be: past this behind the primary, every query reads the primary
/// until it catches up, so that a retraction reaches every reader within about this long.
pub(crate) const MAX_LAG: Duration = Duration::from_secs(2);

/// A replica and what is known of how far it has come.
pub(crate) struct Replica {
    /// The pool on the replica.
    pub(crate) db: DatabaseConnection,
    /// The pool on the replica that queries routed there each hold a connection of.
    pub(crate) queries: sea_orm::sqlx::PgPool,
    /// The WAL position the replica was last seen to have replayed.
    replayed: AtomicU64,
    /// When [`Self::replayed`] and [`Self::lagging`] were last read.
    checked: Mutex<Option<Instant>>,
    /// Whether the replica was last seen more than [`MAX_LAG`] behind the primary.
    lagging: std::sync::atomic::AtomicBool,
    /// Until when the replica is left alone after a failure.
    paused_until: Mutex<Option<Instant>>,
    /// Each recent writer's WAL position after their last write, and when it was noted.
    writers: Mutex<HashMap<String, (u64, Instant)>>,
}

impl Replica {
    pub(crate) fn new(db: DatabaseConnection, queries: sea_orm::sqlx::PgPool) -> Self {
        Self {
            db,
            queries,
            replayed: AtomicU64::new(0),
            checked: Mutex::new(None),
            lagging: std::sync::atomic::AtomicBool::new(false),
            paused_until: Mutex::new(None),
            writers: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `writer`'s queries may read the replica now. `primary` is asked, at most once a
    /// second, how far it has written, to judge the replica's lag.
    pub(crate) async fn serves(&self, primary: &DatabaseConnection, writer: Option<&str>) -> bool {
        if self
            .paused_until
            .lock()
            .ok()
            .and_then(|p| *p)
            .is_some_and(|until| Instant::now() < until)
        {
            return false;
        }
        let written = writer
            .and_then(|w| {
                let writers = self.writers.lock().ok()?;
                writers.get(w).map(|(at, _)| *at)
            })
            .unwrap_or(0);
        // A lagging replica is looked at more often, so that it serves again soon after it
        // catches up.
        let every = if self.lagging.load(Ordering::Acquire) {
            CHECK / 10
        } else {
            CHECK
        };
        let checked_lately = self
            .checked
            .lock()
            .ok()
            .and_then(|c| *c)
            .is_some_and(|at| at.elapsed() < every);
        if !checked_lately && !self.check(primary).await {
            return false;
        }
        if self.lagging.load(Ordering::Acquire) {
            return false;
        }
        if self.replayed.load(Ordering::Acquire) >= written {
            self.forget(writer, written);
            return true;
        }
        // A writer the replica has not caught up with: ask it again, each time.
        match position(&self.db, REPLAYED).await {
            Ok(replayed) => {
                self.replayed.fetch_max(replayed, Ordering::AcqRel);
                let caught_up = self.replayed.load(Ordering::Acquire) >= written;
                if caught_up {
                    self.forget(writer, written);
                }
                caught_up
            }
            Err(error) => {
                self.pause(&error);
                false
            }
        }
    }

    /// Reads how far the replica has replayed and how far behind the primary it is; false when
    /// either cannot be read (the replica is then left alone for a while).
    async fn check(&self, primary: &DatabaseConnection) -> bool {
        let written = match position(primary, WRITTEN).await {
            Ok(written) => written,
            Err(error) => {
                tracing::warn!(%error, "could not read the primary's WAL position");
                return false;
            }
        };
        let state = async {
            let row = self
                .db
                .query_one_raw(Statement::from_string(DbBackend::Postgres, LAG))
                .await?
                .ok_or_else(|| sea_orm::DbErr::Custom("no replay position".into()))?;
            let replayed: String = row.try_get_by_index(0)?;
            let idle: f64 = row.try_get_by_index(1)?;
            let replayed = parse_lsn(&replayed)
                .ok_or_else(|| sea_orm::DbErr::Custom(format!("not a WAL position: {replayed}")))?;
            Ok::<_, sea_orm::DbErr>((replayed, idle))
        };
        match state.await {
            Ok((replayed, idle)) => {
                self.replayed.fetch_max(replayed, Ordering::AcqRel);
                // Behind the primary, and what it last replayed committed longer ago than the
                // lag allowed: what it shows may be older than that.
                let lagging = replayed < written && idle > MAX_LAG.as_secs_f64();
                if lagging && !self.lagging.load(Ordering::Acquire) {
                    tracing::warn!(
                        seconds = idle,
                        "the read replica lags; reading the primary until it catches up"
                    );
                }
                self.lagging.store(lagging, Ordering::Release);
                if let Ok(mut checked) = self.checked.lock() {
                    *checked = Some(Instant::now());
                }
                true
            }
            Err(error) => {
                self.pause(&error);
                false
            }
        }
    }

    /// Notes that `writer` has just written on `primary`: their queries read the primary until
    /// the replica has replayed the primary's present WAL position.
    pub(crate) async fn wrote(&self, primary: &DatabaseConnection, writer: &str) {
        let at = match position(primary, WRITTEN).await {
            Ok(at) => at,
            Err(error) => {
                // Without the position, the replica cannot be trusted for this writer at all.
                tracing::warn!(%error, "could not read the primary's WAL position after a write");
                u64::MAX
            }
        };
        if let Ok(mut writers) = self.writers.lock() {
            if writers.len() >= WRITERS {
                let mut ages: Vec<Instant> = writers.values().map(|(_, noted)| *noted).collect();
                ages.sort_unstable();
                let cut = ages[ages.len() / 2];
                writers.retain(|_, (_, noted)| *noted > cut);
            }
            writers.insert(writer.to_owned(), (at, Instant::now()));
        }
    }

    /// Forgets `writer` once the replica has their write at `written`, unless they wrote again.
    fn forget(&self, writer: Option<&str>, written: u64) {
        if let (Some(writer), Ok(mut writers)) = (writer, self.writers.lock())
            && writers.get(writer).is_some_and(|(at, _)| *at <= written)
        {
            writers.remove(writer);
        }
    }

    fn pause(&self, error: &sea_orm::DbErr) {
        tracing::warn!(%error, "the read replica does not answer; reading the primary for 5 s");
        if let Ok(mut paused) = self.paused_until.lock() {
            *paused = Some(Instant::now() + PAUSE);
        }
    }
}

/// A WAL position that `sql` reads, as a number.
async fn position(db: &DatabaseConnection, sql: &str) -> Result<u64, sea_orm::DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await?
        .ok_or_else(|| sea_orm::DbErr::Custom("no WAL position".into()))?;
    let text: String = row.try_get_by_index(0)?;
    parse_lsn(&text).ok_or_else(|| sea_orm::DbErr::Custom(format!("not a WAL position: {text}")))
}

/// `X/Y` (two hexadecimal halves) as one number.
fn parse_lsn(text: &str) -> Option<u64> {
    let (high, low) = text.split_once('/')?;
    let high = u64::from_str_radix(high, 16).ok()?;
    let low = u64::from_str_radix(low, 16).ok()?;
    (high <= u64::from(u32::MAX) && low <= u64::from(u32::MAX)).then_some((high << 32) | low)
}

#[cfg(test)]
mod tests {
    use super::parse_lsn;

    #[test]
    fn wal_positions_compare_as_numbers() {
        assert_eq!(parse_lsn("0/0"), Some(0));
        assert_eq!(parse_lsn("16/B374D848"), Some(0x16_B374_D848));
        assert!(parse_lsn("1/0") > parse_lsn("0/FFFFFFFF"));
        assert_eq!(parse_lsn("zz"), None);
        assert_eq!(parse_lsn("1/2/3"), None);
        assert_eq!(parse_lsn("100000000/0"), None);
    }
}
