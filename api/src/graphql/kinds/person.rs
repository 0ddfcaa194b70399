//! People: the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, ID, Object, Result};

use crate::access::policy;
use crate::graphql::{
    edit::PersonInput,
    filters::{RecordFilter},
    kinds::{Feed, Kind, Policies},
    lists::{Conn, Paging, list, one, page_cost},
    types::request,
};
use crate::store::Sort;

pub use crate::graphql::types::Person;

impl Kind for entity::person::Entity {
    const LIST: &'static str = "people";
    const FEED: Feed = Feed {
        title: "人员",
        untitled: "人员",
        selection: "title: name",
    };
    const POLICIES: Policies = &[&policy::PERSON];
    type Input = PersonInput;
}

/// People: the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "PersonQueries")]
impl Queries {
    /// People: leaders, cadres, candidates, observers.
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn people(
        &self,
        ctx: &Context<'_>,
        filter: Option<RecordFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Person>> {
        let (store, caller) = request(ctx)?;
        let filter = filter
            .unwrap_or_default()
            .condition(caller, store.ids(), "people");
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::person::Entity, _>(ctx, filter, Sort::BY_ID, paging, Person).await
    }

    /// One person by id.
    async fn person(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Person>> {
        Ok(one::<entity::person::Entity>(ctx, "Person", &id)
            .await?
            .map(Person))
    }
}

crate::graphql::edit::writes! {
    "PersonWrites": entity::person::Entity, PersonInput, "Person", "person",
    create_person, update_person, correct_person
}
