//! Loading data into an empty database: the demo county.

pub mod evaluation;
pub mod feedback;
pub mod jurisdictions;
pub mod load;
pub mod prebuilt;
pub mod synthetic;

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    PaginatorTrait, Set,
};

use crate::store::Store;

/// A file of `api/data/demo/`, built into the binary.
macro_rules! demo_file {
    ($kind:ident, $name:literal) => {
        load::DataFile {
            kind: entity::enums::RecordKind::$kind,
            name: concat!($name, ".json"),
            text: include_str!(concat!("../../data/demo/", $name, ".json")),
        }
    };
}

/// A document of the demo county, by its file name under `api/data/demo/documents/`.
macro_rules! demo_document {
    ($name:literal) => {
        load::Attachable {
            name: $name,
            content: include_bytes!(concat!("../../data/demo/documents/", $name)),
        }
    };
}

/// The `sunlight_meta` key recording when the demo county was loaded.
const DEMO_KEY: &str = "demo_county_loaded";

/// The demo county's own today: the end of the pilot's first year, so that its 2011 records
/// read as they did then (what was overdue, what was still open).
pub const DEMO_TODAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2011, 12, 31) {
    Some(day) => day,
    None => chrono::NaiveDate::MIN,
};

/// The demo county's today when `db` holds the demo county, else `None`.
pub async fn demo_today(db: &impl ConnectionTrait) -> Result<Option<chrono::NaiveDate>, DbErr> {
    let loaded = entity::meta::Entity::find_by_id(DEMO_KEY.to_owned())
        .one(db)
        .await?;
    Ok(loaded.map(|_| DEMO_TODAY))
}

/// The demo county: 门源回族自治县 (division code 632221) during the 2011 pilot of
/// 县委权力公开透明运行, as the files under `api/data/demo/` hold it (see `api/data/demo/README.md`),
/// in the order they are loaded: a file names records of earlier files by their keys.
pub const DEMO: &[load::DataFile] = &[
    demo_file!(Organization, "organizations"),
    demo_file!(Source, "sources"),
    demo_file!(Person, "people"),
    demo_file!(Post, "posts"),
    demo_file!(Membership, "memberships"),
    demo_file!(Procedure, "procedures"),
    demo_file!(Power, "powers"),
    demo_file!(Observer, "observers"),
    demo_file!(SocialSupervisor, "social-supervisors"),
    demo_file!(InspectionReport, "inspection-reports"),
    demo_file!(Meeting, "meetings"),
    demo_file!(Decision, "decisions"),
    demo_file!(Appointment, "appointments"),
    demo_file!(DisciplinaryCase, "disciplinary-cases"),
    demo_file!(Exercise, "exercises"),
    demo_file!(DutyReport, "duty-reports"),
    demo_file!(EvaluationRound, "evaluation-rounds"),
    demo_file!(Bulletin, "bulletins"),
    demo_file!(FeedbackAnswer, "feedback-answers"),
];

/// The jurisdictions of the demo county: 青海省, 海北藏族自治州 and 门源回族自治县, loaded before its
/// records, whose organizations name their jurisdiction by division code.
pub const DEMO_JURISDICTIONS: &str = include_str!("../../data/demo/jurisdictions.json");

/// The demo county's submissions (群众意见反馈), loaded after its records: see [`feedback`].
pub const DEMO_FEEDBACK: &str = include_str!("../../data/demo/feedback.json");

/// The demo county's evaluation ballots, as counts, loaded after its records: see
/// [`evaluation`].
pub const DEMO_BALLOTS: &str = include_str!("../../data/demo/evaluation-tallies.json");

/// The demo county's documents, attached by their file names in the data files: each is marked
/// as an example in its own text (示例文件 · 演示数据).
pub const DEMO_DOCUMENTS: &[load::Attachable] = &[
    demo_document!("decision-zengshou.txt"),
    demo_document!("minutes-m87.txt"),
    demo_document!("notice-xuanchuanbu.txt"),
    demo_document!("report-case-10.txt"),
    demo_document!("evidence-gongre.txt"),
    demo_document!("hearing-notice-gongre.pdf"),
];

/// Loads the demo county if the database holds no records yet, through the one write path
/// ([`load`]). Returns whether it loaded.
///
/// Runs in one transaction: a failure leaves the database empty, and two instances starting
/// at once on PostgreSQL serialize on an advisory lock, so the county is never loaded twice.
pub async fn load_demo_if_empty(store: &Store, db: &DatabaseConnection) -> anyhow::Result<bool> {
    let txn = crate::db::begin_write(db).await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(632221)")
            .await?;
    }
    let loaded = entity::meta::Entity::find_by_id(DEMO_KEY.to_owned())
        .one(&txn)
        .await?;
    let organizations = entity::organization::Entity::find().count(&txn).await?;
    if loaded.is_some() || organizations > 0 {
        txn.rollback().await?;
        return Ok(false);
    }
    // The county's 2011 is history: its submitters (all invented, with placeholder contacts)
    // are sent nothing.
    let quiet = store.clone().with_channels(Default::default());
    jurisdictions::load(&txn, "jurisdictions.json", DEMO_JURISDICTIONS).await?;
    load::load(&quiet, &txn, DEMO, DEMO_DOCUMENTS).await?;
    feedback::load(&quiet, &txn, "feedback.json", DEMO_FEEDBACK).await?;
    evaluation::load(&quiet, &txn, "evaluation-tallies.json", DEMO_BALLOTS).await?;
    entity::meta::ActiveModel {
        key: Set(DEMO_KEY.to_owned()),
        value: Set(chrono::Utc::now().to_rfc3339()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(true)
}
