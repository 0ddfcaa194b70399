//! The audit log: appended in the writer's transaction, append-only in the database, and a hash
//! chain that shows any change made around that.

use entity::enums::RecordKind;
use harness::{Backend, TestApp, on_both_databases};
use sea_orm::{ConnectionTrait, DbBackend};
use serde_json::json;
use sunlight::audit::{self, Entry};

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
    assert_eq!(found.entries, 4);
    assert_eq!(found.broken, None);

    // Appends at once take turns: the chain does not fork.
    let tasks: Vec<_> = (10..30)
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
    let found = audit::verify(db).await?;
    assert_eq!((found.entries, found.broken), (24, None));

    // The database refuses to change or delete an entry.
    for sql in [
        "UPDATE audit_log SET actor = 'someone-else' WHERE id = 2",
        "DELETE FROM audit_log WHERE id = 2",
    ] {
        assert!(
            db.execute_unprepared(sql).await.is_err(),
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
    db.execute_unprepared(
        "UPDATE audit_log SET change = replace(change, '新2', '改2') WHERE id = 2",
    )
    .await?;
    let found = audit::verify(db).await?;
    let broken = found
        .broken
        .ok_or_else(|| anyhow::anyhow!("the change went unseen"))?;
    assert_eq!(broken.id, 2);
    assert!(broken.reason.contains("changed"), "{}", broken.reason);

    // Put back, the chain holds again: the check is on content, not on a flag.
    db.execute_unprepared(
        "UPDATE audit_log SET change = replace(change, '改2', '新2') WHERE id = 2",
    )
    .await?;
    assert_eq!(audit::verify(db).await?.broken, None);

    // A removed entry shows at the next one.
    db.execute_unprepared("DELETE FROM audit_log WHERE id = 3")
        .await?;
    let broken = audit::verify(db)
        .await?
        .broken
        .ok_or_else(|| anyhow::anyhow!("the removal went unseen"))?;
    assert_eq!(broken.id, 4);

    app.stop().await?;
    Ok(())
}

on_both_databases!(the_chain_holds_and_shows_tampering);
