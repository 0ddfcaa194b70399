//! The audit log (全程记实): every write appends an entry in the same transaction, naming the
//! actor, their role, the time, the action, the record and the change (before and after).
//!
//! Entries form a hash chain: each carries the SHA-256 of its own content together with the
//! previous entry's hash, so changing, removing or reordering any entry breaks every link after
//! it. The database refuses updates and deletes of the log; [`verify`] finds the first broken
//! link if that refusal is ever gone around (`sunlight audit verify`).
//!
//! The chain alone lives in the database it protects: whoever holds the database could cut its
//! tail or recompute every hash. Two things reach outside it: [`checkpoint`]s, signed with a key
//! kept outside the database ([`key`]), which anyone may save and later hold the log against;
//! and [`content`], which holds the records themselves against the snapshots the chain keeps of
//! them.

pub mod checkpoint;
pub mod content;
pub mod key;

use chrono::{DateTime, SubsecRound, Utc};
use entity::enums::RecordKind;
use sea_orm::{
    ActiveEnum, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, Value,
};
use serde_json::json;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, to be appended.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Who: the token's subject.
    pub actor: &'a str,
    /// The person record the actor's token names, if it names one.
    pub person: Option<i64>,
    /// In which role.
    pub role: &'a str,
    /// What: `create`, `update`, `submit`, `approve`, `send_back`, `publish`, `retract`,
    /// `correct`, …
    pub action: &'a str,
    /// On which record, if any.
    pub record: Option<(RecordKind, i64)>,
    /// The record before, as stored.
    pub before: Option<serde_json::Value>,
    /// The record after, as stored.
    pub after: Option<serde_json::Value>,
    /// A comment or reason given with the action.
    pub note: Option<&'a str>,
}

/// One stored entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// Position in the chain, from 1.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// The person record the actor's token named, if any.
    pub actor_person: Option<i64>,
    /// In which role.
    pub role: String,
    /// What.
    pub action: String,
    /// The record's kind, if any.
    pub record_kind: Option<String>,
    /// The record's id, if any.
    pub record_id: Option<i64>,
    /// `{"before": …, "after": …}`.
    pub change: String,
    /// The previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// Every column of the log, in order.
pub const COLUMNS: [&str; 11] = [
    "id",
    "at",
    "actor",
    "actor_person",
    "role",
    "action",
    "record_kind",
    "record_id",
    "change",
    "prev_hash",
    "hash",
];

impl Stored {
    /// The entry in a row holding [`COLUMNS`].
    pub fn from_row(row: &sea_orm::QueryResult) -> Result<Self, DbErr> {
        Ok(Self {
            id: row.try_get("", "id")?,
            at: row.try_get("", "at")?,
            actor: row.try_get("", "actor")?,
            actor_person: row.try_get("", "actor_person")?,
            role: row.try_get("", "role")?,
            action: row.try_get("", "action")?,
            record_kind: row.try_get("", "record_kind")?,
            record_id: row.try_get("", "record_id")?,
            change: row.try_get("", "change")?,
            prev_hash: row.try_get("", "prev_hash")?,
            hash: row.try_get("", "hash")?,
        })
    }
}

impl Stored {
    /// The columns the writer states, as bound: from the time to the change, in the order of
    /// the table (the number, the link and the hash are the chain's).
    fn stated(&self) -> Vec<Value> {
        vec![
            self.at.into(),
            self.actor.clone().into(),
            self.actor_person.into(),
            self.role.clone().into(),
            self.action.clone().into(),
            self.record_kind.clone().into(),
            self.record_id.into(),
            self.change.clone().into(),
        ]
    }
}

