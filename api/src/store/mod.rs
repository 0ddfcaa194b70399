//! The one entry to the data: every read takes the caller first and applies the record filter
//! in SQL. Resolvers never see the connection.

pub mod attached;
pub mod changes;
pub mod documents;
pub mod edit;
pub mod evaluation;
pub mod feedback;
pub mod follow;
mod held;
pub mod jurisdictions;
pub mod logs;
pub mod notify;
pub mod page;
pub mod plan;
pub mod queue;
mod replica;
pub mod rules;
pub mod search;
pub mod shared;
pub mod stats;
pub mod templates;
pub mod trail;
pub mod validate;
pub mod versions;
pub mod workflow;
pub mod writable;

pub use page::{Direction, Page, PageArgs, Sort};

use sea_orm::ModelTrait as _;

use page::{Cursor, SortValue};

use chrono::Utc;
use std::{collections::HashSet, str::FromStr, sync::Arc, time::Duration};

use entity::enums::RecordKind;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Select,
};

use crate::{
    access::{Caller, OrgTree, policy::Scoped, visibility},
    error::{AppError, AppResult},
};

pub(crate) use crate::record::with_record;
pub use crate::record::{Record, kind_named, name_of, table_of};

/// Parts of a record that are only reachable through a visible parent: steps, edges, attendance.
pub trait Part: EntityTrait<Model: Sync> {
    /// The column holding the parent's id.
    fn parent_column() -> Self::Column;
    /// The order in which parts are listed.
    fn order_column() -> Self::Column;
}

macro_rules! part {
    ($($module:ident: $parent:ident by $order:ident),+ $(,)?) => {$(
        impl Part for entity::$module::Entity {
            fn parent_column() -> Self::Column {
                entity::$module::Column::$parent
            }
            fn order_column() -> Self::Column {
                entity::$module::Column::$order
            }
        }
    )+};
}

part! {
    procedure_step: ProcedureId by Position,
    procedure_edge: ProcedureId by Id,
    risk_point: StepId by Id,
    supervision_measure: StepId by Id,
    attendance: MeetingId by Id,
    agenda_item: MeetingId by Position,
    milestone: DecisionId by Position,
    passage: ExerciseId by Position,
}

/// The scoped store. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    /// Where the scoped reads of records go: `db`, or for a query routed there, the replica.
    read: DatabaseConnection,
    replica: Option<Arc<replica::Replica>>,
    on_replica: bool,
    /// On PostgreSQL, the pool that each query takes its one connection from: see [`held`].
    queries: Option<sea_orm::sqlx::PgPool>,
    /// The connection of this store's query, in a store made by [`Self::reading_for`].
    held: Option<Arc<held::Held>>,
    uncounted: DatabaseConnection,
    calendar: Arc<crate::calendar::Calendar>,
    statements: Arc<std::sync::atomic::AtomicU64>,
    tree: Arc<tokio::sync::RwLock<Option<CachedTree>>>,
    structure: Arc<tokio::sync::watch::Sender<u64>>,
    persons: Arc<std::sync::Mutex<std::collections::HashMap<i64, std::time::Instant>>>,
    signal: changes::Signal,
    feedback_signal: feedback::FeedbackSignal,
    cursor_key: Arc<std::sync::OnceLock<changes::CursorKey>>,
    ids: Arc<std::sync::OnceLock<crate::ids::Ids>>,
    embargo_window: chrono::TimeDelta,
    search_window: u64,
    search_turns: Arc<search::Turns>,
    search_order: Arc<tokio::sync::OnceCell<search::Order>>,
    clock: crate::clock::Clock,
    today: Option<chrono::NaiveDate>,
    feedback_days: u32,
    channels: notify::Channels,
    shared: Arc<SharedReads>,
    writers: Arc<tokio::sync::Mutex<()>>,
}

/// The feed pages and bulletins that subscribers of one scope class read once between them.
#[derive(Default)]
struct SharedReads {
    changes: shared::SingleFlight<
        (crate::access::ScopeKey, i64, Vec<RecordKind>, u64, u64),
        changes::Events,
    >,
    bulletins: shared::SingleFlight<
        (crate::access::ScopeKey, i64, i64),
        Option<Scoped<entity::bulletin::Model>>,
    >,
}

