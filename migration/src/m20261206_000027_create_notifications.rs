//! Creates the outbox of notifications (手机短信平台 and e-mail): each message to send, kept in
//! the transaction of the event it tells of, once per event and channel, until it is sent.

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
                    .table("notifications")
                    .if_not_exists()
                    .col(primary_key())
                    .col(ColumnDef::new("event_key").string_len(200).not_null())
                    .col(ColumnDef::new("feedback_id").big_integer().null())
                    .col(ColumnDef::new("channel").string_len(32).not_null())
                    .col(ColumnDef::new("recipient").string_len(200).not_null())
                    .col(ColumnDef::new("subject").string().not_null())
                    .col(ColumnDef::new("body").text().not_null())
                    .col(ColumnDef::new("status").string_len(32).not_null())
                    .col(ColumnDef::new("attempts").integer().not_null().default(0))
                    .col(
                        ColumnDef::new("next_attempt_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new("last_error").text().null())
                    .col(
                        ColumnDef::new("created_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new("sent_at").timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("notifications", &["event_key"], true))
            .await?;
        manager
            .create_index(index(
                "notifications",
                &["status", "next_attempt_at"],
                false,
            ))
            .await?;
        manager
            .create_index(index("notifications", &["feedback_id"], false))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("notifications").to_owned())
            .await
    }
}