/// The hash of an entry: SHA-256 over its fields and the previous hash, serialized as one JSON
/// array so that no field can bleed into another. The actor's person is hashed where there is
/// one, so entries written before persons were recorded keep their hashes.
fn digest(entry: &Stored) -> String {
    let content = format!(
        "[{},{},{}",
        json!(entry.prev_hash),
        entry.id,
        after_link(entry)
    );
    let bytes = Sha256::digest(content.as_bytes());
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The hashed content of an entry after its link (the previous hash and the number): the rest
/// of the JSON array, from the time to the closing bracket. On PostgreSQL, `audit_append`
/// puts the link in front of it and hashes the whole.
fn after_link(entry: &Stored) -> String {
    let mut rest = json!([
        timestamp(entry.at),
        entry.actor,
        entry.role,
        entry.action,
        entry.record_kind,
        entry.record_id,
        entry.change,
    ]);
    if let (Some(person), Some(fields)) = (entry.actor_person, rest.as_array_mut()) {
        fields.push(json!({ "actor_person": person }));
    }
    let mut rest = rest.to_string();
    rest.remove(0);
    rest
}

/// The time as hashed: microseconds, UTC, the precision both databases keep.
fn timestamp(at: DateTime<Utc>) -> String {
    at.trunc_subsecs(6)
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Appends `entry` inside the caller's transaction: it commits or rolls back with the write it
/// records. Appends take turns (an advisory lock on PostgreSQL; SQLite has one writer), so the
/// chain never forks.
pub async fn append(db: &impl ConnectionTrait, entry: &Entry<'_>) -> Result<Stored, DbErr> {
    append_at(db, Utc::now(), entry).await
}

/// Appends `entry` as [`append`] does, stamped `at`: the time of the write it records, as the
/// store's clock gives it.
pub async fn append_at(
    db: &impl ConnectionTrait,
    at: chrono::DateTime<Utc>,
    entry: &Entry<'_>,
) -> Result<Stored, DbErr> {
    Ok(append_with(db, at, entry, None).await?.0)
}

/// A statement that goes with an append on PostgreSQL, in the same round trip while the turn
/// is held: `ctes` (data-changing `name AS (…)` parts, whose marks start at [`RIDER_MARK`];
/// each should read from the CTE `entry`, the appended entry, so that it runs after the turn
/// is taken), and `columns` and `from` of the `select` that ends the statement and gives its
/// row.
pub(crate) struct Rider {
    pub ctes: String,
    pub columns: String,
    pub from: String,
    pub values: Vec<Value>,
}

/// The number of the first mark a [`Rider`]'s values take.
pub(crate) const RIDER_MARK: usize = 10;

/// Appends `entry` as [`append_at`] does, with `rider` (PostgreSQL only) in the same
/// statement; gives the entry and the rider's row.
pub(crate) async fn append_with(
    db: &impl ConnectionTrait,
    at: chrono::DateTime<Utc>,
    entry: &Entry<'_>,
    rider: Option<Rider>,
) -> Result<(Stored, Option<sea_orm::QueryResult>), DbErr> {
    let backend = db.get_database_backend();
    let change =
        json!({ "before": entry.before, "after": entry.after, "note": entry.note }).to_string();
    let mut stored = Stored {
        id: 0,
        at: at.trunc_subsecs(6),
        actor: entry.actor.to_owned(),
        actor_person: entry.person,
        role: entry.role.to_owned(),
        action: entry.action.to_owned(),
        record_kind: entry.record.map(|(k, _)| k.to_value()),
        record_id: entry.record.map(|(_, id)| id),
        change,
        prev_hash: String::new(),
        hash: String::new(),
    };
    if backend == DbBackend::Postgres {
        // The whole append in one call (the migration `audit_append`), with the rider in the
        // same statement: appends wait for each other until the holder commits, so every
        // round trip less while the turn is held is time every other writer gains.
        let mut values = stored.stated();
        values.push(after_link(&stored).into());
        let call = format!(
            "SELECT * FROM audit_append({})",
            (1..RIDER_MARK)
                .map(|n| crate::db::placeholder(backend, n))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let ridden = rider.is_some();
        let sql = match rider {
            None => call,
            Some(rider) => {
                values.extend(rider.values);
                format!(
                    "WITH entry AS ({call}), {} SELECT entry.id, entry.prev_hash, entry.hash, {} \
                     FROM entry, {}",
                    rider.ctes, rider.columns, rider.from
                )
            }
        };
        let row = db
            .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?
            .ok_or(DbErr::RecordNotInserted)?;
        stored.id = row.try_get("", "id")?;
        stored.prev_hash = row.try_get("", "prev_hash")?;
        stored.hash = row.try_get("", "hash")?;
        return Ok((stored, ridden.then_some(row)));
    }
    let head = read_head(db).await?;
    let first = head.is_none();
    let (last_id, prev_hash) = head.unwrap_or((0, GENESIS.to_owned()));
    stored.id = last_id + 1;
    stored.prev_hash = prev_hash;
    stored.hash = digest(&stored);
    let mut entry_values: Vec<Value> = vec![stored.id.into()];
    entry_values.extend(stored.stated());
    entry_values.extend([stored.prev_hash.clone().into(), stored.hash.clone().into()]);
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO audit_log (id, at, actor, actor_person, role, action, record_kind, \
         record_id, change, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        entry_values,
    ))
    .await?;
    let head_sql = if first {
        "INSERT INTO audit_head (singleton, id, hash) VALUES (1, ?, ?)"
    } else {
        "UPDATE audit_head SET id = ?, hash = ? WHERE singleton = 1"
    };
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        head_sql,
        [stored.id.into(), stored.hash.clone().into()],
    ))
    .await?;
    Ok((stored, None))
}

