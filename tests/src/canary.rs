//! The canary county: fixture records of every kind, in every scope and publication state,
//! whose every text field holds a unique canary string. A canary that reaches a caller who may
//! not see it is a leak.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ColumnType, ConnectionTrait, DatabaseConnection, EntityTrait, IdenStatic,
    Iterable, Value,
    sea_query::{Alias, Query, StringLen},
};

/// Who may see a record, as the rules of DOMAIN.md state it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordState {
    /// Published, its time has come, in this scope (RESTRICTED: audience = organization A).
    Published(&'static str),
    /// Published, but its time is in the future.
    Scheduled,
    /// Published for 10 hours from now: within the media embargo window (24 hours), so media
    /// see it early if it is a bulletin, and nobody else does.
    Soon,
    /// Not published yet.
    Draft,
    /// Submitted for review.
    Submitted,
    /// Approved, not yet published.
    Approved,
    /// Retracted: gone for everyone.
    Retracted,
}

/// Where a canary sits and what seeing it takes.
#[derive(Clone, Debug)]
pub struct Canary {
    /// The table.
    pub table: &'static str,
    /// The column.
    pub column: String,
    /// The state of the record that holds it.
    pub state: RecordState,
    /// The scope the field needs (beyond seeing the record).
    pub field_scope: &'static str,
    /// Whether the record's audience names organization A (for RESTRICTED fields).
    pub audience_a: bool,
    /// The GraphQL type name and the record's database id, for lookups by id.
    pub node: (&'static str, i64),
}

/// The organizations of the canary county.
#[derive(Clone, Copy, Debug)]
pub struct Orgs {
    /// The root.
    pub root: i64,
    /// The audience of RESTRICTED records.
    pub a: i64,
    /// A sub-organization of A: its members are in A's audience too.
    pub a1: i64,
    /// An organization outside every audience.
    pub b: i64,
    /// The owner of every canary record.
    pub owner: i64,
    /// An organization of another county of the same province: [`OTHER_COUNTY`].
    pub elsewhere: i64,
}

/// The division code of the province of the canary county.
pub const PROVINCE: &str = "90";

/// The division code of the canary county, in [`PROVINCE`]: every organization of [`Orgs`]
/// but `elsewhere` belongs to it.
pub const COUNTY: &str = "900101";

/// The division code of another county of [`PROVINCE`], which holds `elsewhere` only.
pub const OTHER_COUNTY: &str = "900102";

/// A document attached to a canary record.
#[derive(Clone, Debug)]
pub struct CanaryDocument {
    /// Its name (SHA-256), which only those who may see it may learn.
    pub name: String,
    /// Its text: a canary of its own.
    pub text: String,
    /// The record that carries it: GraphQL type and database id.
    pub node: (&'static str, i64),
    /// The state of that record.
    pub state: RecordState,
    /// Whether that record's audience names organization A.
    pub audience_a: bool,
    /// The clearance the attachment needs on the record.
    pub scope: &'static str,
}

/// Scopes of the three attachments of every canary record.
const ATTACHMENT_SCOPES: [&str; 3] = ["PUBLIC", "PARTY", "RESTRICTED"];

/// The canary county's fixtures.
pub struct CanaryCounty {
    /// Every canary string and where it sits.
    pub canaries: BTreeMap<String, Canary>,
    /// The documents on canary records, three on each (one per scope).
    pub documents: Vec<CanaryDocument>,
    /// The organizations.
    pub orgs: Orgs,
    /// Records by GraphQL type: (database id, state, has audience A).
    pub records: BTreeMap<&'static str, Vec<(i64, RecordState, bool)>>,
}

/// The scope a field needs, restating the field rules of DOMAIN.md for the canary records
/// (candidates before their notice, cases not announced, fictional persons).
pub fn field_scope(table: &str, column: &str) -> &'static str {
    match (table, column) {
        ("meetings", "minutes") | ("attendances", "absence_reason") => "PARTY",
        ("social_supervisors", "contact") => "PARTY",
        ("disciplinary_cases", "subject_name" | "post_at_time") => "PARTY",
        (
            "people",
            "phone" | "email" | "office" | "gender" | "ethnicity" | "birth_month" | "education",
        ) => "RESTRICTED",
        ("appointments", "inspection_report" | "objections" | "current_post") => "RESTRICTED",
        ("appointments", c) if c.starts_with("candidate_") => "RESTRICTED",
        _ => "PUBLIC",
    }
}

struct Inserter<'a> {
    db: &'a DatabaseConnection,
    counter: usize,
}

