//! The way back, stored: submissions, their handling steps, and the submitter's view by code
//! and secret. Who sees and does what is decided in [`crate::access::feedback`]; every write
//! here is one transaction with its step and its audit entry.
//!
//! The audit entry of a step keeps what was done, on which submission, by which role, and
//! where it then stood: never the submitter's name, contact or text, nor the reply (only its
//! SHA-256), so that erasing a closed case's personal data leaves nothing of it behind in the
//! log, which is never pruned.

use chrono::NaiveDate;
use entity::{
    enums::{FeedbackChannel, FeedbackKind, FeedbackStatus, OrganizationKind},
    feedback::{self, Model},
    feedback_step,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait as _,
    DatabaseTransaction, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{
    Store,
    page::{self, Cursor, Direction, Page, PageArgs, SortValue},
};
use crate::{
    access::{
        Caller,
        feedback::{self as rules, Step},
    },
    audit,
    error::{AppError, AppResult},
};

/// The PostgreSQL channel on which every instance hears of a step on a submission, as it
/// commits; the payload is the submission's id.
pub const CHANNEL: &str = "sunlight_feedback";

/// Tells who waits on submissions that one of them took a step: the outbox's sender, and the
/// submitters following that submission. Woken after a commit here, and on PostgreSQL by the
/// steps of every instance.
#[derive(Clone)]
pub struct FeedbackSignal {
    any: super::changes::Signal,
    steps: tokio::sync::broadcast::Sender<Option<i64>>,
}

impl Default for FeedbackSignal {
    fn default() -> Self {
        Self {
            any: super::changes::Signal::default(),
            steps: tokio::sync::broadcast::channel(1024).0,
        }
    }
}

impl FeedbackSignal {
    /// A step on the submission `id`, or on any number of them (`None`).
    pub fn stepped(&self, id: Option<i64>) {
        self.any.wake();
        // No receiver is no one to tell.
        let _ = self.steps.send(id);
    }

    /// A message was kept in the outbox outside any step.
    pub fn kept(&self) {
        self.any.wake();
    }

    /// A receiver woken by every step and every message kept.
    pub fn any(&self) -> tokio::sync::watch::Receiver<u64> {
        self.any.subscribe()
    }

    /// A receiver of the ids of the submissions that take steps (`None`: maybe any).
    pub fn steps(&self) -> tokio::sync::broadcast::Receiver<Option<i64>> {
        self.steps.subscribe()
    }
}

/// Working days to answer a request for disclosure (政府信息公开条例: 20, extendable once by 20).
pub const DISCLOSURE_DAYS: u32 = 20;

/// Working days past the time to answer after which a submission is long overdue.
pub const LONG_OVERDUE_DAYS: u32 = 20;

/// Whom the audit log names for a step.
#[derive(Clone, Copy, Debug)]
pub enum Actor<'a> {
    /// The caller who took it.
    Caller(&'a Caller),
    /// The submitter, never by name: `submitter`, or a delegate's token subject.
    Submitter,
}

/// A submission as sent.
#[derive(Clone, Debug)]
pub struct Submission {
    pub kind: FeedbackKind,
    pub channel: FeedbackChannel,
    pub subject: String,
    pub body: String,
    pub meeting_id: Option<i64>,
    pub named_person_id: Option<i64>,
    pub named_org_id: Option<i64>,
    pub submitter_name: Option<String>,
    pub submitter_contact: Option<String>,
    pub publish_consent: bool,
}

/// What a step brings with it.
#[derive(Clone, Debug, Default)]
pub struct StepInput {
    /// The unit to assign to.
    pub unit: Option<i64>,
    /// The reply, the reason for an extension, a transfer or a rejection.
    pub text: Option<String>,
    /// For the answer to a request for disclosure: what it gave.
    pub outcome: Option<entity::enums::DisclosureOutcome>,
}

impl StepInput {
    /// A step that brings `text`: the reply, or a reason.
    pub fn text(text: String) -> Self {
        Self {
            unit: None,
            text: Some(text),
            outcome: None,
        }
    }
}

/// How a submission stands against its time to answer, on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timeliness {
    /// Open, within its time.
    OnTime,
    /// Open, past its time.
    Overdue,
    /// Open, more than [`LONG_OVERDUE_DAYS`] working days past its time.
    LongOverdue,
    /// Closed within its time.
    ClosedOnTime,
    /// Closed after its time.
    ClosedLate,
}

