//! The demo county: loaded into an empty database, believable, complete, never twice.

use sea_orm::QueryOrder as _;
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
    // The suite's prepared database was loaded by a first start like any other.
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;

    assert!(entity::organization::Entity::find().count(db).await? >= 12);
    assert!(entity::meeting::Entity::find().count(db).await? >= 24);
    assert!(entity::appointment::Entity::find().count(db).await? >= 12);
    assert!(entity::disciplinary_case::Entity::find().count(db).await? >= 12);

    let powers = entity::power::Entity::find()
        .order_by_asc(entity::power::Column::Id)
        .all(db)
        .await?;
    assert!(powers.len() >= 40, "{} powers", powers.len());
    assert!(
        powers.iter().all(|p| p.procedure_id.is_some()),
        "a power without a procedure"
    );
    let categories: HashSet<PowerCategory> = powers.iter().map(|p| p.category).collect();
    assert_eq!(categories.len(), 6, "categories: {categories:?}");

    let procedures = entity::procedure::Entity::find()
        .order_by_asc(entity::procedure::Column::Id)
        .all(db)
        .await?;
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
    let edges = entity::procedure_edge::Entity::find()
        .order_by_asc(entity::procedure_edge::Column::Id)
        .all(db)
        .await?;
    let mut out_degree: HashMap<i64, usize> = HashMap::new();
    for e in &edges {
        *out_degree.entry(e.from_step_id).or_default() += 1;
    }
    assert!(out_degree.values().any(|d| *d >= 2), "no branching step");
    assert!(entity::risk_point::Entity::find().count(db).await? >= 12);
    let steps = entity::procedure_step::Entity::find()
        .order_by_asc(entity::procedure_step::Column::Id)
        .all(db)
        .await?;
    assert!(
        steps.iter().any(|s| s.time_limit_days.is_some()),
        "no time limit"
    );

    let stages: HashSet<AppointmentStage> = entity::appointment::Entity::find()
        .order_by_asc(entity::appointment::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|a| a.stage)
        .collect();
    assert_eq!(stages.len(), 6, "stages: {stages:?}");
    let outcomes: HashSet<AppointmentOutcome> = entity::appointment::Entity::find()
        .order_by_asc(entity::appointment::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|a| a.outcome)
        .collect();
    assert_eq!(outcomes.len(), 4, "outcomes: {outcomes:?}");
    let sanctions: HashSet<PartySanction> = entity::disciplinary_case::Entity::find()
        .order_by_asc(entity::disciplinary_case::Column::Id)
        .all(db)
        .await?
        .iter()
        .filter_map(|c| c.party_sanction)
        .collect();
    assert_eq!(sanctions.len(), 5, "party sanctions: {sanctions:?}");

    // The leading group of section 六, with the posts the plan gives them.
    let people: Vec<String> = entity::person::Entity::find()
        .order_by_asc(entity::person::Column::Id)
        .select_only()
        .column(entity::person::Column::Name)
        .into_tuple()
        .all(db)
        .await?;
    const LEADERS: [&str; 6] = ["陈鹏", "马应寿", "任正德", "李柏林", "董国占", "景占旭"];
    for leader in LEADERS {
        assert!(people.iter().any(|p| p == leader), "missing {leader}");
    }
    // Every meeting of the demo is invented: no real leader chairs or attends one, and no
    // meeting's text names one; where an office holder acts, a stand-in marked 示例 does.
    let leaders: HashSet<i64> = entity::person::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|p| LEADERS.contains(&p.name.as_str()))
        .map(|p| p.id)
        .collect();
    assert_eq!(leaders.len(), 6);
    let meetings = entity::meeting::Entity::find().all(db).await?;
    for meeting in &meetings {
        assert!(
            meeting.chair_id.is_none_or(|c| !leaders.contains(&c)),
            "{} is chaired by a real leader",
            meeting.label
        );
        let text = format!(
            "{} {} {}",
            meeting.label,
            meeting.summary.clone().unwrap_or_default(),
            meeting.minutes.clone().unwrap_or_default()
        );
        for leader in LEADERS {
            assert!(!text.contains(leader), "{} names {leader}", meeting.label);
        }
    }
    let attended = entity::attendance::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|a| leaders.contains(&a.person_id))
        .count();
    assert_eq!(attended, 0, "real leaders attend invented meetings");
    let stand_ins = entity::person::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|p| p.name.ends_with("（示例）"))
        .collect::<Vec<_>>();
    assert!(stand_ins.len() >= 6 && stand_ins.iter().all(|p| p.fictional));
    // The plan's first phase: the leading group's first meeting and the mobilization meeting
    // in December 2010.
    for label in ["领导小组第一次会议", "动员大会"] {
        let meeting = meetings
            .iter()
            .find(|m| m.label.contains(label))
            .ok_or_else(|| anyhow::anyhow!("no {label}"))?;
        let day = meeting.starts_at.with_timezone(
            &chrono::FixedOffset::east_opt(8 * 3600).ok_or_else(|| anyhow::anyhow!("offset"))?,
        );
        assert_eq!(day.format("%Y-%m").to_string(), "2010-12", "{label}");
    }

    for kind in <entity::enums::RecordKind as sea_orm::Iterable>::iter() {
        let table = sunlight::store::table_of(kind);
        let scopes = scopes_of(db, table).await?;
        for scope in [Scope::Public, Scope::Party, Scope::Restricted] {
            let wire = sea_orm::ActiveEnum::to_value(&scope);
            assert!(scopes.contains(&wire), "{table} has no {wire} record");
        }
    }

    // The TV column went on air on 31 December 2010, in the first phase as the plan has it
    // (its bulletin says so): no bulletin of the column is published before.
    let on_air = chrono::DateTime::parse_from_rfc3339("2010-12-30T16:00:00Z")?.to_utc();
    let bulletins: Vec<(String, Option<chrono::DateTime<chrono::Utc>>)> =
        entity::bulletin::Entity::find()
            .select_only()
            .column(entity::bulletin::Column::Title)
            .column(entity::bulletin::Column::PublishAt)
            .into_tuple()
            .all(db)
            .await?;
    for (title, at) in bulletins {
        assert!(
            at.is_none_or(|at| at >= on_air),
            "{title} is dated {at:?}, before the column went on air"
        );
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

/// Two organizations; the second has a name of blanks, which `createOrganization` refuses.
const BAD_COUNTY: &[sunlight::seed::load::DataFile] = &[sunlight::seed::load::DataFile {
    kind: entity::enums::RecordKind::Organization,
    name: "organizations.json",
    text: r#"[
        { "key": "县委", "on": "2011-01-12",
          "input": { "name": "中共门源县委", "kind": "STANDING_COMMITTEE", "scope": "PUBLIC" } },
        { "key": "县委办", "owner": "县委", "on": "2011-01-12",
          "input": { "name": "   ", "kind": "DEPARTMENT", "parent": "县委", "scope": "PUBLIC" } }
    ]"#,
}];

