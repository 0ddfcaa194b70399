//! Faults survived under a steady load of reads and writes, each test saying what it survived:
//! the database stopped and started again, and the disk of a SQLite database full.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use harness::{TestApp, TestDatabase, cluster::Cluster};
use serde_json::{Value, json};

/// One answer of the load.
#[derive(Debug)]
struct Answer {
    sent: Instant,
    took: Duration,
    status: u16,
    code: Option<String>,
    retry_after: Option<String>,
    /// The id a write was acknowledged with.
    written: Option<String>,
}

const READ: &str = "{ powers(first: 5) { nodes { id name holder { name } } } }";
const WRITE: &str =
    "mutation($input: EvaluationRoundInput!) { createEvaluationRound(input: $input) { id } }";

/// Sends one request and notes how it went; a request that gets no answer at all fails the
/// test, since hanging is the fault looked for.
async fn ask(client: &reqwest::Client, url: &str, token: &str, body: &Value) -> Answer {
    let sent = Instant::now();
    let answer = client
        .post(url)
        .bearer_auth(token)
        .timeout(Duration::from_secs(10))
        .json(body)
        .send()
        .await;
    let (status, retry_after, json) = match answer {
        Ok(response) => {
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let json = response.json::<Value>().await.unwrap_or(Value::Null);
            (status, retry_after, json)
        }
        Err(e) => (0, None, json!({ "transport": e.to_string() })),
    };
    Answer {
        sent,
        took: sent.elapsed(),
        status,
        code: json["errors"][0]["extensions"]["code"]
            .as_str()
            .map(str::to_owned),
        retry_after,
        written: json["data"]["createEvaluationRound"]["id"]
            .as_str()
            .map(str::to_owned),
    }
}

/// Readers and a writer that keep asking until told to stop, each answer noted.
struct Load {
    stop: Arc<AtomicBool>,
    tasks: Vec<tokio::task::JoinHandle<Vec<Answer>>>,
}

impl Load {
    fn start(app: &TestApp, reader: &str, editor: &str, readers: usize) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let mut tasks = Vec::new();
        for n in 0..=readers {
            let (client, url, stop) = (app.client.clone(), app.url("/graphql"), stop.clone());
            let token = if n == 0 { editor } else { reader }.to_owned();
            tasks.push(tokio::spawn(async move {
                let mut answers = Vec::new();
                let mut count = 0u32;
                while !stop.load(Ordering::Relaxed) {
                    count += 1;
                    let body = if n == 0 {
                        json!({ "query": WRITE, "variables": { "input": {
                            "title": format!("LOAD {count}"), "evaluators": "PUBLIC",
                            "opensOn": "2011-12-01", "closesOn": "2011-12-20",
                            "text": "负载下写入", "scope": "PUBLIC" } } })
                    } else {
                        json!({ "query": READ })
                    };
                    answers.push(ask(&client, &url, &token, &body).await);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                answers
            }));
        }
        Self { stop, tasks }
    }

    async fn finish(self) -> anyhow::Result<Vec<Answer>> {
        self.stop.store(true, Ordering::Relaxed);
        let mut all = Vec::new();
        for task in self.tasks {
            all.extend(task.await?);
        }
        all.sort_by_key(|a| a.sent);
        Ok(all)
    }
}

/// Fails unless every id of `written` reads back, as `token` sees it.
async fn all_there(app: &TestApp, token: &str, written: &[String]) -> anyhow::Result<()> {
    for id in written {
        let (_, seen) = app
            .graphql_as(
                Some(token),
                "query($id: ID!) { evaluationRound(id: $id) { id } }",
                json!({ "id": id }),
            )
            .await?;
        anyhow::ensure!(
            seen["data"]["evaluationRound"]["id"] == *id,
            "{id} is lost: {seen}"
        );
    }
    Ok(())
}

