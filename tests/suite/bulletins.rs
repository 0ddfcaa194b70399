//! Bulletins for broadcast: their life through the API, the crawl's limit, drafts from templates
//! when a decision, an appointment or an announced case is published, and the media embargo.

use sea_orm::QueryOrder as _;
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use entity::enums::{PublicationStatus, RecordKind, Scope};
use harness::{Backend, TestApp, TestDatabase, on_both_databases};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use serde_json::{Value, json};

/// What a request gave: its data, or the first error's code and input field.
type Answer = Result<Value, (String, String)>;

async fn call(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    vars: Value,
) -> anyhow::Result<Answer> {
    let (status, body) = app.graphql_as(token, query, vars).await?;
    anyhow::ensure!(status == 200, "{status}: {body}");
    Ok(match body["errors"][0]["extensions"]["code"].as_str() {
        Some(code) => Err((
            code.to_owned(),
            body["errors"][0]["extensions"]["field"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        )),
        None => Ok(body["data"].clone()),
    })
}

/// `data` of a request that must succeed.
async fn read(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    vars: Value,
) -> anyhow::Result<Value> {
    call(app, token, query, vars)
        .await?
        .map_err(|e| anyhow::anyhow!("{query} refused: {e:?}"))
}

const CREATE: &str = "mutation($owner: ID, $input: BulletinInput!) {
    createBulletin(owner: $owner, input: $input) { id status version } }";

/// A step of the workflow; the new version, or the refusal.
async fn step(
    app: &TestApp,
    token: &str,
    field: &str,
    id: &str,
    version: i64,
    extra: &str,
) -> anyhow::Result<Answer> {
    let query = format!(
        "mutation($id: ID!, $v: Int!) {{ {field}(id: $id, expectedVersion: $v{extra}) {{ status version }} }}"
    );
    Ok(
        call(app, Some(token), &query, json!({ "id": id, "v": version }))
            .await?
            .map(|data| data[field].clone()),
    )
}

/// A step that must succeed; returns the new version.
async fn must(
    app: &TestApp,
    token: &str,
    field: &str,
    id: &str,
    version: i64,
    extra: &str,
) -> anyhow::Result<i64> {
    let done = step(app, token, field, id, version, extra)
        .await?
        .map_err(|e| anyhow::anyhow!("{field} refused: {e:?}"))?;
    done["version"]
        .as_i64()
        .ok_or_else(|| anyhow::anyhow!("no version in {done}"))
}

/// The organization that edits the TV column in the demo county.
async fn column_office(app: &TestApp) -> anyhow::Result<i64> {
    Ok(entity::organization::Entity::find()
        .order_by_asc(entity::organization::Column::Id)
        .filter(entity::organization::Column::ShortName.eq("宣传报道组"))
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no 宣传报道组"))?
        .id)
}

/// The tokens a bulletin's life needs: an editor of `owner`, and two reviewers.
struct Team {
    editor: String,
    reviewer: String,
    second_reviewer: String,
}

fn team(app: &TestApp, owner: i64) -> anyhow::Result<Team> {
    Ok(Team {
        editor: app.token_as("editor", &[owner], "column-editor")?,
        reviewer: app.token_as("reviewer", &[], "reviewer-a")?,
        second_reviewer: app.token_as("reviewer", &[], "reviewer-b")?,
    })
}

/// Creates a bulletin as the team's editor and publishes it at `at` (now when `None`).
async fn published(
    app: &TestApp,
    team: &Team,
    input: Value,
    at: Option<chrono::DateTime<Utc>>,
) -> anyhow::Result<String> {
    let made = read(app, Some(&team.editor), CREATE, json!({ "input": input })).await?;
    let id = made["createBulletin"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let v = must(app, &team.editor, "submitForReview", &id, 1, "").await?;
    let v = must(app, &team.reviewer, "approve", &id, v, "").await?;
    let extra = at
        .map(|at| {
            format!(
                ", publishAt: \"{}\"",
                at.to_rfc3339_opts(SecondsFormat::Secs, true)
            )
        })
        .unwrap_or_default();
    must(app, &team.reviewer, "publish", &id, v, &extra).await?;
    Ok(id)
}

const ONE: &str = "query($id: ID!) { bulletin(id: $id) { id title crawl body category scope
    publishedAt version embargoUntil related { id } versions { version reason } } }";

