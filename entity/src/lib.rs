//! SeaORM entities of Sunlight's records. No GraphQL here: the API maps these to its own types.

pub mod agenda_item;
pub mod attachment;
pub mod attendance;
pub mod document;
pub mod document_upload;
pub mod enums;
pub mod evaluation;
pub mod feedback;
pub mod feedback_step;
pub mod follow;
pub mod hearing_draw;
pub mod jurisdiction;
pub mod meta;
pub mod milestone;
pub mod notification;
pub mod passage;
pub mod procedure_edge;
pub mod procedure_step;
pub mod record_audience;
pub mod record_version;
pub mod risk_point;
pub mod statistics_snapshot;
pub mod supervision_measure;

/// Calls the macro at the path in braces with `[$($args)*]` and then the list of every kind of
/// record, each as `Kind: module, "table", "中文 (English): its records.";` (the labels of its
/// `RecordKind` value): the one list of kinds. The entity modules, the
/// `RecordKind` vocabulary and everything the API does over every kind are generated from it,
/// so a kind added here (with its entity module and, in the API, its declaration module) is
/// added everywhere at once.
#[macro_export]
macro_rules! kinds {
    ({$($callback:tt)+} [$($args:tt)*]) => {
        $($callback)+! {
            [$($args)*]
            Source: source, "sources", "文件 (Source): source documents.";
            Organization: organization, "organizations", "组织 (Organization): organizations.";
            Person: person, "people", "人员 (Person): people.";
            Post: post, "posts", "职务 (Post): posts.";
            Membership: membership, "memberships", "任职信息 (Membership): memberships.";
            Power: power, "powers", "职权 (Power): powers.";
            Procedure: procedure, "procedures", "流程 (Procedure): procedures.";
            Meeting: meeting, "meetings", "会议 (Meeting): meetings.";
            Decision: decision, "decisions", "决策 (Decision): decisions.";
            Observer: observer, "observers", "列席旁听 (Observer): observers.";
            Appointment: appointment, "appointments", "干部任免 (Appointment): appointments.";
            DisciplinaryCase: disciplinary_case, "disciplinary_cases", "执纪问责 (Disciplinary case): disciplinary cases.";
            Bulletin: bulletin, "bulletins", "公告 (Bulletin): bulletins.";
            SocialSupervisor: social_supervisor, "social_supervisors", "社会监督员 (Public supervisor): public supervisors.";
            Exercise: exercise, "exercises", "权力运行实例 (Exercise of a power): exercises of powers.";
            FeedbackAnswer: feedback_answer, "feedback_answers", "答复公开 (Published answer): published answers to the public's submissions.";
            InspectionReport: inspection_report, "inspection_reports", "监督检查报告 (Inspection report): inspection reports of the public supervisors.";
            DutyReport: duty_report, "duty_reports", "述职述廉 (Duty report): leaders' reports on their duties and integrity.";
            EvaluationRound: evaluation_round, "evaluation_rounds", "评议 (Evaluation round): evaluation rounds of members and the public.";
        }
    };
}

/// The entity module of every kind of record.
macro_rules! kind_modules {
    ([] $($Kind:ident: $module:ident, $table:literal, $doc:literal;)+) => {
        $(pub mod $module;)+
    };
}
kinds!({kind_modules} []);
