//! The change feed: one total order of every write to a record, read through the one record
//! filter.
//!
//! Each write appends an event holding the record's state after it: status, scope,
//! publication time, owner and audience (`changes`, `change_audiences`). A caller is shown an
//! event when the state after it, or the state after the record's previous event, is visible
//! to them at the moment of the event: as an upsert when the state after it is visible, as a
//! removal when only the state before was. A record the caller never saw never appears, and
//! one that leaves their sight (retracted, narrowed, audience changed) appears as a removal.
//!
//! Events take their sequence number while the writer holds the audit log's turn, which it
//! keeps until it commits, so they become visible in sequence order: a reader that has seen
//! `n` never later finds an event below `n`. The answer for a cursor never changes, because
//! every event is judged at its own time. A scheduled publication is judged when it is made,
//! and again, by an event appended when it falls due ([`release_due`]).

use chrono::{DateTime, Utc};
use entity::enums::{PublicationStatus, RecordKind};
use sea_orm::{
    ActiveEnum, ConnectionTrait, DatabaseConnection, DbBackend, Iterable as _, Statement, Value,
    sea_query::{Alias, Condition, Expr, ExprTrait, JoinType, Order, Query},
};
use std::sync::Arc;

use super::{Record, Store, with_record};
use crate::{
    access::{
        Caller,
        visibility::{Frame, visible_in},
    },
    db::placeholder,
    error::{AppError, AppResult},
};

/// The PostgreSQL channel that carries "the feed grew" between instances.
pub const CHANNEL: &str = "sunlight_changes";

/// The PostgreSQL channel that carries "the organizations or jurisdictions changed" between
/// instances: each forgets its organization tree and the callers built on it.
pub const STRUCTURE: &str = "sunlight_structure";

/// Tells every instance on PostgreSQL, when `db`'s transaction commits (at once outside one),
/// that the organizations or jurisdictions changed. Nothing on SQLite, which one instance
/// serves.
pub(crate) async fn announce_structure(db: &impl ConnectionTrait) -> Result<(), sea_orm::DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared(&format!("NOTIFY {STRUCTURE}"))
            .await?;
    }
    Ok(())
}

/// The advisory lock the audit log's appends take turns with; events take the same turn.
const TURN: &str = "SELECT pg_advisory_xact_lock(632223)";

/// One event, as a caller is shown it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Position in the feed.
    pub seq: i64,
    /// When the change was made.
    pub at: DateTime<Utc>,
    /// What was done: `create`, `update`, `publish`, `release`, `correct`, `import`, …
    pub action: String,
    /// The record's kind.
    pub kind: RecordKind,
    /// The record's id.
    pub id: i64,
    /// The record's version after the change.
    pub version: i32,
    /// Whether the caller sees the record after the change; if not, the event is a removal.
    pub shown: bool,
}

/// A page of the feed.
#[derive(Clone, Debug)]
pub struct Events {
    /// The events, in order.
    pub events: Vec<Event>,
    /// Whether more events follow the last one.
    pub more: bool,
}

/// Wakes whoever waits for the feed to grow: subscriptions. Cheap to clone.
#[derive(Clone)]
pub struct Signal(Arc<tokio::sync::watch::Sender<u64>>);

impl Default for Signal {
    fn default() -> Self {
        Self(Arc::new(tokio::sync::watch::Sender::new(0)))
    }
}

impl Signal {
    /// Tells every waiter that the feed may have grown.
    pub fn wake(&self) {
        self.0.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// A receiver that sees each wake-up after it was made.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.0.subscribe()
    }
}

