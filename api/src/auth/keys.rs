//! Keys that verify tokens, chosen by configuration.

use std::{collections::HashMap, path::Path, str::FromStr};

use jsonwebtoken::{
    Algorithm, DecodingKey, Validation,
    jwk::{AlgorithmParameters, JwkSet, KeyAlgorithm},
};

use super::{Claims, MAX_TOKEN_BYTES, TokenError};
use crate::config::{Config, Secret};

/// Where the verifying key came from; decides whether `sunlight token` may mint.
#[derive(Clone, Debug)]
pub enum KeySource {
    /// A configured HS256 secret.
    Secret(Secret),
    /// A random key made on first start and kept beside the database.
    LocalDevelopment(Secret, std::path::PathBuf),
    /// A public key or a JWKS: tokens come from an outside identity provider.
    PublicKey,
}

enum Keys {
    Single(Algorithm, Box<DecodingKey>),
    ByKid(HashMap<String, (Algorithm, DecodingKey)>),
}

/// Verifies tokens against the configured key, issuer, audience, leeway and longest lifetime.
pub struct Verifier {
    keys: Keys,
    validations: HashMap<Algorithm, Validation>,
    leeway: u64,
    max_lifetime: u64,
}

/// Why the configured keys cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// A key file could not be read or written.
    #[error("cannot use key file {path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A key does not parse.
    #[error("invalid key in {origin}: {message}")]
    Invalid {
        /// Where.
        origin: String,
        /// What is wrong.
        message: String,
    },
}

const LOCAL_KEY_FILE: &str = "jwt-hs256.key";

fn io(path: &Path) -> impl Fn(std::io::Error) -> KeyError + '_ {
    move |source| KeyError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Where the local development key of `data_dir` is kept.
pub fn local_key_path(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join(LOCAL_KEY_FILE)
}

/// Whether `config` signs with the local development key and that key is not made yet: a
/// token minted now would be signed with a key no server uses, so minting refuses.
pub fn local_key_missing(config: &Config) -> Option<std::path::PathBuf> {
    let local = config.jwt_hs256_secret.is_none()
        && config.jwt_public_key_file.is_none()
        && config.jwt_jwks_file.is_none();
    let path = local_key_path(&config.data_dir);
    (local && !path.exists()).then_some(path)
}

/// The local development key in `data_dir`, made on first use and readable only by its owner.
fn local_key(data_dir: &Path) -> Result<(Secret, std::path::PathBuf), KeyError> {
    let path = local_key_path(data_dir);
    match std::fs::read_to_string(&path) {
        Ok(text) if text.trim().len() >= 32 => return Ok((Secret::new(text.trim()), path)),
        Ok(_) => {
            return Err(KeyError::Invalid {
                origin: path.display().to_string(),
                message: "the local key is shorter than 32 characters".into(),
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(&path)(e)),
    }
    std::fs::create_dir_all(data_dir).map_err(io(data_dir))?;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| KeyError::Invalid {
        origin: "the system's random source".into(),
        message: e.to_string(),
    })?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).map_err(io(&path))?;
    std::io::Write::write_all(&mut file, hex.as_bytes()).map_err(io(&path))?;
    file.sync_all().map_err(io(&path))?;
    Ok((Secret::new(hex), path))
}

fn jwk_algorithm(alg: Option<KeyAlgorithm>, params: &AlgorithmParameters) -> Option<Algorithm> {
    match (alg, params) {
        (Some(KeyAlgorithm::RS256), AlgorithmParameters::RSA(_)) => Some(Algorithm::RS256),
        (Some(KeyAlgorithm::RS384), AlgorithmParameters::RSA(_)) => Some(Algorithm::RS384),
        (Some(KeyAlgorithm::RS512), AlgorithmParameters::RSA(_)) => Some(Algorithm::RS512),
        (Some(KeyAlgorithm::PS256), AlgorithmParameters::RSA(_)) => Some(Algorithm::PS256),
        (Some(KeyAlgorithm::ES256), AlgorithmParameters::EllipticCurve(_)) => {
            Some(Algorithm::ES256)
        }
        (Some(KeyAlgorithm::ES384), AlgorithmParameters::EllipticCurve(_)) => {
            Some(Algorithm::ES384)
        }
        (Some(KeyAlgorithm::EdDSA), AlgorithmParameters::OctetKeyPair(_)) => Some(Algorithm::EdDSA),
        (None, AlgorithmParameters::RSA(_)) => Some(Algorithm::RS256),
        (None, AlgorithmParameters::EllipticCurve(_)) => Some(Algorithm::ES256),
        (None, AlgorithmParameters::OctetKeyPair(_)) => Some(Algorithm::EdDSA),
        // Shared secrets do not belong in a key set, and a key's algorithm must fit its type.
        _ => None,
    }
}

