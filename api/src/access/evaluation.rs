//! The rules of evaluation rounds (评议): who may vote, how often, when the results show, and
//! who reads what the ballots leave behind.
//!
//! A ballot is secret. What it leaves is counts per question and rating, and its comment apart
//! from them; no query reads a ballot, nobody's included, admins' included. In a members' round
//! (党内评) every party member votes once, by their token: the round keeps a hash of the round
//! and the token's subject, to refuse a second ballot, and nothing that ties it to the counts.
//! In a public round (党外评) everyone votes once per one-time code, which the office issues for
//! the round and hands out; a spent code is marked spent, and nothing ties it to the counts.
//!
//! Results (the counts, protected against small cells like every published aggregate) show only
//! once the round is over: while ballots still come in, two readings a moment apart would tell
//! what the ballot cast between them said.

use chrono::NaiveDate;
use entity::{enums::EvaluationAudience, evaluation_round::Model};

use super::{Caller, Role, disclosure};
use crate::error::AppError;

/// The longest comment of a ballot, in characters.
pub const MAX_COMMENT: usize = 2_000;

/// Most one-time codes issued at once.
pub const MAX_CODES: u32 = 2_000;

/// Whether `round` is over on `today`: closed by the office, or past its last day.
pub fn is_over(round: &Model, today: NaiveDate) -> bool {
    round.closed_at.is_some() || today > round.closes_on
}

/// Whether `round` takes ballots on `today`.
pub fn is_open(round: &Model, today: NaiveDate) -> bool {
    round.opens_on <= today && !is_over(round, today)
}

/// How a ballot proves it is its evaluator's only one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evaluator<'a> {
    /// A party member, by the token's subject.
    Member(&'a str),
    /// Whoever holds this one-time code of the round.
    Code(&'a str),
}

/// Who casts a ballot in `round`, as `caller` with `code`: members of the party by token in a
/// members' round, holders of a code in a public one. The round must be open on `today`.
pub fn evaluator<'a>(
    caller: &'a Caller,
    code: Option<&'a str>,
    round: &Model,
    today: NaiveDate,
) -> Result<Evaluator<'a>, AppError> {
    if !is_open(round, today) {
        return Err(AppError::conflict(format!(
            "the round takes ballots from {} to {} and is not open now",
            round.opens_on, round.closes_on
        )));
    }
    match round.audience {
        EvaluationAudience::PartyMembers => match caller.subject() {
            Some(subject) if caller.role() >= Role::Member && code.is_none() => {
                Ok(Evaluator::Member(subject))
            }
            _ => Err(AppError::forbidden(
                "party members vote in this round, each with their own token and no code",
            )),
        },
        EvaluationAudience::Public => match code {
            Some(code) if !code.trim().is_empty() => Ok(Evaluator::Code(code.trim())),
            _ => Err(AppError::forbidden(
                "this round takes ballots with a one-time code issued for it",
            )),
        },
    }
}

/// Whether `caller` may issue one-time codes of a round: the office (supervisors) and admins.
pub fn may_issue_codes(caller: &Caller, round: &Model, today: NaiveDate) -> Result<(), AppError> {
    if !matches!(caller.role(), Role::Supervisor | Role::Admin)
        || !caller.governs(round.owner_org_id)
    {
        return Err(AppError::forbidden(
            "only the office (supervisors) and admins issue codes",
        ));
    }
    if round.audience != EvaluationAudience::Public {
        return Err(AppError::conflict(
            "members vote with their tokens: a members' round has no codes",
        ));
    }
    if is_over(round, today) {
        return Err(AppError::conflict("the round is over"));
    }
    Ok(())
}

/// Whether `caller` may read the comments of `round`: the office (supervisors) and admins, once
/// the round is over, and never tied to a ballot.
pub fn may_read_comments(caller: &Caller, round: &Model, today: NaiveDate) -> bool {
    matches!(caller.role(), Role::Supervisor | Role::Admin)
        && caller.governs(round.owner_org_id)
        && is_over(round, today)
}

