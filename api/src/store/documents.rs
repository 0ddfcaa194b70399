//! Documents and their attachments to records. A document's bytes are stored once, named by
//! their SHA-256, in the database itself (a BLOB on SQLite, `bytea` on PostgreSQL): an
//! attachment commits in the same transaction as its record, and a backup of the database
//! holds every document. A document is found for a caller only through an attachment of a
//! record the same caller may see ([`crate::access::documents`]).

use chrono::{DateTime, Utc};
use entity::{
    attachment,
    enums::{RecordKind, Scope},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement, sea_query::OnConflict,
};

use super::{Store, with_record};
use crate::{
    access::{Caller, documents as rules},
    db::placeholder,
    error::{AppError, AppResult},
};

/// A document as stored: its name, media type and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The SHA-256 of its content, lowercase hex.
    pub name: String,
    /// Its media type, read from its content.
    pub media_type: String,
    /// Its size in bytes.
    pub size: u64,
}

/// A document a caller may see, and the visible records through which they see it.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The document.
    pub document: Stored,
    /// The records that carry it and show it to the caller: `(kind, id, whether the record
    /// or the attachment is beyond the public's)`.
    pub carriers: Vec<(RecordKind, i64, bool)>,
}

/// An attachment with the document it names.
#[derive(Debug, Clone)]
pub struct Attached {
    /// The attachment.
    pub row: attachment::Model,
    /// The document.
    pub document: Stored,
}

/// Most carriers of one document looked at: a document is rarely on more than a few records.
const MOST_CARRIERS: u64 = 64;

impl Store {
    /// Stores `content` for `caller`, a writer, and notes that they uploaded it: the name is
    /// the same whether the content was stored before or not.
    pub async fn upload(
        &self,
        caller: &Caller,
        content: &[u8],
        now: DateTime<Utc>,
    ) -> AppResult<Stored> {
        rules::may_upload(caller).map_err(super::validate::refused)?;
        let (_writers, txn) = self.begin_write(self.connection()).await?;
        let stored = store_document(&txn, caller, content, now).await?;
        txn.commit().await?;
        Ok(stored)
    }

    /// The document `name`, if `caller` may see a record that carries it with an attachment
    /// the caller is cleared for; `None` for a document that is unknown, unattached or hidden.
    pub async fn document(&self, caller: &Caller, name: &str) -> AppResult<Option<Shown>> {
        let attachments = attachment::Entity::find()
            .filter(attachment::Column::Sha256.eq(name))
            .order_by_asc(attachment::Column::Id)
            .limit(MOST_CARRIERS)
            .all(self.connection())
            .await?;
        let mut carriers = Vec::new();
        for a in &attachments {
            let record = with_record!(a.record_kind, E => self
                .get::<E>(caller, a.record_id)
                .await?
                .map(|r| (<E as super::Record>::scope_of(&r.model), r.clearance)));
            if let Some((scope, clearance)) = record
                && rules::shows_attachment(a.scope, clearance)
            {
                let beyond_public = scope != Scope::Public || a.scope != Scope::Public;
                carriers.push((a.record_kind, a.record_id, beyond_public));
            }
        }
        if carriers.is_empty() {
            return Ok(None);
        }
        let row = entity::document::Entity::find_by_id(name.to_owned())
            .select_only()
            .column(entity::document::Column::MediaType)
            .column(entity::document::Column::ByteSize)
            .into_tuple::<(String, i64)>()
            .one(self.connection())
            .await?;
        Ok(row.map(|(media_type, size)| Shown {
            document: Stored {
                name: name.to_owned(),
                media_type,
                size: u64::try_from(size).unwrap_or(0),
            },
            carriers,
        }))
    }

