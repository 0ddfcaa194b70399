//! Several instances on one PostgreSQL database: what one of them changes, the others feel at
//! once.

use std::time::Duration;

use harness::{Backend, TestApp, TestDatabase};
use sea_orm::{EntityTrait as _, QueryOrder as _};
use serde_json::{Value, json};

use crate::subscriptions::{connect, next};

/// Sends `query` as `token` to `app`; the body, which must hold no errors.
async fn ask(app: &TestApp, token: &str, query: &str, variables: Value) -> anyhow::Result<Value> {
    let (status, body) = app.graphql_as(Some(token), query, variables).await?;
    anyhow::ensure!(
        status == 200 && body.get("errors").is_none(),
        "{status}: {body}"
    );
    Ok(body)
}

/// Two instances of Sunlight on one new PostgreSQL database.
pub(crate) async fn two_instances() -> anyhow::Result<(TestApp, TestApp)> {
    let database = TestDatabase::create(Backend::Postgres).await?;
    let shared = database.sharing()?;
    let first = TestApp::spawn_with(database, shared.config()).await?;
    // The second instance opens the same database: its migrations and seed find them done.
    let config = shared.config();
    let second = TestApp::spawn_with(shared, config).await?;
    Ok((first, second))
}

/// An organization moved on one instance: on every instance its officials stop reaching the
/// audiences of the organization it left at once, not when their cached callers and the
/// cached organization tree expire.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moved_organization_is_felt_at_once_on_every_instance() -> anyhow::Result<()> {
    let (first, second) = two_instances().await?;

    // An organization below another, and a third that is neither above nor below it, nor
    // below the first's parent.
    let all = entity::organization::Entity::find()
        .order_by_asc(entity::organization::Column::Id)
        .all(first.db()?)
        .await?;
    let tree = sunlight::access::OrgTree::new(all.iter().map(|o| (o.id, o.parent_id)));
    let (child, parent, elsewhere) = all
        .iter()
        .filter_map(|c| Some((c.id, c.parent_id?)))
        .find_map(|(child, parent)| {
            all.iter()
                .find(|o| {
                    let above = tree.with_ancestors(&[o.id]);
                    o.id != child
                        && o.id != parent
                        && !above.contains(&child)
                        && !above.contains(&parent)
                        && !tree.with_ancestors(&[child]).contains(&o.id)
                })
                .map(|o| (child, parent, o.id))
        })
        .ok_or_else(|| anyhow::anyhow!("the demo county has no organization to move"))?;
    let org = |id: i64| first.ids().encode("Organization", id).0;

    // A record shown only to the parent's audience, published.
    let admin = first.token_as("admin", &[], "admin-instances")?;
    let reviewer = first.token_as("reviewer", &[], "reviewer-instances")?;
    let title = "仅限上级单位及其下属单位的文件（示例）";
    let (id, _) = first
        .published_restricted_source((&admin, &reviewer), parent, title, parent)
        .await?;

    // The child's official sees it on both instances, which now keep that caller and tree.
    let official = first.token_as("official", &[child], "official-of-the-moved")?;
    let sees = async |app: &TestApp| -> anyhow::Result<bool> {
        let read = "query($id: ID!) { node(id: $id) { ... on Source { title } } }";
        let body = ask(app, &official, read, json!({ "id": id })).await?;
        Ok(body["data"]["node"]["title"] == title)
    };
    for app in [&first, &second] {
        anyhow::ensure!(sees(app).await?, "the official does not see the record");
    }
    // And holds a subscription on each, with a caller built on the tree as it is.
    let mut sockets = Vec::new();
    for app in [&first, &second] {
        let payload = json!({ "Authorization": format!("Bearer {official}") });
        let socket = connect(app.addr, payload)
            .await?
            .map_err(|m| anyhow::anyhow!("not acknowledged: {m}"))?;
        sockets.push(socket);
    }

    // The child is moved on the first instance, under the third organization.
    let body = ask(
        &first,
        &admin,
        "query($id: ID!) { node(id: $id) { ... on Organization { version } } }",
        json!({ "id": org(child) }),
    )
    .await?;
    let version = body["data"]["node"]["version"].as_i64().unwrap_or_default();
    ask(
        &first,
        &admin,
        "mutation($id: ID!, $v: Int!, $input: OrganizationInput!) { correctOrganization(id: $id, expectedVersion: $v, reason: \"机构调整（示例）\", input: $input) { version } }",
        json!({ "id": org(child), "v": version, "input": { "parent": org(elsewhere) } }),
    )
    .await?;

    // On the instance that wrote it: at once.
    assert!(
        !sees(&first).await?,
        "the writing instance still shows the record through the organization's old parent"
    );
    // On the other: as soon as the notification arrives, far within the 30 s its caches keep.
    let moved = std::time::Instant::now();
    while sees(&second).await? {
        assert!(
            moved.elapsed() < Duration::from_secs(3),
            "the other instance still shows the record through the old parent after 3 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    println!(
        "the other instance felt the move after {:?}",
        moved.elapsed()
    );
    // The official's subscriptions close on both, asking the client to connect again, so that
    // none delivers by the old tree.
    for socket in &mut sockets {
        let message = next(socket, Duration::from_secs(3)).await?;
        let message = message.unwrap_or_default();
        assert_eq!(message["type"], "close", "{message}");
        assert_eq!(message["code"], 1012, "{message}");
    }

    second.stop().await?;
    first.stop().await?;
    Ok(())
}

