//! A person at a meeting: member, 列席 or 旁听, present or absent with a reason.

use crate::enums::{AttendanceRole, ObserverCategory};
use sea_orm::entity::prelude::*;

/// A person at a meeting: member, 列席 or 旁听, present or absent with a reason.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendances")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meeting_id: i64,
    pub person_id: i64,
    pub role: AttendanceRole,
    pub present: bool,
    pub absence_reason: Option<String>,
    pub observer_category: Option<ObserverCategory>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
