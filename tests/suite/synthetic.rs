//! The synthetic county of the benchmarks loads on PostgreSQL whatever the statement timeout
//! that guards requests: a bulk load and its ANALYZE are not requests.

use harness::{Backend, TestDatabase};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_load_is_not_held_to_the_statement_timeout() -> anyhow::Result<()> {
    let database = TestDatabase::create(Backend::Postgres).await?;
    let url = database
        .url
        .clone()
        .ok_or_else(|| anyhow::anyhow!("no database url"))?;
    // Every statement on this connection may run for 1 ms at most, unless the load lifts it.
    let separator = if url.contains('?') { '&' } else { '?' };
    let strict = format!("{url}{separator}options=-c%20statement_timeout%3D1");
    let mut options = sea_orm::ConnectOptions::new(strict);
    options.max_connections(2);
    let db = sea_orm::Database::connect(options).await?;
    use sea_orm::ConnectionTrait as _;
    let guarded = db
        .execute_unprepared("SELECT pg_sleep(0.05)")
        .await
        .map(|_| ());
    assert!(guarded.is_err(), "the 1 ms timeout does not hold");
    let counts = sunlight::seed::synthetic::load(&db, 2_000)
        .await
        .map_err(|e| anyhow::anyhow!("the load hit the timeout: {e}"))?;
    assert_eq!(counts.powers, 2_000);
    Ok(())
}
