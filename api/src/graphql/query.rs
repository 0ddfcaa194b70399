//! The root of every read.

use async_graphql::{Context, ID, Object, Result};
use sea_orm::{ColumnTrait, Condition};

use super::{
    connection::{Conn, connection},
    enums::{AppointmentStage, MeetingKind, OrganizationKind, PowerCategory},
    ids,
    types::{
        Appointment, DisciplinaryCase, Meeting, Observer, Organization, Person, Power, Procedure,
        request,
    },
};
use crate::{
    access::policy::Scoped,
    store::{PageArgs, Record},
};

/// Read access to the county's records. Every field returns only what the caller may see.
pub struct Query;

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

/// A page of records `E` meeting `filter`, as a connection of `T`.
async fn list<E: Record, T: async_graphql::OutputType>(
    ctx: &Context<'_>,
    filter: Condition,
    first: Option<i32>,
    after: Option<String>,
    node: impl Fn(Scoped<E::Model>) -> T,
) -> Result<Conn<T>> {
    let (store, caller) = request(ctx)?;
    let args = PageArgs::new(first, after.as_deref())?;
    let page = store.page::<E>(caller, filter, args).await?;
    Ok(connection(page, node))
}

/// The record `E` with global id `id` of type `kind`, if the caller may see it.
async fn one<E: Record>(
    ctx: &Context<'_>,
    kind: &str,
    id: &ID,
) -> Result<Option<Scoped<E::Model>>> {
    let Some(key) = ids::decode(kind, id) else {
        return Ok(None);
    };
    let (store, caller) = request(ctx)?;
    Ok(store.get::<E>(caller, key).await?)
}

fn when<T>(
    cond: Condition,
    value: Option<T>,
    f: impl FnOnce(T) -> sea_orm::sea_query::SimpleExpr,
) -> Condition {
    match value {
        Some(v) => cond.add(f(v)),
        None => cond,
    }
}

#[Object]
impl Query {
    /// Any record by its global id; `null` when it does not exist or is hidden from the caller.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Result<Option<super::node::Node>> {
        super::node::load(ctx, &id).await
    }

    /// Records by their global ids, in the order asked, `null` for each one that does not
    /// exist or is hidden. At most 100 ids.
    #[graphql(complexity = "ids.len().max(1).saturating_mul(child_complexity)")]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        ids: Vec<ID>,
    ) -> Result<Vec<Option<super::node::Node>>> {
        if ids.len() > crate::store::page::MAX_PAGE as usize {
            return Err(crate::error::AppError::bad_input(
                "ids",
                "ask for at most 100 ids at once",
            )
            .into());
        }
        // Concurrently, so that the loader batches the lookups per kind.
        futures::future::try_join_all(ids.iter().map(|id| super::node::load(ctx, id))).await
    }

    /// Who the API takes the caller to be.
    async fn viewer(&self, ctx: &Context<'_>) -> Result<super::viewer::Viewer> {
        let (_, caller) = request(ctx)?;
        Ok(super::viewer::Viewer(caller.clone()))
    }

    /// Organizations of the county, optionally of one kind or under one parent.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        kind: Option<OrganizationKind>,
        parent: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Conn<Organization>> {
        use entity::organization::Column;
        let mut filter = when(Condition::all(), kind, |k| {
            Column::Kind.eq(entity::enums::OrganizationKind::from(k))
        });
        if let Some(parent) = parent {
            filter =
                filter.add(Column::ParentId.eq(ids::decode("Organization", &parent).unwrap_or(-1)));
        }
        list::<entity::organization::Entity, _>(ctx, filter, first, after, Organization).await
    }

    /// One organization by id.
    async fn organization(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Organization>> {
        Ok(
            one::<entity::organization::Entity>(ctx, "Organization", &id)
                .await?
                .map(Organization),
        )
    }

    /// People: leaders, cadres, candidates, observers.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn people(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Conn<Person>> {
        list::<entity::person::Entity, _>(ctx, Condition::all(), first, after, Person).await
    }

    /// One person by id.
    async fn person(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Person>> {
        Ok(one::<entity::person::Entity>(ctx, "Person", &id)
            .await?
            .map(Person))
    }

    /// The power catalogue (权力清单), optionally of one category.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn powers(
        &self,
        ctx: &Context<'_>,
        category: Option<PowerCategory>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Conn<Power>> {
        let filter = when(Condition::all(), category, |c| {
            entity::power::Column::Category.eq(entity::enums::PowerCategory::from(c))
        });
        list::<entity::power::Entity, _>(ctx, filter, first, after, Power).await
    }

    /// One power by id.
    async fn power(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Power>> {
        Ok(one::<entity::power::Entity>(ctx, "Power", &id)
            .await?
            .map(Power))
    }

    /// Procedures (流程图).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn procedures(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Conn<Procedure>> {
        list::<entity::procedure::Entity, _>(ctx, Condition::all(), first, after, Procedure).await
    }

    /// One procedure by id.
    async fn procedure(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Procedure>> {
        Ok(one::<entity::procedure::Entity>(ctx, "Procedure", &id)
            .await?
            .map(Procedure))
    }

    /// Meetings, optionally of one kind.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        kind: Option<MeetingKind>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Conn<Meeting>> {
        let filter = when(Condition::all(), kind, |k| {
            entity::meeting::Column::Kind.eq(entity::enums::MeetingKind::from(k))
        });
        list::<entity::meeting::Entity, _>(ctx, filter, first, after, Meeting).await
    }

    /// One meeting by id.
    async fn meeting(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Meeting>> {
        Ok(one::<entity::meeting::Entity>(ctx, "Meeting", &id)
            .await?
            .map(Meeting))
    }

    /// The observer pool (会议列席人员资料库).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn observers(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Conn<Observer>> {
        list::<entity::observer::Entity, _>(ctx, Condition::all(), first, after, Observer).await
    }

    /// Appointments (干部任免), optionally at one stage.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn appointments(
        &self,
        ctx: &Context<'_>,
        stage: Option<AppointmentStage>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Conn<Appointment>> {
        let filter = when(Condition::all(), stage, |s| {
            entity::appointment::Column::Stage.eq(entity::enums::AppointmentStage::from(s))
        });
        list::<entity::appointment::Entity, _>(ctx, filter, first, after, Appointment).await
    }

    /// One appointment by id.
    async fn appointment(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Appointment>> {
        Ok(one::<entity::appointment::Entity>(ctx, "Appointment", &id)
            .await?
            .map(Appointment))
    }

    /// Disciplinary cases (违纪违法问题处理).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn disciplinary_cases(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Conn<DisciplinaryCase>> {
        list::<entity::disciplinary_case::Entity, _>(
            ctx,
            Condition::all(),
            first,
            after,
            DisciplinaryCase,
        )
        .await
    }

    /// One disciplinary case by id.
    async fn disciplinary_case(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> Result<Option<DisciplinaryCase>> {
        Ok(
            one::<entity::disciplinary_case::Entity>(ctx, "DisciplinaryCase", &id)
                .await?
                .map(DisciplinaryCase),
        )
    }
}
