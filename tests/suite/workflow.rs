//! The publication procedure through the API: 提出 → 审核/审批 → 实施, retraction, versions,
//! the author rule, and one audit entry per step.

use sea_orm::QueryOrder as _;
use std::time::Duration;

use entity::{enums::PublicationStatus, power};
use harness::{Backend, TestApp, on_both_databases};
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};

/// Sends one step as `token`; returns the transition or the error code.
async fn step(
    app: &TestApp,
    token: Option<&str>,
    field: &str,
    id: &str,
    version: i64,
    extra: &str,
) -> anyhow::Result<Result<Value, String>> {
    let query = format!(
        "mutation($id: ID!, $v: Int!) {{ {field}(id: $id, expectedVersion: $v{extra}) {{ id status version }} }}"
    );
    let (status, body) = app
        .graphql_as(token, &query, json!({ "id": id, "v": version }))
        .await?;
    anyhow::ensure!(status == 200, "{status}: {body}");
    Ok(match body["errors"][0]["extensions"]["code"].as_str() {
        Some(code) => Err(code.to_owned()),
        None => Ok(body["data"][field].clone()),
    })
}

async fn audit_entries(app: &TestApp) -> anyhow::Result<u64> {
    harness::entries_since_the_demo(app).await
}

/// A draft power owned by the holder of an existing one; returns its global id and owner.
async fn draft(app: &TestApp) -> anyhow::Result<(String, i64)> {
    let db = app.db()?;
    let model = power::Entity::find()
        .order_by_asc(power::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no power"))?;
    let owner = model.holder_org_id;
    let mut active: power::ActiveModel = model.into();
    active.id = NotSet;
    active.code = Set("TEST-DRAFT-1".into());
    active.name = Set("草稿职权".into());
    active.status = Set(PublicationStatus::Draft);
    active.publish_at = Set(None);
    active.version = Set(1);
    active.owner_org_id = Set(Some(owner));
    let row = active.insert(db).await?;
    Ok((app.ids().encode("Power", row.id).0, owner))
}

async fn public_name(app: &TestApp, id: &str) -> anyhow::Result<Value> {
    Ok(app
        .data(
            "query($id: ID!) { power(id: $id) { name } }",
            json!({ "id": id }),
        )
        .await?["power"]["name"]
        .clone())
}

async fn a_record_goes_from_draft_to_published_to_retracted(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (id, owner) = draft(&app).await?;
    let editor = app.token_as("editor", &[owner], "editor-a")?;
    let elsewhere = entity::organization::Entity::find()
        .order_by_asc(entity::organization::Column::Id)
        .all(app.db()?)
        .await?
        .into_iter()
        .map(|o| o.id)
        .find(|o| *o != owner)
        .ok_or_else(|| anyhow::anyhow!("no other organization"))?;
    let other_editor = app.token_as("editor", &[elsewhere], "editor-b")?;
    let member = app.token("member", &[owner])?;
    let reviewer = app.token_as("reviewer", &[], "reviewer-a")?;
    let reviewer_who_wrote_it = app.token_as("reviewer", &[], "editor-a")?;
    let editor = Some(editor.as_str());
    let reviewer = Some(reviewer.as_str());

    // Nobody but its editors sees a draft, and nobody else can move it.
    assert_eq!(public_name(&app, &id).await?, Value::Null);
    assert_eq!(
        step(&app, None, "submitForReview", &id, 1, "").await?,
        Err("FORBIDDEN".into())
    );
    for token in [&other_editor, &member] {
        assert_eq!(
            step(&app, Some(token), "submitForReview", &id, 1, "").await?,
            Err("NOT_FOUND".into())
        );
    }
    // A stale version is a conflict, and nothing is written.
    assert_eq!(
        step(&app, editor, "submitForReview", &id, 0, "").await?,
        Err("CONFLICT".into())
    );
    assert_eq!(audit_entries(&app).await?, 0);

    let submitted = step(&app, editor, "submitForReview", &id, 1, "").await?;
    assert_eq!(
        submitted,
        Ok(json!({ "id": id, "status": "SUBMITTED", "version": 2 }))
    );
    // The editor cannot approve; a reviewer who wrote it cannot either.
    assert_eq!(
        step(&app, editor, "approve", &id, 2, "").await?,
        Err("FORBIDDEN".into())
    );
    assert_eq!(
        step(&app, Some(&reviewer_who_wrote_it), "approve", &id, 2, "").await?,
        Err("FORBIDDEN".into())
    );
    assert_eq!(audit_entries(&app).await?, 1);
    let approved = step(
        &app,
        reviewer,
        "approve",
        &id,
        2,
        ", comment: \"保密审查通过\"",
    )
    .await?;
    assert_eq!(approved.map_err(anyhow::Error::msg)?["status"], "APPROVED");
    assert_eq!(public_name(&app, &id).await?, Value::Null);

    // Published for a moment two seconds ahead: it appears by itself when the time comes.
    let at = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
    let published = step(
        &app,
        reviewer,
        "publish",
        &id,
        3,
        &format!(", publishAt: \"{at}\""),
    )
    .await?;
    assert_eq!(published.map_err(anyhow::Error::msg)?["version"], 4);
    assert_eq!(public_name(&app, &id).await?, Value::Null);
    // The publication time, and the anonymous answer cache's second.
    tokio::time::sleep(Duration::from_millis(3300)).await;
    assert_eq!(public_name(&app, &id).await?, json!("草稿职权"));

    // Retraction needs a reason, and then the record leaves every read.
    assert_eq!(
        step(&app, editor, "retract", &id, 4, ", reason: \" \"").await?,
        Err("BAD_USER_INPUT".into())
    );
    let retracted = step(&app, editor, "retract", &id, 4, ", reason: \"内容有误\"").await?;
    assert_eq!(
        retracted.map_err(anyhow::Error::msg)?["status"],
        "RETRACTED"
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(public_name(&app, &id).await?, Value::Null);
    let (_, as_editor) = app
        .graphql_as(
            editor,
            "query($id: ID!) { power(id: $id) { name } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(as_editor["data"]["power"], Value::Null);

    // One entry per step, in order, in an intact chain.
    assert_eq!(audit_entries(&app).await?, 4);
    app.stop().await?;
    Ok(())
}

async fn concurrent_steps_on_one_version_let_exactly_one_through(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = std::sync::Arc::new(TestApp::spawn(backend).await?);
    let (id, owner) = draft(&app).await?;
    let editor = app.token_as("editor", &[owner], "editor-a")?;
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (app, id, editor) = (app.clone(), id.clone(), editor.clone());
            tokio::spawn(
                async move { step(&app, Some(&editor), "submitForReview", &id, 1, "").await },
            )
        })
        .collect();
    let mut ok = 0;
    let mut conflicts = 0;
    for task in tasks {
        match task.await?? {
            Ok(_) => ok += 1,
            Err(code) if code == "CONFLICT" => conflicts += 1,
            Err(code) => anyhow::bail!("unexpected {code}"),
        }
    }
    assert_eq!((ok, conflicts), (1, 19));
    assert_eq!(audit_entries(&app).await?, 1);
    Ok(())
}

const UPDATE: &str = "mutation($id: ID!, $v: Int!, $input: PowerInput!) {
    updatePower(id: $id, expectedVersion: $v, input: $input) { version } }";