/// The number and hash of the last entry, as the head row keeps them; `None` before the
/// first entry.
async fn read_head(db: &impl ConnectionTrait) -> Result<Option<(i64, String)>, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id, hash FROM audit_head WHERE singleton = 1",
        ))
        .await?;
    head_of(row)
}

fn head_of(row: Option<sea_orm::QueryResult>) -> Result<Option<(i64, String)>, DbErr> {
    row.map(|row| Ok((row.try_get("", "id")?, row.try_get("", "hash")?)))
        .transpose()
}

/// The first entry whose link does not hold, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The entry.
    pub id: i64,
    /// What does not hold.
    pub reason: String,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Entries read.
    pub entries: u64,
    /// The first broken link, if any.
    pub broken: Option<Broken>,
    /// The hash of the last entry, when the chain holds and is not empty.
    pub head: Option<String>,
}

/// Entries read per statement while verifying.
const BATCH: i64 = 1000;

/// Walks the whole chain in order and reports the first broken link.
pub async fn verify(db: &DatabaseConnection) -> Result<Verification, DbErr> {
    verify_visiting(db, |_| {}).await
}

/// [`verify`], showing `visit` each entry whose link holds, in order.
pub async fn verify_visiting(
    db: &DatabaseConnection,
    mut visit: impl FnMut(&Stored),
) -> Result<Verification, DbErr> {
    let backend = db.get_database_backend();
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_id = 1;
    let mut entries = 0;
    loop {
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "SELECT {} FROM audit_log WHERE id >= {} ORDER BY id LIMIT {BATCH}",
                    COLUMNS.join(", "),
                    crate::db::placeholder(backend, 1)
                ),
                [expected_id.into()],
            ))
            .await?;
        if rows.is_empty() {
            let last = expected_id - 1;
            // The log must reach the head that the last append recorded with it.
            let broken = match read_head(db).await? {
                Some((id, hash)) if id != last || (id > 0 && hash != expected_prev) => {
                    Some(Broken {
                        id: id.max(last),
                        reason: format!(
                            "the log ends at entry {last}, but its head records entry {id}: \
                             entries at its end were removed or replaced"
                        ),
                    })
                }
                _ => None,
            };
            return Ok(Verification {
                entries,
                head: (entries > 0 && broken.is_none()).then_some(expected_prev),
                broken,
            });
        }
        for row in rows {
            let entry = Stored::from_row(&row)?;
            entries += 1;
            let broken = |reason: String| {
                Ok(Verification {
                    entries,
                    broken: Some(Broken {
                        id: entry.id,
                        reason,
                    }),
                    head: None,
                })
            };
            if entry.id != expected_id {
                return broken(format!(
                    "entry {expected_id} is missing: the next entry is {}",
                    entry.id
                ));
            }
            if entry.prev_hash != expected_prev {
                return broken(
                    "its link to the entry before does not match: an entry before it was changed \
                     or removed"
                        .to_owned(),
                );
            }
            if digest(&entry) != entry.hash {
                return broken("its content does not match its hash: it was changed".to_owned());
            }
            visit(&entry);
            expected_prev = entry.hash;
            expected_id += 1;
        }
    }
}

