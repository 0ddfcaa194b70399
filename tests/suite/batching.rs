//! Relations load in batches: the number of SQL statements a query costs depends on the query,
//! not on how many records it returns.

use harness::{Backend, TestApp, on_both_databases};
use serde_json::{Value, json};

const MEETINGS: &str = "query($n: Int) { meetings(first: $n) { edges { node { label
    body { name } chair { name }
    attendance { role present person { name } }
    agenda { title presenter { name } }
    decisions { title milestones { title dueOn } } } } } }";

/// Runs the page of `n` meetings as `token`; returns the statements it took and the page.
async fn cost(app: &TestApp, token: Option<&str>, n: i64) -> anyhow::Result<(u64, Vec<Value>)> {
    let before = app.counter("sunlight_db_statements_total").await?;
    let (status, body) = app.graphql_as(token, MEETINGS, json!({ "n": n })).await?;
    let after = app.counter("sunlight_db_statements_total").await?;
    anyhow::ensure!(status == 200 && body.get("errors").is_none(), "{body}");
    let edges = body["data"]["meetings"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    Ok((after - before, edges))
}

fn count(edges: &[Value], path: &[&str]) -> usize {
    fn walk(v: &Value, path: &[&str]) -> usize {
        match path.split_first() {
            None => usize::from(!v.is_null()),
            Some((head, rest)) => match &v[*head] {
                Value::Array(items) => items.iter().map(|i| walk(i, rest)).sum(),
                other => walk(other, rest),
            },
        }
    }
    edges.iter().map(|e| walk(&e["node"], path)).sum()
}

async fn statements_do_not_grow_with_the_page(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    sunlight::seed::synthetic::load(app.db()?, 600).await?;
    let member = app.token("member", &[1])?;
    for token in [None, Some(member.as_str())] {
        // The first request with a token also builds its caller.
        cost(&app, token, 1).await?;
        let mut costs = Vec::new();
        for n in [25, 50, 100] {
            let (spent, edges) = cost(&app, token, n).await?;
            assert_eq!(edges.len(), n as usize, "the county has fewer meetings");
            costs.push(spent);
            if n == 100 {
                // The page really carries every relation, so the count covers them all.
                for path in [
                    &["body", "name"][..],
                    &["attendance", "person", "name"],
                    &["agenda", "title"],
                    &["decisions", "milestones", "title"],
                ] {
                    assert!(count(&edges, path) > 0, "nothing at {path:?}");
                }
            }
        }
        assert!(
            costs.windows(2).all(|w| w[0] == w[1]),
            "statements for 25, 50 and 100 meetings: {costs:?}"
        );
        // One statement per relation and level, plus the page (and, for a member, the
        // audience lookups of each level): far below one per meeting.
        assert!(costs[0] <= 20, "{costs:?}");
    }
    app.stop().await?;
    Ok(())
}

on_both_databases!(statements_do_not_grow_with_the_page);

/// The lists whose pages read long text columns only when asked: the list field, its type,
/// and the fields that read those columns.
const LONG_TEXT: &[(&str, &str, &[&str])] = &[
    (
        "powers",
        "Power",
        &["legalBasis", "duties", "accountability", "undertakingUnit"],
    ),
    ("decisions", "Decision", &["text"]),
    ("disciplinaryCases", "DisciplinaryCase", &["summary"]),
    ("bulletins", "Bulletin", &["crawl", "body"]),
];

/// A page that does not ask for a long text reads it as empty; so every other field must give
/// the same answer whether the long texts are asked for beside it or not, and each long text
/// the same answer however it is asked for (alone, in a fragment, in `edges`).
async fn fields_answer_the_same_whether_long_texts_are_read_or_not(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let admin = app.token_as("admin", &[], "admin-long-text")?;
    for (list, type_name, long) in LONG_TEXT {
        let (_, described) = app
            .graphql_as(
                Some(&admin),
                "query($t: String!) { __type(name: $t) { fields { name
                    args { type { kind } }
                    type { kind ofType { kind ofType { kind ofType { kind } } } } } } }",
                json!({ "t": type_name }),
            )
            .await?;
        let fields = described["data"]["__type"]["fields"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(fields.len() > 8, "{described}");
        let all_long = long.join(" ");
        let mut compared = 0;
        for field in &fields {
            let name = field["name"].as_str().unwrap_or_default();
            if field["args"]
                .as_array()
                .is_some_and(|a| a.iter().any(|arg| arg["type"]["kind"] == "NON_NULL"))
            {
                continue;
            }
            // The innermost kind: objects need a selection of their own.
            let mut ty = &field["type"];
            while !ty["ofType"].is_null() {
                ty = &ty["ofType"];
            }
            let selection = match ty["kind"].as_str() {
                Some("OBJECT" | "INTERFACE" | "UNION") => format!("{name} {{ __typename }}"),
                _ => name.to_owned(),
            };
            for token in [None, Some(admin.as_str())] {
                let ask = |extra: &str| {
                    format!("{{ {list}(first: 50) {{ nodes {{ id {selection} {extra} }} }} }}")
                };
                let (_, alone) = app.graphql_as(token, &ask(""), json!({})).await?;
                let (_, beside) = app.graphql_as(token, &ask(&all_long), json!({})).await?;
                anyhow::ensure!(alone.get("errors").is_none(), "{list}.{name}: {alone}");
                let pick = |body: &Value| -> Vec<Value> {
                    body["data"][*list]["nodes"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|n| n[name].clone())
                        .collect()
                };
                assert!(!pick(&alone).is_empty(), "{list}: no records");
                assert_eq!(pick(&alone), pick(&beside), "{list}.{name}");
                compared += 1;
            }
        }
        assert!(compared > 16, "{list}: {compared} fields compared");
        // A long text asked for through a fragment or through edges is read.
        for text in *long {
            let direct = format!("{{ {list}(first: 50) {{ nodes {{ id {text} }} }} }}");
            let inline = format!(
                "{{ {list}(first: 50) {{ nodes {{ id ... on {type_name} {{ {text} }} }} }} }}"
            );
            let spread = format!(
                "{{ {list}(first: 50) {{ edges {{ node {{ id ...F }} }} }} }} fragment F on {type_name} {{ {text} }}"
            );
            let (_, direct) = app.graphql_as(Some(&admin), &direct, json!({})).await?;
            let (_, inline) = app.graphql_as(Some(&admin), &inline, json!({})).await?;
            let (_, spread) = app.graphql_as(Some(&admin), &spread, json!({})).await?;
            let texts = |nodes: Vec<Value>| -> Vec<Value> {
                nodes.into_iter().map(|n| n[*text].clone()).collect()
            };
            let direct = texts(
                direct["data"][*list]["nodes"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default(),
            );
            assert!(
                direct
                    .iter()
                    .any(|t| t.as_str().is_some_and(|s| !s.is_empty())),
                "{list}.{text}: every one empty"
            );
            let inline = texts(
                inline["data"][*list]["nodes"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default(),
            );
            let spread = texts(
                spread["data"][*list]["edges"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|e| e["node"].clone())
                    .collect(),
            );
            assert_eq!(direct, inline, "{list}.{text} in an inline fragment");
            assert_eq!(
                direct, spread,
                "{list}.{text} in a named fragment, in edges"
            );
        }
    }
    Ok(())
}

on_both_databases!(fields_answer_the_same_whether_long_texts_are_read_or_not);
