//! Bulk exports: each file holds what the list API gives the same caller, field for field;
//! nothing above the caller's scope reaches a file or a count; the manifest's figures are
//! those of the files; memory stays flat however many records are exported.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use harness::{Backend, TestApp, TestDatabase, canary::CanaryCounty, on_both_databases};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::leaks::{canaries_in, plain_records, roles};

/// Each kind's list field and its record type, as the export names them.
const KINDS: &[(&str, &str)] = &[
    ("sources", "Source"),
    ("organizations", "Organization"),
    ("people", "Person"),
    ("posts", "Post"),
    ("memberships", "Membership"),
    ("powers", "Power"),
    ("procedures", "Procedure"),
    ("meetings", "Meeting"),
    ("decisions", "Decision"),
    ("observers", "Observer"),
    ("appointments", "Appointment"),
    ("disciplinaryCases", "DisciplinaryCase"),
    ("bulletins", "Bulletin"),
    ("socialSupervisors", "SocialSupervisor"),
    ("feedbackAnswers", "FeedbackAnswer"),
    ("inspectionReports", "InspectionReport"),
    ("dutyReports", "DutyReport"),
    ("evaluationRounds", "EvaluationRound"),
    ("exercises", "Exercise"),
];

/// What the export should hold of a field, restated from the README for the test.
#[derive(Debug)]
enum Col {
    Value(String),
    Reference(String),
    Nested(String, Vec<Col>),
}

impl Col {
    fn name(&self) -> &str {
        match self {
            Col::Value(n) | Col::Reference(n) | Col::Nested(n, _) => n,
        }
    }
}

