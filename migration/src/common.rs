//! Column sets and constraints that every table shares.

use sea_orm_migration::prelude::*;

/// `id`: a 64-bit key assigned by the database.
pub(crate) fn primary_key() -> ColumnDef {
    ColumnDef::new("id")
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

/// The columns every publishable record carries: disclosure scope, publication state and
/// time, optimistic-locking version, the owning organization, the cited source, timestamps.
pub(crate) fn publishable(table: &mut TableCreateStatement, name: &'static str) {
    table
        .col(ColumnDef::new("scope").string_len(32).not_null())
        .col(ColumnDef::new("status").string_len(32).not_null())
        .col(
            ColumnDef::new("publish_at")
                .timestamp_with_time_zone()
                .null(),
        )
        .col(ColumnDef::new("version").integer().not_null().default(1))
        .col(ColumnDef::new("owner_org_id").big_integer().null())
        .col(ColumnDef::new("source_id").big_integer().null())
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
        .foreign_key(&mut foreign_key(name, "source_id", "sources"));
    // Sources are created before organizations, so their owner cannot be a foreign key.
    if name != "sources" {
        table.foreign_key(&mut foreign_key(name, "owner_org_id", "organizations"));
    }
}

/// A foreign key from `table.column` to `target.id`.
pub(crate) fn foreign_key(
    table: &'static str,
    column: &'static str,
    target: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

/// An index named after its table and columns.
pub(crate) fn index(
    table: &'static str,
    columns: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut index = Index::create();
    index
        .name(format!("idx_{table}_{}", columns.join("_")))
        .table(table)
        .if_not_exists();
    for column in columns {
        index.col(*column);
    }
    if unique {
        index.unique();
    }
    index.to_owned()
}
