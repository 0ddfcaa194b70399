//! The way back (群众意见反馈) in the schema: sending a submission, following it by code and
//! secret, and handling it. Who sees and does what: [`crate::access::feedback`].

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::NaiveDate;
use entity::{feedback::Model, feedback_step};
use sea_orm::{
    ColumnTrait, Condition,
    sea_query::{Alias, Expr, ExprTrait},
};

use super::{
    connection::{Conn, connection},
    edit::{MAX_NAME, MAX_TEXT},
    enums::{DisclosureOutcome, FeedbackChannel, FeedbackKind, FeedbackStatus, Timeliness},
    ids,
    lists::page_cost,
    types::{Meeting, Organization, Person, day, related, request},
};
use crate::{
    access::{Caller, feedback::Step},
    error::AppError,
    store::{
        PageArgs, Store,
        feedback::{StepInput, Submission, timeliness},
    },
};

/// The name of a submission's global ids.
const NAME: &str = "Feedback";

/// The longest subject of a submission, in characters.
const MAX_SUBJECT: usize = 200;

/// The longest contact (a phone number or an email address), in characters.
const MAX_CONTACT: usize = 100;

/// A submission as sent.
#[derive(InputObject)]
pub struct FeedbackInput {
    /// What it is.
    pub kind: FeedbackKind,
    /// A short subject, at most 200 characters.
    pub subject: String,
    /// The text: the opinion, what is reported, what is asked for. Plain text, never shown as
    /// HTML.
    pub body: String,
    /// The meeting an application to attend is for (required for `HEARING_REQUEST`).
    pub meeting: Option<ID>,
    /// The official a report or opinion is about. Never shown to them.
    pub named_person: Option<ID>,
    /// The unit a report or opinion is about.
    pub named_organization: Option<ID>,
    /// The submitter's name; leave it out to stay anonymous.
    pub name: Option<String>,
    /// A phone number or an email address for the answer; leave it out to follow the
    /// submission by its code alone.
    pub contact: Option<String>,
    /// Whether the question and the reply may be published once answered, without personal
    /// data.
    #[graphql(default = false)]
    pub publish_consent: bool,
    /// How it came in: the office enters what came by phone, letter, SMS or in person; for
    /// everyone else it is `WEB`.
    #[graphql(default_with = "FeedbackChannel::Web")]
    pub channel: FeedbackChannel,
}

/// Which submissions to list: each condition given must hold.
#[derive(InputObject, Default)]
pub struct FeedbackFilter {
    /// Of these kinds.
    pub kinds: Option<Vec<FeedbackKind>>,
    /// In these states.
    pub statuses: Option<Vec<FeedbackStatus>>,
    /// Handled by this unit.
    pub handling_unit: Option<ID>,
}

/// A submission as its submitter follows it, with the code and the secret: where it stands,
/// each step, and the reply.
pub struct FeedbackTicket(pub Model);

/// A submission as its handlers see it: everything the submitter sent, and its handling.
pub struct FeedbackCase(pub Model);

/// One step of a submission's handling.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct FeedbackStep {
    /// The day.
    pub on: NaiveDate,
    /// What was done: `submit`, `accept`, `assign`, `extend`, `answer`, `transfer`,
    /// `reject`, `withdraw`, `publish` (its answer was published), `erase` (its personal data
    /// was erased).
    pub action: String,
    /// Where the submission stood after it.
    pub status: FeedbackStatus,
    /// The reason given with it (an extension, a transfer, a rejection).
    pub note: Option<String>,
    #[graphql(skip)]
    pub org_id: Option<i64>,
}

#[async_graphql::ComplexObject]
impl FeedbackStep {
    /// The unit the step assigned the submission to.
    async fn unit(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        Ok(related::<entity::organization::Entity>(ctx, self.org_id)
            .await?
            .map(Organization))
    }
}

