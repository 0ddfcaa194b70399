//! Appointments (干部任免): the kind's input, its fields of the root query, its writes and its feed.

use async_graphql::{ID, InputObject, MaybeUndefined};
use chrono::NaiveDate;
use entity::enums::RecordKind;

use crate::access::policy;
use crate::error::AppError;
use crate::error::AppResult;
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write, month};
use crate::graphql::enums::{AppointmentOutcome, AppointmentStage, Scope};
use crate::graphql::{
    filters::{AppointmentFilter, AppointmentOrder},
    kinds::{Feed, Kind, Policies, References},
};

pub use crate::graphql::types::Appointment;

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
    "AppointmentWrites": entity::appointment::Entity, AppointmentInput, "Appointment", "appointment",
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
