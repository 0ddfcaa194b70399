//! Keeps the head of the audit chain (the last entry's number and hash) in a row of its own,
//! written in the same transaction as each entry: an append reads one row instead of looking
//! for the end of a log that only grows, and a log that ends before its head shows that entries
//! at its end were removed.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audit_head")
                    .if_not_exists()
                    .col(
                        ColumnDef::new("singleton")
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new("id").big_integer().not_null())
                    .col(ColumnDef::new("hash").string_len(64).not_null())
                    .check(Expr::col("singleton").eq(1))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO audit_head (singleton, id, hash) \
                 SELECT 1, id, hash FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("audit_head").if_exists().to_owned())
            .await
    }
}
