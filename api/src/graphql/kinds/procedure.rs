//! Procedures (流程图): what the API declares of this kind, in one place: its feed and field policies,
//! its input and write rules, its search text, its root fields and its writes.

use async_graphql::{ID, InputObject, MaybeUndefined};
use sea_orm::ActiveValue::{self, Set};

use crate::access::policy;
use crate::error::{AppError, AppResult};
use crate::graphql::edit::{Apply, AudienceMemberInput, MAX_NAME, MAX_TEXT, Write, optional, text};
use crate::graphql::enums::{RiskLevel, Scope};
use crate::graphql::{
    filters::{ProcedureFilter, ProcedureOrder},
    kinds::{Feed, Kind, Policies},
};
use crate::store::edit::{Parts, StepDraft};

pub use crate::graphql::types::Procedure;

impl Kind for entity::procedure::Entity {
    const LIST: &'static str = "procedures";
    const FEED: Feed = Feed {
        title: "权力运行流程",
        untitled: "流程",
        selection: "title: name summary: description",
    };
    const POLICIES: Policies = &[
        &policy::PROCEDURE,
        &policy::PROCEDURE_STEP,
        &policy::TRANSITION,
        &policy::RISK_POINT,
        &policy::SUPERVISION_MEASURE,
    ];
    type Input = ProcedureInput;
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
    /// Documents on the record, in order, each uploaded first (`POST /documents`); replaces
    /// the stored list.
    pub attachments: Option<Vec<crate::graphql::edit::AttachmentInput>>,
    /// The document behind the record.
    pub source: MaybeUndefined<ID>,
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
            self.attachments,
        )
    }
}

crate::graphql::lists::root_fields! {
    "ProcedureQueries": entity::procedure::Entity => Procedure;
    /// Procedures (流程图).
    procedures(filter: ProcedureFilter, order_by: ProcedureOrder);
    /// One procedure by id.
    procedure(id);
}

crate::graphql::edit::writes! {
    "ProcedureWrites": entity::procedure::Entity, ProcedureInput, "Procedure", "procedure",
    create_procedure, update_procedure, correct_procedure
}

crate::store::edit::editable! {
    procedure: "procedure" requires [("input.code", "code"), ("input.name", "name")]
}

impl crate::search::Searchable for entity::procedure::Entity {
    fn documents(m: &Self::Model) -> Vec<crate::search::Document> {
        crate::search::documents_of::<Self>(
            m,
            &crate::access::policy::PROCEDURE,
            &[
                ("name", Some(m.name.clone()), true),
                ("code", Some(m.code.clone()), true),
                ("description", m.description.clone(), false),
            ],
        )
    }
}