/// Where `case` stands against its time on `as_of`, counted with `calendar`. A case closed
/// after `as_of` is judged open, as it was that day.
pub fn timeliness(
    case: &Model,
    as_of: NaiveDate,
    calendar: &crate::calendar::Calendar,
) -> Timeliness {
    match case.closed_on {
        Some(closed) if closed <= as_of => {
            if closed <= case.due_on {
                Timeliness::ClosedOnTime
            } else {
                Timeliness::ClosedLate
            }
        }
        _ if as_of <= case.due_on => Timeliness::OnTime,
        _ if as_of <= calendar.deadline(case.due_on, LONG_OVERDUE_DAYS) => Timeliness::Overdue,
        _ => Timeliness::LongOverdue,
    }
}

/// The SHA-256 of `text`, in hex.
pub(super) fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `bytes` random bytes written in Crockford's base 32 (no I, L, O, U): easy to read out on
/// the phone and to type.
pub(super) fn random_code(bytes: usize) -> AppResult<String> {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut raw = vec![0u8; bytes];
    getrandom::fill(&mut raw)
        .map_err(|e| AppError::Database(sea_orm::DbErr::Custom(format!("no randomness: {e}"))))?;
    Ok(raw
        .iter()
        .map(|b| ALPHABET[usize::from(b % 32)] as char)
        .collect())
}

/// Compares two strings in time that depends on their lengths only.
pub(super) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// What the audit log keeps of a step on `case`: nothing personal.
fn audit_view(case: &Model) -> serde_json::Value {
    json!({
        "feedback": case.id,
        "kind": case.kind,
        "channel": case.channel,
        "status": case.status,
        "handling_org_id": case.handling_org_id,
        "received_on": case.received_on,
        "due_on": case.due_on,
        "closed_on": case.closed_on,
        "reply_sha256": case.reply.as_deref().map(sha256),
        "outcome": case.outcome,
        "publish_consent": case.publish_consent,
        "version": case.version,
    })
}

impl Store {
    /// Keeps `submission` from `caller`: one transaction with its first step and its audit
    /// entry. Returns the case and the secret, which is kept only as its hash.
    pub async fn submit_feedback(
        &self,
        caller: &Caller,
        submission: Submission,
    ) -> AppResult<(Model, String)> {
        // What came through the web is the submitter's own; the office enters the rest.
        let actor = if submission.channel == FeedbackChannel::Web {
            Actor::Submitter
        } else {
            Actor::Caller(caller)
        };
        let (_writers, txn) = self.begin_write(self.connection()).await?;
        let sent = self
            .submit_feedback_in(&txn, caller, actor, submission, (self.today(), self.now()))
            .await?;
        txn.commit().await?;
        self.feedback_signal.stepped(Some(sent.0.id));
        Ok(sent)
    }

