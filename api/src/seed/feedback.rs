//! The demo county's submissions (`api/data/demo/feedback.json`): each sent on its day and
//! taken through its steps on theirs, through the store's own submission and step paths, so
//! that their audit entries and due dates are those a live submission gets.

use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{FeedbackChannel, FeedbackKind};
use std::str::FromStr;

use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect};
use serde::Deserialize;

use crate::{
    access::{Caller, feedback::Step},
    store::{
        Store,
        feedback::{Actor, StepInput, Submission},
    },
};

/// One submission of the file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Entry {
    kind: FeedbackKind,
    channel: FeedbackChannel,
    on: NaiveDate,
    subject: String,
    body: String,
    /// A meeting, by its label.
    meeting: Option<String>,
    /// A person, by name.
    named_person: Option<String>,
    /// An organization, by name.
    named_organization: Option<String>,
    name: Option<String>,
    contact: Option<String>,
    #[serde(default)]
    publish_consent: bool,
    steps: Vec<StepEntry>,
    /// The published answer made of it, by its question.
    answer: Option<String>,
}

/// One step of a submission.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepEntry {
    on: NaiveDate,
    action: String,
    /// The unit assigned, by name.
    unit: Option<String>,
    /// The reply or the reason.
    text: Option<String>,
    /// For the answer to a request for disclosure: what it gave.
    outcome: Option<entity::enums::DisclosureOutcome>,
}

/// 10:00 in Beijing on `day`.
fn morning(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(2, 0, 0).unwrap_or_default().and_utc()
}

/// The id of the row of `E` whose `column` holds `value`, when a value is given.
pub(super) async fn named<E: EntityTrait>(
    txn: &DatabaseTransaction,
    column: E::Column,
    value: Option<&str>,
    place: &str,
) -> anyhow::Result<Option<i64>>
where
    E::Column: ColumnTrait,
{
    let Some(value) = value else {
        return Ok(None);
    };
    let id: Option<i64> = E::find()
        .filter(column.eq(value))
        .select_only()
        .column(
            E::Column::from_str("id")
                .map_err(|_| anyhow::anyhow!("{place}: the table has no id"))?,
        )
        .into_tuple()
        .one(txn)
        .await?;
    id.map(Some)
        .ok_or_else(|| anyhow::anyhow!("{place}: nothing is named {value}"))
}

fn step_of(action: &str) -> Option<Step> {
    Some(match action {
        "accept" => Step::Accept,
        "assign" => Step::Assign,
        "extend" => Step::Extend,
        "answer" => Step::Answer,
        "transfer" => Step::Transfer,
        "reject" => Step::Reject,
        _ => return None,
    })
}

/// Loads the submissions of `text` (a file named `file`) inside `txn`. Returns how many.
pub async fn load(
    store: &Store,
    txn: &DatabaseTransaction,
    file: &str,
    text: &str,
) -> anyhow::Result<usize> {
    let entries: Vec<Entry> = serde_json::from_str(text)
        .map_err(|error| anyhow::anyhow!("{file}: this is not a list of submissions: {error}"))?;
    let office = Caller::loader("sunlight-loader/office");
    let anyone = Caller::public();
    for (n, entry) in entries.iter().enumerate() {
        let place = format!("{file} entry {}", n + 1);
        let failed = |error| super::load::at(&place, error);
        use entity::{meeting, organization, person};
        let meeting = named::<meeting::Entity>(
            txn,
            meeting::Column::Label,
            entry.meeting.as_deref(),
            &place,
        )
        .await?;
        let named_person_id = named::<person::Entity>(
            txn,
            person::Column::Name,
            entry.named_person.as_deref(),
            &place,
        )
        .await?;
        let named_org_id = named::<organization::Entity>(
            txn,
            organization::Column::Name,
            entry.named_organization.as_deref(),
            &place,
        )
        .await?;
        // What came through the web came from anyone; the rest the office entered.
        let sender =
            if entry.channel == FeedbackChannel::Web && entry.kind != FeedbackKind::Proposal {
                &anyone
            } else {
                &office
            };
        let (mut case, _) = store
            .submit_feedback_in(
                txn,
                sender,
                Actor::Caller(&office),
                Submission {
                    kind: entry.kind,
                    channel: entry.channel,
                    subject: entry.subject.clone(),
                    body: entry.body.clone(),
                    meeting_id: meeting,
                    named_person_id,
                    named_org_id,
                    submitter_name: entry.name.clone(),
                    submitter_contact: entry.contact.clone(),
                    publish_consent: entry.publish_consent,
                },
                (entry.on, morning(entry.on)),
            )
            .await
            .map_err(failed)?;
        for (k, step) in entry.steps.iter().enumerate() {
            let action = step_of(&step.action)
                .ok_or_else(|| anyhow::anyhow!("{place}: no step is named {}", step.action))?;
            let unit = named::<organization::Entity>(
                txn,
                organization::Column::Name,
                step.unit.as_deref(),
                &place,
            )
            .await?;
            let at = morning(step.on) + chrono::TimeDelta::minutes(i64::try_from(k).unwrap_or(0));
            case = store
                .take_feedback_step_in(
                    txn,
                    &office,
                    &case,
                    action,
                    StepInput {
                        unit,
                        text: step.text.clone(),
                        outcome: step.outcome,
                    },
                    step.on,
                    at,
                )
                .await
                .map_err(failed)?;
        }
        if let Some(question) = &entry.answer {
            let answer = named::<entity::feedback_answer::Entity>(
                txn,
                entity::feedback_answer::Column::Question,
                Some(question),
                &place,
            )
            .await?
            .ok_or_else(|| anyhow::anyhow!("{place}: no answer"))?;
            let day = entry.steps.last().map_or(entry.on, |step| step.on);
            store
                .link_feedback_answer_in(
                    txn,
                    Actor::Caller(&office),
                    &case,
                    answer,
                    (day, morning(day) + chrono::TimeDelta::hours(1)),
                )
                .await
                .map_err(failed)?;
        }
    }
    Ok(entries.len())
}
