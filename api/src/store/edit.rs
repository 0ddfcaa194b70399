//! Writing records: create a draft, change a draft, correct a published record (更正).
//!
//! Every write runs in one transaction: the caller's right and the version are checked against
//! the stored row, the input is applied, the rules that need other records are checked, the
//! record's parts and audience are replaced when given, the search documents are rebuilt, a
//! correction is kept as a new public version, and the audit entry is appended. A write that
//! fails at any point leaves nothing behind.

use entity::enums::{PublicationStatus, RecordKind, Scope};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ActiveValue, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, IntoActiveModel, QueryFilter, Statement,
};
use std::str::FromStr as _;

pub use super::plan::{Check, Member, Parts, Plan, StepDraft};
use super::{
    Record, Store,
    plan::{expect_version, snapshot},
};
use crate::{
    access::{Caller, Role, writing},
    audit,
    db::placeholder,
    error::{AppError, AppResult},
};

/// Which write.
#[derive(Debug, Clone)]
pub enum Target {
    /// A new draft, owned by `owner` (the caller's only organization when not given).
    Create {
        /// The owning organization.
        owner: Option<i64>,
    },
    /// A change to the draft `id` at version `expected`.
    Update {
        /// The record.
        id: i64,
        /// The version the caller read.
        expected: i32,
    },
    /// A correction (更正) of the published record `id` at version `expected`: a new public
    /// version, with a reason.
    Correct {
        /// The record.
        id: i64,
        /// The version the caller read.
        expected: i32,
        /// Why, shown with the version.
        reason: String,
        /// Withhold the values of earlier versions (content that must not stay public).
        withdraw_previous: bool,
    },
}

/// Where a record stands after a write.
#[derive(Debug, Clone, Copy)]
pub struct Saved {
    /// The record's id.
    pub id: i64,
    /// Its status.
    pub status: PublicationStatus,
    /// Its version.
    pub version: i32,
}

/// A record kind that can be written through [`Store::save`].
pub trait Editable: Record + crate::search::Searchable {
    /// The record as people name it in messages, e.g. `power`.
    const NOUN: &'static str;
    /// Columns a new record must be given: `(input field, column)`.
    const REQUIRED: &'static [(&'static str, &'static str)];

    /// Rules on the record as it will be stored, checked before anything is written: a
    /// pure rule fails here; a rule that needs other rows is returned as a [`Check`].
    fn rules(
        _model: &Self::Model,
        _calendar: &crate::calendar::Calendar,
        _plan: &Plan,
    ) -> AppResult<Vec<Check>> {
        Ok(Vec::new())
    }

    /// Values a new record starts with, before the input is applied.
    fn defaults(_active: &mut Self::ActiveModel) {}
}

/// The `Editable` implementation of a kind: its noun, the input fields a new record needs,
/// the values it starts with and the rules on it.
macro_rules! editable {
    ($module:ident: $noun:literal requires [$(($field:literal, $column:literal)),* $(,)?]
       $(defaults |$a:ident| $defaults:block)? $(rules $rules:path)?) => {
        impl $crate::store::edit::Editable for entity::$module::Entity {
            const NOUN: &'static str = $noun;
            const REQUIRED: &'static [(&'static str, &'static str)] = &[$(($field, $column)),*];
            $(
            fn rules(
                model: &Self::Model,
                calendar: &$crate::calendar::Calendar,
                plan: &$crate::store::edit::Plan,
            ) -> $crate::error::AppResult<Vec<$crate::store::edit::Check>> {
                $rules(model, calendar, plan)
            }
            )?
            $(
            fn defaults($a: &mut Self::ActiveModel) $defaults
            )?
        }
    };
}
pub(crate) use editable;

/// The column `name` of `E`.
fn column<E: EntityTrait>(name: &str) -> AppResult<E::Column> {
    E::Column::from_str(name)
        .map_err(|_| AppError::Database(sea_orm::DbErr::Custom(format!("no column {name}"))))
}

