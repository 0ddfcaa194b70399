//! The short-lived cache of anonymous answers: shared among anonymous callers only, never
//! holding errors, and gone after its lifetime.

use std::time::Duration;

use entity::power;
use harness::{Backend, TestApp, TestDatabase, on_both_databases};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QueryOrder};
use serde_json::{Value, json};

const FIRST_POWER: &str =
    "{ powers(first: 1, orderBy: { field: CODE }) { edges { node { code name } } } }";

fn first_name(body: &Value) -> String {
    body["data"]["powers"]["edges"][0]["node"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn anonymous_answers_are_shared_briefly_and_only_among_anonymous_callers(
    backend: Backend,
) -> anyhow::Result<()> {
    let database = TestDatabase::create(backend).await?;
    let config = sunlight::config::Config {
        response_cache_ms: 3000,
        ..database.config()
    };
    let app = TestApp::spawn_with(database, config).await?;
    let member = app.token("member", &[1])?;

    let (_, first) = app.graphql(FIRST_POWER, json!({})).await?;
    let before = first_name(&first);
    assert!(!before.is_empty(), "{first}");
    let code = first["data"]["powers"]["edges"][0]["node"]["code"].clone();

    // Rename that power behind the server's back.
    let db = app.db()?;
    let row = power::Entity::find()
        .order_by_asc(power::Column::Id)
        .order_by_asc(power::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .find(|p| code.as_str() == Some(p.code.as_str()))
        .ok_or_else(|| anyhow::anyhow!("power {code} not found"))?;
    let mut active: power::ActiveModel = row.into();
    active.name = Set("更名后的职权".into());
    active.update(db).await?;

    // Within the lifetime the anonymous answer is the kept one, and counted as a hit...
    let hits = app.counter("sunlight_response_cache_hits_total").await?;
    let (_, again) = app.graphql(FIRST_POWER, json!({})).await?;
    assert_eq!(first_name(&again), before);
    assert_eq!(
        app.counter("sunlight_response_cache_hits_total").await?,
        hits + 1
    );
    // ...while a caller with a token never reads it.
    let (_, fresh) = app
        .graphql_as(Some(&member), FIRST_POWER, json!({}))
        .await?;
    assert_eq!(first_name(&fresh), "更名后的职权");

    // After the lifetime, anonymous callers see the change too.
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let (_, later) = app.graphql(FIRST_POWER, json!({})).await?;
    assert_eq!(first_name(&later), "更名后的职权");

    // A member's answer is never served to the public: minutes stay hidden.
    let minutes = "{ meetings(first: 50) { edges { node { minutes } } } }";
    let (_, as_member) = app.graphql_as(Some(&member), minutes, json!({})).await?;
    let shown = |body: &Value| {
        body["data"]["meetings"]["edges"]
            .as_array()
            .map(|edges| {
                edges
                    .iter()
                    .filter(|e| !e["node"]["minutes"].is_null())
                    .count()
            })
            .unwrap_or_default()
    };
    assert!(
        shown(&as_member) > 0,
        "the member sees no minutes: {as_member}"
    );
    let (_, anonymous) = app.graphql(minutes, json!({})).await?;
    assert_eq!(shown(&anonymous), 0, "{anonymous}");

    // Answers with errors are not kept: each carries its own request id.
    let bad = "{ powers(first: 500) { totalCount } }";
    let (_, one) = app.graphql(bad, json!({})).await?;
    let (_, two) = app.graphql(bad, json!({})).await?;
    let id = |b: &Value| b["errors"][0]["extensions"]["requestId"].clone();
    assert!(id(&one).is_string(), "{one}");
    assert_ne!(id(&one), id(&two));

    app.stop().await?;
    Ok(())
}

on_both_databases!(anonymous_answers_are_shared_briefly_and_only_among_anonymous_callers);

/// `GET /graphql` answers that every anonymous caller would get may be kept by browsers,
/// proxies and CDNs, and revalidated with their `ETag`; nothing for a token, nothing with an
/// error and nothing sent by POST is theirs to keep.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_caches_keep_anonymous_get_answers_only() -> anyhow::Result<()> {
    let database = TestDatabase::create(Backend::Sqlite).await?;
    let config = sunlight::config::Config {
        http_cache_max_age_secs: 42,
        ..database.config()
    };
    let app = TestApp::spawn_with(database, config).await?;
    let member = app.token("member", &[1])?;
    let get = |query: &str| {
        app.client
            .get(app.url("/graphql"))
            .query(&[("query", query)])
            .header("accept", "application/json")
    };
    let header = |response: &reqwest::Response, name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };

    let first = get(FIRST_POWER).send().await?;
    assert_eq!(first.status(), 200);
    assert_eq!(
        header(&first, "cache-control").as_deref(),
        Some("public, max-age=42")
    );
    let vary = header(&first, "vary").unwrap_or_default();
    assert!(vary.contains("Authorization"), "Vary: {vary}");
    let etag = header(&first, "etag").ok_or_else(|| anyhow::anyhow!("no ETag"))?;
    let body: Value = first.json().await?;
    assert!(!first_name(&body).is_empty(), "{body}");

    // The same answer again is 304 with no body; a different one is served in full.
    let again = get(FIRST_POWER)
        .header("if-none-match", &etag)
        .send()
        .await?;
    assert_eq!(again.status(), 304);
    assert_eq!(header(&again, "etag").as_deref(), Some(etag.as_str()));
    assert!(again.bytes().await?.is_empty());
    let stale = get(FIRST_POWER)
        .header("if-none-match", "\"00000000000000000000000000000000\"")
        .send()
        .await?;
    assert_eq!(stale.status(), 200);

    // A token's answer is never for a shared cache, even when its validator matches.
    let private = get(FIRST_POWER)
        .bearer_auth(&member)
        .header("if-none-match", &etag)
        .send()
        .await?;
    assert_eq!(private.status(), 200);
    assert_eq!(
        header(&private, "cache-control").as_deref(),
        Some("no-store")
    );
    assert_eq!(header(&private, "etag"), None);

    // Nor an answer with an error (it names its request), nor one to a POST.
    let refused = get("{ powers(first: 500) { totalCount } }").send().await?;
    assert_eq!(
        header(&refused, "cache-control").as_deref(),
        Some("no-store")
    );
    assert_eq!(header(&refused, "etag"), None);
    let posted = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": FIRST_POWER }))
        .send()
        .await?;
    assert_eq!(posted.status(), 200);
    assert_eq!(
        header(&posted, "cache-control").as_deref(),
        Some("no-store")
    );

    // Browsers on other origins may read the validator.
    let cross = get(FIRST_POWER)
        .header("origin", "https://portal.example")
        .send()
        .await?;
    let exposed = header(&cross, "access-control-expose-headers").unwrap_or_default();
    assert!(exposed.to_ascii_lowercase().contains("etag"), "{exposed}");

    app.stop().await?;
    Ok(())
}