/// A submitter following their submission on one instance hears of a step taken on another at
/// once: the follower looks again on its own only every 30 s, and this waits 10 s.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_step_on_one_instance_reaches_its_follower_on_another() -> anyhow::Result<()> {
    use futures::SinkExt as _;
    use tokio_tungstenite::tungstenite::Message;
    let (first, second) = two_instances().await?;

    let submit =
        "mutation { submitFeedback(input: { kind: OPINION, subject: \"意见\", body: \"内容\" }) {
        code secret } }";
    let (_, sent) = first.graphql(submit, json!({})).await?;
    let sent = &sent["data"]["submitFeedback"];
    let (_, other) = first.graphql(submit, json!({})).await?;
    let other = &other["data"]["submitFeedback"];
    let mut socket = connect(second.addr, json!({}))
        .await?
        .map_err(|m| anyhow::anyhow!("not acknowledged: {m}"))?;
    let subscribe = json!({ "id": "mine", "type": "subscribe", "payload": {
        "query": "subscription($code: String!, $secret: String!) {
            feedbackStatusChanged(code: $code, secret: $secret) { status } }",
        "variables": { "code": sent["code"], "secret": sent["secret"] } } });
    socket
        .send(Message::Text(subscribe.to_string().into()))
        .await?;
    // Let the subscription start before the step is taken.
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Another submission's steps wake no one who follows this one, and send nothing.
    let office = first.token("supervisor", &[])?;
    let cases = ask(
        &first,
        &office,
        "{ feedbackCases(first: 100) { nodes { id code } } }",
        json!({}),
    )
    .await?;
    let nodes = cases["data"]["feedbackCases"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let accept = "mutation($id: ID!, $v: Int!) { acceptFeedback(id: $id, expectedVersion: $v) {
        status } }";
    let find = |code: &Value| {
        nodes
            .iter()
            .find(|n| &n["code"] == code)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("a submission is not listed: {cases}"))
    };
    let (mine, other) = (find(&sent["code"])?, find(&other["code"])?);
    ask(
        &first,
        &office,
        accept,
        json!({ "id": other["id"], "v": 1 }),
    )
    .await?;
    assert_eq!(next(&mut socket, Duration::from_millis(500)).await?, None);
    ask(&first, &office, accept, json!({ "id": mine["id"], "v": 1 })).await?;
    let event = next(&mut socket, Duration::from_secs(10))
        .await?
        .ok_or_else(|| anyhow::anyhow!("the step on the first instance was not heard"))?;
    assert_eq!(event["id"], "mine", "{event}");
    assert_eq!(
        event["payload"]["data"]["feedbackStatusChanged"]["status"], "ACCEPTED",
        "{event}"
    );
    second.stop().await?;
    first.stop().await?;
    Ok(())
}
