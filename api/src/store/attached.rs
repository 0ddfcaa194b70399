//! What a record holds beside its own row: the audience of a RESTRICTED record, and the parts
//! its input gives whole (a procedure's steps and edges, a meeting's attendance and agenda, a
//! decision's milestones).

use entity::enums::{RecordKind, Scope};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, Statement,
};

use super::{
    Record, Store,
    plan::{Member, Parts},
    writable::Author,
};
use crate::{
    access::Role,
    db::placeholder,
    error::{AppError, AppResult},
};

impl Store {
    /// Replaces the audience of the record `id` of `E` when `given`, and checks that a
    /// RESTRICTED record has one and that it lies within the caller's reach.
    pub(crate) async fn write_audience<E: Record>(
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
                            && super::validate::one_i64(
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
pub(crate) async fn write_parts(
    txn: &DatabaseTransaction,
    kind: RecordKind,
    id: i64,
    parts: Parts,
) -> AppResult<()> {
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
        Parts::Attachments(rows) => {
            use entity::attachment::{Column, Entity};
            Entity::delete_many()
                .filter(Column::RecordKind.eq(kind))
                .filter(Column::RecordId.eq(id))
                .exec(txn)
                .await?;
            for (i, (_, mut row)) in rows.into_iter().enumerate() {
                row.record_kind = Set(kind);
                row.record_id = Set(id);
                row.position = Set(i as i32 + 1);
                row.insert(txn).await?;
            }
        }
        Parts::Passages(rows) => {
            use entity::passage::{Column, Entity};
            Entity::delete_many()
                .filter(Column::ExerciseId.eq(id))
                .exec(txn)
                .await?;
            for (i, mut row) in rows.into_iter().enumerate() {
                row.exercise_id = Set(id);
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
