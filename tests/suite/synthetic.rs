//! The synthetic data of the benchmarks: a county loads on PostgreSQL whatever the statement
//! timeout that guards requests (a bulk load and its ANALYZE are not requests), and a province
//! loads into its counties, each in its own jurisdiction.

use harness::{Backend, TestDatabase};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_load_is_not_held_to_the_statement_timeout() -> anyhow::Result<()> {
    let database = TestDatabase::create(Backend::Postgres).await?;
    let url = database
        .url
        .clone()
        .ok_or_else(|| anyhow::anyhow!("no database url"))?;
    // Every statement on this connection may run for 100 ms at most, unless the load lifts it:
    // less than its ANALYZE takes on a quiet machine (240 ms), and enough for the BEGIN before
    // the lift on a loaded one (1 ms and 10 ms were not: PostgreSQL canceled a BEGIN).
    let separator = if url.contains('?') { '&' } else { '?' };
    let strict = format!("{url}{separator}options=-c%20statement_timeout%3D100");
    let mut options = sea_orm::ConnectOptions::new(strict);
    options.max_connections(2);
    let db = sea_orm::Database::connect(options).await?;
    use sea_orm::ConnectionTrait as _;
    let guarded = db
        .execute_unprepared("SELECT pg_sleep(0.5)")
        .await
        .map(|_| ());
    assert!(guarded.is_err(), "the 100 ms timeout does not hold");
    let counts = sunlight::seed::synthetic::load(&db, 2_000)
        .await
        .map_err(|e| anyhow::anyhow!("the load hit the timeout: {e}"))?;
    assert_eq!(counts.powers, 2_000);
    Ok(())
}

/// Records the province of the test is asked for: small enough for every run of the suite.
const PROVINCE_RECORDS: u64 = 12_000;

async fn a_synthetic_province_loads_into_its_counties(backend: Backend) -> anyhow::Result<()> {
    let database = TestDatabase::empty(backend).await?;
    let mut config = database.config();
    config.seed_demo = false;
    let app = harness::TestApp::spawn_with(database, config).await?;
    let indexes_before = crate::search::search_indexes(app.db()?).await?;
    let started = std::time::Instant::now();
    let province = sunlight::seed::synthetic::load_province(app.db()?, PROVINCE_RECORDS, 3).await?;
    // The load writes every search document again with the RUM index set aside where there is
    // one, then builds it again: the same indexes after as before (that searches find is
    // checked below).
    assert_eq!(
        crate::search::search_indexes(app.db()?).await?,
        indexes_before
    );
    eprintln!(
        "{backend:?}: a synthetic province of {} records in 3 counties ({} powers each) in {:.1} s",
        province.records,
        province.powers_per_county,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(province.counties, 3);
    assert!(
        province.records <= PROVINCE_RECORDS && province.records * 10 >= PROVINCE_RECORDS * 9,
        "{} records for {PROVINCE_RECORDS} asked",
        province.records
    );
    assert_eq!(province.counts.powers, province.powers_per_county * 3);
    app.store()?
        .fresh_org_tree()
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    // Each county holds its own share, the province all of it, as an admin counts them.
    let admin = app.token("admin", &[])?;
    let count = |jurisdiction: &str| {
        let app = &app;
        let admin = &admin;
        let jurisdiction = jurisdiction.to_owned();
        async move {
            let data = app
                .data_as(
                    admin,
                    "query($code: String) { jurisdiction(divisionCode: $code) { id level }
                       all: powers { totalCount } }",
                    serde_json::json!({ "code": jurisdiction }),
                )
                .await?;
            let id = data["jurisdiction"]["id"].clone();
            anyhow::ensure!(id.is_string(), "no jurisdiction {jurisdiction}");
            let of = app
                .data_as(
                    admin,
                    "query($j: ID) { powers(filter: { jurisdiction: $j }) { totalCount }
                       organizations(filter: { jurisdiction: $j }) { totalCount } }",
                    serde_json::json!({ "j": id }),
                )
                .await?;
            Ok::<_, anyhow::Error>((
                of["powers"]["totalCount"].as_u64().unwrap_or(0),
                of["organizations"]["totalCount"].as_u64().unwrap_or(0),
                data["all"]["totalCount"].as_u64().unwrap_or(0),
            ))
        }
    };
    let (province_powers, province_orgs, all) = count("99").await?;
    assert_eq!(province_powers, all);
    assert_eq!(province_orgs, province.counts.organizations);
    for k in 1..=3 {
        let (powers, orgs, _) = count(&format!("99010{k}")).await?;
        assert_eq!(orgs * 3, province.counts.organizations, "county {k}");
        assert!(
            powers > 0 && powers <= province.powers_per_county,
            "county {k}: {powers}"
        );
    }
    // The search index was built once, at the end, over every county.
    let found = app
        .data_as(
            &admin,
            "{ search(query: \"合成数据\") { totalCount } }",
            serde_json::json!({}),
        )
        .await?;
    assert!(
        found["search"]["totalCount"].as_u64().unwrap_or(0) > 0,
        "{found}"
    );
    Ok(())
}

harness::on_both_databases!(a_synthetic_province_loads_into_its_counties);
