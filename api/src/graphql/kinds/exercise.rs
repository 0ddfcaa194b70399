//! Exercises of powers (权力运行实例): "power P was exercised through procedure F for this
//! matter", followed through the steps of the procedure (权力运行动态公开), with each step's
//! time limit. Everything this kind is, in one place: its GraphQL types and field policies, its
//! input, its write rules, its search text, its feed, and its fields of the root query.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Result};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    enums::RecordKind,
    exercise::{ActiveModel, Entity, Model},
};
use sea_orm::ActiveValue::{NotSet, Set};

use crate::{
    access::policy::{Policy, Scoped},
    error::AppResult,
    graphql::{
        edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write, optional, text},
        enums::{ExecutionStatus, Scope},
        filters::ExerciseFilter,
        kinds::{Feed, Kind, Policies, References},
        prefetch::{Prefetch, related as prefetch_related},
    },
    progress,
    search::{Document, Searchable, documents_of},
    store::edit::{Check, Editable, Parts, Plan},
};

pub use object::{Exercise, Passage};

/// Who sees which field of an exercise: all of it, with the record. What it names (the power,
/// the procedure, the decision) shows only where the caller may see that record, and what is
/// worked out from the procedure (steps, time limits, lateness) only where the caller may see
/// the procedure.
pub const POLICY: Policy<Model> = Policy {
    type_name: "Exercise",
    record: true,
    public: &[
        "title",
        "summary",
        "power",
        "procedure",
        "decision",
        "meeting",
        "appointment",
        "disciplinaryCase",
        "passages",
        "progress",
        "currentPassage",
        "latePassages",
        "startedAt",
        "redactions",
        "source",
    ],
    guarded: &[],
};

/// A passage: a part of its exercise.
pub const PASSAGE_POLICY: Policy<entity::passage::Model> = Policy {
    type_name: "Passage",
    record: false,
    public: &[
        "position",
        "stepKey",
        "step",
        "actor",
        "enteredAt",
        "leftAt",
        "leftBy",
        "note",
        "evidence",
        "dueOn",
        "late",
    ],
    guarded: &[],
};

impl Kind for Entity {
    const LIST: &'static str = "exercises";
    const FEED: Feed = Feed {
        title: "权力运行动态",
        untitled: "权力运行实例",
        selection: "title summary",
    };
    const POLICIES: Policies = &[&POLICY, &PASSAGE_POLICY];
    const REFERENCES: References = &[
        ("power", RecordKind::Power),
        ("procedure", RecordKind::Procedure),
        ("decision", RecordKind::Decision),
        ("meeting", RecordKind::Meeting),
        ("appointment", RecordKind::Appointment),
        ("disciplinaryCase", RecordKind::DisciplinaryCase),
    ];
    type Input = ExerciseInput;
}

/// One passage through a step of the procedure.
#[derive(InputObject)]
pub struct PassageInput {
    /// The step's key in the procedure (`S1`, `S2`, …). The first passage is at the
    /// procedure's first step; each next one at a step an edge leads to.
    pub step: String,
    /// Who acted at the step (a unit or a post, as the procedure names it).
    pub actor: String,
    /// When the matter reached the step.
    pub entered_at: DateTime<Utc>,
    /// When it left the step; required for every passage but the last.
    pub left_at: Option<DateTime<Utc>>,
    /// The label of the edge it left by (同意, 不同意, 补充材料), where the edge has one.
    pub left_by: Option<String>,
    /// A note on the step.
    pub note: Option<String>,
    /// Evidence: the document or act that shows the step was taken.
    pub evidence: Option<String>,
}

