//! Evaluation rounds (评议), stored: one-time codes, ballots as counts, comments apart, and
//! closing a round. Who may do what: [`crate::access::evaluation`].
//!
//! A ballot is one transaction: it marks its evaluator as having voted (a member's hash, or
//! the code spent), adds one to the count of each answer, keeps the comment under a random key
//! and appends an audit entry that names the round only. Nothing written names the ballot, so
//! nothing can be read back of it.

use entity::{
    enums::{EvaluationItem, EvaluationRating, PublicationStatus, RecordKind},
    evaluation::{code, comment, tally, voter},
    evaluation_round::{self, Model},
};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, Iterable, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, OnConflict},
};
use serde_json::json;

use super::{
    Store,
    feedback::{random_code, sha256},
    writable::{Saved, Target},
};
use crate::{
    access::{
        Caller,
        evaluation::{self as rules, Evaluator},
    },
    audit,
    error::{AppError, AppResult},
};

/// The answers of one ballot: one rating for each question of the questionnaire.
pub type Answers = Vec<(EvaluationItem, EvaluationRating)>;

/// Checks that `answers` rate every question once.
pub fn complete(answers: &Answers) -> AppResult<()> {
    for item in EvaluationItem::iter() {
        let n = answers.iter().filter(|(i, _)| *i == item).count();
        if n != 1 {
            return Err(AppError::bad_input(
                "answers",
                format!(
                    "answer every question of the questionnaire once; {} is answered {n} times",
                    serde_json::to_value(item)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                ),
            ));
        }
    }
    Ok(())
}

/// The counts of a round: for each question, each rating and how many ballots gave it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tallies(pub Vec<(EvaluationItem, EvaluationRating, u64)>);

impl Tallies {
    /// The number of ballots: each answers the first question once.
    pub fn ballots(&self) -> u64 {
        self.0
            .iter()
            .filter(|(item, _, _)| *item == EvaluationItem::Duties)
            .map(|(_, _, n)| n)
            .sum()
    }

    /// How many ballots gave `rating` to `item`.
    pub fn count(&self, item: EvaluationItem, rating: EvaluationRating) -> u64 {
        self.0
            .iter()
            .filter(|(i, r, _)| *i == item && *r == rating)
            .map(|(_, _, n)| n)
            .sum()
    }
}

impl Store {
    /// The published round `id` as `caller` sees it.
    async fn published_round(
        &self,
        db: &impl ConnectionTrait,
        caller: &Caller,
        id: i64,
    ) -> AppResult<Model> {
        let round = Self::visible_row::<evaluation_round::Entity>(db, caller, id).await?;
        if round.status != PublicationStatus::Published {
            return Err(AppError::conflict("the round is not published"));
        }
        Ok(round)
    }

