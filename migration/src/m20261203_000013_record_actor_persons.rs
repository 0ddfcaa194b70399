//! Records the person behind each audit entry, beside the token's subject: the four-eyes rule
//! compares persons, and one person may carry more than one subject.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("audit_log")
                    .add_column(ColumnDef::new("actor_person").big_integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("audit_log")
                    .drop_column("actor_person")
                    .to_owned(),
            )
            .await
    }
}
