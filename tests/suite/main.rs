//! Sunlight's integration suite: one binary, a module per area. Every test that touches a
//! database runs twice, on SQLite and on PostgreSQL.

mod as_of;
mod atom;
mod attacks;
mod audit;
mod backup;
mod bad_input;
mod batching;
mod browse;
mod bulletins;
mod cache;
mod changes;
mod demo_county;
mod doctor;
mod documents;
mod endpoint;
mod evaluations;
mod export;
mod faults;
mod feedback;
mod field_rules;
mod hearings;
mod instances;
mod jurisdictions;
mod leaks;
mod logs;
mod notifications;
mod package;
mod paging;
mod pictures;
mod portal;
mod readme;
mod replica;
mod schema_file;
mod search;
mod snapshots;
mod startup;
mod statistics;
mod subscriptions;
mod synthetic;
mod tokens;
mod traces;
mod workflow;
mod writes;

/// The `sunlight` command in a process of its own, on the database of `config`, with nothing of
/// this process's environment but `PATH` (for `pg_dump` and the like).
pub fn sunlight(config: &sunlight::config::Config) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_sunlight-for-tests"));
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("SUNLIGHT_DATA_DIR", &config.data_dir)
        .env("SUNLIGHT_LOG", "error");
    if let Some(url) = &config.database_url {
        command.env("DATABASE_URL", url);
    }
    command
}

/// Waits until the server at `base` (`http://host:port`) answers `/readyz` with 200, for at
/// most a minute.
pub async fn wait_until_ready(base: &str) -> anyhow::Result<()> {
    let client = reqwest::Client::new();
    let started = std::time::Instant::now();
    while !client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .is_ok_and(|r| r.status() == 200)
    {
        anyhow::ensure!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the server did not start"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(())
}
