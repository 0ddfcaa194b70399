//! On PostgreSQL with the RUM extension installed on the server (Debian and Ubuntu:
//! `postgresql-15-rum`), the search index becomes a RUM index that keeps each document's id
//! beside its terms, so that a search reads the matches of its words newest first and stops
//! when a window is full, instead of reading every match before it can sort them. The GIN
//! index it replaces is dropped. Where RUM is not available, or the migrating role may not
//! create the extension, nothing changes; an operator can run the same statements later (see
//! the README's "Running on PostgreSQL").

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Whether the extension is there or this role may create it: installed in the database
/// already, or available on the server to a superuser.
const CAN_USE_RUM: &str = "SELECT 1 AS ok WHERE EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'rum') \
       OR (EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') \
           AND (SELECT rolsuper FROM pg_roles WHERE rolname = current_user))";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        let usable = db
            .query_one_raw(sea_orm::Statement::from_string(
                DbBackend::Postgres,
                CAN_USE_RUM,
            ))
            .await?
            .is_some();
        if !usable {
            return Ok(());
        }
        db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS rum")
            .await?;
        // Building the index over a province's documents takes minutes, far past a request's
        // statement timeout. Migrations on PostgreSQL run in a transaction, which this ends
        // with.
        db.execute_unprepared("SET LOCAL statement_timeout = 0")
            .await?;
        db.execute_unprepared(
            "CREATE INDEX IF NOT EXISTS search_documents_newest ON search_documents \
             USING rum (terms rum_tsvector_addon_ops, id) WITH (attach = 'id', to = 'terms')",
        )
        .await?;
        db.execute_unprepared("DROP INDEX IF EXISTS search_documents_terms")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE INDEX IF NOT EXISTS search_documents_terms ON search_documents USING GIN (terms)",
        )
        .await?;
        db.execute_unprepared("DROP INDEX IF EXISTS search_documents_newest")
            .await?;
        Ok(())
    }
}
