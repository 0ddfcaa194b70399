//! The GraphQL endpoint, following the GraphQL-over-HTTP specification: POST with
//! `application/json`, GET for queries only, no batches, a bounded body.

use async_graphql::parser::types::OperationType;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    response::{IntoResponse, Response},
};

use std::net::SocketAddr;

use axum::extract::ConnectInfo;

use super::cache::{Cached, Lookup};
use super::{
    AppState, errors, limits,
    observe::{RequestId, RequestInfo},
};
use crate::{error::Code, graphql::run::Run};

/// The largest request body accepted.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> &str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Whether the client asked for `application/graphql-response+json`.
fn wants_graphql_response(headers: &HeaderMap) -> bool {
    header_str(headers, header::ACCEPT).contains(GRAPHQL_RESPONSE)
}

/// Whether the media type (before any parameters) is JSON.
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence.eq_ignore_ascii_case(GRAPHQL_RESPONSE)
}

/// The request of a POST, or the refusal.
async fn read_post(request: Request) -> Result<async_graphql::Request, Box<Response>> {
    if !is_json(header_str(request.headers(), header::CONTENT_TYPE)) {
        // Plain text, forms and multipart skip CORS preflight: refusing them closes a CSRF door.
        return Err(Box::new(errors::refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Code::BadUserInput,
            "send the request as application/json",
        )));
    }
    let too_large = || {
        Box::new(errors::refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            Code::BadUserInput,
            "the request body is larger than 64 KiB",
        ))
    };
    let declared = header_str(request.headers(), header::CONTENT_LENGTH)
        .parse::<usize>()
        .ok();
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    let bytes = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES)
        .await
        .map_err(|_| too_large())?;
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return Err(Box::new(errors::refusal(
            StatusCode::BAD_REQUEST,
            Code::BadUserInput,
            "batched requests are not accepted; send one operation per request",
        )));
    }
    serde_json::from_slice(&bytes).map_err(|_| {
        Box::new(errors::refusal(
            StatusCode::BAD_REQUEST,
            Code::BadUserInput,
            "the body is not a GraphQL request: send {\"query\": \"...\", \"variables\": {...}}",
        ))
    })
}

/// The request of a GET, from the URL's `query`, `operationName`, `variables` and
/// `extensions` (the last two as JSON), or the refusal.
fn read_get(request: &Request) -> Result<async_graphql::Request, Box<Response>> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Params {
        #[serde(default)]
        query: String,
        operation_name: Option<String>,
        variables: Option<String>,
        extensions: Option<String>,
    }
    let refuse = |message: &str| {
        Box::new(errors::refusal(
            StatusCode::BAD_REQUEST,
            Code::BadUserInput,
            message,
        ))
    };
    let params: Params = serde_urlencoded::from_str(request.uri().query().unwrap_or(""))
        .map_err(|_| refuse("the URL does not hold a GraphQL request: use ?query=..."))?;
    let mut parsed = async_graphql::Request::new(params.query);
    parsed.operation_name = params.operation_name;
    if let Some(variables) = params.variables.filter(|v| !v.is_empty()) {
        let json: serde_json::Value = serde_json::from_str(&variables)
            .map_err(|_| refuse("the URL's variables are not a JSON object"))?;
        parsed.variables = async_graphql::Variables::from_json(json);
    }
    if let Some(extensions) = params.extensions.filter(|v| !v.is_empty()) {
        parsed.extensions = serde_json::from_str(&extensions)
            .map_err(|_| refuse("the URL's extensions are not a JSON object"))?;
    }
    Ok(parsed)
}

