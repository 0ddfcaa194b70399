//! How things stand on a given day. Every state Sunlight works out from dates (a milestone's
//! and a decision's execution, a pre-appointment notice) comes from here, judged as of one day:
//! the day a query names (`asOf`), else the server's today ([`crate::store::Store::today`]).
//! Nothing here reads a clock, and each rule is written once: in Rust for what is served, and
//! turned into SQL, from the same cases, for the filters that select by it.
//!
//! "As of a day" means during that day: a milestone due on the 10th is overdue as of the 11th,
//! not as of the 10th; a notice that ends on the 10th is still open on the 10th.

use chrono::NaiveDate;
use entity::enums::ExecutionStatus;
use sea_orm::{
    ActiveEnum,
    sea_query::{Alias, Condition, Expr, ExprTrait, Query, SimpleExpr},
};

/// A milestone as of `as_of`: completed once its day of completion has come; overdue when its
/// due day has passed without it; otherwise started or not, as its editor last said. A stored
/// `COMPLETED` whose day of completion is later, or a stored `OVERDUE` before the due day has
/// passed, reads as in progress: time, not the stored word, decides.
pub fn milestone(
    stored: ExecutionStatus,
    due_on: NaiveDate,
    done_on: Option<NaiveDate>,
    as_of: NaiveDate,
) -> ExecutionStatus {
    match done_on {
        Some(done) if done <= as_of => ExecutionStatus::Completed,
        _ if due_on < as_of => ExecutionStatus::Overdue,
        _ if stored == ExecutionStatus::NotStarted => ExecutionStatus::NotStarted,
        _ => ExecutionStatus::InProgress,
    }
}

/// A stored milestone as of `as_of` (see [`milestone`]).
pub fn of_milestone(m: &entity::milestone::Model, as_of: NaiveDate) -> ExecutionStatus {
    milestone(m.status, m.due_on, m.done_on, as_of)
}

/// A decision as of the day its milestones' states (from [`milestone`]) were judged on. With
/// milestones, they decide: one overdue makes the decision overdue, all completed complete it,
/// and it is in progress once one of them or the decision itself has started. Without
/// milestones, there is no date to judge by, and the stored state stands.
pub fn decision(
    stored: ExecutionStatus,
    milestones: impl IntoIterator<Item = ExecutionStatus>,
) -> ExecutionStatus {
    let (mut any, mut overdue, mut open, mut started) = (false, false, false, false);
    for state in milestones {
        any = true;
        overdue |= state == ExecutionStatus::Overdue;
        open |= state != ExecutionStatus::Completed;
        started |= state != ExecutionStatus::NotStarted;
    }
    if !any {
        stored
    } else if overdue {
        ExecutionStatus::Overdue
    } else if !open {
        ExecutionStatus::Completed
    } else if started || stored != ExecutionStatus::NotStarted {
        ExecutionStatus::InProgress
    } else {
        ExecutionStatus::NotStarted
    }
}

/// Where a pre-appointment notice stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Its first day has not come.
    NotStarted,
    /// Between its first and last day, both included.
    Open,
    /// Its last day has passed.
    Ended,
}

/// A notice running from `start` to `end` (both included), as of `as_of`.
pub fn notice(start: NaiveDate, end: NaiveDate, as_of: NaiveDate) -> Notice {
    if as_of < start {
        Notice::NotStarted
    } else if as_of <= end {
        Notice::Open
    } else {
        Notice::Ended
    }
}

/// A passage of an exercise through a step, as the clock reads it (county days).
#[derive(Clone, Copy, Debug)]
pub struct Passage {
    /// The day it entered the step.
    pub entered: NaiveDate,
    /// The day it left, if it has.
    pub left: Option<NaiveDate>,
    /// The last day the step's time limit allows (see [`crate::calendar::Calendar::deadline`]);
    /// `None` for a step without one.
    pub due: Option<NaiveDate>,
    /// Whether the step ends the procedure.
    pub end: bool,
}

