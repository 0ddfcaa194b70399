//! Statistics: scope-aware counts, and the public aggregate of disciplinary outcomes that
//! nobody can be singled out from.

use entity::enums::PublicationStatus;
use harness::{Backend, TestApp, on_both_databases};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

const QUERY: &str = "{ powers { totalCount } statistics {
    powersByCategory { key count }
    meetingsByYear { key count }
    decisionExecution { total completed executionRate overdue }
    noticePeriods { total onTime }
    disciplinaryOutcomes { byPartySanction { key count display } byYear { key count display } byRank { key count display } } } }";

fn sum(v: &Value) -> u64 {
    v.as_array()
        .map(|a| a.iter().filter_map(|c| c["count"].as_u64()).sum())
        .unwrap_or(0)
}

async fn counts_follow_the_callers_scope(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let public = app.data(QUERY, json!({})).await?;
    let member_token = app.token("member", &[])?;
    let (_, member) = app
        .graphql_as(Some(&member_token), QUERY, json!({}))
        .await?;
    let member = &member["data"];
    for who in [&public, member] {
        assert_eq!(
            json!(sum(&who["statistics"]["powersByCategory"])),
            who["powers"]["totalCount"]
        );
    }
    assert!(
        sum(&member["statistics"]["powersByCategory"])
            > sum(&public["statistics"]["powersByCategory"])
    );
    let execution = &public["statistics"]["decisionExecution"];
    assert!(
        execution["total"].as_u64().unwrap_or(0) > 0
            && execution["overdue"].as_u64().unwrap_or(0) > 0
    );
    assert!(
        public["statistics"]["noticePeriods"]["total"]
            .as_u64()
            .unwrap_or(0)
            > 0
    );
    app.stop().await?;
    Ok(())
}

async fn the_disciplinary_aggregate_is_public_and_hides_cells_under_three(
    backend: Backend,
) -> anyhow::Result<()> {
    use entity::disciplinary_case::{Column, Entity};
    let app = TestApp::spawn(backend).await?;
    let published = Entity::find()
        .filter(Column::Status.eq(PublicationStatus::Published))
        .count(app.db()?)
        .await?;
    let public = app.data(QUERY, json!({})).await?;
    let member_token = app.token("member", &[])?;
    let (_, member) = app
        .graphql_as(Some(&member_token), QUERY, json!({}))
        .await?;
    // The same for everyone: aggregates are public even where the cases are not.
    assert_eq!(
        public["statistics"]["disciplinaryOutcomes"],
        member["data"]["statistics"]["disciplinaryOutcomes"]
    );
    let outcomes = &public["statistics"]["disciplinaryOutcomes"];
    for table in ["byPartySanction", "byYear", "byRank"] {
        let cells = outcomes[table].as_array().cloned().unwrap_or_default();
        assert!(!cells.is_empty(), "{table} is empty");
        let hidden = cells.iter().filter(|c| c["count"].is_null()).count();
        assert_ne!(
            hidden, 1,
            "{table}: one hidden cell alone could be worked out from the total"
        );
        for cell in &cells {
            match cell["count"].as_u64() {
                Some(n) => assert!(n >= 3, "{table}: a cell of {n} is shown"),
                None => assert!(
                    cell["display"]
                        .as_str()
                        .is_some_and(|d| d.starts_with("fewer than 3"))
                ),
            }
        }
        assert!(
            sum(&outcomes[table]) <= published,
            "{table} counts more cases than are published"
        );
    }
    // Every published case counts, PARTY and RESTRICTED ones included: more than the public list.
    let listed = app
        .data("{ disciplinaryCases { totalCount } }", json!({}))
        .await?;
    let by_year_total: u64 = sum(&outcomes["byYear"]);
    assert!(
        by_year_total
            > listed["disciplinaryCases"]["totalCount"]
                .as_u64()
                .unwrap_or(0)
            || by_year_total == 0
    );
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    counts_follow_the_callers_scope,
    the_disciplinary_aggregate_is_public_and_hides_cells_under_three
);
