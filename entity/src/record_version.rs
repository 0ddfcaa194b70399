//! One version of a published record, as the public was shown it.

use crate::enums::RecordKind;
use sea_orm::entity::prelude::*;

/// One version of a published record, as the public was shown it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "record_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub record_kind: RecordKind,
    pub record_id: i64,
    pub version: i32,
    pub shown_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub snapshot: String,
    pub withdrawn: bool,
    /// For a RESTRICTED version: who it was shown to, as JSON
    /// `{"organizations": [..], "persons": [..]}`.
    #[sea_orm(column_type = "Text", nullable)]
    pub audience: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
