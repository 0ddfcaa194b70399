//! Posts (职位): what the API declares of this kind, in one place: its feed and field policies, its
//! input and write rules, its search text, its root fields and its writes.

use async_graphql::{ID, InputObject, MaybeUndefined};
use entity::enums::RecordKind;

use crate::access::policy;
use crate::error::AppResult;
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, Write};
use crate::graphql::enums::Scope;
use crate::graphql::{
    filters::RecordFilter,
    kinds::{Feed, Kind, Policies, References},
};

pub use crate::graphql::types::Post;

impl Kind for entity::post::Entity {
    const LIST: &'static str = "posts";
    const FEED: Feed = Feed {
        title: "职务",
        untitled: "职务",
        selection: "title",
    };
    const POLICIES: Policies = &[&policy::POST];
    const REFERENCES: References = &[("organization", RecordKind::Organization)];
    type Input = PostInput;
}

/// Fields of a post (职位).
#[derive(InputObject)]
pub struct PostInput {
    /// The organization the post belongs to.
    pub organization: Option<ID>,
    /// Title, e.g. 县委书记.
    pub title: Option<String>,
    /// Whether it is a leadership post.
    pub is_leadership: Option<bool>,
    /// Order among the organization's posts.
    pub position: Option<i32>,
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

impl Apply<entity::post::Entity> for PostInput {
    fn apply(self, a: &mut entity::post::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.organization_id,
            "input.organization",
            RecordKind::Organization,
            self.organization,
        )?;
        w.text(&mut a.title, "input.title", self.title, MAX_NAME)?;
        w.set(&mut a.is_leadership, self.is_leadership);
        let position = match self.position {
            Some(p) => MaybeUndefined::Value(p),
            None => MaybeUndefined::Undefined,
        };
        let position = w.number("input.position", position, 0..=10_000)?;
        w.set(&mut a.position, position.take());
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "PostQueries": entity::post::Entity => Post;
    /// Posts (职位) of every organization, held or vacant.
    posts(filter: RecordFilter);
}

crate::graphql::edit::writes! {
    "PostWrites": entity::post::Entity, PostInput, "Post", "post",
    create_post, update_post, correct_post
}

crate::store::edit::editable! {
    post: "post" requires [("input.title", "title"), ("input.organization", "organization_id")]
        defaults |a| {
            a.is_leadership = sea_orm::ActiveValue::Set(false);
            a.position = sea_orm::ActiveValue::Set(0);
        }
}

impl crate::search::Searchable for entity::post::Entity {
    fn documents(m: &Self::Model) -> Vec<crate::search::Document> {
        crate::search::documents_of::<Self>(
            m,
            &crate::access::policy::POST,
            &[("title", Some(m.title.clone()), true)],
        )
    }
}
