//! Procedures (流程图) as graphs: steps, labelled edges, risk points, supervision measures.

use async_graphql::{Context, ID, Object, Result};

use super::{Power, children, parts, related, scoped_object};
use crate::access::policy::Scoped;
use crate::graphql::{enums::RiskLevel, ids};
use crate::progress;

scoped_object!(
    /// 流程图: a procedure drawn as a directed graph of steps joined by labelled edges.
    Procedure(entity::procedure::Model)
);

super::record_object! {
    Procedure: entity::procedure::Entity, redactions: crate::access::policy::PROCEDURE;
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

    /// The flowchart as a picture (SVG), laid out top to bottom: each step with its actor,
    /// time limit and highest risk, each edge with its label. With `exercise`, an exercise of
    /// this procedure, its path, the step it stands at and its late steps as of `asOf`
    /// (default `Query.today`) are marked. The same picture is served at
    /// `GET /procedures/{id}.svg?exercise={id}`.
    async fn svg(
        &self,
        ctx: &Context<'_>,
        exercise: Option<ID>,
        as_of: Option<chrono::NaiveDate>,
    ) -> Result<String> {
        let id = self.0.model.id;
        let (steps, edges) = futures::try_join!(
            parts::<entity::procedure_step::Entity, _>(ctx, &self.0, id),
            parts::<entity::procedure_edge::Entity, _>(ctx, &self.0, id),
        )?;
        // Concurrently, so that the loader reads every step's risk points in one statement.
        let risks = futures::future::try_join_all(
            steps
                .iter()
                .map(|step| parts::<entity::risk_point::Entity, _>(ctx, step, step.model.id)),
        )
        .await?;
        let drawn: Vec<crate::picture::Step> = steps
            .iter()
            .zip(&risks)
            .map(|(step, risks)| crate::picture::Step {
                key: step.model.key.clone(),
                name: step.model.name.clone(),
                actor: step.model.actor.clone(),
                limit: step.model.time_limit_days,
                risk: risks.iter().map(|r| risk_rank(r.model.level)).max(),
            })
            .collect();
        let key_of = |step: i64| {
            steps
                .iter()
                .find(|s| s.model.id == step)
                .map(|s| s.model.key.clone())
                .unwrap_or_default()
        };
        let edges: Vec<crate::picture::Edge> = edges
            .iter()
            .map(|e| {
                (
                    key_of(e.model.from_step_id),
                    key_of(e.model.to_step_id),
                    e.model.label.clone(),
                )
            })
            .collect();
        let path = match exercise {
            None => None,
            Some(gid) => Some(exercise_path(ctx, &gid, id, super::day(ctx, as_of)?).await?),
        };
        let title = format!("{} {}", self.0.model.code, self.0.model.name);
        crate::picture::draw(title, drawn, edges, path)
            .await
            .ok_or_else(|| {
                crate::error::AppError::Database(sea_orm::DbErr::Custom(format!(
                    "the flowchart of procedure {id} could not be laid out"
                )))
                .into()
            })
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

/// The passages of an exercise as the clock reads them, or `None` where the caller may not see
/// its procedure: steps, time limits and ends come from the procedure, and nothing worked out
/// from them is shown to a caller who may not see it.
pub(crate) async fn clocked(
    ctx: &Context<'_>,
    exercise: &Scoped<entity::exercise::Model>,
) -> Result<Option<Vec<(Scoped<entity::passage::Model>, progress::Passage)>>> {
    let procedure_id = exercise.model.procedure_id;
    let Some(procedure) = related::<entity::procedure::Entity>(ctx, Some(procedure_id)).await?
    else {
        return Ok(None);
    };
    let (passages, steps, edges) = futures::try_join!(
        parts::<entity::passage::Entity, _>(ctx, exercise, exercise.model.id),
        parts::<entity::procedure_step::Entity, _>(ctx, &procedure, procedure_id),
        parts::<entity::procedure_edge::Entity, _>(ctx, &procedure, procedure_id),
    )?;
    let calendar = super::request(ctx)?.0.calendar();
    let day = crate::clock::county_day;
    Ok(Some(
        passages
            .into_iter()
            .map(|p| {
                let step = steps.iter().find(|s| s.model.key == p.model.step_key);
                let entered = day(p.model.entered_at);
                let clock = progress::Passage {
                    entered,
                    left: p.model.left_at.map(day),
                    due: step
                        .and_then(|s| s.model.time_limit_days)
                        .map(|n| calendar.deadline(entered, n.max(0) as u32)),
                    end: step
                        .is_some_and(|s| !edges.iter().any(|e| e.model.from_step_id == s.model.id)),
                };
                (p, clock)
            })
            .collect(),
    ))
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

/// The rank of a risk level: 1 low, 2 medium, 3 high.
fn risk_rank(level: entity::enums::RiskLevel) -> u8 {
    match level {
        entity::enums::RiskLevel::High => 3,
        entity::enums::RiskLevel::Medium => 2,
        entity::enums::RiskLevel::Low => 1,
    }
}

/// The path of the exercise `gid` through the procedure `procedure` as of `day`. An exercise
/// the caller may not see, or of another procedure, or one whose procedure is hidden, is
/// refused alike.
async fn exercise_path(
    ctx: &Context<'_>,
    gid: &ID,
    procedure: i64,
    day: chrono::NaiveDate,
) -> Result<crate::picture::Path> {
    let not_found = || {
        crate::error::AppError::bad_input("exercise", "no exercise of this procedure has this id")
    };
    let key = ids::of(ctx)?
        .decode("Exercise", gid)
        .ok_or_else(not_found)?;
    let exercise = related::<entity::exercise::Entity>(ctx, Some(key))
        .await?
        .filter(|e| e.model.procedure_id == procedure)
        .ok_or_else(not_found)?;
    let passages = clocked(ctx, &exercise).await?.ok_or_else(not_found)?;
    let clocks: Vec<progress::Passage> = passages.iter().map(|(_, c)| *c).collect();
    let now = progress::current(&clocks, day);
    let reached = now.map_or(0, |i| i + 1);
    let current = now
        .filter(|i| !clocks[*i].end)
        .map(|i| passages[i].0.model.step_key.clone());
    Ok(crate::picture::Path {
        steps: passages[..reached]
            .iter()
            .map(|(p, _)| p.model.step_key.clone())
            .collect(),
        current,
        late: passages[..reached]
            .iter()
            .filter(|(_, c)| progress::late(c, day))
            .map(|(p, _)| p.model.step_key.clone())
            .collect(),
    })
}
