//! The change feed: concurrent writers publish, correct, narrow and retract while a consumer
//! reads on from its cursor; afterwards, for every role, replaying the feed from the start
//! gives exactly the records, at their current versions, that the lists show that role.

use sea_orm::QueryOrder as _;
use std::collections::{BTreeMap, HashSet};

use entity::organization;
use harness::{Backend, TestApp, on_both_databases};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

/// The kinds that have a list field, and that field.
const LISTS: [(&str, &str); 15] = [
    ("ORGANIZATION", "organizations"),
    ("PERSON", "people"),
    ("POWER", "powers"),
    ("PROCEDURE", "procedures"),
    ("MEETING", "meetings"),
    ("DECISION", "decisions"),
    ("OBSERVER", "observers"),
    ("APPOINTMENT", "appointments"),
    ("DISCIPLINARY_CASE", "disciplinaryCases"),
    ("SOCIAL_SUPERVISOR", "socialSupervisors"),
    ("EXERCISE", "exercises"),
    ("FEEDBACK_ANSWER", "feedbackAnswers"),
    ("INSPECTION_REPORT", "inspectionReports"),
    ("DUTY_REPORT", "dutyReports"),
    ("EVALUATION_ROUND", "evaluationRounds"),
];

const PAGE: &str = "query($after: String, $kinds: [RecordKind!]) {
  changes(after: $after, kinds: $kinds, first: 200) {
    events { cursor operation action kind recordId version record { id } }
    endCursor hasMore
  }
}";

/// A small deterministic generator, so that a failure can be replayed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Runs a mutation; returns its data or fails with the errors.
async fn write(app: &TestApp, token: &str, query: &str, vars: Value) -> anyhow::Result<Value> {
    let (status, body) = app.graphql_as(Some(token), query, vars).await?;
    anyhow::ensure!(
        status == 200 && body["errors"].is_null(),
        "{status}: {body}"
    );
    Ok(body["data"].clone())
}

/// What a consumer holds: each record's version, by kind and global id.
#[derive(Default, Debug, PartialEq)]
struct Mirror {
    records: BTreeMap<(String, String), i64>,
    cursor: Option<String>,
    seen: HashSet<String>,
}

impl Mirror {
    /// Reads the feed on from the mirror's cursor until it has no more; checks that every
    /// event is new, and that a removal only ever removes what the mirror was shown.
    async fn catch_up(&mut self, app: &TestApp, token: Option<&str>) -> anyhow::Result<()> {
        loop {
            let (status, body) = app
                .graphql_as(
                    token,
                    PAGE,
                    json!({ "after": self.cursor, "kinds": LISTS.map(|(kind, _)| kind) }),
                )
                .await?;
            anyhow::ensure!(status == 200 && body["errors"].is_null(), "{body}");
            let page = &body["data"]["changes"];
            for event in page["events"].as_array().into_iter().flatten() {
                let cursor = event["cursor"].as_str().unwrap_or_default().to_owned();
                anyhow::ensure!(self.seen.insert(cursor), "an event came twice: {event}");
                let key = (
                    event["kind"].as_str().unwrap_or_default().to_owned(),
                    event["recordId"].as_str().unwrap_or_default().to_owned(),
                );
                match event["operation"].as_str() {
                    Some("UPSERT") => {
                        anyhow::ensure!(!event["action"].is_null(), "{event}");
                        self.records
                            .insert(key, event["version"].as_i64().unwrap_or_default());
                    }
                    Some("REMOVE") => {
                        anyhow::ensure!(event["action"].is_null(), "{event}");
                        anyhow::ensure!(event["record"].is_null(), "{event}");
                        anyhow::ensure!(
                            self.records.remove(&key).is_some(),
                            "removed a record this consumer was never shown: {event}"
                        );
                    }
                    _ => anyhow::bail!("an event without an operation: {event}"),
                }
            }
            if let Some(end) = page["endCursor"].as_str() {
                self.cursor = Some(end.to_owned());
            }
            if page["hasMore"] != json!(true) {
                return Ok(());
            }
        }
    }
}

