//! The public portal (党务公开网站) and the TV ticker, served by the API's own process at `/`
//! and `/tv`.
//!
//! Every page is written on the server from one or two GraphQL queries run through the schema
//! as an anonymous caller, exactly as a third-party frontend would run them: the portal has no
//! way to data that the public API does not give anyone, whoever visits it. A visitor's
//! `Authorization` header is ignored (pages are the same for all, and kept by shared caches).
//! Pages work without JavaScript; `portal.js` only adds small conveniences, and `/tv` uses the
//! `bulletinPublished` subscription of the API's own WebSocket endpoint.

mod feedback;
mod page;
mod pages;

use axum::{
    Router,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use serde_json::Value;

use crate::{access::Caller, http::AppState};

/// The portal's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/powers", get(pages::powers))
        .route("/meetings", get(pages::meetings))
        .route("/appointments", get(pages::appointments))
        .route("/bulletins", get(pages::bulletins))
        .route("/statistics", get(pages::statistics))
        .route("/records/{id}", get(pages::record))
        .route("/feedback", get(feedback::show).post(feedback::submit))
        .route("/feedback/track", axum::routing::post(feedback::track))
        .route("/tv", get(pages::tv))
        .route("/assets/{file}", get(asset))
        .route("/favicon.ico", get(icon))
}

/// What a page's query gave, or the answer that replaces the page.
type Data = Result<Value, Box<Response>>;

/// Who visits: the request's headers and address.
pub struct Visit {
    headers: HeaderMap,
    peer: Option<std::net::SocketAddr>,
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Visit {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Visit {
            headers: parts.headers.clone(),
            peer: crate::http::peer(&parts.extensions),
        })
    }
}

/// Runs `query` as the public, within the public's rate limit for the visitor's address.
async fn public(state: &AppState, visit: &Visit, query: &str, variables: Value) -> Data {
    let address = state.limiter.client_address(visit.peer, &visit.headers);
    let caller = Caller::public();
    if let Err(wait) = crate::http::limit(state, &caller, address) {
        let mut response = failure(
            StatusCode::TOO_MANY_REQUESTS,
            "访问过于频繁",
            "请稍后再试。",
        );
        if let Ok(value) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return Err(Box::new(response));
    }
    let response = crate::http::run_as(state, caller, query, variables, "portal").await;
    if let Some(error) = response.errors.first() {
        let unavailable = error.extensions.as_ref().and_then(|e| e.get("code"))
            == Some(&async_graphql::Value::from(
                crate::error::Code::Unavailable.as_str(),
            ));
        if unavailable {
            return Err(Box::new(failure(
                StatusCode::SERVICE_UNAVAILABLE,
                "暂时无法访问",
                "数据库暂时无法响应，请稍后刷新。",
            )));
        }
        // The portal's own queries are fixed: any other error is ours.
        tracing::error!(message = %error.message, path = ?error.path, "a portal query failed");
        return Err(Box::new(failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            "出错了",
            "页面暂时无法显示，我们已记录此问题。",
        )));
    }
    response.data.into_json().map_err(|e| {
        tracing::error!(error = %e, "a portal answer is not JSON");
        Box::new(failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            "出错了",
            "页面暂时无法显示，我们已记录此问题。",
        ))
    })
}

/// A page that says what went wrong.
fn failure(status: StatusCode, title: &str, text: &str) -> Response {
    private(
        status,
        page::frame(title, "", &format!("<p>{}</p>", page::h(text))),
    )
}

/// A page of HTML for this visitor only (an error, a submission's code and secret): no cache
/// keeps it.
fn private(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let out = response.headers_mut();
    out.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    secure(out);
    response
}

/// What every portal answer carries: its one content security policy, and no sniffing.
fn secure(out: &mut HeaderMap) {
    out.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
    out.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

/// The page for a path that leads nowhere, or a record the public does not see (the two are
/// the same).
fn not_found() -> Response {
    failure(
        StatusCode::NOT_FOUND,
        "没有找到",
        "没有这个页面，或者这条记录没有公开。",
    )
}

/// A page of HTML, the same for every visitor: `ETag`, shared caching for the configured
/// time, and `304 Not Modified` for a visitor who holds it.
fn html(state: &AppState, headers: &HeaderMap, body: String) -> Response {
    cacheable(
        state,
        headers,
        "text/html; charset=utf-8",
        body.into_bytes(),
    )
}

fn cacheable(
    state: &AppState,
    headers: &HeaderMap,
    media: &'static str,
    body: Vec<u8>,
) -> Response {
    let rule = crate::http::validators::public_for(state.http_cache_max_age);
    let mut response = crate::http::validators::shared(headers, media, body, None, &rule);
    secure(response.headers_mut());
    response
}

/// The icon, where browsers look for it first.
async fn icon(state: State<AppState>, headers: HeaderMap) -> Response {
    asset(state, Path("icon.svg".to_owned()), headers).await
}

/// The portal's style sheet, scripts and icon, built into the binary.
async fn asset(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (media, body): (&'static str, &'static str) = match file.as_str() {
        "portal.css" => ("text/css; charset=utf-8", include_str!("assets/portal.css")),
        "portal.js" => (
            "text/javascript; charset=utf-8",
            include_str!("assets/portal.js"),
        ),
        "icon.svg" => ("image/svg+xml", include_str!("assets/icon.svg")),
        "tv.js" => (
            "text/javascript; charset=utf-8",
            include_str!("assets/tv.js"),
        ),
        _ => return not_found(),
    };
    cacheable(&state, &headers, media, body.as_bytes().to_vec())
}
