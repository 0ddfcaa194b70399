//! What every write leaves behind, in its own transaction: the record's search documents, a
//! corrected record's new public version, the audit entry, and the change-feed event.

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseTransaction, IntoActiveModel};

use super::writable::{Author, Editable, Target};
use crate::{audit, error::AppResult};

/// The record's row as the audit entry keeps it, before a write (none for a new record) and
/// after it.
pub(crate) struct Snapshots {
    pub before: Option<serde_json::Value>,
    pub after: serde_json::Value,
}

/// The trail of one write of `model`, a record of `E`, as `author` wrote it at `now`, with the
/// snapshots of its row before and after the write.
pub(crate) async fn leave<E>(
    txn: &DatabaseTransaction,
    author: Author<'_>,
    target: &Target,
    model: &E::Model,
    snapshots: Snapshots,
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
    super::changes::record_with_entry::<E>(
        txn,
        &audit::Entry {
            actor: caller.subject().unwrap_or_default(),
            person: caller.person(),
            role: caller.role().as_str(),
            action,
            record: Some((E::KIND, id)),
            before: snapshots.before,
            after: Some(snapshots.after),
            note,
        },
        model,
        action,
        now,
        embargo_window,
    )
    .await?;
    Ok(())
}
