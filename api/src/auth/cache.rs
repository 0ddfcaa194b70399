//! Callers of recently verified tokens, so that a client sending the same token again is not
//! verified again. Only tokens that passed every check get in; an entry lasts until the
//! token expires or 30 s, whichever comes first, so a change to the organization tree reaches
//! cached callers within 30 s.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use crate::access::Caller;

/// Entries kept; past this the cache starts over.
const CAPACITY: usize = 4096;
/// The longest an entry lasts.
const TTL: Duration = Duration::from_secs(30);

/// The cache of one process.
#[derive(Default)]
pub struct CallerCache {
    entries: Mutex<HashMap<String, (Caller, Instant)>>,
}

impl CallerCache {
    /// The caller of `token`, if it was verified lately and has not expired since.
    pub fn get(&self, token: &str) -> Option<Caller> {
        let entries = self.entries.lock().ok()?;
        let (caller, until) = entries.get(token)?;
        (Instant::now() < *until).then(|| caller.clone())
    }

    /// Remembers the caller of a verified `token` that expires at `exp` (seconds since 1970).
    pub fn put(&self, token: &str, caller: &Caller, exp: u64) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let left = Duration::from_secs(exp.saturating_sub(now));
        let until = Instant::now() + left.min(TTL);
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CAPACITY {
                entries.clear();
            }
            entries.insert(token.to_owned(), (caller.clone(), until));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_tokens_are_not_served_from_the_cache() {
        let cache = CallerCache::default();
        let caller = Caller::public();
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        cache.put("live", &caller, now + 600);
        cache.put("dead", &caller, now.saturating_sub(1));
        assert!(cache.get("live").is_some());
        assert!(cache.get("dead").is_none());
        assert!(cache.get("unknown").is_none());
    }
}
