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

/// Verifies tokens against the configured key, issuer, audience and leeway.
pub struct Verifier {
    keys: Keys,
    validations: HashMap<Algorithm, Validation>,
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

/// The local development key in `data_dir`, made on first use and readable only by its owner.
fn local_key(data_dir: &Path) -> Result<(Secret, std::path::PathBuf), KeyError> {
    let path = data_dir.join(LOCAL_KEY_FILE);
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
        let validations = algorithms
            .into_iter()
            .map(|alg| {
                let mut v = Validation::new(alg);
                v.set_issuer(&[&config.jwt_issuer]);
                v.set_audience(&[&config.jwt_audience]);
                v.set_required_spec_claims(&["exp", "iss", "aud"]);
                v.validate_exp = true;
                v.validate_nbf = true;
                v.leeway = config.jwt_leeway_secs.min(30);
                (alg, v)
            })
            .collect();
        Ok((Self { keys, validations }, source))
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
        Ok(jsonwebtoken::decode::<Claims>(token, key, validation)?.claims)
    }
}
