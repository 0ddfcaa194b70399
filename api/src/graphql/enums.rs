//! GraphQL mirrors of the domain's vocabularies, converted to and from the entity enums.

use async_graphql::Enum;

/// 公开范围: PUBLIC to everyone, PARTY to party members, RESTRICTED to a named audience.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::Scope")]
pub enum Scope {
    #[allow(missing_docs)]
    Public,
    #[allow(missing_docs)]
    Party,
    #[allow(missing_docs)]
    Restricted,
}

/// Where a record stands in 提出 → 审核 → 审批 → 实施.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::PublicationStatus")]
pub enum PublicationStatus {
    #[allow(missing_docs)]
    Draft,
    #[allow(missing_docs)]
    Submitted,
    #[allow(missing_docs)]
    Approved,
    #[allow(missing_docs)]
    Published,
    #[allow(missing_docs)]
    Retracted,
}

/// Kind of organization.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::OrganizationKind")]
pub enum OrganizationKind {
    #[allow(missing_docs)]
    PartyCongress,
    #[allow(missing_docs)]
    Plenary,
    #[allow(missing_docs)]
    StandingCommittee,
    #[allow(missing_docs)]
    DisciplineCommission,
    #[allow(missing_docs)]
    Department,
    #[allow(missing_docs)]
    PeoplesCongress,
    #[allow(missing_docs)]
    Government,
    #[allow(missing_docs)]
    Cppcc,
    #[allow(missing_docs)]
    LeadingGroup,
    #[allow(missing_docs)]
    Township,
    #[allow(missing_docs)]
    Other,
}

/// Category of a power: 三重一大 plus incident handling.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::PowerCategory")]
pub enum PowerCategory {
    #[allow(missing_docs)]
    MajorDecision,
    #[allow(missing_docs)]
    Personnel,
    #[allow(missing_docs)]
    MajorProject,
    #[allow(missing_docs)]
    Incident,
    #[allow(missing_docs)]
    LargeFund,
    #[allow(missing_docs)]
    Other,
}

/// 公开载体: where a power's exercise is disclosed.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::Carrier")]
pub enum Carrier {
    #[allow(missing_docs)]
    Website,
    #[allow(missing_docs)]
    Tv,
    #[allow(missing_docs)]
    NoticeBoard,
    #[allow(missing_docs)]
    Newspaper,
    #[allow(missing_docs)]
    PressConference,
    #[allow(missing_docs)]
    PartyDocument,
    #[allow(missing_docs)]
    Meeting,
}

/// 公开时间: when a power's exercise is disclosed.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::DisclosureTiming")]
pub enum DisclosureTiming {
    #[allow(missing_docs)]
    WithinWorkingDays,
    #[allow(missing_docs)]
    Periodic,
    #[allow(missing_docs)]
    Immediate,
    #[allow(missing_docs)]
    Standing,
}

/// Level of a risk point.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::RiskLevel")]
pub enum RiskLevel {
    #[allow(missing_docs)]
    Low,
    #[allow(missing_docs)]
    Medium,
    #[allow(missing_docs)]
    High,
}

/// Kind of meeting.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::MeetingKind")]
pub enum MeetingKind {
    #[allow(missing_docs)]
    StandingCommittee,
    #[allow(missing_docs)]
    Plenary,
    #[allow(missing_docs)]
    PartyCongress,
    #[allow(missing_docs)]
    LeadingGroup,
    #[allow(missing_docs)]
    GovernmentExecutive,
    #[allow(missing_docs)]
    Special,
    #[allow(missing_docs)]
    Other,
}

/// Whether a meeting took place.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::MeetingStatus")]
pub enum MeetingStatus {
    #[allow(missing_docs)]
    Scheduled,
    #[allow(missing_docs)]
    Held,
    #[allow(missing_docs)]
    Cancelled,
}

/// MEMBER votes; NON_VOTING is 列席; OBSERVER is 旁听.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::AttendanceRole")]
pub enum AttendanceRole {
    #[allow(missing_docs)]
    Member,
    #[allow(missing_docs)]
    NonVoting,
    #[allow(missing_docs)]
    Observer,
}

/// Category of the observer pool (会议列席人员资料库).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ObserverCategory")]
pub enum ObserverCategory {
    #[allow(missing_docs)]
    Expert,
    #[allow(missing_docs)]
    Grassroots,
    #[allow(missing_docs)]
    CommunityMember,
    #[allow(missing_docs)]
    Cadre,
    #[allow(missing_docs)]
    PeoplesDeputy,
    #[allow(missing_docs)]
    CppccMember,
}

