//! Atom feeds (RFC 4287) at `/feeds/{kind}.atom`: the latest changes of one kind of record as
//! the caller sees them, each record once at its latest state; records that left the caller's
//! sight (retracted, narrowed) as deleted entries (RFC 6721). Without a token the public's
//! scope, with one the token's. `ETag` and `Last-Modified` on every answer, and 304 Not
//! Modified for a conditional GET that already holds it.

use std::{collections::HashSet, time::SystemTime};

use async_graphql::Variables;
use axum::{
    extract::{Path, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::Response,
};
use chrono::{DateTime, SecondsFormat, Utc};
use entity::enums::RecordKind;
use serde_json::{Value, json};

use super::{AppState, errors};
use crate::graphql::run::Run;
use crate::{
    error::Code,
    store::{changes::Event, name_of},
};

/// Entries in a feed: the records of the latest this many events.
pub const ENTRIES: u64 = 50;

/// The feed's name in the URL of each kind: the list field of the schema, as for exports.
pub fn feed_name(kind: RecordKind) -> &'static str {
    crate::export::list_field(kind)
}

/// The feed's title, the entry title of a record without one, and the selection that reads
/// an entry's title and summary (as `title` and `summary`) for a kind.
fn describe(kind: RecordKind) -> (&'static str, &'static str, &'static str) {
    let feed = crate::graphql::kinds::feed(kind);
    (feed.title, feed.untitled, feed.selection)
}

/// `GET /feeds/{name}`: the Atom feed of the kind named, for the caller.
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    request: Request,
) -> Response {
    use sea_orm::Iterable as _;
    let kind = file
        .strip_suffix(".atom")
        .and_then(|name| RecordKind::iter().find(|kind| feed_name(*kind) == name));
    let Some(kind) = kind else {
        return errors::refusal(
            StatusCode::NOT_FOUND,
            Code::NotFound,
            "there is no such feed; feeds are /feeds/{kind}.atom, e.g. /feeds/powers.atom",
        );
    };
    let (parts, _) = request.into_parts();
    let headers = parts.headers.clone();
    let caller = match super::caller_of(&state, &headers, &parts.extensions).await {
        Ok(caller) => caller,
        Err(refusal) => return *refusal,
    };
    let jurisdiction = match super::jurisdiction_param(&state, &parts).await {
        Ok(j) => j,
        Err(refusal) => return refusal,
    };
    match build(&state, &caller, kind, jurisdiction.as_ref()).await {
        Ok((body, updated)) => answer(&headers, body, updated, caller.subject().is_some()),
        Err(error) => {
            tracing::error!(?error, "could not build a feed");
            errors::unavailable()
        }
    }
}

/// The events of the feed: each record once, at its latest event.
fn latest_per_record(events: Vec<Event>) -> Vec<Event> {
    let mut seen = HashSet::new();
    events
        .into_iter()
        .filter(|event| seen.insert(event.id))
        .collect()
}

