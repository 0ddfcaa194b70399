//! Reading the audit log and the access log: supervisors and admins only, newest first.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::enums::{RecordKind, Scope};
use sea_orm::{
    ActiveEnum, Condition, ConnectionTrait, QueryResult,
    sea_query::{Alias, Expr, ExprTrait, Order, Query},
};

use super::{
    Store,
    page::{self, Cursor, Direction, Page, PageArgs, SortValue},
};
use crate::{
    access::{Caller, visibility},
    audit,
    error::{AppError, AppResult},
};

/// What to keep of a log: each condition given must hold.
#[derive(Clone, Debug, Default)]
pub struct LogFilter {
    /// Entries of this actor (a token's subject).
    pub actor: Option<String>,
    /// Entries about this record.
    pub record: Option<(RecordKind, i64)>,
    /// Entries of this action (audit log only).
    pub action: Option<String>,
    /// Entries at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Entries before this time.
    pub until: Option<DateTime<Utc>>,
}

impl LogFilter {
    fn condition(&self) -> Condition {
        let col = |name: &'static str| Expr::col(Alias::new(name));
        let mut condition = Condition::all();
        if let Some(actor) = &self.actor {
            condition = condition.add(col("actor").eq(actor.as_str()));
        }
        if let Some((kind, id)) = self.record {
            condition = condition
                .add(col("record_kind").eq(kind.to_value()))
                .add(col("record_id").eq(id));
        }
        if let Some(action) = &self.action {
            condition = condition.add(col("action").eq(action.as_str()));
        }
        if let Some(from) = self.from {
            condition = condition.add(col("at").gte(from));
        }
        if let Some(until) = self.until {
            condition = condition.add(col("at").lt(until));
        }
        condition
    }
}

/// One entry of the access log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessRow {
    /// Position in the log, from 1.
    pub id: i64,
    /// When the response was computed.
    pub at: DateTime<Utc>,
    /// Who: the token's subject.
    pub actor: String,
    /// In which role.
    pub role: String,
    /// The kind of record served.
    pub record_kind: RecordKind,
    /// Its id.
    pub record_id: i64,
    /// The request's id.
    pub request_id: Option<String>,
}

impl AccessRow {
    const COLUMNS: [&str; 7] = [
        "id",
        "at",
        "actor",
        "role",
        "record_kind",
        "record_id",
        "request_id",
    ];

    fn from_row(row: &QueryResult) -> AppResult<Self> {
        let kind: String = row.try_get("", "record_kind")?;
        Ok(Self {
            id: row.try_get("", "id")?,
            at: row.try_get("", "at")?,
            actor: row.try_get("", "actor")?,
            role: row.try_get("", "role")?,
            record_kind: RecordKind::try_from_value(&kind)?,
            record_id: row.try_get("", "record_id")?,
            request_id: row.try_get("", "request_id")?,
        })
    }
}

pub use crate::access::operations::may_read_logs;

impl Store {
    /// The latest signed checkpoint of the audit log, or the one made at entry `sequence`.
    /// Every caller may read it: it holds no content, only the head of the chain as it was at
    /// a time taken on a clock (see [`audit::checkpoint`]).
    pub async fn audit_checkpoint(
        &self,
        sequence: Option<i64>,
    ) -> AppResult<Option<audit::checkpoint::Checkpoint>> {
        let db = self.connection();
        Ok(match sequence {
            Some(sequence) => audit::checkpoint::at(db, sequence).await?,
            None => audit::checkpoint::latest(db).await?,
        })
    }

    /// A page of the audit log, newest first. Supervisors and admins only.
    pub async fn audit_page(
        &self,
        caller: &Caller,
        filter: &LogFilter,
        args: PageArgs,
    ) -> AppResult<Page<audit::Stored>> {
        may_read_logs(caller)?;
        let (rows, page) = self
            .log_page("audit_log", &audit::COLUMNS, filter, args)
            .await?;
        let items = rows
            .iter()
            .map(audit::Stored::from_row)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(page.with(items, |e| e.id))
    }

