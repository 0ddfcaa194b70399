//! Atom feeds: valid XML in the Atom namespace, entries for what the caller sees, RFC 6721
//! deleted entries for what left their sight, and 304 for a conditional GET that is current.

use entity::organization;
use harness::{Backend, TestApp, on_both_databases};
use sea_orm::EntityTrait;
use sea_orm::QueryOrder as _;
use serde_json::{Value, json};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const TOMBSTONES: &str = "http://purl.org/atompub/tombstones/1.0";

/// A fetched feed: status, headers, body.
struct Fetched {
    status: u16,
    etag: Option<String>,
    modified: Option<String>,
    body: String,
}

async fn fetch(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
    condition: Option<(&str, &str)>,
) -> anyhow::Result<Fetched> {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some((name, value)) = condition {
        request = request.header(name, value);
    }
    let response = request.send().await?;
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (etag, modified) = (header("etag"), header("last-modified"));
    let status = response.status().as_u16();
    if status == 200 {
        assert_eq!(
            header("content-type").as_deref(),
            Some("application/atom+xml; charset=utf-8")
        );
    }
    Ok(Fetched {
        status,
        etag,
        modified,
        body: response.text().await?,
    })
}

/// Entry ids with titles, and deleted entries' refs.
type Read = (Vec<(String, String)>, Vec<String>);

/// What a feed holds: the entry ids with titles, and the deleted entries' refs. Fails unless
/// the document is well-formed Atom with every element RFC 4287 requires.
fn read(body: &str) -> anyhow::Result<Read> {
    let doc = roxmltree::Document::parse(body)?;
    let feed = doc.root_element();
    anyhow::ensure!(feed.has_tag_name((ATOM, "feed")), "not an Atom feed");
    for required in ["id", "title", "updated"] {
        anyhow::ensure!(
            feed.children().any(|c| c.has_tag_name((ATOM, required))),
            "the feed has no {required}"
        );
    }
    let text = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .and_then(|c| c.text())
            .map(str::to_owned)
    };
    let mut entries = Vec::new();
    for entry in feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))) {
        let id = text(entry, "id").ok_or_else(|| anyhow::anyhow!("an entry has no id"))?;
        let title = text(entry, "title").ok_or_else(|| anyhow::anyhow!("no title"))?;
        let updated = text(entry, "updated").ok_or_else(|| anyhow::anyhow!("no updated"))?;
        chrono::DateTime::parse_from_rfc3339(&updated)?;
        if let Some(published) = text(entry, "published") {
            chrono::DateTime::parse_from_rfc3339(&published)?;
        }
        // A link to the record's page, and the kind as a category.
        let record = id.strip_prefix("urn:sunlight:record:").unwrap_or_default();
        anyhow::ensure!(
            entry.children().any(|c| c.has_tag_name((ATOM, "link"))
                && c.attribute("rel") == Some("alternate")
                && c.attribute("href") == Some(format!("/records/{record}").as_str())),
            "the entry {id} has no link to its page"
        );
        anyhow::ensure!(
            entry.children().any(|c| c.has_tag_name((ATOM, "category"))
                && c.attribute("term").is_some()
                && c.attribute("label").is_some()),
            "the entry {id} has no category"
        );
        entries.push((id, title));
    }
    let mut deleted = Vec::new();
    for gone in feed
        .children()
        .filter(|c| c.has_tag_name((TOMBSTONES, "deleted-entry")))
    {
        let when = gone
            .attribute("when")
            .ok_or_else(|| anyhow::anyhow!("a deleted entry has no when"))?;
        chrono::DateTime::parse_from_rfc3339(when)?;
        deleted.push(
            gone.attribute("ref")
                .ok_or_else(|| anyhow::anyhow!("a deleted entry has no ref"))?
                .to_owned(),
        );
    }
    Ok((entries, deleted))
}

async fn write(app: &TestApp, token: &str, query: &str, vars: Value) -> anyhow::Result<Value> {
    let (status, body) = app.graphql_as(Some(token), query, vars).await?;
    anyhow::ensure!(
        status == 200 && body["errors"].is_null(),
        "{status}: {body}"
    );
    Ok(body["data"].clone())
}

