//! Bulletins drafted from templates. Publishing a meeting's decision, an appointment at its
//! pre-appointment notice (任前公示) or at its outcome, or an announced disciplinary case (通报)
//! drafts a bulletin for the TV column in the same transaction: a title, a crawl that fits the
//! TV crawl, a body, the category and the record it reports on. Editors adjust the draft and it
//! goes through review like any record.
//!
//! A draft is shown to the record's own readers: it takes the record's scope and audience, and
//! holds only the fields that every reader of the record may see on it now, by the record's
//! field policies (no vote counts, no candidate before the notice starts). Other records (the
//! meeting of a decision) are named only where every reader of the record may see them too.

use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{
    AppointmentOutcome, AppointmentStage, BulletinCategory, DecisionKind, DecisionResult,
    GovernmentSanction, PartySanction, RecordKind, ViolationCategory,
};

use super::rules::MAX_CRAWL_CHARS;
use crate::access::policy;

/// A bulletin as a template drafts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Title.
    pub title: String,
    /// The text of the TV crawl, at most [`MAX_CRAWL_CHARS`] characters.
    pub crawl: String,
    /// Body.
    pub body: String,
    /// Category.
    pub category: BulletinCategory,
}

/// The note of a drafted bulletin's audit entry.
pub fn note(kind: RecordKind, id: &async_graphql::ID) -> String {
    format!(
        "从模板起草：发布{}（{}）时自动生成的专栏简报草稿 (drafted from the template when the record was published)",
        kind_word(kind),
        id.as_str()
    )
}

fn kind_word(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Decision => "会议决策",
        RecordKind::Appointment => "干部任免",
        RecordKind::DisciplinaryCase => "违纪违法问题处理",
        _ => "记录",
    }
}

/// Characters that end a phrase: a crawl is cut after one of them rather than within a phrase.
const BREAKS: &[char] = &['，', '。', '；', '、', '：', '！', '？', ',', ';', ':', ' '];

/// `text` as a crawl: as it is when it fits, else cut at the end of the last phrase that fits
/// with an ellipsis, or, with no such phrase in its second half, cut short with an ellipsis.
pub fn crawl(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= MAX_CRAWL_CHARS {
        return text.to_owned();
    }
    let room: Vec<char> = text.chars().take(MAX_CRAWL_CHARS - 1).collect();
    let cut = room
        .iter()
        .rposition(|c| BREAKS.contains(c))
        .filter(|at| *at >= MAX_CRAWL_CHARS / 2)
        .unwrap_or(room.len());
    let mut out: String = room[..cut].iter().collect();
    out = out.trim_end_matches(BREAKS).to_owned();
    out.push('…');
    out
}

