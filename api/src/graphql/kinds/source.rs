//! Source documents (文件依据): the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, Object, Result};

use crate::access::policy;
use crate::graphql::{
    edit::SourceInput,
    filters::{RecordFilter},
    kinds::{Feed, Kind, Policies},
    lists::{Conn, Paging, list, page_cost},
    types::request,
};
use crate::store::Sort;

pub use crate::graphql::types::Source;

impl Kind for entity::source::Entity {
    const LIST: &'static str = "sources";
    const FEED: Feed = Feed {
        title: "文件依据",
        untitled: "文件",
        selection: "title summary: issuer",
    };
    const POLICIES: Policies = &[&policy::SOURCE];
    type Input = SourceInput;
}

/// Source documents (文件依据): the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "SourceQueries")]
impl Queries {
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
}

crate::graphql::edit::writes! {
    "SourceWrites": entity::source::Entity, SourceInput, "Source", "source",
    create_source, update_source, correct_source
}