fn marks(backend: DbBackend, from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| placeholder(backend, i))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The turn that audit entries and events take (an advisory lock on PostgreSQL, the one writer
/// on SQLite), held by a transaction until it ends, so that sequence numbers are handed out in
/// the order of commits.
pub(crate) struct Turn(());

impl Turn {
    /// The turn that the append of `entry`, in the same transaction, took.
    pub(crate) fn of(_entry: &crate::audit::Stored) -> Self {
        Turn(())
    }

    /// Takes the turn.
    pub(crate) async fn take(txn: &impl ConnectionTrait) -> AppResult<Self> {
        if txn.get_database_backend() == DbBackend::Postgres {
            txn.execute_unprepared(TURN).await?;
        }
        Ok(Turn(()))
    }
}

/// Appends the event of `action` on `model`, as stored now, inside the writer's transaction:
/// it commits or rolls back with the write. Returns its sequence number. The transaction holds
/// the turn (`_turn`).
pub(crate) async fn record<E: Record>(
    txn: &impl ConnectionTrait,
    _turn: &Turn,
    model: &E::Model,
    action: &str,
    at: DateTime<Utc>,
    embargo: chrono::TimeDelta,
) -> AppResult<i64> {
    let backend = txn.get_database_backend();
    let event = NewEvent::of::<E>(backend, 1, model, action, at, embargo);
    // On PostgreSQL the listeners are told in the same statement (delivered at commit), one
    // round trip less while the turn is held.
    let sql = if backend == DbBackend::Postgres {
        format!("WITH event AS ({}) {}", event.insert(), notified())
    } else {
        event.insert()
    };
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(backend, sql, event.values))
        .await?;
    let seq = seq_of(row)?;
    after::<E>(txn, seq, model, action, at, event.embargo_at).await?;
    Ok(seq)
}

/// Appends the audit entry `entry` and the event of `action` on `model`, both stamped `at`,
/// inside the writer's transaction, taking the turn for both: on PostgreSQL the entry, the
/// chain's head and the event are one statement. Returns the entry and the event's sequence
/// number.
pub(crate) async fn record_with_entry<E: Record>(
    txn: &impl ConnectionTrait,
    entry: &crate::audit::Entry<'_>,
    model: &E::Model,
    action: &str,
    at: DateTime<Utc>,
    embargo: chrono::TimeDelta,
) -> AppResult<(crate::audit::Stored, i64)> {
    use crate::audit;
    let backend = txn.get_database_backend();
    if backend != DbBackend::Postgres {
        let stored = audit::append_at(txn, at, entry).await?;
        let seq = record::<E>(txn, &Turn::of(&stored), model, action, at, embargo).await?;
        return Ok((stored, seq));
    }
    let event = NewEvent::of::<E>(backend, audit::RIDER_MARK, model, action, at, embargo);
    // The event reads the appended entry's row, so it is numbered after the turn is taken.
    let rider = audit::Rider {
        ctes: format!("event AS ({})", event.insert_after("entry")),
        columns: "event.seq".to_owned(),
        from: format!("event, pg_notify('{CHANNEL}', '')"),
        values: event.values,
    };
    let (stored, row) = audit::append_with(txn, at, entry, Some(rider)).await?;
    let seq = seq_of(row)?;
    after::<E>(txn, seq, model, action, at, event.embargo_at).await?;
    Ok((stored, seq))
}

/// The end of a statement that inserts an event (`event`): its sequence number, and the
/// listeners told at commit.
fn notified() -> String {
    format!("SELECT seq FROM event, pg_notify('{CHANNEL}', '')")
}

fn seq_of(row: Option<sea_orm::QueryResult>) -> AppResult<i64> {
    let row = row.ok_or_else(|| AppError::Database(sea_orm::DbErr::RecordNotInserted))?;
    Ok(row.try_get("", "seq")?)
}

/// The insert of one event, with its marks from a given number.
struct NewEvent {
    /// The values of the row, as marks.
    row: String,
    values: Vec<Value>,
    embargo_at: Option<DateTime<Utc>>,
}

