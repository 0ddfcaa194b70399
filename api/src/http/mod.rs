//! The HTTP face of Sunlight: the GraphQL endpoint, GraphiQL, exports, feeds, the audit
//! checkpoint, health, readiness, metrics.

mod atom;
mod audit;
pub mod cache;
mod docs;
mod documents;
mod errors;
mod export;
mod graphiql;
mod graphql;
pub mod limits;
pub mod metrics;
mod observe;
pub mod persisted;
mod picture;
pub(crate) mod validators;
mod ws;

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{
    Router,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware,
    response::{IntoResponse, Response},
    routing::get,
};
use tokio::net::TcpListener;
use tower_http::{
    catch_panic::CatchPanicLayer,
    cors::{AllowOrigin, CorsLayer},
};

use crate::{
    access::Caller,
    auth::{CallerCache, TokenError, Verifier},
    graphql::SunlightSchema,
    store::Store,
};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The schema, holding the store.
    pub schema: SunlightSchema,
    /// The store, for building callers.
    pub store: Store,
    /// Verifies bearer tokens.
    pub verifier: Arc<Verifier>,
    /// Callers of tokens verified lately.
    pub callers: Arc<CallerCache>,
    /// Counters for `/metrics`.
    pub metrics: Arc<metrics::Metrics>,
    /// Per-caller budgets.
    pub limiter: Arc<limits::RateLimiter>,
    /// Per-address budgets of submissions.
    pub submissions: Arc<limits::SubmissionLimiter>,
    /// Longest a request may run.
    pub request_timeout: Duration,
    /// Answers to anonymous queries, kept briefly.
    pub cache: Arc<cache::ResponseCache>,
    /// Query texts that requests may name by their hash.
    pub persisted: Arc<persisted::PersistedQueries>,
    /// How long shared HTTP caches may reuse an anonymous answer to `GET /graphql`.
    pub http_cache_max_age: Duration,
    /// Where responses hand the non-public records they served.
    pub access_log: crate::access_log::AccessLog,
    /// The bulk exports.
    pub exports: Arc<crate::export::Exporter>,
    /// How long before their time media see bulletins published for later.
    pub embargo_window: chrono::TimeDelta,
    /// Client addresses that may read `/metrics`.
    pub metrics_addresses: Arc<[std::net::IpAddr]>,
    /// The largest document that may be uploaded, in bytes.
    pub document_max_bytes: usize,
    /// The bearer token that may read `/metrics`, if one is configured.
    pub metrics_token: Option<crate::config::Secret>,
}

/// The caller of a request: the public without an `Authorization` header, the token's caller
/// with a valid one, and a refusal for anything else.
pub(crate) async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Caller, Response> {
    let mut values = headers.get_all(header::AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Ok(Caller::public());
    };
    if values.next().is_some() {
        return Err(errors::unauthenticated());
    }
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let Some(token) = token else {
        tracing::info!("refused a malformed authorization header");
        return Err(errors::unauthenticated());
    };
    // Read before the tree: a caller built on a tree that changes meanwhile is not kept.
    let structure = state.store.structure();
    if let Some(caller) = state.callers.get(token, structure) {
        return Ok(caller);
    }
    let claims = state.verifier.verify(token).map_err(|e| {
        tracing::info!(reason = %e, "refused a token");
        errors::unauthenticated()
    })?;
    let unavailable = |e: crate::error::AppError| {
        tracing::error!(error = ?e, "cannot read the organization tree or the persons");
        errors::unavailable()
    };
    let refused = |e: TokenError| {
        tracing::info!(reason = %e, "refused a token");
        errors::unauthenticated()
    };
    let tree = state.store.org_tree().await.map_err(unavailable)?;
    let caller = match Caller::from_claims(&claims, &tree, state.store.ids(), state.embargo_window)
    {
        // The kept tree may predate the organization; only a fresh one may refuse it.
        Err(
            TokenError::UnknownOrganization(_)
            | TokenError::UnknownJurisdiction(_)
            | TokenError::OutsideJurisdiction(_),
        ) => {
            let tree = state.store.fresh_org_tree().await.map_err(unavailable)?;
            Caller::from_claims(&claims, &tree, state.store.ids(), state.embargo_window)
        }
        built => built,
    }
    .map_err(refused)?;
    if let Some(person) = caller.person()
        && !state
            .store
            .person_exists(person)
            .await
            .map_err(unavailable)?
    {
        return Err(refused(TokenError::UnknownPerson(person)));
    }
    state.callers.put(token, &caller, claims.exp, structure);
    Ok(caller)
}