/// Fields of an exercise of a power. `passages` replaces the stored list.
#[derive(InputObject)]
pub struct ExerciseInput {
    /// The power exercised.
    pub power: Option<ID>,
    /// The procedure it runs through.
    pub procedure: Option<ID>,
    /// The matter, in a line.
    pub title: Option<String>,
    /// The matter, in a paragraph.
    pub summary: MaybeUndefined<String>,
    /// The decision it produced or concerns.
    pub decision: MaybeUndefined<ID>,
    /// The meeting it went through.
    pub meeting: MaybeUndefined<ID>,
    /// The appointment it concerns.
    pub appointment: MaybeUndefined<ID>,
    /// The disciplinary case it concerns.
    pub disciplinary_case: MaybeUndefined<ID>,
    /// Its passages through the procedure's steps, in order.
    pub passages: Option<Vec<PassageInput>>,
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

impl Apply<Entity> for ExerciseInput {
    fn apply(self, a: &mut ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.power_id,
            "input.power",
            RecordKind::Power,
            self.power,
        )?;
        w.id(
            &mut a.procedure_id,
            "input.procedure",
            RecordKind::Procedure,
            self.procedure,
        )?;
        w.text(&mut a.title, "input.title", self.title, MAX_NAME)?;
        w.opt_text(&mut a.summary, "input.summary", self.summary, MAX_TEXT)?;
        w.opt_id(
            &mut a.decision_id,
            "input.decision",
            RecordKind::Decision,
            self.decision,
        )?;
        w.opt_id(
            &mut a.meeting_id,
            "input.meeting",
            RecordKind::Meeting,
            self.meeting,
        )?;
        w.opt_id(
            &mut a.appointment_id,
            "input.appointment",
            RecordKind::Appointment,
            self.appointment,
        )?;
        w.opt_id(
            &mut a.disciplinary_case_id,
            "input.disciplinaryCase",
            RecordKind::DisciplinaryCase,
            self.disciplinary_case,
        )?;
        if let Some(list) = self.passages {
            let mut rows = Vec::with_capacity(list.len());
            for (i, p) in list.into_iter().enumerate() {
                let at = |field: &str| format!("input.passages[{i}].{field}");
                rows.push(entity::passage::ActiveModel {
                    id: NotSet,
                    exercise_id: NotSet,
                    position: NotSet,
                    step_key: Set(text(&at("step"), p.step, MAX_NAME)?),
                    actor: Set(text(&at("actor"), p.actor, MAX_NAME)?),
                    entered_at: Set(p.entered_at),
                    left_at: Set(p.left_at),
                    left_by: Set(optional(&at("leftBy"), p.left_by, MAX_NAME)?),
                    note: Set(optional(&at("note"), p.note, MAX_TEXT)?),
                    evidence: Set(optional(&at("evidence"), p.evidence, MAX_TEXT)?),
                });
            }
            w.plan.parts.push(Parts::Passages(rows));
        }
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

impl Editable for Entity {
    const NOUN: &'static str = "exercise of a power";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        ("input.power", "power_id"),
        ("input.procedure", "procedure_id"),
        ("input.title", "title"),
    ];

