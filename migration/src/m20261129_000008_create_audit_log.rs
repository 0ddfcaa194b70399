//! Creates the audit log (全程记实): one row per write, chained by hashes, and append-only. The
//! database refuses to change or delete a row; the hash chain shows it if that refusal is ever
//! gone around.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audit_log")
                    .if_not_exists()
                    .col(
                        ColumnDef::new("id")
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new("at").timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new("actor").string_len(200).not_null())
                    .col(ColumnDef::new("role").string_len(32).not_null())
                    .col(ColumnDef::new("action").string_len(32).not_null())
                    .col(ColumnDef::new("record_kind").string_len(32).null())
                    .col(ColumnDef::new("record_id").big_integer().null())
                    .col(ColumnDef::new("change").text().not_null())
                    .col(ColumnDef::new("prev_hash").string_len(64).not_null())
                    .col(ColumnDef::new("hash").string_len(64).not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audit_log_record")
                    .table("audit_log")
                    .col("record_kind")
                    .col("record_id")
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
                )
                .await?;
            }
            _ => {
                for op in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER audit_log_no_{} BEFORE {op} ON audit_log \
                         BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
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
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only() CASCADE")
                .await?;
        }
        manager
            .drop_table(Table::drop().table("audit_log").to_owned())
            .await
    }
}
