//! Documents on records: `GET /documents/{sha256}` serves a document only to a caller who sees
//! a record carrying it (and is cleared for the attachment's scope on it), with its type, an
//! ETag equal to its name, 304 and byte ranges; anything else is the same 404 as an unknown
//! name. `POST /documents` takes uploads from writers only, checks the type from the content
//! and the size, and a writer attaches only what they uploaded.

use harness::{Backend, TestApp, TestDatabase, canary::CanaryCounty, on_both_databases};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use sha2::Digest as _;

/// A response: status, headers, body.
struct Got {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Got {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// The error body without its request id, which differs between any two requests.
    fn refusal(&self) -> Value {
        let mut value: Value = serde_json::from_slice(&self.body).unwrap_or_default();
        if let Some(ext) = value["errors"][0]["extensions"].as_object_mut() {
            ext.remove("requestId");
        }
        value
    }
}

async fn get(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
) -> anyhow::Result<Got> {
    let mut request = app.client.request(method, app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(request, token).await
}

async fn post(app: &TestApp, token: Option<&str>, body: Vec<u8>) -> anyhow::Result<Got> {
    send(app.client.post(app.url("/documents")).body(body), token).await
}

/// Sends `request`, with `token` when given.
async fn send(mut request: reqwest::RequestBuilder, token: Option<&str>) -> anyhow::Result<Got> {
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await?;
    Ok(Got {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.bytes().await?.to_vec(),
    })
}

fn sha256(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The name of no stored document.
const UNKNOWN: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The demo attachment on a record of `kind` whose title starts with `title`.
async fn demo_attachment(
    app: &TestApp,
    kind: entity::enums::RecordKind,
    title: &str,
) -> anyhow::Result<entity::attachment::Model> {
    entity::attachment::Entity::find()
        .filter(entity::attachment::Column::RecordKind.eq(kind))
        .filter(entity::attachment::Column::Title.starts_with(title))
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo attachment {title}"))
}

async fn a_document_is_served_to_whoever_sees_its_record(backend: Backend) -> anyhow::Result<()> {
    use entity::enums::RecordKind;
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.response_cache_ms = 0;
    let app = TestApp::spawn_with(database, config).await?;
    let member = app.token("member", &[])?;
    let supervisor = app.token("supervisor", &[])?;
    let unknown = get(
        &app,
        Method::GET,
        &format!("/documents/{UNKNOWN}"),
        None,
        &[],
    )
    .await?;
    assert_eq!(unknown.status, 404);
    assert_eq!(
        unknown.refusal()["errors"][0]["extensions"]["code"],
        "NOT_FOUND"
    );

    // A public decision's text: the bytes named by their hash, typed from their content.
    let text = demo_attachment(&app, RecordKind::Decision, "决定全文").await?;
    let path = format!("/documents/{}", text.sha256);
    let got = get(&app, Method::GET, &path, None, &[]).await?;
    assert_eq!(got.status, 200);
    assert_eq!(sha256(&got.body), text.sha256);
    assert!(String::from_utf8_lossy(&got.body).contains("示例文件"));
    assert_eq!(got.header("content-type"), "text/plain; charset=utf-8");
    let etag = format!("\"{}\"", text.sha256);
    assert_eq!(got.header("etag"), etag);
    assert_eq!(got.header("accept-ranges"), "bytes");
    assert_eq!(got.header("x-content-type-options"), "nosniff");
    assert!(got.header("content-security-policy").contains("sandbox"));
    assert_eq!(got.header("cache-control"), "public, no-cache");
    let size = got.body.len();
    // The name in upper case is the same document.
    let upper = get(
        &app,
        Method::GET,
        &path.to_uppercase().replace("/DOCUMENTS/", "/documents/"),
        None,
        &[],
    )
    .await?;
    assert_eq!(upper.body, got.body);
    // A client that holds it gets 304; HEAD gets the headers alone.
    let held = get(&app, Method::GET, &path, None, &[("if-none-match", &etag)]).await?;
    assert_eq!((held.status, held.body.len()), (304, 0));
    let head = get(&app, Method::HEAD, &path, None, &[]).await?;
    assert_eq!((head.status, head.body.len()), (200, 0));
    assert_eq!(head.header("content-length"), size.to_string());
    // Ranges: a slice, a suffix, one past the end, and a range for another version.
    let part = get(&app, Method::GET, &path, None, &[("range", "bytes=0-9")]).await?;
    assert_eq!(part.status, 206);
    assert_eq!(part.body, got.body[..10]);
    assert_eq!(part.header("content-range"), format!("bytes 0-9/{size}"));
    let tail = get(&app, Method::GET, &path, None, &[("range", "bytes=-7")]).await?;
    assert_eq!((tail.status, &tail.body[..]), (206, &got.body[size - 7..]));
    let past = format!("bytes={size}-");
    let beyond = get(&app, Method::GET, &path, None, &[("range", &past)]).await?;
    assert_eq!(beyond.status, 416);
    assert_eq!(beyond.header("content-range"), format!("bytes */{size}"));
    let stale = get(
        &app,
        Method::GET,
        &path,
        None,
        &[("range", "bytes=0-9"), ("if-range", "\"another\"")],
    )
    .await?;
    assert_eq!((stale.status, stale.body.len()), (200, size));
    let fresh = get(
        &app,
        Method::GET,
        &path,
        None,
        &[("range", "bytes=0-9"), ("if-range", &etag)],
    )
    .await?;
    assert_eq!(fresh.status, 206);

    // A PDF on an exercise is served as a PDF.
    let pdf = demo_attachment(&app, RecordKind::Exercise, "听证公告").await?;
    let got = get(
        &app,
        Method::GET,
        &format!("/documents/{}", pdf.sha256),
        None,
        &[],
    )
    .await?;
    assert_eq!(
        (got.status, got.header("content-type")),
        (200, "application/pdf")
    );
    assert!(got.body.starts_with(b"%PDF-"));

    // Minutes on a PUBLIC meeting, for party members only: the public sees the meeting, not the
    // minutes; asking for them is the 404 of an unknown name.
    let minutes = demo_attachment(&app, RecordKind::Meeting, "会议纪要").await?;
    assert_eq!(minutes.scope, entity::enums::Scope::Party);
    let path = format!("/documents/{}", minutes.sha256);
    let hidden = get(&app, Method::GET, &path, None, &[]).await?;
    assert_eq!((hidden.status, hidden.refusal()), (404, unknown.refusal()));
    let hidden = get(
        &app,
        Method::GET,
        &path,
        None,
        &[("if-none-match", &format!("\"{}\"", minutes.sha256))],
    )
    .await?;
    assert_eq!(hidden.status, 404, "a validator tells nothing either");
    let reader = app.token_as("member", &[], "minutes-reader")?;
    let seen = get(&app, Method::GET, &path, Some(&reader), &[]).await?;
    assert_eq!(seen.status, 200);
    assert_eq!(seen.header("cache-control"), "private, no-cache");
    let meeting = app.gid("Meeting", minutes.record_id);
    // Served beyond the public's: the access log says to whom, from which record.
    let log = "query($f: AccessLogFilter) { accessLog(filter: $f, first: 10) {
        edges { node { actor record } } } }";
    let started = std::time::Instant::now();
    loop {
        let (_, body) = app
            .graphql_as(
                Some(&supervisor),
                log,
                json!({ "f": { "actor": "minutes-reader" } }),
            )
            .await?;
        let records: Vec<Value> = body["data"]["accessLog"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["node"]["record"].clone())
            .collect();
        if records.contains(&json!(meeting)) {
            break;
        }
        anyhow::ensure!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the access log never noted the minutes: {body}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let query = "query($id: ID!, $name: String!) {
        node(id: $id) { ... on Meeting { attachments { title scope document { name url } } } }
        document(name: $name) { name mediaType size } }";
    let vars = json!({ "id": meeting, "name": minutes.sha256 });
    let public = app.data(query, vars.clone()).await?;
    assert_eq!(public["node"]["attachments"], json!([]), "{public}");
    assert_eq!(public["document"], Value::Null);
    let (_, party) = app.graphql_as(Some(&member), query, vars).await?;
    assert_eq!(
        party["data"]["node"]["attachments"][0]["document"]["url"],
        json!(format!("/documents/{}", minutes.sha256)),
        "{party}"
    );
    assert_eq!(
        party["data"]["document"]["mediaType"],
        "text/plain; charset=utf-8"
    );

    // The report of a RESTRICTED case: supervisors only.
    let report = demo_attachment(&app, RecordKind::DisciplinaryCase, "审查报告").await?;
    let path = format!("/documents/{}", report.sha256);
    for token in [None, Some(member.as_str())] {
        let hidden = get(&app, Method::GET, &path, token, &[]).await?;
        assert_eq!((hidden.status, hidden.refusal()), (404, unknown.refusal()));
    }
    let seen = get(&app, Method::GET, &path, Some(&supervisor), &[]).await?;
    assert_eq!(seen.status, 200);
    assert_eq!(sha256(&seen.body), report.sha256);
    app.stop().await?;
    Ok(())
}

async fn only_writers_upload_and_they_attach_only_what_they_uploaded(
    backend: Backend,
) -> anyhow::Result<()> {
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.response_cache_ms = 0;
    config.document_max_bytes = 4096;
    let app = TestApp::spawn_with(database, config).await?;
    let org = entity::organization::Entity::find()
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no organization"))?
        .id;
    let writer = app.token_as("editor", &[org], "editor-one")?;
    let other = app.token_as("editor", &[org], "editor-two")?;
    let member = app.token("member", &[])?;
    let content = "【示例】上传的文件（示例）\n".as_bytes().to_vec();
    let name = sha256(&content);

    // Who may upload, and what.
    let refused = post(&app, None, content.clone()).await?;
    assert_eq!(refused.status, 401);
    let refused = post(&app, Some(&member), content.clone()).await?;
    assert_eq!(refused.status, 403);
    assert_eq!(
        refused.refusal()["errors"][0]["extensions"]["code"],
        "FORBIDDEN"
    );
    let program = post(&app, Some(&writer), b"MZ\x90\0\x03\0\0\0".to_vec()).await?;
    assert_eq!(program.status, 415);
    assert_eq!(
        program.refusal()["errors"][0]["extensions"]["code"],
        "BAD_USER_INPUT"
    );
    let named_as_pdf = post(&app, Some(&writer), b"<script>alert(1)</script>\0".to_vec()).await?;
    assert_eq!(named_as_pdf.status, 415);
    let large = post(&app, Some(&writer), vec![b'a'; 5000]).await?;
    assert_eq!(large.status, 413);
    assert_eq!(
        large.refusal()["errors"][0]["extensions"]["code"],
        "BAD_USER_INPUT"
    );
    let stored = post(&app, Some(&writer), content.clone()).await?;
    assert_eq!(stored.status, 200);
    let answer: Value = serde_json::from_slice(&stored.body)?;
    assert_eq!(answer["name"], json!(name));
    assert_eq!(answer["size"], json!(content.len()));
    // The answer is the same the second time, and for another writer: it tells nobody whether
    // the content was there before.
    let again = post(&app, Some(&other), content.clone()).await?;
    assert_eq!(serde_json::from_slice::<Value>(&again.body)?, answer);

    // Uploaded, on no record: nobody is served it, not even its writer.
    let path = format!("/documents/{name}");
    for token in [None, Some(writer.as_str())] {
        assert_eq!(get(&app, Method::GET, &path, token, &[]).await?.status, 404);
    }

    // A third writer may not attach what only others uploaded: the refusal is the one for a
    // name nobody uploaded, and nothing is written.
    let third = app.token_as("editor", &[org], "editor-three")?;
    let create = "mutation($owner: ID!, $input: SourceInput!) {
        createSource(owner: $owner, input: $input) { id version } }";
    let owner = app.gid("Organization", org);
    let before = entity::source::Entity::find().count(app.db()?).await?;
    let mut refusals = Vec::new();
    for document in [name.as_str(), "ab".repeat(32).as_str()] {
        let input = json!({ "issuer": "县委办（示例）", "title": "带附件的文件（示例）", "scope": "PUBLIC",
            "attachments": [{ "document": document, "title": "正文（示例）" }] });
        let (_, body) = app
            .graphql_as(
                Some(&third),
                create,
                json!({ "owner": owner, "input": input }),
            )
            .await?;
        let error = &body["errors"][0];
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{body}");
        assert_eq!(
            error["extensions"]["field"], "input.attachments[0].document",
            "{body}"
        );
        refusals.push(error["message"].clone());
    }
    assert_eq!(refusals[0], refusals[1]);
    assert_eq!(
        entity::source::Entity::find().count(app.db()?).await?,
        before
    );

