//! `statistics`: figures for the county's pages. Every count is scope-aware, except the public
//! aggregate of disciplinary outcomes, which DOMAIN.md makes public even where named cases are
//! not; there, cells of fewer than 3 show as "fewer than 3".

use std::collections::BTreeMap;

use async_graphql::{Context, Object, Result, SimpleObject};

use super::types::request;
use crate::store::stats::{Cell, SMALLEST_SHOWN, suppress};

/// A count of the records the caller may see, by a key.
#[derive(SimpleObject)]
pub struct Count {
    /// The key: a category, a year, a kind, an outcome, an organization's id.
    pub key: String,
    /// How many.
    pub count: u64,
}

fn counts(map: BTreeMap<String, u64>) -> Vec<Count> {
    map.into_iter()
        .map(|(key, count)| Count { key, count })
        .collect()
}

/// A cell of the public aggregate of disciplinary outcomes.
#[derive(SimpleObject)]
pub struct AggregateCell {
    /// The key: a sanction, a discipline, a year, a rank.
    pub key: String,
    /// The number of people, or `null` when it is hidden to protect them.
    pub count: Option<u64>,
    /// The number for display: the count, or "fewer than 3" (少于3人).
    pub display: String,
}

impl From<Cell> for AggregateCell {
    fn from(cell: Cell) -> Self {
        Self {
            display: match cell.count {
                Some(n) => n.to_string(),
                None => format!("fewer than {SMALLEST_SHOWN} (少于{SMALLEST_SHOWN}人)"),
            },
            key: cell.key,
            count: cell.count,
        }
    }
}

/// The public aggregate of disciplinary outcomes over every published case.
#[derive(SimpleObject)]
pub struct DisciplinaryAggregate {
    /// By party sanction (`NONE` for cases without one).
    pub by_party_sanction: Vec<AggregateCell>,
    /// By government sanction (`NONE` for cases without one).
    pub by_government_sanction: Vec<AggregateCell>,
    /// By discipline violated.
    pub by_violation_category: Vec<AggregateCell>,
    /// By year of the decision.
    pub by_year: Vec<AggregateCell>,
    /// By rank; ranks of hidden cells show together as `OTHER`.
    pub by_rank: Vec<AggregateCell>,
}

/// How the decisions the caller may see are carried out.
#[derive(SimpleObject)]
pub struct DecisionExecution {
    /// Decisions counted.
    pub total: u64,
    /// Decisions carried out in full.
    pub completed: u64,
    /// `completed / total`, 0 when there is none.
    pub execution_rate: f64,
    /// Decisions with a milestone past its due date and not done.
    pub overdue: u64,
}

/// How the pre-appointment notices the caller may see kept their period.
#[derive(SimpleObject)]
pub struct NoticePeriods {
    /// Notices counted.
    pub total: u64,
    /// Notices that lasted at least 5 working days (Monday to Friday).
    pub on_time: u64,
}

/// Figures of the county.
pub struct Statistics;

fn wire<T: sea_orm::ActiveEnum<Value = String>>(value: Option<T>) -> String {
    value.map_or_else(|| "NONE".to_owned(), |v| v.to_value())
}

#[Object]
impl Statistics {
    /// Powers by category.
    async fn powers_by_category(&self, ctx: &Context<'_>) -> Result<Vec<Count>> {
        let (store, caller) = request(ctx)?;
        Ok(counts(
            store
                .count_by::<entity::power::Entity>(caller, entity::power::Column::Category)
                .await?,
        ))
    }

    /// Powers by holding organization (keys are organization ids).
    async fn powers_by_organization(&self, ctx: &Context<'_>) -> Result<Vec<Count>> {
        let (store, caller) = request(ctx)?;
        let raw = store
            .count_by_id::<entity::power::Entity>(caller, entity::power::Column::HolderOrgId)
            .await?;
        Ok(raw
            .into_iter()
            .map(|(id, count)| Count {
                key: super::ids::encode("Organization", id).0,
                count,
            })
            .collect())
    }

    /// Meetings by kind.
    async fn meetings_by_kind(&self, ctx: &Context<'_>) -> Result<Vec<Count>> {
        let (store, caller) = request(ctx)?;
        Ok(counts(
            store
                .count_by::<entity::meeting::Entity>(caller, entity::meeting::Column::Kind)
                .await?,
        ))
    }

