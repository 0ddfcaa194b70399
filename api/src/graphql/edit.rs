//! Writing records through GraphQL: for each kind, `create…` (a new draft), `update…` (a change
//! to a draft) and `correct…` (a correction of a published record, kept as a new public
//! version). One input type per kind serves all three: a field left out stays as it is, `null`
//! clears an optional field, and a new record must be given the fields its kind needs.

use async_graphql::{Context, ID, MaybeUndefined, OneofObject, Result};
use chrono::NaiveDate;
use entity::enums::RecordKind;
use sea_orm::ActiveValue::{self, Set};

use super::{enums::Scope, ids, step::StepResult, types::request};
use crate::{
    error::{AppError, AppResult},
    store::edit::{Author, Editable, Member, Plan, Saved, Target},
};

/// Longest text of a name or a short field.
pub(crate) const MAX_NAME: usize = 200;
/// Longest text of a body field.
pub(crate) const MAX_TEXT: usize = super::strings::MAX_STRING_CHARS;

/// A member of a RESTRICTED record's audience: an organization (with everything below it) or
/// a person.
#[derive(OneofObject)]
pub enum AudienceMemberInput {
    /// An organization's global id.
    Organization(ID),
    /// A person's global id.
    Person(ID),
}

/// `value` trimmed, if it is not empty and not longer than `max` characters.
pub(crate) fn text(path: &str, value: String, max: usize) -> AppResult<String> {
    let value = value.trim().to_owned();
    if value.is_empty() {
        return Err(AppError::bad_input(path, "this cannot be empty"));
    }
    if value.chars().count() > max {
        return Err(AppError::bad_input(
            path,
            format!("this is longer than {max} characters"),
        ));
    }
    Ok(value)
}

/// The writer of one input: applies fields to an active model and notes references in the plan.
pub(crate) struct Write<'a> {
    /// What the input asks for beside the record's columns.
    pub(crate) plan: &'a mut Plan,
    /// The public ids the input gives.
    pub(crate) ids: &'a crate::ids::Ids,
}

