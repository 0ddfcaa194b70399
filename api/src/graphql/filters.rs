//! Filter and order inputs of the list fields. Each filter becomes a condition on its table
//! only; the record filter of the caller is added by the store, always. Filters touch only
//! fields that are PUBLIC on their type, or go through the visibility of the records they
//! reach, so a filter cannot tell a caller anything a list would not.

use async_graphql::{Enum, ID, InputObject};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition,
    sea_query::{Alias, Expr, ExprTrait, Query},
};

use super::enums::{
    AppointmentOutcome, AppointmentStage, BulletinCategory, ExecutionStatus, GovernmentSanction,
    MeetingKind, MeetingStatus, OrganizationKind, PartySanction, PowerCategory, PublicationStatus,
    RiskLevel, ViolationCategory,
};
use entity::enums::RecordKind;
use sea_orm::sea_query::SimpleExpr;

use crate::{
    access::{Caller, OrgTree, visibility},
    ids::Ids,
    progress,
    store::Sort,
};

/// Which way an order runs.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrderDirection {
    /// 升序 (Ascending).
    ///
    /// Smallest first.
    #[default]
    Asc,
    /// 降序 (Descending).
    ///
    /// Largest first.
    Desc,
}

fn sort(column: &'static str, direction: OrderDirection) -> Sort {
    Sort {
        column,
        descending: direction == OrderDirection::Desc,
    }
}

/// An id of `kind` from a filter, or an id that matches nothing.
fn key(ids: &Ids, kind: &str, id: &ID) -> i64 {
    ids.decode(kind, id).unwrap_or(-1)
}

/// The record `id` of `table` is one the caller may see. A filter that names a record the
/// caller may not see matches nothing, exactly as one that names no record: filters cannot be
/// used to learn which hidden records exist.
fn visible_ref(caller: &Caller, table: &'static str, kind: RecordKind, id: i64) -> SimpleExpr {
    let seen = Query::select()
        .expr(Expr::value(1))
        .from(Alias::new(table))
        .and_where(Expr::col((Alias::new(table), Alias::new("id"))).eq(id))
        .cond_where(visibility::visible(caller, table, kind, Utc::now()))
        .to_owned();
    Expr::exists(seen)
}

/// Rows of `table` whose `column` names an organization of the jurisdiction `id` or of one
/// within it.
fn of_jurisdiction(ids: &Ids, table: &'static str, column: &'static str, id: &ID) -> SimpleExpr {
    crate::store::jurisdictions::owned_within(table, column, key(ids, "Jurisdiction", id))
}

/// Conditions every list shares: owning organization, its jurisdiction, `updatedSince` and
/// `publicationStatus`.
#[allow(clippy::too_many_arguments)]
fn common(
    mut cond: Condition,
    caller: &Caller,
    ids: &Ids,
    table: &'static str,
    organization: &Option<ID>,
    jurisdiction: &Option<ID>,
    updated_since: Option<DateTime<Utc>>,
    publication_status: Option<PublicationStatus>,
) -> Condition {
    if let Some(jurisdiction) = jurisdiction {
        cond = cond.add(of_jurisdiction(ids, table, "owner_org_id", jurisdiction));
    }
    if let Some(org) = organization {
        let org = key(ids, "Organization", org);
        cond = cond
            .add(Expr::col((Alias::new(table), Alias::new("owner_org_id"))).eq(org))
            .add(visible_ref(
                caller,
                "organizations",
                RecordKind::Organization,
                org,
            ));
    }
    if let Some(since) = updated_since {
        cond = cond.add(Expr::col((Alias::new(table), Alias::new("updated_at"))).gte(since));
    }
    if let Some(status) = publication_status {
        cond = cond.add(visibility::at_stage(table, status.into()));
    }
    cond
}