/// Who a write is made for.
#[derive(Clone, Copy)]
pub enum Author<'a> {
    /// A caller writing through the API: what the input names must be visible to the caller,
    /// and an audience must lie within the caller's reach.
    Caller(&'a Caller),
    /// The publication of a record by the caller, drafting a bulletin from a template
    /// ([`super::templates`]): its owner, scope and audience are copied from the record just
    /// published, so they are written as they are; the audit entry says so.
    Template(&'a Caller, &'a str),
}

impl<'a> Author<'a> {
    fn caller(self) -> &'a Caller {
        match self {
            Author::Caller(caller) | Author::Template(caller, _) => caller,
        }
    }
}

impl Store {
    /// Writes `target` for `caller`: `apply` sets the record's columns from the input and notes
    /// in the [`Plan`] what else the input asks for.
    pub async fn save<E>(
        &self,
        caller: &Caller,
        target: Target,
        apply: impl FnOnce(&mut E::ActiveModel, &mut Plan) -> AppResult<()>,
    ) -> AppResult<Saved>
    where
        E: Editable,
        E::Model: IntoActiveModel<E::ActiveModel> + serde::Serialize,
        E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
        E::PrimaryKey: sea_orm::PrimaryKeyTrait<ValueType = i64>,
    {
        writing::may_write(caller).map_err(refused)?;
        if let Target::Correct { reason, .. } = &target
            && reason.trim().is_empty()
        {
            return Err(AppError::bad_input("reason", "say why, for the record"));
        }
        // Read before the write lock is taken, as every read beside the transaction.
        let tree = self.org_tree().await?;
        let txn = crate::db::begin_write(self.connection()).await?;
        let saved = self
            .write::<E>(&txn, &tree, Author::Caller(caller), target, apply)
            .await?;
        txn.commit().await?;
        self.signal.wake();
        Ok(saved)
    }