impl NewEvent {
    /// The event of `action` on `model`, as stored now, at `at`; its marks start at `first`.
    fn of<E: Record>(
        backend: DbBackend,
        first: usize,
        model: &E::Model,
        action: &str,
        at: DateTime<Utc>,
        embargo: chrono::TimeDelta,
    ) -> Self {
        let kind: Value = E::KIND.to_value().into();
        let id = E::id_of(model);
        let publish_at = E::publish_at_of(model);
        let status = E::status_of(model);
        // A public bulletin published for later: media see it from the embargo window before.
        let embargo_at = publish_at
            .filter(|_| {
                E::KIND == RecordKind::Bulletin
                    && status == PublicationStatus::Published
                    && E::scope_of(model) == entity::enums::Scope::Public
            })
            .map(|due| due - embargo);
        let row = format!(
            "{}, (SELECT MAX(seq) FROM changes WHERE record_kind = {} AND record_id = {})",
            marks(backend, first, 10),
            placeholder(backend, first + 10),
            placeholder(backend, first + 11)
        );
        let values = vec![
            at.into(),
            action.into(),
            kind.clone(),
            id.into(),
            E::version_of(model).into(),
            E::scope_of(model).to_value().into(),
            status.to_value().into(),
            publish_at.into(),
            E::owner_of(model).into(),
            embargo_at.into(),
            kind,
            id.into(),
        ];
        NewEvent {
            row,
            values,
            embargo_at,
        }
    }

    /// The insert, on its own.
    fn insert(&self) -> String {
        format!(
            "INSERT INTO changes ({EVENT_COLUMNS}) VALUES ({}) RETURNING seq",
            self.row
        )
    }

    /// The insert as part of a statement, made once per row of `source`: it runs only after
    /// `source` has given its row.
    fn insert_after(&self, source: &str) -> String {
        format!(
            "INSERT INTO changes ({EVENT_COLUMNS}) SELECT {} FROM {source} RETURNING seq",
            self.row
        )
    }
}

/// The columns an event's insert gives.
const EVENT_COLUMNS: &str = "at, action, record_kind, record_id, version, scope, status, \
                             publish_at, owner_org_id, embargo_at, prev_seq";

/// What follows the event `seq` of `action` on `model`: its audience, its followers' messages,
/// and its times to be judged again.
async fn after<E: Record>(
    txn: &impl ConnectionTrait,
    seq: i64,
    model: &E::Model,
    action: &str,
    at: DateTime<Utc>,
    embargo_at: Option<DateTime<Utc>>,
) -> AppResult<()> {
    let backend = txn.get_database_backend();
    let kind: Value = E::KIND.to_value().into();
    let id = E::id_of(model);
    // The audience is read only for RESTRICTED states (see `access::visibility`).
    if E::scope_of(model) == entity::enums::Scope::Restricted {
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "INSERT INTO change_audiences (seq, organization_id, person_id) SELECT {}, \
             organization_id, person_id FROM record_audiences WHERE record_kind = {} AND \
             record_id = {}",
                placeholder(backend, 1),
                placeholder(backend, 2),
                placeholder(backend, 3)
            ),
            [seq.into(), kind, id.into()],
        ))
        .await?;
    }
    super::follow::notify_followers_in::<E>(txn, model, action, seq, at).await?;
    if E::status_of(model) == PublicationStatus::Published
        && let Some(due) = E::publish_at_of(model).filter(|due| *due > at)
    {
        schedule(txn, E::KIND, id, due, "release").await?;
    }
    if let Some(due) = embargo_at.filter(|due| *due > at) {
        schedule(txn, E::KIND, id, due, "embargo").await?;
    }
    Ok(())
}

/// Notes that the record must be judged again at `due`, when its publication falls due.
async fn schedule(
    txn: &impl ConnectionTrait,
    kind: RecordKind,
    id: i64,
    due: DateTime<Utc>,
    action: &str,
) -> AppResult<()> {
    let backend = txn.get_database_backend();
    txn.execute_raw(Statement::from_sql_and_values(
        backend,
        format!(
            "INSERT INTO change_schedule (due_at, action, record_kind, record_id) VALUES ({})",
            marks(backend, 1, 4)
        ),
        [due.into(), action.into(), kind.to_value().into(), id.into()],
    ))
    .await?;
    Ok(())
}

