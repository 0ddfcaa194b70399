//! Subscriptions over WebSocket at `/graphql/ws`, with the graphql-transport-ws protocol (and
//! the older graphql-ws). The token comes in `connection_init`'s payload, as
//! `{"Authorization": "Bearer …"}` or `{"token": "…"}`; without one the connection is the
//! public's. A refused or already expired token closes the connection with 4401
//! (Unauthorized): it never falls back to the public. A token's connection closes with 4403
//! (Forbidden) when the token expires, so a subscription delivers nothing past it. A token's
//! connection closes with 1012 (Service Restart) when the organizations or jurisdictions change
//! on any instance, so that a subscription delivers nothing by an organization tree that no
//! longer holds: the client connects again and its token is judged on the tree as it is.
//!
//! async-graphql's own socket loop closes every refusal with 1002 and knows nothing of expiry,
//! so this module drives its protocol engine ([`async_graphql::http::WebSocket`]) itself.

use std::{
    net::SocketAddr,
    str::FromStr as _,
    sync::{Arc, Mutex},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use async_graphql::{
    Data,
    http::{ALL_WEBSOCKET_PROTOCOLS, WebSocketProtocols, WsMessage},
};
use axum::{
    extract::{
        ConnectInfo, State, WebSocketUpgrade,
        ws::{CloseFrame, Message, WebSocket},
    },
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse as _, Response},
};
use futures::{SinkExt as _, StreamExt as _};

use super::AppState;
use crate::graphql::run::Run;

/// Close code for a token refused at `connection_init` (graphql-transport-ws: Unauthorized).
pub const CLOSE_UNAUTHORIZED: u16 = 4401;
/// Close code for a connection whose token expired (graphql-transport-ws: Forbidden).
pub const CLOSE_FORBIDDEN: u16 = 4403;
/// Close code for a connection the server could not admit for a fault of its own.
const CLOSE_INTERNAL_ERROR: u16 = 1011;
/// Close code for a token's connection whose caller was built on an organization tree that
/// has since changed: connect again (RFC 6455: Service Restart).
pub const CLOSE_RECONNECT: u16 = 1012;

/// What `connection_init` decided, for the loop that owns the socket.
#[derive(Default)]
struct Admission {
    /// The close code and reason of a refusal, in place of the protocol engine's 1002.
    refusal: Option<(u16, &'static str)>,
    /// When the token expires, in seconds since 1970.
    expires_at: Option<u64>,
    /// For a token's caller: the organization tree's [`crate::store::Store::structure`] it was
    /// built in, and a receiver of its changes.
    built_in: Option<(u64, tokio::sync::watch::Receiver<u64>)>,
}

type Shared = Arc<Mutex<Admission>>;

/// Upgrades the request and serves subscriptions on the socket.
pub async fn upgrade(
    State(state): State<AppState>,
    upgrade: WebSocketUpgrade,
    request: axum::extract::Request,
) -> Response {
    let Some(protocol) = protocol_of(request.headers()) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let address = state.limiter.client_address(peer, request.headers());
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| serve(socket, state, address, protocol))
}

/// The first GraphQL protocol the client offers in `Sec-WebSocket-Protocol`.
fn protocol_of(headers: &HeaderMap) -> Option<WebSocketProtocols> {
    headers
        .get(header::SEC_WEBSOCKET_PROTOCOL)?
        .to_str()
        .ok()?
        .split(',')
        .find_map(|p| WebSocketProtocols::from_str(p.trim()).ok())
}

