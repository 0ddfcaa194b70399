//! Full-text search over every kind's titles, names and texts, Chinese included.
//!
//! The index holds, for each record, one document per disclosure level it can be seen at:
//! the text of the fields a caller of that clearance may see, by the same field policies that
//! serve the fields (`access::policy`). A search finds documents through the database's own
//! full-text index (see [`terms`] for how text becomes terms), joins each to its record with
//! the record filter, and keeps only the document of the caller's clearance on that record. So
//! a word in a field the caller may not see never matches, and a hidden record is never found.
//! Matches are ranked in windows of the most recently written (see `store::search`), so that a
//! search costs what its window costs, however many records match.
//!
//! Fields whose scope changes with the date (an appointment's candidate, public from the first
//! day of the notice) get one document before that day and one from it.

pub mod terms;

use chrono::NaiveDate;
use entity::enums::{RecordKind, Scope};
use sea_orm::{
    ActiveEnum, ConnectionTrait, DbBackend, DbErr, QueryOrder, QuerySelect, Statement, Value,
};

use crate::access::policy;

/// Clearance levels as stored: 0 public, 1 party, 2 restricted.
const LEVELS: [Scope; 3] = [Scope::Public, Scope::Party, Scope::Restricted];

/// The level of a scope as stored in the index.
pub fn level(scope: Scope) -> i16 {
    match scope {
        Scope::Public => 0,
        Scope::Party => 1,
        Scope::Restricted => 2,
    }
}

/// A searchable field of a record.
struct Field {
    text: Option<String>,
    title: bool,
    needs: Scope,
}

/// One document of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    kind: RecordKind,
    record_id: i64,
    min_level: i16,
    max_level: i16,
    valid_from: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
    title: String,
    body: String,
}

/// The documents of one record over one time window: one per level whose text differs from
/// the level below.
fn views(
    kind: RecordKind,
    record_id: i64,
    fields: &[Field],
    window: (Option<NaiveDate>, Option<NaiveDate>),
) -> Vec<Document> {
    let mut docs: Vec<Document> = Vec::new();
    for scope in LEVELS {
        let text = |title: bool| {
            fields
                .iter()
                .filter(|f| f.title == title && f.needs <= scope)
                .filter_map(|f| f.text.as_deref())
                .filter(|t| !t.trim().is_empty())
                .collect::<Vec<_>>()
                .join(if title { " · " } else { "\n" })
        };
        let (title, body) = (text(true), text(false));
        if let Some(last) = docs.last_mut()
            && last.title == title
            && last.body == body
        {
            last.max_level = level(scope);
            continue;
        }
        docs.push(Document {
            kind,
            record_id,
            min_level: level(scope),
            max_level: level(scope),
            valid_from: window.0,
            valid_until: window.1,
            title,
            body,
        });
    }
    docs.retain(|d| !d.title.is_empty() || !d.body.is_empty());
    docs
}