/// 决策, 决定 or 决议.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::DecisionKind")]
pub enum DecisionKind {
    #[allow(missing_docs)]
    Decision,
    #[allow(missing_docs)]
    Determination,
    #[allow(missing_docs)]
    Resolution,
}

/// Result of a vote.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::DecisionResult")]
pub enum DecisionResult {
    #[allow(missing_docs)]
    Adopted,
    #[allow(missing_docs)]
    Rejected,
    #[allow(missing_docs)]
    Deferred,
}

/// Execution of a decision or milestone.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ExecutionStatus")]
pub enum ExecutionStatus {
    #[allow(missing_docs)]
    NotStarted,
    #[allow(missing_docs)]
    InProgress,
    #[allow(missing_docs)]
    Completed,
    #[allow(missing_docs)]
    Overdue,
}

/// Stage of an appointment.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::AppointmentStage")]
pub enum AppointmentStage {
    #[allow(missing_docs)]
    VacancyAnnounced,
    #[allow(missing_docs)]
    Inspection,
    #[allow(missing_docs)]
    Notice,
    #[allow(missing_docs)]
    Decided,
    #[allow(missing_docs)]
    Probation,
    #[allow(missing_docs)]
    Closed,
}

/// Outcome of an appointment.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::AppointmentOutcome")]
pub enum AppointmentOutcome {
    #[allow(missing_docs)]
    Pending,
    #[allow(missing_docs)]
    Appointed,
    #[allow(missing_docs)]
    Withdrawn,
    #[allow(missing_docs)]
    Postponed,
}

/// The six disciplines.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ViolationCategory")]
pub enum ViolationCategory {
    #[allow(missing_docs)]
    Political,
    #[allow(missing_docs)]
    Organizational,
    #[allow(missing_docs)]
    Integrity,
    #[allow(missing_docs)]
    Masses,
    #[allow(missing_docs)]
    Work,
    #[allow(missing_docs)]
    Life,
}

/// 党纪处分.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::PartySanction")]
pub enum PartySanction {
    #[allow(missing_docs)]
    Warning,
    #[allow(missing_docs)]
    SeriousWarning,
    #[allow(missing_docs)]
    RemovalFromPost,
    #[allow(missing_docs)]
    Probation,
    #[allow(missing_docs)]
    Expulsion,
}

/// 行政处分 (a sanction under the rules for civil servants of 2011; called 政务处分 since 2020).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::GovernmentSanction")]
pub enum GovernmentSanction {
    #[allow(missing_docs)]
    Warning,
    #[allow(missing_docs)]
    Demerit,
    #[allow(missing_docs)]
    MajorDemerit,
    #[allow(missing_docs)]
    Demotion,
    #[allow(missing_docs)]
    Dismissal,
    #[allow(missing_docs)]
    Expulsion,
}

/// `RecordKind` and `SearchKind`, from the list of kinds.
macro_rules! record_kinds {
    ([] $($Kind:ident: $module:ident, $table:literal, $doc:literal;)+) => {
        /// Kind of record, as a global id names it.
        #[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
        #[graphql(remote = "entity::enums::RecordKind")]
        pub enum RecordKind {
            $(#[doc = $doc] $Kind,)+
        }

        /// The kinds of record search covers.
        #[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
        #[graphql(remote = "entity::enums::RecordKind")]
        pub enum SearchKind {
            $(#[doc = $doc] $Kind,)+
        }
    };
}
entity::kinds!({record_kinds} []);

/// What a bulletin reports on.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::BulletinCategory")]
pub enum BulletinCategory {
    /// A meeting's decision (会议决策).
    MeetingDecision,
    /// A cadre appointment (干部任免).
    Appointment,
    /// A disciplinary outcome (违纪违法问题处理).
    Discipline,
    /// Anything else about the committee's work.
    General,
}

/// What a document attached to a record is.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::DocumentRole")]
pub enum DocumentRole {
    /// 决定全文: the text of a decision.
    DecisionText,
    /// 通知、公告、公示: a notice.
    Notice,
    /// 会议纪要: minutes.
    Minutes,
    /// 报告: a report.
    Report,
    /// 佐证材料: evidence of a step taken.
    Evidence,
    /// 其他: anything else.
    Other,
}
