//! The public endpoint holds: transport rules, query limits, rate limits, timeouts, pool limits,
//! graceful shutdown. Each refusal is checked for its status, its code, and that nothing ran.

use std::time::Duration;

use harness::{Backend, TestApp, TestDatabase, on_both_databases};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("")
}

async fn post_raw(
    app: &TestApp,
    content_type: &str,
    body: Vec<u8>,
) -> anyhow::Result<(u16, Value)> {
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await?;
    let status = response.status().as_u16();
    Ok((status, response.json().await.unwrap_or(Value::Null)))
}

async fn transport_follows_graphql_over_http(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    // A mutation over GET: 405 with Allow: POST.
    let response = app
        .client
        .get(app.url("/graphql?query=mutation%20%7B%20anything%20%7D"))
        .send()
        .await?;
    assert_eq!(response.status(), 405);
    assert_eq!(
        response
            .headers()
            .get("allow")
            .and_then(|v| v.to_str().ok()),
        Some("POST")
    );
    // A query over GET works.
    let response = app
        .client
        .get(app.url("/graphql?query=%7B%20viewer%20%7B%20role%20%7D%20%7D"))
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.json::<Value>().await?["data"]["viewer"]["role"],
        "PUBLIC"
    );
    // text/plain, forms and multipart skip CORS preflight: 415.
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let (status, body) = post_raw(
            &app,
            content_type,
            br#"{"query":"{ viewer { role } }"}"#.to_vec(),
        )
        .await?;
        assert_eq!(status, 415, "{content_type}");
        assert_eq!(code(&body), "BAD_USER_INPUT");
    }
    // A batch of 1,000: 400, nothing ran.
    let batch: Vec<Value> = (0..1000)
        .map(|_| json!({ "query": "{ viewer { role } }" }))
        .collect();
    let (status, body) = post_raw(&app, "application/json", serde_json::to_vec(&batch)?).await?;
    assert_eq!(status, 400);
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert!(body.get("data").is_none());
    // application/graphql-response+json: a request that does not validate is a 400 with that
    // media type; with application/json it is a 200.
    for (accept, expected) in [
        ("application/graphql-response+json", 400),
        ("application/json", 200),
    ] {
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("accept", accept)
            .json(&json!({ "query": "{ noSuchField }" }))
            .send()
            .await?;
        assert_eq!(response.status(), expected, "{accept}");
        let media = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        assert!(media.starts_with(accept), "{media}");
        let body: Value = response.json().await?;
        assert_eq!(code(&body), "BAD_USER_INPUT");
        assert!(
            body.get("data").is_none(),
            "a request that never ran has no data: {body}"
        );
        assert!(
            !body.to_string().contains("Did you mean"),
            "suggestions are on"
        );
    }
    // An error while running, even one that leaves `data` null (a non-null root field
    // refused), is a 200 with `data` under either media type: the request ran.
    for accept in ["application/graphql-response+json", "application/json"] {
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("accept", accept)
            .json(&json!({ "query": "{ auditLog(first: 1) { totalCount } }" }))
            .send()
            .await?;
        assert_eq!(response.status(), 200, "{accept}");
        let body: Value = response.json().await?;
        assert_eq!(code(&body), "FORBIDDEN", "{body}");
        assert_eq!(body.get("data"), Some(&Value::Null), "{body}");
    }
    app.stop().await?;
    Ok(())
}

async fn a_100_mb_body_is_refused_before_it_is_read(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let mut stream = tokio::net::TcpStream::connect(app.addr).await?;
    let head = format!(
        "POST /graphql HTTP/1.1\r\nhost: {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{{\"query\":",
        app.addr,
        100 * 1024 * 1024
    );
    stream.write_all(head.as_bytes()).await?;
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer)).await??;
    let text = String::from_utf8_lossy(&answer[..n]);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("BAD_USER_INPUT"));
    // A body that grows past the limit without a declared length is cut off too. The server
    // answers and closes without reading the rest, so the client may see the answer or, if
    // the close overtakes it, a reset: either way nothing past the limit was read.
    let mut stream = tokio::net::TcpStream::connect(app.addr).await?;
    let head = format!(
        "POST /graphql HTTP/1.1\r\nhost: {}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
        app.addr
    );
    stream.write_all(head.as_bytes()).await?;
    let chunk = " ".repeat(70 * 1024);
    let _ = stream
        .write_all(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes())
        .await;
    let mut answer = vec![0u8; 4096];
    if let Ok(n) = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer)).await?
        && n > 0
    {
        let text = String::from_utf8_lossy(&answer[..n]);
        assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    }
    // The server is fine afterwards.
    let (status, _) = app.graphql("{ viewer { role } }", json!({})).await?;
    assert_eq!(status, 200);
    app.stop().await?;
    Ok(())
}

