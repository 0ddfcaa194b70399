//! What every write leaves behind, in its own transaction: the record's search documents, a
//! corrected record's new public version, the audit entry, and the change-feed event.

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseTransaction, IntoActiveModel};

use super::writable::{Author, Editable, Target};
use crate::{audit, error::AppResult};

/// The trail of one write of `model`, a record of `E`, as `author` wrote it at `now`: `before`
/// is the record's snapshot before the write (none for a new one), `after` the snapshot of
/// `model` as written.
pub(crate) async fn leave<E>(
    txn: &DatabaseTransaction,
    author: Author<'_>,
    target: &Target,
    model: &E::Model,
    before: Option<serde_json::Value>,
    after: serde_json::Value,
    now: DateTime<Utc>,
    embargo_window: chrono::TimeDelta,
) -> AppResult<()>
where
    E: Editable,
    E::Model: IntoActiveModel<E::ActiveModel> + serde::Serialize,
{
    crate::search::reindex::<E>(txn, std::slice::from_ref(model)).await?;
    let (action, note) = match target {
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
            super::versions::keep::<E>(txn, model, now, Some(reason.trim()), *withdraw_previous)
                .await?;
            ("correct", Some(reason.trim()))
        }
    };
    let caller = author.caller();
    let id = E::id_of(model);
    let entry = audit::append_at(
        txn,
        now,
        &audit::Entry {
            actor: caller.subject().unwrap_or_default(),
            person: caller.person(),
            role: caller.role().as_str(),
            action,
            record: Some((E::KIND, id)),
            before,
            after: Some(after),
            note,
        },
    )
    .await?;
    let turn = super::changes::Turn::of(&entry);
    super::changes::record::<E>(txn, &turn, model, action, now, embargo_window).await?;
    Ok(())
}
