//! 行政区划: an administrative division that owns organizations, and through them everything
//! they own. Jurisdictions form a tree: province, prefecture, county. They are public facts,
//! not records: they have no scope, no publication state and no versions.

use crate::enums::JurisdictionLevel;
use sea_orm::entity::prelude::*;

/// 行政区划: an administrative division.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "jurisdictions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The statistical division code (行政区划代码), e.g. `632221`.
    pub division_code: String,
    pub name: String,
    pub level: JurisdictionLevel,
    pub parent_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
