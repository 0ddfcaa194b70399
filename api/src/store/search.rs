//! Running a search for a caller: matching, the record filter, ranking, paging and snippets.

use std::collections::HashMap;

use base64::Engine as _;
use chrono::Utc;
use entity::enums::{RecordKind, Scope};
use sea_orm::{
    ActiveEnum, Condition, ConnectionTrait, DbBackend, DbErr, Statement, TransactionTrait,
    sea_query::{
        Alias, CommonTableExpression, Expr, ExprTrait, PostgresQueryBuilder, Query,
        QueryStatementWriter, SelectStatement, SqliteQueryBuilder, WithClause,
    },
};
use serde::{Deserialize, Serialize};

use crate::search::terms::{self, Part, Word};
use crate::{
    access::{Caller, visibility},
    error::{AppError, AppResult},
    ids::Permutation,
    store::page::{self, DEFAULT_PAGE},
};

/// Most words in one query.
const MAX_WORDS: usize = 8;
/// Longest query, in characters.
const MAX_QUERY_CHARS: usize = 100;
/// Characters of context before the first match in a snippet.
const SNIPPET_BEFORE: usize = 20;
/// Characters in a snippet.
const SNIPPET_CHARS: usize = 80;
/// The matches ranked together when nothing else is configured: the most recently written
/// this many, then the next this many, and so on. Ranking every match would cost in proportion
/// to their number, which a common word makes as large as the index.
pub const DEFAULT_WINDOW: u64 = 500;
/// Most windows one page reads.
const MAX_WINDOWS: usize = 4;

/// Searches run at once when nothing else is configured.
pub const DEFAULT_TURNS: usize = 4;

/// The turns searches take: at most so many run at once, so that a burst of searches, each
/// costing the database far more than a lookup, holds only part of the pool. A search waits
/// for its turn at most as long as a request waits for a connection, then is `UNAVAILABLE`,
/// as a request that finds no connection is.
pub struct Turns {
    turns: tokio::sync::Semaphore,
    wait: std::time::Duration,
}

impl Turns {
    /// `size` turns (at least 1), each waited for at most `wait`.
    pub fn new(size: usize, wait: std::time::Duration) -> Self {
        Self {
            turns: tokio::sync::Semaphore::new(size.max(1)),
            wait,
        }
    }

    /// A turn, held until dropped; `UNAVAILABLE` when none comes free within the wait.
    pub async fn take(&self) -> AppResult<tokio::sync::SemaphorePermit<'_>> {
        match tokio::time::timeout(self.wait, self.turns.acquire()).await {
            Ok(Ok(turn)) => Ok(turn),
            _ => Err(AppError::Database(sea_orm::DbErr::ConnectionAcquire(
                sea_orm::error::ConnAcquireErr::Timeout,
            ))),
        }
    }
}

/// One record found.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The kind of record.
    pub kind: RecordKind,
    /// Its id.
    pub record_id: i64,
    /// Higher is better.
    pub rank: f64,
    /// The title of what matched: the record's name, title or label.
    pub title: String,
    /// Text around the first match, HTML-escaped, matches in `<mark>`.
    pub snippet: String,
    /// Whether the title and snippet come from more than the public may see: the record is not
    /// PUBLIC, or the caller's text of it holds fields the public's text does not.
    pub beyond_public: bool,
}

/// A page of hits, with the cursor of each.
pub struct Found {
    /// The hits and their cursors.
    pub hits: Vec<(String, Hit)>,
    /// Whether more follow.
    pub has_next: bool,
    /// Whether the page started after a cursor.
    pub has_previous: bool,
    /// How many records match in all, for this caller, when it was asked for.
    pub total: Option<Total>,
}

/// How many records match a search, counted up to the window's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Total {
    /// The records counted: every match, or the window's size when more match.
    pub count: u64,
    /// Whether `count` is every match.
    pub exact: bool,
}

#[derive(Serialize, Deserialize)]
struct Cursor {
    /// The window the hit was ranked in: the hidden id of the document above it, or none for
    /// the first window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    w: Option<i64>,
    r: f64,
    /// The rank's bits: a decimal float read back from JSON may come out a unit in the last
    /// place apart, which would put the hit itself after its own cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    b: Option<u64>,
    k: String,
    i: i64,
}

const CURSOR_PREFIX: &str = "s1:";

