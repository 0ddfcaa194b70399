//! One log line and one metric per request, a request id on every answer, and panics turned
//! into coded errors instead of dropped connections.

use std::{any::Any, time::Instant};

use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::AppState;
use crate::error::Code;

/// The id of a request, in `x-request-id` and in every error's extensions.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// What the GraphQL handler learned, for the log line and the metrics.
#[derive(Clone, Debug, Default)]
pub struct RequestInfo {
    /// The operation name, as the client gave it.
    pub operation: Option<String>,
    /// The caller's role.
    pub role: &'static str,
    /// Why the request was refused before running, if it was.
    pub rejected: Option<&'static str>,
}

fn new_id() -> String {
    let mut bytes = [0u8; 12];
    if getrandom::fill(&mut bytes).is_err() {
        // An id is for correlation only; a clock-based one will do.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        return format!("{nanos:x}");
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bodies of refusals are small; larger bodies are left alone.
const MAX_ERROR_BODY: usize = 16 * 1024;

/// Adds the request id to the `extensions` of each error of a JSON error body. A larger body
/// (an answer with much data beside an error, as a query cut short by an unavailable database
/// can give) is sent as it is: its `x-request-id` header carries the id.
async fn tag_error_body(response: Response, id: &str) -> Response {
    use axum::body::HttpBody as _;
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    if !is_json || response.status().is_success() {
        return response;
    }
    let small = response
        .body()
        .size_hint()
        .upper()
        .is_some_and(|n| n <= MAX_ERROR_BODY as u64);
    if !small {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    let tagged = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|mut v| {
            for error in v.get_mut("errors")?.as_array_mut()? {
                if let Some(ext) = error.get_mut("extensions").and_then(|e| e.as_object_mut()) {
                    ext.insert("requestId".into(), id.into());
                }
            }
            serde_json::to_vec(&v).ok()
        });
    let body = tagged.unwrap_or_else(|| bytes.to_vec());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}

/// The middleware around every route.
pub async fn observe(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = new_id();
    request.extensions_mut().insert(RequestId(id.clone()));
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    // Everything logged while the request runs (database errors, panics) carries its id; when
    // traces are on, the span is the request's in the trace, continuing the caller's.
    let traced = crate::telemetry::enabled();
    let span = if traced {
        let span = tracing::info_span!(
            "request",
            otel.name = %format_args!("{method} {path}"),
            request_id = %id,
            role = tracing::field::Empty,
            operation = tracing::field::Empty,
        );
        crate::telemetry::continue_trace(&span, request.headers());
        span
    } else {
        tracing::info_span!("request", request_id = %id)
    };
    let response = tracing::Instrument::instrument(next.run(request), span.clone()).await;
    let mut response = tag_error_body(response, &id).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    let status = response.status().as_u16();
    let elapsed = started.elapsed();
    let info = response
        .extensions()
        .get::<RequestInfo>()
        .cloned()
        .unwrap_or_default();
    if traced {
        span.record("role", info.role);
        if let Some(operation) = &info.operation {
            span.record("operation", operation.as_str());
        }
        if let Some(traceparent) = crate::telemetry::traceparent(&span) {
            response.headers_mut().insert("traceparent", traceparent);
        }
    }
    if path == "/graphql" {
        state
            .metrics
            .observe(info.operation.as_deref(), status, elapsed);
        if let Some(reason) = info.rejected {
            state.metrics.rejected(reason);
        }
        if status == 429 {
            state.metrics.rate_limited();
        }
    }
    tracing::info!(
        request_id = %id,
        method = %method,
        path = %path,
        operation = info.operation.as_deref().unwrap_or(""),
        role = info.role,
        status,
        duration_ms = elapsed.as_secs_f64() * 1000.0,
        "request"
    );
    response
}

/// The answer to a panic: a coded error; the panic itself goes to the log.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("panic");
    tracing::error!(panic = detail, "a request panicked");
    super::errors::refusal(
        StatusCode::INTERNAL_SERVER_ERROR,
        Code::Internal,
        "internal error; the server log has the details",
    )
}

#[cfg(test)]
mod tests {
    use axum::{
        http::{StatusCode, header},
        response::IntoResponse as _,
    };

    async fn tagged(status: StatusCode, body: String) -> serde_json::Value {
        let response = (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
        let response = super::tag_error_body(response, "r1").await;
        assert_eq!(response.status(), status);
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap_or_default();
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null)
    }

    #[tokio::test]
    async fn an_error_answer_keeps_its_json_whatever_its_size() {
        let error = r#"{"message":"unavailable","extensions":{"code":"UNAVAILABLE"}}"#;
        let small = format!(r#"{{"data":null,"errors":[{error}]}}"#);
        let body = tagged(StatusCode::SERVICE_UNAVAILABLE, small).await;
        assert_eq!(body["errors"][0]["extensions"]["requestId"], "r1");
        // Much data beside the error: sent as it is, still JSON.
        let data = "数据".repeat(20_000);
        let large = format!(r#"{{"data":{{"text":"{data}"}},"errors":[{error}]}}"#);
        let body = tagged(StatusCode::SERVICE_UNAVAILABLE, large).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAVAILABLE");
        assert_eq!(
            body["data"]["text"].as_str().map(str::len),
            Some(data.len())
        );
    }
}
