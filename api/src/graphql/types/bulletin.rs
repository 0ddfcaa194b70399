//! Bulletins (专栏简报): texts for broadcast on the county TV column and by other media.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};

use super::{Redaction, Source, redactions, related, request, scoped_object};
use crate::graphql::{
    enums::{BulletinCategory, Scope},
    ids,
    node::{self, Node},
};

scoped_object!(
    /// 专栏简报: a bulletin for broadcast, as the county TV column (电视专栏) carries it: a
    /// title, a short crawl for the screen, a body, and the record it reports on. Publishing
    /// a decision, an appointment at its notice or outcome, or an announced disciplinary case
    /// drafts one from a template.
    Bulletin(entity::bulletin::Model)
);

#[Object]
impl Bulletin {
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("Bulletin", self.0.model.id))
    }

    /// Title.
    async fn title(&self) -> &str {
        &self.0.model.title
    }

    /// The short text for the TV crawl or subtitle (字幕), at most 60 characters.
    async fn crawl(&self) -> &str {
        &self.0.model.crawl
    }

    /// The text of the bulletin.
    async fn body(&self) -> &str {
        &self.0.model.body
    }

    /// What the bulletin reports on.
    async fn category(&self) -> BulletinCategory {
        self.0.model.category.into()
    }

    /// The record the bulletin reports on, if the caller may see it; `null` when there is
    /// none or it is hidden from the caller.
    async fn related(&self, ctx: &Context<'_>) -> Result<Option<Node>> {
        let (Some(kind), Some(id)) = (self.0.model.related_kind, self.0.model.related_id) else {
            return Ok(None);
        };
        node::load_key(ctx, crate::store::name_of(kind), id).await
    }

    /// For media, while the bulletin is under embargo: the time it is published, before which
    /// it must not be broadcast. `null` once that time has passed, and for every other caller.
    async fn embargo_until(&self, ctx: &Context<'_>) -> Result<Option<DateTime<Utc>>> {
        let (_, caller) = request(ctx)?;
        Ok(caller.embargo_until(self.0.model.publish_at))
    }

    /// Fields of this bulletin hidden from the caller, with the scope each needs.
    async fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.0, &crate::access::policy::BULLETIN)
    }

    /// Each version of this bulletin shown to the public, oldest first: when it was shown, the
    /// reason for each correction (更正), and the bulletin as it was, where the caller may see
    /// it (withheld where a correction withdrew it).
    async fn versions(&self, ctx: &Context<'_>) -> Result<Vec<super::Version<Bulletin>>> {
        super::versions::<entity::bulletin::Entity, _>(ctx, &self.0, Bulletin).await
    }

    /// Disclosure scope (公开范围) of this record.
    async fn scope(&self) -> Scope {
        self.0.model.scope.into()
    }

    /// When this record was published, or is to be.
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.model.publish_at
    }

    /// Version of this record: every change raises it, and a write names the version it expects.
    async fn version(&self) -> i32 {
        self.0.model.version
    }

    /// When this record last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.model.updated_at
    }

    /// The document behind this record.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        Ok(
            related::<entity::source::Entity>(ctx, self.0.model.source_id)
                .await?
                .map(Source),
        )
    }
}
