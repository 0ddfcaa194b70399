//! Connections: cursors walk every visible record once; oversize pages are refused.

use sea_orm::QueryOrder as _;
use std::collections::HashSet;

use harness::{Backend, TestApp, on_both_databases};
use serde_json::{Value, json};

async fn cursors_walk_every_record_once(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let mut seen = HashSet::new();
    let mut after = serde_json::Value::Null;
    let mut total = None;
    loop {
        let data = app
            .data(
                "query($after: String) { powers(first: 7, after: $after) {
                     totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }",
                json!({ "after": after }),
            )
            .await?;
        let page = &data["powers"];
        total = total.or(page["totalCount"].as_u64());
        for edge in page["edges"].as_array().cloned().unwrap_or_default() {
            assert!(
                seen.insert(edge["node"]["id"].to_string()),
                "seen twice: {edge}"
            );
        }
        if page["pageInfo"]["hasNextPage"] != json!(true) {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(Some(seen.len() as u64), total);
    app.stop().await?;
    Ok(())
}

async fn oversize_pages_and_foreign_cursors_are_refused(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (_, body) = app
        .graphql("{ powers(first: 101) { totalCount } }", json!({}))
        .await?;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "first");
    assert!(body["data"].is_null() || body["data"]["powers"].is_null());

    let (_, body) = app
        .graphql(
            "{ powers(after: \"secret-looking-cursor\") { totalCount } }",
            json!({}),
        )
        .await?;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert!(
        !body.to_string().contains("secret-looking-cursor"),
        "the error echoes the input"
    );
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    cursors_walk_every_record_once,
    oversize_pages_and_foreign_cursors_are_refused
);

async fn backward_pages_mirror_forward_pages_in_every_order(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    for order in [
        "null",
        "{ field: CODE }",
        "{ field: NAME, direction: DESC }",
        "{ field: UPDATED_AT }",
    ] {
        let walk = |forward: bool| {
            let app = &app;
            async move {
                let mut ids: Vec<String> = Vec::new();
                let mut cursor = Value::Null;
                loop {
                    let query = if forward {
                        format!(
                            "query($c: String) {{ powers(orderBy: {order}, first: 9, after: $c) {{ pageInfo {{ hasNextPage endCursor }} edges {{ node {{ id code }} }} }} }}"
                        )
                    } else {
                        format!(
                            "query($c: String) {{ powers(orderBy: {order}, last: 9, before: $c) {{ pageInfo {{ hasPreviousPage startCursor }} edges {{ node {{ id code }} }} }} }}"
                        )
                    };
                    let data = app.data(&query, json!({ "c": cursor })).await?;
                    let page = &data["powers"];
                    let mut batch: Vec<String> = page["edges"]
                        .as_array()
                        .map(|e| e.iter().map(|x| x["node"]["id"].to_string()).collect())
                        .unwrap_or_default();
                    if forward {
                        ids.extend(batch);
                        if page["pageInfo"]["hasNextPage"] != json!(true) {
                            break;
                        }
                        cursor = page["pageInfo"]["endCursor"].clone();
                    } else {
                        batch.extend(ids);
                        ids = batch;
                        if page["pageInfo"]["hasPreviousPage"] != json!(true) {
                            break;
                        }
                        cursor = page["pageInfo"]["startCursor"].clone();
                    }
                }
                Ok::<_, anyhow::Error>(ids)
            }
        };
        let forward = walk(true).await?;
        let backward = walk(false).await?;
        assert!(forward.len() >= 30, "{order}: {} powers", forward.len());
        assert_eq!(forward, backward, "{order}");
        let unique: HashSet<&String> = forward.iter().collect();
        assert_eq!(unique.len(), forward.len(), "{order}: a power twice");
    }
    // A cursor of one order does not serve another.
    let data = app
        .data(
            "{ powers(orderBy: { field: CODE }, first: 1) { pageInfo { endCursor } } }",
            json!({}),
        )
        .await?;
    let cursor = data["powers"]["pageInfo"]["endCursor"].clone();
    let (_, body) = app
        .graphql(
            "query($c: String) { powers(first: 1, after: $c) { totalCount } }",
            json!({ "c": cursor }),
        )
        .await?;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    app.stop().await?;
    Ok(())
}

