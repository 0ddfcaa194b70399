//! Notifications (手机短信平台 and e-mail): each step on a submission whose submitter left a contact
//! is kept in the outbox with the step, and sent at least once to a real SMTP server (Python's
//! smtpd) or an HTTP SMS gateway, both local; while they are down nothing is lost, and what is
//! sent never quotes the submission or its secret.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{Json, Router, extract::State, http::HeaderMap, http::StatusCode, routing::post};
use entity::{enums::OutboxStatus, notification};
use harness::{Backend, TestApp, TestDatabase, on_both_databases};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;

/// A port nothing listens on yet.
fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// What the SMS gateway was sent: the `Idempotency-Key`, the `Authorization`, and the body.
type Received = Arc<Mutex<Vec<(String, String, Value)>>>;

/// A local SMS gateway on `port` that answers 503 to its first request, 400 to a message for
/// `10000000000`, and 200 to every other, keeping what it was sent.
async fn gateway(port: u16) -> anyhow::Result<(Received, tokio::task::JoinHandle<()>)> {
    async fn take(
        State((received, calls)): State<(Received, Arc<Mutex<u32>>)>,
        headers: HeaderMap,
        Json(body): Json<Value>,
    ) -> StatusCode {
        let first = {
            let mut calls = calls.lock().unwrap_or_else(|e| e.into_inner());
            *calls += 1;
            *calls == 1
        };
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let refused = body["to"] == "10000000000";
        received.lock().unwrap_or_else(|e| e.into_inner()).push((
            header("idempotency-key"),
            header("authorization"),
            body,
        ));
        if first {
            StatusCode::SERVICE_UNAVAILABLE
        } else if refused {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        }
    }
    let received: Received = Arc::default();
    let app = Router::new()
        .route("/sms", post(take))
        .with_state((received.clone(), Arc::new(Mutex::new(0))));
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((received, task))
}

/// Python's smtpd on `port`, killed when dropped, and the messages it printed.
struct SmtpServer {
    _child: tokio::process::Child,
    messages: Arc<Mutex<Vec<Value>>>,
}

