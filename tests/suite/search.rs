//! Search over the demo county: Chinese words, narrowing, ranking, paging, snippets.

use std::collections::BTreeSet;

use harness::{Backend, TestApp, on_both_databases};
use serde_json::{Value, json};

const SEARCH: &str = "query($q: String!, $kinds: [SearchKind!], $first: Int, $after: String) {
    search(query: $q, kinds: $kinds, first: $first, after: $after) {
        totalCount totalCountIsExact pageInfo { hasNextPage endCursor }
        edges { cursor node { kind title snippet rank record { id } } } } }";

async fn search(app: &TestApp, q: &str, extra: Value) -> anyhow::Result<Value> {
    let mut variables = json!({ "q": q, "first": 100 });
    if let (Some(v), Some(e)) = (variables.as_object_mut(), extra.as_object()) {
        v.extend(e.clone());
    }
    Ok(app.data(SEARCH, variables).await?["search"].clone())
}

fn hits(result: &Value) -> Vec<Value> {
    result["edges"]
        .as_array()
        .map(|e| e.iter().map(|e| e["node"].clone()).collect())
        .unwrap_or_default()
}

fn ids(result: &Value) -> BTreeSet<String> {
    hits(result)
        .iter()
        .filter_map(|h| h["record"]["id"].as_str().map(str::to_owned))
        .collect()
}

async fn chinese_words_match_and_more_words_narrow(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    for word in ["任免", "扶贫", "常委会"] {
        let result = search(&app, word, json!({})).await?;
        let found = hits(&result);
        assert!(!found.is_empty(), "nothing found for {word}");
        assert_eq!(result["totalCount"], json!(found.len()));
        for hit in &found {
            let marked = format!("<mark>{word}</mark>");
            let text = format!("{} {}", hit["title"], hit["snippet"]);
            assert!(
                hit["snippet"].as_str().is_some_and(|s| s.contains(&marked)) || text.contains(word),
                "{word} is not in {hit}"
            );
            assert!(hit["record"]["id"].is_string(), "{hit}");
        }
        // Best first.
        let ranks: Vec<f64> = found.iter().filter_map(|h| h["rank"].as_f64()).collect();
        assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");
    }

    let cadres = ids(&search(&app, "干部", json!({})).await?);
    let appoint = ids(&search(&app, "任免", json!({})).await?);
    let both = ids(&search(&app, "干部 任免", json!({})).await?);
    assert!(!both.is_empty());
    assert!(both.len() < cadres.len(), "a second word must narrow");
    assert!(both.is_subset(&cadres) && both.is_subset(&appoint));

    // A word that is not in the county finds nothing, and a pair of characters that only
    // stand apart does not match as a word.
    assert_eq!(
        search(&app, "量子计算", json!({})).await?["totalCount"],
        json!(0)
    );

    // Kinds narrow the search.
    let powers = search(&app, "干部", json!({ "kinds": ["POWER"] })).await?;
    assert!(!hits(&powers).is_empty());
    assert!(hits(&powers).iter().all(|h| h["kind"] == "POWER"));
    app.stop().await?;
    Ok(())
}

