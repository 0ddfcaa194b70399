//! People: what the API declares of this kind, in one place: its feed and field policies, its input
//! and write rules, its search text, its root fields and its writes.

use async_graphql::{ID, InputObject, MaybeUndefined};

use crate::access::policy;
use crate::error::{AppError, AppResult};
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, Write, month, phone};
use crate::graphql::enums::Scope;
use crate::graphql::{
    filters::RecordFilter,
    kinds::{Feed, Kind, Policies},
};

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

/// Fields of a person.
#[derive(InputObject)]
pub struct PersonInput {
    /// Name.
    pub name: Option<String>,
    /// Gender.
    pub gender: MaybeUndefined<String>,
    /// Ethnicity (民族).
    pub ethnicity: MaybeUndefined<String>,
    /// Birth month, YYYY-MM.
    pub birth_month: MaybeUndefined<String>,
    /// Education.
    pub education: MaybeUndefined<String>,
    /// Phone number.
    pub phone: MaybeUndefined<String>,
    /// Whether the phone number is public (county leaders' mobile numbers are).
    pub phone_public: Option<bool>,
    /// E-mail address.
    pub email: MaybeUndefined<String>,
    /// Office.
    pub office: MaybeUndefined<String>,
    /// Whether the person is fictional (demo data).
    pub fictional: Option<bool>,
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

impl Apply<entity::person::Entity> for PersonInput {
    fn apply(self, a: &mut entity::person::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.text(&mut a.name, "input.name", self.name, MAX_NAME)?;
        w.opt_text(&mut a.gender, "input.gender", self.gender, 16)?;
        w.opt_text(&mut a.ethnicity, "input.ethnicity", self.ethnicity, 32)?;
        let birth = month("input.birthMonth", self.birth_month)?;
        w.opt_text(&mut a.birth_month, "input.birthMonth", birth, 7)?;
        w.opt_text(
            &mut a.education,
            "input.education",
            self.education,
            MAX_NAME,
        )?;
        let phone = phone("input.phone", self.phone)?;
        w.opt_text(&mut a.phone, "input.phone", phone, 32)?;
        w.set(&mut a.phone_public, self.phone_public);
        if let MaybeUndefined::Value(email) = &self.email
            && (!email.contains('@') || email.contains(char::is_whitespace))
        {
            return Err(AppError::bad_input(
                "input.email",
                "write an e-mail address as name@host",
            ));
        }
        w.opt_text(&mut a.email, "input.email", self.email, MAX_NAME)?;
        w.opt_text(&mut a.office, "input.office", self.office, MAX_NAME)?;
        w.set(&mut a.fictional, self.fictional);
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "PersonQueries": entity::person::Entity => Person;
    /// People: leaders, cadres, candidates, observers.
    people(filter: RecordFilter);
    /// One person by id.
    person(id);
}

crate::graphql::edit::writes! {
    "PersonWrites": entity::person::Entity, PersonInput, "Person", "person",
    create_person, update_person, correct_person
}

crate::store::edit::editable! {
    person: "person" requires [("input.name", "name")] defaults |a| {
        a.phone_public = sea_orm::ActiveValue::Set(false);
        a.fictional = sea_orm::ActiveValue::Set(false);
    }
}

impl crate::search::Searchable for entity::person::Entity {
    fn documents(m: &Self::Model) -> Vec<crate::search::Document> {
        crate::search::documents_of::<Self>(
            m,
            &crate::access::policy::PERSON,
            &[
                ("name", Some(m.name.clone()), true),
                ("office", m.office.clone(), false),
                ("education", m.education.clone(), false),
            ],
        )
    }
}