/// Whether a passage is late as of `as_of`: left after its last allowed day, or still in the
/// step once that day has passed. A passage not yet entered is not late.
pub fn late(p: &Passage, as_of: NaiveDate) -> bool {
    let Some(due) = p.due else {
        return false;
    };
    if p.entered > as_of {
        return false;
    }
    match p.left {
        Some(left) if left <= as_of => left > due,
        _ => as_of > due,
    }
}

/// The passage an exercise stands at as of `as_of`: the last one entered by then.
pub fn current(passages: &[Passage], as_of: NaiveDate) -> Option<usize> {
    passages.iter().rposition(|p| p.entered <= as_of)
}

/// An exercise as of `as_of`: not started before its first passage; completed once it
/// reaches a step that ends the procedure; overdue while the step it stands at is late; else
/// in progress. Steps it passed late are listed apart ([`late`]) and do not make it overdue.
pub fn exercise(passages: &[Passage], as_of: NaiveDate) -> ExecutionStatus {
    match current(passages, as_of).map(|i| &passages[i]) {
        None => ExecutionStatus::NotStarted,
        Some(p) if p.end => ExecutionStatus::Completed,
        Some(p) if late(p, as_of) => ExecutionStatus::Overdue,
        Some(_) => ExecutionStatus::InProgress,
    }
}

/// The same rules as SQL conditions, for the lists that select by them.
pub mod sql {
    use super::*;

    fn column(table: &str, name: &str) -> Expr {
        Expr::col((Alias::new(table), Alias::new(name)))
    }

    /// Rows of `milestones` not completed as of `as_of`.
    fn open(as_of: NaiveDate) -> Condition {
        Condition::any()
            .add(column("milestones", "done_on").is_null())
            .add(column("milestones", "done_on").gt(as_of))
    }

    /// Rows of `milestones` that [`super::milestone`] calls overdue as of `as_of`.
    pub fn overdue_milestone(as_of: NaiveDate) -> Condition {
        Condition::all()
            .add(open(as_of))
            .add(column("milestones", "due_on").lt(as_of))
    }

    /// Rows of `milestones` that [`super::milestone`] calls anything but not started.
    fn started_milestone(as_of: NaiveDate) -> Condition {
        Condition::any()
            .add(column("milestones", "done_on").lte(as_of))
            .add(column("milestones", "due_on").lt(as_of))
            .add(column("milestones", "status").ne(ExecutionStatus::NotStarted.to_value()))
    }

    /// Whether the decision of the outer query (`decisions`) has a milestone meeting `cond`.
    fn has_milestone(cond: Option<Condition>) -> SimpleExpr {
        let mut select = Query::select();
        select
            .expr(Expr::val(1))
            .from(Alias::new("milestones"))
            .and_where(
                column("milestones", "decision_id")
                    .equals((Alias::new("decisions"), Alias::new("id"))),
            );
        if let Some(cond) = cond {
            select.cond_where(cond);
        }
        Expr::exists(select.to_owned())
    }

