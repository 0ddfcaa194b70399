//! The observer pool (会议列席人员资料库): the kind's input, its fields of the root query, its writes and its feed.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};
use chrono::NaiveDate;
use entity::enums::RecordKind;

use crate::access::policy;
use crate::error::AppResult;
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_TEXT, Write};
use crate::graphql::enums::{ObserverCategory, Scope};
use crate::graphql::{
    filters::RecordFilter,
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

/// Fields of an entry of the observer pool (会议列席人员资料库).
#[derive(InputObject)]
pub struct ObserverInput {
    /// The person.
    pub person: Option<ID>,
    /// Category.
    pub category: Option<ObserverCategory>,
    /// In the pool since.
    pub since_on: Option<NaiveDate>,
    /// Note.
    pub note: MaybeUndefined<String>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::observer::Entity> for ObserverInput {
    fn apply(self, a: &mut entity::observer::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.person_id,
            "input.person",
            RecordKind::Person,
            self.person,
        )?;
        w.set(&mut a.category, self.category.map(Into::into));
        w.set(&mut a.since_on, self.since_on);
        w.opt_text(&mut a.note, "input.note", self.note, MAX_TEXT)?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
        )
    }
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

crate::store::edit::editable! {
    observer: "observer" requires [
        ("input.person", "person_id"), ("input.category", "category"), ("input.sinceOn", "since_on"),
    ]
}
