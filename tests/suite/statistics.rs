//! Statistics: scope-aware counts, and the aggregate of disciplinary outcomes, from which the
//! public can work out no small count of cases it cannot list, however it combines the answer
//! with the list of cases, the other cells or earlier answers.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, TimeDelta, Utc};
use entity::enums::{
    GovernmentSanction, PartySanction, PublicationStatus, Scope, ViolationCategory,
};
use harness::{Backend, TestApp, on_both_databases};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use serde_json::{Value, json};

const QUERY: &str = "{ powers { totalCount } statistics {
    powersByCategory { key count }
    meetingsByYear { key count }
    decisionExecution { total completed executionRate overdue }
    noticePeriods { total onTime } } }";

const CELL: &str = "{ key count display withheld }";

/// The aggregate's dimensions: GraphQL field, and the key of a listed case in it.
const DIMENSIONS: [&str; 6] = [
    "byPartySanction",
    "byGovernmentSanction",
    "byViolationCategory",
    "byYear",
    "byRank",
    "byJurisdiction",
];

fn aggregate_query() -> String {
    let dims: Vec<String> = DIMENSIONS.iter().map(|d| format!("{d} {CELL}")).collect();
    format!(
        "{{ statistics {{ disciplinaryOutcomes {{ asOf audience total {CELL} {} }} }} }}",
        dims.join(" ")
    )
}

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

/// The key of a case in each dimension, as the aggregate names it.
fn keys_of(
    party: Option<String>,
    government: Option<String>,
    category: String,
    year: i32,
    rank: String,
    place: String,
) -> [(&'static str, String); 6] {
    [
        ("byPartySanction", party.unwrap_or_else(|| "NONE".into())),
        (
            "byGovernmentSanction",
            government.unwrap_or_else(|| "NONE".into()),
        ),
        ("byViolationCategory", category),
        ("byYear", year.to_string()),
        ("byRank", rank),
        ("byJurisdiction", place),
    ]
}

/// Cases per (dimension, key), and in all.
#[derive(Debug, Default, Clone, PartialEq)]
struct Counts {
    total: i64,
    cells: BTreeMap<(String, String), i64>,
}

impl Counts {
    fn add(&mut self, keys: [(&'static str, String); 6]) {
        self.total += 1;
        for (d, k) in keys {
            *self.cells.entry((d.to_owned(), k)).or_default() += 1;
        }
    }

    fn get(&self, dim: &str, key: &str) -> i64 {
        self.cells
            .get(&(dim.to_owned(), key.to_owned()))
            .copied()
            .unwrap_or(0)
    }
}

/// When a day ends in the county (China Standard Time), in UTC.
fn closing(as_of: NaiveDate) -> chrono::DateTime<Utc> {
    (as_of + TimeDelta::days(1))
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        - TimeDelta::hours(8)
}

fn as_of_of(answer: &Value) -> anyhow::Result<NaiveDate> {
    let text = answer["asOf"].as_str().unwrap_or_default();
    Ok(NaiveDate::parse_from_str(text, "%Y-%m-%d")?)
}

/// What anyone can list: the public list of cases published by the end of `as_of`, counted
/// by the aggregate's keys.
async fn public_list(app: &TestApp, as_of: NaiveDate) -> anyhow::Result<Counts> {
    let data = app
        .data(
            "{ disciplinaryCases(first: 100) { totalCount edges { node {
                id partySanction governmentSanction violationCategory decidedOn rank publishedAt } } } }",
            json!({}),
        )
        .await?;
    // Where each listed case is counted: the deepest jurisdiction whose list holds it.
    let mut place: BTreeMap<String, String> = BTreeMap::new();
    let mut jurisdictions: Vec<(i64, String)> = entity::jurisdiction::Entity::find()
        .all(app.db()?)
        .await?
        .into_iter()
        .map(|j| (j.id, j.division_code))
        .collect();
    jurisdictions.sort_by_key(|(_, code)| code.len());
    for (id, code) in jurisdictions {
        let within = app
            .data(
                "query($j: ID) { disciplinaryCases(first: 100, filter: { jurisdiction: $j }) {
                    edges { node { id } } } }",
                json!({ "j": app.gid("Jurisdiction", id) }),
            )
            .await?;
        for edge in within["disciplinaryCases"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
        {
            place.insert(
                edge["node"]["id"].as_str().unwrap_or_default().to_owned(),
                code.clone(),
            );
        }
    }
    let list = &data["disciplinaryCases"];
    assert!(list["totalCount"].as_u64().unwrap_or(0) <= 100);
    let mut counts = Counts::default();
    for edge in list["edges"].as_array().cloned().unwrap_or_default() {
        let n = &edge["node"];
        let published: chrono::DateTime<Utc> =
            n["publishedAt"].as_str().unwrap_or_default().parse()?;
        if published > closing(as_of) {
            continue;
        }
        let text = |f: &str| n[f].as_str().map(str::to_owned);
        let decided =
            NaiveDate::parse_from_str(&text("decidedOn").unwrap_or_default(), "%Y-%m-%d")?;
        counts.add(keys_of(
            text("partySanction"),
            text("governmentSanction"),
            text("violationCategory").unwrap_or_default(),
            decided.year(),
            text("rank").unwrap_or_default(),
            place
                .get(n["id"].as_str().unwrap_or_default())
                .cloned()
                .unwrap_or_else(|| "NONE".into()),
        ));
    }
    Ok(counts)
}