impl Write<'_> {
    /// Sets `slot` to `value` when given.
    pub(crate) fn set<T: Into<sea_orm::Value>>(&self, slot: &mut ActiveValue<T>, value: Option<T>) {
        if let Some(value) = value {
            *slot = Set(value);
        }
    }

    /// Sets or clears the optional `slot`.
    pub(crate) fn set_opt<T>(&self, slot: &mut ActiveValue<Option<T>>, value: MaybeUndefined<T>)
    where
        Option<T>: Into<sea_orm::Value>,
    {
        match value {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => *slot = Set(None),
            MaybeUndefined::Value(v) => *slot = Set(Some(v)),
        }
    }

    /// A required text field.
    pub(crate) fn text(
        &self,
        slot: &mut ActiveValue<String>,
        path: &str,
        value: Option<String>,
        max: usize,
    ) -> AppResult<()> {
        if let Some(v) = value {
            *slot = Set(text(path, v, max)?);
        }
        Ok(())
    }

    /// An optional text field: `null` or an empty text clears it.
    pub(crate) fn opt_text(
        &self,
        slot: &mut ActiveValue<Option<String>>,
        path: &str,
        value: MaybeUndefined<String>,
        max: usize,
    ) -> AppResult<()> {
        match value {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => *slot = Set(None),
            MaybeUndefined::Value(v) if v.trim().is_empty() => *slot = Set(None),
            MaybeUndefined::Value(v) => *slot = Set(Some(text(path, v, max)?)),
        }
        Ok(())
    }

    /// The key behind the global id `id` of a `kind` record, noted for the existence check.
    pub(crate) fn key(&mut self, path: &str, kind: RecordKind, id: &ID) -> AppResult<i64> {
        let name = crate::store::name_of(kind);
        let key = self.ids.decode(name, id).ok_or_else(|| {
            AppError::bad_input(
                path,
                format!(
                    "this is not the id of a {}",
                    crate::store::edit::kind_noun(kind)
                ),
            )
        })?;
        self.plan.reference(path, kind, key);
        Ok(key)
    }

    /// A required reference.
    pub(crate) fn id(
        &mut self,
        slot: &mut ActiveValue<i64>,
        path: &str,
        kind: RecordKind,
        value: Option<ID>,
    ) -> AppResult<()> {
        if let Some(id) = value {
            *slot = Set(self.key(path, kind, &id)?);
        }
        Ok(())
    }

    /// An optional reference: `null` clears it.
    pub(crate) fn opt_id(
        &mut self,
        slot: &mut ActiveValue<Option<i64>>,
        path: &str,
        kind: RecordKind,
        value: MaybeUndefined<ID>,
    ) -> AppResult<()> {
        match value {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => *slot = Set(None),
            MaybeUndefined::Value(id) => *slot = Set(Some(self.key(path, kind, &id)?)),
        }
        Ok(())
    }

    /// An optional jurisdiction: `null` clears it. Whether it exists, and whether the writer
    /// may place an organization there, is checked on the record as written.
    pub(crate) fn opt_jurisdiction(
        &mut self,
        slot: &mut ActiveValue<Option<i64>>,
        path: &str,
        value: MaybeUndefined<ID>,
    ) -> AppResult<()> {
        match value {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => *slot = Set(None),
            MaybeUndefined::Value(id) => {
                let key = self.ids.decode("Jurisdiction", &id).ok_or_else(|| {
                    AppError::bad_input(path, "this is not the id of a jurisdiction")
                })?;
                *slot = Set(Some(key));
            }
        }
        Ok(())
    }

    /// The fields every record has: scope, audience, cited source and attached documents.
    pub(crate) fn common(
        &mut self,
        scope: (&mut ActiveValue<entity::enums::Scope>, Option<Scope>),
        source: (&mut ActiveValue<Option<i64>>, MaybeUndefined<ID>),
        audience: Option<Vec<AudienceMemberInput>>,
        attachments: Option<Vec<AttachmentInput>>,
    ) -> AppResult<()> {
        self.set(scope.0, scope.1.map(Into::into));
        self.attachments(attachments)?;
        self.opt_id(source.0, "input.source", RecordKind::Source, source.1)?;
        if let Some(members) = audience {
            let mut list = Vec::with_capacity(members.len());
            for (i, member) in members.into_iter().enumerate() {
                let path = format!("input.audience[{i}]");
                let (name, kind, id) = match &member {
                    AudienceMemberInput::Organization(id) => {
                        ("Organization", RecordKind::Organization, id)
                    }
                    AudienceMemberInput::Person(id) => ("Person", RecordKind::Person, id),
                };
                let key = self.ids.decode(name, id).ok_or_else(|| {
                    AppError::bad_input(
                        &path,
                        format!(
                            "this is not the id of a {}",
                            crate::store::edit::kind_noun(kind)
                        ),
                    )
                })?;
                list.push((
                    path,
                    match kind {
                        RecordKind::Organization => Member::Organization(key),
                        _ => Member::Person(key),
                    },
                ));
            }
            self.plan.audience = Some(list);
        }
        Ok(())
    }

    /// A whole number within `range`.
    pub(crate) fn number(
        &self,
        path: &str,
        value: MaybeUndefined<i32>,
        range: std::ops::RangeInclusive<i32>,
    ) -> AppResult<MaybeUndefined<i32>> {
        if let MaybeUndefined::Value(v) = value
            && !range.contains(&v)
        {
            return Err(AppError::bad_input(
                path,
                format!(
                    "give a number from {} to {}, not {v}",
                    range.start(),
                    range.end()
                ),
            ));
        }
        Ok(value)
    }
}

/// An input that writes a record of `E`.
pub(crate) trait Apply<E: sea_orm::EntityTrait> {
    /// Writes the input into `active`, or names the first input field at fault.
    fn apply(self, active: &mut E::ActiveModel, w: &mut Write<'_>) -> AppResult<()>;
}

/// A month as `YYYY-MM`.
pub(crate) fn month(
    path: &str,
    value: MaybeUndefined<String>,
) -> AppResult<MaybeUndefined<String>> {
    if let MaybeUndefined::Value(v) = &value {
        let ok = v.len() == 7 && NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").is_ok();
        if !ok {
            return Err(AppError::bad_input(
                path,
                "write a month as YYYY-MM, e.g. 1968-03",
            ));
        }
    }
    Ok(value)
}

/// A phone number: digits, spaces, `+`, `-` and parentheses, 3 to 32 characters.
pub(crate) fn phone(
    path: &str,
    value: MaybeUndefined<String>,
) -> AppResult<MaybeUndefined<String>> {
    if let MaybeUndefined::Value(v) = &value {
        let v = v.trim();
        let ok = (3..=32).contains(&v.chars().count())
            && v.chars().any(|c| c.is_ascii_digit())
            && v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
        if !ok {
            return Err(AppError::bad_input(
                path,
                "write a phone number with digits, spaces, +, - and parentheses, e.g. 0970-8612380",
            ));
        }
    }
    Ok(value)
}

/// An optional text: empty means none; otherwise trimmed and at most `max` characters.
pub(crate) fn optional(path: &str, value: Option<String>, max: usize) -> AppResult<Option<String>> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|v| text(path, v, max))
        .transpose()
}