async fn attack_queries_are_refused_with_a_code(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let mut depth = String::from("{ organizations { edges { node { ");
    for _ in 0..50 {
        depth.push_str("parent { ");
    }
    depth.push_str("name");
    depth.push_str(&" }".repeat(50 + 4));
    // 10,000 aliases take more than 64 KiB: refused by the declared length, before reading.
    let aliases = format!(
        "{{ {} }}",
        (0..10_000)
            .map(|i| format!("a{i}: viewer {{ role }}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let body = serde_json::to_vec(&json!({ "query": aliases }))?;
    let mut stream = tokio::net::TcpStream::connect(app.addr).await?;
    let head = format!(
        "POST /graphql HTTP/1.1\r\nhost: {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        app.addr,
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer)).await??;
    let text = String::from_utf8_lossy(&answer[..n]);
    assert!(
        text.starts_with("HTTP/1.1 413") && text.contains("BAD_USER_INPUT"),
        "{text}"
    );
    // 10,000 aliases do not fit in a 64 KiB body; 1,000 do, and meet the alias limit.
    let some_aliases = format!(
        "{{ {} }}",
        (0..1_000)
            .map(|i| format!("a{i}:__typename"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut fragments = String::from("query { ...F0 }\n");
    for i in 0..24 {
        fragments.push_str(&format!(
            "fragment F{i} on Query {{ ...F{} ...F{} }}\n",
            i + 1,
            i + 1
        ));
    }
    fragments.push_str("fragment F24 on Query { viewer { role } }\n");
    let directives = format!(
        "{{ viewer {{ role {} }} }}",
        "@include(if: true) ".repeat(1000)
    );
    let huge_pages = "{ a: powers(first: 2147483647) { edges { node { name holder { name } } } }
        b: meetings(first: 2147483647) { edges { node { label } } }
        c: appointments(first: 2147483647) { edges { node { stage } } }
        d: disciplinaryCases(first: 2147483647) { edges { node { rank } } } }";
    let negative = "{ powers(first: -2147483648) { totalCount } }";
    for (what, query) in [
        ("depth 50", depth.as_str()),
        ("1,000 aliases", some_aliases.as_str()),
        ("24 doubling fragments", fragments.as_str()),
        ("1,000 directives", directives.as_str()),
        ("first: 2147483647 four times", huge_pages),
        ("a negative page", negative),
    ] {
        let (status, body) = post_raw(
            &app,
            "application/json",
            serde_json::to_vec(&json!({ "query": query }))?,
        )
        .await?;
        assert!(matches!(status, 200 | 400 | 413), "{what}: {status}");
        assert_eq!(code(&body), "BAD_USER_INPUT", "{what}: {body}");
        assert!(
            body.get("data")
                .is_none_or(|d| d.is_null() || d["powers"].is_null()),
            "{what}: something ran: {body}"
        );
    }
    // The refusals are counted by reason.
    let metrics = app.metrics().await?;
    for reason in ["depth", "aliases", "size", "complexity"] {
        assert!(
            metrics.contains(&format!("reason=\"{reason}\"")),
            "{reason} not counted:\n{metrics}"
        );
    }
    app.stop().await?;
    Ok(())
}

async fn anonymous_floods_get_429_with_retry_after(backend: Backend) -> anyhow::Result<()> {
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.rate_limit_anonymous_per_second = 10;
    config.rate_limit_anonymous_burst = 20;
    config.rate_limit_authenticated_per_second = 1000;
    config.rate_limit_authenticated_burst = 1000;
    let app = TestApp::spawn_with(database, config).await?;
    let mut limited = 0;
    let mut retry_after = None;
    for _ in 0..100 {
        let response = app
            .client
            .post(app.url("/graphql"))
            .json(&json!({ "query": "{ viewer { role } }" }))
            .send()
            .await?;
        if response.status() == 429 {
            limited += 1;
            retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            assert_eq!(code(&response.json().await?), "RATE_LIMITED");
        }
    }
    assert!(limited >= 50, "only {limited} of 100 limited");
    assert!(retry_after.is_some_and(|s| s.parse::<u64>().is_ok_and(|n| n >= 1)));
    // An authenticated caller has its own budget.
    let token = app.token("member", &[])?;
    let (status, _) = app
        .graphql_as(Some(&token), "{ viewer { role } }", json!({}))
        .await?;
    assert_eq!(status, 200);
    let metrics = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await?
        .text()
        .await?;
    assert!(metrics.contains("sunlight_rate_limited_total"), "{metrics}");
    app.stop().await?;
    Ok(())
}

async fn errors_carry_the_request_id_and_no_internals(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": "{ powers(first: 500) { totalCount } }" }))
        .send()
        .await?;
    let header = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body: Value = response.json().await?;
    assert!(header.is_some());
    assert_eq!(
        body["errors"][0]["extensions"]["requestId"].as_str(),
        header.as_deref()
    );
    // Refusals before GraphQL runs carry it too.
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "text/plain")
        .body("x")
        .send()
        .await?;
    let header = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body: Value = response.json().await?;
    assert_eq!(
        body["errors"][0]["extensions"]["requestId"].as_str(),
        header.as_deref()
    );
    // Health, readiness, metrics, CORS.
    assert_eq!(
        app.client.get(app.url("/healthz")).send().await?.status(),
        200
    );
    assert_eq!(
        app.client.get(app.url("/readyz")).send().await?.status(),
        200
    );
    let metrics = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await?
        .text()
        .await?;
    assert!(
        metrics.contains("sunlight_requests_total")
            && metrics.contains("sunlight_db_pool_connections")
    );
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/graphql"))
        .header("origin", "https://news.example")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .send()
        .await?;
    assert!(preflight.status().is_success());
    assert_eq!(
        preflight
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("*")
    );
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    transport_follows_graphql_over_http,
    a_100_mb_body_is_refused_before_it_is_read,
    attack_queries_are_refused_with_a_code,
    anonymous_floods_get_429_with_retry_after,
    errors_carry_the_request_id_and_no_internals,
);

async fn an_exhausted_pool_answers_503_instead_of_hanging(backend: Backend) -> anyhow::Result<()> {
    use sea_orm::TransactionTrait;
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.pool_max_connections = 1;
    config.pool_acquire_timeout_ms = 500;
    let app = TestApp::spawn_with(database, config).await?;
    // Another query than the first's below, which it would wait for instead of reading.
    let unavailable = async |app: &TestApp| -> anyhow::Result<()> {
        let started = std::time::Instant::now();
        let response = app
            .client
            .post(app.url("/graphql"))
            .json(&json!({ "query": "{ meetings { totalCount } }" }))
            .send()
            .await?;
        assert_eq!(response.status(), 503);
        assert!(response.headers().get("retry-after").is_some());
        assert_eq!(code(&response.json().await?), "UNAVAILABLE");
        assert!(started.elapsed() < Duration::from_secs(1));
        Ok(())
    };
    if backend == Backend::Postgres {
        // A query reads on a connection of the queries' own pool, held for all its reads: a
        // first query kept waiting on a locked table holds the only one.
        let lock = lock_powers(&app).await?;
        let first = tokio::spawn({
            let (client, url) = (app.client.clone(), app.url("/graphql"));
            async move {
                client
                    .post(url)
                    .json(&json!({ "query": "{ powers { totalCount } }" }))
                    .send()
                    .await
            }
        });
        // Until the first holds its connection: it waits on the lock, in PostgreSQL's view.
        wait_for_lock_waiter(&app).await?;
        unavailable(&app).await?;
        lock.rollback().await?;
        assert_eq!(first.await??.status(), 200);
    } else {
        // Hold the pool's only connection.
        let held = app.db()?.begin().await?;
        unavailable(&app).await?;
        held.rollback().await?;
    }
    let (status, _) = app.graphql("{ powers { totalCount } }", json!({})).await?;
    assert_eq!(status, 200);
    app.stop().await?;
    Ok(())
}

/// A connection of the test's own to the app's PostgreSQL database, beside the app's pools.
async fn own_connection(app: &TestApp) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let url = app
        .database
        .url
        .clone()
        .ok_or_else(|| anyhow::anyhow!("not PostgreSQL"))?;
    Ok(sea_orm::Database::connect(url).await?)
}

/// Waits until a session of the app's database waits for a lock.
async fn wait_for_lock_waiter(app: &TestApp) -> anyhow::Result<()> {
    use sea_orm::ConnectionTrait;
    let watcher = own_connection(app).await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let waiting = watcher
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Postgres,
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
            ))
            .await?
            .map(|row| row.try_get_by_index::<i64>(0))
            .transpose()?
            .unwrap_or(0);
        if waiting > 0 {
            return Ok(());
        }
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "no request came to wait on the lock"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// How many powers the first page of one `query` holds, read as the public.
async fn found(
    query: &sunlight::store::Store,
    caller: &sunlight::access::Caller,
) -> anyhow::Result<usize> {
    let page = query
        .page::<entity::power::Entity>(
            caller,
            sea_orm::Condition::all(),
            sunlight::store::Sort::BY_ID,
            (
                sunlight::store::PageArgs {
                    size: 1,
                    direction: sunlight::store::Direction::Forward,
                    cursor: None,
                    count: false,
                },
                &[],
            ),
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok(page.items.len())
}

/// On PostgreSQL, each query holds one connection of a pool of its own for all its reads.
/// Queries holding every connection of that pool leave the other pool free for what they read
/// beside their records, so a query never waits, connection in hand, for a connection that only
/// another such query could give back; one more query waits its turn, and gets a connection as
/// soon as a query is done with its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queries_holding_every_connection_leave_the_other_pool_free() -> anyhow::Result<()> {
    use sunlight::access::Caller;
    let database = TestDatabase::create(Backend::Postgres).await?;
    let mut config = database.config();
    config.pool_max_connections = 2;
    config.pool_acquire_timeout_ms = 500;
    let app = TestApp::spawn_with(database, config).await?;
    let store = app.store()?;
    let caller = Caller::public();
    let (first, second) = (store.reading_for(None).await, store.reading_for(None).await);
    assert_eq!(found(&first, &caller).await?, 1);
    assert_eq!(found(&second, &caller).await?, 1);
    // Both hold their connection: the main pool still serves at once.
    let started = std::time::Instant::now();
    store
        .fresh_org_tree()
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    assert!(
        started.elapsed() < Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
    // A third query finds none to hold until one of the two is done.
    let third = store.reading_for(None).await;
    let waited = found(&third, &caller).await.err().map(|e| e.to_string());
    assert!(
        waited
            .as_deref()
            .is_some_and(|e| e.contains("ConnectionAcquire(Timeout)")),
        "{waited:?}"
    );
    drop(first);
    assert_eq!(found(&third, &caller).await?, 1);
    drop((second, third));
    app.stop().await?;
    Ok(())
}

on_both_databases!(an_exhausted_pool_answers_503_instead_of_hanging);

/// A PostgreSQL connection of the test's own that locks the powers table, so that requests
/// reading it wait as long as the test wants.
async fn lock_powers(app: &TestApp) -> anyhow::Result<sea_orm::DatabaseTransaction> {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let other = own_connection(app).await?;
    let txn = other.begin().await?;
    txn.execute_unprepared("LOCK TABLE powers IN ACCESS EXCLUSIVE MODE")
        .await?;
    Ok(txn)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_past_the_timeout_is_stopped_with_503() -> anyhow::Result<()> {
    let database = TestDatabase::create(Backend::Postgres).await?;
    let mut config = database.config();
    config.request_timeout_secs = 1;
    let app = TestApp::spawn_with(database, config).await?;
    let lock = lock_powers(&app).await?;
    let started = std::time::Instant::now();
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": "{ powers { totalCount } }" }))
        .send()
        .await?;
    assert_eq!(response.status(), 503);
    assert_eq!(code(&response.json().await?), "INTERNAL");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    lock.rollback().await?;
    app.stop().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_20_requests_in_flight_finish() -> anyhow::Result<()> {
    let app = TestApp::spawn(Backend::Postgres).await?;
    let lock = lock_powers(&app).await?;
    let mut in_flight = Vec::new();
    for _ in 0..20 {
        let client = app.client.clone();
        let url = app.url("/graphql");
        in_flight.push(tokio::spawn(async move {
            let response = client
                .post(url)
                .json(&json!({ "query": "{ powers { totalCount } }" }))
                .send()
                .await?;
            let status = response.status().as_u16();
            let body: Value = response.json().await?;
            Ok::<_, anyhow::Error>((status, body))
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let addr = app.addr;
    let stopping = tokio::spawn(app.stop());
    tokio::time::sleep(Duration::from_millis(300)).await;
    // No longer accepting.
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "still accepting after shutdown began"
    );
    lock.rollback().await?;
    for request in in_flight {
        let (status, body) = request.await??;
        assert_eq!(status, 200, "{body}");
        assert!(body["data"]["powers"]["totalCount"].is_number(), "{body}");
    }
    tokio::time::timeout(Duration::from_secs(10), stopping).await???;
    Ok(())
}

/// The introspection query of graphql-js (`getIntrospectionQuery`) with the options GraphiQL
/// turns on: what GraphiQL, Apollo, `gql`, graphql-codegen and `get-graphql-schema` send.
const STANDARD_INTROSPECTION: &str = r#"
query IntrospectionQuery {
  __schema {
    description
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types { ...FullType }
    directives { name description isRepeatable locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description specifiedByURL
  fields(includeDeprecated: true) {
    name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason
  }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
}"#;

async fn every_tool_can_read_the_schema(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (status, body) = app.graphql(STANDARD_INTROSPECTION, json!({})).await?;
    assert_eq!(status, 200);
    assert!(
        body.get("errors").is_none(),
        "{}",
        body.to_string().chars().take(400).collect::<String>()
    );
    let types = body["data"]["__schema"]["types"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(types > 100, "{types} types");
    assert_eq!(body["data"]["__schema"]["queryType"]["name"], "Query");
    // Data nested deeper than 12 is still refused, and so is a schema walk that fans out.
    let fan = format!(
        "{{ __schema {{ types {{ {} name{} }} }} }}",
        "fields { type { ".repeat(6),
        " } }".repeat(6)
    );
    let (_, body) = app.graphql(&fan, json!({})).await?;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("too deep")
    );
    app.stop().await?;
    Ok(())
}

on_both_databases!(every_tool_can_read_the_schema);

/// The introspection queries of GraphiQL, Apollo, `gql`, GraphQL Code Generator and
/// `get-graphql-schema`, as graphql-js writes them, each answered, and the schema each tool
/// builds from the answer (graphql-js's `buildClientSchema`) has every type of
/// `schema.graphql`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_tools_introspection_builds_the_whole_schema() -> anyhow::Result<()> {
    let app = TestApp::spawn(Backend::Sqlite).await?;
    let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql");
    let url = app.url("/graphql");
    let report = harness::run_js("introspect.mjs", &[url.as_ref(), schema.as_os_str()]).await?;
    println!("{report}");
    assert_eq!(report.lines().count(), 4, "{report}");
    app.stop().await?;
    Ok(())
}

fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Automatic persisted queries as Apollo's clients run them: a hash alone first, the text with
/// its hash once the server says it does not know it, the hash alone from then on, by GET or
/// POST; a hash never lets GET write, nor one caller learn another's queries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn persisted_queries_follow_apollos_protocol() -> anyhow::Result<()> {
    let app = TestApp::spawn(Backend::Sqlite).await?;
    let query =
        "query First { powers(first: 2, orderBy: { field: CODE }) { edges { node { code } } } }";
    let hash = sha256_hex(query);
    let naming = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } });
    let get_by_hash = |token: Option<&str>| {
        let mut request = app.client.get(app.url("/graphql")).query(&[
            ("operationName", "First"),
            ("extensions", &naming.to_string()),
        ]);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };

    // Unknown: 200 with the code and message the clients look for, and no data.
    let unknown = get_by_hash(None).await?;
    assert_eq!(unknown.status(), 200);
    let body: Value = unknown.json().await?;
    assert_eq!(code(&body), "PERSISTED_QUERY_NOT_FOUND", "{body}");
    assert_eq!(body["errors"][0]["message"], "PersistedQueryNotFound");
    assert!(body.get("data").is_none(), "{body}");

    // The text with its hash runs and is kept.
    let (status, sent) = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": query, "extensions": naming }))
        .send()
        .await
        .map(|r| (r.status(), r))?;
    assert_eq!(status, 200);
    let sent: Value = sent.json().await?;
    let codes = &sent["data"]["powers"]["edges"];
    assert_eq!(codes.as_array().map(Vec::len), Some(2), "{sent}");

    // From now on the hash alone will do, by GET (cacheable) and by POST.
    let by_get = get_by_hash(None).await?;
    assert_eq!(by_get.status(), 200);
    assert!(by_get.headers().contains_key("etag"));
    let by_get: Value = by_get.json().await?;
    assert_eq!(by_get["data"]["powers"]["edges"], *codes, "{by_get}");
    let (status, by_post) = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "extensions": naming }))
        .send()
        .await
        .map(|r| (r.status(), r))?;
    assert_eq!(status, 200);
    let by_post: Value = by_post.json().await?;
    assert_eq!(by_post["data"]["powers"]["edges"], *codes, "{by_post}");

    // A caller with a token does not learn that the public sent that text.
    let member = app.token("member", &[1])?;
    let theirs: Value = get_by_hash(Some(&member)).await?.json().await?;
    assert_eq!(code(&theirs), "PERSISTED_QUERY_NOT_FOUND", "{theirs}");

    // A text that is not its hash's is refused.
    let (status, forged) = post_raw(
        &app,
        "application/json",
        serde_json::to_vec(&json!({
            "query": "{ viewer { role } }",
            "extensions": naming,
        }))?,
    )
    .await?;
    assert_eq!(status, 400);
    assert_eq!(code(&forged), "BAD_USER_INPUT", "{forged}");

    // A mutation kept by hash still may not run over GET.
    let mutation = "mutation { anything }";
    let write_hash = sha256_hex(mutation);
    let write_naming = json!({ "persistedQuery": { "version": 1, "sha256Hash": write_hash } });
    let _ = post_raw(
        &app,
        "application/json",
        serde_json::to_vec(&json!({ "query": mutation, "extensions": write_naming }))?,
    )
    .await?;
    let by_get = app
        .client
        .get(app.url("/graphql"))
        .query(&[("extensions", write_naming.to_string())])
        .send()
        .await?;
    assert_eq!(by_get.status(), 405);

    app.stop().await?;
    Ok(())
}

/// The GraphQL-over-HTTP audit of `graphql-http` (the reference implementation's own checks of
/// the specification) passes every check, MUST, SHOULD and MAY alike.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_graphql_over_http_audit_passes() -> anyhow::Result<()> {
    let app = TestApp::spawn(Backend::Sqlite).await?;
    let url = app.url("/graphql");
    let report = harness::run_js("audit.mjs", &[url.as_ref()]).await?;
    println!("{report}");
    let summary: Value = serde_json::from_str(report.lines().last().unwrap_or_default())?;
    assert!(summary["checks"].as_u64() >= Some(50), "{summary}");
    app.stop().await?;
    Ok(())
}

