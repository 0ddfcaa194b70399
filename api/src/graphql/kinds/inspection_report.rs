//! Inspection reports of the public supervisors (社会监督员监督检查报告): what a supervisor
//! inspected of the committee's disclosure over a period (the website, the TV column, the
//! notice boards), what they found and what they recommend. Written by the supervisors' liaison
//! office, reviewed and published like every record: PUBLIC once approved, unless the report
//! is for the party or a named audience. Everything this kind is, in one place: its GraphQL
//! type and field policy, its input, its write rules, its search text, its feed, and its
//! fields of the root query.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Result};
use chrono::NaiveDate;
use entity::{
    enums::RecordKind,
    inspection_report::{ActiveModel, Entity, Model},
};

use super::social_supervisor::SocialSupervisor;
use crate::{
    access::policy::{Policy, Scoped},
    error::AppResult,
    graphql::{
        edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write},
        enums::Scope,
        filters::RecordFilter,
        ids,
        kinds::{Feed, Kind, Policies, References},
        prefetch::{Prefetch, related as prefetch_related},
        types::{Redaction, redactions, related},
    },
    search::{Document, Searchable, documents_of},
    store::{
        Record,
        edit::{Check, Editable, Plan},
    },
};

/// Who sees which field of an inspection report: whoever sees the record sees all of it.
pub const POLICY: Policy<Model> = Policy {
    type_name: "InspectionReport",
    record: true,
    public: &[
        "supervisor",
        "title",
        "periodStart",
        "periodEnd",
        "reportedOn",
        "findings",
        "recommendations",
        "redactions",
        "source",
    ],
    guarded: &[],
};

impl Kind for Entity {
    const LIST: &'static str = "inspectionReports";
    const FEED: Feed = Feed {
        title: "社会监督员监督检查报告",
        untitled: "监督检查报告",
        selection: "title summary: findings",
    };
    const POLICIES: Policies = &[&POLICY];
    const REFERENCES: References = &[("supervisor", RecordKind::SocialSupervisor)];
    type Input = InspectionReportInput;
}

impl Editable for Entity {
    const NOUN: &'static str = "inspection report";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        ("input.supervisor", "supervisor_id"),
        ("input.title", "title"),
        ("input.periodStart", "period_start"),
        ("input.periodEnd", "period_end"),
        ("input.reportedOn", "reported_on"),
        ("input.findings", "findings"),
    ];

    /// A period ends after it starts, and is reported on after it ends.
    fn rules(model: &Model, _: &crate::calendar::Calendar, _: &Plan) -> AppResult<Vec<Check>> {
        crate::store::validate::reported_period(
            model.period_start,
            model.period_end,
            model.reported_on,
        )?;
        Ok(Vec::new())
    }
}

impl Searchable for Entity {
    fn documents(m: &Model) -> Vec<Document> {
        documents_of::<Self>(
            m,
            &POLICY,
            &[
                ("title", Some(m.title.clone()), true),
                ("findings", Some(m.findings.clone()), false),
                ("recommendations", m.recommendations.clone(), false),
            ],
        )
    }
}

impl Prefetch for Entity {
    async fn prefetch<'a>(
        ctx: &'a Context<'a>,
        rows: &'a [&'a Scoped<Model>],
        selection: &'a async_graphql::Lookahead<'a>,
    ) -> Result<()> {
        prefetch_related::<entity::social_supervisor::Entity, _>(
            ctx,
            selection,
            rows,
            "supervisor",
            |m| Some(m.supervisor_id),
        )
        .await?;
        prefetch_related::<entity::source::Entity, _>(ctx, selection, rows, "source", |m| {
            m.source_id
        })
        .await
    }
}

crate::graphql::types::scoped_object!(
    /// 监督检查报告: a public supervisor's report on the disclosure they inspected over a
    /// period, with what they found and what they recommend.
    InspectionReport(Model)
);

crate::graphql::types::record_object! {
    InspectionReport: Entity;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode(Entity::NAME, self.0.model.id))
    }

    /// The supervisor who reports.
    async fn supervisor(&self, ctx: &Context<'_>) -> Result<Option<SocialSupervisor>> {
        Ok(
            related::<entity::social_supervisor::Entity>(ctx, Some(self.0.model.supervisor_id))
                .await?
                .map(SocialSupervisor),
        )
    }

    /// Title.
    async fn title(&self) -> &str {
        &self.0.model.title
    }

    /// First day of the period inspected.
    async fn period_start(&self) -> NaiveDate {
        self.0.model.period_start
    }

    /// Last day of the period inspected.
    async fn period_end(&self) -> NaiveDate {
        self.0.model.period_end
    }

    /// The day of the report.
    async fn reported_on(&self) -> NaiveDate {
        self.0.model.reported_on
    }

    /// What the supervisor found.
    async fn findings(&self) -> &str {
        &self.0.model.findings
    }

    /// What the supervisor recommends.
    async fn recommendations(&self) -> Option<&str> {
        self.0.model.recommendations.as_deref()
    }

    /// Fields withheld from the caller, and why.
    async fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.0, &POLICY)
    }

}

/// Fields of an inspection report (监督检查报告).
#[derive(InputObject)]
pub struct InspectionReportInput {
    /// The supervisor who reports.
    pub supervisor: Option<ID>,
    /// Title.
    pub title: Option<String>,
    /// First day of the period inspected.
    pub period_start: Option<NaiveDate>,
    /// Last day of the period inspected.
    pub period_end: Option<NaiveDate>,
    /// The day of the report.
    pub reported_on: Option<NaiveDate>,
    /// What the supervisor found.
    pub findings: Option<String>,
    /// What the supervisor recommends.
    pub recommendations: MaybeUndefined<String>,
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

impl Apply<Entity> for InspectionReportInput {
    fn apply(self, a: &mut ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.supervisor_id,
            "input.supervisor",
            RecordKind::SocialSupervisor,
            self.supervisor,
        )?;
        w.text(&mut a.title, "input.title", self.title, MAX_NAME)?;
        w.set(&mut a.period_start, self.period_start);
        w.set(&mut a.period_end, self.period_end);
        w.set(&mut a.reported_on, self.reported_on);
        w.text(&mut a.findings, "input.findings", self.findings, MAX_TEXT)?;
        w.opt_text(
            &mut a.recommendations,
            "input.recommendations",
            self.recommendations,
            MAX_TEXT,
        )?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "InspectionReportQueries": Entity => InspectionReport;
    /// Inspection reports of the public supervisors (社会监督员监督检查报告).
    inspection_reports(filter: RecordFilter);
    /// One inspection report by id.
    inspection_report(id);
}

crate::graphql::edit::writes! {
    "InspectionReportWrites": Entity, InspectionReportInput, "InspectionReport",
    "inspection report", create_inspection_report, update_inspection_report,
    correct_inspection_report
}
