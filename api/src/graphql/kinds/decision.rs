//! Decisions of meetings: the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, Object, Result};

use crate::access::policy;
use entity::enums::RecordKind;
use crate::graphql::{
    edit::DecisionInput,
    filters::{DecisionFilter},
    kinds::{Feed, Kind, Policies, References},
    lists::{Conn, Paging, list, page_cost},
    types::request,
};
use crate::store::Sort;

pub use crate::graphql::types::Decision;

impl Kind for entity::decision::Entity {
    const LIST: &'static str = "decisions";
    const FEED: Feed = Feed {
        title: "决策公开",
        untitled: "决策",
        selection: "title summary: text",
    };
    const POLICIES: Policies = &[&policy::DECISION, &policy::MILESTONE];
    const REFERENCES: References = &[("meeting", RecordKind::Meeting)];
    type Input = DecisionInput;
}

/// Decisions of meetings: the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "DecisionQueries")]
impl Queries {
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
}

crate::graphql::edit::writes! {
    "DecisionWrites": entity::decision::Entity, DecisionInput, "Decision", "decision",
    create_decision, update_decision, correct_decision
}