/// A date as the column writes it: 2011年3月18日.
fn day(d: NaiveDate) -> String {
    use chrono::Datelike as _;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The China date (UTC+8) of a moment.
fn china_day(at: DateTime<Utc>) -> NaiveDate {
    (at + chrono::Duration::hours(8)).date_naive()
}

/// The bulletin of a published decision, drafted at `now`: its meeting is named only where
/// every reader of the decision sees the meeting at that moment
/// ([`crate::access::visibility::may_be_named`]).
pub fn decision(
    d: &entity::decision::Model,
    meeting: Option<&entity::meeting::Model>,
    now: DateTime<Utc>,
) -> Draft {
    let kind = match d.kind {
        DecisionKind::Decision => "决策",
        DecisionKind::Determination => "决定",
        DecisionKind::Resolution => "决议",
    };
    let result = match d.result {
        DecisionResult::Adopted => "审议通过",
        DecisionResult::Rejected => "审议未通过",
        DecisionResult::Deferred => "暂缓表决",
    };
    let meeting = meeting.filter(|m| {
        crate::access::visibility::may_be_named(d.scope, m.scope, m.status, m.publish_at, now)
    });
    let (crawl_text, opening) = match meeting {
        Some(m) => (
            format!("{}{}{}：{}", m.label, result, kind, d.title),
            format!(
                "{}，{}在{}召开，会议{}{}《{}》。",
                day(china_day(m.starts_at)),
                m.label,
                m.place,
                result,
                kind,
                d.title
            ),
        ),
        None => (
            format!("县委{}{}：{}", result, kind, d.title),
            format!("县委{}{}《{}》。", result, kind, d.title),
        ),
    };
    Draft {
        title: format!("县委会议{}：{}", kind, d.title),
        crawl: crawl(&crawl_text),
        body: format!("{opening}\n\n{}", d.text.trim()),
        category: BulletinCategory::MeetingDecision,
    }
}

/// The bulletin of a published appointment at its notice or at its outcome; none at the
/// earlier stages.
pub fn appointment(a: &entity::appointment::Model) -> Option<Draft> {
    let post = a
        .proposed_post
        .clone()
        .unwrap_or_else(|| a.vacancy_title.clone());
    let candidate = |field: &str| policy::APPOINTMENT.shows(field, a, a.scope);
    let name = a
        .candidate_name
        .clone()
        .filter(|_| candidate("candidateName"));
    match a.stage {
        AppointmentStage::Notice => {
            let period = match (a.notice_start, a.notice_end) {
                (Some(start), Some(end)) => format!("{}至{}", day(start), day(end)),
                _ => "见公告".to_owned(),
            };
            let mut details: Vec<String> = Vec::new();
            if let Some(name) = &name {
                details.push(name.clone());
                for (field, value) in [
                    ("candidateGender", &a.candidate_gender),
                    ("candidateEthnicity", &a.candidate_ethnicity),
                    ("candidateEducation", &a.candidate_education),
                ] {
                    if let Some(v) = value.as_ref().filter(|_| candidate(field)) {
                        details.push(v.clone());
                    }
                }
                if let Some(b) = a
                    .candidate_birth_month
                    .as_ref()
                    .filter(|_| candidate("candidateBirthMonth"))
                {
                    details.push(format!("{b}生"));
                }
                if let Some(c) = a.current_post.as_ref().filter(|_| candidate("currentPost")) {
                    details.push(format!("现任{c}"));
                }
            }
            let who = if details.is_empty() {
                "拟任人选情况于公示开始之日公布。".to_owned()
            } else {
                format!("拟任人选：{}。", details.join("，"))
            };
            let channels = a
                .complaint_channels
                .clone()
                .unwrap_or_else(|| "12380举报电话".to_owned());
            let crawl_text = match &name {
                Some(name) => format!("任前公示：{name}拟任{post}，公示期{period}，举报电话12380"),
                None => format!("任前公示：{post}拟任人选，公示期{period}，举报电话12380"),
            };
            Some(Draft {
                title: format!("干部任前公示：{post}"),
                crawl: crawl(&crawl_text),
                body: format!(
                    "根据干部选拔任用工作有关规定，现对{post}拟任人选进行任前公示。{who}\n\n公示期：{period}。公示期间，如对拟任人选有意见，可通过以下方式反映：{channels}。"
                ),
                category: BulletinCategory::Appointment,
            })
        }
        AppointmentStage::Decided | AppointmentStage::Probation | AppointmentStage::Closed => {
            let when = a
                .decided_on
                .map(|d| format!("{}，", day(d)))
                .unwrap_or_default();
            let (crawl_text, outcome) = match (a.outcome, &name) {
                (AppointmentOutcome::Appointed, Some(name)) => (
                    format!("干部任免：{name}任{post}"),
                    format!("{when}经县委研究决定，{name}同志任{post}。"),
                ),
                (AppointmentOutcome::Appointed, None) => (
                    format!("干部任免：{post}人选已确定"),
                    format!("{when}经县委研究决定，{post}人选已确定。"),
                ),
                (AppointmentOutcome::Withdrawn, _) => (
                    format!("干部任免：{post}任职事项撤回"),
                    format!("{when}经县委研究，{post}的任职事项撤回。"),
                ),
                (AppointmentOutcome::Postponed, _) => (
                    format!("干部任免：{post}任职暂缓"),
                    format!("{when}经县委研究，{post}的任职暂缓。"),
                ),
                (AppointmentOutcome::Pending, _) => (
                    format!("干部任免：{post}"),
                    format!("{when}县委对{post}的任职作出决定。"),
                ),
            };
            let probation = a
                .probation_until
                .filter(|_| a.outcome == AppointmentOutcome::Appointed)
                .map(|until| format!("试用期一年，至{}。", day(until)))
                .unwrap_or_default();
            Some(Draft {
                title: format!("干部任免：{post}"),
                crawl: crawl(&crawl_text),
                body: format!("{outcome}{probation}"),
                category: BulletinCategory::Appointment,
            })
        }
        AppointmentStage::VacancyAnnounced | AppointmentStage::Inspection => None,
    }
}

fn discipline(c: ViolationCategory) -> &'static str {
    match c {
        ViolationCategory::Political => "政治纪律",
        ViolationCategory::Organizational => "组织纪律",
        ViolationCategory::Integrity => "廉洁纪律",
        ViolationCategory::Masses => "群众纪律",
        ViolationCategory::Work => "工作纪律",
        ViolationCategory::Life => "生活纪律",
    }
}

