//! Live subscriptions over WebSocket (graphql-transport-ws): the change feed as it grows.
//!
//! Each subscription reads the feed through the one record filter with its own caller, from
//! its own cursor, whenever the feed grows (on PostgreSQL, whichever instance wrote), so it
//! is sent exactly what a `changes` page would show it, once, in order. Subscribers of one
//! scope class woken by the same change share one read of the page (and of a bulletin):
//! a change costs a query per scope class, not per subscriber.

use std::{collections::VecDeque, sync::Arc, time::Duration};

use async_graphql::{Context, Result, Subscription};
use futures::Stream;

use super::{
    changes::{ChangeEvent, MAX_PAGE},
    enums::RecordKind,
    kinds::bulletin::Bulletin,
    types::{request, served},
};
use crate::{
    access::Caller,
    access_log::{self, AccessLog, Read, Reads},
    store::{Store, changes},
};

/// How often a subscription looks at the feed when nothing woke it: a safety net for a lost
/// notification.
const POLL: Duration = Duration::from_secs(5);

/// The root of every subscription.
pub struct Subscription;

#[Subscription]
impl Subscription {
    /// The change feed, live: every event the caller would read in `changes`, as it happens.
    /// Without `after`, events from now on; with a cursor from `changes` or from an earlier
    /// event, every event after it first, so a client that reconnects misses nothing.
    async fn changes(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        kinds: Option<Vec<RecordKind>>,
    ) -> Result<impl Stream<Item = ChangeEvent> + use<>> {
        let (store, caller) = request(ctx)?;
        let from = match after {
            Some(cursor) => store.feed_position(&cursor)?,
            None => store.head().await?,
        };
        let kinds = kinds
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect();
        Ok(follow(
            store.clone(),
            caller.clone(),
            from,
            kinds,
            Logged::of(ctx, caller),
        ))
    }

    /// A submission as its submitter follows it, each time it takes a step (on whichever
    /// instance): the same as `feedbackStatus`, sent again whenever it changes. An unknown code and a wrong secret
    /// are the same `NOT_FOUND`. No token needed.
    async fn feedback_status_changed(
        &self,
        ctx: &Context<'_>,
        code: String,
        secret: String,
    ) -> Result<impl Stream<Item = super::feedback::FeedbackTicket> + use<>> {
        let store = ctx.data::<Store>()?;
        // Listening first: a step taken while the submission is read is not missed.
        let steps = store.feedback_signal().steps();
        let Some(case) = store.feedback_by_code(&code, &secret).await? else {
            return Err(crate::error::AppError::not_found(
                "there is no submission with this code and secret",
            )
            .into());
        };
        Ok(follow_feedback(
            store.clone(),
            (case.id, code, secret),
            case.version,
            steps,
        ))
    }

