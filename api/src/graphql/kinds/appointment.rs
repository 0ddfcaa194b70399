//! Appointments (干部任免): what the API declares of this kind, in one place: its GraphQL type, its
//! feed and field policies, its input and write rules, its search text, its root fields and its
//! writes.

use async_graphql::{ID, InputObject, MaybeUndefined};
use chrono::NaiveDate;
use entity::enums::RecordKind;

use crate::access::policy;
use crate::error::{AppError, AppResult};
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write, month};
use crate::graphql::enums::{AppointmentOutcome, AppointmentStage, Scope};
use crate::graphql::{
    filters::{AppointmentFilter, AppointmentOrder},
    kinds::{Feed, Kind, Policies, References},
};

pub use object::Appointment;

impl Kind for entity::appointment::Entity {
    const LIST: &'static str = "appointments";
    const FEED: Feed = Feed {
        title: "干部任免",
        untitled: "干部任免",
        selection: "title: vacancyTitle summary: requirements",
    };
    const POLICIES: Policies = &[&policy::APPOINTMENT];
    const REFERENCES: References = &[
        ("organization", RecordKind::Organization),
        ("post", RecordKind::Post),
        ("candidate", RecordKind::Person),
        ("decidingMeeting", RecordKind::Meeting),
    ];
    type Input = AppointmentInput;
}

