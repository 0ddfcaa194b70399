//! Creates the versions of published records: what the public was shown, from when, and why
//! it changed (更正).

use sea_orm_migration::prelude::*;

use crate::common::{index, primary_key};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("record_versions")
                    .if_not_exists()
                    .col(primary_key())
                    .col(ColumnDef::new("record_kind").string_len(32).not_null())
                    .col(ColumnDef::new("record_id").big_integer().not_null())
                    .col(ColumnDef::new("version").integer().not_null())
                    .col(
                        ColumnDef::new("shown_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new("reason").text().null())
                    .col(ColumnDef::new("snapshot").text().not_null())
                    .col(
                        ColumnDef::new("withdrawn")
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "record_versions",
                &["record_kind", "record_id", "version"],
                true,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("record_versions").to_owned())
            .await
    }
}