/// The label under which cursors hide record keys.
const CURSOR_LABEL: &[u8] = b"search cursor";
/// The label under which cursors hide the document that bounds their window.
const WINDOW_LABEL: &[u8] = b"search window";

fn encode_cursor(keys: &Permutation, window: Option<i64>, hit: &Hit) -> String {
    let cursor = Cursor {
        w: window.map(|w| keys.hide(WINDOW_LABEL, w)),
        r: hit.rank,
        b: Some(hit.rank.to_bits()),
        k: hit.kind.to_value(),
        i: keys.hide(CURSOR_LABEL, hit.record_id),
    };
    let json = serde_json::to_vec(&cursor).unwrap_or_default();
    format!(
        "{CURSOR_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    )
}

fn decode_cursor(keys: &Permutation, cursor: &str) -> AppResult<Cursor> {
    let bad = || AppError::bad_input("after", "this is not a cursor of a search result");
    let raw = cursor.strip_prefix(CURSOR_PREFIX).ok_or_else(bad)?;
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw)
        .map_err(|_| bad())?;
    let mut cursor: Cursor = serde_json::from_slice(&json).map_err(|_| bad())?;
    cursor.i = keys.reveal(CURSOR_LABEL, cursor.i).ok_or_else(bad)?;
    if let Some(bits) = cursor.b {
        cursor.r = f64::from_bits(bits);
    }
    cursor.w = match cursor.w {
        Some(w) => Some(keys.reveal(WINDOW_LABEL, w).ok_or_else(bad)?),
        None => None,
    };
    Ok(cursor)
}

/// The table of each kind the index covers.
fn table(kind: RecordKind) -> Option<&'static str> {
    (kind != RecordKind::Membership).then(|| super::table_of(kind))
}

fn docs(name: &'static str) -> Expr {
    Expr::col((Alias::new("search_documents"), Alias::new(name)))
}

/// What a search asks of the index.
struct Ask<'a> {
    caller: &'a Caller,
    words: &'a [Word],
    /// The kinds searched; each has a table.
    kinds: &'a [(RecordKind, &'static str)],
    jurisdiction: Option<i64>,
    /// How the index hands out the newest matches.
    order: Order,
}

/// How a window's newest matches are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Every match found, then sorted by id: the GIN index on PostgreSQL, FTS5 on SQLite.
    Sorted,
    /// Matches handed out by the RUM index newest first, read only until the window is full
    /// (see the migration `search_newest_first`).
    NewestFirst,
}

/// The RUM index that keeps each document's id beside its terms.
const NEWEST_INDEX: &str = "search_documents_newest";

/// Where a scan newest first starts, as a distance from it: 2^53. RUM computes the distance
/// `id <=| from` as a double, which holds every whole number up to 2^53 exactly and so keeps
/// the order of ids below it whole. From `i64::MAX` the distances of ids a few hundred apart
/// came out equal, and windows read newest first held other documents than windows sorted.
const SCAN_FROM: i64 = 1 << 53;

/// The RUM index as the migration `search_newest_first` makes it.
const NEWEST_INDEX_DEFINITION: &str = "CREATE INDEX search_documents_newest ON search_documents \
     USING rum (terms rum_tsvector_addon_ops, id) WITH (attach = 'id', to = 'terms')";

/// Before every document is written again: drops the RUM index where there is one, and says
/// whether there was. Built once over all documents after, it takes seconds; kept while they
/// are written one by one, it costs every insert.
pub(crate) async fn set_newest_index_aside(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    let there = order_of(db).await? == Order::NewestFirst;
    if there {
        db.execute_unprepared(&format!("DROP INDEX {NEWEST_INDEX}"))
            .await?;
    }
    Ok(there)
}

/// After every document is written again: builds the RUM index again where
/// [`set_newest_index_aside`] dropped it.
pub(crate) async fn restore_newest_index(
    db: &impl ConnectionTrait,
    dropped: bool,
) -> Result<(), DbErr> {
    if dropped {
        db.execute_unprepared(NEWEST_INDEX_DEFINITION).await?;
    }
    Ok(())
}