/// The refusal of a GET that would write: GET may only carry queries. Judged once the query
/// text is known, which for a persisted query is after its hash was looked up.
fn refuse_get_writes(request: &mut async_graphql::Request) -> Result<(), Box<Response>> {
    if matches!(
        crate::graphql::operation_type(request),
        Some(OperationType::Mutation | OperationType::Subscription)
    ) {
        let mut response = errors::refusal(
            StatusCode::METHOD_NOT_ALLOWED,
            Code::BadUserInput,
            "GET may only carry queries; send mutations with POST",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return Err(Box::new(response));
    }
    Ok(())
}

/// GET and POST `/graphql`.
pub async fn endpoint(State(state): State<AppState>, request: Request) -> Response {
    let headers = request.headers().clone();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let request_id = request
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let mut info = RequestInfo {
        role: "public",
        ..RequestInfo::default()
    };
    let response = handle(&state, request, &headers, peer, &request_id, &mut info).await;
    let mut response = response;
    response.extensions_mut().insert(info);
    response
}

async fn handle(
    state: &AppState,
    request: Request,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    request_id: &str,
    info: &mut RequestInfo,
) -> Response {
    let is_get = request.method() == Method::GET;
    let graphql_request = if is_get {
        read_get(&request)
    } else {
        read_post(request).await
    };
    let graphql_request = match graphql_request {
        Ok(r) => r,
        Err(refusal) => return *refusal,
    };
    info.operation = graphql_request.operation_name.clone();
    let caller = match super::admit(state, headers, peer, &mut info.role).await {
        Ok(caller) => caller,
        Err(refusal) => return *refusal,
    };
    let mut graphql_request = graphql_request;
    if let Err(answer) = state.persisted.resolve(
        crate::access::operations::persisted_queries_of(&caller),
        &mut graphql_request,
    ) {
        return *answer;
    }
    if graphql_request.query.trim().is_empty() {
        return errors::refusal(
            StatusCode::BAD_REQUEST,
            Code::BadUserInput,
            "the request has no query: send {\"query\": \"...\"}",
        );
    }
    if is_get && let Err(refusal) = refuse_get_writes(&mut graphql_request) {
        return *refusal;
    }
    if let Err((reason, message)) = limits::check_document(&mut graphql_request) {
        info.rejected = Some(reason);
        return errors::refusal(StatusCode::BAD_REQUEST, Code::BadUserInput, &message);
    }
    // Anonymous callers all see the same thing, so they may share answers.
    let public = caller.shares_public_answers();
    let cache_key = if public {
        state.cache.key(&mut graphql_request, media_type(headers))
    } else {
        None
    };
    let mut _ticket = None;
    if let Some(key) = &cache_key {
        match state.cache.lookup(key).await {
            Lookup::Hit(hit) => {
                state.metrics.cache_hit();
                let encoded = Encoded {
                    status: StatusCode::OK,
                    media: hit.media,
                    body: hit.body,
                    retry_after: None,
                };
                return http_caching(encoded, headers, shared_for(state, is_get, true));
            }
            // Held until this request ends, so that requests waiting for this answer wake.
            Lookup::Miss(ticket) => _ticket = ticket,
        }
    }
    let address = state.limiter.client_address(peer, headers);
    // Whose writes a query must see: the token's subject, else the client's address.
    let writer = caller
        .subject()
        .map(str::to_owned)
        .or_else(|| address.map(|a| a.to_string()));
    let writes = crate::graphql::operation_type(&mut graphql_request)
        .is_some_and(|op| op == OperationType::Mutation);
    let store = if writes {
        state.store.clone()
    } else {
        state.store.reading_for(writer.as_deref()).await
    };
    let run = Run::new(&state.access_log, caller);
    let mut graphql_request = run.prepare(&store, graphql_request);
    if store.reads_apart() {
        graphql_request = graphql_request.data(store);
    }
    let graphql_request = graphql_request.data(limits::SubmissionBudget::of(
        state.submissions.clone(),
        address,
    ));
    let answered =
        tokio::time::timeout(state.request_timeout, state.schema.execute(graphql_request)).await;
    if writes && let Some(writer) = &writer {
        // Whether it succeeded or not, and even past the timeout: it may have written.
        state.store.wrote(writer).await;
    }
    match answered {
        Ok(response) => {
            run.finish(&state.access_log, request_id);
            if let Some(reason) = rejection_reason(&response) {
                info.rejected = Some(reason);
            }
            let clean = response.errors.is_empty();
            let shared = shared_for(state, is_get, clean && public);
            let keep = cache_key.filter(|_| clean);
            match encode(headers, response, request_id) {
                Ok(encoded) => {
                    if let Some(key) = keep
                        && encoded.status == StatusCode::OK
                    {
                        state.cache.put(
                            key,
                            Cached {
                                media: encoded.media,
                                body: encoded.body.clone(),
                            },
                        );
                    }
                    http_caching(encoded, headers, shared)
                }
                Err(refusal) => *refusal,
            }
        }
        Err(_) => {
            tracing::warn!(request_id, "a request ran past the request timeout");
            let mut response = errors::refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                Code::Internal,
                "the request took too long and was stopped; ask for less or retry later",
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            response
        }
    }
}

/// How long shared HTTP caches may keep an answer: only an anonymous answer to a GET, free of
/// errors (`shareable`: the answer is the same for every anonymous caller and names no
/// request); `None` for any other.
fn shared_for(state: &AppState, is_get: bool, shareable: bool) -> Option<std::time::Duration> {
    (is_get && shareable).then_some(state.http_cache_max_age)
}

/// `answer` with what HTTP caches need. An answer every anonymous caller would get (`shared`
/// holds how long it may be kept) carries `Cache-Control: public`, a strong `ETag` made from
/// its body, and becomes `304 Not Modified` when `If-None-Match` already names it. Any other
/// answer, above all one for a token, is `no-store`, so that no cache between the caller and
/// Sunlight keeps it. `Vary` names the headers that change an answer.
fn http_caching(
    answer: Encoded,
    headers: &HeaderMap,
    shared: Option<std::time::Duration>,
) -> Response {
    let Some(max_age) = shared.filter(|_| answer.status == StatusCode::OK) else {
        let mut response = answer.into_response();
        let out = response.headers_mut();
        out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        out.insert(
            header::VARY,
            HeaderValue::from_static("Authorization, Accept"),
        );
        return response;
    };
    let rule = super::validators::public_for(max_age);
    let mut response = super::validators::shared(headers, answer.media, answer.body, None, &rule);
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Authorization, Accept"),
    );
    response
}

