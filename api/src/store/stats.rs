//! Counts for the statistics: scope-aware through the same record filter as every read, except
//! the public aggregate of disciplinary outcomes, which counts every published case and hides
//! small cells.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Utc};
use entity::enums::PublicationStatus;
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, Func},
};

use super::{Record, Store};
use crate::{access::Caller, error::AppResult};

/// A cell of a published aggregate: its count, or nothing when it is too small to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The key of the cell.
    pub key: String,
    /// The count, or `None` when it is hidden.
    pub count: Option<u64>,
}

/// Cells below this are shown as "fewer than 3".
pub const SMALLEST_SHOWN: u64 = 3;

/// Hides cells below [`SMALLEST_SHOWN`]; when only one cell would be hidden, the next smallest
/// is hidden too, so that no hidden cell can be worked out from a total.
pub fn suppress(counts: BTreeMap<String, u64>) -> Vec<Cell> {
    let mut cells: Vec<Cell> = counts
        .iter()
        .map(|(key, n)| Cell {
            key: key.clone(),
            count: (*n >= SMALLEST_SHOWN).then_some(*n),
        })
        .collect();
    let hidden = cells.iter().filter(|c| c.count.is_none()).count();
    if hidden == 1
        && let Some(next) = cells
            .iter_mut()
            .filter(|c| c.count.is_some())
            .min_by_key(|c| c.count)
    {
        next.count = None;
    }
    cells
}

impl Store {
    /// How many records `E` the caller may see, by the value of `column`; rows whose value
    /// is NULL count under `None`.
    async fn count_grouped<E: Record, K>(
        &self,
        caller: &Caller,
        column: E::Column,
    ) -> AppResult<Vec<(Option<K>, u64)>>
    where
        K: sea_orm::TryGetable,
    {
        let rows: Vec<(Option<K>, i64)> = Self::scoped::<E>(caller)
            .select_only()
            .column(column)
            .column_as(Expr::expr(Func::count(Expr::col(E::id_column()))), "n")
            .group_by(column)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(k, n)| (k, u64::try_from(n).unwrap_or(0)))
            .collect())
    }

    /// How many records `E` the caller may see, by the text value of `column`.
    pub async fn count_by<E: Record>(
        &self,
        caller: &Caller,
        column: E::Column,
    ) -> AppResult<BTreeMap<String, u64>> {
        let rows = self.count_grouped::<E, String>(caller, column).await?;
        Ok(rows
            .into_iter()
            .map(|(k, n)| (k.unwrap_or_else(|| "NONE".into()), n))
            .collect())
    }

    /// How many records `E` the caller may see, by the id in `column`.
    pub async fn count_by_id<E: Record>(
        &self,
        caller: &Caller,
        column: E::Column,
    ) -> AppResult<BTreeMap<i64, u64>> {
        let rows = self.count_grouped::<E, i64>(caller, column).await?;
        Ok(rows
            .into_iter()
            .filter_map(|(k, n)| Some((k?, n)))
            .collect())
    }

    /// The values of a date or time `column` of the records `E` the caller may see.
    pub async fn years_of<E: Record>(
        &self,
        caller: &Caller,
        column: E::Column,
    ) -> AppResult<BTreeMap<String, u64>> {
        let values: Vec<chrono::DateTime<Utc>> = Self::scoped::<E>(caller)
            .select_only()
            .column(column)
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut out = BTreeMap::new();
        for v in values {
            *out.entry(v.year().to_string()).or_default() += 1;
        }
        Ok(out)
    }

    /// Every published case (whatever its scope: aggregates are public), by a key of each.
    pub async fn published_cases(&self) -> AppResult<Vec<entity::disciplinary_case::Model>> {
        use entity::disciplinary_case::{Column, Entity};
        Ok(Entity::find()
            .filter(Column::Status.eq(PublicationStatus::Published))
            .filter(Column::PublishAt.lte(Utc::now()))
            .all(&self.db)
            .await?)
    }

    /// The execution of the decisions the caller may see: (all, completed, with an overdue
    /// milestone).
    pub async fn decision_execution(&self, caller: &Caller) -> AppResult<(u64, u64, u64)> {
        use entity::enums::ExecutionStatus;
        let decisions: Vec<(i64, ExecutionStatus)> =
            Self::scoped::<entity::decision::Entity>(caller)
                .select_only()
                .column(entity::decision::Column::Id)
                .column(entity::decision::Column::ExecutionStatus)
                .into_tuple()
                .all(&self.db)
                .await?;
        let completed = decisions
            .iter()
            .filter(|(_, s)| *s == ExecutionStatus::Completed)
            .count() as u64;
        let ids: Vec<i64> = decisions.iter().map(|(id, _)| *id).collect();
        let today = Utc::now().date_naive();
        let mut overdue = std::collections::BTreeSet::new();
        for chunk in ids.chunks(1000) {
            let milestones: Vec<(i64, ExecutionStatus, NaiveDate, Option<NaiveDate>)> =
                entity::milestone::Entity::find()
                    .select_only()
                    .column(entity::milestone::Column::DecisionId)
                    .column(entity::milestone::Column::Status)
                    .column(entity::milestone::Column::DueOn)
                    .column(entity::milestone::Column::DoneOn)
                    .filter(entity::milestone::Column::DecisionId.is_in(chunk.iter().copied()))
                    .into_tuple()
                    .all(&self.db)
                    .await?;
            for (decision, status, due, done) in milestones {
                if status == ExecutionStatus::Overdue || (done.is_none() && due < today) {
                    overdue.insert(decision);
                }
            }
        }
        Ok((decisions.len() as u64, completed, overdue.len() as u64))
    }

    /// The pre-appointment notices the caller may see: (all, lasting at least five working days).
    pub async fn notice_periods(&self, caller: &Caller) -> AppResult<(u64, u64)> {
        let notices: Vec<(Option<NaiveDate>, Option<NaiveDate>)> =
            Self::scoped::<entity::appointment::Entity>(caller)
                .select_only()
                .column(entity::appointment::Column::NoticeStart)
                .column(entity::appointment::Column::NoticeEnd)
                .into_tuple()
                .all(&self.db)
                .await?;
        let mut all = 0;
        let mut kept = 0;
        for (start, end) in notices {
            if let (Some(start), Some(end)) = (start, end) {
                all += 1;
                if self.calendar().working_days(start, end) >= 5 {
                    kept += 1;
                }
            }
        }
        Ok((all, kept))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
        pairs.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect()
    }

    #[test]
    fn small_cells_are_hidden_and_cannot_be_worked_out_from_a_total() {
        let cells = suppress(counts(&[
            ("WARNING", 7),
            ("SERIOUS_WARNING", 4),
            ("EXPULSION", 1),
        ]));
        let hidden: Vec<&str> = cells
            .iter()
            .filter(|c| c.count.is_none())
            .map(|c| c.key.as_str())
            .collect();
        assert_eq!(hidden, vec!["EXPULSION", "SERIOUS_WARNING"]);
        let cells = suppress(counts(&[("A", 3), ("B", 9)]));
        assert!(cells.iter().all(|c| c.count.is_some()));
    }
}
