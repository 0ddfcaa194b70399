//! A step of a procedure.

use sea_orm::entity::prelude::*;

/// A step of a procedure.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procedure_steps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub procedure_id: i64,
    pub key: String,
    pub position: i32,
    pub name: String,
    pub actor: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub conditions: Option<String>,
    pub time_limit_days: Option<i32>,
    pub time_limit_note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