/// Why the engine refused a query before running it, for the metrics.
fn rejection_reason(response: &async_graphql::Response) -> Option<&'static str> {
    response.errors.iter().find_map(|e| {
        let m = e.message.as_str();
        if m.contains("nested too deep") {
            Some("depth")
        } else if m.contains("too complex") {
            Some("complexity")
        } else {
            None
        }
    })
}

/// The media type of the answer: `application/graphql-response+json` when asked for.
fn media_type(headers: &HeaderMap) -> &'static str {
    if wants_graphql_response(headers) {
        GRAPHQL_RESPONSE
    } else {
        "application/json"
    }
}

/// A serialized answer.
struct Encoded {
    status: StatusCode,
    media: &'static str,
    body: Bytes,
    /// Seconds for `Retry-After`, when the database could not serve the request.
    retry_after: Option<u64>,
}

impl IntoResponse for Encoded {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(self.media))],
            Body::from(self.body),
        )
            .into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The code of an error that carries none. The GraphQL engine's own refusals of a request
/// (it does not parse, does not validate, exceeds a limit, or gives an argument a value of the
/// wrong type) are the request's fault: `BAD_USER_INPUT`. They come before execution, with no
/// path, or name the argument. Anything else without a code was raised while resolving a
/// field and is ours: `INTERNAL`, its text kept for the log and never sent.
fn uncoded_error(message: &str, during_execution: bool) -> Code {
    if !during_execution
        || refused_argument(message).is_some()
        || missing_variable(message).is_some()
    {
        Code::BadUserInput
    } else {
        Code::Internal
    }
}

/// The argument or input field an engine error names, e.g. `input.partySanction` in
/// `Invalid value for argument "input.partySanction", …`.
fn refused_argument(message: &str) -> Option<String> {
    let rest = message.strip_prefix("Invalid value for argument \"")?;
    let field = rest.split('"').next()?;
    (!field.is_empty()).then(|| field.to_owned())
}

/// The variable an engine error says the request left out, as `$name`, from `Variable name is
/// not defined.`: the operation declares it and uses it, and the request gave no value.
fn missing_variable(message: &str) -> Option<String> {
    let name = message
        .strip_prefix("Variable ")?
        .strip_suffix(" is not defined.")?
        .trim_start_matches('$');
    (!name.is_empty() && !name.contains(' ')).then(|| format!("${name}"))
}

