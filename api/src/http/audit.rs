//! `GET /audit/checkpoint`: the latest signed checkpoint of the audit log as plain JSON, to be
//! saved and later held against the log (`sunlight audit verify --checkpoint FILE`);
//! `?sequence=N` fetches the one made at entry N. Authentication and rate limits are those of
//! every route.

use axum::{
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};

use super::{AppState, errors, observe::RequestInfo};
use crate::error::Code;

/// `GET /audit/checkpoint`.
pub async fn checkpoint(State(state): State<AppState>, request: Request) -> Response {
    let mut info = RequestInfo {
        operation: Some("audit checkpoint".into()),
        role: "public",
        ..RequestInfo::default()
    };
    let (parts, _) = request.into_parts();
    let mut response = match serve(&state, &parts, &mut info.role).await {
        Ok(response) | Err(response) => response,
    };
    response.extensions_mut().insert(info);
    response
}

/// The `sequence` the query asks for: `Ok(None)` for none, `Err` for anything malformed.
fn sequence(query: Option<&str>) -> Result<Option<i64>, ()> {
    let mut found = None;
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("sequence", value)) => {
                found = Some(value.parse::<i64>().map_err(|_| ())?);
            }
            _ => return Err(()),
        }
    }
    Ok(found)
}

async fn serve(
    state: &AppState,
    parts: &Parts,
    role: &mut &'static str,
) -> Result<Response, Response> {
    super::admit(state, &parts.headers, super::peer(&parts.extensions), role)
        .await
        .map_err(|refusal| *refusal)?;
    let sequence = sequence(parts.uri.query()).map_err(|()| {
        errors::refusal(
            StatusCode::BAD_REQUEST,
            Code::BadUserInput,
            "the only parameter is `sequence`, an entry's number",
        )
    })?;
    let found = state
        .store
        .audit_checkpoint(sequence)
        .await
        .map_err(|error| {
            tracing::error!(?error, "cannot read the audit checkpoints");
            errors::unavailable()
        })?;
    let Some(checkpoint) = found else {
        return Err(errors::refusal(
            StatusCode::NOT_FOUND,
            Code::NotFound,
            if sequence.is_some() {
                "no checkpoint was made at this entry"
            } else {
                "no checkpoint has been made yet: the first comes within an interval of the first write"
            },
        ));
    };
    let body = serde_json::to_vec(&checkpoint).map_err(|error| {
        tracing::error!(%error, "cannot serialize a checkpoint");
        errors::refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            Code::Internal,
            "internal error; the server log has the details",
        )
    })?;
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            // A new checkpoint comes at most once an interval; a minute of caching costs little.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=60"),
            ),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_names_a_sequence_or_nothing() {
        assert_eq!(sequence(None), Ok(None));
        assert_eq!(sequence(Some("")), Ok(None));
        assert_eq!(sequence(Some("sequence=12")), Ok(Some(12)));
        assert_eq!(sequence(Some("sequence=x")), Err(()));
        assert_eq!(sequence(Some("other=1")), Err(()));
    }
}
