//! 机构: a body of the county; organizations form a tree.

use crate::enums::{OrganizationKind, PublicationStatus, Scope};
use sea_orm::entity::prelude::*;

/// 机构: a body of the county; organizations form a tree.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "organizations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: OrganizationKind,
    pub parent_id: Option<i64>,
    pub division_code: Option<String>,
    /// The jurisdiction the organization belongs to, and so everything it owns.
    pub jurisdiction_id: Option<i64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
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
