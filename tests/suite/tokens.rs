//! Tokens: a valid one is the caller it describes; every faulty one is a 401 that serves nothing.

use sea_orm::QueryOrder as _;
use std::path::PathBuf;

use base64::Engine;
use harness::{Backend, TEST_SECRET, TestApp, TestDatabase};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use sea_orm::EntityTrait as _;
use serde_json::{Value, json};

const VIEWER: &str = "{ viewer { role organizations scopes } powers(first: 1) { totalCount } }";

fn keys_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/keys")
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Claims that the suite's server accepts, before a test breaks one of them.
fn good_claims() -> Value {
    json!({
        "sub": "tester", "role": "member", "orgs": [],
        "iss": "sunlight-local", "aud": "sunlight",
        "iat": now(), "nbf": now() - 1, "exp": now() + 600,
    })
}

fn hs256(claims: &Value, secret: &[u8]) -> anyhow::Result<String> {
    Ok(jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret),
    )?)
}

fn b64(value: &Value) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string())
}

/// Asserts the one refusal: 401, `UNAUTHENTICATED`, no data, the same message for every fault.
async fn assert_refused(app: &TestApp, token: &str, what: &str) -> anyhow::Result<()> {
    let (status, body) = app.graphql_as(Some(token), VIEWER, json!({})).await?;
    assert_eq!(status, 401, "{what}: {body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{what}"
    );
    assert!(
        body.get("data").is_none(),
        "{what}: data was served: {body}"
    );
    assert_eq!(
        body["errors"][0]["message"], "the bearer token is not valid for this service",
        "{what}: the message says more than it should"
    );
    Ok(())
}

async fn every_faulty_hs256_token_is_refused(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let secret = TEST_SECRET.as_bytes();

    let good = hs256(&good_claims(), secret)?;
    let (status, body) = app.graphql_as(Some(&good), VIEWER, json!({})).await?;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["viewer"]["role"], "MEMBER");

    let mut cases: Vec<(String, String)> = Vec::new();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut claims = good_claims();
        f(&mut claims);
        claims
    };
    cases.push((
        "wrong key".into(),
        hs256(&good_claims(), b"another-secret-of-enough-length-0000")?,
    ));
    cases.push((
        "alg none".into(),
        format!(
            "{}.{}.",
            b64(&json!({"alg": "none", "typ": "JWT"})),
            b64(&good_claims())
        ),
    ));
    let parts: Vec<&str> = good.split('.').collect();
    cases.push((
        "stripped signature".into(),
        format!("{}.{}.", parts[0], parts[1]),
    ));
    cases.push((
        "tampered payload".into(),
        format!(
            "{}.{}.{}",
            parts[0],
            b64(&with(&|c| c["role"] = json!("admin"))),
            parts[2]
        ),
    ));
    cases.push((
        "expired beyond the leeway".into(),
        hs256(&with(&|c| c["exp"] = json!(now() - 120)), secret)?,
    ));
    cases.push((
        "not valid before a future time".into(),
        hs256(&with(&|c| c["nbf"] = json!(now() + 3600)), secret)?,
    ));
    cases.push((
        "no exp".into(),
        hs256(
            &with(&|c| drop(c.as_object_mut().and_then(|o| o.remove("exp")))),
            secret,
        )?,
    ));
    cases.push((
        "no iss".into(),
        hs256(
            &with(&|c| drop(c.as_object_mut().and_then(|o| o.remove("iss")))),
            secret,
        )?,
    ));
    cases.push((
        "wrong iss".into(),
        hs256(&with(&|c| c["iss"] = json!("someone-else")), secret)?,
    ));
    cases.push((
        "no aud".into(),
        hs256(
            &with(&|c| drop(c.as_object_mut().and_then(|o| o.remove("aud")))),
            secret,
        )?,
    ));
    cases.push((
        "wrong aud".into(),
        hs256(&with(&|c| c["aud"] = json!("other-api")), secret)?,
    ));
    cases.push((
        "unknown role".into(),
        hs256(&with(&|c| c["role"] = json!("overlord")), secret)?,
    ));
    cases.push((
        "the public role".into(),
        hs256(&with(&|c| c["role"] = json!("public")), secret)?,
    ));
    cases.push((
        "role as an array".into(),
        hs256(&with(&|c| c["role"] = json!(["member", "admin"])), secret)?,
    ));
    cases.push((
        "organization that is not an id".into(),
        hs256(&with(&|c| c["orgs"] = json!(["not-an-id"])), secret)?,
    ));
    cases.push((
        "a 64 KiB token".into(),
        hs256(&with(&|c| c["pad"] = json!("x".repeat(64 * 1024))), secret)?,
    ));
    cases.push(("garbage".into(), "not.a.token".into()));
    for (what, token) in &cases {
        assert_refused(&app, token, what).await?;
    }

    // A header that is not `Bearer <token>` is refused too, never served as the public.
    for header in [
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer ",
        &format!("bearer{good}"),
    ] {
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("authorization", header)
            .json(&json!({ "query": VIEWER }))
            .send()
            .await?;
        assert_eq!(response.status(), 401, "{header}");
    }
    app.stop().await?;
    Ok(())
}

