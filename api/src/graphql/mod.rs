//! The GraphQL schema. It is built without I/O, so the schema export and tests need no database.

pub mod connection;
pub mod enums;
pub mod ids;
pub mod query;
pub mod types;
pub mod viewer;

use async_graphql::{EmptyMutation, EmptySubscription, Schema};

use crate::store::Store;

/// Sunlight's schema.
pub type SunlightSchema = Schema<query::Query, EmptyMutation, EmptySubscription>;

/// The schema, with `store` (if any) for resolvers. Without a store it can only print itself.
pub fn build(store: Option<Store>) -> SunlightSchema {
    let mut builder = Schema::build(query::Query, EmptyMutation, EmptySubscription)
        .limit_depth(12)
        .limit_complexity(20_000)
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
