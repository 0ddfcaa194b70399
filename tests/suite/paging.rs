//! Connections: cursors walk every visible record once; oversize pages are refused.

use std::collections::HashSet;

use harness::{Backend, TestApp, on_both_databases};
use serde_json::json;

async fn cursors_walk_every_record_once(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let mut seen = HashSet::new();
    let mut after = serde_json::Value::Null;
    let mut total = None;
    loop {
        let data = app
            .data(
                "query($after: String) { powers(first: 7, after: $after) {
                     totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }",
                json!({ "after": after }),
            )
            .await?;
        let page = &data["powers"];
        total = total.or(page["totalCount"].as_u64());
        for edge in page["edges"].as_array().cloned().unwrap_or_default() {
            assert!(
                seen.insert(edge["node"]["id"].to_string()),
                "seen twice: {edge}"
            );
        }
        if page["pageInfo"]["hasNextPage"] != json!(true) {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(Some(seen.len() as u64), total);
    app.stop().await?;
    Ok(())
}

async fn oversize_pages_and_foreign_cursors_are_refused(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (_, body) = app
        .graphql("{ powers(first: 101) { totalCount } }", json!({}))
        .await?;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "first");
    assert!(body["data"].is_null() || body["data"]["powers"].is_null());

    let (_, body) = app
        .graphql(
            "{ powers(after: \"secret-looking-cursor\") { totalCount } }",
            json!({}),
        )
        .await?;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert!(
        !body.to_string().contains("secret-looking-cursor"),
        "the error echoes the input"
    );
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    cursors_walk_every_record_once,
    oversize_pages_and_foreign_cursors_are_refused
);