/// Appends a `release` event for every scheduled publication that has fallen due, each in its
/// own transaction. Several instances may run this at once: each entry is taken by one.
/// Returns how many events were appended.
pub async fn release_due(db: &DatabaseConnection, embargo: chrono::TimeDelta) -> AppResult<usize> {
    let backend = db.get_database_backend();
    let now = Utc::now();
    let due = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "SELECT id, action, record_kind, record_id FROM change_schedule WHERE due_at <= {} \
                 ORDER BY due_at, id LIMIT 500",
                placeholder(backend, 1)
            ),
            [now.into()],
        ))
        .await?;
    let mut released = 0;
    for row in due {
        let entry: i64 = row.try_get("", "id")?;
        let action: String = row.try_get("", "action")?;
        let kind: String = row.try_get("", "record_kind")?;
        let id: i64 = row.try_get("", "record_id")?;
        let txn = crate::db::begin_write(db).await?;
        let taken = txn
            .execute_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "DELETE FROM change_schedule WHERE id = {}",
                    placeholder(backend, 1)
                ),
                [entry.into()],
            ))
            .await?
            .rows_affected();
        if taken == 1
            && let Ok(kind) = RecordKind::try_from_value(&kind)
            && with_record!(kind, E => release_one::<E>(&txn, id, now, &action, embargo).await?)
        {
            released += 1;
        }
        txn.commit().await?;
    }
    Ok(released)
}

/// Appends the `release` (or `embargo`) event of record `id` of `E`, if it is still published.
async fn release_one<E: Record>(
    txn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
    action: &str,
    embargo: chrono::TimeDelta,
) -> AppResult<bool> {
    use sea_orm::{ColumnTrait as _, QueryFilter as _};
    let Some(model) = E::find().filter(E::id_column().eq(id)).one(txn).await? else {
        return Ok(false);
    };
    if E::status_of(&model) != PublicationStatus::Published {
        return Ok(false);
    }
    let turn = Turn::take(txn).await?;
    record::<E>(txn, &turn, &model, action, now, embargo).await?;
    Ok(true)
}

/// Appends an `import` event for every record that has none (records loaded by the seeders),
/// so that the feed read from its start holds every record. Returns how many were appended.
pub async fn backfill(db: &DatabaseConnection, embargo: chrono::TimeDelta) -> AppResult<u64> {
    let backend = db.get_database_backend();
    let txn = crate::db::begin_write(db).await?;
    if backend == DbBackend::Postgres {
        txn.execute_unprepared(TURN).await?;
    }
    let before: i64 = txn
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT COALESCE(MAX(seq), 0) AS seq FROM changes",
        ))
        .await?
        .map(|row| row.try_get::<i64>("", "seq"))
        .transpose()?
        .unwrap_or(0);
    let now = Utc::now();
    let mut added = 0;
    for kind in RecordKind::iter() {
        let table = super::table_of(kind);
        added += txn
            .execute_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "INSERT INTO changes (at, action, record_kind, record_id, version, scope, \
                     status, publish_at, owner_org_id, prev_seq) SELECT {at}, 'import', {kind}, \
                     t.id, t.version, t.scope, t.status, t.publish_at, t.owner_org_id, NULL \
                     FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE \
                     c.record_kind = {kind_again} AND c.record_id = t.id) ORDER BY t.id",
                    at = placeholder(backend, 1),
                    kind = placeholder(backend, 2),
                    kind_again = placeholder(backend, 3),
                ),
                [now.into(), kind.to_value().into(), kind.to_value().into()],
            ))
            .await?
            .rows_affected();
    }
    if added > 0 {
        // Public bulletins published for later: when media may see them.
        let scheduled = txn
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "SELECT seq, record_id, publish_at FROM changes WHERE seq > {} AND \
                     record_kind = {} AND status = {} AND scope = {} AND publish_at IS NOT NULL",
                    placeholder(backend, 1),
                    placeholder(backend, 2),
                    placeholder(backend, 3),
                    placeholder(backend, 4)
                ),
                [
                    before.into(),
                    RecordKind::Bulletin.to_value().into(),
                    PublicationStatus::Published.to_value().into(),
                    entity::enums::Scope::Public.to_value().into(),
                ],
            ))
            .await?;
        for row in scheduled {
            let seq: i64 = row.try_get("", "seq")?;
            let id: i64 = row.try_get("", "record_id")?;
            let publish_at: DateTime<Utc> = row.try_get("", "publish_at")?;
            let embargo_at = publish_at - embargo;
            txn.execute_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "UPDATE changes SET embargo_at = {} WHERE seq = {}",
                    placeholder(backend, 1),
                    placeholder(backend, 2)
                ),
                [embargo_at.into(), seq.into()],
            ))
            .await?;
            if embargo_at > now {
                schedule(&txn, RecordKind::Bulletin, id, embargo_at, "embargo").await?;
            }
        }
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "INSERT INTO change_audiences (seq, organization_id, person_id) SELECT c.seq, \
                 a.organization_id, a.person_id FROM changes c JOIN record_audiences a ON \
                 a.record_kind = c.record_kind AND a.record_id = c.record_id WHERE c.seq > {}",
                placeholder(backend, 1)
            ),
            [before.into()],
        ))
        .await?;
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "INSERT INTO change_schedule (due_at, action, record_kind, record_id) SELECT \
                 c.publish_at, 'release', c.record_kind, c.record_id FROM changes c WHERE \
                 c.seq > {} AND c.status = {} AND c.publish_at > {}",
                placeholder(backend, 1),
                placeholder(backend, 2),
                placeholder(backend, 3)
            ),
            [
                before.into(),
                PublicationStatus::Published.to_value().into(),
                now.into(),
            ],
        ))
        .await?;
    }
    txn.commit().await?;
    Ok(added)
}

