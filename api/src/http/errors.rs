//! GraphQL-shaped refusals: every answer a client gets carries a code, and the request id.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

use crate::error::Code;

/// A refusal with `status`, `code` and a message for a person.
pub fn refusal(status: StatusCode, code: Code, message: &str) -> Response {
    let body =
        json!({ "errors": [{ "message": message, "extensions": { "code": code.as_str() } }] });
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body.to_string(),
    )
        .into_response()
}

/// The one answer to every token fault, whatever failed.
pub fn unauthenticated() -> Response {
    let mut response = refusal(
        StatusCode::UNAUTHORIZED,
        Code::Unauthenticated,
        "the bearer token is not valid for this service",
    );
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// The service cannot answer now (database unreachable, pool exhausted): `503`,
/// `UNAVAILABLE`, with `Retry-After`.
pub fn unavailable() -> Response {
    let mut response = refusal(
        StatusCode::SERVICE_UNAVAILABLE,
        Code::Unavailable,
        "the service cannot answer now; try again shortly",
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// Refusals in the language the request prefers (`Accept-Language`): the message of each error
/// of a JSON answer with a 4xx or 5xx status, codes and fields unchanged. Answers of `/graphql`
/// that ran are put in the caller's language as they are encoded.
pub async fn localize(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let lang = crate::messages::Lang::preferred(
        request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let response = next.run(request).await;
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.starts_with("application/json") || t.starts_with("application/graphql-response+json")
        });
    if lang == crate::messages::Lang::En || response.status().as_u16() < 400 || !json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Refusals are a few hundred bytes; anything larger is passed on as it is.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return errors_lost(parts);
    };
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    for error in value["errors"].as_array_mut().into_iter().flatten() {
        if let Some(message) = error["message"].as_str()
            && let std::borrow::Cow::Owned(text) = crate::messages::localize(message, lang)
        {
            error["message"] = serde_json::Value::String(text);
        }
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.tag()),
    );
    Response::from_parts(parts, axum::body::Body::from(value.to_string()))
}

/// The answer when a refusal's body could not be read again: its status, with a coded error.
fn errors_lost(parts: axum::http::response::Parts) -> Response {
    let mut response = refusal(parts.status, Code::Internal, "internal error");
    *response.headers_mut() = parts.headers;
    response.headers_mut().remove(header::CONTENT_LENGTH);
    response
}