const INTROSPECTION: &str = "{ __schema { types { name interfaces { name } fields { name
    args { type { kind } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";

struct Schema(HashMap<String, Value>);

impl Schema {
    async fn read(app: &TestApp) -> anyhow::Result<Self> {
        let data = app.data(INTROSPECTION, json!({})).await?;
        Ok(Self(
            data["__schema"]["types"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|t| Some((t["name"].as_str()?.to_owned(), t)))
                .collect(),
        ))
    }

    fn is_record(&self, name: &str) -> bool {
        // A jurisdiction is named by its id, as a record is.
        name == "Node"
            || name == "Jurisdiction"
            || self.0.get(name).is_some_and(|t| {
                t["interfaces"]
                    .as_array()
                    .is_some_and(|i| i.iter().any(|i| i["name"] == "Node"))
            })
    }

    /// Every field of `type_name`: scalars and enums as they are, other records by id, lists
    /// of other records and `versions` left out, other objects nested.
    fn columns(&self, type_name: &str) -> Vec<Col> {
        let mut out = Vec::new();
        let fields = self.0[type_name]["fields"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for field in fields {
            let name = field["name"].as_str().unwrap_or_default().to_owned();
            if name == "versions" {
                continue;
            }
            let mut ty = &field["type"];
            let mut list = false;
            while ty["name"].is_null() {
                list |= ty["kind"] == "LIST";
                ty = &ty["ofType"];
            }
            let inner = ty["name"].as_str().unwrap_or_default();
            match ty["kind"].as_str().unwrap_or_default() {
                "SCALAR" | "ENUM" => out.push(Col::Value(name)),
                // A list of other records is theirs to export.
                _ if self.is_record(inner) && list => {}
                _ if self.is_record(inner) => out.push(Col::Reference(name)),
                "OBJECT" => out.push(Col::Nested(name, self.columns(inner))),
                _ => {}
            }
        }
        out
    }
}

fn selection(cols: &[Col]) -> String {
    cols.iter()
        .map(|c| match c {
            Col::Value(n) => n.clone(),
            Col::Reference(n) => format!("{n} {{ id }}"),
            Col::Nested(n, inner) => format!("{n} {{ {} }}", selection(inner)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A record as the API returned it, in the form the export promises: references as ids.
fn expected(value: &Value, cols: &[Col]) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(|i| expected(i, cols)).collect()),
        Value::Object(fields) => Value::Object(
            cols.iter()
                .map(|c| {
                    let v = &fields[c.name()];
                    let v = match c {
                        Col::Value(_) => v.clone(),
                        Col::Reference(_) => v["id"].clone(),
                        Col::Nested(_, inner) => expected(v, inner),
                    };
                    (c.name().to_owned(), v)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Every record of `list` the caller of `token` sees through the list API, and its total.
async fn through_the_api(
    app: &TestApp,
    token: Option<&str>,
    list: &str,
    cols: &[Col],
) -> anyhow::Result<(Vec<Value>, u64)> {
    let query = format!(
        "query($a: String) {{ {list}(first: 100, after: $a) {{ totalCount
            pageInfo {{ hasNextPage endCursor }} nodes {{ {} }} }} }}",
        selection(cols)
    );
    let mut out = Vec::new();
    let mut after = Value::Null;
    loop {
        let (status, body) = app.graphql_as(token, &query, json!({ "a": after })).await?;
        anyhow::ensure!(
            status == 200 && body.get("errors").is_none(),
            "{list}: {body}"
        );
        let conn = &body["data"][list];
        for node in conn["nodes"].as_array().cloned().unwrap_or_default() {
            out.push(expected(&node, cols));
        }
        if conn["pageInfo"]["hasNextPage"] != true {
            let total = conn["totalCount"].as_u64().unwrap_or_default();
            return Ok((out, total));
        }
        after = conn["pageInfo"]["endCursor"].clone();
    }
}

/// GETs `path` with `token`; the response.
async fn get(app: &TestApp, token: Option<&str>, path: &str) -> anyhow::Result<reqwest::Response> {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    Ok(request.send().await?)
}

/// The body of an export that must succeed.
async fn download(app: &TestApp, token: Option<&str>, path: &str) -> anyhow::Result<Vec<u8>> {
    let response = get(app, token, path).await?;
    anyhow::ensure!(response.status() == 200, "{path}: {}", response.status());
    Ok(response.bytes().await?.to_vec())
}

/// Parses CSV (RFC 4180) back into rows of cells.
fn parse_csv(text: &str) -> anyhow::Result<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                c => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '"' => anyhow::bail!("a quote inside an unquoted cell"),
            ',' => {
                row.push(std::mem::take(&mut cell));
                at_start = true;
            }
            '\r' => {
                anyhow::ensure!(chars.next() == Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_start = true;
            }
            '\n' => anyhow::bail!("a bare LF ends a row"),
            c => {
                cell.push(c);
                at_start = false;
            }
        }
    }
    anyhow::ensure!(
        !quoted && cell.is_empty() && row.is_empty(),
        "the file ends inside a row"
    );
    Ok(rows)
}

/// Whether a CSV cell holds `value` as the export writes it.
fn cell_holds(cell: &str, value: &Value) -> bool {
    match value {
        Value::Null => cell.is_empty(),
        Value::String(s) => cell == s,
        other => serde_json::from_str::<Value>(cell).is_ok_and(|v| &v == other),
    }
}

fn jsonl(bytes: &[u8]) -> anyhow::Result<Vec<Value>> {
    let text = std::str::from_utf8(bytes)?;
    anyhow::ensure!(
        text.is_empty() || text.ends_with('\n'),
        "the last line is not ended"
    );
    text.lines().map(|l| Ok(serde_json::from_str(l)?)).collect()
}

/// Checks that the CSV `bytes` hold the same records as `records`, row for row.
fn same_rows(kind: &str, bytes: &[u8], records: &[Value]) -> anyhow::Result<()> {
    let rows = parse_csv(std::str::from_utf8(bytes)?)?;
    let (header, rows) = rows
        .split_first()
        .ok_or_else(|| anyhow::anyhow!("{kind}: no header"))?;
    assert_eq!(rows.len(), records.len(), "{kind}: CSV rows");
    for (row, record) in rows.iter().zip(records) {
        let fields = record
            .as_object()
            .ok_or_else(|| anyhow::anyhow!("not an object"))?;
        assert_eq!(
            header.iter().collect::<BTreeSet<_>>(),
            fields.keys().collect::<BTreeSet<_>>(),
            "{kind}: CSV columns"
        );
        assert_eq!(row.len(), header.len(), "{kind}: cells in a row");
        for (name, cell) in header.iter().zip(row) {
            assert!(
                cell_holds(cell, &fields[name]),
                "{kind}.{name}: {cell:?} against {}",
                fields[name]
            );
        }
    }
    Ok(())
}

/// An organization that owns drafts in the demo county, for an editor's token.
async fn an_owner_of_drafts(app: &TestApp) -> anyhow::Result<i64> {
    let db = app.db()?;
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT owner_org_id FROM powers WHERE status <> 'PUBLISHED' AND owner_org_id IS NOT NULL ORDER BY id LIMIT 1",
        ))
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo county has no draft power"))?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

async fn each_export_holds_what_the_list_api_gives_the_same_caller(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let schema = Schema::read(&app).await?;
    let owner = an_owner_of_drafts(&app).await?;
    let callers = [
        ("public", None),
        ("media", Some(app.token("media", &[])?)),
        ("member", Some(app.token("member", &[])?)),
        ("editor", Some(app.token("editor", &[owner])?)),
        ("supervisor", Some(app.token("supervisor", &[])?)),
        ("admin", Some(app.token("admin", &[])?)),
    ];
    let mut totals: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    for (role, token) in &callers {
        let token = token.as_deref();
        let manifest: Value = get(&app, token, "/export/manifest.json")
            .await?
            .json()
            .await?;
        for (list, type_name) in KINDS {
            let cols = schema.columns(type_name);
            let (api, total) = through_the_api(&app, token, list, &cols).await?;
            let lines = jsonl(&download(&app, token, &format!("/export/{list}.jsonl")).await?)?;
            assert_eq!(lines.len(), api.len(), "{role} / {list}: records");
            for (line, record) in lines.iter().zip(&api) {
                assert_eq!(line, record, "{role} / {list}");
            }
            let csv = download(&app, token, &format!("/export/{list}.csv")).await?;
            same_rows(list, &csv, &api)?;
            for format in ["jsonl", "csv"] {
                let file = manifest["files"]
                    .as_array()
                    .and_then(|f| {
                        f.iter()
                            .find(|f| f["kind"] == *list && f["format"] == format)
                    })
                    .ok_or_else(|| anyhow::anyhow!("{role}: no {list}.{format} in {manifest}"))?;
                assert_eq!(
                    file["records"],
                    json!(total),
                    "{role} / {list}.{format}: count"
                );
                assert_eq!(file["url"], json!(format!("/export/{list}.{format}")));
            }
            totals.entry(list).or_default().push(total);
        }
        assert_eq!(
            manifest["files"].as_array().map(Vec::len),
            Some(KINDS.len() * 2)
        );
        assert!(
            manifest["licence"]["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://"))
        );
    }
    // The roles do differ: the comparison above is not of empty or identical files only.
    for list in ["powers", "meetings", "appointments"] {
        let t = &totals[list];
        assert!(
            t[0] > 0 && t[0] < t[5],
            "{list}: public {} admin {}",
            t[0],
            t[5]
        );
        assert_eq!(t[0], t[1], "{list}: media sees what the public sees");
    }
    app.stop().await?;
    Ok(())
}