/// PostgreSQL stopped for 3 s under load and started again: every request in between fails
/// within a second as `UNAVAILABLE` with `Retry-After` (never `INTERNAL`, never hanging),
/// `/readyz` says not ready, service comes back within a second of the database without a
/// restart of Sunlight, and every acknowledged write is there afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_stopped_and_started_under_load() -> anyhow::Result<()> {
    let cluster = Cluster::start_new(&[]).await?;
    cluster.psql("postgres", "CREATE DATABASE sunlight").await?;
    let database = TestDatabase::at(cluster.url("sunlight"))?;
    let config = database.config();
    let app = TestApp::spawn_with(database, config).await?;
    let org = app.first_organization().await?;
    let editor = app.token_as("editor", &[org], "editor-outage")?;
    let reader = app.token_as("member", &[], "member-outage")?;

    let load = Load::start(&app, &reader, &editor, 3);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let down_at = Instant::now();
    cluster.stop().await?;
    // `/readyz` while the database is away.
    let mut ready_while_down = Vec::new();
    while down_at.elapsed() < Duration::from_secs(3) {
        let status = app
            .client
            .get(app.url("/readyz"))
            .timeout(Duration::from_secs(5))
            .send()
            .await?
            .status()
            .as_u16();
        ready_while_down.push(status);
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    cluster.start().await?;
    let up_at = Instant::now();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let answers = load.finish().await?;
    let ready_after = app.client.get(app.url("/readyz")).send().await?.status();

    let failed: Vec<&Answer> = answers.iter().filter(|a| a.status != 200).collect();
    for answer in &answers {
        if answer.status == 200 {
            assert_eq!(answer.code, None, "{answer:?}");
        } else {
            assert_eq!(answer.status, 503, "{answer:?}");
            assert_eq!(answer.code.as_deref(), Some("UNAVAILABLE"), "{answer:?}");
            assert!(answer.retry_after.is_some(), "{answer:?}");
            assert!(answer.took < Duration::from_secs(1), "{answer:?}");
        }
    }
    assert!(
        failed.len() >= 5,
        "the outage went unnoticed: {} failures",
        failed.len()
    );
    assert!(
        ready_while_down.contains(&503),
        "readyz while down: {ready_while_down:?}"
    );
    assert_eq!(ready_after, 200);
    // Back within a second of the database: nothing sent a second after its return fails, and
    // the first good answer after it came soon.
    let back = answers
        .iter()
        .filter(|a| a.sent >= up_at && a.status == 200)
        .map(|a| (a.sent + a.took).duration_since(up_at))
        .min()
        .ok_or_else(|| anyhow::anyhow!("no good answer after the database came back"))?;
    assert!(back <= Duration::from_secs(1), "back after {back:?}");
    let late_failures = answers
        .iter()
        .filter(|a| a.sent >= up_at + Duration::from_secs(1) && a.status != 200)
        .count();
    assert_eq!(late_failures, 0);
    // Every acknowledged write is there.
    let written: Vec<String> = answers.iter().filter_map(|a| a.written.clone()).collect();
    assert!(!written.is_empty());
    all_there(&app, &editor, &written).await?;
    let slowest = failed.iter().map(|a| a.took).max().unwrap_or_default();
    eprintln!(
        "PostgreSQL stopped for {:.1} s under load: {} of {} requests failed, all UNAVAILABLE \
         with Retry-After, the slowest in {} ms; first good answer {} ms after the database \
         was back; {} acknowledged writes, none lost",
        up_at.duration_since(down_at).as_secs_f64(),
        failed.len(),
        answers.len(),
        slowest.as_millis(),
        back.as_millis(),
        written.len()
    );
    app.stop().await?;
    Ok(())
}

/// A tmpfs of `size` mounted over `dir`, unmounted when dropped. Mounting needs root; `None`
/// when this process may not.
struct SmallDisk {
    dir: std::path::PathBuf,
}

impl SmallDisk {
    fn mount(dir: &std::path::Path, size: &str) -> anyhow::Result<Option<Self>> {
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status();
        match status {
            Ok(s) if s.success() => Ok(Some(Self {
                dir: dir.to_owned(),
            })),
            _ => Ok(None),
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.dir)
            .status();
    }
}

/// Fills the filesystem of `dir` with one file until no byte more fits; returns the file.
fn fill(dir: &std::path::Path) -> anyhow::Result<std::path::PathBuf> {
    use std::io::Write as _;
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path)?;
    let chunk = vec![0u8; 64 * 1024];
    loop {
        match file.write(&chunk) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.raw_os_error() == Some(28) => break, // ENOSPC
            Err(e) => return Err(e.into()),
        }
    }
    // The last few bytes.
    while let Ok(n) = file.write(&chunk[..512]) {
        if n == 0 {
            break;
        }
    }
    Ok(path)
}

