//! Signed checkpoints of the audit log: "at `signed_at`, entry `sequence` was the last one and
//! its hash was `head_hash`", signed with the key of [`super::key`]. Anyone may keep one; later,
//! `sunlight audit verify --checkpoint FILE` proves that the log still extends it. Since every
//! hash covers the one before, a kept checkpoint pins the whole log up to its entry: removing
//! entries from the end, or rewriting any entry and every hash after it, no longer agrees with
//! it.
//!
//! The sequence is the number of writes so far, non-public ones included (drafts, restricted
//! records), while the log itself is for supervisors and admins. A checkpoint made at each
//! write would tell anyone polling it when each hidden write happened. So checkpoints are made
//! on a clock (`audit_checkpoint_interval_secs`, hourly by default) and stored, and the public
//! is shown the latest stored one: it learns how many writes happened per interval, not when.

use chrono::{DateTime, SubsecRound, Utc};
use ed25519_dalek::{Signature, Signer as _, VerifyingKey};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, Value};
use serde::{Deserialize, Serialize};

use super::key::{CheckpointKey, hex, unhex};

/// The first line of every signed message, so that a signature over a checkpoint can never be
/// taken for a signature over anything else.
const DOMAIN: &str = "sunlight audit checkpoint v1";

/// One signed checkpoint, as served and as kept by whoever saves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkpoint {
    /// The id of the last entry of the log when it was made.
    pub sequence: i64,
    /// That entry's hash.
    pub head_hash: String,
    /// When it was made, in whole seconds.
    pub signed_at: DateTime<Utc>,
    /// The Ed25519 signature over [`message`], 128 hex digits.
    pub signature: String,
    /// The public key that verifies it, 64 hex digits.
    pub public_key: String,
}

/// The bytes a checkpoint's signature covers: four lines, each ending in `\n`:
///
/// ```text
/// sunlight audit checkpoint v1
/// sequence <sequence in decimal>
/// head <head_hash, 64 lowercase hex digits>
/// signed <signed_at, RFC 3339 in UTC with `Z`, e.g. 2011-03-01T08:00:00Z>
/// ```
pub fn message(sequence: i64, head_hash: &str, signed_at: DateTime<Utc>) -> Vec<u8> {
    format!(
        "{DOMAIN}\nsequence {sequence}\nhead {head_hash}\nsigned {}\n",
        signed_at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    )
    .into_bytes()
}

/// Why a checkpoint does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// A field is not in the form a checkpoint has.
    #[error("the checkpoint is malformed: {0}")]
    Malformed(&'static str),
    /// It names a key other than the one it is checked against.
    #[error("the checkpoint was signed by key {found}, not by the audit key {expected}")]
    OtherKey {
        /// The key it names.
        found: String,
        /// The key it was checked against.
        expected: String,
    },
    /// The signature does not verify: some field was changed after signing.
    #[error("the checkpoint's signature does not verify: it was changed after it was signed")]
    BadSignature,
    /// The log no longer reaches the checkpoint's entry.
    #[error(
        "the audit log {}, before entry {sequence} of the checkpoint: entries after {last} \
         were removed",
        if *last == 0 { "is empty".to_owned() } else { format!("ends at entry {last}") }
    )]
    Truncated {
        /// The checkpoint's entry.
        sequence: i64,
        /// The last entry there is.
        last: i64,
    },
    /// The entry is there with another hash.
    #[error(
        "entry {sequence} has hash {found}, the checkpoint says {expected}: the log was \
         rewritten up to there"
    )]
    Rewritten {
        /// The checkpoint's entry.
        sequence: i64,
        /// The hash stored now.
        found: String,
        /// The hash signed.
        expected: String,
    },
}

impl Checkpoint {
    /// Signs the head `sequence`/`head_hash` with `key`, now.
    pub fn sign(key: &CheckpointKey, sequence: i64, head_hash: &str) -> Self {
        Self::sign_at(key, sequence, head_hash, Utc::now())
    }

