//! Creates documents (their content, stored once under its SHA-256), who uploaded each, and the
//! attachments that put a document on a record.

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
                    .table("documents")
                    .if_not_exists()
                    .col(
                        ColumnDef::new("sha256")
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new("media_type").string_len(64).not_null())
                    .col(ColumnDef::new("byte_size").big_integer().not_null())
                    .col(ColumnDef::new("content").blob().not_null())
                    .col(
                        ColumnDef::new("created_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("document_uploads")
                    .if_not_exists()
                    .col(ColumnDef::new("sha256").string_len(64).not_null())
                    .col(ColumnDef::new("uploader").string().not_null())
                    .col(
                        ColumnDef::new("uploaded_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(Index::create().col("sha256").col("uploader"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_document_uploads_sha256")
                            .from("document_uploads", "sha256")
                            .to("documents", "sha256")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("attachments")
                    .if_not_exists()
                    .col(primary_key())
                    .col(ColumnDef::new("record_kind").string_len(32).not_null())
                    .col(ColumnDef::new("record_id").big_integer().not_null())
                    .col(ColumnDef::new("position").integer().not_null())
                    .col(ColumnDef::new("sha256").string_len(64).not_null())
                    .col(ColumnDef::new("title").string().not_null())
                    .col(ColumnDef::new("role").string_len(32).not_null())
                    .col(ColumnDef::new("scope").string_len(32).not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attachments_sha256")
                            .from("attachments", "sha256")
                            .to("documents", "sha256")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "attachments",
                &["record_kind", "record_id", "position"],
                true,
            ))
            .await?;
        manager
            .create_index(index("attachments", &["sha256"], false))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["attachments", "document_uploads", "documents"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
