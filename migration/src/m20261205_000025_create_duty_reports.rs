//! Creates the duty reports (述职述廉) of the county's leaders.

use sea_orm_migration::prelude::*;

use crate::common::{foreign_key, index, primary_key, publishable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table("duty_reports")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("person_id").big_integer().not_null())
            .col(ColumnDef::new("post_id").big_integer().null())
            .col(ColumnDef::new("form").string_len(32).not_null())
            .col(ColumnDef::new("title").string().not_null())
            .col(ColumnDef::new("period_start").date().not_null())
            .col(ColumnDef::new("period_end").date().not_null())
            .col(ColumnDef::new("reported_on").date().not_null())
            .col(ColumnDef::new("meeting_id").big_integer().null())
            .col(ColumnDef::new("text").text().not_null())
            .foreign_key(&mut foreign_key("duty_reports", "person_id", "people"))
            .foreign_key(&mut foreign_key("duty_reports", "post_id", "posts"))
            .foreign_key(&mut foreign_key("duty_reports", "meeting_id", "meetings"));
        publishable(&mut table, "duty_reports");
        manager.create_table(table).await?;
        for columns in [&["person_id"][..], &["owner_org_id"], &["updated_at"]] {
            manager
                .create_index(index("duty_reports", columns, false))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("duty_reports").to_owned())
            .await
    }
}
