//! Meetings: what the API declares of this kind, in one place: its feed and field policies, its
//! input and write rules, its search text, its root fields and its writes.

use async_graphql::{ID, InputObject, MaybeUndefined};
use chrono::{DateTime, Utc};
use entity::enums::RecordKind;
use sea_orm::ActiveValue::{self, Set};

use crate::access::policy;
use crate::error::{AppError, AppResult};
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write, optional, text};
use crate::graphql::enums::{AttendanceRole, MeetingKind, MeetingStatus, ObserverCategory, Scope};
use crate::graphql::{
    filters::{MeetingFilter, MeetingOrder},
    kinds::{Feed, Kind, Policies, References},
};
use crate::store::edit::Parts;

pub use crate::graphql::types::Meeting;

impl Kind for entity::meeting::Entity {
    const LIST: &'static str = "meetings";
    const FEED: Feed = Feed {
        title: "会议公开",
        untitled: "会议",
        selection: "title: label summary",
    };
    const POLICIES: Policies = &[&policy::MEETING, &policy::ATTENDANCE, &policy::AGENDA_ITEM];
    const REFERENCES: References = &[
        ("body", RecordKind::Organization),
        ("chair", RecordKind::Person),
        ("attendance.person", RecordKind::Person),
        ("agenda.presenter", RecordKind::Person),
    ];
    type Input = MeetingInput;
}

/// One person's attendance at a meeting.
#[derive(InputObject)]
pub struct AttendanceInput {
    /// The person.
    pub person: ID,
    /// How they attend.
    pub role: AttendanceRole,
    /// Whether they were present.
    pub present: bool,
    /// Why they were absent; only for someone absent.
    pub absence_reason: Option<String>,
    /// For an observer (旁听): their category in the observer pool.
    pub observer_category: Option<ObserverCategory>,
}

/// An item of a meeting's agenda.
#[derive(InputObject)]
pub struct AgendaItemInput {
    /// Title.
    pub title: String,
    /// Who presents it.
    pub presenter: Option<ID>,
    /// Summary.
    pub summary: Option<String>,
}

