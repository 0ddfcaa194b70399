//! Loading data into an empty database: the demo county.

mod demo;
pub mod synthetic;

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    PaginatorTrait, Set, TransactionTrait,
};

/// The `sunlight_meta` key recording when the demo county was loaded.
const DEMO_KEY: &str = "demo_county_loaded";

/// Loads the demo county if the database holds no records yet. Returns whether it loaded.
///
/// Runs in one transaction: a failure leaves the database empty, and two instances starting
/// at once on PostgreSQL serialize on an advisory lock, so the county is never loaded twice.
pub async fn load_demo_if_empty(db: &DatabaseConnection) -> Result<bool, DbErr> {
    let txn = db.begin().await?;
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
    demo::load(&txn).await?;
    crate::search::rebuild(&txn).await?;
    entity::meta::ActiveModel {
        key: Set(DEMO_KEY.to_owned()),
        value: Set(chrono::Utc::now().to_rfc3339()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(true)
}
