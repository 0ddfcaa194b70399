//! Search results.

use async_graphql::{
    Context, Object, Result, SimpleObject,
    connection::{Connection, Edge, EmptyFields},
};

use super::kinds::{self, Node};
use crate::store::search::Hit;

pub use super::enums::SearchKind;

/// Fields of a page of search results besides its hits.
#[derive(SimpleObject)]
pub struct SearchTotals {
    /// How many records match, counting only those the caller may see: every one up to the
    /// server's search window (500 unless configured), and the window's size when more match
    /// (then `totalCountIsExact` is `false`).
    pub total_count: u64,
    /// Whether `totalCount` is the number of every match rather than its bound.
    pub total_count_is_exact: bool,
}

/// A page of search results.
pub type SearchConnection = Connection<String, SearchHit, SearchTotals, EmptyFields>;

/// The page of `found`; its counts are zero when they were not asked for.
pub fn connection(found: crate::store::search::Found) -> SearchConnection {
    let total = found.total.unwrap_or(crate::store::search::Total {
        count: 0,
        exact: true,
    });
    let mut conn = Connection::with_additional_fields(
        found.has_previous,
        found.has_next,
        SearchTotals {
            total_count: total.count,
            total_count_is_exact: total.exact,
        },
    );
    conn.edges.extend(
        found
            .hits
            .into_iter()
            .map(|(cursor, hit)| Edge::new(cursor, SearchHit(hit))),
    );
    conn
}

/// A record that matched a search.
pub struct SearchHit(pub Hit);

impl SearchHit {
    /// Notes in the request's access log that this hit's text was served, when it holds more
    /// than the public may see.
    fn served(&self, ctx: &Context<'_>) {
        if self.0.beyond_public
            && let Some(reads) = super::types::reads(ctx)
        {
            reads.note(self.0.kind, self.0.record_id);
        }
    }
}

#[Object]
impl SearchHit {
    /// The record; `null` only if it left the caller's view since the search ran.
    async fn record(&self, ctx: &Context<'_>) -> Result<Option<Node>> {
        kinds::load_key(ctx, crate::store::name_of(self.0.kind), self.0.record_id).await
    }

    /// The kind of record.
    async fn kind(&self) -> Option<SearchKind> {
        Some(self.0.kind.into())
    }

    /// The record's name, title or label, as far as the caller may see it.
    async fn title(&self, ctx: &Context<'_>) -> &str {
        self.served(ctx);
        &self.0.title
    }

    /// About 80 characters around the first match, from what the caller may see of the
    /// record: HTML-escaped, each match in `<mark>…</mark>`.
    async fn snippet(&self, ctx: &Context<'_>) -> &str {
        self.served(ctx);
        &self.0.snippet
    }

    /// Relevance: higher is better; matches in a title count more than matches in a text.
    /// Comparable within one search only.
    async fn rank(&self) -> f64 {
        self.0.rank
    }
}
