//! One clock: every state worked out from dates (a milestone's, a decision's, the lists that
//! select by them, the statistics over them) gives the same answer for the same `asOf`, and
//! without one, the server's `today` (the demo county's own, 2011-12-31).

use std::collections::{BTreeMap, BTreeSet};

use harness::{Backend, TestApp, on_both_databases};
use serde_json::{Value, json};

const DAYS: [&str; 4] = ["2011-03-01", "2011-07-15", "2011-12-31", "2026-12-04"];

const STATES: [&str; 4] = ["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "OVERDUE"];

/// Every decision the caller may see: id → (its state, its milestones' states, its meeting).
async fn decisions_as_of(
    app: &TestApp,
    token: Option<&str>,
    day: Option<&str>,
) -> anyhow::Result<BTreeMap<String, (String, Vec<String>, String)>> {
    let (_, body) = app
        .graphql_as(
            token,
            "query($day: NaiveDate) { decisions(first: 100) { totalCount nodes { id
                executionStatus(asOf: $day) meeting { id }
                milestones { status(asOf: $day) } } } }",
            json!({ "day": day }),
        )
        .await?;
    assert!(body.get("errors").is_none(), "{body}");
    let nodes = body["data"]["decisions"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        body["data"]["decisions"]["totalCount"].as_u64(),
        Some(nodes.len() as u64),
        "one page holds every decision"
    );
    Ok(nodes
        .iter()
        .map(|d| {
            let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            let milestones = d["milestones"]
                .as_array()
                .map(|m| m.iter().map(|m| text(&m["status"])).collect())
                .unwrap_or_default();
            (
                text(&d["id"]),
                (
                    text(&d["executionStatus"]),
                    milestones,
                    text(&d["meeting"]["id"]),
                ),
            )
        })
        .collect())
}

/// The ids a list filtered by `filter` returns to the caller.
async fn ids(
    app: &TestApp,
    token: Option<&str>,
    list: &str,
    filter: Value,
) -> anyhow::Result<BTreeSet<String>> {
    let (_, body) = app
        .graphql_as(
            token,
            &format!(
                "query($filter: {}Filter) {{ {list}(first: 100, filter: $filter) {{ nodes {{ id }} }} }}",
                if list == "meetings" { "Meeting" } else { "Decision" }
            ),
            json!({ "filter": filter }),
        )
        .await?;
    assert!(body.get("errors").is_none(), "{body}");
    Ok(body["data"][list]["nodes"]
        .as_array()
        .map(|n| {
            n.iter()
                .filter_map(|n| n["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default())
}

async fn one_as_of_gives_one_answer_everywhere(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let member = app.token("member", &[])?;
    let today = app.data("{ today }", json!({})).await?;
    assert_eq!(today["today"], "2011-12-31", "the demo county's own day");
    let mut seen_states = BTreeSet::new();
    for token in [None, Some(member.as_str())] {
        // Without asOf, the answers are those of `today`.
        assert_eq!(
            decisions_as_of(&app, token, None).await?,
            decisions_as_of(&app, token, Some("2011-12-31")).await?
        );
        for day in DAYS {
            let decisions = decisions_as_of(&app, token, Some(day)).await?;
            // A decision with milestones is overdue exactly when one of them is, and complete
            // exactly when all of them are.
            for (id, (state, milestones, _)) in &decisions {
                if milestones.is_empty() {
                    continue;
                }
                assert_eq!(
                    state == "OVERDUE",
                    milestones.iter().any(|m| m == "OVERDUE"),
                    "{id} on {day}: {state} with {milestones:?}"
                );
                assert_eq!(
                    state == "COMPLETED",
                    milestones.iter().all(|m| m == "COMPLETED"),
                    "{id} on {day}: {state} with {milestones:?}"
                );
            }
            // The list filtered by state selects what the field says.
            for wanted in STATES {
                let expected: BTreeSet<String> = decisions
                    .iter()
                    .filter(|(_, (state, _, _))| state == wanted)
                    .map(|(id, _)| id.clone())
                    .collect();
                let filter = json!({ "executionStatus": wanted, "asOf": day });
                assert_eq!(
                    ids(&app, token, "decisions", filter).await?,
                    expected,
                    "{wanted} on {day}"
                );
                if !expected.is_empty() {
                    seen_states.insert((day, wanted));
                }
            }
            // Meetings with an overdue milestone are those of the decisions that have one (of
            // the meetings the caller may see: a visible decision's meeting may be hidden).
            let with_overdue: BTreeSet<String> = decisions
                .values()
                .filter(|(_, milestones, _)| milestones.iter().any(|m| m == "OVERDUE"))
                .filter(|(_, _, meeting)| !meeting.is_empty())
                .map(|(_, _, meeting)| meeting.clone())
                .collect();
            let filter = json!({ "hasOverdueMilestones": true, "asOf": day });
            assert_eq!(
                ids(&app, token, "meetings", filter).await?,
                with_overdue,
                "meetings on {day}"
            );
            // The statistics count the same states, and say for which day.
            let (_, body) = app
                .graphql_as(
                    token,
                    "query($day: NaiveDate) { statistics(asOf: $day) { asOf
                        decisionExecution { asOf total completed overdue } } }",
                    json!({ "day": day }),
                )
                .await?;
            let figures = &body["data"]["statistics"];
            let count = |s: &str| decisions.values().filter(|(st, _, _)| st == s).count();
            assert_eq!(figures["asOf"], day);
            assert_eq!(figures["decisionExecution"]["asOf"], day);
            assert_eq!(
                figures["decisionExecution"]["total"].as_u64(),
                Some(decisions.len() as u64)
            );
            assert_eq!(
                figures["decisionExecution"]["completed"].as_u64(),
                Some(count("COMPLETED") as u64),
                "completed on {day}"
            );
            assert_eq!(
                figures["decisionExecution"]["overdue"].as_u64(),
                Some(count("OVERDUE") as u64),
                "overdue on {day}"
            );
        }
    }
    // The demo county's decisions go through every state in its year.
    let states: BTreeSet<&str> = seen_states.iter().map(|(_, s)| *s).collect();
    assert_eq!(states.len(), STATES.len(), "states seen: {seen_states:?}");
    app.stop().await?;
    Ok(())
}

async fn a_configured_today_replaces_the_demo_countys(backend: Backend) -> anyhow::Result<()> {
    let database = harness::TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.today = chrono::NaiveDate::from_ymd_opt(2011, 6, 30);
    let app = TestApp::spawn_with(database, config).await?;
    let answer = app
        .data(
            "{ today statistics { asOf noticePeriods { asOf } } }",
            json!({}),
        )
        .await?;
    assert_eq!(answer["today"], "2011-06-30");
    assert_eq!(answer["statistics"]["asOf"], "2011-06-30");
    assert_eq!(answer["statistics"]["noticePeriods"]["asOf"], "2011-06-30");
    assert_eq!(
        decisions_as_of(&app, None, None).await?,
        decisions_as_of(&app, None, Some("2011-06-30")).await?
    );
    app.stop().await?;
    Ok(())
}

const EXERCISES: &str = "query($day: NaiveDate) { exercises(first: 100) { nodes {
    title procedure { code } decision { title meeting { id } } meeting { id }
    progress(asOf: $day) currentPassage(asOf: $day) { position stepKey late(asOf: $day) }
    latePassages(asOf: $day) { position dueOn leftAt }
    passages { position stepKey step { key name } enteredAt leftAt late(asOf: $day) dueOn } } } }";