    /// [`Self::submit_feedback`] inside `txn`, received on `today` at `now`, its audit entry
    /// written as `actor`'s: for a loader replaying a recorded history.
    pub(crate) async fn submit_feedback_in(
        &self,
        txn: &DatabaseTransaction,
        caller: &Caller,
        actor: Actor<'_>,
        submission: Submission,
        (today, now): (NaiveDate, chrono::DateTime<chrono::Utc>),
    ) -> AppResult<(Model, String)> {
        rules::may_submit(caller, submission.kind)?;
        if submission.channel != FeedbackChannel::Web && !rules::may_enter_for_others(caller) {
            return Err(AppError::forbidden(
                "only the office enters submissions that came another way than the web",
            ));
        }
        if submission.kind == FeedbackKind::HearingRequest
            && let Some(meeting) = submission.meeting_id
            && let Some(meeting) = entity::meeting::Entity::find_by_id(meeting)
                .one(txn)
                .await?
        {
            rules::may_apply(&meeting, today)?;
        }
        let days = match submission.kind {
            FeedbackKind::DisclosureRequest => DISCLOSURE_DAYS,
            _ => self.feedback_days,
        };
        let secret = random_code(20)?;
        // Reports go to the discipline commission at once.
        let handling_org_id = if submission.kind == FeedbackKind::ComplaintReport {
            entity::organization::Entity::find()
                .filter(
                    entity::organization::Column::Kind.eq(OrganizationKind::DisciplineCommission),
                )
                .order_by_asc(entity::organization::Column::Id)
                .select_only()
                .column(entity::organization::Column::Id)
                .into_tuple::<i64>()
                .one(txn)
                .await?
        } else {
            None
        };
        // Proposals are by a delegate, who is known; everything else stays anonymous, token or
        // not, unless the submitter gives a name.
        let proposal = submission.kind == FeedbackKind::Proposal;
        let mut code = random_code(8)?;
        while feedback::Entity::find()
            .filter(feedback::Column::Code.eq(code.as_str()))
            .count(txn)
            .await?
            > 0
        {
            code = random_code(8)?;
        }
        let model = feedback::ActiveModel {
            code: Set(code),
            secret_hash: Set(sha256(&secret)),
            kind: Set(submission.kind),
            channel: Set(submission.channel),
            subject: Set(submission.subject),
            body: Set(Some(submission.body)),
            meeting_id: Set(submission.meeting_id),
            named_person_id: Set(submission.named_person_id),
            named_org_id: Set(submission.named_org_id),
            submitter_name: Set(submission.submitter_name),
            submitter_contact: Set(submission.submitter_contact),
            submitter_subject: Set(proposal
                .then(|| caller.subject().map(str::to_owned))
                .flatten()),
            submitter_person_id: Set(proposal.then_some(caller.person()).flatten()),
            handling_org_id: Set(handling_org_id),
            status: Set(FeedbackStatus::Received),
            received_on: Set(today),
            due_on: Set(self.calendar().deadline(today, days)),
            extension_reason: Set(None),
            reply: Set(None),
            closed_on: Set(None),
            reason: Set(None),
            publish_consent: Set(submission.publish_consent),
            answer_id: Set(None),
            erased_at: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        self.leave_step(txn, actor, &model, "submit", None, None, (today, now))
            .await?;
        Ok((model, secret))
    }

    /// The step and the audit entry of `action` on `case` (as it is after the step), on
    /// `today` at `now`, by `actor`.
    #[allow(clippy::too_many_arguments)]
    async fn leave_step(
        &self,
        txn: &DatabaseTransaction,
        actor: Actor<'_>,
        case: &Model,
        action: &str,
        org: Option<i64>,
        note: Option<&str>,
        (today, now): (NaiveDate, chrono::DateTime<chrono::Utc>),
    ) -> AppResult<()> {
        let step = feedback_step::ActiveModel {
            feedback_id: Set(case.id),
            at: Set(now),
            on_day: Set(today),
            action: Set(action.to_owned()),
            status: Set(case.status),
            org_id: Set(org),
            note: Set(note.map(str::to_owned)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
            // Heard by every instance when the step commits, and not if it is rolled back.
            txn.execute_raw(sea_orm::Statement::from_sql_and_values(
                sea_orm::DbBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), case.id.to_string().into()],
            ))
            .await?;
        }
        self.notify_submitter_in(txn, case, step.id, action, now)
            .await?;
        // The submitter is never named in the log: a delegate's proposal by its token's
        // subject, everyone else as `submitter`.
        let (name, person, role) = match actor {
            Actor::Submitter => (
                case.submitter_subject.as_deref().unwrap_or("submitter"),
                case.submitter_person_id,
                "submitter",
            ),
            Actor::Caller(caller) => (
                caller.subject().unwrap_or_default(),
                caller.person(),
                caller.role().as_str(),
            ),
        };
        let action = format!("feedback_{action}");
        audit::append_at(
            txn,
            now,
            &audit::Entry {
                actor: name,
                person,
                role,
                action: &action,
                record: None,
                before: None,
                after: Some(audit_view(case)),
                note: if action == "feedback_answer" {
                    None
                } else {
                    note
                },
            },
        )
        .await?;
        Ok(())
    }

    /// The case behind `code` when `secret` is its secret; `None` otherwise, the same for an
    /// unknown code and a wrong secret.
    pub async fn feedback_by_code(&self, code: &str, secret: &str) -> AppResult<Option<Model>> {
        let code = code.trim().to_ascii_uppercase();
        let found = feedback::Entity::find()
            .filter(feedback::Column::Code.eq(code))
            .one(self.connection())
            .await?;
        // The secret is hashed whether or not the code is known.
        let hash = sha256(secret.trim());
        Ok(found.filter(|case| same(&case.secret_hash, &hash)))
    }

    /// The submitter withdraws the case behind `code`, with its `secret`.
    pub async fn withdraw_feedback(&self, code: &str, secret: &str) -> AppResult<Option<Model>> {
        let Some(case) = self.feedback_by_code(code, secret).await? else {
            return Ok(None);
        };
        let status = Step::Withdraw.next(&case)?;
        let (_writers, txn) = self.begin_write(self.connection()).await?;
        let (today, now) = (self.today(), self.now());
        let updated = self
            .update_case(&txn, &case, now, |model| {
                model.status = Set(status);
                model.closed_on = Set(Some(today));
            })
            .await?;
        self.leave_step(
            &txn,
            Actor::Submitter,
            &updated,
            "withdraw",
            None,
            None,
            (today, now),
        )
        .await?;
        txn.commit().await?;
        self.feedback_signal.stepped(Some(updated.id));
        Ok(Some(updated))
    }

