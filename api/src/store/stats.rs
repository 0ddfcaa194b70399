//! Counts for the statistics: scope-aware through the same record filter as every read, except
//! the aggregate of disciplinary outcomes, which counts cases the caller may not list and is
//! therefore answered from a snapshot per closed quarter, protected by
//! [`crate::access::disclosure`].

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use entity::enums::{PublicationStatus, Scope};
use sea_orm::{
    ColumnTrait, EntityTrait, Iterable, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Func, OnConflict},
};

use super::{Record, Store};
use crate::{
    access::{
        Caller, OrgTree,
        disclosure::{self, DimensionFigures, Figures, Listing, Table, Tally},
        visibility,
    },
    error::{AppError, AppResult},
};

/// Who an answer of the disciplinary aggregate is made for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Callers who see PUBLIC records only (anonymous, media): the figures count cases they
    /// cannot list, and are protected against derivation.
    Public,
    /// Callers who see PARTY records: every counted case is one they can list, so the figures
    /// are exact.
    Party,
}

impl Audience {
    /// The class of `caller`, for an aggregate of the cases of `owners` (every case when
    /// `None`): see [`disclosure::lists_every_case`].
    pub fn of(caller: &Caller, owners: Option<&[i64]>) -> Self {
        if disclosure::lists_every_case(caller, owners) {
            Audience::Party
        } else {
            Audience::Public
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Public => "PUBLIC",
            Audience::Party => "PARTY",
        }
    }
}

