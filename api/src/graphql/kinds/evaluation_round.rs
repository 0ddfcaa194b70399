//! Evaluation rounds (评议), the 双评 of 一述双评三监督: members (党内评) or the public and the
//! public supervisors (党外评) answer the questionnaire once each, between two days, about a
//! duty report or the openness of the committee's affairs. Published like every record; its
//! ballots are secret, and its results (the counts only, protected against small cells) show
//! once the round is over. Everything this kind is, in one place: its GraphQL type and field
//! policy, its input, its write rules, its search text, its feed, and its fields of the root
//! query. Casting ballots: [`crate::graphql::evaluation`].

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Result};
use chrono::NaiveDate;
use entity::{
    enums::RecordKind,
    evaluation_round::{ActiveModel, Entity, Model},
};

use crate::{
    access::{
        evaluation as rules,
        policy::{Policy, Scoped},
    },
    error::{AppError, AppResult},
    graphql::{
        edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write},
        enums::{EvaluationAudience, Scope},
        evaluation::EvaluationResults,
        filters::RecordFilter,
        ids,
        kinds::{Feed, Kind, Policies, References, duty_report::DutyReport},
        prefetch::{Prefetch, related as prefetch_related},
        types::{Meeting, Redaction, redactions, related},
    },
    search::{Document, Searchable, documents_of},
    store::{
        Record, Store,
        edit::{Check, Editable, Plan},
    },
};

/// Who sees which field of a round: whoever sees the record sees all of it; its results are
/// counts only, and show once the round is over.
pub const POLICY: Policy<Model> = Policy {
    type_name: "EvaluationRound",
    record: true,
    public: &[
        "title",
        "evaluators",
        "dutyReport",
        "meeting",
        "opensOn",
        "closesOn",
        "closed",
        "open",
        "text",
        "ballots",
        "results",
        "redactions",
        "source",
    ],
    guarded: &[],
};

impl Kind for Entity {
    const LIST: &'static str = "evaluationRounds";
    const FEED: Feed = Feed {
        title: "评议",
        untitled: "评议",
        selection: "title summary: text",
    };
    const POLICIES: Policies = &[&POLICY];
    const REFERENCES: References = &[
        ("dutyReport", RecordKind::DutyReport),
        ("meeting", RecordKind::Meeting),
    ];
    type Input = EvaluationRoundInput;
}