    /// Writes `change` to `case` if it is still at its version, in `txn`.
    async fn update_case(
        &self,
        txn: &DatabaseTransaction,
        case: &Model,
        now: chrono::DateTime<chrono::Utc>,
        change: impl FnOnce(&mut feedback::ActiveModel),
    ) -> AppResult<Model> {
        let mut model = case.clone().into_active_model();
        change(&mut model);
        model.version = Set(case.version + 1);
        model.updated_at = Set(now);
        let result = feedback::Entity::update_many()
            .set(model)
            .filter(feedback::Column::Id.eq(case.id))
            .filter(feedback::Column::Version.eq(case.version))
            .exec(txn)
            .await?;
        if result.rows_affected != 1 {
            return Err(AppError::conflict(
                "the submission changed since it was read; read it again",
            ));
        }
        feedback::Entity::find_by_id(case.id)
            .one(txn)
            .await?
            .ok_or_else(|| AppError::not_found("there is no submission with this id"))
    }

    /// The case `id` if `caller` sees it.
    pub async fn feedback_case(&self, caller: &Caller, id: i64) -> AppResult<Option<Model>> {
        Ok(feedback::Entity::find_by_id(id)
            .filter(rules::visible(caller))
            .one(self.connection())
            .await?
            .filter(|case| rules::sees(caller, case)))
    }

    /// Takes `step` on case `id` at `expected_version`, as `caller`.
    pub async fn take_feedback_step(
        &self,
        caller: &Caller,
        id: i64,
        expected_version: i32,
        step: Step,
        input: StepInput,
    ) -> AppResult<Model> {
        let Some(case) = self.feedback_case(caller, id).await? else {
            return Err(AppError::not_found("there is no submission with this id"));
        };
        if case.version != expected_version {
            rules::may_take(caller, &case, step)?;
            return Err(AppError::conflict(format!(
                "the submission is at version {}, not {expected_version}; read it again",
                case.version
            )));
        }
        let (_writers, txn) = self.begin_write(self.connection()).await?;
        let updated = self
            .take_feedback_step_in(&txn, caller, &case, step, input, self.today(), self.now())
            .await?;
        txn.commit().await?;
        self.feedback_signal.stepped(Some(updated.id));
        Ok(updated)
    }

