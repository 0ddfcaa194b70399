//! Creates disciplinary cases.

use sea_orm_migration::prelude::*;

use crate::common::{foreign_key, index, primary_key, publishable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table("disciplinary_cases")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("case_number").string().not_null())
            .col(ColumnDef::new("subject_name").string().not_null())
            .col(ColumnDef::new("subject_id").big_integer().null())
            .col(ColumnDef::new("post_at_time").string().not_null())
            .col(ColumnDef::new("rank").string().not_null())
            .col(
                ColumnDef::new("violation_category")
                    .string_len(32)
                    .not_null(),
            )
            .col(ColumnDef::new("summary").text().not_null())
            .col(ColumnDef::new("amount_yuan").big_integer().null())
            .col(ColumnDef::new("party_sanction").string_len(32).null())
            .col(ColumnDef::new("probation_years").integer().null())
            .col(ColumnDef::new("government_sanction").string_len(32).null())
            .col(ColumnDef::new("decided_on").date().not_null())
            .col(ColumnDef::new("deciding_body_id").big_integer().null())
            .col(
                ColumnDef::new("transferred_to_prosecutors")
                    .boolean()
                    .not_null(),
            )
            .col(ColumnDef::new("announced").boolean().not_null())
            .col(ColumnDef::new("announced_on").date().null());
        publishable(&mut table, "disciplinary_cases");
        table.foreign_key(&mut foreign_key(
            "disciplinary_cases",
            "subject_id",
            "people",
        ));
        table.foreign_key(&mut foreign_key(
            "disciplinary_cases",
            "deciding_body_id",
            "organizations",
        ));
        manager.create_table(table).await?;
        manager
            .create_index(index("disciplinary_cases", &["decided_on"], false))
            .await?;
        manager
            .create_index(index("disciplinary_cases", &["party_sanction"], false))
            .await?;
        manager
            .create_index(index("disciplinary_cases", &["subject_id"], false))
            .await?;
        manager
            .create_index(index("disciplinary_cases", &["deciding_body_id"], false))
            .await?;
        manager
            .create_index(index("disciplinary_cases", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("disciplinary_cases", &["updated_at"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["disciplinary_cases"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
