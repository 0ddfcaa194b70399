//! The GraphQL schema. It is built without I/O, so the schema export and tests need no database.

pub mod changes;
pub mod checkpoint;
pub mod connection;
pub mod depth;
pub mod documents;
pub mod edit;
pub mod enums;
pub mod evaluation;
pub mod feedback;
pub mod filters;
pub mod ids;
pub mod jurisdictions;
pub mod kinds;
pub mod labels;
pub mod lists;
pub mod logs;
pub mod mutation;
mod prefetch;
pub mod query;
pub mod run;
pub mod scalars;
pub mod search;
mod spans;
pub mod statistics;
pub mod step;
pub mod strings;
pub mod subscription;
pub mod types;
pub mod viewer;

use std::sync::Arc;

use async_graphql::{Data, Executor, Request, Response, Schema, ServerError};
use futures::stream::BoxStream;

use crate::store::Store;

/// Deepest nesting of a query's data (see [`depth`]: a type reference's `ofType` inside
/// introspection does not count).
pub const MAX_DEPTH: usize = 12;
/// Most work a query may ask for: each field counts 1, and a connection's fields count
/// `first` times (see [`lists::page_cost`]).
pub const MAX_COMPLEXITY: usize = 100_000;
/// Most directives on one field.
pub const MAX_DIRECTIVES_PER_FIELD: usize = 5;

/// The engine's schema.
pub type Engine = Schema<query::Query, mutation::Mutation, subscription::Subscription>;

/// Sunlight's schema: the engine, and the checks every document and its variables pass before
/// it runs, whichever way it comes (`/graphql`, the websocket, the portal, feeds, exports):
/// its depth ([`depth`]) and its strings ([`strings`]). They run here, on the document parsed
/// once and kept in the request, rather than as extensions of the engine: an engine with any
/// extension passes the resolution of every field of every record through their chain.
#[derive(Clone)]
pub struct SunlightSchema(Engine);

impl SunlightSchema {
    /// Runs `request` once it passes the checks; their error, alone, otherwise.
    pub async fn execute(&self, request: impl Into<Request>) -> Response {
        let mut request = request.into();
        match guard(&mut request) {
            Ok(()) => self.0.execute(request).await,
            Err(error) => Response::from_errors(vec![error]),
        }
    }

    /// The schema in SDL.
    pub fn sdl_with_options(&self, options: async_graphql::SDLExportOptions) -> String {
        self.0.sdl_with_options(options)
    }
}

impl Executor for SunlightSchema {
    async fn execute(&self, request: Request) -> Response {
        SunlightSchema::execute(self, request).await
    }

    fn execute_stream(
        &self,
        mut request: Request,
        session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        use futures::StreamExt as _;
        match guard(&mut request) {
            Ok(()) => Executor::execute_stream(&self.0, request, session_data),
            Err(error) => {
                futures::stream::once(async move { Response::from_errors(vec![error]) }).boxed()
            }
        }
    }
}

/// The checks of a document and its variables: nesting, then strings. A document that does
/// not parse passes, and the engine reports its syntax error.
fn guard(request: &mut Request) -> Result<(), ServerError> {
    let variables = std::mem::take(&mut request.variables);
    let checked = match request.parsed_query() {
        Ok(document) if depth::depth(document) > MAX_DEPTH => {
            // The engine's own words, which clients and the metrics already know.
            Err(ServerError::new("Query is nested too deep.", None))
        }
        Ok(document) => strings::check(document, &variables),
        Err(_) => Ok(()),
    };
    request.variables = variables;
    checked
}

/// The schema, with `store` (if any) for resolvers. Without a store it can only print itself.
pub fn build(store: Option<Store>) -> SunlightSchema {
    let mut builder = Schema::build(
        query::Query::default(),
        mutation::Mutation::default(),
        subscription::Subscription,
    )
    .limit_complexity(MAX_COMPLEXITY)
    .limit_directives(MAX_DIRECTIVES_PER_FIELD)
    .limit_recursive_depth(64)
    .disable_suggestions();
    if crate::telemetry::enabled() {
        builder = builder.extension(spans::RootFieldSpans);
    }
    if let Some(store) = store {
        builder = builder.data(store);
    }
    SunlightSchema(builder.finish())
}

/// The type of the operation `request` runs, if its document parses and names one; the parse
/// is kept in the request for its execution.
pub fn operation_type(
    request: &mut async_graphql::Request,
) -> Option<async_graphql::parser::types::OperationType> {
    use async_graphql::parser::types::DocumentOperations;
    let name = request.operation_name.clone();
    let document = request.parsed_query().ok()?;
    match (&document.operations, name.as_deref()) {
        (DocumentOperations::Single(op), _) => Some(op.node.ty),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name).map(|op| op.node.ty),
        (DocumentOperations::Multiple(_), None) => None,
    }
}