/// The organization tree with its jurisdictions, as `db` holds it now.
pub(crate) async fn read_tree(db: &impl sea_orm::ConnectionTrait) -> AppResult<OrgTree> {
    use entity::{jurisdiction, organization};
    use sea_orm::QuerySelect as _;
    let organizations: Vec<(i64, Option<i64>, Option<i64>)> = organization::Entity::find()
        .select_only()
        .column(organization::Column::Id)
        .column(organization::Column::ParentId)
        .column(organization::Column::JurisdictionId)
        .into_tuple()
        .all(db)
        .await?;
    let jurisdictions = jurisdiction::Entity::find().all(db).await?;
    Ok(OrgTree::with_jurisdictions(organizations, jurisdictions))
}

/// The organization tree, when it was read, and the [`Store::structure`] it was read in.
type CachedTree = (std::time::Instant, u64, Arc<OrgTree>);

/// How old a tree a lookup of an unknown jurisdiction takes: see [`Store::recent_org_tree`].
const RECENT: Duration = Duration::from_secs(1);

/// How long the organization tree is kept before it is read again.
const TREE_TTL: Duration = Duration::from_secs(30);

/// How long a person found to exist is believed to, like the caller cache's entries.
const PERSON_TTL: Duration = Duration::from_secs(30);

/// Persons remembered at most; past this the memory starts over.
const PERSON_CAPACITY: usize = 4096;

impl Store {
    /// A store over `db` that counts working days with `calendar`, counting the statements it
    /// sends.
    pub fn new(mut db: DatabaseConnection, calendar: crate::calendar::Calendar) -> Self {
        let uncounted = db.clone();
        let statements = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let counter = statements.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        Self {
            read: db.clone(),
            db,
            replica: None,
            on_replica: false,
            queries: None,
            held: None,
            uncounted,
            calendar: Arc::new(calendar),
            statements,
            tree: Arc::default(),
            structure: Arc::new(tokio::sync::watch::Sender::new(0)),
            persons: Arc::default(),
            signal: changes::Signal::default(),
            feedback_signal: feedback::FeedbackSignal::default(),
            cursor_key: Arc::default(),
            ids: Arc::default(),
            embargo_window: chrono::TimeDelta::hours(24),
            search_window: search::DEFAULT_WINDOW,
            search_turns: Arc::new(search::Turns::new(
                search::DEFAULT_TURNS,
                Duration::from_millis(800),
            )),
            search_order: Arc::default(),
            clock: crate::clock::Clock::system(),
            today: None,
            feedback_days: 15,
            channels: notify::Channels::default(),
            shared: Arc::default(),
            writers: Arc::default(),
        }
    }

