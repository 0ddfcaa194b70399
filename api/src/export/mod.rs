//! Bulk exports: every record of one kind that the caller may see, as JSON Lines or CSV.
//!
//! An export holds no visibility rule of its own. Each page of it is the kind's list query
//! (`powers`, `meetings`, …) run through the schema with the caller of the request, a loader of
//! its own and, where the request keeps one, an access-log collector, exactly as a GraphQL
//! request runs: the record filter, the field policies and the access log apply because it is
//! the same code. Pages follow the list's keyset cursor in id order, the next read while the
//! last is sent, so memory holds three pages at most whatever the size of the table.
//!
//! What is selected comes from the schema itself (see [`plan`]): every field of the type that
//! takes no required argument, with records it names as their global ids and the parts it
//! holds (attendance, steps, milestones, redactions) nested. Lists of other records (an
//! organization's powers, a meeting's decisions) are left to those records' own exports, where
//! each names its owner; `versions` is left to the API.

pub mod manifest;
pub mod plan;

use std::{sync::Arc, time::Duration};

use async_graphql::{Name, Value, Variables};
use axum::body::Bytes;
use entity::enums::RecordKind;
use futures::{Stream, StreamExt, stream};
use sea_orm::Iterable;

use crate::graphql::run::Run;
use crate::{access_log::AccessLog, graphql::SunlightSchema, store::Store};

pub use plan::Column;

/// Records per page: what one run of the list query returns, the API's largest page.
pub const PAGE: u64 = crate::store::page::MAX_PAGE;

/// The UTF-8 byte order mark that `?bom=1` puts before a CSV file, for spreadsheet programs.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The list field of the schema, and the name in export URLs, of each kind of record.
pub fn list_field(kind: RecordKind) -> &'static str {
    crate::graphql::kinds::list_field(kind)
}

/// A file format of the exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines: one JSON object per record and line.
    Jsonl,
    /// CSV (RFC 4180): a header row, then one row per record.
    Csv,
}

impl Format {
    /// Both formats, in the order the manifest lists them.
    pub const ALL: [Format; 2] = [Format::Jsonl, Format::Csv];

    /// The file extension, which is also the format's name in the manifest.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        }
    }

    /// The format of a file extension.
    pub fn from_extension(extension: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.extension() == extension)
    }

    /// The media type served.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Jsonl => "application/jsonl; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8; header=present",
        }
    }
}

/// One kind of record as exported.
pub struct Kind {
    /// The kind.
    pub record: RecordKind,
    /// The list field, and the name in export URLs.
    pub name: &'static str,
    /// The GraphQL type of the records.
    pub type_name: &'static str,
    /// The columns, in the order of the type's fields; shared with each download's writer.
    pub columns: Arc<[Column]>,
    /// The query that reads one page.
    query: String,
}

/// One page of an export: the records as the engine answered them, and the cursor of the next
/// page if there is one.
pub struct Page {
    /// The records as the API answered them, each an object with the kind's columns.
    pub records: Vec<Value>,
    /// Where the next page starts.
    pub next: Option<String>,
}

/// Why a page could not be read. The cause is in the server log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageError {
    /// The database is busy or slow (no connection in time, the page timed out): retry.
    Unavailable,
    /// Anything else.
    Internal,
}

/// Where the pages of one request hand what they served, for the access log.
pub struct Logged {
    /// The log.
    pub log: AccessLog,
    /// The request's id.
    pub request_id: String,
}

/// The exports of a running server.
pub struct Exporter {
    schema: SunlightSchema,
    store: Store,
    kinds: Vec<Kind>,
    page_timeout: Duration,
    /// The licence of the data, for the manifest.
    pub licence: manifest::Licence,
    /// Manifests computed lately, per scope.
    pub manifests: manifest::Cache,
}