    /// Signs the head `sequence`/`head_hash` with `key`, dated `at` (to the second).
    pub fn sign_at(key: &CheckpointKey, sequence: i64, head_hash: &str, at: DateTime<Utc>) -> Self {
        let signed_at = at.trunc_subsecs(0);
        let signature = key.signing().sign(&message(sequence, head_hash, signed_at));
        Self {
            sequence,
            head_hash: head_hash.to_owned(),
            signed_at,
            signature: hex(&signature.to_bytes()),
            public_key: key.public_hex(),
        }
    }

    /// Checks the form of every field and the signature, against `expected`: the audit key
    /// the checker knows, never the key the checkpoint names (anyone can sign with their own).
    pub fn verify_signature(&self, expected: &VerifyingKey) -> Result<(), Refusal> {
        if self.sequence < 1 {
            return Err(Refusal::Malformed("sequence must be 1 or more"));
        }
        let is_hash = |s: &str| {
            s.len() == 64
                && s.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        };
        if !is_hash(&self.head_hash) {
            return Err(Refusal::Malformed(
                "headHash must be 64 lowercase hex digits",
            ));
        }
        let found = unhex::<32>(&self.public_key)
            .ok_or(Refusal::Malformed("publicKey must be 64 hex digits"))?;
        if found != *expected.as_bytes() {
            return Err(Refusal::OtherKey {
                found: self.public_key.to_ascii_lowercase(),
                expected: hex(expected.as_bytes()),
            });
        }
        let signature = unhex::<64>(&self.signature)
            .ok_or(Refusal::Malformed("signature must be 128 hex digits"))?;
        expected
            .verify_strict(
                &message(self.sequence, &self.head_hash, self.signed_at),
                &Signature::from_bytes(&signature),
            )
            .map_err(|_| Refusal::BadSignature)
    }
}

/// The columns of `audit_checkpoints`, in order.
const COLUMNS: &str = "sequence, head_hash, signed_at, signature, public_key";

fn from_row(row: &sea_orm::QueryResult) -> Result<Checkpoint, DbErr> {
    Ok(Checkpoint {
        sequence: row.try_get("", "sequence")?,
        head_hash: row.try_get("", "head_hash")?,
        signed_at: row.try_get("", "signed_at")?,
        signature: row.try_get("", "signature")?,
        public_key: row.try_get("", "public_key")?,
    })
}

/// The latest stored checkpoint, if any was made.
pub async fn latest(db: &impl ConnectionTrait) -> Result<Option<Checkpoint>, DbErr> {
    let backend = db.get_database_backend();
    db.query_one_raw(Statement::from_string(
        backend,
        format!("SELECT {COLUMNS} FROM audit_checkpoints ORDER BY sequence DESC LIMIT 1"),
    ))
    .await?
    .as_ref()
    .map(from_row)
    .transpose()
}

/// The stored checkpoint of entry `sequence`, if one was made there.
pub async fn at(db: &impl ConnectionTrait, sequence: i64) -> Result<Option<Checkpoint>, DbErr> {
    let backend = db.get_database_backend();
    db.query_one_raw(Statement::from_sql_and_values(
        backend,
        format!(
            "SELECT {COLUMNS} FROM audit_checkpoints WHERE sequence = {}",
            crate::db::placeholder(backend, 1)
        ),
        [sequence.into()],
    ))
    .await?
    .as_ref()
    .map(from_row)
    .transpose()
}