    /// Meetings by year.
    async fn meetings_by_year(&self, ctx: &Context<'_>) -> Result<Vec<Count>> {
        let (store, caller) = request(ctx)?;
        Ok(counts(
            store
                .years_of::<entity::meeting::Entity>(caller, entity::meeting::Column::StartsAt)
                .await?,
        ))
    }

    /// Appointments by outcome.
    async fn appointments_by_outcome(&self, ctx: &Context<'_>) -> Result<Vec<Count>> {
        let (store, caller) = request(ctx)?;
        Ok(counts(
            store
                .count_by::<entity::appointment::Entity>(
                    caller,
                    entity::appointment::Column::Outcome,
                )
                .await?,
        ))
    }

    /// Disciplinary cases the caller may see, by party sanction.
    async fn cases_by_party_sanction(&self, ctx: &Context<'_>) -> Result<Vec<Count>> {
        let (store, caller) = request(ctx)?;
        Ok(counts(
            store
                .count_by::<entity::disciplinary_case::Entity>(
                    caller,
                    entity::disciplinary_case::Column::PartySanction,
                )
                .await?,
        ))
    }

    /// Bulletins the caller may see, by category.
    async fn bulletins_by_category(&self, ctx: &Context<'_>) -> Result<Vec<Count>> {
        let (store, caller) = request(ctx)?;
        Ok(counts(
            store
                .count_by::<entity::bulletin::Entity>(caller, entity::bulletin::Column::Category)
                .await?,
        ))
    }

    /// Execution of decisions: rate and overdue count.
    async fn decision_execution(&self, ctx: &Context<'_>) -> Result<DecisionExecution> {
        let (store, caller) = request(ctx)?;
        let (total, completed, overdue) = store.decision_execution(caller).await?;
        Ok(DecisionExecution {
            total,
            completed,
            execution_rate: if total == 0 {
                0.0
            } else {
                completed as f64 / total as f64
            },
            overdue,
        })
    }

    /// Pre-appointment notices kept on time.
    async fn notice_periods(&self, ctx: &Context<'_>) -> Result<NoticePeriods> {
        let (store, caller) = request(ctx)?;
        let (total, on_time) = store.notice_periods(caller).await?;
        Ok(NoticePeriods { total, on_time })
    }

    /// Disciplinary outcomes over every published case, public to everyone; cells of fewer
    /// than 3 people are hidden, and so is the next smallest when one alone would be.
    async fn disciplinary_outcomes(&self, ctx: &Context<'_>) -> Result<DisciplinaryAggregate> {
        let (store, _) = request(ctx)?;
        let cases = store.published_cases().await?;
        let tally = |key: &dyn Fn(&entity::disciplinary_case::Model) -> String, free_text: bool| {
            let mut map: BTreeMap<String, u64> = BTreeMap::new();
            for c in &cases {
                *map.entry(key(c)).or_default() += 1;
            }
            let mut cells = suppress(map);
            // A free-text key of a hidden cell would itself say something about few people:
            // hidden free-text cells show together, as OTHER.
            if free_text && cells.iter().any(|c| c.count.is_none()) {
                cells.retain(|c| c.count.is_some());
                cells.push(Cell {
                    key: "OTHER".into(),
                    count: None,
                });
                // OTHER alone hidden could be worked out from a total: hide the next smallest.
                if let Some(next) = cells
                    .iter_mut()
                    .filter(|c| c.count.is_some())
                    .min_by_key(|c| c.count)
                {
                    next.count = None;
                }
            }
            cells.into_iter().map(AggregateCell::from).collect()
        };
        Ok(DisciplinaryAggregate {
            by_party_sanction: tally(&|c| wire(c.party_sanction), false),
            by_government_sanction: tally(&|c| wire(c.government_sanction), false),
            by_violation_category: tally(&|c| wire(Some(c.violation_category)), false),
            by_year: tally(
                &|c| chrono::Datelike::year(&c.decided_on).to_string(),
                false,
            ),
            by_rank: tally(&|c| c.rank.clone(), true),
        })
    }
}