/// What a submission sent returns: the code and the secret to follow it with. The secret is
/// shown this once; keep both.
#[derive(SimpleObject)]
pub struct SubmittedFeedback {
    /// The tracking code (受理编号).
    pub code: String,
    /// The secret that, with the code, shows the submission's state and reply.
    pub secret: String,
    /// The submission as its submitter follows it.
    pub ticket: FeedbackTicket,
}

async fn steps(ctx: &Context<'_>, id: i64) -> Result<Vec<FeedbackStep>> {
    let store = ctx.data::<Store>()?;
    Ok(store
        .feedback_steps(id)
        .await?
        .into_iter()
        .map(|step: feedback_step::Model| FeedbackStep {
            on: step.on_day,
            action: step.action,
            status: step.status.into(),
            note: step.note,
            org_id: step.org_id,
        })
        .collect())
}

fn timeliness_of(ctx: &Context<'_>, case: &Model, as_of: Option<NaiveDate>) -> Result<Timeliness> {
    let store = ctx.data::<Store>()?;
    Ok(timeliness(case, day(ctx, as_of)?, store.calendar()).into())
}

/// The GraphQL object of `$ty` (a wrapper of a submission's row): the fields the submitter and
/// the handlers both read, then `$extra`.
macro_rules! submission_object {
    ($ty:ident; $($extra:tt)*) => {
        #[Object]
        impl $ty {
            $($extra)*

            /// The tracking code.
            async fn code(&self) -> &str {
                &self.0.code
            }

            /// What it is.
            async fn kind(&self) -> FeedbackKind {
                self.0.kind.into()
            }

            /// The subject as sent.
            async fn subject(&self) -> &str {
                &self.0.subject
            }

            /// Where it stands.
            async fn status(&self) -> FeedbackStatus {
                self.0.status.into()
            }

            /// The day it was received.
            async fn received_on(&self) -> NaiveDate {
                self.0.received_on
            }

            /// The last day of the time to answer, extension included.
            async fn due_on(&self) -> NaiveDate {
                self.0.due_on
            }

            /// Why the time to answer was extended, if it was.
            async fn extension_reason(&self) -> Option<&str> {
                self.0.extension_reason.as_deref()
            }

            /// How it stands against its time to answer, as of `asOf` (default
            /// `Query.today`).
            async fn timeliness(
                &self,
                ctx: &Context<'_>,
                as_of: Option<NaiveDate>,
            ) -> Result<Timeliness> {
                timeliness_of(ctx, &self.0, as_of)
            }

            /// The unit handling it.
            async fn handling_unit(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
                Ok(
                    related::<entity::organization::Entity>(ctx, self.0.handling_org_id)
                        .await?
                        .map(Organization),
                )
            }

            /// The reply, once answered; null once erased after the retention period.
            async fn reply(&self) -> Option<&str> {
                self.0.reply.as_deref()
            }

            /// The day the handling closed.
            async fn closed_on(&self) -> Option<NaiveDate> {
                self.0.closed_on
            }

            /// For an answered request for disclosure: what the answer gave.
            async fn outcome(&self) -> Option<DisclosureOutcome> {
                self.0.outcome.map(Into::into)
            }

            /// Why it was transferred or rejected.
            async fn reason(&self) -> Option<&str> {
                self.0.reason.as_deref()
            }

            /// Whether the submitter agreed to the publication of the question and the reply.
            async fn publish_consent(&self) -> bool {
                self.0.publish_consent
            }

            /// Every step, in order.
            async fn steps(&self, ctx: &Context<'_>) -> Result<Vec<FeedbackStep>> {
                steps(ctx, self.0.id).await
            }
        }
    };
}

submission_object!(FeedbackTicket;);

