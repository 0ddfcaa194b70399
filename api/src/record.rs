//! What every kind of record has in common: its table, its publication columns, and the one
//! place that maps a [`RecordKind`] value to its table type. The kinds themselves are listed
//! once, in `entity::kinds!`; everything here is generated from that list.

use chrono::Utc;
use entity::enums::RecordKind;
use sea_orm::EntityTrait;

/// A publishable table: it carries scope, status and publish time, and an `id` key.
pub trait Record: EntityTrait<Model: Sync> + Default {
    /// The table's name, for qualified column references.
    const TABLE: &'static str;
    /// The kind of record, as audiences name it.
    const KIND: RecordKind;
    /// The GraphQL type name, as global ids carry it.
    const NAME: &'static str;
    /// The organization that owns a row.
    fn owner_of(model: &Self::Model) -> Option<i64>;
    /// The publication status of a row.
    fn status_of(model: &Self::Model) -> entity::enums::PublicationStatus;
    /// The version of a row: every change raises it.
    fn version_of(model: &Self::Model) -> i32;
    /// The disclosure scope of a row.
    fn scope_of(model: &Self::Model) -> entity::enums::Scope;
    /// When a row is (or was) published, if it is.
    fn publish_at_of(model: &Self::Model) -> Option<chrono::DateTime<Utc>>;
    /// The `id` column.
    fn id_column() -> Self::Column;
    /// The id of a row.
    fn id_of(model: &Self::Model) -> i64;
}

macro_rules! record {
    ($($module:ident => $table:literal as $kind:ident),+ $(,)?) => {$(
        impl Record for entity::$module::Entity {
            const TABLE: &'static str = $table;
            const KIND: RecordKind = RecordKind::$kind;
            const NAME: &'static str = stringify!($kind);
            fn owner_of(model: &Self::Model) -> Option<i64> {
                model.owner_org_id
            }
            fn status_of(model: &Self::Model) -> entity::enums::PublicationStatus {
                model.status
            }
            fn version_of(model: &Self::Model) -> i32 {
                model.version
            }
            fn scope_of(model: &Self::Model) -> entity::enums::Scope {
                model.scope
            }
            fn publish_at_of(model: &Self::Model) -> Option<chrono::DateTime<Utc>> {
                model.publish_at
            }
            fn id_column() -> Self::Column {
                entity::$module::Column::Id
            }
            fn id_of(model: &Self::Model) -> i64 {
                model.id
            }
        }
    )+};
}

/// The `Record` implementations of every kind, from the list of kinds.
macro_rules! record_impls {
    ([] $($Kind:ident: $module:ident, $table:literal, $doc:literal;)+) => {
        record! { $($module => $table as $Kind),+ }
    };
}
entity::kinds!({record_impls} []);

/// Evaluates `$body` with `$E` naming the entity of the record kind `$kind`: the one place
/// that maps a [`RecordKind`] value to its table type, generated from the list of kinds.
macro_rules! with_record {
    ($kind:expr, $E:ident => $body:expr) => {
        entity::kinds!({$crate::record::with_record_arms} [$kind, $E => $body])
    };
}
pub(crate) use with_record;

/// The arms of [`with_record`].
macro_rules! with_record_arms {
    ([$kind:expr, $E:ident => $body:expr]
     $($Kind:ident: $module:ident, $table:literal, $doc:literal;)+) => {
        match $kind {
            $(entity::enums::RecordKind::$Kind => {
                type $E = entity::$module::Entity;
                $body
            })+
        }
    };
}
pub(crate) use with_record_arms;

/// The table of a kind of record.
pub fn table_of(kind: RecordKind) -> &'static str {
    with_record!(kind, E => E::TABLE)
}

/// The GraphQL type name of a kind of record, as global ids carry it.
pub fn name_of(kind: RecordKind) -> &'static str {
    with_record!(kind, E => E::NAME)
}

/// The path of the page of the record with global id `id` on the portal: every record has
/// one, as stable as its id, and the feeds link to it.
pub fn page_path(id: &str) -> String {
    format!("/records/{id}")
}

/// The kind of record whose GraphQL type is named `name`.
pub fn kind_named(name: &str) -> Option<RecordKind> {
    use sea_orm::Iterable as _;
    RecordKind::iter().find(|kind| name_of(*kind) == name)
}

#[cfg(test)]
mod tests {
    use entity::enums::RecordKind;
    use sea_orm::Iterable as _;

    #[test]
    fn every_kind_has_its_own_table_and_name() {
        let tables: std::collections::BTreeSet<&str> =
            RecordKind::iter().map(super::table_of).collect();
        let names: std::collections::BTreeSet<&str> =
            RecordKind::iter().map(super::name_of).collect();
        assert_eq!(tables.len(), RecordKind::iter().count());
        assert_eq!(names.len(), RecordKind::iter().count());
        assert_eq!(
            super::table_of(RecordKind::DisciplinaryCase),
            "disciplinary_cases"
        );
        assert_eq!(
            super::kind_named("DisciplinaryCase"),
            Some(RecordKind::DisciplinaryCase)
        );
    }
}