impl Editable for Entity {
    const NOUN: &'static str = "evaluation round";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        ("input.title", "title"),
        ("input.evaluators", "audience"),
        ("input.opensOn", "opens_on"),
        ("input.closesOn", "closes_on"),
        ("input.text", "text"),
    ];

    /// A round closes on or after the day it opens.
    fn rules(model: &Model, _: &crate::calendar::Calendar, _: &Plan) -> AppResult<Vec<Check>> {
        if model.closes_on < model.opens_on {
            return Err(AppError::bad_input(
                "input.closesOn",
                "a round cannot close before it opens",
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
                ("title", Some(m.title.clone()), true),
                ("text", Some(m.text.clone()), false),
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
        prefetch_related::<entity::duty_report::Entity, _>(
            ctx,
            selection,
            rows,
            "dutyReport",
            |m| m.duty_report_id,
        )
        .await?;
        prefetch_related::<entity::meeting::Entity, _>(ctx, selection, rows, "meeting", |m| {
            m.meeting_id
        })
        .await?;
        prefetch_related::<entity::source::Entity, _>(ctx, selection, rows, "source", |m| {
            m.source_id
        })
        .await
    }
}

crate::graphql::types::scoped_object!(
    /// 评议: a round of evaluation by members (党内评) or the public (党外评), with secret
    /// ballots and results as counts only.
    EvaluationRound(Model)
);

crate::graphql::types::record_object! {
    EvaluationRound: Entity;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode(Entity::NAME, self.0.model.id))
    }

    /// Title.
    async fn title(&self) -> &str {
        &self.0.model.title
    }

    /// Who evaluates: members by token, or the public by one-time code.
    async fn evaluators(&self) -> EvaluationAudience {
        self.0.model.audience.into()
    }

    /// The duty report evaluated, if the round is about one.
    async fn duty_report(&self, ctx: &Context<'_>) -> Result<Option<DutyReport>> {
        Ok(
            related::<entity::duty_report::Entity>(ctx, self.0.model.duty_report_id)
                .await?
                .map(DutyReport),
        )
    }

    /// The meeting where the round was held, if it was.
    async fn meeting(&self, ctx: &Context<'_>) -> Result<Option<Meeting>> {
        Ok(related::<entity::meeting::Entity>(ctx, self.0.model.meeting_id)
            .await?
            .map(Meeting))
    }

    /// First day ballots are taken (China Standard Time).
    async fn opens_on(&self) -> NaiveDate {
        self.0.model.opens_on
    }

    /// Last day ballots are taken.
    async fn closes_on(&self) -> NaiveDate {
        self.0.model.closes_on
    }

    /// Whether the office closed the round before its last day was over.
    async fn closed(&self) -> bool {
        self.0.model.closed_at.is_some()
    }

    /// Whether the round takes ballots today.
    async fn open(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(rules::is_open(&self.0.model, ctx.data::<Store>()?.today()))
    }

    /// What is evaluated, and how.
    async fn text(&self) -> &str {
        &self.0.model.text
    }

    /// How many ballots were cast. No ballot is ever shown one by one.
    async fn ballots(&self, ctx: &Context<'_>) -> Result<u64> {
        let store = ctx.data::<Store>()?;
        Ok(store.evaluation_tallies(self.0.model.id).await?.ballots())
    }

    /// The counts of the answers, once the round is over (`null` before: while ballots come
    /// in, two readings would tell what a ballot between them said); cells of fewer than 3
    /// ballots, and those that would give one away, are withheld.
    async fn results(&self, ctx: &Context<'_>) -> Result<Option<EvaluationResults>> {
        let store = ctx.data::<Store>()?;
        if !rules::is_over(&self.0.model, store.today()) {
            return Ok(None);
        }
        let tallies = store.evaluation_tallies(self.0.model.id).await?;
        Ok(Some(EvaluationResults::protected(&tallies)))
    }

    /// Fields withheld from the caller, and why.
    async fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.0, &POLICY)
    }

}

/// Fields of an evaluation round (评议).
#[derive(InputObject)]
pub struct EvaluationRoundInput {
    /// Title.
    pub title: Option<String>,
    /// Who evaluates.
    pub evaluators: Option<EvaluationAudience>,
    /// The duty report evaluated.
    pub duty_report: MaybeUndefined<ID>,
    /// The meeting where the round is held.
    pub meeting: MaybeUndefined<ID>,
    /// First day ballots are taken.
    pub opens_on: Option<NaiveDate>,
    /// Last day ballots are taken.
    pub closes_on: Option<NaiveDate>,
    /// What is evaluated, and how.
    pub text: Option<String>,
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

impl Apply<Entity> for EvaluationRoundInput {
    fn apply(self, a: &mut ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.text(&mut a.title, "input.title", self.title, MAX_NAME)?;
        w.set(
            &mut a.audience,
            self.evaluators.map(entity::enums::EvaluationAudience::from),
        );
        w.opt_id(
            &mut a.duty_report_id,
            "input.dutyReport",
            RecordKind::DutyReport,
            self.duty_report,
        )?;
        w.opt_id(
            &mut a.meeting_id,
            "input.meeting",
            RecordKind::Meeting,
            self.meeting,
        )?;
        w.set(&mut a.opens_on, self.opens_on);
        w.set(&mut a.closes_on, self.closes_on);
        w.text(&mut a.text, "input.text", self.text, MAX_TEXT)?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "EvaluationRoundQueries": Entity => EvaluationRound;
    /// Evaluation rounds (评议) of members and of the public, with their results once over.
    evaluation_rounds(filter: RecordFilter);
    /// One evaluation round by id.
    evaluation_round(id);
}

crate::graphql::edit::writes! {
    "EvaluationRoundWrites": Entity, EvaluationRoundInput, "EvaluationRound",
    "evaluation round", create_evaluation_round, update_evaluation_round,
    correct_evaluation_round
}
