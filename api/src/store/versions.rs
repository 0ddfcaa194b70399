//! The public versions of a record: each publication and each correction (更正) keeps the
//! record as it was shown, with the time it was shown from and the reason for the change.

use chrono::{DateTime, Utc};
use entity::record_version::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveModelTrait as _, ActiveValue::Set, ColumnTrait as _, ConnectionTrait, EntityTrait as _,
    QueryFilter as _, QueryOrder as _, sea_query::Expr,
};

use super::{Record, Store};
use crate::{
    access::visibility::StateAudience,
    error::{AppError, AppResult},
};

/// Keeps `model` as the version shown from `shown_at`, with the reason for the change; with
/// `withdraw_previous`, the values of every earlier version are withheld from now on.
pub async fn keep<E>(
    db: &impl ConnectionTrait,
    model: &E::Model,
    shown_at: DateTime<Utc>,
    reason: Option<&str>,
    withdraw_previous: bool,
) -> AppResult<()>
where
    E: Record,
    E::Model: serde::Serialize,
{
    let snapshot = serde_json::to_string(model)
        .map_err(|e| AppError::Database(sea_orm::DbErr::Custom(e.to_string())))?;
    let id = E::id_of(model);
    let version = E::version_of(model);
    let audience = if E::scope_of(model) == entity::enums::Scope::Restricted {
        let audience = audience_of(db, E::KIND, id).await?;
        Some(
            serde_json::to_string(&audience)
                .map_err(|e| AppError::Database(sea_orm::DbErr::Custom(e.to_string())))?,
        )
    } else {
        None
    };
    if withdraw_previous {
        Entity::update_many()
            .col_expr(Column::Withdrawn, Expr::value(true))
            .filter(Column::RecordKind.eq(E::KIND))
            .filter(Column::RecordId.eq(id))
            .filter(Column::Version.lt(version))
            .exec(db)
            .await?;
    }
    ActiveModel {
        id: sea_orm::ActiveValue::NotSet,
        record_kind: Set(E::KIND),
        record_id: Set(id),
        version: Set(version),
        shown_at: Set(shown_at),
        reason: Set(reason.map(str::to_owned)),
        snapshot: Set(snapshot),
        withdrawn: Set(false),
        audience: Set(audience),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The audience the record `id` of `kind` has now, as written in this transaction.
async fn audience_of(
    db: &impl ConnectionTrait,
    kind: entity::enums::RecordKind,
    id: i64,
) -> AppResult<StateAudience> {
    use entity::record_audience::{Column as A, Entity as Audiences};
    let mut audience = StateAudience::default();
    for row in Audiences::find()
        .filter(A::RecordKind.eq(kind))
        .filter(A::RecordId.eq(id))
        .all(db)
        .await?
    {
        audience.organizations.extend(row.organization_id);
        audience.persons.extend(row.person_id);
    }
    audience.organizations.sort_unstable();
    audience.persons.sort_unstable();
    Ok(audience)
}

/// The audience kept with a version, if it kept one that reads back.
pub fn kept_audience(row: &Model) -> Option<StateAudience> {
    let text = row.audience.as_deref()?;
    match serde_json::from_str(text) {
        Ok(audience) => Some(audience),
        Err(error) => {
            tracing::error!(%error, id = row.id, "a kept version's audience does not read back");
            None
        }
    }
}

impl Store {
    /// The kept versions of the record `id` of `E`, oldest first. The caller must have been
    /// shown the record itself: versions are reached only through a visible record.
    pub async fn versions_of<E: Record>(&self, id: i64) -> AppResult<Vec<Model>> {
        Ok(Entity::find()
            .filter(Column::RecordKind.eq(E::KIND))
            .filter(Column::RecordId.eq(id))
            .order_by_asc(Column::Version)
            .all(self.connection())
            .await?)
    }
}
