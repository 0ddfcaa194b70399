//! A document's content, stored once under its SHA-256, whichever records carry it.

use sea_orm::entity::prelude::*;

/// A document: its bytes and what they are. It is never shown by itself: only through an
/// attachment of a record the caller may see.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    /// The SHA-256 of the content, 64 lowercase hex digits.
    #[sea_orm(primary_key, auto_increment = false)]
    pub sha256: String,
    /// The media type, as read from the content.
    pub media_type: String,
    pub byte_size: i64,
    pub content: Vec<u8>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
