//! Organizations of the county: what the API declares of this kind, in one place: its feed and
//! field policies, its input and write rules, its search text, its root fields and its writes.

use async_graphql::{ID, InputObject, MaybeUndefined};
use entity::enums::RecordKind;

use crate::access::policy;
use crate::error::AppResult;
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write};
use crate::graphql::enums::{OrganizationKind, Scope};
use crate::graphql::{
    filters::{OrganizationFilter, OrganizationOrder},
    kinds::{Feed, Kind, Policies, References},
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

/// Fields of an organization (机构).
#[derive(InputObject)]
pub struct OrganizationInput {
    /// Name.
    pub name: Option<String>,
    /// Short name.
    pub short_name: MaybeUndefined<String>,
    /// Kind.
    pub kind: Option<OrganizationKind>,
    /// The organization above it.
    pub parent: MaybeUndefined<ID>,
    /// Administrative division code.
    pub division_code: MaybeUndefined<String>,
    /// The jurisdiction it belongs to. Left out of a new organization: its parent's.
    pub jurisdiction: MaybeUndefined<ID>,
    /// Description.
    pub description: MaybeUndefined<String>,
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

impl Apply<entity::organization::Entity> for OrganizationInput {
    fn apply(self, a: &mut entity::organization::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.text(&mut a.name, "input.name", self.name, MAX_NAME)?;
        w.opt_text(
            &mut a.short_name,
            "input.shortName",
            self.short_name,
            MAX_NAME,
        )?;
        w.set(&mut a.kind, self.kind.map(Into::into));
        w.opt_id(
            &mut a.parent_id,
            "input.parent",
            RecordKind::Organization,
            self.parent,
        )?;
        w.opt_text(
            &mut a.division_code,
            "input.divisionCode",
            self.division_code,
            32,
        )?;
        w.opt_jurisdiction(
            &mut a.jurisdiction_id,
            "input.jurisdiction",
            self.jurisdiction,
        )?;
        w.opt_text(
            &mut a.description,
            "input.description",
            self.description,
            MAX_TEXT,
        )?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "OrganizationQueries": entity::organization::Entity => Organization;
    /// Organizations of the county.
    organizations(filter: OrganizationFilter, order_by: OrganizationOrder);
    /// One organization by id.
    organization(id);
}

crate::graphql::edit::writes! {
    "OrganizationWrites": entity::organization::Entity, OrganizationInput,
    "Organization", "organization",
    create_organization, update_organization, correct_organization
}

crate::store::edit::editable! {
    organization: "organization" requires [("input.name", "name"), ("input.kind", "kind")]
        rules crate::store::rules::organization
}

impl crate::search::Searchable for entity::organization::Entity {
    fn documents(m: &Self::Model) -> Vec<crate::search::Document> {
        crate::search::documents_of::<Self>(
            m,
            &crate::access::policy::ORGANIZATION,
            &[
                ("name", Some(m.name.clone()), true),
                ("shortName", m.short_name.clone(), true),
                ("description", m.description.clone(), false),
            ],
        )
    }
}
