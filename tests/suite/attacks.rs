//! Attacks on the promises the leak matrix does not walk: a hidden record is indistinguishable
//! from one that does not exist, and published history cannot be rewritten unseen. Each test
//! is named after the attack and fails if its hole comes back.

use entity::enums::PublicationStatus;
use harness::{Backend, TEST_SECRET, TestApp, on_both_databases};
use sea_orm::QueryOrder as _;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter,
};
use serde_json::{Value, json};
use sunlight::{
    auth::{KeySource, MintRequest},
    config::Secret,
};

/// A token for `role` in `orgs` with subject `sub`, naming the person `person` if given.
fn token(
    app: &TestApp,
    role: &str,
    orgs: &[i64],
    sub: &str,
    person: Option<i64>,
) -> anyhow::Result<String> {
    let request = MintRequest {
        role: role.to_owned(),
        orgs: orgs
            .iter()
            .map(|id| app.ids().encode("Organization", *id).0)
            .collect(),
        jur: None,
        sub: sub.to_owned(),
        person: person.map(|id| app.ids().encode("Person", id).0),
        name: None,
        ttl: std::time::Duration::from_secs(600),
    };
    sunlight::auth::mint(
        &app.config,
        &KeySource::Secret(Secret::new(TEST_SECRET)),
        &request,
    )
}

/// Sends one step of the publication procedure; returns the result or the error's extensions.
async fn step(
    app: &TestApp,
    token: &str,
    field: &str,
    id: &str,
    version: i64,
    extra: &str,
) -> anyhow::Result<Result<Value, Value>> {
    let query = format!(
        "mutation($id: ID!, $v: Int!) {{ {field}(id: $id, expectedVersion: $v{extra}) {{ status version }} }}"
    );
    let (status, body) = app
        .graphql_as(Some(token), &query, json!({ "id": id, "v": version }))
        .await?;
    anyhow::ensure!(status == 200, "{status}: {body}");
    Ok(match body.get("errors") {
        Some(errors) => Err(errors[0]["extensions"].clone()),
        None => Ok(body["data"][field].clone()),
    })
}

