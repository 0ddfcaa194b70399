//! Automatic persisted queries, as Apollo's clients send them: a request may name its query by
//! the SHA-256 of its text (`extensions.persistedQuery.sha256Hash`, version 1) instead of
//! carrying it. An unknown hash is answered `PERSISTED_QUERY_NOT_FOUND`, and the client sends
//! the text with its hash once; after that the hash alone will do, by GET or POST.
//!
//! Texts are kept apart per caller, as `access::operations::persisted_queries_of` decides:
//! anonymous callers share one set, and each token subject has its own.

use async_graphql::Value;
use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

use super::errors;
use crate::error::Code;

/// The most bytes of query text kept in all.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The message Apollo's clients look for before they send the text.
const NOT_FOUND: &str = "PersistedQueryNotFound";

/// Query texts known by their hash.
pub struct PersistedQueries {
    texts: moka::sync::Cache<(String, [u8; 32]), String>,
}

impl Default for PersistedQueries {
    fn default() -> Self {
        Self {
            texts: moka::sync::Cache::builder()
                .max_capacity(MAX_BYTES)
                .weigher(|(owner, _): &(String, [u8; 32]), text: &String| {
                    u32::try_from(owner.len() + text.len() + 32).unwrap_or(u32::MAX)
                })
                .build(),
        }
    }
}

impl PersistedQueries {
    /// Gives `request` its query when it names one by hash in the set of `owner`, and takes
    /// the naming out of its extensions.
    /// A request that names none is left as it is.
    pub fn resolve(
        &self,
        owner: &str,
        request: &mut async_graphql::Request,
    ) -> Result<(), Box<Response>> {
        let Some(persisted) = request.extensions.remove("persistedQuery") else {
            return Ok(());
        };
        let hash = hash_of(&persisted)?;
        let key = (owner.to_owned(), hash);
        if request.query.is_empty() {
            return match self.texts.get(&key) {
                Some(text) => {
                    request.query = text;
                    Ok(())
                }
                None => Err(Box::new(not_found())),
            };
        }
        let digest: [u8; 32] = Sha256::digest(request.query.as_bytes()).into();
        if digest != hash {
            return Err(bad("provided sha does not match query"));
        }
        self.texts.insert(key, request.query.clone());
        Ok(())
    }
}

/// The hash `extensions.persistedQuery` names, or the refusal of a malformed one.
fn hash_of(persisted: &Value) -> Result<[u8; 32], Box<Response>> {
    let Value::Object(fields) = persisted else {
        return Err(bad(
            "extensions.persistedQuery must be an object with version and sha256Hash",
        ));
    };
    let version = match fields.get("version") {
        Some(Value::Number(n)) => n.as_u64(),
        _ => None,
    };
    if version != Some(1) {
        return Err(bad("persisted query version must be 1"));
    }
    let hex = match fields.get("sha256Hash") {
        Some(Value::String(s)) => s.as_str(),
        _ => "",
    };
    decode_hex(hex).ok_or_else(|| bad("sha256Hash must be 64 hexadecimal digits"))
}

fn decode_hex(hex: &str) -> Option<[u8; 32]> {
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

fn bad(message: &str) -> Box<Response> {
    Box::new(errors::refusal(
        StatusCode::BAD_REQUEST,
        Code::BadUserInput,
        message,
    ))
}

/// The answer to an unknown hash: `200`, as Apollo's clients expect, with the code and the
/// message they look for, and no `data`.
fn not_found() -> Response {
    let body = serde_json::json!({ "errors": [{
        "message": NOT_FOUND,
        "extensions": { "code": Code::PersistedQueryNotFound.as_str() },
    }] });
    let mut response = (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body.to_string(),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naming(hash: &str) -> async_graphql::Request {
        let mut request = async_graphql::Request::new("");
        request.extensions.insert(
            "persistedQuery".into(),
            Value::from_json(serde_json::json!({ "version": 1, "sha256Hash": hash }))
                .unwrap_or(Value::Null),
        );
        request
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn a_hash_is_known_to_its_owner_once_its_text_was_sent() {
        let store = PersistedQueries::default();
        let text = "{ viewer { role } }";
        let hash = hex(&Sha256::digest(text.as_bytes()));

        assert!(store.resolve("", &mut naming(&hash)).is_err());

        let mut with_text = naming(&hash);
        with_text.query = text.into();
        assert!(store.resolve("", &mut with_text).is_ok());
        assert!(with_text.extensions.is_empty());

        let mut by_hash = naming(&hash);
        assert!(store.resolve("", &mut by_hash).is_ok());
        assert_eq!(by_hash.query, text);

        // Another owner does not learn that the text was sent.
        assert!(store.resolve("member-1", &mut naming(&hash)).is_err());

        // A text that is not the hash's is refused and not kept.
        let mut forged = naming(&hex(&[0u8; 32]));
        forged.query = text.into();
        assert!(store.resolve("", &mut forged).is_err());
        assert!(store.resolve("", &mut naming(&hex(&[0u8; 32]))).is_err());

        for malformed in ["", "zz", &hash[..63], &format!("{}g", &hash[..63])] {
            assert!(store.resolve("", &mut naming(malformed)).is_err());
        }
        // A request that names no hash is left as it is.
        let mut plain = async_graphql::Request::new(text);
        assert!(store.resolve("", &mut plain).is_ok());
        assert_eq!(plain.query, text);
    }
}
