//! Source documents (文件依据): the kind's input, its fields of the root query, its writes and its feed.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};
use chrono::NaiveDate;

use crate::access::policy;
use crate::error::AppError;
use crate::error::AppResult;
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, Write};
use crate::graphql::enums::Scope;
use crate::graphql::{
    filters::RecordFilter,
    kinds::{Feed, Kind, Policies},
    lists::{Conn, Paging, list, page_cost},
    types::request,
};
use crate::store::Sort;

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
        )
    }
}

/// Source documents (文件依据): the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "SourceQueries")]
impl Queries {
    /// Source documents behind the records: issuer, 文号, date, link.
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn sources(
        &self,
        ctx: &Context<'_>,
        filter: Option<RecordFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Source>> {
        let (store, caller) = request(ctx)?;
        let filter = filter
            .unwrap_or_default()
            .condition(caller, store.ids(), "sources");
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::source::Entity, _>(ctx, filter, Sort::BY_ID, paging, Source).await
    }
}

crate::graphql::edit::writes! {
    "SourceWrites": entity::source::Entity, SourceInput, "Source", "source",
    create_source, update_source, correct_source
}

crate::store::edit::editable! {
    source: "source" requires [("input.issuer", "issuer"), ("input.title", "title")]
}
