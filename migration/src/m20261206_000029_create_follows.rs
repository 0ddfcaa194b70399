//! Creates the follows of public records: a contact that asked, and confirmed, to be told of
//! each new public version of a record.

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
                    .table("follows")
                    .if_not_exists()
                    .col(primary_key())
                    .col(ColumnDef::new("record_kind").string_len(32).not_null())
                    .col(ColumnDef::new("record_id").big_integer().not_null())
                    .col(ColumnDef::new("record_ref").string_len(100).not_null())
                    .col(ColumnDef::new("contact").string_len(200).not_null())
                    .col(ColumnDef::new("code").string_len(32).not_null())
                    .col(ColumnDef::new("secret_hash").string_len(64).not_null())
                    .col(
                        ColumnDef::new("confirmed")
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new("created_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "follows",
                &["record_kind", "record_id", "contact"],
                true,
            ))
            .await?;
        manager
            .create_index(index("follows", &["code"], true))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("follows").to_owned())
            .await
    }
}
