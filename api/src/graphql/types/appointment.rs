//! Appointments (干部任免): vacancy announcement, inspection, pre-appointment notice, outcome.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};

use super::{
    Meeting, Organization, Person, Post, Redaction, Source, redactions, related, scoped_object,
};
use crate::{
    access::policy,
    graphql::{
        enums::{AppointmentOutcome, AppointmentStage, Scope},
        ids,
    },
};

scoped_object!(
    /// 干部任免: one appointment from the vacancy announcement (空缺职位预告) through inspection
    /// (考察) and the pre-appointment notice (任前公示) to its outcome and probation.
    Appointment(entity::appointment::Model)
);

#[Object]
impl Appointment {
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("Appointment", self.0.model.id))
    }

    /// Where the appointment stands.
    async fn stage(&self) -> AppointmentStage {
        self.0.model.stage.into()
    }

    /// Outcome.
    async fn outcome(&self) -> AppointmentOutcome {
        self.0.model.outcome.into()
    }

    /// The vacant post as announced.
    async fn vacancy_title(&self) -> &str {
        &self.0.model.vacancy_title
    }

    /// Requirements of the post.
    async fn requirements(&self) -> Option<&str> {
        self.0.model.requirements.as_deref()
    }

    /// When the vacancy was announced.
    async fn vacancy_announced_on(&self) -> Option<NaiveDate> {
        self.0.model.vacancy_announced_on
    }

    /// Deadline for applications or recommendations.
    async fn application_deadline(&self) -> Option<NaiveDate> {
        self.0.model.application_deadline
    }

    /// The organization of the post.
    async fn organization(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        Ok(
            related::<entity::organization::Entity>(ctx, Some(self.0.model.organization_id))
                .await?
                .map(Organization),
        )
    }

    /// The post.
    async fn post(&self, ctx: &Context<'_>) -> Result<Option<Post>> {
        Ok(related::<entity::post::Entity>(ctx, self.0.model.post_id)
            .await?
            .map(Post))
    }

    /// The candidate. Public from the start of the pre-appointment notice.
    async fn candidate(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        let id = self
            .0
            .field(&policy::APPOINTMENT, "candidate", |m| m.candidate_id)
            .flatten();
        Ok(related::<entity::person::Entity>(ctx, id)
            .await?
            .map(Person))
    }

    /// Candidate's name. Public from the start of the pre-appointment notice.
    async fn candidate_name(&self) -> Option<String> {
        self.0
            .field(&policy::APPOINTMENT, "candidateName", |m| {
                m.candidate_name.clone()
            })
            .flatten()
    }

    /// Candidate's gender. Public from the start of the pre-appointment notice.
    async fn candidate_gender(&self) -> Option<String> {
        self.0
            .field(&policy::APPOINTMENT, "candidateGender", |m| {
                m.candidate_gender.clone()
            })
            .flatten()
    }

    /// Candidate's ethnicity (民族). Public from the start of the pre-appointment notice.
    async fn candidate_ethnicity(&self) -> Option<String> {
        self.0
            .field(&policy::APPOINTMENT, "candidateEthnicity", |m| {
                m.candidate_ethnicity.clone()
            })
            .flatten()
    }

    /// Candidate's year and month of birth. Public from the start of the notice.
    async fn candidate_birth_month(&self) -> Option<String> {
        self.0
            .field(&policy::APPOINTMENT, "candidateBirthMonth", |m| {
                m.candidate_birth_month.clone()
            })
            .flatten()
    }

    /// Candidate's education. Public from the start of the notice.
    async fn candidate_education(&self) -> Option<String> {
        self.0
            .field(&policy::APPOINTMENT, "candidateEducation", |m| {
                m.candidate_education.clone()
            })
            .flatten()
    }

    /// When the candidate joined the party. Public from the start of the notice.
    async fn candidate_party_joined(&self) -> Option<String> {
        self.0
            .field(&policy::APPOINTMENT, "candidatePartyJoined", |m| {
                m.candidate_party_joined.clone()
            })
            .flatten()
    }

    /// When the candidate started work. Public from the start of the notice.
    async fn candidate_work_started(&self) -> Option<String> {
        self.0
            .field(&policy::APPOINTMENT, "candidateWorkStarted", |m| {
                m.candidate_work_started.clone()
            })
            .flatten()
    }

    /// The candidate's current post. Public from the start of the notice.
    async fn current_post(&self) -> Option<String> {
        self.0
            .field(&policy::APPOINTMENT, "currentPost", |m| {
                m.current_post.clone()
            })
            .flatten()
    }

    /// The proposed post (拟任职务).
    async fn proposed_post(&self) -> Option<&str> {
        self.0.model.proposed_post.as_deref()
    }

    /// When the inspection (考察) started.
    async fn inspection_started_on(&self) -> Option<NaiveDate> {
        self.0.model.inspection_started_on
    }

    /// The inspection report (述职述廉, 考察材料). Restricted.
    async fn inspection_report(&self) -> Option<String> {
        self.0
            .field(&policy::APPOINTMENT, "inspectionReport", |m| {
                m.inspection_report.clone()
            })
            .flatten()
    }

    /// First day of the pre-appointment notice (任前公示).
    async fn notice_start(&self) -> Option<NaiveDate> {
        self.0.model.notice_start
    }

    /// Last day of the pre-appointment notice; at least 5 working days after its start.
    async fn notice_end(&self) -> Option<NaiveDate> {
        self.0.model.notice_end
    }

    /// Where to report concerns during the notice, e.g. 12380.
    async fn complaint_channels(&self) -> Option<&str> {
        self.0.model.complaint_channels.as_deref()
    }

    /// Objections received (反映意见). Restricted.
    async fn objections(&self) -> Option<String> {
        self.0
            .field(&policy::APPOINTMENT, "objections", |m| m.objections.clone())
            .flatten()
    }

    /// How many objections were received.
    async fn objection_count(&self) -> i32 {
        self.0.model.objection_count
    }

    /// The meeting that decided.
    async fn deciding_meeting(&self, ctx: &Context<'_>) -> Result<Option<Meeting>> {
        Ok(
            related::<entity::meeting::Entity>(ctx, self.0.model.deciding_meeting_id)
                .await?
                .map(Meeting),
        )
    }

    /// When it was decided.
    async fn decided_on(&self) -> Option<NaiveDate> {
        self.0.model.decided_on
    }

    /// End of the one-year probation (试用期), where it applies.
    async fn probation_until(&self) -> Option<NaiveDate> {
        self.0.model.probation_until
    }

    /// Fields of this appointment hidden from the caller, with the scope each needs.
    async fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.0, &policy::APPOINTMENT)
    }

    /// Each version of this record shown to the public, oldest first: when it was shown, the
    /// reason for each correction (更正), and the record's own fields as they were, where the
    /// caller may see them (withheld where a correction withdrew them). Linked records show as
    /// they are now.
    async fn versions(&self, ctx: &Context<'_>) -> Result<Vec<super::Version<Appointment>>> {
        super::versions::<entity::appointment::Entity, _>(ctx, &self.0, Appointment).await
    }

    /// Disclosure scope (公开范围) of this record.
    async fn scope(&self) -> Scope {
        self.0.model.scope.into()
    }

    /// When this record was published.
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.model.publish_at
    }

    /// Version of this record: every change raises it, and a write names the version it expects.
    async fn version(&self) -> i32 {
        self.0.model.version
    }

    /// When this record last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.model.updated_at
    }

    /// The document behind this record.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        Ok(
            related::<entity::source::Entity>(ctx, self.0.model.source_id)
                .await?
                .map(Source),
        )
    }
}