/// Everything the lists show `token`, by kind and global id, with versions.
async fn listed(
    app: &TestApp,
    token: Option<&str>,
) -> anyhow::Result<BTreeMap<(String, String), i64>> {
    let mut out = BTreeMap::new();
    for (kind, field) in LISTS {
        let query = format!(
            "query($after: String) {{ {field}(first: 100, after: $after) {{ nodes {{ id version }} pageInfo {{ hasNextPage endCursor }} }} }}"
        );
        let mut after = Value::Null;
        loop {
            let (status, body) = app
                .graphql_as(token, &query, json!({ "after": after }))
                .await?;
            anyhow::ensure!(status == 200 && body["errors"].is_null(), "{body}");
            let list = &body["data"][field];
            for node in list["nodes"].as_array().into_iter().flatten() {
                out.insert(
                    (
                        kind.to_owned(),
                        node["id"].as_str().unwrap_or_default().to_owned(),
                    ),
                    node["version"].as_i64().unwrap_or_default(),
                );
            }
            if list["pageInfo"]["hasNextPage"] != json!(true) {
                break;
            }
            after = list["pageInfo"]["endCursor"].clone();
        }
    }
    Ok(out)
}

/// What one map holds that the other does not, or holds at another version.
fn difference(
    feed: &BTreeMap<(String, String), i64>,
    lists: &BTreeMap<(String, String), i64>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (key, version) in feed {
        if lists.get(key) != Some(version) {
            out.push(format!(
                "feed {key:?} v{version}, lists {:?}",
                lists.get(key)
            ));
        }
    }
    for (key, version) in lists {
        if !feed.contains_key(key) {
            out.push(format!("lists {key:?} v{version}, not in the feed"));
        }
    }
    out
}

fn power_input(n: u64, scope: &str, org: &str) -> Value {
    let audience = if scope == "RESTRICTED" {
        json!([{ "organization": org }])
    } else {
        json!([])
    };
    json!({
        "code": format!("FEED-{n}"), "name": format!("动态职权{n}"), "category": "OTHER",
        "holderOrganization": org, "legalBasis": "依据", "duties": "职责",
        "accountability": "追责", "undertakingUnit": "县委办", "carriers": ["WEBSITE"],
        "timing": "IMMEDIATE", "riskLevel": "LOW", "scope": scope, "audience": audience
    })
}

/// One writer's random walk over its own powers: create, submit, send back, approve,
/// publish, correct to another scope, retract.
async fn writer(
    app: &TestApp,
    editor: &str,
    reviewer: &str,
    org: &str,
    seed: u64,
    steps: usize,
) -> anyhow::Result<()> {
    const SCOPES: [&str; 3] = ["PUBLIC", "PARTY", "RESTRICTED"];
    let mut dice = Dice(seed);
    // Each power: its id, version and status.
    let mut mine: Vec<(String, i64, &str)> = Vec::new();
    let step = |field: &str, extra: &str| {
        format!(
            "mutation($id: ID!, $v: Int!) {{ {field}(id: $id, expectedVersion: $v{extra}) {{ version }} }}"
        )
    };
    for i in 0..steps {
        let pick = (!mine.is_empty()).then(|| dice.roll(mine.len() as u64) as usize);
        let Some(at) = pick.filter(|_| dice.roll(4) != 0) else {
            let scope = SCOPES[dice.roll(3) as usize];
            let data = write(
                app,
                editor,
                "mutation($input: PowerInput!) { createPower(input: $input) { id version } }",
                json!({ "input": power_input(seed * 1000 + i as u64, scope, org) }),
            )
            .await?;
            let made = &data["createPower"];
            mine.push((
                made["id"].as_str().unwrap_or_default().to_owned(),
                made["version"].as_i64().unwrap_or_default(),
                "DRAFT",
            ));
            continue;
        };
        let (id, version, status) = mine[at].clone();
        let (token, query, vars, next) = match status {
            "DRAFT" => (editor, step("submitForReview", ""), json!({}), "SUBMITTED"),
            "SUBMITTED" if dice.roll(4) == 0 => (
                reviewer,
                step("sendBack", ", comment: \"补充材料\""),
                json!({}),
                "DRAFT",
            ),
            "SUBMITTED" => (reviewer, step("approve", ""), json!({}), "APPROVED"),
            "APPROVED" => (editor, step("publish", ""), json!({}), "PUBLISHED"),
            "PUBLISHED" if dice.roll(3) == 0 => (
                editor,
                step("retract", ", reason: \"撤回\""),
                json!({}),
                "RETRACTED",
            ),
            "PUBLISHED" => {
                let scope = SCOPES[dice.roll(3) as usize];
                let mut input = power_input(seed * 1000 + i as u64, scope, org);
                if let Some(input) = input.as_object_mut() {
                    input.retain(|k, _| ["scope", "audience", "duties"].contains(&k.as_str()));
                }
                (
                    editor,
                    "mutation($id: ID!, $v: Int!, $input: PowerInput!) { correctPower(id: $id, expectedVersion: $v, reason: \"更正\", input: $input) { version } }".to_owned(),
                    json!({ "input": input }),
                    "PUBLISHED",
                )
            }
            _ => continue,
        };
        let mut vars = vars;
        vars["id"] = json!(id);
        vars["v"] = json!(version);
        let data = write(app, token, &query, vars).await?;
        let version = data
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(|v| v["version"].as_i64())
            .ok_or_else(|| anyhow::anyhow!("no version in {data}"))?;
        mine[at] = (id, version, next);
    }
    Ok(())
}