    /// Passages follow the procedure's graph: checked against the stored procedure.
    fn rules(model: &Model, _: &crate::calendar::Calendar, plan: &Plan) -> AppResult<Vec<Check>> {
        let mut checks = Vec::new();
        for parts in &plan.parts {
            if let Parts::Passages(rows) = parts {
                let passages = rows
                    .iter()
                    .map(|r| crate::flow::Passage {
                        step: value(&r.step_key).unwrap_or_default(),
                        entered: value(&r.entered_at).unwrap_or(DateTime::UNIX_EPOCH),
                        left: value(&r.left_at).flatten(),
                        left_by: value(&r.left_by).flatten(),
                    })
                    .collect();
                checks.push(Check::FollowsProcedure {
                    path: "input.passages".into(),
                    procedure: model.procedure_id,
                    passages,
                });
            }
        }
        Ok(checks)
    }
}

/// The value of a column set by the input.
fn value<T: Clone + Into<sea_orm::Value>>(v: &sea_orm::ActiveValue<T>) -> Option<T> {
    match v {
        Set(v) | sea_orm::ActiveValue::Unchanged(v) => Some(v.clone()),
        NotSet => None,
    }
}

impl Searchable for Entity {
    fn documents(m: &Model) -> Vec<Document> {
        documents_of::<Self>(
            m,
            &POLICY,
            &[
                ("title", Some(m.title.clone()), true),
                ("summary", m.summary.clone(), false),
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
        prefetch_related::<entity::power::Entity, _>(ctx, selection, rows, "power", |m| {
            Some(m.power_id)
        })
        .await?;
        prefetch_related::<entity::procedure::Entity, _>(ctx, selection, rows, "procedure", |m| {
            Some(m.procedure_id)
        })
        .await?;
        prefetch_related::<entity::source::Entity, _>(ctx, selection, rows, "source", |m| {
            m.source_id
        })
        .await
    }
}

crate::graphql::lists::root_fields! {
    "ExerciseQueries": Entity => Exercise;
    /// Exercises of powers (权力运行实例): each matter followed through its procedure.
    exercises(filter: ExerciseFilter);
    /// One exercise of a power by id.
    exercise(id);
}

crate::graphql::edit::writes! {
    "ExerciseWrites": Entity, ExerciseInput, "Exercise", "exercise of a power",
    create_exercise, update_exercise, correct_exercise
}

mod object {
    use super::*;
    use crate::graphql::kinds::{appointment::Appointment, disciplinary_case::DisciplinaryCase};
    use crate::graphql::{
        ids,
        types::{
            Decision, Meeting, Power, Procedure, ProcedureStep, Redaction, day, parts,
            procedure::clocked, redactions, related, scoped_object,
        },
    };
    use crate::record::Record;

    scoped_object!(
        /// 权力运行实例: one matter for which a power was exercised through its procedure,
        /// followed step by step, each step against its time limit.
        Exercise(Model)
    );

    crate::graphql::types::record_object! {
        Exercise: Entity;
        /// Global id.
        pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
            Ok(ids::of(ctx)?.encode(Entity::NAME, self.0.model.id))
        }

        /// The matter, in a line.
        async fn title(&self) -> &str {
            &self.0.model.title
        }

        /// The matter, in a paragraph.
        async fn summary(&self) -> Option<&str> {
            self.0.model.summary.as_deref()
        }

        /// The power exercised.
        async fn power(&self, ctx: &Context<'_>) -> Result<Option<Power>> {
            Ok(related::<entity::power::Entity>(ctx, Some(self.0.model.power_id))
                .await?
                .map(Power))
        }

        /// The procedure (流程图) it runs through.
        async fn procedure(&self, ctx: &Context<'_>) -> Result<Option<Procedure>> {
            Ok(
                related::<entity::procedure::Entity>(ctx, Some(self.0.model.procedure_id))
                    .await?
                    .map(Procedure),
            )
        }

        /// The decision it produced or concerns.
        async fn decision(&self, ctx: &Context<'_>) -> Result<Option<Decision>> {
            Ok(related::<entity::decision::Entity>(ctx, self.0.model.decision_id)
                .await?
                .map(Decision))
        }

        /// The meeting it went through.
        async fn meeting(&self, ctx: &Context<'_>) -> Result<Option<Meeting>> {
            Ok(related::<entity::meeting::Entity>(ctx, self.0.model.meeting_id)
                .await?
                .map(Meeting))
        }

        /// The appointment it concerns.
        async fn appointment(&self, ctx: &Context<'_>) -> Result<Option<Appointment>> {
            Ok(
                related::<entity::appointment::Entity>(ctx, self.0.model.appointment_id)
                    .await?
                    .map(Appointment),
            )
        }

        /// The disciplinary case it concerns.
        async fn disciplinary_case(&self, ctx: &Context<'_>) -> Result<Option<DisciplinaryCase>> {
            Ok(
                related::<entity::disciplinary_case::Entity>(
                    ctx,
                    self.0.model.disciplinary_case_id,
                )
                .await?
                .map(DisciplinaryCase),
            )
        }

        /// Its passages through the procedure's steps, in order.
        async fn passages(&self, ctx: &Context<'_>) -> Result<Vec<Passage>> {
            passages_of(ctx, &self.0).await
        }

        /// When it reached its first step.
        async fn started_at(&self, ctx: &Context<'_>) -> Result<Option<DateTime<Utc>>> {
            let rows =
                parts::<entity::passage::Entity, _>(ctx, &self.0, self.0.model.id).await?;
            Ok(rows.first().map(|p| p.model.entered_at))
        }

        /// Where it stands as of `asOf` (default `Query.today`): `NOT_STARTED` before its first
        /// passage, `COMPLETED` once it reaches a step that ends the procedure, `OVERDUE` while
        /// the step it stands at is past its time limit, else `IN_PROGRESS`. Null where the
        /// caller may not see its procedure.
        async fn progress(
            &self,
            ctx: &Context<'_>,
            as_of: Option<NaiveDate>,
        ) -> Result<Option<ExecutionStatus>> {
            let on = day(ctx, as_of)?;
            Ok(clocked(ctx, &self.0).await?.map(|passages| {
                let clocks: Vec<_> = passages.iter().map(|(_, c)| *c).collect();
                progress::exercise(&clocks, on).into()
            }))
        }

        /// The passage it stands at as of `asOf` (default `Query.today`): the last one
        /// entered by then. Null before it starts, and where the caller may not see its
        /// procedure.
        async fn current_passage(
            &self,
            ctx: &Context<'_>,
            as_of: Option<NaiveDate>,
        ) -> Result<Option<Passage>> {
            let on = day(ctx, as_of)?;
            let mut passages = passages_of(ctx, &self.0).await?;
            let clocks: Option<Vec<_>> = passages.iter().map(|p| p.2).collect();
            let Some(clocks) = clocks else {
                return Ok(None);
            };
            Ok(progress::current(&clocks, on).map(|i| passages.swap_remove(i)))
        }

        /// The passages late as of `asOf` (default `Query.today`): left after their step's
        /// time limit, or still in the step after it. Empty where the caller may not see its
        /// procedure.
        async fn late_passages(
            &self,
            ctx: &Context<'_>,
            as_of: Option<NaiveDate>,
        ) -> Result<Vec<Passage>> {
            let on = day(ctx, as_of)?;
            let passages = passages_of(ctx, &self.0).await?;
            Ok(passages
                .into_iter()
                .filter(|p| p.2.is_some_and(|c| progress::late(&c, on)))
                .collect())
        }

        /// Fields withheld from the caller, and why.
        async fn redactions(&self) -> Vec<Redaction> {
            redactions(&self.0, &POLICY)
        }
    }

    /// A passage of an exercise through one step of its procedure: who acted, when the matter
    /// entered and left, and by which edge it left.
    pub struct Passage(
        pub(crate) Scoped<entity::passage::Model>,
        /// The exercise's procedure.
        pub(crate) i64,
        /// The passage as the clock reads it, where the caller may see the procedure.
        pub(crate) Option<progress::Passage>,
    );

    /// The passages of `exercise`, each with its clock where the caller may see the procedure.
    async fn passages_of(ctx: &Context<'_>, exercise: &Scoped<Model>) -> Result<Vec<Passage>> {
        let procedure = exercise.model.procedure_id;
        Ok(match clocked(ctx, exercise).await? {
            Some(all) => all
                .into_iter()
                .map(|(p, c)| Passage(p, procedure, Some(c)))
                .collect(),
            None => parts::<entity::passage::Entity, _>(ctx, exercise, exercise.model.id)
                .await?
                .into_iter()
                .map(|p| Passage(p, procedure, None))
                .collect(),
        })
    }

    #[async_graphql::Object]
    impl Passage {
        /// Position in the exercise, from 1.
        async fn position(&self) -> i32 {
            self.0.model.position
        }

        /// The step's key in the procedure (`S3`).
        async fn step_key(&self) -> &str {
            &self.0.model.step_key
        }

        /// The step, where the caller may see the procedure and it still has the step.
        async fn step(&self, ctx: &Context<'_>) -> Result<Option<ProcedureStep>> {
            let Some(procedure) = related::<entity::procedure::Entity>(ctx, Some(self.1)).await?
            else {
                return Ok(None);
            };
            let steps = parts::<entity::procedure_step::Entity, _>(ctx, &procedure, self.1).await?;
            Ok(steps
                .into_iter()
                .find(|s| s.model.key == self.0.model.step_key)
                .map(ProcedureStep))
        }

        /// Who acted at the step.
        async fn actor(&self) -> &str {
            &self.0.model.actor
        }

        /// When the matter reached the step.
        async fn entered_at(&self) -> DateTime<Utc> {
            self.0.model.entered_at
        }

        /// When it left the step; null while it is there.
        async fn left_at(&self) -> Option<DateTime<Utc>> {
            self.0.model.left_at
        }

        /// The label of the edge it left by (同意, 不同意, 补充材料), where the edge has one.
        async fn left_by(&self) -> Option<&str> {
            self.0.model.left_by.as_deref()
        }

        /// A note on the step.
        async fn note(&self) -> Option<&str> {
            self.0.model.note.as_deref()
        }

        /// Evidence that the step was taken.
        async fn evidence(&self) -> Option<&str> {
            self.0.model.evidence.as_deref()
        }

        /// The last day the step's time limit allows, counted in working days of the county's
        /// calendar from the day the matter reached it. Null for a step without a limit, and
        /// where the caller may not see the procedure.
        async fn due_on(&self) -> Option<NaiveDate> {
            self.2.and_then(|c| c.due)
        }

        /// Whether the passage is late as of `asOf` (default `Query.today`): left after its
        /// last allowed day, or still in the step after it. Null where the caller may not see
        /// the procedure.
        async fn late(&self, ctx: &Context<'_>, as_of: Option<NaiveDate>) -> Result<Option<bool>> {
            let on = day(ctx, as_of)?;
            Ok(self.2.map(|c| progress::late(&c, on)))
        }
    }
}
