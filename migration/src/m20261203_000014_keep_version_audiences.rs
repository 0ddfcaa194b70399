//! Keeps, with each version of a published record, who it was shown to: a RESTRICTED version is
//! read by its own audience, not by the audience the record has today. Versions kept before
//! this have none, and so are read only by those who see every RESTRICTED record.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("record_versions")
                    .add_column(ColumnDef::new("audience").text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("record_versions")
                    .drop_column("audience")
                    .to_owned(),
            )
            .await
    }
}
