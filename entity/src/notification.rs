//! A notification in the outbox: one message to one recipient about one event, sent at least
//! once and kept once per event and channel (`event_key`).

use crate::enums::{NotifyChannel, OutboxStatus};
use sea_orm::entity::prelude::*;

/// A message to send.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The event and channel: the same event never makes two messages on one channel, and the
    /// sender is told the key so that a message sent twice is recognised.
    pub event_key: String,
    /// The submission it tells of, so that erasing the submission's personal data erases it.
    pub feedback_id: Option<i64>,
    pub channel: NotifyChannel,
    /// An e-mail address or a phone number.
    pub recipient: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
