//! 会议: a meeting of a body, with attendance, agenda, decisions and minutes.

use crate::enums::{MeetingKind, MeetingStatus, PublicationStatus, Scope};
use sea_orm::entity::prelude::*;

/// 会议: a meeting of a body, with attendance, agenda, decisions and minutes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub body_id: i64,
    pub kind: MeetingKind,
    pub label: String,
    pub session_number: Option<i32>,
    pub starts_at: DateTimeUtc,
    pub place: String,
    pub chair_id: Option<i64>,
    pub meeting_status: MeetingStatus,
    #[sea_orm(column_type = "Text", nullable)]
    pub summary: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub minutes: Option<String>,
    /// First day applications to attend (旁听) are taken, for a meeting open to observers.
    pub applications_open_on: Option<Date>,
    /// Last day applications are taken.
    pub applications_close_on: Option<Date>,
    /// Seats for observers from among the applicants.
    pub observer_seats: Option<i32>,
    pub scope: Scope,
    pub status: PublicationStatus,
    pub publish_at: Option<DateTimeUtc>,
    pub version: i32,
    pub owner_org_id: Option<i64>,
    pub source_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
