//! Creates the evaluation rounds (评议, the 双评 of 一述双评三监督) and what their secret ballots
//! leave behind: the one-time codes of the public's rounds, who has voted (as a hash), the
//! counts per question and rating, and the comments, none of them linked to one another and
//! none with a time.

use sea_orm_migration::prelude::*;

use crate::common::{foreign_key, index, primary_key, publishable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table("evaluation_rounds")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("title").string().not_null())
            .col(ColumnDef::new("audience").string_len(32).not_null())
            .col(ColumnDef::new("duty_report_id").big_integer().null())
            .col(ColumnDef::new("meeting_id").big_integer().null())
            .col(ColumnDef::new("opens_on").date().not_null())
            .col(ColumnDef::new("closes_on").date().not_null())
            .col(
                ColumnDef::new("closed_at")
                    .timestamp_with_time_zone()
                    .null(),
            )
            .col(ColumnDef::new("text").text().not_null())
            .foreign_key(&mut foreign_key(
                "evaluation_rounds",
                "duty_report_id",
                "duty_reports",
            ))
            .foreign_key(&mut foreign_key(
                "evaluation_rounds",
                "meeting_id",
                "meetings",
            ));
        publishable(&mut table, "evaluation_rounds");
        manager.create_table(table).await?;
        for columns in [&["owner_org_id"][..], &["updated_at"]] {
            manager
                .create_index(index("evaluation_rounds", columns, false))
                .await?;
        }

        // A one-time code of a public round, kept as its SHA-256 only.
        manager
            .create_table(
                Table::create()
                    .table("evaluation_codes")
                    .if_not_exists()
                    .col(
                        ColumnDef::new("code_hash")
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new("round_id").big_integer().not_null())
                    .col(ColumnDef::new("spent").boolean().not_null().default(false))
                    .foreign_key(&mut foreign_key(
                        "evaluation_codes",
                        "round_id",
                        "evaluation_rounds",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("evaluation_codes", &["round_id"], false))
            .await?;

        // Who has voted in a members' round: a hash of the round and the token's subject.
        manager
            .create_table(
                Table::create()
                    .table("evaluation_voters")
                    .if_not_exists()
                    .col(ColumnDef::new("round_id").big_integer().not_null())
                    .col(ColumnDef::new("voter_hash").string_len(64).not_null())
                    .primary_key(Index::create().col("round_id").col("voter_hash"))
                    .foreign_key(&mut foreign_key(
                        "evaluation_voters",
                        "round_id",
                        "evaluation_rounds",
                    ))
                    .to_owned(),
            )
            .await?;

        // The ballots, as counts per question and rating: no ballot is kept one by one.
        manager
            .create_table(
                Table::create()
                    .table("evaluation_tallies")
                    .if_not_exists()
                    .col(ColumnDef::new("round_id").big_integer().not_null())
                    .col(ColumnDef::new("item").string_len(32).not_null())
                    .col(ColumnDef::new("rating").string_len(32).not_null())
                    .col(
                        ColumnDef::new("ballots")
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .primary_key(Index::create().col("round_id").col("item").col("rating"))
                    .foreign_key(&mut foreign_key(
                        "evaluation_tallies",
                        "round_id",
                        "evaluation_rounds",
                    ))
                    .to_owned(),
            )
            .await?;

        // The comments of ballots, apart from them, under a random key.
        manager
            .create_table(
                Table::create()
                    .table("evaluation_comments")
                    .if_not_exists()
                    .col(ColumnDef::new("id").string_len(32).not_null().primary_key())
                    .col(ColumnDef::new("round_id").big_integer().not_null())
                    .col(ColumnDef::new("body").text().not_null())
                    .foreign_key(&mut foreign_key(
                        "evaluation_comments",
                        "round_id",
                        "evaluation_rounds",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("evaluation_comments", &["round_id"], false))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "evaluation_comments",
            "evaluation_tallies",
            "evaluation_voters",
            "evaluation_codes",
            "evaluation_rounds",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
