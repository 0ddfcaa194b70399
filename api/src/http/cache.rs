//! A short-lived cache of answers to anonymous queries.
//!
//! Every anonymous caller sees exactly the same records and fields, so the same query with the
//! same variables has the same answer for all of them. Answers are kept for a short time
//! (`response_cache_ms`, 1 s by default): a scheduled record appears, or a changed one shows,
//! at most that much later than it would without the cache. Only anonymous callers share
//! entries; a request with a token never reads from or writes to this cache. Answers with
//! errors are never kept, since they carry the request's id.
//!
//! `moka` keeps the answers: it expires them and bounds their number. What is Sunlight's own is
//! how a missing or ageing answer is computed once, however many requests ask for it at once.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use async_graphql::parser::types::OperationType;
use axum::body::Bytes;
use tokio::sync::watch;

/// Most answers kept at once; a full cache drops those least likely to be asked for again.
const MAX_ENTRIES: u64 = 4096;
/// Requests (query and variables) longer than this are not cached, to bound the keys' memory.
const MAX_KEY_BYTES: usize = 8 * 1024;
/// Answers longer than this are not cached.
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// A kept answer.
#[derive(Clone)]
pub struct Cached {
    /// The media type it was served as.
    pub media: &'static str,
    /// The body.
    pub body: Bytes,
}

struct Entry {
    at: Instant,
    answer: Cached,
    /// Whether a request is computing the next answer.
    refreshing: AtomicBool,
}

/// The cache; with a zero lifetime it keeps nothing.
pub struct ResponseCache {
    ttl: Duration,
    entries: moka::sync::Cache<String, Arc<Entry>>,
    /// Keys with no answer to give that a request is computing; dropping the sender (when
    /// that request ends, however it ends) wakes the requests waiting for it.
    filling: Mutex<HashMap<String, watch::Receiver<()>>>,
}

/// What a lookup found.
pub enum Lookup<'a> {
    /// A kept answer.
    Hit(Cached),
    /// Nothing to give: run the query. With a ticket, this request computes the answer that
    /// others wait for; `put` it, or drop the ticket.
    Miss(Option<Ticket<'a>>),
}

/// Held by the one request computing a key's answer.
pub struct Ticket<'a> {
    cache: &'a ResponseCache,
    key: String,
    _done: watch::Sender<()>,
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        if let Ok(mut filling) = self.cache.filling.lock() {
            filling.remove(&self.key);
        }
    }
}

/// Longest a request waits for another to compute the answer it needs.
const MAX_WAIT: Duration = Duration::from_secs(5);