/// Data files go through the input checks of the mutations: an entry the API would refuse
/// stops the load, the error names the file, the entry and the field, and nothing is written.
async fn a_data_file_the_api_would_refuse_is_not_loaded(backend: Backend) -> anyhow::Result<()> {
    let database = TestDatabase::empty(backend).await?;
    let config = sunlight::config::Config {
        seed_demo: false,
        ..database.config()
    };
    let (store, db) = sunlight::server::prepare(&config).await?;
    let txn = sunlight::db::begin_write(&db).await?;
    let error = sunlight::seed::load::load(&store, &txn, BAD_COUNTY, &[])
        .await
        .err()
        .ok_or_else(|| anyhow::anyhow!("a blank name was loaded"))?;
    txn.rollback().await?;
    let message = error.to_string();
    assert!(
        message.starts_with("organizations.json entry 2, input.name:"),
        "{message}"
    );
    assert_eq!(entity::organization::Entity::find().count(&db).await?, 0);
    let entries = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) FROM audit_log",
        ))
        .await?
        .map(|row| row.try_get_by_index::<i64>(0))
        .transpose()?;
    assert_eq!(entries, Some(0));
    db.close().await?;
    Ok(())
}

/// The demo county went through the write path: every record has its audit entries, from its
/// creation to where it stands, stamped with the county's own days, and the chain holds.
async fn the_demo_county_was_written_as_the_api_writes(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    let backend = db.get_database_backend();
    let count = |sql: &str| {
        let sql = sql.to_owned();
        async move {
            db.query_one_raw(Statement::from_string(backend, sql))
                .await?
                .ok_or_else(|| anyhow::anyhow!("no row"))?
                .try_get_by_index::<i64>(0)
                .map_err(anyhow::Error::from)
        }
    };
    let powers = count("SELECT COUNT(*) FROM powers").await?;
    let created =
        count("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND record_kind = 'POWER'")
            .await?;
    assert_eq!(
        created, powers,
        "every power has its creation in the audit log"
    );
    let published = count("SELECT COUNT(*) FROM powers WHERE status = 'PUBLISHED'").await?;
    let publications = count(
        "SELECT COUNT(DISTINCT record_id) FROM audit_log WHERE action = 'publish' AND record_kind = 'POWER'",
    )
    .await?;
    assert!(publications >= published, "{publications} < {published}");
    let corrected = count("SELECT COUNT(*) FROM audit_log WHERE action = 'correct'").await?;
    assert!(corrected > 0, "no correction kept as a version");
    let versions = count("SELECT COUNT(*) FROM record_versions WHERE reason IS NOT NULL").await?;
    assert_eq!(versions, corrected);
    let late =
        count("SELECT COUNT(*) FROM audit_log WHERE at >= '2012-01-01' AND action <> 'publish'")
            .await?;
    let scheduled = count("SELECT COUNT(*) FROM change_schedule").await?;
    assert!(late <= 3 * scheduled.max(1), "{late} entries after 2011");
    let report = sunlight::audit::verify(db).await?;
    assert!(
        report.broken.is_none(),
        "the chain is broken: {:?}",
        report.broken
    );
    assert!(report.entries > 0);
    Ok(())
}

