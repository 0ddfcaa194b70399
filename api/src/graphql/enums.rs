//! GraphQL mirrors of the domain's vocabularies, converted to and from the entity enums.

use async_graphql::Enum;

/// 公开范围: PUBLIC to everyone, PARTY to party members, RESTRICTED to a named audience.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::Scope")]
pub enum Scope {
    /// 向社会公开 (Public).
    Public,
    /// 党内公开 (Party-internal).
    Party,
    /// 特定范围公开 (Restricted).
    Restricted,
}

/// Where a record stands in 提出 → 审核 → 审批 → 实施.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::PublicationStatus")]
pub enum PublicationStatus {
    /// 草稿 (Draft).
    Draft,
    /// 待审核 (Submitted).
    Submitted,
    /// 已审核 (Approved).
    Approved,
    /// 已公开 (Published).
    Published,
    /// 已撤回 (Retracted).
    Retracted,
}

/// Kind of organization.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::OrganizationKind")]
pub enum OrganizationKind {
    /// 党代会 (Party congress).
    PartyCongress,
    /// 全委会 (Plenary committee).
    Plenary,
    /// 常委会 (Standing committee).
    StandingCommittee,
    /// 纪委 (Discipline commission).
    DisciplineCommission,
    /// 县委职能部门 (Committee department).
    Department,
    /// 人大 (People's congress).
    PeoplesCongress,
    /// 政府 (Government).
    Government,
    /// 政协 (CPPCC).
    Cppcc,
    /// 领导小组 (Leading group).
    LeadingGroup,
    /// 乡镇 (Township).
    Township,
    /// 其他 (Other).
    Other,
}

/// 行政区划级别: the level of a jurisdiction.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::JurisdictionLevel")]
pub enum JurisdictionLevel {
    /// 省级 (Province).
    Province,
    /// 地级 (Prefecture).
    Prefecture,
    /// 县级 (County).
    County,
}

/// Category of a power: 三重一大 plus incident handling.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::PowerCategory")]
pub enum PowerCategory {
    /// 重大决策 (Major decision).
    MajorDecision,
    /// 重要人事任免 (Key appointment).
    Personnel,
    /// 重大项目建设 (Major project).
    MajorProject,
    /// 重大事件处置 (Major incident).
    Incident,
    /// 大额资金使用 (Large spending).
    LargeFund,
    /// 其他 (Other).
    Other,
}

/// 公开载体: where a power's exercise is disclosed.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::Carrier")]
pub enum Carrier {
    /// 网站 (Website).
    Website,
    /// 电视 (Television).
    Tv,
    /// 公开栏 (Notice board).
    NoticeBoard,
    /// 报刊 (Newspaper).
    Newspaper,
    /// 新闻发布会 (Press conference).
    PressConference,
    /// 党内文件 (Party document).
    PartyDocument,
    /// 会议 (Meeting).
    Meeting,
}

/// 公开时间: when a power's exercise is disclosed.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::DisclosureTiming")]
pub enum DisclosureTiming {
    /// 限时公开 (Within working days).
    WithinWorkingDays,
    /// 定期公开 (Periodically).
    Periodic,
    /// 即时公开 (Immediately).
    Immediate,
    /// 长期公开 (Standing).
    Standing,
}

/// Level of a risk point.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::RiskLevel")]
pub enum RiskLevel {
    /// 低 (Low).
    Low,
    /// 中 (Medium).
    Medium,
    /// 高 (High).
    High,
}

/// Kind of meeting.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::MeetingKind")]
pub enum MeetingKind {
    /// 常委会会议 (Standing committee meeting).
    StandingCommittee,
    /// 全委会会议 (Plenary session).
    Plenary,
    /// 党代表大会 (Party congress).
    PartyCongress,
    /// 领导小组会议 (Leading group meeting).
    LeadingGroup,
    /// 政府常务会议 (Government executive meeting).
    GovernmentExecutive,
    /// 专题会议 (Special meeting).
    Special,
    /// 重大事务决策听证会 (Hearing): before a major decision, open to observers who apply.
    Hearing,
    /// 其他会议 (Other meeting).
    Other,
}

/// Whether a meeting took place.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::MeetingStatus")]
pub enum MeetingStatus {
    /// 已安排 (Scheduled).
    Scheduled,
    /// 已召开 (Held).
    Held,
    /// 已取消 (Cancelled).
    Cancelled,
}

