//! Evaluation rounds (评议): members vote once each by token, the public once per one-time code;
//! the results are counts only, shown once the round is over and protected against small
//! cells; and no door, an admin's included, gives back a ballot or ties one to its evaluator.

use harness::{Backend, TestApp, on_both_databases};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

const CAST: &str = "mutation($input: BallotInput!) { castBallot(input: $input) { round ballots } }";

const ROUND: &str = "query($id: ID!) { evaluationRound(id: $id) {
    id version evaluators open closed ballots
    results { ballots { count withheld } items { item satisfiedShare
        ratings { key count withheld } } } } }";

const ITEMS: [&str; 4] = ["DUTIES", "INTEGRITY", "CONDUCT", "OPENNESS"];

/// A ballot that rates every question `rating`, but `DUTIES` `duties`.
fn ballot(round: &str, code: Option<&str>, duties: &str, rating: &str) -> Value {
    let answers: Vec<Value> = ITEMS
        .iter()
        .map(|item| {
            let r = if *item == "DUTIES" { duties } else { rating };
            json!({ "item": item, "rating": r })
        })
        .collect();
    json!({ "round": round, "code": code, "answers": answers })
}

/// Runs `query` as `token`: the data, or the first error's code.
async fn call(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> anyhow::Result<Result<Value, (String, String)>> {
    let (_, body) = app.graphql_as(token, query, variables).await?;
    if let Some(error) = body["errors"].get(0) {
        return Ok(Err((
            error["extensions"]["code"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            error["message"].as_str().unwrap_or_default().to_owned(),
        )));
    }
    Ok(Ok(body["data"].clone()))
}

/// Runs `query` as `token`, failing on any error.
async fn ok(app: &TestApp, token: Option<&str>, query: &str, vars: Value) -> anyhow::Result<Value> {
    call(app, token, query, vars)
        .await?
        .map_err(|e| anyhow::anyhow!("{query}: {e:?}"))
}

/// The error code `query` fails with, as `token`.
async fn refused(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    vars: Value,
) -> anyhow::Result<(String, String)> {
    match call(app, token, query, vars).await? {
        Ok(data) => anyhow::bail!("{query} was not refused: {data}"),
        Err(e) => Ok(e),
    }
}

/// Creates and publishes a round open from yesterday to ten days on; its id.
async fn open_round(
    app: &TestApp,
    editor: &str,
    reviewer: &str,
    evaluators: &str,
    scope: &str,
) -> anyhow::Result<String> {
    let today: chrono::NaiveDate =
        serde_json::from_value(ok(app, None, "{ today }", json!({})).await?["today"].clone())?;
    let made = ok(
        app,
        Some(editor),
        "mutation($input: EvaluationRoundInput!) { createEvaluationRound(input: $input) { id } }",
        json!({ "input": {
            "title": format!("评议 {evaluators}"), "evaluators": evaluators,
            "opensOn": today.pred_opt(), "closesOn": today + chrono::Days::new(10),
            "text": "测试评议", "scope": scope } }),
    )
    .await?;
    let id = made["createEvaluationRound"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    for (token, step, version) in [
        (editor, "submitForReview", 1),
        (reviewer, "approve", 2),
        (editor, "publish", 3),
    ] {
        ok(
            app,
            Some(token),
            &format!(
                "mutation($id: ID!) {{ {step}(id: $id, expectedVersion: {version}) {{ version }} }}"
            ),
            json!({ "id": id }),
        )
        .await?;
    }
    Ok(id)
}

/// The ratings of `item` in `round`'s results: key → (count, withheld).
fn ratings(round: &Value, item: &str) -> Vec<(String, Option<u64>)> {
    round["results"]["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| i["item"] == item)
        .flat_map(|i| i["ratings"].as_array().cloned().unwrap_or_default())
        .map(|c| {
            (
                c["key"].as_str().unwrap_or_default().to_owned(),
                c["count"].as_u64(),
            )
        })
        .collect()
}

/// The counts kept of `round`, straight from the database: (item, rating) → ballots.
async fn kept(app: &TestApp, round: i64) -> anyhow::Result<Vec<(String, String, i64)>> {
    use entity::evaluation::tally;
    let rows = tally::Entity::find()
        .filter(tally::Column::RoundId.eq(round))
        .order_by_asc(tally::Column::Item)
        .order_by_asc(tally::Column::Rating)
        .all(app.db()?)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|t| t.ballots > 0)
        .map(|t| {
            let name = |v: serde_json::Result<Value>| {
                v.ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            };
            (
                name(serde_json::to_value(t.item)),
                name(serde_json::to_value(t.rating)),
                t.ballots,
            )
        })
        .collect())
}

async fn members_vote_once_by_token_and_the_public_once_per_code(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let org = app.first_organization().await?;
    let editor = app.token_as("editor", &[org], "editor-a")?;
    let reviewer = app.token_as("reviewer", &[], "reviewer-a")?;
    let supervisor = app.token_as("supervisor", &[], "office-a")?;
    let admin = app.token_as("admin", &[], "admin-a")?;
    let members: Vec<String> = (0..4)
        .map(|n| app.token_as("member", &[], &format!("member-{n}")))
        .collect::<anyhow::Result<_>>()?;

    // 党内评: members by token, once each.
    let inside = open_round(&app, &editor, &reviewer, "PARTY_MEMBERS", "PARTY").await?;
    for (n, member) in members.iter().enumerate() {
        let duties = if n == 3 {
            "BASICALLY_SATISFIED"
        } else {
            "SATISFIED"
        };
        let cast = ok(
            &app,
            Some(member),
            CAST,
            json!({ "input": ballot(&inside, None, duties, "SATISFIED") }),
        )
        .await?;
        assert_eq!(cast["castBallot"]["ballots"], n as u64 + 1);
    }
    let again = json!({ "input": ballot(&inside, None, "DISSATISFIED", "DISSATISFIED") });
    let (code, _) = refused(&app, Some(&members[0]), CAST, again.clone()).await?;
    assert_eq!(code, "CONFLICT", "a second ballot by the same member");
    let (code, _) = refused(&app, None, CAST, again.clone()).await?;
    assert_eq!(code, "NOT_FOUND", "the public does not see a PARTY round");
    let media = app.token_as("media", &[], "tv")?;
    let (code, _) = refused(&app, Some(&media), CAST, again.clone()).await?;
    assert_eq!(code, "NOT_FOUND", "media do not see a PARTY round");
    let newcomer = app.token_as("member", &[], "member-new")?;
    let mut with_code = ballot(&inside, Some("ANYCODE"), "SATISFIED", "SATISFIED");
    let (code, _) = refused(&app, Some(&newcomer), CAST, json!({ "input": with_code })).await?;
    assert_eq!(code, "FORBIDDEN", "members vote without a code");
    let mut partial = ballot(&inside, None, "SATISFIED", "SATISFIED");
    partial["answers"].as_array_mut().map(Vec::pop);
    let (code, _) = refused(&app, Some(&newcomer), CAST, json!({ "input": partial })).await?;
    assert_eq!(
        code, "BAD_USER_INPUT",
        "a ballot must answer every question"
    );
    let mut twice = ballot(&inside, None, "SATISFIED", "SATISFIED");
    twice["answers"][1]["item"] = json!("DUTIES");
    let (code, _) = refused(&app, Some(&newcomer), CAST, json!({ "input": twice })).await?;
    assert_eq!(code, "BAD_USER_INPUT", "a question answered twice");

    // While the round is open: a count, no results.
    let seen = ok(&app, Some(&newcomer), ROUND, json!({ "id": inside })).await?;
    let round = &seen["evaluationRound"];
    assert_eq!(round["ballots"], 4);
    assert_eq!(round["open"], true);
    assert_eq!(
        round["results"],
        Value::Null,
        "results while ballots come in"
    );

    // 党外评: codes issued by the office, each spent once.
    let outside = open_round(&app, &editor, &reviewer, "PUBLIC", "PUBLIC").await?;
    let issue = "mutation($round: ID!, $n: Int!) { issueEvaluationCodes(round: $round, count: $n) { codes } }";
    for token in [None, Some(editor.as_str()), Some(members[0].as_str())] {
        let (code, _) = refused(&app, token, issue, json!({ "round": outside, "n": 3 })).await?;
        assert_eq!(code, "FORBIDDEN", "{token:?} issued codes");
    }
    let (code, _) = refused(
        &app,
        Some(&supervisor),
        issue,
        json!({ "round": inside, "n": 3 }),
    )
    .await?;
    assert_eq!(code, "CONFLICT", "codes of a members' round");
    let (code, _) = refused(
        &app,
        Some(&supervisor),
        issue,
        json!({ "round": outside, "n": 0 }),
    )
    .await?;
    assert_eq!(code, "BAD_USER_INPUT");
    let issued = ok(
        &app,
        Some(&supervisor),
        issue,
        json!({ "round": outside, "n": 5 }),
    )
    .await?;
    let codes: Vec<String> =
        serde_json::from_value(issued["issueEvaluationCodes"]["codes"].clone())?;
    assert_eq!(codes.len(), 5);
    assert_eq!(
        codes
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        5,
        "codes repeat: {codes:?}"
    );
    let ratings_cast = ["SATISFIED", "SATISFIED", "DISSATISFIED", "SATISFIED"];
    for (n, rating) in ratings_cast.iter().enumerate() {
        let mut input = ballot(&outside, Some(&codes[n]), "SATISFIED", rating);
        if n == 2 {
            input["comment"] = json!("BALLOTCOMMENTCANARY 希望公开更及时");
        }
        ok(&app, None, CAST, json!({ "input": input })).await?;
    }
    let spent = json!({ "input": ballot(&outside, Some(&codes[0]), "SATISFIED", "SATISFIED") });
    let unknown =
        json!({ "input": ballot(&outside, Some("0000000000000000"), "SATISFIED", "SATISFIED") });
    let spent = refused(&app, None, CAST, spent).await?;
    let unknown = refused(&app, None, CAST, unknown).await?;
    assert_eq!(spent.0, "FORBIDDEN");
    assert_eq!(
        spent, unknown,
        "a spent code and an unknown one are told apart"
    );
    let (code, _) = refused(
        &app,
        Some(&members[1]),
        CAST,
        json!({ "input": ballot(&outside, None, "SATISFIED", "SATISFIED") }),
    )
    .await?;
    assert_eq!(code, "FORBIDDEN", "a public round takes codes, not tokens");
    // A code of one round is nothing in another.
    with_code = ballot(&inside, Some(&codes[4]), "SATISFIED", "SATISFIED");
    let (code, _) = refused(&app, Some(&newcomer), CAST, json!({ "input": with_code })).await?;
    assert_eq!(code, "FORBIDDEN");

    // Comments: the office's, once the round is over.
    let comments = "query($round: ID!) { evaluationComments(round: $round) }";
    let (code, _) = refused(
        &app,
        Some(&supervisor),
        comments,
        json!({ "round": outside }),
    )
    .await?;
    assert_eq!(code, "FORBIDDEN", "comments while the round is open");

    // Closing: a correction by the owner's editor; then no more ballots, and the results.
    for id in [&inside, &outside] {
        let closed = ok(
            &app,
            Some(&editor),
            "mutation($id: ID!) { closeEvaluationRound(id: $id, expectedVersion: 4) { version } }",
            json!({ "id": id }),
        )
        .await?;
        assert_eq!(closed["closeEvaluationRound"]["version"], 5);
    }
    let (code, _) = refused(
        &app,
        None,
        CAST,
        json!({ "input": ballot(&outside, Some(&codes[4]), "SATISFIED", "SATISFIED") }),
    )
    .await?;
    assert_eq!(code, "CONFLICT", "a ballot after the close");
    let (code, _) = refused(
        &app,
        Some(&editor),
        "mutation($id: ID!) { closeEvaluationRound(id: $id, expectedVersion: 5) { version } }",
        json!({ "id": inside }),
    )
    .await?;
    assert_eq!(code, "CONFLICT", "closed twice");

    // The results equal the ballots, with small cells withheld.
    let inside_key = app
        .ids()
        .decode("EvaluationRound", &inside.clone().into())
        .unwrap_or_default();
    let outside_key = app
        .ids()
        .decode("EvaluationRound", &outside.clone().into())
        .unwrap_or_default();
    let mut expected_inside = vec![
        ("DUTIES", "BASICALLY_SATISFIED", 1),
        ("DUTIES", "SATISFIED", 3),
    ];
    for item in &ITEMS[1..] {
        expected_inside.push((item, "SATISFIED", 4));
    }
    let mut expected_inside: Vec<(String, String, i64)> = expected_inside
        .into_iter()
        .map(|(i, r, n)| (i.to_owned(), r.to_owned(), n))
        .collect();
    expected_inside.sort();
    let mut stored = kept(&app, inside_key).await?;
    stored.sort();
    assert_eq!(stored, expected_inside, "the counts are the ballots cast");
    let seen = ok(&app, Some(&newcomer), ROUND, json!({ "id": inside })).await?;
    let round = &seen["evaluationRound"];
    assert_eq!(round["closed"], true);
    assert_eq!(round["open"], false);
    assert_eq!(round["results"]["ballots"]["count"], 4, "{round}");
    for item in &ITEMS[1..] {
        assert_eq!(
            ratings(round, item),
            vec![
                ("SATISFIED".to_owned(), Some(4)),
                ("BASICALLY_SATISFIED".to_owned(), Some(0)),
                ("DISSATISFIED".to_owned(), Some(0)),
            ],
            "{item}: {round}"
        );
    }
    // One member was basically satisfied with DUTIES: neither that 1 nor the 3 beside it
    // (4 - 3) may show.
    let duties = ratings(round, "DUTIES");
    assert!(
        duties
            .iter()
            .filter(|(k, _)| k != "DISSATISFIED")
            .all(|(_, n)| n.is_none()),
        "a cell of one ballot, or its complement, shows: {duties:?}"
    );
    let share = round["results"]["items"][1]["satisfiedShare"].as_f64();
    assert_eq!(share, Some(1.0), "{round}");
    let outside_seen = ok(&app, None, ROUND, json!({ "id": outside })).await?;
    let public = &outside_seen["evaluationRound"];
    assert_eq!(public["results"]["ballots"]["count"], 4);
    assert_eq!(
        ratings(public, "DUTIES")[0],
        ("SATISFIED".to_owned(), Some(4))
    );
    assert!(
        ratings(public, "INTEGRITY")
            .iter()
            .all(|(k, n)| k == "BASICALLY_SATISFIED" || n.is_none()),
        "one dissatisfied ballot shows: {public}"
    );
    let stored = kept(&app, outside_key).await?;
    let total: i64 = stored.iter().map(|(_, _, n)| n).sum();
    assert_eq!(total, 4 * 4, "four ballots of four answers");

    // Comments, now: the office and admins, apart from everything else.
    for token in [&supervisor, &admin] {
        let read = ok(&app, Some(token), comments, json!({ "round": outside })).await?;
        assert_eq!(
            read["evaluationComments"],
            json!(["BALLOTCOMMENTCANARY 希望公开更及时"])
        );
    }
    for token in [
        None,
        Some(editor.as_str()),
        Some(reviewer.as_str()),
        Some(members[0].as_str()),
    ] {
        let (code, _) = refused(&app, token, comments, json!({ "round": outside })).await?;
        assert!(
            code == "FORBIDDEN" || code == "NOT_FOUND",
            "{token:?}: {code}"
        );
    }

    // No door gives a ballot back: not the audit log, the change feed, search, feeds or
    // exports, for an admin; what the log keeps of a ballot is that there was one.
    let mut text = String::new();
    let log = ok(
        &app,
        Some(&admin),
        "{ auditLog(first: 100) { nodes { actor role action change { before after } } } }",
        json!({}),
    )
    .await?;
    let ballots: Vec<&Value> = log["auditLog"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["action"] == "evaluation_ballot")
        .collect();
    assert_eq!(ballots.len(), 8, "one entry per ballot");
    for entry in &ballots {
        assert_eq!(entry["actor"], "evaluator", "{entry}");
        let change = entry["change"].to_string();
        for word in ["member-", "SATISFIED", "CANARY", "code"] {
            assert!(!change.contains(word), "{word} in {entry}");
        }
    }
    text += &log.to_string();
    text += &ok(
        &app,
        Some(&admin),
        "{ changes(first: 1000) { events { recordId operation } } }",
        json!({}),
    )
    .await?
    .to_string();
    text += &ok(
        &app,
        Some(&admin),
        "{ search(query: \"BALLOTCOMMENTCANARY\", first: 5) { totalCount } }",
        json!({}),
    )
    .await?
    .to_string();
    for path in [
        "/feeds/evaluationRounds.atom",
        "/export/evaluationRounds.jsonl",
    ] {
        text += &app
            .client
            .get(app.url(path))
            .bearer_auth(&admin)
            .send()
            .await?
            .text()
            .await?;
    }
    assert!(!text.contains("BALLOTCOMMENTCANARY"), "a comment leaks");
    for (n, code) in codes.iter().enumerate() {
        assert!(!text.contains(code.as_str()), "code {n} leaks");
    }
    for n in 0..4 {
        assert!(!text.contains(&format!("member-{n}")), "a voter is named");
    }
    // No output type reads a ballot: a receipt holds the round and a count.
    let schema = ok(
        &app,
        None,
        "{ __schema { types { name kind fields { name } } } }",
        json!({}),
    )
    .await?;
    for ty in schema["__schema"]["types"].as_array().into_iter().flatten() {
        let name = ty["name"].as_str().unwrap_or_default();
        if ty["kind"] == "OBJECT" && name.contains("Ballot") {
            assert_eq!(name, "BallotReceipt");
            assert_eq!(
                ty["fields"],
                json!([{ "name": "round" }, { "name": "ballots" }])
            );
        }
    }
    // What is kept of who voted is a hash, not the token's subject.
    let voters = entity::evaluation::voter::Entity::find()
        .all(app.db()?)
        .await?;
    assert_eq!(voters.len(), 4);
    assert!(voters.iter().all(|v| !v.voter_hash.contains("member")));
    app.stop().await?;
    Ok(())
}

async fn the_demo_rounds_show_their_counts_to_their_audiences(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let list = "{ evaluationRounds(first: 20) { nodes { title evaluators ballots
        results { ballots { count } items { item ratings { key count withheld } } } } } }";
    let titles = |data: &Value| -> Vec<String> {
        data["evaluationRounds"]["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| n["title"].as_str().map(str::to_owned))
            .collect()
    };
    let public = ok(&app, None, list, json!({})).await?;
    assert_eq!(titles(&public).len(), 2, "{public}");
    let secretary = public["evaluationRounds"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|n| n["title"] == "县委书记2011年上半年述职述廉党外评议（示例）")
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("no public round of the secretary: {public}"))?;
    assert_eq!(secretary["ballots"], 86);
    assert_eq!(secretary["results"]["ballots"]["count"], 86);
    // Two were dissatisfied with INTEGRITY: withheld, with what would give them away.
    let integrity = &secretary["results"]["items"][1];
    assert_eq!(integrity["item"], "INTEGRITY");
    assert_eq!(integrity["ratings"][2]["count"], Value::Null, "{integrity}");
    assert_eq!(integrity["ratings"][2]["withheld"], "FEWER_THAN_THRESHOLD");
    assert_eq!(secretary["results"]["items"][0]["ratings"][0]["count"], 77);
    let member = app.token_as("member", &[], "member-demo")?;
    let members = ok(&app, Some(&member), list, json!({})).await?;
    assert_eq!(
        titles(&members).len(),
        3,
        "a member adds the PARTY round: {members}"
    );
    let admin = app.token("admin", &[])?;
    let all = ok(&app, Some(&admin), list, json!({})).await?;
    assert_eq!(titles(&all).len(), 4, "{all}");
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    members_vote_once_by_token_and_the_public_once_per_code,
    the_demo_rounds_show_their_counts_to_their_audiences,
);
