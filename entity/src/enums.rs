//! Closed vocabularies of the domain, stored as their SCREAMING_SNAKE_CASE names.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }
    };
}

vocabulary! {
    /// 公开范围: who may see a record or a field.
    Scope {
        /// 向社会公开: everyone, anonymous callers included.
        Public,
        /// 党内公开: party members and above.
        Party,
        /// 特定范围公开: the record's audience, supervisors, admins and the owning organization's editors.
        Restricted,
    }
}

vocabulary! {
    /// Where a record stands in the 提出 → 审核 → 审批 → 实施 procedure.
    PublicationStatus { Draft, Submitted, Approved, Published, Retracted }
}

vocabulary! {
    /// Kinds of organization of the county.
    OrganizationKind {
        PartyCongress, Plenary, StandingCommittee, DisciplineCommission, Department,
        PeoplesCongress, Government, Cppcc, LeadingGroup, Township, Other,
    }
}

vocabulary! {
    /// 行政区划级别: the level of a jurisdiction.
    JurisdictionLevel {
        /// 省级: a province.
        Province,
        /// 地级: a prefecture (市, 州, 地区).
        Prefecture,
        /// 县级: a county (县, 自治县, 市辖区, 县级市).
        County,
    }
}

vocabulary! {
    /// 三重一大 plus incident handling.
    PowerCategory { MajorDecision, Personnel, MajorProject, Incident, LargeFund, Other }
}

vocabulary! {
    /// 公开载体.
    Carrier { Website, Tv, NoticeBoard, Newspaper, PressConference, PartyDocument, Meeting }
}

vocabulary! {
    /// 公开时间.
    DisclosureTiming { WithinWorkingDays, Periodic, Immediate, Standing }
}

vocabulary! {
    /// Level of a 风险点.
    RiskLevel { Low, Medium, High }
}

vocabulary! {
    /// Kind of meeting.
    MeetingKind {
        StandingCommittee, Plenary, PartyCongress, LeadingGroup, GovernmentExecutive, Special,
        /// 重大事务决策听证会: a hearing before a major decision, open to observers who apply.
        Hearing,
        Other,
    }
}

vocabulary! {
    /// Whether a meeting took place.
    MeetingStatus { Scheduled, Held, Cancelled }
}

vocabulary! {
    /// How a person attends a meeting.
    AttendanceRole {
        /// A voting member of the body.
        Member,
        /// 列席: attends without a vote.
        NonVoting,
        /// 旁听: an observer drawn from the observer pool.
        Observer,
    }
}

vocabulary! {
    /// 会议列席人员资料库 categories.
    ObserverCategory { Expert, Grassroots, CommunityMember, Cadre, PeoplesDeputy, CppccMember }
}

vocabulary! {
    /// 决策, 决定 or 决议.
    DecisionKind { Decision, Determination, Resolution }
}

vocabulary! {
    /// Result of a vote.
    DecisionResult { Adopted, Rejected, Deferred }
}

vocabulary! {
    /// Execution of a decision or of one of its milestones.
    ExecutionStatus { NotStarted, InProgress, Completed, Overdue }
}

vocabulary! {
    /// Stage of an appointment.
    AppointmentStage { VacancyAnnounced, Inspection, Notice, Decided, Probation, Closed }
}

vocabulary! {
    /// Outcome of an appointment.
    AppointmentOutcome { Pending, Appointed, Withdrawn, Postponed }
}

vocabulary! {
    /// The six disciplines.
    ViolationCategory { Political, Organizational, Integrity, Masses, Work, Life }
}

vocabulary! {
    /// 党纪处分.
    PartySanction { Warning, SeriousWarning, RemovalFromPost, Probation, Expulsion }
}

vocabulary! {
    /// 政务处分.
    GovernmentSanction { Warning, Demerit, MajorDemerit, Demotion, Dismissal, Expulsion }
}

/// `RecordKind`, from the list of kinds.
macro_rules! record_kind {
    ([] $($Kind:ident: $module:ident, $table:literal, $doc:literal;)+) => {
        vocabulary! {
            /// Kinds of record that carry a disclosure scope.
            RecordKind { $($Kind),+ }
        }
    };
}
crate::kinds!({record_kind} []);

vocabulary! {
    /// What a bulletin (专栏简报) reports on.
    BulletinCategory {
        /// A meeting's decision (会议决策).
        MeetingDecision,
        /// A cadre appointment (干部任免).
        Appointment,
        /// A disciplinary outcome (违纪违法问题处理).
        Discipline,
        /// Anything else about the committee's work.
        General,
    }
}

