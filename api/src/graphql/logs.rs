//! The audit log and the access log, for supervisors and admins: newest first, in pages.

use std::collections::{BTreeMap, HashMap};

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use entity::enums::{self, Scope};
use sea_orm::ActiveEnum;

use super::{
    connection::{Conn, connection},
    enums::RecordKind,
    types::{reads, request},
};
use crate::{
    access::Role,
    audit,
    error::AppError,
    store::{
        PageArgs, Store,
        logs::{AccessRow, LogFilter, may_read_logs},
    },
};

/// Which audit entries to list: each condition given must hold.
#[derive(InputObject, Default)]
pub struct AuditLogFilter {
    /// Entries by this actor: the subject of the token that wrote.
    pub actor: Option<String>,
    /// Entries about this record, by its global id.
    pub record: Option<ID>,
    /// Entries of this action: `update`, `submit`, `approve`, `send_back`, `publish`,
    /// `retract`, …
    pub action: Option<String>,
    /// Entries at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Entries before this time.
    pub until: Option<DateTime<Utc>>,
}

/// Which access-log entries to list: each condition given must hold.
#[derive(InputObject, Default)]
pub struct AccessLogFilter {
    /// Entries of this reader: the subject of the token that read.
    pub actor: Option<String>,
    /// Entries about this record, by its global id.
    pub record: Option<ID>,
    /// Entries at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Entries before this time.
    pub until: Option<DateTime<Utc>>,
}

/// The record a filter names; an id that names no record is refused.
fn record(store: &Store, id: Option<&ID>) -> Result<Option<(enums::RecordKind, i64)>, AppError> {
    id.map(|id| {
        store.record_of(id).ok_or_else(|| {
            AppError::bad_input("filter.record", "this is not the global id of a record")
        })
    })
    .transpose()
}

/// Validated paging: forward from the newest, `first` at most 100.
fn paging(ctx: &Context<'_>, first: Option<i32>, after: Option<&str>) -> Result<PageArgs> {
    let args = PageArgs::new(first, after, None, None)?;
    Ok(PageArgs {
        count: ctx.look_ahead().field("totalCount").exists(),
        ..args
    })
}

/// A page of the audit log.
pub async fn audit_log(
    ctx: &Context<'_>,
    filter: Option<AuditLogFilter>,
    first: Option<i32>,
    after: Option<String>,
) -> Result<Conn<AuditEntry>> {
    let (store, caller) = request(ctx)?;
    may_read_logs(caller)?;
    let filter = filter.unwrap_or_default();
    let filter = LogFilter {
        actor: filter.actor,
        record: record(store, filter.record.as_ref())?,
        action: filter.action,
        from: filter.from,
        until: filter.until,
    };
    let args = paging(ctx, first, after.as_deref())?;
    let page = store.audit_page(caller, &filter, args).await?;
    // The records of the page as they are now: for a supervisor, only those visible to them.
    let admin = caller.role() == Role::Admin;
    let mut wanted: BTreeMap<enums::RecordKind, Vec<i64>> = BTreeMap::new();
    for (_, entry) in &page.items {
        if let Some((kind, id)) = record_of(entry) {
            wanted.entry(kind).or_default().push(id);
        }
    }
    let mut now: HashMap<(enums::RecordKind, i64), Scope> = HashMap::new();
    for (kind, keys) in wanted {
        let visible_to = (!admin).then_some(caller);
        for (id, scope) in store.scopes_now(visible_to, kind, &keys).await? {
            now.insert((kind, id), scope);
        }
    }
    Ok(connection(page, |entry| {
        let record = record_of(&entry);
        let scope = record.and_then(|r| now.get(&r).copied());
        AuditEntry::new(entry, record, scope, !admin && scope.is_none())
    }))
}

/// A page of the access log.
pub async fn access_log(
    ctx: &Context<'_>,
    filter: Option<AccessLogFilter>,
    first: Option<i32>,
    after: Option<String>,
) -> Result<Conn<AccessEntry>> {
    let (store, caller) = request(ctx)?;
    may_read_logs(caller)?;
    let filter = filter.unwrap_or_default();
    let filter = LogFilter {
        actor: filter.actor,
        record: record(store, filter.record.as_ref())?,
        action: None,
        from: filter.from,
        until: filter.until,
    };
    let args = paging(ctx, first, after.as_deref())?;
    let page = store.access_page(caller, &filter, args).await?;
    Ok(connection(page, AccessEntry))
}

/// The record an audit entry is about, if any.
fn record_of(entry: &audit::Stored) -> Option<(enums::RecordKind, i64)> {
    let kind = enums::RecordKind::try_from_value(entry.record_kind.as_ref()?).ok()?;
    Some((kind, entry.record_id?))
}

/// An entry of the audit log (全程记实): one write, by whom, when, and what it changed.
pub struct AuditEntry {
    entry: audit::Stored,
    record: Option<(enums::RecordKind, i64)>,
    /// The record's scope now, where the reader may see the record.
    scope: Option<Scope>,
    withheld: bool,
    change: serde_json::Value,
}

