//! Browsing the demo county as the public, over real HTTP.

use chrono::Utc;
use entity::enums::{PublicationStatus, Scope};
use harness::{Backend, TestApp, on_both_databases};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

async fn graphiql_and_health_answer(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let health = app.client.get(app.url("/healthz")).send().await?;
    assert_eq!(health.status(), 200);
    let page = app
        .client
        .get(app.url("/graphql"))
        .header("accept", "text/html")
        .send()
        .await?;
    assert_eq!(page.status(), 200);
    assert!(page.text().await?.contains("graphiql"));
    app.stop().await?;
    Ok(())
}

async fn meetings_come_with_their_decisions(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let data = app
        .data(
            "{ meetings(first: 50) { totalCount edges { node { label startsAt body { name }
                 attendance { role present } agenda { position title }
                 decisions { title result milestones { title dueOn status } } } } } }",
            json!({}),
        )
        .await?;
    let meetings = data["meetings"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!meetings.is_empty(), "no public meeting");
    let with_decisions = meetings
        .iter()
        .filter(|m| {
            m["node"]["decisions"]
                .as_array()
                .is_some_and(|d| !d.is_empty())
        })
        .count();
    assert!(
        with_decisions > 0,
        "no public meeting has a public decision"
    );
    assert!(meetings.iter().any(|m| {
        m["node"]["agenda"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    }));
    app.stop().await?;
    Ok(())
}

async fn a_power_comes_with_its_procedure_graph(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let data = app
        .data("{ powers(first: 1) { edges { node { id } } } }", json!({}))
        .await?;
    let id = data["powers"]["edges"][0]["node"]["id"].clone();
    let data = app
        .data(
            "query($id: ID!) { power(id: $id) { name category holder { name } carriers
                 procedure { name steps { id key name actor timeLimitDays riskPoints { level description prevention } }
                             edges { fromStep toStep label } } } }",
            json!({ "id": id }),
        )
        .await?;
    let procedure = &data["power"]["procedure"];
    let steps = procedure["steps"].as_array().cloned().unwrap_or_default();
    let edges = procedure["edges"].as_array().cloned().unwrap_or_default();
    assert!(steps.len() >= 3, "procedure: {procedure}");
    assert!(!edges.is_empty());
    // Every edge joins two steps of the same procedure.
    let step_ids: Vec<&Value> = steps.iter().map(|s| &s["id"]).collect();
    for edge in &edges {
        assert!(step_ids.contains(&&edge["fromStep"]) && step_ids.contains(&&edge["toStep"]));
    }
    app.stop().await?;
    Ok(())
}

async fn appointments_in_notice_show_their_candidates(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let data = app
        .data(
            "{ appointments(filter: { stage: NOTICE }) { edges { node { vacancyTitle proposedPost candidateName
                 noticeStart noticeEnd complaintChannels inspectionReport objections
                 redactions { field requiredScope } } } } }",
            json!({}),
        )
        .await?;
    let notices = data["appointments"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!notices.is_empty(), "no public appointment in notice");
    for n in &notices {
        let node = &n["node"];
        assert!(node["candidateName"].is_string(), "{node}");
        assert!(node["noticeStart"].is_string() && node["noticeEnd"].is_string());
        // Inspection material and objections stay restricted, and say so.
        assert!(node["inspectionReport"].is_null() && node["objections"].is_null());
        let redacted: Vec<&str> = node["redactions"]
            .as_array()
            .map(|r| r.iter().filter_map(|x| x["field"].as_str()).collect())
            .unwrap_or_default();
        assert!(redacted.contains(&"inspectionReport") && redacted.contains(&"objections"));
    }
    app.stop().await?;
    Ok(())
}

/// Until scoped tokens exist, the API serves the public only: PUBLISHED, PUBLIC records whose
/// time has come, and only PUBLIC fields.
async fn the_public_sees_only_public_published_records(backend: Backend) -> anyhow::Result<()> {
    use entity::power::{Column, Entity};
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    let visible = Entity::find()
        .filter(Column::Scope.eq(Scope::Public))
        .filter(Column::Status.eq(PublicationStatus::Published))
        .filter(Column::PublishAt.lte(Utc::now()))
        .count(db)
        .await?;
    let all = Entity::find().count(db).await?;
    assert!(
        visible < all,
        "the demo county has no non-public power to hide"
    );
    let data = app.data("{ powers { totalCount } }", json!({})).await?;
    assert_eq!(data["powers"]["totalCount"], json!(visible));

    // A hidden record looks exactly like one that does not exist.
    let hidden = Entity::find()
        .filter(Column::Scope.ne(Scope::Public))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no hidden power"))?;
    let hidden_id = app.ids().encode("Power", hidden.id);
    let missing_id = app.ids().encode("Power", 9_999_999);
    let a = app
        .graphql(
            "query($id: ID!) { power(id: $id) { name } }",
            json!({ "id": hidden_id }),
        )
        .await?;
    let b = app
        .graphql(
            "query($id: ID!) { power(id: $id) { name } }",
            json!({ "id": missing_id }),
        )
        .await?;
    assert_eq!(a, b);
    assert_eq!(a.1, json!({ "data": { "power": null } }));

    // Party-internal fields are null for the public and named in redactions.
    let data = app
        .data("{ meetings(first: 100) { edges { node { minutes redactions { field requiredScope reason } } } } }", json!({}))
        .await?;
    for m in data["meetings"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        assert!(m["node"]["minutes"].is_null());
        assert_eq!(m["node"]["redactions"][0]["field"], "minutes");
        assert_eq!(m["node"]["redactions"][0]["requiredScope"], "PARTY");
    }
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    graphiql_and_health_answer,
    meetings_come_with_their_decisions,
    a_power_comes_with_its_procedure_graph,
    appointments_in_notice_show_their_candidates,
    the_public_sees_only_public_published_records,
);

