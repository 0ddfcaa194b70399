//! `statistics`: figures for the county's pages. Every count is scope-aware and live, except the
//! aggregate of disciplinary outcomes, which DOMAIN.md makes public even where named cases are
//! not: it is answered from a snapshot per closed quarter, and for the public no count of
//! unlisted cases can be derived from it below 3 (see [`crate::access::disclosure`]).

use std::collections::BTreeMap;

use async_graphql::{Context, Enum, Object, Result, SimpleObject};
use chrono::NaiveDate;

use super::types::request;
use crate::{
    access::disclosure::{self, THRESHOLD, Withheld},
    store::stats::{Audience, Snapshot},
};

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

/// Why a cell of an aggregate is withheld.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum WithheldReason {
    /// 数量过少，不予公布 (Too few to publish).
    ///
    /// The cell holds 1 or 2 cases (少于3人).
    FewerThanThreshold,
    /// 为防推算而隐去 (Withheld so that no small count can be worked out).
    ///
    /// The cell holds 3 cases or more; it is withheld so that, with the other cells, the list
    /// of cases or an earlier answer, no small count of cases that are not public can be worked
    /// out (为防推算不予显示).
    PreventsDerivation,
    /// 合并显示 (Shown grouped).
    ///
    /// Ranks held by few cases, together under `OTHER`: one case or more.
    Grouped,
    /// 案件过少，不予公布 (Too few cases to publish).
    ///
    /// No figure of the aggregate is published for this quarter: any would give a small count
    /// away.
    TooFewToPublish,
    /// 仅公布全域数字 (Published for the whole only).
    ///
    /// Of one jurisdiction among others, the public gets only what the whole's answer gives:
    /// its cells in `byJurisdiction`, and its total when those are shown. Its breakdowns by
    /// sanction, discipline, year and rank are not published: beside the whole's or its
    /// neighbours', they would let a small count be worked out by difference.
    WholeOnly,
}

impl From<Withheld> for WithheldReason {
    fn from(w: Withheld) -> Self {
        match w {
            Withheld::FewerThanThreshold => Self::FewerThanThreshold,
            Withheld::PreventsDerivation => Self::PreventsDerivation,
            Withheld::Grouped => Self::Grouped,
            Withheld::TooFewToPublish => Self::TooFewToPublish,
            Withheld::WholeOnly => Self::WholeOnly,
        }
    }
}

/// Who an answer of the aggregate is made for.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AggregateAudience {
    /// 社会公众 (The public).
    ///
    /// Anonymous callers and media: cells are withheld where they would tell of cases that are
    /// not public.
    Public,
    /// 党员 (Party members).
    ///
    /// Party members and above: every counted case is one they may read, so every figure is
    /// exact.
    Party,
}

/// A cell of the aggregate of disciplinary outcomes.
#[derive(SimpleObject)]
pub struct AggregateCell {
    /// The key: a sanction, a discipline, a year, a rank, `OTHER` or `TOTAL`.
    pub key: String,
    /// The number of cases, or `null` when it is withheld.
    pub count: Option<u64>,
    /// The number for display: the count, or what was done instead.
    pub display: String,
    /// Why the count is withheld; `null` when it is shown.
    pub withheld: Option<WithheldReason>,
}

impl From<disclosure::Cell> for AggregateCell {
    fn from(cell: disclosure::Cell) -> Self {
        let t = THRESHOLD;
        Self {
            display: match (cell.count, cell.withheld) {
                (Some(n), _) => n.to_string(),
                (None, Some(Withheld::FewerThanThreshold)) => {
                    format!("fewer than {t} (少于{t}人)")
                }
                (None, Some(Withheld::Grouped)) => {
                    "ranks of few cases, together; withheld (人数较少的职级合并，不予显示)".into()
                }
                (None, Some(Withheld::TooFewToPublish)) => {
                    "too few cases to publish figures (案件过少，不予公布)".into()
                }
                (None, Some(Withheld::WholeOnly)) => {
                    "published for the whole only (仅公布全域数字)".into()
                }
                (None, Some(Withheld::PreventsDerivation) | None) => {
                    "withheld so that other cells cannot be derived (为防推算不予显示)".into()
                }
            },
            key: cell.key,
            count: cell.count,
            withheld: cell.withheld.map(Into::into),
        }
    }
}

