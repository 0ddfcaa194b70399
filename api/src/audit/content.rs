//! Holding the records against the chain: every write of a record (create, update, each step of
//! publication, correction, retraction) appends an entry whose `change.after` is the record's
//! whole row as the write left it, read back in the write's own transaction. No other code
//! changes a record's row. So each record's row must equal the `after` of the last entry about
//! it, in every column, `updated_at` and `version` included; a difference is a change made
//! around the API (a direct database edit), which the chain cannot show by itself.
//!
//! What counts: every column the snapshot holds and the table still has (a column added by a
//! later migration is not in older snapshots, and is not compared). What is not covered: the
//! parts of a record kept in tables of their own (procedure steps, attendance, agenda items,
//! decisions' milestones, audiences), which the snapshot does not hold; and records loaded by
//! the seed, which wrote no entry: those that are published are counted, not compared.

use std::collections::HashMap;

use entity::enums::RecordKind;
use sea_orm::{
    ActiveEnum as _, ColumnTrait as _, ConnectionTrait, DatabaseConnection, DbErr, Iterable as _,
    QueryFilter as _, QueryOrder as _, QuerySelect as _, Statement,
};
use serde_json::Value;

use super::Stored;
use crate::record::Record;

/// The last entry about each record, gathered while the chain is walked.
#[derive(Debug, Default)]
pub struct Witnesses(HashMap<(String, i64), i64>);

impl Witnesses {
    /// Notes `entry` as the latest about its record; entries come in order.
    pub fn note(&mut self, entry: &Stored) {
        if let (Some(kind), Some(id)) = (&entry.record_kind, entry.record_id) {
            self.0.insert((kind.clone(), id), entry.id);
        }
    }

    /// Records with an entry.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no entry names a record.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A record whose row differs from what the chain holds of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The kind of record.
    pub kind: RecordKind,
    /// Its id.
    pub id: i64,
    /// The entry whose snapshot it was held against.
    pub entry: i64,
    /// The columns that differ; empty when the row is gone.
    pub columns: Vec<String>,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = crate::record::name_of(self.kind);
        if self.columns.is_empty() {
            write!(
                f,
                "{kind} {} is gone, but entry {} holds it",
                self.id, self.entry
            )
        } else {
            write!(
                f,
                "{kind} {} differs from entry {} in {}",
                self.id,
                self.entry,
                self.columns.join(", ")
            )
        }
    }
}

/// What [`check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Records held against an entry.
    pub compared: u64,
    /// Records whose row differs from the last entry about them.
    pub differences: Vec<Difference>,
    /// Published records that no entry holds (loaded by the seed, or put in around the API).
    pub unaudited_published: u64,
    /// The first few of them.
    pub unaudited_examples: Vec<(RecordKind, i64)>,
}

/// Rows read per statement.
const BATCH: u64 = 1000;
/// Unaudited records named in a report; the rest are counted.
const EXAMPLES: usize = 10;

/// Holds every record of every kind against the last entry about it in `witnesses`, a batch of
/// rows and their entries at a time.
pub async fn check(db: &DatabaseConnection, mut witnesses: Witnesses) -> Result<Report, DbErr> {
    let mut report = Report::default();
    for kind in RecordKind::iter() {
        crate::record::with_record!(kind, E => check_kind::<E>(db, &mut witnesses, &mut report).await?);
    }
    // What is left names rows that are no longer there.
    let mut gone: Vec<(RecordKind, i64, i64)> = witnesses
        .0
        .into_iter()
        .filter_map(|((kind, id), entry)| {
            Some((RecordKind::try_from_value(&kind).ok()?, id, entry))
        })
        .collect();
    gone.sort_unstable_by_key(|(_, _, entry)| *entry);
    for chunk in gone.chunks(BATCH as usize) {
        let entries: Vec<i64> = chunk.iter().map(|(_, _, entry)| *entry).collect();
        let afters = snapshots(db, &entries).await?;
        for (kind, id, entry) in chunk {
            if afters.get(entry).is_some_and(|after| !after.is_null()) {
                report.differences.push(Difference {
                    kind: *kind,
                    id: *id,
                    entry: *entry,
                    columns: Vec::new(),
                });
            }
        }
    }
    Ok(report)
}

