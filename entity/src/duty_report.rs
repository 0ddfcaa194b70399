//! A duty report (述职述廉): a leader's account of their duties and integrity over a period, given
//! in public or in writing, the 一述 of 一述双评三监督.

use crate::enums::{DutyReportForm, PublicationStatus, Scope};
use sea_orm::entity::prelude::*;

/// A duty report and where it was given.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "duty_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Who reports.
    pub person_id: i64,
    /// The post they report on.
    pub post_id: Option<i64>,
    pub form: DutyReportForm,
    pub title: String,
    pub period_start: Date,
    pub period_end: Date,
    pub reported_on: Date,
    /// The meeting where it was given, for a report given in public.
    pub meeting_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub text: String,
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