    /// The same store with a streaming replica of its database, `read`, for the scoped reads of
    /// queries routed there by [`Self::reading_for`], each on one connection of `queries`, a
    /// second pool on the replica. Their statements count in [`Self::statements`] too.
    pub fn with_replica(
        mut self,
        mut read: DatabaseConnection,
        queries: sea_orm::sqlx::PgPool,
    ) -> Self {
        let counter = self.statements.clone();
        read.set_metric_callback(move |_| {
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        self.replica = Some(Arc::new(replica::Replica::new(read, queries)));
        self
    }

    /// The same store whose queries each read on one connection of `queries`, a pool that
    /// serves nothing else: see [`held`].
    pub fn with_query_pool(mut self, queries: sea_orm::sqlx::PgPool) -> Self {
        self.queries = Some(queries);
        self
    }

    /// The store a query of `writer` (token subject, else client address) reads through: with
    /// a replica, one that reads records there, unless `writer` wrote something the replica
    /// has not replayed yet, or the replica failed to answer lately. On PostgreSQL, the store
    /// holds one connection of the queries' pool (on the replica or the primary) for all its
    /// scoped reads, from the first of them until its last clone is dropped.
    pub async fn reading_for(&self, writer: Option<&str>) -> Self {
        match (&self.replica, &self.queries) {
            (Some(replica), _) if replica.serves(&self.uncounted, writer).await => Self {
                read: replica.db.clone(),
                on_replica: true,
                held: Some(Arc::new(held::Held::new(
                    replica.queries.clone(),
                    self.statements.clone(),
                ))),
                ..self.clone()
            },
            (_, Some(queries)) => Self {
                held: Some(Arc::new(held::Held::new(
                    queries.clone(),
                    self.statements.clone(),
                ))),
                ..self.clone()
            },
            _ => self.clone(),
        }
    }

    /// Notes that `writer` has just written, so that their queries read the primary until the
    /// replica has their write. Nothing without a replica.
    pub async fn wrote(&self, writer: &str) {
        if let Some(replica) = &self.replica {
            replica.wrote(&self.db, writer).await;
        }
    }

    /// Whether this store reads otherwise than the shared one: on the replica, or on a
    /// connection of its own. A query's resolvers must then be given it.
    pub fn reads_apart(&self) -> bool {
        self.on_replica || self.held.is_some()
    }

    /// Where the scoped reads of records go.
    fn reads(&self) -> held::Reads<'_> {
        match &self.held {
            Some(held) => held::Reads::Held(held),
            None => held::Reads::Pool(&self.read),
        }
    }

    /// [`Self::changes`], read once for every caller of the same scope class who asks for the
    /// same page after the same wake-up of the feed (`woken`, the value of [`Self::signal`]
    /// they were woken by): the subscribers woken by one change. One woken later reads again,
    /// so nothing written since is missed.
    pub async fn changes_shared(
        &self,
        caller: &Caller,
        after: i64,
        kinds: &[RecordKind],
        (first, woken): (u64, u64),
    ) -> AppResult<changes::Events> {
        let key = (caller.scope_key(), after, kinds.to_vec(), first, woken);
        self.shared
            .changes
            .get(key, || self.changes(caller, after, kinds, first))
            .await
    }

    /// The bulletin `id` as `caller` sees it at the feed event `seq`, read once for every
    /// caller of the same scope class: the subscribers of published bulletins.
    pub async fn bulletin_shared(
        &self,
        caller: &Caller,
        id: i64,
        seq: i64,
    ) -> AppResult<Option<Scoped<entity::bulletin::Model>>> {
        let key = (caller.scope_key(), id, seq);
        self.shared
            .bulletins
            .get(key, || self.get::<entity::bulletin::Entity>(caller, id))
            .await
    }

    /// This store, stamping its writes with `clock`'s time: a loader replaying a recorded
    /// history sets the clock to each step's time.
    pub fn with_clock(mut self, clock: crate::clock::Clock) -> Self {
        self.clock = clock;
        self
    }

    /// This store, judging computed states as of `today` when a query names no day; `None`:
    /// the county's day of the clock.
    pub fn with_today(mut self, today: Option<chrono::NaiveDate>) -> Self {
        self.today = today;
        self
    }

    /// This store, keeping notifications for the channels that have a sender.
    pub fn with_channels(mut self, channels: notify::Channels) -> Self {
        self.channels = channels;
        self
    }

    /// This store, giving submissions other than requests for disclosure `days` working days
    /// to be answered.
    pub fn with_feedback_days(mut self, days: u32) -> Self {
        self.feedback_days = days;
        self
    }

    /// The day computed states are judged against when a query names none (see
    /// [`crate::progress`]).
    pub fn today(&self) -> chrono::NaiveDate {
        self.today
            .unwrap_or_else(|| crate::clock::county_day(self.clock.now()))
    }

    /// The time a write made now is stamped with.
    pub fn now(&self) -> chrono::DateTime<Utc> {
        self.clock.now()
    }

    /// This store, ranking the matches of a search `window` at a time (at least 1).
    pub fn with_search_window(mut self, window: u64) -> Self {
        self.search_window = window.max(1);
        self
    }

    /// How many matches a search ranks together.
    pub fn search_window(&self) -> u64 {
        self.search_window
    }

    /// This store, running at most `turns` searches at once (at least 1); a search waits at
    /// most `wait` for its turn.
    pub fn with_search_turns(mut self, turns: usize, wait: Duration) -> Self {
        self.search_turns = Arc::new(search::Turns::new(turns, wait));
        self
    }

    /// This store, with media seeing scheduled public bulletins `window` before their time.
    pub fn with_embargo_window(mut self, window: chrono::TimeDelta) -> Self {
        self.embargo_window = window;
        self
    }

    /// How long before its time media see a scheduled public bulletin.
    pub fn embargo_window(&self) -> chrono::TimeDelta {
        self.embargo_window
    }

    /// Reads (or makes) the database's keys for the change feed's cursors and for public ids;
    /// done once at start, before the store answers anything.
    pub async fn load_keys(&self) -> AppResult<()> {
        let key = changes::CursorKey::load(&self.uncounted).await?;
        let _ = self.cursor_key.set(key);
        let ids = crate::ids::Ids::load(&self.uncounted).await?;
        let _ = self.ids.set(ids);
        Ok(())
    }

    /// The deployment's public ids.
    pub fn ids(&self) -> &crate::ids::Ids {
        self.ids.get_or_init(|| {
            // Only reached if the start skipped loading the keys. Ids made now would change at
            // the next start, so none must leave: a key of this process alone, loudly.
            tracing::error!("public ids were asked for before their key was loaded");
            crate::ids::Ids::fixed_random()
        })
    }

    /// The key of the change feed's cursors.
    fn cursor_key(&self) -> &changes::CursorKey {
        self.cursor_key.get_or_init(|| {
            // Only reached if the start skipped loading the key: a key of this process alone.
            tracing::warn!(
                "the change feed's cursor key was not loaded; using a key of this process"
            );
            changes::CursorKey::random()
        })
    }

    /// `cursor` with the record key it carries hidden under `table`'s label, so that cursors
    /// tell no more than ids do (the sort value too, when the sort is by key).
    fn hide_cursor(&self, table: &str, mut cursor: Cursor) -> Cursor {
        let keys = self.ids().permutation();
        cursor.id = keys.hide(table.as_bytes(), cursor.id);
        if cursor.sort == "id" {
            cursor.value = SortValue::Int(cursor.id);
        }
        cursor
    }

    /// The cursor that [`Store::hide_cursor`] made, with its record key back.
    fn reveal_cursor(&self, table: &str, cursor: &Cursor) -> AppResult<Cursor> {
        let keys = self.ids().permutation();
        let id = keys.reveal(table.as_bytes(), cursor.id).ok_or_else(|| {
            AppError::bad_input("after", "this is not a cursor this API gave out")
        })?;
        let mut cursor = cursor.clone();
        cursor.id = id;
        if cursor.sort == "id" {
            cursor.value = SortValue::Int(id);
        }
        Ok(cursor)
    }

    /// The public id of record `key` of `kind`.
    pub fn record_id(&self, kind: RecordKind, key: i64) -> async_graphql::ID {
        self.ids().encode(name_of(kind), key)
    }

    /// The kind and key of the public id of a record; `None` for any other id.
    pub fn record_of(&self, id: &async_graphql::ID) -> Option<(RecordKind, i64)> {
        let (name, key) = self.ids().decode_any(id)?;
        Some((kind_named(&name)?, key))
    }

    /// Wakes subscriptions when the change feed grows.
    pub fn signal(&self) -> &changes::Signal {
        &self.signal
    }

    /// Wakes the outbox's sender and the submitters following their submissions when one of
    /// them takes a step, here or (on PostgreSQL) on another instance.
    pub fn feedback_signal(&self) -> &feedback::FeedbackSignal {
        &self.feedback_signal
    }

    /// The working-day calendar.
    pub fn calendar(&self) -> &crate::calendar::Calendar {
        &self.calendar
    }

    /// How many SQL statements the store has sent since start.
    pub fn statements(&self) -> u64 {
        self.statements.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The organization tree, for building callers. Structure only: it is never served.
    pub async fn org_tree(&self) -> AppResult<Arc<OrgTree>> {
        self.org_tree_within(TREE_TTL).await
    }

    /// The organization tree read now: for a token naming an organization that the kept tree
    /// lacks, which may have been created since the tree was read, here or on another instance.
    pub async fn fresh_org_tree(&self) -> AppResult<Arc<OrgTree>> {
        self.org_tree_within(Duration::ZERO).await
    }

    /// The organization tree read at most a second ago: for an anonymous lookup of a
    /// jurisdiction the kept tree lacks, so that a stream of unknown codes costs at most one
    /// read a second.
    pub async fn recent_org_tree(&self) -> AppResult<Arc<OrgTree>> {
        self.org_tree_within(RECENT).await
    }

    async fn org_tree_within(&self, age: Duration) -> AppResult<Arc<OrgTree>> {
        let structure = self.structure();
        if let Some((at, read_in, tree)) = self.tree.read().await.as_ref()
            && at.elapsed() < age
            && *read_in == structure
        {
            return Ok(tree.clone());
        }
        let tree = Arc::new(read_tree(&self.db).await?);
        *self.tree.write().await = Some((std::time::Instant::now(), structure, tree.clone()));
        Ok(tree)
    }

    /// How many times this instance has heard that the organizations or jurisdictions changed.
    /// What was built on the tree under another value (the tree itself, cached callers) is
    /// out of date.
    pub fn structure(&self) -> u64 {
        *self.structure.borrow()
    }

    /// A receiver of [`Self::structure`]: connections that hold a caller for long (subscriptions)
    /// close when it moves on.
    pub fn structure_watch(&self) -> tokio::sync::watch::Receiver<u64> {
        self.structure.subscribe()
    }

    /// Notes that the organizations or jurisdictions changed, here or on another instance:
    /// the tree and the callers built on it are read again on next use.
    pub(crate) fn structure_changed(&self) {
        self.structure.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// Whether the person `id` exists, in any state, for building callers: a token may only
    /// name a person that does. A person found is remembered for 30 s, so that the callers of
    /// many tokens naming one person cost one read; one not found is read again each time, so
    /// that a person just created counts at once.
    pub async fn person_exists(&self, id: i64) -> AppResult<bool> {
        let known = self
            .persons
            .lock()
            .ok()
            .and_then(|persons| persons.get(&id).copied())
            .is_some_and(|at| at.elapsed() < PERSON_TTL);
        if known {
            return Ok(true);
        }
        let found: Option<i64> = entity::person::Entity::find_by_id(id)
            .select_only()
            .column(entity::person::Column::Id)
            .into_tuple()
            .one(&self.db)
            .await?;
        if found.is_some()
            && let Ok(mut persons) = self.persons.lock()
        {
            if persons.len() >= PERSON_CAPACITY {
                persons.clear();
            }
            persons.insert(id, std::time::Instant::now());
        }
        Ok(found.is_some())
    }

    /// Begins a write transaction on `db` (the store's pool), after taking, on SQLite, the turn
    /// of this process's writers: returned with the transaction, and held until both are
    /// dropped. SQLite has one writer at a time; one that finds the database busy waits in
    /// SQLite's busy handler, which sleeps and tries again, up to 100 ms at a time, so some
    /// writers waited many times as long as others (a p99 of 1.3 s against a median of 10 ms
    /// with 16 editors). Queued here, they go in the order they came. No turn on PostgreSQL,
    /// whose writers wait only for the rows and the turn they share.
    pub(in crate::store) async fn begin_write<'a>(
        &'a self,
        db: &DatabaseConnection,
    ) -> AppResult<(
        Option<tokio::sync::MutexGuard<'a, ()>>,
        sea_orm::DatabaseTransaction,
    )> {
        let turn = if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
            Some(self.writers.lock().await)
        } else {
            None
        };
        Ok((turn, crate::db::begin_write(db).await?))
    }

    /// The connection. Private to the store: whatever reads records goes through the store's
    /// scoped reads, so no caller reads around the record filter.
    pub(in crate::store) fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The same pool, with statements left out of [`Self::statements`]: for the store's work
    /// beside the requests (the change feed), so that the count stays the cost of the requests.
    pub(in crate::store) fn uncounted_connection(&self) -> &DatabaseConnection {
        &self.uncounted
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        self.uncounted.ping().await.is_ok()
    }

    /// Connections of the pools in use, and open.
    pub fn pool_usage(&self) -> (u64, u64) {
        let (mut size, mut idle) = match self.uncounted.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                let pool = self.uncounted.get_postgres_connection_pool();
                (pool.size(), pool.num_idle() as u32)
            }
            sea_orm::DbBackend::Sqlite => {
                let pool = self.uncounted.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle() as u32)
            }
            _ => (0, 0),
        };
        if let Some(queries) = &self.queries {
            size += queries.size();
            idle += queries.num_idle() as u32;
        }
        (u64::from(size.saturating_sub(idle)), u64::from(size))
    }

    fn scoped<E: Record>(caller: &Caller) -> Select<E> {
        E::find().filter(visibility::visible(caller, E::TABLE, E::KIND, Utc::now()))
    }

    /// Wraps visible rows with the caller's clearance on each; one query finds the rows whose
    /// audience names the caller, when that matters for the caller's role.
    async fn wrap_all<E: Record>(
        &self,
        caller: &Caller,
        rows: Vec<E::Model>,
    ) -> AppResult<Vec<Scoped<E::Model>>> {
        let audience: HashSet<i64> = if visibility::needs_audience(caller) && !rows.is_empty() {
            use sea_orm::QuerySelect as _;
            let ids: Vec<i64> = rows.iter().map(E::id_of).collect();
            entity::record_audience::Entity::find()
                .select_only()
                .column(entity::record_audience::Column::RecordId)
                .filter(among(
                    self.read.get_database_backend(),
                    entity::record_audience::Column::RecordId,
                    &ids,
                ))
                .filter(visibility::in_audience_of_rows(caller, E::KIND))
                .into_tuple::<i64>()
                .all(&self.reads())
                .await?
                .into_iter()
                .collect()
        } else {
            HashSet::new()
        };
        Ok(rows
            .into_iter()
            .map(|model| {
                let clearance = visibility::clearance(
                    caller,
                    audience.contains(&E::id_of(&model)),
                    E::owner_of(&model),
                    E::status_of(&model),
                );
                Scoped::new(model, clearance)
            })
            .collect())
    }

    /// One record by id, or `None` when it does not exist or the caller may not see it.
    pub async fn get<E: Record>(
        &self,
        caller: &Caller,
        id: i64,
    ) -> AppResult<Option<Scoped<E::Model>>> {
        let rows = Self::scoped::<E>(caller)
            .filter(E::id_column().eq(id))
            .all(&self.reads())
            .await?;
        Ok(self.wrap_all::<E>(caller, rows).await?.into_iter().next())
    }

    /// The visible records among `ids`, in no particular order.
    pub async fn get_many<E: Record>(
        &self,
        caller: &Caller,
        ids: &[i64],
    ) -> AppResult<Vec<Scoped<E::Model>>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = Self::scoped::<E>(caller)
            .filter(among(self.read.get_database_backend(), E::id_column(), ids))
            .all(&self.reads())
            .await?;
        self.wrap_all::<E>(caller, rows).await
    }

    /// A page of the visible records meeting `filter`, in `sort` order with the id as
    /// tie-breaker, from the cursor in `args`, with the total count. Keyset, never OFFSET.
    /// The text columns `unread`, which nothing asked of the page reads, come back empty
    /// instead of being read and sent: see [`read_as_empty`].
    pub async fn page<E: Record>(
        &self,
        caller: &Caller,
        filter: Condition,
        sort: Sort,
        (args, unread): (PageArgs, &[&'static str]),
    ) -> AppResult<Page<Scoped<E::Model>>> {
        use sea_orm::{
            Order,
            sea_query::{Alias, Expr, ExprTrait},
        };
        let column = E::Column::from_str(sort.column)
            .map_err(|_| AppError::bad_input("orderBy", "this order is not available"))?;
        let base = Self::scoped::<E>(caller).filter(filter);
        // Counting a large table costs more than the page itself: only when asked for.
        let total = if args.count {
            base.clone().count(&self.reads()).await?
        } else {
            0
        };
        // Walking backward reads the order reversed, then turns the page around.
        let descending = sort.descending != (args.direction == Direction::Backward);
        let order = if descending { Order::Desc } else { Order::Asc };
        let mut query = base;
        if let Some(cursor) = &args.cursor {
            if cursor.sort != sort.column || cursor.desc != sort.descending {
                return Err(AppError::bad_input(
                    "after",
                    "the cursor belongs to another order; start again without it",
                ));
            }
            let col = Expr::col((Alias::new(E::TABLE), Alias::new(sort.column)));
            let id = Expr::col((Alias::new(E::TABLE), Alias::new("id")));
            let cursor = self.reveal_cursor(E::TABLE, cursor)?;
            let value = cursor.value.to_value();
            let beyond = if descending {
                Condition::any()
                    .add(col.clone().lt(value.clone()))
                    .add(Condition::all().add(col.eq(value)).add(id.lt(cursor.id)))
            } else {
                Condition::any()
                    .add(col.clone().gt(value.clone()))
                    .add(Condition::all().add(col.eq(value)).add(id.gt(cursor.id)))
            };
            query = query.filter(beyond);
        }
        if sort.column != "id" {
            query = query.order_by(column, order.clone());
        }
        let unread: Vec<&'static str> = unread
            .iter()
            .copied()
            .filter(|c| *c != sort.column)
            .collect();
        let mut rows = read_as_empty::<E>(query, &unread)
            .order_by(E::id_column(), order)
            .limit(args.size + 1)
            .all(&self.reads())
            .await?;
        let more = rows.len() as u64 > args.size;
        rows.truncate(args.size as usize);
        if args.direction == Direction::Backward {
            rows.reverse();
        }
        let (has_next, has_previous) = match args.direction {
            Direction::Forward => (more, args.cursor.is_some()),
            Direction::Backward => (args.cursor.is_some(), more),
        };
        let items = self.wrap_all::<E>(caller, rows).await?;
        let items = items
            .into_iter()
            .map(|s| {
                let value = SortValue::from_value(s.model.get(column)).unwrap_or(SortValue::Int(0));
                let cursor = self.hide_cursor(
                    E::TABLE,
                    Cursor {
                        sort: sort.column.to_owned(),
                        desc: sort.descending,
                        value,
                        id: E::id_of(&s.model),
                    },
                );
                (page::encode_cursor(&cursor), s)
            })
            .collect();
        Ok(Page {
            items,
            has_next,
            has_previous,
            total,
        })
    }

    /// The parts of the given parents, in their order. Callers reach parts only through a
    /// parent that this store showed them, and give each part the parent's clearance.
    pub async fn parts_of<E: Part>(&self, parents: &[i64]) -> AppResult<Vec<E::Model>> {
        Ok(E::find()
            .filter(among(
                self.read.get_database_backend(),
                E::parent_column(),
                parents,
            ))
            .order_by_asc(E::order_column())
            .all(&self.reads())
            .await?)
    }

    /// The visible records whose `column` holds one of `values`, in id order.
    pub async fn with_values<E: Record>(
        &self,
        caller: &Caller,
        column: E::Column,
        values: &[i64],
    ) -> AppResult<Vec<Scoped<E::Model>>> {
        let rows = Self::scoped::<E>(caller)
            .filter(among(self.read.get_database_backend(), column, values))
            .order_by_asc(E::id_column())
            .all(&self.reads())
            .await?;
        self.wrap_all::<E>(caller, rows).await
    }
}

/// `column` holds one of `ids`. On PostgreSQL that is `= ANY($1)` with the ids as one array,
/// so a loader is one statement whatever the number of ids: prepared once per connection and
/// planned once, where `IN ($1, …, $n)` makes, caches and plans a statement for each count.
/// SQLite has no arrays and takes the list.
fn among<C: ColumnTrait>(
    backend: sea_orm::DbBackend,
    column: C,
    ids: &[i64],
) -> sea_orm::sea_query::SimpleExpr {
    match backend {
        sea_orm::DbBackend::Postgres => column.eq_any(ids.iter().copied()),
        _ => column.is_in(ids.iter().copied()),
    }
}

/// `select` with each text column named in `unread` read as the empty text (a nullable one as
/// NULL) instead of its value: every column is still there by name, so rows decode as they
/// are, without the cost of reading, sending and decoding text nobody asked for. The filter,
/// the order and the visibility rules are untouched: they read the table, not the list.
fn read_as_empty<E: Record>(select: Select<E>, unread: &[&str]) -> Select<E> {
    use sea_orm::{
        ColumnTrait as _, ColumnType, IdenStatic as _, Iterable as _, QuerySelect as _,
        sea_query::Expr,
    };
    if unread.is_empty() {
        return select;
    }
    let mut select = select.select_only();
    for column in E::Column::iter() {
        let def = column.def();
        let text = matches!(
            def.get_column_type(),
            ColumnType::String(_) | ColumnType::Text
        );
        select = if text && unread.contains(&column.as_str()) {
            let empty = if def.is_null() {
                Expr::cust("CAST(NULL AS TEXT)")
            } else {
                Expr::cust("''")
            };
            select.column_as(empty, column.as_str())
        } else {
            select.column(column)
        };
    }
    select
}

#[cfg(test)]
mod tests {
    use sea_orm::{DbBackend, EntityTrait as _, QueryFilter as _, QueryTrait as _};

    use super::among;

    fn loader_sql(backend: DbBackend, count: i64) -> String {
        let ids: Vec<i64> = (1..=count).collect();
        entity::power::Entity::find()
            .filter(among(backend, entity::power::Column::Id, &ids))
            .build(backend)
            .sql
    }

    #[test]
    fn a_loader_is_one_statement_whatever_the_number_of_ids_on_postgres() {
        let few = loader_sql(DbBackend::Postgres, 3);
        assert_eq!(few, loader_sql(DbBackend::Postgres, 600));
        assert!(few.ends_with(r#""powers"."id" = ANY($1)"#), "{few}");
        // SQLite has no arrays: a statement for each count.
        assert_ne!(
            loader_sql(DbBackend::Sqlite, 3),
            loader_sql(DbBackend::Sqlite, 600)
        );
    }
}
