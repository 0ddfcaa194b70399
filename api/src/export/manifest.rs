//! The manifest of the exports: for the caller's scope, every file with its record count, byte
//! size and SHA-256, the time it was made, and the licence of the data.
//!
//! Counting and hashing a file means making it: each file is read page by page as a download
//! would read it and streamed through a hasher, never held whole. The result is kept for
//! [`TTL`] per scope key (see [`crate::access::Caller::scope_key`]): callers who see the same
//! records share it, and no manifest is ever served to a caller whose key differs. Requests
//! for a key whose manifest is being made wait for it rather than make it again.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use chrono::{DateTime, SubsecRound, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Exporter, Format, PageError, write_header, write_page};
use crate::access::{Caller, ScopeKey};
use crate::graphql::run::Run;

/// How long a manifest is kept per scope: a change of data shows in the manifest at most this
/// long after it is made.
pub const TTL: Duration = Duration::from_secs(5);

/// Scope keys kept at most; expired ones are swept beyond this.
const MAX_KEYS: usize = 1_000;

/// The licence of the data.
#[derive(Clone, Debug, Serialize)]
pub struct Licence {
    /// Its name or text.
    pub name: String,
    /// Where it can be read.
    pub url: String,
}

/// One file of the exports.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct File {
    /// The kind, as named in the URL.
    pub kind: &'static str,
    /// The GraphQL type of its records.
    pub record_type: &'static str,
    /// `jsonl` or `csv`.
    pub format: &'static str,
    /// Where to download it, relative to the server.
    pub url: String,
    /// How many records it holds.
    pub records: u64,
    /// Its size in bytes (without the byte order mark of `?bom=1`).
    pub bytes: u64,
    /// The SHA-256 of those bytes, in hexadecimal.
    pub sha256: String,
}

/// The manifest of one scope.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// When the files were read.
    pub generated_at: DateTime<Utc>,
    /// The licence of the data.
    pub licence: Licence,
    /// Every file.
    pub files: Vec<File>,
}

type Slot = Arc<tokio::sync::Mutex<Option<(Instant, Arc<Manifest>)>>>;

/// Manifests kept per scope key.
pub struct Cache {
    ttl: Duration,
    slots: Mutex<HashMap<ScopeKey, Slot>>,
}

impl Cache {
    /// An empty cache that keeps each manifest for `ttl`.
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            slots: Mutex::new(HashMap::new()),
        }
    }

    fn slot(&self, key: ScopeKey) -> Slot {
        let mut slots = match self.slots.lock() {
            Ok(slots) => slots,
            Err(poisoned) => poisoned.into_inner(),
        };
        if slots.len() >= MAX_KEYS && !slots.contains_key(&key) {
            // Only slots nobody waits on and whose manifest has expired are dropped.
            let ttl = self.ttl;
            slots.retain(|_, slot| match slot.try_lock() {
                Ok(kept) => kept.as_ref().is_some_and(|(at, _)| at.elapsed() < ttl),
                Err(_) => true,
            });
        }
        slots.entry(key).or_default().clone()
    }
}

impl Exporter {
    /// The manifest for `caller`'s scope: kept from a recent call with the same scope key, or
    /// made now.
    pub async fn manifest(&self, caller: &Caller) -> Result<Arc<Manifest>, PageError> {
        let slot = self.manifests.slot(caller.scope_key());
        let mut kept = slot.lock().await;
        if let Some((at, manifest)) = kept.as_ref()
            && at.elapsed() < self.manifests.ttl
        {
            return Ok(manifest.clone());
        }
        let manifest = Arc::new(self.make_manifest(caller).await?);
        *kept = Some((Instant::now(), manifest.clone()));
        Ok(manifest)
    }

    /// Reads every file of `caller`'s exports, counting and hashing it.
    async fn make_manifest(&self, caller: &Caller) -> Result<Manifest, PageError> {
        let generated_at = Utc::now().trunc_subsecs(3);
        let mut files = Vec::new();
        // Nothing is served here: only counts and hashes leave, so nothing is logged.
        let run = Run::unlogged(caller.clone());
        for (index, kind) in self.kinds().iter().enumerate() {
            let mut hashers = Format::ALL.map(|format| {
                let mut head = Vec::new();
                write_header(format, &kind.columns, &mut head);
                let mut hasher = Sha256::new();
                hasher.update(&head);
                (format, hasher, head.len() as u64)
            });
            let mut records = 0u64;
            let mut after: Option<String> = None;
            let mut chunk = Vec::new();
            loop {
                let page = self.page(&run, index, after.as_deref(), None).await?;
                records += page.records.len() as u64;
                for (format, hasher, bytes) in &mut hashers {
                    chunk.clear();
                    write_page(*format, &kind.columns, &page, &mut chunk);
                    hasher.update(&chunk);
                    *bytes += chunk.len() as u64;
                }
                match page.next {
                    Some(next) => after = Some(next),
                    None => break,
                }
            }
            for (format, hasher, bytes) in hashers {
                let digest = hasher.finalize();
                files.push(File {
                    kind: kind.name,
                    record_type: kind.type_name,
                    format: format.extension(),
                    url: format!("/export/{}.{}", kind.name, format.extension()),
                    records,
                    bytes,
                    sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
                });
            }
        }
        Ok(Manifest {
            generated_at,
            licence: self.licence.clone(),
            files,
        })
    }
}