/// The SQLite disk full under load: writes are refused as `UNAVAILABLE` with a message that
/// says the database has no room, reads go on, and once space returns writes pass again and
/// the file passes the integrity check and the audit log holds, with every acknowledged
/// write in it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_disk_full_refuses_writes_and_keeps_reading() -> anyhow::Result<()> {
    let database = TestDatabase::create(harness::Backend::Sqlite).await?;
    let file = database.data_dir.join("sunlight.sqlite");
    let bytes = std::fs::read(&file)?;
    let Some(disk) = SmallDisk::mount(&database.data_dir, "24m")? else {
        eprintln!("skipped: mounting a small filesystem needs root");
        return Ok(());
    };
    std::fs::write(&file, &bytes)?;
    let config = database.config();
    let app = TestApp::spawn_with(database, config.clone()).await?;
    let org = app.first_organization().await?;
    let editor = app.token_as("editor", &[org], "editor-disk")?;
    let reader = app.token_as("member", &[], "member-disk")?;
    let url = app.url("/graphql");
    let write = |n: u32| {
        json!({ "query": WRITE, "variables": { "input": {
            "title": format!("DISK {n}"), "evaluators": "PUBLIC", "opensOn": "2011-12-01",
            "closesOn": "2011-12-20", "text": "磁盘写满时写入".repeat(50), "scope": "PUBLIC" } } })
    };
    let mut acknowledged = Vec::new();
    let first = ask(&app.client, &url, &editor, &write(0)).await;
    acknowledged.extend(first.written);

    let filler = fill(&disk.dir)?;
    let mut refused = None;
    let mut reads = 0;
    for n in 1..=200 {
        let answer = ask(&app.client, &url, &editor, &write(n)).await;
        assert_ne!(answer.code.as_deref(), Some("INTERNAL"), "{answer:?}");
        match answer.written {
            Some(id) => acknowledged.push(id),
            None => {
                assert_eq!(answer.status, 503, "{answer:?}");
                assert_eq!(answer.code.as_deref(), Some("UNAVAILABLE"), "{answer:?}");
                assert!(answer.retry_after.is_some(), "{answer:?}");
                refused.get_or_insert(n);
            }
        }
        let read = ask(&app.client, &url, &reader, &json!({ "query": READ })).await;
        assert_eq!(read.status, 200, "a read failed on a full disk: {read:?}");
        assert_eq!(read.code, None, "a read failed on a full disk: {read:?}");
        reads += 1;
        if refused.is_some_and(|first| n > first + 5) {
            break;
        }
    }
    let refused_at = refused.ok_or_else(|| anyhow::anyhow!("no write was refused"))?;
    // The message says why.
    let (_, body) = app
        .graphql_as(Some(&editor), WRITE, write(999)["variables"].clone())
        .await?;
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("no room"), "{body}");

    std::fs::remove_file(&filler)?;
    let mut passed = false;
    for n in 1000..1010 {
        let answer = ask(&app.client, &url, &editor, &write(n)).await;
        if let Some(id) = answer.written {
            acknowledged.push(id);
            passed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(passed, "writes do not pass once space returns");
    let database = app.stop().await?;
    // Nothing corrupt: the file opens (integrity check) and the audit log holds.
    let entries = sunlight::backup::check(&config).await?;
    let again = TestApp::spawn_with(database, config).await?;
    all_there(&again, &editor, &acknowledged).await?;
    eprintln!(
        "SQLite disk full: writes refused as UNAVAILABLE from write {refused_at} on, {reads} \
         reads all answered, writes pass again once space returned; {} acknowledged writes \
         kept, {entries} audit entries hold",
        acknowledged.len()
    );
    let database = again.stop().await?;
    drop(disk);
    drop(database);
    Ok(())
}

/// `sunlight migrate` run as its own process while an instance serves a steady load: the
/// database is first taken back by one migration that the load does not read, as a deployment
/// of the version before it has it, and the migration is applied under the load. No request
/// fails.
async fn a_migration_applied_while_serving_fails_no_request(
    backend: harness::Backend,
) -> anyhow::Result<()> {
    use migration::MigratorTrait as _;
    let app = TestApp::spawn(backend).await?;
    let org = app.first_organization().await?;
    let editor = app.token_as("editor", &[org], "editor-migrate")?;
    let reader = app.token_as("member", &[], "member-migrate")?;
    // The migration taken back is one the load does not read: the newest that adds to a table
    // the load leaves alone. Those after it are applied again at once, as they were. All of it
    // on one connection of its own, as a deployment of the version before would: over the
    // server's pool on SQLite, a column dropped on one connection and added back on another
    // that had not yet read the new schema was refused as a duplicate.
    let own = sea_orm::Database::connect(
        sea_orm::ConnectOptions::new(app.config.database_url())
            .max_connections(1)
            .sqlx_logging(false)
            .to_owned(),
    )
    .await?;
    let db = &own;
    let migrations = migration::Migrator::migrations();
    let target = migrations
        .iter()
        .position(|m| m.name().contains("disclosure_outcomes"))
        .ok_or_else(|| anyhow::anyhow!("no migration of disclosure outcomes"))?;
    let later = migrations.len() - target - 1;
    migration::Migrator::down(db, Some(later as u32 + 1)).await?;
    for m in &migrations[target + 1..] {
        use sea_orm::ConnectionTrait as _;
        m.up(&migration::SchemaManager::new(db)).await?;
        let mut applied = sea_orm::sea_query::Query::insert();
        applied
            .into_table(sea_orm::sea_query::Alias::new("seaql_migrations"))
            .columns([
                sea_orm::sea_query::Alias::new("version"),
                sea_orm::sea_query::Alias::new("applied_at"),
            ])
            .values([m.name().into(), chrono::Utc::now().timestamp().into()])?;
        db.execute(&applied).await?;
    }
    let pending = migration::Migrator::get_pending_migrations(db).await?.len();
    assert_eq!(pending, 1);
    own.close().await?;

    let load = Load::start(&app, &reader, &editor, 3);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut command = tokio::process::Command::from(crate::sunlight(&app.config));
    command.arg("migrate").kill_on_drop(true);
    let started = Instant::now();
    let output = command.output().await?;
    let took = started.elapsed();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let answers = load.finish().await?;
    let failed: Vec<&Answer> = answers
        .iter()
        .filter(|a| a.status != 200 || a.code.is_some())
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    let pending = migration::Migrator::get_pending_migrations(app.db()?)
        .await?
        .len();
    assert_eq!(pending, 0);
    eprintln!(
        "{backend:?}: `sunlight migrate` took {} ms while serving; {} requests, {} failed",
        took.as_millis(),
        answers.len(),
        failed.len()
    );
    app.stop().await?;
    Ok(())
}

harness::on_both_databases!(a_migration_applied_while_serving_fails_no_request);

/// A statement PostgreSQL stops at the statement timeout (here it waits on a table another
/// session holds, as a long maintenance would) is `503` `UNAVAILABLE` with `Retry-After`, never
/// `INTERNAL`: the same request passes once the database can answer again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_statement_stopped_at_the_timeout_is_unavailable() -> anyhow::Result<()> {
    use sea_orm::{ConnectionTrait as _, TransactionTrait as _};
    let database = TestDatabase::create(harness::Backend::Postgres).await?;
    let mut config = database.config();
    config.statement_timeout_secs = 1;
    config.response_cache_ms = 0;
    let app = TestApp::spawn_with(database, config).await?;
    let token = app.token_as("member", &[], "member-timeout")?;
    let url = app.url("/graphql");
    let client = reqwest::Client::new();
    let body = json!({ "query": READ });
    let before = ask(&client, &url, &token, &body).await;
    assert_eq!(before.status, 200, "{before:?}");

    let holder = sea_orm::Database::connect(app.config.database_url()).await?;
    let held = holder.begin().await?;
    held.execute_unprepared("LOCK TABLE powers IN ACCESS EXCLUSIVE MODE")
        .await?;
    let stopped = ask(&client, &url, &token, &body).await;
    held.rollback().await?;
    assert_eq!(stopped.status, 503, "{stopped:?}");
    assert_eq!(stopped.code.as_deref(), Some("UNAVAILABLE"), "{stopped:?}");
    assert_eq!(stopped.retry_after.as_deref(), Some("2"), "{stopped:?}");
    assert!(
        stopped.took >= Duration::from_millis(900) && stopped.took < Duration::from_secs(5),
        "stopped by the statement timeout of 1 s: {stopped:?}"
    );

    let after = ask(&client, &url, &token, &body).await;
    assert_eq!(after.status, 200, "{after:?}");
    Ok(())
}