fn party_sanction(s: PartySanction, years: Option<i32>) -> String {
    match s {
        PartySanction::Warning => "党内警告".to_owned(),
        PartySanction::SeriousWarning => "党内严重警告".to_owned(),
        PartySanction::RemovalFromPost => "撤销党内职务".to_owned(),
        PartySanction::Probation => match years {
            Some(n) => format!("留党察看{n}年"),
            None => "留党察看".to_owned(),
        },
        PartySanction::Expulsion => "开除党籍".to_owned(),
    }
}

fn government_sanction(s: GovernmentSanction) -> &'static str {
    match s {
        GovernmentSanction::Warning => "政务警告",
        GovernmentSanction::Demerit => "记过",
        GovernmentSanction::MajorDemerit => "记大过",
        GovernmentSanction::Demotion => "降级",
        GovernmentSanction::Dismissal => "撤职",
        GovernmentSanction::Expulsion => "开除",
    }
}

/// The bulletin of a published disciplinary case that was announced (通报); none for a case
/// that was not.
pub fn case(c: &entity::disciplinary_case::Model) -> Option<Draft> {
    if !c.announced {
        return None;
    }
    let named = policy::DISCIPLINARY_CASE.shows("subjectName", c, c.scope)
        && policy::DISCIPLINARY_CASE.shows("postAtTime", c, c.scope);
    let who = if named {
        format!("{}{}", c.post_at_time, c.subject_name)
    } else {
        format!("一名{}", c.rank)
    };
    let mut sanctions: Vec<String> = Vec::new();
    if let Some(s) = c.party_sanction {
        sanctions.push(party_sanction(s, c.probation_years));
    }
    if let Some(s) = c.government_sanction {
        sanctions.push(government_sanction(s).to_owned());
    }
    let sanction = if sanctions.is_empty() {
        "处理".to_owned()
    } else {
        format!("{}处分", sanctions.join("、"))
    };
    let prosecuted = if c.transferred_to_prosecutors {
        "其涉嫌犯罪问题移送司法机关依法处理。"
    } else {
        ""
    };
    Some(Draft {
        title: format!(
            "违纪问题通报：{who}违反{}问题",
            discipline(c.violation_category)
        ),
        crawl: crawl(&format!(
            "通报：{who}违反{}，受到{sanction}",
            discipline(c.violation_category)
        )),
        body: format!(
            "{}，经研究决定，给予{who}{sanction}。\n\n{}{prosecuted}",
            day(c.decided_on),
            c.summary.trim()
        ),
        category: BulletinCategory::Discipline,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crawl_that_fits_stays_as_it_is() {
        let text = "字".repeat(60);
        assert_eq!(crawl(&text), text);
    }

    #[test]
    fn a_long_crawl_is_cut_after_a_phrase_and_fits() {
        let text = format!("{}，{}", "甲".repeat(40), "乙".repeat(40));
        let cut = crawl(&text);
        assert_eq!(cut, format!("{}…", "甲".repeat(40)));
        assert!(cut.chars().count() <= MAX_CRAWL_CHARS);
    }

    #[test]
    fn a_long_crawl_without_a_phrase_end_is_cut_short() {
        let cut = crawl(&"字".repeat(100));
        assert_eq!(cut.chars().count(), MAX_CRAWL_CHARS);
        assert!(cut.ends_with('…'));
    }
}
