//! Creating, editing and correcting every kind of record through the API: the whole life of
//! one record of each kind, every refused step for every role, the rules with figures, public
//! versions, and fifty editors on one list.

use entity::organization;
use harness::{Backend, TestApp, on_both_databases};
use sea_orm::QueryOrder as _;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

/// What a mutation gave: its data, or the error's code and input field.
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

/// Creates a record of `kind` from `input` as `token`; returns its global id.
async fn create(app: &TestApp, token: &str, kind: &str, input: Value) -> anyhow::Result<String> {
    let query = format!(
        "mutation($input: {kind}Input!) {{ create{kind}(input: $input) {{ id status version }} }}"
    );
    let data = call(app, Some(token), &query, json!({ "input": input }))
        .await?
        .map_err(|e| anyhow::anyhow!("create{kind} refused: {e:?}"))?;
    let made = &data[format!("create{kind}")];
    assert_eq!(made["status"], "DRAFT", "{data}");
    assert_eq!(made["version"], 1, "{data}");
    Ok(made["id"].as_str().unwrap_or_default().to_owned())
}

/// Takes a workflow step; returns the new version.
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
    call(app, Some(token), &query, json!({ "id": id, "v": version })).await
}

async fn audit_entries(app: &TestApp) -> anyhow::Result<u64> {
    harness::entries_since_the_demo(app).await
}

/// An organization with no sub-organizations, and its parent.
async fn leaf_organization(app: &TestApp) -> anyhow::Result<(i64, i64)> {
    let all = organization::Entity::find()
        .order_by_asc(organization::Column::Id)
        .all(app.db()?)
        .await?;
    let leaf = all
        .iter()
        .find(|o| o.parent_id.is_some() && !all.iter().any(|c| c.parent_id == Some(o.id)))
        .ok_or_else(|| anyhow::anyhow!("no leaf organization"))?;
    Ok((leaf.id, leaf.parent_id.unwrap_or_default()))
}

/// What the anonymous public reads of the record `id`: `None` when it is not there.
async fn public_versions(app: &TestApp, id: &str, kind: &str) -> anyhow::Result<Option<Value>> {
    // Read with a media token: it sees what the public sees, and skips the public answer cache.
    let media = app.token_as("media", &[], "media-reader")?;
    let (_, body) = app
        .graphql_as(
            Some(&media),
            &format!(
                "query($id: ID!) {{ node(id: $id) {{ ... on {kind} {{ version versions {{ version reason withdrawn record {{ version }} }} }} }} }}"
            ),
            json!({ "id": id }),
        )
        .await?;
    anyhow::ensure!(body.get("errors").is_none(), "{body}");
    Ok(match &body["data"]["node"] {
        Value::Null => None,
        node => Some(node.clone()),
    })
}