/// How `db` hands out the newest matches of a search: newest first where PostgreSQL has the
/// RUM index, sorted otherwise.
pub(crate) async fn order_of(db: &impl ConnectionTrait) -> Result<Order, DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(Order::Sorted);
    }
    let found = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT 1 AS found FROM pg_indexes WHERE schemaname = current_schema() \
             AND tablename = 'search_documents' AND indexname = $1",
            [NEWEST_INDEX.into()],
        ))
        .await?;
    Ok(if found.is_some() {
        Order::NewestFirst
    } else {
        Order::Sorted
    })
}

/// The documents that hold every word and hold for today, each the caller's view of a record
/// the caller may see (at most one per record), below the document `below` when given. Every
/// rule of who sees what is applied here, before any limit, so that nothing the caller cannot
/// see takes a place among what they can.
fn matching(backend: DbBackend, ask: &Ask<'_>, below: Option<i64>) -> SelectStatement {
    let now = Utc::now();
    let today = now.date_naive();
    let mut q = Query::select();
    for name in ["id", "kind", "record_id"] {
        q.expr_as(docs(name), Alias::new(name));
    }
    q.from(Alias::new("search_documents"))
        .cond_where(
            Condition::any()
                .add(docs("valid_from").is_null())
                .add(docs("valid_from").lte(today)),
        )
        .cond_where(
            Condition::any()
                .add(docs("valid_until").is_null())
                .add(docs("valid_until").gt(today)),
        );
    if backend == DbBackend::Postgres {
        q.and_where(Expr::cust_with_values(
            "search_documents.terms @@ CAST($1 AS tsquery)",
            [terms::tsquery(ask.words)],
        ));
    } else {
        q.inner_join(
            Alias::new("search_terms"),
            Expr::col((Alias::new("search_terms"), Alias::new("rowid")))
                .equals((Alias::new("search_documents"), Alias::new("id"))),
        )
        .and_where(Expr::cust_with_values(
            "search_terms MATCH ?",
            [terms::fts5(ask.words)],
        ));
    }
    if let Some(below) = below {
        q.and_where(docs("id").lt(below));
    }
    let mut kinds = Condition::any();
    for &(kind, table) in ask.kinds {
        let level = visibility::clearance_level(ask.caller, table, kind);
        let mut record = Query::select();
        record
            .expr(Expr::val(1))
            .from(Alias::new(table))
            .and_where(
                Expr::col((Alias::new(table), Alias::new("id")))
                    .equals((Alias::new("search_documents"), Alias::new("record_id"))),
            )
            .cond_where(visibility::visible(ask.caller, table, kind, now))
            .and_where(docs("min_level").lte(level.clone()))
            .and_where(docs("max_level").gte(level));
        if let Some(j) = ask.jurisdiction {
            record.and_where(super::jurisdictions::owned_within(table, "owner_org_id", j));
        }
        kinds = kinds.add(
            Condition::all()
                .add(docs("kind").eq(kind.to_value()))
                .add(Expr::exists(record)),
        );
    }
    q.cond_where(kinds);
    q
}

