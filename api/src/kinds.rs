//! The kinds of record, listed once. Everything that goes over every kind (the store's table
//! types, the `Node` interface, exports, feeds) is generated from this list, so a kind added
//! here (with its entity, its `RecordKind` value and its GraphQL type) is added everywhere
//! at once, and one left out fails to compile where a match must be complete.
//!
//! Each entry: the kind (its `RecordKind` variant and its GraphQL type, which share the name),
//! its entity module, its table, its list field (also its name in export and feed URLs), and
//! the Atom feed's title, the title of an entry without one, and the selection that reads an
//! entry's `title` and `summary`; then the doc line of its `Node` variant.

use chrono::Utc;
use entity::enums::RecordKind;
use sea_orm::EntityTrait;

/// Calls the macro at the path in braces with `[$($args)*]` and then the list of every kind of
/// record: `kinds!({crate::kinds::per_kind} [kind => table])`.
macro_rules! kinds {
    ({$($callback:tt)+} [$($args:tt)*]) => {
        $($callback)+! {
            [$($args)*]
            Source: source, "sources", "sources",
                ("文件依据", "文件", "title summary: issuer"), "A source document.";
            Organization: organization, "organizations", "organizations",
                ("组织机构", "组织", "title: name summary: description"), "An organization.";
            Person: person, "people", "people",
                ("人员", "人员", "title: name"), "A person.";
            Post: post, "posts", "posts",
                ("职务", "职务", "title"), "A post.";
            Membership: membership, "memberships", "memberships",
                ("任职信息", "任职信息", "summary: note"), "A membership.";
            Procedure: procedure, "procedures", "procedures",
                ("权力运行流程", "流程", "title: name summary: description"), "A procedure.";
            Power: power, "powers", "powers",
                ("权力清单", "职权", "title: name summary: duties"), "A power.";
            Meeting: meeting, "meetings", "meetings",
                ("会议公开", "会议", "title: label summary"), "A meeting.";
            Decision: decision, "decisions", "decisions",
                ("决策公开", "决策", "title summary: text"), "A decision.";
            Observer: observer, "observers", "observers",
                ("列席旁听", "列席旁听", "summary: note"), "An observer.";
            Appointment: appointment, "appointments", "appointments",
                ("干部任免", "干部任免", "title: vacancyTitle summary: requirements"),
                "An appointment.";
            DisciplinaryCase: disciplinary_case, "disciplinary_cases", "disciplinaryCases",
                ("执纪问责", "执纪问责", "title: caseNumber summary"), "A disciplinary case.";
            Bulletin: bulletin, "bulletins", "bulletins",
                ("党务公开公告", "公告", "title summary: body"), "A bulletin.";
        }
    };
}
pub(crate) use kinds;

/// A `match` over a `RecordKind` with one arm per kind, each giving one of its entry's values.
macro_rules! per_kind {
    ([$kind:expr => $pick:ident]
     $($Kind:ident: $module:ident, $table:literal, $list:literal,
        ($feed:literal, $untitled:literal, $selection:literal), $doc:literal;)+) => {
        match $kind {
            $(entity::enums::RecordKind::$Kind => $crate::kinds::per_kind!(@pick $pick,
                $table, $list, ($feed, $untitled, $selection)),)+
        }
    };
    (@pick table, $table:literal, $list:literal, $feed:tt) => { $table };
    (@pick list, $table:literal, $list:literal, $feed:tt) => { $list };
    (@pick feed, $table:literal, $list:literal, $feed:tt) => { $feed };
}
pub(crate) use per_kind;

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
    ([] $($Kind:ident: $module:ident, $table:literal, $list:literal, $feed:tt, $doc:literal;)+) => {
        record! { $($module => $table as $Kind),+ }
    };
}
kinds!({record_impls} []);

/// Evaluates `$body` with `$E` naming the entity of the record kind `$kind`: the one place
/// that maps a [`RecordKind`] value to its table type, generated from the list of kinds.
macro_rules! with_record {
    ($kind:expr, $E:ident => $body:expr) => {
        $crate::kinds::kinds!({$crate::kinds::with_record_arms} [$kind, $E => $body])
    };
}
pub(crate) use with_record;

/// The arms of [`with_record`].
macro_rules! with_record_arms {
    ([$kind:expr, $E:ident => $body:expr]
     $($Kind:ident: $module:ident, $table:literal, $list:literal, $feed:tt, $doc:literal;)+) => {
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
    fn every_kind_has_its_own_table_and_list() {
        let tables: std::collections::BTreeSet<&str> = RecordKind::iter()
            .map(|kind| kinds!({per_kind} [kind => table]))
            .collect();
        let lists: std::collections::BTreeSet<&str> = RecordKind::iter()
            .map(|kind| kinds!({per_kind} [kind => list]))
            .collect();
        assert_eq!(tables.len(), RecordKind::iter().count());
        assert_eq!(lists.len(), RecordKind::iter().count());
        assert_eq!(
            kinds!({per_kind} [RecordKind::DisciplinaryCase => list]),
            "disciplinaryCases"
        );
    }
}
