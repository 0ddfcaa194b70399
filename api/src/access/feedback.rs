//! The rules of the way back (群众意见反馈): who may send what, who sees a submission, who handles
//! it, and which step may follow which.
//!
//! A submission is not a published record. It exists only for:
//! - its submitter, through the tracking code and the secret given at submission (no token
//!   needed, none looked at);
//! - the unit that handles it (officials, editors and supervisors whose organizations include
//!   it), and supervisors and admins; a report (举报) only for the discipline commission that
//!   handles it and admins, never for the supervisors of other organizations;
//! - never the person a submission names, nor for a report the members of the unit it names,
//!   whatever their role: the person reported never learns who reported them, nor what.
//!
//! Nothing of a submission reaches search, the change feed, feeds, exports or the audit log's
//! changes: only its published answer does, as a record of its own.

use entity::{
    enums::{FeedbackKind, FeedbackStatus},
    feedback::Model,
};
use sea_orm::{
    ActiveEnum, Condition,
    sea_query::{Alias, Expr, ExprTrait},
};

use super::{Caller, Role};
use crate::error::AppError;

/// A step of the handling, as a caller asks for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// 受理: the office accepts the submission.
    Accept,
    /// 交办: the office assigns it to the unit that answers it.
    Assign,
    /// 延期: the time to answer a request for disclosure is extended once, with a reason.
    Extend,
    /// 答复: the unit answers.
    Answer,
    /// 转办: passed to a body outside the committee, with the reason.
    Transfer,
    /// 不予受理: rejected, with the reason.
    Reject,
    /// 撤回: the submitter withdraws it (by code and secret).
    Withdraw,
}

impl Step {
    /// The name kept in the steps and the audit log.
    pub fn action(self) -> &'static str {
        match self {
            Step::Accept => "accept",
            Step::Assign => "assign",
            Step::Extend => "extend",
            Step::Answer => "answer",
            Step::Transfer => "transfer",
            Step::Reject => "reject",
            Step::Withdraw => "withdraw",
        }
    }

    /// Where the submission stands after the step, from `from`; an error when the step cannot
    /// follow `from`.
    pub fn next(self, case: &Model) -> Result<FeedbackStatus, AppError> {
        use FeedbackStatus as S;
        let from = case.status;
        let refused = |what: &str| {
            Err(AppError::conflict(format!(
                "a submission that is {} cannot be {what}",
                status_word(from)
            )))
        };
        match self {
            Step::Accept if from == S::Received => Ok(S::Accepted),
            Step::Accept => refused("accepted"),
            Step::Assign if matches!(from, S::Accepted | S::Assigned) => Ok(S::Assigned),
            Step::Assign => refused("assigned"),
            Step::Answer if matches!(from, S::Accepted | S::Assigned) => Ok(S::Answered),
            Step::Answer => refused("answered"),
            Step::Transfer | Step::Reject | Step::Withdraw if from.is_closed() => {
                refused("closed again")
            }
            Step::Transfer => Ok(S::Transferred),
            Step::Reject => Ok(S::Rejected),
            Step::Withdraw => Ok(S::Withdrawn),
            Step::Extend if from.is_closed() => refused("extended"),
            Step::Extend if case.kind != FeedbackKind::DisclosureRequest => {
                Err(AppError::bad_input(
                    "step",
                    "only a request for disclosure has its time extended",
                ))
            }
            Step::Extend if case.extension_reason.is_some() => Err(AppError::conflict(
                "the time to answer was extended once already",
            )),
            Step::Extend => Ok(from),
        }
    }
}

fn status_word(status: FeedbackStatus) -> &'static str {
    match status {
        FeedbackStatus::Received => "received",
        FeedbackStatus::Accepted => "accepted",
        FeedbackStatus::Assigned => "assigned",
        FeedbackStatus::Answered => "answered",
        FeedbackStatus::Transferred => "transferred",
        FeedbackStatus::Rejected => "rejected",
        FeedbackStatus::Withdrawn => "withdrawn",
    }
}