impl Exporter {
    /// The exports of every kind of record, read from `schema`'s own description. Each page
    /// must be read within `page_timeout`.
    pub async fn new(
        schema: SunlightSchema,
        store: Store,
        page_timeout: Duration,
        licence: manifest::Licence,
    ) -> anyhow::Result<Self> {
        let types = plan::Types::read(&schema).await?;
        let mut kinds = Vec::new();
        for record in RecordKind::iter() {
            let name = list_field(record);
            let type_name = crate::store::name_of(record);
            types.check_list(name, type_name)?;
            let columns = types.columns(type_name)?;
            let query = format!(
                "query($after: String, $jurisdiction: ID) {{ {name}(first: {PAGE}, after: $after, \
                 filter: {{ jurisdiction: $jurisdiction }}) {{ \
                 pageInfo {{ hasNextPage endCursor }} nodes {{ {} }} }} }}",
                plan::selection(&columns)
            );
            kinds.push(Kind {
                record,
                name,
                type_name,
                columns: columns.into(),
                query,
            });
        }
        Ok(Self {
            schema,
            store,
            kinds,
            page_timeout,
            licence,
            manifests: manifest::Cache::new(manifest::TTL),
        })
    }

    /// Every kind, in the order of [`RecordKind`].
    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    /// The kind exported under `name`.
    pub fn kind(&self, name: &str) -> Option<usize> {
        self.kinds.iter().position(|k| k.name == name)
    }

    /// One page of kind `kind` after `after`, as the caller of `run` sees it, of the records of
    /// the jurisdiction with global id `jurisdiction` only, when named; what it serves is
    /// collected by `run`.
    pub async fn page(
        &self,
        run: &Run,
        kind: usize,
        after: Option<&str>,
        jurisdiction: Option<&str>,
    ) -> Result<Page, PageError> {
        let kind = self.kinds.get(kind).ok_or(PageError::Internal)?;
        let mut variables = Variables::default();
        variables.insert(
            Name::new("after"),
            after.map_or(Value::Null, |a| Value::String(a.to_owned())),
        );
        variables.insert(
            Name::new("jurisdiction"),
            jurisdiction.map_or(Value::Null, |j| Value::String(j.to_owned())),
        );
        // A loader per page, as per request: its cache is dropped with the page.
        let request = run
            .prepare_query(
                &self.store,
                async_graphql::Request::new(kind.query.as_str()).variables(variables),
            )
            .await;
        let response = tokio::time::timeout(self.page_timeout, self.schema.execute(request))
            .await
            .map_err(|_| {
                tracing::warn!(kind = kind.name, "a page of an export ran past its timeout");
                PageError::Unavailable
            })?;
        if !response.errors.is_empty() {
            let unavailable = response.errors.iter().any(|e| {
                e.extensions
                    .as_ref()
                    .and_then(|x| x.get("code"))
                    .is_some_and(|c| {
                        *c == async_graphql::Value::from(crate::error::Code::Unavailable.as_str())
                    })
            });
            tracing::error!(kind = kind.name, errors = ?response.errors, "a page of an export failed");
            return Err(if unavailable {
                PageError::Unavailable
            } else {
                PageError::Internal
            });
        }
        let Some((nodes, info)) = connection(response.data, kind.name) else {
            tracing::error!(kind = kind.name, "a page of an export has no connection");
            return Err(PageError::Internal);
        };
        let next = match (info.get("hasNextPage"), info.get("endCursor")) {
            (Some(Value::Boolean(true)), Some(Value::String(cursor))) => Some(cursor.clone()),
            _ => None,
        };
        Ok(Page {
            records: nodes,
            next,
        })
    }

