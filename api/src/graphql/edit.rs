//! Writing records through GraphQL: for each kind, `create…` (a new draft), `update…` (a change
//! to a draft) and `correct…` (a correction of a published record, kept as a new public
//! version). One input type per kind serves all three: a field left out stays as it is, `null`
//! clears an optional field, and a new record must be given the fields its kind needs.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, OneofObject, Result};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::RecordKind;
use sea_orm::ActiveValue::{self, Set};

use super::{
    enums::{
        AppointmentOutcome, AppointmentStage, AttendanceRole, BulletinCategory, Carrier,
        DecisionKind, DecisionResult, DisclosureTiming, ExecutionStatus, GovernmentSanction,
        MeetingKind, MeetingStatus, ObserverCategory, OrganizationKind, PartySanction,
        PowerCategory, RiskLevel, Scope, ViolationCategory,
    },
    ids,
    step::StepResult,
    types::request,
};
use crate::{
    error::{AppError, AppResult},
    store::edit::{Author, Editable, Member, Parts, Plan, Saved, StepDraft, Target},
};

/// Longest text of a name or a short field.
pub(crate) const MAX_NAME: usize = 200;
/// Longest text of a body field.
pub(crate) const MAX_TEXT: usize = super::strings::MAX_STRING_CHARS;

/// A member of a RESTRICTED record's audience: an organization (with everything below it) or
/// a person.
#[derive(OneofObject)]
pub enum AudienceMemberInput {
    /// An organization's global id.
    Organization(ID),
    /// A person's global id.
    Person(ID),
}

/// `value` trimmed, if it is not empty and not longer than `max` characters.
pub(crate) fn text(path: &str, value: String, max: usize) -> AppResult<String> {
    let value = value.trim().to_owned();
    if value.is_empty() {
        return Err(AppError::bad_input(path, "this cannot be empty"));
    }
    if value.chars().count() > max {
        return Err(AppError::bad_input(
            path,
            format!("this is longer than {max} characters"),
        ));
    }
    Ok(value)
}

/// The writer of one input: applies fields to an active model and notes references in the plan.
pub(crate) struct Write<'a> {
    plan: &'a mut Plan,
    ids: &'a crate::ids::Ids,
}

impl Write<'_> {
    /// Sets `slot` to `value` when given.
    pub(crate) fn set<T: Into<sea_orm::Value>>(&self, slot: &mut ActiveValue<T>, value: Option<T>) {
        if let Some(value) = value {
            *slot = Set(value);
        }
    }

    /// Sets or clears the optional `slot`.
    pub(crate) fn set_opt<T>(&self, slot: &mut ActiveValue<Option<T>>, value: MaybeUndefined<T>)
    where
        Option<T>: Into<sea_orm::Value>,
    {
        match value {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => *slot = Set(None),
            MaybeUndefined::Value(v) => *slot = Set(Some(v)),
        }
    }

    /// A required text field.
    pub(crate) fn text(
        &self,
        slot: &mut ActiveValue<String>,
        path: &str,
        value: Option<String>,
        max: usize,
    ) -> AppResult<()> {
        if let Some(v) = value {
            *slot = Set(text(path, v, max)?);
        }
        Ok(())
    }

    /// An optional text field: `null` or an empty text clears it.
    pub(crate) fn opt_text(
        &self,
        slot: &mut ActiveValue<Option<String>>,
        path: &str,
        value: MaybeUndefined<String>,
        max: usize,
    ) -> AppResult<()> {
        match value {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => *slot = Set(None),
            MaybeUndefined::Value(v) if v.trim().is_empty() => *slot = Set(None),
            MaybeUndefined::Value(v) => *slot = Set(Some(text(path, v, max)?)),
        }
        Ok(())
    }

    /// The key behind the global id `id` of a `kind` record, noted for the existence check.
    pub(crate) fn key(&mut self, path: &str, kind: RecordKind, id: &ID) -> AppResult<i64> {
        let name = crate::store::name_of(kind);
        let key = self.ids.decode(name, id).ok_or_else(|| {
            AppError::bad_input(
                path,
                format!(
                    "this is not the id of a {}",
                    crate::store::edit::kind_noun(kind)
                ),
            )
        })?;
        self.plan.reference(path, kind, key);
        Ok(key)
    }

    /// A required reference.
    pub(crate) fn id(
        &mut self,
        slot: &mut ActiveValue<i64>,
        path: &str,
        kind: RecordKind,
        value: Option<ID>,
    ) -> AppResult<()> {
        if let Some(id) = value {
            *slot = Set(self.key(path, kind, &id)?);
        }
        Ok(())
    }

    /// An optional reference: `null` clears it.
    pub(crate) fn opt_id(
        &mut self,
        slot: &mut ActiveValue<Option<i64>>,
        path: &str,
        kind: RecordKind,
        value: MaybeUndefined<ID>,
    ) -> AppResult<()> {
        match value {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => *slot = Set(None),
            MaybeUndefined::Value(id) => *slot = Set(Some(self.key(path, kind, &id)?)),
        }
        Ok(())
    }

    /// The fields every record has: scope, audience and cited source.
    pub(crate) fn common(
        &mut self,
        scope: (&mut ActiveValue<entity::enums::Scope>, Option<Scope>),
        source: (&mut ActiveValue<Option<i64>>, MaybeUndefined<ID>),
        audience: Option<Vec<AudienceMemberInput>>,
    ) -> AppResult<()> {
        self.set(scope.0, scope.1.map(Into::into));
        self.opt_id(source.0, "input.source", RecordKind::Source, source.1)?;
        if let Some(members) = audience {
            let mut list = Vec::with_capacity(members.len());
            for (i, member) in members.into_iter().enumerate() {
                let path = format!("input.audience[{i}]");
                let (name, kind, id) = match &member {
                    AudienceMemberInput::Organization(id) => {
                        ("Organization", RecordKind::Organization, id)
                    }
                    AudienceMemberInput::Person(id) => ("Person", RecordKind::Person, id),
                };
                let key = self.ids.decode(name, id).ok_or_else(|| {
                    AppError::bad_input(
                        &path,
                        format!(
                            "this is not the id of a {}",
                            crate::store::edit::kind_noun(kind)
                        ),
                    )
                })?;
                list.push((
                    path,
                    match kind {
                        RecordKind::Organization => Member::Organization(key),
                        _ => Member::Person(key),
                    },
                ));
            }
            self.plan.audience = Some(list);
        }
        Ok(())
    }

    /// A whole number within `range`.
    pub(crate) fn number(
        &self,
        path: &str,
        value: MaybeUndefined<i32>,
        range: std::ops::RangeInclusive<i32>,
    ) -> AppResult<MaybeUndefined<i32>> {
        if let MaybeUndefined::Value(v) = value
            && !range.contains(&v)
        {
            return Err(AppError::bad_input(
                path,
                format!(
                    "give a number from {} to {}, not {v}",
                    range.start(),
                    range.end()
                ),
            ));
        }
        Ok(value)
    }
}