async fn no_canary_reaches_an_export_or_a_count_above_the_callers_scope(
    backend: Backend,
) -> anyhow::Result<()> {
    let database = TestDatabase::empty(backend).await?;
    let mut config = database.config();
    config.seed_demo = false;
    let app = TestApp::spawn_with(database, config).await?;
    let county = CanaryCounty::load(app.db()?).await?;
    for role in roles(&app, &county)? {
        let token = role.token.as_deref();
        let manifest: Value = get(&app, token, "/export/manifest.json")
            .await?
            .json()
            .await?;
        let mut seen = BTreeSet::new();
        for file in manifest["files"].as_array().cloned().unwrap_or_default() {
            let url = file["url"].as_str().unwrap_or_default();
            let bytes = download(&app, token, url).await?;
            let name = format!("{} / {url}", role.name);
            assert_eq!(file["bytes"], json!(bytes.len()), "{name}: bytes");
            let digest: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(file["sha256"], json!(digest), "{name}: sha256");
            let rows = if file["format"] == "csv" {
                parse_csv(std::str::from_utf8(&bytes)?)?.len() - 1
            } else {
                jsonl(&bytes)?.len()
            };
            assert_eq!(file["records"], json!(rows), "{name}: records");
            let type_name = file["recordType"].as_str().unwrap_or_default();
            let visible = county.records.get(type_name).map_or(0, |r| {
                r.iter()
                    .filter(|(_, s, a)| role.may_see_record(type_name, *s, *a))
                    .count()
            });
            assert_eq!(
                file["records"],
                json!(plain_records(type_name) + visible),
                "{name}: the count is of what the role may see"
            );
            let list = file["kind"].as_str().unwrap_or_default();
            let total = app
                .graphql_as(token, &format!("{{ {list} {{ totalCount }} }}"), json!({}))
                .await?
                .1;
            assert_eq!(
                file["records"], total["data"][list]["totalCount"],
                "{name}: list total"
            );
            seen.extend(canaries_in(&String::from_utf8_lossy(&bytes)));
        }
        assert!(!manifest.to_string().contains("CANARY"));
        for canary in &seen {
            let c = &county.canaries[canary];
            assert!(
                role.may_see_record(c.node.0, c.state, c.audience_a)
                    && role.may_see_field(c.field_scope, c.audience_a, c.state),
                "LEAK: {} exported {}.{} of a {:?} record (field needs {})",
                role.name,
                c.table,
                c.column,
                c.state,
                c.field_scope
            );
        }
        // And what the role may see is there, parts of records included.
        for (canary, c) in &county.canaries {
            if role.may_see_record(c.node.0, c.state, c.audience_a)
                && role.may_see_field(c.field_scope, c.audience_a, c.state)
            {
                assert!(
                    seen.contains(canary),
                    "{} missed {}.{} of a {:?} record",
                    role.name,
                    c.table,
                    c.column,
                    c.state
                );
            }
        }
    }
    app.stop().await?;
    Ok(())
}

