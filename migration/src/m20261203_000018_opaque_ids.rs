//! Public ids become opaque: before they do, writes down the highest key of every type that has
//! public ids, so that ids of the old form keep answering for the records that existed then and
//! for no record made since.

use sea_orm_migration::{prelude::*, sea_orm::Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each type with public ids, and its table.
const TYPES: [(&str, &str); 14] = [
    ("Source", "sources"),
    ("Organization", "organizations"),
    ("Person", "people"),
    ("Post", "posts"),
    ("Membership", "memberships"),
    ("Power", "powers"),
    ("Procedure", "procedures"),
    ("ProcedureStep", "procedure_steps"),
    ("Meeting", "meetings"),
    ("Decision", "decisions"),
    ("Observer", "observers"),
    ("Appointment", "appointments"),
    ("DisciplinaryCase", "disciplinary_cases"),
    ("Bulletin", "bulletins"),
];

/// The row of `sunlight_meta` that keeps the limits.
const ROW: &str = "legacy_id_limits";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let mut limits = Vec::new();
        for (name, table) in TYPES {
            let row = db
                .query_one_raw(Statement::from_string(
                    backend,
                    format!("SELECT COALESCE(MAX(id), 0) AS top FROM {table}"),
                ))
                .await?;
            let top: i64 = match row {
                Some(row) => row.try_get("", "top")?,
                None => 0,
            };
            if top > 0 {
                limits.push(format!("\"{name}\":{top}"));
            }
        }
        let value = format!("{{{}}}", limits.join(","));
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            match backend {
                sea_orm::DatabaseBackend::Postgres => {
                    "INSERT INTO sunlight_meta (key, value) VALUES ($1, $2) \
                     ON CONFLICT (key) DO NOTHING"
                }
                _ => {
                    "INSERT INTO sunlight_meta (key, value) VALUES (?, ?) \
                      ON CONFLICT (key) DO NOTHING"
                }
            },
            [ROW.into(), value.into()],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            match db.get_database_backend() {
                sea_orm::DatabaseBackend::Postgres => "DELETE FROM sunlight_meta WHERE key = $1",
                _ => "DELETE FROM sunlight_meta WHERE key = ?",
            },
            [ROW.into()],
        ))
        .await?;
        Ok(())
    }
}
