//! The Relay `Node` interface: any record by its global id.

use async_graphql::{Context, ID, Result};

use super::ids;
pub use super::kinds::{Node, load_key};

/// The record behind `id`, if it exists and the caller may see it; `None` for anything else,
/// malformed ids included.
pub async fn load(ctx: &Context<'_>, id: &ID) -> Result<Option<Node>> {
    let Some((kind, key)) = ids::of(ctx)?.decode_any(id) else {
        return Ok(None);
    };
    load_key(ctx, &kind, key).await
}
