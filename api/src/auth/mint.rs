//! `sunlight token`: minting tokens with the configured HS256 secret, for local use and tests.

use std::time::Duration;

use jsonwebtoken::{EncodingKey, Header};
use serde::Serialize;

use super::KeySource;
use crate::config::Config;

/// What a minted token says.
#[derive(Clone, Debug)]
pub struct MintRequest {
    /// The role.
    pub role: String,
    /// Organization ids (global ids).
    pub orgs: Vec<String>,
    /// The jurisdictions the token is limited to (division codes), if any.
    pub jur: Option<Vec<String>>,
    /// The subject.
    pub sub: String,
    /// The person (a global id), if any.
    pub person: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// How long the token is valid.
    pub ttl: Duration,
}

#[derive(Serialize)]
struct Minted<'a> {
    sub: &'a str,
    role: &'a str,
    orgs: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    jur: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    iss: &'a str,
    aud: &'a str,
    iat: u64,
    nbf: u64,
    exp: u64,
}

/// A signed token, or why none can be made. It carries `iat`, and a lifetime longer than
/// `jwt_max_lifetime_secs` is refused here rather than minted into a token the server refuses.
pub fn mint(config: &Config, source: &KeySource, request: &MintRequest) -> anyhow::Result<String> {
    let secret = match source {
        KeySource::Secret(secret) | KeySource::LocalDevelopment(secret, _) => secret,
        KeySource::PublicKey => anyhow::bail!(
            "only a public key is configured: tokens come from the identity provider, Sunlight cannot mint them"
        ),
    };
    if request.ttl.as_secs() > config.jwt_max_lifetime_secs {
        anyhow::bail!(
            "a token may live at most {} s (jwt_max_lifetime_secs); ask for a shorter lifetime",
            config.jwt_max_lifetime_secs
        );
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let claims = Minted {
        sub: &request.sub,
        role: &request.role,
        orgs: &request.orgs,
        jur: request.jur.as_deref(),
        person: request.person.as_deref(),
        name: request.name.as_deref(),
        iss: &config.jwt_issuer,
        aud: &config.jwt_audience,
        iat: now,
        nbf: now,
        exp: now + request.ttl.as_secs(),
    };
    Ok(jsonwebtoken::encode(
        &Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret.expose().as_bytes()),
    )?)
}
