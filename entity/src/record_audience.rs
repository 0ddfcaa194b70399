//! One member of a RESTRICTED record's audience: an organization (with its sub-organizations) or a person.

use crate::enums::RecordKind;
use sea_orm::entity::prelude::*;

/// One member of a RESTRICTED record's audience: an organization (with its sub-organizations) or a person.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "record_audiences")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub record_kind: RecordKind,
    pub record_id: i64,
    pub organization_id: Option<i64>,
    pub person_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