async fn a_bulletin_lives_through_the_api_and_its_crawl_fits_the_screen(
    backend: Backend,
) -> anyhow::Result<()> {
    // The public reads the same bulletin at each step: no shared answers between them.
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.response_cache_ms = 0;
    let app = TestApp::spawn_with(database, config).await?;
    let owner = column_office(&app).await?;
    let team = team(&app, owner)?;
    let editor = Some(team.editor.as_str());
    let decision = entity::decision::Entity::find()
        .order_by_asc(entity::decision::Column::Id)
        .filter(
            entity::decision::Column::Title
                .eq("关于开通门源县委权力公开透明运行网和电视专栏的决策"),
        )
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no decision"))?;
    let input = json!({
        "title": "专栏：公开载体建设情况",
        "crawl": "字".repeat(60),
        "body": "门源县委权力公开透明运行网和电视专栏开通情况。",
        "category": "MEETING_DECISION",
        "related": app.gid("Decision", decision.id),
        "scope": "PUBLIC",
    });
    // 60 characters are 180 bytes of UTF-8: the limit counts characters.
    let made = read(&app, editor, CREATE, json!({ "input": input })).await?;
    let id = made["createBulletin"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(made["createBulletin"]["status"], "DRAFT");
    let mut too_long = input.clone();
    too_long["crawl"] = json!("字".repeat(61));
    assert_eq!(
        call(&app, editor, CREATE, json!({ "input": too_long })).await?,
        Err(("BAD_USER_INPUT".into(), "input.crawl".into()))
    );
    let update = "mutation($id: ID!, $v: Int!, $input: BulletinInput!) {
        updateBulletin(id: $id, expectedVersion: $v, input: $input) { status version } }";
    assert_eq!(
        call(
            &app,
            editor,
            update,
            json!({ "id": id, "v": 1, "input": { "crawl": "a".repeat(61) } })
        )
        .await?,
        Err(("BAD_USER_INPUT".into(), "input.crawl".into()))
    );
    let updated = read(
        &app,
        editor,
        update,
        json!({ "id": id, "v": 1, "input": { "crawl": "公开载体建设情况：运行网和电视专栏已开通" } }),
    )
    .await?;
    assert_eq!(updated["updateBulletin"]["version"], 2);
    // A draft is the editors' own: the public does not see it.
    assert_eq!(
        read(&app, None, ONE, json!({ "id": id })).await?["bulletin"],
        Value::Null
    );
    let v = must(&app, &team.editor, "submitForReview", &id, 2, "").await?;
    let v = must(&app, &team.reviewer, "approve", &id, v, "").await?;
    let v = must(&app, &team.reviewer, "publish", &id, v, "").await?;
    let shown = read(&app, None, ONE, json!({ "id": id })).await?["bulletin"].clone();
    assert_eq!(shown["crawl"], "公开载体建设情况：运行网和电视专栏已开通");
    assert_eq!(shown["category"], "MEETING_DECISION");
    assert_eq!(shown["related"]["id"], app.gid("Decision", decision.id));
    assert_eq!(shown["embargoUntil"], Value::Null);
    let correct = "mutation($id: ID!, $v: Int!, $input: BulletinInput!) {
        correctBulletin(id: $id, expectedVersion: $v, reason: \"更正错字\", input: $input) { status version } }";
    let corrected = read(
        &app,
        editor,
        correct,
        json!({ "id": id, "v": v, "input": { "body": "门源县委权力公开透明运行网和电视专栏均已开通。" } }),
    )
    .await?;
    assert_eq!(corrected["correctBulletin"]["status"], "PUBLISHED");
    let v = corrected["correctBulletin"]["version"]
        .as_i64()
        .unwrap_or_default();
    let shown = read(&app, None, ONE, json!({ "id": id })).await?["bulletin"].clone();
    assert_eq!(
        shown["body"],
        "门源县委权力公开透明运行网和电视专栏均已开通。"
    );
    assert_eq!(
        shown["versions"].as_array().map(Vec::len),
        Some(2),
        "{shown}"
    );
    assert_eq!(shown["versions"][1]["reason"], "更正错字");
    // Publishing a bulletin drafts nothing more.
    assert_eq!(
        entity::bulletin::Entity::find()
            .order_by_asc(entity::bulletin::Column::Id)
            .filter(entity::bulletin::Column::RelatedKind.eq(RecordKind::Bulletin))
            .count(app.db()?)
            .await?,
        0
    );
    must(
        &app,
        &team.editor,
        "retract",
        &id,
        v,
        ", reason: \"内容已过时\"",
    )
    .await?;
    assert_eq!(
        read(&app, None, ONE, json!({ "id": id })).await?["bulletin"],
        Value::Null
    );
    app.stop().await?;
    Ok(())
}

/// The bulletins drafted about the record `id` of `kind`.
async fn drafts_about(
    app: &TestApp,
    kind: RecordKind,
    id: i64,
) -> anyhow::Result<Vec<entity::bulletin::Model>> {
    Ok(entity::bulletin::Entity::find()
        .order_by_asc(entity::bulletin::Column::Id)
        .filter(entity::bulletin::Column::RelatedKind.eq(kind))
        .filter(entity::bulletin::Column::RelatedId.eq(id))
        .all(app.db()?)
        .await?)
}

/// Publishes the approved record `id` of GraphQL type `kind` as a reviewer.
async fn publish(app: &TestApp, reviewer: &str, kind: &str, id: i64) -> anyhow::Result<()> {
    must(app, reviewer, "publish", &app.gid(kind, id), 1, "").await?;
    Ok(())
}

async fn publishing_a_decision_an_appointment_or_an_announced_case_drafts_one_bulletin(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    let reviewer = app.token_as("reviewer", &[], "reviewer-a")?;

    // A decision, as approved and waiting for publication, once PUBLIC and once PARTY.
    let base = entity::decision::Entity::find()
        .order_by_asc(entity::decision::Column::Id)
        .filter(
            entity::decision::Column::Title
                .eq("关于开通门源县委权力公开透明运行网和电视专栏的决策"),
        )
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no decision"))?;
    let approved_decision = |title: &str, scope: Scope| {
        let mut a: entity::decision::ActiveModel = base.clone().into();
        a.id = NotSet;
        a.title = Set(title.to_owned());
        a.scope = Set(scope);
        a.status = Set(PublicationStatus::Approved);
        a.publish_at = Set(None);
        a.version = Set(1);
        a.votes_for = Set(Some(9));
        a
    };
    let public = approved_decision("关于设立专栏模板测试的决策", Scope::Public)
        .insert(db)
        .await?;
    let party = approved_decision("关于党内专栏模板测试的决策", Scope::Party)
        .insert(db)
        .await?;
    let before = entity::bulletin::Entity::find().count(db).await?;
    publish(&app, &reviewer, "Decision", public.id).await?;
    let drafts = drafts_about(&app, RecordKind::Decision, public.id).await?;
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let draft = &drafts[0];
    assert_eq!(draft.status, PublicationStatus::Draft);
    assert_eq!(draft.scope, Scope::Public);
    assert_eq!(draft.owner_org_id, public.owner_org_id);
    assert_eq!(
        draft.category,
        entity::enums::BulletinCategory::MeetingDecision
    );
    assert_eq!(draft.title, "县委会议决策：关于设立专栏模板测试的决策");
    assert!(
        draft.crawl.contains("关于设立专栏模板测试的决策"),
        "{}",
        draft.crawl
    );
    assert!(draft.crawl.chars().count() <= 60, "{}", draft.crawl);
    assert!(draft.body.contains(&public.text), "{}", draft.body);
    // Vote counts are party-internal: a PUBLIC draft does not carry them.
    assert!(!draft.body.contains('9'), "{}", draft.body);
    assert_eq!(
        entity::bulletin::Entity::find().count(db).await?,
        before + 1
    );
    // The draft has its own audit entry, written by the one who published.
    let entries = read(
        &app,
        Some(&app.token("admin", &[])?),
        "query($r: ID!) { auditLog(filter: { record: $r }) { edges { node { action actor note } } } }",
        json!({ "r": app.gid("Bulletin", draft.id) }),
    )
    .await?;
    let entries = entries["auditLog"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["node"]["action"], "create");
    assert_eq!(entries[0]["node"]["actor"], "reviewer-a");
    assert!(
        entries[0]["node"]["note"]
            .as_str()
            .unwrap_or_default()
            .contains("从模板起草"),
        "{entries:?}"
    );

    // A PARTY decision drafts a PARTY bulletin, which the public never sees, even published.
    publish(&app, &reviewer, "Decision", party.id).await?;
    let drafts = drafts_about(&app, RecordKind::Decision, party.id).await?;
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert_eq!(drafts[0].scope, Scope::Party);
    let owner = drafts[0].owner_org_id.unwrap_or_default();
    let team = team(&app, owner)?;
    let id = app.gid("Bulletin", drafts[0].id);
    let v = read(
        &app,
        Some(&team.editor),
        "mutation($id: ID!) { updateBulletin(id: $id, expectedVersion: 1, input: { crawl: \"党内专栏测试\" }) { version } }",
        json!({ "id": id }),
    )
    .await?["updateBulletin"]["version"]
        .as_i64()
        .unwrap_or_default();
    let v = must(&app, &team.editor, "submitForReview", &id, v, "").await?;
    // The reviewer who published the decision drafted the bulletin: another one approves it.
    assert_eq!(
        step(&app, &reviewer, "approve", &id, v, "").await?,
        Err(("FORBIDDEN".into(), String::new()))
    );
    let v = must(&app, &team.second_reviewer, "approve", &id, v, "").await?;
    must(&app, &team.second_reviewer, "publish", &id, v, "").await?;
    let member = app.token("member", &[])?;
    let media = app.token("media", &[])?;
    assert_eq!(
        read(&app, Some(&member), ONE, json!({ "id": id })).await?["bulletin"]["crawl"],
        "党内专栏测试"
    );
    for token in [None, Some(media.as_str())] {
        assert_eq!(
            read(&app, token, ONE, json!({ "id": id })).await?["bulletin"],
            Value::Null
        );
        let found = read(
            &app,
            token,
            "{ search(query: \"党内专栏测试\") { totalCount } bulletins(filter: { category: MEETING_DECISION }, first: 100) { edges { node { id } } } }",
            json!({}),
        )
        .await?;
        assert_eq!(found["search"]["totalCount"], 0, "{found}");
        assert!(!found.to_string().contains(&id), "{found}");
    }

    // An appointment at its pre-appointment notice.
    let notice = entity::appointment::Entity::find()
        .order_by_asc(entity::appointment::Column::Id)
        .filter(entity::appointment::Column::Stage.eq(entity::enums::AppointmentStage::Notice))
        .filter(entity::appointment::Column::Scope.eq(Scope::Public))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no notice"))?;
    let mut a: entity::appointment::ActiveModel = notice.clone().into();
    a.id = NotSet;
    a.status = Set(PublicationStatus::Approved);
    a.publish_at = Set(None);
    a.version = Set(1);
    let appointment = a.insert(db).await?;
    publish(&app, &reviewer, "Appointment", appointment.id).await?;
    let drafts = drafts_about(&app, RecordKind::Appointment, appointment.id).await?;
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert_eq!(
        drafts[0].category,
        entity::enums::BulletinCategory::Appointment
    );
    assert_eq!(drafts[0].scope, Scope::Public);
    assert_eq!(drafts[0].owner_org_id, appointment.owner_org_id);
    assert!(
        drafts[0].title.starts_with("干部任前公示"),
        "{}",
        drafts[0].title
    );
    assert!(drafts[0].crawl.chars().count() <= 60, "{}", drafts[0].crawl);
    // The notice of the demo county has started, so the candidate is public and named.
    let name = appointment.candidate_name.clone().unwrap_or_default();
    assert!(drafts[0].body.contains(&name), "{}", drafts[0].body);
    // Inspection material stays out of it.
    if let Some(report) = &appointment.inspection_report {
        assert!(!drafts[0].body.contains(report.as_str()));
    }

    // A disciplinary case: announced, it drafts one; not announced, none.
    let case = entity::disciplinary_case::Entity::find()
        .order_by_asc(entity::disciplinary_case::Column::Id)
        .filter(entity::disciplinary_case::Column::Announced.eq(true))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no announced case"))?;
    let approved_case = |number: &str, announced: bool| {
        let mut c: entity::disciplinary_case::ActiveModel = case.clone().into();
        c.id = NotSet;
        c.case_number = Set(number.to_owned());
        c.announced = Set(announced);
        c.announced_on = Set(if announced { case.announced_on } else { None });
        c.scope = Set(Scope::Public);
        c.status = Set(PublicationStatus::Approved);
        c.publish_at = Set(None);
        c.version = Set(1);
        c
    };
    let announced = approved_case("门纪案〔2011〕90号", true).insert(db).await?;
    let quiet = approved_case("门纪案〔2011〕91号", false)
        .insert(db)
        .await?;
    publish(&app, &reviewer, "DisciplinaryCase", announced.id).await?;
    let drafts = drafts_about(&app, RecordKind::DisciplinaryCase, announced.id).await?;
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert_eq!(
        drafts[0].category,
        entity::enums::BulletinCategory::Discipline
    );
    assert_eq!(drafts[0].owner_org_id, announced.owner_org_id);
    assert!(
        drafts[0].body.contains(&announced.subject_name),
        "{}",
        drafts[0].body
    );
    assert!(drafts[0].crawl.chars().count() <= 60, "{}", drafts[0].crawl);
    let count = entity::bulletin::Entity::find().count(db).await?;
    publish(&app, &reviewer, "DisciplinaryCase", quiet.id).await?;
    assert!(
        drafts_about(&app, RecordKind::DisciplinaryCase, quiet.id)
            .await?
            .is_empty()
    );
    assert_eq!(entity::bulletin::Entity::find().count(db).await?, count);
    app.stop().await?;
    Ok(())
}

/// What `token` sees of the bulletin `id`: by id, by node, in the list, in search, counted.
struct Sight {
    by_id: Value,
    by_node: Value,
    in_list: bool,
    total: i64,
    found: i64,
    general: i64,
}

async fn sight(app: &TestApp, token: Option<&str>, id: &str, word: &str) -> anyhow::Result<Sight> {
    let data = read(
        app,
        token,
        "query($id: ID!, $q: String!) {
            bulletin(id: $id) { id embargoUntil publishedAt }
            node(id: $id) { id }
            bulletins(first: 100) { totalCount edges { node { id } } }
            search(query: $q) { totalCount }
            statistics { bulletinsByCategory { key count } }
        }",
        json!({ "id": id, "q": word }),
    )
    .await?;
    let general = data["statistics"]["bulletinsByCategory"]
        .as_array()
        .and_then(|cells| cells.iter().find(|c| c["key"] == "GENERAL"))
        .and_then(|c| c["count"].as_i64())
        .unwrap_or(0);
    Ok(Sight {
        by_id: data["bulletin"].clone(),
        by_node: data["node"].clone(),
        in_list: data["bulletins"]["edges"]
            .as_array()
            .is_some_and(|edges| edges.iter().any(|e| e["node"]["id"] == id)),
        total: data["bulletins"]["totalCount"].as_i64().unwrap_or(-1),
        found: data["search"]["totalCount"].as_i64().unwrap_or(-1),
        general,
    })
}

