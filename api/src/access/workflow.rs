//! Who may take which step of the publication procedure, and the rules a step must keep: the
//! four-eyes rule (审核 by someone other than the author) and no publication in the past.

use chrono::{DateTime, TimeDelta, Utc};
use entity::enums::PublicationStatus;

use super::Role;

/// A step of the publication procedure, as the rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// 提出: submit a draft for review.
    Submit,
    /// 审核 not passed: send a submission back.
    SendBack,
    /// 审核 and 审批: approve a submission.
    Approve,
    /// 实施: publish an approved record.
    Publish,
    /// Withdraw a published record.
    Retract,
}

/// Whether `role` may take `step` on a record its organizations own (`own`) or not.
pub fn may_take(step: StepKind, role: Role, own: bool) -> bool {
    match step {
        StepKind::Submit | StepKind::Retract => {
            (role == Role::Editor && own) || role == Role::Admin
        }
        StepKind::SendBack | StepKind::Approve => matches!(role, Role::Reviewer | Role::Admin),
        StepKind::Publish => {
            matches!(role, Role::Reviewer | Role::Admin) || (role == Role::Editor && own)
        }
    }
}

/// Whether `caller` may take `step` on a record owned by `owner`: by [`may_take`], and only
/// on records of the caller's jurisdictions (see [`super::Caller::governs`]).
pub fn may_take_on(step: StepKind, caller: &super::Caller, owner: Option<i64>) -> bool {
    let own = owner.is_some_and(|o| caller.organizations().contains(&o));
    caller.governs(owner) && may_take(step, caller.role(), own)
}

/// The stages at which a record waits for `caller`'s next step, from [`may_take`]: a draft
/// waits for 提出, a submission for 审核, an approved record for 实施. With each, whether only
/// records of the caller's own organizations wait for it (an editor's drafts) or any record
/// the caller sees (a reviewer's submissions).
pub fn waiting_for(role: Role) -> Vec<(PublicationStatus, bool)> {
    [
        (PublicationStatus::Draft, StepKind::Submit),
        (PublicationStatus::Submitted, StepKind::Approve),
        (PublicationStatus::Approved, StepKind::Publish),
    ]
    .into_iter()
    .filter_map(|(status, step)| {
        if may_take(step, role, false) {
            Some((status, false))
        } else if may_take(step, role, true) {
            Some((status, true))
        } else {
            None
        }
    })
    .collect()
}

/// The rows of `table` that wait for `caller` ([`waiting_for`]); `None` when nothing can.
/// Used beside the record filter, which decides what the caller sees at all.
pub fn waiting_condition(
    caller: &super::Caller,
    table: &'static str,
) -> Option<sea_orm::Condition> {
    use sea_orm::{
        ActiveEnum as _, Condition,
        sea_query::{Alias, Expr, ExprTrait as _},
    };
    let col = |name: &'static str| Expr::col((Alias::new(table), Alias::new(name)));
    let stages = waiting_for(caller.role());
    if stages.is_empty() {
        return None;
    }
    let mut any = Condition::any();
    for (status, own_only) in stages {
        let mut stage = Condition::all().add(col("status").eq(status.to_value()));
        if own_only {
            stage = stage.add(if caller.organizations().is_empty() {
                Expr::value(false)
            } else {
                col("owner_org_id").is_in(caller.organizations().iter().copied())
            });
        }
        any = any.add(stage);
    }
    Some(any)
}

/// Whether `step` is a review, which the record's author may not take.
pub fn is_review(step: StepKind) -> bool {
    matches!(step, StepKind::Approve | StepKind::SendBack)
}

/// Who acted, as the four-eyes rule compares them: the token's subject, and the person record
/// the token names, if it names one.
#[derive(Clone, Copy, Debug)]
pub struct Actor<'a> {
    /// The token's subject.
    pub subject: &'a str,
    /// The token's `person` claim.
    pub person: Option<i64>,
}

/// Whether `reviewer` is the same person as `author`: the same person record where both tokens
/// name one, or the same subject. One person holding two subjects is still one person; where a
/// token names no person, the subject is all there is to compare.
pub fn same_person(author: Actor<'_>, reviewer: Actor<'_>) -> bool {
    author.subject == reviewer.subject
        || matches!((author.person, reviewer.person), (Some(a), Some(b)) if a == b)
}

/// How far a requested publication time may lie behind the server's clock: the skew between a
/// client's clock and ours, not a way to date a record back.
pub const PUBLISH_CLOCK_SKEW: TimeDelta = TimeDelta::seconds(60);

/// The time a record is published at: `requested`, or `now` when none is given. A time in the
/// past beyond [`PUBLISH_CLOCK_SKEW`] is refused, so that history is never created backdated;
/// a time within the skew counts as now.
pub fn publication_time(
    requested: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, &'static str> {
    match requested {
        None => Ok(now),
        Some(at) if at < now - PUBLISH_CLOCK_SKEW => Err(
            "a publication time cannot lie in the past: leave publishAt out to publish now, or name a later time",
        ),
        Some(at) => Ok(at.max(now)),
    }
}

