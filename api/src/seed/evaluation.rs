//! The demo county's evaluation ballots (`api/data/demo/evaluation-tallies.json`): for each
//! round, groups of ballots that answered alike and how many there were, and the comments.
//! They go into the counts as ballots do, each group answering every question once, so that
//! the counts of every question add up to the same number of ballots. The figures are made up
//! for the demonstration, and the rounds' texts say so.

use std::collections::HashMap;

use entity::enums::{EvaluationItem, EvaluationRating};
use sea_orm::DatabaseTransaction;
use serde::Deserialize;

use crate::store::{
    Store,
    evaluation::{Answers, complete},
};

/// The ballots of one round.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Round {
    /// The round, by its title.
    round: String,
    ballots: Vec<Group>,
    #[serde(default)]
    comments: Vec<String>,
}

/// Ballots that answered alike.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    count: u64,
    answers: HashMap<EvaluationItem, EvaluationRating>,
}

/// Loads the ballots of `text` (a file named `file`) inside `txn`. Returns how many.
pub async fn load(
    store: &Store,
    txn: &DatabaseTransaction,
    file: &str,
    text: &str,
) -> anyhow::Result<u64> {
    use entity::evaluation_round::{Column, Entity};
    let rounds: Vec<Round> = serde_json::from_str(text)
        .map_err(|error| anyhow::anyhow!("{file}: this is not a list of rounds: {error}"))?;
    let mut total = 0;
    for (n, round) in rounds.into_iter().enumerate() {
        let place = format!("{file} entry {}", n + 1);
        let failed = |error| super::load::at(&place, error);
        let id = super::feedback::named::<Entity>(txn, Column::Title, Some(&round.round), &place)
            .await?
            .ok_or_else(|| anyhow::anyhow!("{place}: name the round"))?;
        for group in round.ballots {
            let answers: Answers = group.answers.into_iter().collect();
            complete(&answers).map_err(failed)?;
            store
                .count_in(txn, id, &answers, group.count)
                .await
                .map_err(failed)?;
            total += group.count;
        }
        for comment in round.comments {
            Store::comment_in(txn, id, comment).await.map_err(failed)?;
        }
    }
    Ok(total)
}
