//! Verifying tokens. The algorithm is pinned by configuration, never taken from the token.
//!
//! No `Authorization` header means the public. A header with any fault (bad signature, expired,
//! not yet valid, issued in the future or meant to live too long, wrong issuer or audience,
//! unknown role, an organization or person that does not exist, malformed) is refused with one
//! generic error: it is never served as the public.

mod cache;
mod keys;
mod mint;

pub use cache::CallerCache;
pub use keys::{KeyError, KeySource, Verifier, local_key_missing, local_key_path};
pub use mint::{MintRequest, mint};

use serde::Deserialize;

/// The largest token accepted; anything longer is refused before it is parsed.
pub const MAX_TOKEN_BYTES: usize = 8 * 1024;

/// The claims Sunlight reads from a verified token.
#[derive(Debug, Deserialize)]
pub struct Claims {
    /// Expiry, seconds since 1970 (checked by the verifier).
    pub exp: u64,
    /// Issue time, seconds since 1970: required, so that the verifier can bound how long a
    /// token lives.
    pub iat: u64,
    /// The issuer, one string. jsonwebtoken also takes an array that contains the configured
    /// issuer; reading it as a string refuses that form.
    pub iss: String,
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
    /// The jurisdictions the token is limited to, as division codes (`632221`): each with every
    /// jurisdiction below it. Absent: no limit. Outside them the caller sees what the public
    /// sees, and writes nothing.
    #[serde(default)]
    pub jur: Option<Vec<String>>,
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
    /// `iat` lies ahead of the clock by more than the leeway.
    #[error("token issued in the future")]
    IssuedInFuture,
    /// `exp` comes before `iat`.
    #[error("token expires before it was issued")]
    ExpiresBeforeIssued,
    /// `exp - iat` exceeds the configured maximum.
    #[error("token lives {lifetime} s, longer than the {max} s allowed")]
    LivesTooLong {
        /// `exp - iat`, in seconds.
        lifetime: u64,
        /// The configured maximum, in seconds.
        max: u64,
    },
    /// An organization named in the token does not exist.
    #[error("token names an unknown organization {0}")]
    UnknownOrganization(i64),
    /// A jurisdiction named in the token does not exist.
    #[error("token names an unknown jurisdiction {0}")]
    UnknownJurisdiction(String),
    /// An organization named in the token lies outside the token's jurisdictions.
    #[error("token names organization {0}, outside its jurisdictions")]
    OutsideJurisdiction(i64),
    /// The person named in the token does not exist.
    #[error("token names an unknown person {0}")]
    UnknownPerson(i64),
}
