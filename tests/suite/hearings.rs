//! Hearings (重大事务决策听证会): a meeting open to observers takes applications in its window
//! only; the office draws the observers with an announced seed, in an order anyone can check
//! from the seed and a tracking code; each applicant reads their outcome with code and secret.

use harness::{Backend, TestApp, TestDatabase, on_both_databases};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

async fn data(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    vars: Value,
) -> anyhow::Result<Value> {
    let (_, body) = app.graphql_as(token, query, vars).await?;
    anyhow::ensure!(body.get("errors").is_none(), "{query}: {body}");
    Ok(body["data"].clone())
}

async fn refused(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    vars: Value,
) -> anyhow::Result<String> {
    let (_, body) = app.graphql_as(token, query, vars).await?;
    Ok(body["errors"][0]["extensions"]["code"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("{query} was not refused: {body}"))?
        .to_owned())
}

const APPLY: &str =
    "mutation($input: FeedbackInput!) { submitFeedback(input: $input) { code secret } }";

const STATUS: &str = "query($c: String!, $s: String!) {
    feedbackStatus(code: $c, secret: $s) { status reply reason steps { action } } }";

fn application(meeting: &str, n: usize) -> Value {
    json!({ "input": { "kind": "HEARING_REQUEST", "meeting": meeting,
        "subject": format!("申请旁听 {n}"), "body": "希望旁听" } })
}