/// The feed's document and the time of its newest event.
async fn build(
    state: &AppState,
    caller: &crate::access::Caller,
    kind: RecordKind,
    jurisdiction: Option<&(String, String)>,
) -> anyhow::Result<(String, Option<DateTime<Utc>>)> {
    let key = jurisdiction.and_then(|(id, _)| {
        state
            .store
            .ids()
            .decode("Jurisdiction", &async_graphql::ID(id.clone()))
    });
    let events = state
        .store
        .latest_changes(caller, &[kind], key, ENTRIES)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let last_event = events.first().map(|event| event.at);
    let events = latest_per_record(events);
    let shown: Vec<String> = events
        .iter()
        .filter(|event| event.shown)
        .map(|event| state.store.ids().encode(name_of(kind), event.id).0)
        .collect();
    let records = read_entries(state, caller, kind, &shown).await?;
    // The feed changed when its newest record did, or when a record left it.
    let updated = records
        .iter()
        .filter_map(|record| time_of(&record["updatedAt"]))
        .chain(events.iter().filter(|e| !e.shown).map(|e| e.at))
        .max()
        .or(last_event);
    let (feed_title, untitled, _) = describe(kind);
    let name = feed_name(kind);
    let mut xml = String::with_capacity(4096);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" \
         xmlns:at=\"http://purl.org/atompub/tombstones/1.0\">\n",
    );
    // A feed of one jurisdiction is a feed of its own, with its own id and address.
    let (suffix, query) = match jurisdiction {
        Some((id, code)) => (format!(":{id}"), format!("?jurisdiction={code}")),
        None => (String::new(), String::new()),
    };
    push_element(&mut xml, "id", &format!("urn:sunlight:feed:{name}{suffix}"));
    push_element(&mut xml, "title", feed_title);
    push_element(&mut xml, "updated", &timestamp(updated.unwrap_or_default()));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"/feeds/{}.atom{}\"/>\n",
        crate::xml::escape(name),
        crate::xml::escape(&query)
    ));
    xml.push_str("  <author><name>Sunlight</name></author>\n");
    xml.push_str("  <generator>Sunlight</generator>\n");
    for event in &events {
        let id = state.store.ids().encode(name_of(kind), event.id).0;
        let entry_id = format!("urn:sunlight:record:{id}");
        if !event.shown {
            xml.push_str(&format!(
                "  <at:deleted-entry ref=\"{}\" when=\"{}\"/>\n",
                crate::xml::escape(&entry_id),
                timestamp(event.at)
            ));
            continue;
        }
        // Seen in the feed but out of sight now: a later event, beyond this page, says so.
        let Some(record) = records.iter().find(|r| r["id"] == json!(id)) else {
            continue;
        };
        let title = record["title"].as_str().unwrap_or(untitled);
        xml.push_str("  <entry>\n");
        push_element_indented(&mut xml, "id", &entry_id);
        push_element_indented(&mut xml, "title", title);
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            crate::xml::escape(&crate::record::page_path(&id))
        ));
        if let Some(published) = time_of(&record["publishedAt"]) {
            push_element_indented(&mut xml, "published", &timestamp(published));
        }
        let changed = time_of(&record["updatedAt"]).unwrap_or(event.at);
        push_element_indented(&mut xml, "updated", &timestamp(changed));
        xml.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            crate::xml::escape(name_of(kind)),
            crate::xml::escape(feed_title)
        ));
        let summary = record["summary"].as_str().filter(|s| !s.is_empty());
        if let Some(summary) = summary {
            push_element_indented(&mut xml, "summary", summary);
        }
        let content = record["content"].as_str().or(summary).unwrap_or(title);
        push_element_indented(&mut xml, "content", content);
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    Ok((xml, updated))
}

/// The titles and summaries of the records `ids`, read through the schema as the caller, so
/// that every field rule applies; records the caller does not see are left out.
async fn read_entries(
    state: &AppState,
    caller: &crate::access::Caller,
    kind: RecordKind,
    ids: &[String],
) -> anyhow::Result<Vec<Value>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let (_, _, selection) = describe(kind);
    let query = format!(
        "query($ids: [ID!]!) {{ nodes(ids: $ids) {{ id ... on {} {{ {selection} publishedAt updatedAt }} }} }}",
        name_of(kind)
    );
    let run = Run::new(&state.access_log, caller.clone());
    let request = run.prepare(
        &state.store,
        async_graphql::Request::new(query).variables(Variables::from_json(json!({ "ids": ids }))),
    );
    let response = state.schema.execute(request).await;
    run.finish(&state.access_log, "feed");
    anyhow::ensure!(
        response.errors.is_empty(),
        "the feed's query failed: {:?}",
        response.errors
    );
    let data = response.data.into_json()?;
    Ok(data["nodes"]
        .as_array()
        .map(|nodes| nodes.iter().filter(|n| !n.is_null()).cloned().collect())
        .unwrap_or_default())
}

/// The answer: 304 when the client's copy is current, else the feed, with its validators.
fn answer(
    headers: &HeaderMap,
    body: String,
    updated: Option<DateTime<Utc>>,
    private: bool,
) -> Response {
    let etag = super::validators::etag(body.as_bytes());
    let modified: SystemTime = updated.unwrap_or_default().into();
    let unchanged = match super::validators::held(headers, &etag) {
        Some(held) => held,
        None => headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok())
            .is_some_and(|since| {
                // HTTP dates count whole seconds.
                let whole = updated.map_or(0, |u| u.timestamp());
                since >= std::time::UNIX_EPOCH + std::time::Duration::from_secs(whole as u64)
            }),
    };
    let mut response = super::validators::answer(
        "application/atom+xml; charset=utf-8",
        body,
        &etag,
        unchanged,
        private,
    );
    if let Ok(value) = HeaderValue::from_str(&httpdate::fmt_http_date(modified)) {
        response.headers_mut().insert(header::LAST_MODIFIED, value);
    }
    response
}

/// The time a record's field holds, if any.
fn time_of(value: &Value) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value.as_str()?)
        .ok()
        .map(|at| at.to_utc())
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn push_element(xml: &mut String, name: &str, text: &str) {
    xml.push_str(&format!(
        "  <{name}>{}</{name}>\n",
        crate::xml::escape(text)
    ));
}

fn push_element_indented(xml: &mut String, name: &str, text: &str) {
    xml.push_str(&format!(
        "    <{name}>{}</{name}>\n",
        crate::xml::escape(text)
    ));
}