/// A draft power owned by the holder of an existing one; returns its global id and owner.
async fn draft_power(app: &TestApp, code: &str) -> anyhow::Result<(String, i64)> {
    let db = app.db()?;
    let model = entity::power::Entity::find()
        .order_by_asc(entity::power::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo county has no power"))?;
    let owner = model.holder_org_id;
    let mut active: entity::power::ActiveModel = model.into();
    active.id = NotSet;
    active.code = Set(code.into());
    active.name = Set("四眼原则测试职权（示例）".into());
    active.status = Set(PublicationStatus::Draft);
    active.publish_at = Set(None);
    active.version = Set(1);
    active.owner_org_id = Set(Some(owner));
    let row = active.insert(db).await?;
    Ok((app.ids().encode("Power", row.id).0, owner))
}

/// Two persons of the demo county.
async fn two_persons(app: &TestApp) -> anyhow::Result<(i64, i64)> {
    let persons = entity::person::Entity::find()
        .order_by_asc(entity::person::Column::Id)
        .all(app.db()?)
        .await?;
    anyhow::ensure!(
        persons.len() >= 2,
        "the demo county has fewer than two persons"
    );
    Ok((persons[0].id, persons[1].id))
}

/// The stored power with `code`.
async fn stored_power(app: &TestApp, code: &str) -> anyhow::Result<entity::power::Model> {
    entity::power::Entity::find()
        .order_by_asc(entity::power::Column::Id)
        .filter(entity::power::Column::Code.eq(code))
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no power {code}"))
}

async fn audit_entries(app: &TestApp) -> anyhow::Result<u64> {
    Ok(sunlight::audit::verify(app.db()?).await?.entries)
}

async fn one_person_with_two_subjects_cannot_approve_their_own_record(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (id, owner) = draft_power(&app, "ATTACK-FOUR-EYES").await?;
    let (author, other) = two_persons(&app).await?;
    let editor = token(
        &app,
        "editor",
        &[owner],
        "idp-a|editor-account",
        Some(author),
    )?;
    // The same person, signed in through another account of the identity provider.
    let same_person = token(
        &app,
        "reviewer",
        &[],
        "idp-b|reviewer-account",
        Some(author),
    )?;
    let someone_else = token(&app, "reviewer", &[], "idp-b|another-reviewer", Some(other))?;

    let submitted = step(&app, &editor, "submitForReview", &id, 1, "").await?;
    assert_eq!(
        submitted,
        Ok(json!({ "status": "SUBMITTED", "version": 2 }))
    );
    let entries = audit_entries(&app).await?;
    for field in ["approve", "sendBack"] {
        let extra = if field == "sendBack" {
            ", comment: \"自己退回\""
        } else {
            ""
        };
        let refused = step(&app, &same_person, field, &id, 2, extra).await?;
        assert_eq!(
            refused.err().map(|e| e["code"].clone()),
            Some(json!("FORBIDDEN")),
            "{field} by the author under another subject"
        );
    }
    assert_eq!(
        audit_entries(&app).await?,
        entries,
        "a refusal writes nothing"
    );
    let approved = step(&app, &someone_else, "approve", &id, 2, "").await?;
    assert_eq!(approved, Ok(json!({ "status": "APPROVED", "version": 3 })));
    Ok(())
}

async fn a_publication_cannot_be_backdated(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (id, owner) = draft_power(&app, "ATTACK-BACKDATE").await?;
    let editor = token(&app, "editor", &[owner], "editor-backdate", None)?;
    let reviewer = token(&app, "reviewer", &[], "reviewer-backdate", None)?;
    step(&app, &editor, "submitForReview", &id, 1, "")
        .await?
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    step(&app, &reviewer, "approve", &id, 2, "")
        .await?
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let entries = audit_entries(&app).await?;
    let ten_minutes_ago = (chrono::Utc::now() - chrono::Duration::minutes(10)).to_rfc3339();
    for at in ["2001-01-01T00:00:00Z", ten_minutes_ago.as_str()] {
        let refused = step(
            &app,
            &reviewer,
            "publish",
            &id,
            3,
            &format!(", publishAt: \"{at}\""),
        )
        .await?;
        let refused = refused.err().unwrap_or_default();
        assert_eq!(refused["code"], "BAD_USER_INPUT", "publishAt {at}");
        assert_eq!(refused["field"], "publishAt", "publishAt {at}");
    }
    assert_eq!(
        audit_entries(&app).await?,
        entries,
        "a refusal writes nothing"
    );
    let stored = stored_power(&app, "ATTACK-BACKDATE").await?;
    assert_eq!(stored.status, PublicationStatus::Approved);
    assert_eq!(stored.publish_at, None);
    // A time a few seconds behind, as a client's clock may be, publishes now.
    let skewed = (chrono::Utc::now() - chrono::Duration::seconds(5)).to_rfc3339();
    let published = step(
        &app,
        &reviewer,
        "publish",
        &id,
        3,
        &format!(", publishAt: \"{skewed}\""),
    )
    .await?;
    assert_eq!(
        published,
        Ok(json!({ "status": "PUBLISHED", "version": 4 }))
    );
    let stored = stored_power(&app, "ATTACK-BACKDATE").await?;
    let shown = stored
        .publish_at
        .ok_or_else(|| anyhow::anyhow!("no publication time"))?;
    assert!(
        shown >= stored.updated_at - chrono::Duration::seconds(1),
        "published at {shown}, written at {}",
        stored.updated_at
    );
    Ok(())
}

/// Two organizations of the demo county, neither above the other.
async fn two_unrelated_organizations(app: &TestApp) -> anyhow::Result<(i64, i64)> {
    let all = entity::organization::Entity::find()
        .order_by_asc(entity::organization::Column::Id)
        .all(app.db()?)
        .await?;
    let tree = sunlight::access::OrgTree::new(all.iter().map(|o| (o.id, o.parent_id)));
    for a in &all {
        for b in &all {
            if a.id != b.id
                && !tree.with_ancestors(&[a.id]).contains(&b.id)
                && !tree.with_ancestors(&[b.id]).contains(&a.id)
            {
                return Ok((a.id, b.id));
            }
        }
    }
    anyhow::bail!("the demo county has no two unrelated organizations")
}

/// Sends `query` as `token`; returns the body, which must hold no errors.
async fn read_as(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> anyhow::Result<Value> {
    let (status, body) = app.graphql_as(token, query, variables).await?;
    anyhow::ensure!(
        status == 200 && body.get("errors").is_none(),
        "{status}: {body}"
    );
    Ok(body)
}

async fn an_earlier_version_is_never_shown_outside_its_own_audience(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (a, b) = two_unrelated_organizations(&app).await?;
    let admin = token(&app, "admin", &[], "admin-versions", None)?;
    let reviewer = token(&app, "reviewer", &[], "reviewer-versions", None)?;
    let first_text = "仅限甲单位的第一版文件（示例）";
    let org = |id: i64| app.ids().encode("Organization", id).0;
    let (id, version) = app
        .published_restricted_source((&admin, &reviewer), a, first_text, a)
        .await?;
    // Corrected to the audience of another organization, with another text.
    read_as(
        &app,
        Some(&admin),
        "mutation($id: ID!, $v: Int!, $input: SourceInput!) { correctSource(id: $id, expectedVersion: $v, reason: \"受众更正\", input: $input) { version } }",
        json!({ "id": id, "v": version, "input": { "title": "改发乙单位的文件（示例）",
                "audience": [{ "organization": org(b) }] } }),
    )
    .await?;
    let query = "query($id: ID!) { node(id: $id) { ... on Source { title versions { version reason record { title } } } } }";
    let official_of = |o: i64, sub: &str| token(&app, "official", &[o], sub, None);
    // The second organization's official reads the record as it is now, and only the
    // version shown to their organization.
    let body = read_as(
        &app,
        Some(&official_of(b, "official-b")?),
        query,
        json!({ "id": id }),
    )
    .await?;
    let source = &body["data"]["node"];
    assert_eq!(source["title"], "改发乙单位的文件（示例）", "{body}");
    let versions = source["versions"].as_array().cloned().unwrap_or_default();
    assert_eq!(versions.len(), 1, "{body}");
    assert_eq!(versions[0]["reason"], "受众更正", "{body}");
    assert!(
        !body.to_string().contains(first_text),
        "the first version leaked: {body}"
    );
    // The first organization's official no longer sees the record at all.
    let body = read_as(
        &app,
        Some(&official_of(a, "official-a")?),
        query,
        json!({ "id": id }),
    )
    .await?;
    assert_eq!(body["data"]["node"], Value::Null, "{body}");
    // A supervisor sees every version.
    let supervisor = token(&app, "supervisor", &[], "supervisor-versions", None)?;
    let body = read_as(&app, Some(&supervisor), query, json!({ "id": id })).await?;
    let titles: Vec<Value> = body["data"]["node"]["versions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|v| v["record"]["title"].clone())
        .collect();
    assert_eq!(
        titles,
        vec![json!(first_text), json!("改发乙单位的文件（示例）")],
        "{body}"
    );
    Ok(())
}

async fn a_taken_code_tells_nothing_of_a_hidden_record(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (a, b) = two_unrelated_organizations(&app).await?;
    // A draft of another organization, hidden from this editor.
    let (hidden, _) = draft_power(&app, "HIDDEN-CODE-1").await?;
    let mut moved: entity::power::ActiveModel = stored_power(&app, "HIDDEN-CODE-1").await?.into();
    moved.owner_org_id = Set(Some(b));
    moved.name = Set("隐藏草稿的名称（示例）".into());
    moved.update(app.db()?).await?;
    let editor = token(&app, "editor", &[a], "editor-codes", None)?;
    let (_, body) = app
        .graphql_as(
            Some(&editor),
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": hidden }),
        )
        .await?;
    assert_eq!(body["data"]["node"], Value::Null, "{body}");
    let create = |code: &str| {
        json!({ "input": { "code": code, "name": "本单位职权（示例）", "category": "OTHER",
            "holderOrganization": app.ids().encode("Organization", a).0,
            "legalBasis": "依据（示例）", "duties": "职责（示例）", "accountability": "追责（示例）",
            "undertakingUnit": "县委办（示例）", "carriers": ["WEBSITE"], "timing": "IMMEDIATE",
            "riskLevel": "LOW", "scope": "PUBLIC" } })
    };
    let mutation = "mutation($input: PowerInput!) { createPower(input: $input) { id } }";
    // The hidden record's code is free for this organization: the write goes through as for
    // a code nobody uses.
    let (_, body) = app
        .graphql_as(Some(&editor), mutation, create("HIDDEN-CODE-1"))
        .await?;
    assert!(body.get("errors").is_none(), "{body}");
    let (_, body) = app
        .graphql_as(Some(&editor), mutation, create("UNUSED-CODE-1"))
        .await?;
    assert!(body.get("errors").is_none(), "{body}");
    // A clash within the organization is refused, naming the field and no other record.
    let (_, body) = app
        .graphql_as(Some(&editor), mutation, create("HIDDEN-CODE-1"))
        .await?;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.code",
        "{body}"
    );
    assert!(!body.to_string().contains("隐藏草稿"), "{body}");
    Ok(())
}

async fn metrics_are_served_only_to_configured_addresses_or_the_token(
    backend: Backend,
) -> anyhow::Result<()> {
    let database = harness::TestDatabase::create(backend).await?;
    let mut config = database.config();
    let secret = "metrics-reader-token-0123456789abcdef";
    // This machine is not among the addresses: only the token opens the door.
    config.metrics_addresses = vec![[10, 9, 9, 9].into()];
    config.metrics_token = Some(Secret::new(secret));
    let app = TestApp::spawn_with(database, config).await?;
    // A member reads party-internal minutes, which the access log notes.
    let member = token(&app, "member", &[], "member-metrics", None)?;
    app.graphql_as(
        Some(&member),
        "{ meetings(first: 5) { nodes { minutes } } }",
        json!({}),
    )
    .await?;
    let get = |bearer: Option<&str>, forwarded: Option<&str>| {
        let mut request = app.client.get(app.url("/metrics"));
        if let Some(bearer) = bearer {
            request = request.bearer_auth(bearer);
        }
        if let Some(forwarded) = forwarded {
            request = request.header("x-forwarded-for", forwarded);
        }
        request.send()
    };
    for (bearer, forwarded) in [
        (None, None),
        (Some("metrics-reader-token-0123456789abcdeX"), None),
        (Some(member.as_str()), None),
        // Claiming an allowed address is believed only from a trusted proxy.
        (None, Some("10.9.9.9")),
    ] {
        let response = get(bearer, forwarded).await?;
        assert_eq!(response.status().as_u16(), 404, "{bearer:?} {forwarded:?}");
        let text = response.text().await?;
        assert!(!text.contains("sunlight_"), "{text}");
    }
    let response = get(Some(secret), None).await?;
    assert_eq!(response.status().as_u16(), 200);
    let text = response.text().await?;
    assert!(text.contains("sunlight_requests_total"), "{text}");
    assert!(!text.contains("access_log"), "{text}");
    app.stop().await?;
    Ok(())
}

/// The bulletins drafted about the decision `decision`.
async fn bulletins_about(
    app: &TestApp,
    decision: i64,
) -> anyhow::Result<Vec<entity::bulletin::Model>> {
    Ok(entity::bulletin::Entity::find()
        .order_by_asc(entity::bulletin::Column::Id)
        .filter(entity::bulletin::Column::RelatedId.eq(decision))
        .filter(entity::bulletin::Column::RelatedKind.eq(entity::enums::RecordKind::Decision))
        .all(app.db()?)
        .await?)
}

async fn a_generated_text_never_runs_ahead_of_the_records_it_names(
    backend: Backend,
) -> anyhow::Result<()> {
    use entity::enums::Scope;
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    // A PUBLIC meeting published for tomorrow, with a label nobody has seen yet.
    let label = "第九十九次常委会会议（示例，尚未公开）";
    let meeting = entity::meeting::Entity::find()
        .order_by_asc(entity::meeting::Column::Id)
        .filter(entity::meeting::Column::Scope.eq(Scope::Public))
        .filter(entity::meeting::Column::Status.eq(PublicationStatus::Published))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo county has no public meeting"))?;
    let mut scheduled: entity::meeting::ActiveModel = meeting.clone().into();
    scheduled.label = Set(label.into());
    scheduled.publish_at = Set(Some(chrono::Utc::now() + chrono::Duration::days(1)));
    scheduled.update(db).await?;
    // A PUBLIC decision of that meeting, approved and waiting to be published.
    let template = entity::decision::Entity::find()
        .order_by_asc(entity::decision::Column::Id)
        .filter(entity::decision::Column::Scope.eq(Scope::Public))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo county has no public decision"))?;
    let mut decision: entity::decision::ActiveModel = template.into();
    decision.id = NotSet;
    decision.meeting_id = Set(meeting.id);
    decision.agenda_item_id = Set(None);
    decision.title = Set("关于示例事项的决定（示例）".into());
    decision.status = Set(PublicationStatus::Approved);
    decision.publish_at = Set(None);
    decision.version = Set(3);
    let decision = decision.insert(db).await?;
    let id = app.ids().encode("Decision", decision.id).0;
    let publisher = token(&app, "reviewer", &[], "reviewer-publisher", None)?;
    // The decision is published for an hour from now; the bulletin is drafted at once.
    let in_an_hour = chrono::Utc::now() + chrono::Duration::hours(1);
    step(
        &app,
        &publisher,
        "publish",
        &id,
        3,
        &format!(", publishAt: \"{}\"", in_an_hour.to_rfc3339()),
    )
    .await?
    .map_err(|e| anyhow::anyhow!("publish: {e}"))?;
    let drafts = bulletins_about(&app, decision.id).await?;
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let draft = &drafts[0];
    for text in [&draft.title, &draft.crawl, &draft.body] {
        assert!(
            !text.contains(label),
            "a scheduled meeting is named: {text}"
        );
    }
    // The bulletin cannot go out before the decision it reports on.
    let bulletin = app.ids().encode("Bulletin", draft.id).0;
    let owner = draft.owner_org_id.unwrap_or_default();
    let editor = token(&app, "editor", &[owner], "editor-bulletin", None)?;
    let reviewer = token(&app, "reviewer", &[], "reviewer-bulletin", None)?;
    let v = draft.version.into();
    let submitted = step(&app, &editor, "submitForReview", &bulletin, v, "")
        .await?
        .map_err(|e| anyhow::anyhow!("submit: {e}"))?;
    let approved = step(
        &app,
        &reviewer,
        "approve",
        &bulletin,
        submitted["version"].as_i64().unwrap_or_default(),
        "",
    )
    .await?
    .map_err(|e| anyhow::anyhow!("approve: {e}"))?;
    let v = approved["version"].as_i64().unwrap_or_default();
    let half_an_hour = chrono::Utc::now() + chrono::Duration::minutes(30);
    for extra in [
        String::new(),
        format!(", publishAt: \"{}\"", half_an_hour.to_rfc3339()),
    ] {
        let refused = step(&app, &reviewer, "publish", &bulletin, v, &extra).await?;
        let refused = refused.err().unwrap_or_default();
        assert_eq!(refused["code"], "BAD_USER_INPUT", "publish{extra}");
        assert_eq!(refused["field"], "publishAt", "publish{extra}");
    }
    let later = in_an_hour + chrono::Duration::minutes(5);
    step(
        &app,
        &reviewer,
        "publish",
        &bulletin,
        v,
        &format!(", publishAt: \"{}\"", later.to_rfc3339()),
    )
    .await?
    .map_err(|e| anyhow::anyhow!("publish later: {e}"))?;
    Ok(())
}

async fn hidden_documents_do_not_move_a_search(backend: Backend) -> anyhow::Result<()> {
    // Windows of 3 matches, so that the walk crosses from window to window, and the hidden
    // documents below are the newest of all.
    let database = harness::TestDatabase::create(backend).await?;
    let config = sunlight::config::Config {
        search_window: 3,
        ..database.config()
    };
    let app = TestApp::spawn_with(database, config).await?;
    let media = token(&app, "media", &[], "media-search", None)?;
    let search = |after: Option<String>| {
        let app = &app;
        let media = media.clone();
        async move {
            let (status, body) = app
                .graphql_as(
                    Some(&media),
                    "query($after: String) { search(query: \"干部\", first: 4, after: $after) {
                        totalCount pageInfo { hasNextPage endCursor }
                        edges { cursor node { kind title rank record { id } } } } }",
                    json!({ "after": after }),
                )
                .await?;
            anyhow::ensure!(status == 200 && body.get("errors").is_none(), "{body}");
            Ok::<_, anyhow::Error>(body["data"]["search"].clone())
        }
    };
    let walk = || async {
        let mut pages = Vec::new();
        let mut after = None;
        loop {
            let page = search(after.clone()).await?;
            let next = page["pageInfo"]["endCursor"].as_str().map(str::to_owned);
            let more = page["pageInfo"]["hasNextPage"] == json!(true);
            pages.push(page);
            if !more || pages.len() > 20 {
                break;
            }
            after = next;
        }
        Ok::<_, anyhow::Error>(pages)
    };
    let before = walk().await?;
    // Pages of 4 in windows of 3: more than two pages cross windows.
    assert!(before.len() > 2, "{before:?}");
    assert_eq!(
        before[0]["totalCount"],
        json!(3),
        "counted up to the window"
    );
    // Drafts full of the words, which the public cannot see, written through the API so that
    // they are indexed.
    let (a, _) = two_unrelated_organizations(&app).await?;
    let editor = token(&app, "editor", &[a], "editor-search", None)?;
    for n in 0..12 {
        let (_, body) = app
            .graphql_as(
                Some(&editor),
                "mutation($input: PowerInput!) { createPower(input: $input) { id } }",
                json!({ "input": { "code": format!("HIDDEN-SEARCH-{n}"),
                    "name": "干部干部干部（示例草稿）", "category": "OTHER",
                    "holderOrganization": app.ids().encode("Organization", a).0,
                    "legalBasis": "干部", "duties": "干部 干部 干部 干部",
                    "accountability": "工作", "undertakingUnit": "干部科（示例）",
                    "carriers": ["WEBSITE"], "timing": "IMMEDIATE", "riskLevel": "LOW",
                    "scope": "PUBLIC" } }),
            )
            .await?;
        assert!(body.get("errors").is_none(), "{body}");
    }
    let after = walk().await?;
    assert_eq!(
        after, before,
        "order, ranks and cursors must not depend on hidden documents"
    );
    Ok(())
}