/// MEMBER votes; NON_VOTING is 列席; OBSERVER is 旁听.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::AttendanceRole")]
pub enum AttendanceRole {
    /// 出席成员 (Member).
    Member,
    /// 列席 (Attending without a vote).
    NonVoting,
    /// 旁听 (Observer).
    Observer,
}

/// Category of the observer pool (会议列席人员资料库).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ObserverCategory")]
pub enum ObserverCategory {
    /// 专家学者 (Expert).
    Expert,
    /// 基层群众 (Member of the public).
    Grassroots,
    /// 社区党员 (Community party member).
    CommunityMember,
    /// 机关干部 (Official).
    Cadre,
    /// 人大代表 (People's congress deputy).
    PeoplesDeputy,
    /// 政协委员 (CPPCC member).
    CppccMember,
}

/// 决策, 决定 or 决议.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::DecisionKind")]
pub enum DecisionKind {
    /// 决策 (Decision).
    Decision,
    /// 决定 (Determination).
    Determination,
    /// 决议 (Resolution).
    Resolution,
}

/// Result of a vote.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::DecisionResult")]
pub enum DecisionResult {
    /// 通过 (Adopted).
    Adopted,
    /// 未通过 (Rejected).
    Rejected,
    /// 暂缓表决 (Deferred).
    Deferred,
}

/// Execution of a decision or milestone.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ExecutionStatus")]
pub enum ExecutionStatus {
    /// 未开始 (Not started).
    NotStarted,
    /// 进行中 (In progress).
    InProgress,
    /// 已完成 (Completed).
    Completed,
    /// 超期 (Overdue).
    Overdue,
}

/// Stage of an appointment.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::AppointmentStage")]
pub enum AppointmentStage {
    /// 空缺职位预告 (Vacancy announced).
    VacancyAnnounced,
    /// 组织考察 (Inspection).
    Inspection,
    /// 任前公示 (Pre-appointment notice).
    Notice,
    /// 讨论决定 (Decided).
    Decided,
    /// 试用期 (Probation).
    Probation,
    /// 已办结 (Closed).
    Closed,
}

/// Outcome of an appointment.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::AppointmentOutcome")]
pub enum AppointmentOutcome {
    /// 待定 (Pending).
    Pending,
    /// 已任命 (Appointed).
    Appointed,
    /// 已撤回 (Withdrawn).
    Withdrawn,
    /// 暂缓 (Postponed).
    Postponed,
}

/// The six disciplines.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ViolationCategory")]
pub enum ViolationCategory {
    /// 政治纪律 (Political discipline).
    Political,
    /// 组织纪律 (Organizational discipline).
    Organizational,
    /// 廉洁纪律 (Integrity discipline).
    Integrity,
    /// 群众纪律 (Discipline towards the public).
    Masses,
    /// 工作纪律 (Work discipline).
    Work,
    /// 生活纪律 (Discipline in private life).
    Life,
}

/// 党纪处分.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::PartySanction")]
pub enum PartySanction {
    /// 警告 (Warning).
    Warning,
    /// 严重警告 (Serious warning).
    SeriousWarning,
    /// 撤销党内职务 (Removal from party posts).
    RemovalFromPost,
    /// 留党察看 (Party probation).
    Probation,
    /// 开除党籍 (Expulsion from the party).
    Expulsion,
}

/// 行政处分 (a sanction under the rules for civil servants of 2011; called 政务处分 since 2020).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::GovernmentSanction")]
pub enum GovernmentSanction {
    /// 警告 (Warning).
    Warning,
    /// 记过 (Demerit).
    Demerit,
    /// 记大过 (Major demerit).
    MajorDemerit,
    /// 降级 (Demotion).
    Demotion,
    /// 撤职 (Dismissal from post).
    Dismissal,
    /// 开除 (Expulsion).
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
    /// 会议决策 (Meeting decision).
    ///
    /// A meeting's decision (会议决策).
    MeetingDecision,
    /// 干部任免 (Appointment).
    ///
    /// A cadre appointment (干部任免).
    Appointment,
    /// 执纪问责 (Discipline).
    ///
    /// A disciplinary outcome (违纪违法问题处理).
    Discipline,
    /// 综合 (General).
    ///
    /// Anything else about the committee's work.
    General,
}

