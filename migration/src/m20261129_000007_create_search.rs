//! Creates the search index: one document per record, disclosure level and time window, and a
//! full-text index over its terms (a GIN-indexed `tsvector` on PostgreSQL, an FTS5 table on
//! SQLite). The terms are written by Sunlight, which splits Chinese text into overlapping
//! pairs of characters; neither database's own word splitting is used.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("search_documents")
                    .if_not_exists()
                    .col(
                        ColumnDef::new("id")
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new("kind").string_len(32).not_null())
                    .col(ColumnDef::new("record_id").big_integer().not_null())
                    // The lowest and highest clearance (0 public, 1 party, 2 restricted) this
                    // document is the view of.
                    .col(ColumnDef::new("min_level").small_integer().not_null())
                    .col(ColumnDef::new("max_level").small_integer().not_null())
                    // The days it holds for: from (inclusive) and until (exclusive).
                    .col(ColumnDef::new("valid_from").date().null())
                    .col(ColumnDef::new("valid_until").date().null())
                    .col(ColumnDef::new("title").text().not_null())
                    .col(ColumnDef::new("body").text().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("search_documents_record")
                    .table("search_documents")
                    .col("kind")
                    .col("record_id")
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "ALTER TABLE search_documents ADD COLUMN terms tsvector NOT NULL DEFAULT ''",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX search_documents_terms ON search_documents USING GIN (terms)",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared("CREATE VIRTUAL TABLE search_terms USING fts5(title, body)")
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP TABLE IF EXISTS search_terms")
                .await?;
        }
        manager
            .drop_table(Table::drop().table("search_documents").to_owned())
            .await
    }
}
