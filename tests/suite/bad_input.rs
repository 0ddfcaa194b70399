//! Bad strings in every string argument of every root field and mutation, read from the schema
//! by introspection rather than listed by hand: each is `BAD_USER_INPUT` naming the argument,
//! for anonymous callers and writers alike, and nothing is written.

use std::collections::HashMap;

use harness::{Backend, TestApp, on_both_databases};
use serde_json::{Value, json};

/// The strings no argument may carry.
fn bad_strings() -> Vec<(&'static str, String)> {
    vec![
        ("a NUL byte", "门源\u{0}县委".to_owned()),
        ("a control character", "bell\u{7}".to_owned()),
        ("an escape sequence", "\u{1b}[31mred".to_owned()),
        ("an over-long string", "x".repeat(20_001)),
    ]
}

const INTROSPECT: &str = r#"
fragment Ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
query {
  __schema {
    queryType { fields { name args { name type { ...Ref } } type { ...Ref } } }
    mutationType { fields { name args { name type { ...Ref } } type { ...Ref } } }
    types { name kind inputFields { name type { ...Ref } } }
  }
}"#;

/// A type reference as introspection gives it, unwrapped.
struct TypeRef {
    /// The type as written in a variable definition, e.g. `[ID!]!`.
    written: String,
    /// The named type at its core.
    named: String,
    /// The named type's kind.
    kind: String,
    /// How many lists wrap it.
    lists: usize,
}

fn type_ref(value: &Value) -> TypeRef {
    match value["kind"].as_str().unwrap_or_default() {
        "NON_NULL" => {
            let inner = type_ref(&value["ofType"]);
            TypeRef {
                written: format!("{}!", inner.written),
                ..inner
            }
        }
        "LIST" => {
            let inner = type_ref(&value["ofType"]);
            TypeRef {
                written: format!("[{}]", inner.written),
                lists: inner.lists + 1,
                ..inner
            }
        }
        kind => {
            let name = value["name"].as_str().unwrap_or_default().to_owned();
            TypeRef {
                written: name.clone(),
                named: name,
                kind: kind.to_owned(),
                lists: 0,
            }
        }
    }
}

/// Scalars that travel as strings.
fn is_string_scalar(kind: &str, name: &str) -> bool {
    kind == "SCALAR" && !matches!(name, "Int" | "Float" | "Boolean")
}

/// Wraps `value` in `lists` lists.
fn wrap(mut value: Value, lists: usize) -> Value {
    for _ in 0..lists {
        value = json!([value]);
    }
    value
}

/// Every path to a string inside a value of `ty`: the path as the error names it, and the value
/// that holds `bad` at that path.
fn string_paths(
    ty: &TypeRef,
    inputs: &HashMap<String, Vec<(String, TypeRef)>>,
    path: &str,
    bad: &str,
    depth: usize,
) -> Vec<(String, Value)> {
    let index = if ty.lists > 0 {
        "[0]".repeat(ty.lists)
    } else {
        String::new()
    };
    if is_string_scalar(&ty.kind, &ty.named) {
        return vec![(format!("{path}{index}"), wrap(json!(bad), ty.lists))];
    }
    if ty.kind != "INPUT_OBJECT" || depth > 3 {
        return Vec::new();
    }
    let Some(fields) = inputs.get(&ty.named) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, field) in fields {
        for (inner, value) in string_paths(
            field,
            inputs,
            &format!("{path}{index}.{name}"),
            bad,
            depth + 1,
        ) {
            out.push((inner, wrap(json!({ name: value }), ty.lists)));
        }
    }
    out
}