async fn spawn_with_public_key(backend: Backend, rsa: bool) -> anyhow::Result<TestApp> {
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.jwt_hs256_secret = None;
    if rsa {
        config.jwt_public_key_file = Some(keys_dir().join("rsa-public.pem"));
        config.jwt_algorithm = Some("RS256".into());
    } else {
        config.jwt_jwks_file = Some(keys_dir().join("jwks.json"));
    }
    TestApp::spawn_with(database, config).await
}

async fn an_rs256_key_is_pinned(backend: Backend) -> anyhow::Result<()> {
    let app = spawn_with_public_key(backend, true).await?;
    let private = std::fs::read(keys_dir().join("rsa-private.pem"))?;
    let public = std::fs::read(keys_dir().join("rsa-public.pem"))?;
    let good = jsonwebtoken::encode(
        &Header::new(Algorithm::RS256),
        &good_claims(),
        &EncodingKey::from_rsa_pem(&private)?,
    )?;
    let (status, body) = app.graphql_as(Some(&good), VIEWER, json!({})).await?;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["viewer"]["role"], "MEMBER");
    // The classic confusion: HS256 "signed" with the public key as the secret.
    let confused = hs256(&good_claims(), &public)?;
    assert_refused(&app, &confused, "HS256 signed with the RSA public key").await?;
    let ec = jsonwebtoken::encode(
        &Header::new(Algorithm::ES256),
        &good_claims(),
        &EncodingKey::from_ec_pem(&std::fs::read(keys_dir().join("ec-private.pem"))?)?,
    )?;
    assert_refused(&app, &ec, "ES256 when RS256 is pinned").await?;
    app.stop().await?;
    Ok(())
}

async fn a_jwks_chooses_the_key_by_kid(backend: Backend) -> anyhow::Result<()> {
    let app = spawn_with_public_key(backend, false).await?;
    let ec_key = EncodingKey::from_ec_pem(&std::fs::read(keys_dir().join("ec-private.pem"))?)?;
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some("ec-1".into());
    let good = jsonwebtoken::encode(&header, &good_claims(), &ec_key)?;
    let (status, body) = app.graphql_as(Some(&good), VIEWER, json!({})).await?;
    assert_eq!(status, 200, "{body}");

    header.kid = Some("rsa-1".into());
    let wrong_kid = jsonwebtoken::encode(&header, &good_claims(), &ec_key)?;
    assert_refused(&app, &wrong_kid, "a key id whose key has another algorithm").await?;
    header.kid = Some("unknown".into());
    let unknown = jsonwebtoken::encode(&header, &good_claims(), &ec_key)?;
    assert_refused(&app, &unknown, "an unknown key id").await?;
    header.kid = None;
    let none = jsonwebtoken::encode(&header, &good_claims(), &ec_key)?;
    assert_refused(&app, &none, "no key id").await?;
    app.stop().await?;
    Ok(())
}

async fn minting_refuses_when_only_a_public_key_is_configured(
    backend: Backend,
) -> anyhow::Result<()> {
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.jwt_hs256_secret = None;
    config.jwt_public_key_file = Some(keys_dir().join("rsa-public.pem"));
    config.jwt_algorithm = Some("RS256".into());
    let (_, source) = sunlight::auth::Verifier::from_config(&config)?;
    let request = sunlight::auth::MintRequest {
        role: "member".into(),
        orgs: vec![],
        jur: None,
        sub: "x".into(),
        person: None,
        name: None,
        ttl: std::time::Duration::from_secs(60),
    };
    assert!(sunlight::auth::mint(&config, &source, &request).is_err());
    Ok(())
}

