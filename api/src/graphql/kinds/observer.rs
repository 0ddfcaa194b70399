//! The observer pool (会议列席人员资料库): the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, Object, Result};

use crate::access::policy;
use entity::enums::RecordKind;
use crate::graphql::{
    edit::ObserverInput,
    filters::{RecordFilter},
    kinds::{Feed, Kind, Policies, References},
    lists::{Conn, Paging, list, page_cost},
    types::request,
};
use crate::store::Sort;

pub use crate::graphql::types::Observer;

impl Kind for entity::observer::Entity {
    const LIST: &'static str = "observers";
    const FEED: Feed = Feed {
        title: "列席旁听",
        untitled: "列席旁听",
        selection: "summary: note",
    };
    const POLICIES: Policies = &[&policy::OBSERVER];
    const REFERENCES: References = &[("person", RecordKind::Person)];
    type Input = ObserverInput;
}

/// The observer pool (会议列席人员资料库): the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "ObserverQueries")]
impl Queries {
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
}

crate::graphql::edit::writes! {
    "ObserverWrites": entity::observer::Entity, ObserverInput, "Observer", "observer-pool",
    create_observer, update_observer, correct_observer
}