async fn every_kind_lives_through_the_api(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (org, _) = leaf_organization(&app).await?;
    let editor = app.token_as("editor", &[org], "editor-a")?;
    let reviewer = app.token_as("reviewer", &[], "reviewer-a")?;
    let o = app.gid("Organization", org);

    // Each kind, in an order in which the later ones can name the earlier ones.
    let mut made: Vec<(&str, String)> = Vec::new();
    let sub_org = create(
        &app,
        &editor,
        "Organization",
        json!({ "name": "测试工作组", "kind": "LEADING_GROUP", "parent": o, "scope": "PUBLIC" }),
    )
    .await?;
    made.push(("Organization", sub_org.clone()));
    let person = create(
        &app,
        &editor,
        "Person",
        json!({ "name": "测试人员甲（虚构）", "fictional": true, "birthMonth": "1975-04", "scope": "PUBLIC" }),
    )
    .await?;
    made.push(("Person", person.clone()));
    let post = create(
        &app,
        &editor,
        "Post",
        json!({ "organization": o, "title": "测试组长", "isLeadership": true, "scope": "PUBLIC" }),
    )
    .await?;
    made.push(("Post", post.clone()));
    made.push((
        "Membership",
        create(
            &app,
            &editor,
            "Membership",
            json!({ "person": person, "post": post, "startOn": "2011-01-04", "scope": "PUBLIC" }),
        )
        .await?,
    ));
    let source = create(
        &app,
        &editor,
        "Source",
        json!({ "issuer": "中共门源县委", "title": "测试文件", "docNumber": "门发〔2011〕99号", "url": "https://example.org/doc", "scope": "PUBLIC" }),
    )
    .await?;
    made.push(("Source", source.clone()));
    let procedure = create(
        &app,
        &editor,
        "Procedure",
        json!({
            "code": "TEST-PROC-1", "name": "测试流程图", "scope": "PUBLIC",
            "steps": [
                { "key": "a", "name": "提出", "actor": "承办单位", "timeLimitDays": 3,
                  "riskPoints": [{ "description": "材料不全", "level": "LOW", "prevention": "一次性告知" }],
                  "supervisionMeasures": [{ "description": "全程记实", "channel": "12380" }] },
                { "key": "b", "name": "审批", "actor": "县委常委会" }
            ],
            "edges": [{ "from": "a", "to": "b", "label": "同意" }]
        }),
    )
    .await?;
    made.push(("Procedure", procedure.clone()));
    made.push((
        "Power",
        create(
            &app,
            &editor,
            "Power",
            json!({
                "code": "TEST-POWER-1", "name": "测试职权", "category": "MAJOR_DECISION",
                "holderOrganization": o, "legalBasis": "《中国共产党党务公开条例（试行）》",
                "duties": "按程序提出", "accountability": "违反程序的追责", "undertakingUnit": "县委办",
                "carriers": ["WEBSITE", "TV"], "timing": "WITHIN_WORKING_DAYS", "timingDays": 20,
                "riskLevel": "MEDIUM", "procedure": procedure, "source": source, "scope": "PUBLIC"
            }),
        )
        .await?,
    ));
    let meeting = create(
        &app,
        &editor,
        "Meeting",
        json!({
            "body": o, "kind": "STANDING_COMMITTEE", "label": "测试会议", "startsAt": "2011-05-10T01:00:00Z",
            "place": "县委常委会议室", "status": "HELD", "chair": person, "minutes": "党内纪要",
            "attendance": [{ "person": person, "role": "MEMBER", "present": true }],
            "agenda": [{ "title": "研究测试事项", "presenter": person }],
            "scope": "PUBLIC"
        }),
    )
    .await?;
    made.push(("Meeting", meeting.clone()));
    let decision = create(
        &app,
        &editor,
        "Decision",
        json!({
            "meeting": meeting, "kind": "DECISION", "title": "测试决定", "text": "同意。",
            "result": "ADOPTED", "votesFor": 1, "votesAgainst": 0, "votesAbstain": 0,
            "milestones": [{ "title": "完成", "dueOn": "2011-06-30", "status": "NOT_STARTED" }],
            "scope": "PUBLIC"
        }),
    )
    .await?;
    made.push(("Decision", decision.clone()));
    made.push((
        "Observer",
        create(
            &app,
            &editor,
            "Observer",
            json!({ "person": person, "category": "GRASSROOTS", "sinceOn": "2011-01-01", "scope": "PUBLIC" }),
        )
        .await?,
    ));
    made.push((
        "Appointment",
        create(
            &app,
            &editor,
            "Appointment",
            json!({
                "organization": o, "vacancyTitle": "测试科科长", "stage": "NOTICE",
                "candidateName": "测试人员甲（虚构）", "noticeStart": "2011-09-30", "noticeEnd": "2011-10-11",
                "complaintChannels": "12380", "scope": "PUBLIC"
            }),
        )
        .await?,
    ));
    made.push((
        "DisciplinaryCase",
        create(
            &app,
            &editor,
            "DisciplinaryCase",
            json!({
                "caseNumber": "TEST-CASE-1", "subjectName": "测试人员乙（虚构）", "postAtTime": "某乡干部",
                "rank": "科员", "violationCategory": "INTEGRITY", "summary": "违反廉洁纪律。",
                "partySanction": "PROBATION", "probationYears": 1, "decidedOn": "2011-07-01",
                "scope": "PUBLIC"
            }),
        )
        .await?,
    ));
    let supervisor = entity::social_supervisor::Entity::find()
        .order_by_asc(entity::social_supervisor::Column::Id)
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo county has no public supervisor"))?;
    let supervisor = app.gid("SocialSupervisor", supervisor.id);
    made.push((
        "DutyReport",
        create(
            &app,
            &editor,
            "DutyReport",
            json!({
                "person": person, "form": "WRITTEN", "title": "书面述职述廉报告",
                "periodStart": "2011-01-01", "periodEnd": "2011-06-30", "reportedOn": "2011-08-05",
                "text": "履行职责情况", "scope": "PUBLIC"
            }),
        )
        .await?,
    ));
    made.push((
        "EvaluationRound",
        create(
            &app,
            &editor,
            "EvaluationRound",
            json!({
                "title": "述职述廉党外评议", "evaluators": "PUBLIC", "opensOn": "2011-08-01",
                "closesOn": "2011-08-31", "text": "群众代表评议", "scope": "PUBLIC"
            }),
        )
        .await?,
    ));
    made.push((
        "InspectionReport",
        create(
            &app,
            &editor,
            "InspectionReport",
            json!({
                "supervisor": supervisor, "title": "监督检查报告", "periodStart": "2011-06-20",
                "periodEnd": "2011-07-31", "reportedOn": "2011-08-03", "findings": "均按时公开",
                "scope": "PUBLIC"
            }),
        )
        .await?,
    ));
    made.push((
        "FeedbackAnswer",
        create(
            &app,
            &editor,
            "FeedbackAnswer",
            json!({
                "feedbackKind": "OPINION", "question": "建议公开会议纪要", "reply": "已采纳",
                "receivedOn": "2011-03-02", "answeredOn": "2011-03-15", "scope": "PUBLIC"
            }),
        )
        .await?,
    ));
    made.push((
        "SocialSupervisor",
        create(
            &app,
            &editor,
            "SocialSupervisor",
            json!({
                "person": person, "background": "县人大代表", "termStartOn": "2011-06-20",
                "termEndOn": "2013-06-19", "duties": "监督检查党务公开", "contact": "0970-0000299",
                "scope": "PUBLIC"
            }),
        )
        .await?,
    ));
    let power = made
        .iter()
        .find(|(kind, _)| *kind == "Power")
        .map(|(_, id)| id.clone())
        .unwrap_or_default();
    made.push((
        "Exercise",
        create(
            &app,
            &editor,
            "Exercise",
            json!({
                "power": power, "procedure": procedure, "title": "测试事项", "summary": "按测试流程图办理",
                "meeting": meeting,
                "passages": [
                    { "step": "a", "actor": "承办单位", "enteredAt": "2011-05-03T01:00:00Z",
                      "leftAt": "2011-05-05T09:00:00Z", "leftBy": "同意", "note": "材料齐全" },
                    { "step": "b", "actor": "县委常委会", "enteredAt": "2011-05-10T01:00:00Z" }
                ],
                "scope": "PUBLIC"
            }),
        )
        .await?,
    ));
    // The bulletin reports on a decision of the demo county that stays published: a bulletin
    // never goes out before, or without, the record it reports on, and the test's own
    // decision is retracted before the bulletin's turn comes.
    let reported = entity::decision::Entity::find()
        .order_by_asc(entity::decision::Column::Id)
        .filter(entity::decision::Column::Status.eq(entity::enums::PublicationStatus::Published))
        .filter(entity::decision::Column::Scope.eq(entity::enums::Scope::Public))
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo county has no public decision"))?;
    let reported = app.gid("Decision", reported.id);
    made.push((
        "Bulletin",
        create(
            &app,
            &editor,
            "Bulletin",
            json!({
                "title": "测试简报", "crawl": "测试决定已通过", "body": "会议通过测试决定。",
                "category": "MEETING_DECISION", "related": reported, "scope": "PUBLIC"
            }),
        )
        .await?,
    ));
    assert_eq!(made.len(), 19);
    let entries = audit_entries(&app).await?;
    assert_eq!(entries, 19, "one audit entry per create");

    for (kind, id) in &made {
        // A draft is the editor's alone.
        assert_eq!(
            public_versions(&app, id, kind).await?,
            None,
            "{kind} draft leaked"
        );
        let v = step(&app, &editor, "submitForReview", id, 1, "").await?;
        assert_eq!(
            v.map_err(|e| anyhow::anyhow!("{kind}: {e:?}"))?["submitForReview"]["version"],
            2
        );
        step(&app, &reviewer, "approve", id, 2, "")
            .await?
            .map_err(|e| anyhow::anyhow!("{kind}: {e:?}"))?;
        step(&app, &editor, "publish", id, 3, "")
            .await?
            .map_err(|e| anyhow::anyhow!("{kind}: {e:?}"))?;
        let seen = public_versions(&app, id, kind)
            .await?
            .ok_or_else(|| anyhow::anyhow!("published {kind} not public"))?;
        assert_eq!(seen["version"], 4, "{kind}: {seen}");
        assert_eq!(
            seen["versions"].as_array().map(Vec::len),
            Some(1),
            "{kind}: {seen}"
        );
        assert_eq!(
            seen["versions"][0]["record"]["version"], 4,
            "{kind}: {seen}"
        );

        // A correction: the record changes, and the public reads both versions.
        let correct = format!(
            "mutation($id: ID!) {{ correct{kind}(id: $id, expectedVersion: 4, reason: \"更正笔误\", input: {{}}) {{ status version }} }}"
        );
        let data = call(&app, Some(&editor), &correct, json!({ "id": id }))
            .await?
            .map_err(|e| anyhow::anyhow!("correct{kind}: {e:?}"))?;
        assert_eq!(data[format!("correct{kind}")]["version"], 5);
        assert_eq!(data[format!("correct{kind}")]["status"], "PUBLISHED");
        let seen = public_versions(&app, id, kind)
            .await?
            .ok_or_else(|| anyhow::anyhow!("corrected {kind} not public"))?;
        let versions = seen["versions"].as_array().cloned().unwrap_or_default();
        assert_eq!(
            versions
                .iter()
                .map(|v| (v["version"].clone(), v["reason"].clone()))
                .collect::<Vec<_>>(),
            vec![(json!(4), Value::Null), (json!(5), json!("更正笔误"))],
            "{kind}: {seen}"
        );

        // Retraction takes it out of every read, versions included.
        step(&app, &editor, "retract", id, 5, ", reason: \"测试结束\"")
            .await?
            .map_err(|e| anyhow::anyhow!("{kind}: {e:?}"))?;
        assert_eq!(
            public_versions(&app, id, kind).await?,
            None,
            "retracted {kind} still read"
        );
    }
    // create + submit + approve + publish + correct + retract, for each of the 19, and the
    // bulletins drafted when the decision and the appointment at its notice were published
    // (the case was not announced: no draft).
    assert_eq!(audit_entries(&app).await?, 19 * 6 + 2);
    app.stop().await?;
    Ok(())
}

