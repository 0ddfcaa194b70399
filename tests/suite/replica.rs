//! Reads on a PostgreSQL streaming replica (`database_read_url`), started from the primary with
//! `pg_basebackup` on this machine. Replay on the replica is paused to make its lag certain.

use std::time::{Duration, Instant};

use harness::{TestApp, TestDatabase, cluster::Cluster};
use serde_json::json;

/// Whether `token` finds the source `id`.
async fn finds(app: &TestApp, token: &str, id: &str) -> anyhow::Result<bool> {
    let (status, body) = app
        .graphql_as(
            Some(token),
            "query($id: ID!) { node(id: $id) { ... on Source { title } } }",
            json!({ "id": id }),
        )
        .await?;
    anyhow::ensure!(
        status == 200 && body.get("errors").is_none(),
        "{status}: {body}"
    );
    Ok(!body["data"]["node"].is_null())
}

/// A draft source made by `token`; its global id.
async fn draft(app: &TestApp, token: &str, owner: &str, title: &str) -> anyhow::Result<String> {
    let (status, body) = app
        .graphql_as(
            Some(token),
            "mutation($owner: ID!, $input: SourceInput!) { createSource(owner: $owner, input: $input) { id } }",
            json!({ "owner": owner, "input": { "issuer": "县委办（示例）", "title": title, "scope": "PUBLIC" } }),
        )
        .await?;
    anyhow::ensure!(
        status == 200 && body.get("errors").is_none(),
        "{status}: {body}"
    );
    Ok(body["data"]["createSource"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// Waits until the replica has replayed all the primary has written now.
async fn caught_up(primary: &Cluster, replica: &Cluster) -> anyhow::Result<()> {
    let written = primary
        .psql("postgres", "SELECT pg_current_wal_lsn()::text")
        .await?;
    let since = Instant::now();
    loop {
        let behind = replica
            .psql(
                "postgres",
                &format!("SELECT pg_last_wal_replay_lsn() < '{written}'::pg_lsn"),
            )
            .await?;
        if behind == "f" {
            return Ok(());
        }
        anyhow::ensure!(
            since.elapsed() < Duration::from_secs(30),
            "the replica did not catch up"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Queries read the replica, a writer reads their own writes from the primary until the replica
/// has them, a replica more than 2 s behind is left for the primary, writes never go to the
/// replica, and a replica that goes away sends reads to the primary.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queries_read_the_replica_and_a_writer_reads_their_writes() -> anyhow::Result<()> {
    let primary = Cluster::start_new(&[]).await?;
    primary.psql("postgres", "CREATE DATABASE sunlight").await?;
    let base = primary.scratch("base").await?;
    primary
        .run(
            "pg_basebackup",
            &[
                "-d",
                &primary.url("postgres"),
                "-D",
                &base.join("data").display().to_string(),
                "-c",
                "fast",
                "-X",
                "stream",
                // A standby of this primary: standby.signal and primary_conninfo.
                "-R",
            ],
        )
        .await?;
    let replica = Cluster::from_base_backup(&base.join("data"), &[("hot_standby", "on")]).await?;
    replica.start().await?;
    anyhow::ensure!(
        replica
            .psql("postgres", "SELECT pg_is_in_recovery()")
            .await?
            == "t",
        "the replica is not a standby"
    );

    let database = TestDatabase::at(primary.url("sunlight"))?;
    let mut config = database.config();
    config.database_read_url = Some(replica.url("sunlight"));
    let app = TestApp::spawn_with(database, config).await?;
    let owner = app
        .ids()
        .encode("Organization", app.first_organization().await?)
        .0;
    let first = app.token_as("admin", &[], "admin-first")?;
    let second = app.token_as("admin", &[], "admin-second")?;
    caught_up(&primary, &replica).await?;

    // A write the replica has, just before replay is paused: the replica is fresh, and from
    // the pause on it lags for certain.
    let third = app.token_as("admin", &[], "admin-third")?;
    draft(&app, &third, &owner, "只读副本测试（前）（示例）").await?;
    caught_up(&primary, &replica).await?;
    replica
        .psql("postgres", "SELECT pg_wal_replay_pause()")
        .await?;
    // The write goes to the primary (the replica would refuse it), and its writer reads it back.
    let made = draft(&app, &first, &owner, "只读副本测试一（示例）").await?;
    assert!(
        finds(&app, &first, &made).await?,
        "the writer does not read their own write"
    );
    // Another caller reads the replica, which does not have it yet.
    assert!(
        !finds(&app, &second, &made).await?,
        "another caller's query was not read on the replica"
    );
    // With replay still paused, once the replica is more than 2 s behind, every query reads
    // the primary: the other caller sees the write within about 3 s.
    let paused = Instant::now();
    while !finds(&app, &second, &made).await? {
        assert!(
            paused.elapsed() < Duration::from_secs(6),
            "a lagging replica was still read after 6 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!(
        "a lagging replica was left for the primary after {:?}",
        paused.elapsed()
    );
    replica
        .psql("postgres", "SELECT pg_wal_replay_resume()")
        .await?;
    caught_up(&primary, &replica).await?;
    assert!(
        finds(&app, &second, &made).await?,
        "the replica's copy was not read after it caught up"
    );

    // Once the replica has a writer's write, the writer reads the replica again: with replay
    // paused, they do not see the other caller's new write, which its writer does.
    draft(&app, &third, &owner, "只读副本测试（中）（示例）").await?;
    caught_up(&primary, &replica).await?;
    replica
        .psql("postgres", "SELECT pg_wal_replay_pause()")
        .await?;
    let other = draft(&app, &second, &owner, "只读副本测试二（示例）").await?;
    assert!(
        finds(&app, &second, &other).await?,
        "the writer does not read their own write"
    );
    assert!(
        !finds(&app, &first, &other).await?,
        "a caller whose writes the replica has was not read on the replica"
    );
    replica
        .psql("postgres", "SELECT pg_wal_replay_resume()")
        .await?;

    // The replica goes away: within a second of it, queries read the primary.
    replica.stop().await?;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert!(
        finds(&app, &first, &other).await?,
        "queries did not fall back to the primary"
    );
    app.stop().await?;
    Ok(())
}
