//! Decisions of meetings: what the API declares of this kind, in one place: its feed and field
//! policies, its input and write rules, its search text, its root fields and its writes.

use async_graphql::{ID, InputObject, MaybeUndefined};
use chrono::NaiveDate;
use entity::enums::RecordKind;
use sea_orm::ActiveValue::{self, Set};

use crate::access::policy;
use crate::error::{AppError, AppResult};
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write, optional, text};
use crate::graphql::enums::{DecisionKind, DecisionResult, ExecutionStatus, Scope};
use crate::graphql::{
    filters::DecisionFilter,
    kinds::{Feed, Kind, Policies, References},
};
use crate::store::edit::Parts;

pub use crate::graphql::types::Decision;

impl Kind for entity::decision::Entity {
    const LIST: &'static str = "decisions";
    const FEED: Feed = Feed {
        title: "决策公开",
        untitled: "决策",
        selection: "title summary: text",
    };
    const POLICIES: Policies = &[&policy::DECISION, &policy::MILESTONE];
    const REFERENCES: References = &[("meeting", RecordKind::Meeting)];
    type Input = DecisionInput;
}

/// A milestone in carrying out a decision.
#[derive(InputObject)]
pub struct MilestoneInput {
    /// What is to be done.
    pub title: String,
    /// When it falls due: on or after the meeting that took the decision.
    pub due_on: NaiveDate,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
    /// Where it stands.
    pub status: ExecutionStatus,
    /// Evidence of the work.
    pub evidence: Option<String>,
}

/// Fields of a decision (决策 / 决定 / 决议). `milestones` replaces the stored list.
#[derive(InputObject)]
pub struct DecisionInput {
    /// The meeting that took it.
    pub meeting: Option<ID>,
    /// Kind.
    pub kind: Option<DecisionKind>,
    /// Title.
    pub title: Option<String>,
    /// Text.
    pub text: Option<String>,
    /// Votes for: party-internal.
    pub votes_for: MaybeUndefined<i32>,
    /// Votes against: party-internal.
    pub votes_against: MaybeUndefined<i32>,
    /// Abstentions: party-internal.
    pub votes_abstain: MaybeUndefined<i32>,
    /// Result.
    pub result: Option<DecisionResult>,
    /// How its execution stands.
    pub execution_status: Option<ExecutionStatus>,
    /// Execution milestones, in order.
    pub milestones: Option<Vec<MilestoneInput>>,
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

impl Apply<entity::decision::Entity> for DecisionInput {
    fn apply(self, a: &mut entity::decision::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.meeting_id,
            "input.meeting",
            RecordKind::Meeting,
            self.meeting,
        )?;
        w.set(&mut a.kind, self.kind.map(Into::into));
        w.text(&mut a.title, "input.title", self.title, MAX_NAME)?;
        w.text(&mut a.text, "input.text", self.text, MAX_TEXT)?;
        w.set_opt(&mut a.votes_for, self.votes_for);
        w.set_opt(&mut a.votes_against, self.votes_against);
        w.set_opt(&mut a.votes_abstain, self.votes_abstain);
        w.set(&mut a.result, self.result.map(Into::into));
        w.set(
            &mut a.execution_status,
            self.execution_status.map(Into::into),
        );
        if let Some(list) = self.milestones {
            let mut rows = Vec::with_capacity(list.len());
            for (i, m) in list.into_iter().enumerate() {
                let at = |field: &str| format!("input.milestones[{i}].{field}");
                if let Some(done) = m.done_on
                    && done < m.due_on
                    && m.status != ExecutionStatus::Completed
                {
                    return Err(AppError::bad_input(
                        &at("doneOn"),
                        "a milestone with a date of completion is COMPLETED",
                    ));
                }
                if m.status == ExecutionStatus::Completed && m.done_on.is_none() {
                    return Err(AppError::bad_input(
                        &at("doneOn"),
                        "a COMPLETED milestone needs the date it was done",
                    ));
                }
                rows.push(entity::milestone::ActiveModel {
                    id: ActiveValue::NotSet,
                    decision_id: ActiveValue::NotSet,
                    position: ActiveValue::NotSet,
                    title: Set(text(&at("title"), m.title, MAX_NAME)?),
                    due_on: Set(m.due_on),
                    done_on: Set(m.done_on),
                    status: Set(m.status.into()),
                    evidence: Set(optional(&at("evidence"), m.evidence, MAX_TEXT)?),
                });
            }
            w.plan.parts.push(Parts::Milestones(rows));
        }
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "DecisionQueries": entity::decision::Entity => Decision;
    /// Decisions (决策, 决定, 决议) of every meeting.
    decisions(filter: DecisionFilter);
}

crate::graphql::edit::writes! {
    "DecisionWrites": entity::decision::Entity, DecisionInput, "Decision", "decision",
    create_decision, update_decision, correct_decision
}

crate::store::edit::editable! {
    decision: "decision" requires [
        ("input.meeting", "meeting_id"), ("input.kind", "kind"), ("input.title", "title"),
        ("input.text", "text"), ("input.result", "result"),
    ] defaults |a| {
        a.execution_status = sea_orm::ActiveValue::Set(entity::enums::ExecutionStatus::NotStarted);
    } rules crate::store::rules::decision
}

impl crate::search::Searchable for entity::decision::Entity {
    fn documents(m: &Self::Model) -> Vec<crate::search::Document> {
        crate::search::documents_of::<Self>(
            m,
            &crate::access::policy::DECISION,
            &[
                ("title", Some(m.title.clone()), true),
                ("text", Some(m.text.clone()), false),
            ],
        )
    }
}
