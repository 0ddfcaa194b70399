//! Running a search for a caller: matching, the record filter, ranking, paging and snippets.

use std::collections::HashMap;

use base64::Engine as _;
use chrono::Utc;
use entity::enums::{RecordKind, Scope};
use sea_orm::{
    ActiveEnum, Condition, ConnectionTrait, DatabaseConnection, DbBackend, Statement,
    sea_query::{
        Alias, CommonTableExpression, Expr, ExprTrait, PostgresQueryBuilder, Query,
        SelectStatement, SqliteQueryBuilder, UnionType, WithClause,
    },
};
use serde::{Deserialize, Serialize};

use crate::search::terms::{self, Part, Word};
use crate::{
    access::{Caller, visibility},
    error::{AppError, AppResult},
    ids::Permutation,
    store::page::{DEFAULT_PAGE, MAX_PAGE},
};

/// Most words in one query.
const MAX_WORDS: usize = 8;
/// Longest query, in characters.
const MAX_QUERY_CHARS: usize = 100;
/// Characters of context before the first match in a snippet.
const SNIPPET_BEFORE: usize = 20;
/// Characters in a snippet.
const SNIPPET_CHARS: usize = 80;

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
    /// How many records match in all, for this caller.
    pub total: u64,
}

#[derive(Serialize, Deserialize)]
struct Cursor {
    r: f64,
    k: String,
    i: i64,
}

const CURSOR_PREFIX: &str = "s1:";

/// The label under which cursors hide record keys.
const CURSOR_LABEL: &[u8] = b"search cursor";

fn encode_cursor(keys: &Permutation, hit: &Hit) -> String {
    let cursor = Cursor {
        r: hit.rank,
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
    Ok(cursor)
}

/// The table of each kind the index covers.
fn table(kind: RecordKind) -> Option<&'static str> {
    (kind != RecordKind::Membership).then(|| super::table_of(kind))
}

fn matched_col(name: &'static str) -> Expr {
    Expr::col((Alias::new("matched"), Alias::new(name)))
}

/// The documents holding every word that hold for today, with their rank: the full-text
/// match runs once, whatever the number of kinds.
fn matching(backend: DbBackend, words: &[Word]) -> SelectStatement {
    let today = Utc::now().date_naive();
    let docs = |name: &'static str| Expr::col((Alias::new("search_documents"), Alias::new(name)));
    let mut q = Query::select();
    for name in ["id", "kind", "record_id", "min_level", "max_level"] {
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
        let query = terms::tsquery(words);
        q.expr_as(
            Expr::cust_with_values(
                "CAST(ts_rank(search_documents.terms, CAST($1 AS tsquery)) AS DOUBLE PRECISION)",
                [query.clone()],
            ),
            Alias::new("rank"),
        )
        .and_where(Expr::cust_with_values(
            "search_documents.terms @@ CAST($1 AS tsquery)",
            [query],
        ));
    } else {
        let (rank, needles) = terms::sqlite_rank(words);
        q.expr_as(Expr::cust_with_values(rank, needles), Alias::new("rank"))
            .inner_join(
                Alias::new("search_terms"),
                Expr::col((Alias::new("search_terms"), Alias::new("rowid")))
                    .equals((Alias::new("search_documents"), Alias::new("id"))),
            )
            .and_where(Expr::cust_with_values(
                "search_terms MATCH ?",
                [terms::fts5(words)],
            ));
    }
    q
}

/// Of the matched documents, those of records of `kind` that `caller` may see, at the
/// caller's clearance on each record.
fn visible(
    caller: &Caller,
    kind: RecordKind,
    table: &'static str,
    jurisdiction: Option<i64>,
) -> SelectStatement {
    let level = visibility::clearance_level(caller, table, kind);
    let mut q = Query::select();
    q.expr_as(matched_col("kind"), Alias::new("kind"))
        .expr_as(matched_col("record_id"), Alias::new("record_id"))
        .expr_as(matched_col("id"), Alias::new("doc_id"))
        .expr_as(matched_col("rank"), Alias::new("rank"))
        .expr_as(
            Expr::case(
                Condition::any().add(matched_col("min_level").gt(0)).add(
                    Expr::col((Alias::new(table), Alias::new("scope")))
                        .ne(Scope::Public.to_value()),
                ),
                1,
            )
            .finally(0),
            Alias::new("beyond_public"),
        )
        .from(Alias::new("matched"))
        .inner_join(
            Alias::new(table),
            Expr::col((Alias::new(table), Alias::new("id")))
                .equals((Alias::new("matched"), Alias::new("record_id"))),
        )
        .and_where(matched_col("kind").eq(kind.to_value()))
        .cond_where(visibility::visible(caller, table, kind, Utc::now()))
        .and_where(matched_col("min_level").lte(level.clone()))
        .and_where(matched_col("max_level").gte(level));
    if let Some(j) = jurisdiction {
        q.and_where(super::jurisdictions::owned_within(table, "owner_org_id", j));
    }
    q
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
    /// The records of `kinds` (all when empty) the caller may see whose visible text holds
    /// every word of `query`, best first: see [`crate::search`].
    pub async fn search(
        &self,
        caller: &Caller,
        query: &str,
        kinds: &[RecordKind],
        jurisdiction: Option<i64>,
        first: Option<i32>,
        after: Option<&str>,
    ) -> AppResult<Found> {
        run(
            &self.read,
            self.ids().permutation(),
            caller,
            query,
            (kinds, jurisdiction),
            first,
            after,
        )
        .await
    }
}