impl Inserter<'_> {
    /// Stores `text` as a document; returns its name.
    async fn document(&mut self, text: &str) -> anyhow::Result<String> {
        use sha2::Digest as _;
        let name: String = sha2::Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new("documents"))
            .columns([
                Alias::new("sha256"),
                Alias::new("media_type"),
                Alias::new("byte_size"),
                Alias::new("content"),
                Alias::new("created_at"),
            ])
            .values([
                name.clone().into(),
                "text/plain; charset=utf-8".into(),
                (text.len() as i64).into(),
                Value::Bytes(Some(text.as_bytes().to_vec())).into(),
                Utc::now().into(),
            ])?;
        self.db.execute(&insert).await?;
        Ok(name)
    }

    /// Inserts a row of `E`: `overrides` first; every other text column gets a fresh canary
    /// (or plain text when `plain`), other columns a neutral value. Returns the id and the
    /// canaries written.
    async fn insert<E: EntityTrait>(
        &mut self,
        overrides: &[(&str, Value)],
        plain: bool,
    ) -> anyhow::Result<(i64, Vec<(String, String)>)> {
        let table = E::default().table_name().to_owned();
        let mut columns = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        let mut written = Vec::new();
        for column in E::Column::iter() {
            let name = column.as_str().to_owned();
            if name == "id" {
                continue;
            }
            let def = column.def();
            let value = if let Some((_, v)) = overrides.iter().find(|(n, _)| *n == name) {
                v.clone()
            } else {
                match def.get_column_type() {
                    ColumnType::String(StringLen::N(32)) if def.is_null() => Value::String(None),
                    ColumnType::String(StringLen::N(32)) => {
                        anyhow::bail!("{table}.{name} is a vocabulary column: give it a value")
                    }
                    ColumnType::String(_) | ColumnType::Text => {
                        self.counter += 1;
                        let text = if plain {
                            format!("公开内容{}", self.counter)
                        } else {
                            format!("CANARY{:05}", self.counter)
                        };
                        if !plain {
                            written.push((text.clone(), name.clone()));
                        }
                        text.into()
                    }
                    _ if def.is_null() => match def.get_column_type() {
                        ColumnType::Integer => Value::Int(None),
                        ColumnType::Date => Value::ChronoDate(None),
                        ColumnType::TimestampWithTimeZone => Value::ChronoDateTimeUtc(None),
                        ColumnType::Boolean => Value::Bool(None),
                        _ => Value::BigInt(None),
                    },
                    ColumnType::Integer => 1i32.into(),
                    ColumnType::BigInteger => 1i64.into(),
                    ColumnType::Boolean => false.into(),
                    ColumnType::Date => NaiveDate::from_ymd_opt(2011, 6, 1)
                        .ok_or_else(|| anyhow::anyhow!("date"))?
                        .into(),
                    ColumnType::TimestampWithTimeZone => Utc::now().into(),
                    other => anyhow::bail!("{table}.{name}: no filler for {other:?}"),
                }
            };
            columns.push(Alias::new(name));
            values.push(value);
        }
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new(table.clone()))
            .columns(columns)
            .values(values.into_iter().map(Into::into))?
            .returning_col(Alias::new("id"));
        let row = self
            .db
            .query_one(&insert)
            .await?
            .ok_or_else(|| anyhow::anyhow!("no id returned for {table}"))?;
        Ok((row.try_get_by_index::<i64>(0)?, written))
    }
}