    /// Bulletins as they are published, for the TV station and other media: each bulletin the
    /// caller may see, when its publication time comes, and again when it is corrected. Media
    /// also get a bulletin scheduled for later when its embargo window opens, with
    /// `embargoUntil` set, and again at its time.
    async fn bulletin_published(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = Bulletin> + use<>> {
        use futures::StreamExt as _;
        let (store, caller) = request(ctx)?;
        let from = store.head().await?;
        let logged = Logged::of(ctx, caller);
        let reads = logged.as_ref().map(|l| l.reads.clone());
        let (store, caller) = (store.clone(), caller.clone());
        let events = follow(
            store.clone(),
            caller.clone(),
            from,
            vec![entity::enums::RecordKind::Bulletin],
            logged,
        );
        Ok(events.filter_map(move |ChangeEvent(event)| {
            let (store, caller, reads) = (store.clone(), caller.clone(), reads.clone());
            async move { published_bulletin(&store, &caller, &event, reads.as_ref()).await }
        }))
    }
}

/// How often a follower of a submission looks at it when nothing woke it: a safety net, since
/// every step wakes its followers, on every instance.
const FEEDBACK_POLL: Duration = Duration::from_secs(30);

/// The submission behind `code` and `secret` each time it takes a step, as its submitter
/// follows it; woken by a step taken on it here or, on PostgreSQL, on any instance, so that a
/// step costs one read per follower of that submission only.
fn follow_feedback(
    store: Store,
    (id, code, secret): (i64, String, String),
    version: i32,
    steps: tokio::sync::broadcast::Receiver<Option<i64>>,
) -> impl Stream<Item = super::feedback::FeedbackTicket> {
    use tokio::sync::broadcast::error::RecvError;
    futures::stream::unfold(
        (store, code, secret, version, steps),
        move |(store, code, secret, mut version, mut steps)| async move {
            loop {
                match tokio::time::timeout(FEEDBACK_POLL, steps.recv()).await {
                    Ok(Ok(Some(stepped))) if stepped != id => continue,
                    // This one, maybe any, more than were kept, or the safety net: look.
                    Ok(Ok(_) | Err(RecvError::Lagged(_))) | Err(_) => {}
                    // The store is going away: look now and then until the connection ends.
                    Ok(Err(RecvError::Closed)) => tokio::time::sleep(POLL).await,
                }
                match store.feedback_by_code(&code, &secret).await {
                    Ok(Some(case)) if case.version != version => {
                        version = case.version;
                        let ticket = super::feedback::FeedbackTicket(case);
                        return Some((ticket, (store, code, secret, version, steps)));
                    }
                    Ok(Some(_)) => {}
                    Ok(None) => return None,
                    Err(error) => {
                        tracing::warn!(?error, "a subscription could not read a submission");
                    }
                }
            }
        },
    )
}

/// What a bulletin event sends, if anything: the bulletin as the caller sees it now, when it
/// is published and its time has come, or (for media) it is under embargo.
async fn published_bulletin(
    store: &Store,
    caller: &Caller,
    event: &changes::Event,
    reads: Option<&Arc<Reads>>,
) -> Option<Bulletin> {
    if !event.shown
        || !matches!(
            event.action.as_str(),
            "publish" | "release" | "embargo" | "correct"
        )
    {
        return None;
    }
    let row = match store.bulletin_shared(caller, event.id, event.seq).await {
        Ok(row) => row?,
        Err(error) => {
            tracing::warn!(?error, "a subscription could not read a bulletin");
            return None;
        }
    };
    let model = &row.model;
    let due = model
        .publish_at
        .is_some_and(|at| at <= chrono::Utc::now() || caller.embargo_until(Some(at)).is_some());
    (model.status == entity::enums::PublicationStatus::Published && due)
        .then(|| Bulletin(served::<entity::bulletin::Entity>(reads, row)))
}

/// Hands the non-public records sent on a connection to the access log: after each event is
/// resolved (when the next is asked for), and when the subscription ends.
struct Logged {
    reads: Arc<Reads>,
    log: AccessLog,
    actor: String,
    role: &'static str,
}

impl Logged {
    fn of(ctx: &Context<'_>, caller: &Caller) -> Option<Self> {
        let reads = ctx.data_opt::<Arc<Reads>>()?.clone();
        let log = ctx.data_opt::<AccessLog>()?.clone();
        Some(Self {
            reads,
            log,
            actor: caller.subject().unwrap_or_default().to_owned(),
            role: caller.role().as_str(),
        })
    }

    fn flush(&self) {
        let records = self.reads.take();
        if !records.is_empty() {
            self.log.record(Read {
                at: access_log::now(),
                actor: self.actor.clone(),
                role: self.role,
                request_id: "subscription".to_owned(),
                records,
            });
        }
    }
}

impl Drop for Logged {
    fn drop(&mut self) {
        self.flush();
    }
}

/// What a subscription carries between events.
struct Follower {
    store: Store,
    caller: Caller,
    from: i64,
    kinds: Vec<entity::enums::RecordKind>,
    wake: tokio::sync::watch::Receiver<u64>,
    ready: VecDeque<changes::Event>,
    logged: Option<Logged>,
}

/// The caller's events after `from`, forever.
fn follow(
    store: Store,
    caller: Caller,
    from: i64,
    kinds: Vec<entity::enums::RecordKind>,
    logged: Option<Logged>,
) -> impl Stream<Item = ChangeEvent> {
    let mut wake = store.signal().subscribe();
    wake.mark_changed();
    let state = Follower {
        store,
        caller,
        from,
        kinds,
        wake,
        ready: VecDeque::new(),
        logged,
    };
    futures::stream::unfold(state, |mut state| async move {
        if let Some(logged) = &state.logged {
            logged.flush();
        }
        loop {
            if let Some(event) = state.ready.pop_front() {
                return Some((ChangeEvent(event), state));
            }
            // Wait until the feed grows, or for the safety net.
            if !state.wake.has_changed().unwrap_or(false) {
                let _ = tokio::time::timeout(POLL, state.wake.changed()).await;
            }
            let woken = *state.wake.borrow_and_update();
            match state
                .store
                .changes_shared(
                    &state.caller,
                    state.from,
                    &state.kinds,
                    (MAX_PAGE as u64, woken),
                )
                .await
            {
                Ok(page) => {
                    if let Some(last) = page.events.last() {
                        state.from = last.seq;
                    }
                    if page.more {
                        // More is waiting: read on without waiting for a wake-up.
                        state.wake.mark_changed();
                    }
                    state.ready.extend(page.events);
                }
                Err(error) => {
                    tracing::warn!(?error, "a subscription could not read the change feed");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    state.wake.mark_changed();
                }
            }
        }
    })
}
