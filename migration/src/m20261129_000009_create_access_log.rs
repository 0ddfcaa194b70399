//! Creates the access log: one row per non-public record served to a caller, with who read it,
//! in which role and when. Rows arrive in batches, written beside the requests that caused them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("access_log")
                    .if_not_exists()
                    .col(
                        ColumnDef::new("id")
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new("at").timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new("actor").string_len(200).not_null())
                    .col(ColumnDef::new("role").string_len(32).not_null())
                    .col(ColumnDef::new("record_kind").string_len(32).not_null())
                    .col(ColumnDef::new("record_id").big_integer().not_null())
                    .col(ColumnDef::new("request_id").string_len(64).null())
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("access_log_at", &["at"][..]),
            ("access_log_actor", &["actor", "at"][..]),
            ("access_log_record", &["record_kind", "record_id"][..]),
        ] {
            let mut index = Index::create();
            index.name(name).table("access_log").if_not_exists();
            for column in columns {
                index.col(*column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("access_log").to_owned())
            .await
    }
}
