//! Disciplinary cases (违纪违法问题处理): the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, ID, Object, Result};

use crate::access::policy;
use entity::enums::RecordKind;
use crate::graphql::{
    edit::DisciplinaryCaseInput,
    filters::{DisciplinaryCaseFilter, DisciplinaryCaseOrder},
    kinds::{Feed, Kind, Policies, References},
    lists::{Conn, Paging, list, one, page_cost},
    types::request,
};


pub use crate::graphql::types::DisciplinaryCase;

impl Kind for entity::disciplinary_case::Entity {
    const LIST: &'static str = "disciplinaryCases";
    const FEED: Feed = Feed {
        title: "执纪问责",
        untitled: "执纪问责",
        selection: "title: caseNumber summary",
    };
    const POLICIES: Policies = &[&policy::DISCIPLINARY_CASE];
    const REFERENCES: References = &[("subject", RecordKind::Person), ("decidingBody", RecordKind::Organization)];
    type Input = DisciplinaryCaseInput;
}

/// Disciplinary cases (违纪违法问题处理): the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "DisciplinaryCaseQueries")]
impl Queries {
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
}

crate::graphql::edit::writes! {
    "DisciplinaryCaseWrites": entity::disciplinary_case::Entity, DisciplinaryCaseInput, "DisciplinaryCase", "disciplinary case",
    create_disciplinary_case, update_disciplinary_case, correct_disciplinary_case
}