async fn exercises_follow_their_flowcharts_on_any_day(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let member = app.token("member", &[])?;
    let read = |day: Option<&'static str>| {
        let (app, member) = (&app, &member);
        async move {
            let (_, body) = app
                .graphql_as(Some(member), EXERCISES, json!({ "day": day }))
                .await?;
            anyhow::ensure!(body.get("errors").is_none(), "{body}");
            Ok::<_, anyhow::Error>(
                body["data"]["exercises"]["nodes"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default(),
            )
        }
    };
    let today = read(None).await?;
    assert_eq!(
        today,
        read(Some("2011-12-31")).await?,
        "today is the demo's"
    );
    // Each of the six flowcharts the plan names is exercised at least twice.
    for code in ["LC-01", "LC-02", "LC-03", "LC-04", "LC-05", "LC-06"] {
        let n = today
            .iter()
            .filter(|e| e["procedure"]["code"] == code)
            .count();
        assert!(n >= 2, "{code} is exercised {n} times");
    }
    let mut states = BTreeSet::new();
    let mut late = 0;
    for e in &today {
        let title = &e["title"];
        states.insert(e["progress"].as_str().unwrap_or_default().to_owned());
        // The current passage is the last one, and an exercise not completed is overdue
        // exactly when that passage is late.
        let passages = e["passages"].as_array().cloned().unwrap_or_default();
        assert_eq!(
            e["currentPassage"]["position"].as_u64(),
            Some(passages.len() as u64),
            "{title}"
        );
        assert_eq!(
            e["progress"] == "OVERDUE",
            e["currentPassage"]["late"] == true && e["progress"] != "COMPLETED",
            "{title}: {e}"
        );
        // Late passages are those marked late, each left after its last allowed day or still
        // open past it.
        let marked: Vec<&Value> = passages.iter().filter(|p| p["late"] == true).collect();
        let listed = e["latePassages"].as_array().cloned().unwrap_or_default();
        assert_eq!(marked.len(), listed.len(), "{title}");
        for p in &listed {
            let due = p["dueOn"].as_str().unwrap_or_default();
            let left = p["leftAt"].as_str().unwrap_or("2011-12-31");
            assert!(left[..10] > *due, "{title}: left {left}, due {due}");
        }
        late += listed.len();
        // Every passage names a step of its procedure.
        for p in &passages {
            assert_eq!(p["step"]["key"], p["stepKey"], "{title}");
        }
        // The decision it produced was taken at the meeting it went through.
        if !e["decision"].is_null() {
            assert_eq!(
                e["decision"]["meeting"]["id"], e["meeting"]["id"],
                "{title}"
            );
        }
    }
    assert!(late >= 5, "only {late} late passages in the demo county");
    for state in ["IN_PROGRESS", "OVERDUE", "COMPLETED"] {
        assert!(states.contains(state), "no exercise is {state}: {states:?}");
    }
    // Before the first of them started, none had.
    for e in read(Some("2011-02-01")).await? {
        assert_eq!(e["progress"], "NOT_STARTED", "{e}");
        assert!(e["currentPassage"].is_null(), "{e}");
        assert_eq!(e["latePassages"], json!([]), "{e}");
    }
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    exercises_follow_their_flowcharts_on_any_day,
    one_as_of_gives_one_answer_everywhere,
    a_configured_today_replaces_the_demo_countys,
);
