//! Posts (职位): the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, Object, Result};

use crate::access::policy;
use entity::enums::RecordKind;
use crate::graphql::{
    edit::PostInput,
    filters::{RecordFilter},
    kinds::{Feed, Kind, Policies, References},
    lists::{Conn, Paging, list, page_cost},
    types::request,
};
use crate::store::Sort;

pub use crate::graphql::types::Post;

impl Kind for entity::post::Entity {
    const LIST: &'static str = "posts";
    const FEED: Feed = Feed {
        title: "职务",
        untitled: "职务",
        selection: "title",
    };
    const POLICIES: Policies = &[&policy::POST];
    const REFERENCES: References = &[("organization", RecordKind::Organization)];
    type Input = PostInput;
}

/// Posts (职位): the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "PostQueries")]
impl Queries {
    /// Posts (职位) of every organization, held or vacant.
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn posts(
        &self,
        ctx: &Context<'_>,
        filter: Option<RecordFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Post>> {
        let (store, caller) = request(ctx)?;
        let filter = filter
            .unwrap_or_default()
            .condition(caller, store.ids(), "posts");
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::post::Entity, _>(ctx, filter, Sort::BY_ID, paging, Post).await
    }
}

crate::graphql::edit::writes! {
    "PostWrites": entity::post::Entity, PostInput, "Post", "post",
    create_post, update_post, correct_post
}
