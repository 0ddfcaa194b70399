//! Procedures (流程图) as graphs: steps, labelled edges, risk points, supervision measures.

use async_graphql::{Context, ID, Object, Result};

use super::{Power, children, parts, scoped_object};
use crate::graphql::{enums::RiskLevel, ids};

scoped_object!(
    /// 流程图: a procedure drawn as a directed graph of steps joined by labelled edges.
    Procedure(entity::procedure::Model)
);

super::record_object! {
    Procedure: entity::procedure::Entity;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("Procedure", self.0.model.id))
    }

    /// Code, e.g. LC-03.
    async fn code(&self) -> &str {
        &self.0.model.code
    }

    /// Name, e.g. 干部任免流程图.
    async fn name(&self) -> &str {
        &self.0.model.name
    }

    /// What the procedure governs.
    async fn description(&self) -> Option<&str> {
        self.0.model.description.as_deref()
    }

    /// The steps, in drawing order.
    async fn steps(&self, ctx: &Context<'_>) -> Result<Vec<ProcedureStep>> {
        let rows =
            parts::<entity::procedure_step::Entity, _>(ctx, &self.0, self.0.model.id).await?;
        Ok(rows.into_iter().map(ProcedureStep).collect())
    }

    /// The edges between steps, with their labels (同意 / 不同意 / 补充材料).
    async fn edges(&self, ctx: &Context<'_>) -> Result<Vec<Transition>> {
        let rows =
            parts::<entity::procedure_edge::Entity, _>(ctx, &self.0, self.0.model.id).await?;
        Ok(rows.into_iter().map(Transition).collect())
    }

    /// Powers exercised through this procedure.
    async fn powers(&self, ctx: &Context<'_>) -> Result<Vec<Power>> {
        let rows = children::<entity::power::Entity>(
            ctx,
            entity::power::Column::ProcedureId,
            self.0.model.id,
        )
        .await?;
        Ok(rows.into_iter().map(Power).collect())
    }

}

scoped_object!(
    /// A step of a procedure: who acts, on what condition, within what time, at what risk.
    ProcedureStep(entity::procedure_step::Model)
);

#[Object]
impl ProcedureStep {
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("ProcedureStep", self.0.model.id))
    }

    /// Short key within the procedure, e.g. S3.
    async fn key(&self) -> &str {
        &self.0.model.key
    }

    /// Position in drawing order.
    async fn position(&self) -> i32 {
        self.0.model.position
    }

    /// Name of the step.
    async fn name(&self) -> &str {
        &self.0.model.name
    }

    /// Who acts (主体).
    async fn actor(&self) -> &str {
        &self.0.model.actor
    }

    /// Conditions (条件) for the step.
    async fn conditions(&self) -> Option<&str> {
        self.0.model.conditions.as_deref()
    }

    /// Time limit (完成时限) in working days, where one is set.
    async fn time_limit_days(&self) -> Option<i32> {
        self.0.model.time_limit_days
    }

    /// Time limit in words.
    async fn time_limit_note(&self) -> Option<&str> {
        self.0.model.time_limit_note.as_deref()
    }

    /// Risk points (风险点) of the step.
    async fn risk_points(&self, ctx: &Context<'_>) -> Result<Vec<RiskPoint>> {
        let rows = parts::<entity::risk_point::Entity, _>(ctx, &self.0, self.0.model.id).await?;
        Ok(rows.into_iter().map(RiskPoint).collect())
    }

    /// Supervision measures (监督措施) of the step.
    async fn supervision_measures(&self, ctx: &Context<'_>) -> Result<Vec<SupervisionMeasure>> {
        let rows =
            parts::<entity::supervision_measure::Entity, _>(ctx, &self.0, self.0.model.id).await?;
        Ok(rows.into_iter().map(SupervisionMeasure).collect())
    }
}

scoped_object!(
    /// An edge of a procedure graph: a labelled transition from one step to another.
    Transition(entity::procedure_edge::Model)
);

#[Object]
impl Transition {
    /// The step the edge leaves.
    #[allow(clippy::wrong_self_convention)] // the GraphQL field is `fromStep`
    async fn from_step(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("ProcedureStep", self.0.model.from_step_id))
    }

    /// The step the edge enters.
    async fn to_step(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("ProcedureStep", self.0.model.to_step_id))
    }

    /// Label, e.g. 同意, 不同意, 补充材料.
    async fn label(&self) -> Option<&str> {
        self.0.model.label.as_deref()
    }
}

scoped_object!(
    /// 风险点: what can go wrong at a step, and how it is prevented.
    RiskPoint(entity::risk_point::Model)
);

#[Object]
impl RiskPoint {
    /// What can go wrong.
    async fn description(&self) -> &str {
        &self.0.model.description
    }

    /// How serious it is.
    async fn level(&self) -> RiskLevel {
        self.0.model.level.into()
    }

    /// The prevention measure (防控措施).
    async fn prevention(&self) -> &str {
        &self.0.model.prevention
    }
}

scoped_object!(
    /// A supervision measure on a step.
    SupervisionMeasure(entity::supervision_measure::Model)
);

#[Object]
impl SupervisionMeasure {
    /// The measure.
    async fn description(&self) -> &str {
        &self.0.model.description
    }

    /// Who supervises or how to reach them.
    async fn channel(&self) -> Option<&str> {
        self.0.model.channel.as_deref()
    }
}
