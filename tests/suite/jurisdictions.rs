//! Jurisdictions (行政区划): the demo county's, the filter by jurisdiction on lists, search, feeds
//! and exports, and tokens limited to jurisdictions, which outside them see what the public sees
//! and write nothing. What such tokens may see is walked by the leak matrix.

use entity::enums::JurisdictionLevel;
use harness::{Backend, TestApp, on_both_databases};
use serde_json::{Value, json};
use sunlight::seed::jurisdictions::Entry;

/// A county of the demo province that holds nothing: not a real division code.
const EMPTY_COUNTY: &str = "632299";

/// `totalCount` of `list` with `filter`, as `token` (or the public).
async fn total(
    app: &TestApp,
    token: Option<&str>,
    list: &str,
    filter: Value,
) -> anyhow::Result<i64> {
    let (status, body) = app
        .graphql_as(
            token,
            &format!(
                "query($f: {}) {{ {list}(filter: $f) {{ totalCount }} }}",
                filter_type(list)
            ),
            json!({ "f": filter }),
        )
        .await?;
    anyhow::ensure!(
        status == 200 && body.get("errors").is_none(),
        "{list}: {body}"
    );
    body["data"][list]["totalCount"]
        .as_i64()
        .ok_or_else(|| anyhow::anyhow!("{list}: no totalCount in {body}"))
}

fn filter_type(list: &str) -> &'static str {
    match list {
        "powers" => "PowerFilter",
        "meetings" => "MeetingFilter",
        "appointments" => "AppointmentFilter",
        "disciplinaryCases" => "DisciplinaryCaseFilter",
        "bulletins" => "BulletinFilter",
        "organizations" => "OrganizationFilter",
        _ => "RecordFilter",
    }
}

/// The body of `GET path`, which must answer `status`.
async fn get(app: &TestApp, path: &str, status: u16) -> anyhow::Result<String> {
    let response = reqwest::get(app.url(path)).await?;
    let got = response.status().as_u16();
    let body = response.text().await?;
    anyhow::ensure!(got == status, "GET {path}: {got}, not {status}: {body}");
    Ok(body)
}

/// The code of the first error of an answer, if any.
fn code(body: &Value) -> Option<&str> {
    body["errors"][0]["extensions"]["code"].as_str()
}