submission_object! {
    FeedbackCase;
    /// Global id.
    async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode(NAME, self.0.id))
    }

    /// How it came in.
    async fn channel(&self) -> FeedbackChannel {
        self.0.channel.into()
    }

    /// The text as sent; null once erased after the retention period.
    async fn body(&self) -> Option<&str> {
        self.0.body.as_deref()
    }

    /// The meeting an application to attend is for.
    async fn meeting(&self, ctx: &Context<'_>) -> Result<Option<Meeting>> {
        Ok(related::<entity::meeting::Entity>(ctx, self.0.meeting_id)
            .await?
            .map(Meeting))
    }

    /// The official the submission is about.
    async fn named_person(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        Ok(
            related::<entity::person::Entity>(ctx, self.0.named_person_id)
                .await?
                .map(Person),
        )
    }

    /// The unit the submission is about.
    async fn named_organization(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        Ok(
            related::<entity::organization::Entity>(ctx, self.0.named_org_id)
                .await?
                .map(Organization),
        )
    }

    /// The submitter's name, if they gave one; null once erased.
    async fn submitter_name(&self) -> Option<&str> {
        self.0.submitter_name.as_deref()
    }

    /// The submitter's phone number or email address, if they gave one; null once erased.
    async fn submitter_contact(&self) -> Option<&str> {
        self.0.submitter_contact.as_deref()
    }

    /// Whether the submitter is unknown: no name, no contact, no token kept.
    async fn anonymous(&self) -> bool {
        self.0.submitter_name.is_none()
            && self.0.submitter_contact.is_none()
            && self.0.submitter_subject.is_none()
    }

    /// Whether its personal data was erased after the retention period.
    async fn erased(&self) -> bool {
        self.0.erased_at.is_some()
    }

    /// The version a step names as `expectedVersion`.
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// The submission `id` names, for `caller`: `None` for anything else.
fn key_of(store: &Store, id: &ID) -> Result<i64, AppError> {
    store
        .ids()
        .decode(NAME, id)
        .ok_or_else(|| AppError::not_found("there is no submission with this id"))
}

