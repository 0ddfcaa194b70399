//! Search results.

use async_graphql::{Context, Enum, Object, Result};
use entity::enums::RecordKind;

use super::node::{self, Node};
use crate::store::search::Hit;

/// The kinds of record search covers.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum SearchKind {
    /// Organizations.
    Organization,
    /// People.
    Person,
    /// Posts.
    Post,
    /// Source documents.
    Source,
    /// Procedures.
    Procedure,
    /// Powers.
    Power,
    /// Meetings.
    Meeting,
    /// Decisions.
    Decision,
    /// Observers.
    Observer,
    /// Appointments.
    Appointment,
    /// Disciplinary cases.
    DisciplinaryCase,
    /// Bulletins.
    Bulletin,
}

impl SearchKind {
    /// The record kind.
    pub fn record_kind(self) -> RecordKind {
        match self {
            Self::Organization => RecordKind::Organization,
            Self::Person => RecordKind::Person,
            Self::Post => RecordKind::Post,
            Self::Source => RecordKind::Source,
            Self::Procedure => RecordKind::Procedure,
            Self::Power => RecordKind::Power,
            Self::Meeting => RecordKind::Meeting,
            Self::Decision => RecordKind::Decision,
            Self::Observer => RecordKind::Observer,
            Self::Appointment => RecordKind::Appointment,
            Self::DisciplinaryCase => RecordKind::DisciplinaryCase,
            Self::Bulletin => RecordKind::Bulletin,
        }
    }

    fn of(kind: RecordKind) -> Option<Self> {
        Some(match kind {
            RecordKind::Organization => Self::Organization,
            RecordKind::Person => Self::Person,
            RecordKind::Post => Self::Post,
            RecordKind::Source => Self::Source,
            RecordKind::Procedure => Self::Procedure,
            RecordKind::Power => Self::Power,
            RecordKind::Meeting => Self::Meeting,
            RecordKind::Decision => Self::Decision,
            RecordKind::Observer => Self::Observer,
            RecordKind::Appointment => Self::Appointment,
            RecordKind::DisciplinaryCase => Self::DisciplinaryCase,
            RecordKind::Bulletin => Self::Bulletin,
            RecordKind::Membership => return None,
        })
    }

    /// The GraphQL type of the records.
    fn type_name(self) -> &'static str {
        match self {
            Self::Organization => "Organization",
            Self::Person => "Person",
            Self::Post => "Post",
            Self::Source => "Source",
            Self::Procedure => "Procedure",
            Self::Power => "Power",
            Self::Meeting => "Meeting",
            Self::Decision => "Decision",
            Self::Observer => "Observer",
            Self::Appointment => "Appointment",
            Self::DisciplinaryCase => "DisciplinaryCase",
            Self::Bulletin => "Bulletin",
        }
    }
}

/// A record that matched a search.
pub struct SearchHit(pub Hit);

impl SearchHit {
    /// Notes in the request's access log that this hit's text was served, when it holds more
    /// than the public may see.
    fn served(&self, ctx: &Context<'_>) {
        if self.0.beyond_public
            && let Some(reads) = super::types::reads(ctx)
        {
            reads.note(self.0.kind, self.0.record_id);
        }
    }
}

#[Object]
impl SearchHit {
    /// The record; `null` only if it left the caller's view since the search ran.
    async fn record(&self, ctx: &Context<'_>) -> Result<Option<Node>> {
        let Some(kind) = SearchKind::of(self.0.kind) else {
            return Ok(None);
        };
        node::load_key(ctx, kind.type_name(), self.0.record_id).await
    }

    /// The kind of record.
    async fn kind(&self) -> Option<SearchKind> {
        SearchKind::of(self.0.kind)
    }

    /// The record's name, title or label, as far as the caller may see it.
    async fn title(&self, ctx: &Context<'_>) -> &str {
        self.served(ctx);
        &self.0.title
    }

    /// About 80 characters around the first match, from what the caller may see of the
    /// record: HTML-escaped, each match in `<mark>…</mark>`.
    async fn snippet(&self, ctx: &Context<'_>) -> &str {
        self.served(ctx);
        &self.0.snippet
    }

    /// Relevance: higher is better; matches in a title count more than matches in a text.
    /// Comparable within one search only.
    async fn rank(&self) -> f64 {
        self.0.rank
    }
}
