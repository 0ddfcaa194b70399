//! One module per GraphQL type. Each object wraps a [`Scoped`] row and reads scoped fields
//! through its type's policy table in [`crate::access::policy`].

mod directory;
mod meeting;
mod power;
pub(crate) mod procedure;

pub use directory::{Membership, Organization, Person, Post, Source};
pub use meeting::{AgendaItem, Attendance, Decision, Meeting, Milestone};
pub use power::Power;
pub use procedure::{Procedure, ProcedureStep, RiskPoint, SupervisionMeasure, Transition};

use async_graphql::{
    Context, Result, SimpleObject,
    dataloader::{DataLoader, HashMapCache},
};
use sea_orm::IdenStatic;
use std::sync::Arc;

use super::enums::Scope;
use crate::{
    access::{Caller, policy},
    access_log::{Reads, Witness},
    loaders::{ByColumn, ById, PartsOf, Records},
    store::{Part, Record, Store},
};

/// The store and the caller of this request. A request without a caller is refused: there is
/// no default caller.
pub(crate) fn request<'a>(ctx: &Context<'a>) -> Result<(&'a Store, &'a Caller)> {
    Ok((ctx.data::<Store>()?, ctx.data::<Caller>()?))
}

/// The day computed states are judged as of: `as_of` when the query names one, else the
/// server's today (`Query.today`).
pub(crate) fn day(
    ctx: &Context<'_>,
    as_of: Option<chrono::NaiveDate>,
) -> Result<chrono::NaiveDate> {
    match as_of {
        Some(day) => Ok(day),
        None => Ok(ctx.data::<Store>()?.today()),
    }
}

/// The request's access-log collector, if it keeps one: never for the public and media, who
/// cannot be served anything beyond the public's.
pub(crate) fn reads<'a>(ctx: &Context<'a>) -> Option<&'a Arc<Reads>> {
    ctx.data_opt::<Arc<Reads>>()
}

/// `row` as served to the caller: a record whose scope is not PUBLIC is noted in `reads`, and
/// the row notes there any non-public field served from it.
pub(crate) fn served<E: Record>(
    reads: Option<&Arc<Reads>>,
    mut row: policy::Scoped<E::Model>,
) -> policy::Scoped<E::Model> {
    if let Some(reads) = reads {
        let id = E::id_of(&row.model);
        if E::scope_of(&row.model) != entity::enums::Scope::Public {
            reads.note(E::KIND, id);
        }
        row.witness = Some(Witness::new(reads.clone(), E::KIND, id));
    }
    row
}

/// The visible record `E` with id `id`, if any, through the request's loader.
pub(crate) async fn related<E: Record>(
    ctx: &Context<'_>,
    id: Option<i64>,
) -> Result<Option<policy::Scoped<E::Model>>>
where
    E::Model: Send + Sync + Clone,
{
    let Some(id) = id else { return Ok(None) };
    Ok(ctx
        .data::<DataLoader<Records, HashMapCache>>()?
        .load_one(ById::<E>::new(id))
        .await?
        .flatten()
        .map(|row| served::<E>(reads(ctx), row)))
}

/// The visible records `E` whose `column` holds `value`, in id order, through the loader.
pub(crate) async fn children<E: Record>(
    ctx: &Context<'_>,
    column: E::Column,
    value: i64,
) -> Result<Vec<policy::Scoped<E::Model>>>
where
    E::Model: Send + Sync + Clone,
{
    let key = ByColumn::<E>::new(column.as_str(), value);
    let reads = reads(ctx);
    Ok(ctx
        .data::<DataLoader<Records, HashMapCache>>()?
        .load_one(key)
        .await?
        .unwrap_or_default()
        .into_iter()
        .map(|row| served::<E>(reads, row))
        .collect())
}

/// The parts `E` of a visible parent, with the parent's clearance, through the loader. What
/// is served of a part counts as served of its parent.
pub(crate) async fn parts<E: Part, P>(
    ctx: &Context<'_>,
    parent: &policy::Scoped<P>,
    parent_id: i64,
) -> Result<Vec<policy::Scoped<E::Model>>>
where
    E::Model: Send + Sync + Clone,
{
    let key = PartsOf::<E>::new(parent_id, parent.clearance);
    let mut rows = ctx
        .data::<DataLoader<Records, HashMapCache>>()?
        .load_one(key)
        .await?
        .unwrap_or_default();
    if let Some(witness) = &parent.witness {
        for row in &mut rows {
            row.witness = Some(witness.clone());
        }
    }
    Ok(rows)
}

/// A field hidden from the caller: which one, the scope it needs, and why.
#[derive(SimpleObject)]
pub struct Redaction {
    /// The hidden field's name.
    pub field: String,
    /// The scope a caller needs to see it.
    pub required_scope: Scope,
    /// Why it is withheld.
    pub reason: String,
}

impl From<policy::Redaction> for Redaction {
    fn from(r: policy::Redaction) -> Self {
        Self {
            field: r.field.to_owned(),
            required_scope: r.required.into(),
            reason: r.reason.to_owned(),
        }
    }
}

/// The redactions of `record` under `table`.
pub(crate) fn redactions<M>(
    record: &policy::Scoped<M>,
    policy: &policy::Policy<M>,
) -> Vec<Redaction> {
    record
        .redactions(policy)
        .into_iter()
        .map(Redaction::from)
        .collect()
}

