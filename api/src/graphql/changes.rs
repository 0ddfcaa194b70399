//! The change feed as the API serves it: `changes` (a page after a cursor) and the
//! subscription of the same name.

use async_graphql::{Context, Enum, ID, Object, Result};
use chrono::{DateTime, Utc};

use super::{enums::RecordKind, ids, kinds::Node, types::request};
use crate::{
    error::AppError,
    store::{Store, changes::Event, name_of},
};

/// Most events in one page.
pub const MAX_PAGE: i32 = 1000;
/// Events in a page when `first` is not given.
pub const DEFAULT_PAGE: i32 = 100;

/// What an event means for the caller.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum ChangeOperation {
    /// 新增或更新 (Added or changed).
    ///
    /// The record is visible to the caller as it now stands: add it or replace your copy.
    Upsert,
    /// 移除 (Removed).
    ///
    /// The record is no longer visible to the caller: remove your copy. Why is not said.
    Remove,
}

/// What was done to the record, for an upsert.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum ChangeAction {
    /// 创建 (Created).
    ///
    /// It was written for the first time.
    Created,
    /// 修改 (Updated).
    ///
    /// A draft was edited.
    Updated,
    /// 提交审核 (Submitted for review).
    ///
    /// It was submitted for review.
    Submitted,
    /// 退回修改 (Sent back).
    ///
    /// It was sent back to its editors.
    SentBack,
    /// 审核通过 (Approved).
    ///
    /// It was approved.
    Approved,
    /// 公开 (Published).
    ///
    /// It was published, or its scheduled publication time came.
    Published,
    /// 定时公开 (Scheduled).
    ///
    /// It is published for a later time, and the caller sees it before then under embargo
    /// (media, for bulletins).
    Scheduled,
    /// 更正 (Corrected).
    ///
    /// A published record was corrected.
    Corrected,
    /// 随数据导入 (Loaded with the data).
    ///
    /// It was loaded with the data before the feed began.
    Imported,
}

impl ChangeAction {
    fn of(action: &str) -> Option<Self> {
        Some(match action {
            "create" => Self::Created,
            "update" => Self::Updated,
            "submit" => Self::Submitted,
            "send_back" => Self::SentBack,
            "approve" => Self::Approved,
            "publish" | "release" => Self::Published,
            "embargo" => Self::Scheduled,
            "correct" => Self::Corrected,
            "import" => Self::Imported,
            _ => return None,
        })
    }
}

/// One event of the change feed.
pub struct ChangeEvent(pub Event);

#[Object]
impl ChangeEvent {
    /// Where this event stands in the feed: pass it as `after` to read on from here.
    async fn cursor(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(ctx.data::<Store>()?.feed_cursor(self.0.seq))
    }

    /// Whether the caller should add or replace the record, or remove it.
    async fn operation(&self) -> ChangeOperation {
        if self.0.shown {
            ChangeOperation::Upsert
        } else {
            ChangeOperation::Remove
        }
    }

    /// What was done, for an upsert; null for a removal.
    async fn action(&self) -> Option<ChangeAction> {
        self.0
            .shown
            .then(|| ChangeAction::of(&self.0.action))
            .flatten()
    }

    /// The record's kind.
    async fn kind(&self) -> RecordKind {
        self.0.kind.into()
    }

    /// The record's global id.
    async fn record_id(&self, ctx: &Context<'_>) -> Result<ID> {
        Ok(ids::of(ctx)?.encode(name_of(self.0.kind), self.0.id))
    }

    /// The record's version after the change.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When the change was made.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// The record as it stands now, for an upsert, if the caller still sees it; null for a
    /// removal, and when a later change took it out of the caller's sight (a later event says
    /// so).
    async fn record(&self, ctx: &Context<'_>) -> Result<Option<Node>> {
        if !self.0.shown {
            return Ok(None);
        }
        super::kinds::load_key(ctx, name_of(self.0.kind), self.0.id).await
    }
}

/// A page of the change feed.
pub struct ChangePage {
    /// The events.
    pub events: Vec<Event>,
    /// The cursor to read on from.
    pub end: Option<String>,
    /// Whether more events follow.
    pub more: bool,
}

#[Object]
impl ChangePage {
    /// The events, in feed order.
    async fn events(&self) -> Vec<ChangeEvent> {
        self.events.iter().cloned().map(ChangeEvent).collect()
    }

    /// The cursor of the last event, or the `after` given when there was none: pass it as
    /// `after` to read on.
    async fn end_cursor(&self) -> Option<&str> {
        self.end.as_deref()
    }

    /// Whether more events follow now; read on at once if so, else poll later or subscribe.
    async fn has_more(&self) -> bool {
        self.more
    }
}

/// The page after `after` of the caller's feed.
pub async fn page(
    ctx: &Context<'_>,
    after: Option<String>,
    kinds: Option<Vec<RecordKind>>,
    first: Option<i32>,
) -> Result<ChangePage> {
    let (store, caller) = request(ctx)?;
    let first = first.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&first) {
        return Err(AppError::bad_input("first", format!("ask for 1 to {MAX_PAGE} events")).into());
    }
    let from = after
        .as_deref()
        .map(|cursor| store.feed_position(cursor))
        .transpose()?;
    let kinds: Vec<entity::enums::RecordKind> = kinds
        .unwrap_or_default()
        .into_iter()
        .map(Into::into)
        .collect();
    let found = store
        .changes(caller, from.unwrap_or(0), &kinds, first as u64)
        .await?;
    let end = found
        .events
        .last()
        .map(|event| store.feed_cursor(event.seq))
        .or(after);
    Ok(ChangePage {
        events: found.events,
        end,
        more: found.more,
    })
}