fn publication(state: RecordState, owner: i64) -> Vec<(&'static str, Value)> {
    let past = Utc::now() - chrono::Duration::days(30);
    let future = Utc::now() + chrono::Duration::days(30);
    let soon = Utc::now() + chrono::Duration::hours(10);
    let (scope, status, at) = match state {
        RecordState::Published(scope) => (scope, "PUBLISHED", Some(past)),
        RecordState::Scheduled => ("PUBLIC", "PUBLISHED", Some(future)),
        RecordState::Soon => ("PUBLIC", "PUBLISHED", Some(soon)),
        RecordState::Draft => ("PUBLIC", "DRAFT", None),
        RecordState::Submitted => ("PUBLIC", "SUBMITTED", None),
        RecordState::Approved => ("PUBLIC", "APPROVED", None),
        RecordState::Retracted => ("PUBLIC", "RETRACTED", Some(past)),
    };
    vec![
        ("scope", scope.into()),
        ("status", status.into()),
        ("publish_at", at.into()),
        ("owner_org_id", owner.into()),
        ("source_id", Value::BigInt(None)),
        ("version", 1i32.into()),
    ]
}

/// Every state a canary record is made in.
pub const STATES: &[RecordState] = &[
    RecordState::Published("PUBLIC"),
    RecordState::Published("PARTY"),
    RecordState::Published("RESTRICTED"),
    RecordState::Scheduled,
    RecordState::Soon,
    RecordState::Draft,
    RecordState::Submitted,
    RecordState::Approved,
    RecordState::Retracted,
];