async fn csv_quotes_what_it_must_and_refusals_carry_codes(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let tricky = "他说：\"你好, 门源\"\r\n第二行, and a \"quote\"";
    let db = app.db()?;
    let id: i64 = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM sources WHERE scope = 'PUBLIC' AND status = 'PUBLISHED' ORDER BY id LIMIT 1",
        ))
        .await?
        .ok_or_else(|| anyhow::anyhow!("no public source"))?
        .try_get_by_index(0)?;
    db.execute_raw(sea_orm::Statement::from_sql_and_values(
        db.get_database_backend(),
        match db.get_database_backend() {
            sea_orm::DbBackend::Postgres => "UPDATE sources SET title = $1 WHERE id = $2",
            _ => "UPDATE sources SET title = ? WHERE id = ?",
        },
        [tricky.into(), id.into()],
    ))
    .await?;
    let gid = app.ids().encode("Source", id).0;

    let response = get(&app, None, "/export/sources.csv").await?;
    assert_eq!(response.status(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert!(header("content-type").starts_with("text/csv; charset=utf-8"));
    assert_eq!(
        header("content-disposition"),
        "attachment; filename=\"sunlight-sources.csv\""
    );
    let plain = response.bytes().await?;
    assert!(plain.starts_with(b"id,"), "no BOM without ?bom=1");
    let rows = parse_csv(std::str::from_utf8(&plain)?)?;
    let title = rows[0]
        .iter()
        .position(|h| h == "title")
        .ok_or_else(|| anyhow::anyhow!("no title"))?;
    let row = rows
        .iter()
        .find(|r| r[0] == gid)
        .ok_or_else(|| anyhow::anyhow!("no row {gid}"))?;
    assert_eq!(row[title], tricky, "the value reads back whole");
    let lines = jsonl(&download(&app, None, "/export/sources.jsonl").await?)?;
    assert!(
        lines
            .iter()
            .any(|l| l["id"] == gid.as_str() && l["title"] == tricky)
    );

    let with_bom = download(&app, None, "/export/sources.csv?bom=1").await?;
    assert_eq!(&with_bom[..3], b"\xEF\xBB\xBF");
    assert_eq!(&with_bom[3..], &plain[..]);
    let jsonl_response = get(&app, None, "/export/sources.jsonl").await?;
    assert!(
        jsonl_response.headers()["content-type"]
            .to_str()?
            .starts_with("application/jsonl")
    );

    for (path, token, status, code) in [
        ("/export/nothing.csv", None, 404, "NOT_FOUND"),
        ("/export/powers.xlsx", None, 404, "NOT_FOUND"),
        ("/export/powers", None, 404, "NOT_FOUND"),
        ("/export/powers.csv?bom=2", None, 400, "BAD_USER_INPUT"),
        ("/export/powers.jsonl?bom=1", None, 400, "BAD_USER_INPUT"),
        (
            "/export/powers.csv",
            Some("not-a-token"),
            401,
            "UNAUTHENTICATED",
        ),
        (
            "/export/manifest.json",
            Some("not-a-token"),
            401,
            "UNAUTHENTICATED",
        ),
    ] {
        let response = get(&app, token, path).await?;
        assert_eq!(response.status(), status, "{path}");
        let body: Value = response.json().await?;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], code,
            "{path}: {body}"
        );
        assert!(
            body["errors"][0]["extensions"]["requestId"].is_string(),
            "{path}"
        );
    }
    app.stop().await?;
    Ok(())
}

