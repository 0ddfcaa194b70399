//! Creates bulletins: texts for broadcast, such as the county TV column's, each optionally
//! about one record.

use sea_orm_migration::prelude::*;

use crate::common::{index, primary_key, publishable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table("bulletins")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("title").string().not_null())
            .col(ColumnDef::new("crawl").string().not_null())
            .col(ColumnDef::new("body").text().not_null())
            .col(ColumnDef::new("category").string_len(32).not_null())
            // Any kind of record, so no foreign key: the related record is read through the
            // reader's scope, like every other record.
            .col(ColumnDef::new("related_kind").string_len(32).null())
            .col(ColumnDef::new("related_id").big_integer().null());
        publishable(&mut table, "bulletins");
        manager.create_table(table).await?;
        manager
            .create_index(index("bulletins", &["related_kind", "related_id"], false))
            .await?;
        manager
            .create_index(index("bulletins", &["publish_at"], false))
            .await?;
        manager
            .create_index(index("bulletins", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("bulletins", &["updated_at"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("bulletins").to_owned())
            .await
    }
}
