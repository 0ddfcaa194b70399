//! Public supervisors of the committee's party affairs (县委党务工作社会监督员): people outside
//! the committee, invited for a term to inspect what it discloses and how, and to collect what
//! members and the public say about it. Everything this kind is, in one place: its GraphQL
//! type and field policy, its input, its write rules, its search text, its feed, and its
//! fields of the root query.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Result};
use chrono::NaiveDate;
use entity::{
    enums::RecordKind,
    social_supervisor::{ActiveModel, Entity, Model},
};

use crate::{
    access::policy::{FieldPolicy, Policy, Scoped},
    error::{AppError, AppResult},
    graphql::{
        edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write, phone},
        enums::Scope,
        filters::RecordFilter,
        ids,
        kinds::{Feed, Kind, Policies, References},
        prefetch::{Prefetch, related as prefetch_related},
        types::{Person, Redaction, redactions, related},
    },
    search::{Document, Searchable, documents_of},
    store::{
        Record,
        edit::{Check, Editable, Plan},
    },
};

/// Who sees which field of a public supervisor.
pub const POLICY: Policy<Model> = Policy {
    type_name: "SocialSupervisor",
    record: true,
    public: &[
        "person",
        "background",
        "termStartOn",
        "termEndOn",
        "duties",
        "redactions",
        "source",
    ],
    guarded: &[FieldPolicy {
        field: "contact",
        needs: |_| entity::enums::Scope::Party,
        reason: "监督员联系方式党内公开，供党员反映意见 (members reach the supervisor; not published)",
    }],
};

impl Kind for Entity {
    const LIST: &'static str = "socialSupervisors";
    const FEED: Feed = Feed {
        title: "党务工作社会监督员",
        untitled: "社会监督员",
        selection: "title: background summary: duties",
    };
    const POLICIES: Policies = &[&POLICY];
    const REFERENCES: References = &[("person", RecordKind::Person)];
    type Input = SocialSupervisorInput;
}

impl Editable for Entity {
    const NOUN: &'static str = "public supervisor";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        ("input.person", "person_id"),
        ("input.background", "background"),
        ("input.termStartOn", "term_start_on"),
    ];

    /// A term ends after it starts.
    fn rules(model: &Model, _: &crate::calendar::Calendar, _: &Plan) -> AppResult<Vec<Check>> {
        if model
            .term_end_on
            .is_some_and(|end| end < model.term_start_on)
        {
            return Err(AppError::bad_input(
                "input.termEndOn",
                "a term cannot end before it starts",
            ));
        }
        Ok(Vec::new())
    }
}

impl Searchable for Entity {
    fn documents(m: &Model) -> Vec<Document> {
        documents_of::<Self>(
            m,
            &POLICY,
            &[
                ("background", Some(m.background.clone()), true),
                ("duties", m.duties.clone(), false),
            ],
        )
    }
}

impl Prefetch for Entity {
    async fn prefetch<'a>(
        ctx: &'a Context<'a>,
        rows: &'a [&'a Scoped<Model>],
        selection: &'a async_graphql::Lookahead<'a>,
    ) -> Result<()> {
        prefetch_related::<entity::person::Entity, _>(ctx, selection, rows, "person", |m| {
            Some(m.person_id)
        })
        .await?;
        prefetch_related::<entity::source::Entity, _>(ctx, selection, rows, "source", |m| {
            m.source_id
        })
        .await
    }
}

crate::graphql::types::scoped_object!(
    /// 县委党务工作社会监督员: a public supervisor of the committee's party affairs, invited for
    /// a term to inspect what the committee discloses and how, and to pass on what members
    /// and the public say about it.
    SocialSupervisor(Model)
);

