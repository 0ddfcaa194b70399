//! A public supervisor of the committee's party affairs (县委党务工作社会监督员): a person
//! outside the committee invited to inspect what it discloses and how.

use crate::enums::{PublicationStatus, Scope};
use sea_orm::entity::prelude::*;

/// A public supervisor (社会监督员) and the term they serve.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "social_supervisors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: i64,
    /// Whom the supervisor comes from: a deputy, a CPPCC member, a villager, a journalist.
    pub background: String,
    pub term_start_on: Date,
    pub term_end_on: Option<Date>,
    /// What the supervisor inspects.
    pub duties: Option<String>,
    /// How the committee's members reach the supervisor.
    pub contact: Option<String>,
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
