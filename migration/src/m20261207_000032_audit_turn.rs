//! On PostgreSQL, the audit log's turn and the read of its head in one round trip: a function
//! that takes the appenders' advisory lock, then reads the head. Each statement inside a
//! function takes a snapshot of its own, so the head is read as the previous holder of the
//! turn left it; a single `SELECT` that took the lock and read the head would read it as it
//! stood before the wait. SQLite has one writer and needs no turn.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "CREATE OR REPLACE FUNCTION audit_turn() \
                     RETURNS TABLE (id bigint, hash text) LANGUAGE plpgsql VOLATILE AS $$ \
                     BEGIN \
                       PERFORM pg_advisory_xact_lock(632223); \
                       RETURN QUERY SELECT h.id, h.hash::text FROM audit_head h \
                         WHERE h.singleton = 1; \
                     END $$",
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_turn()")
                .await?;
        }
        Ok(())
    }
}