/// The aggregate of disciplinary outcomes over the cases published by the end of a closed
/// quarter, of scope PUBLIC or PARTY.
#[derive(SimpleObject)]
pub struct DisciplinaryAggregate {
    /// The last day of the quarter the figures count up to (China Standard Time). The answer
    /// for a quarter is made once and never changes.
    pub as_of: NaiveDate,
    /// Who this answer is made for.
    pub audience: AggregateAudience,
    /// Every case counted.
    pub total: AggregateCell,
    /// By party sanction (`NONE` for cases without one); every sanction is listed, 0 included.
    pub by_party_sanction: Vec<AggregateCell>,
    /// By government sanction (`NONE` for cases without one); every sanction is listed.
    pub by_government_sanction: Vec<AggregateCell>,
    /// By discipline violated; every discipline is listed.
    pub by_violation_category: Vec<AggregateCell>,
    /// By year of the decision.
    pub by_year: Vec<AggregateCell>,
    /// By rank; withheld ranks show together as `OTHER`.
    pub by_rank: Vec<AggregateCell>,
    /// By where the case is counted: the division code of the jurisdiction its owning
    /// organization belongs to (`NONE` for none). Every jurisdiction is listed, 0 included;
    /// of one jurisdiction, it and those within it.
    pub by_jurisdiction: Vec<AggregateCell>,
    /// Why the breakdowns by sanction, discipline, year and rank are empty, when they are:
    /// `TOO_FEW_TO_PUBLISH`, or `WHOLE_ONLY` for one jurisdiction among others answered to the
    /// public. `null` when they are published.
    pub breakdowns_withheld: Option<WithheldReason>,
}

impl From<Snapshot> for DisciplinaryAggregate {
    fn from(snapshot: Snapshot) -> Self {
        let mut dimensions: BTreeMap<String, Vec<AggregateCell>> = snapshot
            .table
            .dimensions
            .into_iter()
            .map(|d| (d.name, d.cells.into_iter().map(Into::into).collect()))
            .collect();
        let mut take = |name: &str| dimensions.remove(name).unwrap_or_default();
        Self {
            as_of: snapshot.as_of,
            audience: match snapshot.audience {
                Audience::Public => AggregateAudience::Public,
                Audience::Party => AggregateAudience::Party,
            },
            breakdowns_withheld: snapshot
                .table
                .breakdowns
                .or(snapshot
                    .table
                    .total
                    .withheld
                    .filter(|w| *w == Withheld::TooFewToPublish))
                .map(Into::into),
            total: snapshot.table.total.into(),
            by_party_sanction: take("partySanction"),
            by_government_sanction: take("governmentSanction"),
            by_violation_category: take("violationCategory"),
            by_year: take("year"),
            by_rank: take("rank"),
            by_jurisdiction: take("jurisdiction"),
        }
    }
}

/// How the decisions the caller may see are carried out, as of a day.
#[derive(SimpleObject)]
pub struct DecisionExecution {
    /// The day the decisions are judged on.
    pub as_of: NaiveDate,
    /// Decisions counted.
    pub total: u64,
    /// Decisions carried out in full.
    pub completed: u64,
    /// `completed / total`, 0 when there is none.
    pub execution_rate: f64,
    /// Decisions `OVERDUE` as of `asOf` (see `Decision.executionStatus`).
    pub overdue: u64,
}

/// How the pre-appointment notices the caller may see kept their period, as of a day.
#[derive(SimpleObject)]
pub struct NoticePeriods {
    /// The day the notices are judged on.
    pub as_of: NaiveDate,
    /// Notices ended by `asOf`.
    pub total: u64,
    /// Of those, notices that lasted at least 5 working days of the county's calendar.
    pub on_time: u64,
    /// Notices open on `asOf`, not counted in `total`.
    pub open: u64,
}

/// Figures of the county, those that depend on the day judged as of one day.
pub struct Statistics {
    /// The day figures that depend on it are judged on.
    pub as_of: NaiveDate,
    /// The jurisdiction the figures are of (with those within it); `None` for all.
    pub jurisdiction: Option<i64>,
}