    /// Takes `step` on `case`, which `caller` sees, inside `txn`, on `today` at `now`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn take_feedback_step_in(
        &self,
        txn: &DatabaseTransaction,
        caller: &Caller,
        case: &Model,
        step: Step,
        input: StepInput,
        today: NaiveDate,
        now: chrono::DateTime<chrono::Utc>,
    ) -> AppResult<Model> {
        rules::may_take(caller, case, step)?;
        let status = step.next(case)?;
        let text = input.text.map(|t| t.trim().to_owned());
        let needs_text = |field: &str, message: &str| {
            text.clone()
                .filter(|t| !t.is_empty())
                .ok_or_else(|| AppError::bad_input(field, message))
        };
        let (unit, note) = match step {
            Step::Assign => {
                let unit = input
                    .unit
                    .ok_or_else(|| AppError::bad_input("unit", "name the unit to assign to"))?;
                if entity::organization::Entity::find_by_id(unit)
                    .count(txn)
                    .await?
                    == 0
                {
                    return Err(AppError::bad_input("unit", "there is no such organization"));
                }
                (Some(unit), None)
            }
            Step::Answer => {
                rules::outcome_fits(case.kind, input.outcome)?;
                (None, Some(needs_text("reply", "give the reply")?))
            }
            Step::Extend | Step::Transfer | Step::Reject => {
                (None, Some(needs_text("reason", "give the reason")?))
            }
            Step::Accept | Step::Withdraw => (None, None),
        };
        let calendar = self.calendar().clone();
        let updated = self
            .update_case(txn, case, now, |model| {
                model.status = Set(status);
                match step {
                    Step::Assign => model.handling_org_id = Set(unit),
                    Step::Extend => {
                        model.due_on = Set(calendar.deadline(case.due_on, DISCLOSURE_DAYS));
                        model.extension_reason = Set(note.clone());
                    }
                    Step::Answer => {
                        model.reply = Set(note.clone());
                        model.outcome = Set(input.outcome);
                        model.closed_on = Set(Some(today));
                    }
                    Step::Transfer | Step::Reject => {
                        model.reason = Set(note.clone());
                        model.closed_on = Set(Some(today));
                    }
                    Step::Accept | Step::Withdraw => {}
                }
            })
            .await?;
        // The reply is the case's own; the step keeps the reasons only.
        let step_note = if step == Step::Answer {
            None
        } else {
            note.as_deref()
        };
        self.leave_step(
            txn,
            Actor::Caller(caller),
            &updated,
            step.action(),
            unit,
            step_note,
            (today, now),
        )
        .await?;
        Ok(updated)
    }

    /// Links `case`, which `caller` sees, to the published answer `answer` made of it: once.
    pub async fn link_feedback_answer(
        &self,
        caller: &Caller,
        case: &Model,
        answer: i64,
    ) -> AppResult<Model> {
        let (_writers, txn) = self.begin_write(self.connection()).await?;
        let updated = self
            .link_feedback_answer_in(
                &txn,
                Actor::Caller(caller),
                case,
                answer,
                (self.today(), self.now()),
            )
            .await?;
        txn.commit().await?;
        self.feedback_signal.stepped(Some(updated.id));
        Ok(updated)
    }

    /// [`Self::link_feedback_answer`] inside `txn`, on `today` at `now`, by `actor`.
    pub(crate) async fn link_feedback_answer_in(
        &self,
        txn: &DatabaseTransaction,
        actor: Actor<'_>,
        case: &Model,
        answer: i64,
        (today, now): (NaiveDate, chrono::DateTime<chrono::Utc>),
    ) -> AppResult<Model> {
        if case.answer_id.is_some() {
            return Err(AppError::conflict(
                "an answer was published of this submission already",
            ));
        }
        let updated = self
            .update_case(txn, case, now, |model| model.answer_id = Set(Some(answer)))
            .await?;
        self.leave_step(txn, actor, &updated, "publish", None, None, (today, now))
            .await?;
        Ok(updated)
    }

    /// The steps of case `id`, in order. For a case already found visible, or the submitter's.
    pub async fn feedback_steps(&self, id: i64) -> AppResult<Vec<feedback_step::Model>> {
        Ok(feedback_step::Entity::find()
            .filter(feedback_step::Column::FeedbackId.eq(id))
            .order_by_asc(feedback_step::Column::Id)
            .all(self.connection())
            .await?)
    }

    /// A page of the cases `caller` sees that meet `filter`, newest first.
    pub async fn feedback_page(
        &self,
        caller: &Caller,
        filter: Condition,
        args: PageArgs,
    ) -> AppResult<Page<Model>> {
        if args.direction == Direction::Backward {
            return Err(AppError::bad_input(
                "last",
                "submissions page forward only, newest first: use `first` and `after`",
            ));
        }
        let condition = Condition::all().add(rules::visible(caller)).add(filter);
        let total = if args.count {
            feedback::Entity::find()
                .filter(condition.clone())
                .count(self.connection())
                .await?
        } else {
            0
        };
        let mut query = feedback::Entity::find().filter(condition);
        if let Some(cursor) = &args.cursor {
            if cursor.sort != "id" {
                return Err(AppError::bad_input(
                    "after",
                    "the cursor belongs to another list; start again without it",
                ));
            }
            let cursor = self.reveal_cursor("feedback", cursor)?;
            query = query.filter(feedback::Column::Id.lt(cursor.id));
        }
        let mut rows = query
            .order_by_desc(feedback::Column::Id)
            .limit(args.size + 1)
            .all(self.connection())
            .await?;
        let has_next = rows.len() as u64 > args.size;
        rows.truncate(usize::try_from(args.size).unwrap_or(usize::MAX));
        // The SQL filter and the rule agree; the rule has the last word.
        let items = rows
            .into_iter()
            .filter(|case| rules::sees(caller, case))
            .map(|case| {
                let cursor = self.hide_cursor(
                    "feedback",
                    Cursor {
                        sort: "id".to_owned(),
                        desc: true,
                        value: SortValue::Int(case.id),
                        id: case.id,
                    },
                );
                (page::encode_cursor(&cursor), case)
            })
            .collect();
        Ok(Page {
            items,
            has_next,
            has_previous: args.cursor.is_some(),
            total,
        })
    }
}

