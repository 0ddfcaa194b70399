//! The audit log: appended in the writer's transaction, append-only in the database, and a hash
//! chain that shows any change made around that; signed checkpoints that show a cut or
//! rewritten tail, and records held against the snapshots the chain keeps of them.

use entity::{
    enums::{PublicationStatus, RecordKind},
    power,
};
use harness::{Backend, TestApp, on_both_databases};
use sea_orm::QueryOrder as _;
use sea_orm::{
    ActiveModelTrait as _, ActiveValue::NotSet, ActiveValue::Set, ConnectionTrait, DbBackend,
    EntityTrait as _,
};
use serde_json::{Value, json};
use sunlight::audit::{self, Entry, checkpoint, key::CheckpointKey};

fn entry(n: i64) -> Entry<'static> {
    Entry {
        actor: "editor-1",
        person: None,
        role: "editor",
        action: "update",
        record: Some((RecordKind::Power, n)),
        before: Some(json!({ "name": format!("旧{n}") })),
        after: Some(json!({ "name": format!("新{n}") })),
        note: None,
    }
}

async fn the_chain_holds_and_shows_tampering(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    // The entries of the demo county's writes come first.
    let base = i64::try_from(audit::verify(db).await?.entries)?;
    let second = base + 2;

    // Committed entries stay; an entry whose transaction rolls back leaves nothing.
    for n in 1..=4 {
        let txn = sunlight::db::begin_write(db).await?;
        audit::append(&txn, &entry(n)).await?;
        txn.commit().await?;
    }
    let txn = sunlight::db::begin_write(db).await?;
    audit::append(&txn, &entry(99)).await?;
    txn.rollback().await?;
    let found = audit::verify(db).await?;
    assert_eq!(i64::try_from(found.entries)?, base + 4);
    assert_eq!(found.broken, None);

    // Appends at once take turns: the chain does not fork.
    append_at_once(db, 10..30).await?;
    let found = audit::verify(db).await?;
    assert_eq!(
        (i64::try_from(found.entries)?, found.broken),
        (base + 24, None)
    );

    // The database refuses to change or delete an entry.
    for sql in [
        format!("UPDATE audit_log SET actor = 'someone-else' WHERE id = {second}"),
        format!("DELETE FROM audit_log WHERE id = {second}"),
    ] {
        assert!(
            db.execute_unprepared(&sql).await.is_err(),
            "{sql} went through"
        );
    }

    // Someone with the database in hand goes around that, and the chain shows it.
    let around = match backend {
        Backend::Postgres => vec!["ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"],
        Backend::Sqlite => vec![
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_delete",
        ],
    };
    for sql in around {
        db.execute_unprepared(sql).await?;
    }
    assert_eq!(
        db.get_database_backend() == DbBackend::Postgres,
        backend == Backend::Postgres
    );
    db.execute_unprepared(&format!(
        "UPDATE audit_log SET change = replace(change, '新2', '改2') WHERE id = {second}"
    ))
    .await?;
    let found = audit::verify(db).await?;
    let broken = found
        .broken
        .ok_or_else(|| anyhow::anyhow!("the change went unseen"))?;
    assert_eq!(broken.id, second);
    assert!(broken.reason.contains("changed"), "{}", broken.reason);

    // Put back, the chain holds again: the check is on content, not on a flag.
    db.execute_unprepared(&format!(
        "UPDATE audit_log SET change = replace(change, '改2', '新2') WHERE id = {second}"
    ))
    .await?;
    assert_eq!(audit::verify(db).await?.broken, None);

    // A removed entry shows at the next one.
    db.execute_unprepared(&format!("DELETE FROM audit_log WHERE id = {}", base + 3))
        .await?;
    let broken = audit::verify(db)
        .await?
        .broken
        .ok_or_else(|| anyhow::anyhow!("the removal went unseen"))?;
    assert_eq!(broken.id, base + 4);

    app.stop().await?;
    Ok(())
}