async fn results_page_with_cursors(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let all = search(&app, "党", json!({})).await?;
    let expected: Vec<String> = hits(&all)
        .iter()
        .filter_map(|h| h["record"]["id"].as_str().map(str::to_owned))
        .collect();
    assert!(
        expected.len() > 10,
        "too few results to page: {}",
        expected.len()
    );
    let mut paged = Vec::new();
    let mut after = Value::Null;
    loop {
        let page = search(&app, "党", json!({ "first": 7, "after": after })).await?;
        assert_eq!(page["totalCount"], json!(expected.len()));
        paged.extend(
            hits(&page)
                .iter()
                .filter_map(|h| h["record"]["id"].as_str().map(str::to_owned)),
        );
        if page["pageInfo"]["hasNextPage"] != json!(true) {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(paged, expected);
    app.stop().await?;
    Ok(())
}

/// Every hit of `q` for `first` at a time, walking the cursors, and the first page's count
/// with whether it is exact.
async fn walk(app: &TestApp, q: &str, first: i64) -> anyhow::Result<(Vec<String>, Value)> {
    let mut found = Vec::new();
    let mut after = Value::Null;
    let mut total = Value::Null;
    for _ in 0..500 {
        let page = search(app, q, json!({ "first": first, "after": after })).await?;
        if total.is_null() {
            total = json!([page["totalCount"], page["totalCountIsExact"]]);
        }
        for hit in hits(&page) {
            assert!(
                format!("{} {}", hit["title"], hit["snippet"]).contains("党"),
                "{hit}"
            );
            found.extend(hit["record"]["id"].as_str().map(str::to_owned));
        }
        if page["pageInfo"]["hasNextPage"] != json!(true) {
            return Ok((found, total));
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    anyhow::bail!("the walk of {q} did not end")
}

async fn small_windows_reach_every_match_once(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (whole, total) = walk(&app, "党", 100).await?;
    app.stop().await?;
    assert_eq!(total, json!([whole.len(), true]));
    assert!(whole.len() > 20, "too few matches: {}", whole.len());

    let database = harness::TestDatabase::create(backend).await?;
    let config = sunlight::config::Config {
        search_window: 7,
        ..database.config()
    };
    let app = TestApp::spawn_with(database, config).await?;
    // Pages smaller than a window, and larger than one, so that pages both end inside
    // windows and span them.
    for first in [3, 10] {
        let (paged, counted) = walk(&app, "党", first).await?;
        assert_eq!(
            counted,
            json!([7, false]),
            "counted up to the window's size"
        );
        let unique: BTreeSet<&String> = paged.iter().collect();
        assert_eq!(unique.len(), paged.len(), "a match came twice: {paged:?}");
        assert_eq!(
            unique,
            whole.iter().collect::<BTreeSet<_>>(),
            "pages of {first} in windows of 7 reach every match"
        );
    }
    // Past the first window, the count costs a statement, and only when it is asked for.
    let after = search(&app, "党", json!({ "first": 8 })).await?["pageInfo"]["endCursor"].clone();
    let statements = |query: String| {
        let app = &app;
        async move {
            let before = app.store()?.statements();
            let body = app.data(&query, json!({})).await?;
            Ok::<_, anyhow::Error>((app.store()?.statements() - before, body))
        }
    };
    let query = |fields: &str| {
        format!("{{ search(query: \"党\", first: 1, after: {after}) {{ {fields} }} }}")
    };
    let (counted, body) = statements(query("totalCount totalCountIsExact")).await?;
    assert_eq!(body["search"]["totalCount"], json!(7));
    assert_eq!(body["search"]["totalCountIsExact"], json!(false));
    let (uncounted, _) = statements(query("edges { cursor }")).await?;
    assert_eq!(counted, uncounted + 1, "{counted} against {uncounted}");
    app.stop().await?;
    Ok(())
}

async fn bad_searches_get_a_coded_error(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    for (q, extra) in [
        ("  ，。 ", json!({})),
        ("任免", json!({ "first": 101 })),
        ("任免", json!({ "first": -1 })),
        ("任免", json!({ "after": "not-a-cursor" })),
        ("一 二 三 四 五 六 七 八 九", json!({})),
    ] {
        let mut variables = json!({ "q": q });
        if let (Some(v), Some(e)) = (variables.as_object_mut(), extra.as_object()) {
            v.extend(e.clone());
        }
        let (status, body) = app.graphql(SEARCH, variables).await?;
        assert_eq!(status, 200);
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{q}: {body}"
        );
        assert!(body["data"].is_null(), "{body}");
    }
    app.stop().await?;
    Ok(())
}

/// The indexes of the search documents, by name; none on SQLite, whose index is a table.
pub(crate) async fn search_indexes(
    db: &sea_orm::DatabaseConnection,
) -> anyhow::Result<Vec<String>> {
    use sea_orm::ConnectionTrait as _;
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(Vec::new());
    }
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT indexname FROM pg_indexes WHERE tablename = 'search_documents' \
             ORDER BY indexname",
        ))
        .await?;
    let names = rows
        .iter()
        .map(|row| row.try_get::<String>("", "indexname"))
        .collect::<Result<Vec<_>, _>>()?;
    anyhow::ensure!(
        names
            .iter()
            .any(|n| n == "search_documents_newest" || n == "search_documents_terms"),
        "no search index: {names:?}"
    );
    Ok(names)
}

