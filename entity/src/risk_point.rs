//! 风险点 of a step, with its prevention measure.

use crate::enums::RiskLevel;
use sea_orm::entity::prelude::*;

/// 风险点 of a step, with its prevention measure.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "risk_points")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub step_id: i64,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub level: RiskLevel,
    #[sea_orm(column_type = "Text")]
    pub prevention: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
