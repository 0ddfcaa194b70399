//! Disciplinary cases (违纪违法问题处理).

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};

use super::{Organization, Person, Redaction, Source, redactions, related, scoped_object};
use crate::{
    access::policy,
    graphql::{
        enums::{GovernmentSanction, PartySanction, Scope, ViolationCategory},
        ids,
    },
};

scoped_object!(
    /// 违纪违法问题处理: a disciplinary case and its outcome. The person's name and post are
    /// public only once the case was announced (通报).
    DisciplinaryCase(entity::disciplinary_case::Model)
);

#[Object]
impl DisciplinaryCase {
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("DisciplinaryCase", self.0.model.id))
    }

    /// Case number, e.g. 门纪案〔2011〕3号.
    async fn case_number(&self) -> &str {
        &self.0.model.case_number
    }

    /// The disciplined person's name. Public once announced; party-internal before.
    async fn subject_name(&self) -> Option<String> {
        self.0
            .field(&policy::DISCIPLINARY_CASE, "subjectName", |m| {
                m.subject_name.clone()
            })
    }

    /// The disciplined person. Public once announced; party-internal before.
    async fn subject(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        let id = self
            .0
            .field(&policy::DISCIPLINARY_CASE, "subject", |m| m.subject_id)
            .flatten();
        Ok(related::<entity::person::Entity>(ctx, id)
            .await?
            .map(Person))
    }

    /// The person's post at the time. Public once announced; party-internal before.
    async fn post_at_time(&self) -> Option<String> {
        self.0.field(&policy::DISCIPLINARY_CASE, "postAtTime", |m| {
            m.post_at_time.clone()
        })
    }

    /// Rank, e.g. 科级, 一般干部, 村干部.
    async fn rank(&self) -> &str {
        &self.0.model.rank
    }

    /// Which of the six disciplines was violated.
    async fn violation_category(&self) -> ViolationCategory {
        self.0.model.violation_category.into()
    }

    /// Summary of the facts.
    async fn summary(&self) -> &str {
        &self.0.model.summary
    }

    /// Amount involved, in yuan.
    async fn amount_yuan(&self) -> Option<i64> {
        self.0.model.amount_yuan
    }

    /// Party sanction (党纪处分).
    async fn party_sanction(&self) -> Option<PartySanction> {
        self.0.model.party_sanction.map(Into::into)
    }

    /// Years of 留党察看, for PROBATION.
    async fn probation_years(&self) -> Option<i32> {
        self.0.model.probation_years
    }

    /// Government sanction (政务处分).
    async fn government_sanction(&self) -> Option<GovernmentSanction> {
        self.0.model.government_sanction.map(Into::into)
    }

    /// Date of the decision.
    async fn decided_on(&self) -> NaiveDate {
        self.0.model.decided_on
    }

    /// The body that decided.
    async fn deciding_body(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        Ok(
            related::<entity::organization::Entity>(ctx, self.0.model.deciding_body_id)
                .await?
                .map(Organization),
        )
    }

    /// Whether the case went to the prosecutors (移送司法机关).
    async fn transferred_to_prosecutors(&self) -> bool {
        self.0.model.transferred_to_prosecutors
    }

    /// Whether the case was publicly announced (通报曝光).
    async fn announced(&self) -> bool {
        self.0.model.announced
    }

    /// When it was announced.
    async fn announced_on(&self) -> Option<NaiveDate> {
        self.0.model.announced_on
    }

    /// Fields of this case hidden from the caller, with the scope each needs.
    async fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.0, &policy::DISCIPLINARY_CASE)
    }

    /// Each version of this record shown to the public, oldest first: when it was shown, the
    /// reason for each correction (更正), and the record's own fields as they were, where the
    /// caller may see them (withheld where a correction withdrew them). Linked records show as
    /// they are now.
    async fn versions(&self, ctx: &Context<'_>) -> Result<Vec<super::Version<DisciplinaryCase>>> {
        super::versions::<entity::disciplinary_case::Entity, _>(ctx, &self.0, DisciplinaryCase)
            .await
    }

    /// Disclosure scope (公开范围) of this record.
    async fn scope(&self) -> Scope {
        self.0.model.scope.into()
    }

    /// When this record was published.
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
