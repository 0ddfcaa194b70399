//! Creates sources, organizations, people, posts, memberships and audiences.

use sea_orm_migration::prelude::*;

use crate::common::{foreign_key, index, primary_key, publishable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table("sources")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("issuer").string().not_null())
            .col(ColumnDef::new("doc_number").string().null())
            .col(ColumnDef::new("title").string().not_null())
            .col(ColumnDef::new("issued_on").date().null())
            .col(ColumnDef::new("url").string().null());
        publishable(&mut table, "sources");
        manager.create_table(table).await?;
        manager
            .create_index(index("sources", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("sources", &["updated_at"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("organizations")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("name").string().not_null())
            .col(ColumnDef::new("short_name").string().null())
            .col(ColumnDef::new("kind").string_len(32).not_null())
            .col(ColumnDef::new("parent_id").big_integer().null())
            .col(ColumnDef::new("division_code").string().null())
            .col(ColumnDef::new("description").text().null());
        publishable(&mut table, "organizations");
        table.foreign_key(&mut foreign_key(
            "organizations",
            "parent_id",
            "organizations",
        ));
        manager.create_table(table).await?;
        manager
            .create_index(index("organizations", &["parent_id"], false))
            .await?;
        manager
            .create_index(index("organizations", &["kind"], false))
            .await?;
        manager
            .create_index(index("organizations", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("organizations", &["updated_at"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("people")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("name").string().not_null())
            .col(ColumnDef::new("gender").string().null())
            .col(ColumnDef::new("ethnicity").string().null())
            .col(ColumnDef::new("birth_month").string().null())
            .col(ColumnDef::new("education").string().null())
            .col(ColumnDef::new("phone").string().null())
            .col(ColumnDef::new("phone_public").boolean().not_null())
            .col(ColumnDef::new("email").string().null())
            .col(ColumnDef::new("office").string().null())
            .col(ColumnDef::new("fictional").boolean().not_null());
        publishable(&mut table, "people");
        manager.create_table(table).await?;
        manager
            .create_index(index("people", &["name"], false))
            .await?;
        manager
            .create_index(index("people", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("people", &["updated_at"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("posts")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("organization_id").big_integer().not_null())
            .col(ColumnDef::new("title").string().not_null())
            .col(ColumnDef::new("is_leadership").boolean().not_null())
            .col(ColumnDef::new("position").integer().not_null());
        publishable(&mut table, "posts");
        table.foreign_key(&mut foreign_key(
            "posts",
            "organization_id",
            "organizations",
        ));
        manager.create_table(table).await?;
        manager
            .create_index(index("posts", &["organization_id"], false))
            .await?;
        manager
            .create_index(index("posts", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("posts", &["updated_at"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("memberships")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("person_id").big_integer().not_null())
            .col(ColumnDef::new("post_id").big_integer().not_null())
            .col(ColumnDef::new("start_on").date().not_null())
            .col(ColumnDef::new("end_on").date().null())
            .col(ColumnDef::new("note").string().null());
        publishable(&mut table, "memberships");
        table.foreign_key(&mut foreign_key("memberships", "person_id", "people"));
        table.foreign_key(&mut foreign_key("memberships", "post_id", "posts"));
        manager.create_table(table).await?;
        manager
            .create_index(index("memberships", &["person_id"], false))
            .await?;
        manager
            .create_index(index("memberships", &["post_id"], false))
            .await?;
        manager
            .create_index(index("memberships", &["owner_org_id"], false))
            .await?;
        manager
            .create_index(index("memberships", &["updated_at"], false))
            .await?;

        let mut table = Table::create();
        table
            .table("record_audiences")
            .if_not_exists()
            .col(primary_key())
            .col(ColumnDef::new("record_kind").string_len(32).not_null())
            .col(ColumnDef::new("record_id").big_integer().not_null())
            .col(ColumnDef::new("organization_id").big_integer().null())
            .col(ColumnDef::new("person_id").big_integer().null());
        table.foreign_key(&mut foreign_key(
            "record_audiences",
            "organization_id",
            "organizations",
        ));
        table.foreign_key(&mut foreign_key("record_audiences", "person_id", "people"));
        manager.create_table(table).await?;
        manager
            .create_index(index(
                "record_audiences",
                &["record_kind", "record_id"],
                false,
            ))
            .await?;
        manager
            .create_index(index("record_audiences", &["organization_id"], false))
            .await?;
        manager
            .create_index(index("record_audiences", &["person_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "record_audiences",
            "memberships",
            "posts",
            "people",
            "organizations",
            "sources",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