/// Fields of an appointment (干部任免), from the vacancy to the outcome.
#[derive(InputObject)]
pub struct AppointmentInput {
    /// The organization of the post.
    pub organization: Option<ID>,
    /// The post.
    pub post: MaybeUndefined<ID>,
    /// Stage.
    pub stage: Option<AppointmentStage>,
    /// Outcome.
    pub outcome: Option<AppointmentOutcome>,
    /// Title of the vacancy (空缺职位).
    pub vacancy_title: Option<String>,
    /// Requirements.
    pub requirements: MaybeUndefined<String>,
    /// When the vacancy was announced.
    pub vacancy_announced_on: MaybeUndefined<NaiveDate>,
    /// Deadline for applications.
    pub application_deadline: MaybeUndefined<NaiveDate>,
    /// The candidate's person record.
    pub candidate: MaybeUndefined<ID>,
    /// Candidate's name.
    pub candidate_name: MaybeUndefined<String>,
    /// Candidate's gender.
    pub candidate_gender: MaybeUndefined<String>,
    /// Candidate's ethnicity (民族).
    pub candidate_ethnicity: MaybeUndefined<String>,
    /// Candidate's birth month, YYYY-MM.
    pub candidate_birth_month: MaybeUndefined<String>,
    /// Candidate's education.
    pub candidate_education: MaybeUndefined<String>,
    /// When the candidate joined the party, YYYY-MM.
    pub candidate_party_joined: MaybeUndefined<String>,
    /// When the candidate started work, YYYY-MM.
    pub candidate_work_started: MaybeUndefined<String>,
    /// Candidate's current post.
    pub current_post: MaybeUndefined<String>,
    /// The proposed post.
    pub proposed_post: MaybeUndefined<String>,
    /// When the inspection (考察) started.
    pub inspection_started_on: MaybeUndefined<NaiveDate>,
    /// Inspection report: restricted.
    pub inspection_report: MaybeUndefined<String>,
    /// First day of the pre-appointment notice (任前公示).
    pub notice_start: MaybeUndefined<NaiveDate>,
    /// Last day of the notice: at least 5 working days after its start, counted inclusively.
    pub notice_end: MaybeUndefined<NaiveDate>,
    /// Complaint channels, e.g. 12380.
    pub complaint_channels: MaybeUndefined<String>,
    /// Objections received: restricted.
    pub objections: MaybeUndefined<String>,
    /// Number of objections received.
    pub objection_count: Option<i32>,
    /// The meeting that decided.
    pub deciding_meeting: MaybeUndefined<ID>,
    /// Date of the decision.
    pub decided_on: MaybeUndefined<NaiveDate>,
    /// End of the one-year probation (试用期), where it applies.
    pub probation_until: MaybeUndefined<NaiveDate>,
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

impl Apply<entity::appointment::Entity> for AppointmentInput {
    fn apply(self, a: &mut entity::appointment::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.organization_id,
            "input.organization",
            RecordKind::Organization,
            self.organization,
        )?;
        w.opt_id(&mut a.post_id, "input.post", RecordKind::Post, self.post)?;
        w.set(&mut a.stage, self.stage.map(Into::into));
        w.set(&mut a.outcome, self.outcome.map(Into::into));
        w.text(
            &mut a.vacancy_title,
            "input.vacancyTitle",
            self.vacancy_title,
            MAX_NAME,
        )?;
        w.opt_text(
            &mut a.requirements,
            "input.requirements",
            self.requirements,
            MAX_TEXT,
        )?;
        w.set_opt(&mut a.vacancy_announced_on, self.vacancy_announced_on);
        w.set_opt(&mut a.application_deadline, self.application_deadline);
        w.opt_id(
            &mut a.candidate_id,
            "input.candidate",
            RecordKind::Person,
            self.candidate,
        )?;
        w.opt_text(
            &mut a.candidate_name,
            "input.candidateName",
            self.candidate_name,
            MAX_NAME,
        )?;
        w.opt_text(
            &mut a.candidate_gender,
            "input.candidateGender",
            self.candidate_gender,
            16,
        )?;
        w.opt_text(
            &mut a.candidate_ethnicity,
            "input.candidateEthnicity",
            self.candidate_ethnicity,
            32,
        )?;
        for (slot, path, value) in [
            (
                &mut a.candidate_birth_month,
                "input.candidateBirthMonth",
                self.candidate_birth_month,
            ),
            (
                &mut a.candidate_party_joined,
                "input.candidatePartyJoined",
                self.candidate_party_joined,
            ),
            (
                &mut a.candidate_work_started,
                "input.candidateWorkStarted",
                self.candidate_work_started,
            ),
        ] {
            let value = month(path, value)?;
            w.opt_text(slot, path, value, 7)?;
        }
        w.opt_text(
            &mut a.candidate_education,
            "input.candidateEducation",
            self.candidate_education,
            MAX_NAME,
        )?;
        w.opt_text(
            &mut a.current_post,
            "input.currentPost",
            self.current_post,
            MAX_NAME,
        )?;
        w.opt_text(
            &mut a.proposed_post,
            "input.proposedPost",
            self.proposed_post,
            MAX_NAME,
        )?;
        w.set_opt(&mut a.inspection_started_on, self.inspection_started_on);
        w.opt_text(
            &mut a.inspection_report,
            "input.inspectionReport",
            self.inspection_report,
            MAX_TEXT,
        )?;
        w.set_opt(&mut a.notice_start, self.notice_start);
        w.set_opt(&mut a.notice_end, self.notice_end);
        w.opt_text(
            &mut a.complaint_channels,
            "input.complaintChannels",
            self.complaint_channels,
            MAX_NAME,
        )?;
        w.opt_text(
            &mut a.objections,
            "input.objections",
            self.objections,
            MAX_TEXT,
        )?;
        if let Some(n) = self.objection_count
            && n < 0
        {
            return Err(AppError::bad_input(
                "input.objectionCount",
                "a count cannot be negative",
            ));
        }
        w.set(&mut a.objection_count, self.objection_count);
        w.opt_id(
            &mut a.deciding_meeting_id,
            "input.decidingMeeting",
            RecordKind::Meeting,
            self.deciding_meeting,
        )?;
        w.set_opt(&mut a.decided_on, self.decided_on);
        w.set_opt(&mut a.probation_until, self.probation_until);
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "AppointmentQueries": entity::appointment::Entity => Appointment;
    /// Appointments (干部任免).
    appointments(filter: AppointmentFilter, order_by: AppointmentOrder);
    /// One appointment by id.
    appointment(id);
}

crate::graphql::edit::writes! {
    "AppointmentWrites": entity::appointment::Entity, AppointmentInput,
    "Appointment", "appointment",
    create_appointment, update_appointment, correct_appointment
}

crate::store::edit::editable! {
    appointment: "appointment" requires [
        ("input.organization", "organization_id"), ("input.vacancyTitle", "vacancy_title"),
    ] defaults |a| {
        a.stage = sea_orm::ActiveValue::Set(entity::enums::AppointmentStage::VacancyAnnounced);
        a.outcome = sea_orm::ActiveValue::Set(entity::enums::AppointmentOutcome::Pending);
        a.objection_count = sea_orm::ActiveValue::Set(0);
    } rules crate::store::rules::appointment
}

impl crate::search::Searchable for entity::appointment::Entity {
    fn documents(m: &Self::Model) -> Vec<crate::search::Document> {
        use crate::search::documents_in;
        let p = &crate::access::policy::APPOINTMENT;
        let fields = [
            ("vacancyTitle", Some(m.vacancy_title.clone()), true),
            ("proposedPost", m.proposed_post.clone(), true),
            ("requirements", m.requirements.clone(), false),
            ("candidateName", m.candidate_name.clone(), false),
            ("currentPost", m.current_post.clone(), false),
            ("candidateEducation", m.candidate_education.clone(), false),
            ("inspectionReport", m.inspection_report.clone(), false),
            ("objections", m.objections.clone(), false),
        ];
        let Some(start) = m.notice_start else {
            return crate::search::documents_of::<Self>(m, p, &fields);
        };
        // The candidate's details follow the notice: the policy is asked about a day before it
        // and about a day within it, and each answer holds for its side of the first day.
        let before = entity::appointment::Model {
            notice_start: None,
            ..m.clone()
        };
        let within = entity::appointment::Model {
            notice_start: Some(chrono::NaiveDate::MIN),
            ..m.clone()
        };
        let mut docs = documents_in::<Self>(m, &before, p, &fields, (None, Some(start)));
        docs.extend(documents_in::<Self>(
            m,
            &within,
            p,
            &fields,
            (Some(start), None),
        ));
        docs
    }
}

/// The kind's GraphQL type.
mod object {
    use async_graphql::{Context, ID, Result};
    use chrono::NaiveDate;

    use crate::graphql::types::{
        Meeting, Organization, Person, Post, Redaction, redactions, related, scoped_object,
    };
    use crate::{
        access::policy,
        graphql::{
            enums::{AppointmentOutcome, AppointmentStage},
            ids,
        },
    };

    scoped_object!(
        /// 干部任免: one appointment from the vacancy announcement (空缺职位预告) through inspection
        /// (考察) and the pre-appointment notice (任前公示) to its outcome and probation.
        Appointment(entity::appointment::Model)
    );

    crate::graphql::types::record_object! {
        Appointment: entity::appointment::Entity;
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

    }
}
