//! Evaluation rounds (评议) in the schema, beyond the record: casting a secret ballot, issuing
//! the one-time codes of a public round, closing a round, reading its results (counts only)
//! and, for the office, its comments. Who may do what: [`crate::access::evaluation`].

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use sea_orm::Iterable as _;

use super::{
    enums::{EvaluationItem, EvaluationRating},
    feedback::text,
    statistics::AggregateCell,
    step::StepResult,
    types::request,
};
use crate::{
    access::{
        disclosure,
        evaluation::{MAX_COMMENT, protect_question},
    },
    error::AppError,
    store::{Store, evaluation::Tallies},
};

/// The name of a round's global ids.
const NAME: &str = "EvaluationRound";

/// The longest code taken, in characters.
const MAX_CODE: usize = 64;

/// The results of a round: counts only, with the small-cell protection of every published
/// aggregate (cells of fewer than 3 ballots, and those that would give one away, withheld).
/// The number of ballots is always shown: it is public while the round runs.
#[derive(SimpleObject)]
pub struct EvaluationResults {
    /// The ballots counted.
    pub ballots: AggregateCell,
    /// Each question of the questionnaire, in order.
    pub items: Vec<EvaluationItemResult>,
}

/// The answers to one question.
#[derive(SimpleObject)]
pub struct EvaluationItemResult {
    /// The question.
    pub item: EvaluationItem,
    /// How many ballots gave each rating (`SATISFIED`, `BASICALLY_SATISFIED`, `DISSATISFIED`),
    /// every rating listed, 0 included.
    pub ratings: Vec<AggregateCell>,
    /// 满意率: the share of ballots satisfied or basically satisfied, from 0 to 1; `null`
    /// where a count it needs is withheld.
    pub satisfied_share: Option<f64>,
}

impl EvaluationResults {
    /// `tallies` as they may be published: the number of ballots (public while the round
    /// runs), and each question protected with it known ([`protect_question`]).
    pub fn protected(tallies: &Tallies) -> Self {
        let key = |rating: entity::enums::EvaluationRating| {
            serde_json::to_value(rating)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        };
        let total = tallies.ballots();
        Self {
            ballots: disclosure::Cell {
                key: disclosure::TOTAL.to_owned(),
                count: Some(total),
                withheld: None,
            }
            .into(),
            items: entity::enums::EvaluationItem::iter()
                .map(|item| {
                    let ratings: Vec<(String, u64)> = entity::enums::EvaluationRating::iter()
                        .map(|rating| (key(rating), tallies.count(item, rating)))
                        .collect();
                    let cells = protect_question(total, &ratings);
                    let shown = |k: &str| cells.iter().find(|c| c.key == k).and_then(|c| c.count);
                    let satisfied_share = match (shown("SATISFIED"), shown("BASICALLY_SATISFIED")) {
                        (Some(a), Some(b)) if total > 0 => Some((a + b) as f64 / total as f64),
                        _ => None,
                    };
                    EvaluationItemResult {
                        item: item.into(),
                        ratings: cells.into_iter().map(Into::into).collect(),
                        satisfied_share,
                    }
                })
                .collect(),
        }
    }
}

/// The answer to one question of a ballot.
#[derive(InputObject)]
pub struct BallotAnswer {
    /// The question.
    pub item: EvaluationItem,
    /// The rating.
    pub rating: EvaluationRating,
}

/// A secret ballot.
#[derive(InputObject)]
pub struct BallotInput {
    /// The round.
    pub round: ID,
    /// In a public round (党外评), the one-time code issued for it; members vote with their
    /// token and no code.
    pub code: Option<String>,
    /// One rating for every question of the questionnaire.
    pub answers: Vec<BallotAnswer>,
    /// A comment, read by the office once the round is over, apart from the ratings.
    pub comment: Option<String>,
}

/// What casting a ballot answers: that it counts, and nothing of what it said.
#[derive(SimpleObject)]
pub struct BallotReceipt {
    /// The round.
    pub round: ID,
    /// How many ballots the round counts now, this one included.
    pub ballots: u64,
}

/// One-time codes of a public round, shown this once.
#[derive(SimpleObject)]
pub struct EvaluationCodes {
    /// The round.
    pub round: ID,
    /// The codes: hand out one to each evaluator. Only their hashes are kept.
    pub codes: Vec<String>,
}

fn key_of(store: &Store, id: &ID) -> Result<i64, AppError> {
    store
        .ids()
        .decode(NAME, id)
        .ok_or_else(|| AppError::not_found("there is no record with this id"))
}

/// The reads of evaluation rounds beyond the record.
#[derive(Default)]
pub struct EvaluationQuery;

#[Object]
impl EvaluationQuery {
    /// The comments of a round's ballots, in the order of their text and apart from the
    /// ratings; for the office (supervisors) and admins, once the round is over.
    async fn evaluation_comments(&self, ctx: &Context<'_>, round: ID) -> Result<Vec<String>> {
        let (store, caller) = request(ctx)?;
        let key = key_of(store, &round)?;
        Ok(store.evaluation_comments(caller, key).await?)
    }
}

/// The writes of evaluation rounds beyond the record.
#[derive(Default)]
pub struct EvaluationMutation;

#[Object]
impl EvaluationMutation {
    /// Cast a secret ballot: party members with their token in a members' round (党内评),
    /// anyone with a one-time code in a public round (党外评); once per evaluator and round,
    /// while the round is open. Nothing of the ballot can be read back, by anyone.
    async fn cast_ballot(&self, ctx: &Context<'_>, input: BallotInput) -> Result<BallotReceipt> {
        let (store, caller) = request(ctx)?;
        let key = key_of(store, &input.round)?;
        let comment = input
            .comment
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .map(|c| text("input.comment", c, MAX_COMMENT))
            .transpose()?;
        if let Some(code) = &input.code
            && code.chars().count() > MAX_CODE
        {
            return Err(AppError::bad_input(
                "input.code",
                format!("must be at most {MAX_CODE} characters"),
            )
            .into());
        }
        // A ballot with a code spends the address's budget of submissions, as a guess would.
        if input.code.is_some() {
            super::feedback::spend_submission(ctx)?;
        }
        let answers = input
            .answers
            .into_iter()
            .map(|a| (a.item.into(), a.rating.into()))
            .collect();
        let ballots = store
            .cast_ballot(caller, key, input.code.as_deref(), answers, comment)
            .await?;
        Ok(BallotReceipt {
            round: input.round,
            ballots,
        })
    }

    /// Issue one-time codes of a public round (党外评), from 1 to 2,000 at once; the office
    /// (supervisors) and admins, while the round is not over.
    async fn issue_evaluation_codes(
        &self,
        ctx: &Context<'_>,
        round: ID,
        count: u32,
    ) -> Result<EvaluationCodes> {
        let (store, caller) = request(ctx)?;
        let key = key_of(store, &round)?;
        let codes = store.issue_evaluation_codes(caller, key, count).await?;
        Ok(EvaluationCodes { round, codes })
    }

    /// Close a round before its last day is over, so that its results show: a correction of
    /// the record, by those who may correct it.
    async fn close_evaluation_round(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> Result<StepResult> {
        let (store, caller) = request(ctx)?;
        let key = key_of(store, &id)?;
        let saved = store
            .close_evaluation_round(caller, key, expected_version)
            .await?;
        Ok(StepResult {
            id,
            status: saved.status.into(),
            version: saved.version,
        })
    }
}
