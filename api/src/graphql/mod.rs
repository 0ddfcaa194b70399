//! The GraphQL schema. It is built without I/O, so the schema export and tests need no database.

pub mod changes;
pub mod checkpoint;
pub mod connection;
pub mod edit;
pub mod enums;
pub mod filters;
pub mod ids;
pub mod logs;
pub mod mutation;
pub mod node;
mod prefetch;
pub mod query;
pub mod search;
pub mod statistics;
pub mod step;
pub mod strings;
pub mod subscription;
pub mod types;
pub mod viewer;

use async_graphql::Schema;

use crate::store::Store;

/// Deepest nesting of a query.
pub const MAX_DEPTH: usize = 12;
/// Most work a query may ask for: each field counts 1, and a connection's fields count
/// `first` times (see [`query::page_cost`]).
pub const MAX_COMPLEXITY: usize = 100_000;
/// Most directives on one field.
pub const MAX_DIRECTIVES_PER_FIELD: usize = 5;

/// Sunlight's schema.
pub type SunlightSchema = Schema<query::Query, mutation::Mutation, subscription::Subscription>;

/// The schema, with `store` (if any) for resolvers. Without a store it can only print itself.
pub fn build(store: Option<Store>) -> SunlightSchema {
    let mut builder = Schema::build(
        query::Query,
        mutation::Mutation::default(),
        subscription::Subscription,
    )
    .limit_depth(MAX_DEPTH)
    .limit_complexity(MAX_COMPLEXITY)
    .limit_directives(MAX_DIRECTIVES_PER_FIELD)
    .limit_recursive_depth(64)
    .extension(strings::StringGuard)
    .disable_suggestions();
    if let Some(store) = store {
        builder = builder.data(store);
    }
    builder.finish()
}

/// The schema in SDL, as written to `schema.graphql`.
pub fn sdl() -> String {
    build(None).sdl()
}
