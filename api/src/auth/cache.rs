//! Callers of recently verified tokens, so that a client sending the same token again is not
//! verified again. Only tokens that passed every check get in; an entry lasts until the
//! token expires or 30 s, whichever comes first, and only while the organizations and
//! jurisdictions stay as they were when it was built (`structure`, see
//! [`crate::store::Store::structure`]): a change to them, on any instance, is felt at once.

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
    entries: Mutex<HashMap<String, (Caller, Instant, u64)>>,
}

impl CallerCache {
    /// The caller of `token`, if it was verified lately, has not expired since, and was built
    /// on the organizations as they are in `structure`.
    pub fn get(&self, token: &str, structure: u64) -> Option<Caller> {
        let entries = self.entries.lock().ok()?;
        let (caller, until, built_in) = entries.get(token)?;
        (Instant::now() < *until && *built_in == structure).then(|| caller.clone())
    }

    /// Remembers the caller of a verified `token` that expires at `exp` (seconds since 1970),
    /// built on the organizations as they were in `structure`.
    pub fn put(&self, token: &str, caller: &Caller, exp: u64, structure: u64) {
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
            entries.insert(token.to_owned(), (caller.clone(), until, structure));
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
        cache.put("live", &caller, now + 600, 0);
        cache.put("dead", &caller, now.saturating_sub(1), 0);
        assert!(cache.get("live", 0).is_some());
        assert!(cache.get("dead", 0).is_none());
        assert!(cache.get("unknown", 0).is_none());
    }

    #[test]
    fn callers_built_before_the_organizations_changed_are_not_served() {
        let cache = CallerCache::default();
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        cache.put("token", &Caller::public(), now + 600, 3);
        assert!(cache.get("token", 3).is_some());
        assert!(cache.get("token", 4).is_none());
    }
}
