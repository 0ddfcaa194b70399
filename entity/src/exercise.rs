//! An exercise of a power (权力运行实例): one matter for which a power was exercised through its
//! procedure, followed step by step.

use crate::enums::{PublicationStatus, Scope};
use sea_orm::entity::prelude::*;

/// "Power P was exercised through procedure F for this matter", with what it concerns or
/// produced.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "exercises")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub power_id: i64,
    pub procedure_id: i64,
    /// The matter, in a line.
    pub title: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub summary: Option<String>,
    /// What it produced or concerns; each optional.
    pub decision_id: Option<i64>,
    pub meeting_id: Option<i64>,
    pub appointment_id: Option<i64>,
    pub disciplinary_case_id: Option<i64>,
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
