//! The Relay `Node` interface: any record by its global id.

use async_graphql::{Context, ID, Interface, Result};

use super::{ids, types};

/// The `Node` interface and its lookup by type name, from the list of kinds.
macro_rules! nodes {
    ([] $($Kind:ident: $module:ident, $table:literal, $list:literal, $feed:tt, $doc:literal;)+) => {
        /// A record with a global id, stable forever and the same on every database.
        #[derive(Interface)]
        #[graphql(field(name = "id", ty = "ID", desc = "Global id."))]
        pub enum Node {
            $(
                #[doc = $doc]
                $Kind(types::$Kind),
            )+
        }

        /// The record of type `kind` with database id `key`, if the caller may see it.
        pub async fn load_key(ctx: &Context<'_>, kind: &str, key: i64) -> Result<Option<Node>> {
            let key = Some(key);
            Ok(match kind {
                $(stringify!($Kind) => types::related::<entity::$module::Entity>(ctx, key)
                    .await?
                    .map(|r| Node::$Kind(types::$Kind(r))),)+
                _ => None,
            })
        }
    };
}
crate::kinds::kinds!({nodes} []);

/// The record behind `id`, if it exists and the caller may see it; `None` for anything else,
/// malformed ids included.
pub async fn load(ctx: &Context<'_>, id: &ID) -> Result<Option<Node>> {
    let Some((kind, key)) = ids::of(ctx)?.decode_any(id) else {
        return Ok(None);
    };
    load_key(ctx, &kind, key).await
}
