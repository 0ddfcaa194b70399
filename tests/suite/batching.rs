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
