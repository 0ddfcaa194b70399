//! Procedures (流程图): the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, ID, Object, Result};

use crate::access::policy;
use crate::graphql::{
    edit::ProcedureInput,
    filters::{ProcedureFilter, ProcedureOrder},
    kinds::{Feed, Kind, Policies},
    lists::{Conn, Paging, list, one, page_cost},
    types::request,
};


pub use crate::graphql::types::Procedure;

impl Kind for entity::procedure::Entity {
    const LIST: &'static str = "procedures";
    const FEED: Feed = Feed {
        title: "权力运行流程",
        untitled: "流程",
        selection: "title: name summary: description",
    };
    const POLICIES: Policies = &[&policy::PROCEDURE, &policy::PROCEDURE_STEP, &policy::TRANSITION, &policy::RISK_POINT, &policy::SUPERVISION_MEASURE];
    type Input = ProcedureInput;
}

/// Procedures (流程图): the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "ProcedureQueries")]
impl Queries {
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
}

crate::graphql::edit::writes! {
    "ProcedureWrites": entity::procedure::Entity, ProcedureInput, "Procedure", "procedure",
    create_procedure, update_procedure, correct_procedure
}
