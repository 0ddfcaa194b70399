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

    /// The scopes the caller may see, RESTRICTED where an audience names them.
    async fn scopes(&self) -> Vec<Scope> {
        self.0.scopes().into_iter().map(Scope::from).collect()
    }
}