/// Writes `input` as `target` on a record of `E`, named `kind` in global ids.
pub(crate) async fn save<E, I>(
    ctx: &Context<'_>,
    kind: &str,
    target: Target,
    input: I,
) -> Result<StepResult>
where
    E: Editable,
    E::Model: sea_orm::IntoActiveModel<E::ActiveModel> + serde::Serialize,
    E::ActiveModel: sea_orm::ActiveModelTrait<Entity = E> + Send,
    E::PrimaryKey: sea_orm::PrimaryKeyTrait<ValueType = i64>,
    I: Apply<E>,
{
    let (store, caller) = request(ctx)?;
    let saved = store
        .save::<E>(caller, target, |active, plan| {
            input.apply(
                active,
                &mut Write {
                    plan,
                    ids: store.ids(),
                },
            )
        })
        .await?;
    Ok(StepResult {
        id: store.ids().encode(kind, saved.id),
        status: saved.status.into(),
        version: saved.version,
    })
}

/// The key of `id`, a global id of `kind`; `NOT_FOUND` for anything else.
pub(crate) fn existing(ctx: &Context<'_>, kind: &str, id: &ID) -> AppResult<i64> {
    ids::of(ctx)
        .ok()
        .and_then(|ids| ids.decode(kind, id))
        .ok_or_else(|| AppError::not_found("there is no record with this id"))
}

/// The owner argument of a create.
pub(crate) fn owner(ctx: &Context<'_>, owner: Option<ID>) -> AppResult<Option<i64>> {
    owner
        .map(|o| {
            ids::of(ctx)
                .ok()
                .and_then(|ids| ids.decode("Organization", &o))
                .ok_or_else(|| {
                    AppError::bad_input("owner", "this is not the id of an organization")
                })
        })
        .transpose()
}

/// Writes `input`, the JSON of an input of `I`, as `target` on a record of `E` inside `txn`.
pub(crate) async fn write_json_as<E, I>(
    load: &Load<'_>,
    target: Target,
    input: serde_json::Value,
) -> AppResult<Saved>
where
    E: Editable,
    E::Model: sea_orm::IntoActiveModel<E::ActiveModel> + serde::Serialize,
    E::ActiveModel: sea_orm::ActiveModelTrait<Entity = E> + Send,
    E::PrimaryKey: sea_orm::PrimaryKeyTrait<ValueType = i64>,
    I: Apply<E> + async_graphql::InputType,
{
    let value = async_graphql::Value::from_json(input)
        .map_err(|error| AppError::bad_input("input", error.to_string()))?;
    let input = I::parse(Some(value)).map_err(|error| {
        AppError::bad_input(
            "input",
            error
                .into_server_error(async_graphql::Pos::default())
                .message,
        )
    })?;
    let ids = load.store.ids();
    load.store
        .write::<E>(
            load.txn,
            load.tree,
            Author::Caller(load.caller),
            target,
            |active, plan| input.apply(active, &mut Write { plan, ids }),
        )
        .await
}

/// A data loader's write in progress: the store, the transaction every write goes into, the
/// organization tree and the caller the writes are made for.
pub(crate) struct Load<'a> {
    /// The store.
    pub store: &'a crate::store::Store,
    /// The one transaction of the load.
    pub txn: &'a sea_orm::DatabaseTransaction,
    /// The organization tree.
    pub tree: &'a crate::access::OrgTree,
    /// Who writes.
    pub caller: &'a crate::access::Caller,
}

