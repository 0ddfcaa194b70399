//! The root of every read.

use async_graphql::{Context, ID, Object, Result};
use sea_orm::Condition;

use super::{
    connection::{Conn, connection},
    filters::{
        AppointmentFilter, AppointmentOrder, BulletinFilter, BulletinOrder, DecisionFilter,
        DisciplinaryCaseFilter, DisciplinaryCaseOrder, MeetingFilter, MeetingOrder,
        OrganizationFilter, OrganizationOrder, PowerFilter, PowerOrder, ProcedureFilter,
        ProcedureOrder, RecordFilter,
    },
    prefetch::Prefetch,
    types::{
        Appointment, Bulletin, Decision, DisciplinaryCase, Meeting, Membership, Observer,
        Organization, Person, Post, Power, Procedure, Source, reads, request, served,
    },
};
use crate::{
    access::policy::Scoped,
    store::{PageArgs, Sort},
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

/// Relay paging arguments of a list field.
pub struct Paging {
    first: Option<i32>,
    after: Option<String>,
    last: Option<i32>,
    before: Option<String>,
}

/// A page of records `E` meeting `filter`, as a connection of `T`.
async fn list<E: Prefetch, T: async_graphql::OutputType>(
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
async fn one<E: Prefetch>(
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

    /// Figures of the county: counts of what the caller may see, and the public aggregate of
    /// disciplinary outcomes.
    async fn statistics(&self) -> super::statistics::Statistics {
        super::statistics::Statistics
    }

    /// Who the API takes the caller to be.
    async fn viewer(&self, ctx: &Context<'_>) -> Result<super::viewer::Viewer> {
        let (_, caller) = request(ctx)?;
        Ok(super::viewer::Viewer(caller.clone()))
    }

    /// The audit log (全程记实): every write, newest first. Supervisors and admins only;
    /// anyone else gets `FORBIDDEN`. `first` is at most 100. Admins see every entry's change;
    /// supervisors see the change only of records visible to them now (see
    /// `AuditEntry.change`).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<super::logs::AuditLogFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Conn<super::logs::AuditEntry>> {
        super::logs::audit_log(ctx, filter, first, after).await
    }

    /// The latest signed checkpoint of the audit log, or the one made at entry `sequence`;
    /// null before the first. Public: it reveals no content. Save it, and later prove that the
    /// log still extends it with `sunlight audit verify --checkpoint FILE`.
    async fn audit_checkpoint(
        &self,
        ctx: &Context<'_>,
        sequence: Option<i64>,
    ) -> Result<Option<super::checkpoint::AuditCheckpoint>> {
        let (store, _) = request(ctx)?;
        Ok(store
            .audit_checkpoint(sequence)
            .await?
            .map(super::checkpoint::AuditCheckpoint))
    }

    /// The access log: which caller was served which non-public record, and when, newest
    /// first. A record counts when a response carried it and it is not PUBLIC, or carried a
    /// field of it that needs more than PUBLIC. Supervisors and admins only; anyone else gets
    /// `FORBIDDEN`. `first` is at most 100. Entries arrive within about a second.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn access_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<super::logs::AccessLogFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Conn<super::logs::AccessEntry>> {
        super::logs::access_log(ctx, filter, first, after).await
    }

    /// Organizations of the county.
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        filter: Option<OrganizationFilter>,
        order_by: Option<OrganizationOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Organization>> {
        let (store, caller) = request(ctx)?;
        let filter = filter.unwrap_or_default().condition(caller, store.ids());
        let sort = OrganizationOrder::sort(order_by.as_ref());
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::organization::Entity, _>(ctx, filter, sort, paging, Organization).await
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
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn people(
        &self,
        ctx: &Context<'_>,
        filter: Option<RecordFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Person>> {
        let (store, caller) = request(ctx)?;
        let filter = filter
            .unwrap_or_default()
            .condition(caller, store.ids(), "people");
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::person::Entity, _>(ctx, filter, Sort::BY_ID, paging, Person).await
    }

    /// Posts (职位) of every organization, held or vacant.
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn posts(
        &self,
        ctx: &Context<'_>,
        filter: Option<RecordFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Post>> {
        let (store, caller) = request(ctx)?;
        let filter = filter
            .unwrap_or_default()
            .condition(caller, store.ids(), "posts");
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::post::Entity, _>(ctx, filter, Sort::BY_ID, paging, Post).await
    }

    /// Memberships (任职): who holds or held which post, from when to when.
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn memberships(
        &self,
        ctx: &Context<'_>,
        filter: Option<RecordFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Membership>> {
        let (store, caller) = request(ctx)?;
        let filter = filter
            .unwrap_or_default()
            .condition(caller, store.ids(), "memberships");
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::membership::Entity, _>(ctx, filter, Sort::BY_ID, paging, Membership).await
    }

    /// Source documents behind the records: issuer, 文号, date, link.
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn sources(
        &self,
        ctx: &Context<'_>,
        filter: Option<RecordFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Source>> {
        let (store, caller) = request(ctx)?;
        let filter = filter
            .unwrap_or_default()
            .condition(caller, store.ids(), "sources");
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::source::Entity, _>(ctx, filter, Sort::BY_ID, paging, Source).await
    }

    /// One person by id.
    async fn person(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Person>> {
        Ok(one::<entity::person::Entity>(ctx, "Person", &id)
            .await?
            .map(Person))
    }

    /// The power catalogue (权力清单).
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn powers(
        &self,
        ctx: &Context<'_>,
        filter: Option<PowerFilter>,
        order_by: Option<PowerOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Power>> {
        let (store, caller) = request(ctx)?;
        let tree = store.org_tree().await?;
        let filter = filter
            .unwrap_or_default()
            .condition(caller, store.ids(), &tree);
        let sort = PowerOrder::sort(order_by.as_ref());
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::power::Entity, _>(ctx, filter, sort, paging, Power).await
    }

    /// One power by id.
    async fn power(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Power>> {
        Ok(one::<entity::power::Entity>(ctx, "Power", &id)
            .await?
            .map(Power))
    }

    /// Procedures (流程图).
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn procedures(
        &self,
        ctx: &Context<'_>,
        filter: Option<ProcedureFilter>,
        order_by: Option<ProcedureOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Procedure>> {
        let (store, caller) = request(ctx)?;
        let filter = filter.unwrap_or_default().condition(caller, store.ids());
        let sort = ProcedureOrder::sort(order_by.as_ref());
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::procedure::Entity, _>(ctx, filter, sort, paging, Procedure).await
    }

    /// One procedure by id.
    async fn procedure(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Procedure>> {
        Ok(one::<entity::procedure::Entity>(ctx, "Procedure", &id)
            .await?
            .map(Procedure))
    }

    /// Meetings.
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        filter: Option<MeetingFilter>,
        order_by: Option<MeetingOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Meeting>> {
        let (store, caller) = request(ctx)?;
        let filter = filter.unwrap_or_default().condition(caller, store.ids());
        let sort = MeetingOrder::sort(order_by.as_ref());
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::meeting::Entity, _>(ctx, filter, sort, paging, Meeting).await
    }

    /// One meeting by id.
    async fn meeting(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Meeting>> {
        Ok(one::<entity::meeting::Entity>(ctx, "Meeting", &id)
            .await?
            .map(Meeting))
    }

    /// Every change to the records the caller may see, in one total order: publications,
    /// corrections, retractions, scope and audience changes (and, for those who see them,
    /// drafts and reviews). A record that leaves the caller's sight comes as a `REMOVE`.
    /// Start without `after`, then pass each page's `endCursor`; any cursor given out stays
    /// valid, and reading from it again gives the same events.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn changes(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        kinds: Option<Vec<super::enums::RecordKind>>,
        first: Option<i32>,
    ) -> Result<super::changes::ChangePage> {
        super::changes::page(ctx, after, kinds, first).await
    }

    /// Records of every kind whose text holds every word of `query`, best first, each with a
    /// highlighted snippet. Chinese words of two or more characters match where they appear
    /// as written (任免, 扶贫开发); one character matches where a word starts with it; other
    /// words match by prefix. Only text the caller may see is searched.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        query: String,
        kinds: Option<Vec<super::search::SearchKind>>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Conn<super::search::SearchHit>> {
        let (store, caller) = request(ctx)?;
        let kinds: Vec<_> = kinds
            .unwrap_or_default()
            .into_iter()
            .map(super::search::SearchKind::record_kind)
            .collect();
        let found = store
            .search(caller, &query, &kinds, first, after.as_deref())
            .await?;
        let page = crate::store::Page {
            items: found.hits,
            has_next: found.has_next,
            has_previous: found.has_previous,
            total: found.total,
        };
        Ok(connection(page, super::search::SearchHit))
    }

    /// Decisions (决策, 决定, 决议) of every meeting.
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn decisions(
        &self,
        ctx: &Context<'_>,
        filter: Option<DecisionFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Decision>> {
        let (store, caller) = request(ctx)?;
        let filter = filter.unwrap_or_default().condition(caller, store.ids());
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::decision::Entity, _>(ctx, filter, Sort::BY_ID, paging, Decision).await
    }

    /// The observer pool (会议列席人员资料库).
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn observers(
        &self,
        ctx: &Context<'_>,
        filter: Option<RecordFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Observer>> {
        let (store, caller) = request(ctx)?;
        let filter = filter
            .unwrap_or_default()
            .condition(caller, store.ids(), "observers");
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::observer::Entity, _>(ctx, filter, Sort::BY_ID, paging, Observer).await
    }

    /// Appointments (干部任免).
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn appointments(
        &self,
        ctx: &Context<'_>,
        filter: Option<AppointmentFilter>,
        order_by: Option<AppointmentOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Appointment>> {
        let (store, caller) = request(ctx)?;
        let filter = filter.unwrap_or_default().condition(caller, store.ids());
        let sort = AppointmentOrder::sort(order_by.as_ref());
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::appointment::Entity, _>(ctx, filter, sort, paging, Appointment).await
    }

    /// One appointment by id.
    async fn appointment(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Appointment>> {
        Ok(one::<entity::appointment::Entity>(ctx, "Appointment", &id)
            .await?
            .map(Appointment))
    }

    /// Disciplinary cases (违纪违法问题处理).
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn disciplinary_cases(
        &self,
        ctx: &Context<'_>,
        filter: Option<DisciplinaryCaseFilter>,
        order_by: Option<DisciplinaryCaseOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<DisciplinaryCase>> {
        let (store, caller) = request(ctx)?;
        let filter = filter.unwrap_or_default().condition(caller, store.ids());
        let sort = DisciplinaryCaseOrder::sort(order_by.as_ref());
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::disciplinary_case::Entity, _>(ctx, filter, sort, paging, DisciplinaryCase)
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

    /// Bulletins (专栏简报) for broadcast: the TV column's texts. Media see a bulletin published
    /// for a later time from the embargo window before it, with `embargoUntil` set.
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn bulletins(
        &self,
        ctx: &Context<'_>,
        filter: Option<BulletinFilter>,
        order_by: Option<BulletinOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Bulletin>> {
        let (store, caller) = request(ctx)?;
        let filter = filter.unwrap_or_default().condition(caller, store.ids());
        let sort = BulletinOrder::sort(order_by.as_ref());
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::bulletin::Entity, _>(ctx, filter, sort, paging, Bulletin).await
    }

    /// One bulletin by id.
    async fn bulletin(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Bulletin>> {
        Ok(one::<entity::bulletin::Entity>(ctx, "Bulletin", &id)
            .await?
            .map(Bulletin))
    }
}