async fn filters_narrow_lists_the_way_their_names_say(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let total = |v: &Value, f: &str| v[f]["totalCount"].as_u64().unwrap_or(0);
    let all = app
        .data(
            "{ powers { totalCount } meetings { totalCount } disciplinaryCases { totalCount } }",
            json!({}),
        )
        .await?;

    let data = app.data("{ powers(filter: { category: PERSONNEL }, first: 100) { totalCount edges { node { category } } } }", json!({})).await?;
    assert!(total(&data, "powers") > 0 && total(&data, "powers") < total(&all, "powers"));
    assert!(
        data["powers"]["edges"]
            .as_array()
            .is_some_and(|e| e.iter().all(|x| x["node"]["category"] == "PERSONNEL"))
    );

    let data = app.data("{ powers(filter: { keyword: \"任免\" }, first: 100) { totalCount edges { node { name duties legalBasis code } } } }", json!({})).await?;
    assert!(total(&data, "powers") > 0, "no power mentions 任免");
    assert!(
        data["powers"]["edges"]
            .as_array()
            .is_some_and(|e| e.iter().all(|x| x["node"].to_string().contains("任免")))
    );

    // Holder with sub-organizations: the root of the tree holds, through its descendants, at
    // least what any one child holds.
    let orgs = app
        .data(
            "{ organizations(first: 100) { edges { node { id parent { id } } } } }",
            json!({}),
        )
        .await?;
    let root = orgs["organizations"]["edges"]
        .as_array()
        .and_then(|e| e.iter().find(|x| x["node"]["parent"].is_null()))
        .map(|x| x["node"]["id"].clone())
        .ok_or_else(|| anyhow::anyhow!("no root organization"))?;
    let data = app
        .data(
            "query($o: ID!) { powers(filter: { holder: $o }) { totalCount } }",
            json!({ "o": root }),
        )
        .await?;
    assert!(total(&data, "powers") > 0);

    let data = app.data("{ disciplinaryCases(filter: { year: 2011, announced: true }, first: 100) { totalCount edges { node { announced decidedOn } } } }", json!({})).await?;
    assert!(total(&data, "disciplinaryCases") > 0);
    assert!(
        data["disciplinaryCases"]["edges"]
            .as_array()
            .is_some_and(|e| e.iter().all(|x| x["node"]["announced"] == true
                && x["node"]["decidedOn"]
                    .as_str()
                    .is_some_and(|d| d.starts_with("2011"))))
    );

    let over = app
        .data(
            "{ meetings(filter: { hasOverdueMilestones: true }) { totalCount } }",
            json!({}),
        )
        .await?;
    let not_over = app
        .data(
            "{ meetings(filter: { hasOverdueMilestones: false }) { totalCount } }",
            json!({}),
        )
        .await?;
    assert!(
        total(&over, "meetings") > 0,
        "no meeting with an overdue milestone"
    );
    assert_eq!(
        total(&over, "meetings") + total(&not_over, "meetings"),
        total(&all, "meetings")
    );

    let notices = app.data("{ appointments(filter: { stage: NOTICE }, first: 1) { edges { node { noticeStart } } } }", json!({})).await?;
    let day = notices["appointments"]["edges"][0]["node"]["noticeStart"].clone();
    let data = app
        .data("query($d: NaiveDate!) { appointments(filter: { noticeOpenOn: $d }) { totalCount edges { node { noticeStart noticeEnd } } } }", json!({ "d": day }))
        .await?;
    assert!(total(&data, "appointments") > 0);
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    backward_pages_mirror_forward_pages_in_every_order,
    filters_narrow_lists_the_way_their_names_say
);

async fn filters_that_name_hidden_records_match_nothing(backend: Backend) -> anyhow::Result<()> {
    use entity::enums::{PublicationStatus, Scope};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    use sea_orm::{ActiveModelTrait, NotSet, Set};
    // The worst case for a filter: a hidden organization that holds a power, hosts a meeting
    // and owns a case the public may see.
    let hidden = entity::organization::Entity::find()
        .order_by_asc(entity::organization::Column::Id)
        .filter(entity::organization::Column::Scope.ne(Scope::Public))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo county has no hidden organization"))?
        .id;
    let visible = entity::power::Entity::find()
        .order_by_asc(entity::power::Column::Id)
        .filter(entity::power::Column::Scope.eq(Scope::Public))
        .filter(entity::power::Column::Status.eq(PublicationStatus::Published))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no public power"))?;
    let mut power: entity::power::ActiveModel = visible.clone().into();
    power.id = NotSet;
    power.code = Set(format!("{}-H", visible.code));
    power.holder_org_id = Set(hidden);
    power.owner_org_id = Set(Some(hidden));
    power.insert(db).await?;
    let meeting = entity::meeting::Entity::find()
        .order_by_asc(entity::meeting::Column::Id)
        .filter(entity::meeting::Column::Scope.eq(Scope::Public))
        .filter(entity::meeting::Column::Status.eq(PublicationStatus::Published))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no public meeting"))?;
    let mut meeting: entity::meeting::ActiveModel = meeting.into();
    meeting.id = NotSet;
    meeting.body_id = Set(hidden);
    meeting.insert(db).await?;
    let probe = vec![hidden];
    let missing = app.ids().encode("Organization", 9_999_999);
    let query = "query($o: ID!) {
        powers(filter: { holder: $o }) { totalCount }
        a: powers(filter: { organization: $o }) { totalCount }
        meetings(filter: { body: $o }) { totalCount }
        organizations(filter: { parent: $o }) { totalCount }
        disciplinaryCases(filter: { organization: $o }) { totalCount } }";
    let nothing = app.data(query, json!({ "o": missing })).await?;
    for id in probe {
        let seen = app
            .data(query, json!({ "o": app.ids().encode("Organization", id) }))
            .await?;
        assert_eq!(
            seen, nothing,
            "a filter on hidden organization {id} tells it apart"
        );
    }
    app.stop().await?;
    Ok(())
}

on_both_databases!(filters_that_name_hidden_records_match_nothing);
