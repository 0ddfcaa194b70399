//! Powers (职权): the power catalogue.

use async_graphql::{Context, ID, Result};

use super::{Organization, Post, Procedure, related, scoped_object};
use crate::graphql::{
    enums::{Carrier, DisclosureTiming, PowerCategory, RiskLevel},
    ids,
};

scoped_object!(
    /// 职权: an entry of the power catalogue (权力清单), with its holder, basis and procedure.
    Power(entity::power::Model)
);

super::record_object! {
    Power: entity::power::Entity, redactions: crate::access::policy::POWER;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("Power", self.0.model.id))
    }

    /// Catalogue code.
    async fn code(&self) -> &str {
        &self.0.model.code
    }

    /// Name of the power.
    async fn name(&self) -> &str {
        &self.0.model.name
    }

    /// Category: 三重一大 plus incident handling.
    async fn category(&self) -> PowerCategory {
        self.0.model.category.into()
    }

    /// The organization that holds the power.
    async fn holder(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        Ok(
            related::<entity::organization::Entity>(ctx, Some(self.0.model.holder_org_id))
                .await?
                .map(Organization),
        )
    }

    /// The post that holds the power, where it is held by a post.
    async fn holder_post(&self, ctx: &Context<'_>) -> Result<Option<Post>> {
        Ok(
            related::<entity::post::Entity>(ctx, self.0.model.holder_post_id)
                .await?
                .map(Post),
        )
    }

    /// Legal basis (依据).
    async fn legal_basis(&self) -> &str {
        &self.0.model.legal_basis
    }

    /// Duties (责任事项).
    async fn duties(&self) -> &str {
        &self.0.model.duties
    }

    /// Accountability cases (追责情形).
    async fn accountability(&self) -> &str {
        &self.0.model.accountability
    }

    /// Undertaking unit (承办单位).
    async fn undertaking_unit(&self) -> &str {
        &self.0.model.undertaking_unit
    }

    /// Disclosure carriers (公开载体).
    async fn carriers(&self) -> Vec<Carrier> {
        self.0
            .model
            .carriers
            .split(',')
            .filter_map(|c| {
                <entity::enums::Carrier as sea_orm::ActiveEnum>::try_from_value(
                    &c.trim().to_owned(),
                )
                .ok()
            })
            .map(Carrier::from)
            .collect()
    }

    /// Disclosure timing (公开时间).
    async fn timing(&self) -> DisclosureTiming {
        self.0.model.timing.into()
    }

    /// Working days within which the exercise is disclosed, for WITHIN_WORKING_DAYS.
    async fn timing_days(&self) -> Option<i32> {
        self.0.model.timing_days
    }

    /// Supervision telephone (监督电话).
    async fn supervision_phone(&self) -> Option<&str> {
        self.0.model.supervision_phone.as_deref()
    }

    /// Highest risk level of the power.
    async fn risk_level(&self) -> RiskLevel {
        self.0.model.risk_level.into()
    }

    /// The procedure (流程图) through which the power is exercised.
    async fn procedure(&self, ctx: &Context<'_>) -> Result<Option<Procedure>> {
        Ok(
            related::<entity::procedure::Entity>(ctx, self.0.model.procedure_id)
                .await?
                .map(Procedure),
        )
    }

}