fn build(backend: DbBackend, query: &impl QueryStatementWriter) -> Statement {
    let (sql, values) = if backend == DbBackend::Postgres {
        query.build(PostgresQueryBuilder)
    } else {
        query.build(SqliteQueryBuilder)
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// A match, ranked.
struct Match {
    rank: f64,
    kind: String,
    record_id: i64,
    doc_id: i64,
}

/// One window of matches: the `size` most recently written, best first.
struct Window {
    ranked: Vec<Match>,
    /// The oldest document of the window, above which the next window starts.
    bottom: Option<i64>,
    /// Whether matches older than the window remain.
    more: bool,
}

/// The `size` most recently written matches below the document `below`, ranked.
async fn window(
    db: &impl ConnectionTrait,
    ask: &Ask<'_>,
    size: u64,
    below: Option<i64>,
) -> AppResult<Window> {
    let backend = db.get_database_backend();
    let mut newest = matching(backend, ask, below);
    match ask.order {
        Order::Sorted => newest.order_by(
            (Alias::new("search_documents"), Alias::new("id")),
            sea_orm::Order::Desc,
        ),
        // The same documents in the same order, with ids below 2^53; handed out by the index
        // in that order, so that PostgreSQL stops at the window's size. Below a cursor the
        // scan starts just under it.
        Order::NewestFirst => newest.order_by_expr(
            Expr::cust_with_values(
                "search_documents.id <=| CAST($1 AS BIGINT)",
                [below.map_or(SCAN_FROM, |b| Ord::min(b.saturating_sub(1), SCAN_FROM))],
            ),
            sea_orm::Order::Asc,
        ),
    };
    newest.limit(size + 1);
    let mut newest = CommonTableExpression::from_select(newest);
    newest.table_name(Alias::new("newest")).materialized(true);
    let col = |name: &'static str| Expr::col((Alias::new("newest"), Alias::new(name)));
    let mut ranked = Query::select();
    ranked
        .expr_as(col("id"), Alias::new("doc_id"))
        .expr_as(col("kind"), Alias::new("kind"))
        .expr_as(col("record_id"), Alias::new("record_id"))
        .from(Alias::new("newest"));
    if backend == DbBackend::Postgres {
        ranked
            .expr_as(
                Expr::cust_with_values(
                    "CAST(ts_rank(search_documents.terms, CAST($1 AS tsquery)) AS DOUBLE PRECISION)",
                    [terms::tsquery(ask.words)],
                ),
                Alias::new("rank"),
            )
            .inner_join(
                Alias::new("search_documents"),
                docs("id").equals((Alias::new("newest"), Alias::new("id"))),
            );
    } else {
        let (rank, needles) = terms::sqlite_rank(ask.words);
        ranked
            .expr_as(Expr::cust_with_values(rank, needles), Alias::new("rank"))
            .inner_join(
                Alias::new("search_terms"),
                Expr::col((Alias::new("search_terms"), Alias::new("rowid")))
                    .equals((Alias::new("newest"), Alias::new("id"))),
            );
    }
    let query = WithClause::new().cte(newest).to_owned().query(ranked);
    let rows = db.query_all_raw(build(backend, &query)).await?;
    let mut matches = Vec::with_capacity(rows.len());
    for row in rows {
        matches.push(Match {
            rank: row.try_get::<f64>("", "rank")?,
            kind: row.try_get::<String>("", "kind")?,
            record_id: row.try_get::<i64>("", "record_id")?,
            doc_id: row.try_get::<i64>("", "doc_id")?,
        });
    }
    matches.sort_by_key(|m| std::cmp::Reverse(m.doc_id));
    let more = matches.len() as u64 > size;
    matches.truncate(size as usize);
    let bottom = matches.last().map(|m| m.doc_id);
    // Best first; ties by kind and id, so that the order is total and cursors are stable.
    matches.sort_by(|a, b| {
        b.rank
            .total_cmp(&a.rank)
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.record_id.cmp(&b.record_id))
    });
    Ok(Window {
        ranked: matches,
        bottom,
        more,
    })
}

/// How many records match, up to `cap`.
async fn count(db: &impl ConnectionTrait, ask: &Ask<'_>, cap: u64) -> AppResult<Total> {
    let backend = db.get_database_backend();
    let mut found = matching(backend, ask, None);
    found.limit(cap + 1);
    let mut query = Query::select();
    query
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from_subquery(found, Alias::new("found"));
    let n = match db.query_one_raw(build(backend, &query)).await? {
        Some(row) => row.try_get::<i64>("", "n")?,
        None => 0,
    };
    let n = u64::try_from(n).unwrap_or(0);
    Ok(Total {
        count: Ord::min(n, cap),
        exact: n <= cap,
    })
}

/// The words of `query`, or why the query cannot run.
fn words_of(query: &str) -> AppResult<Vec<Word>> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::bad_input(
            "query",
            "the search is too long; use at most 100 characters",
        ));
    }
    let words = terms::of_query(query);
    if words.is_empty() {
        return Err(AppError::bad_input(
            "query",
            "give at least one word to search for",
        ));
    }
    if words.len() > MAX_WORDS {
        return Err(AppError::bad_input(
            "query",
            "use at most 8 words; each further word only narrows the result",
        ));
    }
    Ok(words)
}

impl super::Store {
    /// How this store's searches read the newest matches. Read from the database once: an
    /// index made or dropped later is seen by the next start.
    pub async fn search_order(&self) -> AppResult<Order> {
        if self.read.get_database_backend() != DbBackend::Postgres {
            return Ok(Order::Sorted);
        }
        Ok(*self
            .search_order
            .get_or_try_init(|| order_of(&self.read))
            .await?)
    }