/// The documents of `model`, a record of `E`, from its searchable fields, each given as
/// `(field, text, in the title)` and named as in `policy`: a level of the index holds a field's
/// text only where the policy shows the field at that level.
pub fn documents_of<E: crate::record::Record>(
    model: &E::Model,
    policy: &policy::Policy<E::Model>,
    fields: &[(&'static str, Option<String>, bool)],
) -> Vec<Document> {
    documents_in::<E>(model, model, policy, fields, (None, None))
}

/// The documents of `record` that hold over `window`, the days from the first to before the
/// second: its fields as in [`documents_of`], each shown where `policy` shows it on `judged`
/// (the record as it stands over the window, for a rule that follows time).
pub fn documents_in<E: crate::record::Record>(
    record: &E::Model,
    judged: &E::Model,
    policy: &policy::Policy<E::Model>,
    fields: &[(&'static str, Option<String>, bool)],
    window: (Option<NaiveDate>, Option<NaiveDate>),
) -> Vec<Document> {
    let fields: Vec<Field> = fields
        .iter()
        .map(|(name, text, title)| Field {
            text: text.clone(),
            title: *title,
            needs: policy.needs(name, judged),
        })
        .collect();
    views(E::KIND, E::id_of(record), &fields, window)
}

/// A record kind the index covers: its searchable fields.
pub trait Searchable: crate::record::Record {
    /// The documents of `model`.
    fn documents(model: &Self::Model) -> Vec<Document>;
}

/// Rows indexed per statement.
const BATCH: u64 = 500;

/// Writes `docs` into the index.
async fn insert(
    db: &impl ConnectionTrait,
    docs: &[Document],
    replacing: Option<(RecordKind, &[i64])>,
) -> Result<(), DbErr> {
    if docs.is_empty() {
        return Ok(());
    }
    let backend = db.get_database_backend();
    let mut first_id = 0;
    if backend != DbBackend::Postgres {
        // FTS5 rows are tied to their documents by id, so SQLite documents get their ids here,
        // inside the writer's transaction.
        let row = db
            .query_one_raw(Statement::from_string(
                backend,
                "SELECT COALESCE(MAX(id), 0) AS top FROM search_documents",
            ))
            .await?;
        first_id = row
            .map(|r| r.try_get::<i64>("", "top"))
            .transpose()?
            .unwrap_or(0)
            + 1;
    }
    let mut values: Vec<Value> = Vec::new();
    let mut rows = Vec::new();
    let mut fts_values: Vec<Value> = Vec::new();
    let mut fts_rows = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        let title_terms = terms::of_text(&doc.title);
        let body_terms = terms::of_text(&doc.body);
        let mut row: Vec<Value> = vec![
            doc.kind.to_value().into(),
            doc.record_id.into(),
            doc.min_level.into(),
            doc.max_level.into(),
            doc.valid_from.into(),
            doc.valid_until.into(),
            doc.title.clone().into(),
            doc.body.clone().into(),
        ];
        let id = first_id + i as i64;
        if backend == DbBackend::Postgres {
            row.push(terms::tsvector(&title_terms, &body_terms).into());
        } else {
            row.insert(0, id.into());
            fts_values.extend([
                Value::from(id),
                title_terms.join(" ").into(),
                body_terms.join(" ").into(),
            ]);
            fts_rows.push(placeholders(backend, fts_values.len() - 3, 3, None));
        }
        let cast = (backend == DbBackend::Postgres).then_some("tsvector");
        rows.push(placeholders(backend, values.len(), row.len(), cast));
        values.extend(row);
    }
    let columns = if backend == DbBackend::Postgres {
        "kind, record_id, min_level, max_level, valid_from, valid_until, title, body, terms"
    } else {
        "id, kind, record_id, min_level, max_level, valid_from, valid_until, title, body"
    };
    // On PostgreSQL the documents they replace go in the same statement: the deletion and the
    // insertion see the table as it was before it, so the new documents are not deleted.
    let gone = match replacing {
        Some((kind, ids)) if backend == DbBackend::Postgres => {
            values.push(kind.to_value().into());
            values.push(ids.to_vec().into());
            format!(
                "WITH gone AS (DELETE FROM search_documents WHERE kind = ${} \
                 AND record_id = ANY(${})) ",
                values.len() - 1,
                values.len()
            )
        }
        _ => String::new(),
    };
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        format!(
            "{gone}INSERT INTO search_documents ({columns}) VALUES {}",
            rows.join(", ")
        ),
        values,
    ))
    .await?;
    if !fts_rows.is_empty() {
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "INSERT INTO search_terms (rowid, title, body) VALUES {}",
                fts_rows.join(", ")
            ),
            fts_values,
        ))
        .await?;
    }
    Ok(())
}

/// `(?, ?, …)` or `($n, …)` for `count` values after `before` others; the last one cast to
/// `last_cast` if given.
fn placeholders(
    backend: DbBackend,
    before: usize,
    count: usize,
    last_cast: Option<&str>,
) -> String {
    let marks: Vec<String> = (1..=count)
        .map(|i| {
            let mark = crate::db::placeholder(backend, before + i);
            match last_cast {
                Some(ty) if i == count => format!("CAST({mark} AS {ty})"),
                _ => mark,
            }
        })
        .collect();
    format!("({})", marks.join(", "))
}

/// Removes the documents of the records `ids` of `kind`.
async fn remove(db: &impl ConnectionTrait, kind: RecordKind, ids: &[i64]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    let backend = db.get_database_backend();
    let kind: Value = kind.to_value().into();
    if backend == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            "DELETE FROM search_documents WHERE kind = $1 AND record_id = ANY($2)",
            [kind, ids.to_vec().into()],
        ))
        .await?;
        return Ok(());
    }
    // Bound one by one, so that the statement is the same for every record.
    let marks = vec!["?"; ids.len()].join(", ");
    let values: Vec<Value> = std::iter::once(kind)
        .chain(ids.iter().map(|id| Value::from(*id)))
        .collect();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        format!(
            "DELETE FROM search_terms WHERE rowid IN (SELECT id FROM search_documents \
             WHERE kind = ? AND record_id IN ({marks}))"
        ),
        values.clone(),
    ))
    .await?;
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        format!("DELETE FROM search_documents WHERE kind = ? AND record_id IN ({marks})"),
        values,
    ))
    .await?;
    Ok(())
}

