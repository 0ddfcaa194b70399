//! The way back (群众意见反馈): anyone sends a submission and follows it with its code and secret
//! alone; the office accepts and assigns it, the unit answers, every step audited and nothing
//! personal in the log; a report reaches the discipline commission and never the person it
//! names; requests for disclosure count working days across the holidays; and no submission's
//! text or submitter reaches anyone else, through any door.

use harness::{Backend, TestApp, on_both_databases};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

const SUBMIT: &str = "mutation($input: FeedbackInput!) {
    submitFeedback(input: $input) { code secret ticket { status receivedOn dueOn } } }";

const STATUS: &str = "query($code: String!, $secret: String!) {
    feedbackStatus(code: $code, secret: $secret) {
        code kind subject status receivedOn dueOn extensionReason timeliness reply closedOn
        reason publishConsent handlingUnit { name } steps { on action status note unit { name } } } }";

/// Every field of a case, as a handler reads it.
const CASE_FIELDS: &str = "id code kind channel subject body meeting { id } namedPerson { id }
    namedOrganization { id } submitterName submitterContact anonymous handlingUnit { id name }
    status receivedOn dueOn extensionReason timeliness reply closedOn reason publishConsent
    erased version steps { on action status note unit { id } }";

/// The database id of the demo county's organization of `kind`.
async fn org_of_kind(app: &TestApp, kind: entity::enums::OrganizationKind) -> anyhow::Result<i64> {
    entity::organization::Entity::find()
        .filter(entity::organization::Column::Kind.eq(kind))
        .one(app.db()?)
        .await?
        .map(|o| o.id)
        .ok_or_else(|| anyhow::anyhow!("no organization of kind {kind:?}"))
}

/// Sends `input` as `token`; the code and the secret.
async fn submit(
    app: &TestApp,
    token: Option<&str>,
    input: Value,
) -> anyhow::Result<(String, String)> {
    let (status, body) = app
        .graphql_as(token, SUBMIT, json!({ "input": input }))
        .await?;
    anyhow::ensure!(
        status == 200 && body.get("errors").is_none(),
        "{status}: {body}"
    );
    let sent = &body["data"]["submitFeedback"];
    Ok((
        sent["code"].as_str().unwrap_or_default().to_owned(),
        sent["secret"].as_str().unwrap_or_default().to_owned(),
    ))
}

/// The global id and version of the case with `code`, as `token` (a handler) lists it.
async fn case_of(app: &TestApp, token: &str, code: &str) -> anyhow::Result<(String, i64)> {
    let body = app
        .graphql_as(
            Some(token),
            "{ feedbackCases(first: 100) { nodes { id code version } } }",
            json!({}),
        )
        .await?
        .1;
    body["data"]["feedbackCases"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|n| n["code"] == code)
        .map(|n| {
            (
                n["id"].as_str().unwrap_or_default().to_owned(),
                n["version"].as_i64().unwrap_or_default(),
            )
        })
        .ok_or_else(|| anyhow::anyhow!("{code} is not listed: {body}"))
}

/// Runs `mutation` as `token` and returns its field `field`, failing on any error.
async fn step(
    app: &TestApp,
    token: &str,
    mutation: &str,
    variables: Value,
) -> anyhow::Result<Value> {
    let (status, body) = app.graphql_as(Some(token), mutation, variables).await?;
    anyhow::ensure!(
        status == 200 && body.get("errors").is_none(),
        "{status}: {body}"
    );
    Ok(body["data"].clone())
}

fn error_code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
}