async fn replaying_the_feed_gives_what_the_lists_show_every_role(
    backend: Backend,
) -> anyhow::Result<()> {
    let database = harness::TestDatabase::create(backend).await?;
    let mut config = database.config();
    // Every read must be fresh: the anonymous response cache is off.
    config.response_cache_ms = 0;
    let app = TestApp::spawn_with(database, config).await?;
    let orgs = organization::Entity::find()
        .order_by_asc(organization::Column::Id)
        .all(app.db()?)
        .await?;
    let org = orgs
        .iter()
        .find(|o| o.parent_id.is_some())
        .ok_or_else(|| anyhow::anyhow!("no organization"))?;
    let other = orgs
        .iter()
        .find(|o| o.id != org.id && o.parent_id.is_some())
        .ok_or_else(|| anyhow::anyhow!("no second organization"))?;
    let gid = app.ids().encode("Organization", org.id).0;
    let reviewer = app.token_as("reviewer", &[], "feed-reviewer")?;
    let media = app.token("media", &[])?;

    // A consumer reads on while three editors write at once.
    let mut live = Mirror::default();
    live.catch_up(&app, Some(&media)).await?;
    let editors: Vec<String> = (0..3)
        .map(|w| app.token_as("editor", &[org.id], &format!("feed-editor-{w}")))
        .collect::<Result<_, _>>()?;
    let done = std::sync::atomic::AtomicBool::new(false);
    let writers = async {
        let result = futures::future::try_join_all(
            editors
                .iter()
                .enumerate()
                .map(|(w, editor)| writer(&app, editor, &reviewer, &gid, 7 + w as u64, 40)),
        )
        .await;
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        result
    };
    let reader = async {
        while !done.load(std::sync::atomic::Ordering::SeqCst) {
            tokio::time::sleep(std::time::Duration::from_millis(30)).await;
            live.catch_up(&app, Some(&media)).await?;
        }
        anyhow::Ok(())
    };
    let (written, read) = tokio::join!(writers, reader);
    written?;
    read?;
    live.catch_up(&app, Some(&media)).await?;
    assert_eq!(
        difference(&live.records, &listed(&app, Some(&media)).await?),
        Vec::<String>::new()
    );

    let callers: Vec<(&str, Option<String>)> = vec![
        ("public", None),
        ("media", Some(media.clone())),
        ("member", Some(app.token("member", &[org.id])?)),
        ("member elsewhere", Some(app.token("member", &[other.id])?)),
        ("official", Some(app.token("official", &[org.id])?)),
        ("editor", Some(editors[0].clone())),
        ("editor elsewhere", Some(app.token("editor", &[other.id])?)),
        ("reviewer", Some(reviewer.clone())),
        ("supervisor", Some(app.token("supervisor", &[])?)),
        ("admin", Some(app.token("admin", &[])?)),
    ];
    let mut sizes = Vec::new();
    for (role, token) in &callers {
        let mut replay = Mirror::default();
        replay.catch_up(&app, token.as_deref()).await?;
        let expected = listed(&app, token.as_deref()).await?;
        assert_eq!(
            difference(&replay.records, &expected),
            Vec::<String>::new(),
            "{role}"
        );
        sizes.push(expected.len());
    }
    // The walk made records of every scope and state: the roles do not all see the same.
    assert!(
        sizes[0] < sizes[2],
        "a member sees more than the public: {sizes:?}"
    );
    assert!(
        sizes[2] < sizes[9],
        "an admin sees more than a member: {sizes:?}"
    );
    assert!(
        sizes[5] > sizes[6],
        "an editor sees their drafts: {sizes:?}"
    );
    app.stop().await?;
    Ok(())
}

