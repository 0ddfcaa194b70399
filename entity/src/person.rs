//! A person: a leader, a cadre, a candidate, an observer.

use crate::enums::{PublicationStatus, Scope};
use sea_orm::entity::prelude::*;

/// A person: a leader, a cadre, a candidate, an observer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub birth_month: Option<String>,
    pub education: Option<String>,
    pub phone: Option<String>,
    pub phone_public: bool,
    pub email: Option<String>,
    pub office: Option<String>,
    pub fictional: bool,
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
