//! The observer pool (会议列席人员资料库): what the API declares of this kind, in one place: its GraphQL
//! type, its feed and field policies, its input and write rules, its search text, its root fields
//! and its writes.

use async_graphql::{ID, InputObject, MaybeUndefined};
use chrono::NaiveDate;
use entity::enums::RecordKind;

use crate::access::policy;
use crate::error::AppResult;
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_TEXT, Write};
use crate::graphql::enums::{ObserverCategory, Scope};
use crate::graphql::{
    filters::RecordFilter,
    kinds::{Feed, Kind, Policies, References},
};

pub use object::Observer;

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
    /// Documents on the record, in order, each uploaded first (`POST /documents`); replaces
    /// the stored list.
    pub attachments: Option<Vec<crate::graphql::edit::AttachmentInput>>,
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
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "ObserverQueries": entity::observer::Entity => Observer;
    /// The observer pool (会议列席人员资料库).
    observers(filter: RecordFilter);
}

crate::graphql::edit::writes! {
    "ObserverWrites": entity::observer::Entity, ObserverInput, "Observer", "observer-pool",
    create_observer, update_observer, correct_observer
}

crate::store::edit::editable! {
    observer: "observer" requires [
        ("input.person", "person_id"), ("input.category", "category"),
        ("input.sinceOn", "since_on"),
    ]
}

impl crate::search::Searchable for entity::observer::Entity {
    fn documents(m: &Self::Model) -> Vec<crate::search::Document> {
        crate::search::documents_of::<Self>(
            m,
            &crate::access::policy::OBSERVER,
            &[("note", m.note.clone(), false)],
        )
    }
}

/// The kind's GraphQL type.
mod object {
    use async_graphql::{Context, ID, Result};
    use chrono::NaiveDate;

    use crate::graphql::{
        enums::ObserverCategory,
        ids,
        types::{Person, related, scoped_object},
    };

    scoped_object!(
        /// An entry of the observer pool (会议列席人员资料库).
        Observer(entity::observer::Model)
    );

    crate::graphql::types::record_object! {
        Observer: entity::observer::Entity, redactions: crate::access::policy::OBSERVER;
        /// Global id.
        pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
            Ok(ids::of(ctx)?.encode("Observer", self.0.model.id))
        }

        /// The person.
        async fn person(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
            Ok(
                related::<entity::person::Entity>(ctx, Some(self.0.model.person_id))
                    .await?
                    .map(Person),
            )
        }

        /// Category in the pool.
        async fn category(&self) -> ObserverCategory {
            self.0.model.category.into()
        }

        /// In the pool since.
        async fn since_on(&self) -> NaiveDate {
            self.0.model.since_on
        }

        /// A note.
        async fn note(&self) -> Option<&str> {
            self.0.model.note.as_deref()
        }

    }
}