/// Whether `caller` may send a submission of `kind`: anyone, anonymous callers included,
/// except delegates' proposals, which are for members and above.
pub fn may_submit(caller: &Caller, kind: FeedbackKind) -> Result<(), AppError> {
    if kind == FeedbackKind::Proposal && caller.role() < Role::Member {
        return Err(AppError::forbidden("only party members send proposals"));
    }
    Ok(())
}

/// Whether an answer with `outcome` fits a submission of `kind`: a request for disclosure is
/// answered with what the answer gave, and only a request for disclosure.
pub fn outcome_fits(
    kind: FeedbackKind,
    outcome: Option<entity::enums::DisclosureOutcome>,
) -> Result<(), AppError> {
    match (kind == FeedbackKind::DisclosureRequest, outcome) {
        (true, None) => Err(AppError::bad_input(
            "outcome",
            "answer a request for disclosure with its outcome",
        )),
        (false, Some(_)) => Err(AppError::bad_input(
            "outcome",
            "only the answer to a request for disclosure has an outcome",
        )),
        _ => Ok(()),
    }
}

/// Whether an application to attend `meeting` (旁听) may be received on `today`: within the
/// meeting's application window, when it has one.
pub fn may_apply(
    meeting: &entity::meeting::Model,
    today: chrono::NaiveDate,
) -> Result<(), AppError> {
    match (meeting.applications_open_on, meeting.applications_close_on) {
        (Some(open), Some(close)) if today < open || today > close => Err(AppError::conflict(
            format!("applications to attend this meeting are taken from {open} to {close}"),
        )),
        _ => Ok(()),
    }
}

/// Whether `caller` may draw the observers of `meeting` among its applicants on `today`: the
/// office (supervisors) and admins, once the application window has closed.
pub fn may_draw(
    caller: &Caller,
    meeting: &entity::meeting::Model,
    today: chrono::NaiveDate,
) -> Result<(), AppError> {
    if !may_enter_for_others(caller) {
        return Err(AppError::forbidden(
            "only the office (supervisors) and admins draw observers",
        ));
    }
    match (meeting.applications_close_on, meeting.observer_seats) {
        (Some(close), Some(_)) if today > close => Ok(()),
        (Some(_), Some(_)) => Err(AppError::conflict(
            "observers are drawn once the applications have closed",
        )),
        _ => Err(AppError::conflict(
            "this meeting takes no applications to attend",
        )),
    }
}

/// Whether the counts of a draw of observers are published: where at least
/// [`super::disclosure::THRESHOLD`] applied, as for every count of submissions.
pub fn draw_counts_shown(applicants: i32) -> bool {
    i64::from(applicants) >= super::disclosure::THRESHOLD as i64
}

/// Whether `caller` may enter a submission that came by phone, letter, SMS or in person, with
/// the submitter's own details: the office (supervisors) and admins.
pub fn may_enter_for_others(caller: &Caller) -> bool {
    matches!(caller.role(), Role::Supervisor | Role::Admin)
}

/// Whether `caller` is among the people a submission must never reach: the person it names,
/// and for a report the members of the unit it names.
fn is_named(caller: &Caller, case: &Model) -> bool {
    let person = caller.person().is_some() && caller.person() == case.named_person_id;
    let unit = case.kind == FeedbackKind::ComplaintReport
        && case
            .named_org_id
            .is_some_and(|org| caller.organizations().contains(&org));
    person || unit
}

/// Whether `caller` belongs to the unit handling `case`.
fn in_handling_unit(caller: &Caller, case: &Model) -> bool {
    matches!(
        caller.role(),
        Role::Official | Role::Editor | Role::Supervisor
    ) && case
        .handling_org_id
        .is_some_and(|org| caller.organizations().contains(&org))
}

