//! Relay connections over store pages.

use async_graphql::{
    OutputType, SimpleObject,
    connection::{Connection, Edge, EmptyFields},
};

use crate::store::Page;

/// Fields every connection carries besides its edges.
#[derive(SimpleObject)]
pub struct ConnectionTotals {
    /// How many records match, counting only those the caller may see.
    pub total_count: u64,
}

/// A connection of `T`.
pub type Conn<T> = Connection<String, T, ConnectionTotals, EmptyFields>;

/// Turns a page of rows into a connection of GraphQL objects.
pub fn connection<M, T: OutputType>(page: Page<M>, node: impl Fn(M) -> T) -> Conn<T> {
    let mut conn = Connection::with_additional_fields(
        page.has_previous,
        page.has_next,
        ConnectionTotals {
            total_count: page.total,
        },
    );
    conn.edges.extend(
        page.items
            .into_iter()
            .map(|(cursor, item)| Edge::new(cursor, node(item))),
    );
    conn
}
