//! What every write answers: where the record stands after it.

use async_graphql::{ID, SimpleObject};

use super::enums::PublicationStatus;

/// Where a record stands after a step.
#[derive(SimpleObject)]
pub struct StepResult {
    /// The record's global id.
    pub id: ID,
    /// Its status now.
    pub status: PublicationStatus,
    /// Its version now: name it in the next step.
    pub version: i32,
}
