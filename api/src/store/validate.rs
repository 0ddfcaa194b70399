//! The checks of a write beyond its input's own: the fields a new record needs, the records an
//! input names (they must exist and be visible to the writer), and the rules that need other
//! rows (unique codes, no cycle of organizations, an existing related record).

use entity::enums::{PublicationStatus, RecordKind};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ActiveValue, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, QueryFilter, Statement,
};

use super::{Record, Store, plan::Check, writable::Editable};
use crate::{
    access::Caller,
    db::placeholder,
    error::{AppError, AppResult},
};

/// Refuses a reported period that ends before it starts, or a report dated before the period
/// it reports on: the rule of every kind that reports on a period.
pub(crate) fn reported_period(
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    reported_on: chrono::NaiveDate,
) -> AppResult<()> {
    if end < start {
        return Err(AppError::bad_input(
            "input.periodEnd",
            "a period cannot end before it starts",
        ));
    }
    if reported_on < start {
        return Err(AppError::bad_input(
            "input.reportedOn",
            "a report cannot come before the period it reports on",
        ));
    }
    Ok(())
}

/// Refuses a new record of `E` that `active` leaves without a field its kind needs.
pub(crate) fn required<E: Editable>(active: &E::ActiveModel) -> AppResult<()>
where
    E::ActiveModel: ActiveModelTrait<Entity = E>,
{
    for (field, name) in E::REQUIRED.iter().chain(&[("input.scope", "scope")]) {
        if matches!(
            active.get(super::writable::column::<E>(name)?),
            ActiveValue::NotSet
        ) {
            return Err(AppError::bad_input(
                field,
                format!("a new {} needs this", E::NOUN),
            ));
        }
    }
    Ok(())
}