/// The counts of one question to publish, given that everyone knows the number of ballots
/// (`ballots`, shown while the round runs): the question's ratings and their counts, each
/// shown or withheld as [`disclosure::protect`] decides for a table of that total and that
/// question. Where protecting the question would need the total withheld, which cannot be,
/// nothing of the question is shown.
pub fn protect_question(ballots: u64, ratings: &[(String, u64)]) -> Vec<disclosure::Cell> {
    use disclosure::{DimensionFigures, Figures, Tally, Withheld};
    let unlisted = |count| Tally { count, listed: 0 };
    let table = disclosure::protect(
        &Figures {
            total: unlisted(ballots),
            dimensions: vec![DimensionFigures {
                name: "rating".to_owned(),
                open: false,
                cells: ratings
                    .iter()
                    .map(|(key, count)| (key.clone(), unlisted(*count)))
                    .collect(),
            }],
        },
        &[],
    );
    match table.dimensions.into_iter().next() {
        Some(dimension) if table.total.count.is_some() => dimension.cells,
        _ => ratings
            .iter()
            .map(|(key, _)| disclosure::Cell {
                key: key.clone(),
                count: None,
                withheld: Some(Withheld::TooFewToPublish),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn caller(role: Role, orgs: &[i64]) -> Caller {
        Caller {
            subject: Some(format!("{role:?}")),
            ..Caller::for_tests(role, orgs.to_vec(), orgs.to_vec(), None)
        }
    }

    fn round(audience: EvaluationAudience) -> Model {
        Model {
            id: 1,
            title: "评议".into(),
            audience,
            duty_report_id: None,
            meeting_id: None,
            opens_on: day("2011-11-01"),
            closes_on: day("2011-11-10"),
            closed_at: None,
            text: String::new(),
            scope: entity::enums::Scope::Public,
            status: entity::enums::PublicationStatus::Published,
            publish_at: None,
            version: 1,
            owner_org_id: None,
            source_id: None,
            created_at: DateTime::UNIX_EPOCH,
            updated_at: DateTime::UNIX_EPOCH,
        }
    }

    fn day(d: &str) -> NaiveDate {
        NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn a_round_takes_ballots_from_its_first_to_its_last_day_unless_closed() {
        let mut r = round(EvaluationAudience::Public);
        assert!(!is_open(&r, day("2011-10-31")));
        assert!(is_open(&r, day("2011-11-01")));
        assert!(is_open(&r, day("2011-11-10")));
        assert!(!is_open(&r, day("2011-11-11")));
        assert!(is_over(&r, day("2011-11-11")));
        assert!(!is_over(&r, day("2011-11-05")));
        r.closed_at = Some(DateTime::UNIX_EPOCH);
        assert!(!is_open(&r, day("2011-11-05")));
        assert!(is_over(&r, day("2011-11-05")));
    }

    #[test]
    fn members_vote_by_token_and_the_public_by_code() {
        let today = day("2011-11-05");
        let members = round(EvaluationAudience::PartyMembers);
        let public = round(EvaluationAudience::Public);
        let member = caller(Role::Member, &[]);
        let anonymous = Caller::public();
        let media = caller(Role::Media, &[]);
        assert!(matches!(
            evaluator(&member, None, &members, today),
            Ok(Evaluator::Member(_))
        ));
        assert!(evaluator(&member, Some("X"), &members, today).is_err());
        assert!(evaluator(&anonymous, None, &members, today).is_err());
        assert!(evaluator(&media, None, &members, today).is_err());
        assert!(evaluator(&anonymous, Some("X"), &members, today).is_err());
        assert!(matches!(
            evaluator(&anonymous, Some(" X "), &public, today),
            Ok(Evaluator::Code("X"))
        ));
        assert!(evaluator(&member, None, &public, today).is_err());
        assert!(evaluator(&anonymous, Some("  "), &public, today).is_err());
        assert!(evaluator(&anonymous, Some("X"), &public, day("2011-11-11")).is_err());
    }

    fn shown(ballots: u64, counts: [u64; 3]) -> Vec<Option<u64>> {
        let keys = ["SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"];
        let ratings: Vec<(String, u64)> = keys
            .iter()
            .zip(counts)
            .map(|(k, n)| ((*k).to_owned(), n))
            .collect();
        protect_question(ballots, &ratings)
            .into_iter()
            .map(|c| c.count)
            .collect()
    }

    #[test]
    fn no_count_of_one_or_two_ballots_can_be_read_or_derived_from_the_known_total() {
        // Every cell large enough, or 0: all shown.
        assert_eq!(shown(20, [12, 8, 0]), vec![Some(12), Some(8), Some(0)]);
        // One and two ballots are withheld, and so is what would give them away.
        for (ballots, counts) in [
            (4, [3, 1, 0]),
            (86, [52, 32, 2]),
            (12, [7, 4, 1]),
            (5, [3, 0, 2]),
            (2, [2, 0, 0]),
            (1, [0, 0, 1]),
        ] {
            let published = shown(ballots, counts);
            let keys = ["SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"];
            for (i, n) in counts.iter().enumerate() {
                if (1..disclosure::THRESHOLD).contains(n) {
                    assert_eq!(published[i], None, "{ballots} {counts:?}: {}", keys[i]);
                }
            }
            // The withheld cells together hold what the shown ones leave of the total:
            // never 1 or 2, unless nothing is shown of fewer ballots than that.
            let withheld: u64 = ballots - published.iter().flatten().sum::<u64>();
            assert!(
                !(1..disclosure::THRESHOLD).contains(&withheld)
                    || published.iter().all(Option::is_none),
                "{ballots} {counts:?}: {published:?}"
            );
            // Never a withheld cell alone, where the total would give it.
            assert_ne!(published.iter().filter(|c| c.is_none()).count(), 1);
        }
    }

    #[test]
    fn only_the_office_issues_codes_and_reads_comments_once_the_round_is_over() {
        let public = round(EvaluationAudience::Public);
        let during = day("2011-11-05");
        let after = day("2011-11-11");
        for role in [Role::Member, Role::Official, Role::Editor, Role::Reviewer] {
            let c = caller(role, &[1]);
            assert!(may_issue_codes(&c, &public, during).is_err());
            assert!(!may_read_comments(&c, &public, after));
        }
        for role in [Role::Supervisor, Role::Admin] {
            let c = caller(role, &[]);
            assert!(may_issue_codes(&c, &public, during).is_ok());
            assert!(may_issue_codes(&c, &public, after).is_err());
            assert!(may_issue_codes(&c, &round(EvaluationAudience::PartyMembers), during).is_err());
            assert!(!may_read_comments(&c, &public, during));
            assert!(may_read_comments(&c, &public, after));
        }
    }
}
