//! Writes: the publication procedure on any record, by its global id.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::{
    enums::{PowerCategory, PublicationStatus, RiskLevel},
    ids,
    types::request,
};
use crate::{error::AppError, store::workflow::Step};

/// Changes to the county's records. Each names the version of the record it expects, and fails
/// with `CONFLICT` when the record has changed since.
pub struct Mutation;

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

/// Takes `step` on the record behind the global id `id`.
async fn take(ctx: &Context<'_>, id: &ID, expected_version: i32, step: Step) -> Result<StepResult> {
    let (store, caller) = request(ctx)?;
    let Some((kind, key)) = ids::decode_any(id) else {
        return Err(AppError::not_found("there is no record with this id").into());
    };
    macro_rules! dispatch {
        ($($name:literal => $entity:ty),+ $(,)?) => {
            match kind.as_str() {
                $($name => store.transition::<$entity>(caller, key, expected_version, step).await?,)+
                _ => return Err(AppError::not_found("there is no record with this id").into()),
            }
        };
    }
    let (status, version) = dispatch!(
        "Organization" => entity::organization::Entity,
        "Person" => entity::person::Entity,
        "Post" => entity::post::Entity,
        "Membership" => entity::membership::Entity,
        "Source" => entity::source::Entity,
        "Procedure" => entity::procedure::Entity,
        "Power" => entity::power::Entity,
        "Meeting" => entity::meeting::Entity,
        "Decision" => entity::decision::Entity,
        "Observer" => entity::observer::Entity,
        "Appointment" => entity::appointment::Entity,
        "DisciplinaryCase" => entity::disciplinary_case::Entity,
    );
    Ok(StepResult {
        id: id.clone(),
        status: status.into(),
        version,
    })
}

/// Changes to a draft power; fields left out stay as they are.
#[derive(InputObject)]
pub struct PowerChanges {
    /// Name, e.g. 县管科级领导干部任免权.
    pub name: Option<String>,
    /// Category.
    pub category: Option<PowerCategory>,
    /// Legal basis (依据).
    pub legal_basis: Option<String>,
    /// Duties (责任事项).
    pub duties: Option<String>,
    /// Accountability cases (追责情形).
    pub accountability: Option<String>,
    /// Undertaking unit (承办单位).
    pub undertaking_unit: Option<String>,
    /// Risk level.
    pub risk_level: Option<RiskLevel>,
    /// For disclosure within N working days: N.
    pub timing_days: Option<i32>,
}

/// Longest text of a name.
const MAX_NAME: usize = 200;
/// Longest text of a body field.
const MAX_TEXT: usize = 20_000;

/// `text` trimmed, if it is not empty and not longer than `max` characters.
fn text(field: &str, value: String, max: usize) -> Result<String, AppError> {
    let value = value.trim().to_owned();
    if value.is_empty() {
        return Err(AppError::bad_input(field, "this cannot be empty"));
    }
    if value.chars().count() > max {
        return Err(AppError::bad_input(
            field,
            format!("this is longer than {max} characters"),
        ));
    }
    Ok(value)
}

impl PowerChanges {
    /// Writes the changes into `power`, or names the first input field at fault.
    fn apply(self, power: &mut entity::power::ActiveModel) -> Result<(), AppError> {
        use sea_orm::ActiveValue::Set;
        if let Some(v) = self.name {
            power.name = Set(text("input.name", v, MAX_NAME)?);
        }
        if let Some(v) = self.category {
            power.category = Set(v.into());
        }
        if let Some(v) = self.legal_basis {
            power.legal_basis = Set(text("input.legalBasis", v, MAX_TEXT)?);
        }
        if let Some(v) = self.duties {
            power.duties = Set(text("input.duties", v, MAX_TEXT)?);
        }
        if let Some(v) = self.accountability {
            power.accountability = Set(text("input.accountability", v, MAX_TEXT)?);
        }
        if let Some(v) = self.undertaking_unit {
            power.undertaking_unit = Set(text("input.undertakingUnit", v, MAX_NAME)?);
        }
        if let Some(v) = self.risk_level {
            power.risk_level = Set(v.into());
        }
        if let Some(days) = self.timing_days {
            if !(1..=365).contains(&days) {
                return Err(AppError::bad_input(
                    "input.timingDays",
                    "give a number of working days from 1 to 365",
                ));
            }
            power.timing_days = Set(Some(days));
        }
        Ok(())
    }
}

#[Object]
impl Mutation {
    /// Change a draft power. Editors of the owning organization; a published power changes
    /// only by a correction.
    async fn update_power(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        input: PowerChanges,
    ) -> Result<StepResult> {
        let (store, caller) = request(ctx)?;
        let Some(key) = ids::decode("Power", &id) else {
            return Err(AppError::not_found("there is no power with this id").into());
        };
        let version = store
            .update_draft::<entity::power::Entity>(caller, key, expected_version, |power| {
                input.apply(power)
            })
            .await?;
        Ok(StepResult {
            id,
            status: entity::enums::PublicationStatus::Draft.into(),
            version,
        })
    }

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