async fn a_submitter_follows_their_case_with_code_and_secret_alone(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (code, secret) = submit(
        &app,
        None,
        json!({
            "kind": "OPINION",
            "subject": "建议公开会议纪要",
            "body": "建议在网站上公开常委会会议纪要全文。",
            "name": "王示例",
            "contact": "0970-0000000",
            "publishConsent": true,
        }),
    )
    .await?;
    assert_eq!(code.len(), 8, "{code}");
    assert!(secret.len() >= 20, "{secret}");

    let ticket = app
        .data(STATUS, json!({ "code": code, "secret": secret }))
        .await?;
    let ticket = &ticket["feedbackStatus"];
    assert_eq!(ticket["status"], "RECEIVED", "{ticket}");
    assert_eq!(ticket["kind"], "OPINION");
    assert_eq!(ticket["publishConsent"], true);
    assert_eq!(ticket["steps"][0]["action"], "submit");
    assert_eq!(ticket["timeliness"], "ON_TIME");
    // The code is read without regard to case or spaces around it.
    let lower = app
        .data(
            STATUS,
            json!({ "code": format!(" {} ", code.to_lowercase()), "secret": secret }),
        )
        .await?;
    assert_eq!(lower["feedbackStatus"]["code"], json!(code));

    // A wrong secret and an unknown code answer exactly the same.
    let wrong = app
        .graphql(STATUS, json!({ "code": code, "secret": "WRONG" }))
        .await?;
    let unknown = app
        .graphql(STATUS, json!({ "code": "ZZZZZZZZ", "secret": secret }))
        .await?;
    assert_eq!(wrong, unknown);
    assert_eq!(wrong.1, json!({ "data": { "feedbackStatus": null } }));

    // Nobody but its handlers lists it: not the public, not a member, not another unit.
    let department = org_of_kind(&app, entity::enums::OrganizationKind::Department).await?;
    for token in [
        None,
        Some(app.token("member", &[])?),
        Some(app.token("official", &[department])?),
        Some(app.token("reviewer", &[])?),
    ] {
        let body = app
            .graphql_as(
                token.as_deref(),
                &format!(
                    "{{ feedbackCases(first: 100) {{ totalCount nodes {{ {CASE_FIELDS} }} }} }}"
                ),
                json!({}),
            )
            .await?
            .1;
        assert_eq!(
            body["data"]["feedbackCases"],
            json!({ "totalCount": 0, "nodes": [] }),
            "{body}"
        );
    }

    // The submitter withdraws it; then it is closed for good.
    let (_, body) = app
        .graphql(
            "mutation($code: String!, $secret: String!) {
                withdrawFeedback(code: $code, secret: $secret) { status closedOn } }",
            json!({ "code": code, "secret": secret }),
        )
        .await?;
    assert_eq!(
        body["data"]["withdrawFeedback"]["status"], "WITHDRAWN",
        "{body}"
    );
    let (_, again) = app
        .graphql(
            "mutation($code: String!, $secret: String!) {
                withdrawFeedback(code: $code, secret: $secret) { status } }",
            json!({ "code": code, "secret": secret }),
        )
        .await?;
    assert_eq!(error_code(&again), "CONFLICT", "{again}");
    let (_, wrong) = app
        .graphql(
            "mutation($code: String!) { withdrawFeedback(code: $code, secret: \"WRONG\") { status } }",
            json!({ "code": code }),
        )
        .await?;
    assert_eq!(error_code(&wrong), "NOT_FOUND", "{wrong}");
    app.stop().await?;
    Ok(())
}

