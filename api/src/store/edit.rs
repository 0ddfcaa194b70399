//! Writing records: create a draft, change a draft, correct a published record (更正).
//!
//! Every write runs in one transaction, one concern per module: the caller's right
//! (`access::writing`) and the version are checked against the stored row, the input is
//! applied, the fields a new record needs, the records it names and the rules that need other
//! rows are checked ([`super::validate`]), the record's audience and parts are replaced when
//! given ([`super::attached`]), and its search documents, a correction's public version, the
//! audit entry and the change event are written ([`super::trail`]). A write that fails at any
//! point leaves nothing behind.

use entity::enums::{PublicationStatus, RecordKind, Scope};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, IntoActiveModel, QueryFilter};

pub use super::plan::{Check, Member, Parts, Plan, StepDraft};
pub use super::writable::{Author, Editable, Saved, Target, kind_noun};
pub(crate) use super::writable::{column, editable};
use super::{
    Store,
    plan::{expect_version, read_with_snapshot, returned_with_snapshot},
    validate::refused,
};
use crate::{
    access::{Caller, Role, writing},
    error::{AppError, AppResult},
};

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
        let (_writers, txn) = self.begin_write(self.connection()).await?;
        let saved = self
            .write::<E>(&txn, &tree, Author::Caller(caller), target, apply)
            .await?;
        if E::KIND == RecordKind::Organization {
            super::changes::announce_structure(&txn).await?;
        }
        txn.commit().await?;
        if E::KIND == RecordKind::Organization {
            self.structure_changed();
        }
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
        if caller.subject().is_none() {
            return Err(AppError::forbidden(
                "writing needs a token: anonymous callers only read",
            ));
        }
        let template = matches!(author, Author::Template(..));
        let now = self.now();
        let mut plan = Plan::default();
        // The record as stored before, and the active model the input is applied to.
        let (existing, existing_json, mut active) = match &target {
            // A template's draft takes the owner of the record it reports on, as it is.
            Target::Create { owner } if template => (None, None, new_draft::<E>(*owner, now)?),
            Target::Create { owner } => {
                let owner = writing::owner_of_new(caller, E::KIND, *owner).map_err(refused)?;
                // An admin may name any organization, which must exist and be visible.
                if let Some(owner) = owner
                    && caller.role() == Role::Admin
                {
                    plan.reference("owner", RecordKind::Organization, owner);
                }
                (None, None, new_draft::<E>(owner, now)?)
            }
            Target::Update { id, expected } | Target::Correct { id, expected, .. } => {
                let (row, before) = Self::visible_row_with_snapshot::<E>(txn, caller, *id).await?;
                let change = match target {
                    Target::Update { .. } => writing::Change::Edit,
                    _ => writing::Change::Correct,
                };
                writing::may_change(caller, E::owner_of(&row)).map_err(refused)?;
                expect_version(E::version_of(&row), *expected)?;
                writing::fits(change, E::status_of(&row)).map_err(refused)?;
                let version = E::version_of(&row);
                let mut active = row.clone().into_active_model();
                active.set(column::<E>("version")?, (version + 1).into());
                (Some(row), Some(before), active)
            }
        };
        apply(&mut active, &mut plan)?;
        active.set(column::<E>("updated_at")?, now.into());
        if existing.is_none() {
            super::validate::required::<E>(&active)?;
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
            self.check(
                txn,
                existing.as_ref().map(E::id_of),
                owner,
                check,
                tree,
                caller,
            )
            .await?;
        }
        // The record as stored, on which every other rule is checked, and the audit entry's
        // `after`, from the statement that writes the row (`RETURNING *`) or one read after
        // the insert: nothing below changes the record's own row.
        let (id, model, after) = match &existing {
            Some(row) => {
                use sea_orm::{ConnectionTrait as _, QueryTrait as _};
                let id = E::id_of(row);
                let mut update = E::update_many()
                    .set(active)
                    .filter(E::id_column().eq(id))
                    .filter(column::<E>("version")?.eq(E::version_of(row)))
                    .into_query();
                update.returning_all();
                let statement = txn.get_database_backend().build(&update);
                let (model, after) = returned_with_snapshot::<E>(txn, statement)
                    .await?
                    .ok_or_else(|| {
                        AppError::conflict("the record changed while you wrote: read it again")
                    })?;
                (id, model, after)
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
                let (model, after) = stored::<E>(txn, id).await?;
                (id, model, after)
            }
        };
        // An organization named without a jurisdiction belongs to its parent's.
        let (model, after) =
            if E::KIND == RecordKind::Organization && inherit_jurisdiction(txn, id).await? {
                stored::<E>(txn, id).await?
            } else {
                (model, after)
            };
        // The records the input names.
        Self::check_references(txn, caller, &plan.refs).await?;
        let mut checks = std::mem::take(&mut plan.checks);
        checks.extend(E::rules(&model, self.calendar(), &plan)?);
        for check in checks.iter().filter(|c| !matches!(c, Check::Unique { .. })) {
            self.check(txn, Some(id), owner, check, tree, caller)
                .await?;
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
            if let Parts::Attachments(rows) = &parts {
                Self::check_attachable(txn, caller, E::KIND, id, rows).await?;
            }
            super::attached::write_parts(txn, E::KIND, id, parts).await?;
        }
        super::trail::leave::<E>(
            txn,
            author,
            &target,
            &model,
            super::trail::Snapshots {
                before: existing_json,
                after,
            },
            now,
            self.embargo_window,
        )
        .await?;
        Ok(Saved {
            id,
            status: E::status_of(&model),
            version: E::version_of(&model),
        })
    }
}

/// A new draft of `E` owned by `owner`, made at `now`, with its kind's starting values.
fn new_draft<E: Editable>(
    owner: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<E::ActiveModel>
where
    E::ActiveModel: ActiveModelTrait<Entity = E>,
{
    let mut active = E::ActiveModel::default();
    E::defaults(&mut active);
    active.set(column::<E>("owner_org_id")?, owner.into());
    active.set(column::<E>("status")?, PublicationStatus::Draft.into());
    active.set(column::<E>("version")?, 1i32.into());
    active.set(column::<E>("created_at")?, now.into());
    Ok(active)
}

/// The record `id` of `E` as stored, as a model and as the audit entry's JSON of it.
async fn stored<E: Editable>(
    txn: &DatabaseTransaction,
    id: i64,
) -> AppResult<(E::Model, serde_json::Value)> {
    read_with_snapshot(txn, E::find().filter(E::id_column().eq(id)))
        .await?
        .ok_or_else(|| AppError::Database(sea_orm::DbErr::RecordNotFound(E::TABLE.into())))
}

/// Gives the organization `id`, when it has no jurisdiction, the jurisdiction of its parent;
/// whether it did.
async fn inherit_jurisdiction(txn: &DatabaseTransaction, id: i64) -> AppResult<bool> {
    use sea_orm::ConnectionTrait as _;
    let backend = txn.get_database_backend();
    let placeholder = if backend == sea_orm::DbBackend::Postgres {
        "$1"
    } else {
        "?"
    };
    let done = txn
        .execute_raw(sea_orm::Statement::from_sql_and_values(
            backend,
            format!(
                "UPDATE organizations SET jurisdiction_id = (SELECT parents.jurisdiction_id \
             FROM organizations parents WHERE parents.id = organizations.parent_id) \
             WHERE id = {placeholder} AND jurisdiction_id IS NULL AND parent_id IS NOT NULL"
            ),
            [id.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}
