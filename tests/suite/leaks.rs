//! No leak, tested as an attacker would: a matrix generated from the schema itself. Every role
//! asks every root field for every field of every reachable type, over the canary county; no
//! canary may reach a caller below its scope, and every canary the caller may see does arrive.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use harness::{
    Backend, TestApp, TestDatabase,
    canary::{COUNTY, CanaryCounty, OTHER_COUNTY, RecordState},
    on_both_databases,
};
use serde_json::{Value, json};

/// A role of the matrix and what DOMAIN.md says it may see.
pub(crate) struct Role {
    pub(crate) name: &'static str,
    pub(crate) token: Option<String>,
    party: bool,
    in_audience_a: bool,
    editor_of_owner: bool,
    supervisor: bool,
    admin: bool,
    reviewer: bool,
    media: bool,
    /// Whether the token is limited to jurisdictions: the logs, which hold every
    /// jurisdiction's work, are refused to it.
    limited: bool,
}

impl Role {
    /// Whether the role may see a record of GraphQL type `kind` in `state`.
    pub(crate) fn may_see_record(&self, kind: &str, state: RecordState, audience_a: bool) -> bool {
        let privileged = self.admin || self.supervisor || self.editor_of_owner;
        match state {
            RecordState::Published("PUBLIC") => true,
            RecordState::Published("PARTY") => self.party,
            RecordState::Published(_) => {
                privileged || (self.party && self.in_audience_a && audience_a)
            }
            RecordState::Scheduled => privileged,
            // Within the embargo window, media see bulletins early; nothing else, nobody else.
            RecordState::Soon => privileged || (self.media && kind == "Bulletin"),
            // Reviewers see what waits for review or for publication.
            RecordState::Submitted | RecordState::Approved => privileged || self.reviewer,
            RecordState::Draft => self.admin || self.editor_of_owner,
            RecordState::Retracted => false,
        }
    }

    pub(crate) fn may_see_field(&self, scope: &str, audience_a: bool, state: RecordState) -> bool {
        let in_review = matches!(state, RecordState::Submitted | RecordState::Approved);
        if self.reviewer && in_review {
            // Reviewing includes the secrecy check of the whole record.
            return true;
        }
        match scope {
            "PUBLIC" => true,
            "PARTY" => self.party,
            _ => {
                self.admin
                    || self.supervisor
                    || self.editor_of_owner
                    || (self.party && self.in_audience_a && audience_a)
            }
        }
    }
}