/// The jurisdiction a feed or an export is limited to by `?jurisdiction=<division code>`, as
/// its global id and its code; `None` when the query names none. An unknown code is refused.
pub(crate) async fn jurisdiction_param(
    state: &AppState,
    parts: &axum::http::request::Parts,
) -> Result<Option<(String, String)>, Response> {
    let code = parts
        .uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "jurisdiction")
        .map(|(_, value)| value.to_owned());
    let Some(code) = code else {
        return Ok(None);
    };
    let unavailable = |e: crate::error::AppError| {
        tracing::error!(error = ?e, "cannot read the jurisdictions");
        errors::unavailable()
    };
    let mut tree = state.store.org_tree().await.map_err(unavailable)?;
    // A jurisdiction made since the tree was read is read again.
    if tree.jurisdiction_by_code(&code).is_none() {
        tree = state.store.recent_org_tree().await.map_err(unavailable)?;
    }
    match tree.jurisdiction_by_code(&code) {
        Some(id) => Ok(Some((state.store.ids().encode("Jurisdiction", id).0, code))),
        None => Err(errors::refusal(
            axum::http::StatusCode::BAD_REQUEST,
            crate::error::Code::BadUserInput,
            "`jurisdiction` is the division code of a jurisdiction, e.g. 632221; the query `jurisdictions` lists them",
        )),
    }
}

/// Takes one request from the budget of `caller`: its token's subject, or for the public its
/// address; `Err(wait)` when the budget is spent.
pub(crate) fn limit(
    state: &AppState,
    caller: &Caller,
    address: Option<std::net::IpAddr>,
) -> Result<(), std::time::Duration> {
    match caller.subject() {
        Some(sub) => state.limiter.check(&format!("sub:{sub}"), true),
        None => {
            let address = address.map(|a| a.to_string()).unwrap_or_default();
            state.limiter.check(&format!("ip:{address}"), false)
        }
    }
}

/// The address the connection comes from, as the server accepted it.
pub(crate) fn peer(extensions: &axum::http::Extensions) -> Option<SocketAddr> {
    extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0)
}

/// Runs `query` with `variables` through the schema for `caller`, as the GraphQL endpoint
/// would, its reads noted in the access log under `label`: a route that serves a picture or
/// the bytes of a document decides what it may serve this way, by the API's own rules.
pub(crate) async fn run_as(
    state: &AppState,
    caller: Caller,
    query: &str,
    variables: serde_json::Value,
    label: &str,
) -> async_graphql::Response {
    let run = crate::graphql::run::Run::new(&state.access_log, caller);
    let request = run
        .prepare_query(
            &state.store,
            async_graphql::Request::new(query)
                .variables(async_graphql::Variables::from_json(variables)),
        )
        .await;
    let response = state.schema.execute(request).await;
    run.finish(&state.access_log, label);
    response
}

/// Runs `query` as [`run_as`] does, a submission in it spending the budget of submissions of
/// the client `address`, as on `/graphql`: the portal's forms send submissions this way.
pub(crate) async fn run_submission_as(
    state: &AppState,
    caller: Caller,
    query: &str,
    variables: serde_json::Value,
    address: Option<std::net::IpAddr>,
) -> async_graphql::Response {
    let run = crate::graphql::run::Run::new(&state.access_log, caller);
    let request = run
        .prepare(
            &state.store,
            async_graphql::Request::new(query)
                .variables(async_graphql::Variables::from_json(variables)),
        )
        .data(limits::SubmissionBudget::of(
            state.submissions.clone(),
            address,
        ));
    let response = state.schema.execute(request).await;
    run.finish(&state.access_log, "portal");
    response
}

/// The caller of a request of a route beside `/graphql`, from its headers and the connection
/// in its extensions, admitted as [`admit`] admits it.
pub(crate) async fn caller_of(
    state: &AppState,
    headers: &HeaderMap,
    extensions: &axum::http::Extensions,
) -> Result<Caller, Box<Response>> {
    let mut role = "public";
    admit(state, headers, peer(extensions), &mut role).await
}