/// What a document attached to a record is.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::DocumentRole")]
pub enum DocumentRole {
    /// 决定全文 (Text of the decision).
    ///
    /// 决定全文: the text of a decision.
    DecisionText,
    /// 通知公告 (Notice).
    ///
    /// 通知、公告、公示: a notice.
    Notice,
    /// 会议纪要 (Minutes).
    ///
    /// 会议纪要: minutes.
    Minutes,
    /// 报告 (Report).
    ///
    /// 报告: a report.
    Report,
    /// 佐证材料 (Evidence).
    ///
    /// 佐证材料: evidence of a step taken.
    Evidence,
    /// 其他 (Other).
    ///
    /// 其他: anything else.
    Other,
}

/// What a caller sends back (群众意见反馈).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::FeedbackKind")]
pub enum FeedbackKind {
    /// 意见建议 (Opinion): an opinion or suggestion.
    Opinion,
    /// 举报 (Report): misconduct by a named official or unit; handled by the discipline
    /// commission.
    ComplaintReport,
    /// 依申请公开 (Request for disclosure): answered within 20 working days, extendable once.
    DisclosureRequest,
    /// 旁听申请 (Application to attend): a meeting or hearing.
    HearingRequest,
    /// 党代表提案 (Proposal): a delegate's proposal; members only.
    Proposal,
}

/// How a submission came in.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::FeedbackChannel")]
pub enum FeedbackChannel {
    /// 网站 (Web): the website or an app.
    Web,
    /// 手机短信 (SMS): the SMS platform.
    Sms,
    /// 电话 (Phone): entered by the office.
    Phone,
    /// 信件 (Letter): entered by the office.
    Letter,
    /// 来访 (In person): entered by the office.
    InPerson,
}

/// Where a submission stands: 受理 → 交办 → 答复, or closed otherwise.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::FeedbackStatus")]
pub enum FeedbackStatus {
    /// 已收到 (Received): waiting to be accepted.
    Received,
    /// 已受理 (Accepted).
    Accepted,
    /// 已交办 (Assigned): to the unit that answers it.
    Assigned,
    /// 已答复 (Answered).
    Answered,
    /// 已转办 (Transferred): to a body outside the committee.
    Transferred,
    /// 不予受理 (Rejected).
    Rejected,
    /// 已撤回 (Withdrawn): by the submitter.
    Withdrawn,
}

/// How a submission stands against its time to answer, on a day.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "crate::store::feedback::Timeliness")]
pub enum Timeliness {
    /// 办理中 (On time): open, within its time.
    OnTime,
    /// 超期 (Overdue): open, past its time.
    Overdue,
    /// 严重超期 (Long overdue): open, more than 20 working days past its time.
    LongOverdue,
    /// 按期办结 (Closed on time).
    ClosedOnTime,
    /// 超期办结 (Closed late).
    ClosedLate,
}

/// How a duty report (述职述廉) is given.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::DutyReportForm")]
pub enum DutyReportForm {
    /// 公开述职 (Oral, in public): at a meeting.
    OralPublic,
    /// 书面述职 (Written).
    Written,
}

/// Who evaluates in a round (评议).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::EvaluationAudience")]
pub enum EvaluationAudience {
    /// 党内评 (Party members): each by their token.
    PartyMembers,
    /// 党外评 (The public): the public and the public supervisors, each by a one-time code
    /// issued for the round.
    Public,
}

/// A question of the evaluation questionnaire, the same in every round.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::EvaluationItem")]
pub enum EvaluationItem {
    /// 履职尽责 (Performance of duties).
    Duties,
    /// 廉洁自律 (Integrity).
    Integrity,
    /// 工作作风 (Way of working).
    Conduct,
    /// 党务公开 (Openness of party affairs).
    Openness,
}

/// An answer to a question of the evaluation questionnaire.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::EvaluationRating")]
pub enum EvaluationRating {
    /// 满意 (Satisfied).
    Satisfied,
    /// 基本满意 (Basically satisfied).
    BasicallySatisfied,
    /// 不满意 (Dissatisfied).
    Dissatisfied,
}

/// What the answer to a request for disclosure (依申请公开) gave.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::DisclosureOutcome")]
pub enum DisclosureOutcome {
    /// 予以公开 (Granted).
    Granted,
    /// 部分公开 (Partly granted): the rest withheld with the reason.
    PartlyGranted,
    /// 不予公开 (Refused): with the reason.
    Refused,
    /// 信息不存在 (Not held).
    NotHeld,
    /// 非本机关负责公开 (Not this body's): the answer names the body that holds it.
    NotOurs,
}