async fn any_record_comes_back_by_its_global_id(backend: Backend) -> anyhow::Result<()> {
    use entity::power::{Column, Entity};
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    let visible = Entity::find()
        .filter(Column::Scope.eq(Scope::Public))
        .filter(Column::Status.eq(PublicationStatus::Published))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no public power"))?;
    let hidden = Entity::find()
        .filter(Column::Scope.ne(Scope::Public))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no hidden power"))?;
    let id = app.ids().encode("Power", visible.id);
    let data = app
        .data(
            "query($id: ID!) { node(id: $id) { __typename id ... on Power { name } } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(data["node"]["__typename"], "Power");
    assert_eq!(data["node"]["id"], json!(id));
    assert_eq!(data["node"]["name"], json!(visible.name));
    let hidden_id = app.ids().encode("Power", hidden.id);
    let data = app
        .data(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": [id, hidden_id, "bm9wZQ", "not base64!"] }),
        )
        .await?;
    assert_eq!(data["nodes"], json!([{ "id": id }, null, null, null]));
    let too_many: Vec<String> = (0..101).map(|i| app.ids().encode("Power", i).0).collect();
    let (_, body) = app
        .graphql(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": too_many }),
        )
        .await?;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    app.stop().await?;
    Ok(())
}

on_both_databases!(any_record_comes_back_by_its_global_id);

async fn a_decision_leads_to_its_exercise_and_a_hidden_one_to_none(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    let query = "query($d: ID!) { exercises(filter: { decision: $d }) {
        totalCount nodes { title decision { id } } } }";
    // Every public exercise tied to a public decision is found from the decision.
    let exercises = entity::exercise::Entity::find()
        .filter(entity::exercise::Column::Scope.eq(Scope::Public))
        .filter(entity::exercise::Column::Status.eq(PublicationStatus::Published))
        .all(db)
        .await?;
    let mut found = 0;
    for exercise in &exercises {
        let Some(decision) = exercise.decision_id else {
            continue;
        };
        let row = entity::decision::Entity::find_by_id(decision)
            .one(db)
            .await?
            .ok_or_else(|| anyhow::anyhow!("no decision {decision}"))?;
        if row.scope != Scope::Public || row.status != PublicationStatus::Published {
            continue;
        }
        let id = app.gid("Decision", decision);
        let data = app.data(query, json!({ "d": id })).await?;
        let titles: Vec<&str> = data["exercises"]["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| n["title"].as_str())
            .collect();
        assert!(titles.contains(&exercise.title.as_str()), "{data}");
        found += 1;
    }
    assert!(found >= 5, "only {found} decisions lead to their exercise");
    // A public exercise tied to a decision the public may not see: filtering by that decision
    // finds nothing for the public, as an unknown id does; a member finds it.
    let exercise = exercises
        .first()
        .ok_or_else(|| anyhow::anyhow!("no public exercise"))?;
    let hidden = entity::decision::Entity::find()
        .filter(entity::decision::Column::Scope.eq(Scope::Party))
        .filter(entity::decision::Column::Status.eq(PublicationStatus::Published))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no party decision"))?;
    entity::exercise::Entity::update_many()
        .col_expr(
            entity::exercise::Column::DecisionId,
            sea_orm::sea_query::Expr::value(hidden.id),
        )
        .filter(entity::exercise::Column::Id.eq(exercise.id))
        .exec(db)
        .await?;
    let vars = json!({ "d": app.gid("Decision", hidden.id) });
    let public = app.data(query, vars.clone()).await?;
    let unknown = app
        .data(query, json!({ "d": app.gid("Decision", 999_999) }))
        .await?;
    assert_eq!(public, unknown);
    assert_eq!(public["exercises"]["totalCount"], 0);
    let member = app.token("member", &[])?;
    let (_, body) = app.graphql_as(Some(&member), query, vars).await?;
    assert_eq!(body["data"]["exercises"]["totalCount"], 1, "{body}");
    app.stop().await?;
    Ok(())
}

on_both_databases!(a_decision_leads_to_its_exercise_and_a_hidden_one_to_none);