#[Object]
impl Statistics {
    /// The day the figures that depend on it (decision execution, notice periods) are judged
    /// on. The aggregate of disciplinary outcomes states its own: the end of the last closed
    /// quarter.
    async fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Powers by category.
    async fn powers_by_category(&self, ctx: &Context<'_>) -> Result<Vec<Count>> {
        let (store, caller) = request(ctx)?;
        Ok(counts(
            store
                .count_by::<entity::power::Entity>(
                    caller,
                    self.jurisdiction,
                    entity::power::Column::Category,
                )
                .await?,
        ))
    }

    /// Powers by holding organization (keys are organization ids).
    async fn powers_by_organization(&self, ctx: &Context<'_>) -> Result<Vec<Count>> {
        let (store, caller) = request(ctx)?;
        let raw = store
            .count_by_id::<entity::power::Entity>(
                caller,
                self.jurisdiction,
                entity::power::Column::HolderOrgId,
            )
            .await?;
        Ok(raw
            .into_iter()
            .map(|(id, count)| Count {
                key: store.ids().encode("Organization", id).0,
                count,
            })
            .collect())
    }

    /// Meetings by kind.
    async fn meetings_by_kind(&self, ctx: &Context<'_>) -> Result<Vec<Count>> {
        let (store, caller) = request(ctx)?;
        Ok(counts(
            store
                .count_by::<entity::meeting::Entity>(
                    caller,
                    self.jurisdiction,
                    entity::meeting::Column::Kind,
                )
                .await?,
        ))
    }

    /// Meetings by year.
    async fn meetings_by_year(&self, ctx: &Context<'_>) -> Result<Vec<Count>> {
        let (store, caller) = request(ctx)?;
        Ok(counts(
            store
                .years_of::<entity::meeting::Entity>(
                    caller,
                    self.jurisdiction,
                    entity::meeting::Column::StartsAt,
                )
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
                    self.jurisdiction,
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
                    self.jurisdiction,
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
                .count_by::<entity::bulletin::Entity>(
                    caller,
                    self.jurisdiction,
                    entity::bulletin::Column::Category,
                )
                .await?,
        ))
    }