/// `/api/docs` documents every type of the schema, with each enum value's Chinese label, and
/// its example of every root query field is a valid query; `/schema.graphql` is the schema.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_documentation_covers_the_whole_schema() -> anyhow::Result<()> {
    let app = TestApp::spawn(Backend::Sqlite).await?;
    let page = app.client.get(app.url("/api/docs")).send().await?;
    assert_eq!(page.status(), 200);
    let page = page.text().await?;
    let schema = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql"),
    )?;
    let served = app
        .client
        .get(app.url("/schema.graphql"))
        .send()
        .await?
        .text()
        .await?;
    assert_eq!(served, schema);
    let mut types = 0;
    for line in schema.lines() {
        let mut words = line.split_whitespace();
        let (Some(keyword), Some(name)) = (words.next(), words.next()) else {
            continue;
        };
        if ["type", "input", "enum", "scalar", "interface"].contains(&keyword)
            && !["Query", "Mutation", "Subscription"].contains(&name)
        {
            types += 1;
            assert!(
                page.contains(&format!("id=\"{name}\"")),
                "{name} is not documented"
            );
        }
    }
    assert!(types > 100, "only {types} types");
    assert!(page.contains("严重警告"), "no Chinese labels");

    // Each example of a root query field parses and validates: if it fails, it fails only
    // for want of its variables' values.
    let mut examples = 0;
    for chunk in page.split("<tr id=\"query-").skip(1) {
        let Some(code) = chunk
            .split("<pre><code>")
            .nth(1)
            .and_then(|c| c.split("</code></pre>").next())
        else {
            continue;
        };
        let query = code
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        let (status, body) = app.graphql(&query, json!({})).await?;
        assert_eq!(status, 200, "{query}: {body}");
        for error in body["errors"].as_array().into_iter().flatten() {
            let wants_a_variable = error["extensions"]["field"]
                .as_str()
                .is_some_and(|f| f.starts_with('$'));
            assert!(
                error["path"].is_array() || wants_a_variable,
                "the example {query} does not validate: {error}"
            );
        }
        examples += 1;
    }
    assert!(examples > 30, "only {examples} examples");
    app.stop().await?;
    Ok(())
}
