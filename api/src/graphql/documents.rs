//! Documents on records: the `attachments` of a record and the root field `document` (the input
//! that replaces a record's attachments is `edit::AttachmentInput`). The bytes are served at `GET /documents/{name}` (see
//! `http::documents`), uploaded at `POST /documents`.

use async_graphql::{Context, Object, Result, dataloader::DataLoader, dataloader::HashMapCache};
use entity::attachment;

use super::{
    enums::{DocumentRole, Scope},
    types::{reads, request},
};
use crate::{
    access::policy::{Declared, Policy},
    loaders::{AttachmentsOf, Records},
    store::{
        Record,
        documents::{Attached, Stored},
    },
};

/// An attachment: a part of the record that carries it.
pub const ATTACHMENT_POLICY: Policy<attachment::Model> = Policy {
    type_name: "Attachment",
    record: false,
    public: &["title", "role", "scope", "document"],
    guarded: &[],
};

/// A document, seen only through an attachment the caller may see.
pub const DOCUMENT_POLICY: Policy<Stored> = Policy {
    type_name: "Document",
    record: false,
    public: &["name", "mediaType", "size", "url"],
    guarded: &[],
};

/// The policies of the types of this module, for the walk over the schema.
pub const POLICIES: &[&dyn Declared] = &[&ATTACHMENT_POLICY, &DOCUMENT_POLICY];

/// The attachments of `record` of kind `E` that the caller may see: each needs its scope in
/// the caller's clearance on the record. Attachments are the record's current ones, so on an
/// earlier version that clearance is also bounded by the one on the record as it stands now.
pub(crate) async fn of<E: Record>(
    ctx: &Context<'_>,
    record: &crate::access::policy::Scoped<E::Model>,
) -> Result<Vec<Attachment>> {
    let clearance = match record.now {
        Some(now) => now.min(record.clearance),
        None => record.clearance,
    };
    let rows = ctx
        .data::<DataLoader<Records, HashMapCache>>()?
        .load_one(AttachmentsOf::<E>::new(E::id_of(&record.model), clearance))
        .await?
        .unwrap_or_default();
    // An attachment beyond the public's is content beyond the public's, served from the record.
    if let Some(witness) = &record.witness
        && rows
            .iter()
            .any(|a| a.row.scope != entity::enums::Scope::Public)
    {
        witness.note();
    }
    Ok(rows.into_iter().map(Attachment).collect())
}

/// A document attached to a record.
pub struct Attachment(Attached);

#[Object]
impl Attachment {
    /// Its title.
    async fn title(&self) -> &str {
        &self.0.row.title
    }

    /// What it is.
    async fn role(&self) -> DocumentRole {
        self.0.row.role.into()
    }

    /// The clearance on the record it needs beyond seeing the record: PUBLIC for whoever sees
    /// the record.
    async fn scope(&self) -> Scope {
        self.0.row.scope.into()
    }

    /// The document.
    async fn document(&self) -> Document {
        Document(self.0.document.clone())
    }
}

/// A document: bytes named by their SHA-256, served at `url` to whoever sees a record that
/// carries it.
pub struct Document(pub(crate) Stored);

#[Object]
impl Document {
    /// The SHA-256 of its content, 64 lowercase hex digits; also its `ETag`.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Its media type, read from its content.
    async fn media_type(&self) -> &str {
        &self.0.media_type
    }

    /// Its size in bytes.
    async fn size(&self) -> u64 {
        self.0.size
    }

    /// Where its bytes are served, relative to the API's root: `/documents/{name}`.
    async fn url(&self) -> String {
        format!("/documents/{}", self.0.name)
    }
}

/// The document named `name`, if the caller sees a record that carries it; each such record
/// that is not PUBLIC, or that shows it through an attachment that is not, is noted in the
/// access log as served.
pub(crate) async fn document(ctx: &Context<'_>, name: &str) -> Result<Option<Document>> {
    let (store, caller) = request(ctx)?;
    let Some(name) = crate::documents::parse_name(name.trim()) else {
        return Ok(None);
    };
    let Some(shown) = store.document(caller, &name).await? else {
        return Ok(None);
    };
    if let Some(reads) = reads(ctx) {
        for (kind, id, beyond_public) in &shown.carriers {
            if *beyond_public {
                reads.note(*kind, *id);
            }
        }
    }
    Ok(Some(Document(shown.document)))
}