on_both_databases!(the_chain_holds_and_shows_tampering);

/// Appends the entries `numbers`, each in a transaction of its own, all at once.
async fn append_at_once(
    db: &sea_orm::DatabaseConnection,
    numbers: std::ops::Range<i64>,
) -> anyhow::Result<()> {
    let tasks: Vec<_> = numbers
        .map(|n| {
            let db = db.clone();
            tokio::spawn(async move {
                let txn = sunlight::db::begin_write(&db).await?;
                audit::append(&txn, &entry(n)).await?;
                txn.commit().await
            })
        })
        .collect();
    for task in tasks {
        task.await??;
    }
    Ok(())
}

/// The very first appends, at once, on a log that has no head row yet, take turns too: the
/// chain does not fork.
async fn the_first_appends_at_once_take_turns(backend: Backend) -> anyhow::Result<()> {
    let database = harness::TestDatabase::empty(backend).await?;
    let mut config = database.config();
    config.seed_demo = false;
    let app = TestApp::spawn_with(database, config).await?;
    let db = app.db()?;
    assert_eq!(audit::verify(db).await?.entries, 0, "the log is not empty");
    append_at_once(db, 1..21).await?;
    let found = audit::verify(db).await?;
    assert_eq!((found.entries, found.broken), (20, None));
    app.stop().await?;
    Ok(())
}

on_both_databases!(the_first_appends_at_once_take_turns);

/// On PostgreSQL the database hashes each entry (`audit_append`) over the JSON the server
/// writes; on both, the server's own check of the chain must agree with every hash, whatever
/// the text holds: quotes, backslashes, control characters, characters beyond the BMP, an
/// actor's person, an entry that names no record.
async fn entries_of_any_text_are_hashed_as_checked(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    let base = audit::verify(db).await?.entries;
    let texts = [
        r#"引号 " 与反斜杠 \ 与 \" 与 \u0041"#,
        "换行\n制表\t\u{1}\u{1f}",
        "𝄞 🙂 青海省门源回族自治县",
        "",
    ];
    let mut appended = Vec::new();
    for (n, text) in (1_i64..).zip(texts) {
        let txn = sunlight::db::begin_write(db).await?;
        let stored = audit::append(
            &txn,
            &Entry {
                actor: text,
                person: (n % 2 == 0).then_some(n),
                role: "editor",
                action: "correct",
                record: (n % 2 == 1).then_some((RecordKind::Meeting, n)),
                before: Some(json!({ "text": text, "n": n })),
                after: Some(json!({ "text": format!("{text}{text}"), "list": [text, null] })),
                note: Some(text),
            },
        )
        .await?;
        txn.commit().await?;
        appended.push(stored);
    }
    let found = audit::verify(db).await?;
    assert_eq!((found.entries, found.broken), (base + 4, None));
    // What the append gave back is what was stored, link and hash included.
    for stored in &appended {
        let row = db
            .query_one_raw(sea_orm::Statement::from_sql_and_values(
                db.get_database_backend(),
                match backend {
                    Backend::Postgres => {
                        "SELECT actor, prev_hash, hash FROM audit_log WHERE id = $1"
                    }
                    Backend::Sqlite => "SELECT actor, prev_hash, hash FROM audit_log WHERE id = ?",
                },
                [stored.id.into()],
            ))
            .await?
            .ok_or_else(|| anyhow::anyhow!("entry {} is not stored", stored.id))?;
        let kept: (String, String, String) = (
            row.try_get("", "actor")?,
            row.try_get("", "prev_hash")?,
            row.try_get("", "hash")?,
        );
        assert_eq!(
            kept,
            (
                stored.actor.clone(),
                stored.prev_hash.clone(),
                stored.hash.clone()
            )
        );
    }
    assert_eq!(
        found.head.as_deref(),
        appended.last().map(|e| e.hash.as_str())
    );
    app.stop().await?;
    Ok(())
}

