//! The public portal and the TV ticker: they show the public's data and nothing else, whoever
//! visits and whatever header they send; and they work in a real browser (Debian's Chromium,
//! driven by Playwright): pages load without console errors, search finds, the flowchart shows,
//! an accessibility check finds nothing serious, and a bulletin published during the test
//! reaches the ticker.

use std::{
    path::{Path, PathBuf},
    process::Stdio,
    time::{Duration, Instant},
};

use harness::{Backend, TestApp, TestDatabase, canary::CanaryCounty, on_both_databases};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::leaks::{canaries_in, roles};

/// Every page of the portal over the canary county, for records of every kind in every state,
/// as a visitor without a token and as one who sends an admin's: no canary that the public
/// may not see appears, and a record the public does not see is the same 404 as none.
async fn the_portal_shows_the_public_only(backend: Backend) -> anyhow::Result<()> {
    let database = TestDatabase::empty(backend).await?;
    let mut config = database.config();
    config.seed_demo = false;
    config.response_cache_ms = 0;
    let app = TestApp::spawn_with(database, config).await?;
    let county = CanaryCounty::load(app.db()?).await?;
    let roles = roles(&app, &county)?;
    let public = roles
        .iter()
        .find(|r| r.token.is_none())
        .ok_or_else(|| anyhow::anyhow!("no anonymous role"))?;
    let admin = app.token("admin", &[])?;
    let allowed = |canary: &str| {
        county.canaries.get(canary).is_some_and(|c| {
            public.may_see_record(c.node.0, c.state, c.audience_a)
                && public.may_see_field(c.field_scope, c.audience_a, c.state)
        })
    };

    let mut paths: Vec<String> = [
        "/",
        "/powers",
        "/meetings",
        "/appointments",
        "/bulletins",
        "/statistics",
        "/feedback",
        "/tv",
    ]
    .map(str::to_owned)
    .to_vec();
    let mut hidden_records = Vec::new();
    // Parts of records (an agenda item, a milestone) have no page of their own.
    let kinds: Vec<&str> = {
        use sea_orm::Iterable as _;
        entity::enums::RecordKind::iter()
            .map(sunlight::store::name_of)
            .collect()
    };
    for (kind, records) in &county.records {
        if !kinds.contains(kind) {
            continue;
        }
        for (id, state, audience_a) in records {
            let path = format!("/records/{}", app.gid(kind, *id));
            if !public.may_see_record(kind, *state, *audience_a) {
                hidden_records.push(path.clone());
            }
            paths.push(path);
        }
    }
    assert!(paths.len() > 100, "only {} pages", paths.len());
    assert!(!hidden_records.is_empty());

    let mut shown = 0;
    for path in &paths {
        for token in [None, Some(admin.as_str())] {
            let mut request = app.client.get(app.url(path));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let response = request.send().await?;
            let status = response.status().as_u16();
            let body = response.text().await?;
            let leaked: Vec<String> = canaries_in(&body)
                .into_iter()
                .filter(|c| !allowed(c))
                .collect();
            assert!(leaked.is_empty(), "{path} shows {leaked:?}");
            shown += canaries_in(&body).len();
            if hidden_records.contains(path) {
                assert_eq!(status, 404, "{path}");
            } else {
                assert_eq!(status, 200, "{path}: {body}");
            }
        }
    }
    // The pages do show what the public may see.
    assert!(shown > 50, "only {shown} canaries shown in all");

    // Searching the catalogue for a hidden power's name finds nothing.
    let hidden_name = county
        .canaries
        .iter()
        .find(|(_, c)| c.node.0 == "Power" && c.column == "name" && !allowed_record(public, c))
        .map(|(name, _)| name.clone())
        .ok_or_else(|| anyhow::anyhow!("no hidden power"))?;
    let found = app
        .client
        .get(app.url("/powers"))
        .query(&[("keyword", &hidden_name)])
        .send()
        .await?
        .text()
        .await?;
    assert!(found.contains("没有符合条件的职权"), "{found}");

    app.stop().await?;
    Ok(())
}

fn allowed_record(public: &crate::leaks::Role, canary: &harness::canary::Canary) -> bool {
    public.may_see_record(canary.node.0, canary.state, canary.audience_a)
}

on_both_databases!(the_portal_shows_the_public_only);