    /// The one write path of every record, inside the transaction `txn`: [`Self::save`] runs it
    /// for a caller, and a publication runs it to draft a bulletin in the publication's own
    /// transaction. It checks the version, applies the input, checks the rules, writes parts,
    /// audience and search documents, keeps a corrected version and appends the audit entry.
    /// `tree` is the organization tree, read before the transaction began.
    pub(crate) async fn write<E>(
        &self,
        txn: &DatabaseTransaction,
        tree: &crate::access::OrgTree,
        author: Author<'_>,
        target: Target,
        apply: impl FnOnce(&mut E::ActiveModel, &mut Plan) -> AppResult<()>,
    ) -> AppResult<Saved>
    where
        E: Editable,
        E::Model: IntoActiveModel<E::ActiveModel> + serde::Serialize,
        E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
        E::PrimaryKey: sea_orm::PrimaryKeyTrait<ValueType = i64>,
    {
        let caller = author.caller();
        let Some(actor) = caller.subject() else {
            return Err(AppError::forbidden(
                "writing needs a token: anonymous callers only read",
            ));
        };
        let role = caller.role();
        let template = matches!(author, Author::Template(..));
        let now = self.now();
        let mut plan = Plan::default();
        // The record as stored before, and the active model the input is applied to.
        let (existing, existing_json, mut active) = match &target {
            Target::Create { owner } if template => {
                let mut active = E::ActiveModel::default();
                E::defaults(&mut active);
                active.set(column::<E>("owner_org_id")?, (*owner).into());
                active.set(column::<E>("status")?, PublicationStatus::Draft.into());
                active.set(column::<E>("version")?, 1i32.into());
                active.set(column::<E>("created_at")?, now.into());
                (None, None, active)
            }
            Target::Create { owner } => {
                let owner = writing::owner_of_new(caller, E::KIND, *owner).map_err(refused)?;
                // An admin may name any organization, which must exist and be visible.
                if let Some(owner) = owner
                    && role == Role::Admin
                {
                    plan.reference("owner", RecordKind::Organization, owner);
                }
                let mut active = E::ActiveModel::default();
                E::defaults(&mut active);
                active.set(column::<E>("owner_org_id")?, owner.into());
                active.set(column::<E>("status")?, PublicationStatus::Draft.into());
                active.set(column::<E>("version")?, 1i32.into());
                active.set(column::<E>("created_at")?, now.into());
                (None, None, active)
            }
            Target::Update { id, expected } | Target::Correct { id, expected, .. } => {
                let row = Self::visible_row::<E>(txn, caller, *id).await?;
                let change = match target {
                    Target::Update { .. } => writing::Change::Edit,
                    _ => writing::Change::Correct,
                };
                writing::may_change(caller, E::owner_of(&row)).map_err(refused)?;
                expect_version(E::version_of(&row), *expected)?;
                writing::fits(change, E::status_of(&row)).map_err(refused)?;
                let version = E::version_of(&row);
                let before = snapshot::<E>(txn, *id).await?;
                let mut active = row.clone().into_active_model();
                active.set(column::<E>("version")?, (version + 1).into());
                (Some(row), before, active)
            }
        };
        apply(&mut active, &mut plan)?;
        active.set(column::<E>("updated_at")?, now.into());
        if existing.is_none() {
            for (field, name) in E::REQUIRED.iter().chain(&[("input.scope", "scope")]) {
                if matches!(active.get(column::<E>(name)?), ActiveValue::NotSet) {
                    return Err(AppError::bad_input(
                        field,
                        format!("a new {} needs this", E::NOUN),
                    ));
                }
            }
        }
        // Rules that must hold before the row is written.
        let owner = match active.get(column::<E>("owner_org_id")?).into_value() {
            Some(sea_orm::Value::BigInt(owner)) => owner,
            _ => None,
        };
        for check in plan
            .checks
            .iter()
            .filter(|c| matches!(c, Check::Unique { .. }))
        {
            self.check(txn, existing.as_ref().map(E::id_of), owner, check, tree)
                .await?;
        }
        let id = match &existing {
            Some(row) => {
                let id = E::id_of(row);
                let done = E::update_many()
                    .set(active)
                    .filter(E::id_column().eq(id))
                    .filter(column::<E>("version")?.eq(E::version_of(row)))
                    .exec(txn)
                    .await?;
                if done.rows_affected != 1 {
                    return Err(AppError::conflict(
                        "the record changed while you wrote: read it again",
                    ));
                }
                id
            }
            None => {
                let id = E::insert(active).exec(txn).await?.last_insert_id;
                if owner.is_none() && E::KIND == RecordKind::Organization && !template {
                    E::update_many()
                        .col_expr(
                            column::<E>("owner_org_id")?,
                            sea_orm::sea_query::Expr::value(id),
                        )
                        .filter(E::id_column().eq(id))
                        .exec(txn)
                        .await?;
                }
                id
            }
        };
        // The record as stored: every other rule is checked on it.
        let model = E::find()
            .filter(E::id_column().eq(id))
            .one(txn)
            .await?
            .ok_or_else(|| AppError::Database(sea_orm::DbErr::RecordNotFound(E::TABLE.into())))?;
        // The records the input names, read once per kind.
        let mut seen: Vec<(RecordKind, std::collections::HashSet<i64>)> = Vec::new();
        for (_, kind, _) in &plan.refs {
            if seen.iter().any(|(k, _)| k == kind) {
                continue;
            }
            let ids: Vec<i64> = plan
                .refs
                .iter()
                .filter(|(_, k, _)| k == kind)
                .map(|(_, _, id)| *id)
                .collect();
            seen.push((*kind, Self::visible_ids(txn, caller, *kind, ids).await?));
        }
        for (path, kind, target) in &plan.refs {
            let visible = seen
                .iter()
                .any(|(k, ids)| k == kind && ids.contains(target));
            if !visible {
                return Err(AppError::bad_input(
                    path,
                    format!(
                        "there is no {} with this id that you can see",
                        kind_noun(*kind)
                    ),
                ));
            }
        }
        let mut checks = std::mem::take(&mut plan.checks);
        checks.extend(E::rules(&model, self.calendar(), &plan)?);
        for check in checks.iter().filter(|c| !matches!(c, Check::Unique { .. })) {
            self.check(txn, Some(id), owner, check, tree).await?;
        }
        self.write_audience::<E>(
            txn,
            author,
            id,
            E::scope_of(&model),
            existing
                .as_ref()
                .is_some_and(|row| E::scope_of(row) == Scope::Restricted),
            plan.audience.take(),
        )
        .await?;
        for parts in std::mem::take(&mut plan.parts) {
            write_parts(txn, id, parts).await?;
        }
        crate::search::reindex::<E>(txn, std::slice::from_ref(&model)).await?;
        let version = E::version_of(&model);
        let (action, note) = match &target {
            Target::Create { .. } => (
                "create",
                match author {
                    Author::Template(_, note) => Some(note),
                    Author::Caller(_) => None,
                },
            ),
            Target::Update { .. } => ("update", None),
            Target::Correct {
                reason,
                withdraw_previous,
                ..
            } => {
                crate::store::versions::keep::<E>(
                    txn,
                    &model,
                    now,
                    Some(reason.trim()),
                    *withdraw_previous,
                )
                .await?;
                ("correct", Some(reason.trim()))
            }
        };
        let after = snapshot::<E>(txn, id).await?;
        audit::append_at(
            txn,
            now,
            &audit::Entry {
                actor,
                person: caller.person(),
                role: role.as_str(),
                action,
                record: Some((E::KIND, id)),
                before: existing_json,
                after,
                note,
            },
        )
        .await?;
        super::changes::record::<E>(txn, &model, action, now, self.embargo_window).await?;
        Ok(Saved {
            id,
            status: E::status_of(&model),
            version,
        })
    }
}