const UPDATE_POWER: &str = "mutation($id: ID!, $v: Int!) { updatePower(id: $id, expectedVersion: $v, input: { duties: \"改\" }) { version } }";
const CORRECT_POWER: &str = "mutation($id: ID!, $v: Int!) { correctPower(id: $id, expectedVersion: $v, reason: \"改\", input: { duties: \"改\" }) { version } }";

/// A power of the editor `token` brought to `status` through the API; returns id and version.
async fn power_at(
    app: &TestApp,
    editor: &str,
    reviewer: &str,
    org: i64,
    n: usize,
    status: &str,
) -> anyhow::Result<(String, i64)> {
    let id = create(
        app,
        editor,
        "Power",
        json!({
            "code": format!("TEST-MATRIX-{n}"), "name": "矩阵职权", "category": "OTHER",
            "holderOrganization": app.gid("Organization", org), "legalBasis": "依据", "duties": "职责",
            "accountability": "追责", "undertakingUnit": "县委办", "carriers": ["WEBSITE"],
            "timing": "IMMEDIATE", "riskLevel": "LOW", "scope": "PUBLIC"
        }),
    )
    .await?;
    let path = ["DRAFT", "SUBMITTED", "APPROVED", "PUBLISHED"];
    let steps = [
        ("submitForReview", editor),
        ("approve", reviewer),
        ("publish", editor),
    ];
    let target = path.iter().position(|s| *s == status).unwrap_or(0);
    for (i, (field, token)) in steps.iter().take(target).enumerate() {
        step(app, token, field, &id, i as i64 + 1, "")
            .await?
            .map_err(|e| anyhow::anyhow!("{field}: {e:?}"))?;
    }
    Ok((id, target as i64 + 1))
}