    // Its writer attaches it to a draft: the draft's readers get it, the public does not.
    let input = json!({ "issuer": "县委办（示例）", "title": "带附件的文件（示例）", "scope": "PUBLIC",
        "attachments": [{ "document": name.to_uppercase(), "title": "正文（示例）", "role": "REPORT" }] });
    let (_, body) = app
        .graphql_as(
            Some(&writer),
            create,
            json!({ "owner": owner, "input": input }),
        )
        .await?;
    let id = body["data"]["createSource"]["id"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("{body}"))?
        .to_owned();
    let got = get(&app, Method::GET, &path, Some(&writer), &[]).await?;
    assert_eq!((got.status, got.body), (200, content.clone()));
    assert_eq!(get(&app, Method::GET, &path, None, &[]).await?.status, 404);
    // Another writer of the organization may keep it on the record while changing the rest.
    let update = "mutation($id: ID!, $input: SourceInput!) {
        updateSource(id: $id, expectedVersion: 1, input: $input) { version } }";
    let input = json!({ "title": "带附件的文件（示例，改）",
        "attachments": [{ "document": name, "title": "正文（示例）" }] });
    let (_, body) = app
        .graphql_as(Some(&third), update, json!({ "id": id, "input": input }))
        .await?;
    assert_eq!(body["data"]["updateSource"]["version"], 2, "{body}");
    // A name that is not a hash is refused as such.
    let input = json!({ "attachments": [{ "document": "正文.pdf", "title": "正文" }] });
    let (_, body) = app
        .graphql_as(
            Some(&writer),
            "mutation($id: ID!, $input: SourceInput!) {
                updateSource(id: $id, expectedVersion: 2, input: $input) { version } }",
            json!({ "id": id, "input": input }),
        )
        .await?;
    assert_eq!(
        body["errors"][0]["extensions"]["field"],
        "input.attachments[0].document"
    );
    app.stop().await?;
    Ok(())
}

