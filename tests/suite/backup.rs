//! Backups proven by restore: a copy made while the server serves and writes fills an empty
//! database, which then holds what was written and passes the integrity and audit checks.

use harness::{Backend, TestApp, TestDatabase, on_both_databases};
use serde_json::json;

async fn a_backup_made_while_serving_restores_whole(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let org = app.first_organization().await?;
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

/// The continuous recipe of the README on PostgreSQL: a base backup and an archive of the
/// write-ahead log, recovered into a second cluster up to a chosen moment. The copy holds what
/// was written before that moment and nothing after, and passes the same checks as a restore.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_recovers_to_a_point_in_time() -> anyhow::Result<()> {
    use harness::cluster::Cluster;
    let archiving = [
        ("archive_mode", "on"),
        (
            "archive_command",
            "'test ! -f {archive}/%f && cp %p {archive}/%f'",
        ),
    ];
    let first = Cluster::start_new(&archiving).await?;
    first.psql("postgres", "CREATE DATABASE sunlight").await?;
    let database = TestDatabase::at(first.url("sunlight"))?;
    let config = database.config();
    let app = TestApp::spawn_with(database, config).await?;
    let write = |title: &'static str| {
        let app = &app;
        async move {
            let org = app.first_organization().await?;
            let editor = app.token_as("editor", &[org], "editor-pitr")?;
            let (_, made) = app
                .graphql_as(
                    Some(&editor),
                    "mutation($input: EvaluationRoundInput!) { createEvaluationRound(input: $input) { id } }",
                    json!({ "input": { "title": title, "evaluators": "PUBLIC", "opensOn": "2011-12-01",
                        "closesOn": "2011-12-20", "text": "时间点恢复", "scope": "PUBLIC" } }),
                )
                .await?;
            anyhow::ensure!(
                made["data"]["createEvaluationRound"]["id"].is_string(),
                "{made}"
            );
            Ok::<_, anyhow::Error>(())
        }
    };

    let base = first.scratch("base").await?;
    let started = std::time::Instant::now();
    first
        .run(
            "pg_basebackup",
            &[
                "-d",
                &first.url("postgres"),
                "-D",
                &base.join("data").display().to_string(),
                "-c",
                "fast",
            ],
        )
        .await?;
    let base_seconds = started.elapsed().as_secs_f64();
    write("BEFORE THE MOMENT").await?;
    let moment = first
        .psql("sunlight", "SELECT clock_timestamp()::text")
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    write("AFTER THE MOMENT").await?;
    // Close the segment and wait until the archive has it.
    let segment = first
        .psql("postgres", "SELECT pg_walfile_name(pg_switch_wal())")
        .await?;
    let archived = std::time::Instant::now();
    loop {
        let last = first
            .psql(
                "postgres",
                "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver",
            )
            .await?;
        if last.as_str() >= segment.as_str() {
            break;
        }
        anyhow::ensure!(
            archived.elapsed() < std::time::Duration::from_secs(30),
            "segment {segment} was not archived (last {last})"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.stop().await?;

    let restore_command = format!("'cp {}/%f %p'", first.archive().display());
    let target = format!("'{moment}'");
    let second = Cluster::from_base_backup(
        &base.join("data"),
        &[
            ("archive_mode", "off"),
            ("restore_command", &restore_command),
            ("recovery_target_time", &target),
            ("recovery_target_action", "'promote'"),
        ],
    )
    .await?;
    std::fs::write(second.data().join("recovery.signal"), "")?;
    let recovering = std::time::Instant::now();
    second.start().await?;
    while second
        .psql("postgres", "SELECT pg_is_in_recovery()")
        .await?
        != "f"
    {
        anyhow::ensure!(
            recovering.elapsed() < std::time::Duration::from_secs(60),
            "the copy did not finish recovery"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let recovery_seconds = recovering.elapsed().as_secs_f64();
    for (title, expected) in [("BEFORE THE MOMENT", "1"), ("AFTER THE MOMENT", "0")] {
        let sql = format!("SELECT count(*) FROM evaluation_rounds WHERE title = '{title}'");
        assert_eq!(second.psql("sunlight", &sql).await?, expected, "{title}");
    }
    let recovered = TestDatabase::at(second.url("sunlight"))?;
    let mut config = recovered.config();
    config.seed_demo = false;
    let entries = sunlight::backup::check(&config).await?;
    assert!(entries > 0);
    eprintln!(
        "point-in-time recovery: base backup in {base_seconds:.2} s, recovered to {moment} in \
         {recovery_seconds:.2} s; {entries} audit entries hold"
    );
    Ok(())
}

/// `sunlight backup` killed while it copies: the file it leaves is named `.partial`, a restore
/// refuses it, the database is untouched (it serves, and it checks whole), and the next backup
/// replaces the partial copy with a whole one.
async fn a_backup_killed_midway_is_marked_incomplete(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("killed.backup");
    let partial = sunlight::backup::partial(&file);
    let mut killed_midway = None;
    for attempt in 1..=20 {
        let mut command = crate::sunlight(&app.config);
        command
            .args(["backup", "--to"])
            .arg(&file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        // Its own process group, so that pg_dump dies with it.
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command.spawn()?;
        let group = format!("-{}", child.id());
        loop {
            if partial.exists() {
                std::process::Command::new("kill")
                    .args(["-KILL", "--", &group])
                    .status()?;
                break;
            }
            if child.try_wait()?.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        let status = child.wait()?;
        if file.exists() {
            // The copy was done before the kill landed; try again.
            std::fs::remove_file(&file)?;
            continue;
        }
        assert!(!status.success(), "{status:?}");
        assert!(partial.exists(), "no partial file after the kill");
        killed_midway = Some(attempt);
        break;
    }
    let attempt = killed_midway.ok_or_else(|| anyhow::anyhow!("no backup was killed midway"))?;

    let target = TestDatabase::empty(backend).await?;
    let mut config = target.config();
    config.seed_demo = false;
    let refused = sunlight::backup::restore(&config, &partial).await;
    let message = format!(
        "{:#}",
        refused
            .err()
            .ok_or_else(|| anyhow::anyhow!("restored a partial backup"))?
    );
    assert!(message.contains("incomplete"), "{message}");

    // The database is untouched.
    let (status, body) = app
        .graphql("{ powers(first: 1) { totalCount } }", json!({}))
        .await?;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["data"]["powers"]["totalCount"].as_i64().unwrap_or(0) > 0,
        "{body}"
    );
    let entries = sunlight::backup::check(&app.config).await?;
    // The next backup is whole and leaves no partial file.
    let report = sunlight::backup::backup(&app.config, &file).await?;
    assert!(report.bytes > 0 && !partial.exists());
    eprintln!(
        "{backend:?}: backup killed midway at attempt {attempt}: left {} as incomplete, restore \
         refused it, the database and its {entries} audit entries hold, the next backup is whole",
        partial.display()
    );
    app.stop().await?;
    Ok(())
}

on_both_databases!(a_backup_killed_midway_is_marked_incomplete);
