//! Creates the public supervisors of the committee's party affairs (县委党务工作社会监督员).

use sea_orm_migration::prelude::*;

use crate::common::{foreign_key, index, primary_key, publishable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table("social_supervisors")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("person_id").big_integer().not_null())
            .col(ColumnDef::new("background").string().not_null())
            .col(ColumnDef::new("term_start_on").date().not_null())
            .col(ColumnDef::new("term_end_on").date().null())
            .col(ColumnDef::new("duties").text().null())
            .col(ColumnDef::new("contact").string().null())
            .foreign_key(&mut foreign_key(
                "social_supervisors",
                "person_id",
                "people",
            ));
        publishable(&mut table, "social_supervisors");
        manager.create_table(table).await?;
        for columns in [&["person_id"][..], &["owner_org_id"], &["updated_at"]] {
            manager
                .create_index(index("social_supervisors", columns, false))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("social_supervisors").to_owned())
            .await
    }
}
