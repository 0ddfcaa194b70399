//! Appointments (干部任免): the kind's fields of the root query, its writes and its feed.

use async_graphql::{Context, ID, Object, Result};

use crate::access::policy;
use entity::enums::RecordKind;
use crate::graphql::{
    edit::AppointmentInput,
    filters::{AppointmentFilter, AppointmentOrder},
    kinds::{Feed, Kind, Policies, References},
    lists::{Conn, Paging, list, one, page_cost},
    types::request,
};


pub use crate::graphql::types::Appointment;

impl Kind for entity::appointment::Entity {
    const LIST: &'static str = "appointments";
    const FEED: Feed = Feed {
        title: "干部任免",
        untitled: "干部任免",
        selection: "title: vacancyTitle summary: requirements",
    };
    const POLICIES: Policies = &[&policy::APPOINTMENT];
    const REFERENCES: References = &[("organization", RecordKind::Organization), ("post", RecordKind::Post), ("candidate", RecordKind::Person), ("decidingMeeting", RecordKind::Meeting)];
    type Input = AppointmentInput;
}

/// Appointments (干部任免): the root query's fields.
#[derive(Default)]
pub struct Queries;

#[Object(name = "AppointmentQueries")]
impl Queries {
    /// Appointments (干部任免).
    #[graphql(complexity = "page_cost(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn appointments(
        &self,
        ctx: &Context<'_>,
        filter: Option<AppointmentFilter>,
        order_by: Option<AppointmentOrder>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Conn<Appointment>> {
        let (store, caller) = request(ctx)?;
        let filter = filter.unwrap_or_default().condition(caller, store.ids());
        let sort = AppointmentOrder::sort(order_by.as_ref());
        let paging = Paging {
            first,
            after,
            last,
            before,
        };
        list::<entity::appointment::Entity, _>(ctx, filter, sort, paging, Appointment).await
    }

    /// One appointment by id.
    async fn appointment(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Appointment>> {
        Ok(one::<entity::appointment::Entity>(ctx, "Appointment", &id)
            .await?
            .map(Appointment))
    }
}

crate::graphql::edit::writes! {
    "AppointmentWrites": entity::appointment::Entity, AppointmentInput, "Appointment", "appointment",
    create_appointment, update_appointment, correct_appointment
}