/// Searches the records of `kinds` (all kinds when empty) that `caller` may see, for every
/// word of `query`; the page of `first` hits after `after`, best first.
async fn run(
    db: &DatabaseConnection,
    keys: &Permutation,
    caller: &Caller,
    query: &str,
    (kinds, jurisdiction): (&[RecordKind], Option<i64>),
    first: Option<i32>,
    after: Option<&str>,
) -> AppResult<Found> {
    let size = match first {
        None => DEFAULT_PAGE,
        Some(n) if n < 0 => {
            return Err(AppError::bad_input("first", "first cannot be negative"));
        }
        Some(n) if n as u64 > MAX_PAGE => {
            return Err(AppError::bad_input(
                "first",
                "ask for at most 100 results at once and page with the cursor",
            ));
        }
        Some(n) => n as u64,
    };
    let cursor = after.map(|a| decode_cursor(keys, a)).transpose()?;
    let words = words_of(query)?;
    let backend = db.get_database_backend();
    let all = <RecordKind as sea_orm::Iterable>::iter();
    let kinds: Vec<RecordKind> = if kinds.is_empty() {
        all.collect()
    } else {
        all.filter(|k| kinds.contains(k)).collect()
    };
    let mut selects = kinds
        .iter()
        .filter_map(|&k| table(k).map(|t| visible(caller, k, t, jurisdiction)));
    let Some(mut union) = selects.next() else {
        return Ok(Found {
            hits: Vec::new(),
            has_next: false,
            has_previous: cursor.is_some(),
            total: 0,
        });
    };
    for s in selects {
        union.union(UnionType::All, s);
    }
    let mut matched = CommonTableExpression::from_select(matching(backend, &words));
    matched.table_name(Alias::new("matched")).materialized(true);
    let query = WithClause::new().cte(matched).to_owned().query(union);
    let (sql, values) = if backend == DbBackend::Postgres {
        query.build(PostgresQueryBuilder)
    } else {
        query.build(SqliteQueryBuilder)
    };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut matches: Vec<(f64, String, i64, i64, bool)> = Vec::with_capacity(rows.len());
    for row in rows {
        matches.push((
            row.try_get::<f64>("", "rank")?,
            row.try_get::<String>("", "kind")?,
            row.try_get::<i64>("", "record_id")?,
            row.try_get::<i64>("", "doc_id")?,
            row.try_get::<i32>("", "beyond_public")? != 0,
        ));
    }
    // Best first; ties by kind and id, so that the order is total and cursors are stable.
    matches.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    let total = matches.len() as u64;
    let start = match &cursor {
        None => 0,
        Some(c) => matches
            .iter()
            .position(|m| {
                m.0.total_cmp(&c.r)
                    .reverse()
                    .then_with(|| m.1.as_str().cmp(&c.k))
                    .then_with(|| m.2.cmp(&c.i))
                    .is_gt()
            })
            .unwrap_or(matches.len()),
    };
    let page: Vec<_> = matches.iter().skip(start).take(size as usize).collect();
    let has_next = matches.len() > start + page.len();
    let texts = documents(db, page.iter().map(|m| m.3)).await?;
    let mut hits = Vec::with_capacity(page.len());
    for (rank, kind, record_id, doc_id, beyond_public) in page {
        let Ok(kind) = RecordKind::try_from_value(kind) else {
            continue;
        };
        let (title, body) = texts.get(doc_id).cloned().unwrap_or_default();
        let snippet = snippet(&body, &words)
            .or_else(|| snippet(&title, &words))
            .unwrap_or_else(|| escape(&body.chars().take(SNIPPET_CHARS).collect::<String>()));
        let hit = Hit {
            kind,
            record_id: *record_id,
            rank: *rank,
            title,
            snippet,
            beyond_public: *beyond_public,
        };
        hits.push((encode_cursor(keys, &hit), hit));
    }
    Ok(Found {
        hits,
        has_next,
        has_previous: cursor.is_some(),
        total,
    })
}

/// The title and body of the documents `ids`.
async fn documents(
    db: &DatabaseConnection,
    ids: impl Iterator<Item = i64>,
) -> AppResult<HashMap<i64, (String, String)>> {
    let ids: Vec<String> = ids.map(|i| i.to_string()).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            format!(
                "SELECT id, title, body FROM search_documents WHERE id IN ({})",
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
            rank: 0.123_456_789_012_345_67,
            title: String::new(),
            snippet: String::new(),
            beyond_public: false,
        };
        let keys = Permutation::new(&[4; 32]);
        let text = encode_cursor(&keys, &hit);
        assert!(!text.contains("42"));
        let c = decode_cursor(&keys, &text)?;
        assert_eq!((c.r, c.k.as_str(), c.i), (hit.rank, "POWER", 42));
        assert!(decode_cursor(&keys, "k2:abc").is_err());
        assert!(decode_cursor(&keys, "s1:!!!").is_err());
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
