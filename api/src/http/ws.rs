//! Subscriptions over WebSocket at `/graphql/ws`, with the graphql-transport-ws protocol (and
//! the older graphql-ws). The token comes in `connection_init`'s payload, as
//! `{"Authorization": "Bearer …"}` or `{"token": "…"}`; without one the connection is the
//! public's. A refused token closes the connection: it never falls back to the public.

use std::{net::SocketAddr, sync::Arc};

use async_graphql::{
    Data,
    dataloader::{DataLoader, HashMapCache},
    http::ALL_WEBSOCKET_PROTOCOLS,
};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::{
    extract::{ConnectInfo, State, WebSocketUpgrade},
    http::{HeaderMap, HeaderValue, header},
    response::Response,
};

use super::AppState;
use crate::{access::Role, access_log::Reads, loaders::Records};

/// Upgrades the request and serves subscriptions on the socket.
pub async fn upgrade(
    State(state): State<AppState>,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
    request: axum::extract::Request,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let address = state.limiter.client_address(peer, request.headers());
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| {
            let schema = state.schema.clone();
            GraphQLWebSocket::new(socket, schema, protocol)
                .on_connection_init(move |payload| init(state, address, payload))
                .serve()
        })
}

/// The bearer token in a `connection_init` payload, if any.
fn token_of(payload: &serde_json::Value) -> Option<String> {
    let bearer = ["Authorization", "authorization"]
        .iter()
        .find_map(|key| payload.get(key)?.as_str())
        .map(str::to_owned);
    bearer.or_else(|| {
        payload
            .get("token")
            .and_then(|t| t.as_str())
            .map(|t| format!("Bearer {t}"))
    })
}

/// The connection's data: its caller, a record loader that keeps nothing between events (a
/// record that leaves the caller's sight must not be served from an earlier read), and the
/// access log's collector for callers who can be served more than the public.
async fn init(
    state: AppState,
    address: Option<std::net::IpAddr>,
    payload: serde_json::Value,
) -> async_graphql::Result<Data> {
    let mut headers = HeaderMap::new();
    if let Some(token) = token_of(&payload) {
        let value = HeaderValue::from_str(&token)
            .map_err(|_| async_graphql::Error::new("the token was refused"))?;
        headers.insert(header::AUTHORIZATION, value);
    }
    let caller = super::authenticate(&state, &headers)
        .await
        .map_err(|_| async_graphql::Error::new("the token was refused"))?;
    let (key, authenticated) = match caller.subject() {
        Some(sub) => (format!("sub:{sub}"), true),
        None => (
            format!("ip:{}", address.map(|a| a.to_string()).unwrap_or_default()),
            false,
        ),
    };
    if state.limiter.check(&key, authenticated).is_err() {
        return Err(async_graphql::Error::new(
            "too many requests; slow down and connect again later",
        ));
    }
    let loader = DataLoader::with_cache(
        Records::new(state.store.clone(), caller.clone()),
        tokio::spawn,
        HashMapCache::default(),
    );
    loader.enable_all_cache(false);
    let mut data = Data::default();
    if state.access_log.enabled() && !matches!(caller.role(), Role::Public | Role::Media) {
        data.insert(Arc::new(Reads::default()));
        data.insert(state.access_log.clone());
    }
    data.insert(caller);
    data.insert(loader);
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::token_of;
    use serde_json::json;

    #[test]
    fn tokens_come_as_a_header_or_alone() {
        assert_eq!(
            token_of(&json!({ "Authorization": "Bearer abc" })).as_deref(),
            Some("Bearer abc")
        );
        assert_eq!(
            token_of(&json!({ "token": "abc" })).as_deref(),
            Some("Bearer abc")
        );
        assert_eq!(token_of(&json!({})), None);
        assert_eq!(token_of(&json!(null)), None);
    }
}
