//! A published answer (答复公开): a question the public sent and the committee's reply, made
//! public with the submitter's agreement and without their personal data.

use crate::enums::{FeedbackKind, PublicationStatus, Scope};
use sea_orm::entity::prelude::*;

/// A question, in the words the handling unit publishes it in, and its reply.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "feedback_answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// What was asked: an opinion, a request for disclosure, a proposal, …
    pub feedback_kind: FeedbackKind,
    /// The question, without the submitter's personal data.
    #[sea_orm(column_type = "Text")]
    pub question: String,
    #[sea_orm(column_type = "Text")]
    pub reply: String,
    pub received_on: Date,
    pub answered_on: Date,
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
