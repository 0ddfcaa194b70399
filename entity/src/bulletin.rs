//! 专栏简报: a bulletin for broadcast, as the county TV column (电视专栏) and other media carry it.

use crate::enums::{BulletinCategory, PublicationStatus, RecordKind, Scope};
use sea_orm::entity::prelude::*;

/// 专栏简报: a bulletin for broadcast, as the county TV column (电视专栏) and other media carry it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "bulletins")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    /// The short text of the TV crawl or subtitle: at most 60 characters.
    pub crawl: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub category: BulletinCategory,
    /// The kind of the record the bulletin reports on, if any.
    pub related_kind: Option<RecordKind>,
    /// The id of the record the bulletin reports on, if any.
    pub related_id: Option<i64>,
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