/// A power of `scope` named `name`, published; returns its id and version.
async fn published(
    app: &TestApp,
    editor: &str,
    reviewer: &str,
    org: &str,
    name: &str,
    scope: &str,
) -> anyhow::Result<(String, i64)> {
    let data = write(
        app,
        editor,
        "mutation($input: PowerInput!) { createPower(input: $input) { id } }",
        json!({ "input": {
            "code": name, "name": name, "category": "OTHER", "holderOrganization": org,
            "legalBasis": "依据", "duties": format!("{name}的职责 <b>&</b>"),
            "accountability": "追责", "undertakingUnit": "县委办", "carriers": ["WEBSITE"],
            "timing": "IMMEDIATE", "riskLevel": "LOW", "scope": scope
        } }),
    )
    .await?;
    let id = data["createPower"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut version = 1;
    for (token, field) in [
        (editor, "submitForReview"),
        (reviewer, "approve"),
        (editor, "publish"),
    ] {
        let data = write(
            app,
            token,
            &format!("mutation($id: ID!, $v: Int!) {{ {field}(id: $id, expectedVersion: $v) {{ version }} }}"),
            json!({ "id": id, "v": version }),
        )
        .await?;
        version = data[field]["version"].as_i64().unwrap_or_default();
    }
    Ok((id, version))
}

async fn feeds_show_entries_and_deleted_entries_per_scope(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let org = organization::Entity::find()
        .order_by_asc(organization::Column::Id)
        .all(app.db()?)
        .await?
        .into_iter()
        .find(|o| o.parent_id.is_some())
        .ok_or_else(|| anyhow::anyhow!("no organization"))?;
    let gid = app.ids().encode("Organization", org.id).0;
    let editor = app.token_as("editor", &[org.id], "atom-editor")?;
    let reviewer = app.token_as("reviewer", &[], "atom-reviewer")?;
    let member = app.token("member", &[org.id])?;
    let urn = |id: &str| format!("urn:sunlight:record:{id}");

    let before = fetch(&app, "/feeds/powers.atom", None, None).await?;
    assert_eq!(before.status, 200);
    // The demo county's retracted powers are deleted entries from the start.
    let (_, deleted_before) = read(&before.body)?;

    let (kept, _) = published(&app, &editor, &reviewer, &gid, "公开职权甲", "PUBLIC").await?;
    let (gone, gone_v) = published(&app, &editor, &reviewer, &gid, "公开职权乙", "PUBLIC").await?;
    let (narrowed, narrowed_v) =
        published(&app, &editor, &reviewer, &gid, "公开职权丙", "PUBLIC").await?;
    let (internal, _) = published(&app, &editor, &reviewer, &gid, "党内职权丁", "PARTY").await?;

    let public = fetch(&app, "/feeds/powers.atom", None, None).await?;
    let (entries, deleted) = read(&public.body)?;
    for id in [&kept, &gone, &narrowed] {
        assert!(entries.iter().any(|(e, _)| *e == urn(id)), "{id} missing");
    }
    assert!(entries.iter().any(|(_, t)| t == "公开职权甲"));
    assert!(!entries.iter().any(|(e, _)| *e == urn(&internal)));
    assert!(!public.body.contains("党内职权丁"));
    assert_eq!(deleted, deleted_before);
    // Markup in a record is text in the feed.
    assert!(public.body.contains("&lt;b&gt;&amp;&lt;/b&gt;"));

    // Conditional GETs of an unchanged feed.
    let etag = public
        .etag
        .clone()
        .ok_or_else(|| anyhow::anyhow!("no ETag"))?;
    let modified = public
        .modified
        .clone()
        .ok_or_else(|| anyhow::anyhow!("no Last-Modified"))?;
    let again = fetch(
        &app,
        "/feeds/powers.atom",
        None,
        Some(("If-None-Match", &etag)),
    )
    .await?;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.etag.as_deref(), Some(etag.as_str()));
    let since = fetch(
        &app,
        "/feeds/powers.atom",
        None,
        Some(("If-Modified-Since", &modified)),
    )
    .await?;
    assert_eq!(since.status, 304);

    // A member sees the party-internal power; the public's validators do not serve them.
    let inside = fetch(&app, "/feeds/powers.atom", Some(&member), None).await?;
    let (member_entries, _) = read(&inside.body)?;
    assert!(member_entries.iter().any(|(e, _)| *e == urn(&internal)));
    assert_ne!(inside.etag, public.etag);

    // Retracted, and narrowed to the party: deleted entries for the public.
    write(
        &app,
        &editor,
        "mutation($id: ID!, $v: Int!) { retract(id: $id, expectedVersion: $v, reason: \"撤回\") { version } }",
        json!({ "id": gone, "v": gone_v }),
    )
    .await?;
    write(
        &app,
        &editor,
        "mutation($id: ID!, $v: Int!) { correctPower(id: $id, expectedVersion: $v, reason: \"范围调整\", input: { scope: PARTY }) { version } }",
        json!({ "id": narrowed, "v": narrowed_v }),
    )
    .await?;
    let changed = fetch(
        &app,
        "/feeds/powers.atom",
        None,
        Some(("If-None-Match", &etag)),
    )
    .await?;
    assert_eq!(changed.status, 200, "a changed feed answered 304");
    let (entries, deleted) = read(&changed.body)?;
    assert!(deleted.contains(&urn(&gone)), "{deleted:?}");
    assert!(deleted.contains(&urn(&narrowed)), "{deleted:?}");
    assert!(entries.iter().any(|(e, _)| *e == urn(&kept)));
    assert!(
        !entries
            .iter()
            .any(|(e, _)| *e == urn(&gone) || *e == urn(&narrowed))
    );
    assert!(!changed.body.contains("公开职权丙的职责"));
    // The member still holds the narrowed power; the retracted one is gone for everyone.
    let (member_entries, member_deleted) = read(
        &fetch(&app, "/feeds/powers.atom", Some(&member), None)
            .await?
            .body,
    )?;
    assert!(member_entries.iter().any(|(e, _)| *e == urn(&narrowed)));
    assert!(member_deleted.contains(&urn(&gone)));
    assert!(!member_deleted.contains(&urn(&narrowed)));
    app.stop().await?;
    Ok(())
}