async fn media_see_a_scheduled_bulletin_only_within_the_embargo_window(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let owner = column_office(&app).await?;
    let team = team(&app, owner)?;
    let media = app.token("media", &[])?;
    let member = app.token("member", &[])?;
    let official = app.token("official", &[owner])?;
    let everyone = [
        ("public", None),
        ("media", Some(media.as_str())),
        ("member", Some(member.as_str())),
        ("official", Some(official.as_str())),
    ];
    let input = |title: &str| {
        json!({
            "title": title, "crawl": "本周五专栏预告", "body": "专栏预告正文。",
            "category": "GENERAL", "scope": "PUBLIC",
        })
    };
    let mut baseline = Vec::new();
    for (_, token) in everyone {
        baseline.push(sight(&app, token, &app.gid("Bulletin", 0), "禁播测试").await?);
    }

    let in_ten_hours = Utc::now() + chrono::Duration::hours(10);
    let soon = published(&app, &team, input("专栏禁播测试甲"), Some(in_ten_hours)).await?;
    let in_thirty_hours = Utc::now() + chrono::Duration::hours(30);
    let later = published(&app, &team, input("专栏远期测试乙"), Some(in_thirty_hours)).await?;
    // A bulletin that reports on the one under embargo: it cannot go out before it, so it is
    // scheduled for the same time, and media see both under embargo.
    let mut about = input("专栏相关测试丙");
    about["related"] = json!(soon);
    let pointer = published(&app, &team, about, Some(in_ten_hours)).await?;

    for ((name, token), base) in everyone.iter().zip(&baseline) {
        let seen = sight(&app, *token, &soon, "禁播测试").await?;
        let related = read(
            &app,
            *token,
            "query($id: ID!) { bulletin(id: $id) { related { id } } }",
            json!({ "id": pointer }),
        )
        .await?;
        if *name == "media" {
            assert_eq!(seen.by_id["id"], json!(soon), "{name}");
            let until = seen.by_id["embargoUntil"].as_str().unwrap_or_default();
            let until = chrono::DateTime::parse_from_rfc3339(until)?;
            assert!(
                (until.timestamp() - in_ten_hours.timestamp()).abs() <= 1,
                "{until}"
            );
            assert_eq!(seen.by_node["id"], json!(soon), "{name}");
            assert!(seen.in_list, "{name}");
            assert_eq!(seen.total, base.total + 2, "{name}");
            assert_eq!(seen.found, base.found + 1, "{name}");
            assert_eq!(seen.general, base.general + 2, "{name}");
            assert_eq!(related["bulletin"]["related"]["id"], json!(soon), "{name}");
        } else {
            assert_eq!(seen.by_id, Value::Null, "{name}");
            assert_eq!(seen.by_node, Value::Null, "{name}");
            assert!(!seen.in_list, "{name}");
            // Neither bulletin under embargo is counted.
            assert_eq!(seen.total, base.total, "{name}");
            assert_eq!(seen.found, base.found, "{name}");
            assert_eq!(seen.general, base.general, "{name}");
            assert_eq!(related["bulletin"]["related"], Value::Null, "{name}");
            assert!(!related.to_string().contains(&soon), "{name}");
        }
        // Thirty hours away is outside the window: nobody but its workers sees it.
        let far = sight(&app, *token, &later, "远期测试").await?;
        assert_eq!(far.by_id, Value::Null, "{name}");
        assert_eq!(far.by_node, Value::Null, "{name}");
        assert!(!far.in_list, "{name}");
        assert_eq!(far.found, 0, "{name}");
    }
    // Its editors see it, with no embargo: embargoes are for media.
    let editors = sight(&app, Some(&team.editor), &soon, "禁播测试").await?;
    assert_eq!(editors.by_id["id"], json!(soon));
    assert_eq!(editors.by_id["embargoUntil"], Value::Null);

    // Once its time has passed, everyone with the scope sees it, with no embargo.
    let now_id = published(
        &app,
        &team,
        input("专栏即时测试丁"),
        Some(Utc::now() + chrono::Duration::seconds(1)),
    )
    .await?;
    let early = sight(&app, Some(&media), &now_id, "即时测试").await?;
    assert_eq!(early.by_id["id"], json!(now_id));
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    for (name, token) in everyone {
        let seen = sight(&app, token, &now_id, "即时测试").await?;
        assert_eq!(seen.by_id["id"], json!(now_id), "{name}");
        assert_eq!(seen.by_id["embargoUntil"], Value::Null, "{name}");
        assert_eq!(seen.by_node["id"], json!(now_id), "{name}");
        assert_eq!(seen.found, 1, "{name}");
    }
    app.stop().await?;
    Ok(())
}