on_both_databases!(entries_of_any_text_are_hashed_as_checked);

/// The key the server signs checkpoints with: made in its data directory at start.
fn server_key(app: &TestApp) -> anyhow::Result<CheckpointKey> {
    Ok(CheckpointKey::load_existing(&app.config)?)
}

/// A draft power of the first power's organization, put in directly as the suite's other
/// tests do; the writes through the API after it are what the log records.
async fn draft_power(app: &TestApp, code: &str) -> anyhow::Result<(String, i64, i64)> {
    let db = app.db()?;
    let model = power::Entity::find()
        .order_by_asc(power::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no power"))?;
    let owner = model.holder_org_id;
    let mut active: power::ActiveModel = model.into();
    active.id = NotSet;
    active.code = Set(code.into());
    active.name = Set(format!("草稿{code}"));
    active.status = Set(PublicationStatus::Draft);
    active.publish_at = Set(None);
    active.version = Set(1);
    active.owner_org_id = Set(Some(owner));
    let row = active.insert(db).await?;
    Ok((app.ids().encode("Power", row.id).0, row.id, owner))
}

async fn mutate(app: &TestApp, token: &str, query: &str, variables: Value) -> anyhow::Result<()> {
    let (status, body) = app.graphql_as(Some(token), query, variables).await?;
    anyhow::ensure!(
        status == 200 && body.get("errors").is_none(),
        "{query} failed: {body}"
    );
    Ok(())
}

/// Takes a new power from draft to published through the API, with a change on the way;
/// returns its database id and owner.
async fn publish_power(app: &TestApp, code: &str) -> anyhow::Result<(i64, i64)> {
    let (id, row, owner) = draft_power(app, code).await?;
    let editor = app.token_as("editor", &[owner], "editor-anchor")?;
    let reviewer = app.token_as("reviewer", &[], "reviewer-anchor")?;
    let step = |name: &str| {
        format!(
            "mutation($id: ID!, $v: Int!) {{ {name}(id: $id, expectedVersion: $v) {{ version }} }}"
        )
    };
    mutate(
        app,
        &editor,
        "mutation($id: ID!, $v: Int!, $name: String!) {
            updatePower(id: $id, expectedVersion: $v, input: { name: $name }) { version } }",
        json!({ "id": id, "v": 1, "name": format!("公开职权{code}") }),
    )
    .await?;
    mutate(
        app,
        &editor,
        &step("submitForReview"),
        json!({ "id": id, "v": 2 }),
    )
    .await?;
    mutate(
        app,
        &reviewer,
        &step("approve"),
        json!({ "id": id, "v": 3 }),
    )
    .await?;
    mutate(
        app,
        &reviewer,
        &step("publish"),
        json!({ "id": id, "v": 4 }),
    )
    .await?;
    Ok((row, owner))
}

async fn go_around_the_triggers(app: &TestApp, backend: Backend) -> anyhow::Result<()> {
    let sql: &[&str] = match backend {
        Backend::Postgres => &["ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"],
        Backend::Sqlite => &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_delete",
        ],
    };
    for sql in sql {
        app.db()?.execute_unprepared(sql).await?;
    }
    Ok(())
}

