//! Source documents (文件依据): what the API declares of this kind, in one place: its feed and field
//! policies, its input and write rules, its search text, its root fields and its writes.

use async_graphql::{ID, InputObject, MaybeUndefined};
use chrono::NaiveDate;

use crate::access::policy;
use crate::error::{AppError, AppResult};
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, Write};
use crate::graphql::enums::Scope;
use crate::graphql::{
    filters::RecordFilter,
    kinds::{Feed, Kind, Policies},
};

pub use crate::graphql::types::Source;

impl Kind for entity::source::Entity {
    const LIST: &'static str = "sources";
    const FEED: Feed = Feed {
        title: "文件依据",
        untitled: "文件",
        selection: "title summary: issuer",
    };
    const POLICIES: Policies = &[&policy::SOURCE];
    type Input = SourceInput;
}

/// Fields of a source: the document behind records.
#[derive(InputObject)]
pub struct SourceInput {
    /// Issuing body.
    pub issuer: Option<String>,
    /// Document number (文号).
    pub doc_number: MaybeUndefined<String>,
    /// Title.
    pub title: Option<String>,
    /// Date of issue.
    pub issued_on: MaybeUndefined<NaiveDate>,
    /// Link, http or https.
    pub url: MaybeUndefined<String>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// Documents on the record, in order, each uploaded first (`POST /documents`); replaces
    /// the stored list.
    pub attachments: Option<Vec<crate::graphql::edit::AttachmentInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::source::Entity> for SourceInput {
    fn apply(self, a: &mut entity::source::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.text(&mut a.issuer, "input.issuer", self.issuer, MAX_NAME)?;
        w.opt_text(&mut a.doc_number, "input.docNumber", self.doc_number, 64)?;
        w.text(&mut a.title, "input.title", self.title, MAX_NAME)?;
        w.set_opt(&mut a.issued_on, self.issued_on);
        if let MaybeUndefined::Value(url) = &self.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(AppError::bad_input(
                "input.url",
                "a link starts with https:// or http://",
            ));
        }
        w.opt_text(&mut a.url, "input.url", self.url, 2_000)?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "SourceQueries": entity::source::Entity => Source;
    /// Source documents behind the records: issuer, 文号, date, link.
    sources(filter: RecordFilter);
}

crate::graphql::edit::writes! {
    "SourceWrites": entity::source::Entity, SourceInput, "Source", "source",
    create_source, update_source, correct_source
}

crate::store::edit::editable! {
    source: "source" requires [("input.issuer", "issuer"), ("input.title", "title")]
}

impl crate::search::Searchable for entity::source::Entity {
    fn documents(m: &Self::Model) -> Vec<crate::search::Document> {
        crate::search::documents_of::<Self>(
            m,
            &crate::access::policy::SOURCE,
            &[
                ("title", Some(m.title.clone()), true),
                ("docNumber", m.doc_number.clone(), true),
                ("issuer", Some(m.issuer.clone()), false),
            ],
        )
    }
}