/// What `sunlight audit verify` finds: the chain, the checkpoint it was given if any, and the
/// records held against the chain.
#[derive(Debug)]
pub struct Findings {
    /// The chain.
    pub chain: Verification,
    /// The checkpoint held against the log, and whether the log extends it.
    pub checkpoint: Option<(checkpoint::Checkpoint, Result<(), checkpoint::Refusal>)>,
    /// The records held against the last entry about each.
    pub content: content::Report,
}

impl Findings {
    /// Every fault found, for a person; empty when everything holds.
    pub fn faults(&self) -> Vec<String> {
        let mut faults = Vec::new();
        if let Some(broken) = &self.chain.broken {
            faults.push(format!(
                "the chain is broken at entry {}: {}",
                broken.id, broken.reason
            ));
        }
        if let Some((_, Err(refusal))) = &self.checkpoint {
            faults.push(refusal.to_string());
        }
        faults.extend(
            self.content
                .differences
                .iter()
                .map(|d| format!("{d}: changed around the API")),
        );
        faults
    }
}

/// Walks the chain, holds the log against `against` (a checkpoint and the audit key it must
/// verify with) if given, and holds every record against the last entry about it.
pub async fn verify_all(
    db: &DatabaseConnection,
    against: Option<(&checkpoint::Checkpoint, &ed25519_dalek::VerifyingKey)>,
) -> Result<Findings, DbErr> {
    let mut witnesses = content::Witnesses::default();
    let chain = verify_visiting(db, |entry| witnesses.note(entry)).await?;
    let checkpoint = match against {
        Some((kept, key)) => Some((kept.clone(), checkpoint::extends(db, kept, key).await?)),
        None => None,
    };
    let content = content::check(db, witnesses).await?;
    Ok(Findings {
        chain,
        checkpoint,
        content,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(prev: &str) -> Stored {
        let mut e = Stored {
            id: 1,
            at: Utc::now().trunc_subsecs(6),
            actor: "editor-1".into(),
            actor_person: None,
            role: "editor".into(),
            action: "update".into(),
            record_kind: Some("POWER".into()),
            record_id: Some(7),
            change: r#"{"after":{"name":"新"},"before":{"name":"旧"}}"#.into(),
            prev_hash: prev.into(),
            hash: String::new(),
        };
        e.hash = digest(&e);
        e
    }

    #[test]
    fn every_field_is_in_the_hash() {
        let base = entry(GENESIS);
        let changed: Vec<Stored> = vec![
            Stored {
                id: 2,
                ..base.clone()
            },
            Stored {
                actor: "editor-2".into(),
                ..base.clone()
            },
            Stored {
                actor_person: Some(3),
                ..base.clone()
            },
            Stored {
                role: "admin".into(),
                ..base.clone()
            },
            Stored {
                action: "publish".into(),
                ..base.clone()
            },
            Stored {
                record_kind: Some("MEETING".into()),
                ..base.clone()
            },
            Stored {
                record_id: Some(8),
                ..base.clone()
            },
            Stored {
                change: "{}".into(),
                ..base.clone()
            },
            Stored {
                prev_hash: "1".repeat(64),
                ..base.clone()
            },
            Stored {
                at: base.at + chrono::Duration::microseconds(1),
                ..base.clone()
            },
        ];
        for c in changed {
            assert_ne!(digest(&c), base.hash, "{c:?}");
        }
        assert_eq!(digest(&base), base.hash);
    }

    #[test]
    fn fields_cannot_bleed_into_each_other() {
        let a = Stored {
            actor: "a\",\"b".into(),
            role: "c".into(),
            ..entry(GENESIS)
        };
        let b = Stored {
            actor: "a".into(),
            role: "b\",\"c".into(),
            ..entry(GENESIS)
        };
        assert_ne!(digest(&a), digest(&b));
    }
}