async fn a_saved_checkpoint_finds_a_cut_or_rewritten_tail(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    let key = server_key(&app)?;
    // The entries of the demo county's writes come first.
    let base = i64::try_from(audit::verify(db).await?.entries)?;
    let compared = audit::verify_all(db, None).await?.content.compared;

    publish_power(&app, "ANCHOR-1").await?;
    let taken = checkpoint::take(db, &key, None)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no checkpoint taken"))?;
    assert_eq!(taken.sequence, base + 4);
    // The head has not moved: no second checkpoint of it.
    assert_eq!(checkpoint::take(db, &key, None).await?, None);

    // Anyone can fetch it, as plain JSON and through GraphQL, and check its signature.
    let response = app.client.get(app.url("/audit/checkpoint")).send().await?;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let text = response.text().await?;
    let saved = checkpoint::parse(&text)?;
    assert_eq!(saved, taken);
    assert_eq!(saved.verify_signature(&key.public()), Ok(()));
    let served = app
        .data(
            "{ auditCheckpoint { sequence headHash signedAt signature publicKey } }",
            json!({}),
        )
        .await?;
    assert_eq!(
        checkpoint::parse(&json!({ "data": served }).to_string())?,
        taken
    );
    let at = app
        .client
        .get(app.url(&format!("/audit/checkpoint?sequence={}", base + 4)))
        .send()
        .await?;
    assert_eq!(checkpoint::parse(&at.text().await?)?, taken);
    let missing = app
        .client
        .get(app.url(&format!("/audit/checkpoint?sequence={}", base + 3)))
        .send()
        .await?;
    assert_eq!(missing.status().as_u16(), 404);

    // A changed byte anywhere in what was signed fails.
    let last = if taken.head_hash.ends_with('0') {
        '1'
    } else {
        '0'
    };
    let changed = checkpoint::Checkpoint {
        head_hash: format!("{}{last}", &taken.head_hash[..63]),
        ..taken.clone()
    };
    let found = audit::verify_all(db, Some((&changed, &key.public()))).await?;
    assert!(matches!(
        found.checkpoint,
        Some((_, Err(checkpoint::Refusal::BadSignature)))
    ));
    assert_eq!(found.faults().len(), 1, "{:?}", found.faults());

    // The log goes on: it still extends the checkpoint, and every record agrees with it.
    publish_power(&app, "ANCHOR-2").await?;
    let found = audit::verify_all(db, Some((&saved, &key.public()))).await?;
    assert!(found.faults().is_empty(), "{:?}", found.faults());
    assert_eq!(i64::try_from(found.chain.entries)?, base + 8);
    assert_eq!(found.content.compared, compared + 2);
    // The demo county was written through the write path: no published record lacks entries.
    assert_eq!(found.content.unaudited_published, 0);

    // Someone with the database in hand cuts the tail, back to before the checkpoint's entry.
    // The head row, written with every entry, shows the cut by itself.
    go_around_the_triggers(&app, backend).await?;
    db.execute_unprepared(&format!("DELETE FROM audit_log WHERE id >= {}", base + 4))
        .await?;
    let cut = audit::verify(db)
        .await?
        .broken
        .ok_or_else(|| anyhow::anyhow!("the cut went unseen by the head"))?;
    assert_eq!(cut.id, base + 8);
    assert!(
        cut.reason.contains(&format!("ends at entry {}", base + 3)),
        "{}",
        cut.reason
    );
    // A careful forger sets the head back too: the chain alone then holds, but the saved
    // checkpoint shows the cut.
    db.execute_unprepared(&format!(
        "UPDATE audit_head SET id = {0}, hash = (SELECT hash FROM audit_log WHERE id = {0})",
        base + 3
    ))
    .await?;
    let found = audit::verify_all(db, Some((&saved, &key.public()))).await?;
    assert_eq!(found.chain.broken, None);
    assert_eq!(i64::try_from(found.chain.entries)?, base + 3);
    let Some((_, Err(refusal))) = &found.checkpoint else {
        anyhow::bail!("the cut went unseen: {found:?}");
    };
    assert_eq!(
        *refusal,
        checkpoint::Refusal::Truncated {
            sequence: base + 4,
            last: base + 3
        }
    );
    assert!(refusal.to_string().contains("removed"), "{refusal}");

    // Writing a new tail in its place, with hashes that chain, does not help either.
    let txn = sunlight::db::begin_write(db).await?;
    audit::append(&txn, &entry(4)).await?;
    txn.commit().await?;
    let found = audit::verify_all(db, Some((&saved, &key.public()))).await?;
    assert_eq!(found.chain.broken, None);
    let Some((_, Err(refusal))) = &found.checkpoint else {
        anyhow::bail!("the new tail went unseen: {found:?}");
    };
    assert!(
        matches!(refusal, checkpoint::Refusal::Rewritten { sequence, .. } if *sequence == base + 4),
        "{refusal:?}"
    );
    assert!(refusal.to_string().contains("rewritten"), "{refusal}");

    // Nor does a checkpoint signed with a key of one's own.
    let own = CheckpointKey::from_seed([9; 32]);
    let head = audit::verify(db).await?.head.unwrap_or_default();
    let mine = checkpoint::Checkpoint::sign(&own, base + 4, &head);
    let found = audit::verify_all(db, Some((&mine, &key.public()))).await?;
    assert!(matches!(
        found.checkpoint,
        Some((_, Err(checkpoint::Refusal::OtherKey { .. })))
    ));

    app.stop().await?;
    Ok(())
}

