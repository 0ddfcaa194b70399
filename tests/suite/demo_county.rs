//! The demo county: loaded into an empty database, believable, complete, never twice.

use std::collections::{HashMap, HashSet};

use entity::enums::{AppointmentOutcome, AppointmentStage, PartySanction, PowerCategory, Scope};
use harness::{Backend, TestApp, TestDatabase, on_both_databases};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QuerySelect, Statement,
};

async fn scopes_of(db: &DatabaseConnection, table: &str) -> anyhow::Result<HashSet<String>> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT DISTINCT scope FROM {table}"),
        ))
        .await?;
    rows.iter()
        .map(|r| Ok(r.try_get_by_index::<String>(0)?))
        .collect()
}

/// A server started on an empty database, as a first start is: the county is loaded there,
/// not copied from the suite's prepared database.
async fn first_start(backend: Backend) -> anyhow::Result<TestApp> {
    let database = TestDatabase::empty(backend).await?;
    let config = database.config();
    TestApp::spawn_with(database, config).await
}

async fn demo_county_has_every_kind_of_record(backend: Backend) -> anyhow::Result<()> {
    let app = first_start(backend).await?;
    let db = app.db()?;

    assert!(entity::organization::Entity::find().count(db).await? >= 12);
    assert!(entity::meeting::Entity::find().count(db).await? >= 24);
    assert!(entity::appointment::Entity::find().count(db).await? >= 12);
    assert!(entity::disciplinary_case::Entity::find().count(db).await? >= 12);

    let powers = entity::power::Entity::find().all(db).await?;
    assert!(powers.len() >= 40, "{} powers", powers.len());
    assert!(
        powers.iter().all(|p| p.procedure_id.is_some()),
        "a power without a procedure"
    );
    let categories: HashSet<PowerCategory> = powers.iter().map(|p| p.category).collect();
    assert_eq!(categories.len(), 6, "categories: {categories:?}");

    let procedures = entity::procedure::Entity::find().all(db).await?;
    for name in [
        "县委权力公开透明运行流程图",
        "县委重大事项决策流程图",
        "干部任免流程图",
        "重大工程项目建设公开实施流程图",
        "重大事件处置流程图",
        "大额资金使用程序流程图",
    ] {
        assert!(
            procedures.iter().any(|p| p.name == name),
            "missing flowchart {name}"
        );
    }
    // Real graphs: branches (a step with two ways out), risk points and time limits.
    let edges = entity::procedure_edge::Entity::find().all(db).await?;
    let mut out_degree: HashMap<i64, usize> = HashMap::new();
    for e in &edges {
        *out_degree.entry(e.from_step_id).or_default() += 1;
    }
    assert!(out_degree.values().any(|d| *d >= 2), "no branching step");
    assert!(entity::risk_point::Entity::find().count(db).await? >= 12);
    let steps = entity::procedure_step::Entity::find().all(db).await?;
    assert!(
        steps.iter().any(|s| s.time_limit_days.is_some()),
        "no time limit"
    );

    let stages: HashSet<AppointmentStage> = entity::appointment::Entity::find()
        .all(db)
        .await?
        .iter()
        .map(|a| a.stage)
        .collect();
    assert_eq!(stages.len(), 6, "stages: {stages:?}");
    let outcomes: HashSet<AppointmentOutcome> = entity::appointment::Entity::find()
        .all(db)
        .await?
        .iter()
        .map(|a| a.outcome)
        .collect();
    assert_eq!(outcomes.len(), 4, "outcomes: {outcomes:?}");
    let sanctions: HashSet<PartySanction> = entity::disciplinary_case::Entity::find()
        .all(db)
        .await?
        .iter()
        .filter_map(|c| c.party_sanction)
        .collect();
    assert_eq!(sanctions.len(), 5, "party sanctions: {sanctions:?}");

    // The leading group of section 六, with the posts the plan gives them.
    let people: Vec<String> = entity::person::Entity::find()
        .select_only()
        .column(entity::person::Column::Name)
        .into_tuple()
        .all(db)
        .await?;
    for leader in ["陈鹏", "马应寿", "任正德", "李柏林", "董国占", "景占旭"] {
        assert!(people.iter().any(|p| p == leader), "missing {leader}");
    }

    for table in [
        "sources",
        "organizations",
        "people",
        "posts",
        "memberships",
        "procedures",
        "powers",
        "meetings",
        "decisions",
        "observers",
        "appointments",
        "disciplinary_cases",
    ] {
        let scopes = scopes_of(db, table).await?;
        for scope in [Scope::Public, Scope::Party, Scope::Restricted] {
            let wire = sea_orm::ActiveEnum::to_value(&scope);
            assert!(scopes.contains(&wire), "{table} has no {wire} record");
        }
    }
    app.stop().await?;
    Ok(())
}

async fn starting_twice_never_duplicates_the_county(backend: Backend) -> anyhow::Result<()> {
    let app = first_start(backend).await?;
    let before = entity::power::Entity::find().count(app.db()?).await?;
    let database = app.stop().await?;
    let config = database.config();
    let again = TestApp::spawn_with(database, config).await?;
    let after = entity::power::Entity::find().count(again.db()?).await?;
    assert!(before >= 40);
    assert_eq!(before, after);
    again.stop().await?;
    Ok(())
}

on_both_databases!(
    demo_county_has_every_kind_of_record,
    starting_twice_never_duplicates_the_county
);