    /// The records of `kinds` (all when empty) the caller may see whose visible text holds
    /// every word of `query`, best first within windows of the most recently written matches,
    /// counted when `count`: see [`crate::search`].
    pub async fn search(
        &self,
        caller: &Caller,
        query: &str,
        (kinds, jurisdiction): (&[RecordKind], Option<i64>),
        (first, after): (Option<i32>, Option<&str>),
        count: bool,
    ) -> AppResult<Found> {
        // Bad input is refused before the search waits for a turn or opens a transaction.
        let asked = Asked::of(self.ids().permutation(), query, first, after)?;
        let _turn = self.search_turns.take().await?;
        let settings = (self.ids().permutation(), self.search_window());
        let filter = (kinds, jurisdiction);
        let order = self.search_order().await?;
        if self.read.get_database_backend() != DbBackend::Postgres {
            return run(&self.read, settings, caller, (&asked, order), filter, count).await;
        }
        // A search's statements are prepared once per connection, and after five runs
        // PostgreSQL may keep a generic plan, made without knowing the words: on a province it
        // read every match of a common word, about a second where the plan made for the words
        // takes tens of milliseconds. So a search plans its statements for its own words, in a
        // read transaction of its own that ends the setting with it.
        //
        // It also sorts in memory: the RUM index sorts a word's matches by id before it hands
        // out the first, and with PostgreSQL's default 4 MB a common word's sort went to disk
        // at a province (`干部`: 61 ms, 34 ms with 16 MB). At most `search_concurrency`
        // searches run at once, so this is their memory on the server.
        let txn = self.read.begin().await?;
        txn.execute_unprepared(
            "SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL work_mem = '16MB'",
        )
        .await?;
        let found = run(&txn, settings, caller, (&asked, order), filter, count).await?;
        txn.commit().await?;
        Ok(found)
    }
}

/// What a search asks for, checked: the page size, the cursor to start after, the words.
struct Asked {
    size: u64,
    cursor: Option<Cursor>,
    words: Vec<Word>,
}

impl Asked {
    /// `query`, `first` and `after` checked, or why the search cannot run.
    fn of(
        keys: &Permutation,
        query: &str,
        first: Option<i32>,
        after: Option<&str>,
    ) -> AppResult<Self> {
        // The same bounds, and the same words, as every list's `first`.
        let size = first
            .map(|n| page::size("first", n))
            .transpose()?
            .unwrap_or(DEFAULT_PAGE);
        let cursor = after.map(|a| decode_cursor(keys, a)).transpose()?;
        let words = words_of(query)?;
        Ok(Self {
            size,
            cursor,
            words,
        })
    }
}

