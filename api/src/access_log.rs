//! The access log: which caller was served which non-public records, and when.
//!
//! While a response is computed for a caller who may see more than the public (any role but
//! the anonymous public and media), a [`Reads`] collects every record it serves whose scope is
//! not PUBLIC, and every record on which it serves a field whose policy needs more than PUBLIC
//! (see [`crate::access::policy::Scoped::field`]). Once the response is ready, the set goes
//! into a bounded queue without waiting; every 500 ms a background task takes what is queued
//! and writes it in batches of up to 10,000 rows, one transaction each. A full queue costs the
//! rows, never the request's time: the server log says how many. They are not counted in
//! `/metrics`, which holds no figure derived from non-public reads. Stopping the server writes
//! what is still queued.

use std::{
    collections::HashSet,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use chrono::{DateTime, SubsecRound, Utc};
use entity::enums::RecordKind;
use sea_orm::{
    ActiveEnum, ConnectionTrait, DatabaseConnection, DbErr, Value,
    sea_query::{Alias, Expr, ExprTrait, Query},
};
use tokio::{
    sync::{mpsc, oneshot},
    task::JoinHandle,
};

/// Most rows in one batch. Few large batches cost far less than many small ones: on SQLite,
/// every commit makes each reading connection drop its page cache.
pub const BATCH_ROWS: usize = 10_000;
/// Longest a row waits before its batch is written.
pub const BATCH_INTERVAL: Duration = Duration::from_millis(500);
/// Responses queued for the writer, enough for one interval of a busy server; beyond this,
/// rows are dropped and counted.
pub const QUEUE: usize = 16_384;
/// Rows per `INSERT` statement within a batch.
const ROWS_PER_STATEMENT: usize = 250;
/// At most one warning about dropped rows in this time.
const WARN_EVERY: Duration = Duration::from_secs(10);

/// The non-public records served in one response, noted while it is computed.
#[derive(Debug, Default)]
pub struct Reads {
    records: Mutex<HashSet<(RecordKind, i64)>>,
}

impl Reads {
    /// Notes that record `id` of `kind` was served with content beyond the public's.
    pub fn note(&self, kind: RecordKind, id: i64) {
        if let Ok(mut records) = self.records.lock() {
            records.insert((kind, id));
        }
    }

    /// The records noted so far, in order, leaving none behind.
    pub fn take(&self) -> Vec<(RecordKind, i64)> {
        let mut out: Vec<_> = match self.records.lock() {
            Ok(mut records) => records.drain().collect(),
            Err(_) => Vec::new(),
        };
        out.sort_unstable();
        out
    }
}

/// A served record and the [`Reads`] of its request: a non-public field served from the record
/// is noted against it.
#[derive(Clone, Debug)]
pub struct Witness {
    reads: Arc<Reads>,
    kind: RecordKind,
    id: i64,
}

impl Witness {
    /// Notes in `reads` what is served of record `id` of `kind`.
    pub fn new(reads: Arc<Reads>, kind: RecordKind, id: i64) -> Self {
        Self { reads, kind, id }
    }

    /// Notes that the record was served with content beyond the public's.
    pub fn note(&self) {
        self.reads.note(self.kind, self.id);
    }
}

/// The reads of one response, queued for writing.
#[derive(Debug)]
pub struct Read {
    /// When the response was computed.
    pub at: DateTime<Utc>,
    /// The token's subject.
    pub actor: String,
    /// The caller's role.
    pub role: &'static str,
    /// The request's id, as in the server log and the `X-Request-Id` header.
    pub request_id: String,
    /// The records.
    pub records: Vec<(RecordKind, i64)>,
}

/// Where requests hand their reads. Cheap to clone.
#[derive(Clone)]
pub struct AccessLog {
    queue: Option<mpsc::Sender<Read>>,
    warned: Arc<Mutex<Option<Instant>>>,
}

impl AccessLog {
    /// No access log: nothing is collected or written.
    pub fn off() -> Self {
        Self {
            queue: None,
            warned: Arc::default(),
        }
    }

    /// Starts the writer on `db`: the handle for requests, and the writer to finish at shutdown.
    pub fn start(db: DatabaseConnection) -> (Self, Writer) {
        let (queue, rx) = mpsc::channel(QUEUE);
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(run(db, rx, stopped));
        (
            Self {
                queue: Some(queue),
                warned: Arc::default(),
            },
            Writer {
                stop: Some(stop),
                task,
            },
        )
    }

    /// Whether reads are collected at all.
    pub fn enabled(&self) -> bool {
        self.queue.is_some()
    }

    /// Queues `read` for writing, without waiting: when the queue is full, its rows are dropped
    /// and the server log says so.
    pub fn record(&self, read: Read) {
        let Some(queue) = &self.queue else { return };
        if read.records.is_empty() {
            return;
        }
        let rows = read.records.len() as u64;
        if let Err(e) = queue.try_send(read) {
            let full = matches!(e, mpsc::error::TrySendError::Full(_));
            if let Ok(mut warned) = self.warned.lock()
                && warned.is_none_or(|at| at.elapsed() >= WARN_EVERY)
            {
                *warned = Some(Instant::now());
                if full {
                    tracing::warn!(rows, "the access log's queue is full: rows are dropped");
                } else {
                    tracing::warn!(
                        rows,
                        "the access log's writer has stopped: rows are dropped"
                    );
                }
            }
        }
    }
}

/// The background writer of the access log.
pub struct Writer {
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl Writer {
    /// Writes everything still queued and ends the writer.
    pub async fn finish(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Err(e) = (&mut self.task).await {
            tracing::error!(error = %e, "the access log's writer failed");
        }
    }
}

/// Every [`BATCH_INTERVAL`], takes what is queued and writes it; when stopped, writes what is
/// left and ends. The writer is never woken by a request: requests only fill the queue.
async fn run(
    db: DatabaseConnection,
    mut rx: mpsc::Receiver<Read>,
    mut stopped: oneshot::Receiver<()>,
) {
    let mut tick = tokio::time::interval(BATCH_INTERVAL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let stopping = tokio::select! {
            _ = tick.tick() => false,
            // Stopped, or the handle to stop it is gone.
            _ = &mut stopped => true,
        };
        if stopping {
            rx.close();
        }
        let mut pending: Vec<Read> = Vec::new();
        let mut rows = 0;
        while let Ok(read) = rx.try_recv() {
            rows += read.records.len();
            pending.push(read);
            if rows >= BATCH_ROWS {
                flush(&db, &mut pending).await;
                rows = 0;
            }
        }
        flush(&db, &mut pending).await;
        if stopping {
            return;
        }
    }
}

/// Writes `pending` in one transaction and empties it; a failed batch is dropped, and the
/// server log says so.
async fn flush(db: &DatabaseConnection, pending: &mut Vec<Read>) {
    if pending.is_empty() {
        return;
    }
    let rows: u64 = pending.iter().map(|r| r.records.len() as u64).sum();
    if let Err(e) = write(db, pending).await {
        tracing::error!(error = %e, rows, "cannot write a batch of the access log: its rows are dropped");
    }
    pending.clear();
}

/// One row of the log.
fn row(read: &Read, kind: RecordKind, id: i64) -> [Value; 6] {
    [
        read.at.into(),
        read.actor.clone().into(),
        read.role.into(),
        kind.to_value().into(),
        id.into(),
        read.request_id.clone().into(),
    ]
}

/// Inserts the rows of `reads` in one transaction.
pub async fn write(db: &DatabaseConnection, reads: &[Read]) -> Result<(), DbErr> {
    let rows: Vec<[Value; 6]> = reads
        .iter()
        .flat_map(|read| read.records.iter().map(|&(k, id)| row(read, k, id)))
        .collect();
    let txn = crate::db::begin_write(db).await?;
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let mut insert = Query::insert();
        insert.into_table(Alias::new("access_log")).columns(
            [
                "at",
                "actor",
                "role",
                "record_kind",
                "record_id",
                "request_id",
            ]
            .map(Alias::new),
        );
        for values in chunk {
            insert
                .values(values.iter().cloned().map(Expr::val))
                .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        txn.execute(&insert).await?;
    }
    txn.commit().await
}

/// Rows deleted by one statement of [`prune`]: small, so that no write waits long on it.
const PRUNE_BATCH: u64 = 1_000;

/// Deletes the rows of the access log older than `before`, in batches of [`PRUNE_BATCH`], each
/// its own short transaction; returns how many. The audit log and published history are never
/// pruned: only this log of reads is.
pub async fn prune(db: &DatabaseConnection, before: DateTime<Utc>) -> Result<u64, DbErr> {
    let mut pruned = 0;
    loop {
        let oldest = Query::select()
            .column(Alias::new("id"))
            .from(Alias::new("access_log"))
            .and_where(Expr::col(Alias::new("at")).lt(before))
            .order_by(Alias::new("at"), sea_orm::sea_query::Order::Asc)
            .limit(PRUNE_BATCH)
            .to_owned();
        let statement = Query::delete()
            .from_table(Alias::new("access_log"))
            .and_where(Expr::col(Alias::new("id")).in_subquery(oldest))
            .to_owned();
        let txn = crate::db::begin_write(db).await?;
        let done = txn.execute(&statement).await?.rows_affected();
        txn.commit().await?;
        pruned += done;
        if done < PRUNE_BATCH {
            return Ok(pruned);
        }
        // Let requests and other writers in between batches.
        tokio::task::yield_now().await;
    }
}

/// Prunes the access log every `every`, keeping `retention_days` days.
pub async fn run_pruning(db: DatabaseConnection, retention_days: u32, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        let before = Utc::now() - chrono::TimeDelta::days(i64::from(retention_days));
        match prune(&db, before).await {
            Ok(0) => {}
            Ok(pruned) => tracing::info!(pruned, "pruned the access log"),
            Err(error) => tracing::warn!(?error, "could not prune the access log"),
        }
    }
}

/// The time of a read as stored: microseconds, the precision both databases keep.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_noted_once_and_taken_in_order() {
        let reads = Arc::new(Reads::default());
        reads.note(RecordKind::Meeting, 7);
        let witness = Witness::new(reads.clone(), RecordKind::Decision, 3);
        witness.note();
        witness.note();
        reads.note(RecordKind::Meeting, 7);
        assert_eq!(
            reads.take(),
            vec![(RecordKind::Meeting, 7), (RecordKind::Decision, 3)]
        );
        assert!(reads.take().is_empty());
    }

    #[tokio::test]
    async fn a_log_that_is_off_takes_nothing() {
        let log = AccessLog::off();
        assert!(!log.enabled());
        log.record(Read {
            at: now(),
            actor: "m".into(),
            role: "member",
            request_id: String::new(),
            records: vec![(RecordKind::Meeting, 1)],
        });
        assert!(log.queue.is_none());
    }
}
