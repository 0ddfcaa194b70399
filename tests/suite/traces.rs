//! Traces over OTLP/HTTP: a server process with an endpoint configured sends, for one request
//! that continues a caller's trace, a span for the request (child of the caller's), one for
//! each root field (inside the request) and one for each SQL statement (inside the request;
//! those a field sends, inside the field), with the request id, the role and the operation
//! name, and never the token.

use std::{
    process::Stdio,
    sync::{Arc, Mutex},
    time::Duration,
};

use harness::{Backend, TEST_SECRET, TestDatabase};
use serde_json::{Value, json};
use sunlight::auth::{KeySource, MintRequest};

/// A local OTLP/HTTP receiver (JSON) that keeps every span it is sent.
async fn receiver() -> anyhow::Result<(u16, Arc<Mutex<Vec<Value>>>)> {
    let spans = Arc::new(Mutex::new(Vec::new()));
    let kept = spans.clone();
    let app = axum::Router::new().route(
        "/v1/traces",
        axum::routing::post(move |body: axum::body::Bytes| {
            let kept = kept.clone();
            async move {
                if let Ok(export) = serde_json::from_slice::<Value>(&body) {
                    let found = export["resourceSpans"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .flat_map(|r| r["scopeSpans"].as_array().into_iter().flatten())
                        .flat_map(|s| s["spans"].as_array().into_iter().flatten())
                        .cloned();
                    if let Ok(mut all) = kept.lock() {
                        all.extend(found);
                    }
                }
                axum::Json(json!({}))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok((port, spans))
}

fn attribute<'a>(span: &'a Value, key: &str) -> Option<&'a Value> {
    span["attributes"]
        .as_array()?
        .iter()
        .find(|a| a["key"] == key)
        .map(|a| &a["value"])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_is_traced_over_otlp_with_its_parent_links() -> anyhow::Result<()> {
    let (otlp_port, received) = receiver().await?;
    let database = TestDatabase::create(Backend::Sqlite).await?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut server = tokio::process::Command::from(crate::sunlight(&database.config()))
        .arg("serve")
        .env("SUNLIGHT_LISTEN", format!("127.0.0.1:{port}"))
        .env("SUNLIGHT_JWT_HS256_SECRET", TEST_SECRET)
        .env("SUNLIGHT_PREBUILT_DEMO", "false")
        .env("SUNLIGHT_LOG", "warn")
        .env(
            "SUNLIGHT_OTLP_ENDPOINT",
            format!("http://127.0.0.1:{otlp_port}/v1/traces"),
        )
        .env("SUNLIGHT_OTLP_PROTOCOL", "http/json")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    crate::wait_until_ready(&base).await?;

    let mut config = database.config();
    config.jwt_hs256_secret = Some(sunlight::config::Secret::new(TEST_SECRET));
    let token = sunlight::auth::mint(
        &config,
        &KeySource::Secret(sunlight::config::Secret::new(TEST_SECRET)),
        &MintRequest {
            role: "member".into(),
            orgs: Vec::new(),
            jur: None,
            sub: "member-traced".into(),
            person: None,
            name: None,
            ttl: Duration::from_secs(600),
        },
    )?;
    let trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
    let caller_span = "00f067aa0ba902b7";
    let response = client
        .post(format!("{base}/graphql"))
        .bearer_auth(&token)
        .header("traceparent", format!("00-{trace_id}-{caller_span}-01"))
        .json(&json!({
            "query": "query Catalogue { powers(first: 2) { nodes { name } } meetings(first: 1) { totalCount } }",
            "operationName": "Catalogue"
        }))
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    let returned = response
        .headers()
        .get("traceparent")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let request_id = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        returned.starts_with(&format!("00-{trace_id}-")) && returned.ends_with("-01"),
        "{returned}"
    );
    let body: Value = response.json().await?;
    assert!(body["errors"].is_null(), "{body}");

    // A graceful stop sends what is left.
    let pid = server.id().ok_or_else(|| anyhow::anyhow!("no pid"))?;
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()?;
    let status = tokio::time::timeout(Duration::from_secs(30), server.wait()).await??;
    assert!(status.success(), "{status:?}");

    let spans: Vec<Value> = received
        .lock()
        .map_err(|_| anyhow::anyhow!("poisoned"))?
        .iter()
        .filter(|s| s["traceId"] == trace_id)
        .cloned()
        .collect();
    let request = spans
        .iter()
        .find(|s| s["parentSpanId"] == caller_span)
        .ok_or_else(|| anyhow::anyhow!("no span is a child of the caller's: {spans:#?}"))?;
    assert_eq!(request["name"], "POST /graphql");
    assert_eq!(
        returned,
        format!(
            "00-{trace_id}-{}-01",
            request["spanId"].as_str().unwrap_or_default()
        )
    );
    assert_eq!(
        attribute(request, "request_id"),
        Some(&json!({ "stringValue": request_id }))
    );
    assert_eq!(
        attribute(request, "role"),
        Some(&json!({ "stringValue": "member" }))
    );
    assert_eq!(
        attribute(request, "operation"),
        Some(&json!({ "stringValue": "Catalogue" }))
    );
    let fields: Vec<&Value> = spans
        .iter()
        .filter(|s| s["name"] == "Query.powers" || s["name"] == "Query.meetings")
        .collect();
    assert_eq!(fields.len(), 2, "{spans:#?}");
    // Each field lies inside the request (directly, or through the handler's own spans), and
    // statements lie inside the fields.
    let parent_of = |span: &Value| -> Option<Value> {
        spans
            .iter()
            .find(|s| s["spanId"] == span["parentSpanId"])
            .cloned()
    };
    let inside = |span: &Value, ancestor: &Value| {
        let mut at = parent_of(span);
        while let Some(parent) = at {
            if parent["spanId"] == ancestor["spanId"] {
                return true;
            }
            at = parent_of(&parent);
        }
        false
    };
    for field in &fields {
        assert!(inside(field, request), "{field:#?} not inside the request");
    }
    let statements: Vec<&Value> = spans
        .iter()
        .filter(|s| attribute(s, "db.system").is_some())
        .collect();
    assert!(!statements.is_empty(), "no statement spans: {spans:#?}");
    for statement in &statements {
        assert!(
            inside(statement, request),
            "{statement:#?} not inside the request"
        );
    }
    for field in &fields {
        assert!(
            statements.iter().any(|s| inside(s, field)),
            "no statement inside {field:#?}"
        );
    }
    // Never the token, in any span of the trace.
    let everything = serde_json::to_string(&spans)?;
    assert!(!everything.contains(&token));
    assert!(!everything.contains("member-traced"));
    eprintln!(
        "one traced request: {} spans ({} root fields, {} statements), all in the caller's trace",
        spans.len(),
        fields.len(),
        statements.len()
    );
    Ok(())
}
