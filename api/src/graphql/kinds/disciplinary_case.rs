//! Disciplinary cases (违纪违法问题处理): what the API declares of this kind, in one place: its GraphQL
//! type, its feed and field policies, its input and write rules, its search text, its root fields
//! and its writes.

use async_graphql::{ID, InputObject, MaybeUndefined};
use chrono::NaiveDate;
use entity::enums::RecordKind;

use crate::access::policy;
use crate::error::AppResult;
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write};
use crate::graphql::enums::{GovernmentSanction, PartySanction, Scope, ViolationCategory};
use crate::graphql::{
    filters::{DisciplinaryCaseFilter, DisciplinaryCaseOrder},
    kinds::{Feed, Kind, Policies, References},
};

pub use object::DisciplinaryCase;

impl Kind for entity::disciplinary_case::Entity {
    const LIST: &'static str = "disciplinaryCases";
    const FEED: Feed = Feed {
        title: "执纪问责",
        untitled: "执纪问责",
        selection: "title: caseNumber summary",
    };
    const POLICIES: Policies = &[&policy::DISCIPLINARY_CASE];
    const REFERENCES: References = &[
        ("subject", RecordKind::Person),
        ("decidingBody", RecordKind::Organization),
    ];
    type Input = DisciplinaryCaseInput;
}

/// Fields of a disciplinary case (违纪违法问题处理).
#[derive(InputObject)]
pub struct DisciplinaryCaseInput {
    /// Case number, unique.
    pub case_number: Option<String>,
    /// Name of the person disciplined.
    pub subject_name: Option<String>,
    /// Their person record.
    pub subject: MaybeUndefined<ID>,
    /// Their post at the time.
    pub post_at_time: Option<String>,
    /// Their rank, e.g. 科级.
    pub rank: Option<String>,
    /// Which of the six disciplines was broken.
    pub violation_category: Option<ViolationCategory>,
    /// Summary.
    pub summary: Option<String>,
    /// Amount involved, in yuan.
    pub amount_yuan: MaybeUndefined<i64>,
    /// Party sanction.
    pub party_sanction: MaybeUndefined<PartySanction>,
    /// For 留党察看 (PROBATION): 1 or 2 years.
    pub probation_years: MaybeUndefined<i32>,
    /// Government sanction (行政处分, as the rules of 2011 call it; 政务处分 since 2020).
    pub government_sanction: MaybeUndefined<GovernmentSanction>,
    /// Date of the decision.
    pub decided_on: Option<NaiveDate>,
    /// The deciding body.
    pub deciding_body: MaybeUndefined<ID>,
    /// Whether the case went to the prosecutors (移送司法机关).
    pub transferred_to_prosecutors: Option<bool>,
    /// Whether it was announced (通报).
    pub announced: Option<bool>,
    /// When it was announced.
    pub announced_on: MaybeUndefined<NaiveDate>,
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

impl Apply<entity::disciplinary_case::Entity> for DisciplinaryCaseInput {
    fn apply(
        self,
        a: &mut entity::disciplinary_case::ActiveModel,
        w: &mut Write<'_>,
    ) -> AppResult<()> {
        w.text(&mut a.case_number, "input.caseNumber", self.case_number, 64)?;
        w.text(
            &mut a.subject_name,
            "input.subjectName",
            self.subject_name,
            MAX_NAME,
        )?;
        w.opt_id(
            &mut a.subject_id,
            "input.subject",
            RecordKind::Person,
            self.subject,
        )?;
        w.text(
            &mut a.post_at_time,
            "input.postAtTime",
            self.post_at_time,
            MAX_NAME,
        )?;
        w.text(&mut a.rank, "input.rank", self.rank, 64)?;
        w.set(
            &mut a.violation_category,
            self.violation_category.map(Into::into),
        );
        w.text(&mut a.summary, "input.summary", self.summary, MAX_TEXT)?;
        w.set_opt(&mut a.amount_yuan, self.amount_yuan);
        w.set_opt(
            &mut a.party_sanction,
            self.party_sanction.map_value(Into::into),
        );
        w.set_opt(&mut a.probation_years, self.probation_years);
        w.set_opt(
            &mut a.government_sanction,
            self.government_sanction.map_value(Into::into),
        );
        w.set(&mut a.decided_on, self.decided_on);
        w.opt_id(
            &mut a.deciding_body_id,
            "input.decidingBody",
            RecordKind::Organization,
            self.deciding_body,
        )?;
        w.set(
            &mut a.transferred_to_prosecutors,
            self.transferred_to_prosecutors,
        );
        w.set(&mut a.announced, self.announced);
        w.set_opt(&mut a.announced_on, self.announced_on);
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "DisciplinaryCaseQueries": entity::disciplinary_case::Entity => DisciplinaryCase;
    /// Disciplinary cases (违纪违法问题处理).
    disciplinary_cases(filter: DisciplinaryCaseFilter, order_by: DisciplinaryCaseOrder);
    /// One disciplinary case by id.
    disciplinary_case(id);
}

crate::graphql::edit::writes! {
    "DisciplinaryCaseWrites": entity::disciplinary_case::Entity, DisciplinaryCaseInput,
    "DisciplinaryCase", "disciplinary case",
    create_disciplinary_case, update_disciplinary_case, correct_disciplinary_case
}

crate::store::edit::editable! {
    disciplinary_case: "disciplinary case" requires [
        ("input.caseNumber", "case_number"), ("input.subjectName", "subject_name"),
        ("input.postAtTime", "post_at_time"), ("input.rank", "rank"),
        ("input.violationCategory", "violation_category"), ("input.summary", "summary"),
        ("input.decidedOn", "decided_on"),
    ] defaults |a| {
        a.transferred_to_prosecutors = sea_orm::ActiveValue::Set(false);
        a.announced = sea_orm::ActiveValue::Set(false);
    } rules crate::store::rules::disciplinary_case
}

impl crate::search::Searchable for entity::disciplinary_case::Entity {
    fn documents(m: &Self::Model) -> Vec<crate::search::Document> {
        crate::search::documents_of::<Self>(
            m,
            &crate::access::policy::DISCIPLINARY_CASE,
            &[
                ("caseNumber", Some(m.case_number.clone()), true),
                ("subjectName", Some(m.subject_name.clone()), true),
                ("postAtTime", Some(m.post_at_time.clone()), false),
                ("summary", Some(m.summary.clone()), false),
            ],
        )
    }
}

/// The kind's GraphQL type.
mod object {
    use async_graphql::{Context, ID, Result};
    use chrono::NaiveDate;

    use crate::graphql::types::{
        Organization, Person, Redaction, redactions, related, scoped_object,
    };
    use crate::{
        access::policy,
        graphql::{
            enums::{GovernmentSanction, PartySanction, ViolationCategory},
            ids,
        },
    };

    scoped_object!(
        /// 违纪违法问题处理: a disciplinary case and its outcome. The person's name and post are
        /// public only once the case was announced (通报).
        DisciplinaryCase(entity::disciplinary_case::Model)
    );

    crate::graphql::types::record_object! {
        DisciplinaryCase: entity::disciplinary_case::Entity;
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

        /// Government sanction (行政处分, as the rules of 2011 call it; 政务处分 since 2020).
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

    }
}