/// The schema in SDL, as written to `schema.graphql`.
pub fn sdl() -> String {
    build(None).sdl_with_options(async_graphql::SDLExportOptions::new().include_specified_by())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::access::policy;

    /// Object types that show no record's fields of their own: roots, paging, results of
    /// steps, logs and statistics (each with rules of its own in `access`), and the versions of
    /// a record, whose `record` is the record's type and answers to its policy.
    const NOT_RECORDS: &[&str] = &[
        "Query",
        "Mutation",
        "Subscription",
        "PageInfo",
        "ConnectionTotals",
        "StepResult",
        "Redaction",
        "Viewer",
        // The caller's queue: each item's record answers to its own visibility, as any node.
        "ReviewQueue",
        "QueueItem",
        "SearchHit",
        "ChangeEvent",
        "ChangePage",
        "AuditEntry",
        "AuditChange",
        "AccessEntry",
        "AuditCheckpoint",
        "Statistics",
        "Count",
        "AggregateCell",
        "DisciplinaryAggregate",
        "DecisionExecution",
        "NoticePeriods",
        "EnumLabels",
        "ValueLabel",
        // Jurisdictions: public facts, not records; what lies within them is filtered.
        "Jurisdiction",
        // Submissions: not published records; `access::feedback` has their rules.
        "FeedbackCase",
        "FeedbackTicket",
        "FeedbackStep",
        "SubmittedFeedback",
        // Protected figures, as the disciplinary aggregate's.
        "FeedbackQuarter",
        // A draw of observers: its seed and counts, protected as the figures are.
        "HearingDraw",
        // A follow's code: nothing of the record.
        "FollowTicket",
        // A round's results and the writes of its ballots: counts only, and no ballot;
        // `access::evaluation` has their rules.
        "EvaluationResults",
        "EvaluationItemResult",
        "BallotReceipt",
        "EvaluationCodes",
    ];

    #[tokio::test]
    async fn every_field_of_every_record_type_has_a_policy() -> anyhow::Result<()> {
        let schema = super::build(None);
        let response = schema
            .execute("{ __schema { types { name kind fields { name } } } }")
            .await;
        anyhow::ensure!(response.errors.is_empty(), "{:?}", response.errors);
        let data = response.data.into_json()?;
        let types = data["__schema"]["types"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut failures = Vec::new();
        let mut walked = BTreeSet::new();
        let policies = super::kinds::policies();
        for ty in &types {
            let name = ty["name"].as_str().unwrap_or_default();
            if ty["kind"] != "OBJECT"
                || name.starts_with("__")
                || name.ends_with("Connection")
                || name.ends_with("Edge")
                || (name.ends_with("Version") && name != "Version")
                || NOT_RECORDS.contains(&name)
            {
                continue;
            }
            let Some(declared) = policies.iter().find(|p| p.type_name() == name) else {
                failures.push(format!("{name} shows a record and has no policy"));
                continue;
            };
            walked.insert(name);
            let in_schema: BTreeSet<&str> = ty["fields"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| f["name"].as_str())
                .collect();
            let in_policy: BTreeSet<&str> = declared.fields().into_iter().collect();
            for field in in_schema.difference(&in_policy) {
                failures.push(format!("{name}.{field} has no policy"));
            }
            for field in in_policy.difference(&in_schema) {
                failures.push(format!(
                    "{name}.{field} is in the policy but not in the schema"
                ));
            }
            for field in declared.named_twice() {
                failures.push(format!("{name}.{field} is declared twice"));
            }
        }
        for declared in &policies {
            if !walked.contains(declared.type_name()) {
                failures.push(format!("{} has a policy but no type", declared.type_name()));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
        Ok(())
    }

    #[test]
    fn a_field_without_a_policy_is_shown_to_nobody() {
        use entity::enums::Scope;
        let record = policy::Scoped::new(
            entity::source::Model {
                id: 1,
                issuer: "中共示例县委".into(),
                doc_number: None,
                title: "示例".into(),
                issued_on: None,
                url: None,
                scope: Scope::Public,
                status: entity::enums::PublicationStatus::Published,
                publish_at: None,
                version: 1,
                owner_org_id: None,
                source_id: None,
                created_at: chrono::Utc::now(),
                updated_at: chrono::Utc::now(),
            },
            Scope::Restricted,
        );
        let source = &policy::SOURCE;
        assert_eq!(
            record
                .field(source, "title", |m| m.title.clone())
                .as_deref(),
            Some("示例")
        );
        assert_eq!(
            record.field(source, "secretNote", |m| m.title.clone()),
            None
        );
        assert_eq!(source.needs("secretNote", &record.model), Scope::Restricted);
        assert!(!source.shows("secretNote", &record.model, Scope::Restricted));
        assert!(source.shows("title", &record.model, Scope::Public));
    }
}
