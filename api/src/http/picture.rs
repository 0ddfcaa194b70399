//! `GET /procedures/{id}.svg`: a procedure's flowchart as a picture, for the caller; with
//! `?exercise={id}` (and `&asOf=YYYY-MM-DD`), an exercise's path through it. The picture is
//! `Procedure.svg` run through the schema with the caller of the request, so it shows exactly
//! what the API shows that caller: a procedure or an exercise the caller may not see answers
//! 404, the same as one that does not exist.

use std::collections::HashMap;

use axum::{
    extract::{Path, Query, Request, State},
    http::{HeaderMap, StatusCode},
    response::Response,
};
use serde_json::json;

use super::{AppState, errors};
use crate::error::Code;

const QUERY: &str = "query($id: ID!, $exercise: ID, $asOf: NaiveDate) {
  node(id: $id) { ... on Procedure { svg(exercise: $exercise, asOf: $asOf) } } }";

/// `GET /procedures/{id}.svg`.
pub async fn flowchart(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    request: Request,
) -> Response {
    let not_found = || {
        errors::refusal(
            StatusCode::NOT_FOUND,
            Code::NotFound,
            "no procedure (or exercise of it) has this id; pictures are /procedures/{id}.svg",
        )
    };
    let Some(id) = file.strip_suffix(".svg") else {
        return not_found();
    };
    if let Some(day) = params.get("asOf")
        && chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_err()
    {
        return errors::refusal(
            StatusCode::BAD_REQUEST,
            Code::BadUserInput,
            "asOf is a date, YYYY-MM-DD",
        );
    }
    let headers = request.headers().clone();
    let caller = match super::caller_of(&state, &headers, request.extensions()).await {
        Ok(caller) => caller,
        Err(refusal) => return *refusal,
    };
    let private = caller.subject().is_some();
    let variables = json!({
        "id": id,
        "exercise": params.get("exercise"),
        "asOf": params.get("asOf"),
    });
    let response = super::run_as(&state, caller, QUERY, variables, "picture").await;
    if let Some(error) = response.errors.first() {
        let code = error
            .extensions
            .as_ref()
            .and_then(|e| e.get("code"))
            .map(|c| c.to_string());
        return match code.as_deref() {
            Some("\"BAD_USER_INPUT\"") => not_found(),
            _ => {
                tracing::error!(message = %error.message, "could not draw a flowchart");
                errors::unavailable()
            }
        };
    }
    let svg = response
        .data
        .into_json()
        .ok()
        .and_then(|data| data["node"]["svg"].as_str().map(str::to_owned));
    match svg {
        Some(svg) => answer(&headers, svg, private),
        None => not_found(),
    }
}

/// The picture, or 304 when the client's copy is current.
fn answer(headers: &HeaderMap, body: String, private: bool) -> Response {
    let etag = super::validators::etag(body.as_bytes());
    let unchanged = super::validators::held(headers, &etag) == Some(true);
    super::validators::answer(
        "image/svg+xml; charset=utf-8",
        body,
        &etag,
        unchanged,
        private,
    )
}
