//! Creates the exercises of powers (权力运行实例) and their passages through the steps of
//! their procedures.

use sea_orm_migration::prelude::*;

use crate::common::{foreign_key, index, primary_key, publishable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table("exercises")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("power_id").big_integer().not_null())
            .col(ColumnDef::new("procedure_id").big_integer().not_null())
            .col(ColumnDef::new("title").string().not_null())
            .col(ColumnDef::new("summary").text().null())
            .col(ColumnDef::new("decision_id").big_integer().null())
            .col(ColumnDef::new("meeting_id").big_integer().null())
            .col(ColumnDef::new("appointment_id").big_integer().null())
            .col(ColumnDef::new("disciplinary_case_id").big_integer().null())
            .foreign_key(&mut foreign_key("exercises", "power_id", "powers"))
            .foreign_key(&mut foreign_key("exercises", "procedure_id", "procedures"))
            .foreign_key(&mut foreign_key("exercises", "decision_id", "decisions"))
            .foreign_key(&mut foreign_key("exercises", "meeting_id", "meetings"))
            .foreign_key(&mut foreign_key(
                "exercises",
                "appointment_id",
                "appointments",
            ))
            .foreign_key(&mut foreign_key(
                "exercises",
                "disciplinary_case_id",
                "disciplinary_cases",
            ));
        publishable(&mut table, "exercises");
        manager.create_table(table).await?;
        for columns in [
            &["power_id"][..],
            &["procedure_id"],
            &["decision_id"],
            &["owner_org_id"],
            &["updated_at"],
        ] {
            manager
                .create_index(index("exercises", columns, false))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("passages")
                    .if_not_exists()
                    .col(primary_key())
                    .col(ColumnDef::new("exercise_id").big_integer().not_null())
                    .col(ColumnDef::new("position").integer().not_null())
                    .col(ColumnDef::new("step_key").string().not_null())
                    .col(ColumnDef::new("actor").string().not_null())
                    .col(
                        ColumnDef::new("entered_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new("left_at").timestamp_with_time_zone().null())
                    .col(ColumnDef::new("left_by").string().null())
                    .col(ColumnDef::new("note").text().null())
                    .col(ColumnDef::new("evidence").text().null())
                    .foreign_key(&mut foreign_key("passages", "exercise_id", "exercises"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("passages", &["exercise_id", "position"], true))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["passages", "exercises"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