impl Verifier {
    /// The verifier that `config` describes, and where its key came from.
    pub fn from_config(config: &Config) -> Result<(Self, KeySource), KeyError> {
        let invalid = |origin: &str, message: String| KeyError::Invalid {
            origin: origin.to_owned(),
            message,
        };
        let (keys, source) = if let Some(path) = &config.jwt_jwks_file {
            let text = std::fs::read_to_string(path).map_err(io(path))?;
            let origin = path.display().to_string();
            let set: JwkSet =
                serde_json::from_str(&text).map_err(|e| invalid(&origin, e.to_string()))?;
            let mut map = HashMap::new();
            for jwk in &set.keys {
                let kid = jwk
                    .common
                    .key_id
                    .clone()
                    .ok_or_else(|| invalid(&origin, "every key needs a `kid`".into()))?;
                let alg =
                    jwk_algorithm(jwk.common.key_algorithm, &jwk.algorithm).ok_or_else(|| {
                        invalid(
                            &origin,
                            format!("key {kid}: unsupported or mismatched algorithm"),
                        )
                    })?;
                let key = DecodingKey::from_jwk(jwk)
                    .map_err(|e| invalid(&origin, format!("key {kid}: {e}")))?;
                map.insert(kid, (alg, key));
            }
            (Keys::ByKid(map), KeySource::PublicKey)
        } else if let (Some(path), Some(alg)) = (&config.jwt_public_key_file, &config.jwt_algorithm)
        {
            let pem = std::fs::read(path).map_err(io(path))?;
            let origin = path.display().to_string();
            let alg = Algorithm::from_str(alg)
                .map_err(|_| invalid("jwt_algorithm", format!("unknown algorithm {alg:?}")))?;
            let key = match alg {
                Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512 | Algorithm::PS256 => DecodingKey::from_rsa_pem(&pem),
                Algorithm::ES256 | Algorithm::ES384 => DecodingKey::from_ec_pem(&pem),
                Algorithm::EdDSA => DecodingKey::from_ed_pem(&pem),
                other => {
                    return Err(invalid(
                        "jwt_algorithm",
                        format!("{other:?} is not a public-key algorithm; use jwt_hs256_secret for HS256"),
                    ));
                }
            }
            .map_err(|e| invalid(&origin, e.to_string()))?;
            (Keys::Single(alg, Box::new(key)), KeySource::PublicKey)
        } else {
            let source = match &config.jwt_hs256_secret {
                Some(secret) => KeySource::Secret(secret.clone()),
                None => {
                    let (secret, path) = local_key(&config.data_dir)?;
                    KeySource::LocalDevelopment(secret, path)
                }
            };
            let secret = match &source {
                KeySource::Secret(s) | KeySource::LocalDevelopment(s, _) => {
                    s.expose().as_bytes().to_vec()
                }
                KeySource::PublicKey => Vec::new(),
            };
            (
                Keys::Single(
                    Algorithm::HS256,
                    Box::new(DecodingKey::from_secret(&secret)),
                ),
                source,
            )
        };
        let algorithms: Vec<Algorithm> = match &keys {
            Keys::Single(alg, _) => vec![*alg],
            Keys::ByKid(map) => map.values().map(|(alg, _)| *alg).collect(),
        };
        let leeway = config.jwt_leeway_secs.min(30);
        let validations = algorithms
            .into_iter()
            .map(|alg| {
                let mut v = Validation::new(alg);
                v.set_issuer(&[&config.jwt_issuer]);
                // `aud` may be one string or an array; either must name this audience.
                v.set_audience(&[&config.jwt_audience]);
                // jsonwebtoken does not know `iat`; `Claims` requires it and `verify` checks it.
                v.set_required_spec_claims(&["exp", "iss", "aud"]);
                v.validate_exp = true;
                v.validate_nbf = true;
                v.leeway = leeway;
                (alg, v)
            })
            .collect();
        let verifier = Self {
            keys,
            validations,
            leeway,
            max_lifetime: config.jwt_max_lifetime_secs,
        };
        Ok((verifier, source))
    }

