//! What a caller sent back (群众意见反馈), and where its handling stands. Not a published
//! record: its own rules (`access::feedback`) say who sees a case and which of its fields.

use crate::enums::{DisclosureOutcome, FeedbackChannel, FeedbackKind, FeedbackStatus};
use sea_orm::entity::prelude::*;

/// One submission.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The tracking code given to the submitter.
    pub code: String,
    /// SHA-256 (hex) of the secret given to the submitter with the code.
    pub secret_hash: String,
    pub kind: FeedbackKind,
    pub channel: FeedbackChannel,
    pub subject: String,
    /// The text; `None` once erased.
    #[sea_orm(column_type = "Text", nullable)]
    pub body: Option<String>,
    /// The meeting an application to attend is for.
    pub meeting_id: Option<i64>,
    /// The official a report names.
    pub named_person_id: Option<i64>,
    /// The unit a report or opinion names.
    pub named_org_id: Option<i64>,
    pub submitter_name: Option<String>,
    /// A phone number or an email address.
    pub submitter_contact: Option<String>,
    /// The token subject of a submitter who called with a token.
    pub submitter_subject: Option<String>,
    /// The person record a submitter's token names.
    pub submitter_person_id: Option<i64>,
    /// The unit that handles it.
    pub handling_org_id: Option<i64>,
    pub status: FeedbackStatus,
    pub received_on: Date,
    /// The last day of the time to answer, extension included.
    pub due_on: Date,
    /// Why the time to answer was extended, once.
    #[sea_orm(column_type = "Text", nullable)]
    pub extension_reason: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reply: Option<String>,
    /// The day the handling closed.
    pub closed_on: Option<Date>,
    /// Why it was transferred or rejected.
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    /// For an answered request for disclosure: what the answer gave.
    pub outcome: Option<DisclosureOutcome>,
    /// Whether the submitter agrees that the question and the reply be published.
    pub publish_consent: bool,
    /// The published answer made of this submission, if any.
    pub answer_id: Option<i64>,
    /// When the personal data was erased, after the retention period of a closed case.
    pub erased_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