/// The last day of the last quarter that has ended by `now`, in China Standard Time.
pub fn last_quarter_end(now: DateTime<Utc>) -> NaiveDate {
    let today = crate::clock::county_day(now);
    let quarter_start_month = (today.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(today.year(), quarter_start_month, 1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(today)
}

/// The instant the day `as_of` ends in China Standard Time: what counts as of that day was
/// published before it.
pub fn closing(as_of: NaiveDate) -> DateTime<Utc> {
    as_of
        .succ_opt()
        .unwrap_or(as_of)
        .and_hms_opt(0, 0, 0)
        .and_then(|t| {
            crate::clock::county_offset()
                .from_local_datetime(&t)
                .single()
        })
        .map_or_else(
            || as_of.and_time(chrono::NaiveTime::MIN).and_utc(),
            |t| t.to_utc(),
        )
}

/// One answer of the disciplinary aggregate.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// The last day of the quarter it counts up to.
    pub as_of: NaiveDate,
    /// The audience class it was made for.
    pub audience: Audience,
    /// The published cells.
    pub table: Table,
}

fn wire<T: sea_orm::ActiveEnum<Value = String>>(value: Option<T>) -> String {
    value.map_or_else(|| "NONE".to_owned(), |v| v.to_value())
}

/// The closed keys of a vocabulary, with `NONE` first where a case may have none.
fn vocabulary<T>(none: bool) -> Vec<String>
where
    T: sea_orm::ActiveEnum<Value = String> + Iterable,
{
    let mut keys: Vec<String> = none.then(|| "NONE".to_owned()).into_iter().collect();
    keys.extend(T::iter().map(|v| v.to_value()));
    keys
}

type Key = fn(&entity::disciplinary_case::Model) -> String;

/// The dimensions of the aggregate: name, whether its keys are open, the closed keys, the key
/// of a case.
fn dimensions() -> Vec<(&'static str, bool, Vec<String>, Key)> {
    use entity::enums::{GovernmentSanction, PartySanction, ViolationCategory};
    vec![
        (
            "partySanction",
            false,
            vocabulary::<PartySanction>(true),
            |c| wire(c.party_sanction),
        ),
        (
            "governmentSanction",
            false,
            vocabulary::<GovernmentSanction>(true),
            |c| wire(c.government_sanction),
        ),
        (
            "violationCategory",
            false,
            vocabulary::<ViolationCategory>(false),
            |c| wire(Some(c.violation_category)),
        ),
        ("year", false, Vec::new(), |c| {
            c.decided_on.year().to_string()
        }),
        ("rank", true, Vec::new(), |c| c.rank.clone()),
    ]
}

/// The name of the aggregate's dimension that splits the cases by where they are counted.
const JURISDICTION: &str = "jurisdiction";

/// Where the aggregate counts each case: under the division code of the jurisdiction its
/// owning organization belongs to, or `NONE`. Every jurisdiction is a closed key, 0 included:
/// jurisdictions are public, so the keys tell nothing.
struct Places {
    keys: Vec<String>,
    codes: HashMap<i64, String>,
}

impl Places {
    /// Every jurisdiction of `tree` and `NONE`, or, for the cases within the jurisdiction
    /// `within`, it and those below it.
    fn of(tree: &OrgTree, within: Option<i64>) -> Self {
        let codes: HashMap<i64, String> = tree
            .jurisdictions()
            .map(|j| (j.id, j.division_code.clone()))
            .collect();
        let mut keys: Vec<String> = match within {
            Some(j) => tree
                .jurisdictions_below(&[j])
                .iter()
                .filter_map(|id| codes.get(id).cloned())
                .collect(),
            None => codes.values().cloned().collect(),
        };
        keys.sort();
        if within.is_none() {
            keys.push("NONE".to_owned());
        }
        Self {
            keys,
            codes: tree
                .organization_jurisdictions()
                .filter_map(|(org, j)| Some((org, codes.get(&j)?.clone())))
                .collect(),
        }
    }

    fn key(&self, case: &entity::disciplinary_case::Model) -> String {
        case.owner_org_id
            .and_then(|o| self.codes.get(&o).cloned())
            .unwrap_or_else(|| "NONE".to_owned())
    }
}

/// The figures of `cases`, of which those in `listed` are the ones the audience can list,
/// counted by where `places` say.
fn figures(
    cases: &[entity::disciplinary_case::Model],
    listed: &HashSet<i64>,
    places: &Places,
) -> Figures {
    let mut by_place: BTreeMap<String, Tally> = BTreeMap::new();
    for c in cases {
        let t = by_place.entry(places.key(c)).or_default();
        t.count += 1;
        t.listed += u64::from(listed.contains(&c.id));
    }
    let mut place_cells: Vec<(String, Tally)> = places
        .keys
        .iter()
        .map(|k| (k.clone(), by_place.remove(k).unwrap_or_default()))
        .collect();
    place_cells.extend(by_place);
    let mut out = Figures {
        total: Tally {
            count: cases.len() as u64,
            listed: cases.iter().filter(|c| listed.contains(&c.id)).count() as u64,
        },
        dimensions: dimensions()
            .into_iter()
            .map(|(name, open, closed, key)| {
                let mut cells: BTreeMap<String, Tally> = BTreeMap::new();
                for c in cases {
                    let t = cells.entry(key(c)).or_default();
                    t.count += 1;
                    t.listed += u64::from(listed.contains(&c.id));
                }
                let mut ordered: Vec<(String, Tally)> = closed
                    .iter()
                    .map(|k| (k.clone(), cells.remove(k).unwrap_or_default()))
                    .collect();
                ordered.extend(cells);
                DimensionFigures {
                    name: name.to_owned(),
                    open,
                    cells: ordered,
                }
            })
            .collect(),
    };
    out.dimensions.push(DimensionFigures {
        name: JURISDICTION.to_owned(),
        open: false,
        cells: place_cells,
    });
    out
}

fn parse(cells: &str) -> AppResult<Table> {
    serde_json::from_str(cells)
        .map_err(|e| AppError::Database(sea_orm::DbErr::Custom(e.to_string())))
}

impl Store {
    /// The records `E` the caller may see, of the jurisdiction `jurisdiction` (and those within
    /// it) when one is named.
    fn counted<E: Record>(caller: &Caller, jurisdiction: Option<i64>) -> sea_orm::Select<E> {
        let select = Self::scoped::<E>(caller);
        match jurisdiction {
            Some(j) => select.filter(super::jurisdictions::owned_within(
                E::TABLE,
                "owner_org_id",
                j,
            )),
            None => select,
        }
    }

    /// How many records `E` the caller may see, by the value of `column`; rows whose value
    /// is NULL count under `None`.
    async fn count_grouped<E: Record, K>(
        &self,
        caller: &Caller,
        jurisdiction: Option<i64>,
        column: E::Column,
    ) -> AppResult<Vec<(Option<K>, u64)>>
    where
        K: sea_orm::TryGetable,
    {
        let rows: Vec<(Option<K>, i64)> = Self::counted::<E>(caller, jurisdiction)
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
        jurisdiction: Option<i64>,
        column: E::Column,
    ) -> AppResult<BTreeMap<String, u64>> {
        let rows = self
            .count_grouped::<E, String>(caller, jurisdiction, column)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(k, n)| (k.unwrap_or_else(|| "NONE".into()), n))
            .collect())
    }

    /// How many records `E` the caller may see, by the id in `column`.
    pub async fn count_by_id<E: Record>(
        &self,
        caller: &Caller,
        jurisdiction: Option<i64>,
        column: E::Column,
    ) -> AppResult<BTreeMap<i64, u64>> {
        let rows = self
            .count_grouped::<E, i64>(caller, jurisdiction, column)
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(k, n)| Some((k?, n)))
            .collect())
    }

    /// The values of a date or time `column` of the records `E` the caller may see.
    pub async fn years_of<E: Record>(
        &self,
        caller: &Caller,
        jurisdiction: Option<i64>,
        column: E::Column,
    ) -> AppResult<BTreeMap<String, u64>> {
        let values: Vec<chrono::DateTime<Utc>> = Self::counted::<E>(caller, jurisdiction)
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

    /// The cases the aggregate as of `as_of` counts: published before that day ended, of scope
    /// PUBLIC or PARTY. A RESTRICTED case is left out: its very existence is for its audience,
    /// and a caller in the audience of some restricted cases could subtract those from a count
    /// of all and learn of the others.
    async fn counted_cases(
        &self,
        as_of: NaiveDate,
    ) -> AppResult<Vec<entity::disciplinary_case::Model>> {
        use entity::disciplinary_case::{Column, Entity};
        Ok(Entity::find()
            .filter(Column::Status.eq(PublicationStatus::Published))
            .filter(Column::PublishAt.is_not_null())
            .filter(Column::PublishAt.lte(closing(as_of)))
            .filter(Column::Scope.is_in([Scope::Public, Scope::Party]))
            .all(&self.db)
            .await?)
    }

    /// The ids of the cases published before `as_of` ended that the public can list today:
    /// the one record filter, for an anonymous caller, at the end of that day.
    async fn publicly_listed(&self, as_of: NaiveDate) -> AppResult<HashSet<i64>> {
        use entity::disciplinary_case::{Column, Entity};
        let ids: Vec<i64> = Entity::find()
            .select_only()
            .column(Column::Id)
            .filter(visibility::visible(
                &Caller::public(),
                <Entity as Record>::TABLE,
                <Entity as Record>::KIND,
                closing(as_of),
            ))
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(ids.into_iter().collect())
    }

    /// The stored answer for `as_of` and `audience`, if there is one.
    async fn stored_snapshot(
        &self,
        as_of: NaiveDate,
        audience: Audience,
    ) -> AppResult<Option<Snapshot>> {
        use entity::statistics_snapshot::{Column, Entity};
        let row = Entity::find()
            .filter(Column::AsOf.eq(as_of))
            .filter(Column::Audience.eq(audience.as_str()))
            .one(&self.db)
            .await?;
        row.map(|r| {
            Ok(Snapshot {
                as_of: r.as_of,
                audience,
                table: parse(&r.cells)?,
            })
        })
        .transpose()
    }

    /// Every answer given to the public before `as_of`, oldest first, each with what the public
    /// can list today of the cases it counted.
    async fn earlier_public_answers(&self, as_of: NaiveDate) -> AppResult<Vec<(Table, Listing)>> {
        use entity::statistics_snapshot::{Column, Entity};
        let rows = Entity::find()
            .filter(Column::AsOf.lt(as_of))
            .filter(Column::Audience.eq(Audience::Public.as_str()))
            .order_by_asc(Column::AsOf)
            .all(&self.db)
            .await?;
        let places = Places::of(&*self.org_tree().await?, None);
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let listed = self.publicly_listed(row.as_of).await?;
            let cases: Vec<_> = self
                .counted_cases(row.as_of)
                .await?
                .into_iter()
                .filter(|c| listed.contains(&c.id))
                .collect();
            out.push((
                parse(&row.cells)?,
                figures(&cases, &listed, &places).listing(),
            ));
        }
        Ok(out)
    }

    /// The aggregate of disciplinary outcomes for `caller`, as of the end of the last closed
    /// quarter: of every case, or of those of the jurisdiction `jurisdiction` and those within
    /// it. A jurisdiction that holds every organization is the whole. Another's figures are
    /// exact for a caller who may list its every case; anyone else gets what the whole's answer
    /// to them gives of it, and no more ([`disclosure::part_of`]).
    pub async fn disciplinary_outcomes(
        &self,
        caller: &Caller,
        jurisdiction: Option<i64>,
    ) -> AppResult<Snapshot> {
        let as_of = last_quarter_end(Utc::now());
        let tree = self.org_tree().await?;
        let part = jurisdiction.and_then(|j| {
            let within = tree.organizations_within(&[j]);
            (within.len() < tree.organization_count()).then_some((j, within))
        });
        let Some((j, within)) = part else {
            return self
                .disciplinary_outcomes_as_of(Audience::of(caller, None), as_of)
                .await;
        };
        let audience = Audience::of(caller, Some(&within));
        let table = match audience {
            Audience::Party => {
                let cases: Vec<_> = self
                    .counted_cases(as_of)
                    .await?
                    .into_iter()
                    .filter(|c| {
                        c.owner_org_id
                            .is_some_and(|o| within.binary_search(&o).is_ok())
                    })
                    .collect();
                let all: HashSet<i64> = cases.iter().map(|c| c.id).collect();
                disclosure::exact(&figures(&cases, &all, &Places::of(&tree, Some(j))))
            }
            Audience::Public => {
                let whole = self
                    .disciplinary_outcomes_as_of(Audience::Public, as_of)
                    .await?;
                let keys = Places::of(&tree, Some(j)).keys;
                disclosure::part_of(&whole.table, JURISDICTION, &keys)
            }
        };
        Ok(Snapshot {
            as_of,
            audience,
            table,
        })
    }

    /// The answer for `audience` as of `as_of`: the stored one, or one made, stored and read
    /// back, so that every caller of the class gets the first one written.
    pub async fn disciplinary_outcomes_as_of(
        &self,
        audience: Audience,
        as_of: NaiveDate,
    ) -> AppResult<Snapshot> {
        if let Some(found) = self.stored_snapshot(as_of, audience).await? {
            return Ok(found);
        }
        let cases = self.counted_cases(as_of).await?;
        let places = Places::of(&*self.org_tree().await?, None);
        let table = match audience {
            Audience::Party => {
                let all: HashSet<i64> = cases.iter().map(|c| c.id).collect();
                disclosure::exact(&figures(&cases, &all, &places))
            }
            Audience::Public => {
                let listed = self.publicly_listed(as_of).await?;
                let earlier = self.earlier_public_answers(as_of).await?;
                disclosure::protect(&figures(&cases, &listed, &places), &earlier)
            }
        };
        let cells = serde_json::to_string(&table)
            .map_err(|e| AppError::Database(sea_orm::DbErr::Custom(e.to_string())))?;
        {
            use entity::statistics_snapshot::{ActiveModel, Column, Entity};
            use sea_orm::ActiveValue::{NotSet, Set};
            Entity::insert(ActiveModel {
                id: NotSet,
                as_of: Set(as_of),
                audience: Set(audience.as_str().to_owned()),
                cells: Set(cells),
                created_at: Set(Utc::now()),
            })
            .on_conflict(
                OnConflict::columns([Column::AsOf, Column::Audience])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await?;
        }
        self.stored_snapshot(as_of, audience).await?.ok_or_else(|| {
            AppError::Database(sea_orm::DbErr::Custom(
                "a statistics snapshot was written and is not there".to_owned(),
            ))
        })
    }

    /// The execution of the decisions the caller may see as of `as_of`, each judged by
    /// [`crate::progress::decision`]: (all, completed, overdue).
    pub async fn decision_execution(
        &self,
        caller: &Caller,
        jurisdiction: Option<i64>,
        as_of: NaiveDate,
    ) -> AppResult<(u64, u64, u64)> {
        use entity::enums::ExecutionStatus;
        let decisions: Vec<(i64, ExecutionStatus)> =
            Self::counted::<entity::decision::Entity>(caller, jurisdiction)
                .select_only()
                .column(entity::decision::Column::Id)
                .column(entity::decision::Column::ExecutionStatus)
                .into_tuple()
                .all(&self.db)
                .await?;
        let mut milestones: BTreeMap<i64, Vec<ExecutionStatus>> = BTreeMap::new();
        let ids: Vec<i64> = decisions.iter().map(|(id, _)| *id).collect();
        for chunk in ids.chunks(1000) {
            let rows: Vec<(i64, ExecutionStatus, NaiveDate, Option<NaiveDate>)> =
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
            for (decision, stored, due, done) in rows {
                milestones
                    .entry(decision)
                    .or_default()
                    .push(crate::progress::milestone(stored, due, done, as_of));
            }
        }
        let (mut completed, mut overdue) = (0, 0);
        for (id, stored) in &decisions {
            let states = milestones.remove(id).unwrap_or_default();
            match crate::progress::decision(*stored, states) {
                ExecutionStatus::Completed => completed += 1,
                ExecutionStatus::Overdue => overdue += 1,
                _ => {}
            }
        }
        Ok((decisions.len() as u64, completed, overdue))
    }

    /// The pre-appointment notices the caller may see, as of `as_of`: (ended, ended after at
    /// least five working days, open). A notice not yet started is not counted.
    pub async fn notice_periods(
        &self,
        caller: &Caller,
        jurisdiction: Option<i64>,
        as_of: NaiveDate,
    ) -> AppResult<(u64, u64, u64)> {
        let notices: Vec<(Option<NaiveDate>, Option<NaiveDate>)> =
            Self::counted::<entity::appointment::Entity>(caller, jurisdiction)
                .select_only()
                .column(entity::appointment::Column::NoticeStart)
                .column(entity::appointment::Column::NoticeEnd)
                .into_tuple()
                .all(&self.db)
                .await?;
        let (mut ended, mut kept, mut open) = (0, 0, 0);
        for (start, end) in notices {
            let (Some(start), Some(end)) = (start, end) else {
                continue;
            };
            match crate::progress::notice(start, end, as_of) {
                crate::progress::Notice::Ended => {
                    ended += 1;
                    if self.calendar().working_days(start, end) >= 5 {
                        kept += 1;
                    }
                }
                crate::progress::Notice::Open => open += 1,
                crate::progress::Notice::NotStarted => {}
            }
        }
        Ok((ended, kept, open))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_close_at_midnight_in_the_county() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).map(|t| t.to_utc());
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        for (now, end) in [
            ("2026-12-03T10:00:00Z", day(2026, 9, 30)),
            ("2026-09-30T15:59:59Z", day(2026, 6, 30)),
            ("2026-09-30T16:00:00Z", day(2026, 9, 30)),
            ("2026-01-01T00:00:00Z", day(2025, 12, 31)),
            ("2025-12-31T15:00:00Z", day(2025, 9, 30)),
        ] {
            assert_eq!(at(now).ok().map(last_quarter_end), end, "{now}");
        }
        assert_eq!(
            day(2026, 9, 30).map(closing),
            at("2026-09-30T16:00:00Z").ok()
        );
    }
}