    /// The body of an export of `kind` in `format`: `first` (the first page, read before the
    /// answer's status was chosen), then each further page as it is read. Dropping the stream
    /// (the client went away) stops the work; a page that fails ends the body with an error,
    /// so that the client sees a broken transfer, never a short file that looks whole.
    #[allow(clippy::too_many_arguments)]
    pub fn body(
        self: Arc<Self>,
        run: Run,
        kind: usize,
        jurisdiction: Option<String>,
        format: Format,
        bom: bool,
        first: Page,
        logged: Logged,
    ) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
        let mut head = Vec::new();
        if bom {
            head.extend_from_slice(BOM);
        }
        let columns: Arc<[Column]> = self
            .kinds
            .get(kind)
            .map_or_else(|| Arc::from([]), |k| Arc::clone(&k.columns));
        write_header(format, &columns, &mut head);
        write_page(format, &columns, &first, &mut head);
        let after = first.next;
        // The next page is read while the one before it is written and sent: reading is the
        // database's work and the answer's, writing is this process', and on a busy machine
        // each waits less for the other. At most one page waits in the channel, so memory
        // holds three pages at most whatever the size of the table.
        let (pages, mut read) = tokio::sync::mpsc::channel::<Result<Page, PageError>>(1);
        if let Some(after) = after {
            // Pages are read after the handler has returned, while the body is sent: they keep
            // the request's span, so that what they log carries its id.
            let reader = async move {
                let mut after = after;
                loop {
                    let page = self.page(&run, kind, Some(&after), jurisdiction.as_deref());
                    // A client that goes away stops the work, even within a page.
                    let page = tokio::select! {
                        page = page => page,
                        () = pages.closed() => return,
                    };
                    let next = match &page {
                        Ok(page) => {
                            run.finish(&logged.log, &logged.request_id);
                            page.next.clone()
                        }
                        Err(_) => None,
                    };
                    if pages.send(page).await.is_err() {
                        return;
                    }
                    match next {
                        Some(next) => after = next,
                        None => return,
                    }
                }
            };
            tokio::spawn(tracing::Instrument::instrument(
                reader,
                tracing::Span::current(),
            ));
        }
        let rest = stream::poll_fn(move |cx| read.poll_recv(cx)).map(move |page| match page {
            Ok(page) => {
                let mut chunk = Vec::new();
                write_page(format, &columns, &page, &mut chunk);
                Ok(Bytes::from(chunk))
            }
            Err(_) => Err(std::io::Error::other("the export stopped: a page failed")),
        });
        stream::once(async move { Ok(Bytes::from(head)) }).chain(rest)
    }
}

/// The `nodes` and `pageInfo` of the connection `field` in `data`.
fn connection(
    data: Value,
    field: &str,
) -> Option<(Vec<Value>, async_graphql::indexmap::IndexMap<Name, Value>)> {
    let Value::Object(mut root) = data else {
        return None;
    };
    let Some(Value::Object(mut conn)) = root.swap_remove(field) else {
        return None;
    };
    let Some(Value::List(nodes)) = conn.swap_remove("nodes") else {
        return None;
    };
    let Some(Value::Object(info)) = conn.swap_remove("pageInfo") else {
        return None;
    };
    Some((nodes, info))
}

/// The first bytes of a file before its records: the CSV header row.
pub fn write_header(format: Format, columns: &[Column], out: &mut Vec<u8>) {
    if format == Format::Csv {
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        plan::csv_row(names.into_iter().map(std::borrow::Cow::Borrowed), out);
    }
}

/// The records of `page`, a page of a kind with `columns`, in `format`.
pub fn write_page(format: Format, columns: &[Column], page: &Page, out: &mut Vec<u8>) {
    for record in &page.records {
        match format {
            Format::Jsonl => {
                plan::write_json(record, columns, out);
                out.push(b'\n');
            }
            Format::Csv => plan::csv_record(record, columns, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_distinct_name() {
        let names: std::collections::BTreeSet<_> = RecordKind::iter().map(list_field).collect();
        assert_eq!(names.len(), RecordKind::iter().count());
        assert!(Format::from_extension("jsonl") == Some(Format::Jsonl));
        assert!(Format::from_extension("csv") == Some(Format::Csv));
        assert!(Format::from_extension("xlsx").is_none());
    }
}