/// Whether the submission `case` exists for `caller`, and with it every field it holds: its
/// text, and who sent it and how to reach them.
pub fn sees(caller: &Caller, case: &Model) -> bool {
    if is_named(caller, case) {
        return false;
    }
    // The office of a jurisdiction handles the submissions of its units only.
    let governed = caller.governs(case.handling_org_id);
    match caller.role() {
        Role::Admin if governed => true,
        Role::Supervisor if governed && case.kind != FeedbackKind::ComplaintReport => true,
        _ => in_handling_unit(caller, case),
    }
}

/// The rows of `feedback` that exist for `caller`: [`sees`] as SQL.
pub fn visible(caller: &Caller) -> Condition {
    let column = |name: &'static str| Expr::col((Alias::new("feedback"), Alias::new(name)));
    let report = FeedbackKind::ComplaintReport.to_value();
    let mut allowed = Condition::any();
    // The office of a jurisdiction handles the submissions of its units only.
    let governed = || match caller.within() {
        None => Condition::all(),
        Some(w) if w.organizations().is_empty() => Condition::all().add(Expr::value(false)),
        Some(w) => {
            Condition::all().add(column("handling_org_id").is_in(w.organizations().iter().copied()))
        }
    };
    match caller.role() {
        Role::Admin => allowed = allowed.add(governed()),
        Role::Supervisor => {
            allowed = allowed.add(governed().add(column("kind").ne(report.clone())));
        }
        _ => {}
    }
    if matches!(
        caller.role(),
        Role::Official | Role::Editor | Role::Supervisor
    ) && !caller.organizations().is_empty()
    {
        allowed =
            allowed.add(column("handling_org_id").is_in(caller.organizations().iter().copied()));
    }
    if allowed.is_empty() {
        return Condition::all().add(Expr::value(false));
    }
    let mut condition = Condition::all().add(allowed);
    if let Some(person) = caller.person() {
        condition = condition.add(
            Condition::any()
                .add(column("named_person_id").is_null())
                .add(column("named_person_id").ne(person)),
        );
    }
    if !caller.organizations().is_empty() {
        condition = condition.add(
            Condition::any()
                .add(column("kind").ne(report))
                .add(column("named_org_id").is_null())
                .add(column("named_org_id").is_not_in(caller.organizations().iter().copied())),
        );
    }
    condition
}

