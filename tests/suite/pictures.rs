//! Flowcharts as pictures: `GET /procedures/{id}.svg` (and `Procedure.svg`) draws every step
//! of the graph as valid SVG, marks an exercise's path, and shows nothing of a procedure or an
//! exercise the caller may not see: such a picture is a 404 like an unknown id.

use harness::{Backend, TestApp, on_both_databases};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

/// `(status, content type, ETag, body)` of a GET.
async fn get(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
    if_none_match: Option<&str>,
) -> anyhow::Result<(u16, String, String, String)> {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(tag) = if_none_match {
        request = request.header("if-none-match", tag);
    }
    let response = request.send().await?;
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (kind, etag) = (header("content-type"), header("etag"));
    Ok((
        response.status().as_u16(),
        kind,
        etag,
        response.text().await?,
    ))
}

/// An error body without its request id, which differs between any two requests.
fn refusal(body: &str) -> Value {
    let mut value: Value = serde_json::from_str(body).unwrap_or_default();
    if let Some(ext) = value["errors"][0]["extensions"].as_object_mut() {
        ext.remove("requestId");
    }
    value
}

/// The text of every node of a parsed SVG, and the class of the box of each step key.
fn read(svg: &str) -> anyhow::Result<(String, Vec<(String, String)>)> {
    let doc = roxmltree::Document::parse(svg)?;
    let text = doc
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    let boxes = doc
        .descendants()
        .filter_map(|n| {
            let key = n.attribute("data-step").filter(|k| !k.is_empty())?;
            Some((key.to_owned(), n.attribute("class")?.to_owned()))
        })
        .collect();
    Ok((text, boxes))
}