/// Indexes the records `rows` of `E` again, as they are now stored, after they changed.
pub async fn reindex<E: Searchable>(
    db: &impl ConnectionTrait,
    rows: &[E::Model],
) -> Result<(), DbErr>
where
    E::Model: Sync,
{
    let ids: Vec<i64> = rows.iter().map(E::id_of).collect();
    let docs: Vec<Document> = rows.iter().flat_map(E::documents).collect();
    // One write's documents: one statement on PostgreSQL, which removes the old ones too.
    if db.get_database_backend() == DbBackend::Postgres
        && !docs.is_empty()
        && docs.len() <= BATCH as usize
    {
        return insert(db, &docs, Some((E::KIND, &ids))).await;
    }
    remove(db, E::KIND, &ids).await?;
    for chunk in docs.chunks(BATCH as usize) {
        insert(db, chunk, None).await?;
    }
    Ok(())
}

/// Indexes every record of `E`, in batches by id.
async fn index_all<E: Searchable>(db: &impl ConnectionTrait) -> Result<u64, DbErr>
where
    E::Model: Sync,
{
    use sea_orm::{ColumnTrait as _, QueryFilter as _};
    let mut after = i64::MIN;
    let mut count = 0;
    loop {
        let rows = E::find()
            .filter(E::id_column().gt(after))
            .order_by_asc(E::id_column())
            .limit(BATCH)
            .all(db)
            .await?;
        let Some(last) = rows.last() else {
            return Ok(count);
        };
        after = E::id_of(last);
        let docs: Vec<Document> = rows.iter().flat_map(E::documents).collect();
        count += docs.len() as u64;
        for chunk in docs.chunks(BATCH as usize) {
            insert(db, chunk, None).await?;
        }
    }
}

/// The `sunlight_meta` key holding the version of the index's layout and term splitting.
const INDEX_KEY: &str = "search_index";
/// Raised whenever documents or terms are made differently, so that old indexes are rebuilt.
const INDEX_VERSION: &str = "1";

/// Marks the index as out of date inside the caller's transaction: records written beside the
/// one write path (a bulk load) are indexed by [`rebuild`], or, if that never comes, by
/// [`ensure`] at the next start.
pub async fn invalidate(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    use sea_orm::EntityTrait as _;
    entity::meta::Entity::delete_by_id(INDEX_KEY.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

/// Builds the index at start-up when the database has none of the current version (a database
/// from before search, or from an older version). Two instances starting at once on PostgreSQL
/// take turns on an advisory lock. Returns the number of documents written, if it built.
pub async fn ensure(db: &sea_orm::DatabaseConnection) -> Result<Option<u64>, DbErr> {
    use sea_orm::{EntityTrait as _, TransactionTrait as _};
    let txn = db.begin().await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(632222)")
            .await?;
        // Writing every document and building the index again takes longer than a request
        // may, on a large database: minutes at a province.
        txn.execute_unprepared("SET LOCAL statement_timeout = 0")
            .await?;
    }
    let current = entity::meta::Entity::find_by_id(INDEX_KEY.to_owned())
        .one(&txn)
        .await?;
    if current.is_some_and(|m| m.value == INDEX_VERSION) {
        txn.rollback().await?;
        return Ok(None);
    }
    let n = rebuild(&txn).await?;
    txn.commit().await?;
    Ok(Some(n))
}

/// Builds the whole index again inside the caller's transaction, and records its version;
/// returns the number of documents.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::{ActiveModelTrait as _, EntityTrait as _, Set};
    let n = rebuild_documents(db).await?;
    entity::meta::Entity::delete_by_id(INDEX_KEY.to_owned())
        .exec(db)
        .await?;
    entity::meta::ActiveModel {
        key: Set(INDEX_KEY.to_owned()),
        value: Set(INDEX_VERSION.to_owned()),
    }
    .insert(db)
    .await?;
    Ok(n)
}

