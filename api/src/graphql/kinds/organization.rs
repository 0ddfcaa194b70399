//! Organizations of the county: the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, ID, Object, Result};

use crate::access::policy;
use entity::enums::RecordKind;
use crate::graphql::{
    edit::OrganizationInput,
    filters::{OrganizationFilter, OrganizationOrder},
    kinds::{Feed, Kind, Policies, References},
    lists::{Conn, Paging, list, one, page_cost},
    types::request,
};


pub use crate::graphql::types::Organization;

impl Kind for entity::organization::Entity {
    const LIST: &'static str = "organizations";
    const FEED: Feed = Feed {
        title: "组织机构",
        untitled: "组织",
        selection: "title: name summary: description",
    };
    const POLICIES: Policies = &[&policy::ORGANIZATION];
    const REFERENCES: References = &[("parent", RecordKind::Organization)];
    type Input = OrganizationInput;
}

/// Organizations of the county: the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "OrganizationQueries")]
impl Queries {
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
}

crate::graphql::edit::writes! {
    "OrganizationWrites": entity::organization::Entity, OrganizationInput, "Organization", "organization",
    create_organization, update_organization, correct_organization
}