async fn a_published_field_changed_in_the_database_is_found(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    let compared = audit::verify_all(db, None).await?.content.compared;
    let base = audit::verify(db).await?.entries;
    let (id, owner) = publish_power(&app, "ANCHOR-EDIT").await?;
    let (other, _) = publish_power(&app, "ANCHOR-HIDE").await?;

    // A correction is a write like any other: the records still agree with the log.
    let editor = app.token_as("editor", &[owner], "editor-anchor")?;
    mutate(
        &app,
        &editor,
        "mutation($id: ID!, $v: Int!) { correctPower(id: $id, expectedVersion: $v,
            reason: \"错别字\", input: { name: \"更正后的职权\" }) { version } }",
        json!({ "id": app.ids().encode("Power", id).0, "v": 5 }),
    )
    .await?;
    let found = audit::verify_all(db, None).await?;
    assert!(found.faults().is_empty(), "{:?}", found.faults());
    assert_eq!(found.content.compared, compared + 2);

    // The name of a published power is changed in the database, and another is quietly
    // taken back to a draft: both are found, naming what differs.
    db.execute_unprepared(&format!(
        "UPDATE powers SET name = '被改的职权' WHERE id = {id}"
    ))
    .await?;
    db.execute_unprepared(&format!(
        "UPDATE powers SET status = 'DRAFT' WHERE id = {other}"
    ))
    .await?;
    let found = audit::verify_all(db, None).await?;
    assert_eq!(found.chain.broken, None);
    let differences: Vec<(RecordKind, i64, Vec<String>)> = found
        .content
        .differences
        .iter()
        .map(|d| (d.kind, d.id, d.columns.clone()))
        .collect();
    assert_eq!(
        differences,
        vec![
            (RecordKind::Power, id, vec!["name".to_owned()]),
            (RecordKind::Power, other, vec!["status".to_owned()]),
        ]
    );
    let faults = found.faults();
    assert_eq!(faults.len(), 2);
    assert!(
        faults[0].contains(&format!("Power {id}")) && faults[0].contains("name"),
        "{faults:?}"
    );

    // Put back, the records agree again: the check is on content.
    db.execute_unprepared(&format!(
        "UPDATE powers SET name = '更正后的职权' WHERE id = {id}"
    ))
    .await?;
    db.execute_unprepared(&format!(
        "UPDATE powers SET status = 'PUBLISHED' WHERE id = {other}"
    ))
    .await?;
    assert!(audit::verify_all(db, None).await?.faults().is_empty());

    // A record the log holds that is gone is found too.
    db.execute_unprepared(&format!("DELETE FROM powers WHERE id = {other}"))
        .await?;
    let found = audit::verify_all(db, None).await?;
    let gone: Vec<String> = found
        .content
        .differences
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        gone,
        vec![format!(
            "Power {other} is gone, but entry {} holds it",
            base + 8
        )]
    );

    app.stop().await?;
    Ok(())
}