/// Every page of `q` for the holder of `token` (none: the public), in pages of `first`: each
/// hit as served, and the count.
async fn pages_as(
    app: &TestApp,
    token: Option<&str>,
    q: &str,
    first: i64,
) -> anyhow::Result<Vec<Value>> {
    let mut pages = Vec::new();
    let mut after = Value::Null;
    for _ in 0..500 {
        let variables = json!({ "q": q, "first": first, "after": after });
        let (status, body) = app.graphql_as(token, SEARCH, variables).await?;
        anyhow::ensure!(status == 200 && body.get("errors").is_none(), "{q}: {body}");
        let page = &body["data"]["search"];
        pages.push(json!([
            page["totalCount"],
            page["totalCountIsExact"],
            hits(page)
        ]));
        if page["pageInfo"]["hasNextPage"] != json!(true) {
            return Ok(pages);
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    anyhow::bail!("the walk of {q} did not end")
}

/// How `app`'s searches read the newest matches.
async fn search_order(app: &TestApp) -> anyhow::Result<sunlight::store::search::Order> {
    app.store()?
        .search_order()
        .await
        .map_err(|error| anyhow::anyhow!("{error:?}"))
}

/// On PostgreSQL with the RUM extension the search index hands out matches newest first; what
/// every caller finds must be what the GIN index, which finds every match and sorts them,
/// gives on the same rows: the same hits on the same pages, with the same counts. Windows of 7
/// make the walks cross windows, where a scan newest first starts below a cursor.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_index_newest_first_finds_what_sorting_every_match_finds() -> anyhow::Result<()> {
    use sea_orm::ConnectionTrait as _;
    use sunlight::store::search::Order;
    let database = harness::TestDatabase::create(Backend::Postgres).await?;
    let config = sunlight::config::Config {
        search_window: 7,
        ..database.config()
    };
    let app = TestApp::spawn_with(database, config.clone()).await?;
    let db = app.db()?;
    let rum = db
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT 1 AS rum FROM pg_available_extensions WHERE name = 'rum'",
        ))
        .await?
        .is_some();
    let org = app.first_organization().await?;
    let tokens = [
        None,
        Some(app.token("media", &[])?),
        Some(app.token("member", &[])?),
        Some(app.token("official", &[org])?),
        Some(app.token("editor", &[org])?),
        Some(app.token("reviewer", &[])?),
        Some(app.token("supervisor", &[])?),
        Some(app.token("admin", &[])?),
    ];
    let words = [
        "党",
        "干部",
        "干部 任免",
        "任免",
        "会议",
        "扶贫",
        "量子计算",
    ];
    let mut newest_first = Vec::new();
    for token in &tokens {
        for q in words {
            newest_first.push(pages_as(&app, token.as_deref(), q, 5).await?);
        }
    }
    let order = search_order(&app).await?;
    if rum {
        assert_eq!(
            order,
            Order::NewestFirst,
            "the migration made the RUM index"
        );
    } else {
        eprintln!("PostgreSQL here has no RUM extension: both walks read the GIN index");
    }
    db.execute_unprepared(
        "DROP INDEX IF EXISTS search_documents_newest; \
         CREATE INDEX IF NOT EXISTS search_documents_terms ON search_documents USING GIN (terms)",
    )
    .await?;
    let database = app.stop().await?;
    let app = TestApp::spawn_with(database, config).await?;
    assert_eq!(search_order(&app).await?, Order::Sorted);
    let mut sorted = Vec::new();
    for token in &tokens {
        for q in words {
            sorted.push(pages_as(&app, token.as_deref(), q, 5).await?);
        }
    }
    app.stop().await?;
    assert!(
        newest_first.iter().flatten().count() > 40,
        "too few pages to compare: {}",
        newest_first.iter().flatten().count()
    );
    for (i, (a, b)) in newest_first.iter().zip(&sorted).enumerate() {
        assert_eq!(
            a,
            b,
            "caller {} searching {}",
            i / words.len(),
            words[i % words.len()]
        );
    }
    Ok(())
}

/// A role that may not create the RUM extension (not a superuser, in a database where the
/// extension was not created) migrates and keeps the GIN index, and its searches read it, as
/// a deployment whose operator has not installed RUM does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_that_may_not_create_rum_keeps_gin() -> anyhow::Result<()> {
    use anyhow::Context as _;
    use sea_orm::ConnectionTrait as _;
    let database = harness::TestDatabase::empty(Backend::Postgres).await?;
    let url = database
        .url
        .clone()
        .context("a PostgreSQL database has a URL")?;
    let role = format!("sunlight_norum_{}", uuid::Uuid::new_v4().simple());
    let admin = sea_orm::Database::connect(&url).await?;
    admin
        .execute_unprepared(&format!(
            "CREATE ROLE {role} LOGIN NOSUPERUSER; GRANT ALL ON SCHEMA public TO {role}"
        ))
        .await?;
    let mut as_role = reqwest::Url::parse(&url)?;
    as_role
        .set_username(&role)
        .map_err(|()| anyhow::anyhow!("no user in {url}"))?;
    let _ = as_role.set_password(None);
    let checked = async {
        let handle = harness::TestDatabase::at(as_role.to_string())?;
        let config = handle.config();
        let app = TestApp::spawn_with(handle, config).await?;
        assert_eq!(
            search_order(&app).await?,
            sunlight::store::search::Order::Sorted
        );
        let indexes = search_indexes(app.db()?).await?;
        assert!(
            indexes.iter().any(|i| i == "search_documents_terms")
                && !indexes.iter().any(|i| i == "search_documents_newest"),
            "{indexes:?}"
        );
        let found = search(&app, "干部 任免", json!({})).await?;
        assert!(!hits(&found).is_empty(), "{found}");
        app.stop().await?;
        Ok::<_, anyhow::Error>(())
    }
    .await;
    // The role's tables go with the database; the role itself is the server's, so it is
    // removed here whatever the check found.
    admin
        .execute_unprepared(&format!(
            "REASSIGN OWNED BY {role} TO CURRENT_USER; DROP OWNED BY {role}; DROP ROLE {role}"
        ))
        .await?;
    admin.close().await?;
    drop(database);
    checked
}

on_both_databases!(
    chinese_words_match_and_more_words_narrow,
    results_page_with_cursors,
    small_windows_reach_every_match_once,
    bad_searches_get_a_coded_error
);
