//! 职权: an entry of the power catalogue.

use crate::enums::{DisclosureTiming, PowerCategory, PublicationStatus, RiskLevel, Scope};
use sea_orm::entity::prelude::*;

/// 职权: an entry of the power catalogue.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "powers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub category: PowerCategory,
    pub holder_org_id: i64,
    pub holder_post_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub legal_basis: String,
    #[sea_orm(column_type = "Text")]
    pub duties: String,
    #[sea_orm(column_type = "Text")]
    pub accountability: String,
    pub undertaking_unit: String,
    pub carriers: String,
    pub timing: DisclosureTiming,
    pub timing_days: Option<i32>,
    pub supervision_phone: Option<String>,
    pub risk_level: RiskLevel,
    pub procedure_id: Option<i64>,
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