impl AuditEntry {
    fn new(
        entry: audit::Stored,
        record: Option<(enums::RecordKind, i64)>,
        scope: Option<Scope>,
        withheld: bool,
    ) -> Self {
        let change = serde_json::from_str(&entry.change).unwrap_or_else(|e| {
            tracing::error!(entry = entry.id, error = %e, "an audit entry's change is not JSON");
            serde_json::Value::Null
        });
        Self {
            entry,
            record,
            scope,
            withheld,
            change,
        }
    }
}

/// What a write changed: the record as stored before and after it.
#[derive(SimpleObject)]
pub struct AuditChange {
    /// The record before the write, as stored, every column; `null` for a creation.
    pub before: Option<super::scalars::Json>,
    /// The record after the write, as stored, every column.
    pub after: Option<super::scalars::Json>,
}

fn present(value: &serde_json::Value) -> Option<super::scalars::Json> {
    (!value.is_null()).then(|| super::scalars::Json(value.clone()))
}

/// An entry of the audit log (全程记实): one write, by whom, when, on which record, and what it
/// changed; chained to the entry before by its hash.
#[Object]
impl AuditEntry {
    /// Position in the hash chain, from 1: entries are numbered in the order they were written.
    async fn sequence(&self) -> i64 {
        self.entry.id
    }

    /// When the write was committed.
    async fn at(&self) -> DateTime<Utc> {
        self.entry.at
    }

    /// Who wrote: the token's subject.
    async fn actor(&self) -> &str {
        &self.entry.actor
    }

    /// In which role.
    async fn role(&self) -> &str {
        &self.entry.role
    }

    /// What was done: `update`, `submit`, `approve`, `send_back`, `publish`, `retract`, …
    async fn action(&self) -> &str {
        &self.entry.action
    }

    /// The kind of record written, if the entry is about one.
    async fn record_kind(&self) -> Option<RecordKind> {
        self.record.map(|(kind, _)| kind.into())
    }

    /// The global id of the record written, if the entry is about one. It may name a record
    /// the reader cannot look up (a draft, a retracted record).
    async fn record(&self, ctx: &Context<'_>) -> Result<Option<ID>> {
        let store = ctx.data::<Store>()?;
        Ok(self.record.map(|(kind, id)| store.record_id(kind, id)))
    }

    /// The comment or reason given with the action (a reviewer's comment, a retraction's
    /// reason). Always shown, also when the change is withheld.
    async fn note(&self) -> Option<&str> {
        self.change.get("note").and_then(serde_json::Value::as_str)
    }

    /// The change itself, as JSON.
    ///
    /// Who sees it: admins see the change of every entry. Supervisors see it only where the
    /// record is visible to them now, that is, neither a draft nor retracted; for any other
    /// entry (a draft's, a retracted record's, one about no record) `change` is `null` and
    /// `changeWithheld` is true, while every other field of the entry, the note included,
    /// stays visible.
    async fn change(&self, ctx: &Context<'_>) -> Option<AuditChange> {
        if self.withheld {
            return None;
        }
        // Content of a record that is not PUBLIC counts as read, as anywhere else.
        if let (Some((kind, id)), Some(scope)) = (self.record, self.scope)
            && scope != Scope::Public
            && let Some(reads) = reads(ctx)
        {
            reads.note(kind, id);
        }
        Some(AuditChange {
            before: self.change.get("before").and_then(present),
            after: self.change.get("after").and_then(present),
        })
    }

    /// Whether `change` is withheld from the reader (see `change`).
    async fn change_withheld(&self) -> bool {
        self.withheld
    }

    /// SHA-256 of this entry with the previous entry's hash (hex).
    async fn hash(&self) -> &str {
        &self.entry.hash
    }

    /// The previous entry's hash; 64 zeros for the first entry.
    async fn prev_hash(&self) -> &str {
        &self.entry.prev_hash
    }
}

/// An entry of the access log: a non-public record served to a caller.
pub struct AccessEntry(AccessRow);

/// An entry of the access log: a record served to a caller with content beyond what the
/// public may see.
#[Object]
impl AccessEntry {
    /// Position in the log, from 1, in the order entries were written.
    async fn sequence(&self) -> i64 {
        self.0.id
    }

    /// When the response that carried the record was computed.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// Who read: the token's subject.
    async fn actor(&self) -> &str {
        &self.0.actor
    }

    /// In which role.
    async fn role(&self) -> &str {
        &self.0.role
    }

    /// The kind of record served.
    async fn record_kind(&self) -> RecordKind {
        self.0.record_kind.into()
    }

    /// The global id of the record served.
    async fn record(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ctx
            .data::<Store>()?
            .record_id(self.0.record_kind, self.0.record_id))
    }

    /// The id of the request, as in the `X-Request-Id` header and the server log.
    async fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref().filter(|r| !r.is_empty())
    }
}