async fn handling_takes_its_steps_and_the_log_keeps_nothing_personal(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let department = org_of_kind(&app, entity::enums::OrganizationKind::Department).await?;
    let township = org_of_kind(&app, entity::enums::OrganizationKind::Township).await?;
    let (code, secret) = submit(
        &app,
        None,
        json!({
            "kind": "OPINION",
            "subject": "PERSONALSUBJECT",
            "body": "PERSONALBODY",
            "name": "PERSONALNAME",
            "contact": "personal@example.org",
        }),
    )
    .await?;
    let office = app.token("supervisor", &[])?;
    let unit = app.token("official", &[department])?;
    let other_unit = app.token("official", &[township])?;
    let (id, version) = case_of(&app, &office, &code).await?;
    assert_eq!(version, 1);

    // The unit cannot take the office's steps, nor another unit answer.
    let (_, body) = app
        .graphql_as(
            Some(&unit),
            "mutation($id: ID!) { acceptFeedback(id: $id, expectedVersion: 1) { status } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body}");

    step(
        &app,
        &office,
        "mutation($id: ID!) { acceptFeedback(id: $id, expectedVersion: 1) { status } }",
        json!({ "id": id }),
    )
    .await?;
    // A stale version is a conflict, and changes nothing.
    let (_, stale) = app
        .graphql_as(
            Some(&office),
            "mutation($id: ID!) { rejectFeedback(id: $id, expectedVersion: 1, reason: \"x\") { status } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(error_code(&stale), "CONFLICT", "{stale}");
    let unit_id = app.gid("Organization", department);
    step(
        &app,
        &office,
        "mutation($id: ID!, $unit: ID!) {
            assignFeedback(id: $id, expectedVersion: 2, unit: $unit) { status } }",
        json!({ "id": id, "unit": unit_id }),
    )
    .await?;
    // Now the unit sees it, whole; another unit does not.
    let seen = step(
        &app,
        &unit,
        &format!("query($id: ID!) {{ feedbackCase(id: $id) {{ {CASE_FIELDS} }} }}"),
        json!({ "id": id }),
    )
    .await?;
    assert_eq!(seen["feedbackCase"]["submitterName"], "PERSONALNAME");
    assert_eq!(seen["feedbackCase"]["status"], "ASSIGNED");
    let hidden = step(
        &app,
        &other_unit,
        &format!("query($id: ID!) {{ feedbackCase(id: $id) {{ {CASE_FIELDS} }} }}"),
        json!({ "id": id }),
    )
    .await?;
    assert_eq!(hidden["feedbackCase"], Value::Null);
    let (_, body) = app
        .graphql_as(
            Some(&other_unit),
            "mutation($id: ID!) { answerFeedback(id: $id, expectedVersion: 3, reply: \"x\") { status } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body}");
    // An empty reply is refused with its field.
    let (_, body) = app
        .graphql_as(
            Some(&unit),
            "mutation($id: ID!) { answerFeedback(id: $id, expectedVersion: 3, reply: \"  \") { status } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "reply", "{body}");

    let answered = step(
        &app,
        &unit,
        "mutation($id: ID!) {
            answerFeedback(id: $id, expectedVersion: 3, reply: \"PERSONALREPLY\") {
                status closedOn timeliness reply version } }",
        json!({ "id": id }),
    )
    .await?;
    assert_eq!(answered["answerFeedback"]["status"], "ANSWERED");
    assert_eq!(answered["answerFeedback"]["timeliness"], "CLOSED_ON_TIME");
    assert_eq!(answered["answerFeedback"]["version"], 4);

    // The submitter reads the reply and every step, with the unit it went to.
    let ticket = app
        .data(STATUS, json!({ "code": code, "secret": secret }))
        .await?;
    let ticket = &ticket["feedbackStatus"];
    assert_eq!(ticket["reply"], "PERSONALREPLY");
    let actions: Vec<&str> = ticket["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["action"].as_str())
        .collect();
    assert_eq!(actions, ["submit", "accept", "assign", "answer"]);
    assert!(ticket["steps"][2]["unit"]["name"].is_string(), "{ticket}");

    // Every step is in the audit log, and nothing the submitter or the unit wrote is.
    let admin = app.token("admin", &[])?;
    let log = step(
        &app,
        &admin,
        "{ auditLog(first: 100) { nodes { actor role action change { before after } } } }",
        json!({}),
    )
    .await?;
    let entries: Vec<&Value> = log["auditLog"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| {
            e["action"]
                .as_str()
                .is_some_and(|a| a.starts_with("feedback_"))
        })
        .take(4)
        .collect();
    let logged: Vec<&str> = entries
        .iter()
        .rev()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        logged,
        [
            "feedback_submit",
            "feedback_accept",
            "feedback_assign",
            "feedback_answer"
        ]
    );
    assert_eq!(entries[3]["actor"], "submitter");
    assert_eq!(entries[3]["role"], "submitter");
    let text = log.to_string();
    for personal in [
        "PERSONALSUBJECT",
        "PERSONALBODY",
        "PERSONALNAME",
        "personal@example.org",
        "PERSONALREPLY",
    ] {
        assert!(!text.contains(personal), "{personal} is in the audit log");
    }
    // Once closed, no step follows.
    let (_, body) = app
        .graphql_as(
            Some(&office),
            "mutation($id: ID!) { rejectFeedback(id: $id, expectedVersion: 4, reason: \"x\") { status } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    app.stop().await?;
    Ok(())
}

async fn bad_submissions_are_refused_with_a_code_and_write_nothing(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let before = entity::feedback::Entity::find().count(app.db()?).await?;
    let base = json!({ "kind": "OPINION", "subject": "意见", "body": "内容" });
    let with = |key: &str, value: Value| {
        let mut input = base.clone();
        input[key] = value;
        input
    };
    let cases = [
        (
            with("subject", json!("   ")),
            "BAD_USER_INPUT",
            Some("input.subject"),
        ),
        (
            with("body", json!("")),
            "BAD_USER_INPUT",
            Some("input.body"),
        ),
        (
            with("contact", json!("not a contact")),
            "BAD_USER_INPUT",
            Some("input.contact"),
        ),
        (with("kind", json!("PROPOSAL")), "FORBIDDEN", None),
        (with("channel", json!("PHONE")), "FORBIDDEN", None),
        (
            with("kind", json!("HEARING_REQUEST")),
            "BAD_USER_INPUT",
            Some("input.meeting"),
        ),
        (
            with("namedPerson", json!("bm90LWFuLWlk")),
            "BAD_USER_INPUT",
            Some("input.namedPerson"),
        ),
        (
            with("subject", json!("长".repeat(201))),
            "BAD_USER_INPUT",
            Some("input.subject"),
        ),
    ];
    for (input, code, field) in cases {
        let (status, body) = app
            .graphql(SUBMIT, json!({ "input": input.clone() }))
            .await?;
        assert_eq!(status, 200, "{input}: {body}");
        assert_eq!(error_code(&body), code, "{input}: {body}");
        if let Some(field) = field {
            assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
        }
        assert_eq!(body["data"], Value::Null, "{body}");
    }
    let after = entity::feedback::Entity::find().count(app.db()?).await?;
    assert_eq!(before, after, "a refused submission was written");
    // A member may send a proposal; the office enters a phone call.
    let member = app.token("member", &[])?;
    submit(&app, Some(&member), with("kind", json!("PROPOSAL"))).await?;
    let office = app.token("supervisor", &[])?;
    submit(&app, Some(&office), with("channel", json!("PHONE"))).await?;
    app.stop().await?;
    Ok(())
}

async fn requests_for_disclosure_count_working_days_across_the_holidays(
    backend: Backend,
) -> anyhow::Result<()> {
    let database = harness::TestDatabase::create(backend).await?;
    let mut config = database.config();
    // The Monday before the National Day week of 2011: 1–7 October off, the 8th and 9th (a
    // weekend) worked.
    config.today = chrono::NaiveDate::from_ymd_opt(2011, 9, 26);
    let app = TestApp::spawn_with(database, config).await?;
    let (code, secret) = submit(
        &app,
        None,
        json!({ "kind": "DISCLOSURE_REQUEST", "subject": "申请公开", "body": "申请公开某项目的招标文件。" }),
    )
    .await?;
    let ticket = app
        .data(STATUS, json!({ "code": code, "secret": secret }))
        .await?;
    assert_eq!(ticket["feedbackStatus"]["receivedOn"], "2011-09-26");
    // 4 days of September, the two worked weekend days, then 14 more.
    assert_eq!(ticket["feedbackStatus"]["dueOn"], "2011-10-27");

    let (opinion, opinion_secret) = submit(
        &app,
        None,
        json!({ "kind": "OPINION", "subject": "意见", "body": "内容" }),
    )
    .await?;
    let ticket = app
        .data(STATUS, json!({ "code": opinion, "secret": opinion_secret }))
        .await?;
    // Other kinds: the configured 15 working days.
    assert_eq!(ticket["feedbackStatus"]["dueOn"], "2011-10-20");

    let office = app.token("supervisor", &[])?;
    let (id, _) = case_of(&app, &office, &code).await?;
    let extended = step(
        &app,
        &office,
        "mutation($id: ID!) {
            extendFeedback(id: $id, expectedVersion: 1, reason: \"材料较多，需要调取档案\") {
                dueOn extensionReason
                onTime: timeliness(asOf: \"2011-10-28\")
                overdue: timeliness(asOf: \"2011-11-25\")
                lastOverdue: timeliness(asOf: \"2011-12-22\")
                longOverdue: timeliness(asOf: \"2011-12-23\") } }",
        json!({ "id": id }),
    )
    .await?;
    let extended = &extended["extendFeedback"];
    assert_eq!(extended["dueOn"], "2011-11-24", "{extended}");
    assert_eq!(extended["onTime"], "ON_TIME");
    assert_eq!(extended["overdue"], "OVERDUE");
    assert_eq!(extended["lastOverdue"], "OVERDUE");
    assert_eq!(extended["longOverdue"], "LONG_OVERDUE");
    // Once only.
    let (_, again) = app
        .graphql_as(
            Some(&office),
            "mutation($id: ID!) { extendFeedback(id: $id, expectedVersion: 2, reason: \"再延\") { dueOn } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(error_code(&again), "CONFLICT", "{again}");
    // And only a request for disclosure.
    let (opinion_id, _) = case_of(&app, &office, &opinion).await?;
    let (_, body) = app
        .graphql_as(
            Some(&office),
            "mutation($id: ID!) { extendFeedback(id: $id, expectedVersion: 1, reason: \"延\") { dueOn } }",
            json!({ "id": opinion_id }),
        )
        .await?;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");

    // The answer to a request for disclosure says what it gave; only such an answer does.
    let ask = |query: &'static str, id: &str| {
        let (app, office, id) = (&app, &office, id.to_owned());
        async move {
            let (_, body) = app
                .graphql_as(Some(office), query, json!({ "id": id }))
                .await?;
            anyhow::Ok(body)
        }
    };
    ask(
        "mutation($id: ID!) { acceptFeedback(id: $id, expectedVersion: 2) { status } }",
        &id,
    )
    .await?;
    let body = ask(
        "mutation($id: ID!) { answerFeedback(id: $id, expectedVersion: 3, reply: \"答复\") { status } }",
        &id,
    )
    .await?;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    let body = ask(
        "mutation($id: ID!) { answerFeedback(id: $id, expectedVersion: 3, reply: \"部分公开\",
            outcome: PARTLY_GRANTED) { status outcome } }",
        &id,
    )
    .await?;
    assert_eq!(
        body["data"]["answerFeedback"]["outcome"], "PARTLY_GRANTED",
        "{body}"
    );
    let ticket = app
        .data(
            "query($code: String!, $secret: String!) { feedbackStatus(code: $code, secret: $secret) { outcome } }",
            json!({ "code": code, "secret": secret }),
        )
        .await?;
    assert_eq!(ticket["feedbackStatus"]["outcome"], "PARTLY_GRANTED");
    ask(
        "mutation($id: ID!) { acceptFeedback(id: $id, expectedVersion: 1) { status } }",
        &opinion_id,
    )
    .await?;
    let body = ask(
        "mutation($id: ID!) { answerFeedback(id: $id, expectedVersion: 2, reply: \"答复\",
            outcome: GRANTED) { status } }",
        &opinion_id,
    )
    .await?;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    app.stop().await?;
    Ok(())
}

on_both_databases!(a_submitter_follows_their_case_with_code_and_secret_alone);
on_both_databases!(handling_takes_its_steps_and_the_log_keeps_nothing_personal);
on_both_databases!(bad_submissions_are_refused_with_a_code_and_write_nothing);
on_both_databases!(requests_for_disclosure_count_working_days_across_the_holidays);

/// The canary words of submission `n`: what its submitter wrote and gave, and the reply.
fn canaries(n: usize) -> [String; 5] {
    [
        format!("FBSUBJECT{n}"),
        format!("FBBODY{n}"),
        format!("FBNAME{n}"),
        format!("fbcontact{n}@example.org"),
        format!("FBREPLY{n}"),
    ]
}

/// The canary words in `text`, by submission.
fn seen_in(text: &str, count: usize) -> Vec<bool> {
    (0..count)
        .map(|n| canaries(n).iter().any(|word| text.contains(word.as_str())))
        .collect()
}

/// Everything `token` can read through every door: the submissions' own fields, search for
/// each canary word, the change feed, every Atom feed and export, the statistics and the logs.
async fn everything_read_by(
    app: &TestApp,
    token: Option<&str>,
    ids: &[String],
    count: usize,
) -> anyhow::Result<String> {
    let mut text = String::new();
    let ask = |query: String, variables: Value| async move {
        let (_, body) = app.graphql_as(token, &query, variables).await?;
        anyhow::Ok(body.to_string())
    };
    text += &ask(
        format!("{{ feedbackCases(first: 100) {{ totalCount nodes {{ {CASE_FIELDS} }} }} }}"),
        json!({}),
    )
    .await?;
    for id in ids {
        text += &ask(
            format!("query($id: ID!) {{ feedbackCase(id: $id) {{ {CASE_FIELDS} }} }}"),
            json!({ "id": id }),
        )
        .await?;
    }
    for n in 0..count {
        for word in canaries(n) {
            text += &ask(
                "query($q: String!) { search(query: $q, first: 50) { totalCount
                    edges { node { snippet record { id } } } } }"
                    .to_owned(),
                json!({ "q": word }),
            )
            .await?;
        }
    }
    text += &ask(
        "{ changes(first: 1000) { events { recordId operation } } }".to_owned(),
        json!({}),
    )
    .await?;
    text += &ask(
        "{ auditLog(first: 100) { nodes { action change { before after } } }
           accessLog(first: 100) { nodes { actor } } }"
            .to_owned(),
        json!({}),
    )
    .await?;
    for kind in <entity::enums::RecordKind as sea_orm::Iterable>::iter() {
        let list = sunlight::graphql::kinds::list_field(kind);
        for path in [
            format!("/feeds/{list}.atom"),
            format!("/export/{list}.jsonl"),
        ] {
            let mut request = app.client.get(app.url(&path));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            text += &request.send().await?.text().await?;
        }
    }
    Ok(text)
}

