//! Creates the way back (群众意见反馈): what callers submit (opinions, reports, requests for
//! disclosure, applications to attend, delegates' proposals), each step of its handling, and the
//! answers published of them (答复公开).

use sea_orm_migration::prelude::*;

use crate::common::{foreign_key, index, primary_key, publishable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut answers = Table::create();
        answers
            .table("feedback_answers")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("feedback_kind").string_len(32).not_null())
            .col(ColumnDef::new("question").text().not_null())
            .col(ColumnDef::new("reply").text().not_null())
            .col(ColumnDef::new("received_on").date().not_null())
            .col(ColumnDef::new("answered_on").date().not_null());
        publishable(&mut answers, "feedback_answers");
        manager.create_table(answers).await?;
        for columns in [&["owner_org_id"][..], &["updated_at"], &["answered_on"]] {
            manager
                .create_index(index("feedback_answers", columns, false))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("feedback")
                    .if_not_exists()
                    .col(primary_key())
                    .col(ColumnDef::new("code").string_len(16).not_null())
                    .col(ColumnDef::new("secret_hash").string_len(64).not_null())
                    .col(ColumnDef::new("kind").string_len(32).not_null())
                    .col(ColumnDef::new("channel").string_len(32).not_null())
                    .col(ColumnDef::new("subject").string().not_null())
                    .col(ColumnDef::new("body").text().null())
                    .col(ColumnDef::new("meeting_id").big_integer().null())
                    .col(ColumnDef::new("named_person_id").big_integer().null())
                    .col(ColumnDef::new("named_org_id").big_integer().null())
                    .col(ColumnDef::new("submitter_name").string().null())
                    .col(ColumnDef::new("submitter_contact").string().null())
                    .col(ColumnDef::new("submitter_subject").string().null())
                    .col(ColumnDef::new("submitter_person_id").big_integer().null())
                    .col(ColumnDef::new("handling_org_id").big_integer().null())
                    .col(ColumnDef::new("status").string_len(32).not_null())
                    .col(ColumnDef::new("received_on").date().not_null())
                    .col(ColumnDef::new("due_on").date().not_null())
                    .col(ColumnDef::new("extension_reason").text().null())
                    .col(ColumnDef::new("reply").text().null())
                    .col(ColumnDef::new("closed_on").date().null())
                    .col(ColumnDef::new("reason").text().null())
                    .col(
                        ColumnDef::new("publish_consent")
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(ColumnDef::new("answer_id").big_integer().null())
                    .col(
                        ColumnDef::new("erased_at")
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new("version").integer().not_null().default(1))
                    .col(
                        ColumnDef::new("created_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new("updated_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut foreign_key("feedback", "meeting_id", "meetings"))
                    .foreign_key(&mut foreign_key("feedback", "named_person_id", "people"))
                    .foreign_key(&mut foreign_key(
                        "feedback",
                        "named_org_id",
                        "organizations",
                    ))
                    .foreign_key(&mut foreign_key(
                        "feedback",
                        "submitter_person_id",
                        "people",
                    ))
                    .foreign_key(&mut foreign_key(
                        "feedback",
                        "handling_org_id",
                        "organizations",
                    ))
                    .foreign_key(&mut foreign_key(
                        "feedback",
                        "answer_id",
                        "feedback_answers",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("feedback", &["code"], true))
            .await?;
        manager
            .create_index(index(
                "feedback",
                &["handling_org_id", "received_on"],
                false,
            ))
            .await?;
        manager
            .create_index(index("feedback", &["received_on"], false))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("feedback_steps")
                    .if_not_exists()
                    .col(primary_key())
                    .col(ColumnDef::new("feedback_id").big_integer().not_null())
                    .col(ColumnDef::new("at").timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new("on_day").date().not_null())
                    .col(ColumnDef::new("action").string_len(32).not_null())
                    .col(ColumnDef::new("status").string_len(32).not_null())
                    .col(ColumnDef::new("org_id").big_integer().null())
                    .col(ColumnDef::new("note").text().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_feedback_steps_feedback_id")
                            .from("feedback_steps", "feedback_id")
                            .to("feedback", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut foreign_key(
                        "feedback_steps",
                        "org_id",
                        "organizations",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("feedback_steps", &["feedback_id", "id"], false))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["feedback_steps", "feedback", "feedback_answers"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