async fn jurisdictions_narrow_reads_and_bound_tokens(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    // The demo county, in its prefecture and province.
    let data = app
        .data(
            "{ jurisdictions { divisionCode level }
               county: jurisdiction(divisionCode: \"632221\") {
                 id name level parent { name parent { id name level parent { name } } } children { name } }
               organizations(first: 100) { totalCount nodes { jurisdiction { divisionCode } } } }",
            json!({}),
        )
        .await?;
    let codes: Vec<&str> = data["jurisdictions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|j| j["divisionCode"].as_str())
        .collect();
    assert_eq!(codes, ["63", "6322", "632221"]);
    let county = &data["county"];
    assert_eq!(county["name"], "门源回族自治县");
    assert_eq!(county["level"], "COUNTY");
    assert_eq!(county["parent"]["name"], "海北藏族自治州");
    assert_eq!(county["parent"]["parent"]["name"], "青海省");
    assert_eq!(county["parent"]["parent"]["level"], "PROVINCE");
    assert_eq!(county["parent"]["parent"]["parent"], Value::Null);
    assert_eq!(county["children"], json!([]));
    let menyuan = county["id"].as_str().unwrap_or_default().to_owned();
    let province = county["parent"]["parent"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    // Every organization of the demo county belongs to it.
    let orgs = data["organizations"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(orgs.len() > 20, "{} organizations", orgs.len());
    for org in &orgs {
        assert_eq!(org["jurisdiction"]["divisionCode"], "632221", "{org}");
    }
    // The name of an unknown division code is nobody's.
    assert_eq!(
        app.data(
            "{ jurisdiction(divisionCode: \"999999\") { id } }",
            json!({})
        )
        .await?["jurisdiction"],
        Value::Null
    );

    // Another county of the province, with nothing in it, as `sunlight jurisdictions` adds it.
    sunlight::seed::jurisdictions::write(
        app.db()?,
        &[Entry {
            division_code: EMPTY_COUNTY.to_owned(),
            name: "示例县（测试用，非真实行政区划）".to_owned(),
            level: JurisdictionLevel::County,
            parent: Some("6322".to_owned()),
        }],
    )
    .await?;
    // An unknown code re-reads the jurisdictions at most once a second.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let empty = app
        .data(
            &format!("{{ jurisdiction(divisionCode: \"{EMPTY_COUNTY}\") {{ id parent {{ divisionCode }} }} }}"),
            json!({}),
        )
        .await?;
    assert_eq!(empty["jurisdiction"]["parent"]["divisionCode"], "6322");
    let empty = empty["jurisdiction"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    // Lists: the county and the province hold everything, the empty county nothing.
    for list in [
        "powers",
        "meetings",
        "appointments",
        "disciplinaryCases",
        "bulletins",
        "organizations",
        "decisions",
    ] {
        let all = total(&app, None, list, json!({})).await?;
        assert!(all > 0, "{list}: nothing to filter");
        for (name, id, expected) in [
            ("the county", &menyuan, all),
            ("the province", &province, all),
            ("the empty county", &empty, 0),
        ] {
            let got = total(&app, None, list, json!({ "jurisdiction": id })).await?;
            assert_eq!(got, expected, "{list} of {name}");
        }
    }

    // Search.
    let search = |jurisdiction: Option<String>| {
        let app = &app;
        async move {
            app.data(
                "query($j: ID) { search(query: \"干部\", jurisdiction: $j) { totalCount } }",
                json!({ "j": jurisdiction }),
            )
            .await
            .map(|d| d["search"]["totalCount"].as_i64().unwrap_or(-1))
        }
    };
    let everywhere = search(None).await?;
    assert!(everywhere > 0);
    assert_eq!(search(Some(menyuan.clone())).await?, everywhere);
    assert_eq!(search(Some(empty.clone())).await?, 0);

    // Feeds and exports: by division code.
    let entries = |feed: &str| feed.matches("<entry>").count();
    let feed = get(&app, "/feeds/powers.atom", 200).await?;
    assert!(entries(&feed) > 0);
    let of_county = get(&app, "/feeds/powers.atom?jurisdiction=632221", 200).await?;
    assert_eq!(entries(&of_county), entries(&feed));
    assert!(of_county.contains("href=\"/feeds/powers.atom?jurisdiction=632221\""));
    let of_empty = get(
        &app,
        &format!("/feeds/powers.atom?jurisdiction={EMPTY_COUNTY}"),
        200,
    )
    .await?;
    assert_eq!(entries(&of_empty), 0);
    get(&app, "/feeds/powers.atom?jurisdiction=999999", 400).await?;
    let lines = |body: &str| body.lines().filter(|l| !l.trim().is_empty()).count();
    let export = get(&app, "/export/powers.jsonl", 200).await?;
    assert!(lines(&export) > 0);
    assert_eq!(
        lines(&get(&app, "/export/powers.jsonl?jurisdiction=63", 200).await?),
        lines(&export)
    );
    assert_eq!(
        lines(
            &get(
                &app,
                &format!("/export/powers.jsonl?jurisdiction={EMPTY_COUNTY}"),
                200
            )
            .await?
        ),
        0
    );
    get(&app, "/export/powers.jsonl?jurisdiction=x", 400).await?;

    // A token limited to Menyuan, or to its province, sees there what it sees unlimited (the
    // leak matrix walks tokens limited to another county).
    for (role, orgs) in [
        ("editor", vec![app.first_organization().await?]),
        ("official", vec![app.first_organization().await?]),
        ("reviewer", vec![]),
        ("supervisor", vec![]),
    ] {
        let unlimited = app.token(role, &orgs)?;
        for list in [
            "powers",
            "meetings",
            "appointments",
            "disciplinaryCases",
            "bulletins",
            "organizations",
        ] {
            let expected = total(&app, Some(&unlimited), list, json!({})).await?;
            for jur in ["632221", "63"] {
                let limited = app.token_within(role, &orgs, &[jur])?;
                assert_eq!(
                    total(&app, Some(&limited), list, json!({})).await?,
                    expected,
                    "{role} limited to {jur}: {list}"
                );
            }
        }
    }

    // A token limited to the empty county: of Menyuan, what the public sees, and no write.
    let org = app.first_organization().await?;
    let org_id = app.gid("Organization", org);
    let admin_elsewhere = app.token_within("admin", &[], &[EMPTY_COUNTY])?;
    let supervisor_elsewhere = app.token_within("supervisor", &[], &[EMPTY_COUNTY])?;
    let admin = app.token("admin", &[])?;
    for list in ["powers", "meetings", "appointments", "disciplinaryCases"] {
        let public = total(&app, None, list, json!({})).await?;
        let everything = total(&app, Some(&admin), list, json!({})).await?;
        assert!(
            everything > public,
            "{list}: the admin sees no more than the public"
        );
        for token in [&admin_elsewhere, &supervisor_elsewhere] {
            assert_eq!(
                total(&app, Some(token), list, json!({})).await?,
                public,
                "{list}"
            );
        }
    }
    let create = "mutation($owner: ID, $input: OrganizationInput!) {
        createOrganization(owner: $owner, input: $input) { id version } }";
    // Create, correct and retract: each refused.
    for (query, variables) in [
        (
            create,
            json!({ "owner": org_id, "input": { "name": "示例机构", "kind": "OTHER", "scope": "PUBLIC" } }),
        ),
        (
            "mutation($id: ID!) { correctOrganization(id: $id, expectedVersion: 1, reason: \"示例\", input: { description: \"示例\" }) { id } }",
            json!({ "id": org_id }),
        ),
        (
            "mutation($id: ID!) { retract(id: $id, expectedVersion: 1, reason: \"示例\") { id } }",
            json!({ "id": org_id }),
        ),
    ] {
        let (_, body) = app
            .graphql_as(Some(&admin_elsewhere), query, variables)
            .await?;
        assert_eq!(code(&body), Some("FORBIDDEN"), "{query}: {body}");
    }
    // The logs hold every jurisdiction's work.
    let (_, body) = app
        .graphql_as(
            Some(&supervisor_elsewhere),
            "{ auditLog(first: 1) { totalCount } }",
            json!({}),
        )
        .await?;
    assert_eq!(code(&body), Some("FORBIDDEN"), "{body}");

    // A token limited to Menyuan writes there; a new organization under a parent belongs to
    // the parent's jurisdiction; it cannot be placed in another.
    let admin_here = app.token_within("admin", &[], &["632221"])?;
    let data = app
        .data_as(
            &admin_here,
            create,
            json!({ "owner": org_id, "input": { "name": "示例机构", "kind": "OTHER", "scope": "PUBLIC", "parent": org_id } }),
        )
        .await?;
    let created = data["createOrganization"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let read = app
        .data_as(
            &admin_here,
            "query($id: ID!) { organization(id: $id) { jurisdiction { divisionCode } } }",
            json!({ "id": created }),
        )
        .await?;
    assert_eq!(
        read["organization"]["jurisdiction"]["divisionCode"],
        "632221"
    );
    let (_, body) = app
        .graphql_as(
            Some(&admin_here),
            create,
            json!({ "owner": org_id, "input": { "name": "示例机构二", "kind": "OTHER", "scope": "PUBLIC", "jurisdiction": empty } }),
        )
        .await?;
    assert_eq!(code(&body), Some("FORBIDDEN"), "{body}");
    let (_, body) = app
        .graphql_as(
            Some(&admin),
            create,
            json!({ "owner": org_id, "input": { "name": "示例机构三", "kind": "OTHER", "scope": "PUBLIC", "jurisdiction": "not-an-id" } }),
        )
        .await?;
    assert_eq!(code(&body), Some("BAD_USER_INPUT"), "{body}");

    // A token limited to the province places organizations in its counties, and knows what
    // it is limited to; one limited to none says so.
    let admin_of_province = app.token_within("admin", &[], &["63"])?;
    let data = app
        .data_as(
            &admin_of_province,
            create,
            json!({ "owner": org_id, "input": { "name": "示例机构四", "kind": "OTHER", "scope": "PUBLIC", "jurisdiction": menyuan } }),
        )
        .await?;
    assert!(data["createOrganization"]["id"].is_string(), "{data}");
    let viewer = "{ viewer { jurisdictions { divisionCode } } }";
    let limited = app.data_as(&admin_of_province, viewer, json!({})).await?;
    assert_eq!(
        limited["viewer"]["jurisdictions"],
        json!([{ "divisionCode": "63" }])
    );
    let unlimited = app.data_as(&admin, viewer, json!({})).await?;
    assert_eq!(unlimited["viewer"]["jurisdictions"], Value::Null);

    // Tokens that name an unknown jurisdiction, or an organization outside their own, are
    // refused outright.
    for token in [
        app.token_within("admin", &[], &["000000"])?,
        app.token_within("editor", &[org], &[EMPTY_COUNTY])?,
    ] {
        let (status, body) = app.graphql_as(Some(&token), "{ today }", json!({})).await?;
        assert_eq!(status, 401, "{body}");
    }
    Ok(())
}

on_both_databases!(jurisdictions_narrow_reads_and_bound_tokens);

/// The breakdowns of the disciplinary aggregate, which the public gets of the whole only.
const BREAKDOWNS: [&str; 5] = [
    "byPartySanction",
    "byGovernmentSanction",
    "byViolationCategory",
    "byYear",
    "byRank",
];

/// The cells of the disciplinary aggregate, every dimension, as `key → count` (a withheld
/// cell as `None`), and its audience.
fn cells(aggregate: &Value) -> (String, std::collections::BTreeMap<String, Option<i64>>) {
    let mut out = std::collections::BTreeMap::new();
    out.insert("TOTAL".to_owned(), aggregate["total"]["count"].as_i64());
    for dimension in BREAKDOWNS.iter().chain(&["byJurisdiction"]) {
        for cell in aggregate[dimension].as_array().into_iter().flatten() {
            out.insert(
                format!("{dimension}.{}", cell["key"].as_str().unwrap_or_default()),
                cell["count"].as_i64(),
            );
        }
    }
    (
        aggregate["audience"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        out,
    )
}

/// The statistics of `jurisdiction` (all when `None`) as `token`: the disciplinary aggregate
/// and the live count of cases by party sanction.
async fn statistics_of(
    app: &TestApp,
    token: Option<&str>,
    jurisdiction: Option<&str>,
) -> anyhow::Result<Value> {
    let cell = "{ key count withheld }";
    let query = format!(
        "query($j: ID) {{ statistics(jurisdiction: $j) {{
            casesByPartySanction {{ key count }}
            disciplinaryOutcomes {{ audience breakdownsWithheld total {cell} byPartySanction {cell}
              byGovernmentSanction {cell} byViolationCategory {cell} byYear {cell} byRank {cell}
              byJurisdiction {cell} }} }} }}"
    );
    let (status, body) = app
        .graphql_as(token, &query, json!({ "j": jurisdiction }))
        .await?;
    anyhow::ensure!(status == 200 && body.get("errors").is_none(), "{body}");
    Ok(body["data"]["statistics"].clone())
}

