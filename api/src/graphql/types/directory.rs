//! Organizations, people, posts, memberships and sources.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};

use super::{Power, Redaction, children, redactions, related, scoped_object};
use crate::{
    access::policy,
    graphql::{
        enums::{OrganizationKind, Scope},
        ids,
    },
};

scoped_object!(
    /// 机构: a body of the county. Organizations form a tree.
    Organization(entity::organization::Model)
);

super::record_object! {
    Organization: entity::organization::Entity, redactions: crate::access::policy::ORGANIZATION;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("Organization", self.0.model.id))
    }

    /// Full name, e.g. 中共门源回族自治县委员会常务委员会.
    async fn name(&self) -> &str {
        &self.0.model.name
    }

    /// Short name, e.g. 县委常委会.
    async fn short_name(&self) -> Option<&str> {
        self.0.model.short_name.as_deref()
    }

    /// Kind of organization.
    async fn kind(&self) -> OrganizationKind {
        self.0.model.kind.into()
    }

    /// Administrative division code (632221 for Menyuan).
    async fn division_code(&self) -> Option<&str> {
        self.0.model.division_code.as_deref()
    }

    /// What the organization does.
    async fn description(&self) -> Option<&str> {
        self.0.model.description.as_deref()
    }

    /// The jurisdiction the organization belongs to, and so everything it owns.
    async fn jurisdiction(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Option<crate::graphql::jurisdictions::Jurisdiction>> {
        crate::graphql::jurisdictions::by_key(ctx, self.0.model.jurisdiction_id).await
    }

    /// The organization this one belongs to.
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        Ok(
            related::<entity::organization::Entity>(ctx, self.0.model.parent_id)
                .await?
                .map(Organization),
        )
    }

    /// Organizations directly under this one.
    async fn children(&self, ctx: &Context<'_>) -> Result<Vec<Organization>> {
        let rows = children::<entity::organization::Entity>(
            ctx,
            entity::organization::Column::ParentId,
            self.0.model.id,
        )
        .await?;
        Ok(rows.into_iter().map(Organization).collect())
    }

    /// Posts (职位) of this organization, held or vacant.
    async fn posts(&self, ctx: &Context<'_>) -> Result<Vec<Post>> {
        let rows = children::<entity::post::Entity>(
            ctx,
            entity::post::Column::OrganizationId,
            self.0.model.id,
        )
        .await?;
        Ok(rows.into_iter().map(Post).collect())
    }

    /// Powers held by this organization.
    async fn powers(&self, ctx: &Context<'_>) -> Result<Vec<Power>> {
        let rows = children::<entity::power::Entity>(
            ctx,
            entity::power::Column::HolderOrgId,
            self.0.model.id,
        )
        .await?;
        Ok(rows.into_iter().map(Power).collect())
    }

}

scoped_object!(
    /// A person: a county leader, a cadre, a candidate, an observer. Everyone but the leaders
    /// named in the plan is fictional.
    Person(entity::person::Model)
);

super::record_object! {
    Person: entity::person::Entity;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("Person", self.0.model.id))
    }

    /// Name.
    async fn name(&self) -> &str {
        &self.0.model.name
    }

    /// Whether this person is invented for the demonstration.
    async fn fictional(&self) -> bool {
        self.0.model.fictional
    }

    /// Gender.
    async fn gender(&self) -> Option<String> {
        self.0
            .field(&policy::PERSON, "gender", |m| m.gender.clone())
            .flatten()
    }

    /// Ethnicity (民族).
    async fn ethnicity(&self) -> Option<String> {
        self.0
            .field(&policy::PERSON, "ethnicity", |m| m.ethnicity.clone())
            .flatten()
    }

    /// Year and month of birth, `YYYY-MM`.
    async fn birth_month(&self) -> Option<String> {
        self.0
            .field(&policy::PERSON, "birthMonth", |m| m.birth_month.clone())
            .flatten()
    }

    /// Education.
    async fn education(&self) -> Option<String> {
        self.0
            .field(&policy::PERSON, "education", |m| m.education.clone())
            .flatten()
    }

    /// Telephone. County leaders' mobile numbers are public by the plan; others are restricted.
    async fn phone(&self) -> Option<String> {
        self.0
            .field(&policy::PERSON, "phone", |m| m.phone.clone())
            .flatten()
    }

    /// E-mail.
    async fn email(&self) -> Option<String> {
        self.0
            .field(&policy::PERSON, "email", |m| m.email.clone())
            .flatten()
    }

    /// Office address.
    async fn office(&self) -> Option<String> {
        self.0
            .field(&policy::PERSON, "office", |m| m.office.clone())
            .flatten()
    }

    /// Posts this person holds or held.
    async fn memberships(&self, ctx: &Context<'_>) -> Result<Vec<Membership>> {
        let rows = children::<entity::membership::Entity>(
            ctx,
            entity::membership::Column::PersonId,
            self.0.model.id,
        )
        .await?;
        Ok(rows.into_iter().map(Membership).collect())
    }

    /// Fields of this person hidden from the caller, with the scope each needs.
    async fn redactions(&self) -> Vec<Redaction> {
        redactions(&self.0, &policy::PERSON)
    }

}

