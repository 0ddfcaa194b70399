//! Creates the jurisdictions (行政区划: province, prefecture, county), and gives each
//! organization the jurisdiction it belongs to. An organization without one belongs to none:
//! only callers limited to no jurisdiction govern its records.

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
                    .table("jurisdictions")
                    .if_not_exists()
                    .col(primary_key())
                    .col(ColumnDef::new("division_code").string_len(12).not_null())
                    .col(ColumnDef::new("name").string_len(200).not_null())
                    .col(ColumnDef::new("level").string_len(16).not_null())
                    .col(ColumnDef::new("parent_id").big_integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from("jurisdictions", "parent_id")
                            .to("jurisdictions", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("jurisdictions", &["division_code"], true))
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("organizations")
                    .add_column(ColumnDef::new("jurisdiction_id").big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("organizations", &["jurisdiction_id"], false))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_organizations_jurisdiction_id")
                    .table("organizations")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("organizations")
                    .drop_column("jurisdiction_id")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table("jurisdictions").to_owned())
            .await
    }
}
