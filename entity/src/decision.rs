//! 决策, 决定 or 决议 taken at a meeting, with its vote and execution.

use crate::enums::{DecisionKind, DecisionResult, ExecutionStatus, PublicationStatus, Scope};
use sea_orm::entity::prelude::*;

/// 决策, 决定 or 决议 taken at a meeting, with its vote and execution.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub agenda_item_id: Option<i64>,
    pub kind: DecisionKind,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub votes_for: Option<i32>,
    pub votes_against: Option<i32>,
    pub votes_abstain: Option<i32>,
    pub result: DecisionResult,
    pub execution_status: ExecutionStatus,
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
