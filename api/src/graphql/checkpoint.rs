//! Signed checkpoints of the audit log, for everyone: whoever saves one can later prove that
//! the log still extends it (`sunlight audit verify --checkpoint FILE`).

use async_graphql::Object;
use chrono::{DateTime, Utc};

use crate::audit::checkpoint;

/// A signed checkpoint of the audit log, as served.
pub struct AuditCheckpoint(pub checkpoint::Checkpoint);

/// A signed checkpoint of the audit log (全程记实): at `signedAt`, entry `sequence` was the last
/// one and its hash was `headHash`. The Ed25519 `signature` covers the four lines
/// `sunlight audit checkpoint v1`, `sequence <sequence>`, `head <headHash>` and
/// `signed <signedAt as RFC 3339 in UTC with Z, whole seconds>`, each ending in a line feed.
/// Checkpoints are made on a clock (hourly by default), not at each write, since `sequence`
/// counts every write, non-public ones included: it tells how many writes an hour saw, not when.
#[Object]
impl AuditCheckpoint {
    /// The id of the last entry of the log when the checkpoint was made: the number of writes
    /// recorded up to then, public and non-public alike.
    async fn sequence(&self) -> i64 {
        self.0.sequence
    }

    /// The SHA-256 hash of that entry, 64 hex digits; it covers every entry before it.
    async fn head_hash(&self) -> &str {
        &self.0.head_hash
    }

    /// When the checkpoint was made, in whole seconds.
    async fn signed_at(&self) -> DateTime<Utc> {
        self.0.signed_at
    }

    /// The Ed25519 signature, 128 hex digits.
    async fn signature(&self) -> &str {
        &self.0.signature
    }

    /// The Ed25519 public key of the audit log, 64 hex digits: the same on every checkpoint
    /// of this deployment. Check it against the key published by the committee, not against
    /// this field alone.
    async fn public_key(&self) -> &str {
        &self.0.public_key
    }
}