const READ: &str = "query($id: ID!) { power(id: $id) { name duties version } }";

async fn drafts_are_edited_with_clear_errors_and_found_by_search(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (id, owner) = draft(&app).await?;
    let editor = app.token_as("editor", &[owner], "editor-a")?;
    let editor = Some(editor.as_str());

    // Bad input names its field, and nothing is written.
    for (input, field) in [
        (json!({ "name": "  " }), "input.name"),
        (
            json!({ "duties": "x", "timingDays": 0 }),
            "input.timingDays",
        ),
    ] {
        let (_, body) = app
            .graphql_as(editor, UPDATE, json!({ "id": id, "v": 1, "input": input }))
            .await?;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{body}"
        );
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    let (_, read) = app.graphql_as(editor, READ, json!({ "id": id })).await?;
    assert_eq!(read["data"]["power"]["version"], 1, "{read}");
    assert_eq!(audit_entries(&app).await?, 0);

    // A good change lands, and search finds the new words for the editor.
    let (_, body) = app
        .graphql_as(
            editor,
            UPDATE,
            json!({ "id": id, "v": 1, "input": { "name": "阳光测试专用职权丙丁" } }),
        )
        .await?;
    assert_eq!(body["data"]["updatePower"]["version"], 2, "{body}");
    let (_, found) = app
        .graphql_as(
            editor,
            "{ search(query: \"专用职权丙丁\", kinds: [POWER]) { totalCount edges { node { record { id } } } } }",
            json!({}),
        )
        .await?;
    assert_eq!(
        found["data"]["search"]["edges"][0]["node"]["record"]["id"],
        json!(id),
        "{found}"
    );
    // The public finds nothing of a draft.
    let public = app
        .data(
            "{ search(query: \"专用职权丙丁\") { totalCount } }",
            json!({}),
        )
        .await?;
    assert_eq!(public["search"]["totalCount"], 0);

    // Changed again, it is found by its new words once, and no longer by the old ones.
    let (_, body) = app
        .graphql_as(
            editor,
            UPDATE,
            json!({ "id": id, "v": 2, "input": { "name": "阳光测试专用职权戊己" } }),
        )
        .await?;
    assert_eq!(body["data"]["updatePower"]["version"], 3, "{body}");
    for (words, count) in [("专用职权丙丁", 0), ("专用职权戊己", 1)] {
        let (_, found) = app
            .graphql_as(
                editor,
                &format!(
                    "{{ search(query: \"{words}\", kinds: [POWER]) {{ totalCount edges {{ node {{ record {{ id }} }} }} }} }}"
                ),
                json!({}),
            )
            .await?;
        assert_eq!(
            found["data"]["search"]["totalCount"], count,
            "{words}: {found}"
        );
        assert_eq!(
            found["data"]["search"]["edges"].as_array().map(Vec::len),
            Some(count),
            "{words}: {found}"
        );
    }

    // Once submitted, it is no longer a draft to edit.
    step(&app, editor, "submitForReview", &id, 3, "")
        .await?
        .map_err(anyhow::Error::msg)?;
    let (_, body) = app
        .graphql_as(
            editor,
            UPDATE,
            json!({ "id": id, "v": 4, "input": { "duties": "新" } }),
        )
        .await?;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
    app.stop().await?;
    Ok(())
}

