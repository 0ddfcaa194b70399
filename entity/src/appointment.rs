//! 干部任免: from vacancy announcement through notice to outcome and probation.

use crate::enums::{AppointmentOutcome, AppointmentStage, PublicationStatus, Scope};
use sea_orm::entity::prelude::*;

/// 干部任免: from vacancy announcement through notice to outcome and probation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "appointments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organization_id: i64,
    pub post_id: Option<i64>,
    pub stage: AppointmentStage,
    pub outcome: AppointmentOutcome,
    pub vacancy_title: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub requirements: Option<String>,
    pub vacancy_announced_on: Option<Date>,
    pub application_deadline: Option<Date>,
    pub candidate_id: Option<i64>,
    pub candidate_name: Option<String>,
    pub candidate_gender: Option<String>,
    pub candidate_ethnicity: Option<String>,
    pub candidate_birth_month: Option<String>,
    pub candidate_education: Option<String>,
    pub candidate_party_joined: Option<String>,
    pub candidate_work_started: Option<String>,
    pub current_post: Option<String>,
    pub proposed_post: Option<String>,
    pub inspection_started_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub inspection_report: Option<String>,
    pub notice_start: Option<Date>,
    pub notice_end: Option<Date>,
    pub complaint_channels: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub objections: Option<String>,
    pub objection_count: i32,
    pub deciding_meeting_id: Option<i64>,
    pub decided_on: Option<Date>,
    pub probation_until: Option<Date>,
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