on_both_databases!(
    a_saved_checkpoint_finds_a_cut_or_rewritten_tail,
    a_published_field_changed_in_the_database_is_found
);

/// Powers of the synthetic county the timing runs over; each gets an equal share of the
/// entries, the last one holding the power as stored.
const TIMED_POWERS: u64 = 10_000;
/// Entries the timing runs over.
const TIMED_ENTRIES: i64 = 100_000;

/// How long `sunlight audit verify` takes over 100,000 entries: the demo county and a synthetic
/// county of 10,000 powers, each power written 10 times (entries the size of real ones: the
/// whole row before and after), then the chain walked, a checkpoint held against it and every
/// record held against its last entry. Prints the figures; run it alone, ideally in release:
///
/// `SUNLIGHT_TEST_POSTGRES_URL=… cargo test --release -p sunlight-tests --test suite
/// audit::verify_time -- --ignored --nocapture --test-threads=1`
async fn verify_time(backend: Backend) -> anyhow::Result<()> {
    use sea_orm::{ColumnTrait as _, QueryFilter as _, QueryOrder as _};
    let database = harness::TestDatabase::create(backend).await?;
    let config = sunlight::config::Config {
        seed_demo: true,
        ..database.config()
    };
    let (_, db) = sunlight::server::prepare(&config).await?;
    sunlight::seed::synthetic::load(&db, TIMED_POWERS).await?;
    let powers: Vec<(i64, Value)> = power::Entity::find()
        .order_by_asc(power::Column::Id)
        .filter(power::Column::Code.starts_with("SYN"))
        .order_by_asc(power::Column::Id)
        .into_json()
        .all(&db)
        .await?
        .into_iter()
        .filter_map(|row| Some((row.get("id")?.as_i64()?, row)))
        .collect();
    anyhow::ensure!(!powers.is_empty(), "no synthetic powers");

    let filling = std::time::Instant::now();
    let mut written = 0;
    while written < TIMED_ENTRIES {
        let txn = sunlight::db::begin_write(&db).await?;
        for _ in 0..1000 {
            let index = usize::try_from(written).unwrap_or(0) % powers.len();
            let (id, row) = &powers[index];
            audit::append(
                &txn,
                &Entry {
                    actor: "editor-timing",
                    person: None,
                    role: "editor",
                    action: "update",
                    record: Some((RecordKind::Power, *id)),
                    before: Some(row.clone()),
                    after: Some(row.clone()),
                    note: None,
                },
            )
            .await?;
            written += 1;
        }
        txn.commit().await?;
    }
    let filled = filling.elapsed();
    let key = CheckpointKey::from_seed([3; 32]);
    let saved = checkpoint::take(&db, &key, None)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no checkpoint"))?;

    let started = std::time::Instant::now();
    let chain = audit::verify(&db).await?;
    let chain_time = started.elapsed();
    let started = std::time::Instant::now();
    let found = audit::verify_all(&db, Some((&saved, &key.public()))).await?;
    let all_time = started.elapsed();
    assert_eq!(chain.entries, 100_000);
    assert!(found.faults().is_empty(), "{:?}", found.faults());
    println!(
        "audit verify, {backend:?}: {} entries filled in {:.1} s; the chain alone {:.2} s; \
         chain, checkpoint and {} records held against their entries ({} published without \
         one) {:.2} s",
        chain.entries,
        filled.as_secs_f64(),
        chain_time.as_secs_f64(),
        found.content.compared,
        found.content.unaudited_published,
        all_time.as_secs_f64(),
    );
    db.close().await?;
    Ok(())
}

mod verify_time {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "a timing over 100,000 entries; run it alone with --ignored --nocapture"]
    async fn sqlite() -> anyhow::Result<()> {
        super::verify_time(harness::Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "a timing over 100,000 entries; run it alone with --ignored --nocapture"]
    async fn postgres() -> anyhow::Result<()> {
        super::verify_time(harness::Backend::Postgres).await
    }
}