impl Store {
    /// Refuses an input that names a record that does not exist or that `caller` may not see,
    /// naming the input field; the records are read once per kind.
    pub(crate) async fn check_references(
        txn: &DatabaseTransaction,
        caller: &Caller,
        refs: &[(String, RecordKind, i64)],
    ) -> AppResult<()> {
        let mut seen: Vec<(RecordKind, std::collections::HashSet<i64>)> = Vec::new();
        for (_, kind, _) in refs {
            if seen.iter().any(|(k, _)| k == kind) {
                continue;
            }
            let ids: Vec<i64> = refs
                .iter()
                .filter(|(_, k, _)| k == kind)
                .map(|(_, _, id)| *id)
                .collect();
            seen.push((*kind, Self::visible_ids(txn, caller, *kind, ids).await?));
        }
        for (path, kind, target) in refs {
            let visible = seen
                .iter()
                .any(|(k, ids)| k == kind && ids.contains(target));
            if !visible {
                return Err(AppError::bad_input(
                    path,
                    format!(
                        "there is no {} with this id that you can see",
                        super::writable::kind_noun(*kind)
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// One value as SQL wants it.
pub(crate) fn one_i64(row: &Option<sea_orm::QueryResult>, name: &str) -> AppResult<i64> {
    Ok(row
        .as_ref()
        .map(|r| r.try_get::<i64>("", name))
        .transpose()?
        .unwrap_or(0))
}

impl Store {
    /// Which of the records `ids` of `kind` exist and `caller` may see.
    pub(crate) async fn visible_ids(
        txn: &DatabaseTransaction,
        caller: &Caller,
        kind: RecordKind,
        ids: Vec<i64>,
    ) -> AppResult<std::collections::HashSet<i64>> {
        async fn visible<E: Record>(
            txn: &DatabaseTransaction,
            caller: &Caller,
            ids: Vec<i64>,
        ) -> AppResult<std::collections::HashSet<i64>> {
            use sea_orm::QuerySelect as _;
            let found: Vec<i64> = Store::scoped::<E>(caller)
                .filter(E::id_column().is_in(ids))
                .select_only()
                .column(E::id_column())
                .into_tuple()
                .all(txn)
                .await?;
            Ok(found.into_iter().collect())
        }
        super::with_record!(kind, E => visible::<E>(txn, caller, ids).await)
    }

    /// Checks one rule for the record `id` of `E` (none yet for a new record), owned by
    /// `owner`.
    pub(crate) async fn check(
        &self,
        txn: &DatabaseTransaction,
        id: Option<i64>,
        owner: Option<i64>,
        check: &Check,
        tree: &crate::access::OrgTree,
        caller: &crate::access::Caller,
    ) -> AppResult<()> {
        let backend = txn.get_database_backend();
        match check {
            Check::InJurisdiction { path, jurisdiction } => {
                if let Some(j) = jurisdiction {
                    use sea_orm::{EntityTrait as _, PaginatorTrait as _, QueryFilter as _};
                    let found = entity::jurisdiction::Entity::find()
                        .filter(entity::jurisdiction::Column::Id.eq(*j))
                        .count(txn)
                        .await?;
                    if found == 0 {
                        return Err(AppError::bad_input(path, "no jurisdiction has this id"));
                    }
                }
                crate::access::writing::may_place(caller, *jurisdiction).map_err(refused)?;
            }
            Check::Unique {
                path,
                table,
                column,
                value,
            } => {
                let row = txn
                    .query_one_raw(Statement::from_sql_and_values(
                        backend,
                        format!(
                            "SELECT COUNT(*) AS n FROM {table} WHERE {column} = {} AND id <> {} \
                             AND owner_org_id = {} AND status <> {}",
                            placeholder(backend, 1),
                            placeholder(backend, 2),
                            placeholder(backend, 3),
                            placeholder(backend, 4)
                        ),
                        [
                            value.clone().into(),
                            id.unwrap_or(0).into(),
                            owner.unwrap_or(0).into(),
                            PublicationStatus::Retracted.to_value().into(),
                        ],
                    ))
                    .await?;
                if one_i64(&row, "n")? > 0 {
                    return Err(AppError::bad_input(
                        path,
                        format!(
                            "{value} is already used by another record of this organization; choose another"
                        ),
                    ));
                }
            }
            Check::FollowsProcedure {
                path,
                procedure,
                passages,
            } => {
                let graph = crate::flow::Graph::load(txn, *procedure).await?;
                if let Err(refusal) = graph.check_path(passages) {
                    return Err(AppError::bad_input(
                        &format!("{path}{}", refusal.at),
                        refusal.message,
                    ));
                }
            }
            Check::NoCycle { path, parent } => {
                if let Some(id) = id
                    && tree.with_descendants(&[id]).contains(parent)
                {
                    return Err(AppError::bad_input(
                        path,
                        "an organization cannot sit below itself or one of its own sub-organizations",
                    ));
                }
            }
            Check::NotBeforeMeeting {
                path,
                date,
                meeting,
            } => {
                let starts = entity::meeting::Entity::find_by_id(*meeting)
                    .one(txn)
                    .await?
                    .map(|m| m.starts_at);
                if let Some(starts) = starts {
                    let day = (starts + chrono::Duration::hours(8)).date_naive();
                    if *date < day {
                        return Err(AppError::bad_input(
                            path,
                            format!(
                                "{date} is before the meeting that took the decision ({day}); a milestone falls due after its decision"
                            ),
                        ));
                    }
                }
            }
            Check::VotesWithinAttendance {
                path,
                total,
                meeting,
                votes_for,
                adopted,
            } => {
                let row = txn
                    .query_one_raw(Statement::from_sql_and_values(
                        backend,
                        format!(
                            "SELECT COUNT(*) AS entitled, \
                             COALESCE(SUM(CASE WHEN present THEN 1 ELSE 0 END), 0) AS present \
                             FROM attendances WHERE meeting_id = {} AND role = {}",
                            placeholder(backend, 1),
                            placeholder(backend, 2)
                        ),
                        [
                            (*meeting).into(),
                            entity::enums::AttendanceRole::Member.to_value().into(),
                        ],
                    ))
                    .await?;
                let entitled = one_i64(&row, "entitled")?;
                let present = one_i64(&row, "present")?;
                if *adopted
                    && entitled > 0
                    && let Some(yes) = votes_for
                    && i64::from(*yes) * 2 <= entitled
                {
                    return Err(AppError::bad_input(
                        path,
                        format!(
                            "a decision is adopted with more than half of the {entitled} members entitled to vote (超过应到会成员半数); {yes} voted for"
                        ),
                    ));
                }
                if entitled > 0 && i64::from(*total) > present {
                    return Err(AppError::bad_input(
                        path,
                        format!(
                            "{total} votes were counted but {present} voting members were present"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The refusal of a write, as the API answers it.
pub(super) fn refused(refusal: crate::access::writing::Refusal) -> AppError {
    use crate::access::writing::Refusal;
    match refusal {
        Refusal::NameTheOwner => {
            AppError::bad_input("owner", "name the organization that will own the record")
        }
        Refusal::Forbidden(message) => AppError::forbidden(message),
    }
}
