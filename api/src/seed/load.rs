//! Loading a county from data files through the one write path.
//!
//! Each file holds the records of one kind as a JSON list. An entry is the input that kind's
//! `create…` mutation takes, with other records named by their keys instead of their ids, and
//! around it what happened to the record: who owns it, the day its life centres on and how far
//! it went through 提出 → 审核 → 审批 → 实施:
//!
//! ```json
//! { "key": "县委办", "owner": "县委办", "on": "2011-01-10", "life": "published",
//!   "input": { "name": "中共门源县委办公室", "kind": "DEPARTMENT", "parent": "县委", … } }
//! ```
//!
//! Every record is created as a draft by the loader's editor, with the input checks of the
//! mutations and the store's rules; references to records of a later entry are set by an update
//! once every record exists; then, in the order of their times, each record is submitted, approved
//! by the loader's reviewer (another person, as the four-eyes rule wants), published at its time,
//! and corrected or retracted where its life says so. The store's clock is set to each step's
//! time, so records, versions, audit entries and change-feed events carry the county's own days.
//! Everything runs in one transaction: a bad entry leaves the database as it was, and the error
//! names the file, the entry and the input field at fault.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use entity::enums::RecordKind;
use sea_orm::{DatabaseTransaction, EntityTrait as _};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::{
    access::{Caller, OrgTree},
    clock::Clock,
    error::{AppError, AppResult},
    graphql::{edit::Load, kinds::write_json},
    store::{Store, edit::Target, with_record, workflow::Step},
};

/// One data file: the kind of its records, its name in messages, and its text.
pub struct DataFile {
    /// The kind of every record in the file.
    pub kind: RecordKind,
    /// The file's name, for messages.
    pub name: &'static str,
    /// The JSON text.
    pub text: &'static str,
}

/// How far a record went.
#[derive(Debug, Default, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Life {
    /// Created, never submitted.
    Draft,
    /// Submitted for review.
    Submitted,
    /// Approved, not yet published.
    Approved,
    /// Published at 10:00 on its day.
    #[default]
    Published,
    /// Published, then corrected (更正) on the day `changed`.
    Corrected,
    /// Published, then retracted (撤回) on the day `changed`.
    Retracted,
    /// Approved when the data is loaded and scheduled to be published `publishInHours` later.
    Scheduled,
}

/// One entry of a data file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Entry {
    /// The name other entries give the record; by default its natural key (a person's name, a
    /// power's or procedure's code, a decision's title, a case's number).
    key: Option<String>,
    /// The key of the owning organization; an organization without one owns itself.
    owner: Option<String>,
    /// The day the record's life centres on: entered two days before at 09:00, submitted the
    /// day before at 09:00, approved at 15:00, published at 10:00 on the day (China time).
    on: Option<NaiveDate>,
    #[serde(default)]
    life: Life,
    /// The day of the correction or retraction (at 16:30).
    changed: Option<NaiveDate>,
    /// Why it was corrected or retracted.
    reason: Option<String>,
    /// For `scheduled`: hours from the load to the publication.
    publish_in_hours: Option<i64>,
    /// The mutation's input, with keys for ids.
    input: Map<String, Value>,
}

/// The input field that names a record of another kind, per kind; `a.b` is the field `b` of
/// each element of the list `a`. Every kind may also name its `source` and, for RESTRICTED, the
/// organizations and people of its `audience`.
fn references(kind: RecordKind) -> &'static [(&'static str, RecordKind)] {
    with_record!(kind, E => <E as crate::graphql::kinds::Kind>::REFERENCES)
}

/// References every kind may make.
const COMMON: &[(&str, RecordKind)] = &[
    ("source", RecordKind::Source),
    ("audience.organization", RecordKind::Organization),
    ("audience.person", RecordKind::Person),
];