/// An input that writes a record of `E`.
pub(crate) trait Apply<E: sea_orm::EntityTrait> {
    /// Writes the input into `active`, or names the first input field at fault.
    fn apply(self, active: &mut E::ActiveModel, w: &mut Write<'_>) -> AppResult<()>;
}

/// A month as `YYYY-MM`.
pub(crate) fn month(
    path: &str,
    value: MaybeUndefined<String>,
) -> AppResult<MaybeUndefined<String>> {
    if let MaybeUndefined::Value(v) = &value {
        let ok = v.len() == 7 && NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").is_ok();
        if !ok {
            return Err(AppError::bad_input(
                path,
                "write a month as YYYY-MM, e.g. 1968-03",
            ));
        }
    }
    Ok(value)
}

/// A phone number: digits, spaces, `+`, `-` and parentheses, 3 to 32 characters.
pub(crate) fn phone(
    path: &str,
    value: MaybeUndefined<String>,
) -> AppResult<MaybeUndefined<String>> {
    if let MaybeUndefined::Value(v) = &value {
        let v = v.trim();
        let ok = (3..=32).contains(&v.chars().count())
            && v.chars().any(|c| c.is_ascii_digit())
            && v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
        if !ok {
            return Err(AppError::bad_input(
                path,
                "write a phone number with digits, spaces, +, - and parentheses, e.g. 0970-8612380",
            ));
        }
    }
    Ok(value)
}

/// Fields of an organization (机构).
#[derive(InputObject)]
pub struct OrganizationInput {
    /// Name.
    pub name: Option<String>,
    /// Short name.
    pub short_name: MaybeUndefined<String>,
    /// Kind.
    pub kind: Option<OrganizationKind>,
    /// The organization above it.
    pub parent: MaybeUndefined<ID>,
    /// Administrative division code.
    pub division_code: MaybeUndefined<String>,
    /// Description.
    pub description: MaybeUndefined<String>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::organization::Entity> for OrganizationInput {
    fn apply(self, a: &mut entity::organization::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.text(&mut a.name, "input.name", self.name, MAX_NAME)?;
        w.opt_text(
            &mut a.short_name,
            "input.shortName",
            self.short_name,
            MAX_NAME,
        )?;
        w.set(&mut a.kind, self.kind.map(Into::into));
        w.opt_id(
            &mut a.parent_id,
            "input.parent",
            RecordKind::Organization,
            self.parent,
        )?;
        w.opt_text(
            &mut a.division_code,
            "input.divisionCode",
            self.division_code,
            32,
        )?;
        w.opt_text(
            &mut a.description,
            "input.description",
            self.description,
            MAX_TEXT,
        )?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
        )
    }
}

/// Fields of a person.
#[derive(InputObject)]
pub struct PersonInput {
    /// Name.
    pub name: Option<String>,
    /// Gender.
    pub gender: MaybeUndefined<String>,
    /// Ethnicity (民族).
    pub ethnicity: MaybeUndefined<String>,
    /// Birth month, YYYY-MM.
    pub birth_month: MaybeUndefined<String>,
    /// Education.
    pub education: MaybeUndefined<String>,
    /// Phone number.
    pub phone: MaybeUndefined<String>,
    /// Whether the phone number is public (county leaders' mobile numbers are).
    pub phone_public: Option<bool>,
    /// E-mail address.
    pub email: MaybeUndefined<String>,
    /// Office.
    pub office: MaybeUndefined<String>,
    /// Whether the person is fictional (demo data).
    pub fictional: Option<bool>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::person::Entity> for PersonInput {
    fn apply(self, a: &mut entity::person::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.text(&mut a.name, "input.name", self.name, MAX_NAME)?;
        w.opt_text(&mut a.gender, "input.gender", self.gender, 16)?;
        w.opt_text(&mut a.ethnicity, "input.ethnicity", self.ethnicity, 32)?;
        let birth = month("input.birthMonth", self.birth_month)?;
        w.opt_text(&mut a.birth_month, "input.birthMonth", birth, 7)?;
        w.opt_text(
            &mut a.education,
            "input.education",
            self.education,
            MAX_NAME,
        )?;
        let phone = phone("input.phone", self.phone)?;
        w.opt_text(&mut a.phone, "input.phone", phone, 32)?;
        w.set(&mut a.phone_public, self.phone_public);
        if let MaybeUndefined::Value(email) = &self.email
            && (!email.contains('@') || email.contains(char::is_whitespace))
        {
            return Err(AppError::bad_input(
                "input.email",
                "write an e-mail address as name@host",
            ));
        }
        w.opt_text(&mut a.email, "input.email", self.email, MAX_NAME)?;
        w.opt_text(&mut a.office, "input.office", self.office, MAX_NAME)?;
        w.set(&mut a.fictional, self.fictional);
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
        )
    }
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
        )
    }
}

