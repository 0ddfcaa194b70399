//! What a write is, for every part of the write path: its target, whom it is made for, and
//! the kinds of record that can be written ([`Editable`]).

use entity::enums::{PublicationStatus, RecordKind};
use sea_orm::EntityTrait;
use std::str::FromStr as _;

use super::{
    Record,
    plan::{Check, Plan},
};
use crate::{
    access::Caller,
    error::{AppError, AppResult},
};

/// Which write.
#[derive(Debug, Clone)]
pub enum Target {
    /// A new draft, owned by `owner` (the caller's only organization when not given).
    Create {
        /// The owning organization.
        owner: Option<i64>,
    },
    /// A change to the draft `id` at version `expected`.
    Update {
        /// The record.
        id: i64,
        /// The version the caller read.
        expected: i32,
    },
    /// A correction (更正) of the published record `id` at version `expected`: a new public
    /// version, with a reason.
    Correct {
        /// The record.
        id: i64,
        /// The version the caller read.
        expected: i32,
        /// Why, shown with the version.
        reason: String,
        /// Withhold the values of earlier versions (content that must not stay public).
        withdraw_previous: bool,
    },
}

/// Where a record stands after a write.
#[derive(Debug, Clone, Copy)]
pub struct Saved {
    /// The record's id.
    pub id: i64,
    /// Its status.
    pub status: PublicationStatus,
    /// Its version.
    pub version: i32,
}

/// A record kind that can be written through [`Store::save`].
pub trait Editable: Record + crate::search::Searchable {
    /// The record as people name it in messages, e.g. `power`.
    const NOUN: &'static str;
    /// Columns a new record must be given: `(input field, column)`.
    const REQUIRED: &'static [(&'static str, &'static str)];

    /// Rules on the record as it will be stored, checked before anything is written: a
    /// pure rule fails here; a rule that needs other rows is returned as a [`Check`].
    fn rules(
        _model: &Self::Model,
        _calendar: &crate::calendar::Calendar,
        _plan: &Plan,
    ) -> AppResult<Vec<Check>> {
        Ok(Vec::new())
    }

    /// Values a new record starts with, before the input is applied.
    fn defaults(_active: &mut Self::ActiveModel) {}
}

/// The `Editable` implementation of a kind: its noun, the input fields a new record needs,
/// the values it starts with and the rules on it.
macro_rules! editable {
    ($module:ident: $noun:literal requires [$(($field:literal, $column:literal)),* $(,)?]
       $(defaults |$a:ident| $defaults:block)? $(rules $rules:path)?) => {
        impl $crate::store::edit::Editable for entity::$module::Entity {
            const NOUN: &'static str = $noun;
            const REQUIRED: &'static [(&'static str, &'static str)] = &[$(($field, $column)),*];
            $(
            fn rules(
                model: &Self::Model,
                calendar: &$crate::calendar::Calendar,
                plan: &$crate::store::edit::Plan,
            ) -> $crate::error::AppResult<Vec<$crate::store::edit::Check>> {
                $rules(model, calendar, plan)
            }
            )?
            $(
            fn defaults($a: &mut Self::ActiveModel) $defaults
            )?
        }
    };
}
pub(crate) use editable;

/// The column `name` of `E`.
pub(crate) fn column<E: EntityTrait>(name: &str) -> AppResult<E::Column> {
    E::Column::from_str(name)
        .map_err(|_| AppError::Database(sea_orm::DbErr::Custom(format!("no column {name}"))))
}

/// Who a write is made for.
#[derive(Clone, Copy)]
pub enum Author<'a> {
    /// A caller writing through the API: what the input names must be visible to the caller,
    /// and an audience must lie within the caller's reach.
    Caller(&'a Caller),
    /// The publication of a record by the caller, drafting a bulletin from a template
    /// ([`super::templates`]): its owner, scope and audience are copied from the record just
    /// published, so they are written as they are; the audit entry says so.
    Template(&'a Caller, &'a str),
}

impl<'a> Author<'a> {
    pub(crate) fn caller(self) -> &'a Caller {
        match self {
            Author::Caller(caller) | Author::Template(caller, _) => caller,
        }
    }
}

/// The kind as people name it in messages.
pub fn kind_noun(kind: RecordKind) -> &'static str {
    super::with_record!(kind, E => <E as Editable>::NOUN)
}