/// The key that turns sequence numbers into cursors. Cursors are opaque: the number of events
/// between two a caller is shown (writes to records they do not see) is not theirs to count.
/// Kept in the database, so that every instance gives out and reads the same cursors.
#[derive(Clone)]
pub struct CursorKey(Arc<[u8; 32]>);

/// Where the key is kept in `sunlight_meta`.
const CURSOR_KEY: &str = "feed_cursor_key";

impl CursorKey {
    /// The database's key, made on first use.
    pub async fn load(db: &DatabaseConnection) -> AppResult<Self> {
        Ok(Self(Arc::new(
            crate::ids::Permutation::load(db, CURSOR_KEY).await?,
        )))
    }

    /// A key of this process alone.
    pub(crate) fn random() -> Self {
        let mut key = [0u8; 32];
        if getrandom::fill(&mut key).is_err() {
            // No randomness: the sequence numbers' order stays hidden, not their secrecy.
            key = *b"sunlight change feed cursor key!";
        }
        Self(Arc::new(key))
    }

    /// A key for unit tests.
    #[cfg(test)]
    fn fixed(byte: u8) -> Self {
        Self(Arc::new([byte; 32]))
    }

    /// One round of the Feistel network: a keyed hash of the half.
    fn round(&self, round: u8, half: u32) -> u32 {
        use sha2::{Digest, Sha256};
        let digest = Sha256::new()
            .chain_update(self.0.as_slice())
            .chain_update([round])
            .chain_update(half.to_be_bytes())
            .finalize();
        u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
    }

    /// The cursor of the event at `seq`: a keyed permutation of the number, so that cursors
    /// keep no visible order or distance.
    pub fn encode(&self, seq: i64) -> String {
        use base64::Engine as _;
        let value = seq as u64;
        let (mut left, mut right) = ((value >> 32) as u32, value as u32);
        for round in 0..4 {
            let next = left ^ self.round(round, right);
            left = right;
            right = next;
        }
        let block = (u64::from(left) << 32) | u64::from(right);
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(block.to_be_bytes())
    }

    /// The sequence number a cursor stands for; `BAD_USER_INPUT` if the feed never gave it out
    /// (sequence numbers stay below 2^48, so a made-up cursor is refused but for 1 in 65,536).
    pub fn decode(&self, cursor: &str) -> AppResult<i64> {
        use base64::Engine as _;
        let refused =
            || AppError::bad_input("after", "this cursor was not given out by the change feed");
        let bytes: [u8; 8] = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(cursor)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(refused)?;
        let block = u64::from_be_bytes(bytes);
        let (mut left, mut right) = ((block >> 32) as u32, block as u32);
        for round in (0..4).rev() {
            let previous = right ^ self.round(round, left);
            right = left;
            left = previous;
        }
        let value = (u64::from(left) << 32) | u64::from(right);
        if value >> 48 != 0 {
            return Err(refused());
        }
        Ok(value as i64)
    }
}