    /// Issues `count` one-time codes of the public round `id`; they are shown this once and
    /// kept only as hashes.
    pub async fn issue_evaluation_codes(
        &self,
        caller: &Caller,
        id: i64,
        count: u32,
    ) -> AppResult<Vec<String>> {
        if count == 0 || count > rules::MAX_CODES {
            return Err(AppError::bad_input(
                "count",
                format!("issue from 1 to {} codes at once", rules::MAX_CODES),
            ));
        }
        let (_writers, txn) = self.begin_write(self.connection()).await?;
        let round = self.published_round(&txn, caller, id).await?;
        rules::may_issue_codes(caller, &round, self.today())?;
        let mut shown = Vec::with_capacity(count as usize);
        let mut rows = Vec::with_capacity(count as usize);
        for _ in 0..count {
            // 80 random bits: not to be guessed, and spent once.
            let code = random_code(16)?;
            rows.push(code::ActiveModel {
                code_hash: Set(sha256(&code)),
                round_id: Set(id),
                spent: Set(false),
            });
            shown.push(code);
        }
        for chunk in rows.chunks(500) {
            code::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
        }
        audit::append_at(
            &txn,
            self.now(),
            &audit::Entry {
                actor: caller.subject().unwrap_or_default(),
                person: caller.person(),
                role: caller.role().as_str(),
                action: "evaluation_codes",
                record: Some((RecordKind::EvaluationRound, id)),
                before: None,
                after: Some(json!({ "round": id, "codes": count })),
                note: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(shown)
    }

    /// Casts a ballot in the round `id` as `caller` (with `code` in a public round): `answers`
    /// rate every question once, `comment` is optional. Returns the number of ballots the
    /// round now counts.
    pub async fn cast_ballot(
        &self,
        caller: &Caller,
        id: i64,
        code: Option<&str>,
        answers: Answers,
        comment: Option<String>,
    ) -> AppResult<u64> {
        complete(&answers)?;
        let (_writers, txn) = self.begin_write(self.connection()).await?;
        let round = self.published_round(&txn, caller, id).await?;
        let evaluator = rules::evaluator(caller, code, &round, self.today())?;
        // Holds the round's row until the ballot is in, so that a closing waits for it, or it
        // for the closing (and then finds the round closed).
        let open = evaluation_round::Entity::update_many()
            .col_expr(
                evaluation_round::Column::Id,
                Expr::col(evaluation_round::Column::Id),
            )
            .filter(evaluation_round::Column::Id.eq(id))
            .filter(evaluation_round::Column::ClosedAt.is_null())
            .exec(&txn)
            .await?;
        if open.rows_affected != 1 {
            return Err(AppError::conflict("the round is closed"));
        }
        match evaluator {
            Evaluator::Member(subject) => {
                let voted = voter::Entity::insert(voter::ActiveModel {
                    round_id: Set(id),
                    voter_hash: Set(sha256(&format!("{id}\u{1f}{subject}"))),
                })
                .on_conflict(
                    OnConflict::columns([voter::Column::RoundId, voter::Column::VoterHash])
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
                if voted == 0 {
                    return Err(AppError::conflict(
                        "you have cast your ballot in this round already",
                    ));
                }
            }
            Evaluator::Code(code) => {
                let spent = code::Entity::update_many()
                    .col_expr(code::Column::Spent, Expr::value(true))
                    .filter(code::Column::CodeHash.eq(sha256(code)))
                    .filter(code::Column::RoundId.eq(id))
                    .filter(code::Column::Spent.eq(false))
                    .exec(&txn)
                    .await?;
                // An unknown code and a spent one are refused alike.
                if spent.rows_affected != 1 {
                    return Err(AppError::forbidden(
                        "this code is not valid for this round, or was used already",
                    ));
                }
            }
        }
        self.count_in(&txn, id, &answers, 1).await?;
        if let Some(body) = comment.filter(|c| !c.trim().is_empty()) {
            Self::comment_in(&txn, id, body).await?;
        }
        audit::append_at(
            &txn,
            self.now(),
            &audit::Entry {
                actor: "evaluator",
                person: None,
                role: "evaluator",
                action: "evaluation_ballot",
                record: Some((RecordKind::EvaluationRound, id)),
                before: None,
                after: Some(json!({ "round": id })),
                note: None,
            },
        )
        .await?;
        let ballots = Self::tallies_in(&txn, id).await?.ballots();
        txn.commit().await?;
        Ok(ballots)
    }

    /// Adds `ballots` ballots that each gave `answers` to the counts of the round `id`.
    pub(crate) async fn count_in(
        &self,
        txn: &impl ConnectionTrait,
        id: i64,
        answers: &Answers,
        ballots: u64,
    ) -> AppResult<()> {
        let ballots = i64::try_from(ballots)
            .map_err(|_| AppError::bad_input("ballots", "too many ballots"))?;
        for (item, rating) in answers {
            tally::Entity::insert(tally::ActiveModel {
                round_id: Set(id),
                item: Set(*item),
                rating: Set(*rating),
                ballots: Set(ballots),
            })
            .on_conflict(
                OnConflict::columns([
                    tally::Column::RoundId,
                    tally::Column::Item,
                    tally::Column::Rating,
                ])
                .value(
                    tally::Column::Ballots,
                    Expr::col((tally::Entity, tally::Column::Ballots)).add(ballots),
                )
                .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
        }
        Ok(())
    }

    /// Keeps the comment `body` of a ballot of the round `id`, under a random key.
    pub(crate) async fn comment_in(
        txn: &impl ConnectionTrait,
        id: i64,
        body: String,
    ) -> AppResult<()> {
        comment::Entity::insert(comment::ActiveModel {
            id: Set(random_code(20)?),
            round_id: Set(id),
            body: Set(body),
        })
        .exec_without_returning(txn)
        .await?;
        Ok(())
    }

    async fn tallies_in(db: &impl ConnectionTrait, id: i64) -> AppResult<Tallies> {
        let rows = tally::Entity::find()
            .filter(tally::Column::RoundId.eq(id))
            .all(db)
            .await?;
        Ok(Tallies(
            rows.into_iter()
                .map(|t| (t.item, t.rating, u64::try_from(t.ballots).unwrap_or(0)))
                .collect(),
        ))
    }

    /// The counts of the round `id`. The caller decides, by the round's visibility and
    /// [`rules::is_over`], whether they may be shown.
    pub async fn evaluation_tallies(&self, id: i64) -> AppResult<Tallies> {
        Self::tallies_in(self.connection(), id).await
    }

    /// The comments of the round `id`, in the order of their text, for the office once the
    /// round is over.
    pub async fn evaluation_comments(&self, caller: &Caller, id: i64) -> AppResult<Vec<String>> {
        let round = self.published_round(self.connection(), caller, id).await?;
        if !rules::may_read_comments(caller, &round, self.today()) {
            return Err(AppError::forbidden(
                "the office (supervisors) and admins read the comments, once the round is over",
            ));
        }
        Ok(comment::Entity::find()
            .filter(comment::Column::RoundId.eq(id))
            .order_by_asc(comment::Column::Body)
            .select_only()
            .column(comment::Column::Body)
            .into_tuple::<String>()
            .all(self.connection())
            .await?)
    }

    /// Closes the published round `id` at `expected` version before its last day is over: a
    /// correction of the record, so that the change feed tells its results are out.
    pub async fn close_evaluation_round(
        &self,
        caller: &Caller,
        id: i64,
        expected: i32,
    ) -> AppResult<Saved> {
        let round = self.published_round(self.connection(), caller, id).await?;
        if rules::is_over(&round, self.today()) {
            return Err(AppError::conflict("the round is over already"));
        }
        let now = self.now();
        self.save::<evaluation_round::Entity>(
            caller,
            Target::Correct {
                id,
                expected,
                reason: "评议结束，公布结果 (the round is closed and its results are out)".into(),
                withdraw_previous: false,
            },
            move |active, _| {
                active.closed_at = Set(Some(now));
                Ok(())
            },
        )
        .await
    }
}