impl SmtpServer {
    async fn start(port: u16) -> anyhow::Result<Self> {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/support/smtp_server.py");
        let mut child = tokio::process::Command::new("python3")
            .arg("-u")
            .arg(script)
            .arg(port.to_string())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                anyhow::anyhow!("python3 is needed for the SMTP server of the tests: {e}")
            })?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| anyhow::anyhow!("no stdout"))?;
        let mut lines = tokio::io::BufReader::new(stdout).lines();
        let ready = tokio::time::timeout(Duration::from_secs(10), lines.next_line()).await??;
        anyhow::ensure!(ready.as_deref() == Some("ready"), "smtpd: {ready:?}");
        let messages: Arc<Mutex<Vec<Value>>> = Arc::default();
        let kept = messages.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Ok(message) = serde_json::from_str(&line) {
                    kept.lock().unwrap_or_else(|e| e.into_inner()).push(message);
                }
            }
        });
        Ok(Self {
            _child: child,
            messages,
        })
    }

    fn messages(&self) -> Vec<Value> {
        self.messages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// Waits up to 60 s for `done`.
async fn eventually(what: &str, mut done: impl FnMut() -> bool) -> anyhow::Result<()> {
    let started = Instant::now();
    while !done() {
        anyhow::ensure!(started.elapsed() < Duration::from_secs(60), "never: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

async fn outbox(app: &TestApp) -> anyhow::Result<Vec<notification::Model>> {
    Ok(notification::Entity::find()
        .order_by_asc(notification::Column::Id)
        .all(app.db()?)
        .await?)
}

/// Sends a submission with `contact`; its code and secret.
async fn submit(app: &TestApp, contact: Option<&str>, n: u32) -> anyhow::Result<(String, String)> {
    let (_, body) = app
        .graphql(
            "mutation($input: FeedbackInput!) { submitFeedback(input: $input) { code secret } }",
            json!({ "input": {
                "kind": "OPINION", "subject": format!("NOTIFYSUBJECT{n}"),
                "body": format!("NOTIFYBODY{n}"), "contact": contact } }),
        )
        .await?;
    let sent = &body["data"]["submitFeedback"];
    anyhow::ensure!(sent.is_object(), "{body}");
    Ok((
        sent["code"].as_str().unwrap_or_default().to_owned(),
        sent["secret"].as_str().unwrap_or_default().to_owned(),
    ))
}

async fn every_step_reaches_the_submitter_at_least_once_and_nothing_is_lost(
    backend: Backend,
) -> anyhow::Result<()> {
    let smtp_port = free_port()?;
    let sms_port = free_port()?;
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.notify_smtp_url = Some(sunlight::config::Secret::new(format!(
        "smtp://127.0.0.1:{smtp_port}"
    )));
    config.notify_sms_url = Some(format!("http://127.0.0.1:{sms_port}/sms"));
    config.notify_sms_token = Some(sunlight::config::Secret::new("gateway-token"));
    config.notify_retry_secs = 1;
    config.notify_max_attempts = 30;
    let app = TestApp::spawn_with(database, config).await?;

    // Both senders are down: the messages wait in the outbox, tried and kept.
    let (mail_code, mail_secret) = submit(&app, Some("someone@example.org"), 1).await?;
    let (sms_code, sms_secret) = submit(&app, Some("13800000000"), 2).await?;
    let (refused_code, _) = submit(&app, Some("10000000000"), 3).await?;
    submit(&app, None, 4).await?;
    let started = Instant::now();
    loop {
        let kept = outbox(&app).await?;
        if kept.len() == 3 && kept.iter().all(|m| m.attempts >= 1) {
            assert!(
                kept.iter().all(|m| m.status == OutboxStatus::Pending),
                "{kept:?}"
            );
            assert!(kept.iter().all(|m| m.last_error.is_some()));
            break;
        }
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(30),
            "the senders were never tried: {kept:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // They come up: every message arrives.
    let (texts, gateway_task) = gateway(sms_port).await?;
    let smtp = SmtpServer::start(smtp_port).await?;
    let texted = |code: &str| {
        texts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|(_, _, body)| body["text"].as_str().unwrap_or_default().contains(code))
            .count()
    };
    eventually("the e-mail of the submission", || {
        smtp.messages().iter().any(|m| {
            m["subject"]
                .as_str()
                .unwrap_or_default()
                .contains(&mail_code)
        })
    })
    .await?;
    eventually("the SMS of the submission", || texted(&sms_code) >= 1).await?;
    eventually("the refused SMS is given up", || texted(&refused_code) >= 1).await?;

    // The office accepts both: one more message each.
    let admin = app.token("admin", &[])?;
    for code in [&mail_code, &sms_code] {
        let (_, body) = app
            .graphql_as(
                Some(&admin),
                "{ feedbackCases(first: 100) { nodes { id code version } } }",
                json!({}),
            )
            .await?;
        let case = body["data"]["feedbackCases"]["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|n| n["code"] == code.as_str())
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("{code} not listed"))?;
        let (_, accepted) = app
            .graphql_as(
                Some(&admin),
                "mutation($id: ID!, $v: Int!) { acceptFeedback(id: $id, expectedVersion: $v) { status } }",
                json!({ "id": case["id"], "v": case["version"] }),
            )
            .await?;
        assert_eq!(
            accepted["data"]["acceptFeedback"]["status"], "ACCEPTED",
            "{accepted}"
        );
    }
    eventually("the e-mail of the acceptance", || {
        smtp.messages()
            .iter()
            .filter(|m| {
                m["subject"]
                    .as_str()
                    .unwrap_or_default()
                    .contains(&mail_code)
            })
            .count()
            >= 2
    })
    .await?;
    eventually("the SMS of the acceptance", || {
        texts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|(_, _, b)| b["text"].as_str().unwrap_or_default().contains("已受理"))
            .count()
            >= 1
    })
    .await?;
    let started = Instant::now();
    let kept = loop {
        let kept = outbox(&app).await?;
        if kept.iter().all(|m| m.status != OutboxStatus::Pending) {
            break kept;
        }
        anyhow::ensure!(started.elapsed() < Duration::from_secs(30), "{kept:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(kept.len(), 5, "one message per step and contact: {kept:?}");
    let given_up: Vec<_> = kept
        .iter()
        .filter(|m| m.status == OutboxStatus::GaveUp)
        .collect();
    assert_eq!(given_up.len(), 1, "{kept:?}");
    assert_eq!(given_up[0].recipient, "10000000000");

    // E-mail: one per step, each with its own Message-ID, to the submitter.
    let mails = smtp.messages();
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert_ne!(mails[0]["message_id"], mails[1]["message_id"]);
    for mail in &mails {
        assert_eq!(mail["to"], json!(["someone@example.org"]));
        assert!(
            mail["body"]
                .as_str()
                .unwrap_or_default()
                .contains(&mail_code)
        );
    }
    // SMS: each event under one key; the one the gateway failed came again under the same.
    let sent = texts.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let keys: std::collections::BTreeSet<&str> = sent.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(keys.len(), 3, "submission, refusal, acceptance: {sent:?}");
    assert_eq!(sent.len(), 4, "the failed call was made again: {sent:?}");
    assert_eq!(
        sent.iter().filter(|(k, _, _)| *k == sent[0].0).count(),
        2,
        "the failed message came again under its key: {sent:?}"
    );
    for (key, authorization, body) in &sent {
        assert_eq!(authorization, "Bearer gateway-token");
        assert_eq!(body["id"], json!(key));
    }
    // Nothing quotes what the submitter wrote, or the secret.
    let everything = format!("{mails:?}{sent:?}");
    for word in ["NOTIFYSUBJECT", "NOTIFYBODY", &mail_secret, &sms_secret] {
        assert!(!everything.contains(word), "{word} was sent");
    }
    gateway_task.abort();
    app.stop().await?;
    Ok(())
}

async fn erasing_a_case_erases_its_messages(backend: Backend) -> anyhow::Result<()> {
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    // A gateway that is never up: the message stays in the outbox until the erasure.
    config.notify_sms_url = Some(format!("http://127.0.0.1:{}/sms", free_port()?));
    config.notify_retry_secs = 3600;
    let app = TestApp::spawn_with(database, config).await?;
    let (code, secret) = submit(&app, Some("13900000000"), 5).await?;
    let (_, withdrawn) = app
        .graphql(
            "mutation($c: String!, $s: String!) { withdrawFeedback(code: $c, secret: $s) { status } }",
            json!({ "c": code, "s": secret }),
        )
        .await?;
    assert_eq!(
        withdrawn["data"]["withdrawFeedback"]["status"], "WITHDRAWN",
        "{withdrawn}"
    );
    let kept = outbox(&app).await?;
    assert_eq!(kept.len(), 2, "submit and withdraw: {kept:?}");
    let case = entity::feedback::Entity::find()
        .filter(entity::feedback::Column::Code.eq(code.as_str()))
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no case"))?;
    let closed = case
        .closed_on
        .ok_or_else(|| anyhow::anyhow!("not closed"))?;
    let erased = app
        .store()?
        .erase_closed_feedback(closed + chrono::Days::new(10), 1)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    assert!(erased >= 1);
    let left = notification::Entity::find()
        .filter(notification::Column::FeedbackId.eq(case.id))
        .all(app.db()?)
        .await?;
    assert!(left.is_empty(), "{left:?}");
    app.stop().await?;
    Ok(())
}

/// The texts the gateway took for `to`, in order.
fn texts_to(received: &Received, to: &str) -> Vec<String> {
    received
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|(_, _, body)| body["to"] == to)
        .map(|(_, _, body)| body["text"].as_str().unwrap_or_default().to_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

async fn a_follower_confirms_then_hears_of_each_public_change(
    backend: Backend,
) -> anyhow::Result<()> {
    let sms_port = free_port()?;
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.notify_sms_url = Some(format!("http://127.0.0.1:{sms_port}/sms"));
    config.notify_retry_secs = 1;
    let app = TestApp::spawn_with(database, config).await?;
    let (texts, gateway_task) = gateway(sms_port).await?;
    let org = app.first_organization().await?;
    let editor = app.token_as("editor", &[org], "editor-a")?;
    let reviewer = app.token_as("reviewer", &[], "reviewer-a")?;
    let call = |token: Option<String>, query: &'static str, vars: Value| {
        let app = &app;
        async move {
            let (_, body) = app.graphql_as(token.as_deref(), query, vars).await?;
            anyhow::Ok(body)
        }
    };
    // A public record and a party-internal one, published.
    let mut made = Vec::new();
    for scope in ["PUBLIC", "PARTY"] {
        let body = call(
            Some(editor.clone()),
            "mutation($input: EvaluationRoundInput!) { createEvaluationRound(input: $input) { id } }",
            json!({ "input": { "title": format!("FOLLOWTITLE {scope}"), "evaluators": "PUBLIC",
                "opensOn": "2011-12-01", "closesOn": "2011-12-20", "text": "FOLLOWTEXT", "scope": scope } }),
        )
        .await?;
        let id = body["data"]["createEvaluationRound"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        anyhow::ensure!(!id.is_empty(), "{body}");
        for (token, step, version) in [
            (&editor, "submitForReview", 1),
            (&reviewer, "approve", 2),
            (&editor, "publish", 3),
        ] {
            let query = match step {
                "submitForReview" => {
                    "mutation($id: ID!, $v: Int!) { submitForReview(id: $id, expectedVersion: $v) { version } }"
                }
                "approve" => {
                    "mutation($id: ID!, $v: Int!) { approve(id: $id, expectedVersion: $v) { version } }"
                }
                _ => {
                    "mutation($id: ID!, $v: Int!) { publish(id: $id, expectedVersion: $v) { version } }"
                }
            };
            let body = call(
                Some(token.clone()),
                query,
                json!({ "id": id, "v": version }),
            )
            .await?;
            anyhow::ensure!(body.get("errors").is_none(), "{body}");
        }
        made.push(id);
    }
    let (public, party) = (&made[0], &made[1]);
    let follow = "mutation($id: ID!, $c: String!) { followRecord(id: $id, contact: $c) { code } }";
    // Only what the public sees can be followed.
    let body = call(None, follow, json!({ "id": party, "c": "13700000001" })).await?;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "NOT_FOUND",
        "{body}"
    );
    let member = app.token_as("member", &[], "member-follow")?;
    let body = call(
        Some(member),
        follow,
        json!({ "id": party, "c": "13700000001" }),
    )
    .await?;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    let body = call(
        None,
        follow,
        json!({ "id": public, "c": "nobody@example.org" }),
    )
    .await?;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "no SMTP server: {body}"
    );

    let body = call(None, follow, json!({ "id": public, "c": "13700000000" })).await?;
    let code = body["data"]["followRecord"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    anyhow::ensure!(!code.is_empty(), "{body}");
    eventually("the confirmation", || {
        !texts_to(&texts, "13700000000").is_empty()
    })
    .await?;
    let confirmation = texts_to(&texts, "13700000000")[0].clone();
    let secret = confirmation
        .split("确认码 ")
        .nth(1)
        .and_then(|rest| rest.split('，').next())
        .unwrap_or_default()
        .to_owned();
    assert!(
        confirmation.contains(&code) && !secret.is_empty(),
        "{confirmation}"
    );

    let correct =
        "mutation($id: ID!, $v: Int!) { correctEvaluationRound(id: $id, expectedVersion: $v,
        reason: \"更正\", input: { text: \"FOLLOWTEXT 更正\" }) { version } }";
    // Unconfirmed: nothing.
    let body = call(
        Some(editor.clone()),
        correct,
        json!({ "id": public, "v": 4 }),
    )
    .await?;
    anyhow::ensure!(body.get("errors").is_none(), "{body}");
    let confirm = "mutation($c: String!, $s: String!) { confirmFollow(code: $c, secret: $s) }";
    let body = call(None, confirm, json!({ "c": code, "s": "WRONG" })).await?;
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
    let body = call(None, confirm, json!({ "c": code, "s": secret })).await?;
    assert_eq!(body["data"]["confirmFollow"], true, "{body}");
    // Following again tells nothing new and sends nothing.
    let body = call(None, follow, json!({ "id": public, "c": "13700000000" })).await?;
    assert_eq!(body["data"]["followRecord"]["code"], json!(code), "{body}");
    // Confirmed: each public change.
    let body = call(
        Some(editor.clone()),
        correct,
        json!({ "id": public, "v": 5 }),
    )
    .await?;
    anyhow::ensure!(body.get("errors").is_none(), "{body}");
    eventually("the news of the correction", || {
        texts_to(&texts, "13700000000").len() == 2
    })
    .await?;
    let news = texts_to(&texts, "13700000000");
    let correction = news
        .iter()
        .find(|t| t.contains("已更正"))
        .cloned()
        .unwrap_or_default();
    assert!(correction.contains(public.as_str()), "{news:?}");
    for word in ["FOLLOWTITLE", "FOLLOWTEXT"] {
        assert!(
            !news.iter().any(|t| t.contains(word)),
            "{word} was sent: {news:?}"
        );
    }
    // Ended: nothing more.
    let body = call(
        None,
        "mutation($c: String!, $s: String!) { unfollowRecord(code: $c, secret: $s) }",
        json!({ "c": code, "s": secret }),
    )
    .await?;
    assert_eq!(body["data"]["unfollowRecord"], true, "{body}");
    let body = call(
        Some(editor.clone()),
        correct,
        json!({ "id": public, "v": 6 }),
    )
    .await?;
    anyhow::ensure!(body.get("errors").is_none(), "{body}");
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        texts_to(&texts, "13700000000").len(),
        2,
        "a message after the follow ended"
    );
    let left = notification::Entity::find()
        .filter(notification::Column::Recipient.eq("13700000000"))
        .all(app.db()?)
        .await?;
    assert_eq!(left.len(), 2, "{left:?}");
    gateway_task.abort();
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    every_step_reaches_the_submitter_at_least_once_and_nothing_is_lost,
    erasing_a_case_erases_its_messages,
    a_follower_confirms_then_hears_of_each_public_change,
);
