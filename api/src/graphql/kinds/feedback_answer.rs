//! Published answers (答复公开): an opinion, request or proposal the public sent, in the words
//! the handling unit publishes it in, with the committee's reply, so that "every one is
//! answered" can be seen. Made from an answered submission whose submitter agreed
//! (`publishFeedbackAnswer`), or written by an editor; reviewed and published like every
//! record. It never holds or shows the submitter, the submission's tracking code or its text
//! as sent. Everything this kind is, in one place: its GraphQL type and field policy, its
//! input, its write rules, its search text, its feed, and its fields of the root query.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Result};
use chrono::NaiveDate;
use entity::feedback_answer::{ActiveModel, Entity, Model};

use crate::{
    access::policy::{Policy, Scoped},
    error::{AppError, AppResult},
    graphql::{
        edit::{Apply, AudienceMemberInput, MAX_TEXT, Write},
        enums::{FeedbackKind, Scope},
        filters::RecordFilter,
        ids,
        kinds::{Feed, Kind, Policies},
        prefetch::{Prefetch, related as prefetch_related},
        types::{Organization, Redaction, redactions, related},
    },
    search::{Document, Searchable, documents_of},
    store::{
        Record,
        edit::{Check, Editable, Plan},
    },
};

/// Who sees which field of a published answer: whoever sees the record sees all of it.
pub const POLICY: Policy<Model> = Policy {
    type_name: "FeedbackAnswer",
    record: true,
    public: &[
        "feedbackKind",
        "question",
        "reply",
        "receivedOn",
        "answeredOn",
        "unit",
        "redactions",
        "source",
    ],
    guarded: &[],
};

impl Kind for Entity {
    const LIST: &'static str = "feedbackAnswers";
    const FEED: Feed = Feed {
        title: "群众意见答复公开",
        untitled: "答复",
        selection: "title: question summary: reply",
    };
    const POLICIES: Policies = &[&POLICY];
    type Input = FeedbackAnswerInput;
}

impl Editable for Entity {
    const NOUN: &'static str = "published answer";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        ("input.feedbackKind", "feedback_kind"),
        ("input.question", "question"),
        ("input.reply", "reply"),
        ("input.receivedOn", "received_on"),
        ("input.answeredOn", "answered_on"),
    ];

    /// An answer comes after its question.
    fn rules(model: &Model, _: &crate::calendar::Calendar, _: &Plan) -> AppResult<Vec<Check>> {
        if model.answered_on < model.received_on {
            return Err(AppError::bad_input(
                "input.answeredOn",
                "an answer cannot come before the question was received",
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
                ("question", Some(m.question.clone()), true),
                ("reply", Some(m.reply.clone()), false),
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
        prefetch_related::<entity::organization::Entity, _>(ctx, selection, rows, "unit", |m| {
            m.owner_org_id
        })
        .await?;
        prefetch_related::<entity::source::Entity, _>(ctx, selection, rows, "source", |m| {
            m.source_id
        })
        .await
    }
}

crate::graphql::types::scoped_object!(
    /// 答复公开: a question the public sent and the committee's reply, published with the
    /// submitter's agreement and without their personal data.
    FeedbackAnswer(Model)
);

crate::graphql::types::record_object! {
    FeedbackAnswer: Entity;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode(Entity::NAME, self.0.model.id))
    }

    /// What was sent: an opinion, a request for disclosure, a proposal, …
    async fn feedback_kind(&self) -> FeedbackKind {
        self.0.model.feedback_kind.into()
    }

    /// The question, as the handling unit publishes it.
    async fn question(&self) -> &str {
        &self.0.model.question
    }

    /// The reply.
    async fn reply(&self) -> &str {
        &self.0.model.reply
    }

    /// The day the question was received.
    async fn received_on(&self) -> NaiveDate {
        self.0.model.received_on
    }

    /// The day it was answered.
    async fn answered_on(&self) -> NaiveDate {
        self.0.model.answered_on
    }

    /// The unit that answered: the record's owner.
    async fn unit(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        Ok(
            related::<entity::organization::Entity>(ctx, self.0.model.owner_org_id)
                .await?
                .map(Organization),
        )
    }

    /// Fields withheld from the caller, and why.
    async fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.0, &POLICY)
    }

}

/// Fields of a published answer (答复公开).
#[derive(InputObject, Default)]
pub struct FeedbackAnswerInput {
    /// What was sent.
    pub feedback_kind: Option<FeedbackKind>,
    /// The question, without the submitter's personal data.
    pub question: Option<String>,
    /// The reply.
    pub reply: Option<String>,
    /// The day the question was received.
    pub received_on: Option<NaiveDate>,
    /// The day it was answered.
    pub answered_on: Option<NaiveDate>,
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

impl Apply<Entity> for FeedbackAnswerInput {
    fn apply(self, a: &mut ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.set(
            &mut a.feedback_kind,
            self.feedback_kind.map(entity::enums::FeedbackKind::from),
        );
        w.text(&mut a.question, "input.question", self.question, MAX_TEXT)?;
        w.text(&mut a.reply, "input.reply", self.reply, MAX_TEXT)?;
        w.set(&mut a.received_on, self.received_on);
        w.set(&mut a.answered_on, self.answered_on);
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "FeedbackAnswerQueries": Entity => FeedbackAnswer;
    /// Published answers to the public's opinions, requests and proposals (答复公开).
    feedback_answers(filter: RecordFilter);
    /// One published answer by id.
    feedback_answer(id);
}

crate::graphql::edit::writes! {
    "FeedbackAnswerWrites": Entity, FeedbackAnswerInput, "FeedbackAnswer",
    "published answer", create_feedback_answer, update_feedback_answer,
    correct_feedback_answer
}