    /// A page of the access log, newest first. Supervisors and admins only.
    pub async fn access_page(
        &self,
        caller: &Caller,
        filter: &LogFilter,
        args: PageArgs,
    ) -> AppResult<Page<AccessRow>> {
        may_read_logs(caller)?;
        let filter = LogFilter {
            action: None,
            ..filter.clone()
        };
        let (rows, page) = self
            .log_page("access_log", &AccessRow::COLUMNS, &filter, args)
            .await?;
        let items = rows
            .iter()
            .map(AccessRow::from_row)
            .collect::<AppResult<Vec<_>>>()?;
        Ok(page.with(items, |e| e.id))
    }

    /// The rows of a page of `table` meeting `filter`, by id from the newest, and the page's
    /// bounds.
    async fn log_page(
        &self,
        table: &'static str,
        columns: &[&'static str],
        filter: &LogFilter,
        args: PageArgs,
    ) -> AppResult<(Vec<QueryResult>, Bounds)> {
        if args.direction == Direction::Backward {
            return Err(AppError::bad_input(
                "last",
                "the logs page forward only, newest first: use `first` and `after`",
            ));
        }
        let condition = filter.condition();
        let total = if args.count {
            let mut count = Query::select();
            count
                .expr_as(Expr::col(Alias::new("id")).count(), Alias::new("n"))
                .from(Alias::new(table))
                .cond_where(condition.clone());
            match self.db.query_one(&count).await? {
                Some(row) => u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0),
                None => 0,
            }
        } else {
            0
        };
        let mut query = Query::select();
        query
            .columns(columns.iter().map(|c| Alias::new(*c)))
            .from(Alias::new(table))
            .cond_where(condition);
        if let Some(cursor) = &args.cursor {
            if cursor.sort != table {
                return Err(AppError::bad_input(
                    "after",
                    "the cursor belongs to another list; start again without it",
                ));
            }
            query.and_where(Expr::col(Alias::new("id")).lt(cursor.id));
        }
        query
            .order_by(Alias::new("id"), Order::Desc)
            .limit(args.size + 1);
        let mut rows = self.db.query_all(&query).await?;
        let has_next = rows.len() as u64 > args.size;
        rows.truncate(usize::try_from(args.size).unwrap_or(usize::MAX));
        Ok((
            rows,
            Bounds {
                table,
                has_next,
                has_previous: args.cursor.is_some(),
                total,
            },
        ))
    }

    /// Of the records `ids` of `kind`, those that exist now, with their scope; with `caller`,
    /// only those `caller` may see now.
    pub async fn scopes_now(
        &self,
        caller: Option<&Caller>,
        kind: RecordKind,
        ids: &[i64],
    ) -> AppResult<HashMap<i64, Scope>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let table = super::table_of(kind);
        let col = |name: &'static str| Expr::col((Alias::new(table), Alias::new(name)));
        let mut query = Query::select();
        query
            .expr_as(col("id"), Alias::new("id"))
            .expr_as(col("scope"), Alias::new("scope"))
            .from(Alias::new(table))
            .and_where(col("id").is_in(ids.iter().copied()));
        if let Some(caller) = caller {
            query.cond_where(visibility::visible(caller, table, kind, Utc::now()));
        }
        let mut out = HashMap::new();
        for row in self.db.query_all(&query).await? {
            let scope: String = row.try_get("", "scope")?;
            out.insert(
                row.try_get::<i64>("", "id")?,
                Scope::try_from_value(&scope)?,
            );
        }
        Ok(out)
    }
}

/// Where a page of a log stands.
struct Bounds {
    table: &'static str,
    has_next: bool,
    has_previous: bool,
    total: u64,
}

impl Bounds {
    /// The page of `items`, each with its cursor.
    fn with<T>(self, items: Vec<T>, id: impl Fn(&T) -> i64) -> Page<T> {
        let items = items
            .into_iter()
            .map(|item| {
                let key = id(&item);
                let cursor = Cursor {
                    sort: self.table.to_owned(),
                    desc: true,
                    value: SortValue::Int(key),
                    id: key,
                };
                (page::encode_cursor(&cursor), item)
            })
            .collect();
        Page {
            items,
            has_next: self.has_next,
            has_previous: self.has_previous,
            total: self.total,
        }
    }
}
