//! The list and lookup fields of the kinds of record: a page of records with its count, or one
//! record by its global id, each only as far as the caller may see it.

use async_graphql::{Context, ID, Result};
use sea_orm::Condition;

pub use super::connection::Conn;
use super::{
    connection::connection,
    prefetch::Prefetch,
    types::{reads, request, served},
};
use crate::{
    access::policy::Scoped,
    store::{PageArgs, Sort},
};

/// The cost of a page: its size times the cost of one item, saturating so that no `first`
/// can wrap the count.
pub fn page_cost(first: Option<i32>, child_complexity: usize) -> usize {
    let n = first.map_or(crate::store::page::DEFAULT_PAGE as usize, |f| {
        usize::try_from(f).unwrap_or(0)
    });
    // Capped far above any limit, so that the engine can add many of them without wrapping.
    n.max(1)
        .saturating_mul(child_complexity)
        .saturating_add(1)
        .min(1 << 40)
}

/// Relay paging arguments of a list field.
pub struct Paging {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

/// A page of records `E` meeting `filter`, as a connection of `T`.
pub(crate) async fn list<E: Prefetch, T: async_graphql::OutputType>(
    ctx: &Context<'_>,
    filter: Condition,
    sort: Sort,
    paging: Paging,
    node: impl Fn(Scoped<E::Model>) -> T,
) -> Result<Conn<T>> {
    let (store, caller) = request(ctx)?;
    let args = PageArgs::new(
        paging.first,
        paging.after.as_deref(),
        paging.last,
        paging.before.as_deref(),
    )?;
    let args = PageArgs {
        count: ctx.look_ahead().field("totalCount").exists(),
        ..args
    };
    let page = store.page::<E>(caller, filter, sort, args).await?;
    let rows: Vec<_> = page.items.iter().map(|(_, row)| row).collect();
    super::prefetch::selected::<E>(ctx, &rows, true).await?;
    // Rows are served only when the page's records are asked for, not for a count alone.
    let here = ctx.look_ahead();
    let collector = (here.field("edges").exists() || here.field("nodes").exists())
        .then(|| reads(ctx))
        .flatten();
    Ok(connection(page, |row| node(served::<E>(collector, row))))
}

/// The record `E` with global id `id` of type `kind`, if the caller may see it.
pub(crate) async fn one<E: Prefetch>(
    ctx: &Context<'_>,
    kind: &str,
    id: &ID,
) -> Result<Option<Scoped<E::Model>>> {
    let (store, caller) = request(ctx)?;
    let Some(key) = store.ids().decode(kind, id) else {
        return Ok(None);
    };
    let row = store.get::<E>(caller, key).await?;
    if let Some(row) = &row {
        super::prefetch::selected::<E>(ctx, &[row], false).await?;
    }
    Ok(row.map(|row| served::<E>(reads(ctx), row)))
}