/// `%text%` for LIKE, with LIKE's own characters taken literally.
fn like(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

macro_rules! order_input {
    ($(#[$meta:meta])* $name:ident, $field:ident { $($(#[$vmeta:meta])* $variant:ident => $column:literal),+ $(,)? }) => {
        #[doc = concat!("Fields to order ", stringify!($name), " by.")]
        #[derive(Enum, Clone, Copy, PartialEq, Eq)]
        pub enum $field {
            /// 编号 (Id): creation order.
            Id,
            $($(#[$vmeta])* $variant),+
        }

        $(#[$meta])*
        #[derive(InputObject)]
        pub struct $name {
            /// The field.
            pub field: $field,
            /// The direction.
            #[graphql(default)]
            pub direction: OrderDirection,
        }

        impl $name {
            /// The sort key.
            pub fn sort(order: Option<&Self>) -> Sort {
                match order {
                    None => Sort::BY_ID,
                    Some(o) => sort(
                        match o.field {
                            $field::Id => "id",
                            $($field::$variant => $column),+
                        },
                        o.direction,
                    ),
                }
            }
        }
    };
}

order_input!(
    /// Order of powers.
    PowerOrder, PowerOrderField {
        /// 编码 (Code): catalogue code.
        Code => "code",
        /// 名称 (Name): name.
        Name => "name",
        /// 更新时间 (Last change): last change.
        UpdatedAt => "updated_at",
    }
);
order_input!(
    /// Order of meetings.
    MeetingOrder, MeetingOrderField {
        /// 开始时间 (Start): date and time.
        StartsAt => "starts_at",
        /// 更新时间 (Last change): last change.
        UpdatedAt => "updated_at",
    }
);
order_input!(
    /// Order of disciplinary cases.
    DisciplinaryCaseOrder, DisciplinaryCaseOrderField {
        /// 处理日期 (Date of the decision): date of the decision.
        DecidedOn => "decided_on",
        /// 案号 (Case number): case number.
        CaseNumber => "case_number",
        /// 更新时间 (Last change): last change.
        UpdatedAt => "updated_at",
    }
);
order_input!(
    /// Order of appointments.
    AppointmentOrder, AppointmentOrderField {
        /// 职位名称 (Vacancy title): title of the vacancy.
        VacancyTitle => "vacancy_title",
        /// 更新时间 (Last change): last change.
        UpdatedAt => "updated_at",
    }
);
order_input!(
    /// Order of bulletins.
    BulletinOrder, BulletinOrderField {
        /// 发布时间 (Publication time): publication time.
        PublishedAt => "publish_at",
        /// 更新时间 (Last change): last change.
        UpdatedAt => "updated_at",
    }
);
order_input!(
    /// Order of organizations.
    OrganizationOrder, OrganizationOrderField {
        /// 名称 (Name): name.
        Name => "name",
        /// 更新时间 (Last change): last change.
        UpdatedAt => "updated_at",
    }
);
order_input!(
    /// Order of procedures.
    ProcedureOrder, ProcedureOrderField {
        /// 编码 (Code): code.
        Code => "code",
        /// 名称 (Name): name.
        Name => "name",
    }
);

/// Which powers.
#[derive(InputObject, Default)]
pub struct PowerFilter {
    /// Of this category.
    pub category: Option<PowerCategory>,
    /// Held by this organization or one below it.
    pub holder: Option<ID>,
    /// Of this risk level.
    pub risk_level: Option<RiskLevel>,
    /// With this text in the code, name, duties or legal basis.
    pub keyword: Option<String>,
    /// Owned by this organization.
    pub organization: Option<ID>,
    /// Owned by an organization of this jurisdiction or of one within it.
    pub jurisdiction: Option<ID>,
    /// Changed at or after this time.
    pub updated_since: Option<DateTime<Utc>>,
    /// At this stage of the publication workflow. Those who do not see a record's
    /// `publicationStatus` see published records only, which is all this can find for them.
    pub publication_status: Option<PublicationStatus>,
}

impl PowerFilter {
    /// The condition on `powers`.
    pub fn condition(&self, caller: &Caller, ids: &Ids, tree: &OrgTree) -> Condition {
        use entity::power::Column;
        let mut c = common(
            Condition::all(),
            caller,
            ids,
            "powers",
            &self.organization,
            &self.jurisdiction,
            self.updated_since,
            self.publication_status,
        );
        if let Some(v) = self.category {
            c = c.add(Column::Category.eq(entity::enums::PowerCategory::from(v)));
        }
        if let Some(holder) = &self.holder {
            let holder = key(ids, "Organization", holder);
            c = c
                .add(Column::HolderOrgId.is_in(tree.with_descendants(&[holder])))
                .add(visible_ref(
                    caller,
                    "organizations",
                    RecordKind::Organization,
                    holder,
                ));
        }
        if let Some(v) = self.risk_level {
            c = c.add(Column::RiskLevel.eq(entity::enums::RiskLevel::from(v)));
        }
        if let Some(k) = self
            .keyword
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            let pattern = like(k);
            let esc = |col: Column| {
                Expr::col((Alias::new("powers"), col))
                    .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
            };
            c = c.add(
                Condition::any()
                    .add(esc(Column::Code))
                    .add(esc(Column::Name))
                    .add(esc(Column::Duties))
                    .add(esc(Column::LegalBasis)),
            );
        }
        c
    }
}

/// Which procedures.
#[derive(InputObject, Default)]
pub struct ProcedureFilter {
    /// The procedure of this power.
    pub power: Option<ID>,
    /// Owned by this organization.
    pub organization: Option<ID>,
    /// Owned by an organization of this jurisdiction or of one within it.
    pub jurisdiction: Option<ID>,
    /// Changed at or after this time.
    pub updated_since: Option<DateTime<Utc>>,
    /// At this stage of the publication workflow. Those who do not see a record's
    /// `publicationStatus` see published records only, which is all this can find for them.
    pub publication_status: Option<PublicationStatus>,
}

impl ProcedureFilter {
    /// The condition on `procedures`; the power must be one the caller may see.
    pub fn condition(&self, caller: &Caller, ids: &Ids) -> Condition {
        let mut c = common(
            Condition::all(),
            caller,
            ids,
            "procedures",
            &self.organization,
            &self.jurisdiction,
            self.updated_since,
            self.publication_status,
        );
        if let Some(power) = &self.power {
            let sub = Query::select()
                .column(Alias::new("procedure_id"))
                .from(Alias::new("powers"))
                .and_where(
                    Expr::col((Alias::new("powers"), Alias::new("id")))
                        .eq(key(ids, "Power", power)),
                )
                .cond_where(visibility::visible(
                    caller,
                    "powers",
                    entity::enums::RecordKind::Power,
                    Utc::now(),
                ))
                .to_owned();
            c = c.add(Expr::col((Alias::new("procedures"), Alias::new("id"))).in_subquery(sub));
        }
        c
    }
}

/// Which meetings.
#[derive(InputObject, Default)]
pub struct MeetingFilter {
    /// Of this body.
    pub body: Option<ID>,
    /// Of this kind.
    pub kind: Option<MeetingKind>,
    /// Held, scheduled or cancelled.
    pub status: Option<MeetingStatus>,
    /// Starting at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Starting before this time.
    pub to: Option<DateTime<Utc>>,
    /// With (true) or without (false) a decision the caller may see that has a milestone
    /// overdue as of `asOf`.
    pub has_overdue_milestones: Option<bool>,
    /// The day `hasOverdueMilestones` is judged on; default `Query.today`.
    pub as_of: Option<NaiveDate>,
    /// Owned by this organization.
    pub organization: Option<ID>,
    /// Owned by an organization of this jurisdiction or of one within it.
    pub jurisdiction: Option<ID>,
    /// Changed at or after this time.
    pub updated_since: Option<DateTime<Utc>>,
    /// At this stage of the publication workflow. Those who do not see a record's
    /// `publicationStatus` see published records only, which is all this can find for them.
    pub publication_status: Option<PublicationStatus>,
}

impl MeetingFilter {
    /// The condition on `meetings`, judging dates as of `today` when the filter names no day.
    pub fn condition(&self, caller: &Caller, ids: &Ids, today: NaiveDate) -> Condition {
        use entity::meeting::Column;
        let mut c = common(
            Condition::all(),
            caller,
            ids,
            "meetings",
            &self.organization,
            &self.jurisdiction,
            self.updated_since,
            self.publication_status,
        );
        if let Some(body) = &self.body {
            let body = key(ids, "Organization", body);
            c = c.add(Column::BodyId.eq(body)).add(visible_ref(
                caller,
                "organizations",
                RecordKind::Organization,
                body,
            ));
        }
        if let Some(v) = self.kind {
            c = c.add(Column::Kind.eq(entity::enums::MeetingKind::from(v)));
        }
        if let Some(v) = self.status {
            c = c.add(Column::MeetingStatus.eq(entity::enums::MeetingStatus::from(v)));
        }
        if let Some(from) = self.from {
            c = c.add(Column::StartsAt.gte(from));
        }
        if let Some(to) = self.to {
            c = c.add(Column::StartsAt.lt(to));
        }
        if let Some(wanted) = self.has_overdue_milestones {
            let overdue = Query::select()
                .expr(Expr::value(1))
                .from(Alias::new("decisions"))
                .inner_join(
                    Alias::new("milestones"),
                    Expr::col((Alias::new("milestones"), Alias::new("decision_id")))
                        .equals((Alias::new("decisions"), Alias::new("id"))),
                )
                .and_where(
                    Expr::col((Alias::new("decisions"), Alias::new("meeting_id")))
                        .equals((Alias::new("meetings"), Alias::new("id"))),
                )
                .cond_where(visibility::visible(
                    caller,
                    "decisions",
                    entity::enums::RecordKind::Decision,
                    Utc::now(),
                ))
                .cond_where(progress::sql::overdue_milestone(
                    self.as_of.unwrap_or(today),
                ))
                .to_owned();
            let exists = Expr::exists(overdue);
            c = c.add(if wanted { exists } else { exists.not() });
        }
        c
    }
}

/// Which decisions.
#[derive(InputObject, Default)]
pub struct DecisionFilter {
    /// How far they are carried out as of `asOf` (see `Decision.executionStatus`).
    pub execution_status: Option<ExecutionStatus>,
    /// The day `executionStatus` is judged on; default `Query.today`.
    pub as_of: Option<NaiveDate>,
    /// Taken at this meeting.
    pub meeting: Option<ID>,
    /// Owned by this organization.
    pub organization: Option<ID>,
    /// Owned by an organization of this jurisdiction or of one within it.
    pub jurisdiction: Option<ID>,
    /// Changed at or after this time.
    pub updated_since: Option<DateTime<Utc>>,
    /// At this stage of the publication workflow. Those who do not see a record's
    /// `publicationStatus` see published records only, which is all this can find for them.
    pub publication_status: Option<PublicationStatus>,
}

impl DecisionFilter {
    /// The condition on `decisions`, judging dates as of `today` when the filter names no day.
    pub fn condition(&self, caller: &Caller, ids: &Ids, today: NaiveDate) -> Condition {
        use entity::decision::Column;
        let mut c = common(
            Condition::all(),
            caller,
            ids,
            "decisions",
            &self.organization,
            &self.jurisdiction,
            self.updated_since,
            self.publication_status,
        );
        if let Some(v) = self.execution_status {
            c = c.add(progress::sql::decision_in(
                v.into(),
                self.as_of.unwrap_or(today),
            ));
        }
        if let Some(meeting) = &self.meeting {
            let meeting = key(ids, "Meeting", meeting);
            c = c.add(Column::MeetingId.eq(meeting)).add(visible_ref(
                caller,
                "meetings",
                RecordKind::Meeting,
                meeting,
            ));
        }
        c
    }
}

/// Which appointments.
#[derive(InputObject, Default)]
pub struct AppointmentFilter {
    /// At this stage.
    pub stage: Option<AppointmentStage>,
    /// With this outcome.
    pub outcome: Option<AppointmentOutcome>,
    /// Whose pre-appointment notice is open on this day.
    pub notice_open_on: Option<NaiveDate>,
    /// Owned by this organization.
    pub organization: Option<ID>,
    /// Owned by an organization of this jurisdiction or of one within it.
    pub jurisdiction: Option<ID>,
    /// Changed at or after this time.
    pub updated_since: Option<DateTime<Utc>>,
    /// At this stage of the publication workflow. Those who do not see a record's
    /// `publicationStatus` see published records only, which is all this can find for them.
    pub publication_status: Option<PublicationStatus>,
}

impl AppointmentFilter {
    /// The condition on `appointments`.
    pub fn condition(&self, caller: &Caller, ids: &Ids) -> Condition {
        use entity::appointment::Column;
        let mut c = common(
            Condition::all(),
            caller,
            ids,
            "appointments",
            &self.organization,
            &self.jurisdiction,
            self.updated_since,
            self.publication_status,
        );
        if let Some(v) = self.stage {
            c = c.add(Column::Stage.eq(entity::enums::AppointmentStage::from(v)));
        }
        if let Some(v) = self.outcome {
            c = c.add(Column::Outcome.eq(entity::enums::AppointmentOutcome::from(v)));
        }
        if let Some(day) = self.notice_open_on {
            c = c
                .add(Column::NoticeStart.lte(day))
                .add(Column::NoticeEnd.gte(day));
        }
        c
    }
}

/// Which disciplinary cases.
#[derive(InputObject, Default)]
pub struct DisciplinaryCaseFilter {
    /// With this party sanction.
    pub party_sanction: Option<PartySanction>,
    /// With this government sanction.
    pub government_sanction: Option<GovernmentSanction>,
    /// Violating this discipline.
    pub violation_category: Option<ViolationCategory>,
    /// Decided in this year.
    pub year: Option<i32>,
    /// Publicly announced (通报) or not.
    pub announced: Option<bool>,
    /// Owned by this organization.
    pub organization: Option<ID>,
    /// Owned by an organization of this jurisdiction or of one within it.
    pub jurisdiction: Option<ID>,
    /// Changed at or after this time.
    pub updated_since: Option<DateTime<Utc>>,
    /// At this stage of the publication workflow. Those who do not see a record's
    /// `publicationStatus` see published records only, which is all this can find for them.
    pub publication_status: Option<PublicationStatus>,
}

impl DisciplinaryCaseFilter {
    /// The condition on `disciplinary_cases`.
    pub fn condition(&self, caller: &Caller, ids: &Ids) -> Condition {
        use entity::disciplinary_case::Column;
        let mut c = common(
            Condition::all(),
            caller,
            ids,
            "disciplinary_cases",
            &self.organization,
            &self.jurisdiction,
            self.updated_since,
            self.publication_status,
        );
        if let Some(v) = self.party_sanction {
            c = c.add(Column::PartySanction.eq(entity::enums::PartySanction::from(v)));
        }
        if let Some(v) = self.government_sanction {
            c = c.add(Column::GovernmentSanction.eq(entity::enums::GovernmentSanction::from(v)));
        }
        if let Some(v) = self.violation_category {
            c = c.add(Column::ViolationCategory.eq(entity::enums::ViolationCategory::from(v)));
        }
        if let Some(year) = self.year {
            let start = NaiveDate::from_ymd_opt(year, 1, 1);
            let end = NaiveDate::from_ymd_opt(year.saturating_add(1), 1, 1);
            match (start, end) {
                (Some(start), Some(end)) => {
                    c = c
                        .add(Column::DecidedOn.gte(start))
                        .add(Column::DecidedOn.lt(end))
                }
                _ => c = c.add(Expr::value(false)),
            }
        }
        if let Some(v) = self.announced {
            c = c.add(Column::Announced.eq(v));
        }
        c
    }
}

/// Which bulletins.
#[derive(InputObject, Default)]
pub struct BulletinFilter {
    /// Of this category.
    pub category: Option<BulletinCategory>,
    /// About this record (any kind, by its global id).
    pub related: Option<ID>,
    /// Published at or after this time.
    pub published_after: Option<DateTime<Utc>>,
    /// Published before this time.
    pub published_before: Option<DateTime<Utc>>,
    /// Owned by this organization.
    pub organization: Option<ID>,
    /// Owned by an organization of this jurisdiction or of one within it.
    pub jurisdiction: Option<ID>,
    /// Changed at or after this time.
    pub updated_since: Option<DateTime<Utc>>,
    /// At this stage of the publication workflow. Those who do not see a record's
    /// `publicationStatus` see published records only, which is all this can find for them.
    pub publication_status: Option<PublicationStatus>,
}

impl BulletinFilter {
    /// The condition on `bulletins`.
    pub fn condition(&self, caller: &Caller, ids: &Ids) -> Condition {
        use entity::bulletin::Column;
        let mut c = common(
            Condition::all(),
            caller,
            ids,
            "bulletins",
            &self.organization,
            &self.jurisdiction,
            self.updated_since,
            self.publication_status,
        );
        if let Some(v) = self.category {
            c = c.add(Column::Category.eq(entity::enums::BulletinCategory::from(v)));
        }
        if let Some(related) = &self.related {
            // The named record must be one the caller may see, as with every filter by id.
            let named = ids
                .decode_any(related)
                .and_then(|(name, key)| Some((crate::store::kind_named(&name)?, key)));
            c = match named {
                Some((kind, key)) => c
                    .add(Column::RelatedKind.eq(kind))
                    .add(Column::RelatedId.eq(key))
                    .add(visible_ref(caller, crate::store::table_of(kind), kind, key)),
                None => c.add(Expr::value(false)),
            };
        }
        if let Some(after) = self.published_after {
            c = c.add(Column::PublishAt.gte(after));
        }
        if let Some(before) = self.published_before {
            c = c.add(Column::PublishAt.lt(before));
        }
        c
    }
}

/// Which organizations.
#[derive(InputObject, Default)]
pub struct OrganizationFilter {
    /// Of this kind.
    pub kind: Option<OrganizationKind>,
    /// Directly under this organization.
    pub parent: Option<ID>,
    /// Of this jurisdiction or of one within it.
    pub jurisdiction: Option<ID>,
    /// Changed at or after this time.
    pub updated_since: Option<DateTime<Utc>>,
    /// At this stage of the publication workflow. Those who do not see a record's
    /// `publicationStatus` see published records only, which is all this can find for them.
    pub publication_status: Option<PublicationStatus>,
}

impl OrganizationFilter {
    /// The condition on `organizations`.
    pub fn condition(&self, caller: &Caller, ids: &Ids) -> Condition {
        use entity::organization::Column;
        let mut c = common(
            Condition::all(),
            caller,
            ids,
            "organizations",
            &None,
            &None,
            self.updated_since,
            self.publication_status,
        );
        if let Some(v) = self.kind {
            c = c.add(Column::Kind.eq(entity::enums::OrganizationKind::from(v)));
        }
        if let Some(jurisdiction) = &self.jurisdiction {
            c = c.add(
                Column::JurisdictionId.in_subquery(crate::store::jurisdictions::within(key(
                    ids,
                    "Jurisdiction",
                    jurisdiction,
                ))),
            );
        }
        if let Some(parent) = &self.parent {
            let parent = key(ids, "Organization", parent);
            c = c.add(Column::ParentId.eq(parent)).add(visible_ref(
                caller,
                "organizations",
                RecordKind::Organization,
                parent,
            ));
        }
        c
    }
}

/// Which records of the kinds without a filter of their own.
#[derive(InputObject, Default)]
pub struct RecordFilter {
    /// Owned by this organization.
    pub organization: Option<ID>,
    /// Owned by an organization of this jurisdiction or of one within it.
    pub jurisdiction: Option<ID>,
    /// Changed at or after this time.
    pub updated_since: Option<DateTime<Utc>>,
    /// At this stage of the publication workflow. Those who do not see a record's
    /// `publicationStatus` see published records only, which is all this can find for them.
    pub publication_status: Option<PublicationStatus>,
}

impl RecordFilter {
    /// The condition on `table`.
    pub fn condition(&self, caller: &Caller, ids: &Ids, table: &'static str) -> Condition {
        common(
            Condition::all(),
            caller,
            ids,
            table,
            &self.organization,
            &self.jurisdiction,
            self.updated_since,
            self.publication_status,
        )
    }
}

/// Which exercises of powers to list.
#[derive(InputObject, Default)]
pub struct ExerciseFilter {
    /// Exercises of this power.
    pub power: Option<ID>,
    /// Running through this procedure.
    pub procedure: Option<ID>,
    /// That produced or concern this decision: a decision's exercise, found from the decision.
    pub decision: Option<ID>,
    /// That went through this meeting.
    pub meeting: Option<ID>,
    /// That concern this appointment.
    pub appointment: Option<ID>,
    /// That concern this disciplinary case.
    pub disciplinary_case: Option<ID>,
    /// Owned by this organization.
    pub organization: Option<ID>,
    /// Owned by an organization of this jurisdiction or of one within it.
    pub jurisdiction: Option<ID>,
    /// Changed at or after this time.
    pub updated_since: Option<DateTime<Utc>>,
    /// At this stage of the publication workflow. Those who do not see a record's
    /// `publicationStatus` see published records only, which is all this can find for them.
    pub publication_status: Option<PublicationStatus>,
}

impl ExerciseFilter {
    /// The condition on `exercises`. A record named that the caller may not see matches
    /// nothing, as an unknown one does.
    pub fn condition(&self, caller: &Caller, ids: &Ids) -> Condition {
        let mut c = common(
            Condition::all(),
            caller,
            ids,
            "exercises",
            &self.organization,
            &self.jurisdiction,
            self.updated_since,
            self.publication_status,
        );
        let links: [(&Option<ID>, &str, &'static str, &'static str, RecordKind); 6] = [
            (
                &self.power,
                "Power",
                "power_id",
                "powers",
                RecordKind::Power,
            ),
            (
                &self.procedure,
                "Procedure",
                "procedure_id",
                "procedures",
                RecordKind::Procedure,
            ),
            (
                &self.decision,
                "Decision",
                "decision_id",
                "decisions",
                RecordKind::Decision,
            ),
            (
                &self.meeting,
                "Meeting",
                "meeting_id",
                "meetings",
                RecordKind::Meeting,
            ),
            (
                &self.appointment,
                "Appointment",
                "appointment_id",
                "appointments",
                RecordKind::Appointment,
            ),
            (
                &self.disciplinary_case,
                "DisciplinaryCase",
                "disciplinary_case_id",
                "disciplinary_cases",
                RecordKind::DisciplinaryCase,
            ),
        ];
        for (id, name, column, table, kind) in links {
            if let Some(id) = id {
                let id = key(ids, name, id);
                c = c
                    .add(Expr::col((Alias::new("exercises"), Alias::new(column))).eq(id))
                    .add(visible_ref(caller, table, kind, id));
            }
        }
        c
    }
}
