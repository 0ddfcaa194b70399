//! Hearings and other meetings open to observers (旁听): an application window and a number of
//! seats on the meeting, and the public record of each draw of observers among the applicants.

use sea_orm_migration::prelude::*;

use crate::common::foreign_key;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one change at a time.
        for column in [
            ColumnDef::new("applications_open_on")
                .date()
                .null()
                .to_owned(),
            ColumnDef::new("applications_close_on")
                .date()
                .null()
                .to_owned(),
            ColumnDef::new("observer_seats").integer().null().to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("meetings")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("hearing_draws")
                    .if_not_exists()
                    .col(
                        ColumnDef::new("meeting_id")
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new("seed").string_len(200).not_null())
                    .col(ColumnDef::new("seats").integer().not_null())
                    .col(ColumnDef::new("applicants").integer().not_null())
                    .col(ColumnDef::new("selected").integer().not_null())
                    .col(ColumnDef::new("drawn_on").date().not_null())
                    .col(
                        ColumnDef::new("drawn_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut foreign_key("hearing_draws", "meeting_id", "meetings"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("hearing_draws").to_owned())
            .await?;
        for column in [
            "observer_seats",
            "applications_close_on",
            "applications_open_on",
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("meetings")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