crate::graphql::types::record_object! {
    SocialSupervisor: Entity;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode(Entity::NAME, self.0.model.id))
    }

    /// The supervisor.
    async fn person(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        Ok(
            related::<entity::person::Entity>(ctx, Some(self.0.model.person_id))
                .await?
                .map(Person),
        )
    }

    /// Whom the supervisor comes from (a deputy to the people's congress, a CPPCC member, a
    /// villager, a journalist).
    async fn background(&self) -> &str {
        &self.0.model.background
    }

    /// First day of the term.
    async fn term_start_on(&self) -> NaiveDate {
        self.0.model.term_start_on
    }

    /// Last day of the term, when it is set.
    async fn term_end_on(&self) -> Option<NaiveDate> {
        self.0.model.term_end_on
    }

    /// What the supervisor inspects.
    async fn duties(&self) -> Option<&str> {
        self.0.model.duties.as_deref()
    }

    /// How members reach the supervisor: PARTY.
    async fn contact(&self) -> Option<String> {
        self.0
            .field(&POLICY, "contact", |m| m.contact.clone())
            .flatten()
    }

    /// Fields withheld from the caller, and why.
    async fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.0, &POLICY)
    }

}

/// Fields of a public supervisor (社会监督员).
#[derive(InputObject)]
pub struct SocialSupervisorInput {
    /// The supervisor.
    pub person: Option<ID>,
    /// Whom the supervisor comes from.
    pub background: Option<String>,
    /// First day of the term.
    pub term_start_on: Option<NaiveDate>,
    /// Last day of the term.
    pub term_end_on: MaybeUndefined<NaiveDate>,
    /// What the supervisor inspects.
    pub duties: MaybeUndefined<String>,
    /// How members reach the supervisor (PARTY): a phone number.
    pub contact: MaybeUndefined<String>,
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

impl Apply<Entity> for SocialSupervisorInput {
    fn apply(self, a: &mut ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.person_id,
            "input.person",
            RecordKind::Person,
            self.person,
        )?;
        w.text(
            &mut a.background,
            "input.background",
            self.background,
            MAX_NAME,
        )?;
        w.set(&mut a.term_start_on, self.term_start_on);
        w.set_opt(&mut a.term_end_on, self.term_end_on);
        w.opt_text(&mut a.duties, "input.duties", self.duties, MAX_TEXT)?;
        let contact = phone("input.contact", self.contact)?;
        w.opt_text(&mut a.contact, "input.contact", contact, MAX_NAME)?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "SocialSupervisorQueries": Entity => SocialSupervisor;
    /// Public supervisors of the committee's party affairs (县委党务工作社会监督员).
    social_supervisors(filter: RecordFilter);
    /// One public supervisor by id.
    social_supervisor(id);
}

crate::graphql::edit::writes! {
    "SocialSupervisorWrites": Entity, SocialSupervisorInput, "SocialSupervisor",
    "public supervisor", create_social_supervisor, update_social_supervisor,
    correct_social_supervisor
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn supervisor(scope: entity::enums::Scope) -> Model {
        Model {
            id: 1,
            person_id: 1,
            background: "县人大代表".into(),
            term_start_on: NaiveDate::from_ymd_opt(2011, 6, 20).unwrap_or_default(),
            term_end_on: None,
            duties: Some("监督检查党务公开的内容和形式".into()),
            contact: Some("0970-0000101".into()),
            scope,
            status: entity::enums::PublicationStatus::Published,
            publish_at: None,
            version: 1,
            owner_org_id: None,
            source_id: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn the_contact_is_for_members_and_not_in_the_search_index() {
        use entity::enums::Scope::{Party, Public};
        let model = supervisor(Public);
        assert!(!POLICY.shows("contact", &model, Public));
        assert!(POLICY.shows("contact", &model, Party));
        assert!(POLICY.shows("background", &model, Public));
        let documents = Entity::documents(&model);
        assert!(!documents.is_empty());
        assert!(
            documents
                .iter()
                .all(|d| !format!("{d:?}").contains("0970-0000101")),
            "{documents:?}"
        );
    }
}
