//! Makes power and procedure codes unique within the owning organization, among records not
//! retracted, instead of across the whole database: a code clash then only ever names a record
//! the writer's own organization can see, and never tells of a hidden one.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 2] = ["powers", "procedures"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for table in TABLES {
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS idx_{table}_code"))
                .await?;
            db.execute_unprepared(&format!(
                "CREATE UNIQUE INDEX IF NOT EXISTS idx_{table}_owner_code \
                 ON {table} (owner_org_id, code) WHERE status <> 'RETRACTED'"
            ))
            .await?;
            // Lookups and sorting by code alone keep an index.
            db.execute_unprepared(&format!(
                "CREATE INDEX IF NOT EXISTS idx_{table}_code_any ON {table} (code)"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for table in TABLES {
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS idx_{table}_owner_code"))
                .await?;
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS idx_{table}_code_any"))
                .await?;
            db.execute_unprepared(&format!(
                "CREATE UNIQUE INDEX IF NOT EXISTS idx_{table}_code ON {table} (code)"
            ))
            .await?;
        }
        Ok(())
    }
}
