//! `GET /export/{kind}.jsonl`, `GET /export/{kind}.csv` and `GET /export/manifest.json`: bulk
//! downloads of what the caller may see (see [`crate::export`]). Authentication and rate limits
//! are those of every route; a bad token is refused, never served as the public.

use axum::{
    body::Body,
    extract::{Path, Request, State},
    http::{HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};

use super::{
    AppState, errors,
    observe::{RequestId, RequestInfo},
};
use crate::graphql::run::Run;
use crate::{
    access::Caller,
    error::Code,
    export::{Format, Logged, PageError},
};

/// `GET /export/{kind}.{format}`.
pub async fn file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let mut info = RequestInfo {
        operation: Some("export".into()),
        role: "public",
        ..RequestInfo::default()
    };
    let mut response = match serve_file(&state, &file, &parts, &mut info.role).await {
        Ok(response) | Err(response) => response,
    };
    response.extensions_mut().insert(info);
    response
}

/// `GET /export/manifest.json`.
pub async fn manifest(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let mut info = RequestInfo {
        operation: Some("export manifest".into()),
        role: "public",
        ..RequestInfo::default()
    };
    let mut response = match serve_manifest(&state, &parts, &mut info.role).await {
        Ok(response) | Err(response) => response,
    };
    response.extensions_mut().insert(info);
    response
}

/// The answer to a page that could not be read before anything was sent.
fn failed(error: PageError) -> Response {
    match error {
        PageError::Unavailable => errors::unavailable(),
        PageError::Internal => errors::refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            Code::Internal,
            "internal error; the server log has the details",
        ),
    }
}

/// Whether `?bom=1` asks for a byte order mark; `None` for a value other than `1` or `0`.
fn wants_bom(parts: &Parts) -> Option<bool> {
    let mut bom = false;
    for pair in parts.uri.query().unwrap_or("").split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key == "bom" {
            bom = match value {
                "1" => true,
                "0" => false,
                _ => return None,
            };
        }
    }
    Some(bom)
}

/// Headers every export answer carries: nothing a caller with a token was served may be kept
/// by a shared cache.
fn private(caller: &Caller, response: &mut Response) {
    if caller.subject().is_some() {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

async fn serve_file(
    state: &AppState,
    file: &str,
    parts: &Parts,
    role: &mut &'static str,
) -> Result<Response, Response> {
    let caller = super::admit(state, &parts.headers, super::peer(&parts.extensions), role)
        .await
        .map_err(|refusal| *refusal)?;
    let exports = &state.exports;
    let found = file.rsplit_once('.').and_then(|(name, extension)| {
        Some((exports.kind(name)?, Format::from_extension(extension)?))
    });
    let Some((kind, format)) = found else {
        return Err(errors::refusal(
            StatusCode::NOT_FOUND,
            Code::NotFound,
            "no such export: GET /export/manifest.json lists every file",
        ));
    };
    let bom = match wants_bom(parts) {
        Some(bom) if !bom || format == Format::Csv => bom,
        _ => {
            return Err(errors::refusal(
                StatusCode::BAD_REQUEST,
                Code::BadUserInput,
                "`bom` is 1 (a UTF-8 byte order mark before a CSV file) or 0",
            ));
        }
    };
    let jurisdiction = super::jurisdiction_param(state, parts)
        .await?
        .map(|(id, _)| id);
    // The access log keeps what non-public content each page served, as for GraphQL answers.
    let run = Run::new(&state.access_log, caller.clone());
    let logged = Logged {
        log: state.access_log.clone(),
        request_id: parts
            .extensions
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default(),
    };
    // The first page is read before the status is chosen, so that a failure is still an error
    // status; later failures break the transfer.
    let first = exports
        .page(&run, kind, None, jurisdiction.as_deref())
        .await
        .map_err(failed)?;
    run.finish(&logged.log, &logged.request_id);
    let name = exports.kinds().get(kind).map_or("export", |k| k.name);
    let disposition = format!(
        "attachment; filename=\"sunlight-{name}.{}\"",
        format.extension()
    );
    let body = Body::from_stream(exports.clone().body(
        run,
        kind,
        jurisdiction,
        format,
        bom,
        first,
        logged,
    ));
    let mut response = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, format.media_type())],
        body,
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    private(&caller, &mut response);
    Ok(response)
}

async fn serve_manifest(
    state: &AppState,
    parts: &Parts,
    role: &mut &'static str,
) -> Result<Response, Response> {
    let caller = super::admit(state, &parts.headers, super::peer(&parts.extensions), role)
        .await
        .map_err(|refusal| *refusal)?;
    let manifest = state.exports.manifest(&caller).await.map_err(failed)?;
    let body = serde_json::to_vec(&*manifest).map_err(|e| {
        tracing::error!(error = %e, "cannot serialize a manifest");
        failed(PageError::Internal)
    })?;
    let mut response = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response();
    private(&caller, &mut response);
    Ok(response)
}
