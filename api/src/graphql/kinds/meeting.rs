//! Meetings: the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, ID, Object, Result};

use crate::access::policy;
use entity::enums::RecordKind;
use crate::graphql::{
    edit::MeetingInput,
    filters::{MeetingFilter, MeetingOrder},
    kinds::{Feed, Kind, Policies, References},
    lists::{Conn, Paging, list, one, page_cost},
    types::request,
};


pub use crate::graphql::types::Meeting;

impl Kind for entity::meeting::Entity {
    const LIST: &'static str = "meetings";
    const FEED: Feed = Feed {
        title: "会议公开",
        untitled: "会议",
        selection: "title: label summary",
    };
    const POLICIES: Policies = &[&policy::MEETING, &policy::ATTENDANCE, &policy::AGENDA_ITEM];
    const REFERENCES: References = &[("body", RecordKind::Organization), ("chair", RecordKind::Person), ("attendance.person", RecordKind::Person), ("agenda.presenter", RecordKind::Person)];
    type Input = MeetingInput;
}

/// Meetings: the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "MeetingQueries")]
impl Queries {
    /// Meetings.
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        filter: Option<MeetingFilter>,
        order_by: Option<MeetingOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Meeting>> {
        let (store, caller) = request(ctx)?;
        let filter = filter.unwrap_or_default().condition(caller, store.ids());
        let sort = MeetingOrder::sort(order_by.as_ref());
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::meeting::Entity, _>(ctx, filter, sort, paging, Meeting).await
    }

    /// One meeting by id.
    async fn meeting(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Meeting>> {
        Ok(one::<entity::meeting::Entity>(ctx, "Meeting", &id)
            .await?
            .map(Meeting))
    }
}

crate::graphql::edit::writes! {
    "MeetingWrites": entity::meeting::Entity, MeetingInput, "Meeting", "meeting",
    create_meeting, update_meeting, correct_meeting
}
