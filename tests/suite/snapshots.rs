//! Whole answers, compared with the snapshots under `suite/snapshots/`: where every field of an
//! answer matters (a flowchart as the public reads it, a list as callers of two scopes read
//! it), a snapshot shows any change at all, and a reviewer sees it as a diff. Ids differ per
//! deployment (their key is made on first start), so they are written as `[id]`; every other
//! value, times included, comes from the demo county's data and is the same on every start and
//! on both databases, which share one snapshot.

use harness::{Backend, TestApp, on_both_databases};
use sea_orm::{ColumnTrait as _, EntityTrait as _, QueryFilter as _};
use serde_json::{Value, json};

/// `query` answered for `token`, which must answer without errors.
async fn answer(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    vars: Value,
) -> anyhow::Result<Value> {
    let (status, body) = app.graphql_as(token, query, vars).await?;
    anyhow::ensure!(
        status == 200 && body.get("errors").is_none(),
        "{status}: {body}"
    );
    Ok(body["data"].clone())
}

const FLOWCHART: &str = "query($id: ID!) { procedure(id: $id) {
    id code name description scope publishedAt version
    steps { id key position name actor conditions timeLimitDays timeLimitNote
            riskPoints { description level prevention }
            supervisionMeasures { description channel } }
    edges { fromStep toStep label }
    powers { code name category }
    versions { version reason withdrawn }
    source { title docNumber issuedOn }
} }";

async fn the_first_flowchart_as_the_public_reads_it(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let procedure = entity::procedure::Entity::find()
        .filter(entity::procedure::Column::Code.eq("LC-01"))
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo county has no LC-01"))?;
    let id = app.gid("Procedure", procedure.id);
    let mut data = answer(&app, None, FLOWCHART, json!({ "id": id })).await?;
    // Edges name their steps by id; the snapshot names them by key, which it keeps.
    let keys: std::collections::HashMap<String, Value> = data["procedure"]["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| Some((s["id"].as_str()?.to_owned(), s["key"].clone())))
        .collect();
    for edge in data["procedure"]["edges"]
        .as_array_mut()
        .into_iter()
        .flatten()
    {
        for end in ["fromStep", "toStep"] {
            let key = edge[end].as_str().and_then(|id| keys.get(id)).cloned();
            edge[end] = key.ok_or_else(|| anyhow::anyhow!("an edge names no step: {edge}"))?;
        }
    }
    insta::assert_json_snapshot!("flowchart_lc01_public", data, {
        ".**.id" => "[id]",
    });
    app.stop().await?;
    Ok(())
}

const SUPERVISORS: &str = "{ socialSupervisors(first: 20) { totalCount nodes {
    id person { name fictional } background termStartOn termEndOn duties contact
    redactions { field requiredScope reason } scope publishedAt version
} } }";

async fn public_supervisors_as_the_public_and_as_a_member_read_them(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let public = answer(&app, None, SUPERVISORS, json!({})).await?;
    insta::assert_json_snapshot!("social_supervisors_public", public, {
        ".**.id" => "[id]",
    });
    let member = app.token("member", &[])?;
    let party = answer(&app, Some(&member), SUPERVISORS, json!({})).await?;
    insta::assert_json_snapshot!("social_supervisors_member", party, {
        ".**.id" => "[id]",
    });
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    the_first_flowchart_as_the_public_reads_it,
    public_supervisors_as_the_public_and_as_a_member_read_them,
);
