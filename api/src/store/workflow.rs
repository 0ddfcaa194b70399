//! Publication as Art. 15 of the 条例 describes it: 提出 (an editor submits a draft) → 审核 and
//! 审批 (a reviewer who is not the author approves it, or sends it back) → 实施 (it is
//! published, now or at a set time), and retraction. Every step names the version it expects,
//! writes in one transaction, and appends its audit entry in that same transaction.

use chrono::{DateTime, Utc};
use entity::enums::{PublicationStatus, RecordKind, Scope};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait as _, QueryFilter,
    Statement, Value,
};

use super::{
    Record, Store,
    edit::{Author, Member, Target},
    plan::{expect_version, read_with_snapshot, returned_with_snapshot},
};
use crate::{
    access::{
        Caller,
        workflow::{self as rules, Actor, StepKind},
    },
    audit,
    error::{AppError, AppResult},
};

/// A step of the publication procedure.
#[derive(Debug, Clone)]
pub enum Step {
    /// 提出: an editor of the owning organization submits a draft for review.
    Submit,
    /// 审核 not passed: a reviewer sends the record back to its editors, saying why.
    SendBack(String),
    /// 审核 and 审批: a reviewer who is not the author approves the record.
    Approve(Option<String>),
    /// 实施: an approved record is published, at the given time or now.
    Publish(Option<DateTime<Utc>>),
    /// A published record is withdrawn, with a reason; it leaves every read.
    Retract(String),
}

impl Step {
    /// The audit log's name of the step.
    pub fn action(&self) -> &'static str {
        match self {
            Step::Submit => "submit",
            Step::SendBack(_) => "send_back",
            Step::Approve(_) => "approve",
            Step::Publish(_) => "publish",
            Step::Retract(_) => "retract",
        }
    }

    fn note(&self) -> Option<&str> {
        match self {
            Step::SendBack(s) | Step::Retract(s) => Some(s),
            Step::Approve(s) => s.as_deref(),
            _ => None,
        }
    }

    /// The status the step starts from and the one it leads to.
    fn statuses(&self) -> (PublicationStatus, PublicationStatus) {
        use PublicationStatus::*;
        match self {
            Step::Submit => (Draft, Submitted),
            Step::SendBack(_) => (Submitted, Draft),
            Step::Approve(_) => (Submitted, Approved),
            Step::Publish(_) => (Approved, Published),
            Step::Retract(_) => (Published, Retracted),
        }
    }

    /// The step as the rules of [`crate::access::workflow`] name it.
    fn kind(&self) -> StepKind {
        match self {
            Step::Submit => StepKind::Submit,
            Step::SendBack(_) => StepKind::SendBack,
            Step::Approve(_) => StepKind::Approve,
            Step::Publish(_) => StepKind::Publish,
            Step::Retract(_) => StepKind::Retract,
        }
    }
}

impl Store {
    /// The row `id` of `E` inside a write transaction, if `caller` may see it; else
    /// `NOT_FOUND`, as for a record that does not exist.
    pub(super) async fn visible_row<E: Record>(
        txn: &impl ConnectionTrait,
        caller: &Caller,
        id: i64,
    ) -> AppResult<E::Model> {
        Self::scoped::<E>(caller)
            .filter(E::id_column().eq(id))
            .one(txn)
            .await?
            .ok_or_else(|| AppError::not_found("there is no record with this id"))
    }

    /// [`Self::visible_row`], with the audit entry's snapshot of it from the same read.
    pub(super) async fn visible_row_with_snapshot<E: Record>(
        txn: &impl ConnectionTrait,
        caller: &Caller,
        id: i64,
    ) -> AppResult<(E::Model, serde_json::Value)> {
        read_with_snapshot(txn, Self::scoped::<E>(caller).filter(E::id_column().eq(id)))
            .await?
            .ok_or_else(|| AppError::not_found("there is no record with this id"))
    }

    /// Takes `step` on the record `id` of `E` for `caller`, if the record is at
    /// `expected_version`; returns the new status and version.
    pub async fn transition<E: Record>(
        &self,
        caller: &Caller,
        id: i64,
        expected_version: i32,
        step: Step,
    ) -> AppResult<(PublicationStatus, i32)>
    where
        E::Model: serde::Serialize,
    {
        // A publication may draft a bulletin, whose write needs the organization tree: read
        // before the write lock is taken.
        let tree = match step {
            Step::Publish(_) => Some(self.org_tree().await?),
            _ => None,
        };
        let (_writers, txn) = self.begin_write(self.connection()).await?;
        let done = self
            .take_step::<E>(&txn, tree.as_deref(), caller, id, expected_version, step)
            .await?;
        txn.commit().await?;
        self.signal.wake();
        Ok(done)
    }