/// Fields of a membership (任职): a person holding a post.
#[derive(InputObject)]
pub struct MembershipInput {
    /// The person.
    pub person: Option<ID>,
    /// The post.
    pub post: Option<ID>,
    /// First day in the post.
    pub start_on: Option<NaiveDate>,
    /// Last day in the post.
    pub end_on: MaybeUndefined<NaiveDate>,
    /// Note.
    pub note: MaybeUndefined<String>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::membership::Entity> for MembershipInput {
    fn apply(self, a: &mut entity::membership::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.person_id,
            "input.person",
            RecordKind::Person,
            self.person,
        )?;
        w.id(&mut a.post_id, "input.post", RecordKind::Post, self.post)?;
        w.set(&mut a.start_on, self.start_on);
        w.set_opt(&mut a.end_on, self.end_on);
        w.opt_text(&mut a.note, "input.note", self.note, MAX_TEXT)?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
        )
    }
}

/// Fields of a source: the document behind records.
#[derive(InputObject)]
pub struct SourceInput {
    /// Issuing body.
    pub issuer: Option<String>,
    /// Document number (文号).
    pub doc_number: MaybeUndefined<String>,
    /// Title.
    pub title: Option<String>,
    /// Date of issue.
    pub issued_on: MaybeUndefined<NaiveDate>,
    /// Link, http or https.
    pub url: MaybeUndefined<String>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::source::Entity> for SourceInput {
    fn apply(self, a: &mut entity::source::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.text(&mut a.issuer, "input.issuer", self.issuer, MAX_NAME)?;
        w.opt_text(&mut a.doc_number, "input.docNumber", self.doc_number, 64)?;
        w.text(&mut a.title, "input.title", self.title, MAX_NAME)?;
        w.set_opt(&mut a.issued_on, self.issued_on);
        if let MaybeUndefined::Value(url) = &self.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(AppError::bad_input(
                "input.url",
                "a link starts with https:// or http://",
            ));
        }
        w.opt_text(&mut a.url, "input.url", self.url, 2_000)?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
        )
    }
}

/// A risk point (风险点) of a step.
#[derive(InputObject)]
pub struct RiskPointInput {
    /// What can go wrong.
    pub description: String,
    /// How serious it is.
    pub level: RiskLevel,
    /// The prevention measure.
    pub prevention: String,
}

/// A supervision measure of a step.
#[derive(InputObject)]
pub struct SupervisionMeasureInput {
    /// The measure.
    pub description: String,
    /// The channel, e.g. a phone line.
    pub channel: Option<String>,
}

/// A step of a procedure.
#[derive(InputObject)]
pub struct StepInput {
    /// A key unique within the procedure, named by edges.
    pub key: String,
    /// Name.
    pub name: String,
    /// Who acts.
    pub actor: String,
    /// Conditions.
    pub conditions: Option<String>,
    /// Time limit in working days, 1 to 365.
    pub time_limit_days: Option<i32>,
    /// Time limit in words.
    pub time_limit_note: Option<String>,
    /// Risk points.
    #[graphql(default)]
    pub risk_points: Vec<RiskPointInput>,
    /// Supervision measures.
    #[graphql(default)]
    pub supervision_measures: Vec<SupervisionMeasureInput>,
}

/// An edge of a procedure's graph.
#[derive(InputObject)]
pub struct EdgeInput {
    /// Key of the step it leaves.
    pub from: String,
    /// Key of the step it reaches.
    pub to: String,
    /// Label, e.g. 同意 / 不同意 / 补充材料.
    pub label: Option<String>,
}

/// Fields of a procedure (流程图). `steps` replaces the whole graph, edges included.
#[derive(InputObject)]
pub struct ProcedureInput {
    /// Code, unique.
    pub code: Option<String>,
    /// Name, e.g. 干部任免流程图.
    pub name: Option<String>,
    /// Description.
    pub description: MaybeUndefined<String>,
    /// The steps, in order.
    pub steps: Option<Vec<StepInput>>,
    /// The edges between steps, by key; given with `steps`.
    pub edges: Option<Vec<EdgeInput>>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

pub(crate) fn optional(path: &str, value: Option<String>, max: usize) -> AppResult<Option<String>> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|v| text(path, v, max))
        .transpose()
}