async fn without_a_key_a_private_local_key_is_made_once(backend: Backend) -> anyhow::Result<()> {
    let database = TestDatabase::create(backend).await?;
    let mut config = database.config();
    config.jwt_hs256_secret = None;
    let (_, first) = sunlight::auth::Verifier::from_config(&config)?;
    let (_, second) = sunlight::auth::Verifier::from_config(&config)?;
    let (
        sunlight::auth::KeySource::LocalDevelopment(a, path),
        sunlight::auth::KeySource::LocalDevelopment(b, _),
    ) = (first, second)
    else {
        anyhow::bail!("no local development key");
    };
    assert_eq!(a.expose(), b.expose());
    assert!(a.expose().len() >= 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path)?.permissions().mode() & 0o777,
            0o600
        );
    }
    Ok(())
}

/// Claims that do not depend on the database: these run on SQLite only.
async fn spawn_sqlite() -> anyhow::Result<TestApp> {
    TestApp::spawn(Backend::Sqlite).await
}

/// Asserts that `claims` pass as they are, so that a refusal of a variant is the variant's.
async fn assert_accepted(app: &TestApp, claims: &Value, what: &str) -> anyhow::Result<()> {
    let token = hs256(claims, TEST_SECRET.as_bytes())?;
    let (status, body) = app.graphql_as(Some(&token), VIEWER, json!({})).await?;
    assert_eq!(status, 200, "{what}: {body}");
    assert_eq!(body["data"]["viewer"]["role"], "MEMBER", "{what}");
    Ok(())
}

fn without(claim: &str) -> Value {
    let mut claims = good_claims();
    if let Some(object) = claims.as_object_mut() {
        object.remove(claim);
    }
    claims
}

fn with(claim: &str, value: Value) -> Value {
    let mut claims = good_claims();
    claims[claim] = value;
    claims
}

/// Without `iat` nothing bounds how long a token lives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_without_iat_is_refused() -> anyhow::Result<()> {
    let app = spawn_sqlite().await?;
    assert_accepted(&app, &good_claims(), "with iat").await?;
    let token = hs256(&without("iat"), TEST_SECRET.as_bytes())?;
    assert_refused(&app, &token, "no iat").await?;
    let token = hs256(&with("iat", json!("yesterday")), TEST_SECRET.as_bytes())?;
    assert_refused(&app, &token, "iat not a number").await?;
    app.stop().await?;
    Ok(())
}

/// A leaked token made to live 30 days would be good for 30 days; the longest is 24 h.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_living_30_days_is_refused() -> anyhow::Result<()> {
    let app = spawn_sqlite().await?;
    let day = 24 * 3600;
    let mut claims = good_claims();
    claims["exp"] = json!(now() + day);
    assert_accepted(&app, &claims, "living exactly 24 h").await?;
    for (what, iat, exp) in [
        ("living 30 days", now(), now() + 30 * day),
        ("living 24 h and a second", now(), now() + day + 1),
        // An old iat with a near exp: what counts is the whole lifetime, not the time left.
        (
            "issued 30 days ago, expiring soon",
            now() - 30 * day,
            now() + 600,
        ),
        ("issued in an hour", now() + 3600, now() + 7200),
        ("issued beyond the leeway", now() + 60, now() + 600),
        ("expiring before it was issued", now(), now() - 1),
    ] {
        let mut claims = good_claims();
        claims["iat"] = json!(iat);
        claims["exp"] = json!(exp);
        assert_refused(&app, &hs256(&claims, TEST_SECRET.as_bytes())?, what).await?;
    }
    // The lifetime is configured: a shorter maximum refuses what the default takes.
    let database = TestDatabase::create(Backend::Sqlite).await?;
    let mut config = database.config();
    config.jwt_max_lifetime_secs = 300;
    let strict = TestApp::spawn_with(database, config).await?;
    let token = hs256(&good_claims(), TEST_SECRET.as_bytes())?;
    assert_refused(&strict, &token, "living 600 s where 300 s is the most").await?;
    strict.stop().await?;
    app.stop().await?;
    Ok(())
}

/// jsonwebtoken takes an `iss` array that contains the issuer; Sunlight wants the issuer alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_issuer_array_is_refused() -> anyhow::Result<()> {
    let app = spawn_sqlite().await?;
    for (what, iss) in [
        ("iss as an array of the issuer", json!(["sunlight-local"])),
        (
            "iss as an array with another",
            json!(["someone-else", "sunlight-local"]),
        ),
        ("iss as a number", json!(7)),
    ] {
        let token = hs256(&with("iss", iss), TEST_SECRET.as_bytes())?;
        assert_refused(&app, &token, what).await?;
    }
    app.stop().await?;
    Ok(())
}

