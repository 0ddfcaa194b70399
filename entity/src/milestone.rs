//! An execution milestone of a decision.

use crate::enums::ExecutionStatus;
use sea_orm::entity::prelude::*;

/// An execution milestone of a decision.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "milestones")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub decision_id: i64,
    pub position: i32,
    pub title: String,
    pub due_on: Date,
    pub done_on: Option<Date>,
    pub status: ExecutionStatus,
    #[sea_orm(column_type = "Text", nullable)]
    pub evidence: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
