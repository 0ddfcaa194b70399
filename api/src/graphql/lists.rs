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
    let unread = unread::<E>(&ctx.look_ahead());
    let page = store
        .page::<E>(caller, filter, sort, (args, &unread))
        .await?;
    let rows: Vec<_> = page.items.iter().map(|(_, row)| row).collect();
    super::prefetch::selected::<E>(ctx, &rows, true).await?;
    // Rows are served only when the page's records are asked for, not for a count alone.
    let here = ctx.look_ahead();
    let collector = (here.field("edges").exists() || here.field("nodes").exists())
        .then(|| reads(ctx))
        .flatten();
    Ok(connection(page, |row| node(served::<E>(collector, row))))
}

/// The long text columns of `E` that no field asked of the page `here` reads. The versions of
/// a record read the record as it is, so asking for them reads every column.
fn unread<E: Prefetch>(here: &async_graphql::Lookahead<'_>) -> Vec<&'static str> {
    let nodes = [here.field("nodes"), here.field("edges").field("node")];
    let asked = |field: &str| nodes.iter().any(|n| n.field(field).exists());
    if asked("versions") {
        return Vec::new();
    }
    E::LONG_TEXT
        .iter()
        .filter(|(field, _)| !asked(field))
        .map(|(_, column)| *column)
        .collect()
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

/// The `filter` argument of a list field: the condition it puts on the kind's table.
pub(crate) trait ListFilter: async_graphql::InputType + Default {
    /// The condition on `table` for `caller`.
    fn condition_on(
        &self,
        store: &crate::store::Store,
        caller: &crate::access::Caller,
        table: &'static str,
    ) -> impl Future<Output = Result<Condition>> + Send;
}

/// Filters whose condition needs nothing but the caller and the ids.
macro_rules! plain_filters {
    ($($filter:ty),+ $(,)?) => {$(
        impl ListFilter for $filter {
            async fn condition_on(
                &self,
                store: &crate::store::Store,
                caller: &crate::access::Caller,
                _: &'static str,
            ) -> Result<Condition> {
                Ok(self.condition(caller, store.ids()))
            }
        }
    )+};
}

plain_filters!(
    super::filters::OrganizationFilter,
    super::filters::ProcedureFilter,
    super::filters::AppointmentFilter,
    super::filters::DisciplinaryCaseFilter,
    super::filters::BulletinFilter,
    super::filters::ExerciseFilter,
);

/// Filters that judge dates as of a day: theirs, or the server's today.
macro_rules! dated_filters {
    ($($filter:ty),+ $(,)?) => {$(
        impl ListFilter for $filter {
            async fn condition_on(
                &self,
                store: &crate::store::Store,
                caller: &crate::access::Caller,
                _: &'static str,
            ) -> Result<Condition> {
                Ok(self.condition(caller, store.ids(), store.today()))
            }
        }
    )+};
}

dated_filters!(
    super::filters::MeetingFilter,
    super::filters::DecisionFilter
);

impl ListFilter for super::filters::RecordFilter {
    async fn condition_on(
        &self,
        store: &crate::store::Store,
        caller: &crate::access::Caller,
        table: &'static str,
    ) -> Result<Condition> {
        Ok(self.condition(caller, store.ids(), table))
    }
}

impl ListFilter for super::filters::PowerFilter {
    async fn condition_on(
        &self,
        store: &crate::store::Store,
        caller: &crate::access::Caller,
        _: &'static str,
    ) -> Result<Condition> {
        let tree = store.org_tree().await?;
        Ok(self.condition(caller, store.ids(), &tree))
    }
}

/// A page of the records `E` for the list field with these arguments.
pub(crate) async fn list_field<E, F, T>(
    ctx: &Context<'_>,
    filter: Option<F>,
    sort: Sort,
    paging: Paging,
    node: impl Fn(Scoped<E::Model>) -> T,
) -> Result<Conn<T>>
where
    E: Prefetch,
    F: ListFilter,
    T: async_graphql::OutputType,
{
    let (store, caller) = request(ctx)?;
    let filter = filter
        .unwrap_or_default()
        .condition_on(store, caller, E::TABLE)
        .await?;
    list::<E, T>(ctx, filter, sort, paging, node).await
}

/// A kind's fields of the root query, as the object `Queries` named `$name`: its list field,
/// with its filter and, where it has one, its order, and, where it has one, its field that
/// looks one record up by id.
macro_rules! root_fields {
    (@sort) => {
        crate::store::Sort::BY_ID
    };
    (@sort $order:ident: $Order:ty) => {
        <$Order>::sort($order.as_ref())
    };
    (
        $name:literal: $E:ty => $Node:ident;
        $(#[doc = $list_doc:literal])+
        $list:ident(filter: $Filter:ty $(, order_by: $Order:ty)?);
        $($(#[doc = $one_doc:literal])+ $one:ident(id);)?
    ) => {
        /// The kind's fields of the root query.
        #[derive(Default)]
        pub struct Queries;

        #[async_graphql::Object(name = $name)]
        impl Queries {
            $(#[doc = $list_doc])+
            #[graphql(complexity = "crate::graphql::lists::page_cost(first.or(last), child_complexity)")]
            #[allow(clippy::too_many_arguments)]
            async fn $list(
                &self,
                ctx: &async_graphql::Context<'_>,
                filter: Option<$Filter>,
                $(order_by: Option<$Order>,)?
                first: Option<i32>,
                after: Option<String>,
                last: Option<i32>,
                before: Option<String>,
            ) -> async_graphql::Result<crate::graphql::lists::Conn<$Node>> {
                let sort = crate::graphql::lists::root_fields!(@sort $(order_by: $Order)?);
                let paging = crate::graphql::lists::Paging { first, after, last, before };
                crate::graphql::lists::list_field::<$E, _, _>(ctx, filter, sort, paging, $Node)
                    .await
            }

            $(
            $(#[doc = $one_doc])+
            async fn $one(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
            ) -> async_graphql::Result<Option<$Node>> {
                let name = <$E as crate::store::Record>::NAME;
                Ok(crate::graphql::lists::one::<$E>(ctx, name, &id).await?.map($Node))
            }
            )?
        }
    };
}
pub(crate) use root_fields;