async fn observers_are_drawn_in_an_order_anyone_can_check(backend: Backend) -> anyhow::Result<()> {
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.today = chrono::NaiveDate::from_ymd_opt(2011, 12, 20);
    let app = TestApp::spawn_with(database, config.clone()).await?;
    let body = app.first_organization().await?;
    let editor = app.token_as("editor", &[body], "editor-a")?;
    let reviewer = app.token_as("reviewer", &[], "reviewer-a")?;
    let supervisor = app.token_as("supervisor", &[], "office-a")?;
    let create = "mutation($input: MeetingInput!) { createMeeting(input: $input) { id } }";
    let mut input = json!({
        "body": app.gid("Organization", body), "kind": "HEARING",
        "label": "听证会（测试）", "startsAt": "2011-12-28T02:00:00Z", "place": "县委第一会议室",
        "status": "SCHEDULED", "scope": "PUBLIC",
        "applicationsOpenOn": "2011-12-15", "applicationsCloseOn": "2011-12-22", "observerSeats": 2
    });
    // A window is whole, and closes by the meeting's day.
    let mut partial = input.clone();
    partial["observerSeats"] = Value::Null;
    assert_eq!(
        refused(&app, Some(&editor), create, json!({ "input": partial })).await?,
        "BAD_USER_INPUT"
    );
    let mut late = input.clone();
    late["applicationsCloseOn"] = json!("2011-12-29");
    assert_eq!(
        refused(&app, Some(&editor), create, json!({ "input": late })).await?,
        "BAD_USER_INPUT"
    );
    input["label"] = json!("听证会（测试）");
    let meeting =
        data(&app, Some(&editor), create, json!({ "input": input })).await?["createMeeting"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
    for (token, step, version) in [
        (&editor, "submitForReview", 1),
        (&reviewer, "approve", 2),
        (&editor, "publish", 3),
    ] {
        data(
            &app,
            Some(token),
            &format!(
                "mutation($id: ID!) {{ {step}(id: $id, expectedVersion: {version}) {{ version }} }}"
            ),
            json!({ "id": meeting }),
        )
        .await?;
    }
    // Four apply in the window, one of them withdraws.
    let mut applicants = Vec::new();
    for n in 0..4 {
        let sent = data(&app, None, APPLY, application(&meeting, n)).await?;
        applicants.push((
            sent["submitFeedback"]["code"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            sent["submitFeedback"]["secret"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        ));
    }
    data(
        &app,
        None,
        "mutation($c: String!, $s: String!) { withdrawFeedback(code: $c, secret: $s) { status } }",
        json!({ "c": applicants[3].0, "s": applicants[3].1 }),
    )
    .await?;
    let draw =
        "mutation($m: ID!, $seed: String!) { drawHearingObservers(meeting: $m, seed: $seed) {
        seed seats applicants selected drawnOn } }";
    let seed = "2011-12-23 公开抽签 4711";
    assert_eq!(
        refused(
            &app,
            Some(&supervisor),
            draw,
            json!({ "m": meeting, "seed": seed })
        )
        .await?,
        "CONFLICT",
        "a draw while applications are open"
    );

    // After the window: no more applications; the office draws, once.
    let database = app.stop().await?;
    config.today = chrono::NaiveDate::from_ymd_opt(2011, 12, 23);
    let app = TestApp::spawn_with(database, config).await?;
    assert_eq!(
        refused(&app, None, APPLY, application(&meeting, 9)).await?,
        "CONFLICT"
    );
    for token in [None, Some(editor.as_str())] {
        assert_eq!(
            refused(&app, token, draw, json!({ "m": meeting, "seed": seed })).await?,
            "FORBIDDEN"
        );
    }
    let drawn = data(
        &app,
        Some(&supervisor),
        draw,
        json!({ "m": meeting, "seed": seed }),
    )
    .await?;
    assert_eq!(
        drawn["drawHearingObservers"],
        json!({ "seed": seed, "seats": 2, "applicants": 3, "selected": 2, "drawnOn": "2011-12-23" })
    );
    assert_eq!(
        refused(
            &app,
            Some(&supervisor),
            draw,
            json!({ "m": meeting, "seed": "again" })
        )
        .await?,
        "CONFLICT"
    );
    // The two lowest SHA-256 of seed:code are in; each applicant reads it with code and secret.
    let rank = |code: &str| -> String {
        Sha256::digest(format!("{seed}:{code}").as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let mut open: Vec<&(String, String)> = applicants[..3].iter().collect();
    open.sort_by_key(|(code, _)| rank(code));
    for (place, (code, secret)) in open.iter().enumerate() {
        let seen = data(&app, None, STATUS, json!({ "c": code, "s": secret })).await?;
        let ticket = &seen["feedbackStatus"];
        let last = ticket["steps"]
            .as_array()
            .and_then(|s| s.last())
            .cloned()
            .unwrap_or_default();
        if place < 2 {
            assert_eq!(ticket["status"], "ANSWERED", "{ticket}");
            assert_eq!(last["action"], "selected");
            assert!(
                ticket["reply"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("入选")
            );
        } else {
            assert_eq!(ticket["status"], "REJECTED", "{ticket}");
            assert_eq!(last["action"], "not_selected");
            assert!(
                ticket["reason"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("抽签")
            );
        }
    }
    let withdrawn = data(
        &app,
        None,
        STATUS,
        json!({ "c": applicants[3].0, "s": applicants[3].1 }),
    )
    .await?;
    assert_eq!(
        withdrawn["feedbackStatus"]["status"], "WITHDRAWN",
        "a withdrawn application is not drawn"
    );
    // The draw is public on the meeting.
    let public = data(
        &app,
        None,
        "query($id: ID!) { meeting(id: $id) { kind applicationsOpenOn applicationsCloseOn observerSeats
            observerDraw { seed seats applicants selected drawnOn } } }",
        json!({ "id": meeting }),
    )
    .await?;
    assert_eq!(public["meeting"]["kind"], "HEARING");
    assert_eq!(public["meeting"]["observerSeats"], 2);
    assert_eq!(
        public["meeting"]["observerDraw"],
        drawn["drawHearingObservers"]
    );
    app.stop().await?;
    Ok(())
}

async fn the_demo_hearing_took_applications_in_its_window(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let seen = data(
        &app,
        None,
        "{ meetings(first: 100, filter: { kind: HEARING }) { nodes { label applicationsOpenOn
            applicationsCloseOn observerSeats observerDraw { seed } } } }",
        json!({}),
    )
    .await?;
    let nodes = seen["meetings"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(nodes.len(), 1, "{seen}");
    assert_eq!(nodes[0]["applicationsOpenOn"], "2011-06-20");
    assert_eq!(nodes[0]["observerSeats"], 7);
    assert_eq!(nodes[0]["observerDraw"], Value::Null, "approved, not drawn");
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    observers_are_drawn_in_an_order_anyone_can_check,
    the_demo_hearing_took_applications_in_its_window,
);