    /// The claims of `token`, if it is valid in every respect.
    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        if token.len() > MAX_TOKEN_BYTES {
            return Err(TokenError::TooLong);
        }
        let header = jsonwebtoken::decode_header(token)?;
        let (alg, key) = match &self.keys {
            Keys::Single(alg, key) => (*alg, key.as_ref()),
            Keys::ByKid(map) => {
                let kid = header.kid.as_deref().ok_or(TokenError::UnknownKey)?;
                let (alg, key) = map.get(kid).ok_or(TokenError::UnknownKey)?;
                (*alg, key)
            }
        };
        // The token's own `alg` must be the pinned one; `Validation` checks it again.
        if header.alg != alg {
            return Err(TokenError::Rejected(
                jsonwebtoken::errors::ErrorKind::InvalidAlgorithm.into(),
            ));
        }
        let validation = self.validations.get(&alg).ok_or(TokenError::UnknownKey)?;
        let claims = jsonwebtoken::decode::<Claims>(token, key, validation)?.claims;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        self.check_times(&claims, now)?;
        Ok(claims)
    }

    /// The checks on `iat` that jsonwebtoken leaves out, at `now` (seconds since 1970): a
    /// token issued in the future, or made to live longer than allowed, stays usable far longer
    /// than its issuer should have let it.
    fn check_times(&self, claims: &Claims, now: u64) -> Result<(), TokenError> {
        if claims.iat > now.saturating_add(self.leeway) {
            return Err(TokenError::IssuedInFuture);
        }
        let lifetime = claims
            .exp
            .checked_sub(claims.iat)
            .ok_or(TokenError::ExpiresBeforeIssued)?;
        if lifetime > self.max_lifetime {
            return Err(TokenError::LivesTooLong {
                lifetime,
                max: self.max_lifetime,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::auth::{MintRequest, mint};

    fn config() -> Config {
        Config {
            jwt_hs256_secret: Some(Secret::new("unit-test-secret-0123456789abcdef")),
            jwt_max_lifetime_secs: 3600,
            ..Config::default()
        }
    }

    #[test]
    fn minting_never_makes_a_local_key() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let config = Config {
            data_dir: dir.path().join("elsewhere"),
            ..Config::default()
        };
        let missing = local_key_missing(&config);
        assert_eq!(
            missing,
            Some(dir.path().join("elsewhere").join(LOCAL_KEY_FILE))
        );
        // The server's start makes it; then minting may use it.
        Verifier::from_config(&config)?;
        assert_eq!(local_key_missing(&config), None);
        // A configured secret needs no local key.
        let other = Config {
            data_dir: dir.path().join("none"),
            ..self::config()
        };
        assert_eq!(local_key_missing(&other), None);
        Ok(())
    }

    fn request(ttl: Duration) -> MintRequest {
        MintRequest {
            role: "member".into(),
            orgs: Vec::new(),
            jur: None,
            sub: "unit".into(),
            person: None,
            name: None,
            ttl,
        }
    }

    #[test]
    fn minted_tokens_carry_iat_and_pass() -> anyhow::Result<()> {
        let config = config();
        let (verifier, source) = Verifier::from_config(&config)?;
        let token = mint(&config, &source, &request(Duration::from_secs(600)))?;
        let claims = verifier.verify(&token)?;
        assert_eq!(claims.exp - claims.iat, 600);
        assert_eq!(claims.iss, "sunlight-local");
        Ok(())
    }

    #[test]
    fn the_mint_keeps_to_the_longest_lifetime() -> anyhow::Result<()> {
        let config = config();
        let (_, source) = Verifier::from_config(&config)?;
        assert!(mint(&config, &source, &request(Duration::from_secs(3601))).is_err());
        Ok(())
    }

    #[test]
    fn iat_bounds_the_lifetime_and_may_not_lie_ahead() -> anyhow::Result<()> {
        let (verifier, _) = Verifier::from_config(&config())?;
        let claims = |iat: u64, exp: u64| Claims {
            exp,
            iat,
            iss: "sunlight-local".into(),
            sub: "unit".into(),
            role: "member".into(),
            orgs: Vec::new(),
            person: None,
            name: None,
            jur: None,
        };
        let now = 1_700_000_000;
        assert!(verifier.check_times(&claims(now, now + 3600), now).is_ok());
        assert!(
            verifier
                .check_times(&claims(now + 5, now + 600), now)
                .is_ok()
        );
        assert!(matches!(
            verifier.check_times(&claims(now, now + 3601), now),
            Err(TokenError::LivesTooLong {
                lifetime: 3601,
                max: 3600
            })
        ));
        assert!(matches!(
            verifier.check_times(&claims(now + 60, now + 600), now),
            Err(TokenError::IssuedInFuture)
        ));
        assert!(matches!(
            verifier.check_times(&claims(now, now - 1), now),
            Err(TokenError::ExpiresBeforeIssued)
        ));
        Ok(())
    }
}