async fn rebuild_documents(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let backend = db.get_database_backend();
    if backend != DbBackend::Postgres {
        db.execute_unprepared("DELETE FROM search_terms").await?;
    }
    db.execute_unprepared("DELETE FROM search_documents")
        .await?;
    let aside = crate::store::search::set_newest_index_aside(db).await?;
    // A kind whose table the database does not have yet, in a database migrated only part
    // way (as a test of data from an earlier version builds), has nothing to index.
    let tables: std::collections::BTreeSet<String> = db
        .query_all_raw(sea_orm::Statement::from_string(
            backend,
            match backend {
                DbBackend::Postgres => {
                    "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
                }
                _ => "SELECT name FROM sqlite_master WHERE type = 'table'",
            },
        ))
        .await?
        .iter()
        .map(|row| row.try_get::<String>("", "name"))
        .collect::<Result<_, _>>()?;
    let mut n = 0;
    for kind in <RecordKind as sea_orm::Iterable>::iter() {
        if tables.contains(crate::record::table_of(kind)) {
            n += crate::record::with_record!(kind, E => index_all::<E>(db).await?);
        }
    }
    crate::store::search::restore_newest_index(db, aside).await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str, title: bool, needs: Scope) -> Field {
        Field {
            text: Some(text.to_owned()),
            title,
            needs,
        }
    }

    #[test]
    fn levels_with_the_same_text_share_a_document() {
        let docs = views(
            RecordKind::Power,
            7,
            &[
                field("名称", true, Scope::Public),
                field("正文", false, Scope::Public),
            ],
            (None, None),
        );
        assert_eq!(docs.len(), 1);
        assert_eq!((docs[0].min_level, docs[0].max_level), (0, 2));
    }

    #[test]
    fn a_party_field_makes_a_party_document() {
        let docs = views(
            RecordKind::Meeting,
            1,
            &[
                field("会议", true, Scope::Public),
                field("纪要内容", false, Scope::Party),
            ],
            (None, None),
        );
        assert_eq!(docs.len(), 2);
        assert_eq!((docs[0].min_level, docs[0].max_level), (0, 0));
        assert!(!docs[0].body.contains("纪要"));
        assert_eq!((docs[1].min_level, docs[1].max_level), (1, 2));
        assert!(docs[1].body.contains("纪要"));
    }

    #[test]
    fn candidates_are_indexed_publicly_only_from_the_notice() {
        let start = NaiveDate::from_ymd_opt(2011, 3, 1).unwrap_or_default();
        let appointment = entity::appointment::Model {
            id: 1,
            organization_id: 1,
            post_id: None,
            stage: entity::enums::AppointmentStage::Notice,
            outcome: entity::enums::AppointmentOutcome::Pending,
            vacancy_title: "副局长".into(),
            requirements: None,
            vacancy_announced_on: None,
            application_deadline: None,
            candidate_id: None,
            candidate_name: Some("候选人甲".into()),
            candidate_gender: None,
            candidate_ethnicity: None,
            candidate_birth_month: None,
            candidate_education: None,
            candidate_party_joined: None,
            candidate_work_started: None,
            current_post: None,
            proposed_post: None,
            inspection_started_on: None,
            inspection_report: Some("考察材料".into()),
            notice_start: Some(start),
            notice_end: None,
            complaint_channels: None,
            objections: None,
            objection_count: 0,
            deciding_meeting_id: None,
            decided_on: None,
            probation_until: None,
            scope: Scope::Public,
            status: entity::enums::PublicationStatus::Published,
            publish_at: None,
            version: 1,
            owner_org_id: None,
            source_id: None,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        };
        let docs = <entity::appointment::Entity as Searchable>::documents(&appointment);
        let public_before = docs
            .iter()
            .find(|d| d.min_level == 0 && d.valid_until == Some(start))
            .map(|d| d.body.clone())
            .unwrap_or_default();
        let public_after = docs
            .iter()
            .find(|d| d.min_level == 0 && d.valid_from == Some(start))
            .map(|d| d.body.clone())
            .unwrap_or_default();
        assert!(!public_before.contains("候选人甲"));
        assert!(public_after.contains("候选人甲"));
        assert!(
            docs.iter()
                .all(|d| d.max_level == 2 || !d.body.contains("考察材料"))
        );
        assert!(
            docs.iter()
                .any(|d| d.max_level == 2 && d.body.contains("考察材料"))
        );
    }
}
