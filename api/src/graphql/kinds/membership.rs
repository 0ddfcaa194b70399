//! Memberships (任职): what the API declares of this kind, in one place: its feed and field policies,
//! its input and write rules, its search text, its root fields and its writes.

use async_graphql::{ID, InputObject, MaybeUndefined};
use chrono::NaiveDate;
use entity::enums::RecordKind;

use crate::access::policy;
use crate::error::AppResult;
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_TEXT, Write};
use crate::graphql::enums::Scope;
use crate::graphql::{
    filters::RecordFilter,
    kinds::{Feed, Kind, Policies, References},
};

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

/// Fields of a membership (任职): a person holding a post.
#[derive(InputObject)]
pub struct MembershipInput {
    /// The person.
    pub person: Option<ID>,
    /// The post.
    pub post: Option<ID>,
    /// First day in the post.
    pub start_on: Option<NaiveDate>,
    /// Last day in the post.
    pub end_on: MaybeUndefined<NaiveDate>,
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

impl Apply<entity::membership::Entity> for MembershipInput {
    fn apply(self, a: &mut entity::membership::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.person_id,
            "input.person",
            RecordKind::Person,
            self.person,
        )?;
        w.id(&mut a.post_id, "input.post", RecordKind::Post, self.post)?;
        w.set(&mut a.start_on, self.start_on);
        w.set_opt(&mut a.end_on, self.end_on);
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
    "MembershipQueries": entity::membership::Entity => Membership;
    /// Memberships (任职): who holds or held which post, from when to when.
    memberships(filter: RecordFilter);
}

crate::graphql::edit::writes! {
    "MembershipWrites": entity::membership::Entity, MembershipInput, "Membership", "membership",
    create_membership, update_membership, correct_membership
}

crate::store::edit::editable! {
    membership: "membership" requires [
        ("input.person", "person_id"), ("input.post", "post_id"), ("input.startOn", "start_on"),
    ] rules crate::store::rules::membership
}

/// Memberships are found through their person and post; they have no documents of their own.
impl crate::search::Searchable for entity::membership::Entity {
    fn documents(_: &Self::Model) -> Vec<crate::search::Document> {
        Vec::new()
    }
}
