//! Duty reports (述职述廉), the 一述 of 一述双评三监督: a leader's account of their duties and
//! integrity over a period, the county secretary and deputy secretary in public at a meeting,
//! standing-committee members in writing. Published like every record. Everything this kind
//! is, in one place: its GraphQL type and field policy, its input, its write rules, its search
//! text, its feed, and its fields of the root query.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Result};
use chrono::NaiveDate;
use entity::{
    duty_report::{ActiveModel, Entity, Model},
    enums::RecordKind,
};

use crate::{
    access::policy::{Policy, Scoped},
    error::AppResult,
    graphql::{
        edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write},
        enums::{DutyReportForm, Scope},
        filters::RecordFilter,
        ids,
        kinds::{Feed, Kind, Policies, References},
        prefetch::{Prefetch, related as prefetch_related},
        types::{Meeting, Person, Post, Redaction, redactions, related},
    },
    search::{Document, Searchable, documents_of},
    store::{
        Record,
        edit::{Check, Editable, Plan},
    },
};

/// Who sees which field of a duty report: whoever sees the record sees all of it.
pub const POLICY: Policy<Model> = Policy {
    type_name: "DutyReport",
    record: true,
    public: &[
        "person",
        "post",
        "form",
        "title",
        "periodStart",
        "periodEnd",
        "reportedOn",
        "meeting",
        "text",
        "redactions",
        "source",
    ],
    guarded: &[],
};

impl Kind for Entity {
    const LIST: &'static str = "dutyReports";
    const FEED: Feed = Feed {
        title: "述职述廉",
        untitled: "述职述廉",
        selection: "title summary: text",
    };
    const POLICIES: Policies = &[&POLICY];
    const REFERENCES: References = &[
        ("person", RecordKind::Person),
        ("post", RecordKind::Post),
        ("meeting", RecordKind::Meeting),
    ];
    type Input = DutyReportInput;
}

impl Editable for Entity {
    const NOUN: &'static str = "duty report";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        ("input.person", "person_id"),
        ("input.form", "form"),
        ("input.title", "title"),
        ("input.periodStart", "period_start"),
        ("input.periodEnd", "period_end"),
        ("input.reportedOn", "reported_on"),
        ("input.text", "text"),
    ];

    /// A period ends after it starts, and is reported on after it starts.
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
                ("text", Some(m.text.clone()), false),
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
        prefetch_related::<entity::person::Entity, _>(ctx, selection, rows, "person", |m| {
            Some(m.person_id)
        })
        .await?;
        prefetch_related::<entity::post::Entity, _>(ctx, selection, rows, "post", |m| m.post_id)
            .await?;
        prefetch_related::<entity::meeting::Entity, _>(ctx, selection, rows, "meeting", |m| {
            m.meeting_id
        })
        .await?;
        prefetch_related::<entity::source::Entity, _>(ctx, selection, rows, "source", |m| {
            m.source_id
        })
        .await
    }
}

crate::graphql::types::scoped_object!(
    /// 述职述廉: a leader's report on their duties and integrity over a period, in public or
    /// in writing.
    DutyReport(Model)
);

crate::graphql::types::record_object! {
    DutyReport: Entity;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode(Entity::NAME, self.0.model.id))
    }

    /// Who reports.
    async fn person(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        Ok(
            related::<entity::person::Entity>(ctx, Some(self.0.model.person_id))
                .await?
                .map(Person),
        )
    }

    /// The post they report on.
    async fn post(&self, ctx: &Context<'_>) -> Result<Option<Post>> {
        Ok(related::<entity::post::Entity>(ctx, self.0.model.post_id)
            .await?
            .map(Post))
    }

    /// In public or in writing.
    async fn form(&self) -> DutyReportForm {
        self.0.model.form.into()
    }

    /// Title.
    async fn title(&self) -> &str {
        &self.0.model.title
    }

    /// First day of the period reported on.
    async fn period_start(&self) -> NaiveDate {
        self.0.model.period_start
    }

    /// Last day of the period reported on.
    async fn period_end(&self) -> NaiveDate {
        self.0.model.period_end
    }

    /// The day of the report.
    async fn reported_on(&self) -> NaiveDate {
        self.0.model.reported_on
    }

    /// The meeting where it was given, for a report given in public.
    async fn meeting(&self, ctx: &Context<'_>) -> Result<Option<Meeting>> {
        Ok(related::<entity::meeting::Entity>(ctx, self.0.model.meeting_id)
            .await?
            .map(Meeting))
    }

    /// The report.
    async fn text(&self) -> &str {
        &self.0.model.text
    }

    /// Fields withheld from the caller, and why.
    async fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.0, &POLICY)
    }

}

/// Fields of a duty report (述职述廉).
#[derive(InputObject)]
pub struct DutyReportInput {
    /// Who reports.
    pub person: Option<ID>,
    /// The post they report on.
    pub post: MaybeUndefined<ID>,
    /// In public or in writing.
    pub form: Option<DutyReportForm>,
    /// Title.
    pub title: Option<String>,
    /// First day of the period reported on.
    pub period_start: Option<NaiveDate>,
    /// Last day of the period reported on.
    pub period_end: Option<NaiveDate>,
    /// The day of the report.
    pub reported_on: Option<NaiveDate>,
    /// The meeting where it was given.
    pub meeting: MaybeUndefined<ID>,
    /// The report.
    pub text: Option<String>,
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

impl Apply<Entity> for DutyReportInput {
    fn apply(self, a: &mut ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.person_id,
            "input.person",
            RecordKind::Person,
            self.person,
        )?;
        w.opt_id(&mut a.post_id, "input.post", RecordKind::Post, self.post)?;
        w.set(
            &mut a.form,
            self.form.map(entity::enums::DutyReportForm::from),
        );
        w.text(&mut a.title, "input.title", self.title, MAX_NAME)?;
        w.set(&mut a.period_start, self.period_start);
        w.set(&mut a.period_end, self.period_end);
        w.set(&mut a.reported_on, self.reported_on);
        w.opt_id(
            &mut a.meeting_id,
            "input.meeting",
            RecordKind::Meeting,
            self.meeting,
        )?;
        w.text(&mut a.text, "input.text", self.text, MAX_TEXT)?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "DutyReportQueries": Entity => DutyReport;
    /// Duty reports of the county's leaders (述职述廉).
    duty_reports(filter: RecordFilter);
    /// One duty report by id.
    duty_report(id);
}

crate::graphql::edit::writes! {
    "DutyReportWrites": Entity, DutyReportInput, "DutyReport",
    "duty report", create_duty_report, update_duty_report,
    correct_duty_report
}
