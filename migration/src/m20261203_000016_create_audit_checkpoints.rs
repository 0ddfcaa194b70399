//! Creates the signed checkpoints of the audit log: each says that the entry `sequence` of the
//! log had `head_hash`, signed with a key kept outside the database. Like the log, the table is
//! append-only; a signature cannot be forged by whoever holds the database, but a row could be
//! removed, so the database refuses that too.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audit_checkpoints")
                    .if_not_exists()
                    .col(
                        ColumnDef::new("sequence")
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new("head_hash").string_len(64).not_null())
                    .col(
                        ColumnDef::new("signed_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new("signature").string_len(128).not_null())
                    .col(ColumnDef::new("public_key").string_len(64).not_null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger \
                     LANGUAGE plpgsql AS $$ \
                     BEGIN RAISE EXCEPTION 'audit checkpoints are append-only'; END $$",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE \
                     ON audit_checkpoints \
                     FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only()",
                )
                .await?;
            }
            _ => {
                for op in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER audit_checkpoints_no_{} BEFORE {op} ON audit_checkpoints \
                         BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END",
                        op.to_lowercase()
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "DROP FUNCTION IF EXISTS audit_checkpoints_append_only() CASCADE",
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table("audit_checkpoints").to_owned())
            .await
    }
}