/// One version of a published record, as it was shown.
#[derive(SimpleObject)]
#[graphql(name_type)]
pub struct Version<T: async_graphql::OutputType> {
    /// The record's version number at the time.
    pub version: i32,
    /// From when this version was shown.
    pub shown_at: chrono::DateTime<chrono::Utc>,
    /// Why the record was corrected to this version; none for its first publication.
    pub reason: Option<String>,
    /// Whether a later correction withdrew this version's values.
    pub withdrawn: bool,
    /// The record as it was; none where withdrawn.
    pub record: Option<T>,
}

/// Each kind's versions are a type of their own: `PowerVersion` for `Power`, and so on.
impl<T: async_graphql::OutputType> async_graphql::TypeName for Version<T> {
    fn type_name() -> std::borrow::Cow<'static, str> {
        format!("{}Version", T::type_name()).into()
    }
}

/// The versions of the visible record `scoped` of `E` that the caller's clearance on it covers,
/// each wrapped by `wrap`.
pub(crate) async fn versions<E, T>(
    ctx: &Context<'_>,
    scoped: &policy::Scoped<E::Model>,
    wrap: fn(policy::Scoped<E::Model>) -> T,
) -> Result<Vec<Version<T>>>
where
    E: crate::store::edit::Editable,
    E::Model: serde::de::DeserializeOwned + Clone,
    T: async_graphql::OutputType,
{
    let (store, caller) = request(ctx)?;
    let rows = store.versions_of::<E>(E::id_of(&scoped.model)).await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        let model: E::Model = match serde_json::from_str(&row.snapshot) {
            Ok(model) => model,
            Err(error) => {
                tracing::error!(%error, id = row.id, "a kept version does not read back");
                continue;
            }
        };
        // Each version is read by its own scope, owner and audience: a version the caller was
        // never shown is left out, whoever the record is shown to today.
        let audience = crate::store::versions::kept_audience(&row);
        let Some(clearance) = crate::access::visibility::published_state_clearance(
            caller,
            E::scope_of(&model),
            E::owner_of(&model),
            audience.as_ref(),
        ) else {
            continue;
        };
        let record = (!row.withdrawn).then(|| {
            // What is served from a version is noted against the record, as for the record.
            if let Some(witness) = &scoped.witness
                && E::scope_of(&model) != entity::enums::Scope::Public
            {
                witness.note();
            }
            wrap(policy::Scoped {
                model: model.into(),
                clearance,
                witness: scoped.witness.clone(),
                now: Some(scoped.clearance),
            })
        });
        list.push(Version {
            version: row.version,
            shown_at: row.shown_at,
            reason: row.reason,
            withdrawn: row.withdrawn,
            record,
        });
    }
    Ok(list)
}

/// The `#[Object]` impl of the record type `$T`, a row of `$E`: the fields given, then the ones
/// every record has, in this order: its public versions, scope, publication time, version, last
/// change and source.
macro_rules! record_object {
    ($T:ident: $E:ty, redactions: $P:path; $($fields:tt)*) => {
        $crate::graphql::types::record_object! {
            $T: $E;
            $($fields)*

            /// Fields of this record hidden from the caller, with the scope each needs.
            async fn redactions(&self) -> Vec<$crate::graphql::types::Redaction> {
                $crate::graphql::types::redactions(&self.0, &$P)
            }
        }
    };
    ($T:ident: $E:ty; $($fields:tt)*) => {
        #[async_graphql::Object]
        impl $T {
            $($fields)*

            /// Where this record stands in the publication workflow (草稿 → 待审核 → 已审核 →
            /// 已公开, or 已撤回): for those who work on it or oversee it (editors of its
            /// organizations, reviewers while it is in review, supervisors, admins); `null`,
            /// with a redaction, for anyone else.
            async fn publication_status(&self) -> Option<$crate::graphql::enums::PublicationStatus> {
                self.0.shows_status().then(|| self.0.model.status.into())
            }

            /// Each version of this record shown to the public, oldest first: when it was shown, the
            /// reason for each correction (更正), and the record's own fields as they were, where the
            /// caller may see them (withheld where a correction withdrew them). Linked records show as
            /// they are now.
            async fn versions(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> async_graphql::Result<Vec<$crate::graphql::types::Version<$T>>> {
                $crate::graphql::types::versions::<$E, _>(ctx, &self.0, $T).await
            }

            /// Disclosure scope (公开范围) of this record.
            async fn scope(&self) -> $crate::graphql::enums::Scope {
                self.0.model.scope.into()
            }

            /// When this record was published.
            async fn published_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
                self.0.model.publish_at
            }

            /// Version of this record: every change raises it, and a write names the version it expects.
            async fn version(&self) -> i32 {
                self.0.model.version
            }

            /// When this record last changed.
            async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
                self.0.model.updated_at
            }

            /// The documents on this record that the caller may see, in order.
            async fn attachments(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> async_graphql::Result<Vec<$crate::graphql::documents::Attachment>> {
                $crate::graphql::documents::of::<$E>(ctx, &self.0).await
            }

            /// The document behind this record.
            async fn source(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> async_graphql::Result<Option<$crate::graphql::types::Source>> {
                let source = self.0.model.source_id;
                Ok($crate::graphql::types::related::<entity::source::Entity>(ctx, source)
                    .await?
                    .map($crate::graphql::types::Source))
            }
        }
    };
}
pub(crate) use record_object;

/// Declares the GraphQL wrapper of a scoped row.
macro_rules! scoped_object {
    ($(#[$meta:meta])* $name:ident($model:path)) => {
        $(#[$meta])*
        pub struct $name(pub(crate) crate::access::policy::Scoped<$model>);
    };
}
pub(crate) use scoped_object;