pub(crate) fn roles(app: &TestApp, county: &CanaryCounty) -> anyhow::Result<Vec<Role>> {
    let o = county.orgs;
    let role = |name, token: Option<String>, party, in_a, editor_own, sup, admin| Role {
        name,
        token,
        party,
        in_audience_a: in_a,
        editor_of_owner: editor_own,
        supervisor: sup,
        admin,
        reviewer: name == "reviewer",
        media: name == "media",
        limited: false,
    };
    let limited = |role: Role| Role {
        limited: true,
        ..role
    };
    Ok(vec![
        role("anonymous", None, false, false, false, false, false),
        role(
            "media",
            Some(app.token("media", &[o.a])?),
            false,
            false,
            false,
            false,
            false,
        ),
        role(
            "member",
            Some(app.token("member", &[])?),
            true,
            false,
            false,
            false,
            false,
        ),
        role(
            "official in the audience",
            Some(app.token("official", &[o.a])?),
            true,
            true,
            false,
            false,
            false,
        ),
        role(
            "official below the audience",
            Some(app.token("official", &[o.a1])?),
            true,
            true,
            false,
            false,
            false,
        ),
        role(
            "official above the audience",
            Some(app.token("official", &[o.root])?),
            true,
            false,
            false,
            false,
            false,
        ),
        role(
            "official outside the audience",
            Some(app.token("official", &[o.b])?),
            true,
            false,
            false,
            false,
            false,
        ),
        role(
            "editor of the owner",
            Some(app.token("editor", &[o.owner])?),
            true,
            false,
            true,
            false,
            false,
        ),
        role(
            "editor of another organization",
            Some(app.token("editor", &[o.b])?),
            true,
            false,
            false,
            false,
            false,
        ),
        role(
            "reviewer",
            Some(app.token("reviewer", &[])?),
            true,
            false,
            false,
            false,
            false,
        ),
        role(
            "supervisor",
            Some(app.token("supervisor", &[])?),
            true,
            false,
            false,
            true,
            false,
        ),
        role(
            "admin",
            Some(app.token("admin", &[])?),
            true,
            false,
            false,
            false,
            true,
        ),
        // Limited to another county: of the canary county, what the public sees, whatever the
        // role.
        limited(role(
            "editor of another county",
            Some(app.token_within("editor", &[o.elsewhere], &[OTHER_COUNTY])?),
            false,
            false,
            false,
            false,
            false,
        )),
        limited(role(
            "official of another county",
            Some(app.token_within("official", &[o.elsewhere], &[OTHER_COUNTY])?),
            false,
            false,
            false,
            false,
            false,
        )),
        limited(role(
            "reviewer of another county",
            Some(app.token_within("reviewer", &[], &[OTHER_COUNTY])?),
            false,
            false,
            false,
            false,
            false,
        )),
        limited(role(
            "supervisor of another county",
            Some(app.token_within("supervisor", &[], &[OTHER_COUNTY])?),
            false,
            false,
            false,
            false,
            false,
        )),
        limited(role(
            "admin of another county",
            Some(app.token_within("admin", &[], &[OTHER_COUNTY])?),
            false,
            false,
            false,
            false,
            false,
        )),
    ])
}

const INTROSPECTION: &str =
    "{ __schema { queryType { name } types { name kind possibleTypes { name } fields { name
    args { name type { kind ofType { kind } } }
    type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";

/// The named type at the bottom of a type reference, and its kind.
fn named(ty: &Value) -> (String, String) {
    let mut t = ty;
    while t["name"].is_null() && !t["ofType"].is_null() {
        t = &t["ofType"];
    }
    (
        t["kind"].as_str().unwrap_or_default().to_owned(),
        t["name"].as_str().unwrap_or_default().to_owned(),
    )
}

/// The schema's types with every interface implemented by `kind` alone, so that a selection
/// made from them expands a record of any kind as that kind only.
fn narrowed(types: &HashMap<String, Value>, kind: &str) -> HashMap<String, Value> {
    let mut only = types.clone();
    for t in only.values_mut() {
        if t["kind"] == "INTERFACE" {
            t["possibleTypes"] = json!([{ "name": kind }]);
        }
    }
    only
}

/// A selection of every field of `type_name`, following object fields `depth` levels down.
fn selection(types: &HashMap<String, Value>, type_name: &str, depth: usize) -> String {
    let mut parts = vec!["__typename".to_owned()];
    // An interface: every field of every type that implements it.
    if let Some(possible) = types
        .get(type_name)
        .and_then(|t| t["possibleTypes"].as_array())
    {
        for t in possible.iter().filter_map(|t| t["name"].as_str()) {
            parts.push(format!("... on {t} {{ {} }}", selection(types, t, depth)));
        }
        return parts.join(" ");
    }
    let fields = types
        .get(type_name)
        .and_then(|t| t["fields"].as_array().cloned())
        .unwrap_or_default();
    for field in fields {
        let required_args = field["args"]
            .as_array()
            .is_some_and(|args| args.iter().any(|a| a["type"]["kind"] == "NON_NULL"));
        if required_args {
            continue;
        }
        let name = field["name"].as_str().unwrap_or_default();
        let (kind, inner) = named(&field["type"]);
        match kind.as_str() {
            "SCALAR" | "ENUM" => parts.push(name.to_owned()),
            "INTERFACE" if depth > 0 => parts.push(format!(
                "{name} {{ {} }}",
                selection(types, &inner, depth - 1)
            )),
            "OBJECT" if depth > 0 => parts.push(format!(
                "{name} {{ {} }}",
                selection(types, &inner, depth - 1)
            )),
            _ => {}
        }
    }
    parts.join(" ")
}