async fn every_string_argument_refuses_bad_strings(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let admin = app.token_as("admin", &[], "admin-bad-input")?;
    let (status, schema) = app.graphql_as(Some(&admin), INTROSPECT, json!({})).await?;
    anyhow::ensure!(status == 200 && schema.get("errors").is_none(), "{schema}");
    let schema = &schema["data"]["__schema"];
    let mut inputs: HashMap<String, Vec<(String, TypeRef)>> = HashMap::new();
    for ty in schema["types"].as_array().into_iter().flatten() {
        if ty["kind"] == "INPUT_OBJECT" {
            let fields = ty["inputFields"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| {
                    (
                        f["name"].as_str().unwrap_or_default().to_owned(),
                        type_ref(&f["type"]),
                    )
                })
                .collect();
            inputs.insert(ty["name"].as_str().unwrap_or_default().to_owned(), fields);
        }
    }
    let entries_before = sunlight::audit::verify(app.db()?).await?.entries;
    let mut tried = 0;
    let mut fields_with_strings = 0;
    for (operation, root) in [("query", "queryType"), ("mutation", "mutationType")] {
        for field in schema[root]["fields"].as_array().into_iter().flatten() {
            let name = field["name"].as_str().unwrap_or_default();
            let returns = type_ref(&field["type"]);
            let selection = if matches!(returns.kind.as_str(), "OBJECT" | "INTERFACE" | "UNION") {
                " { __typename }"
            } else {
                ""
            };
            let mut any = false;
            for arg in field["args"].as_array().into_iter().flatten() {
                let arg_name = arg["name"].as_str().unwrap_or_default();
                let ty = type_ref(&arg["type"]);
                for (what, bad) in bad_strings() {
                    for (path, value) in string_paths(&ty, &inputs, arg_name, &bad, 0) {
                        any = true;
                        tried += 1;
                        let query = format!(
                            "{operation}($v: {}) {{ {name}({arg_name}: $v){selection} }}",
                            ty.written
                        );
                        for token in [None, Some(admin.as_str())] {
                            let (status, body) =
                                app.graphql_as(token, &query, json!({ "v": value })).await?;
                            let error = &body["errors"][0];
                            assert!(status < 500, "{name}({path}) with {what}: status {status}");
                            assert_eq!(
                                error["extensions"]["code"], "BAD_USER_INPUT",
                                "{name}({path}) with {what}: {}",
                                error
                            );
                            assert_eq!(
                                error["extensions"]["field"], path,
                                "{name}({path}) with {what}: {}",
                                error
                            );
                            assert!(body["data"].is_null() || body.get("data").is_none());
                        }
                    }
                }
            }
            if any {
                fields_with_strings += 1;
            }
        }
    }
    eprintln!("{tried} bad strings refused in {fields_with_strings} root fields and mutations");
    // The walk reached the string arguments of the whole schema: search, filters, every
    // kind's inputs.
    assert!(fields_with_strings > 40, "{fields_with_strings} fields");
    assert!(tried > 500, "{tried} cases");
    assert_eq!(
        sunlight::audit::verify(app.db()?).await?.entries,
        entries_before,
        "a refused write writes nothing"
    );
    Ok(())
}

