//! Validators of answers that are the same for everyone who may read them (feeds, pictures):
//! an `ETag` made from the body, and whether a conditional request already holds it.

use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

/// A strong `ETag` for `body`: the first 128 bits of its SHA-256, quoted.
pub fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Whether the request's `If-None-Match` names `etag` (or `*`); `None` when it has none.
pub fn held(headers: &HeaderMap, etag: &str) -> Option<bool> {
    let tags = headers.get(header::IF_NONE_MATCH)?;
    Some(tags.to_str().is_ok_and(|tags| {
        tags.split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*")
    }))
}

/// The answer with `body` of type `content_type`, or 304 when the client already holds it
/// (`unchanged`), with its `ETag`, `Vary: Authorization`, and a cache rule: private for a
/// caller with a token, shared for a minute otherwise.
pub fn answer(
    content_type: &'static str,
    body: String,
    etag: &str,
    unchanged: bool,
    private: bool,
) -> Response {
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
            body,
        )
            .into_response()
    };
    let out = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(etag) {
        out.insert(header::ETAG, value);
    }
    out.insert(header::VARY, HeaderValue::from_static("Authorization"));
    out.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if private {
            "private, no-cache"
        } else {
            "public, max-age=60"
        }),
    );
    response
}

/// `body` of type `media`, an answer the same for everyone who asks: with its `ETag` (`etag`, or
/// one made from the body), the `Cache-Control` `rule`, and `304 Not Modified` with no body for
/// a request whose `If-None-Match` already names it.
pub fn shared(
    headers: &HeaderMap,
    media: &'static str,
    body: impl Into<axum::body::Body> + AsRef<[u8]>,
    etag: Option<String>,
    rule: &str,
) -> Response {
    let etag = etag.unwrap_or_else(|| self::etag(body.as_ref()));
    let mut response = if held(headers, &etag) == Some(true) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(header::CONTENT_TYPE, HeaderValue::from_static(media))],
            body.into(),
        )
            .into_response()
    };
    let out = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        out.insert(header::ETAG, value);
    }
    if let Ok(value) = HeaderValue::from_str(rule) {
        out.insert(header::CACHE_CONTROL, value);
    }
    response
}

/// The `Cache-Control` of an answer shared caches may keep for `max_age`; revalidated every
/// time when it is zero.
pub fn public_for(max_age: std::time::Duration) -> String {
    match max_age.as_secs() {
        0 => "public, no-cache".to_owned(),
        secs => format!("public, max-age={secs}"),
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn a_held_tag_matches_weak_or_in_a_list() {
        let tag = etag(b"body");
        let mut headers = HeaderMap::new();
        assert_eq!(held(&headers, &tag), None);
        for value in [
            tag.clone(),
            format!("W/{tag}"),
            format!("\"x\", {tag}"),
            "*".into(),
        ] {
            if let Ok(v) = HeaderValue::from_str(&value) {
                headers.insert(header::IF_NONE_MATCH, v);
            }
            assert_eq!(held(&headers, &tag), Some(true), "{value}");
        }
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert_eq!(held(&headers, &tag), Some(false));
    }
}