/// The `SearchKind` value of a record type, for the kinds search covers.
fn search_kind(type_name: &str) -> Option<String> {
    if type_name == "Membership" {
        return None;
    }
    let mut out = String::new();
    for (i, c) in type_name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    Some(out)
}

pub(crate) fn canaries_in(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("CANARY") {
        let tail = &rest[at..];
        let len = 6 + tail[6..].chars().take_while(|c| c.is_ascii_digit()).count();
        found.insert(tail[..len].to_owned());
        rest = &tail[len..];
    }
    found
}

/// Keeps every row of every kind as a version of itself.
async fn keep_versions(db: &sea_orm::DatabaseConnection) -> anyhow::Result<()> {
    async fn keep<E>(db: &sea_orm::DatabaseConnection) -> anyhow::Result<()>
    where
        E: sunlight::store::Record,
        E::Model: serde::Serialize,
    {
        for model in E::find().all(db).await? {
            sunlight::store::versions::keep::<E>(
                db,
                &model,
                chrono::Utc::now(),
                Some("更正"),
                false,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        }
        Ok(())
    }
    // Every kind, from the list of kinds, so that a kind added is walked at once.
    macro_rules! keep_every_kind {
        ([$db:ident] $($Kind:ident: $module:ident, $table:literal, $doc:literal;)+) => {
            $(keep::<entity::$module::Entity>($db).await?;)+
        };
    }
    entity::kinds!({ keep_every_kind }[db]);
    Ok(())
}

/// For every RESTRICTED record shown to organization A, keeps one more version of it, with
/// fresh canaries, that was shown to organization B instead: as if the record had been
/// corrected from B's audience to A's. Only those who see every RESTRICTED record of the owner
/// may see that version's canaries; A's members see the record and never that version.
async fn keep_versions_for_another_audience(
    db: &sea_orm::DatabaseConnection,
    county: &mut CanaryCounty,
) -> anyhow::Result<usize> {
    use entity::record_version::{ActiveModel, Column, Entity};
    use sea_orm::{
        ActiveModelTrait as _, ActiveValue::Set, ColumnTrait as _, EntityTrait as _,
        QueryFilter as _,
    };
    let mut next = 900_000;
    let mut kept = 0;
    let restricted_to_a: Vec<(&'static str, i64)> = county
        .records
        .iter()
        .flat_map(|(node, records)| {
            records
                .iter()
                .filter(|(_, state, a)| *a && *state == RecordState::Published("RESTRICTED"))
                .map(|(id, _, _)| (*node, *id))
        })
        .collect();
    for (node, id) in restricted_to_a {
        let Some(kind) = sunlight::store::kind_named(node) else {
            continue;
        };
        let Some(shown) = Entity::find()
            .filter(Column::RecordKind.eq(kind))
            .filter(Column::RecordId.eq(id))
            .one(db)
            .await?
        else {
            continue;
        };
        let mut snapshot = String::new();
        let mut rest = shown.snapshot.as_str();
        while let Some(at) = rest.find("CANARY") {
            snapshot.push_str(&rest[..at]);
            let tail = &rest[at..];
            let len = 6 + tail[6..].chars().take_while(|c| c.is_ascii_digit()).count();
            let old = &tail[..len];
            let fresh = format!("CANARY{next}");
            next += 1;
            if let Some(canary) = county.canaries.get(old).cloned() {
                county.canaries.insert(
                    fresh.clone(),
                    harness::canary::Canary {
                        audience_a: false,
                        ..canary
                    },
                );
            }
            snapshot.push_str(&fresh);
            rest = &tail[len..];
        }
        snapshot.push_str(rest);
        ActiveModel {
            id: sea_orm::ActiveValue::NotSet,
            record_kind: Set(kind),
            record_id: Set(id),
            version: Set(shown.version + 1_000),
            shown_at: Set(chrono::Utc::now()),
            reason: Set(Some("改发他单位".into())),
            snapshot: Set(snapshot),
            withdrawn: Set(false),
            audience: Set(Some(
                json!({ "organizations": [county.orgs.b], "persons": [] }).to_string(),
            )),
        }
        .insert(db)
        .await?;
        kept += 1;
    }
    Ok(kept)
}

async fn no_canary_reaches_a_caller_below_its_scope(backend: Backend) -> anyhow::Result<()> {
    let database = TestDatabase::empty(backend).await?;
    let mut config = database.config();
    config.seed_demo = false;
    let app = TestApp::spawn_with(database, config).await?;
    let mut county = CanaryCounty::load(app.db()?).await?;
    // Each record also has a kept version of itself, so that `versions` is walked like the
    // record: its values must follow the same field rules.
    keep_versions(app.db()?).await?;
    // And each RESTRICTED record has a version shown to another audience than its own today.
    let moved = keep_versions_for_another_audience(app.db()?, &mut county).await?;
    assert!(moved >= 10, "only {moved} versions for another audience");
    // And an event in the change feed, as records loaded beside the API get at start.
    sunlight::store::changes::backfill(app.db()?, chrono::TimeDelta::hours(24))
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    assert!(
        county.canaries.len() > 300,
        "only {} canaries",
        county.canaries.len()
    );

    let schema = app.data(INTROSPECTION, json!({})).await?;
    let types: HashMap<String, Value> = schema["__schema"]["types"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| Some((t["name"].as_str()?.to_owned(), t)))
        .collect();
    let root = types
        .get("Query")
        .and_then(|q| q["fields"].as_array().cloned())
        .unwrap_or_default();

    let node_kinds: BTreeSet<&str> = types
        .get("Node")
        .and_then(|t| t["possibleTypes"].as_array())
        .map(|p| p.iter().filter_map(|t| t["name"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        node_kinds.len() >= 10,
        "Node has {} kinds",
        node_kinds.len()
    );

    // Every root field becomes queries: connections ask for a full page, lookups ask for every
    // canary record of their kind by id, in one aliased query per kind.
    let mut queries: Vec<(String, String, Value)> = Vec::new();
    let mut connections: Vec<(String, String)> = Vec::new();
    // The logs: for supervisors and admins only, refused to everyone else.
    let mut logs: Vec<(String, String)> = Vec::new();
    for field in &root {
        let name = field["name"].as_str().unwrap_or_default().to_owned();
        let (_, ty) = named(&field["type"]);
        let takes_id = field["args"]
            .as_array()
            .is_some_and(|a| a.iter().any(|a| a["name"] == "id"));
        if name == "search" {
            // Every canary record of each kind holds the word CANARY in every text field; a
            // page holds them all (ten records per kind), and the selection of every field of
            // every kind stays within the complexity limit.
            for kind in county.records.keys().filter(|k| node_kinds.contains(*k)) {
                if let Some(search) = search_kind(kind) {
                    // The hits are of this kind only: the interface of the hit's record
                    // expands to it alone, which keeps the query within the field limit.
                    let only = narrowed(&types, kind);
                    queries.push((
                        name.clone(),
                        format!(
                            "{{ search(query: \"CANARY\", kinds: [{search}], first: 12) {{ {} }} }}",
                            selection(&only, &ty, 4)
                        ),
                        json!({}),
                    ));
                }
            }
        } else if FEEDBACK.contains(&name.as_str()) {
            // Submissions are no records of the canary county: `feedback::no_submission_
            // reaches_anyone_but_its_handlers` walks these fields, and every other door,
            // with submissions of its own.
            continue;
        } else if name == "evaluationComments" {
            // The comments of ballots are no records of the canary county:
            // `evaluations::members_vote_once_by_token_and_the_public_once_per_code` casts
            // ballots of its own and walks this field, and every other door, for them.
            continue;
        } else if LOGS.contains(&name.as_str()) {
            logs.push((
                name.clone(),
                format!(
                    "{{ {name}(first: 30) {{ {} }} }}",
                    selection(&types, &ty, 4)
                ),
            ));
        } else if ty.ends_with("Connection") {
            let node = ty.trim_end_matches("Connection").to_owned();
            // A bulletin's `related` is any record: the canary bulletins relate decisions, so
            // it expands to decisions only, and a page of twelve (all ten canary bulletins)
            // keeps that query within the complexity limit.
            let (first, types) = if node == "Bulletin" {
                (12, narrowed(&types, "Decision"))
            } else {
                (30, types.clone())
            };
            queries.push((
                name.clone(),
                format!(
                    "{{ {name}(first: {first}) {{ {} }} }}",
                    selection(&types, &ty, 4)
                ),
                json!({}),
            ));
            connections.push((name, node));
        } else if name == "node" {
            // Every record of every kind, by global id alone.
            let query = format!(
                "query($id: ID!) {{ node(id: $id) {{ {} }} }}",
                selection(&types, &ty, 1)
            );
            for (kind, records) in &county.records {
                if !node_kinds.contains(kind) {
                    continue;
                }
                for (id, _, _) in records {
                    let gid = app.ids().encode(kind, *id).0;
                    queries.push((name.clone(), query.clone(), json!({ "id": gid })));
                }
            }
        } else if name == "nodes" {
            let query = format!(
                "query($ids: [ID!]!) {{ nodes(ids: $ids) {{ {} }} }}",
                selection(&types, &ty, 1)
            );
            for (kind, records) in &county.records {
                if node_kinds.contains(kind) {
                    let ids: Vec<String> = records
                        .iter()
                        .map(|(id, _, _)| app.ids().encode(kind, *id).0)
                        .collect();
                    queries.push((name.clone(), query.clone(), json!({ "ids": ids })));
                }
            }
        } else if name == "jurisdiction" {
            // Jurisdictions are public facts; the canary county's, with all it shows.
            queries.push((
                name.clone(),
                format!(
                    "{{ {name}(divisionCode: \"{COUNTY}\") {{ {} }} }}",
                    selection(&types, &ty, 3)
                ),
                json!({}),
            ));
        } else if takes_id {
            let ids: Vec<i64> = county
                .records
                .get(ty.as_str())
                .map(|r| r.iter().map(|(id, _, _)| *id).collect())
                .unwrap_or_default();
            assert!(
                !ids.is_empty(),
                "no canary record for the lookup {name}: {ty}"
            );
            // A bulletin's `related` expands to decisions only, as in the list above, to stay
            // within the field limit.
            let types = if ty == "Bulletin" {
                narrowed(&types, "Decision")
            } else {
                types.clone()
            };
            let query = format!(
                "query($id: ID!) {{ {name}(id: $id) {{ {} }} }}",
                selection(&types, &ty, 3)
            );
            for id in ids {
                let gid = app.ids().encode(&ty, id).0;
                queries.push((name.clone(), query.clone(), json!({ "id": gid })));
            }
        } else if name == "document" {
            // A document by name: `documents::no_document_reaches_a_caller_who_may_not_see_it`
            // asks it, and `GET /documents/{name}`, for every canary document and role.
            continue;
        } else if matches!(types[&ty]["kind"].as_str(), Some("SCALAR" | "ENUM")) {
            queries.push((name.clone(), format!("{{ {name} }}"), json!({})));
        } else {
            queries.push((
                name.clone(),
                format!("{{ {name} {{ {} }} }}", selection(&types, &ty, 2)),
                json!({}),
            ));
        }
    }

    let mut lookup_kinds: BTreeSet<&str> = root
        .iter()
        .filter(|f| {
            f["args"]
                .as_array()
                .is_some_and(|a| a.iter().any(|a| a["name"] == "id"))
        })
        .map(|f| named(&f["type"]).1)
        .collect::<Vec<_>>()
        .iter()
        .filter_map(|t| county.records.keys().find(|k| *k == t).copied())
        .collect();
    lookup_kinds.extend(node_kinds.iter().copied());

    for role in roles(&app, &county)? {
        let mut seen = BTreeSet::new();
        for (name, query, variables) in &queries {
            let (status, body) = app
                .graphql_as(role.token.as_deref(), query, variables.clone())
                .await?;
            // Snippets mark matches inside words; the text without the marks is what shows.
            let text = body
                .to_string()
                .replace("<mark>", "")
                .replace("</mark>", "");
            let short: String = text.chars().take(600).collect();
            assert_eq!(status, 200, "{} / {name}: {short}", role.name);
            let errors = body
                .get("errors")
                .map(|e| e.to_string().chars().take(600).collect::<String>());
            assert!(errors.is_none(), "{} / {name}: {errors:?}", role.name);
            seen.extend(canaries_in(&text));
        }
        for (name, query) in &logs {
            let (status, body) = app
                .graphql_as(role.token.as_deref(), query, json!({}))
                .await?;
            assert_eq!(status, 200, "{} / {name}: {body}", role.name);
            if (role.supervisor || role.admin) && !role.limited {
                assert!(
                    body.get("errors").is_none(),
                    "{} / {name}: {body}",
                    role.name
                );
                seen.extend(canaries_in(&body.to_string()));
            } else {
                assert_eq!(
                    body["errors"][0]["extensions"]["code"], "FORBIDDEN",
                    "{} / {name}: {body}",
                    role.name
                );
                assert_eq!(body["data"], Value::Null, "{} / {name}", role.name);
            }
        }
        for canary in &seen {
            let c = county
                .canaries
                .get(canary)
                .ok_or_else(|| anyhow::anyhow!("unknown canary {canary}"))?;
            assert!(
                role.may_see_record(c.node.0, c.state, c.audience_a)
                    && role.may_see_field(c.field_scope, c.audience_a, c.state),
                "LEAK: {} saw {}.{} of a {:?} record (field needs {})",
                role.name,
                c.table,
                c.column,
                c.state,
                c.field_scope
            );
        }
        // The other way round: what the role may see does arrive, for every kind with a lookup.
        for (canary, c) in &county.canaries {
            let direct = lookup_kinds.contains(c.node.0) && c.table != "procedure_steps";
            if direct
                && role.may_see_record(c.node.0, c.state, c.audience_a)
                && role.may_see_field(c.field_scope, c.audience_a, c.state)
            {
                assert!(
                    seen.contains(canary),
                    "{} did not get {}.{} of a {:?} record",
                    role.name,
                    c.table,
                    c.column,
                    c.state
                );
            }
        }
        // Search finds exactly the records the role may see, and counts them.
        for (kind, records) in &county.records {
            let Some(search) = search_kind(kind).filter(|_| node_kinds.contains(kind)) else {
                continue;
            };
            let body = app
                .graphql_as(
                    role.token.as_deref(),
                    &format!(
                        "{{ search(query: \"canary\", kinds: [{search}], first: 100) {{
                            totalCount totalCountIsExact edges {{ node {{ record {{ id }} }} }} }} }}"
                    ),
                    json!({}),
                )
                .await?
                .1;
            let found: BTreeSet<String> = body["data"]["search"]["edges"]
                .as_array()
                .map(|edges| {
                    edges
                        .iter()
                        .filter_map(|e| e["node"]["record"]["id"].as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let expected: BTreeSet<String> = records
                .iter()
                .filter(|(_, s, a)| role.may_see_record(kind, *s, *a))
                .map(|(id, _, _)| app.ids().encode(kind, *id).0)
                .collect();
            assert_eq!(found, expected, "{} / search {kind}: {body}", role.name);
            assert_eq!(
                body["data"]["search"]["totalCount"],
                json!(expected.len()),
                "{} / search {kind} totalCount",
                role.name
            );
            assert_eq!(
                body["data"]["search"]["totalCountIsExact"],
                json!(true),
                "{} / search {kind}: fewer than a window match",
                role.name
            );
        }
        // The change feed holds exactly the records the role may see, and its Atom feeds
        // nothing beyond them.
        for (kind, records) in &county.records {
            if !node_kinds.contains(kind) {
                continue;
            }
            let Some(enum_name) = search_kind(kind).or_else(|| Some("MEMBERSHIP".to_owned()))
            else {
                continue;
            };
            let body = app
                .graphql_as(
                    role.token.as_deref(),
                    &format!(
                        "{{ changes(kinds: [{enum_name}], first: 1000) {{ events {{ recordId operation }} }} }}"
                    ),
                    json!({}),
                )
                .await?
                .1;
            let canary_ids: BTreeSet<String> = records
                .iter()
                .map(|(id, _, _)| app.ids().encode(kind, *id).0)
                .collect();
            let found: BTreeSet<String> = body["data"]["changes"]["events"]
                .as_array()
                .map(|events| {
                    events
                        .iter()
                        .filter(|e| e["operation"] == "UPSERT")
                        .filter_map(|e| e["recordId"].as_str().map(str::to_owned))
                        .filter(|id| canary_ids.contains(id))
                        .collect()
                })
                .unwrap_or_default();
            let expected: BTreeSet<String> = records
                .iter()
                .filter(|(_, s, a)| role.may_see_record(kind, *s, *a))
                .map(|(id, _, _)| app.ids().encode(kind, *id).0)
                .collect();
            assert_eq!(found, expected, "{} / changes {kind}: {body}", role.name);
        }
        // Every kind's feed, from the list of kinds, so that a kind added is walked at once.
        for kind in <entity::enums::RecordKind as sea_orm::Iterable>::iter() {
            let feed = sunlight::graphql::kinds::list_field(kind);
            let mut request = app.client.get(app.url(&format!("/feeds/{feed}.atom")));
            if let Some(token) = &role.token {
                request = request.bearer_auth(token);
            }
            let response = request.send().await?;
            assert_eq!(
                response.status().as_u16(),
                200,
                "{} / {feed}.atom",
                role.name
            );
            let text = response.text().await?;
            for canary in canaries_in(&text) {
                let c = county
                    .canaries
                    .get(&canary)
                    .ok_or_else(|| anyhow::anyhow!("unknown canary {canary}"))?;
                assert!(
                    role.may_see_record(c.node.0, c.state, c.audience_a)
                        && role.may_see_field(c.field_scope, c.audience_a, c.state),
                    "LEAK: {} saw {}.{} of a {:?} record in {feed}.atom",
                    role.name,
                    c.table,
                    c.column,
                    c.state
                );
            }
        }
        // Counts count exactly what the role may see.
        for (field, node) in &connections {
            let data = app
                .graphql_as(
                    role.token.as_deref(),
                    &format!("{{ {field} {{ totalCount }} }}"),
                    json!({}),
                )
                .await?
                .1;
            let plain = plain_records(node);
            let visible = county
                .records
                .get(node.as_str())
                .map(|r| {
                    r.iter()
                        .filter(|(_, s, a)| role.may_see_record(node, *s, *a))
                        .count()
                })
                .unwrap_or(0);
            assert_eq!(
                data["data"][field]["totalCount"],
                json!(plain + visible),
                "{} / {field} totalCount",
                role.name
            );
        }
    }
    audit_log_shows_changes_only_of_records_the_reader_may_see(&app, &county).await?;
    app.stop().await?;
    Ok(())
}

/// The plain public records of type `node` in the canary county, which hold no canary: the
/// organizations and the records that canary records hang from.
pub(crate) fn plain_records(node: &str) -> usize {
    match node {
        // The five of the canary county and the one of the other county.
        "Organization" => 6,
        "Person" | "Post" | "Procedure" | "Power" | "Meeting" => 1,
        _ => 0,
    }
}

/// The root fields that read the logs.
const LOGS: [&str; 2] = ["auditLog", "accessLog"];

/// The root fields of the way back.
const FEEDBACK: [&str; 3] = ["feedbackStatus", "feedbackCase", "feedbackCases"];

/// Every canary in the changes of the audit entries written by `canary-writer`, read as
/// `token`: paged to the end. The error code instead, if the read is refused.
async fn audit_canaries(
    app: &TestApp,
    token: Option<&str>,
) -> anyhow::Result<Result<BTreeSet<String>, String>> {
    let mut seen = BTreeSet::new();
    let mut after = Value::Null;
    loop {
        let (_, body) = app
            .graphql_as(
                token,
                "query($a: String) { auditLog(filter: { actor: \"canary-writer\" }, first: 100, after: $a) {
                    pageInfo { hasNextPage endCursor }
                    edges { node { record note changeWithheld change { before after } } } } }",
                json!({ "a": after }),
            )
            .await?;
        if let Some(code) = body["errors"][0]["extensions"]["code"].as_str() {
            return Ok(Err(code.to_owned()));
        }
        seen.extend(canaries_in(&body.to_string()));
        let page = &body["data"]["auditLog"]["pageInfo"];
        if page["hasNextPage"] != true {
            return Ok(Ok(seen));
        }
        after = page["endCursor"].clone();
    }
}

/// Each canary record is written into the audit log with its canaries: supervisors read the
/// change only of records they may see, admins read every change, nobody else reads the log.
async fn audit_log_shows_changes_only_of_records_the_reader_may_see(
    app: &TestApp,
    county: &CanaryCounty,
) -> anyhow::Result<()> {
    let mut by_record: BTreeMap<(&str, i64), Vec<&String>> = BTreeMap::new();
    for (canary, c) in &county.canaries {
        by_record.entry(c.node).or_default().push(canary);
    }
    let db = app.db()?;
    let mut written = BTreeSet::new();
    for ((kind, id), canaries) in &by_record {
        // Parts (steps, transitions) are not records of their own.
        let Some(record) = sunlight::store::kind_named(kind).map(|k| (k, *id)) else {
            continue;
        };
        let txn = sunlight::db::begin_write(db).await?;
        sunlight::audit::append(
            &txn,
            &sunlight::audit::Entry {
                actor: "canary-writer",
                person: None,
                role: "editor",
                action: "update",
                record: Some(record),
                before: None,
                after: Some(json!({ "texts": canaries })),
                note: None,
            },
        )
        .await?;
        txn.commit().await?;
        written.extend(canaries.iter().map(|c| (*c).clone()));
    }
    assert!(
        written.len() > 200,
        "only {} canaries written",
        written.len()
    );
    for role in roles(app, county)? {
        let seen = audit_canaries(app, role.token.as_deref()).await?;
        if !(role.supervisor || role.admin) || role.limited {
            assert_eq!(seen, Err("FORBIDDEN".to_owned()), "{}", role.name);
            continue;
        }
        let seen = seen.map_err(|code| anyhow::anyhow!("{}: {code}", role.name))?;
        for canary in &written {
            let c = &county.canaries[canary];
            // Admins read every entry's change; supervisors those of records visible to them.
            let may = role.admin || role.may_see_record(c.node.0, c.state, c.audience_a);
            assert_eq!(
                seen.contains(canary),
                may,
                "{} / audit log: {}.{} of a {:?} record",
                role.name,
                c.table,
                c.column,
                c.state
            );
        }
    }
    Ok(())
}

on_both_databases!(no_canary_reaches_a_caller_below_its_scope);