/// Fields of a meeting (会议). `attendance` and `agenda` replace the stored lists; agenda items
/// keep their place by position.
#[derive(InputObject)]
pub struct MeetingInput {
    /// The body that meets.
    pub body: Option<ID>,
    /// Kind.
    pub kind: Option<MeetingKind>,
    /// Label, e.g. 第十二届县委第十五次常委会会议.
    pub label: Option<String>,
    /// Number in its series.
    pub session_number: MaybeUndefined<i32>,
    /// When it starts.
    pub starts_at: Option<DateTime<Utc>>,
    /// Where.
    pub place: Option<String>,
    /// Who chairs it.
    pub chair: MaybeUndefined<ID>,
    /// Whether it was held.
    pub status: Option<MeetingStatus>,
    /// A public summary.
    pub summary: MaybeUndefined<String>,
    /// Minutes (纪要): party-internal.
    pub minutes: MaybeUndefined<String>,
    /// Attendance.
    pub attendance: Option<Vec<AttendanceInput>>,
    /// Agenda, in order.
    pub agenda: Option<Vec<AgendaItemInput>>,
    /// For a meeting open to observers (a hearing): the first day applications are taken.
    pub applications_open_on: MaybeUndefined<chrono::NaiveDate>,
    /// The last day applications are taken.
    pub applications_close_on: MaybeUndefined<chrono::NaiveDate>,
    /// Seats for observers from among the applicants, 1 to 500.
    pub observer_seats: MaybeUndefined<i32>,
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

impl Apply<entity::meeting::Entity> for MeetingInput {
    fn apply(self, a: &mut entity::meeting::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.body_id,
            "input.body",
            RecordKind::Organization,
            self.body,
        )?;
        w.set(&mut a.kind, self.kind.map(Into::into));
        w.text(&mut a.label, "input.label", self.label, MAX_NAME)?;
        let number = w.number("input.sessionNumber", self.session_number, 1..=10_000)?;
        w.set_opt(&mut a.session_number, number);
        w.set(&mut a.starts_at, self.starts_at);
        w.text(&mut a.place, "input.place", self.place, MAX_NAME)?;
        w.opt_id(
            &mut a.chair_id,
            "input.chair",
            RecordKind::Person,
            self.chair,
        )?;
        w.set(&mut a.meeting_status, self.status.map(Into::into));
        w.opt_text(&mut a.summary, "input.summary", self.summary, MAX_TEXT)?;
        w.opt_text(&mut a.minutes, "input.minutes", self.minutes, MAX_TEXT)?;
        if let Some(list) = self.attendance {
            let mut rows = Vec::with_capacity(list.len());
            let mut people = std::collections::HashSet::new();
            for (i, item) in list.into_iter().enumerate() {
                let at = |field: &str| format!("input.attendance[{i}].{field}");
                let person = w.key(&at("person"), RecordKind::Person, &item.person)?;
                if !people.insert(person) {
                    return Err(AppError::bad_input(
                        &at("person"),
                        "this person is listed twice",
                    ));
                }
                let reason = optional(&at("absenceReason"), item.absence_reason, MAX_NAME)?;
                if item.present && reason.is_some() {
                    return Err(AppError::bad_input(
                        &at("absenceReason"),
                        "a reason for absence goes only with present: false",
                    ));
                }
                let observer = item.role == AttendanceRole::Observer;
                if observer != item.observer_category.is_some() {
                    return Err(AppError::bad_input(
                        &at("observerCategory"),
                        "an observer (旁听) has a category from the observer pool, and only an observer",
                    ));
                }
                rows.push(entity::attendance::ActiveModel {
                    id: ActiveValue::NotSet,
                    meeting_id: ActiveValue::NotSet,
                    person_id: Set(person),
                    role: Set(item.role.into()),
                    present: Set(item.present),
                    absence_reason: Set(reason),
                    observer_category: Set(item.observer_category.map(Into::into)),
                });
            }
            w.plan.parts.push(Parts::Attendance(rows));
        }
        if let Some(list) = self.agenda {
            let mut rows = Vec::with_capacity(list.len());
            for (i, item) in list.into_iter().enumerate() {
                let at = |field: &str| format!("input.agenda[{i}].{field}");
                let presenter = item
                    .presenter
                    .map(|p| w.key(&at("presenter"), RecordKind::Person, &p))
                    .transpose()?;
                rows.push(entity::agenda_item::ActiveModel {
                    id: ActiveValue::NotSet,
                    meeting_id: ActiveValue::NotSet,
                    position: ActiveValue::NotSet,
                    title: Set(text(&at("title"), item.title, MAX_NAME)?),
                    presenter_id: Set(presenter),
                    summary: Set(optional(&at("summary"), item.summary, MAX_TEXT)?),
                });
            }
            w.plan.parts.push(Parts::Agenda(rows));
        }
        w.set_opt(&mut a.applications_open_on, self.applications_open_on);
        w.set_opt(&mut a.applications_close_on, self.applications_close_on);
        let seats = w.number("input.observerSeats", self.observer_seats, 1..=500)?;
        w.set_opt(&mut a.observer_seats, seats);
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "MeetingQueries": entity::meeting::Entity => Meeting;
    /// Meetings.
    meetings(filter: MeetingFilter, order_by: MeetingOrder);
    /// One meeting by id.
    meeting(id);
}

crate::graphql::edit::writes! {
    "MeetingWrites": entity::meeting::Entity, MeetingInput, "Meeting", "meeting",
    create_meeting, update_meeting, correct_meeting
}

crate::store::edit::editable! {
    meeting: "meeting" requires [
        ("input.body", "body_id"), ("input.kind", "kind"), ("input.label", "label"),
        ("input.startsAt", "starts_at"), ("input.place", "place"),
        ("input.status", "meeting_status"),
    ] rules crate::store::rules::meeting
}

impl crate::search::Searchable for entity::meeting::Entity {
    fn documents(m: &Self::Model) -> Vec<crate::search::Document> {
        crate::search::documents_of::<Self>(
            m,
            &crate::access::policy::MEETING,
            &[
                ("label", Some(m.label.clone()), true),
                ("place", Some(m.place.clone()), false),
                ("summary", m.summary.clone(), false),
                ("minutes", m.minutes.clone(), false),
            ],
        )
    }
}