/// The input field that is a record's key when its entry names none.
fn natural_key(kind: RecordKind) -> Option<&'static str> {
    match kind {
        RecordKind::Person => Some("name"),
        RecordKind::Procedure | RecordKind::Power => Some("code"),
        RecordKind::Decision => Some("title"),
        RecordKind::DisciplinaryCase => Some("caseNumber"),
        _ => None,
    }
}

/// A Beijing wall-clock time (UTC+8) on `day`, as a UTC instant.
fn beijing(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    day.and_hms_opt(hour, minute, 0)
        .map(|t| t.and_utc() - TimeDelta::hours(8))
        .unwrap_or_default()
}

/// A step of a record's life, at its time.
struct Planned {
    at: DateTime<Utc>,
    record: usize,
    step: Action,
}

/// What a planned step does.
enum Action {
    Step(Step),
    Correct(String),
}

/// A record written so far.
struct Written {
    kind: RecordKind,
    id: i64,
    version: i32,
    /// When it was created.
    created: DateTime<Utc>,
    /// Where it is named in messages: file and entry number.
    place: String,
}

/// The load in progress.
struct Loader<'a> {
    /// The documents entries may attach by file name.
    documents: &'a [Attachable],
    store: Store,
    clock: Clock,
    txn: &'a DatabaseTransaction,
    editor: Caller,
    reviewer: Caller,
    /// The ids of the records loaded so far, by kind and key.
    keys: HashMap<(RecordKind, String), i64>,
    /// The jurisdictions, by division code: organizations name theirs so.
    jurisdictions: HashMap<String, i64>,
    written: Vec<Written>,
}

/// A document entries may attach by its file name (`"document": "minutes.txt"` in an element
/// of `attachments`): the loader uploads it as its editor when an entry first names it.
pub struct Attachable {
    /// The file name entries give.
    pub name: &'static str,
    /// The bytes.
    pub content: &'static [u8],
}

/// Loads `files`, in order, into the database of `store`, inside `txn`, with the `documents`
/// they attach. Returns how many records were written.
pub async fn load(
    store: &Store,
    txn: &DatabaseTransaction,
    files: &[DataFile],
    documents: &[Attachable],
) -> anyhow::Result<usize> {
    let clock = Clock::manual(Utc::now());
    let started = clock.now();
    let mut loader = Loader {
        documents,
        store: store.clone().with_clock(clock.clone()),
        clock,
        txn,
        editor: Caller::loader("sunlight-loader/editor"),
        reviewer: Caller::loader("sunlight-loader/reviewer"),
        keys: HashMap::new(),
        jurisdictions: entity::jurisdiction::Entity::find()
            .all(txn)
            .await?
            .into_iter()
            .map(|j| (j.division_code, j.id))
            .collect(),
        written: Vec::new(),
    };
    let mut entries = Vec::new();
    for file in files {
        let list: Vec<Entry> = serde_json::from_str(file.text).map_err(|error| {
            anyhow::anyhow!("{}: this is not a list of entries: {error}", file.name)
        })?;
        for (n, entry) in list.into_iter().enumerate() {
            entries.push((file, n + 1, entry));
        }
    }
    // Every record as a draft, in the files' order; references to later entries wait.
    let empty = OrgTree::new(Vec::new());
    let mut waiting = Vec::new();
    for (file, n, entry) in &mut entries {
        let place = format!("{} entry {n}", file.name);
        let later = loader
            .create(&empty, file.kind, entry, &place, started)
            .await
            .map_err(|error| at(&place, error))?;
        waiting.push(later);
    }
    let tree = loader
        .tree()
        .await
        .map_err(|error| at("the organizations", error))?;
    // The references that waited, as an update of each draft.
    for (record, mut later) in waiting.into_iter().enumerate() {
        if later.is_empty() {
            continue;
        }
        let kind = loader.written[record].kind;
        let unknown = loader
            .resolve(kind, &mut later)
            .map_err(|error| at(&loader.written[record].place, error))?;
        if let Some(field) = unknown.keys().next() {
            anyhow::bail!(
                "{}, input.{field}: no entry is named so",
                loader.written[record].place
            );
        }
        let Written {
            kind,
            id,
            version,
            created,
            ref place,
        } = loader.written[record];
        let place = place.clone();
        loader.clock.set(created + TimeDelta::minutes(1));
        let saved = write_json(
            &loader.load(&tree, false),
            kind,
            Target::Update {
                id,
                expected: version,
            },
            Value::Object(later),
        )
        .await
        .map_err(|error| at(&place, error))?;
        loader.written[record].version = saved.version;
    }
    // Each record's life, step by step, in the order of the steps' times.
    let mut plan = Vec::new();
    for (record, (_, _, entry)) in entries.iter().enumerate() {
        plan.extend(
            Loader::life(record, entry, started)
                .map_err(|error| at(&loader.written[record].place, error))?,
        );
    }
    plan.sort_by_key(|planned| planned.at);
    for planned in plan {
        let place = loader.written[planned.record].place.clone();
        loader
            .take(&tree, planned)
            .await
            .map_err(|error| at(&place, error))?;
    }
    Ok(loader.written.len())
}