    /// Rows of `decisions` that [`super::decision`] puts in `state` as of `as_of`.
    pub fn decision_in(state: ExecutionStatus, as_of: NaiveDate) -> Condition {
        let stored = |s: ExecutionStatus| column("decisions", "execution_status").eq(s.to_value());
        let any = has_milestone(None);
        let overdue = has_milestone(Some(overdue_milestone(as_of)));
        let open = has_milestone(Some(open(as_of)));
        let started = has_milestone(Some(started_milestone(as_of)));
        let by_milestones = match state {
            ExecutionStatus::Overdue => Condition::all().add(overdue),
            ExecutionStatus::Completed => Condition::all().add(any.clone()).add(open.not()),
            ExecutionStatus::InProgress => Condition::all().add(overdue.not()).add(open).add(
                Condition::any()
                    .add(started)
                    .add(stored(ExecutionStatus::NotStarted).not()),
            ),
            ExecutionStatus::NotStarted => Condition::all()
                .add(overdue.not())
                .add(open)
                .add(started.not())
                .add(stored(ExecutionStatus::NotStarted)),
        };
        Condition::any()
            .add(by_milestones)
            .add(Condition::all().add(any.not()).add(stored(state)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExecutionStatus::{Completed, InProgress, NotStarted, Overdue};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2011, 6, day).unwrap_or_default()
    }

    #[test]
    fn a_milestone_is_judged_by_its_dates_on_the_day_asked() {
        // (stored, due, done, as of, expected)
        let cases = [
            (NotStarted, 10, None, 9, NotStarted),
            (NotStarted, 10, None, 10, NotStarted),
            (NotStarted, 10, None, 11, Overdue),
            (InProgress, 10, None, 10, InProgress),
            (InProgress, 10, None, 11, Overdue),
            (Completed, 10, Some(8), 7, InProgress),
            (Completed, 10, Some(8), 8, Completed),
            (Completed, 10, Some(14), 12, Overdue),
            (Completed, 10, Some(14), 14, Completed),
            (Overdue, 10, None, 5, InProgress),
            (Overdue, 10, Some(20), 25, Completed),
        ];
        for (stored, due, done, as_of, expected) in cases {
            assert_eq!(
                milestone(stored, d(due), done.map(d), d(as_of)),
                expected,
                "{stored:?} due {due} done {done:?} as of {as_of}"
            );
        }
    }

    #[test]
    fn a_decision_follows_its_milestones_and_keeps_its_word_without_them() {
        let cases: [(ExecutionStatus, &[ExecutionStatus], ExecutionStatus); 10] = [
            (Completed, &[Completed, Overdue], Overdue),
            (Completed, &[Completed, InProgress], InProgress),
            (NotStarted, &[Completed, Completed], Completed),
            (NotStarted, &[NotStarted, NotStarted], NotStarted),
            (InProgress, &[NotStarted], InProgress),
            (NotStarted, &[NotStarted, InProgress], InProgress),
            (Overdue, &[NotStarted], InProgress),
            (Completed, &[], Completed),
            (Overdue, &[], Overdue),
            (NotStarted, &[], NotStarted),
        ];
        for (stored, milestones, expected) in cases {
            assert_eq!(
                decision(stored, milestones.iter().copied()),
                expected,
                "{stored:?} with {milestones:?}"
            );
        }
    }

    #[test]
    fn an_exercise_stands_where_its_last_passage_entered() {
        let p = |entered, left: Option<u32>, due: Option<u32>, end| Passage {
            entered: d(entered),
            left: left.map(d),
            due: due.map(d),
            end,
        };
        // S1 from the 1st to the 3rd (due the 4th), S2 from the 3rd (due the 8th), open.
        let open = [p(1, Some(3), Some(4), false), p(3, None, Some(8), false)];
        assert_eq!(
            exercise(&open, d(1) - chrono::TimeDelta::days(1)),
            NotStarted
        );
        assert_eq!(exercise(&open, d(2)), InProgress);
        assert_eq!(current(&open, d(2)), Some(0));
        assert_eq!(exercise(&open, d(8)), InProgress);
        assert_eq!(exercise(&open, d(9)), Overdue);
        assert!(late(&open[1], d(9)) && !late(&open[0], d(9)));
        // S1 left late; the exercise ends at S3.
        let done = [
            p(1, Some(6), Some(4), false),
            p(6, Some(7), Some(9), false),
            p(7, None, None, true),
        ];
        assert!(!late(&done[0], d(4)), "not late on its last day");
        assert!(late(&done[0], d(5)), "late once the day has passed");
        assert!(late(&done[0], d(30)), "and stays late after it left");
        assert_eq!(exercise(&done, d(5)), Overdue);
        assert_eq!(exercise(&done, d(6)), InProgress);
        assert_eq!(exercise(&done, d(30)), Completed);
        assert_eq!(current(&done, d(30)), Some(2));
    }

    #[test]
    fn a_notice_is_open_from_its_first_to_its_last_day() {
        assert_eq!(notice(d(10), d(16), d(9)), Notice::NotStarted);
        assert_eq!(notice(d(10), d(16), d(10)), Notice::Open);
        assert_eq!(notice(d(10), d(16), d(16)), Notice::Open);
        assert_eq!(notice(d(10), d(16), d(17)), Notice::Ended);
    }
}
