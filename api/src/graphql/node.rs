//! The Relay `Node` interface: any record by its global id.

use async_graphql::{Context, ID, Interface, Result};

use super::{
    ids,
    types::{
        Appointment, Bulletin, Decision, DisciplinaryCase, Meeting, Membership, Observer,
        Organization, Person, Post, Power, Procedure, Source, related,
    },
};

/// A record with a global id, stable forever and the same on every database.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Global id."))]
pub enum Node {
    /// An organization.
    Organization(Organization),
    /// A person.
    Person(Person),
    /// A post.
    Post(Post),
    /// A membership.
    Membership(Membership),
    /// A source document.
    Source(Source),
    /// A procedure.
    Procedure(Procedure),
    /// A power.
    Power(Power),
    /// A meeting.
    Meeting(Meeting),
    /// A decision.
    Decision(Decision),
    /// An observer.
    Observer(Observer),
    /// An appointment.
    Appointment(Appointment),
    /// A disciplinary case.
    DisciplinaryCase(DisciplinaryCase),
    /// A bulletin.
    Bulletin(Bulletin),
}

/// The record behind `id`, if it exists and the caller may see it; `None` for anything else,
/// malformed ids included.
pub async fn load(ctx: &Context<'_>, id: &ID) -> Result<Option<Node>> {
    let Some((kind, key)) = ids::of(ctx)?.decode_any(id) else {
        return Ok(None);
    };
    load_key(ctx, &kind, key).await
}

/// The record of type `kind` with database id `key`, if the caller may see it.
pub async fn load_key(ctx: &Context<'_>, kind: &str, key: i64) -> Result<Option<Node>> {
    let key = Some(key);
    Ok(match kind {
        "Organization" => related::<entity::organization::Entity>(ctx, key)
            .await?
            .map(|r| Node::Organization(Organization(r))),
        "Person" => related::<entity::person::Entity>(ctx, key)
            .await?
            .map(|r| Node::Person(Person(r))),
        "Post" => related::<entity::post::Entity>(ctx, key)
            .await?
            .map(|r| Node::Post(Post(r))),
        "Membership" => related::<entity::membership::Entity>(ctx, key)
            .await?
            .map(|r| Node::Membership(Membership(r))),
        "Source" => related::<entity::source::Entity>(ctx, key)
            .await?
            .map(|r| Node::Source(Source(r))),
        "Procedure" => related::<entity::procedure::Entity>(ctx, key)
            .await?
            .map(|r| Node::Procedure(Procedure(r))),
        "Power" => related::<entity::power::Entity>(ctx, key)
            .await?
            .map(|r| Node::Power(Power(r))),
        "Meeting" => related::<entity::meeting::Entity>(ctx, key)
            .await?
            .map(|r| Node::Meeting(Meeting(r))),
        "Decision" => related::<entity::decision::Entity>(ctx, key)
            .await?
            .map(|r| Node::Decision(Decision(r))),
        "Observer" => related::<entity::observer::Entity>(ctx, key)
            .await?
            .map(|r| Node::Observer(Observer(r))),
        "Appointment" => related::<entity::appointment::Entity>(ctx, key)
            .await?
            .map(|r| Node::Appointment(Appointment(r))),
        "DisciplinaryCase" => related::<entity::disciplinary_case::Entity>(ctx, key)
            .await?
            .map(|r| Node::DisciplinaryCase(DisciplinaryCase(r))),
        "Bulletin" => related::<entity::bulletin::Entity>(ctx, key)
            .await?
            .map(|r| Node::Bulletin(Bulletin(r))),
        _ => None,
    })
}