async fn every_kind_has_a_feed_and_bad_requests_are_refused(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    for name in [
        "sources",
        "organizations",
        "people",
        "posts",
        "memberships",
        "powers",
        "procedures",
        "meetings",
        "decisions",
        "observers",
        "appointments",
        "disciplinaryCases",
        "socialSupervisors",
        "exercises",
        "feedbackAnswers",
        "inspectionReports",
        "dutyReports",
        "evaluationRounds",
    ] {
        let feed = fetch(&app, &format!("/feeds/{name}.atom"), None, None).await?;
        assert_eq!(feed.status, 200, "{name}");
        let (entries, _) = read(&feed.body)?;
        assert!(!entries.is_empty(), "the demo county has public {name}");
    }
    assert_eq!(
        fetch(&app, "/feeds/nothing.atom", None, None).await?.status,
        404
    );
    assert_eq!(
        fetch(&app, "/feeds/powers.rss", None, None).await?.status,
        404
    );
    assert_eq!(
        fetch(&app, "/feeds/powers.atom", Some("not-a-token"), None)
            .await?
            .status,
        401
    );
    app.stop().await?;
    Ok(())
}

on_both_databases!(
    feeds_show_entries_and_deleted_entries_per_scope,
    every_kind_has_a_feed_and_bad_requests_are_refused
);

/// A bulletin's entry carries its crawl as the summary, its body as the content and its
/// publication time, and links to the bulletin's page on the portal, which the public sees.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_link_to_their_pages_and_carry_their_own_times() -> anyhow::Result<()> {
    let app = TestApp::spawn(Backend::Sqlite).await?;
    let body = app
        .client
        .get(app.url("/feeds/bulletins.atom"))
        .send()
        .await?
        .text()
        .await?;
    read(&body)?;
    let doc = roxmltree::Document::parse(&body)?;
    let entry = doc
        .root_element()
        .children()
        .find(|c| c.has_tag_name((ATOM, "entry")))
        .ok_or_else(|| anyhow::anyhow!("no entry"))?;
    let child = |name: &str| {
        entry
            .children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_owned()
    };
    let id = child("id")
        .trim_start_matches("urn:sunlight:record:")
        .to_owned();
    let bulletin = app
        .data(
            "query($id: ID!) { bulletin(id: $id) { crawl body publishedAt updatedAt } }",
            json!({ "id": id }),
        )
        .await?;
    let bulletin = &bulletin["bulletin"];
    assert_eq!(child("summary"), bulletin["crawl"].as_str().unwrap_or("-"));
    assert_eq!(child("content"), bulletin["body"].as_str().unwrap_or("-"));
    let same_time = |atom: String, api: &Value| {
        chrono::DateTime::parse_from_rfc3339(&atom)
            .ok()
            .map(|t| t.timestamp())
            == api
                .as_str()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.timestamp())
    };
    assert!(
        same_time(child("published"), &bulletin["publishedAt"]),
        "{body}"
    );
    assert!(
        same_time(child("updated"), &bulletin["updatedAt"]),
        "{body}"
    );
    let page = app
        .client
        .get(app.url(&format!("/records/{id}")))
        .send()
        .await?;
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await?
            .contains(bulletin["crawl"].as_str().unwrap_or("-"))
    );
    app.stop().await?;
    Ok(())
}
