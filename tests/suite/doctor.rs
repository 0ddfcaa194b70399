//! `sunlight doctor` on a deployment: what it finds, and that it changes nothing.

use harness::{Backend, TestApp, TestDatabase, on_both_databases};
use sunlight::doctor::{self, Verdict};

fn verdict(findings: &[doctor::Finding], check: &str) -> Vec<Verdict> {
    findings
        .iter()
        .filter(|f| f.check == check)
        .map(|f| f.verdict)
        .collect()
}

async fn a_served_deployment_passes(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let findings = doctor::run(&app.config).await;
    assert!(!doctor::failed(&findings), "{findings:#?}");
    assert_eq!(verdict(&findings, "database"), [Verdict::Ok]);
    assert_eq!(verdict(&findings, "migrations"), [Verdict::Ok]);
    assert_eq!(verdict(&findings, "clock"), [Verdict::Ok]);
    // On PostgreSQL, how searches read their index: newest first where RUM is there.
    let index = verdict(&findings, "search index");
    match backend {
        Backend::Sqlite => assert!(index.is_empty(), "{findings:#?}"),
        Backend::Postgres => {
            let rum = app
                .store()?
                .search_order()
                .await
                .map_err(|error| anyhow::anyhow!("{error:?}"))?
                == sunlight::store::search::Order::NewestFirst;
            let expected = if rum { Verdict::Ok } else { Verdict::Warn };
            assert_eq!(index, [expected], "{findings:#?}");
        }
    }
    // The server made its local audit key, readable by its owner only.
    assert!(
        verdict(&findings, "keys").contains(&Verdict::Ok),
        "{findings:#?}"
    );
    app.stop().await?;
    Ok(())
}

async fn an_unmigrated_database_fails_and_stays_as_it_was(backend: Backend) -> anyhow::Result<()> {
    use sea_orm::ConnectionTrait as _;
    let database = TestDatabase::empty(backend).await?;
    let config = database.config();
    if backend == Backend::Sqlite {
        // An empty file: a database with no tables.
        std::fs::write(database.data_dir.join("sunlight.sqlite"), b"")?;
    }
    let findings = doctor::run(&config).await;
    assert!(doctor::failed(&findings), "{findings:#?}");
    let migrations = findings
        .iter()
        .find(|f| f.check == "migrations")
        .ok_or_else(|| anyhow::anyhow!("no migrations finding: {findings:#?}"))?;
    assert_eq!(migrations.verdict, Verdict::Fail);
    assert!(
        migrations
            .fix
            .as_deref()
            .is_some_and(|f| f.contains("sunlight migrate")),
        "{migrations:?}"
    );
    // Nothing was made: no table, no key.
    let db = sea_orm::Database::connect(config.database_url()).await?;
    let tables = match backend {
        Backend::Sqlite => "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'",
        Backend::Postgres => {
            "SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = current_schema()"
        }
    };
    let n: i64 = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            tables,
        ))
        .await?
        .map(|row| row.try_get("", "n"))
        .transpose()?
        .unwrap_or(-1);
    assert_eq!(n, 0);
    assert!(!database.data_dir.join("audit-ed25519.pem").exists());
    db.close().await?;
    Ok(())
}

on_both_databases!(
    a_served_deployment_passes,
    an_unmigrated_database_fails_and_stays_as_it_was
);

#[tokio::test]
async fn an_unreachable_database_fails_naming_it() -> anyhow::Result<()> {
    let database = TestDatabase::at("postgres://postgres@127.0.0.1:1/sunlight".to_owned())?;
    let mut config = database.config();
    config.db_connect_timeout_secs = 2;
    let findings = doctor::run(&config).await;
    let found = findings
        .iter()
        .find(|f| f.check == "database")
        .ok_or_else(|| anyhow::anyhow!("no database finding"))?;
    assert_eq!(found.verdict, Verdict::Fail, "{found:?}");
    assert!(found.detail.contains("127.0.0.1:1"), "{found:?}");
    Ok(())
}