async fn every_refused_step_writes_nothing(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (org, parent) = leaf_organization(&app).await?;
    let editor = app.token_as("editor", &[org], "editor-own")?;
    let reviewer = app.token_as("reviewer", &[], "reviewer-a")?;
    let statuses = ["DRAFT", "SUBMITTED", "APPROVED", "PUBLISHED"];
    let mut records = Vec::new();
    for (n, status) in statuses.iter().enumerate() {
        records.push((
            *status,
            power_at(&app, &editor, &reviewer, org, n, status).await?,
        ));
    }
    let before = audit_entries(&app).await?;

    let roles: Vec<(&str, Option<String>)> = vec![
        ("public", None),
        ("media", Some(app.token_as("media", &[], "media-a")?)),
        ("member", Some(app.token_as("member", &[org], "member-a")?)),
        (
            "official",
            Some(app.token_as("official", &[org], "official-a")?),
        ),
        (
            "other editor",
            Some(app.token_as("editor", &[parent], "editor-other")?),
        ),
        ("own editor", Some(editor.clone())),
        ("reviewer", Some(reviewer.clone())),
        (
            "author as reviewer",
            Some(app.token_as("reviewer", &[], "editor-own")?),
        ),
        (
            "supervisor",
            Some(app.token_as("supervisor", &[], "supervisor-a")?),
        ),
        ("admin", Some(app.token_as("admin", &[], "admin-a")?)),
    ];
    // Who may take each step, and from which status: the rules restated independently.
    let allowed = |role: &str, field: &str| -> bool {
        match field {
            "submitForReview" | "retract" | "update" | "correct" => {
                matches!(role, "own editor" | "admin")
            }
            "approve" | "sendBack" => matches!(role, "reviewer" | "admin"),
            "publish" => matches!(
                role,
                "own editor" | "reviewer" | "author as reviewer" | "admin"
            ),
            _ => false,
        }
    };
    let from = |field: &str| match field {
        "submitForReview" | "update" => "DRAFT",
        "approve" | "sendBack" => "SUBMITTED",
        "publish" => "APPROVED",
        _ => "PUBLISHED",
    };
    let mut refused = 0;
    for (role, token) in &roles {
        for (status, (id, version)) in &records {
            let sees = {
                let (_, body) = app
                    .graphql_as(
                        token.as_deref(),
                        "query($id: ID!) { node(id: $id) { id } }",
                        json!({ "id": id }),
                    )
                    .await?;
                !body["data"]["node"].is_null()
            };
            for field in [
                "submitForReview",
                "approve",
                "sendBack",
                "publish",
                "retract",
                "update",
                "correct",
            ] {
                if allowed(role, field) && from(field) == *status {
                    continue;
                }
                let answer = match field {
                    "update" => {
                        call(
                            &app,
                            token.as_deref(),
                            UPDATE_POWER,
                            json!({ "id": id, "v": version }),
                        )
                        .await?
                    }
                    "correct" => {
                        call(
                            &app,
                            token.as_deref(),
                            CORRECT_POWER,
                            json!({ "id": id, "v": version }),
                        )
                        .await?
                    }
                    "sendBack" | "retract" => {
                        let arg = if field == "retract" {
                            "reason"
                        } else {
                            "comment"
                        };
                        let query = format!(
                            "mutation($id: ID!, $v: Int!) {{ {field}(id: $id, expectedVersion: $v, {arg}: \"不行\") {{ version }} }}"
                        );
                        call(
                            &app,
                            token.as_deref(),
                            &query,
                            json!({ "id": id, "v": version }),
                        )
                        .await?
                    }
                    _ => {
                        let query = format!(
                            "mutation($id: ID!, $v: Int!) {{ {field}(id: $id, expectedVersion: $v) {{ version }} }}"
                        );
                        call(
                            &app,
                            token.as_deref(),
                            &query,
                            json!({ "id": id, "v": version }),
                        )
                        .await?
                    }
                };
                let code = match answer {
                    Ok(data) => anyhow::bail!("{role} could {field} a {status} record: {data}"),
                    Err((code, _)) => code,
                };
                // A record the role cannot see is not there for it; otherwise the step is refused.
                // Writing drafts and corrections is refused by role before any lookup.
                let writes = matches!(field, "update" | "correct");
                let writer = matches!(*role, "own editor" | "other editor" | "admin");
                let expected = if sees || token.is_none() || (writes && !writer) {
                    "FORBIDDEN"
                } else {
                    "NOT_FOUND"
                };
                assert_eq!(code, expected, "{role} {field} on {status}");
                refused += 1;
            }
        }
    }
    assert!(refused > 200, "only {refused} refusals tried");
    assert_eq!(
        audit_entries(&app).await?,
        before,
        "a refused step wrote to the audit log"
    );
    for (status, (id, version)) in &records {
        let admin = app.token_as("admin", &[], "admin-b")?;
        let (_, body) = app
            .graphql_as(
                Some(&admin),
                "query($id: ID!) { power(id: $id) { version duties } }",
                json!({ "id": id }),
            )
            .await?;
        assert_eq!(
            body["data"]["power"]["version"], *version,
            "{status}: {body}"
        );
        assert_eq!(body["data"]["power"]["duties"], "职责", "{status}: {body}");
    }
    app.stop().await?;
    Ok(())
}