/// Searches the records of `kinds` (all kinds when empty) that `caller` may see, for every
/// word asked; the page asked for, best first within windows of `window_size` matches, and the
/// count of all matches when `count`.
async fn run(
    db: &impl ConnectionTrait,
    (keys, window_size): (&Permutation, u64),
    caller: &Caller,
    (asked, order): (&Asked, Order),
    (kinds, jurisdiction): (&[RecordKind], Option<i64>),
    count_all: bool,
) -> AppResult<Found> {
    let Asked {
        size,
        cursor,
        words,
    } = asked;
    let size = *size;
    let kinds: Vec<(RecordKind, &'static str)> = <RecordKind as sea_orm::Iterable>::iter()
        .filter(|k| kinds.is_empty() || kinds.contains(k))
        .filter_map(|k| table(k).map(|t| (k, t)))
        .collect();
    if kinds.is_empty() {
        return Ok(Found {
            hits: Vec::new(),
            has_next: false,
            has_previous: cursor.is_some(),
            total: count_all.then_some(Total {
                count: 0,
                exact: true,
            }),
        });
    }
    let ask = Ask {
        caller,
        words,
        kinds: &kinds,
        jurisdiction,
        order,
    };
    let window_size = Ord::max(window_size, 1);
    let mut below = cursor.as_ref().and_then(|c| c.w);
    let mut after = cursor.as_ref();
    let mut page: Vec<(Option<i64>, Match)> = Vec::new();
    let mut has_next = false;
    // What the first window read tells of the count, when it is the first of all.
    let mut first_window = None;
    for turn in 0..MAX_WINDOWS {
        let window = window(db, &ask, window_size, below).await?;
        if below.is_none() && first_window.is_none() {
            first_window = Some(Total {
                count: window.ranked.len() as u64,
                exact: !window.more,
            });
        }
        let start = match after.take() {
            None => 0,
            Some(c) => window
                .ranked
                .iter()
                .position(|m| {
                    m.rank
                        .total_cmp(&c.r)
                        .reverse()
                        .then_with(|| m.kind.as_str().cmp(&c.k))
                        .then_with(|| m.record_id.cmp(&c.i))
                        .is_gt()
                })
                .unwrap_or(window.ranked.len()),
        };
        for m in window.ranked.into_iter().skip(start) {
            if page.len() as u64 == size {
                has_next = true;
                break;
            }
            page.push((below, m));
        }
        if has_next || !window.more {
            break;
        }
        if page.len() as u64 == size || turn + 1 == MAX_WINDOWS {
            has_next = true;
            break;
        }
        below = window.bottom;
    }
    // Counted up to the window's size, so that the first page's window is the count.
    let total = match first_window {
        _ if !count_all => None,
        Some(total) => Some(total),
        None => Some(count(db, &ask, window_size).await?),
    };
    let texts = documents(db, &kinds, page.iter().map(|(_, m)| m)).await?;
    let mut hits = Vec::with_capacity(page.len());
    for (window, m) in page {
        let Ok(kind) = RecordKind::try_from_value(&m.kind) else {
            continue;
        };
        let (title, body, beyond_public) = texts.get(&m.doc_id).cloned().unwrap_or_default();
        let snippet = snippet(&body, words)
            .or_else(|| snippet(&title, words))
            .unwrap_or_else(|| escape(&body.chars().take(SNIPPET_CHARS).collect::<String>()));
        let hit = Hit {
            kind,
            record_id: m.record_id,
            rank: m.rank,
            title,
            snippet,
            beyond_public,
        };
        hits.push((encode_cursor(keys, window, &hit), hit));
    }
    Ok(Found {
        hits,
        has_next,
        has_previous: cursor.is_some(),
        total,
    })
}

/// The title and body of the documents of `matches`, and whether each is beyond what the
/// public may see: a view above the public's, or a record that is not PUBLIC. `kinds` are the
/// kinds searched, with their tables.
async fn documents<'a>(
    db: &impl ConnectionTrait,
    kinds: &[(RecordKind, &'static str)],
    matches: impl Iterator<Item = &'a Match>,
) -> AppResult<HashMap<i64, (String, String, bool)>> {
    let mut ids = Vec::new();
    let mut found: Vec<&str> = Vec::new();
    for m in matches {
        ids.push(m.doc_id.to_string());
        if !found.contains(&m.kind.as_str()) {
            found.push(&m.kind);
        }
    }
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let public = Scope::Public.to_value();
    let mut beyond = String::from("CASE WHEN min_level > 0 THEN 1");
    for (kind, table) in kinds {
        let kind = kind.to_value();
        if !found.contains(&kind.as_str()) {
            continue;
        }
        // Both names are the schema's own, never the caller's.
        beyond.push_str(&format!(
            " WHEN kind = '{kind}' THEN COALESCE((SELECT CASE WHEN {table}.scope <> '{public}' \
             THEN 1 ELSE 0 END FROM {table} WHERE {table}.id = search_documents.record_id), 1)"
        ));
    }
    beyond.push_str(" ELSE 1 END");
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            format!(
                "SELECT id, title, body, {beyond} AS beyond_public FROM search_documents \
                 WHERE id IN ({})",
                ids.join(", ")
            ),
        ))
        .await?;
    let mut out = HashMap::new();
    for row in rows {
        out.insert(
            row.try_get::<i64>("", "id")?,
            (
                row.try_get::<String>("", "title")?,
                row.try_get::<String>("", "body")?,
                row.try_get::<i32>("", "beyond_public")? != 0,
            ),
        );
    }
    Ok(out)
}