vocabulary! {
    /// What a document attached to a record is.
    DocumentRole {
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
        /// 其他.
        Other,
    }
}

vocabulary! {
    /// What a caller sends back (群众意见反馈).
    FeedbackKind {
        /// 意见建议: an opinion or suggestion.
        Opinion,
        /// 举报: a report of misconduct by a named official or unit, handled by the discipline
        /// commission.
        ComplaintReport,
        /// 依申请公开: a request for disclosure, answered within 20 working days.
        DisclosureRequest,
        /// 旁听申请: an application to attend a meeting or hearing.
        HearingRequest,
        /// 党代表提案: a delegate's proposal; members only.
        Proposal,
    }
}

vocabulary! {
    /// How a submission came in.
    FeedbackChannel {
        /// 网站: the website or an app, through the API.
        Web,
        /// 手机短信: the SMS platform.
        Sms,
        /// 电话: by phone, entered by the office.
        Phone,
        /// 信件: by letter, entered by the office.
        Letter,
        /// 来访: in person, entered by the office.
        InPerson,
    }
}

vocabulary! {
    /// Where a submission stands: 受理 → 交办 → 答复, or closed otherwise.
    FeedbackStatus {
        /// 已收到: received, waiting to be accepted.
        Received,
        /// 已受理: accepted by the office.
        Accepted,
        /// 已交办: assigned to the unit that answers it.
        Assigned,
        /// 已答复: answered.
        Answered,
        /// 已转办: passed to a body outside the committee, with the reason.
        Transferred,
        /// 不予受理: rejected, with the reason.
        Rejected,
        /// 已撤回: withdrawn by the submitter.
        Withdrawn,
    }
}

impl FeedbackStatus {
    /// Whether the handling is over: answered, transferred, rejected or withdrawn.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Self::Answered | Self::Transferred | Self::Rejected | Self::Withdrawn
        )
    }
}

vocabulary! {
    /// How a duty report (述职述廉) is given.
    DutyReportForm {
        /// 公开述职: given in public, at a meeting (the county secretary and deputy secretary).
        OralPublic,
        /// 书面述职: in writing (standing-committee members).
        Written,
    }
}

vocabulary! {
    /// Who evaluates in a round (评议), the 双评 of 一述双评三监督.
    EvaluationAudience {
        /// 党内评: party members, each by their token.
        PartyMembers,
        /// 党外评: the public and the public supervisors, each by a one-time code of the round.
        Public,
    }
}

vocabulary! {
    /// The questions of the evaluation questionnaire, the same in every round.
    EvaluationItem {
        /// 履职尽责: how the duties were carried out.
        Duties,
        /// 廉洁自律: integrity and self-discipline.
        Integrity,
        /// 工作作风: the way of working.
        Conduct,
        /// 党务公开: how open the committee's affairs are.
        Openness,
    }
}

vocabulary! {
    /// An answer to a question of the evaluation questionnaire.
    EvaluationRating {
        /// 满意: satisfied.
        Satisfied,
        /// 基本满意: basically satisfied.
        BasicallySatisfied,
        /// 不满意: dissatisfied.
        Dissatisfied,
    }
}

vocabulary! {
    /// How a notification is sent.
    NotifyChannel {
        /// By e-mail, through the configured SMTP server.
        Email,
        /// By SMS, through the configured gateway (手机短信平台).
        Sms,
    }
}

vocabulary! {
    /// Where a notification of the outbox stands.
    OutboxStatus {
        /// To be sent, at its next attempt.
        Pending,
        /// Taken by the sender (SMTP server or SMS gateway).
        Sent,
        /// Refused for good by the sender, or out of attempts.
        GaveUp,
    }
}

vocabulary! {
    /// What the answer to a request for disclosure (依申请公开) gave, as the regulations on open
    /// government information name the kinds of answer.
    DisclosureOutcome {
        /// 予以公开: the information is given.
        Granted,
        /// 部分公开: part of it is given, the rest withheld with the reason.
        PartlyGranted,
        /// 不予公开: withheld, with the reason.
        Refused,
        /// 信息不存在: the body does not hold it.
        NotHeld,
        /// 非本机关负责公开: another body holds it, which the answer names.
        NotOurs,
    }
}