/// Closed cases erased in one transaction, so that erasing never holds the writers long.
const ERASE_BATCH: u64 = 100;

impl Store {
    /// Erases the personal data of the cases closed more than `retention_days` days before
    /// `as_of`: the text, the subject, the submitter's name, contact and token, the person
    /// named, and the reply. What stays is what the statistics count: the kind, the channel,
    /// the unit, the days and the outcome. Each erasure leaves its step and audit entry, in
    /// batches of [`ERASE_BATCH`]. Returns how many cases were erased.
    pub async fn erase_closed_feedback(
        &self,
        as_of: NaiveDate,
        retention_days: u32,
    ) -> AppResult<u64> {
        let Some(before) = as_of.checked_sub_days(chrono::Days::new(u64::from(retention_days)))
        else {
            return Ok(0);
        };
        let mut erased = 0;
        loop {
            // Work beside the requests: left out of the requests' statement count.
            let (_writers, txn) = self.begin_write(self.uncounted_connection()).await?;
            let due = feedback::Entity::find()
                .filter(feedback::Column::ClosedOn.lt(before))
                .filter(feedback::Column::ErasedAt.is_null())
                .order_by_asc(feedback::Column::Id)
                .limit(ERASE_BATCH)
                .all(&txn)
                .await?;
            if due.is_empty() {
                txn.rollback().await?;
                return Ok(erased);
            }
            let now = self.now();
            let office = Caller::loader("sunlight/retention");
            for case in &due {
                Self::forget_notifications_in(&txn, case.id).await?;
                let updated = self
                    .update_case(&txn, case, now, |model| {
                        model.subject = Set(ERASED.to_owned());
                        model.body = Set(None);
                        model.submitter_name = Set(None);
                        model.submitter_contact = Set(None);
                        model.submitter_subject = Set(None);
                        model.submitter_person_id = Set(None);
                        model.named_person_id = Set(None);
                        model.reply = Set(None);
                        model.erased_at = Set(Some(now));
                    })
                    .await?;
                self.leave_step(
                    &txn,
                    Actor::Caller(&office),
                    &updated,
                    "erase",
                    None,
                    None,
                    (as_of, now),
                )
                .await?;
            }
            txn.commit().await?;
            self.feedback_signal.stepped(None);
            erased += due.len() as u64;
        }
    }
}

/// Where a case stands on a day, for the figures: one of these for each case.
pub const OUTCOMES: [&str; 5] = [
    "ANSWERED_ON_TIME",
    "ANSWERED_LATE",
    "CLOSED_OTHERWISE",
    "OPEN_ON_TIME",
    "OVERDUE",
];

/// The outcome of a case on a day, one of [`OUTCOMES`]: `answered` whether its status is
/// ANSWERED, `closed` whether it closed by that day, `closed_in_time` whether it closed by its
/// due day, `in_time` whether the day is not past its due day.
fn outcome(answered: bool, closed: bool, closed_in_time: bool, in_time: bool) -> usize {
    match (closed, answered) {
        (true, true) if closed_in_time => 0,
        (true, true) => 1,
        (true, false) => 2,
        (false, _) if in_time => 3,
        (false, _) => 4,
    }
}

/// The first day of the quarter of `day`.
pub fn quarter_start(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let month = (day.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(day)
}

/// `2011-Q3` for a day of July to September 2011.
pub fn quarter_label(day: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}-Q{}", day.year(), day.month0() / 3 + 1)
}

/// The true figures of one unit in one quarter: the cases it received then, split by where
/// each stands on the day asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuarterFigures {
    /// `2011-Q3`.
    pub quarter: String,
    /// The handling unit; `None` for cases not yet assigned.
    pub unit: Option<i64>,
    /// Cases received.
    pub received: u64,
    /// By outcome, in the order of [`OUTCOMES`].
    pub outcomes: [u64; 5],
}

