//! The HTTP face of Sunlight: the GraphQL endpoint, GraphiQL, health.

use std::net::SocketAddr;

use async_graphql::http::GraphiQLSource;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse, rejection::GraphQLRejection};
use axum::{
    Router,
    extract::{FromRequest, Request, State},
    http::{HeaderMap, header},
    response::{Html, IntoResponse, Response},
    routing::get,
};
use tokio::net::TcpListener;

use std::sync::Arc;

use axum::http::{HeaderValue, StatusCode};

use async_graphql::dataloader::DataLoader;

use crate::{
    access::Caller, auth::Verifier, graphql::SunlightSchema, loaders::Records, store::Store,
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
}

/// The one answer to every token fault, whatever failed.
const UNAUTHENTICATED: &str = r#"{"errors":[{"message":"the bearer token is not valid for this service","extensions":{"code":"UNAUTHENTICATED"}}]}"#;

fn unauthenticated() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")),
        ],
        UNAUTHENTICATED,
    )
        .into_response()
}

fn internal() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        r#"{"errors":[{"message":"the service cannot answer now; try again","extensions":{"code":"INTERNAL"}}]}"#,
    )
        .into_response()
}

/// The caller of a request: the public without an `Authorization` header, the token's caller
/// with a valid one, and a refusal for anything else.
async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Caller, Response> {
    let mut values = headers.get_all(header::AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Ok(Caller::public());
    };
    if values.next().is_some() {
        return Err(unauthenticated());
    }
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let Some(token) = token else {
        tracing::info!("refused a malformed authorization header");
        return Err(unauthenticated());
    };
    let claims = state.verifier.verify(token).map_err(|e| {
        tracing::info!(reason = %e, "refused a token");
        unauthenticated()
    })?;
    let tree = state.store.org_tree().await.map_err(|e| {
        tracing::error!(error = ?e, "cannot read the organization tree");
        internal()
    })?;
    Caller::from_claims(claims, &tree).map_err(|e| {
        tracing::info!(reason = %e, "refused a token");
        unauthenticated()
    })
}

/// The router of the whole API.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/graphql", get(graphql_get).post(graphql_post))
        .route("/healthz", get(healthz))
        .with_state(state)
}

async fn healthz() -> &'static str {
    "ok"
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// GET: GraphiQL for a browser, otherwise a query in the URL.
async fn graphql_get(State(state): State<AppState>, request: Request) -> Response {
    if wants_html(request.headers()) {
        return Html(GraphiQLSource::build().endpoint("/graphql").finish()).into_response();
    }
    let headers = request.headers().clone();
    match GraphQLRequest::<GraphQLRejection>::from_request(request, &state).await {
        Ok(request) => execute(&state, &headers, request).await,
        Err(rejection) => rejection.into_response(),
    }
}

async fn graphql_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> Response {
    execute(&state, &headers, request).await
}

async fn execute(state: &AppState, headers: &HeaderMap, request: GraphQLRequest) -> Response {
    let caller = match authenticate(state, headers).await {
        Ok(caller) => caller,
        Err(refusal) => return refusal,
    };
    let loader = DataLoader::new(
        Records::new(state.store.clone(), caller.clone()),
        tokio::spawn,
    );
    let request = request.into_inner().data(caller).data(loader);
    GraphQLResponse::from(state.schema.execute(request).await).into_response()
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
