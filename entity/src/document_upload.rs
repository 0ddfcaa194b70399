//! Who uploaded which document: a writer may attach only what they uploaded themselves.

use sea_orm::entity::prelude::*;

/// One upload of a document by one writer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "document_uploads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub sha256: String,
    /// The token subject of the writer.
    #[sea_orm(primary_key, auto_increment = false)]
    pub uploader: String,
    pub uploaded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
