//! Creates the inspection reports of the public supervisors (社会监督员监督检查报告).

use sea_orm_migration::prelude::*;

use crate::common::{foreign_key, index, primary_key, publishable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table("inspection_reports")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("supervisor_id").big_integer().not_null())
            .col(ColumnDef::new("title").string().not_null())
            .col(ColumnDef::new("period_start").date().not_null())
            .col(ColumnDef::new("period_end").date().not_null())
            .col(ColumnDef::new("reported_on").date().not_null())
            .col(ColumnDef::new("findings").text().not_null())
            .col(ColumnDef::new("recommendations").text().null())
            .foreign_key(&mut foreign_key(
                "inspection_reports",
                "supervisor_id",
                "social_supervisors",
            ));
        publishable(&mut table, "inspection_reports");
        manager.create_table(table).await?;
        for columns in [&["supervisor_id"][..], &["owner_org_id"], &["updated_at"]] {
            manager
                .create_index(index("inspection_reports", columns, false))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("inspection_reports").to_owned())
            .await
    }
}