/// Whether `caller` may take `step` on `case`, which they see. The office's steps (accept,
/// assign, extend, transfer, reject) are for supervisors and admins; the answer is also for
/// officials and editors of the handling unit. Withdrawal is the submitter's, by code and
/// secret, never by a token.
pub fn may_take(caller: &Caller, case: &Model, step: Step) -> Result<(), AppError> {
    if !sees(caller, case) {
        return Err(AppError::not_found("there is no submission with this id"));
    }
    let office = matches!(caller.role(), Role::Supervisor | Role::Admin)
        && caller.governs(case.handling_org_id);
    let allowed = match step {
        Step::Withdraw => false,
        Step::Answer => office || in_handling_unit(caller, case),
        _ => office,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::forbidden(format!(
            "a {} may not {} a submission",
            caller.role().as_str(),
            step.action()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(kind: FeedbackKind) -> Model {
        let now = chrono::Utc::now();
        let day = now.date_naive();
        Model {
            id: 1,
            code: "MY00000000".into(),
            secret_hash: String::new(),
            kind,
            channel: entity::enums::FeedbackChannel::Web,
            subject: "示例".into(),
            body: Some("示例".into()),
            meeting_id: None,
            named_person_id: Some(7),
            named_org_id: Some(4),
            submitter_name: None,
            submitter_contact: None,
            submitter_subject: None,
            submitter_person_id: None,
            handling_org_id: Some(3),
            status: FeedbackStatus::Assigned,
            received_on: day,
            due_on: day,
            extension_reason: None,
            reply: None,
            closed_on: None,
            reason: None,
            outcome: None,
            publish_consent: false,
            answer_id: None,
            erased_at: None,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    fn caller(role: Role, orgs: Vec<i64>, person: Option<i64>) -> Caller {
        Caller::for_tests(role, orgs.clone(), orgs, person)
    }

    #[test]
    fn a_submission_exists_for_its_handlers_only() {
        let opinion = case(FeedbackKind::Opinion);
        let report = case(FeedbackKind::ComplaintReport);
        // caller, sees the opinion, sees the report
        let table = [
            (Caller::public(), false, false),
            (caller(Role::Media, vec![3], None), false, false),
            (caller(Role::Member, vec![3], None), false, false),
            (caller(Role::Reviewer, vec![3], None), false, false),
            (caller(Role::Official, vec![3], None), true, true),
            (caller(Role::Editor, vec![3], None), true, true),
            (caller(Role::Official, vec![5], None), false, false),
            (caller(Role::Supervisor, vec![], None), true, false),
            (caller(Role::Supervisor, vec![3], None), true, true),
            (caller(Role::Admin, vec![], None), true, true),
            // The person named, whatever their role.
            (caller(Role::Admin, vec![], Some(7)), false, false),
            (caller(Role::Official, vec![3], Some(7)), false, false),
            // The unit a report names.
            (caller(Role::Supervisor, vec![4], None), true, false),
            (caller(Role::Official, vec![3, 4], None), true, false),
        ];
        for (who, opinion_seen, report_seen) in table {
            assert_eq!(sees(&who, &opinion), opinion_seen, "{who:?} / opinion");
            assert_eq!(sees(&who, &report), report_seen, "{who:?} / report");
        }
    }

    #[test]
    fn the_office_takes_in_and_the_unit_answers() {
        let opinion = case(FeedbackKind::Opinion);
        let unit = caller(Role::Official, vec![3], None);
        assert!(may_take(&unit, &opinion, Step::Answer).is_ok());
        assert!(may_take(&unit, &opinion, Step::Accept).is_err());
        let office = caller(Role::Supervisor, vec![], None);
        for step in [Step::Accept, Step::Assign, Step::Answer, Step::Reject] {
            assert!(may_take(&office, &opinion, step).is_ok(), "{step:?}");
        }
        assert!(may_take(&office, &opinion, Step::Withdraw).is_err());
        let other = caller(Role::Official, vec![5], None);
        assert!(may_take(&other, &opinion, Step::Answer).is_err());
    }

    #[test]
    fn steps_follow_one_another() {
        let mut request = case(FeedbackKind::DisclosureRequest);
        request.status = FeedbackStatus::Received;
        assert!(matches!(
            Step::Accept.next(&request),
            Ok(FeedbackStatus::Accepted)
        ));
        assert!(Step::Answer.next(&request).is_err());
        assert!(matches!(
            Step::Extend.next(&request),
            Ok(FeedbackStatus::Received)
        ));
        request.extension_reason = Some("材料较多".into());
        assert!(Step::Extend.next(&request).is_err());
        request.status = FeedbackStatus::Answered;
        for step in [Step::Withdraw, Step::Reject, Step::Assign, Step::Extend] {
            assert!(step.next(&request).is_err(), "{step:?}");
        }
        let opinion = case(FeedbackKind::Opinion);
        assert!(Step::Extend.next(&opinion).is_err());
    }

    #[test]
    fn proposals_are_for_members() {
        assert!(may_submit(&Caller::public(), FeedbackKind::Proposal).is_err());
        assert!(may_submit(&Caller::public(), FeedbackKind::ComplaintReport).is_ok());
        assert!(may_submit(&caller(Role::Member, vec![], None), FeedbackKind::Proposal).is_ok());
    }

    #[test]
    fn a_draw_of_few_applicants_keeps_its_counts() {
        assert!(!draw_counts_shown(0));
        assert!(!draw_counts_shown(2));
        assert!(draw_counts_shown(3));
    }
}