async fn the_demo_county_shows_the_tv_column(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let rows = entity::bulletin::Entity::find()
        .order_by_asc(entity::bulletin::Column::Id)
        .all(app.db()?)
        .await?;
    assert!(rows.len() >= 4, "{} bulletins", rows.len());
    for scope in [Scope::Public, Scope::Party, Scope::Restricted] {
        assert!(
            rows.iter().any(|b| b.scope == scope),
            "no {scope:?} bulletin"
        );
    }
    let scheduled = rows
        .iter()
        .find(|b| b.publish_at.is_some_and(|at| at > Utc::now()))
        .ok_or_else(|| anyhow::anyhow!("no scheduled bulletin"))?;
    let id = app.gid("Bulletin", scheduled.id);
    let media = app.token("media", &[])?;
    let shown = read(&app, Some(&media), ONE, json!({ "id": id })).await?;
    assert_eq!(shown["bulletin"]["id"], json!(id));
    assert!(shown["bulletin"]["embargoUntil"].is_string(), "{shown}");
    assert_eq!(
        read(&app, None, ONE, json!({ "id": id })).await?["bulletin"],
        Value::Null
    );
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    a_bulletin_lives_through_the_api_and_its_crawl_fits_the_screen,
    publishing_a_decision_an_appointment_or_an_announced_case_drafts_one_bulletin,
    media_see_a_scheduled_bulletin_only_within_the_embargo_window,
    the_demo_county_shows_the_tv_column,
);