    /// Takes `step` as [`Self::transition`] does, inside the transaction `txn`; `tree` is the
    /// organization tree, needed when the step is a publication.
    pub(crate) async fn take_step<E: Record>(
        &self,
        txn: &DatabaseTransaction,
        tree: Option<&crate::access::OrgTree>,
        caller: &Caller,
        id: i64,
        expected_version: i32,
        step: Step,
    ) -> AppResult<(PublicationStatus, i32)>
    where
        E::Model: serde::Serialize,
    {
        let Some(actor) = caller.subject() else {
            return Err(AppError::forbidden(
                "publishing needs a token: anonymous callers only read",
            ));
        };
        if let Step::SendBack(text) | Step::Retract(text) = &step
            && text.trim().is_empty()
        {
            let field = if matches!(step, Step::Retract(_)) {
                "reason"
            } else {
                "comment"
            };
            return Err(AppError::bad_input(field, "say why, for the record"));
        }
        let now = self.now();
        let publish_at = match &step {
            Step::Publish(at) => Some(
                rules::publication_time(*at, now)
                    .map_err(|message| AppError::bad_input("publishAt", message))?,
            ),
            _ => None,
        };
        let (row, before) = Self::visible_row_with_snapshot::<E>(txn, caller, id).await?;
        let role = caller.role();
        let (from, to) = step.statuses();
        if !rules::may_take_on(step.kind(), caller, E::owner_of(&row)) {
            return Err(AppError::forbidden(format!(
                "a caller with role {} may not {} this record",
                role.as_str(),
                step.action().replace('_', " ")
            )));
        }
        let version = expect_version(E::version_of(&row), expected_version)?;
        if let Some(at) = publish_at
            && E::KIND == RecordKind::Bulletin
        {
            let related = Self::related_state(txn, id).await?;
            rules::derived_publication(related, at)
                .map_err(|message| AppError::bad_input("publishAt", message))?;
        }
        let status = E::status_of(&row);
        if status != from {
            return Err(AppError::forbidden(format!(
                "only a {} record can {}; this one is {}",
                from.to_value(),
                step.action().replace('_', " "),
                status.to_value()
            )));
        }
        let reviewer = Actor {
            subject: actor,
            person: caller.person(),
        };
        if rules::is_review(step.kind()) && self.authored(txn, E::KIND, id, reviewer).await? {
            return Err(AppError::forbidden(
                "the author of a record cannot review it; another reviewer must",
            ));
        }
        let backend = txn.get_database_backend();
        let mut values: Vec<Value> = vec![to.to_value().into(), now.into()];
        let mut set = format!(
            "status = {}, version = version + 1, updated_at = {}",
            crate::db::placeholder(backend, 1),
            crate::db::placeholder(backend, 2)
        );
        if let Some(at) = publish_at {
            values.push(at.into());
            set.push_str(&format!(
                ", publish_at = {}",
                crate::db::placeholder(backend, values.len())
            ));
        }
        values.push(id.into());
        let id_mark = crate::db::placeholder(backend, values.len());
        values.push(version.into());
        let version_mark = crate::db::placeholder(backend, values.len());
        // The row as stored, and the audit entry's `after`, come back from the update itself;
        // no row means another write moved the version first.
        let (model, after) = returned_with_snapshot::<E>(
            txn,
            Statement::from_sql_and_values(
                backend,
                format!(
                    "UPDATE {} SET {set} WHERE id = {id_mark} AND version = {version_mark} \
                     RETURNING *",
                    E::TABLE
                ),
                values,
            ),
        )
        .await?
        .ok_or_else(|| AppError::conflict("the record changed while you wrote: read it again"))?;
        if let Some(at) = publish_at {
            super::versions::keep::<E>(txn, &model, at, None, false).await?;
        }
        super::changes::record_with_entry::<E>(
            txn,
            &audit::Entry {
                actor,
                person: caller.person(),
                role: role.as_str(),
                action: step.action(),
                record: Some((E::KIND, id)),
                before: Some(before),
                after: Some(after),
                note: step.note(),
            },
            &model,
            step.action(),
            now,
            self.embargo_window,
        )
        .await?;
        if publish_at.is_some() {
            let tree = tree.ok_or_else(|| {
                AppError::Database(sea_orm::DbErr::Custom(
                    "a publication needs the organization tree".to_owned(),
                ))
            })?;
            self.draft_bulletin(txn, tree, caller, E::KIND, id).await?;
        }
        Ok((to, version + 1))
    }