impl Apply<entity::procedure::Entity> for ProcedureInput {
    fn apply(self, a: &mut entity::procedure::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.text(&mut a.code, "input.code", self.code, 64)?;
        if let ActiveValue::Set(code) = &a.code {
            w.plan.checks.push(crate::store::edit::Check::Unique {
                path: "input.code".into(),
                table: "procedures",
                column: "code",
                value: code.clone(),
            });
        }
        w.text(&mut a.name, "input.name", self.name, MAX_NAME)?;
        w.opt_text(
            &mut a.description,
            "input.description",
            self.description,
            MAX_TEXT,
        )?;
        match (self.steps, self.edges) {
            (None, Some(_)) => {
                return Err(AppError::bad_input(
                    "input.edges",
                    "give the edges together with the steps they join",
                ));
            }
            (None, None) => {}
            (Some(steps), edges) => {
                let mut keys = std::collections::HashSet::new();
                let mut drafts = Vec::with_capacity(steps.len());
                for (i, s) in steps.into_iter().enumerate() {
                    let at = |field: &str| format!("input.steps[{i}].{field}");
                    let key = text(&at("key"), s.key, 64)?;
                    if !keys.insert(key.clone()) {
                        return Err(AppError::bad_input(
                            &at("key"),
                            format!("two steps have the key {key:?}"),
                        ));
                    }
                    if let Some(days) = s.time_limit_days
                        && !(1..=365).contains(&days)
                    {
                        return Err(AppError::bad_input(
                            &at("timeLimitDays"),
                            "give a time limit from 1 to 365 working days",
                        ));
                    }
                    let mut risks = Vec::new();
                    for (j, r) in s.risk_points.into_iter().enumerate() {
                        let at = |field: &str| format!("input.steps[{i}].riskPoints[{j}].{field}");
                        risks.push(entity::risk_point::ActiveModel {
                            id: ActiveValue::NotSet,
                            step_id: ActiveValue::NotSet,
                            description: Set(text(&at("description"), r.description, MAX_TEXT)?),
                            level: Set(r.level.into()),
                            prevention: Set(text(&at("prevention"), r.prevention, MAX_TEXT)?),
                        });
                    }
                    let mut measures = Vec::new();
                    for (j, m) in s.supervision_measures.into_iter().enumerate() {
                        let at = |field: &str| {
                            format!("input.steps[{i}].supervisionMeasures[{j}].{field}")
                        };
                        measures.push(entity::supervision_measure::ActiveModel {
                            id: ActiveValue::NotSet,
                            step_id: ActiveValue::NotSet,
                            description: Set(text(&at("description"), m.description, MAX_TEXT)?),
                            channel: Set(optional(&at("channel"), m.channel, MAX_NAME)?),
                        });
                    }
                    drafts.push(StepDraft {
                        step: entity::procedure_step::ActiveModel {
                            id: ActiveValue::NotSet,
                            procedure_id: ActiveValue::NotSet,
                            key: Set(key),
                            position: Set(i as i32 + 1),
                            name: Set(text(&at("name"), s.name, MAX_NAME)?),
                            actor: Set(text(&at("actor"), s.actor, MAX_NAME)?),
                            conditions: Set(optional(&at("conditions"), s.conditions, MAX_TEXT)?),
                            time_limit_days: Set(s.time_limit_days),
                            time_limit_note: Set(optional(
                                &at("timeLimitNote"),
                                s.time_limit_note,
                                MAX_NAME,
                            )?),
                        },
                        risks,
                        measures,
                    });
                }
                let mut list = Vec::new();
                for (i, e) in edges.unwrap_or_default().into_iter().enumerate() {
                    for (end, key) in [("from", &e.from), ("to", &e.to)] {
                        if !keys.contains(key) {
                            return Err(AppError::bad_input(
                                &format!("input.edges[{i}].{end}"),
                                format!("no step has the key {key:?}"),
                            ));
                        }
                    }
                    let label = optional(&format!("input.edges[{i}].label"), e.label, 64)?;
                    list.push((e.from, e.to, label));
                }
                w.plan.parts.push(Parts::Procedure {
                    steps: drafts,
                    edges: list,
                });
            }
        }
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
        )
    }
}

/// Fields of a power (职权).
#[derive(InputObject)]
pub struct PowerInput {
    /// Code in the catalogue, unique.
    pub code: Option<String>,
    /// Name, e.g. 县管科级领导干部任免权.
    pub name: Option<String>,
    /// Category.
    pub category: Option<PowerCategory>,
    /// The organization holding the power.
    pub holder_organization: Option<ID>,
    /// The post holding the power, if one does.
    pub holder_post: MaybeUndefined<ID>,
    /// Legal basis (依据).
    pub legal_basis: Option<String>,
    /// Duties (责任事项).
    pub duties: Option<String>,
    /// Accountability cases (追责情形).
    pub accountability: Option<String>,
    /// Undertaking unit (承办单位).
    pub undertaking_unit: Option<String>,
    /// Disclosure carriers (公开载体), at least one.
    pub carriers: Option<Vec<Carrier>>,
    /// Disclosure timing (公开时间).
    pub timing: Option<DisclosureTiming>,
    /// For WITHIN_WORKING_DAYS: the number of working days, 1 to 365.
    pub timing_days: MaybeUndefined<i32>,
    /// Supervision phone (监督电话).
    pub supervision_phone: MaybeUndefined<String>,
    /// Risk level.
    pub risk_level: Option<RiskLevel>,
    /// Its procedure (流程图).
    pub procedure: MaybeUndefined<ID>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::power::Entity> for PowerInput {
    fn apply(self, a: &mut entity::power::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.text(&mut a.code, "input.code", self.code, 64)?;
        if let ActiveValue::Set(code) = &a.code {
            w.plan.checks.push(crate::store::edit::Check::Unique {
                path: "input.code".into(),
                table: "powers",
                column: "code",
                value: code.clone(),
            });
        }
        w.text(&mut a.name, "input.name", self.name, MAX_NAME)?;
        w.set(&mut a.category, self.category.map(Into::into));
        w.id(
            &mut a.holder_org_id,
            "input.holderOrganization",
            RecordKind::Organization,
            self.holder_organization,
        )?;
        w.opt_id(
            &mut a.holder_post_id,
            "input.holderPost",
            RecordKind::Post,
            self.holder_post,
        )?;
        w.text(
            &mut a.legal_basis,
            "input.legalBasis",
            self.legal_basis,
            MAX_TEXT,
        )?;
        w.text(&mut a.duties, "input.duties", self.duties, MAX_TEXT)?;
        w.text(
            &mut a.accountability,
            "input.accountability",
            self.accountability,
            MAX_TEXT,
        )?;
        w.text(
            &mut a.undertaking_unit,
            "input.undertakingUnit",
            self.undertaking_unit,
            MAX_NAME,
        )?;
        if let Some(carriers) = self.carriers {
            let mut names: Vec<String> = Vec::new();
            for c in carriers {
                let value = sea_orm::ActiveEnum::to_value(&entity::enums::Carrier::from(c));
                if !names.contains(&value) {
                    names.push(value);
                }
            }
            a.carriers = Set(names.join(","));
        }
        w.set(&mut a.timing, self.timing.map(Into::into));
        let days = w.number("input.timingDays", self.timing_days, 1..=365)?;
        w.set_opt(&mut a.timing_days, days);
        let phone = phone("input.supervisionPhone", self.supervision_phone)?;
        w.opt_text(
            &mut a.supervision_phone,
            "input.supervisionPhone",
            phone,
            32,
        )?;
        w.set(&mut a.risk_level, self.risk_level.map(Into::into));
        w.opt_id(
            &mut a.procedure_id,
            "input.procedure",
            RecordKind::Procedure,
            self.procedure,
        )?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
        )
    }
}