/// Signs and stores a checkpoint of the log's head as it is now, unless the latest one already
/// names that head, or (with `min_age`) the latest one is younger than `min_age`. Returns the
/// checkpoint made, if one was. Runs in the appenders' turn, so the head cannot move meanwhile,
/// and two instances cannot both make one.
pub async fn take(
    db: &DatabaseConnection,
    key: &CheckpointKey,
    min_age: Option<chrono::TimeDelta>,
) -> Result<Option<Checkpoint>, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let backend = txn.get_database_backend();
    if backend == DbBackend::Postgres {
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(632223)")
            .await?;
    }
    let head = txn
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
        ))
        .await?;
    let Some(head) = head else {
        return Ok(None);
    };
    let (sequence, hash): (i64, String) = (head.try_get("", "id")?, head.try_get("", "hash")?);
    let now = Utc::now();
    if let Some(last) = latest(&txn).await? {
        let young = min_age.is_some_and(|age| now - last.signed_at < age);
        if last.sequence >= sequence || young {
            return Ok(None);
        }
    }
    let checkpoint = Checkpoint::sign_at(key, sequence, &hash, now);
    let values: Vec<Value> = vec![
        checkpoint.sequence.into(),
        checkpoint.head_hash.clone().into(),
        checkpoint.signed_at.into(),
        checkpoint.signature.clone().into(),
        checkpoint.public_key.clone().into(),
    ];
    let marks: Vec<String> = (1..=values.len())
        .map(|n| crate::db::placeholder(backend, n))
        .collect();
    txn.execute_raw(Statement::from_sql_and_values(
        backend,
        format!(
            "INSERT INTO audit_checkpoints ({COLUMNS}) VALUES ({})",
            marks.join(", ")
        ),
        values,
    ))
    .await?;
    txn.commit().await?;
    Ok(Some(checkpoint))
}

/// Makes a checkpoint every `interval` while the log has moved since the last one, until
/// aborted. The first look is at once, so a restart does not leave the latest writes without a
/// checkpoint for a whole interval.
pub async fn run(
    db: DatabaseConnection,
    key: std::sync::Arc<CheckpointKey>,
    interval: std::time::Duration,
) {
    let min_age = chrono::TimeDelta::from_std(interval).unwrap_or(chrono::TimeDelta::MAX);
    let mut ticks = tokio::time::interval(interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        // A little short of the interval, so that a tick that comes early by a hair still counts.
        let due = min_age - min_age / 100;
        match take(&db, &key, Some(due)).await {
            Ok(Some(checkpoint)) => tracing::info!(
                sequence = checkpoint.sequence,
                head = %checkpoint.head_hash,
                "signed a checkpoint of the audit log"
            ),
            Ok(None) => {}
            Err(error) => tracing::error!(%error, "could not take a checkpoint of the audit log"),
        }
    }
}

/// Checks that the log in `db` still extends `checkpoint`: its signature verifies with
/// `expected`, and the entry it names is there with the hash it names. That the whole chain up
/// to that entry holds is [`super::verify`]'s part.
pub async fn extends(
    db: &impl ConnectionTrait,
    checkpoint: &Checkpoint,
    expected: &VerifyingKey,
) -> Result<Result<(), Refusal>, DbErr> {
    if let Err(refusal) = checkpoint.verify_signature(expected) {
        return Ok(Err(refusal));
    }
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "SELECT hash FROM audit_log WHERE id = {}",
                crate::db::placeholder(backend, 1)
            ),
            [checkpoint.sequence.into()],
        ))
        .await?;
    let Some(row) = row else {
        let last = db
            .query_one_raw(Statement::from_string(
                backend,
                "SELECT MAX(id) AS last FROM audit_log",
            ))
            .await?
            .and_then(|row| row.try_get::<Option<i64>>("", "last").ok().flatten())
            .unwrap_or(0);
        return Ok(Err(Refusal::Truncated {
            sequence: checkpoint.sequence,
            last,
        }));
    };
    let found: String = row.try_get("", "hash")?;
    if found != checkpoint.head_hash {
        return Ok(Err(Refusal::Rewritten {
            sequence: checkpoint.sequence,
            found,
            expected: checkpoint.head_hash.clone(),
        }));
    }
    Ok(Ok(()))
}

