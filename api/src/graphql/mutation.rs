//! Writes: the publication procedure on any record, by its global id.

use async_graphql::{Context, ID, MergedObject, Object, Result};
use chrono::{DateTime, Utc};

use super::{step::StepResult, types::request};
use crate::{error::AppError, store::workflow::Step};

/// Changes to the county's records. Each names the version of the record it expects, and fails
/// with `CONFLICT` when the record has changed since.
#[derive(MergedObject, Default)]
pub struct Mutation(
    Workflow,
    super::kinds::Writes,
    super::feedback::FeedbackMutation,
    super::evaluation::EvaluationMutation,
);

/// The steps of the publication procedure, on any record by its global id.
#[derive(Default)]
pub struct Workflow;

/// Takes `step` on the record behind the global id `id`.
async fn take(ctx: &Context<'_>, id: &ID, expected_version: i32, step: Step) -> Result<StepResult> {
    let (store, caller) = request(ctx)?;
    let Some((kind, key)) = store.ids().decode_any(id) else {
        return Err(AppError::not_found("there is no record with this id").into());
    };
    let Some(kind) = crate::store::kind_named(&kind) else {
        return Err(AppError::not_found("there is no record with this id").into());
    };
    let (status, version) = crate::store::with_record!(
        kind,
        E => store.transition::<E>(caller, key, expected_version, step).await?
    );
    Ok(StepResult {
        id: id.clone(),
        status: status.into(),
        version,
    })
}

#[Object]
impl Workflow {
    /// 提出: submit a draft for review. Editors of the owning organization.
    async fn submit_for_review(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> Result<StepResult> {
        take(ctx, &id, expected_version, Step::Submit).await
    }

    /// 审核 and 审批: approve a submitted record, including its secrecy check. Reviewers other
    /// than the record's author.
    async fn approve(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        comment: Option<String>,
    ) -> Result<StepResult> {
        take(ctx, &id, expected_version, Step::Approve(comment)).await
    }

    /// Send a submitted record back to its editors, saying why. Reviewers other than the
    /// record's author.
    async fn send_back(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        comment: String,
    ) -> Result<StepResult> {
        take(ctx, &id, expected_version, Step::SendBack(comment)).await
    }

    /// 实施: publish an approved record now, or at `publishAt`; a scheduled record appears by
    /// itself when its time comes. Reviewers, or editors of the owning organization.
    async fn publish(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        publish_at: Option<DateTime<Utc>>,
    ) -> Result<StepResult> {
        take(ctx, &id, expected_version, Step::Publish(publish_at)).await
    }

    /// Withdraw a published record, with a reason: it leaves every read. Editors of the owning
    /// organization, and admins.
    async fn retract(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        reason: String,
    ) -> Result<StepResult> {
        take(ctx, &id, expected_version, Step::Retract(reason)).await
    }
}