macro_rules! writes {
    (
        $name:literal: $entity:ty, $input:ty, $kind:literal, $noun:literal,
        $create:ident, $update:ident, $correct:ident
    ) => {
        #[doc = concat!("Writes of ", $noun, " records.")]
        #[derive(Default)]
        pub struct Writes;

        #[async_graphql::Object(name = $name)]
        impl Writes {
            #[doc = concat!(
                "Create a draft ", $noun, ". Editors, for their own organization: `owner` names it ",
                "when the editor belongs to more than one. Fields a new ", $noun,
                " needs are named in the error when missing."
            )]
            async fn $create(
                &self,
                ctx: &async_graphql::Context<'_>,
                owner: Option<async_graphql::ID>,
                input: $input,
            ) -> async_graphql::Result<$crate::graphql::step::StepResult> {
                use $crate::graphql::edit;
                let target = $crate::store::edit::Target::Create { owner: edit::owner(ctx, owner)? };
                edit::save::<$entity, $input>(ctx, $kind, target, input).await
            }

            #[doc = concat!(
                "Change a draft ", $noun, ". Editors of the owning organization; fields left out ",
                "stay as they are. A published ", $noun, " changes only by a correction."
            )]
            async fn $update(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
                expected_version: i32,
                input: $input,
            ) -> async_graphql::Result<$crate::graphql::step::StepResult> {
                use $crate::graphql::edit;
                let target = $crate::store::edit::Target::Update {
                    id: edit::existing(ctx, $kind, &id)?,
                    expected: expected_version,
                };
                edit::save::<$entity, $input>(ctx, $kind, target, input).await
            }

            #[doc = concat!(
                "Correct a published ", $noun, " (更正): the change is published at once as a new ",
                "version, listed in the record's `versions` with its time and `reason`. With ",
                "`withdrawPrevious`, the values of earlier versions are no longer shown. Editors ",
                "of the owning organization."
            )]
            async fn $correct(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
                expected_version: i32,
                reason: String,
                input: $input,
                #[graphql(default)] withdraw_previous: bool,
            ) -> async_graphql::Result<$crate::graphql::step::StepResult> {
                use $crate::graphql::edit;
                let target = $crate::store::edit::Target::Correct {
                    id: edit::existing(ctx, $kind, &id)?,
                    expected: expected_version,
                    reason,
                    withdraw_previous,
                };
                edit::save::<$entity, $input>(ctx, $kind, target, input).await
            }
        }
    };
}
pub(crate) use writes;

/// A document to attach to the record.
#[derive(async_graphql::InputObject)]
pub struct AttachmentInput {
    /// The document's name: the SHA-256 that `POST /documents` answered with. Only a document
    /// the writer uploaded, or one the record carries already, may be attached.
    pub document: String,
    /// Its title, e.g. 决定全文.
    pub title: String,
    /// What it is.
    #[graphql(default_with = "super::enums::DocumentRole::Other")]
    pub role: super::enums::DocumentRole,
    /// Who sees it among those who see the record: PUBLIC (all of them), PARTY or RESTRICTED
    /// (only those with that clearance on the record).
    #[graphql(default_with = "Scope::Public")]
    pub scope: Scope,
}

/// Most attachments on one record.
const MOST_ATTACHMENTS: usize = 50;

impl Write<'_> {
    /// Replaces the record's attachments with `list`, when given.
    pub(crate) fn attachments(&mut self, list: Option<Vec<AttachmentInput>>) -> AppResult<()> {
        let Some(list) = list else { return Ok(()) };
        if list.len() > MOST_ATTACHMENTS {
            return Err(AppError::bad_input(
                "input.attachments",
                format!("a record carries at most {MOST_ATTACHMENTS} documents"),
            ));
        }
        let mut rows = Vec::with_capacity(list.len());
        for (i, item) in list.into_iter().enumerate() {
            let path = format!("input.attachments[{i}]");
            let Some(name) = crate::documents::parse_name(item.document.trim()) else {
                return Err(AppError::bad_input(
                    &format!("{path}.document"),
                    "a document is named by its SHA-256: 64 hex digits",
                ));
            };
            let title = text(&format!("{path}.title"), item.title, MAX_NAME)?;
            rows.push((
                path,
                entity::attachment::ActiveModel {
                    id: ActiveValue::NotSet,
                    record_kind: ActiveValue::NotSet,
                    record_id: ActiveValue::NotSet,
                    position: ActiveValue::NotSet,
                    sha256: ActiveValue::Set(name),
                    title: ActiveValue::Set(title),
                    role: ActiveValue::Set(item.role.into()),
                    scope: ActiveValue::Set(item.scope.into()),
                },
            ));
        }
        self.plan
            .parts
            .push(crate::store::edit::Parts::Attachments(rows));
        Ok(())
    }
}