impl CanaryCounty {
    /// Writes the canary county into an empty, migrated database.
    pub async fn load(db: &DatabaseConnection) -> anyhow::Result<Self> {
        use entity::*;
        let mut ins = Inserter { db, counter: 0 };
        let public = |owner: Option<i64>| {
            let mut p = publication(RecordState::Published("PUBLIC"), 0);
            p[3] = ("owner_org_id", owner.into());
            p
        };
        // The province, its canary county and another county.
        let mut jurisdiction_ids = Vec::new();
        for (code, level, parent) in [
            (PROVINCE, "PROVINCE", None),
            (COUNTY, "COUNTY", Some(0)),
            (OTHER_COUNTY, "COUNTY", Some(0)),
        ] {
            let parent: Option<i64> = parent.map(|p: usize| jurisdiction_ids[p]);
            let (id, _) = ins
                .insert::<jurisdiction::Entity>(
                    &[
                        ("division_code", code.into()),
                        ("level", level.into()),
                        ("parent_id", parent.into()),
                    ],
                    true,
                )
                .await?;
            jurisdiction_ids.push(id);
        }
        let (own_county, other_county) = (jurisdiction_ids[1], jurisdiction_ids[2]);
        let org_in = |parent: Option<i64>, jurisdiction: i64| {
            let mut o = public(None);
            o.push(("kind", "DEPARTMENT".into()));
            o.push(("parent_id", parent.into()));
            o.push(("jurisdiction_id", jurisdiction.into()));
            o
        };
        let org = |parent: Option<i64>| org_in(parent, own_county);
        let (root, _) = ins.insert::<organization::Entity>(&org(None), true).await?;
        let (a, _) = ins
            .insert::<organization::Entity>(&org(Some(root)), true)
            .await?;
        let (a1, _) = ins
            .insert::<organization::Entity>(&org(Some(a)), true)
            .await?;
        let (b, _) = ins
            .insert::<organization::Entity>(&org(Some(root)), true)
            .await?;
        let (owner, _) = ins
            .insert::<organization::Entity>(&org(Some(root)), true)
            .await?;
        let (elsewhere, _) = ins
            .insert::<organization::Entity>(&org_in(None, other_county), true)
            .await?;
        let orgs = Orgs {
            root,
            a,
            a1,
            b,
            owner,
            elsewhere,
        };

        // Plain public records that canary records hang from.
        let mut person_base = public(Some(owner));
        person_base.extend([("phone_public", false.into()), ("fictional", true.into())]);
        let (person0, _) = ins.insert::<person::Entity>(&person_base, true).await?;
        let mut post_base = public(Some(owner));
        post_base.extend([
            ("organization_id", owner.into()),
            ("is_leadership", false.into()),
        ]);
        let (post0, _) = ins.insert::<post::Entity>(&post_base, true).await?;
        let (procedure0, _) = ins
            .insert::<procedure::Entity>(&public(Some(owner)), true)
            .await?;
        // The procedure's one step, which the canary exercises pass through, and a power.
        ins.insert::<procedure_step::Entity>(
            &[
                ("procedure_id", procedure0.into()),
                ("key", "S1".into()),
                ("time_limit_days", 3i32.into()),
            ],
            true,
        )
        .await?;
        let mut power_base = public(Some(owner));
        power_base.extend([
            ("category", "MAJOR_DECISION".into()),
            ("holder_org_id", owner.into()),
            ("holder_post_id", Value::BigInt(None)),
            ("timing", "IMMEDIATE".into()),
            ("risk_level", "LOW".into()),
            ("procedure_id", procedure0.into()),
            ("carriers", "WEBSITE".into()),
        ]);
        let (power0, _) = ins.insert::<power::Entity>(&power_base, true).await?;
        let mut meeting_base = public(Some(owner));
        meeting_base.extend([
            ("body_id", owner.into()),
            ("kind", "STANDING_COMMITTEE".into()),
            ("meeting_status", "HELD".into()),
            ("chair_id", Value::BigInt(None)),
        ]);
        let (meeting0, _) = ins.insert::<meeting::Entity>(&meeting_base, true).await?;

        let mut county = CanaryCounty {
            canaries: BTreeMap::new(),
            documents: Vec::new(),
            orgs,
            records: BTreeMap::new(),
        };
        let record = |county: &mut CanaryCounty,
                      table: &'static str,
                      node: &'static str,
                      id: i64,
                      state: RecordState,
                      audience_a: bool,
                      written: Vec<(String, String)>| {
            county
                .records
                .entry(node)
                .or_default()
                .push((id, state, audience_a));
            for (canary, column) in written {
                let field_scope = field_scope(table, &column);
                county.canaries.insert(
                    canary,
                    Canary {
                        table,
                        column,
                        state,
                        field_scope,
                        audience_a,
                        node: (node, id),
                    },
                );
            }
        };

        // One record of each kind in each state, plus a PUBLIC one whose audience names A (so
        // that A's members may see its RESTRICTED fields).
        let mut variants: Vec<(RecordState, bool)> = STATES
            .iter()
            .map(|s| (*s, matches!(s, RecordState::Published("RESTRICTED"))))
            .collect();
        variants.push((RecordState::Published("PUBLIC"), true));
        // Each bulletin reports on the decision of the variant before it, so that a bulletin
        // and its related record differ in who may see them.
        let mut previous_decision: Option<i64> = None;
        for &(state, audience_a) in &variants {
            let base = publication(state, owner);
            let with = |extra: Vec<(&'static str, Value)>| {
                let mut v = base.clone();
                v.extend(extra);
                v
            };
            macro_rules! make {
                ($entity:ty, $table:literal, $node:literal, $kind:literal, $extra:expr) => {{
                    let (id, written) = ins.insert::<$entity>(&with($extra), false).await?;
                    if audience_a {
                        ins.insert::<record_audience::Entity>(
                            &[
                                ("record_kind", $kind.into()),
                                ("record_id", id.into()),
                                ("organization_id", a.into()),
                                ("person_id", Value::BigInt(None)),
                            ],
                            true,
                        )
                        .await?;
                    }
                    record(&mut county, $table, $node, id, state, audience_a, written);
                    for (position, scope) in ATTACHMENT_SCOPES.into_iter().enumerate() {
                        let text = format!("CANARYDOC {} {position}", county.documents.len());
                        let name = ins.document(&text).await?;
                        let (_, written) = ins
                            .insert::<attachment::Entity>(
                                &[
                                    ("record_kind", $kind.into()),
                                    ("record_id", id.into()),
                                    ("position", (position as i32 + 1).into()),
                                    ("sha256", name.clone().into()),
                                    ("role", "OTHER".into()),
                                    ("scope", scope.into()),
                                ],
                                false,
                            )
                            .await?;
                        for (canary, column) in written {
                            county.canaries.insert(
                                canary,
                                Canary {
                                    table: "attachments",
                                    column,
                                    state,
                                    field_scope: scope,
                                    audience_a,
                                    node: ($node, id),
                                },
                            );
                        }
                        county.documents.push(CanaryDocument {
                            name,
                            text,
                            node: ($node, id),
                            state,
                            audience_a,
                            scope,
                        });
                    }
                    id
                }};
            }
            make!(source::Entity, "sources", "Source", "SOURCE", vec![]);
            make!(
                organization::Entity,
                "organizations",
                "Organization",
                "ORGANIZATION",
                vec![
                    ("kind", "OTHER".into()),
                    ("parent_id", Value::BigInt(Some(owner))),
                    ("jurisdiction_id", Value::BigInt(Some(own_county))),
                ]
            );
            make!(
                person::Entity,
                "people",
                "Person",
                "PERSON",
                vec![("phone_public", false.into()), ("fictional", true.into()),]
            );
            make!(
                post::Entity,
                "posts",
                "Post",
                "POST",
                vec![
                    ("organization_id", owner.into()),
                    ("is_leadership", false.into()),
                ]
            );
            make!(
                membership::Entity,
                "memberships",
                "Membership",
                "MEMBERSHIP",
                vec![("person_id", person0.into()), ("post_id", post0.into()),]
            );
            let procedure = make!(
                procedure::Entity,
                "procedures",
                "Procedure",
                "PROCEDURE",
                vec![]
            );
            // Parts of the procedure inherit its visibility.
            let (step, written) = ins
                .insert::<procedure_step::Entity>(&[("procedure_id", procedure.into())], false)
                .await?;
            record(
                &mut county,
                "procedure_steps",
                "ProcedureStep",
                step,
                state,
                audience_a,
                written,
            );
            let (_, written) = ins
                .insert::<procedure_edge::Entity>(
                    &[
                        ("procedure_id", procedure.into()),
                        ("from_step_id", step.into()),
                        ("to_step_id", step.into()),
                    ],
                    false,
                )
                .await?;
            record(
                &mut county,
                "procedure_edges",
                "Transition",
                step,
                state,
                audience_a,
                written,
            );
            let (_, written) = ins
                .insert::<risk_point::Entity>(
                    &[("step_id", step.into()), ("level", "HIGH".into())],
                    false,
                )
                .await?;
            record(
                &mut county,
                "risk_points",
                "RiskPoint",
                step,
                state,
                audience_a,
                written,
            );
            let (_, written) = ins
                .insert::<supervision_measure::Entity>(&[("step_id", step.into())], false)
                .await?;
            record(
                &mut county,
                "supervision_measures",
                "SupervisionMeasure",
                step,
                state,
                audience_a,
                written,
            );
            make!(
                power::Entity,
                "powers",
                "Power",
                "POWER",
                vec![
                    ("category", "PERSONNEL".into()),
                    ("holder_org_id", owner.into()),
                    ("holder_post_id", Value::BigInt(None)),
                    ("timing", "IMMEDIATE".into()),
                    ("risk_level", "HIGH".into()),
                    ("procedure_id", procedure0.into()),
                    ("carriers", "WEBSITE".into()),
                ]
            );
            let meeting = make!(
                meeting::Entity,
                "meetings",
                "Meeting",
                "MEETING",
                vec![
                    ("body_id", owner.into()),
                    ("kind", "STANDING_COMMITTEE".into()),
                    ("meeting_status", "HELD".into()),
                    ("chair_id", Value::BigInt(None)),
                ]
            );
            let (_, written) = ins
                .insert::<attendance::Entity>(
                    &[
                        ("meeting_id", meeting.into()),
                        ("person_id", person0.into()),
                        ("role", "MEMBER".into()),
                    ],
                    false,
                )
                .await?;
            record(
                &mut county,
                "attendances",
                "Attendance",
                meeting,
                state,
                audience_a,
                written,
            );
            let (_, written) = ins
                .insert::<agenda_item::Entity>(
                    &[
                        ("meeting_id", meeting.into()),
                        ("presenter_id", Value::BigInt(None)),
                    ],
                    false,
                )
                .await?;
            record(
                &mut county,
                "agenda_items",
                "AgendaItem",
                meeting,
                state,
                audience_a,
                written,
            );
            // Decisions hang from a public meeting, so that each is reached on its own state.
            let decision = make!(
                decision::Entity,
                "decisions",
                "Decision",
                "DECISION",
                vec![
                    ("meeting_id", meeting0.into()),
                    ("agenda_item_id", Value::BigInt(None)),
                    ("kind", "DECISION".into()),
                    ("result", "ADOPTED".into()),
                    ("execution_status", "IN_PROGRESS".into()),
                ]
            );
            let (_, written) = ins
                .insert::<milestone::Entity>(
                    &[
                        ("decision_id", decision.into()),
                        ("status", "OVERDUE".into()),
                    ],
                    false,
                )
                .await?;
            record(
                &mut county,
                "milestones",
                "Milestone",
                decision,
                state,
                audience_a,
                written,
            );
            make!(
                observer::Entity,
                "observers",
                "Observer",
                "OBSERVER",
                vec![("person_id", person0.into()), ("category", "EXPERT".into()),]
            );
            let supervisor = make!(
                social_supervisor::Entity,
                "social_supervisors",
                "SocialSupervisor",
                "SOCIAL_SUPERVISOR",
                vec![("person_id", person0.into())]
            );
            make!(
                duty_report::Entity,
                "duty_reports",
                "DutyReport",
                "DUTY_REPORT",
                vec![
                    ("person_id", person0.into()),
                    ("post_id", Value::BigInt(None)),
                    ("meeting_id", Value::BigInt(None)),
                    ("form", "WRITTEN".into()),
                ]
            );
            make!(
                evaluation_round::Entity,
                "evaluation_rounds",
                "EvaluationRound",
                "EVALUATION_ROUND",
                vec![
                    ("audience", "PUBLIC".into()),
                    ("duty_report_id", Value::BigInt(None)),
                    ("meeting_id", Value::BigInt(None)),
                ]
            );
            make!(
                inspection_report::Entity,
                "inspection_reports",
                "InspectionReport",
                "INSPECTION_REPORT",
                vec![("supervisor_id", supervisor.into())]
            );
            // Exercises run through the public procedure, so that each is reached on its own
            // state.
            let exercise = make!(
                exercise::Entity,
                "exercises",
                "Exercise",
                "EXERCISE",
                vec![
                    ("power_id", power0.into()),
                    ("procedure_id", procedure0.into()),
                    ("decision_id", Value::BigInt(None)),
                    ("meeting_id", Value::BigInt(None)),
                    ("appointment_id", Value::BigInt(None)),
                    ("disciplinary_case_id", Value::BigInt(None)),
                ]
            );
            let (_, written) = ins
                .insert::<passage::Entity>(
                    &[
                        ("exercise_id", exercise.into()),
                        ("step_key", "S1".into()),
                        ("left_at", sea_orm::Value::ChronoDateTimeUtc(None)),
                    ],
                    false,
                )
                .await?;
            record(
                &mut county,
                "passages",
                "Passage",
                exercise,
                state,
                audience_a,
                written,
            );
            make!(
                appointment::Entity,
                "appointments",
                "Appointment",
                "APPOINTMENT",
                vec![
                    ("organization_id", owner.into()),
                    ("post_id", Value::BigInt(None)),
                    ("stage", "INSPECTION".into()),
                    ("outcome", "PENDING".into()),
                    ("candidate_id", person0.into()),
                    ("notice_start", sea_orm::Value::ChronoDate(None)),
                    ("deciding_meeting_id", Value::BigInt(None)),
                ]
            );
            let related = previous_decision.replace(decision);
            make!(
                bulletin::Entity,
                "bulletins",
                "Bulletin",
                "BULLETIN",
                vec![
                    ("category", "MEETING_DECISION".into()),
                    (
                        "related_kind",
                        related.map(|_| "DECISION".to_owned()).into()
                    ),
                    ("related_id", Value::BigInt(related)),
                ]
            );
            make!(
                feedback_answer::Entity,
                "feedback_answers",
                "FeedbackAnswer",
                "FEEDBACK_ANSWER",
                vec![("feedback_kind", "OPINION".into())]
            );
            make!(
                disciplinary_case::Entity,
                "disciplinary_cases",
                "DisciplinaryCase",
                "DISCIPLINARY_CASE",
                vec![
                    ("violation_category", "INTEGRITY".into()),
                    ("party_sanction", "WARNING".into()),
                    ("government_sanction", Value::String(None)),
                    ("subject_id", person0.into()),
                    ("deciding_body_id", Value::BigInt(None)),
                    ("announced", false.into()),
                ]
            );
        }
        // Written behind the server's back, so the search index is built again, as after any
        // bulk load.
        sunlight::search::rebuild(db).await?;
        Ok(county)
    }
}