/// The truth the aggregate counts: published by the end of `as_of`, PUBLIC or PARTY.
async fn truth(db: &DatabaseConnection, as_of: NaiveDate) -> anyhow::Result<Counts> {
    use entity::disciplinary_case::{Column, Entity};
    let codes: BTreeMap<i64, String> = entity::jurisdiction::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|j| (j.id, j.division_code))
        .collect();
    let places: BTreeMap<i64, String> = entity::organization::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|o| Some((o.id, codes.get(&o.jurisdiction_id?)?.clone())))
        .collect();
    let mut counts = Counts::default();
    for c in Entity::find()
        .filter(Column::Status.eq(PublicationStatus::Published))
        .filter(Column::PublishAt.lte(closing(as_of)))
        .filter(Column::Scope.is_in([Scope::Public, Scope::Party]))
        .all(db)
        .await?
    {
        counts.add(keys_of(
            c.party_sanction.map(|s| sea_orm::ActiveEnum::to_value(&s)),
            c.government_sanction
                .map(|s| sea_orm::ActiveEnum::to_value(&s)),
            sea_orm::ActiveEnum::to_value(&c.violation_category),
            c.decided_on.year(),
            c.rank,
            c.owner_org_id
                .and_then(|o| places.get(&o).cloned())
                .unwrap_or_else(|| "NONE".into()),
        ));
    }
    Ok(counts)
}

/// Every count of unlisted cases an attacker reads off one answer with the public list: a
/// shown cell or total minus its listed cases, and, where the total is known (shown, or the sum
/// of a dimension with nothing withheld), each dimension's total minus its shown cells minus
/// the listed cases of the withheld ones.
fn derive(answer: &Value, listed: &Counts) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    let total = answer["total"]["count"].as_i64().or_else(|| {
        DIMENSIONS.iter().find_map(|d| {
            let cells = answer[d].as_array()?;
            cells
                .iter()
                .all(|c| c["count"].is_i64())
                .then(|| cells.iter().filter_map(|c| c["count"].as_i64()).sum())
        })
    });
    if let Some(t) = total {
        out.insert("TOTAL".to_owned(), t - listed.total);
    }
    for d in DIMENSIONS {
        let cells = answer[d].as_array().cloned().unwrap_or_default();
        let named: Vec<String> = cells
            .iter()
            .filter(|c| c["key"] != "OTHER")
            .filter_map(|c| c["key"].as_str().map(str::to_owned))
            .collect();
        let mut shown = 0;
        for c in &cells {
            let key = c["key"].as_str().unwrap_or_default();
            if let Some(n) = c["count"].as_i64() {
                shown += n;
                out.insert(format!("{d}/{key}"), n - listed.get(d, key));
            }
        }
        let withheld: Vec<&Value> = cells.iter().filter(|c| c["count"].is_null()).collect();
        if let (Some(t), false) = (total, withheld.is_empty()) {
            let mut listed_withheld = 0;
            let mut keys = Vec::new();
            for c in withheld {
                let key = c["key"].as_str().unwrap_or_default();
                keys.push(key.to_owned());
                listed_withheld += if key == "OTHER" {
                    listed
                        .cells
                        .iter()
                        .filter(|((dim, k), _)| dim == d && !named.contains(k))
                        .map(|(_, n)| *n)
                        .sum()
                } else {
                    listed.get(d, key)
                };
            }
            out.insert(
                format!("{d}/withheld:{}", keys.join("+")),
                t - shown - listed_withheld,
            );
        }
    }
    out
}

fn assert_nothing_small(what: &BTreeMap<String, i64>, context: &str) {
    for (name, hidden) in what {
        assert!(
            !(1..3).contains(hidden),
            "{context}: {name} gives away {hidden} unlisted case(s)"
        );
    }
}

