//! Starting up on bad input: clear messages, quickly, and nothing overwritten.

use std::time::{Duration, Instant};

use sunlight::{config::Config, db};

fn config_in(dir: &std::path::Path) -> Config {
    Config {
        data_dir: dir.to_owned(),
        ..Config::default()
    }
}

#[tokio::test]
async fn an_unreachable_database_fails_fast_with_a_clear_message() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let config = Config {
        database_url: Some("postgres://sunlight:secret@127.0.0.1:1/sunlight".into()),
        db_connect_timeout_secs: 2,
        ..config_in(dir.path())
    };
    let started = Instant::now();
    let err = db::open(&config)
        .await
        .err()
        .ok_or_else(|| anyhow::anyhow!("opened"))?;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    let message = err.to_string();
    assert!(message.contains("127.0.0.1:1"), "{message}");
    assert!(!message.contains("secret"), "the password leaks: {message}");
    Ok(())
}

#[tokio::test]
async fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("sunlight.sqlite");
    let garbage = b"this is a spreadsheet, not a database\n".repeat(200);
    std::fs::write(&path, &garbage)?;
    let err = db::open(&config_in(dir.path()))
        .await
        .err()
        .ok_or_else(|| anyhow::anyhow!("opened"))?;
    assert!(err.to_string().contains("not a SQLite database"), "{err}");
    assert!(std::fs::read(&path)? == garbage, "the file was changed");
    Ok(())
}

#[tokio::test]
async fn a_foreign_sqlite_database_is_refused_and_left_untouched() -> anyhow::Result<()> {
    use sea_orm::{ConnectionTrait, Database};
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("sunlight.sqlite");
    let other = Database::connect(format!("sqlite://{}?mode=rwc", path.display())).await?;
    other
        .execute_unprepared("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);")
        .await?;
    other.close().await?;
    let before = std::fs::read(&path)?;
    let err = db::open(&config_in(dir.path()))
        .await
        .err()
        .ok_or_else(|| anyhow::anyhow!("opened"))?;
    assert!(err.to_string().contains("did not create"), "{err}");
    assert!(std::fs::read(&path)? == before, "the file was changed");
    Ok(())
}

#[test]
fn unknown_configuration_keys_stop_the_start() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("sunlight.toml");
    std::fs::write(&path, "listen = \"127.0.0.1:0\"\nsead_demo = false\n")?;
    let err = Config::load(Some(&path), Vec::new())
        .err()
        .ok_or_else(|| anyhow::anyhow!("loaded"))?;
    assert!(err.to_string().contains("sead_demo"), "{err}");
    Ok(())
}

#[tokio::test]
async fn a_bad_calendar_file_stops_the_start_with_its_name() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("holidays-extra.toml");
    // 2027-03-02 is a Tuesday: it cannot be a weekend day worked instead.
    std::fs::write(
        &file,
        "[2027]\nsource = \"x\"\nholidays = []\nworkdays = [\"2027-03-02\"]\n",
    )?;
    let config = Config {
        calendar_file: Some(file),
        ..config_in(dir.path())
    };
    let err = sunlight::server::prepare(&config)
        .await
        .err()
        .ok_or_else(|| anyhow::anyhow!("started"))?;
    let message = format!("{err:#}");
    assert!(message.contains("holidays-extra.toml"), "{message}");
    assert!(message.contains("2027-03-02"), "{message}");
    Ok(())
}

#[tokio::test]
async fn a_calendar_file_adds_its_years() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("holidays-extra.toml");
    std::fs::write(
        &file,
        "[2027]\nsource = \"x\"\nholidays = [\"2027-03-02\"]\nworkdays = [\"2027-03-06\"]\n",
    )?;
    let config = Config {
        calendar_file: Some(file),
        ..config_in(dir.path())
    };
    let (store, database) = sunlight::server::prepare(&config).await?;
    let day = |d| chrono::NaiveDate::from_ymd_opt(2027, 3, d).unwrap_or_default();
    assert!(store.calendar().covers(2027));
    assert!(!store.calendar().is_working_day(day(2)));
    assert!(store.calendar().is_working_day(day(6)));
    // The shipped years are still there.
    assert!(store.calendar().covers(2011));
    database.close().await?;
    Ok(())
}

/// The server runs with the allocator's settings in its environment: the command starts itself
/// again in place, once (the same process, the same arguments), with those it was not given,
/// and keeps an operator's own value.
#[tokio::test]
async fn the_server_runs_with_the_allocators_settings() -> anyhow::Result<()> {
    use harness::{Backend, TestDatabase};
    let database = TestDatabase::create(Backend::Sqlite).await?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut server = tokio::process::Command::from(crate::sunlight(&database.config()))
        .arg("serve")
        .env("SUNLIGHT_LISTEN", format!("127.0.0.1:{port}"))
        .env("SUNLIGHT_PREBUILT_DEMO", "false")
        .env("MIMALLOC_PURGE_DELAY", "7")
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let pid = server
        .id()
        .ok_or_else(|| anyhow::anyhow!("the server is gone"))?;
    crate::wait_until_ready(&format!("http://127.0.0.1:{port}")).await?;
    // The process that answers is the one started, and what it runs now was given these.
    let read = |what: &str| -> anyhow::Result<Vec<String>> {
        Ok(std::fs::read(format!("/proc/{pid}/{what}"))?
            .split(|b| *b == 0)
            .filter(|part| !part.is_empty())
            .map(|part| String::from_utf8_lossy(part).into_owned())
            .collect())
    };
    let environment = read("environ")?;
    assert!(
        environment.contains(&"MIMALLOC_ARENA_EAGER_COMMIT=0".to_owned()),
        "{environment:?}"
    );
    assert!(
        environment.contains(&"MIMALLOC_PURGE_DELAY=7".to_owned()),
        "{environment:?}"
    );
    assert!(
        !environment.contains(&"MIMALLOC_PURGE_DELAY=0".to_owned()),
        "{environment:?}"
    );
    let arguments = read("cmdline")?;
    assert_eq!(arguments.get(1..), Some(&["serve".to_owned()][..]));
    server.kill().await?;
    Ok(())
}
