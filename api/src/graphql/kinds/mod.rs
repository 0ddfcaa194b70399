//! Every kind of record, one file each: what the API declares of it (its input, write rules,
//! search text, feed, field policies, root fields and writes, and for most its GraphQL type).
//! What goes over every kind (the root query and mutation, the `Node` interface and its lookup,
//! feeds, exports, the demo county's loader) is generated here from the one list of kinds,
//! `entity::kinds!`.

use async_graphql::{Context, ID, Interface, MergedObject, Result};
use entity::enums::RecordKind as Kind_;

use super::{edit::Apply, prefetch::Prefetch, types};
use crate::{
    error::AppResult,
    store::{
        Record,
        edit::{Editable, Saved, Target},
    },
};

/// What the API declares of a kind of record, beside its table ([`Record`]).
pub(crate) trait Kind: Record + Editable + Prefetch {
    /// Its list field in the schema, and its name in export and feed URLs.
    const LIST: &'static str;
    /// Its Atom feed.
    const FEED: Feed;
    /// The field policies of its GraphQL type and of the parts it shows.
    const POLICIES: Policies;
    /// The input fields that name a record of another kind, for a data loader: `a.b` is the
    /// field `b` of each element of the list `a`. Every kind may also name its `source` and
    /// the members of its `audience`.
    const REFERENCES: References = &[];
    /// The input of its `create…`, `update…` and `correct…` mutations.
    type Input: Apply<Self> + async_graphql::InputType;
}

/// The field policies of a kind.
pub type Policies = &'static [&'static dyn crate::access::policy::Declared];

/// Every kind's field policies, for the walk over the schema.
pub fn policies() -> Vec<&'static dyn crate::access::policy::Declared> {
    use sea_orm::Iterable as _;
    Kind_::iter()
        .flat_map(|kind| crate::store::with_record!(kind, E => <E as Kind>::POLICIES))
        .chain(super::documents::POLICIES)
        .copied()
        .collect()
}

/// Input fields that name records of other kinds.
pub type References = &'static [(&'static str, Kind_)];

/// What a kind's Atom feed says of itself and of its entries.
pub struct Feed {
    /// The feed's title.
    pub title: &'static str,
    /// The title of an entry whose record has none.
    pub untitled: &'static str,
    /// The selection that reads an entry's `title` and `summary`, and `content` where the kind has
    /// a longer text than its summary.
    pub selection: &'static str,
}

/// The list field of the schema, and the name in export and feed URLs, of each kind.
pub fn list_field(kind: Kind_) -> &'static str {
    crate::store::with_record!(kind, E => <E as Kind>::LIST)
}

/// The Atom feed of each kind.
pub fn feed(kind: Kind_) -> &'static Feed {
    crate::store::with_record!(kind, E => &<E as Kind>::FEED)
}

/// Writes `input`, the JSON of the input that `kind`'s mutations take (ids as the API gives
/// them), as `target`: the write of a data loader, through the same input checks and the same
/// write path as the mutations.
pub(crate) async fn write_json(
    load: &super::edit::Load<'_>,
    kind: Kind_,
    target: Target,
    input: serde_json::Value,
) -> AppResult<Saved> {
    crate::store::with_record!(
        kind,
        E => super::edit::write_json_as::<E, <E as Kind>::Input>(load, target, input).await
    )
}

/// The declaration module of every kind, and what is generated over all of them.
macro_rules! every_kind {
    ([] $($Kind:ident: $module:ident, $table:literal, $doc:literal;)+) => {
        $(pub mod $module;)+

        /// The list and lookup fields of every kind.
        #[derive(MergedObject, Default)]
        pub struct Lists($($module::Queries),+);

        /// The writes of every kind.
        #[derive(MergedObject, Default)]
        pub struct Writes($($module::Writes),+);

        /// A record with a global id, stable forever and the same on every database.
        #[derive(Interface)]
        #[graphql(field(name = "id", ty = "async_graphql::ID", desc = "Global id."))]
        pub enum Node {
            $(#[doc = $doc] $Kind($module::$Kind),)+
        }

        /// The record of type `kind` with database id `key`, if the caller may see it.
        pub async fn load_key(ctx: &Context<'_>, kind: &str, key: i64) -> Result<Option<Node>> {
            let key = Some(key);
            Ok(match kind {
                $(stringify!($Kind) => types::related::<entity::$module::Entity>(ctx, key)
                    .await?
                    .map(|r| Node::$Kind($module::$Kind(r))),)+
                _ => None,
            })
        }
    };
}
entity::kinds!({every_kind} []);

/// The record behind `id`, if it exists and the caller may see it; `None` for anything else,
/// malformed ids included.
pub async fn load(ctx: &Context<'_>, id: &ID) -> Result<Option<Node>> {
    let Some((kind, key)) = super::ids::of(ctx)?.decode_any(id) else {
        return Ok(None);
    };
    load_key(ctx, &kind, key).await
}
