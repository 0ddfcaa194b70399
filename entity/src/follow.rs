//! A follow of a public record: the contact is told of each new public version, once it has
//! confirmed with the secret sent to it.

use crate::enums::RecordKind;
use sea_orm::entity::prelude::*;

/// A contact following a record.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follows")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub record_kind: RecordKind,
    pub record_id: i64,
    /// The record's global id, as messages name it.
    pub record_ref: String,
    /// An e-mail address or a phone number.
    pub contact: String,
    /// The follow's public code.
    pub code: String,
    /// The SHA-256 of the secret sent to the contact, which confirms and ends the follow.
    pub secret_hash: String,
    pub confirmed: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
