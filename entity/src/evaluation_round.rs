//! An evaluation round (评议): members (党内评) or the public (党外评) answer the questionnaire
//! once each, between two days, about a duty report or the openness of the committee's
//! affairs. Only the counts of the answers are kept ([`crate::evaluation`]).

use crate::enums::{EvaluationAudience, PublicationStatus, Scope};
use sea_orm::entity::prelude::*;

/// An evaluation round.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "evaluation_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub audience: EvaluationAudience,
    /// The duty report evaluated, if the round is about one.
    pub duty_report_id: Option<i64>,
    /// The meeting where the round was held, if it was.
    pub meeting_id: Option<i64>,
    /// First day ballots are taken (China Standard Time).
    pub opens_on: Date,
    /// Last day ballots are taken.
    pub closes_on: Date,
    /// When the round was closed before its last day was over.
    pub closed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub text: String,
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