async fn fifty_editors_at_once_lose_nothing(backend: Backend) -> anyhow::Result<()> {
    let app = std::sync::Arc::new(TestApp::spawn(backend).await?);
    let (id, owner) = draft(&app).await?;
    let tasks: Vec<_> = (0..50)
        .map(|n| {
            let app = app.clone();
            let id = id.clone();
            tokio::spawn(async move {
                let token = app.token_as("editor", &[owner], &format!("editor-{n}"))?;
                // Read, change, write; on a conflict, read again.
                for _ in 0..500 {
                    let (_, read) = app.graphql_as(Some(&token), READ, json!({ "id": id })).await?;
                    let power = &read["data"]["power"];
                    let duties = format!("{} #{n}#", power["duties"].as_str().unwrap_or_default());
                    let (_, body) = app
                        .graphql_as(
                            Some(&token),
                            UPDATE,
                            json!({ "id": id, "v": power["version"], "input": { "duties": duties } }),
                        )
                        .await?;
                    match body["errors"][0]["extensions"]["code"].as_str() {
                        None => return Ok(()),
                        Some("CONFLICT") => continue,
                        Some(other) => anyhow::bail!("{other}: {body}"),
                    }
                }
                anyhow::bail!("editor {n} never got through")
            })
        })
        .collect();
    for task in tasks {
        task.await??;
    }
    let token = app.token_as("editor", &[owner], "reader")?;
    let (_, read) = app
        .graphql_as(Some(&token), READ, json!({ "id": id }))
        .await?;
    let duties = read["data"]["power"]["duties"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    for n in 0..50 {
        assert!(
            duties.contains(&format!("#{n}#")),
            "editor {n}'s change is lost"
        );
    }
    assert_eq!(read["data"]["power"]["version"], 51);
    assert_eq!(audit_entries(&app).await?, 50);
    Ok(())
}

on_both_databases!(
    a_record_goes_from_draft_to_published_to_retracted,
    concurrent_steps_on_one_version_let_exactly_one_through,
    drafts_are_edited_with_clear_errors_and_found_by_search,
    fifty_editors_at_once_lose_nothing
);

const QUEUE: &str = "{ viewer { reviewQueue { totalCount items { kind publicationStatus
    waitingSince record { id ... on Power { name publicationStatus } } } } } }";