async fn check_kind<E: Record>(
    db: &DatabaseConnection,
    witnesses: &mut Witnesses,
    report: &mut Report,
) -> Result<(), DbErr> {
    let kind = E::KIND;
    let name = kind.to_value();
    let mut last = i64::MIN;
    loop {
        let rows = E::find()
            .filter(E::id_column().gt(last))
            .order_by_asc(E::id_column())
            .limit(BATCH)
            .into_json()
            .all(db)
            .await?;
        if rows.is_empty() {
            return Ok(());
        }
        let mut held = Vec::new();
        for row in rows {
            let Some(id) = row.get("id").and_then(Value::as_i64) else {
                return Err(DbErr::Custom(format!("a row of {} has no id", E::TABLE)));
            };
            last = id;
            match witnesses.0.remove(&(name.clone(), id)) {
                Some(entry) => held.push((entry, id, row)),
                None => unaudited(report, kind, id, &row),
            }
        }
        let entries: Vec<i64> = held.iter().map(|(entry, _, _)| *entry).collect();
        let afters = snapshots(db, &entries).await?;
        for (entry, id, row) in held {
            match afters.get(&entry).filter(|after| !after.is_null()) {
                Some(after) => {
                    report.compared += 1;
                    let columns = differing(after, &row);
                    if !columns.is_empty() {
                        report.differences.push(Difference {
                            kind,
                            id,
                            entry,
                            columns,
                        });
                    }
                }
                None => unaudited(report, kind, id, &row),
            }
        }
    }
}

fn unaudited(report: &mut Report, kind: RecordKind, id: i64, row: &Value) {
    if row.get("status").and_then(Value::as_str) == Some("PUBLISHED") {
        report.unaudited_published += 1;
        if report.unaudited_examples.len() < EXAMPLES {
            report.unaudited_examples.push((kind, id));
        }
    }
}

/// The `change.after` of each of `entries`, by entry id.
async fn snapshots(db: &DatabaseConnection, entries: &[i64]) -> Result<HashMap<i64, Value>, DbErr> {
    if entries.is_empty() {
        return Ok(HashMap::new());
    }
    let backend = db.get_database_backend();
    let marks: Vec<String> = (1..=entries.len())
        .map(|n| crate::db::placeholder(backend, n))
        .collect();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "SELECT id, change FROM audit_log WHERE id IN ({})",
                marks.join(", ")
            ),
            entries.iter().map(|id| (*id).into()),
        ))
        .await?;
    let mut found = HashMap::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        let change: String = row.try_get("", "change")?;
        let mut change: Value = serde_json::from_str(&change).map_err(|e| {
            DbErr::Custom(format!("entry {id} holds a change that is not JSON: {e}"))
        })?;
        found.insert(
            id,
            change.get_mut("after").map(Value::take).unwrap_or_default(),
        );
    }
    Ok(found)
}

/// The columns of `row` that differ from `after`, among those both hold, in `after`'s order.
fn differing(after: &Value, row: &Value) -> Vec<String> {
    let (Some(after), Some(row)) = (after.as_object(), row.as_object()) else {
        return vec!["(the whole row)".to_owned()];
    };
    after
        .iter()
        .filter(|(column, held)| row.get(*column).is_some_and(|now| !same(held, now)))
        .map(|(column, _)| column.clone())
        .collect()
}

/// Equal values; numbers by value, since a number read back from the stored text may come as
/// another representation of the same value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y || (x.as_f64().is_some() && x.as_f64() == y.as_f64())
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_held_column_counts_and_new_columns_do_not() {
        let after =
            json!({ "id": 1, "name": "旧", "version": 4, "updated_at": "2011-03-01T08:00:00Z" });
        let same_row = json!({ "id": 1, "name": "旧", "version": 4, "updated_at": "2011-03-01T08:00:00Z", "added_later": 1 });
        assert!(differing(&after, &same_row).is_empty());
        let edited =
            json!({ "id": 1, "name": "新", "version": 4, "updated_at": "2011-03-02T08:00:00Z" });
        assert_eq!(differing(&after, &edited), vec!["name", "updated_at"]);
        assert_eq!(differing(&Value::Null, &edited), vec!["(the whole row)"]);
    }

    #[test]
    fn numbers_compare_by_value() {
        assert!(same(&json!(1.5), &json!(1.5)));
        assert!(same(&json!(2), &json!(2.0)));
        assert!(!same(&json!(2), &json!(3)));
        assert!(!same(&json!("2"), &json!(2)));
    }

    #[test]
    fn the_last_entry_about_a_record_is_its_witness() {
        let entry = |id: i64, record: Option<i64>| Stored {
            id,
            at: chrono::Utc::now(),
            actor: "a".into(),
            actor_person: None,
            role: "editor".into(),
            action: "update".into(),
            record_kind: record.map(|_| "POWER".into()),
            record_id: record,
            change: "{}".into(),
            prev_hash: String::new(),
            hash: String::new(),
        };
        let mut witnesses = Witnesses::default();
        for e in [
            entry(1, Some(7)),
            entry(2, None),
            entry(3, Some(7)),
            entry(4, Some(8)),
        ] {
            witnesses.note(&e);
        }
        assert_eq!(witnesses.len(), 2);
        assert_eq!(witnesses.0.get(&("POWER".to_owned(), 7)), Some(&3));
    }
}
