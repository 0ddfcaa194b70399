//! The access log and the audit log through the API: who was served what beyond the public,
//! and who wrote what; only supervisors and admins read either, and supervisors do not see the
//! content of drafts' entries.

use sea_orm::QueryOrder as _;
use std::time::{Duration, Instant};

use entity::{enums::PublicationStatus, power};
use harness::{Backend, TestApp, TestDatabase, on_both_databases};
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};

const ACCESS_LOG: &str = "query($f: AccessLogFilter, $n: Int, $a: String) {
    accessLog(filter: $f, first: $n, after: $a) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { sequence at actor role recordKind record requestId } } } }";

const AUDIT_LOG: &str = "query($f: AuditLogFilter, $n: Int, $a: String) {
    auditLog(filter: $f, first: $n, after: $a) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { sequence at actor role action recordKind record note hash prevHash
                       changeWithheld change { before after } } } } }";

/// Runs `query` as `token`; the body, which must be a 200.
async fn body(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> anyhow::Result<Value> {
    let (status, body) = app.graphql_as(token, query, variables).await?;
    anyhow::ensure!(status == 200, "{status}: {body}");
    Ok(body)
}

/// Runs `query` as `token`; its `data`, which must come without errors.
async fn data(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> anyhow::Result<Value> {
    let body = body(app, token, query, variables).await?;
    anyhow::ensure!(body.get("errors").is_none(), "{body}");
    Ok(body["data"].clone())
}

/// The nodes of a connection field of `data`.
fn nodes(data: &Value, field: &str) -> Vec<Value> {
    data[field]["edges"]
        .as_array()
        .map(|edges| edges.iter().map(|e| e["node"].clone()).collect())
        .unwrap_or_default()
}

/// The access-log entries meeting `filter`, newest first (at most 100).
async fn access(app: &TestApp, supervisor: &str, filter: Value) -> anyhow::Result<Vec<Value>> {
    let data = data(
        app,
        Some(supervisor),
        ACCESS_LOG,
        json!({ "f": filter, "n": 100 }),
    )
    .await?;
    Ok(nodes(&data, "accessLog"))
}

/// Waits (at most 10 s) until the access log holds an entry of `actor`; returns its entries.
async fn wait_for(app: &TestApp, supervisor: &str, actor: &str) -> anyhow::Result<Vec<Value>> {
    let started = Instant::now();
    loop {
        let found = access(app, supervisor, json!({ "actor": actor })).await?;
        if !found.is_empty() {
            return Ok(found);
        }
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(10),
            "no access-log entry of {actor} after 10 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A meeting whose scope is PUBLIC and whose (party-internal) minutes are written, and a
/// record whose scope is PARTY: their global ids, as a supervisor finds them.
async fn fixtures(app: &TestApp, supervisor: &str) -> anyhow::Result<(String, String, String)> {
    let data = data(
        app,
        Some(supervisor),
        "{ meetings(first: 100) { edges { node { id scope minutes } } }
           organizations(first: 100) { edges { node { id scope } } } }",
        json!({}),
    )
    .await?;
    let meeting = nodes(&data, "meetings")
        .into_iter()
        .find(|m| m["scope"] == "PUBLIC" && m["minutes"].as_str().is_some_and(|t| t.len() > 12))
        .ok_or_else(|| anyhow::anyhow!("no public meeting with minutes"))?;
    let party = nodes(&data, "organizations")
        .into_iter()
        .find(|o| o["scope"] == "PARTY")
        .ok_or_else(|| anyhow::anyhow!("no party-internal organization"))?;
    // Four characters of the minutes, to search for.
    let words: String = meeting["minutes"]
        .as_str()
        .unwrap_or_default()
        .chars()
        .skip(2)
        .take(4)
        .collect();
    Ok((
        meeting["id"].as_str().unwrap_or_default().to_owned(),
        party["id"].as_str().unwrap_or_default().to_owned(),
        words,
    ))
}

async fn reads_beyond_the_public_are_logged(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let supervisor = app.token_as("supervisor", &[], "supervisor-1")?;
    let (meeting, party_org, words) = fixtures(&app, &supervisor).await?;
    let meeting_query = "query($id: ID!) { meeting(id: $id) { label minutes } }";

    // The public and media read everything they can, minutes included: they get none.
    let media = app.token_as("media", &[], "media-1")?;
    for token in [None, Some(media.as_str())] {
        let read = data(&app, token, meeting_query, json!({ "id": meeting })).await?;
        assert_eq!(read["meeting"]["minutes"], Value::Null);
        data(
            &app,
            token,
            "{ meetings(first: 50) { edges { node { label minutes } } }
               search(query: \"会议\") { edges { node { title snippet } } } }",
            json!({}),
        )
        .await?;
    }
    // A member who reads only public content leaves nothing: the powers the public sees,
    // looked up by id, and the meeting without its minutes.
    let public = data(
        &app,
        None,
        "{ powers(first: 20) { edges { node { id } } } }",
        json!({}),
    )
    .await?;
    let ids: Vec<Value> = nodes(&public, "powers")
        .iter()
        .map(|p| p["id"].clone())
        .collect();
    assert!(!ids.is_empty());
    let reader = app.token_as("member", &[], "member-public")?;
    let powers = data(
        &app,
        Some(&reader),
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Power { name scope holder { name scope } } } }",
        json!({ "ids": ids }),
    )
    .await?;
    let listed = powers["nodes"].as_array().cloned().unwrap_or_default();
    assert_eq!(listed.len(), ids.len());
    for power in &listed {
        assert_eq!(power["scope"], "PUBLIC", "{power}");
        assert_eq!(power["holder"]["scope"], "PUBLIC", "{power}");
    }
    data(
        &app,
        Some(&reader),
        "query($id: ID!) { meeting(id: $id) { label summary } }",
        json!({ "id": meeting }),
    )
    .await?;
    // A count alone serves no record.
    data(
        &app,
        Some(&reader),
        "{ organizations { totalCount } }",
        json!({}),
    )
    .await?;

    // A member reads the minutes of a public meeting: party-internal content.
    let member = app.token_as("member", &[], "member-7")?;
    let read = data(&app, Some(&member), meeting_query, json!({ "id": meeting })).await?;
    assert!(read["meeting"]["minutes"].is_string(), "{read}");
    // A member looks a party-internal record up by its id alone.
    let looker = app.token_as("member", &[], "member-node")?;
    let found = data(
        &app,
        Some(&looker),
        "query($id: ID!) { node(id: $id) { id } }",
        json!({ "id": party_org }),
    )
    .await?;
    assert_eq!(found["node"]["id"], json!(party_org));
    // A member searches words of the minutes and reads only the hits' snippets.
    let searcher = app.token_as("member", &[], "member-search")?;
    let hits = data(
        &app,
        Some(&searcher),
        "query($q: String!) { search(query: $q, kinds: [MEETING], first: 100) { edges { node { title snippet } } } }",
        json!({ "q": words }),
    )
    .await?;
    assert!(!nodes(&hits, "search").is_empty(), "{words}: {hits}");

    let entries = wait_for(&app, &supervisor, "member-7").await?;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["record"], json!(meeting));
    assert_eq!(entries[0]["recordKind"], "MEETING");
    assert_eq!(entries[0]["role"], "member");
    assert!(
        entries[0]["requestId"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
    let at = chrono::DateTime::parse_from_rfc3339(entries[0]["at"].as_str().unwrap_or_default())?;
    let age = chrono::Utc::now().signed_duration_since(at);
    assert!(age < chrono::Duration::seconds(30), "{age}");

    let node_entries = wait_for(&app, &supervisor, "member-node").await?;
    assert_eq!(node_entries.len(), 1, "{node_entries:?}");
    assert_eq!(node_entries[0]["record"], json!(party_org));
    assert_eq!(node_entries[0]["recordKind"], "ORGANIZATION");
    let search_entries = wait_for(&app, &supervisor, "member-search").await?;
    assert!(
        search_entries.iter().any(|e| e["record"] == json!(meeting)),
        "{search_entries:?}"
    );
    assert!(search_entries.iter().all(|e| e["recordKind"] == "MEETING"));

    // Entries are written in order, so everything read before these is written too: nothing
    // of the public, media or the member who read public content.
    let everything = access(&app, &supervisor, json!({})).await?;
    for entry in &everything {
        assert!(
            ["member-7", "member-node", "member-search", "supervisor-1"]
                .contains(&entry["actor"].as_str().unwrap_or_default()),
            "{entry}"
        );
    }
    // The record filter finds the member's read.
    let about = access(&app, &supervisor, json!({ "record": meeting })).await?;
    assert!(about.iter().any(|e| e["actor"] == "member-7"), "{about:?}");
    assert!(about.iter().all(|e| e["record"] == json!(meeting)));
    let written = access_log_rows(&app).await?;
    assert!(written >= everything.len() as u64, "{written}");
    // What the log holds is not counted where anyone could read it.
    assert!(!app.metrics().await?.contains("access_log"));
    app.stop().await?;
    Ok(())
}

async fn nothing_is_lost_at_shutdown_and_the_log_can_be_turned_off(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let supervisor = app.token_as("supervisor", &[], "supervisor-1")?;
    let (meeting, _, _) = fixtures(&app, &supervisor).await?;
    let member = app.token_as("member", &[], "member-8")?;
    let query = "query($id: ID!) { meeting(id: $id) { minutes } }";
    for _ in 0..20 {
        data(&app, Some(&member), query, json!({ "id": meeting })).await?;
    }
    // Stopped at once: what is queued is written on the way out. The same database then
    // serves again, with the access log off.
    let database = app.stop().await?;
    let mut config = database.config();
    config.access_log = false;
    let app = TestApp::spawn_with(database, config).await?;
    let entries = access(&app, &supervisor, json!({ "actor": "member-8" })).await?;
    assert_eq!(entries.len(), 20, "{entries:?}");

    // With the log off, reads leave nothing.
    let rows = access_log_rows(&app).await?;
    for _ in 0..5 {
        data(&app, Some(&member), query, json!({ "id": meeting })).await?;
    }
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let entries = access(&app, &supervisor, json!({ "actor": "member-8" })).await?;
    assert_eq!(entries.len(), 20);
    assert_eq!(access_log_rows(&app).await?, rows);
    app.stop().await?;
    Ok(())
}

/// The rows of the access log, as stored.
async fn access_log_rows(app: &TestApp) -> anyhow::Result<u64> {
    use sea_orm::ConnectionTrait as _;
    let db = app.db()?;
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM access_log",
        ))
        .await?
        .ok_or_else(|| anyhow::anyhow!("no count"))?;
    Ok(u64::try_from(row.try_get::<i64>("", "n")?)?)
}

/// A draft power owned by the holder of an existing one, with `code`; its global id and owner.
async fn draft(app: &TestApp, code: &str) -> anyhow::Result<(String, i64)> {
    let db = app.db()?;
    let model = power::Entity::find()
        .order_by_asc(power::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no power"))?;
    let owner = model.holder_org_id;
    let mut active: power::ActiveModel = model.into();
    active.id = NotSet;
    active.code = Set(code.into());
    active.name = Set(format!("草稿{code}"));
    active.status = Set(PublicationStatus::Draft);
    active.publish_at = Set(None);
    active.version = Set(1);
    active.owner_org_id = Set(Some(owner));
    let row = active.insert(db).await?;
    Ok((app.ids().encode("Power", row.id).0, owner))
}

/// Takes a step (or an update) as `token`; it must succeed.
async fn write(app: &TestApp, token: &str, mutation: &str, variables: Value) -> anyhow::Result<()> {
    data(app, Some(token), mutation, variables)
        .await
        .map(|_| ())
}

const UPDATE: &str = "mutation($id: ID!, $v: Int!, $name: String!) {
    updatePower(id: $id, expectedVersion: $v, input: { name: $name }) { version } }";

async fn audit_entries(app: &TestApp, token: &str, filter: Value) -> anyhow::Result<Vec<Value>> {
    let data = data(
        app,
        Some(token),
        AUDIT_LOG,
        json!({ "f": filter, "n": 100 }),
    )
    .await?;
    Ok(nodes(&data, "auditLog"))
}

async fn the_audit_log_filters_pages_and_withholds_drafts(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    // The demo county's entries come first: this test reads the entries written from here on,
    // numbered after them.
    let since = chrono::Utc::now().to_rfc3339();
    let base = i64::try_from(sunlight::audit::verify(app.db()?).await?.entries)?;
    let seqs =
        |numbers: &[i64]| -> Vec<Value> { numbers.iter().map(|n| json!(base + n)).collect() };
    let (published, owner) = draft(&app, "LOG-A").await?;
    let (kept_draft, _) = draft(&app, "LOG-B").await?;
    let editor_a = app.token_as("editor", &[owner], "editor-a")?;
    let editor_b = app.token_as("editor", &[owner], "editor-b")?;
    let reviewer = app.token_as("reviewer", &[], "reviewer-a")?;
    let admin = app.token_as("admin", &[], "admin-1")?;
    let supervisor = app.token_as("supervisor", &[], "supervisor-1")?;

    // One power goes all the way to publication; the other is changed and sent back.
    let step = |name: &str, extra: &str| {
        format!(
            "mutation($id: ID!, $v: Int!) {{ {name}(id: $id, expectedVersion: $v{extra}) {{ version }} }}"
        )
    };
    write(
        &app,
        &editor_a,
        UPDATE,
        json!({ "id": published, "v": 1, "name": "公开职权甲" }),
    )
    .await?;
    write(
        &app,
        &editor_a,
        &step("submitForReview", ""),
        json!({ "id": published, "v": 2 }),
    )
    .await?;
    write(
        &app,
        &reviewer,
        &step("approve", ", comment: \"保密审查通过\""),
        json!({ "id": published, "v": 3 }),
    )
    .await?;
    write(
        &app,
        &reviewer,
        &step("publish", ""),
        json!({ "id": published, "v": 4 }),
    )
    .await?;
    write(
        &app,
        &editor_b,
        UPDATE,
        json!({ "id": kept_draft, "v": 1, "name": "秘密草稿乙" }),
    )
    .await?;
    write(
        &app,
        &editor_b,
        &step("submitForReview", ""),
        json!({ "id": kept_draft, "v": 2 }),
    )
    .await?;
    write(
        &app,
        &reviewer,
        &step("sendBack", ", comment: \"请补充依据\""),
        json!({ "id": kept_draft, "v": 3 }),
    )
    .await?;

    // Everything, newest first, in an unbroken chain.
    let all = audit_entries(&app, &admin, json!({ "from": since })).await?;
    assert_eq!(all.len(), 7);
    let sequences: Vec<Value> = all.iter().map(|e| e["sequence"].clone()).collect();
    assert_eq!(sequences, seqs(&[7, 6, 5, 4, 3, 2, 1]));
    for pair in all.windows(2) {
        assert_eq!(pair[0]["prevHash"], pair[1]["hash"]);
    }

    // By actor, by record, by action.
    let by_a = audit_entries(&app, &admin, json!({ "actor": "editor-a" })).await?;
    assert_eq!(by_a.len(), 2);
    assert!(
        by_a.iter()
            .all(|e| e["actor"] == "editor-a" && e["role"] == "editor")
    );
    let about = audit_entries(&app, &admin, json!({ "record": kept_draft })).await?;
    let actions: Vec<&str> = about.iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(actions, vec!["send_back", "submit", "update"]);
    assert!(
        about
            .iter()
            .all(|e| e["record"] == json!(kept_draft) && e["recordKind"] == "POWER")
    );
    let approvals =
        audit_entries(&app, &admin, json!({ "action": "approve", "from": since })).await?;
    assert_eq!(approvals.len(), 1);
    assert_eq!(approvals[0]["note"], "保密审查通过");
    assert_eq!(approvals[0]["actor"], "reviewer-a");
    let both = audit_entries(
        &app,
        &admin,
        json!({ "actor": "reviewer-a", "record": kept_draft }),
    )
    .await?;
    assert_eq!(both.len(), 1);
    assert_eq!(both[0]["action"], "send_back");

    // By time: `from` takes entries at or after it, `until` those before it.
    let third = &all[4];
    let at = third["at"].clone();
    let from = audit_entries(&app, &admin, json!({ "from": at })).await?;
    assert_eq!(from.len(), 5, "{from:?}");
    assert_eq!(
        from.last().map(|e| e["sequence"].clone()),
        Some(json!(base + 3))
    );
    let until = audit_entries(&app, &admin, json!({ "from": since, "until": at })).await?;
    assert_eq!(
        until
            .iter()
            .map(|e| e["sequence"].clone())
            .collect::<Vec<_>>(),
        seqs(&[2, 1])
    );
    let later = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    assert!(
        audit_entries(&app, &admin, json!({ "from": later }))
            .await?
            .is_empty()
    );

    // Pages: three, then the rest from the cursor, without overlap.
    let first = data(
        &app,
        Some(&admin),
        AUDIT_LOG,
        json!({ "n": 3, "f": { "from": since } }),
    )
    .await?;
    assert_eq!(first["auditLog"]["totalCount"], 7);
    assert_eq!(first["auditLog"]["pageInfo"]["hasNextPage"], true);
    let cursor = first["auditLog"]["pageInfo"]["endCursor"].clone();
    let rest = data(
        &app,
        Some(&admin),
        AUDIT_LOG,
        json!({ "n": 10, "a": cursor, "f": { "from": since } }),
    )
    .await?;
    let seq = |d: &Value| -> Vec<Value> {
        nodes(d, "auditLog")
            .iter()
            .map(|e| e["sequence"].clone())
            .collect()
    };
    assert_eq!(seq(&first), seqs(&[7, 6, 5]));
    assert_eq!(seq(&rest), seqs(&[4, 3, 2, 1]));
    assert_eq!(rest["auditLog"]["pageInfo"]["hasNextPage"], false);

    // Bad input is named.
    for (variables, field) in [
        (json!({ "n": 101 }), "first"),
        (json!({ "n": 5, "a": "nonsense" }), "after"),
        (
            json!({ "f": { "record": "bm90LWFuLWlk" } }),
            "filter.record",
        ),
    ] {
        let refused = body(&app, Some(&admin), AUDIT_LOG, variables).await?;
        assert_eq!(
            refused["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{refused}"
        );
        assert_eq!(
            refused["errors"][0]["extensions"]["field"], field,
            "{refused}"
        );
    }

    // The admin sees the draft's change; the supervisor sees its entries, the note included,
    // but not what the draft holds.
    let as_admin = audit_entries(&app, &admin, json!({ "record": kept_draft })).await?;
    let update = as_admin
        .iter()
        .find(|e| e["action"] == "update")
        .ok_or_else(|| anyhow::anyhow!("no update entry"))?;
    assert_eq!(update["changeWithheld"], false);
    assert_eq!(update["change"]["after"]["name"], "秘密草稿乙");
    assert_eq!(update["change"]["before"]["name"], "草稿LOG-B");
    let as_supervisor = audit_entries(&app, &supervisor, json!({ "record": kept_draft })).await?;
    assert_eq!(as_supervisor.len(), 3);
    for entry in &as_supervisor {
        assert_eq!(entry["changeWithheld"], true, "{entry}");
        assert_eq!(entry["change"], Value::Null, "{entry}");
        // Who did what stays visible.
        assert!(["editor-b", "reviewer-a"].contains(&entry["actor"].as_str().unwrap_or_default()));
        assert!(!entry.to_string().contains("秘密草稿乙"), "{entry}");
    }
    assert_eq!(as_supervisor[0]["note"], "请补充依据");
    assert_eq!(as_supervisor[0]["action"], "send_back");
    assert_eq!(as_supervisor[0]["hash"], as_admin[0]["hash"]);
    // A published record's entries show their change to the supervisor too.
    let public = audit_entries(&app, &supervisor, json!({ "record": published })).await?;
    assert_eq!(public.len(), 4);
    let update = public
        .iter()
        .find(|e| e["action"] == "update")
        .ok_or_else(|| anyhow::anyhow!("no update entry"))?;
    assert_eq!(update["changeWithheld"], false);
    assert_eq!(update["change"]["after"]["name"], "公开职权甲");
    app.stop().await?;
    Ok(())
}

async fn only_supervisors_and_admins_read_the_logs(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let tokens = [
        ("anonymous", None),
        ("media", Some(app.token("media", &[1])?)),
        ("member", Some(app.token("member", &[1])?)),
        ("official", Some(app.token("official", &[1])?)),
        ("editor", Some(app.token("editor", &[1])?)),
        ("reviewer", Some(app.token("reviewer", &[])?)),
        ("supervisor", Some(app.token("supervisor", &[])?)),
        ("admin", Some(app.token("admin", &[])?)),
    ];
    for (role, token) in &tokens {
        let allowed = matches!(*role, "supervisor" | "admin");
        for (field, query) in [("auditLog", AUDIT_LOG), ("accessLog", ACCESS_LOG)] {
            // Even with bad input, the refusal comes first.
            for variables in [json!({}), json!({ "n": 1000 })] {
                let answer = body(&app, token.as_deref(), query, variables.clone()).await?;
                let code = &answer["errors"][0]["extensions"]["code"];
                if !allowed {
                    assert_eq!(code, "FORBIDDEN", "{role} / {field}: {answer}");
                    assert_eq!(answer["data"], Value::Null, "{role} / {field}: {answer}");
                } else if variables["n"] == 1000 {
                    assert_eq!(code, "BAD_USER_INPUT", "{role} / {field}: {answer}");
                } else {
                    assert!(answer.get("errors").is_none(), "{role} / {field}: {answer}");
                    assert!(answer["data"][field]["totalCount"].is_u64());
                }
            }
        }
    }
    app.stop().await?;
    Ok(())
}

/// Reads older than the retention are pruned in batches; newer ones and the audit log stay.
async fn the_access_log_is_pruned_after_its_retention(backend: Backend) -> anyhow::Result<()> {
    use sea_orm::{ConnectionTrait as _, Statement};
    assert_eq!(
        sunlight::config::Config::default().access_log_retention_days,
        365
    );
    // The server's own pruning is off here: its first round, late on a busy machine, would take
    // the rows this test prunes.
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.access_log_retention_days = 0;
    let app = TestApp::spawn_with(database, config).await?;
    let db = app.db()?;
    let count = |table: &'static str| async move {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await?
            .ok_or_else(|| anyhow::anyhow!("no count"))?;
        anyhow::Ok(row.try_get::<i64>("", "n")?)
    };
    let now = chrono::Utc::now();
    let read = |days: i64, n: i64| sunlight::access_log::Read {
        at: now - chrono::TimeDelta::days(days),
        actor: format!("member-{n}"),
        role: "member",
        request_id: format!("request-{n}"),
        records: (1..=n)
            .map(|id| (entity::enums::RecordKind::Power, id))
            .collect(),
    };
    let before = count("access_log").await?;
    // 2,500 reads of 400 days ago (three batches), 10 of yesterday.
    sunlight::access_log::write(db, &[read(400, 2_500), read(1, 10)]).await?;
    assert_eq!(count("access_log").await?, before + 2_510);
    let audit = count("audit_log").await?;
    let pruned = sunlight::access_log::prune(db, now - chrono::TimeDelta::days(365)).await?;
    assert_eq!(pruned, 2_500);
    assert_eq!(count("access_log").await?, before + 10);
    assert_eq!(
        count("audit_log").await?,
        audit,
        "the audit log is never pruned"
    );
    assert_eq!(
        sunlight::access_log::prune(db, now - chrono::TimeDelta::days(365)).await?,
        0
    );
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    the_access_log_is_pruned_after_its_retention,
    reads_beyond_the_public_are_logged,
    nothing_is_lost_at_shutdown_and_the_log_can_be_turned_off,
    the_audit_log_filters_pages_and_withholds_drafts,
    only_supervisors_and_admins_read_the_logs
);