async fn a_flowchart_is_a_picture_of_every_step(backend: Backend) -> anyhow::Result<()> {
    let database = harness::TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.response_cache_ms = 0;
    let app = TestApp::spawn_with(database, config).await?;
    let data = app
        .data(
            "{ procedures(first: 50) { nodes { id code steps { key name } } }
               exercises(first: 50) { nodes { id title procedure { id }
                 currentPassage { stepKey } latePassages { stepKey } } } }",
            json!({}),
        )
        .await?;
    let procedures = data["procedures"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    // The six flowcharts the plan names, each step drawn.
    for code in ["LC-01", "LC-02", "LC-03", "LC-04", "LC-05", "LC-06"] {
        let procedure = procedures
            .iter()
            .find(|p| p["code"] == code)
            .ok_or_else(|| anyhow::anyhow!("no {code}"))?;
        let id = procedure["id"].as_str().unwrap_or_default();
        let (status, kind, _, svg) =
            get(&app, &format!("/procedures/{id}.svg"), None, None).await?;
        assert_eq!(status, 200, "{code}: {svg}");
        assert_eq!(kind, "image/svg+xml; charset=utf-8");
        let (text, boxes) = read(&svg)?;
        let steps = procedure["steps"].as_array().cloned().unwrap_or_default();
        assert_eq!(boxes.len(), steps.len(), "{code}");
        for step in &steps {
            let name = step["name"].as_str().unwrap_or_default();
            assert!(text.contains(name), "{code}: {name} is not drawn");
        }
        assert!(text.contains(code), "{code}: no title");
    }
    // An exercise: its path, where it stands and its late steps, as the API says.
    let exercises = data["exercises"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let open = exercises
        .iter()
        .find(|e| !e["currentPassage"].is_null() && e["latePassages"] != json!([]))
        .ok_or_else(|| anyhow::anyhow!("no open exercise with a late step"))?;
    let path = format!(
        "/procedures/{}.svg?exercise={}",
        open["procedure"]["id"].as_str().unwrap_or_default(),
        open["id"].as_str().unwrap_or_default()
    );
    let (status, _, etag, svg) = get(&app, &path, None, None).await?;
    assert_eq!(status, 200, "{svg}");
    let (_, boxes) = read(&svg)?;
    let class_of = |key: &Value| {
        boxes
            .iter()
            .find(|(k, _)| Some(k.as_str()) == key.as_str())
            .map(|(_, c)| c.clone())
            .unwrap_or_default()
    };
    assert!(class_of(&open["currentPassage"]["stepKey"]).contains("current"));
    for late in open["latePassages"].as_array().into_iter().flatten() {
        assert!(class_of(&late["stepKey"]).contains("late"), "{late}");
    }
    assert!(svg.contains("edge taken"));
    // The same picture through GraphQL, and a 304 for a client that holds it.
    let field = app
        .data(
            "query($id: ID!, $ex: ID) { node(id: $id) { ... on Procedure { svg(exercise: $ex) } } }",
            json!({ "id": open["procedure"]["id"], "ex": open["id"] }),
        )
        .await?;
    assert_eq!(field["node"]["svg"].as_str(), Some(svg.as_str()));
    let (status, _, _, _) = get(&app, &path, None, Some(&etag)).await?;
    assert_eq!(status, 304);
    // Another day: before the exercise started, nothing of it is marked.
    let (_, _, _, before) = get(&app, &format!("{path}&asOf=2010-01-01"), None, None).await?;
    let (_, boxes) = read(&before)?;
    assert!(
        boxes.iter().all(|(_, c)| c.contains("untouched")),
        "{boxes:?}"
    );
    let (status, _, _, _) = get(&app, &format!("{path}&asOf=yesterday"), None, None).await?;
    assert_eq!(status, 400);
    app.stop().await?;
    Ok(())
}

async fn a_hidden_procedure_or_exercise_is_not_drawn(backend: Backend) -> anyhow::Result<()> {
    let database = harness::TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.response_cache_ms = 0;
    let app = TestApp::spawn_with(database, config).await?;
    let member = app.token("member", &[])?;
    // The RESTRICTED exercise of the discipline commission, and its procedure made PARTY.
    let exercise = entity::exercise::Entity::find()
        .filter(entity::exercise::Column::Scope.eq(entity::enums::Scope::Restricted))
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no restricted exercise"))?;
    let procedure = entity::procedure::Entity::find_by_id(exercise.procedure_id)
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no procedure"))?;
    let procedure_id = app.gid("Procedure", procedure.id);
    let exercise_id = app.gid("Exercise", exercise.id);
    let unknown = get(&app, "/procedures/UHJvY2VkdXJlLgAAAAAAAAAA.svg", None, None).await?;
    assert_eq!(unknown.0, 404);
    // The public sees the procedure, not the exercise: asking for it is a 404 like any
    // unknown exercise, and the picture carries nothing of it.
    let with = format!("/procedures/{procedure_id}.svg?exercise={exercise_id}");
    let hidden = get(&app, &with, None, None).await?;
    let nothing = get(
        &app,
        &format!("/procedures/{procedure_id}.svg?exercise=RXhlcmNpc2UuAAAAAAAAAAA"),
        None,
        None,
    )
    .await?;
    assert_eq!((hidden.0, refusal(&hidden.3)), (404, refusal(&nothing.3)));
    let mut party: entity::procedure::ActiveModel = procedure.into();
    party.scope = Set(entity::enums::Scope::Party);
    party.update(app.db()?).await?;
    let hidden = get(&app, &format!("/procedures/{procedure_id}.svg"), None, None).await?;
    assert_eq!(
        (hidden.0, refusal(&hidden.3)),
        (404, refusal(&unknown.3)),
        "a hidden procedure is unknown"
    );
    let (status, _, _, svg) = get(
        &app,
        &format!("/procedures/{procedure_id}.svg"),
        Some(&member),
        None,
    )
    .await?;
    assert_eq!(status, 200, "a member sees it: {svg}");
    read(&svg)?;
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    a_flowchart_is_a_picture_of_every_step,
    a_hidden_procedure_or_exercise_is_not_drawn,
);
