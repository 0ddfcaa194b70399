//! Search results.

use async_graphql::{Context, Object, Result};

use super::kinds::{self, Node};
use crate::store::search::Hit;

pub use super::enums::SearchKind;

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