/// The caller of a request that may go ahead: authenticated (a bad token is refused, never
/// served as the public) and within its rate limit. `role` is set once the caller is known.
pub(crate) async fn admit(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    role: &mut &'static str,
) -> Result<Caller, Box<Response>> {
    let address = state.limiter.client_address(peer, headers);
    let by_address = || format!("ip:{}", address.map(|a| a.to_string()).unwrap_or_default());
    let caller = match authenticate(state, headers).await {
        Ok(caller) => caller,
        Err(refusal) => {
            // Failed tokens spend the address's budget, so guessing costs like any request.
            let _ = state.limiter.check(&by_address(), false);
            return Err(Box::new(refusal));
        }
    };
    *role = caller.role().as_str();
    if let Err(wait) = limit(state, &caller, address) {
        let mut response = errors::refusal(
            StatusCode::TOO_MANY_REQUESTS,
            crate::error::Code::RateLimited,
            "too many requests; slow down and retry after the time in Retry-After",
        );
        let secs = wait.as_secs().max(1).to_string();
        if let Ok(value) = HeaderValue::from_str(&secs) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return Err(Box::new(response));
    }
    Ok(caller)
}

/// The router of the whole API, with `pages` (the portal) beside it under the same layers.
/// `cors_origins` empty allows any origin: calls carry no cookies.
pub fn router(state: AppState, cors_origins: &[String], pages: Router<AppState>) -> Router {
    let origins: Vec<HeaderValue> = cors_origins.iter().filter_map(|o| o.parse().ok()).collect();
    let cors = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::RANGE,
            header::IF_NONE_MATCH,
            header::IF_RANGE,
        ])
        .expose_headers([
            header::HeaderName::from_static("x-request-id"),
            header::RETRY_AFTER,
            header::CONTENT_DISPOSITION,
            header::ETAG,
            header::CONTENT_RANGE,
            header::ACCEPT_RANGES,
            header::CONTENT_LENGTH,
        ])
        .max_age(Duration::from_secs(3600))
        .allow_origin(if origins.is_empty() {
            AllowOrigin::any()
        } else {
            AllowOrigin::list(origins)
        });
    Router::new()
        .route("/graphql", get(graphql_get).post(graphql::endpoint))
        .route("/export/manifest.json", get(export::manifest))
        .route("/export/{file}", get(export::file))
        .route("/graphql/ws", get(ws::upgrade))
        .route("/graphiql/{file}", get(graphiql::asset))
        .route("/api/docs", get(docs::page))
        .route("/schema.graphql", get(docs::sdl))
        .route("/feeds/{file}", get(atom::feed))
        .route("/procedures/{file}", get(picture::flowchart))
        .route("/documents", axum::routing::post(documents::upload))
        .route("/documents/{name}", get(documents::serve))
        .route("/audit/checkpoint", get(audit::checkpoint))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
        .merge(pages)
        .layer(middleware::from_fn(errors::localize))
        .layer(CatchPanicLayer::custom(observe::panic_response))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            observe::observe,
        ))
        .layer(cors)
        .with_state(state)
}

/// The process is up.
async fn healthz() -> &'static str {
    "ok"
}

/// The database answers.
async fn readyz(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(Duration::from_secs(2), state.store.ping()).await {
        Ok(true) => "ready".into_response(),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response(),
    }
}

/// Prometheus metrics, for configured addresses or the configured token only; anyone else is
/// answered as for a path that does not exist.
async fn metrics_text(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0);
    let headers = request.headers();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !crate::access::operations::may_read_metrics(
        state.limiter.client_address(peer, headers),
        bearer,
        &state.metrics_addresses,
        state
            .metrics_token
            .as_ref()
            .map(crate::config::Secret::expose),
    ) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let (in_use, open) = state.store.pool_usage();
    let text = state.metrics.render(in_use, open, state.store.statements());
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4"),
        )],
        text,
    )
        .into_response()
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// GET: GraphiQL for a browser, otherwise a query in the URL.
async fn graphql_get(state: State<AppState>, request: Request) -> Response {
    if wants_html(request.headers()) {
        return graphiql::page();
    }
    graphql::endpoint(state, request).await
}

/// Serves `router` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

#[cfg(test)]
mod tests {
    use axum::{body::Body, http::Request};
    use tower::ServiceExt;

    use super::*;

    #[tokio::test]
    async fn a_panic_is_a_coded_error_not_a_dropped_connection()
    -> Result<(), Box<dyn std::error::Error>> {
        async fn boom() -> &'static str {
            panic!("resolver bug")
        }
        let app = Router::new()
            .route("/boom", get(boom))
            .layer(CatchPanicLayer::custom(observe::panic_response));
        let response = app
            .oneshot(Request::get("/boom").body(Body::empty())?)
            .await?;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 4096).await?;
        let body: serde_json::Value = serde_json::from_slice(&body)?;
        assert_eq!(body["errors"][0]["extensions"]["code"], "INTERNAL");
        assert!(
            !body.to_string().contains("resolver bug"),
            "the panic message reached the client"
        );
        Ok(())
    }
}
