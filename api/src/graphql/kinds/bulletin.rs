//! Bulletins (专栏简报): the kind's input, its fields of the root query, its writes and its feed.

use async_graphql::{ID, InputObject, MaybeUndefined};
use sea_orm::ActiveValue::Set;

use crate::access::policy;
use crate::error::AppError;
use crate::error::AppResult;
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write};
use crate::graphql::enums::{BulletinCategory, Scope};
use crate::graphql::{
    filters::{BulletinFilter, BulletinOrder},
    kinds::{Feed, Kind, Policies},
};

pub use crate::graphql::types::Bulletin;

impl Kind for entity::bulletin::Entity {
    const LIST: &'static str = "bulletins";
    const FEED: Feed = Feed {
        title: "党务公开公告",
        untitled: "公告",
        selection: "title summary: body",
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