/// `tests/js` with its packages, and Chromium.
async fn browser_driver() -> anyhow::Result<PathBuf> {
    let dir = harness::js_packages().await?;
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    anyhow::ensure!(
        Path::new(&chromium).exists(),
        "the browser test needs Chromium at {chromium} (Debian: apt-get install chromium; or set \
         CHROMIUM to its path)"
    );
    Ok(dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_and_the_ticker_work_in_a_real_browser() -> anyhow::Result<()> {
    let driver = browser_driver().await?;
    let database = TestDatabase::create(Backend::Sqlite).await?;
    let mut config = database.config();
    config.response_cache_ms = 0;
    let app = TestApp::spawn_with(database, config).await?;

    // What to look for, found through the API as anyone would.
    let data = app
        .data(
            "{ powers(first: 100) { edges { node { id name category procedure { id } } } }
               meetings(first: 100) { edges { node { id decisions { id } } } } }",
            json!({}),
        )
        .await?;
    let nodes = |list: &str| -> Vec<Value> {
        data[list]["edges"]
            .as_array()
            .map(|edges| edges.iter().map(|e| e["node"].clone()).collect())
            .unwrap_or_default()
    };
    let power = nodes("powers")
        .into_iter()
        .find(|p| p["procedure"].is_object())
        .ok_or_else(|| anyhow::anyhow!("no power with a flowchart"))?;
    let meeting = nodes("meetings")
        .into_iter()
        .find(|m| m["decisions"].as_array().is_some_and(|d| !d.is_empty()))
        .ok_or_else(|| anyhow::anyhow!("no meeting with decisions"))?;
    let plan = json!({
        "power": format!("/records/{}", power["id"].as_str().unwrap_or_default()),
        "meeting": format!("/records/{}", meeting["id"].as_str().unwrap_or_default()),
        "search": {
            "keyword": power["name"],
            "finds": power["name"],
            "category": power["category"],
        },
    });

    // A bulletin, approved and ready for the moment the ticker is live.
    let office = entity::organization::Entity::find()
        .filter(entity::organization::Column::ShortName.eq("宣传报道组"))
        .order_by_asc(entity::organization::Column::Id)
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no 宣传报道组"))?
        .id;
    let editor = app.token_as("editor", &[office], "column-editor")?;
    let reviewer = app.token_as("reviewer", &[], "reviewer-a")?;
    let title = "浏览器测试：县委常委会公开简报";
    let made = app
        .data_as(
            &editor,
            "mutation($input: BulletinInput!) { createBulletin(input: $input) { id version } }",
            json!({ "input": {
                "title": title,
                "crawl": "县委常委会研究部署党务公开工作",
                "body": "县委常委会研究部署党务公开工作。",
                "category": "MEETING_DECISION",
                "scope": "PUBLIC",
            } }),
        )
        .await?;
    let id = made["createBulletin"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let step = |token: String, field: &'static str, version: i64| {
        let id = id.clone();
        let app = &app;
        async move {
            let done = app
                .data_as(
                    &token,
                    &format!(
                        "mutation($id: ID!, $v: Int!) {{ {field}(id: $id, expectedVersion: $v) {{ version }} }}"
                    ),
                    json!({ "id": id, "v": version }),
                )
                .await?;
            done[field]["version"]
                .as_i64()
                .ok_or_else(|| anyhow::anyhow!("{field}: {done}"))
        }
    };
    let v = step(editor.clone(), "submitForReview", 1).await?;
    let v = step(reviewer.clone(), "approve", v).await?;

    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&shots)?;
    let mut child = tokio::process::Command::new("node")
        .arg(driver.join("portal.mjs"))
        .arg(app.url(""))
        .arg(&shots)
        .arg(plan.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdin"))?;
    let mut lines = BufReader::new(
        child
            .stdout
            .take()
            .ok_or_else(|| anyhow::anyhow!("no stdout"))?,
    )
    .lines();
    let mut pages = Vec::new();
    let mut latency = None;
    let mut published_at = None;
    let mut ok = false;
    while let Some(line) =
        tokio::time::timeout(Duration::from_secs(120), lines.next_line()).await??
    {
        match line.as_str() {
            "READY" => {
                published_at = Some(Instant::now());
                step(reviewer.clone(), "publish", v).await?;
                stdin.write_all(format!("{title}\n").as_bytes()).await?;
                stdin.flush().await?;
            }
            "SEEN" => latency = published_at.map(|at| at.elapsed()),
            "OK" => ok = true,
            _ => pages.push(serde_json::from_str::<Value>(&line)?),
        }
    }
    let status = child.wait().await?;
    for page in &pages {
        if let Some(ms) = page["answeredMs"].as_u64() {
            println!(
                "{:<40} GraphiQL loaded and answered its first query in {ms} ms",
                page["page"].as_str().unwrap_or_default()
            );
            continue;
        }
        println!(
            "{:<40} ttfb {:>6.1} ms  {:>7} bytes  {} resources",
            page["page"].as_str().unwrap_or_default(),
            page["ttfbMs"].as_f64().unwrap_or_default(),
            page["bytes"],
            page["resources"]
        );
    }
    println!("ticker: publish to screen in {latency:?}");
    assert!(
        status.success() && ok,
        "the browser found faults (see above)"
    );
    assert_eq!(pages.len(), 11, "{pages:?}");
    assert!(latency.is_some(), "the ticker never showed the bulletin");
    for name in [
        "home",
        "powers",
        "power",
        "meeting",
        "statistics",
        "tv",
        "home-phone",
    ] {
        assert!(
            shots.join(format!("{name}.png")).exists(),
            "no screenshot of {name}"
        );
    }
    app.stop().await?;
    Ok(())
}

/// The portal's feedback form sends through the API's own mutation, within the same budget of
/// submissions per address as any client.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feedback_form_keeps_the_submission_budget() -> anyhow::Result<()> {
    let database = TestDatabase::create(Backend::Sqlite).await?;
    let mut config = database.config();
    config.rate_limit_feedback_burst = 2;
    config.rate_limit_feedback_per_hour = 2;
    let app = TestApp::spawn_with(database, config).await?;
    let send = || {
        app.client
            .post(app.url("/feedback"))
            .form(&[("kind", "OPINION"), ("subject", "建议"), ("body", "内容")])
            .send()
    };
    for _ in 0..2 {
        let sent = send().await?;
        assert_eq!(sent.status(), 200);
        assert_eq!(
            sent.headers()
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-store")
        );
        assert!(sent.text().await?.contains("受理编号"));
    }
    let refused = send().await?;
    assert_eq!(refused.status(), 429);
    // And through /graphql the same address has nothing left either.
    let (_, body) = app
        .graphql(
            "mutation { submitFeedback(input: { kind: OPINION, subject: \"s\", body: \"b\" }) { code } }",
            json!({}),
        )
        .await?;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "RATE_LIMITED",
        "{body}"
    );
    app.stop().await?;
    Ok(())
}