on_both_databases!(
    demo_county_has_every_kind_of_record,
    starting_twice_never_duplicates_the_county,
    a_data_file_the_api_would_refuse_is_not_loaded,
    the_demo_county_was_written_as_the_api_writes
);

/// The `sunlight_meta` value of `key` in `db`.
async fn meta(db: &DatabaseConnection, key: &str) -> anyhow::Result<Option<String>> {
    Ok(entity::meta::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|row| row.value))
}

/// A new SQLite database starts from the prebuilt copy of the county that an earlier first start
/// kept beside the binary, with keys of its own for ids and cursors.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_sqlite_database_starts_from_the_prebuilt_county() -> anyhow::Result<()> {
    let mut made = Vec::new();
    for _ in 0..2 {
        let database = TestDatabase::empty(Backend::Sqlite).await?;
        let config = sunlight::config::Config {
            prebuilt_demo: true,
            ..database.config()
        };
        let (_, db) = sunlight::server::prepare(&config).await?;
        let powers = entity::power::Entity::find().count(&db).await?;
        let loaded = meta(&db, "demo_county_loaded").await?;
        let key = meta(&db, "record_id_key").await?;
        let chain = sunlight::audit::verify(&db).await?;
        db.close().await?;
        made.push((powers, loaded, key, chain.broken, database));
    }
    let (first, second) = (&made[0], &made[1]);
    assert!(first.0 > 40);
    assert_eq!(first.0, second.0, "the same county");
    // The second start copied what a first start loaded (this one, or an earlier run's).
    assert!(first.1.is_some());
    assert_eq!(first.1, second.1);
    // Each database has its own key for public ids.
    assert!(first.2.is_some() && second.2.is_some());
    assert_ne!(first.2, second.2);
    assert_eq!((&first.3, &second.3), (&None, &None));
    Ok(())
}

/// The demo county's submissions: every kind of them, through every step, judged against the
/// demo's own day; its fictional submitters marked so.
async fn the_demo_county_answers_back(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let query = "{ feedbackCases(first: 100) { totalCount nodes {
        kind channel subject body submitterName status timeliness receivedOn dueOn
        steps { action } } } }";
    let (_, body) = app
        .graphql_as(
            Some(&app.token("admin", &[])?),
            query,
            serde_json::json!({}),
        )
        .await?;
    let cases = body["data"]["feedbackCases"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(cases.len(), 10, "{body}");
    let kinds: HashSet<&str> = cases.iter().filter_map(|c| c["kind"].as_str()).collect();
    for kind in [
        "OPINION",
        "COMPLAINT_REPORT",
        "DISCLOSURE_REQUEST",
        "HEARING_REQUEST",
        "PROPOSAL",
    ] {
        assert!(kinds.contains(kind), "no {kind}");
    }
    let timeliness: HashSet<&str> = cases
        .iter()
        .filter_map(|c| c["timeliness"].as_str())
        .collect();
    for state in [
        "ON_TIME",
        "OVERDUE",
        "LONG_OVERDUE",
        "CLOSED_ON_TIME",
        "CLOSED_LATE",
    ] {
        assert!(timeliness.contains(state), "no case is {state}");
    }
    for case in &cases {
        // Invented, and saying so.
        for field in ["subject", "body"] {
            let text = case[field].as_str().unwrap_or_default();
            assert!(text.contains("示例"), "{field} of {case}");
        }
        if let Some(name) = case["submitterName"].as_str() {
            assert!(name.ends_with("（示例）"), "{name}");
        }
        // Nothing happens before the pilot began, nor after the demo's day.
        let received = case["receivedOn"].as_str().unwrap_or_default();
        assert!(
            ("2010-12-23"..="2011-12-31").contains(&received),
            "{received}"
        );
    }
    // A supervisor outside the discipline commission sees all but the report.
    let (_, body) = app
        .graphql_as(
            Some(&app.token("supervisor", &[])?),
            "{ feedbackCases { totalCount } }",
            serde_json::json!({}),
        )
        .await?;
    assert_eq!(body["data"]["feedbackCases"]["totalCount"], 9, "{body}");
    app.stop().await?;
    Ok(())
}

on_both_databases!(the_demo_county_answers_back);