/// Runs the protocol on `socket` until either side ends it, the token is refused, or the
/// token expires.
async fn serve(
    socket: WebSocket,
    state: AppState,
    address: Option<std::net::IpAddr>,
    protocol: WebSocketProtocols,
) {
    let admission = Shared::default();
    let (mut sink, stream) = socket.split();
    let input = stream
        .take_while(|message| futures::future::ready(message.is_ok()))
        .filter_map(|message| {
            futures::future::ready(match message {
                Ok(message @ (Message::Text(_) | Message::Binary(_))) => Some(message.into_data()),
                _ => None,
            })
        });
    let schema = state.schema.clone();
    let decided = admission.clone();
    let messages = async_graphql::http::WebSocket::new(schema, input, protocol)
        .on_connection_init(move |payload| init(state, address, payload, decided));
    futures::pin_mut!(messages);
    let mut deadline: Option<tokio::time::Instant> = None;
    let mut built_in: Option<(u64, tokio::sync::watch::Receiver<u64>)> = None;
    loop {
        let expiry = async {
            match deadline {
                Some(at) => tokio::time::sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        let moved = async {
            match &mut built_in {
                Some((structure, changes)) => {
                    let structure = *structure;
                    // Returns at once when the tree changed before this loop began to watch.
                    if changes.wait_for(|now| *now != structure).await.is_err() {
                        std::future::pending::<()>().await;
                    }
                }
                None => std::future::pending().await,
            }
        };
        let message = tokio::select! {
            // Expiry and a changed tree first: nothing is sent past either.
            biased;
            () = expiry => {
                let _ = sink
                    .send(close(CLOSE_FORBIDDEN, "the token expired"))
                    .await;
                break;
            }
            () = moved => {
                let _ = sink
                    .send(close(CLOSE_RECONNECT, "the organizations changed; connect again"))
                    .await;
                break;
            }
            message = messages.next() => message,
        };
        let refusal = admission
            .lock()
            .map(|a| a.refusal)
            .unwrap_or(Some((CLOSE_INTERNAL_ERROR, "the connection failed")));
        match message {
            Some(WsMessage::Text(text)) => {
                if sink.send(Message::Text(text.into())).await.is_err() {
                    break;
                }
            }
            Some(WsMessage::Close(code, reason)) => {
                let frame = match refusal {
                    Some((code, reason)) => close(code, reason),
                    None => close(code, &reason),
                };
                let _ = sink.send(frame).await;
                break;
            }
            None => {
                // The older protocol answers a refusal with a message and then ends.
                if let Some((code, reason)) = refusal {
                    let _ = sink.send(close(code, reason)).await;
                }
                break;
            }
        }
        if built_in.is_none() {
            built_in = admission.lock().ok().and_then(|mut a| a.built_in.take());
        }
        if deadline.is_none() {
            deadline = admission.lock().ok().and_then(|a| a.expires_at).map(|exp| {
                let now = tokio::time::Instant::now();
                // The verifier bounds `exp`; past any instant there is, close at once.
                now.checked_add(until(exp)).unwrap_or(now)
            });
        }
    }
}

/// A close frame with `code` and `reason`.
fn close(code: u16, reason: &str) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }))
}

/// The time left until `exp` (seconds since 1970); zero once it has passed.
fn until(exp: u64) -> Duration {
    UNIX_EPOCH
        .checked_add(Duration::from_secs(exp))
        .and_then(|at| at.duration_since(SystemTime::now()).ok())
        .unwrap_or_default()
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
/// access log's collector for callers who can be served more than the public. A refusal of the
/// token, and the token's expiry, go to `admission` for the socket's loop.
async fn init(
    state: AppState,
    address: Option<std::net::IpAddr>,
    payload: serde_json::Value,
    admission: Shared,
) -> async_graphql::Result<Data> {
    let close_with = |code: u16, reason: &'static str| {
        if let Ok(mut admission) = admission.lock() {
            admission.refusal = Some((code, reason));
        }
        async_graphql::Error::new(reason)
    };
    let refuse = |why: &str| {
        tracing::info!(reason = why, "refused a subscription's token");
        close_with(CLOSE_UNAUTHORIZED, "the token was refused")
    };
    let mut headers = HeaderMap::new();
    if let Some(token) = token_of(&payload) {
        let value = HeaderValue::from_str(&token).map_err(|_| refuse("not a header value"))?;
        headers.insert(header::AUTHORIZATION, value);
    }
    // Read before the caller is built, so that a change while it is built closes the socket.
    let structure = state.store.structure();
    let changes = state.store.structure_watch();
    let caller = super::authenticate(&state, &headers)
        .await
        .map_err(|response| {
            if response.status() == StatusCode::UNAUTHORIZED {
                refuse("not valid")
            } else {
                close_with(
                    CLOSE_INTERNAL_ERROR,
                    "the service cannot check tokens now; connect again later",
                )
            }
        })?;
    // The verifier's leeway lets a token just past its expiry through for a request; a
    // connection that would close at once is refused instead.
    if !caller.shares_public_answers()
        && let Ok(mut admission) = admission.lock()
    {
        admission.built_in = Some((structure, changes));
    }
    if let Some(exp) = caller.expires_at() {
        if until(exp).is_zero() {
            return Err(refuse("expired"));
        }
        if let Ok(mut admission) = admission.lock() {
            admission.expires_at = Some(exp);
        }
    }
    if super::limit(&state, &caller, address).is_err() {
        return Err(async_graphql::Error::new(
            "too many requests; slow down and connect again later",
        ));
    }
    let run = Run::new(&state.access_log, caller);
    let mut data = run.connection_data(&state.store, &state.access_log);
    data.insert(super::limits::SubmissionBudget::of(
        state.submissions.clone(),
        address,
    ));
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::{protocol_of, token_of, until};
    use axum::http::{HeaderMap, HeaderValue, header};
    use serde_json::json;

    #[test]
    fn the_client_names_the_protocol() {
        let mut headers = HeaderMap::new();
        assert!(protocol_of(&headers).is_none());
        headers.insert(
            header::SEC_WEBSOCKET_PROTOCOL,
            HeaderValue::from_static("chat, graphql-transport-ws"),
        );
        assert!(protocol_of(&headers).is_some());
    }

    #[test]
    fn time_left_ends_at_zero() {
        assert!(until(0).is_zero());
        let later = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() + 60)
            .unwrap_or(0);
        assert!(until(later) > std::time::Duration::from_secs(50));
    }

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