async fn rules_with_figures_name_their_fields(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (org, parent) = leaf_organization(&app).await?;
    let editor = app.token_as("editor", &[org], "editor-a")?;
    let o = app.gid("Organization", org);
    let meeting = create(
        &app,
        &editor,
        "Meeting",
        json!({ "body": o, "kind": "STANDING_COMMITTEE", "label": "规则测试会议", "startsAt": "2011-05-10T01:00:00Z",
                "place": "会议室", "status": "HELD", "scope": "PUBLIC" }),
    )
    .await?;
    let powers_before = entity::power::Entity::find().count(app.db()?).await?;
    let entries_before = audit_entries(&app).await?;
    let someone = entity::person::Entity::find()
        .order_by_asc(entity::person::Column::Id)
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no person"))?;
    let someone = app.gid("Person", someone.id);
    let watcher = entity::social_supervisor::Entity::find()
        .order_by_asc(entity::social_supervisor::Column::Id)
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no public supervisor"))?;
    let watcher = app.gid("SocialSupervisor", watcher.id);
    let lc01 = entity::procedure::Entity::find()
        .filter(entity::procedure::Column::Code.eq("LC-01"))
        .one(app.db()?)
        .await?
        .map(|p| app.gid("Procedure", p.id))
        .ok_or_else(|| anyhow::anyhow!("no LC-01"))?;
    let public_power = entity::power::Entity::find()
        .filter(entity::power::Column::Code.eq("MYXW-ZQ-047"))
        .one(app.db()?)
        .await?
        .map(|p| app.gid("Power", p.id))
        .ok_or_else(|| anyhow::anyhow!("no MYXW-ZQ-047"))?;
    let passage = |step: &str, entered: u32, left: Option<u32>, by: Option<&str>| {
        json!({ "step": step, "actor": "承办单位", "enteredAt": format!("2011-06-{entered:02}T01:00:00Z"),
                "leftAt": left.map(|d| format!("2011-06-{d:02}T09:00:00Z")), "leftBy": by })
    };
    let exercise = |passages: Value| {
        (
            "Exercise",
            json!({ "power": public_power, "procedure": lc01, "title": "规则测试事项",
                    "passages": passages, "scope": "PUBLIC" }),
        )
    };
    let appointment = |extra: Value| {
        let mut input = json!({ "organization": o, "vacancyTitle": "测试岗位", "scope": "PUBLIC" });
        if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
            input.extend(extra.clone());
        }
        ("Appointment", input)
    };
    let cases: Vec<((&str, Value), &str)> = vec![
        // 任前公示 of 4 working days: Monday to Thursday.
        (
            appointment(json!({ "noticeStart": "2011-03-07", "noticeEnd": "2011-03-10" })),
            "input.noticeEnd",
        ),
        // Seven calendar days over National Day hold only 3 working days.
        (
            appointment(json!({ "noticeStart": "2011-09-30", "noticeEnd": "2011-10-08" })),
            "input.noticeEnd",
        ),
        (
            appointment(json!({ "noticeStart": "2011-03-07" })),
            "input.noticeEnd",
        ),
        (
            appointment(json!({ "decidedOn": "2011-04-01", "probationUntil": "2011-10-01" })),
            "input.probationUntil",
        ),
        (
            (
                "Decision",
                json!({ "meeting": meeting, "kind": "DECISION", "title": "决定", "text": "同意", "result": "ADOPTED",
              "milestones": [{ "title": "早于会议", "dueOn": "2011-05-01", "status": "NOT_STARTED" }], "scope": "PUBLIC" }),
            ),
            "input.milestones[0].dueOn",
        ),
        (
            (
                "DisciplinaryCase",
                json!({ "caseNumber": "R-1", "subjectName": "某（虚构）", "postAtTime": "干部", "rank": "科员",
              "violationCategory": "WORK", "summary": "摘要", "decidedOn": "2011-07-01", "partySanction": "PROBATION",
              "probationYears": 3, "scope": "PUBLIC" }),
            ),
            "input.probationYears",
        ),
        (
            (
                "DisciplinaryCase",
                json!({ "caseNumber": "R-2", "subjectName": "某（虚构）", "postAtTime": "干部", "rank": "科员",
              "violationCategory": "WORK", "summary": "摘要", "decidedOn": "2011-07-01", "partySanction": "WARNING",
              "probationYears": 1, "scope": "PUBLIC" }),
            ),
            "input.probationYears",
        ),
        (
            ("Power", json!({ "name": "缺少字段", "scope": "PUBLIC" })),
            "input.code",
        ),
        (
            (
                "Power",
                json!({ "code": "R-P1", "name": "职权", "category": "OTHER", "holderOrganization": app.gid("Person", 1),
              "legalBasis": "依据", "duties": "职责", "accountability": "追责", "undertakingUnit": "县委办",
              "carriers": ["WEBSITE"], "timing": "IMMEDIATE", "riskLevel": "LOW", "scope": "PUBLIC" }),
            ),
            "input.holderOrganization",
        ),
        (
            (
                "Power",
                json!({ "code": "R-P2", "name": "职权", "category": "OTHER", "holderOrganization": o,
              "legalBasis": "依据", "duties": "职责", "accountability": "追责", "undertakingUnit": "县委办",
              "carriers": ["WEBSITE"], "timing": "WITHIN_WORKING_DAYS", "riskLevel": "LOW", "scope": "PUBLIC" }),
            ),
            "input.timingDays",
        ),
        // An audience above the editor's own organization is outside their reach.
        (
            (
                "Source",
                json!({ "issuer": "县委", "title": "限定文件", "scope": "RESTRICTED",
              "audience": [{ "organization": app.gid("Organization", parent) }] }),
            ),
            "input.audience[0]",
        ),
        (
            (
                "Source",
                json!({ "issuer": "县委", "title": "限定文件", "scope": "RESTRICTED" }),
            ),
            "input.audience",
        ),
        (
            (
                "Source",
                json!({ "issuer": "县委", "title": "公开文件", "scope": "PUBLIC",
              "audience": [{ "organization": o }] }),
            ),
            "input.audience",
        ),
        (
            (
                "Source",
                json!({ "issuer": "县委", "title": "文件", "url": "ftp://x", "scope": "PUBLIC" }),
            ),
            "input.url",
        ),
        // A duty report before the period it reports on.
        (
            (
                "DutyReport",
                json!({ "person": someone, "form": "WRITTEN", "title": "述职", "text": "述职",
                        "periodStart": "2011-01-01", "periodEnd": "2011-06-30",
                        "reportedOn": "2010-12-31", "scope": "PUBLIC" }),
            ),
            "input.reportedOn",
        ),
        // A round that closes before it opens.
        (
            (
                "EvaluationRound",
                json!({ "title": "评议", "evaluators": "PUBLIC", "opensOn": "2011-08-01",
                        "closesOn": "2011-07-31", "text": "评议", "scope": "PUBLIC" }),
            ),
            "input.closesOn",
        ),
        // A period that ends before it starts, and a report before its period.
        (
            (
                "InspectionReport",
                json!({ "supervisor": watcher, "title": "报告", "periodStart": "2011-06-20",
                        "periodEnd": "2011-06-19", "reportedOn": "2011-08-03",
                        "findings": "无", "scope": "PUBLIC" }),
            ),
            "input.periodEnd",
        ),
        (
            (
                "InspectionReport",
                json!({ "supervisor": watcher, "title": "报告", "periodStart": "2011-06-20",
                        "periodEnd": "2011-07-31", "reportedOn": "2011-06-01",
                        "findings": "无", "scope": "PUBLIC" }),
            ),
            "input.reportedOn",
        ),
        // An answer before its question.
        (
            (
                "FeedbackAnswer",
                json!({ "feedbackKind": "OPINION", "question": "问", "reply": "答",
                        "receivedOn": "2011-03-02", "answeredOn": "2011-03-01", "scope": "PUBLIC" }),
            ),
            "input.answeredOn",
        ),
        // A term that ends before it starts.
        (
            (
                "SocialSupervisor",
                json!({ "person": someone, "background": "群众代表", "termStartOn": "2011-06-20",
                        "termEndOn": "2011-06-19", "scope": "PUBLIC" }),
            ),
            "input.termEndOn",
        ),
        (
            (
                "SocialSupervisor",
                json!({ "person": someone, "background": "群众代表", "termStartOn": "2011-06-20",
                        "contact": "找联络室", "scope": "PUBLIC" }),
            ),
            "input.contact",
        ),
        (
            (
                "SocialSupervisor",
                json!({ "background": "群众代表", "termStartOn": "2011-06-20", "scope": "PUBLIC" }),
            ),
            "input.person",
        ),
        // Passages follow the edges of the procedure (LC-01: S1 → S2; S2 → S3 同意; S2 → S1
        // 补充材料), in order of time.
        (
            exercise(json!([passage("S2", 3, None, None)])),
            "input.passages[0].step",
        ),
        (
            exercise(json!([passage("S9", 3, None, None)])),
            "input.passages[0].step",
        ),
        (
            exercise(json!([
                passage("S1", 3, Some(4), None),
                passage("S3", 5, None, None)
            ])),
            "input.passages[1].step",
        ),
        (
            exercise(json!([
                passage("S1", 3, Some(4), None),
                passage("S2", 5, Some(6), Some("不同意")),
                passage("S3", 7, None, None)
            ])),
            "input.passages[1].leftBy",
        ),
        (
            exercise(json!([
                passage("S1", 3, Some(6), None),
                passage("S2", 5, None, None)
            ])),
            "input.passages[1].enteredAt",
        ),
        (
            exercise(json!([
                passage("S1", 3, None, None),
                passage("S2", 5, None, None)
            ])),
            "input.passages[0].leftAt",
        ),
        (
            exercise(json!([passage("S1", 3, Some(4), None)])),
            "input.passages[0].leftAt",
        ),
        (
            (
                "Exercise",
                json!({ "procedure": lc01, "title": "缺少职权", "scope": "PUBLIC" }),
            ),
            "input.power",
        ),
    ];
    for ((kind, input), field) in cases {
        let query =
            format!("mutation($input: {kind}Input!) {{ create{kind}(input: $input) {{ id }} }}");
        let answer = call(&app, Some(&editor), &query, json!({ "input": input })).await?;
        assert_eq!(
            answer,
            Err(("BAD_USER_INPUT".to_owned(), field.to_owned())),
            "{kind} {input}"
        );
    }
    // A sanction that does not exist is refused by the schema, naming the field.
    let (_, body) = app
        .graphql_as(
            Some(&editor),
            "mutation { createDisciplinaryCase(input: { caseNumber: \"R-3\", partySanction: CAUTION }) { id } }",
            json!({}),
        )
        .await?;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.partySanction",
        "{body}"
    );
    // A code in use by another record of the same organization (codes are unique within
    // their owner; the attacks module shows that a hidden record's code is no oracle).
    let mut owned: entity::power::ActiveModel = entity::power::Entity::find()
        .order_by_asc(entity::power::Column::Id)
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no power"))?
        .into();
    owned.id = sea_orm::ActiveValue::NotSet;
    owned.code = sea_orm::ActiveValue::Set("R-OWN-CODE".into());
    owned.owner_org_id = sea_orm::ActiveValue::Set(Some(org));
    let existing = sea_orm::ActiveModelTrait::insert(owned, app.db()?).await?;
    let powers_before = powers_before + 1;
    let answer = call(
        &app,
        Some(&editor),
        "mutation($input: PowerInput!) { createPower(input: $input) { id } }",
        json!({ "input": { "code": existing.code, "name": "职权", "category": "OTHER", "holderOrganization": o,
              "legalBasis": "依据", "duties": "职责", "accountability": "追责", "undertakingUnit": "县委办",
              "carriers": ["WEBSITE"], "timing": "IMMEDIATE", "riskLevel": "LOW", "scope": "PUBLIC" } }),
    )
    .await?;
    assert_eq!(answer, Err(("BAD_USER_INPUT".into(), "input.code".into())));
    // Nothing of the refused writes is stored.
    assert_eq!(
        entity::power::Entity::find().count(app.db()?).await?,
        powers_before
    );
    assert_eq!(audit_entries(&app).await?, entries_before);
    assert_eq!(
        entity::disciplinary_case::Entity::find()
            .order_by_asc(entity::disciplinary_case::Column::Id)
            .filter(entity::disciplinary_case::Column::CaseNumber.starts_with("R-"))
            .count(app.db()?)
            .await?,
        0
    );

    // Five working days are enough, also over a holiday; the audience of one's own
    // organization is within reach.
    create(
        &app,
        &editor,
        "Appointment",
        json!({ "organization": o, "vacancyTitle": "测试岗位", "noticeStart": "2011-09-30", "noticeEnd": "2011-10-11", "scope": "PUBLIC" }),
    )
    .await?;
    create(
        &app,
        &editor,
        "Source",
        json!({ "issuer": "县委", "title": "限定文件", "scope": "RESTRICTED", "audience": [{ "organization": o }] }),
    )
    .await?;
    app.stop().await?;
    Ok(())
}