/// Serializes `response` in the media type the client asked for, with the status the
/// specification gives: with `application/graphql-response+json`, a request that never ran
/// (it did not parse or validate) is a 400.
fn encode(
    headers: &HeaderMap,
    mut response: async_graphql::Response,
    request_id: &str,
) -> Result<Encoded, Box<Response>> {
    // The longest wait asked by an error that says the database cannot serve now.
    let mut retry_after: Option<u64> = None;
    let lang = crate::messages::Lang::preferred(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    for error in &mut response.errors {
        let uncoded = error
            .extensions
            .as_ref()
            .is_none_or(|e| e.get("code").is_none());
        if uncoded {
            match uncoded_error(&error.message, !error.path.is_empty()) {
                Code::BadUserInput => {
                    let extensions = error.extensions.get_or_insert_with(Default::default);
                    extensions.set("code", Code::BadUserInput.as_str());
                    // Name the argument or input field the engine refused, as our own
                    // errors do.
                    if let Some(field) = refused_argument(&error.message)
                        .or_else(|| missing_variable(&error.message))
                    {
                        extensions.set("field", field);
                    }
                }
                code => {
                    tracing::error!(
                        request_id,
                        message = %error.message,
                        path = ?error.path,
                        "an error without a code reached the response"
                    );
                    error.message = "internal error; the server log has the details".to_owned();
                    let extensions = error.extensions.get_or_insert_with(Default::default);
                    extensions.set("code", code.as_str());
                }
            }
        }
        if let std::borrow::Cow::Owned(text) = crate::messages::localize(&error.message, lang) {
            error.message = text;
        }
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code") == Some(&async_graphql::Value::from(Code::Unavailable.as_str())) {
            let wait = match extensions.get("retryAfter") {
                Some(async_graphql::Value::Number(n)) => n.as_u64().unwrap_or(1),
                _ => 1,
            };
            retry_after = retry_after.max(Some(wait));
        }
        extensions.set("requestId", request_id);
    }
    let media = media_type(headers);
    // A request refused before it ran (it did not parse, validate or keep the limits) has
    // errors without a path and no `data` entry; an error raised while running names its path,
    // and `data` is there, `null` when a non-null root field failed.
    let never_ran = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    // A request the database could not serve is worth retrying: `503` with `Retry-After`, the
    // body still naming each error, whatever data the other fields had.
    let status = if retry_after.is_some() {
        StatusCode::SERVICE_UNAVAILABLE
    } else if media == GRAPHQL_RESPONSE && never_ran {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let body = if never_ran {
        serde_json::to_vec(&serde_json::json!({ "errors": response.errors }))
    } else {
        serde_json::to_vec(&response)
    };
    match body {
        Ok(body) => Ok(Encoded {
            status,
            media,
            body: Bytes::from(body),
            retry_after,
        }),
        Err(e) => {
            tracing::error!(error = %e, "cannot serialize a response");
            Err(Box::new(errors::refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                Code::Internal,
                "internal error",
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_without_a_code_is_internal_unless_the_request_was_refused() {
        // (message, raised while executing, code)
        let table = [
            (
                "Unknown field \"nope\" on type \"Query\".",
                false,
                Code::BadUserInput,
            ),
            ("Query is nested too deep.", false, Code::BadUserInput),
            (
                " --> 1:3\n  |\n1 | { {\n  |   ^---\n  = expected name",
                false,
                Code::BadUserInput,
            ),
            (
                "Invalid value for argument \"input.partySanction\", enumeration type \"PartySanction\" does not contain the value \"CAUTION\"",
                true,
                Code::BadUserInput,
            ),
            ("Variable id is not defined.", true, Code::BadUserInput),
            ("Data `Store` does not exist.", true, Code::Internal),
            ("connection refused (os error 111)", true, Code::Internal),
        ];
        for (message, executing, code) in table {
            assert_eq!(uncoded_error(message, executing), code, "{message}");
        }
        assert_eq!(
            missing_variable("Variable id is not defined.").as_deref(),
            Some("$id")
        );
        assert_eq!(missing_variable("Variable a b is not defined."), None);
    }
}