/// `error`, said of `place`.
pub(crate) fn at(place: &str, error: AppError) -> anyhow::Error {
    match error {
        AppError::BadInput { message, field } => match field {
            Some(field) => anyhow::anyhow!("{place}, {field}: {message}"),
            None => anyhow::anyhow!("{place}: {message}"),
        },
        AppError::Refused { code, message } => anyhow::anyhow!("{place}: {code:?}: {message}"),
        AppError::Limited { message, .. } => anyhow::anyhow!("{place}: {message}"),
        AppError::Database(error) => anyhow::anyhow!("{place}: {error}"),
    }
}

impl Loader<'_> {
    /// The write context of `caller`: the editor, or with `review` the reviewer.
    fn load<'b>(&'b self, tree: &'b OrgTree, review: bool) -> Load<'b> {
        Load {
            store: &self.store,
            txn: self.txn,
            tree,
            caller: if review { &self.reviewer } else { &self.editor },
        }
    }

    /// The organization tree as the transaction sees it.
    async fn tree(&self) -> AppResult<OrgTree> {
        crate::store::read_tree(self.txn).await
    }

    /// The global id of the record of `kind` named `key`.
    fn id_of(&self, kind: RecordKind, key: &str) -> Option<Value> {
        self.keys
            .get(&(kind, key.to_owned()))
            .map(|&id| Value::String(self.store.record_id(kind, id).to_string()))
    }

    /// Replaces the keys in `input` by ids. A top-level reference to a record not loaded yet is
    /// taken out and returned, to be set once every record exists.
    fn resolve(
        &self,
        kind: RecordKind,
        input: &mut Map<String, Value>,
    ) -> AppResult<Map<String, Value>> {
        let mut later = Map::new();
        // An audience may name people and organizations of later entries: the record is
        // created with the members that exist, and the whole audience is set once every
        // record does.
        if let Some(Value::Array(members)) = input.get_mut("audience") {
            let waits = |member: &Value| {
                COMMON.iter().any(|&(path, target)| {
                    path.strip_prefix("audience.")
                        .and_then(|field| member.get(field))
                        .and_then(Value::as_str)
                        .is_some_and(|key| self.id_of(target, key).is_none())
                })
            };
            if members.iter().any(waits) {
                later.insert("audience".to_owned(), Value::Array(members.clone()));
                members.retain(|member| !waits(member));
            }
        }
        for &(path, target) in references(kind).iter().chain(COMMON) {
            match path.split_once('.') {
                None => {
                    let Some(Value::String(key)) = input.get(path) else {
                        continue;
                    };
                    match self.id_of(target, key) {
                        Some(id) => {
                            input.insert(path.to_owned(), id);
                        }
                        None => {
                            if let Some(value) = input.remove(path) {
                                later.insert(path.to_owned(), value);
                            }
                        }
                    }
                }
                Some((list, field)) => {
                    let Some(Value::Array(items)) = input.get_mut(list) else {
                        continue;
                    };
                    for (i, item) in items.iter_mut().enumerate() {
                        let Some(Value::String(key)) = item.get(field) else {
                            continue;
                        };
                        let id = self.id_of(target, key).ok_or_else(|| {
                            AppError::bad_input(
                                &format!("input.{list}[{i}].{field}"),
                                format!("no earlier entry is named `{key}`"),
                            )
                        })?;
                        if let Some(slot) = item.get_mut(field) {
                            *slot = id;
                        }
                    }
                }
            }
        }
        // An organization names its jurisdiction by division code.
        if kind == RecordKind::Organization
            && let Some(Value::String(code)) = input.get("jurisdiction")
        {
            let id = self.jurisdictions.get(code).ok_or_else(|| {
                AppError::bad_input("input.jurisdiction", format!("no jurisdiction is {code}"))
            })?;
            let id = self.store.ids().encode("Jurisdiction", *id).to_string();
            input.insert("jurisdiction".to_owned(), Value::String(id));
        }
        // A bulletin names the record it reports on as `{ "decision": key }`.
        if kind == RecordKind::Bulletin
            && let Some(Value::Object(related)) = input.get("related")
        {
            let (name, key) = related
                .iter()
                .next()
                .and_then(|(name, key)| Some((name.clone(), key.as_str()?.to_owned())))
                .ok_or_else(|| {
                    AppError::bad_input("input.related", "name one record: { \"decision\": key }")
                })?;
            let mut type_name = name.clone();
            if let Some(first) = type_name.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            let id = crate::store::kind_named(&type_name)
                .and_then(|target| self.id_of(target, &key))
                .ok_or_else(|| {
                    AppError::bad_input("input.related", format!("no {name} is named `{key}`"))
                })?;
            input.insert("related".to_owned(), id);
        }
        Ok(later)
    }

    /// Creates the draft of `entry`; returns the references that wait for later entries.
    async fn create(
        &mut self,
        empty: &OrgTree,
        kind: RecordKind,
        entry: &mut Entry,
        place: &str,
        started: DateTime<Utc>,
    ) -> AppResult<Map<String, Value>> {
        let created = match (entry.life, entry.on) {
            (Life::Scheduled, _) => started,
            (_, Some(on)) => beijing(on - TimeDelta::days(2), 9, 0),
            (_, None) => return Err(AppError::bad_input("on", "give the record's day")),
        };
        self.clock.set(created);
        let owner = match &entry.owner {
            Some(owner) => Some(
                self.keys
                    .get(&(RecordKind::Organization, owner.clone()))
                    .copied()
                    .ok_or_else(|| {
                        AppError::bad_input(
                            "owner",
                            format!("no earlier organization is `{owner}`"),
                        )
                    })?,
            ),
            None => None,
        };
        let key = entry.key.clone().or_else(|| {
            natural_key(kind)
                .and_then(|field| entry.input.get(field))
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
        let later = self.resolve(kind, &mut entry.input)?;
        self.upload_attachments(&mut entry.input).await?;
        let saved = write_json(
            &self.load(empty, false),
            kind,
            Target::Create { owner },
            Value::Object(entry.input.clone()),
        )
        .await?;
        if let Some(key) = key
            && self.keys.insert((kind, key.clone()), saved.id).is_some()
        {
            return Err(AppError::bad_input(
                "key",
                format!("two entries are named `{key}`"),
            ));
        }
        self.written.push(Written {
            kind,
            id: saved.id,
            version: saved.version,
            created,
            place: place.to_owned(),
        });
        Ok(later)
    }

    /// Uploads the documents that the `attachments` of `input` name by file name, and names
    /// each by its SHA-256 instead.
    async fn upload_attachments(&self, input: &mut Map<String, Value>) -> AppResult<()> {
        let Some(Value::Array(items)) = input.get_mut("attachments") else {
            return Ok(());
        };
        for (i, item) in items.iter_mut().enumerate() {
            let Some(Value::String(file)) = item.get("document") else {
                continue;
            };
            let document = self
                .documents
                .iter()
                .find(|d| d.name == file)
                .ok_or_else(|| {
                    AppError::bad_input(
                        &format!("input.attachments[{i}].document"),
                        format!("no demo document is named `{file}`"),
                    )
                })?;
            let stored = crate::store::documents::store_document(
                self.txn,
                &self.editor,
                document.content,
                self.clock.now(),
            )
            .await?;
            if let Some(slot) = item.get_mut("document") {
                *slot = Value::String(stored.name);
            }
        }
        Ok(())
    }

    /// The steps of the life of entry `record`.
    fn life(record: usize, entry: &Entry, started: DateTime<Utc>) -> AppResult<Vec<Planned>> {
        let plan = |at, step| Planned { at, record, step };
        let mut steps = Vec::new();
        if entry.life == Life::Scheduled {
            let hours = entry.publish_in_hours.ok_or_else(|| {
                AppError::bad_input("publishInHours", "say when the record is published")
            })?;
            steps.push(plan(started, Action::Step(Step::Submit)));
            steps.push(plan(started, Action::Step(Step::Approve(None))));
            steps.push(plan(
                started,
                Action::Step(Step::Publish(Some(started + TimeDelta::hours(hours)))),
            ));
            return Ok(steps);
        }
        let Some(on) = entry.on else {
            return Ok(steps);
        };
        if entry.life == Life::Draft {
            return Ok(steps);
        }
        let eve = on - TimeDelta::days(1);
        steps.push(plan(beijing(eve, 9, 0), Action::Step(Step::Submit)));
        if entry.life == Life::Submitted {
            return Ok(steps);
        }
        steps.push(plan(beijing(eve, 15, 0), Action::Step(Step::Approve(None))));
        if entry.life == Life::Approved {
            return Ok(steps);
        }
        let at = beijing(on, 10, 0);
        steps.push(plan(at, Action::Step(Step::Publish(Some(at)))));
        if let Life::Corrected | Life::Retracted = entry.life {
            let changed = entry
                .changed
                .ok_or_else(|| AppError::bad_input("changed", "give the day of the change"))?;
            let reason = entry
                .reason
                .clone()
                .ok_or_else(|| AppError::bad_input("reason", "say why, for the record"))?;
            let at = beijing(changed, 16, 30);
            steps.push(plan(
                at,
                if entry.life == Life::Corrected {
                    Action::Correct(reason)
                } else {
                    Action::Step(Step::Retract(reason))
                },
            ));
        }
        Ok(steps)
    }

    /// Takes one planned step.
    async fn take(&mut self, tree: &OrgTree, planned: Planned) -> AppResult<()> {
        self.clock.set(planned.at);
        let Written {
            kind, id, version, ..
        } = self.written[planned.record];
        let version = match planned.step {
            Action::Correct(reason) => {
                write_json(
                    &self.load(tree, false),
                    kind,
                    Target::Correct {
                        id,
                        expected: version,
                        reason,
                        withdraw_previous: false,
                    },
                    Value::Object(Map::new()),
                )
                .await?
                .version
            }
            Action::Step(step) => {
                let review = matches!(step, Step::Approve(_) | Step::Publish(_));
                let caller = if review { &self.reviewer } else { &self.editor };
                let store = &self.store;
                let txn = self.txn;
                with_record!(kind, E => store.take_step::<E>(txn, Some(tree), caller, id, version, step).await?).1
            }
        };
        self.written[planned.record].version = version;
        Ok(())
    }
}