/// The refusal of a write, as the API answers it.
fn refused(refusal: writing::Refusal) -> AppError {
    match refusal {
        writing::Refusal::NameTheOwner => {
            AppError::bad_input("owner", "name the organization that will own the record")
        }
        writing::Refusal::Forbidden(message) => AppError::forbidden(message),
    }
}

/// The kind as people name it in messages.
pub fn kind_noun(kind: RecordKind) -> &'static str {
    super::with_record!(kind, E => <E as Editable>::NOUN)
}

/// One value as SQL wants it.
fn one_i64(row: &Option<sea_orm::QueryResult>, name: &str) -> AppResult<i64> {
    Ok(row
        .as_ref()
        .map(|r| r.try_get::<i64>("", name))
        .transpose()?
        .unwrap_or(0))
}

impl Store {
    /// Which of the records `ids` of `kind` exist and `caller` may see.
    async fn visible_ids(
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
    async fn check(
        &self,
        txn: &DatabaseTransaction,
        id: Option<i64>,
        owner: Option<i64>,
        check: &Check,
        tree: &crate::access::OrgTree,
    ) -> AppResult<()> {
        let backend = txn.get_database_backend();
        match check {
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

    /// Replaces the audience of the record `id` of `E` when `given`, and checks that a
    /// RESTRICTED record has one and that it lies within the caller's reach.
    async fn write_audience<E: Record>(
        &self,
        txn: &DatabaseTransaction,
        author: Author<'_>,
        id: i64,
        scope: Scope,
        was_restricted: bool,
        given: Option<Vec<(String, Member)>>,
    ) -> AppResult<()> {
        let caller = author.caller();
        use entity::record_audience::{ActiveModel, Column, Entity};
        let stored = || {
            Entity::find()
                .filter(Column::RecordKind.eq(E::KIND))
                .filter(Column::RecordId.eq(id))
        };
        if scope != Scope::Restricted {
            if given.as_ref().is_some_and(|g| !g.is_empty()) {
                return Err(AppError::bad_input(
                    "input.audience",
                    "only a RESTRICTED record has an audience; set scope to RESTRICTED or leave the audience out",
                ));
            }
            // Only a record that was RESTRICTED has an audience to drop.
            if was_restricted {
                Entity::delete_many()
                    .filter(Column::RecordKind.eq(E::KIND))
                    .filter(Column::RecordId.eq(id))
                    .exec(txn)
                    .await?;
            }
            return Ok(());
        }
        let Some(members) = given else {
            use sea_orm::PaginatorTrait as _;
            if stored().count(txn).await? == 0 {
                return Err(AppError::bad_input(
                    "input.audience",
                    "a RESTRICTED record needs an audience: the organizations or people who may see it",
                ));
            }
            return Ok(());
        };
        if members.is_empty() {
            return Err(AppError::bad_input(
                "input.audience",
                "a RESTRICTED record needs an audience: the organizations or people who may see it",
            ));
        }
        let reach = self
            .org_tree()
            .await?
            .with_descendants(caller.organizations());
        let backend = txn.get_database_backend();
        // A template copies the audience of a record already stored, checked when it was written.
        let checked = matches!(author, Author::Caller(_));
        for (path, member) in members.iter().filter(|_| checked) {
            let within = match member {
                Member::Organization(org) => {
                    if !Self::visible_ids(txn, caller, RecordKind::Organization, vec![*org])
                        .await?
                        .contains(org)
                    {
                        return Err(AppError::bad_input(
                            path,
                            "there is no organization with this id that you can see",
                        ));
                    }
                    caller.role() == Role::Admin || reach.contains(org)
                }
                Member::Person(person) => {
                    if !Self::visible_ids(txn, caller, RecordKind::Person, vec![*person])
                        .await?
                        .contains(person)
                    {
                        return Err(AppError::bad_input(
                            path,
                            "there is no person with this id that you can see",
                        ));
                    }
                    caller.role() == Role::Admin
                        || {
                            let marks: Vec<String> = (0..reach.len())
                                .map(|i| placeholder(backend, i + 2))
                                .collect();
                            let mut values: Vec<sea_orm::Value> = vec![(*person).into()];
                            values.extend(reach.iter().map(|o| sea_orm::Value::from(*o)));
                            !reach.is_empty()
                            && one_i64(
                                &txn.query_one_raw(Statement::from_sql_and_values(
                                    backend,
                                    format!(
                                        "SELECT COUNT(*) AS n FROM memberships m JOIN posts p ON p.id = m.post_id \
                                         WHERE m.person_id = {} AND m.end_on IS NULL AND p.organization_id IN ({})",
                                        placeholder(backend, 1),
                                        marks.join(", ")
                                    ),
                                    values,
                                ))
                                .await?,
                                "n",
                            )? > 0
                        }
                }
            };
            if !within {
                return Err(AppError::bad_input(
                    path,
                    "this is outside your reach: an audience names your organizations, those below them, or people who hold a post in them",
                ));
            }
        }
        Entity::delete_many()
            .filter(Column::RecordKind.eq(E::KIND))
            .filter(Column::RecordId.eq(id))
            .exec(txn)
            .await?;
        let mut seen = std::collections::HashSet::new();
        for (_, member) in members {
            if !seen.insert(member) {
                continue;
            }
            let (organization, person) = match member {
                Member::Organization(o) => (Some(o), None),
                Member::Person(p) => (None, Some(p)),
            };
            ActiveModel {
                id: ActiveValue::NotSet,
                record_kind: ActiveValue::Set(E::KIND),
                record_id: ActiveValue::Set(id),
                organization_id: ActiveValue::Set(organization),
                person_id: ActiveValue::Set(person),
            }
            .insert(txn)
            .await?;
        }
        Ok(())
    }
}

/// Replaces parts of the record `id` with `parts`.
async fn write_parts(txn: &DatabaseTransaction, id: i64, parts: Parts) -> AppResult<()> {
    use ActiveValue::Set;
    match parts {
        Parts::Procedure { steps, edges } => {
            use entity::{procedure_edge, procedure_step, risk_point, supervision_measure};
            let old: Vec<i64> = procedure_step::Entity::find()
                .filter(procedure_step::Column::ProcedureId.eq(id))
                .all(txn)
                .await?
                .into_iter()
                .map(|s| s.id)
                .collect();
            procedure_edge::Entity::delete_many()
                .filter(procedure_edge::Column::ProcedureId.eq(id))
                .exec(txn)
                .await?;
            risk_point::Entity::delete_many()
                .filter(risk_point::Column::StepId.is_in(old.clone()))
                .exec(txn)
                .await?;
            supervision_measure::Entity::delete_many()
                .filter(supervision_measure::Column::StepId.is_in(old))
                .exec(txn)
                .await?;
            procedure_step::Entity::delete_many()
                .filter(procedure_step::Column::ProcedureId.eq(id))
                .exec(txn)
                .await?;
            let mut keys = std::collections::HashMap::new();
            for draft in steps {
                let mut step = draft.step;
                step.procedure_id = Set(id);
                let key = match &step.key {
                    ActiveValue::Set(k) | ActiveValue::Unchanged(k) => k.clone(),
                    ActiveValue::NotSet => String::new(),
                };
                let step = step.insert(txn).await?;
                keys.insert(key, step.id);
                for mut risk in draft.risks {
                    risk.step_id = Set(step.id);
                    risk.insert(txn).await?;
                }
                for mut measure in draft.measures {
                    measure.step_id = Set(step.id);
                    measure.insert(txn).await?;
                }
            }
            for (i, (from, to, label)) in edges.into_iter().enumerate() {
                let find = |key: &str, end: &str| {
                    keys.get(key).copied().ok_or_else(|| {
                        AppError::bad_input(
                            &format!("input.edges[{i}].{end}"),
                            format!("no step has the key {key:?}"),
                        )
                    })
                };
                procedure_edge::ActiveModel {
                    id: ActiveValue::NotSet,
                    procedure_id: Set(id),
                    from_step_id: Set(find(&from, "from")?),
                    to_step_id: Set(find(&to, "to")?),
                    label: Set(label),
                }
                .insert(txn)
                .await?;
            }
        }
        Parts::Attendance(rows) => {
            use entity::attendance::{Column, Entity};
            Entity::delete_many()
                .filter(Column::MeetingId.eq(id))
                .exec(txn)
                .await?;
            for mut row in rows {
                row.meeting_id = Set(id);
                row.insert(txn).await?;
            }
        }
        Parts::Milestones(rows) => {
            use entity::milestone::{Column, Entity};
            Entity::delete_many()
                .filter(Column::DecisionId.eq(id))
                .exec(txn)
                .await?;
            for (i, mut row) in rows.into_iter().enumerate() {
                row.decision_id = Set(id);
                row.position = Set(i as i32 + 1);
                row.insert(txn).await?;
            }
        }
        Parts::Agenda(rows) => {
            use entity::agenda_item::{Column, Entity};
            use sea_orm::QueryOrder as _;
            let old = Entity::find()
                .filter(Column::MeetingId.eq(id))
                .order_by_asc(Column::Position)
                .all(txn)
                .await?;
            let keep = rows.len();
            for (i, mut row) in rows.into_iter().enumerate() {
                row.meeting_id = Set(id);
                row.position = Set(i as i32 + 1);
                match old.get(i) {
                    Some(stored) => {
                        row.id = ActiveValue::Unchanged(stored.id);
                        row.update(txn).await?;
                    }
                    None => {
                        row.insert(txn).await?;
                    }
                }
            }
            for stored in old.iter().skip(keep) {
                let used = entity::decision::Entity::find()
                    .filter(entity::decision::Column::AgendaItemId.eq(stored.id))
                    .one(txn)
                    .await?;
                if let Some(decision) = used {
                    return Err(AppError::bad_input(
                        "input.agenda",
                        format!(
                            "agenda item {} ({}) is named by the decision {:?}; keep it, or change that decision first",
                            stored.position, stored.title, decision.title
                        ),
                    ));
                }
                Entity::delete_by_id(stored.id).exec(txn).await?;
            }
        }
    }
    Ok(())
}