/// The bytes behind a base64url text, empty when it is none.
fn unbase64(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .unwrap_or_default()
}

/// An id of the form given out before ids became opaque.
fn old_form(name: &str, key: i64) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{name}:{key}"))
}

/// Reads `node(id)` as `token` (anonymous when `None`); the node's id, or null.
async fn node_id(app: &TestApp, token: Option<&str>, id: &str) -> anyhow::Result<Value> {
    let (status, body) = app
        .graphql_as(
            token,
            "query($id: ID!) { node(id: $id) { ... on Power { id } ... on Organization { id } } }",
            json!({ "id": id }),
        )
        .await?;
    anyhow::ensure!(status == 200 && body.get("errors").is_none(), "{body}");
    Ok(body["data"]["node"]["id"].clone())
}

async fn an_id_tells_nothing_of_the_records_made_between(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    // Hidden records made between the visible ones: drafts of an editor.
    for n in 0..5 {
        draft_power(&app, &format!("BETWEEN-{n}")).await?;
    }
    let keys: std::collections::HashMap<String, i64> = entity::power::Entity::find()
        .order_by_asc(entity::power::Column::Id)
        .all(app.db()?)
        .await?
        .into_iter()
        .map(|power| (app.gid("Power", power.id), power.id))
        .collect();
    let (_, body) = app
        .graphql(
            "{ powers(first: 60, orderBy: { field: ID }) { edges { cursor node { id code } } } }",
            json!({}),
        )
        .await?;
    let edges = body["data"]["powers"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    anyhow::ensure!(edges.len() >= 30, "too few public powers: {body}");
    let mut blocks = Vec::new();
    for edge in &edges {
        let id = edge["node"]["id"].as_str().unwrap_or_default();
        let key = *keys
            .get(id)
            .ok_or_else(|| anyhow::anyhow!("{id} names no stored power"))?;
        let bytes = unbase64(id);
        // Neither the id nor the cursor carries the key, in any form a reader could pick out.
        anyhow::ensure!(bytes.len() == "Power.".len() + 8, "{id} is not opaque");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        anyhow::ensure!(
            !text.contains(&format!(":{key}")),
            "{id} shows its key {key}"
        );
        let cursor =
            String::from_utf8_lossy(&unbase64(edge["cursor"].as_str().unwrap_or_default()))
                .into_owned();
        let carried: Value = serde_json::from_str(cursor.trim_start_matches("k2:"))?;
        anyhow::ensure!(
            carried["id"] != json!(key),
            "the cursor {cursor} shows the key"
        );
        anyhow::ensure!(
            carried["v"]["v"] != json!(key),
            "the cursor {cursor} shows the key"
        );
        let mut block = [0u8; 8];
        block.copy_from_slice(&bytes[bytes.len() - 8..]);
        blocks.push(u64::from_be_bytes(block));
        // The id of the form before answers for no record made since.
        assert_eq!(
            node_id(&app, None, &old_form("Power", key)).await?,
            Value::Null
        );
    }
    // In creation order, ids go up and down like coin flips.
    let downs = blocks.windows(2).filter(|w| w[1] < w[0]).count();
    let steps = blocks.len() - 1;
    assert!(
        downs * 5 > steps && downs * 5 < steps * 4,
        "{downs} of {steps} steps go down: ids follow creation"
    );
    // A made-up id of the new form is simply not found, like a hidden record.
    let mut forged = b"Power.".to_vec();
    forged.extend_from_slice(&0x0123_4567_89ab_cdef_u64.to_be_bytes());
    let forged = {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(forged)
    };
    assert_eq!(node_id(&app, None, &forged).await?, Value::Null);
    Ok(())
}

async fn links_given_out_before_ids_became_opaque_keep_working(
    backend: Backend,
) -> anyhow::Result<()> {
    use migration::MigratorTrait as _;
    let database = harness::TestDatabase::empty(backend).await?;
    let mut config = database.config();
    // A county as it stood before: migrated up to the change of id form, loaded, then started
    // with what is current.
    {
        use sea_orm::ConnectionTrait as _;
        let db = sea_orm::Database::connect(config.database_url()).await?;
        if backend == Backend::Sqlite {
            // The mark of a file Sunlight made, which a start checks before touching it.
            db.execute_unprepared("PRAGMA application_id = 1398099532")
                .await?;
        }
        let before = migration::Migrator::migrations()
            .iter()
            .position(|m| m.name().contains("opaque_ids"))
            .ok_or_else(|| anyhow::anyhow!("no migration makes ids opaque"))?;
        migration::Migrator::up(&db, Some(before as u32)).await?;
        // Records written straight into the tables, as the loaders of that time wrote them.
        sunlight::seed::synthetic::load(&db, 20).await?;
        db.close().await?;
    }
    config.seed_demo = false;
    let app = TestApp::spawn_with(database, config).await?;
    let db = app.db()?;
    let public = entity::power::Entity::find()
        .order_by_asc(entity::power::Column::Id)
        .filter(entity::power::Column::Status.eq(PublicationStatus::Published))
        .filter(entity::power::Column::Scope.eq(entity::enums::Scope::Public))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no public power"))?;
    let old = old_form("Power", public.id);
    let new = app.gid("Power", public.id);
    assert_ne!(old, new);
    // The old link answers with the record, whose id is the new one.
    assert_eq!(node_id(&app, None, &old).await?, json!(new));
    let (_, body) = app
        .graphql(
            "query($id: ID!) { power(id: $id) { id } }",
            json!({ "id": old }),
        )
        .await?;
    assert_eq!(body["data"]["power"]["id"], json!(new), "{body}");
    // A record made after the change answers to its new id only.
    let (made_id, _) = draft_power(&app, "AFTER-THE-CHANGE").await?;
    let made = stored_power(&app, "AFTER-THE-CHANGE").await?.id;
    let admin = app.token("admin", &[])?;
    assert_eq!(node_id(&app, Some(&admin), &made_id).await?, json!(made_id));
    assert_eq!(
        node_id(&app, Some(&admin), &old_form("Power", made)).await?,
        Value::Null
    );
    Ok(())
}

/// An exercise that the public may see, run through a procedure it may not: nothing of the
/// procedure comes through the exercise, not its step names, not its time limits, and not
/// what is worked out from them (due days, lateness, progress), whatever day is asked.
async fn an_exercise_tells_nothing_of_a_hidden_procedure(backend: Backend) -> anyhow::Result<()> {
    let database = harness::TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.response_cache_ms = 0;
    let app = TestApp::spawn_with(database, config).await?;
    const QUERY: &str = "query($day: NaiveDate) { exercises(first: 100) { nodes { title
        procedure { code } progress(asOf: $day) currentPassage(asOf: $day) { stepKey }
        latePassages(asOf: $day) { position }
        passages { stepKey step { name } dueOn late(asOf: $day) actor } } } }";
    let find = |data: &Value| {
        data["exercises"]["nodes"]
            .as_array()
            .and_then(|n| {
                n.iter()
                    .find(|e| e["title"] == "公开县级领导干部手机号码")
                    .cloned()
            })
            .unwrap_or_default()
    };
    let before = find(&app.data(QUERY, json!({ "day": "2011-12-31" })).await?);
    assert_eq!(before["procedure"]["code"], "LC-01", "{before}");
    assert_eq!(before["progress"], "COMPLETED", "{before}");
    assert_eq!(
        before["passages"][0]["step"]["name"], "公开事项提出",
        "{before}"
    );

    let lc01 = entity::procedure::Entity::find()
        .filter(entity::procedure::Column::Code.eq("LC-01"))
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no LC-01"))?;
    let mut hidden: entity::procedure::ActiveModel = lc01.into();
    hidden.scope = Set(entity::enums::Scope::Party);
    hidden.update(app.db()?).await?;

    for day in ["2011-05-20", "2011-10-20", "2011-12-31", "2030-01-01"] {
        let after = find(&app.data(QUERY, json!({ "day": day })).await?);
        assert!(!after.is_null(), "the exercise itself stays public");
        assert!(after["procedure"].is_null(), "{after}");
        assert!(after["progress"].is_null(), "{day}: {after}");
        assert!(after["currentPassage"].is_null(), "{day}: {after}");
        assert_eq!(after["latePassages"], json!([]), "{day}: {after}");
        let passages = after["passages"].as_array().cloned().unwrap_or_default();
        assert_eq!(passages.len(), 9, "{after}");
        for p in &passages {
            assert!(
                p["step"].is_null() && p["dueOn"].is_null() && p["late"].is_null(),
                "{p}"
            );
            assert!(
                !p["actor"].is_null(),
                "the exercise's own record stays: {p}"
            );
        }
    }
    // A member, who may see the procedure, is shown it all.
    let member = app.token("member", &[])?;
    let (_, body) = app
        .graphql_as(Some(&member), QUERY, json!({ "day": "2011-12-31" }))
        .await?;
    assert_eq!(find(&body["data"])["progress"], "COMPLETED");
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    an_exercise_tells_nothing_of_a_hidden_procedure,
    an_id_tells_nothing_of_the_records_made_between,
    links_given_out_before_ids_became_opaque_keep_working,
    hidden_documents_do_not_move_a_search,
    a_generated_text_never_runs_ahead_of_the_records_it_names,
    metrics_are_served_only_to_configured_addresses_or_the_token,
    a_taken_code_tells_nothing_of_a_hidden_record,
    an_earlier_version_is_never_shown_outside_its_own_audience,
    one_person_with_two_subjects_cannot_approve_their_own_record,
    a_publication_cannot_be_backdated,
);