/// `text` trimmed, refused when empty or longer than `max` characters.
pub(super) fn text(field: &str, text: &str, max: usize) -> Result<String, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::bad_input(field, "must not be empty"));
    }
    if text.chars().count() > max {
        return Err(AppError::bad_input(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(text.to_owned())
}

/// A phone number or an email address.
fn contact(value: &str) -> Result<String, AppError> {
    let value = text("input.contact", value, MAX_CONTACT)?;
    let phone = value.chars().filter(char::is_ascii_digit).count() >= 3
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let email = value
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.contains('@'))
        && !value.chars().any(char::is_whitespace);
    if phone || email {
        Ok(value)
    } else {
        Err(AppError::bad_input(
            "input.contact",
            "give a phone number (digits, spaces, +, - and parentheses) or an email address",
        ))
    }
}

/// The record `id` names if it is of `name` and `caller` sees it.
async fn reference<E: crate::store::Record>(
    store: &Store,
    caller: &Caller,
    field: &str,
    name: &str,
    id: Option<&ID>,
) -> Result<Option<i64>, AppError>
where
    E::Model: Send + Sync + Clone,
{
    let Some(id) = id else { return Ok(None) };
    let key = store.ids().decode(name, id);
    let found = match key {
        Some(key) => store.get::<E>(caller, key).await?.is_some(),
        None => false,
    };
    match key {
        Some(key) if found => Ok(Some(key)),
        _ => Err(AppError::bad_input(field, "there is no such record")),
    }
}

/// Spends one of the caller's address's budget of submissions (`rate_limit_feedback_per_hour`):
/// `RATE_LIMITED`, with the seconds to wait, when it is spent.
pub(super) fn spend_submission(ctx: &Context<'_>) -> Result<(), AppError> {
    match ctx.data_opt::<crate::http::limits::SubmissionBudget>() {
        Some(budget) => budget.spend().map_err(|wait| {
            AppError::rate_limited(
                "too many submissions from this address; send again later",
                wait,
            )
        }),
        None => Ok(()),
    }
}

/// Sends `input` as `caller`.
pub async fn submit(ctx: &Context<'_>, input: FeedbackInput) -> Result<SubmittedFeedback> {
    let (store, caller) = request(ctx)?;
    let kind: entity::enums::FeedbackKind = input.kind.into();
    let meeting = reference::<entity::meeting::Entity>(
        store,
        caller,
        "input.meeting",
        "Meeting",
        input.meeting.as_ref(),
    )
    .await?;
    if kind == entity::enums::FeedbackKind::HearingRequest && meeting.is_none() {
        return Err(AppError::bad_input(
            "input.meeting",
            "name the meeting the application is for",
        )
        .into());
    }
    let submission = Submission {
        kind,
        channel: input.channel.into(),
        subject: text("input.subject", &input.subject, MAX_SUBJECT)?,
        body: text("input.body", &input.body, MAX_TEXT)?,
        meeting_id: meeting,
        named_person_id: reference::<entity::person::Entity>(
            store,
            caller,
            "input.namedPerson",
            "Person",
            input.named_person.as_ref(),
        )
        .await?,
        named_org_id: reference::<entity::organization::Entity>(
            store,
            caller,
            "input.namedOrganization",
            "Organization",
            input.named_organization.as_ref(),
        )
        .await?,
        submitter_name: input
            .name
            .as_deref()
            .map(|n| text("input.name", n, MAX_NAME))
            .transpose()?,
        submitter_contact: input.contact.as_deref().map(contact).transpose()?,
        publish_consent: input.publish_consent,
    };
    // Checked input spends the address's budget of submissions; a refused one does not.
    spend_submission(ctx)?;
    let (model, secret) = store.submit_feedback(caller, submission).await?;
    Ok(SubmittedFeedback {
        code: model.code.clone(),
        secret,
        ticket: FeedbackTicket(model),
    })
}

/// The submission behind `code` and `secret`.
pub async fn status(ctx: &Context<'_>, code: &str, secret: &str) -> Result<Option<FeedbackTicket>> {
    let store = ctx.data::<Store>()?;
    Ok(store
        .feedback_by_code(code, secret)
        .await?
        .map(FeedbackTicket))
}

/// The submitter withdraws the submission behind `code` and `secret`.
pub async fn withdraw(ctx: &Context<'_>, code: &str, secret: &str) -> Result<FeedbackTicket> {
    let store = ctx.data::<Store>()?;
    store
        .withdraw_feedback(code, secret)
        .await?
        .map(FeedbackTicket)
        .ok_or_else(|| {
            AppError::not_found("there is no submission with this code and secret").into()
        })
}

/// The submission `id`, if the caller handles it.
pub async fn case(ctx: &Context<'_>, id: &ID) -> Result<Option<FeedbackCase>> {
    let (store, caller) = request(ctx)?;
    let Some(key) = store.ids().decode(NAME, id) else {
        return Ok(None);
    };
    Ok(store.feedback_case(caller, key).await?.map(FeedbackCase))
}

/// A page of the submissions the caller handles.
pub async fn cases(
    ctx: &Context<'_>,
    filter: Option<FeedbackFilter>,
    first: Option<i32>,
    after: Option<String>,
) -> Result<Conn<FeedbackCase>> {
    let (store, caller) = request(ctx)?;
    let filter = filter.unwrap_or_default();
    let column = |name: &'static str| Expr::col((Alias::new("feedback"), Alias::new(name)));
    let mut condition = Condition::all();
    if let Some(kinds) = filter.kinds {
        condition = condition.add(
            entity::feedback::Column::Kind.is_in(
                kinds
                    .into_iter()
                    .map(entity::enums::FeedbackKind::from)
                    .collect::<Vec<_>>(),
            ),
        );
    }
    if let Some(statuses) = filter.statuses {
        condition = condition.add(
            entity::feedback::Column::Status.is_in(
                statuses
                    .into_iter()
                    .map(entity::enums::FeedbackStatus::from)
                    .collect::<Vec<_>>(),
            ),
        );
    }
    if let Some(unit) = filter.handling_unit {
        let key = store.ids().decode("Organization", &unit).ok_or_else(|| {
            AppError::bad_input(
                "filter.handlingUnit",
                "this is not the id of an organization",
            )
        })?;
        condition = condition.add(column("handling_org_id").eq(key));
    }
    let args = PageArgs::new(first, after.as_deref(), None, None)?;
    let args = PageArgs {
        count: ctx.look_ahead().field("totalCount").exists(),
        ..args
    };
    let page = store.feedback_page(caller, condition, args).await?;
    Ok(connection(page, FeedbackCase))
}

/// The root fields of the way back.
#[derive(Default)]
pub struct FeedbackQuery;

#[Object]
impl FeedbackQuery {
    /// A submission as its submitter follows it: `null` unless `secret` is the secret given
    /// with `code` (an unknown code and a wrong secret answer the same). No token needed.
    async fn feedback_status(
        &self,
        ctx: &Context<'_>,
        code: String,
        secret: String,
    ) -> Result<Option<FeedbackTicket>> {
        status(ctx, &code, &secret).await
    }

    /// A submission by its global id, for those who handle it (the handling unit, supervisors,
    /// admins; a report only the discipline commission); `null` for everyone else.
    async fn feedback_case(&self, ctx: &Context<'_>, id: ID) -> Result<Option<FeedbackCase>> {
        case(ctx, &id).await
    }

    /// The submissions the caller handles, newest first: empty for everyone else. `first` is
    /// at most 100.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn feedback_cases(
        &self,
        ctx: &Context<'_>,
        filter: Option<FeedbackFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Conn<FeedbackCase>> {
        cases(ctx, filter, first, after).await
    }
}

/// A draw of observers (旁听) among the applicants to a meeting. Anyone who knows the seed and a
/// tracking code can compute the code's place: the SHA-256 of the seed, a colon and the code,
/// in hex; the lowest are selected.
#[derive(SimpleObject)]
pub struct HearingDraw {
    /// The seed, announced before the draw.
    pub seed: String,
    /// Seats for observers.
    pub seats: i32,
    /// Open applications received in the window; `null` when fewer than 3 (a count of so few
    /// submissions is not published).
    pub applicants: Option<i32>,
    /// Applicants selected; `null` with `applicants`.
    pub selected: Option<i32>,
    /// The day of the draw.
    pub drawn_on: NaiveDate,
}

impl From<entity::hearing_draw::Model> for HearingDraw {
    fn from(draw: entity::hearing_draw::Model) -> Self {
        let shown = crate::access::feedback::draw_counts_shown(draw.applicants);
        Self {
            seed: draw.seed,
            seats: draw.seats,
            applicants: shown.then_some(draw.applicants),
            selected: shown.then_some(draw.selected),
            drawn_on: draw.drawn_on,
        }
    }
}

/// A follow of a record, until confirmed.
#[derive(SimpleObject)]
pub struct FollowTicket {
    /// The follow's code: with the secret sent to the contact, it confirms or ends the follow.
    pub code: String,
}

/// The writes of the way back.
#[derive(Default)]
pub struct FeedbackMutation;

/// Takes `step` on the submission `id`.
async fn take(
    ctx: &Context<'_>,
    id: &ID,
    expected_version: i32,
    step: Step,
    input: StepInput,
) -> Result<FeedbackCase> {
    let (store, caller) = request(ctx)?;
    let key = key_of(store, id)?;
    Ok(FeedbackCase(
        store
            .take_feedback_step(caller, key, expected_version, step, input)
            .await?,
    ))
}

#[Object]
impl FeedbackMutation {
    /// Send an opinion, a report, a request for disclosure, an application to attend, or (for
    /// members) a proposal. No token needed, and none is kept: the answer is a tracking code
    /// and a secret, shown once, that follow it with `feedbackStatus`.
    async fn submit_feedback(
        &self,
        ctx: &Context<'_>,
        input: FeedbackInput,
    ) -> Result<SubmittedFeedback> {
        submit(ctx, input).await
    }

    /// The submitter withdraws an open submission, by its code and secret.
    async fn withdraw_feedback(
        &self,
        ctx: &Context<'_>,
        code: String,
        secret: String,
    ) -> Result<FeedbackTicket> {
        withdraw(ctx, &code, &secret).await
    }

    /// 答复公开: make a draft published answer of an answered submission whose submitter
    /// agreed, with `question` in the words it is to be published in (leave out the
    /// submitter's personal data) and the reply as given. The draft belongs to the handling
    /// unit and goes through review like every record. Editors of the handling unit and
    /// admins; once per submission.
    async fn publish_feedback_answer(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        question: String,
    ) -> Result<super::step::StepResult> {
        let (store, caller) = request(ctx)?;
        let key = key_of(store, &id)?;
        let case = store
            .feedback_case(caller, key)
            .await?
            .ok_or_else(|| AppError::not_found("there is no submission with this id"))?;
        if case.version != expected_version {
            return Err(AppError::conflict(format!(
                "the submission is at version {}, not {expected_version}; read it again",
                case.version
            ))
            .into());
        }
        let (Some(reply), Some(answered_on)) = (case.reply.clone(), case.closed_on) else {
            return Err(
                AppError::conflict("only an answered submission has an answer to publish").into(),
            );
        };
        if case.status != entity::enums::FeedbackStatus::Answered {
            return Err(
                AppError::conflict("only an answered submission has an answer to publish").into(),
            );
        }
        if !case.publish_consent {
            return Err(AppError::forbidden(
                "the submitter did not agree to the publication of the answer",
            )
            .into());
        }
        if case.answer_id.is_some() {
            return Err(
                AppError::conflict("an answer was published of this submission already").into(),
            );
        }
        let input = super::kinds::feedback_answer::FeedbackAnswerInput {
            feedback_kind: Some(case.kind.into()),
            question: Some(text("question", &question, MAX_TEXT)?),
            reply: Some(reply),
            received_on: Some(case.received_on),
            answered_on: Some(answered_on),
            scope: Some(super::enums::Scope::Public),
            ..Default::default()
        };
        let saved = super::edit::save::<
            entity::feedback_answer::Entity,
            super::kinds::feedback_answer::FeedbackAnswerInput,
        >(
            ctx,
            "FeedbackAnswer",
            crate::store::edit::Target::Create {
                owner: case.handling_org_id,
            },
            input,
        )
        .await?;
        let answer = store
            .ids()
            .decode("FeedbackAnswer", &saved.id)
            .ok_or_else(|| AppError::not_found("there is no record with this id"))?;
        store.link_feedback_answer(caller, &case, answer).await?;
        Ok(saved)
    }

    /// 关注: be told of each new public version of a record open to the public (its
    /// publication, correction or retraction), by e-mail or SMS to `contact`. Nothing is sent
    /// until the contact confirms with the secret sent to it (`confirmFollow`); the answer is
    /// the follow's code. No token needed; counts against the address's budget of submissions.
    async fn follow_record(
        &self,
        ctx: &Context<'_>,
        id: ID,
        contact: String,
    ) -> Result<FollowTicket> {
        let (store, caller) = request(ctx)?;
        let contact = self::contact(&contact)?;
        let Some((kind, key)) = store.ids().decode_any(&id) else {
            return Err(AppError::not_found("there is no record with this id").into());
        };
        let Some(kind) = crate::store::kind_named(&kind) else {
            return Err(AppError::not_found("there is no record with this id").into());
        };
        spend_submission(ctx)?;
        let followed = store
            .follow_record(caller, kind, key, id.as_str(), &contact)
            .await?;
        Ok(FollowTicket {
            code: followed.code,
        })
    }

    /// Confirm a follow with its code and the secret sent to the contact.
    async fn confirm_follow(
        &self,
        ctx: &Context<'_>,
        code: String,
        secret: String,
    ) -> Result<bool> {
        ctx.data::<Store>()?.confirm_follow(&code, &secret).await?;
        Ok(true)
    }

    /// End a follow with its code and secret; nothing of it is kept.
    async fn unfollow_record(
        &self,
        ctx: &Context<'_>,
        code: String,
        secret: String,
    ) -> Result<bool> {
        ctx.data::<Store>()?.unfollow(&code, &secret).await?;
        Ok(true)
    }

    /// 抽签: draw the observers of a meeting open to observers among its open applications,
    /// once the application window has closed, with a `seed` announced beforehand (for
    /// instance the draw's day and a number read out in public). Each application is answered
    /// (selected) or rejected (not selected), which its submitter sees. The office
    /// (supervisors) and admins; once per meeting.
    async fn draw_hearing_observers(
        &self,
        ctx: &Context<'_>,
        meeting: ID,
        seed: String,
    ) -> Result<HearingDraw> {
        let (store, caller) = request(ctx)?;
        let seed = text("seed", &seed, MAX_NAME)?;
        let key = store
            .ids()
            .decode("Meeting", &meeting)
            .ok_or_else(|| AppError::not_found("there is no record with this id"))?;
        Ok(store
            .draw_hearing_observers(caller, key, &seed)
            .await?
            .into())
    }

    /// 受理: accept a received submission. Supervisors and admins.
    async fn accept_feedback(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> Result<FeedbackCase> {
        take(
            ctx,
            &id,
            expected_version,
            Step::Accept,
            StepInput::default(),
        )
        .await
    }

    /// 交办: assign an accepted submission to the unit that answers it. Supervisors and admins.
    async fn assign_feedback(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        unit: ID,
    ) -> Result<FeedbackCase> {
        let store = ctx.data::<Store>()?;
        let unit = store
            .ids()
            .decode("Organization", &unit)
            .ok_or_else(|| AppError::bad_input("unit", "there is no such organization"))?;
        let input = StepInput {
            unit: Some(unit),
            ..Default::default()
        };
        take(ctx, &id, expected_version, Step::Assign, input).await
    }

    /// 延期: extend the time to answer a request for disclosure by 20 working days, once, with
    /// the reason. Supervisors and admins.
    async fn extend_feedback(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        reason: String,
    ) -> Result<FeedbackCase> {
        take(
            ctx,
            &id,
            expected_version,
            Step::Extend,
            StepInput::text(reason),
        )
        .await
    }

    /// 答复: answer an accepted or assigned submission; a request for disclosure with its
    /// `outcome`. The handling unit, supervisors and admins.
    async fn answer_feedback(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        reply: String,
        #[graphql(
            desc = "For a request for disclosure (and only for one): what the answer gives."
        )]
        outcome: Option<DisclosureOutcome>,
    ) -> Result<FeedbackCase> {
        let reply = text("reply", &reply, MAX_TEXT)?;
        take(
            ctx,
            &id,
            expected_version,
            Step::Answer,
            StepInput {
                outcome: outcome.map(Into::into),
                ..StepInput::text(reply)
            },
        )
        .await
    }

    /// 转办: pass an open submission to a body outside the committee, with the reason.
    /// Supervisors and admins.
    async fn transfer_feedback(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        reason: String,
    ) -> Result<FeedbackCase> {
        take(
            ctx,
            &id,
            expected_version,
            Step::Transfer,
            StepInput::text(reason),
        )
        .await
    }

    /// 不予受理: reject an open submission, with the reason. Supervisors and admins.
    async fn reject_feedback(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        reason: String,
    ) -> Result<FeedbackCase> {
        take(
            ctx,
            &id,
            expected_version,
            Step::Reject,
            StepInput::text(reason),
        )
        .await
    }
}
