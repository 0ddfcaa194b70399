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

/// The service cannot answer now (database unreachable, pool exhausted).
pub fn unavailable() -> Response {
    let mut response = refusal(
        StatusCode::SERVICE_UNAVAILABLE,
        Code::Internal,
        "the service cannot answer now; try again shortly",
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}
