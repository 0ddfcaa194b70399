//! 违纪违法问题处理: a disciplinary case and its outcome.

use crate::enums::{
    GovernmentSanction, PartySanction, PublicationStatus, Scope, ViolationCategory,
};
use sea_orm::entity::prelude::*;

/// 违纪违法问题处理: a disciplinary case and its outcome.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "disciplinary_cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_number: String,
    pub subject_name: String,
    pub subject_id: Option<i64>,
    pub post_at_time: String,
    pub rank: String,
    pub violation_category: ViolationCategory,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub amount_yuan: Option<i64>,
    pub party_sanction: Option<PartySanction>,
    pub probation_years: Option<i32>,
    pub government_sanction: Option<GovernmentSanction>,
    pub decided_on: Date,
    pub deciding_body_id: Option<i64>,
    pub transferred_to_prosecutors: bool,
    pub announced: bool,
    pub announced_on: Option<Date>,
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
