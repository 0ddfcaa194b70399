//! Verifying tokens. The algorithm is pinned by configuration, never taken from the token.
//!
//! No `Authorization` header means the public. A header with any fault (bad signature, expired,
//! not yet valid, wrong issuer or audience, unknown role, malformed) is refused with one generic
//! error: it is never served as the public.

mod cache;
mod keys;
mod mint;

pub use cache::CallerCache;
pub use keys::{KeySource, Verifier};
pub use mint::{MintRequest, mint};

use serde::Deserialize;

/// The largest token accepted; anything longer is refused before it is parsed.
pub const MAX_TOKEN_BYTES: usize = 8 * 1024;

/// The claims Sunlight reads from a verified token.
#[derive(Debug, Deserialize)]
pub struct Claims {
    /// Expiry, seconds since 1970 (checked by the verifier).
    pub exp: u64,
    /// Subject: who the caller is at the identity provider.
    pub sub: String,
    /// One of `media`, `member`, `official`, `editor`, `reviewer`, `supervisor`, `admin`.
    pub role: String,
    /// Organizations the caller belongs to: global ids (or database ids as numbers).
    #[serde(default)]
    pub orgs: Vec<OrgRef>,
    /// The person record of the caller, as a global id, for audiences that name persons.
    #[serde(default)]
    pub person: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
}

/// An organization named in a token.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum OrgRef {
    /// A database id.
    Number(i64),
    /// A global id.
    Id(String),
}

/// Why a token was refused. Only logged; the client always gets the same message.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Longer than [`MAX_TOKEN_BYTES`].
    #[error("token too long")]
    TooLong,
    /// The header is not `Bearer <token>`.
    #[error("malformed authorization header")]
    Malformed,
    /// Signature, algorithm, time or claims failed.
    #[error("token rejected: {0}")]
    Rejected(#[from] jsonwebtoken::errors::Error),
    /// No key for the token's `kid`.
    #[error("no key for this token")]
    UnknownKey,
    /// The role is not one Sunlight knows.
    #[error("unknown role")]
    UnknownRole,
    /// An organization or person id in the token is not an id.
    #[error("malformed id in token")]
    BadId,
}