scoped_object!(
    /// 职位: a position in an organization. It exists whether or not someone holds it.
    Post(entity::post::Model)
);

super::record_object! {
    Post: entity::post::Entity, redactions: crate::access::policy::POST;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("Post", self.0.model.id))
    }

    /// Title, e.g. 县委书记.
    async fn title(&self) -> &str {
        &self.0.model.title
    }

    /// Whether this is a leadership post.
    async fn is_leadership(&self) -> bool {
        self.0.model.is_leadership
    }

    /// The organization of the post.
    async fn organization(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        Ok(
            related::<entity::organization::Entity>(ctx, Some(self.0.model.organization_id))
                .await?
                .map(Organization),
        )
    }

    /// Who holds or held this post.
    async fn memberships(&self, ctx: &Context<'_>) -> Result<Vec<Membership>> {
        let rows = children::<entity::membership::Entity>(
            ctx,
            entity::membership::Column::PostId,
            self.0.model.id,
        )
        .await?;
        Ok(rows.into_iter().map(Membership).collect())
    }

}

scoped_object!(
    /// 任职: a person holding a post from a start to an end.
    Membership(entity::membership::Model)
);

super::record_object! {
    Membership: entity::membership::Entity, redactions: crate::access::policy::MEMBERSHIP;
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("Membership", self.0.model.id))
    }

    /// The person.
    async fn person(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        Ok(
            related::<entity::person::Entity>(ctx, Some(self.0.model.person_id))
                .await?
                .map(Person),
        )
    }

    /// The post.
    async fn post(&self, ctx: &Context<'_>) -> Result<Option<Post>> {
        Ok(
            related::<entity::post::Entity>(ctx, Some(self.0.model.post_id))
                .await?
                .map(Post),
        )
    }

    /// First day in the post.
    async fn start_on(&self) -> NaiveDate {
        self.0.model.start_on
    }

    /// Last day in the post, if it ended.
    async fn end_on(&self) -> Option<NaiveDate> {
        self.0.model.end_on
    }

    /// A note, e.g. the group role in the leading group.
    async fn note(&self) -> Option<&str> {
        self.0.model.note.as_deref()
    }

}

scoped_object!(
    /// A document behind a record: issuer, 文号, date, link.
    Source(entity::source::Model)
);

#[Object]
impl Source {
    /// Global id.
    pub async fn id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode("Source", self.0.model.id))
    }

    /// The documents on this record that the caller may see, in order: the source's own text.
    async fn attachments(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<crate::graphql::documents::Attachment>> {
        crate::graphql::documents::of::<entity::source::Entity>(ctx, &self.0).await
    }

    /// Issuing body.
    async fn issuer(&self) -> &str {
        &self.0.model.issuer
    }

    /// Document number (文号), e.g. 青发〔2010〕24号.
    async fn doc_number(&self) -> Option<&str> {
        self.0.model.doc_number.as_deref()
    }

    /// Title.
    async fn title(&self) -> &str {
        &self.0.model.title
    }

    /// Date of issue.
    async fn issued_on(&self) -> Option<NaiveDate> {
        self.0.model.issued_on
    }

    /// Where the document can be read.
    async fn url(&self) -> Option<&str> {
        self.0.model.url.as_deref()
    }

    /// Each version of this record shown to the public, oldest first: when it was shown, the
    /// reason for each correction (更正), and the record's own fields as they were, where the
    /// caller may see them (withheld where a correction withdrew them). Linked records show as
    /// they are now.
    async fn versions(&self, ctx: &Context<'_>) -> Result<Vec<super::Version<Source>>> {
        super::versions::<entity::source::Entity, _>(ctx, &self.0, Source).await
    }

    /// Version: every change raises it; name it when you change the record.
    async fn version(&self) -> i32 {
        self.0.model.version
    }

    /// Where this record stands in the publication workflow (草稿 → 待审核 → 已审核 → 已公开, or
    /// 已撤回): for those who work on it or oversee it (editors of its organizations, reviewers
    /// while it is in review, supervisors, admins); `null`, with a redaction, for anyone else.
    async fn publication_status(&self) -> Option<crate::graphql::enums::PublicationStatus> {
        self.0.shows_status().then(|| self.0.model.status.into())
    }

    /// Fields of this record hidden from the caller, with the scope each needs.
    async fn redactions(&self) -> Vec<Redaction> {
        super::redactions(&self.0, &crate::access::policy::SOURCE)
    }

    /// Disclosure scope (公开范围) of this record.
    async fn scope(&self) -> Scope {
        self.0.model.scope.into()
    }

    /// When this record was published.
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.model.publish_at
    }

    /// When this record last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.model.updated_at
    }
}