async fn no_submission_reaches_anyone_but_its_handlers(backend: Backend) -> anyhow::Result<()> {
    use entity::enums::OrganizationKind as Kind;
    let app = TestApp::spawn(backend).await?;
    let discipline = org_of_kind(&app, Kind::DisciplineCommission).await?;
    let department = org_of_kind(&app, Kind::Department).await?;
    let township = org_of_kind(&app, Kind::Township).await?;
    // A person the public sees, so that an anonymous report may name them.
    let person = entity::person::Entity::find()
        .filter(entity::person::Column::Scope.eq(entity::enums::Scope::Public))
        .filter(entity::person::Column::Status.eq(entity::enums::PublicationStatus::Published))
        .order_by_asc(entity::person::Column::Id)
        .one(app.db()?)
        .await?
        .map(|p| p.id)
        .ok_or_else(|| anyhow::anyhow!("no person"))?;
    let input = |n: usize, kind: &str| {
        let [subject, body, name, contact, _] = canaries(n);
        json!({ "kind": kind, "subject": subject, "body": body, "name": name, "contact": contact })
    };
    // 0: an opinion assigned to the department and answered by it.
    // 1: a report naming a person and the township: the discipline commission's.
    // 2: a request for disclosure, received and not yet accepted.
    let (opinion, _) = submit(&app, None, input(0, "OPINION")).await?;
    let mut report = input(1, "COMPLAINT_REPORT");
    report["namedPerson"] = json!(app.gid("Person", person));
    report["namedOrganization"] = json!(app.gid("Organization", township));
    let (report, report_secret) = submit(&app, None, report).await?;
    let (request, _) = submit(&app, None, input(2, "DISCLOSURE_REQUEST")).await?;
    let admin = app.token("admin", &[])?;
    let (opinion_id, _) = case_of(&app, &admin, &opinion).await?;
    let (report_id, _) = case_of(&app, &admin, &report).await?;
    let (request_id, _) = case_of(&app, &admin, &request).await?;
    step(
        &app,
        &admin,
        "mutation($id: ID!, $unit: ID!) {
            a: acceptFeedback(id: $id, expectedVersion: 1) { status }
            b: assignFeedback(id: $id, expectedVersion: 2, unit: $unit) { status }
            c: answerFeedback(id: $id, expectedVersion: 3, reply: \"FBREPLY0\") { status } }",
        json!({ "id": opinion_id, "unit": app.gid("Organization", department) }),
    )
    .await?;
    let ids = [opinion_id, report_id, request_id];

    // Who sees which: [opinion, report, request].
    let roles: Vec<(&str, Option<String>, [bool; 3])> = vec![
        ("anonymous", None, [false; 3]),
        ("media", Some(app.token("media", &[])?), [false; 3]),
        ("member", Some(app.token("member", &[])?), [false; 3]),
        ("reviewer", Some(app.token("reviewer", &[])?), [false; 3]),
        (
            "official of the department",
            Some(app.token("official", &[department])?),
            [true, false, false],
        ),
        (
            "editor of the department",
            Some(app.token("editor", &[department])?),
            [true, false, false],
        ),
        (
            "official of the township a report names",
            Some(app.token("official", &[township])?),
            [false; 3],
        ),
        (
            "official of the discipline commission",
            Some(app.token("official", &[discipline])?),
            [false, true, false],
        ),
        (
            "official of the discipline commission named by the report",
            Some(app.token_for("official", &[discipline], Some(person))?),
            [false; 3],
        ),
        (
            "supervisor",
            Some(app.token("supervisor", &[])?),
            [true, false, true],
        ),
        (
            "supervisor of the township a report names",
            Some(app.token("supervisor", &[township, discipline])?),
            [true, false, true],
        ),
        (
            "supervisor of the discipline commission",
            Some(app.token("supervisor", &[discipline])?),
            [true, true, true],
        ),
        ("admin", Some(admin.clone()), [true, true, true]),
        (
            "admin named by the report",
            Some(app.token_for("admin", &[], Some(person))?),
            [true, false, true],
        ),
    ];
    for (name, token, expected) in &roles {
        let text = everything_read_by(&app, token.as_deref(), &ids, 3).await?;
        assert_eq!(&seen_in(&text, 3), expected, "{name}");
        // What a handler sees, they see whole: every canary of each case they handle.
        for (n, shown) in expected.iter().enumerate() {
            if *shown {
                for word in &canaries(n)[..4] {
                    assert!(text.contains(word.as_str()), "{name} misses {word}");
                }
            }
        }
    }
    // The submitter of the report reads its state, not the text they sent, nor whom it names.
    let ticket = app
        .graphql(STATUS, json!({ "code": report, "secret": report_secret }))
        .await?
        .1;
    assert_eq!(ticket["data"]["feedbackStatus"]["status"], "RECEIVED");
    assert_eq!(seen_in(&ticket.to_string(), 3), [false, true, false]);
    assert!(!ticket.to_string().contains("FBBODY1"), "{ticket}");
    assert!(!ticket.to_string().contains("FBNAME1"), "{ticket}");
    app.stop().await?;
    Ok(())
}

on_both_databases!(no_submission_reaches_anyone_but_its_handlers);

async fn an_address_sends_few_submissions_and_reads_on(backend: Backend) -> anyhow::Result<()> {
    let database = harness::TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.rate_limit_feedback_per_hour = 10;
    config.rate_limit_feedback_burst = 2;
    let app = TestApp::spawn_with(database, config).await?;
    let opinion = json!({ "kind": "OPINION", "subject": "意见", "body": "内容" });
    // A refused submission spends nothing.
    let (_, refused) = app
        .graphql(
            SUBMIT,
            json!({ "input": { "kind": "OPINION", "subject": "", "body": "x" } }),
        )
        .await?;
    assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
    submit(&app, None, opinion.clone()).await?;
    // A token does not buy more: the budget is the address's.
    submit(&app, Some(&app.token("member", &[])?), opinion.clone()).await?;
    let before = entity::feedback::Entity::find().count(app.db()?).await?;
    let (status, limited) = app.graphql(SUBMIT, json!({ "input": opinion })).await?;
    assert_eq!(status, 200);
    assert_eq!(error_code(&limited), "RATE_LIMITED", "{limited}");
    let wait = limited["errors"][0]["extensions"]["retryAfter"]
        .as_u64()
        .unwrap_or_default();
    assert!((60..=3600).contains(&wait), "{limited}");
    assert_eq!(
        entity::feedback::Entity::find().count(app.db()?).await?,
        before
    );
    // Reads go on.
    let (status, body) = app
        .graphql("{ powers(first: 1) { totalCount } }", json!({}))
        .await?;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    app.stop().await?;
    Ok(())
}

on_both_databases!(an_address_sends_few_submissions_and_reads_on);

async fn personal_data_of_closed_cases_is_erased_after_the_retention_and_the_counts_stay(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (code, secret) = submit(
        &app,
        None,
        json!({ "kind": "OPINION", "subject": "ERASESUBJECT", "body": "ERASEBODY",
                "name": "ERASENAME", "contact": "erase@example.org" }),
    )
    .await?;
    let office = app.token("supervisor", &[])?;
    let (id, _) = case_of(&app, &office, &code).await?;
    step(
        &app,
        &office,
        "mutation($id: ID!) { rejectFeedback(id: $id, expectedVersion: 1, reason: \"重复\") { closedOn } }",
        json!({ "id": id }),
    )
    .await?;
    let count = "{ feedbackCases { totalCount } }";
    let total = step(&app, &office, count, json!({})).await?;
    let store = app.store()?;
    // Closed on the demo's day: kept through the retention (the demo's cases closed earlier
    // go), erased the day after, and only once.
    let closed = chrono::NaiveDate::from_ymd_opt(2011, 12, 31).unwrap_or_default();
    let last_day = closed + chrono::Days::new(30);
    let demo = store.erase_closed_feedback(last_day, 30).await.ok();
    assert!(demo.is_some_and(|n| n >= 5), "{demo:?}");
    let read = format!("query($id: ID!) {{ feedbackCase(id: $id) {{ {CASE_FIELDS} }} }}");
    let kept = step(&app, &office, &read, json!({ "id": id })).await?;
    assert_eq!(kept["feedbackCase"]["erased"], false);
    assert_eq!(kept["feedbackCase"]["submitterName"], "ERASENAME");
    let next_day = last_day + chrono::Days::new(1);
    assert_eq!(
        store.erase_closed_feedback(next_day, 30).await.ok(),
        Some(1)
    );
    assert_eq!(
        store.erase_closed_feedback(next_day, 30).await.ok(),
        Some(0),
        "erased twice"
    );
    let seen = step(
        &app,
        &office,
        &format!("query($id: ID!) {{ feedbackCase(id: $id) {{ {CASE_FIELDS} }} }}"),
        json!({ "id": id }),
    )
    .await?;
    let case = &seen["feedbackCase"];
    assert_eq!(case["erased"], true, "{case}");
    assert_eq!(case["status"], "REJECTED");
    assert_eq!(case["kind"], "OPINION");
    let text = seen.to_string();
    for personal in [
        "ERASESUBJECT",
        "ERASEBODY",
        "ERASENAME",
        "erase@example.org",
    ] {
        assert!(!text.contains(personal), "{personal} survived: {text}");
    }
    // The counts stay, and the submitter still reads where it stood.
    assert_eq!(step(&app, &office, count, json!({})).await?, total);
    let ticket = app
        .data(STATUS, json!({ "code": code, "secret": secret }))
        .await?;
    assert_eq!(ticket["feedbackStatus"]["status"], "REJECTED");
    let last = ticket["feedbackStatus"]["steps"]
        .as_array()
        .and_then(|s| s.last())
        .cloned()
        .unwrap_or_default();
    assert_eq!(last["action"], "erase", "{ticket}");
    // Nothing of it is left in the table.
    let dump = entity::feedback::Entity::find().all(app.db()?).await?;
    assert!(!format!("{dump:?}").contains("ERASE"), "{dump:?}");
    app.stop().await?;
    Ok(())
}

on_both_databases!(personal_data_of_closed_cases_is_erased_after_the_retention_and_the_counts_stay);

async fn the_quarterly_figures_count_every_submission_and_give_no_small_count_away(
    backend: Backend,
) -> anyhow::Result<()> {
    let database = harness::TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.today = chrono::NaiveDate::from_ymd_opt(2011, 5, 3);
    let app = TestApp::spawn_with(database, config).await?;
    let department = org_of_kind(&app, entity::enums::OrganizationKind::Department).await?;
    let unit = app.gid("Organization", department);
    let office = app.token("supervisor", &[])?;
    for n in 0..6 {
        let (code, _) = submit(
            &app,
            None,
            json!({ "kind": "OPINION", "subject": format!("意见{n}"), "body": "内容" }),
        )
        .await?;
        let (id, _) = case_of(&app, &office, &code).await?;
        let answer = if n < 4 {
            "c: answerFeedback(id: $id, expectedVersion: 3, reply: \"答复\") { status }"
        } else {
            ""
        };
        step(
            &app,
            &office,
            &format!(
                "mutation($id: ID!, $unit: ID!) {{
                    a: acceptFeedback(id: $id, expectedVersion: 1) {{ status }}
                    b: assignFeedback(id: $id, expectedVersion: 2, unit: $unit) {{ status }}
                    {answer} }}"
            ),
            json!({ "id": id, "unit": unit }),
        )
        .await?;
    }
    let query = "{ statistics(asOf: \"2011-10-01\") { feedbackByQuarter(year: 2011) {
        quarter unit { id } received { count withheld } answered { count withheld }
        outcomes { key count withheld } } } }";
    let public = app.data(query, json!({})).await?;
    let (_, admin) = app
        .graphql_as(Some(&app.token("admin", &[])?), query, json!({}))
        .await?;
    // One answer for everyone, but for the rows of units only some may see.
    let admin_rows = admin["data"]["statistics"]["feedbackByQuarter"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for row in public["statistics"]["feedbackByQuarter"]
        .as_array()
        .into_iter()
        .flatten()
    {
        assert!(admin_rows.contains(row), "{row} differs for an admin");
    }
    let rows = public["statistics"]["feedbackByQuarter"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    // The quarter still running on the day asked is not counted.
    assert!(rows.iter().all(|r| r["quarter"] != "2011-Q4"), "{public}");
    let row = rows
        .iter()
        .find(|r| r["quarter"] == "2011-Q2" && r["unit"]["id"] == json!(unit))
        .ok_or_else(|| anyhow::anyhow!("no row for the unit: {public}"))?;
    let cell = |key: &str| {
        row["outcomes"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["key"] == key))
            .cloned()
            .unwrap_or_default()
    };
    // Two are overdue: too few to show, and not to be worked out from the rest.
    assert_eq!(cell("OVERDUE")["count"], Value::Null, "{row}");
    assert_eq!(cell("OVERDUE")["withheld"], "FEWER_THAN_THRESHOLD", "{row}");
    let shown: Vec<u64> = row["outcomes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["count"].as_u64())
        .collect();
    let withheld = row["outcomes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["count"].is_null())
        .count();
    assert!(
        row["received"]["count"].is_null() || withheld >= 2,
        "one withheld cell could be worked out: {row}"
    );
    if let Some(received) = row["received"]["count"].as_u64() {
        assert_eq!(received, 6);
        assert!(received - shown.iter().sum::<u64>() >= 3, "{row}");
    }
    if let Some(answered) = row["answered"]["count"].as_u64() {
        assert_eq!(answered, 4, "{row}");
    }
    // The true figures behind it.
    let figures = app
        .store()?
        .feedback_figures(chrono::NaiveDate::from_ymd_opt(2011, 10, 1).unwrap_or_default())
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let truth = figures
        .iter()
        .find(|f| f.quarter == "2011-Q2" && f.unit == Some(department))
        .ok_or_else(|| anyhow::anyhow!("no figures"))?;
    assert_eq!(truth.received, 6);
    assert_eq!(truth.outcomes, [4, 0, 0, 0, 2]);
    app.stop().await?;
    Ok(())
}

on_both_databases!(the_quarterly_figures_count_every_submission_and_give_no_small_count_away);

async fn an_answer_is_published_with_consent_and_without_the_submitter(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let department = org_of_kind(&app, entity::enums::OrganizationKind::Department).await?;
    let unit = app.gid("Organization", department);
    let office = app.token("supervisor", &[])?;
    let editor = app.token("editor", &[department])?;
    let official = app.token("official", &[department])?;
    // Sent, accepted, assigned and answered; `consent` says whether it may be published.
    let answered = |consent: bool| {
        let app = &app;
        let office = office.clone();
        let unit = unit.clone();
        async move {
            let (code, secret) = submit(
                app,
                None,
                json!({ "kind": "OPINION", "subject": "SUBMITTEDSUBJECT", "body": "SUBMITTEDBODY",
                        "name": "SUBMITTERNAME", "contact": "submitter@example.org",
                        "publishConsent": consent }),
            )
            .await?;
            let (id, _) = case_of(app, &office, &code).await?;
            step(
                app,
                &office,
                "mutation($id: ID!, $unit: ID!) {
                    a: acceptFeedback(id: $id, expectedVersion: 1) { status }
                    b: assignFeedback(id: $id, expectedVersion: 2, unit: $unit) { status }
                    c: answerFeedback(id: $id, expectedVersion: 3, reply: \"ANSWEREDREPLY\") { status } }",
                json!({ "id": id, "unit": unit }),
            )
            .await?;
            anyhow::Ok((id, code, secret))
        }
    };
    let publish = "mutation($id: ID!, $v: Int!) {
        publishFeedbackAnswer(id: $id, expectedVersion: $v, question: \"PUBLICQUESTION 建议公开\") {
            id status version } }";

    let (refused, _, _) = answered(false).await?;
    let (_, body) = app
        .graphql_as(Some(&editor), publish, json!({ "id": refused, "v": 4 }))
        .await?;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");

    let (id, code, secret) = answered(true).await?;
    // An official answers but does not write records.
    let (_, body) = app
        .graphql_as(Some(&official), publish, json!({ "id": id, "v": 4 }))
        .await?;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let draft = step(&app, &editor, publish, json!({ "id": id, "v": 4 })).await?;
    let draft = &draft["publishFeedbackAnswer"];
    assert_eq!(draft["status"], "DRAFT", "{draft}");
    let (_, again) = app
        .graphql_as(Some(&editor), publish, json!({ "id": id, "v": 5 }))
        .await?;
    assert_eq!(error_code(&again), "CONFLICT", "{again}");

    // Reviewed and published like every record.
    let answer = draft["id"].as_str().unwrap_or_default().to_owned();
    let reviewer = app.token("reviewer", &[])?;
    for (token, mutation, version) in [
        (&editor, "submitForReview(id: $id, expectedVersion: $v)", 1),
        (&reviewer, "approve(id: $id, expectedVersion: $v)", 2),
        (&reviewer, "publish(id: $id, expectedVersion: $v)", 3),
    ] {
        step(
            &app,
            token,
            &format!("mutation($id: ID!, $v: Int!) {{ {mutation} {{ status }} }}"),
            json!({ "id": answer, "v": version }),
        )
        .await?;
    }
    let public = app
        .data(
            "query($id: ID!) {
                feedbackAnswer(id: $id) { feedbackKind question reply receivedOn answeredOn
                    unit { id } }
                search(query: \"PUBLICQUESTION\", first: 5) { totalCount }
                feedbackAnswers(first: 100) { totalCount } }",
            json!({ "id": answer }),
        )
        .await?;
    let read = &public["feedbackAnswer"];
    assert_eq!(read["reply"], "ANSWEREDREPLY", "{public}");
    assert_eq!(read["feedbackKind"], "OPINION");
    assert_eq!(read["unit"]["id"], json!(unit));
    assert_eq!(public["search"]["totalCount"], 1, "{public}");
    let mut everything = public.to_string();
    for kind in ["feedbackAnswers"] {
        for path in [
            format!("/feeds/{kind}.atom"),
            format!("/export/{kind}.jsonl"),
        ] {
            everything += &app.client.get(app.url(&path)).send().await?.text().await?;
        }
    }
    assert!(
        everything.contains("PUBLICQUESTION"),
        "not in the feed: {everything}"
    );
    for personal in [
        "SUBMITTEDSUBJECT",
        "SUBMITTEDBODY",
        "SUBMITTERNAME",
        "submitter@example.org",
        &code,
    ] {
        assert!(!everything.contains(personal), "{personal} was published");
    }
    // The submitter sees that the answer went out.
    let ticket = app
        .data(STATUS, json!({ "code": code, "secret": secret }))
        .await?;
    let actions: Vec<&str> = ticket["feedbackStatus"]["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["action"].as_str())
        .collect();
    assert_eq!(actions.last(), Some(&"publish"), "{ticket}");
    app.stop().await?;
    Ok(())
}

on_both_databases!(an_answer_is_published_with_consent_and_without_the_submitter);
