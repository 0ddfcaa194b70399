//! The root of every read.

use async_graphql::{Context, ID, MergedObject, Object, Result};

use super::{
    lists::{Conn, page_cost},
    types::request,
};

/// Read access to the county's records. Every field returns only what the caller may see.
#[derive(MergedObject, Default)]
pub struct Query(
    Root,
    super::kinds::Lists,
    super::jurisdictions::JurisdictionQuery,
    super::feedback::FeedbackQuery,
    super::evaluation::EvaluationQuery,
);

/// The fields of the root query that are not one kind's.
#[derive(Default)]
pub struct Root;

#[Object]
impl Root {
    /// Any record by its global id; `null` when it does not exist or is hidden from the caller.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Result<Option<super::kinds::Node>> {
        super::kinds::load(ctx, &id).await
    }

    /// Records by their global ids, in the order asked, `null` for each one that does not
    /// exist or is hidden. At most 100 ids.
    #[graphql(complexity = "ids.len().max(1).saturating_mul(child_complexity)")]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        ids: Vec<ID>,
    ) -> Result<Vec<Option<super::kinds::Node>>> {
        if ids.len() > crate::store::page::MAX_PAGE as usize {
            return Err(crate::error::AppError::bad_input(
                "ids",
                "ask for at most 100 ids at once",
            )
            .into());
        }
        // Concurrently, so that the loader batches the lookups per kind.
        futures::future::try_join_all(ids.iter().map(|id| super::kinds::load(ctx, id))).await
    }

    /// The day computed states (overdue milestones and decisions, open notices, and the
    /// statistics over them) are judged as of when a field names no `asOf`: the server's
    /// configured day (the demo county's is 2011-12-31), else today in China Standard Time.
    async fn today(&self, ctx: &Context<'_>) -> Result<chrono::NaiveDate> {
        super::types::day(ctx, None)
    }

    /// Figures of the county: counts of what the caller may see, and the public aggregate of
    /// disciplinary outcomes. Figures that depend on the day are judged as of `asOf` (default
    /// `today`).
    async fn statistics(
        &self,
        ctx: &Context<'_>,
        as_of: Option<chrono::NaiveDate>,
        #[graphql(desc = "Only the figures of this jurisdiction and those within it.")]
        jurisdiction: Option<ID>,
    ) -> Result<super::statistics::Statistics> {
        let (store, _) = request(ctx)?;
        Ok(super::statistics::Statistics {
            as_of: super::types::day(ctx, as_of)?,
            jurisdiction: jurisdiction
                .map(|j| store.ids().decode("Jurisdiction", &j).unwrap_or(-1)),
        })
    }

    /// The display label of every value of every enum of the schema, in Chinese (`ZH`, the
    /// default) or English (`EN`): load them once, and show 严重警告 where the data says
    /// `SERIOUS_WARNING`.
    async fn enum_labels(
        &self,
        lang: Option<super::labels::Lang>,
    ) -> Vec<super::labels::EnumLabels> {
        super::labels::all(lang.unwrap_or_default())
    }

    /// The document named `name` (its SHA-256), when the caller sees a record that carries
    /// it; `null` for one that is unknown, unattached or on no record the caller sees. Its
    /// bytes are at `url`.
    async fn document(
        &self,
        ctx: &Context<'_>,
        name: String,
    ) -> Result<Option<super::documents::Document>> {
        super::documents::document(ctx, &name).await
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
    /// words match by prefix. Only text the caller may see is searched. The most recently
    /// written 500 matches (the server's `search_window`) are ranked against each other, then
    /// the next 500, so that a common word costs what a rare one does; `totalCount` counts up
    /// to the window's size.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        query: String,
        kinds: Option<Vec<super::search::SearchKind>>,
        #[graphql(
            desc = "Only records owned by organizations of this jurisdiction or of one within it."
        )]
        jurisdiction: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<super::search::SearchConnection> {
        let (store, caller) = request(ctx)?;
        let jurisdiction =
            jurisdiction.map(|j| store.ids().decode("Jurisdiction", &j).unwrap_or(-1));
        let kinds: Vec<_> = kinds
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect();
        let here = ctx.look_ahead();
        let count = here.field("totalCount").exists() || here.field("totalCountIsExact").exists();
        let found = store
            .search(
                caller,
                &query,
                (&kinds, jurisdiction),
                (first, after.as_deref()),
                count,
            )
            .await?;
        Ok(super::search::connection(found))
    }
}