/// Every shown count is the truth, and every label says what is so.
fn assert_labels_true(answer: &Value, truth: &Counts) {
    assert_eq!(answer["total"]["key"], "TOTAL");
    let check = |cell: &Value, real: i64, what: &str| match cell["withheld"].as_str() {
        None => assert_eq!(cell["count"].as_i64(), Some(real), "{what}"),
        Some(why) => {
            assert!(
                cell["count"].is_null(),
                "{what}: a withheld cell has a count"
            );
            let display = cell["display"].as_str().unwrap_or_default();
            match why {
                "FEWER_THAN_THRESHOLD" => {
                    assert!((1..3).contains(&real), "{what}: {real} is not fewer than 3");
                    assert!(display.starts_with("fewer than 3"), "{what}: {display}");
                }
                "PREVENTS_DERIVATION" => {
                    assert!(real >= 3, "{what}: {real} labelled as 3 or more");
                    assert!(display.starts_with("withheld so that"), "{what}: {display}");
                }
                "GROUPED" => assert!(real >= 1, "{what}: an empty group"),
                other => panic!("{what}: unexpected reason {other}"),
            }
        }
    };
    check(&answer["total"], truth.total, "TOTAL");
    for d in DIMENSIONS {
        let cells = answer[d].as_array().cloned().unwrap_or_default();
        let named: Vec<String> = cells
            .iter()
            .filter_map(|c| c["key"].as_str().map(str::to_owned))
            .collect();
        for c in &cells {
            let key = c["key"].as_str().unwrap_or_default();
            let real = if key == "OTHER" {
                truth
                    .cells
                    .iter()
                    .filter(|((dim, k), _)| dim == d && !named.contains(k))
                    .map(|(_, n)| *n)
                    .sum()
            } else {
                truth.get(d, key)
            };
            check(c, real, &format!("{d}/{key}"));
        }
    }
}

async fn the_public_aggregate_withholds_what_would_give_unlisted_cases_away(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let query = aggregate_query();
    let public = app.data(&query, json!({})).await?;
    let public = &public["statistics"]["disciplinaryOutcomes"];
    let as_of = as_of_of(public)?;
    let today = Utc::now().date_naive();
    assert!(
        as_of < today && today - as_of <= TimeDelta::days(93),
        "{as_of}"
    );
    assert_eq!(as_of.succ_opt().map(|d| d.day()), Some(1));
    assert_eq!(public["audience"], "PUBLIC");
    let truth = truth(app.db()?, as_of).await?;
    let listed = public_list(&app, as_of).await?;
    // The demo counts more cases than the public can list, and some of its cells hold 1 or 2
    // unlisted cases, or 1 or 2 cases at all: shown as they are, they would give those away.
    assert!(truth.total > listed.total);
    let risky: Vec<&(String, String)> = truth
        .cells
        .iter()
        .filter(|(k, n)| {
            (1..3).contains(*n)
                || (1..3).contains(&(**n - listed.cells.get(*k).copied().unwrap_or(0)))
        })
        .map(|(k, _)| k)
        .collect();
    assert!(!risky.is_empty());
    for (d, key) in &risky {
        let cells = public[d.as_str()].as_array().cloned().unwrap_or_default();
        if let Some(cell) = cells.iter().find(|c| c["key"] == key.as_str()) {
            assert!(cell["count"].is_null(), "{d}/{key} is shown: {cell}");
        }
    }
    assert_labels_true(public, &truth);
    assert_nothing_small(&derive(public, &listed), "the demo");
    // Yet the demo publishes figures: a total, a year, and some sanctions.
    assert_eq!(public["total"]["count"].as_i64(), Some(truth.total));
    assert!(
        public["byPartySanction"].as_array().is_some_and(|a| a
            .iter()
            .filter(|c| c["count"].as_i64() > Some(0))
            .count()
            >= 2)
    );
    // Members may read every counted case: their figures are exact and every key is named.
    let member_token = app.token("member", &[])?;
    let (_, member) = app
        .graphql_as(Some(&member_token), &query, json!({}))
        .await?;
    let member = &member["data"]["statistics"]["disciplinaryOutcomes"];
    assert_eq!(member["audience"], "PARTY");
    assert_eq!(member["asOf"], public["asOf"]);
    assert_eq!(member["total"]["count"].as_i64(), Some(truth.total));
    for d in DIMENSIONS {
        for c in member[d].as_array().cloned().unwrap_or_default() {
            let key = c["key"].as_str().unwrap_or_default();
            assert_eq!(c["count"].as_i64(), Some(truth.get(d, key)), "{d}/{key}");
        }
    }
    // A RESTRICTED case is counted for nobody: its existence belongs to its audience.
    let restricted = entity::disciplinary_case::Entity::find()
        .order_by_asc(entity::disciplinary_case::Column::Id)
        .filter(entity::disciplinary_case::Column::Scope.eq(Scope::Restricted))
        .filter(entity::disciplinary_case::Column::Status.eq(PublicationStatus::Published))
        .count(app.db()?)
        .await?;
    assert!(restricted > 0);
    let admin = app.token("admin", &[])?;
    let (_, admin) = app.graphql_as(Some(&admin), &query, json!({})).await?;
    assert_eq!(
        admin["data"]["statistics"]["disciplinaryOutcomes"]["total"]["count"].as_i64(),
        Some(truth.total)
    );
    app.stop().await?;
    Ok(())
}