/// The ids in the caller's queue, with the stage each waits at.
async fn queue(app: &TestApp, token: &str) -> anyhow::Result<Vec<(String, String)>> {
    let (_, body) = app.graphql_as(Some(token), QUEUE, json!({})).await?;
    let queue = &body["data"]["viewer"]["reviewQueue"];
    anyhow::ensure!(queue.is_object(), "{body}");
    let items: Vec<(String, String)> = queue["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|item| {
            (
                item["record"]["id"].as_str().unwrap_or_default().to_owned(),
                item["publicationStatus"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    anyhow::ensure!(
        queue["totalCount"].as_u64() == Some(items.len() as u64),
        "{body}"
    );
    Ok(items)
}

/// `publicationStatus` on a record and `publicationStatus` as a filter, for those who work on
/// it or oversee it only; and `viewer.reviewQueue`, what waits for each one's next step.
async fn the_workflow_status_and_the_queue_show_who_acts_next(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (id, owner) = draft(&app).await?;
    let editor = app.token_as("editor", &[owner], "editor-a")?;
    let reviewer = app.token_as("reviewer", &[], "reviewer-a")?;
    let supervisor = app.token_as("supervisor", &[], "supervisor-a")?;
    let member = app.token("member", &[owner])?;
    let draft_item = (id.clone(), "DRAFT".to_owned());

    // The draft waits for its editor, and for nobody else.
    let has = |items: Vec<(String, String)>, stage: &str| {
        items.iter().any(|(i, s)| *i == id && s == stage)
    };
    let absent = |items: Vec<(String, String)>| !items.iter().any(|(i, _)| *i == id);
    assert!(queue(&app, &editor).await?.contains(&draft_item));
    assert!(absent(queue(&app, &reviewer).await?));
    assert!(queue(&app, &supervisor).await?.is_empty());
    assert!(queue(&app, &member).await?.is_empty());

    // Submitted, it waits for reviewers, and leaves the editor's queue.
    let v = step(&app, Some(&editor), "submitForReview", &id, 1, "")
        .await?
        .map_err(|e| anyhow::anyhow!("submit: {e}"))?;
    let v = v["version"].as_i64().unwrap_or_default();
    assert!(absent(queue(&app, &editor).await?));
    assert!(has(queue(&app, &reviewer).await?, "SUBMITTED"));

    // Who sees the status: the reviewer and the supervisor, and by filter too.
    let status_of = |token: Option<String>| {
        let app = &app;
        let id = id.clone();
        async move {
            let (_, body) = app
                .graphql_as(
                    token.as_deref(),
                    "query($id: ID!) { power(id: $id) { publicationStatus redactions { field } } }",
                    json!({ "id": id }),
                )
                .await?;
            anyhow::Ok(body["data"]["power"].clone())
        }
    };
    assert_eq!(
        status_of(Some(reviewer.clone())).await?["publicationStatus"],
        "SUBMITTED"
    );
    assert_eq!(
        status_of(Some(supervisor.clone())).await?["publicationStatus"],
        "SUBMITTED"
    );
    let filtered = |token: Option<String>, status: &'static str| {
        let app = &app;
        async move {
            let (_, body) = app
                .graphql_as(
                    token.as_deref(),
                    "query($s: PublicationStatus) { powers(first: 100, filter: { publicationStatus: $s }) { totalCount } }",
                    json!({ "s": status }),
                )
                .await?;
            anyhow::Ok(body["data"]["powers"]["totalCount"].as_i64().unwrap_or(-1))
        }
    };
    let submitted = filtered(Some(reviewer.clone()), "SUBMITTED").await?;
    assert!(submitted >= 1, "{submitted}");

    let v = step(&app, Some(&reviewer), "approve", &id, v, "")
        .await?
        .map_err(|e| anyhow::anyhow!("approve: {e}"))?;
    let v = v["version"].as_i64().unwrap_or_default();
    // Approved, it waits for whoever may publish it: the reviewer, and its own editor.
    assert!(has(queue(&app, &reviewer).await?, "APPROVED"));
    assert!(has(queue(&app, &editor).await?, "APPROVED"));
    step(&app, Some(&reviewer), "publish", &id, v, "")
        .await?
        .map_err(|e| anyhow::anyhow!("publish: {e}"))?;
    assert!(absent(queue(&app, &reviewer).await?));

    // Published: the public and a member see the record, never its status, and a redaction
    // says so; a filter on any stage but PUBLISHED finds nothing for them.
    for token in [None, Some(member.clone())] {
        let seen = status_of(token.clone()).await?;
        assert!(seen.is_object(), "{seen}");
        assert_eq!(seen["publicationStatus"], Value::Null, "{seen}");
        assert!(
            seen["redactions"]
                .as_array()
                .is_some_and(|r| r.iter().any(|r| r["field"] == "publicationStatus")),
            "{seen}"
        );
        for hidden in ["DRAFT", "SUBMITTED", "APPROVED", "RETRACTED"] {
            assert_eq!(filtered(token.clone(), hidden).await?, 0, "{hidden}");
        }
        assert!(filtered(token.clone(), "PUBLISHED").await? > 0);
    }
    assert!(absent(queue(&app, &editor).await?));
    app.stop().await?;
    Ok(())
}

on_both_databases!(the_workflow_status_and_the_queue_show_who_acts_next);