/// Whether a record that reports on another (a bulletin on a decision) may be published at
/// `at`, given the other record's status and publication time: not before that record is
/// public, so that what is derived from a record is never shown ahead of it.
pub fn derived_publication(
    related: Option<(PublicationStatus, Option<DateTime<Utc>>)>,
    at: DateTime<Utc>,
) -> Result<(), &'static str> {
    match related {
        None => Ok(()),
        Some((PublicationStatus::Published, Some(public_from))) if public_from <= at => Ok(()),
        Some((PublicationStatus::Published, _)) => Err(
            "the record this reports on is not public yet at that time: publish at or after its publication",
        ),
        Some(_) => {
            Err("the record this reports on is not published: it cannot be reported on in public")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_waits_follows_who_may_take_the_next_step() {
        use PublicationStatus::*;
        assert_eq!(
            waiting_for(Role::Editor),
            vec![(Draft, true), (Approved, true)]
        );
        assert_eq!(
            waiting_for(Role::Reviewer),
            vec![(Submitted, false), (Approved, false)]
        );
        assert_eq!(
            waiting_for(Role::Admin),
            vec![(Draft, false), (Submitted, false), (Approved, false)]
        );
        for role in [
            Role::Public,
            Role::Media,
            Role::Member,
            Role::Official,
            Role::Supervisor,
        ] {
            assert!(waiting_for(role).is_empty(), "{role:?}");
        }
    }

    #[test]
    fn who_may_take_each_step() {
        use Role::*;
        use StepKind::*;
        // (step, role, owns the record, allowed)
        let table = [
            (Submit, Editor, true, true),
            (Submit, Editor, false, false),
            (Submit, Reviewer, true, false),
            (Submit, Admin, false, true),
            (Submit, Supervisor, true, false),
            (SendBack, Reviewer, false, true),
            (SendBack, Editor, true, false),
            (SendBack, Admin, false, true),
            (Approve, Reviewer, false, true),
            (Approve, Editor, true, false),
            (Approve, Supervisor, false, false),
            (Approve, Admin, false, true),
            (Publish, Reviewer, false, true),
            (Publish, Editor, true, true),
            (Publish, Editor, false, false),
            (Publish, Member, true, false),
            (Publish, Admin, false, true),
            (Retract, Editor, true, true),
            (Retract, Editor, false, false),
            (Retract, Reviewer, false, false),
            (Retract, Admin, false, true),
        ];
        for (step, role, own, allowed) in table {
            assert_eq!(
                may_take(step, role, own),
                allowed,
                "{step:?} {role:?} own={own}"
            );
        }
        for role in [Public, Media, Member, Official, Supervisor] {
            for step in [Submit, SendBack, Approve, Publish, Retract] {
                for own in [false, true] {
                    assert!(!may_take(step, role, own), "{step:?} {role:?} own={own}");
                }
            }
        }
    }

    #[test]
    fn one_person_is_one_person_whatever_subject_they_carry() {
        let actor = |subject, person| Actor { subject, person };
        // (author, reviewer, same person)
        let table = [
            (actor("a", None), actor("a", None), true),
            (actor("a", None), actor("b", None), false),
            (actor("a", Some(7)), actor("b", Some(7)), true),
            (actor("a", Some(7)), actor("a", Some(8)), true),
            (actor("a", Some(7)), actor("b", Some(8)), false),
            (actor("a", Some(7)), actor("b", None), false),
            (actor("a", None), actor("b", Some(7)), false),
            (actor("a", Some(7)), actor("a", None), true),
        ];
        for (author, reviewer, same) in table {
            assert_eq!(
                same_person(author, reviewer),
                same,
                "{author:?} {reviewer:?}"
            );
        }
    }

    #[test]
    fn a_report_is_never_published_ahead_of_its_record() {
        use PublicationStatus::*;
        let now = Utc::now();
        let hour = TimeDelta::hours(1);
        // (related record's state, report published at, allowed)
        let table = [
            (None, now, true),
            (Some((Published, Some(now - hour))), now, true),
            (Some((Published, Some(now))), now, true),
            (Some((Published, Some(now + hour))), now, false),
            (Some((Published, Some(now + hour))), now + hour, true),
            (Some((Published, Some(now + hour))), now + hour * 2, true),
            (Some((Published, None)), now, false),
            (Some((Approved, None)), now, false),
            (Some((Draft, None)), now + hour, false),
            (Some((Retracted, Some(now - hour))), now, false),
        ];
        for (related, at, allowed) in table {
            assert_eq!(
                derived_publication(related, at).is_ok(),
                allowed,
                "{related:?} at {at}"
            );
        }
    }

    #[test]
    fn publication_is_never_backdated() {
        let now = Utc::now();
        let minute = TimeDelta::minutes(1);
        // (requested, expected)
        let table = [
            (None, Ok(now)),
            (Some(now + minute * 60), Ok(now + minute * 60)),
            (Some(now), Ok(now)),
            (Some(now - TimeDelta::seconds(30)), Ok(now)),
            (Some(now - minute * 2), Err(())),
            (
                Some(DateTime::from_timestamp(978_307_200, 0).unwrap_or(now)),
                Err(()),
            ),
        ];
        for (requested, expected) in table {
            assert_eq!(
                publication_time(requested, now).map_err(|_| ()),
                expected,
                "{requested:?}"
            );
        }
    }
}