/// The strings to highlight for `words`: each run of a word as typed.
fn needles(words: &[Word]) -> Vec<String> {
    let mut out: Vec<String> = words
        .iter()
        .flat_map(|w| &w.parts)
        .map(|part| match part {
            Part::Prefix(p) => p.clone(),
            Part::Phrase(pairs) => {
                let mut s: String = pairs.iter().filter_map(|p| p.chars().next()).collect();
                if let Some(last) = pairs.last().and_then(|p| p.chars().last()) {
                    s.push(last);
                }
                s
            }
        })
        .filter(|s| !s.is_empty())
        .collect();
    // Longest first, so that a longer match is marked rather than a word inside it.
    out.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// About [`SNIPPET_CHARS`] characters of `text` around the first match of `words`, escaped
/// for HTML, each match in `<mark>`; `None` when no word appears in `text`.
pub fn snippet(text: &str, words: &[Word]) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = chars.iter().map(char::to_ascii_lowercase).collect();
    let needles: Vec<Vec<char>> = needles(words).iter().map(|n| n.chars().collect()).collect();
    let matches_at = |i: usize| {
        needles
            .iter()
            .find(|n| folded.get(i..i + n.len()) == Some(n.as_slice()))
            .map(Vec::len)
    };
    let first = (0..chars.len()).find(|&i| matches_at(i).is_some())?;
    let start = first.saturating_sub(SNIPPET_BEFORE);
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut i = start;
    while i < end {
        if let Some(len) = matches_at(i) {
            let stop = (i + len).min(chars.len());
            out.push_str("<mark>");
            out.push_str(&escape(&chars[i..stop].iter().collect::<String>()));
            out.push_str("</mark>");
            i = stop;
        } else {
            out.push_str(&escape(&chars[i].to_string()));
            i += 1;
        }
    }
    if end < chars.len() {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_mark_every_word_and_escape_the_rest() {
        let words = terms::of_query("任免 干部");
        let text = "关于<县直>单位干部任免事项的决定";
        assert_eq!(
            snippet(text, &words).as_deref(),
            Some("关于&lt;县直&gt;单位<mark>干部</mark><mark>任免</mark>事项的决定")
        );
    }

    #[test]
    fn long_texts_are_cut_around_the_first_match() {
        let words = terms::of_query("扶贫");
        let text = format!("{}扶贫{}", "甲".repeat(100), "乙".repeat(100));
        let s = snippet(&text, &words).unwrap_or_default();
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(s.contains("<mark>扶贫</mark>"));
        assert_eq!(s.chars().filter(|&c| c == '甲').count(), SNIPPET_BEFORE);
    }

    #[test]
    fn ascii_words_match_without_case() {
        let words = terms::of_query("syn");
        assert_eq!(
            snippet("SYN-1", &words).as_deref(),
            Some("<mark>SYN</mark>-1")
        );
    }

    #[test]
    fn cursors_round_trip_and_refuse_garbage() -> AppResult<()> {
        let hit = Hit {
            kind: RecordKind::Power,
            record_id: 42,
            rank: 0.485_319_097_306_478_93,
            title: String::new(),
            snippet: String::new(),
            beyond_public: false,
        };
        let keys = Permutation::new(&[4; 32]);
        let text = encode_cursor(&keys, None, &hit);
        assert!(!text.contains("42"));
        let c = decode_cursor(&keys, &text)?;
        assert_eq!((c.w, c.r, c.k.as_str(), c.i), (None, hit.rank, "POWER", 42));
        let text = encode_cursor(&keys, Some(9_001), &hit);
        assert!(!text.contains("9001"));
        let c = decode_cursor(&keys, &text)?;
        assert_eq!((c.w, c.i), (Some(9_001), 42));
        assert!(decode_cursor(&keys, "k2:abc").is_err());
        assert!(decode_cursor(&keys, "s1:!!!").is_err());
        Ok(())
    }

    #[tokio::test]
    async fn a_search_past_its_turns_waits_then_is_unavailable() -> AppResult<()> {
        let turns = Turns::new(1, std::time::Duration::from_millis(50));
        let held = turns.take().await?;
        let started = std::time::Instant::now();
        let refused = turns.take().await;
        assert!(started.elapsed() >= std::time::Duration::from_millis(50));
        assert_eq!(
            refused.err().map(|e| e.code()),
            Some(crate::error::Code::Unavailable)
        );
        drop(held);
        assert!(turns.take().await.is_ok());
        // A waiting search gets the turn given back while it waits.
        let held = turns.take().await?;
        let waiting = turns.take();
        let back = async {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            drop(held);
        };
        let (taken, ()) = tokio::join!(waiting, back);
        assert!(taken.is_ok());
        Ok(())
    }

    #[test]
    fn empty_long_and_wordy_queries_are_refused() {
        assert!(words_of("  ，。 ").is_err());
        assert!(words_of(&"字".repeat(101)).is_err());
        assert!(words_of("a b c d e f g h i").is_err());
        assert!(words_of("任免").is_ok());
    }
}
