//! Meetings with attendance, agenda, decisions and milestones; the observer pool.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};

use super::{Organization, Person, Redaction, children, parts, redactions, related, scoped_object};
use crate::{
    access::policy,
    graphql::{
        enums::{
            AttendanceRole, DecisionKind, DecisionResult, ExecutionStatus, MeetingKind,
            MeetingStatus, ObserverCategory,
        },
        ids,
    },
};

scoped_object!(
    /// 会议: a meeting of a body, with its attendance, agenda, decisions and minutes.
    Meeting(entity::meeting::Model)
);

super::record_object! {
    Meeting: entity::meeting::Entity;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("Meeting", self.0.model.id))
    }

    /// Label, e.g. 第十二届县委第十五次常委会会议.
    async fn label(&self) -> &str {
        &self.0.model.label
    }

    /// Kind of meeting.
    async fn kind(&self) -> MeetingKind {
        self.0.model.kind.into()
    }

    /// Number of the meeting in its series.
    async fn session_number(&self) -> Option<i32> {
        self.0.model.session_number
    }

    /// When it starts.
    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.model.starts_at
    }

    /// Where it is held.
    async fn place(&self) -> &str {
        &self.0.model.place
    }

    /// Whether it was held.
    async fn status(&self) -> MeetingStatus {
        self.0.model.meeting_status.into()
    }

    /// A public summary of the meeting.
    async fn summary(&self) -> Option<&str> {
        self.0.model.summary.as_deref()
    }

    /// Minutes (纪要). Party-internal.
    async fn minutes(&self) -> Option<String> {
        self.0
            .field(&policy::MEETING, "minutes", |m| m.minutes.clone())
            .flatten()
    }

    /// The body that meets.
    async fn body(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        Ok(
            related::<entity::organization::Entity>(ctx, Some(self.0.model.body_id))
                .await?
                .map(Organization),
        )
    }

    /// Who chairs it.
    async fn chair(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        Ok(
            related::<entity::person::Entity>(ctx, self.0.model.chair_id)
                .await?
                .map(Person),
        )
    }

    /// Who attended (members, 列席, 旁听) or was absent.
    async fn attendance(&self, ctx: &Context<'_>) -> Result<Vec<Attendance>> {
        let rows = parts::<entity::attendance::Entity, _>(ctx, &self.0, self.0.model.id).await?;
        Ok(rows.into_iter().map(Attendance).collect())
    }

    /// Agenda items in order.
    async fn agenda(&self, ctx: &Context<'_>) -> Result<Vec<AgendaItem>> {
        let rows = parts::<entity::agenda_item::Entity, _>(ctx, &self.0, self.0.model.id).await?;
        Ok(rows.into_iter().map(AgendaItem).collect())
    }

    /// Decisions taken at the meeting.
    async fn decisions(&self, ctx: &Context<'_>) -> Result<Vec<Decision>> {
        let rows = children::<entity::decision::Entity>(
            ctx,
            entity::decision::Column::MeetingId,
            self.0.model.id,
        )
        .await?;
        Ok(rows.into_iter().map(Decision).collect())
    }

    /// For a meeting open to observers (旁听, a hearing): the first day applications
    /// (`submitFeedback` of kind `HEARING_REQUEST` naming the meeting) are taken.
    async fn applications_open_on(&self) -> Option<NaiveDate> {
        self.0.model.applications_open_on
    }

    /// The last day applications are taken.
    async fn applications_close_on(&self) -> Option<NaiveDate> {
        self.0.model.applications_close_on
    }

    /// Seats for observers from among the applicants.
    async fn observer_seats(&self) -> Option<i32> {
        self.0.model.observer_seats
    }

    /// The draw of observers among the applicants, once made: its seed, so that every
    /// applicant can check their place.
    async fn observer_draw(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Option<crate::graphql::feedback::HearingDraw>> {
        let store = ctx.data::<crate::store::Store>()?;
        Ok(store
            .hearing_draw(self.0.model.id)
            .await?
            .map(crate::graphql::feedback::HearingDraw::from))
    }

    /// Fields of this meeting hidden from the caller, with the scope each needs.
    async fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.0, &policy::MEETING)
    }

}

scoped_object!(
    /// A person at a meeting: a voting member, 列席 or 旁听; present or absent.
    Attendance(entity::attendance::Model)
);

#[Object]
impl Attendance {
    /// The person.
    async fn person(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        Ok(
            related::<entity::person::Entity>(ctx, Some(self.0.model.person_id))
                .await?
                .map(Person),
        )
    }

    /// How the person attends.
    async fn role(&self) -> AttendanceRole {
        self.0.model.role.into()
    }

    /// Whether the person was present.
    async fn present(&self) -> bool {
        self.0.model.present
    }

    /// Why the person was absent. Party-internal.
    async fn absence_reason(&self) -> Option<String> {
        self.0
            .field(&policy::ATTENDANCE, "absenceReason", |m| {
                m.absence_reason.clone()
            })
            .flatten()
    }

