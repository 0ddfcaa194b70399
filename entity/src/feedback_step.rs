//! One step of a submission's handling, as the submitter is shown it.

use crate::enums::FeedbackStatus;
use sea_orm::entity::prelude::*;

/// A step: what was done, on which day, and where the submission stood after it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback_steps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub feedback_id: i64,
    pub at: DateTimeUtc,
    pub on_day: Date,
    /// `submit`, `accept`, `assign`, `extend`, `answer`, `transfer`, `reject`, `withdraw`,
    /// `publish`, `erase`.
    pub action: String,
    pub status: FeedbackStatus,
    /// The unit the step assigned the submission to.
    pub org_id: Option<i64>,
    /// The reason given with the step.
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