    /// Drafts the bulletin of the record `id` of `kind` just published in `txn`, when its kind
    /// and state have a template ([`super::templates`]): through the one write path, with the
    /// record's owner, scope and audience, as a DRAFT with its own audit entry.
    async fn draft_bulletin(
        &self,
        txn: &DatabaseTransaction,
        tree: &crate::access::OrgTree,
        caller: &Caller,
        kind: RecordKind,
        id: i64,
    ) -> AppResult<()> {
        use super::templates;
        let found = match kind {
            RecordKind::Decision => {
                match entity::decision::Entity::find_by_id(id).one(txn).await? {
                    Some(d) => {
                        let meeting = entity::meeting::Entity::find_by_id(d.meeting_id)
                            .one(txn)
                            .await?;
                        Some((
                            templates::decision(&d, meeting.as_ref(), self.now()),
                            d.scope,
                            d.owner_org_id,
                        ))
                    }
                    None => None,
                }
            }
            RecordKind::Appointment => entity::appointment::Entity::find_by_id(id)
                .one(txn)
                .await?
                .and_then(|a| templates::appointment(&a).map(|t| (t, a.scope, a.owner_org_id))),
            RecordKind::DisciplinaryCase => entity::disciplinary_case::Entity::find_by_id(id)
                .one(txn)
                .await?
                .and_then(|c| templates::case(&c).map(|t| (t, c.scope, c.owner_org_id))),
            _ => None,
        };
        let Some((draft, scope, owner)) = found else {
            return Ok(());
        };
        let audience: Vec<(String, Member)> = if scope == Scope::Restricted {
            use entity::record_audience::{Column, Entity};
            Entity::find()
                .filter(Column::RecordKind.eq(kind))
                .filter(Column::RecordId.eq(id))
                .all(txn)
                .await?
                .into_iter()
                .filter_map(|row| {
                    let member = match (row.organization_id, row.person_id) {
                        (Some(org), _) => Member::Organization(org),
                        (None, Some(person)) => Member::Person(person),
                        (None, None) => return None,
                    };
                    Some(("input.audience".to_owned(), member))
                })
                .collect()
        } else {
            Vec::new()
        };
        let note = templates::note(kind, &self.record_id(kind, id));
        self.write::<entity::bulletin::Entity>(
            txn,
            tree,
            Author::Template(caller, &note),
            Target::Create { owner },
            |a, plan| {
                use sea_orm::ActiveValue::Set;
                a.title = Set(draft.title);
                a.crawl = Set(draft.crawl);
                a.body = Set(draft.body);
                a.category = Set(draft.category);
                a.related_kind = Set(Some(kind));
                a.related_id = Set(Some(id));
                a.scope = Set(scope);
                plan.audience = (scope == Scope::Restricted).then_some(audience);
                Ok(())
            },
        )
        .await?;
        Ok(())
    }

    /// The status and publication time of the record the bulletin `id` reports on, if it
    /// reports on one.
    async fn related_state(
        txn: &DatabaseTransaction,
        id: i64,
    ) -> AppResult<Option<(PublicationStatus, Option<DateTime<Utc>>)>> {
        async fn state<E: Record>(
            txn: &DatabaseTransaction,
            id: i64,
        ) -> AppResult<Option<(PublicationStatus, Option<DateTime<Utc>>)>> {
            Ok(E::find()
                .filter(E::id_column().eq(id))
                .one(txn)
                .await?
                .map(|row| (E::status_of(&row), E::publish_at_of(&row))))
        }
        let Some(bulletin) = entity::bulletin::Entity::find_by_id(id).one(txn).await? else {
            return Ok(None);
        };
        let (Some(kind), Some(related)) = (bulletin.related_kind, bulletin.related_id) else {
            return Ok(None);
        };
        let found = super::with_record!(kind, R => state::<R>(txn, related).await?);
        // A related record that is gone altogether cannot be shown ahead of anything.
        Ok(found)
    }

    /// Whether `reviewer` is the person who wrote or submitted the record: its author, who
    /// may not review it. Each writing entry of the audit log is compared person to person
    /// ([`rules::same_person`]).
    async fn authored(
        &self,
        db: &impl ConnectionTrait,
        kind: entity::enums::RecordKind,
        id: i64,
        reviewer: Actor<'_>,
    ) -> AppResult<bool> {
        let backend = db.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "SELECT DISTINCT actor, actor_person FROM audit_log WHERE record_kind = {} \
                     AND record_id = {} AND action IN ('create', 'update', 'submit', 'correct')",
                    crate::db::placeholder(backend, 1),
                    crate::db::placeholder(backend, 2),
                ),
                [kind.to_value().into(), id.into()],
            ))
            .await?;
        for row in rows {
            let subject: String = row.try_get("", "actor")?;
            let person: Option<i64> = row.try_get("", "actor_person")?;
            let author = Actor {
                subject: &subject,
                person,
            };
            if rules::same_person(author, reviewer) {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
