//! Creates meetings with attendance, agenda, decisions, milestones; the observer pool.

use sea_orm_migration::prelude::*;

use crate::common::{foreign_key, index, primary_key, publishable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table("meetings")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("body_id").big_integer().not_null())
            .col(ColumnDef::new("kind").string_len(32).not_null())
            .col(ColumnDef::new("label").string().not_null())
            .col(ColumnDef::new("session_number").integer().null())
            .col(
                ColumnDef::new("starts_at")
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(ColumnDef::new("place").string().not_null())
            .col(ColumnDef::new("chair_id").big_integer().null())
            .col(ColumnDef::new("meeting_status").string_len(32).not_null())
            .col(ColumnDef::new("summary").text().null())
            .col(ColumnDef::new("minutes").text().null());
        publishable(&mut table, "meetings");
        table.foreign_key(&mut foreign_key("meetings", "body_id", "organizations"));
        table.foreign_key(&mut foreign_key("meetings", "chair_id", "people"));
        manager.create_table(table).await?;
        manager
            .create_index(index("meetings", &["body_id"], false))
            .await?;
        manager
            .create_index(index("meetings", &["starts_at"], false))
            .await?;
        manager
            .create_index(index("meetings", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("meetings", &["updated_at"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("attendances")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("meeting_id").big_integer().not_null())
            .col(ColumnDef::new("person_id").big_integer().not_null())
            .col(ColumnDef::new("role").string_len(32).not_null())
            .col(ColumnDef::new("present").boolean().not_null())
            .col(ColumnDef::new("absence_reason").string().null())
            .col(ColumnDef::new("observer_category").string_len(32).null());
        table.foreign_key(&mut foreign_key("attendances", "meeting_id", "meetings"));
        table.foreign_key(&mut foreign_key("attendances", "person_id", "people"));
        manager.create_table(table).await?;
        manager
            .create_index(index("attendances", &["meeting_id"], false))
            .await?;
        manager
            .create_index(index("attendances", &["person_id"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("agenda_items")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("meeting_id").big_integer().not_null())
            .col(ColumnDef::new("position").integer().not_null())
            .col(ColumnDef::new("title").string().not_null())
            .col(ColumnDef::new("presenter_id").big_integer().null())
            .col(ColumnDef::new("summary").text().null());
        table.foreign_key(&mut foreign_key("agenda_items", "meeting_id", "meetings"));
        table.foreign_key(&mut foreign_key("agenda_items", "presenter_id", "people"));
        manager.create_table(table).await?;
        manager
            .create_index(index("agenda_items", &["meeting_id"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("decisions")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("meeting_id").big_integer().not_null())
            .col(ColumnDef::new("agenda_item_id").big_integer().null())
            .col(ColumnDef::new("kind").string_len(32).not_null())
            .col(ColumnDef::new("title").string().not_null())
            .col(ColumnDef::new("text").text().not_null())
            .col(ColumnDef::new("votes_for").integer().null())
            .col(ColumnDef::new("votes_against").integer().null())
            .col(ColumnDef::new("votes_abstain").integer().null())
            .col(ColumnDef::new("result").string_len(32).not_null())
            .col(ColumnDef::new("execution_status").string_len(32).not_null());
        publishable(&mut table, "decisions");
        table.foreign_key(&mut foreign_key("decisions", "meeting_id", "meetings"));
        table.foreign_key(&mut foreign_key(
            "decisions",
            "agenda_item_id",
            "agenda_items",
        ));
        manager.create_table(table).await?;
        manager
            .create_index(index("decisions", &["meeting_id"], false))
            .await?;
        manager
            .create_index(index("decisions", &["execution_status"], false))
            .await?;
        manager
            .create_index(index("decisions", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("decisions", &["updated_at"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("milestones")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("decision_id").big_integer().not_null())
            .col(ColumnDef::new("position").integer().not_null())
            .col(ColumnDef::new("title").string().not_null())
            .col(ColumnDef::new("due_on").date().not_null())
            .col(ColumnDef::new("done_on").date().null())
            .col(ColumnDef::new("status").string_len(32).not_null())
            .col(ColumnDef::new("evidence").text().null());
        table.foreign_key(&mut foreign_key("milestones", "decision_id", "decisions"));
        manager.create_table(table).await?;
        manager
            .create_index(index("milestones", &["decision_id"], false))
            .await?;
        manager
            .create_index(index("milestones", &["due_on"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("observers")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("person_id").big_integer().not_null())
            .col(ColumnDef::new("category").string_len(32).not_null())
            .col(ColumnDef::new("since_on").date().not_null())
            .col(ColumnDef::new("note").string().null());
        publishable(&mut table, "observers");
        table.foreign_key(&mut foreign_key("observers", "person_id", "people"));
        manager.create_table(table).await?;
        manager
            .create_index(index("observers", &["person_id"], false))
            .await?;
        manager
            .create_index(index("observers", &["category"], false))
            .await?;
        manager
            .create_index(index("observers", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("observers", &["updated_at"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "observers",
            "milestones",
            "decisions",
            "agenda_items",
            "attendances",
            "meetings",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
