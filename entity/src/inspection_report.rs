//! An inspection report of a public supervisor (社会监督员监督检查报告): what they inspected of
//! the committee's disclosure over a period, what they found and what they recommend.

use crate::enums::{PublicationStatus, Scope};
use sea_orm::entity::prelude::*;

/// A public supervisor's report on the disclosure they inspected.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "inspection_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The supervisor who reports.
    pub supervisor_id: i64,
    pub title: String,
    pub period_start: Date,
    pub period_end: Date,
    /// The day of the report.
    pub reported_on: Date,
    #[sea_orm(column_type = "Text")]
    pub findings: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub recommendations: Option<String>,
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
