//! Creates the published snapshots of statistics: each aggregate answer as it was first given
//! for a closed quarter and an audience, kept so that later answers for that quarter are the
//! same, and so that the next quarter's answer can be checked against every earlier one.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("statistics_snapshots")
                    .if_not_exists()
                    .col(crate::common::primary_key())
                    .col(ColumnDef::new("as_of").date().not_null())
                    .col(ColumnDef::new("audience").string_len(32).not_null())
                    .col(ColumnDef::new("cells").text().not_null())
                    .col(
                        ColumnDef::new("created_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        // Two first requests of a quarter at once: one row is written, and both read it.
        manager
            .create_index(crate::common::index(
                "statistics_snapshots",
                &["as_of", "audience"],
                true,
            ))
            .await?;
        // A published answer is never changed: a changed one could be differenced with itself.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION statistics_snapshots_unchanged() RETURNS trigger \
                     LANGUAGE plpgsql AS $$ \
                     BEGIN RAISE EXCEPTION 'a published statistics snapshot is never changed'; END $$",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER statistics_snapshots_unchanged BEFORE UPDATE \
                     ON statistics_snapshots FOR EACH ROW \
                     EXECUTE FUNCTION statistics_snapshots_unchanged()",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TRIGGER statistics_snapshots_unchanged BEFORE UPDATE \
                     ON statistics_snapshots BEGIN \
                     SELECT RAISE(ABORT, 'a published statistics snapshot is never changed'); END",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "DROP FUNCTION IF EXISTS statistics_snapshots_unchanged() CASCADE",
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table("statistics_snapshots").to_owned())
            .await
    }
}