/// One person's attendance at a meeting.
#[derive(InputObject)]
pub struct AttendanceInput {
    /// The person.
    pub person: ID,
    /// How they attend.
    pub role: AttendanceRole,
    /// Whether they were present.
    pub present: bool,
    /// Why they were absent; only for someone absent.
    pub absence_reason: Option<String>,
    /// For an observer (旁听): their category in the observer pool.
    pub observer_category: Option<ObserverCategory>,
}

/// An item of a meeting's agenda.
#[derive(InputObject)]
pub struct AgendaItemInput {
    /// Title.
    pub title: String,
    /// Who presents it.
    pub presenter: Option<ID>,
    /// Summary.
    pub summary: Option<String>,
}

/// Fields of a meeting (会议). `attendance` and `agenda` replace the stored lists; agenda items
/// keep their place by position.
#[derive(InputObject)]
pub struct MeetingInput {
    /// The body that meets.
    pub body: Option<ID>,
    /// Kind.
    pub kind: Option<MeetingKind>,
    /// Label, e.g. 第十二届县委第十五次常委会会议.
    pub label: Option<String>,
    /// Number in its series.
    pub session_number: MaybeUndefined<i32>,
    /// When it starts.
    pub starts_at: Option<DateTime<Utc>>,
    /// Where.
    pub place: Option<String>,
    /// Who chairs it.
    pub chair: MaybeUndefined<ID>,
    /// Whether it was held.
    pub status: Option<MeetingStatus>,
    /// A public summary.
    pub summary: MaybeUndefined<String>,
    /// Minutes (纪要): party-internal.
    pub minutes: MaybeUndefined<String>,
    /// Attendance.
    pub attendance: Option<Vec<AttendanceInput>>,
    /// Agenda, in order.
    pub agenda: Option<Vec<AgendaItemInput>>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::meeting::Entity> for MeetingInput {
    fn apply(self, a: &mut entity::meeting::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.body_id,
            "input.body",
            RecordKind::Organization,
            self.body,
        )?;
        w.set(&mut a.kind, self.kind.map(Into::into));
        w.text(&mut a.label, "input.label", self.label, MAX_NAME)?;
        let number = w.number("input.sessionNumber", self.session_number, 1..=10_000)?;
        w.set_opt(&mut a.session_number, number);
        w.set(&mut a.starts_at, self.starts_at);
        w.text(&mut a.place, "input.place", self.place, MAX_NAME)?;
        w.opt_id(
            &mut a.chair_id,
            "input.chair",
            RecordKind::Person,
            self.chair,
        )?;
        w.set(&mut a.meeting_status, self.status.map(Into::into));
        w.opt_text(&mut a.summary, "input.summary", self.summary, MAX_TEXT)?;
        w.opt_text(&mut a.minutes, "input.minutes", self.minutes, MAX_TEXT)?;
        if let Some(list) = self.attendance {
            let mut rows = Vec::with_capacity(list.len());
            let mut people = std::collections::HashSet::new();
            for (i, item) in list.into_iter().enumerate() {
                let at = |field: &str| format!("input.attendance[{i}].{field}");
                let person = w.key(&at("person"), RecordKind::Person, &item.person)?;
                if !people.insert(person) {
                    return Err(AppError::bad_input(
                        &at("person"),
                        "this person is listed twice",
                    ));
                }
                let reason = optional(&at("absenceReason"), item.absence_reason, MAX_NAME)?;
                if item.present && reason.is_some() {
                    return Err(AppError::bad_input(
                        &at("absenceReason"),
                        "a reason for absence goes only with present: false",
                    ));
                }
                let observer = item.role == AttendanceRole::Observer;
                if observer != item.observer_category.is_some() {
                    return Err(AppError::bad_input(
                        &at("observerCategory"),
                        "an observer (旁听) has a category from the observer pool, and only an observer",
                    ));
                }
                rows.push(entity::attendance::ActiveModel {
                    id: ActiveValue::NotSet,
                    meeting_id: ActiveValue::NotSet,
                    person_id: Set(person),
                    role: Set(item.role.into()),
                    present: Set(item.present),
                    absence_reason: Set(reason),
                    observer_category: Set(item.observer_category.map(Into::into)),
                });
            }
            w.plan.parts.push(Parts::Attendance(rows));
        }
        if let Some(list) = self.agenda {
            let mut rows = Vec::with_capacity(list.len());
            for (i, item) in list.into_iter().enumerate() {
                let at = |field: &str| format!("input.agenda[{i}].{field}");
                let presenter = item
                    .presenter
                    .map(|p| w.key(&at("presenter"), RecordKind::Person, &p))
                    .transpose()?;
                rows.push(entity::agenda_item::ActiveModel {
                    id: ActiveValue::NotSet,
                    meeting_id: ActiveValue::NotSet,
                    position: ActiveValue::NotSet,
                    title: Set(text(&at("title"), item.title, MAX_NAME)?),
                    presenter_id: Set(presenter),
                    summary: Set(optional(&at("summary"), item.summary, MAX_TEXT)?),
                });
            }
            w.plan.parts.push(Parts::Agenda(rows));
        }
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
        )
    }
}

/// A milestone in carrying out a decision.
#[derive(InputObject)]
pub struct MilestoneInput {
    /// What is to be done.
    pub title: String,
    /// When it falls due: on or after the meeting that took the decision.
    pub due_on: NaiveDate,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
    /// Where it stands.
    pub status: ExecutionStatus,
    /// Evidence of the work.
    pub evidence: Option<String>,
}

