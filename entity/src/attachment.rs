//! A document attached to a record: a part of the record, seen with it.

use crate::enums::{DocumentRole, RecordKind, Scope};
use sea_orm::entity::prelude::*;

/// A document on a record, with its title, what it is, and the clearance it needs on the
/// record beyond seeing it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub record_kind: RecordKind,
    pub record_id: i64,
    pub position: i32,
    pub sha256: String,
    pub title: String,
    pub role: DocumentRole,
    /// PUBLIC: whoever sees the record; PARTY or RESTRICTED: only a caller with that clearance
    /// on the record.
    pub scope: Scope,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