impl Store {
    /// Up to `first` events after `after` (from the start when 0) that `caller` is shown, of
    /// `kinds` (all when empty), in order.
    pub async fn changes(
        &self,
        caller: &Caller,
        after: i64,
        kinds: &[RecordKind],
        first: u64,
    ) -> AppResult<Events> {
        self.read_changes(caller, after, (kinds, None), first, Order::Asc)
            .await
    }

    /// The latest `n` events of `kinds` that `caller` is shown, newest first.
    pub async fn latest_changes(
        &self,
        caller: &Caller,
        kinds: &[RecordKind],
        jurisdiction: Option<i64>,
        n: u64,
    ) -> AppResult<Vec<Event>> {
        Ok(self
            .read_changes(caller, 0, (kinds, jurisdiction), n, Order::Desc)
            .await?
            .events)
    }

    async fn read_changes(
        &self,
        caller: &Caller,
        after: i64,
        (kinds, jurisdiction): (&[RecordKind], Option<i64>),
        first: u64,
        order: Order,
    ) -> AppResult<Events> {
        let c = || Alias::new("c");
        let p = || Alias::new("p");
        let shown_now = visible_in(caller, &Frame::change("c", "c"));
        let shown_before = visible_in(caller, &Frame::change("p", "c"));
        let mut query = Query::select();
        query
            .columns(
                ["seq", "at", "action", "record_kind", "record_id", "version"]
                    .map(|name| (c(), Alias::new(name))),
            )
            .expr_as(
                Expr::case(shown_now.clone(), 1).finally(0),
                Alias::new("shown"),
            )
            .from_as(Alias::new("changes"), c())
            .join_as(
                JoinType::LeftJoin,
                Alias::new("changes"),
                p(),
                Expr::col((p(), Alias::new("seq"))).equals((c(), Alias::new("prev_seq"))),
            )
            .and_where(Expr::col((c(), Alias::new("seq"))).gt(after))
            .cond_where(Condition::any().add(shown_now).add(shown_before))
            .order_by((c(), Alias::new("seq")), order)
            .limit(first + 1);
        if let Some(j) = jurisdiction {
            query.and_where(super::jurisdictions::owned_within("c", "owner_org_id", j));
        }
        if !kinds.is_empty() {
            query.and_where(
                Expr::col((c(), Alias::new("record_kind")))
                    .is_in(kinds.iter().map(|kind| kind.to_value())),
            );
        }
        let backend = self.connection().get_database_backend();
        let rows = self
            .connection()
            .query_all_raw(backend.build(&query))
            .await?;
        let more = rows.len() as u64 > first;
        let events = rows
            .into_iter()
            .take(first as usize)
            .map(|row| {
                let kind: String = row.try_get("", "record_kind")?;
                Ok(Event {
                    seq: row.try_get("", "seq")?,
                    at: row.try_get("", "at")?,
                    action: row.try_get("", "action")?,
                    kind: RecordKind::try_from_value(&kind)?,
                    id: row.try_get("", "record_id")?,
                    version: row.try_get("", "version")?,
                    shown: row.try_get::<i32>("", "shown")? == 1,
                })
            })
            .collect::<Result<Vec<_>, sea_orm::DbErr>>()?;
        Ok(Events { events, more })
    }
}

/// Keeps the feed moving for as long as the server runs: every second, appends the events of
/// scheduled publications that fell due; on PostgreSQL, listens for the events any instance
/// appends and wakes this instance's subscriptions.
pub async fn run(store: Store, database_url: Option<String>) {
    let tick = async {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(1));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            match release_due(store.uncounted_connection(), store.embargo_window()).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::debug!(events = n, "scheduled publications fell due");
                    store.signal().wake();
                }
                Err(error) => tracing::warn!(?error, "could not release scheduled publications"),
            }
        }
    };
    tokio::join!(tick, listen(&store, database_url));
}