/// `aud` may list several audiences (RFC 7519, 4.1.3), but one of them must be Sunlight's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_audience_array_must_name_the_audience() -> anyhow::Result<()> {
    let app = spawn_sqlite().await?;
    assert_accepted(&app, &with("aud", json!(["sunlight"])), "aud [sunlight]").await?;
    assert_accepted(
        &app,
        &with("aud", json!(["other-api", "sunlight"])),
        "aud [other-api, sunlight]",
    )
    .await?;
    for (what, aud) in [
        (
            "aud as an array without the audience",
            json!(["other-api", "sunlight-x"]),
        ),
        ("aud as an empty array", json!([])),
        ("aud as a number", json!(7)),
    ] {
        let token = hs256(&with("aud", aud), TEST_SECRET.as_bytes())?;
        assert_refused(&app, &token, what).await?;
    }
    app.stop().await?;
    Ok(())
}

/// The database id of an organization of the demo county, and of one created after the
/// server read its organization tree.
async fn organizations(app: &TestApp) -> anyhow::Result<(i64, i64)> {
    let existing = entity::organization::Entity::find()
        .order_by_asc(entity::organization::Column::Id)
        .all(app.db()?)
        .await?
        .into_iter()
        .map(|o| o.id)
        .max()
        .ok_or_else(|| anyhow::anyhow!("no organization"))?;
    // The admin's token makes the server read the tree before the organization exists.
    let admin = app.token("admin", &[])?;
    let (status, body) = app
        .graphql_as(
            Some(&admin),
            "mutation($owner: ID, $input: OrganizationInput!) {
               createOrganization(owner: $owner, input: $input) { id } }",
            json!({
                "owner": app.ids().encode("Organization", existing).0,
                "input": { "name": "示例新设机构", "kind": "OTHER", "scope": "PUBLIC" },
            }),
        )
        .await?;
    anyhow::ensure!(status == 200 && body["errors"].is_null(), "{body}");
    let created = entity::organization::Entity::find()
        .order_by_asc(entity::organization::Column::Id)
        .all(app.db()?)
        .await?
        .into_iter()
        .find(|o| o.name == "示例新设机构")
        .ok_or_else(|| anyhow::anyhow!("the organization was not created: {body}"))?;
    Ok((existing, created.id))
}

async fn orgs_naming_an_unknown_organization_are_refused(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (existing, created) = organizations(&app).await?;
    let unknown = created + 1000;
    let token = app.token("official", &[existing])?;
    let (status, body) = app.graphql_as(Some(&token), VIEWER, json!({})).await?;
    assert_eq!(status, 200, "{body}");
    // The tree is kept for a while; an organization created since is still known at once.
    let token = app.token("official", &[created])?;
    let (status, body) = app.graphql_as(Some(&token), VIEWER, json!({})).await?;
    assert_eq!(status, 200, "an organization created just now: {body}");
    let token = app.token("official", &[existing, unknown])?;
    assert_refused(&app, &token, "an unknown organization beside a known one").await?;
    let token = app.token("official", &[unknown])?;
    assert_refused(&app, &token, "an unknown organization").await?;
    let numeric = hs256(
        &with("orgs", json!([existing, unknown])),
        TEST_SECRET.as_bytes(),
    )?;
    assert_refused(&app, &numeric, "an unknown organization as a database id").await?;
    app.stop().await?;
    Ok(())
}

async fn a_person_naming_an_unknown_person_is_refused(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let person = entity::person::Entity::find()
        .order_by_asc(entity::person::Column::Id)
        .all(app.db()?)
        .await?
        .into_iter()
        .map(|p| p.id)
        .max()
        .ok_or_else(|| anyhow::anyhow!("no person"))?;
    let known = app.token_for("member", &[], Some(person))?;
    let (status, body) = app.graphql_as(Some(&known), VIEWER, json!({})).await?;
    assert_eq!(status, 200, "{body}");
    // Twice: the second answer comes from what was remembered of the first.
    let (status, _) = app.graphql_as(Some(&known), VIEWER, json!({})).await?;
    assert_eq!(status, 200);
    let unknown = app.token_for("member", &[], Some(person + 1000))?;
    assert_refused(&app, &unknown, "an unknown person").await?;
    assert_refused(&app, &unknown, "an unknown person, asked again").await?;
    app.stop().await?;
    Ok(())
}

harness::on_both_databases!(
    orgs_naming_an_unknown_organization_are_refused,
    a_person_naming_an_unknown_person_is_refused,
);

harness::on_both_databases!(
    every_faulty_hs256_token_is_refused,
    an_rs256_key_is_pinned,
    a_jwks_chooses_the_key_by_kid,
    minting_refuses_when_only_a_public_key_is_configured,
    without_a_key_a_private_local_key_is_made_once,
);
