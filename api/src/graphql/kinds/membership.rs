//! Memberships (任职): the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, Object, Result};

use crate::access::policy;
use entity::enums::RecordKind;
use crate::graphql::{
    edit::MembershipInput,
    filters::{RecordFilter},
    kinds::{Feed, Kind, Policies, References},
    lists::{Conn, Paging, list, page_cost},
    types::request,
};
use crate::store::Sort;

pub use crate::graphql::types::Membership;

impl Kind for entity::membership::Entity {
    const LIST: &'static str = "memberships";
    const FEED: Feed = Feed {
        title: "任职信息",
        untitled: "任职信息",
        selection: "summary: note",
    };
    const POLICIES: Policies = &[&policy::MEMBERSHIP];
    const REFERENCES: References = &[("person", RecordKind::Person), ("post", RecordKind::Post)];
    type Input = MembershipInput;
}

/// Memberships (任职): the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "MembershipQueries")]
impl Queries {
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
}

crate::graphql::edit::writes! {
    "MembershipWrites": entity::membership::Entity, MembershipInput, "Membership", "membership",
    create_membership, update_membership, correct_membership
}