/// A publication set for later is in nobody's feed until its time; then it comes as an event
/// of its own, after the events written meanwhile, so a consumer that had read past the
/// publication's own event still gets it.
async fn scheduled_publications_come_when_due(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let org = organization::Entity::find()
        .order_by_asc(organization::Column::Id)
        .all(app.db()?)
        .await?
        .into_iter()
        .find(|o| o.parent_id.is_some())
        .ok_or_else(|| anyhow::anyhow!("no organization"))?;
    let gid = app.ids().encode("Organization", org.id).0;
    let editor = app.token_as("editor", &[org.id], "schedule-editor")?;
    let reviewer = app.token_as("reviewer", &[], "schedule-reviewer")?;
    let media = app.token("media", &[])?;
    let mut consumer = Mirror::default();
    consumer.catch_up(&app, Some(&media)).await?;
    let data = write(
        &app,
        &editor,
        "mutation($input: PowerInput!) { createPower(input: $input) { id } }",
        json!({ "input": power_input(9_001, "PUBLIC", &gid) }),
    )
    .await?;
    let id = data["createPower"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let step = |field: &str| {
        let (declared, used) = if field == "publish" {
            (", $at: DateTime", ", publishAt: $at")
        } else {
            ("", "")
        };
        format!(
            "mutation($id: ID!, $v: Int!{declared}) {{ {field}(id: $id, expectedVersion: $v{used}) {{ version }} }}"
        )
    };
    write(
        &app,
        &editor,
        &step("submitForReview"),
        json!({ "id": id, "v": 1 }),
    )
    .await?;
    write(
        &app,
        &reviewer,
        &step("approve"),
        json!({ "id": id, "v": 2 }),
    )
    .await?;
    let due = chrono::Utc::now() + chrono::Duration::seconds(3);
    write(
        &app,
        &editor,
        &step("publish"),
        json!({ "id": id, "v": 3, "at": due }),
    )
    .await?;
    let key = ("POWER".to_owned(), id.clone());
    consumer.catch_up(&app, Some(&media)).await?;
    assert!(
        !consumer.records.contains_key(&key),
        "shown before its time"
    );
    // The editor sees the scheduled record all along.
    let mut own = Mirror::default();
    own.catch_up(&app, Some(&editor)).await?;
    assert_eq!(own.records.get(&key), Some(&4));
    // Wait for the time and the next second's release.
    let mut shown = false;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        consumer.catch_up(&app, Some(&media)).await?;
        if consumer.records.contains_key(&key) {
            shown = true;
            break;
        }
    }
    assert!(shown, "never shown");
    assert!(chrono::Utc::now() >= due, "shown before its time");
    assert_eq!(consumer.records.get(&key), Some(&4));
    // Replaying from the start gives it once, at its release.
    let mut replay = Mirror::default();
    replay.catch_up(&app, Some(&media)).await?;
    assert_eq!(replay.records.get(&key), Some(&4));
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    replaying_the_feed_gives_what_the_lists_show_every_role,
    scheduled_publications_come_when_due
);