async fn exports_are_rate_limited_like_every_route(backend: Backend) -> anyhow::Result<()> {
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.rate_limit_anonymous_per_second = 1;
    config.rate_limit_anonymous_burst = 2;
    let app = TestApp::spawn_with(database, config).await?;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(
            get(&app, None, "/export/powers.csv")
                .await?
                .status()
                .as_u16(),
        );
    }
    assert_eq!(&statuses[..2], &[200, 200]);
    assert!(statuses[2..].contains(&429), "{statuses:?}");
    app.stop().await?;
    Ok(())
}

/// The records in the access log of the token subject `actor`, once the writer has caught up.
async fn logged(
    app: &TestApp,
    admin: &str,
    actor: &str,
) -> anyhow::Result<BTreeSet<(String, String)>> {
    let mut out = BTreeSet::new();
    let mut after = Value::Null;
    loop {
        let (_, body) = app
            .graphql_as(
                Some(admin),
                "query($a: String, $actor: String) { accessLog(filter: { actor: $actor }, first: 100, after: $a) {
                    pageInfo { hasNextPage endCursor } nodes { recordKind record } } }",
                json!({ "a": after, "actor": actor }),
            )
            .await?;
        let conn = &body["data"]["accessLog"];
        anyhow::ensure!(conn.is_object(), "{body}");
        for n in conn["nodes"].as_array().cloned().unwrap_or_default() {
            out.insert((n["recordKind"].to_string(), n["record"].to_string()));
        }
        if conn["pageInfo"]["hasNextPage"] != true {
            return Ok(out);
        }
        after = conn["pageInfo"]["endCursor"].clone();
    }
}

