//! `viewer`: who the API takes the caller to be.

use async_graphql::{Context, Enum, ID, Object, Result};

use super::{enums::Scope, ids};
use crate::access::{Caller, Role};

/// The caller's role; PUBLIC without a token.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ViewerRole {
    /// 社会公众 (The public).
    ///
    /// Anonymous.
    Public,
    /// 媒体 (Media).
    ///
    /// The TV station and other media.
    Media,
    /// 党员 (Party member).
    ///
    /// A party member.
    Member,
    /// 干部 (Official).
    ///
    /// An official of a county organ.
    Official,
    /// 编辑 (Editor).
    ///
    /// An editor of the leading-group office.
    Editor,
    /// 审核人 (Reviewer).
    ///
    /// A reviewer or approver.
    Reviewer,
    /// 监督人员 (Supervisor).
    ///
    /// A supervisor.
    Supervisor,
    /// 管理员 (Administrator).
    ///
    /// An administrator.
    Admin,
}

impl From<Role> for ViewerRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Public => ViewerRole::Public,
            Role::Media => ViewerRole::Media,
            Role::Member => ViewerRole::Member,
            Role::Official => ViewerRole::Official,
            Role::Editor => ViewerRole::Editor,
            Role::Reviewer => ViewerRole::Reviewer,
            Role::Supervisor => ViewerRole::Supervisor,
            Role::Admin => ViewerRole::Admin,
        }
    }
}

/// The caller as the API sees it.
pub struct Viewer(pub Caller);

#[Object]
impl Viewer {
    /// The caller's role.
    async fn role(&self) -> ViewerRole {
        self.0.role().into()
    }

    /// The organizations the caller's token names.
    async fn organizations(&self, ctx: &Context<'_>) -> Result<Vec<ID>> {
        let ids = ids::of(ctx)?;
        Ok(self
            .0
            .organizations()
            .iter()
            .map(|id| ids.encode("Organization", *id))
            .collect())
    }

    /// The jurisdictions the caller's token is limited to (its `jur` claim); `null` for a
    /// caller limited to none. Outside them the caller sees what the public sees.
    async fn jurisdictions(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Option<Vec<super::jurisdictions::Jurisdiction>>> {
        let Some(within) = self.0.within() else {
            return Ok(None);
        };
        let mut out = Vec::new();
        for id in within.claimed() {
            if let Some(j) = super::jurisdictions::by_key(ctx, Some(*id)).await? {
                out.push(j);
            }
        }
        Ok(Some(out))
    }

    /// The scopes the caller may see, RESTRICTED where an audience names them.
    async fn scopes(&self) -> Vec<Scope> {
        self.0.scopes().into_iter().map(Scope::from).collect()
    }

    /// What waits for the caller's next step in the publication workflow (待办), longest
    /// waiting first: for an editor, the drafts of their organizations (to submit, 提出) and
    /// their approved records (to publish, 实施); for a reviewer, submissions (to review, 审核)
    /// and approved records (to publish); for an admin, all three. Empty for anyone who takes
    /// no step. `first` is at most 100.
    async fn review_queue(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50)] first: i32,
    ) -> Result<ReviewQueue> {
        let first = crate::store::page::size("first", first)?;
        let (store, caller) = super::types::request(ctx)?;
        let (waiting, total) = store.review_queue(caller, first).await?;
        Ok(ReviewQueue {
            total_count: i64::try_from(total).unwrap_or(i64::MAX),
            items: waiting,
        })
    }
}

/// What waits for the caller.
pub struct ReviewQueue {
    total_count: i64,
    items: Vec<crate::store::queue::Waiting>,
}

#[Object]
impl ReviewQueue {
    /// How many records wait in all.
    async fn total_count(&self) -> i64 {
        self.total_count
    }

    /// The records that wait, longest waiting first.
    async fn items(&self) -> Vec<QueueItem> {
        self.items.iter().cloned().map(QueueItem).collect()
    }
}

/// A record waiting for the caller's next step.
pub struct QueueItem(crate::store::queue::Waiting);

#[Object]
impl QueueItem {
    /// The record.
    async fn record(&self, ctx: &Context<'_>) -> Result<Option<super::kinds::Node>> {
        super::kinds::load_key(ctx, crate::store::name_of(self.0.kind), self.0.id).await
    }

    /// Its kind.
    async fn kind(&self) -> super::enums::RecordKind {
        self.0.kind.into()
    }

    /// The stage it waits at: `DRAFT` to submit, `SUBMITTED` to review, `APPROVED` to publish.
    async fn publication_status(&self) -> super::enums::PublicationStatus {
        self.0.status.into()
    }

    /// Since when it waits: its last change.
    async fn waiting_since(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.since
    }
}
