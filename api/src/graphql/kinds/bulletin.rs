//! Bulletins (专栏简报): what the API declares of this kind, in one place: its GraphQL type, its feed
//! and field policies, its input and write rules, its search text, its root fields and its writes.

use async_graphql::{ID, InputObject, MaybeUndefined};
use sea_orm::ActiveValue::Set;

use crate::access::policy;
use crate::error::{AppError, AppResult};
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write};
use crate::graphql::enums::{BulletinCategory, Scope};
use crate::graphql::{
    filters::{BulletinFilter, BulletinOrder},
    kinds::{Feed, Kind, Policies},
};

pub use object::Bulletin;

impl Kind for entity::bulletin::Entity {
    const LIST: &'static str = "bulletins";
    const FEED: Feed = Feed {
        title: "党务公开公告",
        untitled: "公告",
        selection: "title summary: crawl content: body",
    };
    const POLICIES: Policies = &[&policy::BULLETIN];
    type Input = BulletinInput;
}

/// Fields of a bulletin (专栏简报) for broadcast.
#[derive(InputObject)]
pub struct BulletinInput {
    /// Title.
    pub title: Option<String>,
    /// The short text of the TV crawl or subtitle (字幕): at most 60 characters, a Chinese
    /// character counting as one.
    pub crawl: Option<String>,
    /// The text of the bulletin.
    pub body: Option<String>,
    /// What it reports on.
    pub category: Option<BulletinCategory>,
    /// The record it reports on: the global id of a record of any kind; `null` clears it.
    pub related: MaybeUndefined<ID>,
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

impl Apply<entity::bulletin::Entity> for BulletinInput {
    fn apply(self, a: &mut entity::bulletin::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.text(&mut a.title, "input.title", self.title, MAX_NAME)?;
        w.text(
            &mut a.crawl,
            "input.crawl",
            self.crawl,
            crate::store::rules::MAX_CRAWL_CHARS,
        )?;
        w.text(&mut a.body, "input.body", self.body, MAX_TEXT)?;
        w.set(&mut a.category, self.category.map(Into::into));
        match self.related {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => {
                a.related_kind = Set(None);
                a.related_id = Set(None);
            }
            MaybeUndefined::Value(id) => {
                let named = w
                    .ids
                    .decode_any(&id)
                    .and_then(|(name, key)| Some((crate::store::kind_named(&name)?, key)));
                let Some((kind, key)) = named else {
                    return Err(AppError::bad_input(
                        "input.related",
                        "this is not the id of a record",
                    ));
                };
                w.plan.reference("input.related", kind, key);
                a.related_kind = Set(Some(kind));
                a.related_id = Set(Some(key));
            }
        }
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "BulletinQueries": entity::bulletin::Entity => Bulletin;
    /// Bulletins (专栏简报) for broadcast: the TV column's texts. Media see a bulletin published
    /// for a later time from the embargo window before it, with `embargoUntil` set.
    bulletins(filter: BulletinFilter, order_by: BulletinOrder);
    /// One bulletin by id.
    bulletin(id);
}

crate::graphql::edit::writes! {
    "BulletinWrites": entity::bulletin::Entity, BulletinInput, "Bulletin", "bulletin",
    create_bulletin, update_bulletin, correct_bulletin
}

crate::store::edit::editable! {
    bulletin: "bulletin" requires [
        ("input.title", "title"), ("input.crawl", "crawl"), ("input.body", "body"),
        ("input.category", "category"),
    ] rules crate::store::rules::bulletin
}

impl crate::search::Searchable for entity::bulletin::Entity {
    fn documents(m: &Self::Model) -> Vec<crate::search::Document> {
        crate::search::documents_of::<Self>(
            m,
            &crate::access::policy::BULLETIN,
            &[
                ("title", Some(m.title.clone()), true),
                ("crawl", Some(m.crawl.clone()), false),
                ("body", Some(m.body.clone()), false),
            ],
        )
    }
}

/// The kind's GraphQL type.
mod object {
    use async_graphql::{Context, ID, Object, Result};
    use chrono::{DateTime, Utc};

    use crate::graphql::types::{Redaction, Source, redactions, related, request, scoped_object};
    use crate::graphql::{
        enums::{BulletinCategory, Scope},
        ids,
        kinds::{self, Node},
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

        /// The documents on this record that the caller may see, in order.
        async fn attachments(
            &self,
            ctx: &Context<'_>,
        ) -> Result<Vec<crate::graphql::documents::Attachment>> {
            crate::graphql::documents::of::<entity::bulletin::Entity>(ctx, &self.0).await
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
            let (Some(kind), Some(id)) = (self.0.model.related_kind, self.0.model.related_id)
            else {
                return Ok(None);
            };
            kinds::load_key(ctx, crate::store::name_of(kind), id).await
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
        async fn versions(
            &self,
            ctx: &Context<'_>,
        ) -> Result<Vec<crate::graphql::types::Version<Bulletin>>> {
            crate::graphql::types::versions::<entity::bulletin::Entity, _>(ctx, &self.0, Bulletin)
                .await
        }

        /// Where this record stands in the publication workflow (草稿 → 待审核 → 已审核 → 已公开,
        /// or 已撤回): for those who work on it or oversee it (editors of its organizations,
        /// reviewers while it is in review, supervisors, admins); `null`, with a redaction, for
        /// anyone else.
        async fn publication_status(&self) -> Option<crate::graphql::enums::PublicationStatus> {
            self.0.shows_status().then(|| self.0.model.status.into())
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
}
