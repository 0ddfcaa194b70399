//! Creates procedures as graphs and the power catalogue.

use sea_orm_migration::prelude::*;

use crate::common::{foreign_key, index, primary_key, publishable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table("procedures")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("code").string().not_null())
            .col(ColumnDef::new("name").string().not_null())
            .col(ColumnDef::new("description").text().null());
        publishable(&mut table, "procedures");
        manager.create_table(table).await?;
        manager
            .create_index(index("procedures", &["code"], true))
            .await?;
        manager
            .create_index(index("procedures", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("procedures", &["updated_at"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("procedure_steps")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("procedure_id").big_integer().not_null())
            .col(ColumnDef::new("key").string().not_null())
            .col(ColumnDef::new("position").integer().not_null())
            .col(ColumnDef::new("name").string().not_null())
            .col(ColumnDef::new("actor").string().not_null())
            .col(ColumnDef::new("conditions").text().null())
            .col(ColumnDef::new("time_limit_days").integer().null())
            .col(ColumnDef::new("time_limit_note").string().null());
        table.foreign_key(&mut foreign_key(
            "procedure_steps",
            "procedure_id",
            "procedures",
        ));
        manager.create_table(table).await?;
        manager
            .create_index(index("procedure_steps", &["procedure_id"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("procedure_edges")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("procedure_id").big_integer().not_null())
            .col(ColumnDef::new("from_step_id").big_integer().not_null())
            .col(ColumnDef::new("to_step_id").big_integer().not_null())
            .col(ColumnDef::new("label").string().null());
        table.foreign_key(&mut foreign_key(
            "procedure_edges",
            "procedure_id",
            "procedures",
        ));
        table.foreign_key(&mut foreign_key(
            "procedure_edges",
            "from_step_id",
            "procedure_steps",
        ));
        table.foreign_key(&mut foreign_key(
            "procedure_edges",
            "to_step_id",
            "procedure_steps",
        ));
        manager.create_table(table).await?;
        manager
            .create_index(index("procedure_edges", &["procedure_id"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("risk_points")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("step_id").big_integer().not_null())
            .col(ColumnDef::new("description").text().not_null())
            .col(ColumnDef::new("level").string_len(32).not_null())
            .col(ColumnDef::new("prevention").text().not_null());
        table.foreign_key(&mut foreign_key(
            "risk_points",
            "step_id",
            "procedure_steps",
        ));
        manager.create_table(table).await?;
        manager
            .create_index(index("risk_points", &["step_id"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("supervision_measures")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("step_id").big_integer().not_null())
            .col(ColumnDef::new("description").text().not_null())
            .col(ColumnDef::new("channel").string().null());
        table.foreign_key(&mut foreign_key(
            "supervision_measures",
            "step_id",
            "procedure_steps",
        ));
        manager.create_table(table).await?;
        manager
            .create_index(index("supervision_measures", &["step_id"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("powers")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("code").string().not_null())
            .col(ColumnDef::new("name").string().not_null())
            .col(ColumnDef::new("category").string_len(32).not_null())
            .col(ColumnDef::new("holder_org_id").big_integer().not_null())
            .col(ColumnDef::new("holder_post_id").big_integer().null())
            .col(ColumnDef::new("legal_basis").text().not_null())
            .col(ColumnDef::new("duties").text().not_null())
            .col(ColumnDef::new("accountability").text().not_null())
            .col(ColumnDef::new("undertaking_unit").string().not_null())
            .col(ColumnDef::new("carriers").string().not_null())
            .col(ColumnDef::new("timing").string_len(32).not_null())
            .col(ColumnDef::new("timing_days").integer().null())
            .col(ColumnDef::new("supervision_phone").string().null())
            .col(ColumnDef::new("risk_level").string_len(32).not_null())
            .col(ColumnDef::new("procedure_id").big_integer().null());
        publishable(&mut table, "powers");
        table.foreign_key(&mut foreign_key("powers", "holder_org_id", "organizations"));
        table.foreign_key(&mut foreign_key("powers", "holder_post_id", "posts"));
        table.foreign_key(&mut foreign_key("powers", "procedure_id", "procedures"));
        manager.create_table(table).await?;
        manager
            .create_index(index("powers", &["holder_org_id"], false))
            .await?;
        manager
            .create_index(index("powers", &["procedure_id"], false))
            .await?;
        manager
            .create_index(index("powers", &["category"], false))
            .await?;
        manager
            .create_index(index("powers", &["code"], true))
            .await?;
        manager
            .create_index(index("powers", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("powers", &["updated_at"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "powers",
            "supervision_measures",
            "risk_points",
            "procedure_edges",
            "procedure_steps",
            "procedures",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
