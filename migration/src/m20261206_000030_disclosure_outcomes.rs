//! The outcome of an answered request for disclosure (依申请公开): granted, partly granted,
//! refused, not held, or not this body's.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("feedback")
                    .add_column(ColumnDef::new("outcome").string_len(32).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("feedback")
                    .drop_column("outcome")
                    .to_owned(),
            )
            .await
    }
}