    /// Execution of decisions: rate and overdue count.
    async fn decision_execution(&self, ctx: &Context<'_>) -> Result<DecisionExecution> {
        let (store, caller) = request(ctx)?;
        let (total, completed, overdue) = store
            .decision_execution(caller, self.jurisdiction, self.as_of)
            .await?;
        Ok(DecisionExecution {
            as_of: self.as_of,
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
        let (total, on_time, open) = store
            .notice_periods(caller, self.jurisdiction, self.as_of)
            .await?;
        Ok(NoticePeriods {
            as_of: self.as_of,
            total,
            on_time,
            open,
        })
    }

    /// Disciplinary outcomes by sanction, discipline, year and rank, as of the end of the last
    /// closed quarter: public to everyone. For the public, a cell of 1 or 2 cases is withheld,
    /// and so is every cell from which, with the other cells, the public list of cases or an
    /// earlier quarter's answer, a count of 1 or 2 cases that are not public could be worked
    /// out. Party members and above get exact figures: they may read every case counted.
    ///
    /// Of one jurisdiction: exact figures of its cases for party members and above. For the
    /// public, the figures of a jurisdiction that holds every organization are those of the
    /// whole. Of any other, the public gets what the whole's answer gives and no more: its
    /// cells of `byJurisdiction`, and a total when they are shown; its other breakdowns are
    /// withheld (`WHOLE_ONLY`): beside the whole's, or its neighbours', they would let small
    /// counts be worked out by difference.
    async fn disciplinary_outcomes(&self, ctx: &Context<'_>) -> Result<DisciplinaryAggregate> {
        let (store, caller) = request(ctx)?;
        Ok(store
            .disciplinary_outcomes(caller, self.jurisdiction)
            .await?
            .into())
    }

    /// How the units answered the way back (群众意见反馈): for each unit and each quarter of
    /// receipt that ended before `asOf`, the submissions received and where each stood on
    /// `asOf`. The same for every caller, and protected as the disciplinary aggregate is for
    /// the public: no submission is public one by one, so a cell of 1 or 2 is withheld, and so
    /// is any cell from which, with the row's other cells, a count of 1 or 2 could be worked
    /// out. `year` keeps one year's quarters. A unit the caller cannot see has no row.
    async fn feedback_by_quarter(
        &self,
        ctx: &Context<'_>,
        year: Option<i32>,
    ) -> Result<Vec<FeedbackQuarter>> {
        let (store, caller) = request(ctx)?;
        let prefix = year.map(|y| format!("{y}-"));
        // Of one jurisdiction: the rows of its units; each row is protected on its own.
        let units_within = match self.jurisdiction {
            Some(j) => {
                let tree = store.org_tree().await?;
                Some(tree.organizations_within(&[j]))
            }
            None => None,
        };
        let rows: Vec<_> = store
            .feedback_figures(self.as_of)
            .await?
            .into_iter()
            .filter(|row| prefix.as_ref().is_none_or(|p| row.quarter.starts_with(p)))
            .filter(|row| {
                units_within
                    .as_ref()
                    .is_none_or(|within| row.unit.is_some_and(|u| within.binary_search(&u).is_ok()))
            })
            .collect();
        // A unit the caller cannot see has no row for them: its figures would say it exists.
        let mut units: Vec<i64> = rows.iter().filter_map(|row| row.unit).collect();
        units.sort_unstable();
        units.dedup();
        let seen: std::collections::HashSet<i64> = store
            .get_many::<entity::organization::Entity>(caller, &units)
            .await?
            .into_iter()
            .map(|org| org.model.id)
            .collect();
        Ok(rows
            .into_iter()
            .filter(|row| row.unit.is_none_or(|unit| seen.contains(&unit)))
            .map(FeedbackQuarter::protected)
            .collect())
    }
}

/// One unit's answers for one quarter of receipt.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct FeedbackQuarter {
    /// The quarter the submissions were received in, e.g. `2011-Q3`.
    pub quarter: String,
    /// Submissions received.
    pub received: AggregateCell,
    /// Of those, answered (on time and late together), shown only where both parts are.
    pub answered: AggregateCell,
    /// Where each stood on the day asked: `ANSWERED_ON_TIME`, `ANSWERED_LATE`,
    /// `CLOSED_OTHERWISE` (transferred, rejected, withdrawn), `OPEN_ON_TIME`, `OVERDUE`; every
    /// outcome is listed, 0 included.
    pub outcomes: Vec<AggregateCell>,
    #[graphql(skip)]
    pub unit_id: Option<i64>,
}

#[async_graphql::ComplexObject]
impl FeedbackQuarter {
    /// The handling unit; `null` for submissions not yet assigned.
    async fn unit(&self, ctx: &Context<'_>) -> Result<Option<super::types::Organization>> {
        Ok(
            super::types::related::<entity::organization::Entity>(ctx, self.unit_id)
                .await?
                .map(super::types::Organization),
        )
    }
}

impl FeedbackQuarter {
    /// The row of `figures` as it may be published.
    fn protected(figures: crate::store::feedback::QuarterFigures) -> Self {
        use crate::store::feedback::OUTCOMES;
        use disclosure::{DimensionFigures, Figures, Tally};
        let unlisted = |count| Tally { count, listed: 0 };
        let table = disclosure::protect(
            &Figures {
                total: unlisted(figures.received),
                dimensions: vec![DimensionFigures {
                    name: "outcome".to_owned(),
                    open: false,
                    cells: OUTCOMES
                        .iter()
                        .zip(figures.outcomes)
                        .map(|(key, count)| ((*key).to_owned(), unlisted(count)))
                        .collect(),
                }],
            },
            &[],
        );
        let outcomes: Vec<disclosure::Cell> = table
            .dimensions
            .into_iter()
            .next()
            .map(|d| d.cells)
            .unwrap_or_default();
        let part = |key: &str| outcomes.iter().find(|c| c.key == key).and_then(|c| c.count);
        let answered = match (part(OUTCOMES[0]), part(OUTCOMES[1])) {
            (Some(on_time), Some(late)) => disclosure::Cell {
                key: "ANSWERED".to_owned(),
                count: Some(on_time + late),
                withheld: None,
            },
            _ => disclosure::Cell {
                key: "ANSWERED".to_owned(),
                count: None,
                withheld: Some(if table.total.count.is_none() {
                    Withheld::TooFewToPublish
                } else {
                    Withheld::PreventsDerivation
                }),
            },
        };
        Self {
            quarter: figures.quarter,
            received: table.total.into(),
            answered: answered.into(),
            outcomes: outcomes.into_iter().map(Into::into).collect(),
            unit_id: figures.unit,
        }
    }
}