async fn a_literal_bad_string_in_the_document_is_refused_too(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    for query in [
        r#"{ search(query: "x\u0000y") { totalCount } }"#,
        r#"{ powers(first: 1, filter: { text: "\u0007" }) { totalCount } }"#,
    ] {
        let (status, body) = app.graphql(query, json!({})).await?;
        assert!(status < 500, "{status}: {body}");
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{body}"
        );
    }
    // A lone surrogate cannot be read as text at all: refused as input, never INTERNAL.
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body(r#"{"query":"query($q: String!) { search(query: $q) { totalCount } }","variables":{"q":"\ud800"}}"#)
        .send()
        .await?;
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert!((400..500).contains(&status), "{status}: {body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    Ok(())
}

/// `(status, Content-Language, body)` of a POST to `/graphql` with `Accept-Language: lang`.
async fn ask_in(
    app: &TestApp,
    lang: Option<&str>,
    query: &str,
) -> anyhow::Result<(u16, String, Value)> {
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": query }));
    if let Some(lang) = lang {
        request = request.header("accept-language", lang);
    }
    let response = request.send().await?;
    let language = response
        .headers()
        .get("content-language")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    Ok((response.status().as_u16(), language, response.json().await?))
}

async fn refusals_speak_the_language_the_caller_prefers(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    // An error while running, one of the engine before running, one of a write: each in
    // Chinese for a caller who prefers it, with the same code and field.
    for (query, chinese) in [
        ("{ powers(first: -1) { totalCount } }", "不得为负数"),
        ("{ powerz { totalCount } }", "上没有字段"),
        (
            "mutation { submitForReview(id: \"UG93ZXIuAAAAAAAAAAA\", expectedVersion: 1) { version } }",
            "记录",
        ),
    ] {
        let (_, _, english) = ask_in(&app, None, query).await?;
        let (_, _, also) = ask_in(&app, Some("en-GB,zh;q=0.5"), query).await?;
        let (_, _, zh) = ask_in(&app, Some("zh-CN,zh;q=0.9,en;q=0.8"), query).await?;
        let (english, also, zh) = (&english["errors"][0], &also["errors"][0], &zh["errors"][0]);
        assert_eq!(english["message"], also["message"]);
        let message = zh["message"].as_str().unwrap_or_default();
        assert!(message.contains(chinese), "{query}: {zh}");
        assert_ne!(zh["message"], english["message"]);
        assert_eq!(
            zh["extensions"]["code"], english["extensions"]["code"],
            "{query}"
        );
        assert_eq!(
            zh["extensions"]["field"], english["extensions"]["field"],
            "{query}"
        );
    }
    // Refusals outside GraphQL too: a document nobody may see, a token that is not valid.
    let response = app
        .client
        .get(app.url(&format!("/documents/{}", "0".repeat(64))))
        .header("accept-language", "zh")
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(
        response
            .headers()
            .get("content-language")
            .and_then(|v| v.to_str().ok()),
        Some("zh-CN")
    );
    let body: Value = response.json().await?;
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("文件"),
        "{body}"
    );
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
    let response = app
        .client
        .post(app.url("/graphql"))
        .bearer_auth("not-a-token")
        .header("accept-language", "zh-TW")
        .json(&json!({ "query": "{ today }" }))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 401);
    let body: Value = response.json().await?;
    assert_eq!(
        body["errors"][0]["message"], "持有者令牌对本服务无效",
        "{body}"
    );
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    app.stop().await?;
    Ok(())
}

/// The websocket runs the checks `/graphql` runs, before anything runs: a bad string in a
/// subscription's variables is `BAD_USER_INPUT` naming the argument, and a document nested too
/// deep is refused; each ends its subscription.
async fn subscriptions_pass_the_same_checks(backend: Backend) -> anyhow::Result<()> {
    use futures::SinkExt as _;
    use tokio_tungstenite::tungstenite::Message;
    let app = TestApp::spawn(backend).await?;
    let mut socket = crate::subscriptions::connect(app.addr, json!({}))
        .await?
        .map_err(|m| anyhow::anyhow!("not acknowledged: {m}"))?;
    let mut deep = String::from("subscription { changes { record { __typename } } }");
    for _ in 0..12 {
        deep = deep.replacen(
            "__typename",
            "... on Organization { parent { __typename } }",
            1,
        );
    }
    for (id, query, variables) in [
        (
            "string",
            "subscription($c: String!, $s: String!) {
                feedbackStatusChanged(code: $c, secret: $s) { status } }",
            json!({ "c": "x\u{0}y", "s": "secret" }),
        ),
        ("deep", deep.as_str(), json!({})),
    ] {
        let start = json!({ "id": id, "type": "subscribe",
            "payload": { "query": query, "variables": variables } });
        socket.send(Message::Text(start.to_string().into())).await?;
        let answer = crate::subscriptions::next(&mut socket, std::time::Duration::from_secs(10))
            .await?
            .unwrap_or_default();
        assert_eq!(answer["type"], "next", "{id}: {answer}");
        let error = &answer["payload"]["errors"][0];
        match id {
            "string" => {
                assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{answer}");
                assert_eq!(error["extensions"]["field"], "code", "{answer}");
            }
            _ => assert_eq!(error["message"], "Query is nested too deep.", "{answer}"),
        }
        let ended = crate::subscriptions::next(&mut socket, std::time::Duration::from_secs(10))
            .await?
            .unwrap_or_default();
        assert_eq!(ended, json!({ "id": id, "type": "complete" }));
    }
    Ok(())
}

on_both_databases!(
    every_string_argument_refuses_bad_strings,
    a_literal_bad_string_in_the_document_is_refused_too,
    refusals_speak_the_language_the_caller_prefers,
    subscriptions_pass_the_same_checks,
);