/// On PostgreSQL, wakes this instance's subscriptions whenever any instance's event commits,
/// and its followers of submissions and its outbox's sender whenever any instance's step on a
/// submission commits; and makes it forget its organization tree whenever any instance changes
/// the organizations.
/// The listener holds a connection of its own, outside the pool that serves requests.
async fn listen(store: &Store, database_url: Option<String>) {
    use sea_orm::sqlx::postgres::PgListener;
    let db = store.uncounted_connection();
    let Some(url) = database_url.filter(|_| db.get_database_backend() == DbBackend::Postgres)
    else {
        return;
    };
    // Whether a connection was lost: what changed meanwhile went unheard.
    let mut lost = false;
    loop {
        match PgListener::connect(&url).await {
            Ok(mut listener) => match listener
                .listen_all([CHANNEL, STRUCTURE, super::feedback::CHANNEL])
                .await
            {
                Ok(()) => {
                    // Anything that happened while no one listened is found by the next read.
                    // The first time, the tree was read at start, just before.
                    if lost {
                        store.structure_changed();
                        store.feedback_signal().stepped(None);
                    }
                    store.signal().wake();
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(notification)) if notification.channel() == STRUCTURE => {
                                store.structure_changed();
                            }
                            Ok(Some(notification))
                                if notification.channel() == super::feedback::CHANNEL =>
                            {
                                store
                                    .feedback_signal()
                                    .stepped(notification.payload().parse().ok());
                            }
                            Ok(Some(_)) => store.signal().wake(),
                            // The connection was lost; the next call connects again.
                            Ok(None) => {
                                store.structure_changed();
                                store.signal().wake();
                                store.feedback_signal().stepped(None);
                            }
                            Err(error) => {
                                tracing::warn!(%error, "lost the change notifications");
                                lost = true;
                                break;
                            }
                        }
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, "could not listen for changes");
                    lost = true;
                }
            },
            Err(error) => {
                tracing::warn!(%error, "could not connect to listen for changes");
                lost = true;
            }
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}

impl Store {
    /// The cursor of the event at `seq`.
    pub fn feed_cursor(&self, seq: i64) -> String {
        self.cursor_key().encode(seq)
    }

    /// The sequence number behind a cursor the feed gave out.
    pub fn feed_position(&self, cursor: &str) -> AppResult<i64> {
        self.cursor_key().decode(cursor)
    }

    /// The sequence number of the last event, or 0: where a live reader that wants only what
    /// comes next starts.
    pub async fn head(&self) -> AppResult<i64> {
        let backend = self.connection().get_database_backend();
        Ok(self
            .connection()
            .query_one_raw(Statement::from_string(
                backend,
                "SELECT COALESCE(MAX(seq), 0) AS seq FROM changes",
            ))
            .await?
            .map(|row| row.try_get::<i64>("", "seq"))
            .transpose()?
            .unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::CursorKey;

    #[test]
    fn cursors_turn_back_into_their_numbers() {
        let key = CursorKey::fixed(7);
        for seq in [0, 1, 2, 41, 42, 1 << 20, (1 << 48) - 1] {
            let cursor = key.encode(seq);
            assert_eq!(key.decode(&cursor).ok(), Some(seq), "{cursor}");
        }
    }

    #[test]
    fn cursors_hide_order_and_distance() {
        let key = CursorKey::fixed(7);
        let (a, b) = (key.encode(100), key.encode(101));
        assert_ne!(a, b);
        // Neighbouring numbers share no prefix to speak of.
        let shared = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        assert!(shared < 4, "{a} {b}");
        // Another database's key reads another number.
        assert_ne!(CursorKey::fixed(8).decode(&a).ok(), Some(100));
    }

    #[test]
    fn made_up_cursors_are_refused() {
        let key = CursorKey::fixed(7);
        for cursor in ["", "abc", "Y2hhbmdlOjQzMQ", "AAAAAAAAAAA", "//////////8"] {
            assert!(key.decode(cursor).is_err(), "{cursor}");
        }
    }
}
