//! What a write asks for besides a record's own columns (references to check, rules that need
//! other rows, parts and an audience to replace), and the small steps every write shares. The
//! write path ([`super::edit`]), the rules of each kind ([`super::rules`]) and the publication
//! procedure ([`super::workflow`]) all build on this module, and it on none of them.

use chrono::NaiveDate;
use entity::enums::RecordKind;
use sea_orm::ConnectionTrait;

use super::Record;
use crate::error::{AppError, AppResult};

/// One member of a RESTRICTED record's audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Member {
    /// An organization, with its sub-organizations.
    Organization(i64),
    /// A person.
    Person(i64),
}

/// A rule that needs other rows to be checked; each names the input field at fault.
#[derive(Debug, Clone)]
pub enum Check {
    /// `date` may not fall before the day the meeting `meeting` starts (China time).
    NotBeforeMeeting {
        /// The input field.
        path: String,
        /// The date.
        date: NaiveDate,
        /// The meeting.
        meeting: i64,
    },
    /// `total` votes may not exceed the members recorded present at `meeting`, when its
    /// attendance is recorded.
    VotesWithinAttendance {
        /// The input field.
        path: String,
        /// Votes for, against and abstaining.
        total: i32,
        /// The meeting.
        meeting: i64,
        /// Votes for.
        votes_for: Option<i32>,
        /// Whether the decision is recorded as adopted.
        adopted: bool,
    },
    /// No other row of `table` owned by the same organization, and not retracted, has `value`
    /// in `column`. Unique within the owner, whose editors see every such row, so that a
    /// refusal never tells a writer of a record they cannot see.
    Unique {
        /// The input field.
        path: String,
        /// The table.
        table: &'static str,
        /// The column.
        column: &'static str,
        /// The value.
        value: String,
    },
    /// The organization's jurisdiction exists, and the writer may place organizations in it
    /// ([`crate::access::writing::may_place`]).
    InJurisdiction {
        /// The input field.
        path: String,
        /// The jurisdiction, if any.
        jurisdiction: Option<i64>,
    },
    /// The organization `parent` is not `org` itself nor below it.
    NoCycle {
        /// The input field.
        path: String,
        /// The parent.
        parent: i64,
    },
    /// The passages of an exercise follow the graph of `procedure` (see
    /// [`crate::flow::Graph::check_path`]).
    FollowsProcedure {
        /// The input field of the passage list.
        path: String,
        /// The procedure.
        procedure: i64,
        /// The passages, in order.
        passages: Vec<crate::flow::Passage>,
    },
}

/// A step of a procedure with its risk points and supervision measures, as written.
#[derive(Debug, Clone)]
pub struct StepDraft {
    /// The step row, without its procedure.
    pub step: entity::procedure_step::ActiveModel,
    /// Its risk points, without the step.
    pub risks: Vec<entity::risk_point::ActiveModel>,
    /// Its supervision measures, without the step.
    pub measures: Vec<entity::supervision_measure::ActiveModel>,
}

/// Parts of a record that replace the stored ones when given.
#[derive(Debug, Clone)]
pub enum Parts {
    /// A procedure's whole graph: steps (by key) and edges between step keys.
    Procedure {
        /// The steps.
        steps: Vec<StepDraft>,
        /// `(from key, to key, label)`.
        edges: Vec<(String, String, Option<String>)>,
    },
    /// A meeting's attendance.
    Attendance(Vec<entity::attendance::ActiveModel>),
    /// A meeting's agenda, in order; items keep their ids by position, so decisions that name
    /// an item stay linked.
    Agenda(Vec<entity::agenda_item::ActiveModel>),
    /// A decision's execution milestones, in order.
    Milestones(Vec<entity::milestone::ActiveModel>),
    /// An exercise's passages through its procedure, in order.
    Passages(Vec<entity::passage::ActiveModel>),
    /// A record's attachments, in order, each with its input field: each must name a document
    /// the writer uploaded or the record carries already.
    Attachments(Vec<(String, entity::attachment::ActiveModel)>),
}

/// What an input asks for besides the record's own columns.
#[derive(Debug, Default)]
pub struct Plan {
    /// Records the input names: `(input field, kind, id)`; each must exist and be visible.
    pub refs: Vec<(String, RecordKind, i64)>,
    /// Rules to check against other rows.
    pub checks: Vec<Check>,
    /// Parts to replace.
    pub parts: Vec<Parts>,
    /// The audience to replace, with the input field of each member.
    pub audience: Option<Vec<(String, Member)>>,
}

impl Plan {
    /// Notes that the input field `path` names the record `id` of `kind`.
    pub fn reference(&mut self, path: impl Into<String>, kind: RecordKind, id: i64) {
        self.refs.push((path.into(), kind, id));
    }
}

/// `version` if it is the one the caller expects, else `CONFLICT`.
pub(super) fn expect_version(version: i32, expected: i32) -> AppResult<i32> {
    if version == expected {
        Ok(version)
    } else {
        Err(AppError::conflict(format!(
            "the record changed since you read it: it is at version {version}; read it again"
        )))
    }
}

/// The row `select` finds, as a model and as the JSON the audit entry keeps of it, from one
/// statement.
pub(super) async fn read_with_snapshot<E: Record>(
    txn: &impl ConnectionTrait,
    select: sea_orm::Select<E>,
) -> AppResult<Option<(E::Model, serde_json::Value)>> {
    use sea_orm::{QuerySelect as _, QueryTrait as _};
    let statement = select.limit(1).build(txn.get_database_backend());
    returned_with_snapshot::<E>(txn, statement).await
}

/// The row of `E` that `statement` gives (a select, or a change of one row with `RETURNING *`),
/// as a model and as the JSON the audit entry keeps of it: the conversion of
/// `E::find().into_json()`, which the audit's content check applies to the records it holds
/// against their last entries. A `RETURNING *` gives the table's own columns under their own
/// names and types, as `E::find()` selects them, so its JSON is a read's after the change;
/// that content check, on both databases, fails where it is not.
pub(super) async fn returned_with_snapshot<E: Record>(
    txn: &impl ConnectionTrait,
    statement: sea_orm::Statement,
) -> AppResult<Option<(E::Model, serde_json::Value)>> {
    use sea_orm::FromQueryResult as _;
    let Some(row) = txn.query_one_raw(statement).await? else {
        return Ok(None);
    };
    let model = E::Model::from_query_result(&row, "")?;
    let json = serde_json::Value::from_query_result(&row, "")?;
    Ok(Some((model, json)))
}