impl Store {
    /// The figures of every unit for every quarter of receipt that ended before `as_of`,
    /// outcomes judged on `as_of`, oldest quarter first. The figures are true counts: what may
    /// be published of them is decided in [`crate::access::disclosure`].
    pub async fn feedback_figures(&self, as_of: NaiveDate) -> AppResult<Vec<QuarterFigures>> {
        use sea_orm::{ConnectionTrait as _, DbBackend, Statement};
        let db = self.connection();
        let backend = db.get_database_backend();
        let (year, quarter) = match backend {
            DbBackend::Postgres => (
                "CAST(EXTRACT(YEAR FROM received_on) AS INTEGER)",
                "CAST(EXTRACT(QUARTER FROM received_on) AS INTEGER)",
            ),
            _ => (
                "CAST(strftime('%Y', received_on) AS INTEGER)",
                "(CAST(strftime('%m', received_on) AS INTEGER) + 2) / 3",
            ),
        };
        let p = |n| crate::db::placeholder(backend, n);
        // Counted in the database, one row per unit, quarter and state on the day: the
        // comparisons here, the outcome they make in `outcome`.
        let sql = format!(
            "SELECT handling_org_id AS unit, {year} AS y, {quarter} AS q, \
               CASE WHEN status = 'ANSWERED' THEN 1 ELSE 0 END AS answered, \
               CASE WHEN closed_on IS NOT NULL AND closed_on <= {d1} THEN 1 ELSE 0 END AS closed, \
               CASE WHEN closed_on IS NOT NULL AND closed_on <= due_on THEN 1 ELSE 0 END \
                 AS closed_in_time, \
               CASE WHEN {d2} <= due_on THEN 1 ELSE 0 END AS in_time, \
               COUNT(*) AS n \
             FROM feedback WHERE received_on < {start} \
             GROUP BY handling_org_id, {year}, {quarter}, 4, 5, 6, 7",
            d1 = p(1),
            d2 = p(2),
            start = p(3),
        );
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [as_of.into(), as_of.into(), quarter_start(as_of).into()],
            ))
            .await?;
        let mut figures: std::collections::BTreeMap<(i32, i32, Option<i64>), [u64; 5]> =
            std::collections::BTreeMap::new();
        for row in rows {
            let flag = |name: &str| row.try_get::<i32>("", name).map(|v| v != 0);
            let at = outcome(
                flag("answered")?,
                flag("closed")?,
                flag("closed_in_time")?,
                flag("in_time")?,
            );
            let key = (
                row.try_get::<i32>("", "y")?,
                row.try_get::<i32>("", "q")?,
                row.try_get::<Option<i64>>("", "unit")?,
            );
            let count = u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0);
            figures.entry(key).or_default()[at] += count;
        }
        Ok(figures
            .into_iter()
            .map(|((year, quarter, unit), outcomes)| QuarterFigures {
                quarter: format!("{year}-Q{quarter}"),
                unit,
                received: outcomes.iter().sum(),
                outcomes,
            })
            .collect())
    }
}

/// What an erased case's subject reads.
pub const ERASED: &str = "（已删除）";

impl Store {
    /// Draws the observers of the meeting `meeting_id` among its applicants, as `caller`, with
    /// the announced `seed`: the open applications received in the window are ranked by the
    /// SHA-256 of the seed, a colon and their tracking code, lowest first; the first
    /// `observer_seats` are selected and the others are not, each a step on its submission
    /// that its submitter sees. Once per meeting.
    pub async fn draw_hearing_observers(
        &self,
        caller: &Caller,
        meeting_id: i64,
        seed: &str,
    ) -> AppResult<entity::hearing_draw::Model> {
        use entity::hearing_draw;
        let today = self.today();
        let now = self.now();
        let (_writers, txn) = self.begin_write(self.connection()).await?;
        let meeting =
            Self::visible_row::<entity::meeting::Entity>(&txn, caller, meeting_id).await?;
        rules::may_draw(caller, &meeting, today)?;
        if hearing_draw::Entity::find_by_id(meeting_id)
            .one(&txn)
            .await?
            .is_some()
        {
            return Err(AppError::conflict(
                "the observers of this meeting were drawn already",
            ));
        }
        let (Some(open), Some(close), Some(seats)) = (
            meeting.applications_open_on,
            meeting.applications_close_on,
            meeting.observer_seats,
        ) else {
            return Err(AppError::conflict(
                "this meeting takes no applications to attend",
            ));
        };
        let mut applicants = feedback::Entity::find()
            .filter(feedback::Column::Kind.eq(FeedbackKind::HearingRequest))
            .filter(feedback::Column::MeetingId.eq(meeting_id))
            .filter(feedback::Column::ReceivedOn.between(open, close))
            .filter(feedback::Column::Status.is_in([
                FeedbackStatus::Received,
                FeedbackStatus::Accepted,
                FeedbackStatus::Assigned,
            ]))
            .all(&txn)
            .await?;
        applicants.sort_by_cached_key(|case| draw_rank(seed, &case.code));
        let seats = usize::try_from(seats).unwrap_or(0);
        let office = Actor::Caller(caller);
        for (place, case) in applicants.iter().enumerate() {
            let selected = place < seats;
            let updated = self
                .update_case(&txn, case, now, |model| {
                    if selected {
                        model.status = Set(FeedbackStatus::Answered);
                        model.reply = Set(Some(SELECTED.to_owned()));
                    } else {
                        model.status = Set(FeedbackStatus::Rejected);
                        model.reason = Set(Some(NOT_SELECTED.to_owned()));
                    }
                    model.closed_on = Set(Some(today));
                })
                .await?;
            let action = if selected { "selected" } else { "not_selected" };
            self.leave_step(&txn, office, &updated, action, None, None, (today, now))
                .await?;
        }
        let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
        let draw = hearing_draw::ActiveModel {
            meeting_id: Set(meeting_id),
            seed: Set(seed.to_owned()),
            seats: Set(count(seats)),
            applicants: Set(count(applicants.len())),
            selected: Set(count(applicants.len().min(seats))),
            drawn_on: Set(today),
            drawn_at: Set(now),
        }
        .insert(&txn)
        .await?;
        audit::append_at(
            &txn,
            now,
            &audit::Entry {
                actor: caller.subject().unwrap_or_default(),
                person: caller.person(),
                role: caller.role().as_str(),
                action: "hearing_draw",
                record: Some((entity::enums::RecordKind::Meeting, meeting_id)),
                before: None,
                after: Some(json!({
                    "meeting": meeting_id,
                    "seed": draw.seed,
                    "seats": draw.seats,
                    "applicants": draw.applicants,
                    "selected": draw.selected,
                })),
                note: None,
            },
        )
        .await?;
        txn.commit().await?;
        self.feedback_signal.stepped(None);
        Ok(draw)
    }

