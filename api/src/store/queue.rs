//! What waits for a caller's next step in the publication workflow, over every kind of record.

use chrono::{DateTime, Utc};
use entity::enums::{PublicationStatus, RecordKind};
use sea_orm::{
    Iterable as _, PaginatorTrait as _, QueryFilter as _, QueryOrder as _, QuerySelect as _,
    sea_query::{Alias, Expr},
};

use super::{Record, Store, with_record};
use crate::{access::Caller, error::AppResult};

/// A record waiting for the caller.
#[derive(Clone, Debug)]
pub struct Waiting {
    /// Its kind.
    pub kind: RecordKind,
    /// Its database id.
    pub id: i64,
    /// The stage it waits at.
    pub status: PublicationStatus,
    /// When it last changed: since when it waits.
    pub since: DateTime<Utc>,
}

impl Store {
    /// The records that wait for `caller`'s next step, among those the caller sees, longest
    /// waiting first: at most `first`, with how many wait in all.
    pub async fn review_queue(
        &self,
        caller: &Caller,
        first: u64,
    ) -> AppResult<(Vec<Waiting>, u64)> {
        let mut waiting = Vec::new();
        let mut total = 0;
        for kind in RecordKind::iter() {
            let (mut rows, count) =
                with_record!(kind, E => self.waiting_of::<E>(caller, first).await?);
            waiting.append(&mut rows);
            total += count;
        }
        waiting.sort_by_key(|w| (w.since, w.id));
        waiting.truncate(usize::try_from(first).unwrap_or(usize::MAX));
        Ok((waiting, total))
    }

    async fn waiting_of<E: Record>(
        &self,
        caller: &Caller,
        first: u64,
    ) -> AppResult<(Vec<Waiting>, u64)> {
        let Some(condition) = crate::access::workflow::waiting_condition(caller, E::TABLE) else {
            return Ok((Vec::new(), 0));
        };
        let col = |name: &str| Expr::col((Alias::new(E::TABLE), Alias::new(name)));
        let query = Self::scoped::<E>(caller).filter(condition);
        let total = query.clone().count(&self.reads()).await?;
        if total == 0 {
            return Ok((Vec::new(), 0));
        }
        let rows: Vec<(i64, PublicationStatus, DateTime<Utc>)> = query
            .select_only()
            .column_as(col("id"), "id")
            .column_as(col("status"), "status")
            .column_as(col("updated_at"), "updated_at")
            .order_by_asc(col("updated_at"))
            .order_by_asc(col("id"))
            .limit(first)
            .into_tuple()
            .all(&self.reads())
            .await?;
        Ok((
            rows.into_iter()
                .map(|(id, status, since)| Waiting {
                    kind: E::KIND,
                    id,
                    status,
                    since,
                })
                .collect(),
            total,
        ))
    }
}