async fn corrections_keep_what_the_public_was_shown(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (org, _) = leaf_organization(&app).await?;
    let editor = app.token_as("editor", &[org], "editor-a")?;
    let reviewer = app.token_as("reviewer", &[], "reviewer-a")?;
    let (id, version) = power_at(&app, &editor, &reviewer, org, 1, "PUBLISHED").await?;
    let read = "query($id: ID!) { power(id: $id) { name versions { version reason withdrawn record { name } } } }";
    let media = app.token_as("media", &[], "media-reader")?;
    let public = |id: String| {
        let app = &app;
        let media = media.clone();
        async move {
            let (_, body) = app
                .graphql_as(Some(&media), read, json!({ "id": id }))
                .await?;
            anyhow::ensure!(body.get("errors").is_none(), "{body}");
            anyhow::Ok(body["data"].clone())
        }
    };

    let correct = |name: &str, withdraw: bool, v: i64| {
        (
            format!(
                "mutation($id: ID!) {{ correctPower(id: $id, expectedVersion: {v}, reason: \"名称有误\", withdrawPrevious: {withdraw}, input: {{ name: \"{name}\" }}) {{ version }} }}"
            ),
            json!({ "id": id }),
        )
    };
    // A stale version and an empty reason are refused.
    let (q, vars) = correct("新名称", false, version - 1);
    assert_eq!(
        call(&app, Some(&editor), &q, vars).await?,
        Err(("CONFLICT".into(), String::new()))
    );
    let answer = call(
        &app,
        Some(&editor),
        "mutation($id: ID!, $v: Int!) { correctPower(id: $id, expectedVersion: $v, reason: \" \", input: { name: \"x\" }) { version } }",
        json!({ "id": id, "v": version }),
    )
    .await?;
    assert_eq!(answer, Err(("BAD_USER_INPUT".into(), "reason".into())));

    let (q, vars) = correct("更正后名称", false, version);
    call(&app, Some(&editor), &q, vars)
        .await?
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let seen = public(id.clone()).await?;
    assert_eq!(seen["power"]["name"], "更正后名称");
    assert_eq!(
        seen["power"]["versions"],
        json!([
            { "version": version, "reason": null, "withdrawn": false, "record": { "name": "矩阵职权" } },
            { "version": version + 1, "reason": "名称有误", "withdrawn": false, "record": { "name": "更正后名称" } },
        ])
    );
    // Withdrawing what was shown before keeps the times and reasons, not the values.
    let (q, vars) = correct("再次更正", true, version + 1);
    call(&app, Some(&editor), &q, vars)
        .await?
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let seen = public(id.clone()).await?;
    let versions = seen["power"]["versions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(versions.len(), 3);
    assert_eq!(versions[0]["withdrawn"], true);
    assert_eq!(versions[0]["record"], Value::Null);
    assert_eq!(versions[1]["record"], Value::Null);
    assert_eq!(versions[2]["record"]["name"], "再次更正");

    // A record corrected from PARTY to PUBLIC shows the public only its public version.
    let (party, v) = power_at(&app, &editor, &reviewer, org, 2, "DRAFT").await?;
    let update = format!(
        "mutation($id: ID!) {{ updatePower(id: $id, expectedVersion: {v}, input: {{ scope: PARTY }}) {{ version }} }}"
    );
    call(&app, Some(&editor), &update, json!({ "id": party }))
        .await?
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let mut v = v + 1;
    for (field, token) in [
        ("submitForReview", &editor),
        ("approve", &reviewer),
        ("publish", &editor),
    ] {
        step(&app, token, field, &party, v, "")
            .await?
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        v += 1;
    }
    let widen = format!(
        "mutation($id: ID!) {{ correctPower(id: $id, expectedVersion: {v}, reason: \"扩大公开范围\", input: {{ scope: PUBLIC }}) {{ version }} }}"
    );
    call(&app, Some(&editor), &widen, json!({ "id": party }))
        .await?
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let public = public(party.clone()).await?;
    let versions = public["power"]["versions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(versions.len(), 1, "{public}");
    assert_eq!(versions[0]["reason"], "扩大公开范围");
    let member = app.token_as("member", &[org], "member-a")?;
    let (_, body) = app
        .graphql_as(Some(&member), read, json!({ "id": party }))
        .await?;
    assert_eq!(
        body["data"]["power"]["versions"].as_array().map(Vec::len),
        Some(2),
        "{body}"
    );
    app.stop().await?;
    Ok(())
}

async fn fifty_editors_add_to_one_list_and_lose_nothing(backend: Backend) -> anyhow::Result<()> {
    let app = std::sync::Arc::new(TestApp::spawn(backend).await?);
    let (org, _) = leaf_organization(&app).await?;
    let token = app.token_as("editor", &[org], "editor-0")?;
    let meeting = create(
        &app,
        &token,
        "Meeting",
        json!({ "body": app.gid("Organization", org), "kind": "STANDING_COMMITTEE", "label": "议程并发测试",
                "startsAt": "2011-05-10T01:00:00Z", "place": "会议室", "status": "SCHEDULED", "scope": "PUBLIC" }),
    )
    .await?;
    let read = "query($id: ID!) { meeting(id: $id) { version agenda { title } } }";
    let write = "mutation($id: ID!, $v: Int!, $agenda: [AgendaItemInput!]) { updateMeeting(id: $id, expectedVersion: $v, input: { agenda: $agenda }) { version } }";
    let tasks: Vec<_> = (0..50)
        .map(|n| {
            let app = app.clone();
            let meeting = meeting.clone();
            tokio::spawn(async move {
                let token = app.token_as("editor", &[org], &format!("editor-{n}"))?;
                for _ in 0..500 {
                    let (_, body) = app
                        .graphql_as(Some(&token), read, json!({ "id": meeting }))
                        .await?;
                    let m = &body["data"]["meeting"];
                    let mut agenda: Vec<Value> = m["agenda"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|i| json!({ "title": i["title"] }))
                        .collect();
                    agenda.push(json!({ "title": format!("议题{n}") }));
                    let answer = call(
                        &app,
                        Some(&token),
                        write,
                        json!({ "id": meeting, "v": m["version"], "agenda": agenda }),
                    )
                    .await?;
                    match answer {
                        Ok(_) => return anyhow::Ok(()),
                        Err((code, _)) if code == "CONFLICT" => continue,
                        Err(other) => anyhow::bail!("editor {n}: {other:?}"),
                    }
                }
                anyhow::bail!("editor {n} never got through")
            })
        })
        .collect();
    for task in tasks {
        task.await??;
    }
    let editor = app.token_as("editor", &[org], "editor-0")?;
    let (_, body) = app
        .graphql_as(Some(&editor), read, json!({ "id": meeting }))
        .await?;
    let mut titles: Vec<String> = body["data"]["meeting"]["agenda"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|i| i["title"].as_str().map(str::to_owned))
        .collect();
    titles.sort();
    let mut expected: Vec<String> = (0..50).map(|n| format!("议题{n}")).collect();
    expected.sort();
    assert_eq!(titles, expected);
    assert_eq!(body["data"]["meeting"]["version"], 51);
    assert_eq!(audit_entries(&app).await?, 51);
    Ok(())
}

on_both_databases!(
    every_kind_lives_through_the_api,
    every_refused_step_writes_nothing,
    rules_with_figures_name_their_fields,
    corrections_keep_what_the_public_was_shown,
    fifty_editors_add_to_one_list_and_lose_nothing,
);
