//! `GET /documents/{name}`: a document's bytes, to a caller who sees a record that carries it;
//! `POST /documents`: a writer uploads one. Whether the caller sees the document is the root
//! field `document` run through the schema with the caller of the request, so the bytes follow
//! exactly the rules of the API: a document on no record the caller sees answers 404, the same
//! as one that does not exist, whatever the headers of the request.

use axum::{
    body::Body,
    extract::{Path, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

use super::{AppState, errors};
use crate::{
    documents::{Range, extension, parse_name, range},
    error::Code,
    store::documents::Stored,
};

const QUERY: &str = "query($name: String!) { document(name: $name) { name mediaType size } }";

/// The one answer for a document that is unknown, unattached or hidden from the caller.
fn not_found() -> Response {
    errors::refusal(
        StatusCode::NOT_FOUND,
        Code::NotFound,
        "no document has this name on a record you may see; documents are /documents/{sha256}",
    )
}

/// `GET /documents/{name}` (and `HEAD`).
pub async fn serve(
    State(state): State<AppState>,
    Path(name): Path<String>,
    request: Request,
) -> Response {
    let Some(name) = parse_name(&name) else {
        return not_found();
    };
    let headers = request.headers().clone();
    let caller = match super::caller_of(&state, &headers, request.extensions()).await {
        Ok(caller) => caller,
        Err(refusal) => return *refusal,
    };
    let private = caller.subject().is_some();
    let response = super::run_as(&state, caller, QUERY, json!({ "name": name }), "document").await;
    if let Some(error) = response.errors.first() {
        tracing::error!(message = %error.message, "could not look up a document");
        return errors::unavailable();
    }
    let data = response.data.into_json().unwrap_or_default();
    let document = &data["document"];
    let (Some(media_type), Some(size)) =
        (document["mediaType"].as_str(), document["size"].as_u64())
    else {
        return not_found();
    };
    let document = Stored {
        name,
        media_type: media_type.to_owned(),
        size,
    };
    let etag = format!("\"{}\"", document.name);
    if super::validators::held(&headers, &etag) == Some(true) {
        return with_headers(
            StatusCode::NOT_MODIFIED.into_response(),
            &document,
            &etag,
            private,
        );
    }
    // A range applies only to the version the client names in `If-Range`, when it names one.
    let wanted = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    let if_range = headers.get(header::IF_RANGE).and_then(|v| v.to_str().ok());
    let wanted = match if_range {
        Some(tag) if tag.trim() != etag => None,
        _ => wanted,
    };
    let (status, start, len) = match range(wanted, document.size) {
        Range::Whole => (StatusCode::OK, 0, document.size),
        Range::Part { start, end } => (StatusCode::PARTIAL_CONTENT, start, end - start + 1),
        Range::Unsatisfiable => {
            let mut response = errors::refusal(
                StatusCode::RANGE_NOT_SATISFIABLE,
                Code::BadUserInput,
                "the range asks for no byte of this document",
            );
            if let Ok(value) = HeaderValue::from_str(&format!("bytes */{}", document.size)) {
                response.headers_mut().insert(header::CONTENT_RANGE, value);
            }
            return response;
        }
    };
    let bytes = match state.store.document_bytes(&document.name, start, len).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(?error, "could not read a document");
            return errors::unavailable();
        }
    };
    let mut response = (status, Body::from(bytes)).into_response();
    if status == StatusCode::PARTIAL_CONTENT {
        let value = format!("bytes {start}-{}/{}", start + len - 1, document.size);
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(header::CONTENT_RANGE, value);
        }
    }
    with_headers(response, &document, &etag, private)
}

/// The headers of every answer with a document: its type (never sniffed again by a browser,
/// never run as a page), its validator, and a cache rule that makes a shared cache ask again
/// every time, since a record may stop carrying a document or stop being shown.
fn with_headers(mut response: Response, document: &Stored, etag: &str, private: bool) -> Response {
    let out = response.headers_mut();
    let pairs = [
        (header::CONTENT_TYPE, document.media_type.clone()),
        (header::ETAG, etag.to_owned()),
        (header::ACCEPT_RANGES, "bytes".to_owned()),
        (header::VARY, "Authorization".to_owned()),
        (
            header::CACHE_CONTROL,
            if private {
                "private, no-cache"
            } else {
                "public, no-cache"
            }
            .to_owned(),
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox".to_owned(),
        ),
        (
            header::CONTENT_DISPOSITION,
            format!(
                "inline; filename=\"{}.{}\"",
                document.name,
                extension(&document.media_type)
            ),
        ),
    ];
    for (name, value) in pairs {
        if let Ok(value) = HeaderValue::from_str(&value) {
            out.insert(name, value);
        }
    }
    response
}

/// `POST /documents`: the body is the document. Writers only; the answer names it, the same
/// whether it was stored before or not.
pub async fn upload(State(state): State<AppState>, request: Request) -> Response {
    let headers: HeaderMap = request.headers().clone();
    let caller = match super::caller_of(&state, &headers, request.extensions()).await {
        Ok(caller) => caller,
        Err(refusal) => return *refusal,
    };
    if let Err(refusal) = crate::access::documents::may_upload(&caller) {
        let message = match refusal {
            crate::access::writing::Refusal::Forbidden(message) => message,
            crate::access::writing::Refusal::NameTheOwner => "writers only".to_owned(),
        };
        let status = if caller.subject().is_none() {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::FORBIDDEN
        };
        return errors::refusal(status, Code::Forbidden, &message);
    }
    let limit = state.document_max_bytes;
    let body = match axum::body::to_bytes(request.into_body(), limit).await {
        Ok(body) => body,
        Err(_) => {
            return errors::refusal(
                StatusCode::PAYLOAD_TOO_LARGE,
                Code::BadUserInput,
                &format!("a document may have at most {limit} bytes"),
            );
        }
    };
    match state.store.upload(&caller, &body, state.store.now()).await {
        Ok(stored) => {
            let body = json!({
                "name": stored.name,
                "mediaType": stored.media_type,
                "size": stored.size,
                "url": format!("/documents/{}", stored.name),
            });
            (
                StatusCode::OK,
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                body.to_string(),
            )
                .into_response()
        }
        Err(crate::error::AppError::BadInput { message, .. }) => errors::refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Code::BadUserInput,
            &message,
        ),
        Err(error) => {
            tracing::error!(?error, "could not store a document");
            errors::unavailable()
        }
    }
}
