//! Powers (权力清单): the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, ID, Object, Result};

use crate::access::policy;
use entity::enums::RecordKind;
use crate::graphql::{
    edit::PowerInput,
    filters::{PowerFilter, PowerOrder},
    kinds::{Feed, Kind, Policies, References},
    lists::{Conn, Paging, list, one, page_cost},
    types::request,
};


pub use crate::graphql::types::Power;

impl Kind for entity::power::Entity {
    const LIST: &'static str = "powers";
    const FEED: Feed = Feed {
        title: "权力清单",
        untitled: "职权",
        selection: "title: name summary: duties",
    };
    const POLICIES: Policies = &[&policy::POWER];
    const REFERENCES: References = &[("holderOrganization", RecordKind::Organization), ("holderPost", RecordKind::Post), ("procedure", RecordKind::Procedure)];
    type Input = PowerInput;
}

/// Powers (权力清单): the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "PowerQueries")]
impl Queries {
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
}

crate::graphql::edit::writes! {
    "PowerWrites": entity::power::Entity, PowerInput, "Power", "power",
    create_power, update_power, correct_power
}