/// Fields of a decision (决策 / 决定 / 决议). `milestones` replaces the stored list.
#[derive(InputObject)]
pub struct DecisionInput {
    /// The meeting that took it.
    pub meeting: Option<ID>,
    /// Kind.
    pub kind: Option<DecisionKind>,
    /// Title.
    pub title: Option<String>,
    /// Text.
    pub text: Option<String>,
    /// Votes for: party-internal.
    pub votes_for: MaybeUndefined<i32>,
    /// Votes against: party-internal.
    pub votes_against: MaybeUndefined<i32>,
    /// Abstentions: party-internal.
    pub votes_abstain: MaybeUndefined<i32>,
    /// Result.
    pub result: Option<DecisionResult>,
    /// How its execution stands.
    pub execution_status: Option<ExecutionStatus>,
    /// Execution milestones, in order.
    pub milestones: Option<Vec<MilestoneInput>>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::decision::Entity> for DecisionInput {
    fn apply(self, a: &mut entity::decision::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.meeting_id,
            "input.meeting",
            RecordKind::Meeting,
            self.meeting,
        )?;
        w.set(&mut a.kind, self.kind.map(Into::into));
        w.text(&mut a.title, "input.title", self.title, MAX_NAME)?;
        w.text(&mut a.text, "input.text", self.text, MAX_TEXT)?;
        w.set_opt(&mut a.votes_for, self.votes_for);
        w.set_opt(&mut a.votes_against, self.votes_against);
        w.set_opt(&mut a.votes_abstain, self.votes_abstain);
        w.set(&mut a.result, self.result.map(Into::into));
        w.set(
            &mut a.execution_status,
            self.execution_status.map(Into::into),
        );
        if let Some(list) = self.milestones {
            let mut rows = Vec::with_capacity(list.len());
            for (i, m) in list.into_iter().enumerate() {
                let at = |field: &str| format!("input.milestones[{i}].{field}");
                if let Some(done) = m.done_on
                    && done < m.due_on
                    && m.status != ExecutionStatus::Completed
                {
                    return Err(AppError::bad_input(
                        &at("doneOn"),
                        "a milestone with a date of completion is COMPLETED",
                    ));
                }
                if m.status == ExecutionStatus::Completed && m.done_on.is_none() {
                    return Err(AppError::bad_input(
                        &at("doneOn"),
                        "a COMPLETED milestone needs the date it was done",
                    ));
                }
                rows.push(entity::milestone::ActiveModel {
                    id: ActiveValue::NotSet,
                    decision_id: ActiveValue::NotSet,
                    position: ActiveValue::NotSet,
                    title: Set(text(&at("title"), m.title, MAX_NAME)?),
                    due_on: Set(m.due_on),
                    done_on: Set(m.done_on),
                    status: Set(m.status.into()),
                    evidence: Set(optional(&at("evidence"), m.evidence, MAX_TEXT)?),
                });
            }
            w.plan.parts.push(Parts::Milestones(rows));
        }
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
        )
    }
}

/// Fields of an entry of the observer pool (会议列席人员资料库).
#[derive(InputObject)]
pub struct ObserverInput {
    /// The person.
    pub person: Option<ID>,
    /// Category.
    pub category: Option<ObserverCategory>,
    /// In the pool since.
    pub since_on: Option<NaiveDate>,
    /// Note.
    pub note: MaybeUndefined<String>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::observer::Entity> for ObserverInput {
    fn apply(self, a: &mut entity::observer::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.person_id,
            "input.person",
            RecordKind::Person,
            self.person,
        )?;
        w.set(&mut a.category, self.category.map(Into::into));
        w.set(&mut a.since_on, self.since_on);
        w.opt_text(&mut a.note, "input.note", self.note, MAX_TEXT)?;
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
        )
    }
}

