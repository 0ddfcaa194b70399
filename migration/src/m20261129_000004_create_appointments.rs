//! Creates appointments from vacancy to probation.

use sea_orm_migration::prelude::*;

use crate::common::{foreign_key, index, primary_key, publishable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table("appointments")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("organization_id").big_integer().not_null())
            .col(ColumnDef::new("post_id").big_integer().null())
            .col(ColumnDef::new("stage").string_len(32).not_null())
            .col(ColumnDef::new("outcome").string_len(32).not_null())
            .col(ColumnDef::new("vacancy_title").string().not_null())
            .col(ColumnDef::new("requirements").text().null())
            .col(ColumnDef::new("vacancy_announced_on").date().null())
            .col(ColumnDef::new("application_deadline").date().null())
            .col(ColumnDef::new("candidate_id").big_integer().null())
            .col(ColumnDef::new("candidate_name").string().null())
            .col(ColumnDef::new("candidate_gender").string().null())
            .col(ColumnDef::new("candidate_ethnicity").string().null())
            .col(ColumnDef::new("candidate_birth_month").string().null())
            .col(ColumnDef::new("candidate_education").string().null())
            .col(ColumnDef::new("candidate_party_joined").string().null())
            .col(ColumnDef::new("candidate_work_started").string().null())
            .col(ColumnDef::new("current_post").string().null())
            .col(ColumnDef::new("proposed_post").string().null())
            .col(ColumnDef::new("inspection_started_on").date().null())
            .col(ColumnDef::new("inspection_report").text().null())
            .col(ColumnDef::new("notice_start").date().null())
            .col(ColumnDef::new("notice_end").date().null())
            .col(ColumnDef::new("complaint_channels").string().null())
            .col(ColumnDef::new("objections").text().null())
            .col(ColumnDef::new("objection_count").integer().not_null())
            .col(ColumnDef::new("deciding_meeting_id").big_integer().null())
            .col(ColumnDef::new("decided_on").date().null())
            .col(ColumnDef::new("probation_until").date().null());
        publishable(&mut table, "appointments");
        table.foreign_key(&mut foreign_key(
            "appointments",
            "organization_id",
            "organizations",
        ));
        table.foreign_key(&mut foreign_key("appointments", "post_id", "posts"));
        table.foreign_key(&mut foreign_key("appointments", "candidate_id", "people"));
        table.foreign_key(&mut foreign_key(
            "appointments",
            "deciding_meeting_id",
            "meetings",
        ));
        manager.create_table(table).await?;
        manager
            .create_index(index("appointments", &["organization_id"], false))
            .await?;
        manager
            .create_index(index("appointments", &["stage"], false))
            .await?;
        manager
            .create_index(index("appointments", &["notice_start"], false))
            .await?;
        manager
            .create_index(index("appointments", &["candidate_id"], false))
            .await?;
        manager
            .create_index(index("appointments", &["deciding_meeting_id"], false))
            .await?;
        manager
            .create_index(index("appointments", &["post_id"], false))
            .await?;
        manager
            .create_index(index("appointments", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("appointments", &["updated_at"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["appointments"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