    /// The draw of observers of the meeting `meeting_id`, once made.
    pub async fn hearing_draw(
        &self,
        meeting_id: i64,
    ) -> AppResult<Option<entity::hearing_draw::Model>> {
        Ok(entity::hearing_draw::Entity::find_by_id(meeting_id)
            .one(self.connection())
            .await?)
    }
}

/// The reply to an applicant drawn as an observer.
const SELECTED: &str = "您已在抽签中入选旁听，请按会议通知的时间和地点凭受理编号到场。";

/// The reason given to an applicant not drawn.
const NOT_SELECTED: &str = "申请旁听的人数多于旁听席位，您在按公开的抽签种子进行的抽签中未入选。";

/// An applicant's place in the draw with `seed`: the SHA-256 of the seed, a colon and their
/// tracking code, lowest first. Anyone who knows the seed and a code can compute it.
pub fn draw_rank(seed: &str, code: &str) -> String {
    sha256(&format!("{seed}:{code}"))
}

/// Erases the personal data of closed cases past `retention_days`, now and then every
/// `every`, judged against the store's day. Failures are logged and tried again next time.
pub async fn run_erasure(store: Store, retention_days: u32, every: std::time::Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        match store
            .erase_closed_feedback(store.today(), retention_days)
            .await
        {
            Ok(0) => {}
            Ok(erased) => tracing::info!(erased, "erased the personal data of closed submissions"),
            Err(error) => tracing::warn!(?error, "could not erase closed submissions"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_of_the_readable_alphabet() -> Result<(), String> {
        let code = random_code(8).map_err(|e| format!("{e:?}"))?;
        assert_eq!(code.len(), 8);
        assert!(
            code.chars().all(|c| c.is_ascii_alphanumeric()
                && !"ILOU".contains(c)
                && !c.is_ascii_lowercase())
        );
        Ok(())
    }

    #[test]
    fn quarters_and_outcomes() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert_eq!(quarter_start(d(2011, 9, 30)), d(2011, 7, 1));
        assert_eq!(quarter_label(d(2011, 12, 31)), "2011-Q4");
        // answered, closed by the day, closed in time, the day within time
        assert_eq!(
            OUTCOMES[outcome(true, true, true, true)],
            "ANSWERED_ON_TIME"
        );
        assert_eq!(OUTCOMES[outcome(true, true, false, false)], "ANSWERED_LATE");
        // Closed after the day asked: open that day.
        assert_eq!(OUTCOMES[outcome(true, false, false, true)], "OPEN_ON_TIME");
        assert_eq!(OUTCOMES[outcome(false, false, false, false)], "OVERDUE");
        assert_eq!(
            OUTCOMES[outcome(false, true, true, true)],
            "CLOSED_OTHERWISE"
        );
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
