//! Creates the change feed: every write to a record appends one event with the record's state
//! after it (status, scope, publication time, owner and audience, and for a scheduled public
//! bulletin when media may see it under embargo), in one total order.
//!
//! `seq` is handed out while the writer holds the audit log's turn, so events become visible
//! in `seq` order: a reader that has seen `seq = n` will never later find a smaller one.
//! Scheduled publications wait in `change_schedule` until they are due; the event that makes
//! them visible is appended then.

use sea_orm_migration::prelude::*;

use crate::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("changes")
                    .if_not_exists()
                    .col(
                        ColumnDef::new("seq")
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new("at").timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new("action").string_len(32).not_null())
                    .col(ColumnDef::new("record_kind").string_len(32).not_null())
                    .col(ColumnDef::new("record_id").big_integer().not_null())
                    .col(ColumnDef::new("version").integer().not_null())
                    .col(ColumnDef::new("scope").string_len(32).not_null())
                    .col(ColumnDef::new("status").string_len(32).not_null())
                    .col(
                        ColumnDef::new("publish_at")
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new("owner_org_id").big_integer().null())
                    .col(
                        ColumnDef::new("embargo_at")
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new("prev_seq").big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "changes",
                &["record_kind", "record_id", "seq"],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("change_audiences")
                    .if_not_exists()
                    .col(
                        ColumnDef::new("id")
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new("seq").big_integer().not_null())
                    .col(ColumnDef::new("organization_id").big_integer().null())
                    .col(ColumnDef::new("person_id").big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("change_audiences", &["seq"], false))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("change_schedule")
                    .if_not_exists()
                    .col(
                        ColumnDef::new("id")
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new("due_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new("action").string_len(32).not_null())
                    .col(ColumnDef::new("record_kind").string_len(32).not_null())
                    .col(ColumnDef::new("record_id").big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("change_schedule", &["due_at"], false))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["change_schedule", "change_audiences", "changes"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