/// Fields of an appointment (干部任免), from the vacancy to the outcome.
#[derive(InputObject)]
pub struct AppointmentInput {
    /// The organization of the post.
    pub organization: Option<ID>,
    /// The post.
    pub post: MaybeUndefined<ID>,
    /// Stage.
    pub stage: Option<AppointmentStage>,
    /// Outcome.
    pub outcome: Option<AppointmentOutcome>,
    /// Title of the vacancy (空缺职位).
    pub vacancy_title: Option<String>,
    /// Requirements.
    pub requirements: MaybeUndefined<String>,
    /// When the vacancy was announced.
    pub vacancy_announced_on: MaybeUndefined<NaiveDate>,
    /// Deadline for applications.
    pub application_deadline: MaybeUndefined<NaiveDate>,
    /// The candidate's person record.
    pub candidate: MaybeUndefined<ID>,
    /// Candidate's name.
    pub candidate_name: MaybeUndefined<String>,
    /// Candidate's gender.
    pub candidate_gender: MaybeUndefined<String>,
    /// Candidate's ethnicity (民族).
    pub candidate_ethnicity: MaybeUndefined<String>,
    /// Candidate's birth month, YYYY-MM.
    pub candidate_birth_month: MaybeUndefined<String>,
    /// Candidate's education.
    pub candidate_education: MaybeUndefined<String>,
    /// When the candidate joined the party, YYYY-MM.
    pub candidate_party_joined: MaybeUndefined<String>,
    /// When the candidate started work, YYYY-MM.
    pub candidate_work_started: MaybeUndefined<String>,
    /// Candidate's current post.
    pub current_post: MaybeUndefined<String>,
    /// The proposed post.
    pub proposed_post: MaybeUndefined<String>,
    /// When the inspection (考察) started.
    pub inspection_started_on: MaybeUndefined<NaiveDate>,
    /// Inspection report: restricted.
    pub inspection_report: MaybeUndefined<String>,
    /// First day of the pre-appointment notice (任前公示).
    pub notice_start: MaybeUndefined<NaiveDate>,
    /// Last day of the notice: at least 5 working days after its start, counted inclusively.
    pub notice_end: MaybeUndefined<NaiveDate>,
    /// Complaint channels, e.g. 12380.
    pub complaint_channels: MaybeUndefined<String>,
    /// Objections received: restricted.
    pub objections: MaybeUndefined<String>,
    /// Number of objections received.
    pub objection_count: Option<i32>,
    /// The meeting that decided.
    pub deciding_meeting: MaybeUndefined<ID>,
    /// Date of the decision.
    pub decided_on: MaybeUndefined<NaiveDate>,
    /// End of the one-year probation (试用期), where it applies.
    pub probation_until: MaybeUndefined<NaiveDate>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::appointment::Entity> for AppointmentInput {
    fn apply(self, a: &mut entity::appointment::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.id(
            &mut a.organization_id,
            "input.organization",
            RecordKind::Organization,
            self.organization,
        )?;
        w.opt_id(&mut a.post_id, "input.post", RecordKind::Post, self.post)?;
        w.set(&mut a.stage, self.stage.map(Into::into));
        w.set(&mut a.outcome, self.outcome.map(Into::into));
        w.text(
            &mut a.vacancy_title,
            "input.vacancyTitle",
            self.vacancy_title,
            MAX_NAME,
        )?;
        w.opt_text(
            &mut a.requirements,
            "input.requirements",
            self.requirements,
            MAX_TEXT,
        )?;
        w.set_opt(&mut a.vacancy_announced_on, self.vacancy_announced_on);
        w.set_opt(&mut a.application_deadline, self.application_deadline);
        w.opt_id(
            &mut a.candidate_id,
            "input.candidate",
            RecordKind::Person,
            self.candidate,
        )?;
        w.opt_text(
            &mut a.candidate_name,
            "input.candidateName",
            self.candidate_name,
            MAX_NAME,
        )?;
        w.opt_text(
            &mut a.candidate_gender,
            "input.candidateGender",
            self.candidate_gender,
            16,
        )?;
        w.opt_text(
            &mut a.candidate_ethnicity,
            "input.candidateEthnicity",
            self.candidate_ethnicity,
            32,
        )?;
        for (slot, path, value) in [
            (
                &mut a.candidate_birth_month,
                "input.candidateBirthMonth",
                self.candidate_birth_month,
            ),
            (
                &mut a.candidate_party_joined,
                "input.candidatePartyJoined",
                self.candidate_party_joined,
            ),
            (
                &mut a.candidate_work_started,
                "input.candidateWorkStarted",
                self.candidate_work_started,
            ),
        ] {
            let value = month(path, value)?;
            w.opt_text(slot, path, value, 7)?;
        }
        w.opt_text(
            &mut a.candidate_education,
            "input.candidateEducation",
            self.candidate_education,
            MAX_NAME,
        )?;
        w.opt_text(
            &mut a.current_post,
            "input.currentPost",
            self.current_post,
            MAX_NAME,
        )?;
        w.opt_text(
            &mut a.proposed_post,
            "input.proposedPost",
            self.proposed_post,
            MAX_NAME,
        )?;
        w.set_opt(&mut a.inspection_started_on, self.inspection_started_on);
        w.opt_text(
            &mut a.inspection_report,
            "input.inspectionReport",
            self.inspection_report,
            MAX_TEXT,
        )?;
        w.set_opt(&mut a.notice_start, self.notice_start);
        w.set_opt(&mut a.notice_end, self.notice_end);
        w.opt_text(
            &mut a.complaint_channels,
            "input.complaintChannels",
            self.complaint_channels,
            MAX_NAME,
        )?;
        w.opt_text(
            &mut a.objections,
            "input.objections",
            self.objections,
            MAX_TEXT,
        )?;
        if let Some(n) = self.objection_count
            && n < 0
        {
            return Err(AppError::bad_input(
                "input.objectionCount",
                "a count cannot be negative",
            ));
        }
        w.set(&mut a.objection_count, self.objection_count);
        w.opt_id(
            &mut a.deciding_meeting_id,
            "input.decidingMeeting",
            RecordKind::Meeting,
            self.deciding_meeting,
        )?;
        w.set_opt(&mut a.decided_on, self.decided_on);
        w.set_opt(&mut a.probation_until, self.probation_until);
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
        )
    }
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
    /// Government sanction (政务处分).
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
        )
    }
}

/// Fields of a bulletin (专栏简报) for broadcast.
#[derive(InputObject)]
pub struct BulletinInput {
    /// Title.
    pub title: Option<String>,
    /// The short text of the TV crawl or subtitle (字幕): at most 60 characters, a Chinese
    /// character counting as one.
    pub crawl: Option<String>,
    /// The text of the bulletin.
    pub body: Option<String>,
    /// What it reports on.
    pub category: Option<BulletinCategory>,
    /// The record it reports on: the global id of a record of any kind; `null` clears it.
    pub related: MaybeUndefined<ID>,
    /// Who may see the record.
    pub scope: Option<Scope>,
    /// For RESTRICTED: who may see it; replaces the stored audience.
    pub audience: Option<Vec<AudienceMemberInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
}

impl Apply<entity::bulletin::Entity> for BulletinInput {
    fn apply(self, a: &mut entity::bulletin::ActiveModel, w: &mut Write<'_>) -> AppResult<()> {
        w.text(&mut a.title, "input.title", self.title, MAX_NAME)?;
        w.text(
            &mut a.crawl,
            "input.crawl",
            self.crawl,
            crate::store::rules::MAX_CRAWL_CHARS,
        )?;
        w.text(&mut a.body, "input.body", self.body, MAX_TEXT)?;
        w.set(&mut a.category, self.category.map(Into::into));
        match self.related {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => {
                a.related_kind = Set(None);
                a.related_id = Set(None);
            }
            MaybeUndefined::Value(id) => {
                let named = w
                    .ids
                    .decode_any(&id)
                    .and_then(|(name, key)| Some((crate::store::kind_named(&name)?, key)));
                let Some((kind, key)) = named else {
                    return Err(AppError::bad_input(
                        "input.related",
                        "this is not the id of a record",
                    ));
                };
                w.plan.reference("input.related", kind, key);
                a.related_kind = Set(Some(kind));
                a.related_id = Set(Some(key));
            }
        }
        w.common(
            (&mut a.scope, self.scope),
            (&mut a.source_id, self.source),
            self.audience,
        )
    }
}