/// The checkpoint in `text`: the JSON of `GET /audit/checkpoint`, or a GraphQL answer holding
/// `data.auditCheckpoint`.
pub fn parse(text: &str) -> Result<Checkpoint, serde_json::Error> {
    let value: serde_json::Value = serde_json::from_str(text)?;
    let inner = value
        .pointer("/data/auditCheckpoint")
        .cloned()
        .unwrap_or(value);
    serde_json::from_value(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> CheckpointKey {
        CheckpointKey::from_seed([42; 32])
    }

    fn checkpoint() -> Checkpoint {
        let at = DateTime::parse_from_rfc3339("2011-03-01T08:00:00.123456Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        Checkpoint::sign_at(&key(), 1234, &"ab".repeat(32), at)
    }

    #[test]
    fn the_signed_bytes_are_four_fixed_lines() {
        let at = DateTime::parse_from_rfc3339("2011-03-01T16:00:00+08:00")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let text = String::from_utf8(message(7, &"0f".repeat(32), at)).unwrap_or_default();
        assert_eq!(
            text,
            format!(
                "sunlight audit checkpoint v1\nsequence 7\nhead {}\nsigned 2011-03-01T08:00:00Z\n",
                "0f".repeat(32)
            )
        );
    }

    #[test]
    fn a_checkpoint_verifies_with_its_key_and_is_dated_to_the_second() {
        let c = checkpoint();
        assert_eq!(c.verify_signature(&key().public()), Ok(()));
        assert_eq!(c.signed_at.timestamp_subsec_nanos(), 0);
        assert_eq!(c.public_key, key().public_hex());
        assert_eq!(c.signature.len(), 128);
    }

    #[test]
    fn any_changed_field_or_byte_fails() {
        let good = checkpoint();
        let key = key().public();
        let mut flipped = good.signature.clone().into_bytes();
        flipped[10] = if flipped[10] == b'0' { b'1' } else { b'0' };
        let changed = [
            Checkpoint {
                sequence: good.sequence + 1,
                ..good.clone()
            },
            Checkpoint {
                head_hash: format!("ac{}", &good.head_hash[2..]),
                ..good.clone()
            },
            Checkpoint {
                signed_at: good.signed_at + chrono::TimeDelta::seconds(1),
                ..good.clone()
            },
            Checkpoint {
                signature: String::from_utf8(flipped).unwrap_or_default(),
                ..good.clone()
            },
        ];
        for c in changed {
            assert_eq!(
                c.verify_signature(&key),
                Err(Refusal::BadSignature),
                "{c:?}"
            );
        }
    }

    #[test]
    fn only_the_known_key_counts() {
        let other = CheckpointKey::from_seed([1; 32]);
        let forged = Checkpoint::sign(&other, 1234, &"ab".repeat(32));
        assert!(matches!(
            forged.verify_signature(&key().public()),
            Err(Refusal::OtherKey { .. })
        ));
        // Naming the known key does not help a signature made with another.
        let claimed = Checkpoint {
            public_key: key().public_hex(),
            ..forged
        };
        assert_eq!(
            claimed.verify_signature(&key().public()),
            Err(Refusal::BadSignature)
        );
    }

    #[test]
    fn malformed_fields_are_named_not_signed_over() {
        let good = checkpoint();
        let key = key().public();
        for c in [
            Checkpoint {
                sequence: 0,
                ..good.clone()
            },
            Checkpoint {
                head_hash: format!("{}\nsequence 1", good.head_hash),
                ..good.clone()
            },
            Checkpoint {
                head_hash: good.head_hash.to_uppercase(),
                ..good.clone()
            },
            Checkpoint {
                signature: "00".into(),
                ..good.clone()
            },
        ] {
            assert!(
                matches!(c.verify_signature(&key), Err(Refusal::Malformed(_))),
                "{c:?}"
            );
        }
    }

    #[test]
    fn the_served_json_round_trips_in_either_wrapping() -> anyhow::Result<()> {
        let c = checkpoint();
        let json = serde_json::to_string(&c)?;
        assert!(
            json.contains("\"signedAt\":\"2011-03-01T08:00:00Z\""),
            "{json}"
        );
        assert_eq!(parse(&json)?, c);
        let graphql = serde_json::json!({ "data": { "auditCheckpoint": c } }).to_string();
        assert_eq!(parse(&graphql)?, c);
        Ok(())
    }
}