    /// For 旁听 observers, their category in the observer pool.
    async fn observer_category(&self) -> Option<ObserverCategory> {
        self.0.model.observer_category.map(Into::into)
    }

    /// Fields hidden from the caller, with the scope each needs.
    async fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.0, &policy::ATTENDANCE)
    }
}

scoped_object!(
    /// An agenda item.
    AgendaItem(entity::agenda_item::Model)
);

#[Object]
impl AgendaItem {
    /// Position on the agenda.
    async fn position(&self) -> i32 {
        self.0.model.position
    }

    /// Title.
    async fn title(&self) -> &str {
        &self.0.model.title
    }

    /// Who presents it.
    async fn presenter(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        Ok(
            related::<entity::person::Entity>(ctx, self.0.model.presenter_id)
                .await?
                .map(Person),
        )
    }

    /// Summary.
    async fn summary(&self) -> Option<&str> {
        self.0.model.summary.as_deref()
    }
}

scoped_object!(
    /// 决策, 决定 or 决议: what a meeting decided, the vote, and how it is carried out.
    Decision(entity::decision::Model)
);

super::record_object! {
    Decision: entity::decision::Entity;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("Decision", self.0.model.id))
    }

    /// 决策, 决定 or 决议.
    async fn kind(&self) -> DecisionKind {
        self.0.model.kind.into()
    }

    /// Title.
    async fn title(&self) -> &str {
        &self.0.model.title
    }

    /// Text of the decision.
    async fn text(&self) -> &str {
        &self.0.model.text
    }

    /// Votes for. Party-internal.
    async fn votes_for(&self) -> Option<i32> {
        self.0
            .field(&policy::DECISION, "votesFor", |m| m.votes_for)
            .flatten()
    }

    /// Votes against. Party-internal.
    async fn votes_against(&self) -> Option<i32> {
        self.0
            .field(&policy::DECISION, "votesAgainst", |m| m.votes_against)
            .flatten()
    }

    /// Abstentions. Party-internal.
    async fn votes_abstain(&self) -> Option<i32> {
        self.0
            .field(&policy::DECISION, "votesAbstain", |m| m.votes_abstain)
            .flatten()
    }

    /// Result of the vote.
    async fn result(&self) -> DecisionResult {
        self.0.model.result.into()
    }

    /// How far the decision is carried out as of `asOf` (default `Query.today`). With
    /// milestones, they decide: one overdue makes it `OVERDUE`, all done make it `COMPLETED`;
    /// without, it is as its editor recorded it.
    async fn execution_status(
        &self,
        ctx: &Context<'_>,
        as_of: Option<NaiveDate>,
    ) -> Result<ExecutionStatus> {
        let day = super::day(ctx, as_of)?;
        let milestones =
            parts::<entity::milestone::Entity, _>(ctx, &self.0, self.0.model.id).await?;
        Ok(crate::progress::decision(
            self.0.model.execution_status,
            milestones
                .iter()
                .map(|m| crate::progress::of_milestone(&m.model, day)),
        )
        .into())
    }

    /// The meeting that took it.
    async fn meeting(&self, ctx: &Context<'_>) -> Result<Option<Meeting>> {
        Ok(
            related::<entity::meeting::Entity>(ctx, Some(self.0.model.meeting_id))
                .await?
                .map(Meeting),
        )
    }

    /// Execution milestones in order.
    async fn milestones(&self, ctx: &Context<'_>) -> Result<Vec<Milestone>> {
        let rows = parts::<entity::milestone::Entity, _>(ctx, &self.0, self.0.model.id).await?;
        Ok(rows.into_iter().map(Milestone).collect())
    }

    /// Fields of this decision hidden from the caller, with the scope each needs.
    async fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.0, &policy::DECISION)
    }

}

scoped_object!(
    /// An execution milestone of a decision.
    Milestone(entity::milestone::Model)
);

#[Object]
impl Milestone {
    /// Position among the decision's milestones.
    async fn position(&self) -> i32 {
        self.0.model.position
    }

    /// What is to be done.
    async fn title(&self) -> &str {
        &self.0.model.title
    }

    /// When it is due.
    async fn due_on(&self) -> NaiveDate {
        self.0.model.due_on
    }

    /// When it was done.
    async fn done_on(&self) -> Option<NaiveDate> {
        self.0.model.done_on
    }

    /// Where it stands as of `asOf` (default `Query.today`): `COMPLETED` from the day it was
    /// done, `OVERDUE` once its due day has passed without it, else started or not as its
    /// editor recorded.
    async fn status(&self, ctx: &Context<'_>, as_of: Option<NaiveDate>) -> Result<ExecutionStatus> {
        let day = super::day(ctx, as_of)?;
        Ok(crate::progress::of_milestone(&self.0.model, day).into())
    }

    /// Evidence of completion.
    async fn evidence(&self) -> Option<&str> {
        self.0.model.evidence.as_deref()
    }
}