/// A case of the demo with new keys: unlisted (PARTY) and published long ago unless `edit`
/// says otherwise.
async fn add_case(
    db: &DatabaseConnection,
    number: u32,
    edit: impl FnOnce(&mut entity::disciplinary_case::ActiveModel),
) -> anyhow::Result<()> {
    use entity::disciplinary_case::{Column, Entity};
    let model = Entity::find()
        .filter(Column::Status.eq(PublicationStatus::Published))
        .order_by_asc(Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo has no case"))?;
    let mut c: entity::disciplinary_case::ActiveModel = model.into();
    c.id = NotSet;
    c.case_number = Set(format!("门纪案〔2011〕{number}号（测试）"));
    c.subject_id = Set(None);
    c.announced = Set(false);
    c.announced_on = Set(None);
    c.scope = Set(Scope::Party);
    c.status = Set(PublicationStatus::Published);
    c.publish_at = Set(Some(
        "2011-10-20T02:00:00Z".parse::<chrono::DateTime<Utc>>()?,
    ));
    edit(&mut c);
    c.insert(db).await?;
    Ok(())
}

/// Moves every stored answer one quarter back, as if a quarter had passed: the next request
/// makes the answer of the quarter just closed, against all of them. Rows are deleted and
/// written anew, since a published snapshot refuses to be changed.
async fn let_a_quarter_pass(db: &DatabaseConnection) -> anyhow::Result<()> {
    use entity::statistics_snapshot::{ActiveModel, Column, Entity};
    for row in Entity::find().order_by_asc(Column::AsOf).all(db).await? {
        let first = NaiveDate::from_ymd_opt(row.as_of.year(), row.as_of.month() - 2, 1)
            .ok_or_else(|| anyhow::anyhow!("not a quarter's end: {}", row.as_of))?;
        let earlier = first.pred_opt().unwrap_or(first);
        Entity::delete_by_id(row.id).exec(db).await?;
        ActiveModel {
            id: NotSet,
            as_of: Set(earlier),
            audience: Set(row.audience),
            cells: Set(row.cells),
            created_at: Set(row.created_at),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

async fn differencing_gives_no_small_count_of_hidden_cases(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    let query = aggregate_query();
    // A token bypasses the short cache of anonymous answers; media see what the public sees.
    let media = app.token("media", &[])?;
    let ask = || async {
        let (_, body) = app.graphql_as(Some(&media), &query, json!({})).await?;
        Ok::<Value, anyhow::Error>(body["data"]["statistics"]["disciplinaryOutcomes"].clone())
    };
    let mut earlier: Vec<BTreeMap<String, i64>> = Vec::new();
    let first = ask().await?;
    assert_eq!(first["audience"], "PUBLIC");
    let as_of = as_of_of(&first)?;
    let listed = public_list(&app, as_of).await?;
    earlier.push(derive(&first, &listed));
    assert_nothing_small(&earlier[0], "first answer");

    type Edit = Box<dyn FnOnce(&mut entity::disciplinary_case::ActiveModel) + Send>;
    let hidden: Vec<(&str, Edit)> = vec![
        (
            "an unannounced PARTY case in a shown cell",
            Box::new(|c| {
                c.party_sanction = Set(Some(PartySanction::Warning));
                c.government_sanction = Set(Some(GovernmentSanction::Demerit));
                c.violation_category = Set(ViolationCategory::Work);
                c.rank = Set("一般干部".into());
            }),
        ),
        (
            "a draft",
            Box::new(|c| {
                c.status = Set(PublicationStatus::Draft);
                c.publish_at = Set(None);
            }),
        ),
        (
            "a RESTRICTED case",
            Box::new(|c| c.scope = Set(Scope::Restricted)),
        ),
        (
            "an unannounced PARTY case with a new rank",
            Box::new(|c| {
                c.party_sanction = Set(Some(PartySanction::Expulsion));
                c.government_sanction = Set(None);
                c.violation_category = Set(ViolationCategory::Integrity);
                c.rank = Set("副处级".into());
            }),
        ),
        (
            "an unannounced PARTY case published after the quarter closed",
            Box::new(|c| c.publish_at = Set(Some(Utc::now() - TimeDelta::minutes(1)))),
        ),
        (
            "an unannounced PARTY case of another year",
            Box::new(|c| {
                c.decided_on = Set(NaiveDate::from_ymd_opt(2010, 12, 20).unwrap_or_default());
                c.party_sanction = Set(Some(PartySanction::SeriousWarning));
                c.government_sanction = Set(Some(GovernmentSanction::Warning));
                c.violation_category = Set(ViolationCategory::Masses);
                c.rank = Set("村干部".into());
            }),
        ),
        (
            "another unannounced PARTY case in the same cells as the first",
            Box::new(|c| {
                c.party_sanction = Set(Some(PartySanction::Warning));
                c.government_sanction = Set(Some(GovernmentSanction::Demerit));
                c.violation_category = Set(ViolationCategory::Work);
                c.rank = Set("一般干部".into());
            }),
        ),
    ];
    let mut previous = first;
    for (step, (what, edit)) in hidden.into_iter().enumerate() {
        add_case(db, 900 + step as u32, edit).await?;
        // Within the quarter, the answer does not move, whatever was added.
        let same = ask().await?;
        assert_eq!(
            same, previous,
            "{what}: the answer moved within the quarter"
        );
        // The comment makes a query of its own, past the short cache of anonymous answers.
        let anonymous = app
            .data(&format!("{query}\n# step {step}"), json!({}))
            .await?;
        assert_eq!(
            anonymous["statistics"]["disciplinaryOutcomes"], same,
            "{what}"
        );
        // The next quarter's answer counts the case, and is checked against every earlier one.
        let_a_quarter_pass(db).await?;
        let next = ask().await?;
        assert_eq!(as_of_of(&next)?, as_of, "{what}");
        let listed = public_list(&app, as_of).await?;
        assert_labels_true(&next, &truth(db, as_of).await?);
        let derived = derive(&next, &listed);
        let context = format!("after {what}");
        assert_nothing_small(&derived, &context);
        for (i, before) in earlier.iter().enumerate() {
            let differences: BTreeMap<String, i64> = derived
                .iter()
                .filter_map(|(k, v)| {
                    before
                        .get(k)
                        .map(|b| (format!("{k} since answer {i}"), v - b))
                })
                .collect();
            assert_nothing_small(&differences, &context);
        }
        earlier.push(derived);
        previous = next;
    }
    app.stop().await?;
    Ok(())
}

async fn a_closed_quarter_is_answered_once_and_never_changes(
    backend: Backend,
) -> anyhow::Result<()> {
    use entity::statistics_snapshot::{Column, Entity};
    let app = TestApp::spawn(backend).await?;
    let db = app.db()?;
    let query = aggregate_query();
    let media = app.token("media", &[])?;
    // The first requests of a quarter arrive together: one answer is written, all get it.
    let asks = (0..6).map(|_| app.graphql_as(Some(&media), &query, json!({})));
    let answers = futures::future::try_join_all(asks).await?;
    for (_, body) in &answers {
        assert_eq!(body["data"], answers[0].1["data"]);
    }
    let rows = || {
        Entity::find()
            .filter(Column::Audience.eq("PUBLIC"))
            .count(db)
    };
    assert_eq!(rows().await?, 1);
    // A hidden case published back in the quarter, after its answer was made: nothing moves.
    add_case(db, 990, |c| {
        c.party_sanction = Set(Some(PartySanction::Warning));
    })
    .await?;
    let (_, again) = app.graphql_as(Some(&media), &query, json!({})).await?;
    assert_eq!(again["data"], answers[0].1["data"]);
    assert_eq!(rows().await?, 1);
    // The database refuses to change a published answer.
    let changed = db
        .execute_unprepared("UPDATE statistics_snapshots SET cells = '{}'")
        .await;
    assert!(changed.is_err());
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    counts_follow_the_callers_scope,
    the_public_aggregate_withholds_what_would_give_unlisted_cases_away,
    differencing_gives_no_small_count_of_hidden_cases,
    a_closed_quarter_is_answered_once_and_never_changes
);