/// Writes `input` as `target` on a record of `E`, named `kind` in global ids.
pub(crate) async fn save<E, I>(
    ctx: &Context<'_>,
    kind: &str,
    target: Target,
    input: I,
) -> Result<StepResult>
where
    E: Editable,
    E::Model: sea_orm::IntoActiveModel<E::ActiveModel> + serde::Serialize,
    E::ActiveModel: sea_orm::ActiveModelTrait<Entity = E> + Send,
    E::PrimaryKey: sea_orm::PrimaryKeyTrait<ValueType = i64>,
    I: Apply<E>,
{
    let (store, caller) = request(ctx)?;
    let saved = store
        .save::<E>(caller, target, |active, plan| {
            input.apply(
                active,
                &mut Write {
                    plan,
                    ids: store.ids(),
                },
            )
        })
        .await?;
    Ok(StepResult {
        id: store.ids().encode(kind, saved.id),
        status: saved.status.into(),
        version: saved.version,
    })
}

/// The key of `id`, a global id of `kind`; `NOT_FOUND` for anything else.
pub(crate) fn existing(ctx: &Context<'_>, kind: &str, id: &ID) -> AppResult<i64> {
    ids::of(ctx)
        .ok()
        .and_then(|ids| ids.decode(kind, id))
        .ok_or_else(|| AppError::not_found("there is no record with this id"))
}

/// The owner argument of a create.
pub(crate) fn owner(ctx: &Context<'_>, owner: Option<ID>) -> AppResult<Option<i64>> {
    owner
        .map(|o| {
            ids::of(ctx)
                .ok()
                .and_then(|ids| ids.decode("Organization", &o))
                .ok_or_else(|| {
                    AppError::bad_input("owner", "this is not the id of an organization")
                })
        })
        .transpose()
}

/// Writes `input`, the JSON of an input of `I`, as `target` on a record of `E` inside `txn`.
pub(crate) async fn write_json_as<E, I>(
    load: &Load<'_>,
    target: Target,
    input: serde_json::Value,
) -> AppResult<Saved>
where
    E: Editable,
    E::Model: sea_orm::IntoActiveModel<E::ActiveModel> + serde::Serialize,
    E::ActiveModel: sea_orm::ActiveModelTrait<Entity = E> + Send,
    E::PrimaryKey: sea_orm::PrimaryKeyTrait<ValueType = i64>,
    I: Apply<E> + async_graphql::InputType,
{
    let value = async_graphql::Value::from_json(input)
        .map_err(|error| AppError::bad_input("input", error.to_string()))?;
    let input = I::parse(Some(value)).map_err(|error| {
        AppError::bad_input(
            "input",
            error
                .into_server_error(async_graphql::Pos::default())
                .message,
        )
    })?;
    let ids = load.store.ids();
    load.store
        .write::<E>(
            load.txn,
            load.tree,
            Author::Caller(load.caller),
            target,
            |active, plan| input.apply(active, &mut Write { plan, ids }),
        )
        .await
}

/// A data loader's write in progress: the store, the transaction every write goes into, the
/// organization tree and the caller the writes are made for.
pub(crate) struct Load<'a> {
    /// The store.
    pub store: &'a crate::store::Store,
    /// The one transaction of the load.
    pub txn: &'a sea_orm::DatabaseTransaction,
    /// The organization tree.
    pub tree: &'a crate::access::OrgTree,
    /// Who writes.
    pub caller: &'a crate::access::Caller,
}

macro_rules! writes {
    (
        $name:literal: $entity:ty, $input:ty, $kind:literal, $noun:literal,
        $create:ident, $update:ident, $correct:ident
    ) => {
        #[doc = concat!("Writes of ", $noun, " records.")]
        #[derive(Default)]
        pub struct Writes;

        #[async_graphql::Object(name = $name)]
        impl Writes {
            #[doc = concat!(
                "Create a draft ", $noun, ". Editors, for their own organization: `owner` names it ",
                "when the editor belongs to more than one. Fields a new ", $noun,
                " needs are named in the error when missing."
            )]
            async fn $create(
                &self,
                ctx: &async_graphql::Context<'_>,
                owner: Option<async_graphql::ID>,
                input: $input,
            ) -> async_graphql::Result<$crate::graphql::step::StepResult> {
                use $crate::graphql::edit;
                let target = $crate::store::edit::Target::Create { owner: edit::owner(ctx, owner)? };
                edit::save::<$entity, $input>(ctx, $kind, target, input).await
            }

            #[doc = concat!(
                "Change a draft ", $noun, ". Editors of the owning organization; fields left out ",
                "stay as they are. A published ", $noun, " changes only by a correction."
            )]
            async fn $update(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
                expected_version: i32,
                input: $input,
            ) -> async_graphql::Result<$crate::graphql::step::StepResult> {
                use $crate::graphql::edit;
                let target = $crate::store::edit::Target::Update {
                    id: edit::existing(ctx, $kind, &id)?,
                    expected: expected_version,
                };
                edit::save::<$entity, $input>(ctx, $kind, target, input).await
            }

            #[doc = concat!(
                "Correct a published ", $noun, " (更正): the change is published at once as a new ",
                "version, listed in the record's `versions` with its time and `reason`. With ",
                "`withdrawPrevious`, the values of earlier versions are no longer shown. Editors ",
                "of the owning organization."
            )]
            async fn $correct(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
                expected_version: i32,
                reason: String,
                input: $input,
                #[graphql(default)] withdraw_previous: bool,
            ) -> async_graphql::Result<$crate::graphql::step::StepResult> {
                use $crate::graphql::edit;
                let target = $crate::store::edit::Target::Correct {
                    id: edit::existing(ctx, $kind, &id)?,
                    expected: expected_version,
                    reason,
                    withdraw_previous,
                };
                edit::save::<$entity, $input>(ctx, $kind, target, input).await
            }
        }
    };
}
pub(crate) use writes;