impl ResponseCache {
    /// A cache keeping answers for `ttl`.
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: moka::sync::Cache::builder()
                .max_capacity(MAX_ENTRIES)
                .time_to_live(ttl.max(Duration::from_millis(1)))
                .build(),
            filling: Mutex::default(),
        }
    }

    /// The key of `request` served as `media`, or `None` when the request may not be cached:
    /// the cache is off, the request is too long, carries extensions, or is not a query.
    pub fn key(&self, request: &mut async_graphql::Request, media: &str) -> Option<String> {
        if self.ttl.is_zero() || !request.extensions.is_empty() {
            return None;
        }
        if crate::graphql::operation_type(request)? != OperationType::Query {
            return None;
        }
        let operation = request.operation_name.clone();
        let variables = serde_json::to_string(&request.variables).ok()?;
        let key = format!(
            "{media}\n{}\n{variables}\n{}",
            operation.unwrap_or_default(),
            request.query
        );
        (key.len() <= MAX_KEY_BYTES).then_some(key)
    }

    /// The answer kept under `key`, if it is younger than the lifetime.
    ///
    /// In the second half of its lifetime, the first caller to ask gets `None` and computes
    /// the next answer, while the others keep getting the kept one: a busy query is refreshed
    /// by one request, not by every request that arrives when it expires.
    fn fresh(&self, key: &str) -> Option<Cached> {
        let entry = self.entries.get(key)?;
        let age = entry.at.elapsed();
        if age >= self.ttl {
            return None;
        }
        if age >= self.ttl / 2 && !entry.refreshing.swap(true, Ordering::AcqRel) {
            return None;
        }
        Some(entry.answer.clone())
    }

    /// Whether an answer under `key` may still be given.
    fn usable(&self, key: &str) -> bool {
        self.entries
            .get(key)
            .is_some_and(|e| e.at.elapsed() < self.ttl)
    }

    /// The answer under `key`; when there is none and another request is computing it, waits
    /// for that request (at most a few seconds) instead of computing it a second time.
    pub async fn lookup(&self, key: &str) -> Lookup<'_> {
        let mut waited = false;
        loop {
            if let Some(hit) = self.fresh(key) {
                return Lookup::Hit(hit);
            }
            // The refresher of an ageing answer, or nobody computing yet: compute.
            let usable = self.usable(key);
            let waiting = {
                let Ok(mut filling) = self.filling.lock() else {
                    return Lookup::Miss(None);
                };
                match filling.get(key) {
                    Some(rx) if !usable && !waited => rx.clone(),
                    Some(_) => return Lookup::Miss(None),
                    None => {
                        let (tx, rx) = watch::channel(());
                        filling.insert(key.to_owned(), rx);
                        return Lookup::Miss(Some(Ticket {
                            cache: self,
                            key: key.to_owned(),
                            _done: tx,
                        }));
                    }
                }
            };
            let mut waiting = waiting;
            // Ends when the computing request drops its ticket.
            let _ = tokio::time::timeout(MAX_WAIT, waiting.changed()).await;
            waited = true;
        }
    }

    /// Keeps `answer` under `key`.
    pub fn put(&self, key: String, answer: Cached) {
        if answer.body.len() > MAX_BODY_BYTES {
            return;
        }
        self.entries.insert(
            key,
            Arc::new(Entry {
                at: Instant::now(),
                answer,
                refreshing: AtomicBool::new(false),
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str) -> async_graphql::Request {
        async_graphql::Request::new(query)
    }

    #[test]
    fn only_queries_are_kept() {
        let cache = ResponseCache::new(Duration::from_secs(1));
        assert!(
            cache
                .key(&mut request("{ viewer { role } }"), "a")
                .is_some()
        );
        assert!(cache.key(&mut request("mutation { x }"), "a").is_none());
        assert!(cache.key(&mut request("subscription { x }"), "a").is_none());
        assert!(cache.key(&mut request("{ broken"), "a").is_none());
    }

    #[test]
    fn variables_media_and_operation_make_different_keys() {
        let cache = ResponseCache::new(Duration::from_secs(1));
        let q = "query A($n: Int) { powers(first: $n) { totalCount } } query B { viewer { role } }";
        let key = |n: i64, op: &str, media: &str| {
            let mut r =
                request(q)
                    .operation_name(op)
                    .variables(async_graphql::Variables::from_json(
                        serde_json::json!({ "n": n }),
                    ));
            cache.key(&mut r, media)
        };
        let base = key(1, "A", "json");
        assert!(base.is_some());
        assert_ne!(base, key(2, "A", "json"));
        assert_ne!(base, key(1, "B", "json"));
        assert_ne!(base, key(1, "A", "graphql-response"));
    }

    /// The kept answer, without waiting or taking a ticket.
    fn get(cache: &ResponseCache, key: &str) -> Option<Cached> {
        cache.fresh(key)
    }

    #[test]
    fn answers_expire() {
        let cache = ResponseCache::new(Duration::from_millis(30));
        let answer = Cached {
            media: "application/json",
            body: Bytes::from_static(b"{}"),
        };
        cache.put("k".into(), answer);
        assert!(get(&cache, "k").is_some());
        std::thread::sleep(Duration::from_millis(40));
        assert!(get(&cache, "k").is_none());
    }

    #[test]
    fn one_caller_refreshes_an_ageing_answer_while_the_others_get_it() {
        let cache = ResponseCache::new(Duration::from_millis(100));
        let answer = Cached {
            media: "application/json",
            body: Bytes::from_static(b"{}"),
        };
        cache.put("k".into(), answer.clone());
        std::thread::sleep(Duration::from_millis(60));
        assert!(get(&cache, "k").is_none(), "the first caller refreshes");
        assert!(get(&cache, "k").is_some(), "the others get the kept answer");
        cache.put("k".into(), answer);
        assert!(get(&cache, "k").is_some());
    }

    #[tokio::test]
    async fn one_request_computes_a_missing_answer_while_the_others_wait() {
        let cache = std::sync::Arc::new(ResponseCache::new(Duration::from_secs(10)));
        let Lookup::Miss(Some(ticket)) = cache.lookup("k").await else {
            panic!("the first request computes");
        };
        let waiter = {
            let cache = cache.clone();
            tokio::spawn(async move {
                match cache.lookup("k").await {
                    Lookup::Hit(c) => Some(c.body),
                    Lookup::Miss(_) => None,
                }
            })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(!waiter.is_finished(), "the second request waits");
        cache.put(
            "k".into(),
            Cached {
                media: "application/json",
                body: Bytes::from_static(b"{}"),
            },
        );
        drop(ticket);
        let got = waiter.await.ok().flatten();
        assert_eq!(got.as_deref(), Some(&b"{}"[..]));
    }

    #[tokio::test]
    async fn a_failed_computation_lets_the_waiters_compute() {
        let cache = std::sync::Arc::new(ResponseCache::new(Duration::from_secs(10)));
        let Lookup::Miss(Some(ticket)) = cache.lookup("k").await else {
            panic!("the first request computes");
        };
        let waiter = {
            let cache = cache.clone();
            tokio::spawn(async move { matches!(cache.lookup("k").await, Lookup::Miss(Some(_))) })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        drop(ticket);
        assert_eq!(waiter.await.ok(), Some(true));
    }

    #[test]
    fn the_cache_keeps_a_bounded_number_of_answers() {
        let cache = ResponseCache::new(Duration::from_secs(60));
        for n in 0..(MAX_ENTRIES + 500) {
            cache.put(
                format!("k{n}"),
                Cached {
                    media: "application/json",
                    body: Bytes::from_static(b"{}"),
                },
            );
        }
        cache.entries.run_pending_tasks();
        assert!(cache.entries.entry_count() <= MAX_ENTRIES);
        assert!(cache.entries.entry_count() > 0);
    }

    #[test]
    fn a_zero_lifetime_keeps_nothing() {
        let cache = ResponseCache::new(Duration::ZERO);
        assert!(
            cache
                .key(&mut request("{ viewer { role } }"), "a")
                .is_none()
        );
    }
}