async fn exports_log_what_they_serve_as_graphql_answers_do(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let schema = Schema::read(&app).await?;
    let admin = app.token_as("admin", &[], "log-reader")?;
    let by_export = app.token_as("member", &[], "member-export")?;
    let by_api = app.token_as("member", &[], "member-api")?;
    for (list, type_name) in [
        ("meetings", "Meeting"),
        ("decisions", "Decision"),
        ("people", "Person"),
    ] {
        download(&app, Some(&by_export), &format!("/export/{list}.csv")).await?;
        through_the_api(&app, Some(&by_api), list, &schema.columns(type_name)).await?;
    }
    // The public's exports are never logged.
    download(&app, None, "/export/meetings.jsonl").await?;
    let mut tries = 0;
    let (exported, listed) = loop {
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        let exported = logged(&app, &admin, "member-export").await?;
        let listed = logged(&app, &admin, "member-api").await?;
        tries += 1;
        if (exported == listed && !exported.is_empty()) || tries > 10 {
            break (exported, listed);
        }
    };
    assert!(exported.len() > 5, "only {} records logged", exported.len());
    assert_eq!(
        exported, listed,
        "the export logs what the same reads through the API log"
    );
    app.stop().await?;
    Ok(())
}

async fn the_manifest_is_kept_briefly_and_follows_changes(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let sources = |m: &Value| {
        m["files"]
            .as_array()
            .and_then(|f| {
                f.iter()
                    .find(|f| f["kind"] == "sources" && f["format"] == "jsonl")
            })
            .map(|f| f["records"].as_u64().unwrap_or_default())
            .unwrap_or_default()
    };
    let first: Value = get(&app, None, "/export/manifest.json")
        .await?
        .json()
        .await?;
    let again: Value = get(&app, None, "/export/manifest.json")
        .await?
        .json()
        .await?;
    assert_eq!(
        first["generatedAt"], again["generatedAt"],
        "a repeated call is served the kept manifest"
    );
    let member = app.token("member", &[])?;
    let members: Value = get(&app, Some(&member), "/export/manifest.json")
        .await?
        .json()
        .await?;
    assert!(sources(&members) >= sources(&first));
    let db = app.db()?;
    db.execute_unprepared(
        "INSERT INTO sources (issuer, title, scope, status, publish_at, version, created_at, updated_at)
         SELECT issuer, '新增文件', 'PUBLIC', 'PUBLISHED', publish_at, 1, created_at, updated_at
         FROM sources WHERE scope = 'PUBLIC' AND status = 'PUBLISHED' ORDER BY id LIMIT 1",
    )
    .await?;
    let changed = std::time::Instant::now();
    loop {
        let now: Value = get(&app, None, "/export/manifest.json")
            .await?
            .json()
            .await?;
        if sources(&now) == sources(&first) + 1 {
            break;
        }
        assert!(
            changed.elapsed() < std::time::Duration::from_secs(7),
            "the manifest still counts {} sources",
            sources(&now)
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    each_export_holds_what_the_list_api_gives_the_same_caller,
    no_canary_reaches_an_export_or_a_count_above_the_callers_scope,
    csv_quotes_what_it_must_and_refusals_carry_codes,
    exports_are_rate_limited_like_every_route,
    exports_log_what_they_serve_as_graphql_answers_do,
    the_manifest_is_kept_briefly_and_follows_changes,
);

/// Writes `range.len()` public powers held by organization `org`, 500 to a statement.
async fn seed_powers(
    db: &sea_orm::DatabaseConnection,
    org: i64,
    range: std::ops::Range<usize>,
) -> anyhow::Result<()> {
    use sea_orm::sea_query::{Alias, Query};
    let now = chrono::Utc::now();
    let past = now - chrono::Duration::days(1);
    let columns = [
        "code",
        "name",
        "category",
        "holder_org_id",
        "legal_basis",
        "duties",
        "accountability",
        "undertaking_unit",
        "carriers",
        "timing",
        "risk_level",
        "scope",
        "status",
        "publish_at",
        "version",
        "owner_org_id",
        "created_at",
        "updated_at",
    ];
    let txn = sunlight::db::begin_write(db).await?;
    let ids: Vec<usize> = range.collect();
    for chunk in ids.chunks(500) {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new("powers"))
            .columns(columns.map(Alias::new));
        for i in chunk {
            let values: [sea_orm::Value; 18] = [
                format!("MEM-{i:06}").into(),
                format!("第{i}项职权：重大事项决策, \"测试\"").into(),
                "MAJOR_DECISION".into(),
                org.into(),
                "《中国共产党党务公开条例（试行）》第十五条"
                    .repeat(12)
                    .into(),
                "提出议题，组织调研，广泛听取意见，集体讨论决定，按规定公开。"
                    .repeat(12)
                    .into(),
                "未经集体讨论作出决定的，依规依纪追究责任。"
                    .repeat(12)
                    .into(),
                "县委办公室".into(),
                "WEBSITE,TV".into(),
                "IMMEDIATE".into(),
                "MEDIUM".into(),
                "PUBLIC".into(),
                "PUBLISHED".into(),
                past.into(),
                1i32.into(),
                org.into(),
                now.into(),
                now.into(),
            ];
            insert.values(values.map(Into::into))?;
        }
        txn.execute(&insert).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A figure of this process from `/proc/self/status`, in KiB.
fn status_kib(name: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no {name} in /proc/self/status"))
}

/// One export as the public, read chunk by chunk and never kept: the peak memory it added to
/// the process, its size, its time and the statements it took.
struct Measure {
    growth_kib: u64,
    bytes: u64,
    secs: f64,
    statements: u64,
}

async fn measure(app: &TestApp, path: &str, records: usize) -> anyhow::Result<Measure> {
    // Resets VmHWM to the current VmRSS, so that the peak is the export's.
    std::fs::write("/proc/self/clear_refs", "5")?;
    let base = status_kib("VmRSS")?;
    let statements = app.counter("sunlight_db_statements_total").await?;
    let started = std::time::Instant::now();
    let mut response = get(app, None, path).await?;
    anyhow::ensure!(response.status() == 200, "{path}: {}", response.status());
    let (mut bytes, mut lines) = (0u64, 0usize);
    while let Some(chunk) = response.chunk().await? {
        bytes += chunk.len() as u64;
        lines += chunk.iter().filter(|b| **b == b'\n').count();
    }
    let secs = started.elapsed().as_secs_f64();
    let peak = status_kib("VmHWM")?;
    // The header row, then one row per record (no value here holds a line break).
    assert_eq!(lines, records + 1, "{path}: rows");
    Ok(Measure {
        growth_kib: peak.saturating_sub(base),
        bytes,
        secs,
        statements: app.counter("sunlight_db_statements_total").await? - statements,
    })
}

/// Records of the two exports the probe compares. The test build runs the schema unoptimized,
/// at about a millisecond per record: 20,000 keep the test well under a minute, and
/// `bench/export.sh` measures 100,000 on a release build.
const SMALL: usize = 2_000;
const LARGE: usize = 20_000;

/// One public organization, written straight into an empty database, to hold seeded powers.
async fn bare_organization(db: &sea_orm::DatabaseConnection) -> anyhow::Result<i64> {
    let org: i64 = {
        use sea_orm::sea_query::{Alias, Query};
        let now = chrono::Utc::now();
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new("organizations"))
            .columns(
                [
                    "name",
                    "kind",
                    "scope",
                    "status",
                    "publish_at",
                    "version",
                    "created_at",
                    "updated_at",
                ]
                .map(Alias::new),
            )
            .values([
                "门源县委办公室".into(),
                "DEPARTMENT".into(),
                "PUBLIC".into(),
                "PUBLISHED".into(),
                sea_orm::Value::from(now - chrono::Duration::days(1)).into(),
                1i32.into(),
                now.into(),
                now.into(),
            ])?
            .returning_col(Alias::new("id"));
        db.query_one(&insert)
            .await?
            .ok_or_else(|| anyhow::anyhow!("no id"))?
            .try_get_by_index(0)?
    };
    Ok(org)
}

/// The measure itself, run alone in a process of its own (see below): other tests of the same
/// process would move its peak memory.
async fn memory_probe(backend: Backend) -> anyhow::Result<()> {
    let database = TestDatabase::empty(backend).await?;
    let mut config = database.config();
    config.seed_demo = false;
    let app = TestApp::spawn_with(database, config).await?;
    let db = app.db()?;
    let org = bare_organization(db).await?;
    seed_powers(db, org, 0..SMALL).await?;
    let small = measure(&app, "/export/powers.csv", SMALL).await?;
    let seeding = std::time::Instant::now();
    seed_powers(db, org, SMALL..LARGE).await?;
    let seeded = seeding.elapsed().as_secs_f64();
    let large = measure(&app, "/export/powers.csv", LARGE).await?;
    println!(
        "EXPORT_MEMORY {backend:?}: {SMALL} powers: {} KiB peak growth, {} bytes, {:.1} s; \
         {LARGE} powers (seeded in {seeded:.1} s): {} KiB peak growth, {} bytes, {:.1} s, {} statements",
        small.growth_kib,
        small.bytes,
        small.secs,
        large.growth_kib,
        large.bytes,
        large.secs,
        large.statements
    );
    // Ten times the records, about the same memory: far less than the file, and not ten times
    // what a tenth of it took.
    assert!(large.bytes > 40_000_000, "{} bytes", large.bytes);
    assert!(
        large.growth_kib * 1024 < large.bytes / 4,
        "exporting {} bytes grew the peak by {} KiB",
        large.bytes,
        large.growth_kib
    );
    assert!(
        large.growth_kib < small.growth_kib + 8 * 1024,
        "the peak grows with the records: {} KiB for {SMALL}, {} KiB for {LARGE}",
        small.growth_kib,
        large.growth_kib
    );

    app.stop().await?;
    Ok(())
}

async fn an_abandoned_export_stops_its_work(backend: Backend) -> anyhow::Result<()> {
    let database = TestDatabase::empty(backend).await?;
    let mut config = database.config();
    config.seed_demo = false;
    let app = TestApp::spawn_with(database, config).await?;
    let db = app.db()?;
    let org = bare_organization(db).await?;
    seed_powers(db, org, 0..SMALL).await?;
    let whole = measure(&app, "/export/powers.csv", SMALL).await?;
    // A client that goes away stops the work: after the first chunk, no more statements.
    let before = app.counter("sunlight_db_statements_total").await?;
    let mut response = get(&app, None, "/export/powers.jsonl").await?;
    anyhow::ensure!(response.chunk().await?.is_some(), "no first chunk");
    drop(response);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let stopped = app.counter("sunlight_db_statements_total").await?;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let later = app.counter("sunlight_db_statements_total").await?;
    assert_eq!(stopped, later, "statements still run after the client left");
    assert!(
        stopped - before < whole.statements / 4,
        "the abandoned export took {} statements; a whole one takes {}",
        stopped - before,
        whole.statements
    );
    app.stop().await?;
    Ok(())
}

on_both_databases!(an_abandoned_export_stops_its_work);

/// A memory target, so not part of the suite's run: `bench/export_memory.sh` runs it alone in a
/// process of its own, so that no other test moves the process' peak memory while it measures.
mod memory_probe {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "a memory measurement; run it with bench/export_memory.sh"]
    async fn sqlite() -> anyhow::Result<()> {
        super::memory_probe(harness::Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "a memory measurement; run it with bench/export_memory.sh"]
    async fn postgres() -> anyhow::Result<()> {
        super::memory_probe(harness::Backend::Postgres).await
    }
}