    /// `len` bytes of the document `name` from byte `start` (0-based), read in the database:
    /// a range request reads only its range. Callers ask only for a document that
    /// [`Self::document`] showed them.
    pub async fn document_bytes(&self, name: &str, start: u64, len: u64) -> AppResult<Vec<u8>> {
        let db = self.connection();
        let backend = db.get_database_backend();
        let sql = if backend == sea_orm::DbBackend::Postgres {
            format!(
                "SELECT substring(content from CAST({} AS integer) for CAST({} AS integer)) \
                 FROM documents WHERE sha256 = {}",
                placeholder(backend, 1),
                placeholder(backend, 2),
                placeholder(backend, 3)
            )
        } else {
            "SELECT substr(content, ?, ?) FROM documents WHERE sha256 = ?".to_owned()
        };
        let first = i64::try_from(start.saturating_add(1)).unwrap_or(i64::MAX);
        let len = i64::try_from(len).unwrap_or(i64::MAX);
        let row = db
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [first.into(), len.into(), name.into()],
            ))
            .await?
            .ok_or_else(|| AppError::not_found("there is no document with this name"))?;
        Ok(row.try_get_by_index::<Vec<u8>>(0)?)
    }

    /// The attachments of the records `ids` of `kind`, in order within each record, with
    /// their documents. Callers reach them only through records this store showed them, and
    /// show each only where [`rules::shows_attachment`] allows.
    pub async fn attachments_of(&self, kind: RecordKind, ids: &[i64]) -> AppResult<Vec<Attached>> {
        let rows = attachment::Entity::find()
            .filter(attachment::Column::RecordKind.eq(kind))
            .filter(attachment::Column::RecordId.is_in(ids.iter().copied()))
            .order_by_asc(attachment::Column::RecordId)
            .order_by_asc(attachment::Column::Position)
            .all(self.connection())
            .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut names: Vec<&str> = rows.iter().map(|r| r.sha256.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let documents: std::collections::HashMap<String, (String, i64)> =
            entity::document::Entity::find()
                .select_only()
                .column(entity::document::Column::Sha256)
                .column(entity::document::Column::MediaType)
                .column(entity::document::Column::ByteSize)
                .filter(entity::document::Column::Sha256.is_in(names))
                .into_tuple::<(String, String, i64)>()
                .all(self.connection())
                .await?
                .into_iter()
                .map(|(name, media, size)| (name, (media, size)))
                .collect();
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let (media_type, size) = documents.get(&row.sha256)?.clone();
                Some(Attached {
                    document: Stored {
                        name: row.sha256.clone(),
                        media_type,
                        size: u64::try_from(size).unwrap_or(0),
                    },
                    row,
                })
            })
            .collect())
    }

    /// Whether the attachments `rows`, given for the record `id` of `kind`, each name a
    /// document `caller` uploaded or the record carries already; the first that does not
    /// is refused, whether or not such a document is stored.
    pub(crate) async fn check_attachable(
        txn: &DatabaseTransaction,
        caller: &Caller,
        kind: RecordKind,
        id: i64,
        rows: &[(String, attachment::ActiveModel)],
    ) -> AppResult<()> {
        let subject = caller.subject().unwrap_or_default();
        for (path, row) in rows {
            let sea_orm::ActiveValue::Set(name) = &row.sha256 else {
                continue;
            };
            let uploaded = entity::document_upload::Entity::find()
                .filter(entity::document_upload::Column::Sha256.eq(name.as_str()))
                .filter(entity::document_upload::Column::Uploader.eq(subject))
                .one(txn)
                .await?
                .is_some();
            let carried = !uploaded
                && attachment::Entity::find()
                    .filter(attachment::Column::RecordKind.eq(kind))
                    .filter(attachment::Column::RecordId.eq(id))
                    .filter(attachment::Column::Sha256.eq(name.as_str()))
                    .one(txn)
                    .await?
                    .is_some();
            if !rules::may_attach(uploaded, carried) {
                return Err(AppError::bad_input(
                    &format!("{path}.document"),
                    "upload the document first (POST /documents) and attach it by the name that answered",
                ));
            }
        }
        Ok(())
    }
}

/// Stores `content` inside `txn` as uploaded by `caller` (whose right to upload is checked by
/// the caller of this function): the upload of the API, and the demo county's documents.
pub(crate) async fn store_document(
    txn: &DatabaseTransaction,
    caller: &Caller,
    content: &[u8],
    now: DateTime<Utc>,
) -> AppResult<Stored> {
    let Some(subject) = caller.subject() else {
        return Err(AppError::forbidden("uploading needs a token"));
    };
    let Some(media_type) = crate::documents::sniff(content) else {
        return Err(AppError::bad_input(
            "body",
            format!(
                "this content is not a {}; the type is read from the content, not the name",
                crate::documents::ACCEPTED
            ),
        ));
    };
    let stored = Stored {
        name: crate::documents::name(content),
        media_type: media_type.to_owned(),
        size: content.len() as u64,
    };
    entity::document::Entity::insert(entity::document::ActiveModel {
        sha256: Set(stored.name.clone()),
        media_type: Set(stored.media_type.clone()),
        byte_size: Set(i64::try_from(stored.size).unwrap_or(i64::MAX)),
        content: Set(content.to_vec()),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(entity::document::Column::Sha256)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    entity::document_upload::Entity::insert(entity::document_upload::ActiveModel {
        sha256: Set(stored.name.clone()),
        uploader: Set(subject.to_owned()),
        uploaded_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            entity::document_upload::Column::Sha256,
            entity::document_upload::Column::Uploader,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(stored)
}