async fn no_document_reaches_a_caller_who_may_not_see_it(backend: Backend) -> anyhow::Result<()> {
    let database = TestDatabase::empty(backend).await?;
    let mut config = database.config();
    config.seed_demo = false;
    config.response_cache_ms = 0;
    let app = TestApp::spawn_with(database, config).await?;
    let county = CanaryCounty::load(app.db()?).await?;
    let roles = crate::leaks::roles(&app, &county)?;
    let unknown = get(
        &app,
        Method::GET,
        &format!("/documents/{UNKNOWN}"),
        None,
        &[],
    )
    .await?;
    // Three kinds in every state, each with a PUBLIC, a PARTY and a RESTRICTED attachment.
    let documents: Vec<_> = county
        .documents
        .iter()
        .filter(|d| matches!(d.node.0, "Decision" | "DisciplinaryCase" | "Bulletin"))
        .collect();
    assert!(documents.len() >= 90, "only {} documents", documents.len());
    let query = "query($name: String!) { document(name: $name) { name } }";
    for role in &roles {
        let token = role.token.as_deref();
        let mut served = 0;
        for d in &documents {
            let may = role.may_see_record(d.node.0, d.state, d.audience_a)
                && role.may_see_field(d.scope, d.audience_a, d.state);
            let got = get(
                &app,
                Method::GET,
                &format!("/documents/{}", d.name),
                token,
                &[],
            )
            .await?;
            let (_, field) = app
                .graphql_as(token, query, json!({ "name": d.name }))
                .await?;
            if may {
                served += 1;
                assert_eq!(got.status, 200, "{} / {d:?}", role.name);
                assert_eq!(got.body, d.text.as_bytes());
                assert_eq!(field["data"]["document"]["name"], json!(d.name));
            } else {
                assert_eq!(
                    (got.status, got.refusal()),
                    (404, unknown.refusal()),
                    "LEAK: {} got {d:?}",
                    role.name
                );
                assert_eq!(
                    field["data"]["document"],
                    Value::Null,
                    "LEAK: {} / {d:?}",
                    role.name
                );
            }
        }
        // Everyone is served at least the public attachment of each kind's public record.
        assert!(served >= 3, "{} was served {served}", role.name);
    }
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    a_document_is_served_to_whoever_sees_its_record,
    only_writers_upload_and_they_attach_only_what_they_uploaded,
    no_document_reaches_a_caller_who_may_not_see_it,
);
