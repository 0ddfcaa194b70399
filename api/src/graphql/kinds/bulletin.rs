//! Bulletins (专栏简报): the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, ID, Object, Result};

use crate::access::policy;
use crate::graphql::{
    edit::BulletinInput,
    filters::{BulletinFilter, BulletinOrder},
    kinds::{Feed, Kind, Policies},
    lists::{Conn, Paging, list, one, page_cost},
    types::request,
};


pub use crate::graphql::types::Bulletin;

impl Kind for entity::bulletin::Entity {
    const LIST: &'static str = "bulletins";
    const FEED: Feed = Feed {
        title: "党务公开公告",
        untitled: "公告",
        selection: "title summary: body",
    };
    const POLICIES: Policies = &[&policy::BULLETIN];
    type Input = BulletinInput;
}

/// Bulletins (专栏简报): the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "BulletinQueries")]
impl Queries {
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

crate::graphql::edit::writes! {
    "BulletinWrites": entity::bulletin::Entity, BulletinInput, "Bulletin", "bulletin",
    create_bulletin, update_bulletin, correct_bulletin
}