async fn statistics_roll_up_and_the_public_gets_of_a_part_only_what_the_whole_gives(
    backend: Backend,
) -> anyhow::Result<()> {
    use sea_orm::{ConnectionTrait as _, EntityTrait as _, QueryOrder as _};
    let app = TestApp::spawn(backend).await?;
    // A second county, which takes over the organization that owns the demo's first case.
    let ids = sunlight::seed::jurisdictions::write(
        app.db()?,
        &[Entry {
            division_code: "632298".to_owned(),
            name: "示例县二（测试用，非真实行政区划）".to_owned(),
            level: JurisdictionLevel::County,
            parent: Some("6322".to_owned()),
        }],
    )
    .await?;
    let case = entity::disciplinary_case::Entity::find()
        .order_by_asc(entity::disciplinary_case::Column::Id)
        .one(app.db()?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no case"))?;
    let moved = case
        .owner_org_id
        .ok_or_else(|| anyhow::anyhow!("a case without owner"))?;
    app.db()?
        .execute_unprepared(&format!(
            "UPDATE organizations SET jurisdiction_id = {} WHERE id = {moved}",
            ids["632298"]
        ))
        .await?;
    app.store()?
        .fresh_org_tree()
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let county_b = app.gid("Jurisdiction", ids["632298"]);
    let lookup = app
        .data(
            "{ a: jurisdiction(divisionCode: \"632221\") { id } p: jurisdiction(divisionCode: \"63\") { id } }",
            json!({}),
        )
        .await?;
    let county_a = lookup["a"]["id"].as_str().unwrap_or_default().to_owned();
    let province = lookup["p"]["id"].as_str().unwrap_or_default().to_owned();

    // A member sees every case: the parts are exact, and they add up to the whole.
    let member = app.token("member", &[])?;
    let whole = statistics_of(&app, Some(&member), None).await?;
    let (audience, whole_cells) = cells(&whole["disciplinaryOutcomes"]);
    assert_eq!(audience, "PARTY");
    assert!(whole_cells["TOTAL"].unwrap_or_default() > 1);
    let of_province = statistics_of(&app, Some(&member), Some(&province)).await?;
    assert_eq!(cells(&of_province["disciplinaryOutcomes"]).1, whole_cells);
    let (a_audience, a_cells) =
        cells(&statistics_of(&app, Some(&member), Some(&county_a)).await?["disciplinaryOutcomes"]);
    let (b_audience, b_cells) =
        cells(&statistics_of(&app, Some(&member), Some(&county_b)).await?["disciplinaryOutcomes"]);
    assert_eq!(
        (a_audience.as_str(), b_audience.as_str()),
        ("PARTY", "PARTY")
    );
    assert!(
        b_cells["TOTAL"].unwrap_or_default() >= 1,
        "the moved organization's cases"
    );
    for (key, count) in &whole_cells {
        let part = |cells: &std::collections::BTreeMap<String, Option<i64>>| {
            cells.get(key).copied().flatten().unwrap_or(0)
        };
        assert_eq!(
            Some(part(&a_cells) + part(&b_cells)),
            *count,
            "{key}: the roll-up is the sum of the counties"
        );
    }
    // So do the live counts.
    let live = |s: &Value| -> std::collections::BTreeMap<String, i64> {
        s["casesByPartySanction"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                (
                    c["key"].as_str().unwrap_or_default().to_owned(),
                    c["count"].as_i64().unwrap_or(0),
                )
            })
            .collect()
    };
    let live_a = live(&statistics_of(&app, Some(&member), Some(&county_a)).await?);
    let live_b = live(&statistics_of(&app, Some(&member), Some(&county_b)).await?);
    for (key, count) in live(&whole) {
        assert_eq!(
            live_a.get(&key).unwrap_or(&0) + live_b.get(&key).unwrap_or(&0),
            count,
            "{key}"
        );
    }

    // The public gets the whole protected, the province's as the whole, and of each county
    // what the whole's answer gives of it and no more: its cell where the cases are counted,
    // and its total when that cell is shown; no breakdown.
    let public_whole = statistics_of(&app, None, None).await?;
    let (audience, public_cells) = cells(&public_whole["disciplinaryOutcomes"]);
    assert_eq!(audience, "PUBLIC");
    assert_eq!(
        public_whole["disciplinaryOutcomes"]["breakdownsWithheld"],
        Value::Null
    );
    assert_eq!(
        cells(&statistics_of(&app, None, Some(&province)).await?["disciplinaryOutcomes"]).1,
        public_cells
    );
    let whole_places = public_whole["disciplinaryOutcomes"]["byJurisdiction"].clone();
    let place = |code: &str| {
        whole_places
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["key"] == code)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let mut public_parts = Vec::new();
    for (code, county, exact) in [
        ("632221", &county_a, &a_cells),
        ("632298", &county_b, &b_cells),
    ] {
        let part = statistics_of(&app, None, Some(county)).await?;
        let aggregate = part["disciplinaryOutcomes"].clone();
        assert_eq!(aggregate["audience"], "PUBLIC");
        assert_eq!(aggregate["breakdownsWithheld"], "WHOLE_ONLY", "{aggregate}");
        for dimension in BREAKDOWNS {
            assert_eq!(aggregate[dimension], json!([]), "{dimension}");
        }
        let cell = place(code);
        assert_eq!(aggregate["byJurisdiction"], json!([cell]), "{code}");
        assert_eq!(aggregate["total"]["count"], cell["count"], "{code}");
        assert_eq!(aggregate["total"]["withheld"], cell["withheld"], "{code}");
        // What it says is true, and it leaves no small count of cases the public cannot list.
        let real = exact["TOTAL"].unwrap_or_default();
        let listed = app
            .data(
                "query($j: ID) { disciplinaryCases(filter: { jurisdiction: $j }) { totalCount } }",
                json!({ "j": county }),
            )
            .await?["disciplinaryCases"]["totalCount"]
            .as_i64()
            .unwrap_or_default();
        match (cell["count"].as_i64(), cell["withheld"].as_str()) {
            (Some(n), None) => {
                assert_eq!(n, real, "{code}");
                assert!(!(1..3).contains(&(n - listed)), "{code}: {n} - {listed}");
            }
            (None, Some("FEWER_THAN_THRESHOLD")) => assert!((1..3).contains(&real), "{code}"),
            (None, Some("PREVENTS_DERIVATION")) => assert!(real >= 3, "{code}"),
            other => panic!("{code}: {other:?}"),
        }
        public_parts.push(aggregate);
    }
    // Where every county's cell is shown, they add up to the province's total.
    let shown: Vec<Option<i64>> = whole_places
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| c["count"].as_i64())
        .collect();
    assert!(
        shown.len() >= 4,
        "every jurisdiction, and NONE: {whole_places}"
    );
    if shown.iter().all(Option::is_some) {
        assert_eq!(
            Some(shown.iter().flatten().sum::<i64>()),
            public_cells["TOTAL"]
        );
    }
    // A member limited to the second county lists its cases only: exact there, the public's
    // answer elsewhere and for the whole.
    let limited = app.token_within("member", &[], &["632298"])?;
    assert_eq!(
        cells(&statistics_of(&app, Some(&limited), Some(&county_b)).await?["disciplinaryOutcomes"]),
        ("PARTY".to_owned(), b_cells)
    );
    assert_eq!(
        cells(&statistics_of(&app, Some(&limited), None).await?["disciplinaryOutcomes"]),
        ("PUBLIC".to_owned(), public_cells)
    );
    let elsewhere = statistics_of(&app, Some(&limited), Some(&county_a)).await?;
    assert_eq!(elsewhere["disciplinaryOutcomes"], public_parts[0]);
    Ok(())
}

on_both_databases!(statistics_roll_up_and_the_public_gets_of_a_part_only_what_the_whole_gives);
