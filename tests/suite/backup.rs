//! Backups proven by restore: a copy made while the server serves and writes fills an empty
//! database, which then holds what was written and passes the integrity and audit checks.

use harness::{Backend, TestApp, TestDatabase, on_both_databases};
use serde_json::json;

async fn a_backup_made_while_serving_restores_whole(backend: Backend) -> anyhow::Result<()> {
    use sea_orm::{EntityTrait as _, QueryOrder as _};
    let app = TestApp::spawn(backend).await?;
    let org = entity::organization::Entity::find()
        .order_by_asc(entity::organization::Column::Id)
        .one(app.db()?)
        .await?
        .map(|o| o.id)
        .ok_or_else(|| anyhow::anyhow!("no organization"))?;
    let editor = app.token_as("editor", &[org], "editor-backup")?;
    let admin = app.token_as("admin", &[], "admin-backup")?;
    let create =
        "mutation($input: EvaluationRoundInput!) { createEvaluationRound(input: $input) { id } }";
    let (_, made) = app
        .graphql_as(
            Some(&editor),
            create,
            json!({ "input": { "title": "BACKUPCANARY", "evaluators": "PUBLIC",
                "opensOn": "2011-12-01", "closesOn": "2011-12-20", "text": "备份前写入", "scope": "PUBLIC" } }),
        )
        .await?;
    let id = made["data"]["createEvaluationRound"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    anyhow::ensure!(!id.is_empty(), "{made}");
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("sunlight.backup");
    // Writes go on while the copy is made.
    let writer = {
        let (client, url, token) = (app.client.clone(), app.url("/graphql"), editor.clone());
        tokio::spawn(async move {
            for n in 0..20 {
                let _ = client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&json!({ "query": create, "variables": { "input": {
                        "title": format!("DURING {n}"), "evaluators": "PUBLIC", "opensOn": "2011-12-01",
                        "closesOn": "2011-12-20", "text": "备份时写入", "scope": "PUBLIC" } } }))
                    .send()
                    .await;
            }
        })
    };
    let report = sunlight::backup::backup(&app.config, &file).await?;
    writer.await?;
    assert!(report.bytes > 0 && file.exists());
    assert!(
        !sunlight::backup::partial(&file).exists(),
        "the partial file is left"
    );
    // Never over an existing backup.
    assert!(sunlight::backup::backup(&app.config, &file).await.is_err());

    let target = TestDatabase::empty(backend).await?;
    let mut config = target.config();
    config.seed_demo = false;
    let restored = sunlight::backup::restore(&config, &file).await?;
    assert!(
        restored.audit_entries.unwrap_or_default() > 0,
        "{restored:?}"
    );
    // Never over a database that holds data.
    assert!(sunlight::backup::restore(&config, &file).await.is_err());
    let again = TestApp::spawn_with(target, config).await?;
    let (_, seen) = again
        .graphql_as(
            Some(&admin),
            "query($id: ID!) { evaluationRound(id: $id) { title } }",
            json!({ "id": id }),
        )
        .await?;
    assert_eq!(
        seen["data"]["evaluationRound"]["title"], "BACKUPCANARY",
        "{seen}"
    );
    again.stop().await?;
    app.stop().await?;
    Ok(())
}

on_both_databases!(a_backup_made_while_serving_restores_whole);
