//! Rate limits per caller: a budget per token subject, or per client address for anonymous
//! callers, kept by `governor`'s keyed limiter (GCRA, which is a token bucket without a timer).
//! The address comes from `X-Forwarded-For` only when the peer is a trusted proxy.

use std::{
    net::{IpAddr, SocketAddr},
    num::NonZeroU32,
    time::Duration,
};

use axum::http::HeaderMap;
use governor::{
    DefaultKeyedRateLimiter, Quota,
    clock::{Clock as _, DefaultClock},
};

/// A budget: `burst` requests at once, refilled at `per_second`; a `per_second` of 0 turns the
/// limit off.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    /// Requests per second, sustained.
    pub per_second: u32,
    /// Requests at once.
    pub burst: u32,
}

impl Budget {
    fn limiter(self) -> Option<DefaultKeyedRateLimiter<String>> {
        let per_second = NonZeroU32::new(self.per_second)?;
        let burst = NonZeroU32::new(self.burst).unwrap_or(NonZeroU32::MIN);
        Some(governor::RateLimiter::keyed(
            Quota::per_second(per_second).allow_burst(burst),
        ))
    }
}

/// Callers kept before those whose budget is full again are forgotten.
const SWEEP_AT: usize = 100_000;

/// The limiter of the process.
pub struct RateLimiter {
    anonymous: Option<DefaultKeyedRateLimiter<String>>,
    authenticated: Option<DefaultKeyedRateLimiter<String>>,
    trusted_proxies: Vec<IpAddr>,
    clock: DefaultClock,
}

impl RateLimiter {
    /// A limiter with these budgets, trusting `X-Forwarded-For` from `trusted_proxies` only.
    pub fn new(anonymous: Budget, authenticated: Budget, trusted_proxies: Vec<IpAddr>) -> Self {
        Self {
            anonymous: anonymous.limiter(),
            authenticated: authenticated.limiter(),
            trusted_proxies,
            clock: DefaultClock::default(),
        }
    }

    /// The client's address: the peer, or, behind a trusted proxy, the last address in
    /// `X-Forwarded-For` that is not itself a trusted proxy.
    pub fn client_address(&self, peer: Option<SocketAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = peer?.ip();
        if !self.trusted_proxies.contains(&peer) {
            return Some(peer);
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse().ok())
            .collect();
        Some(
            forwarded
                .into_iter()
                .rev()
                .find(|a| !self.trusted_proxies.contains(a))
                .unwrap_or(peer),
        )
    }

    /// Takes one request from the budget of `key`; `Err(wait)` when it is spent.
    pub fn check(&self, key: &str, authenticated: bool) -> Result<(), Duration> {
        let limiter = if authenticated {
            &self.authenticated
        } else {
            &self.anonymous
        };
        let Some(limiter) = limiter else {
            return Ok(()); // limits off
        };
        if limiter.len() >= SWEEP_AT {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        limiter
            .check_key(&key.to_owned())
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }
}

/// The budget of submissions (`submitFeedback`) per client address, far below the budget of
/// reads: `per_hour` sustained, at most `burst` at once. A `per_hour` of 0 turns it off.
pub struct SubmissionLimiter {
    limiter: Option<DefaultKeyedRateLimiter<String>>,
    clock: DefaultClock,
}

impl SubmissionLimiter {
    /// A limiter of `per_hour` submissions per address, `burst` at once.
    pub fn new(per_hour: u32, burst: u32) -> Self {
        let limiter = NonZeroU32::new(per_hour).map(|per_hour| {
            let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
            governor::RateLimiter::keyed(Quota::per_hour(per_hour).allow_burst(burst))
        });
        Self {
            limiter,
            clock: DefaultClock::default(),
        }
    }

    /// Takes one submission from the budget of `address`; `Err(wait)` when it is spent.
    fn spend(&self, address: &str) -> Result<(), Duration> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        if limiter.len() >= SWEEP_AT {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        limiter
            .check_key(&address.to_owned())
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }
}

/// One request's hold on the submissions budget of its client address: put into the request's
/// data by the HTTP layer, spent by the resolver that writes a submission.
#[derive(Clone)]
pub struct SubmissionBudget {
    limiter: std::sync::Arc<SubmissionLimiter>,
    address: String,
}

impl SubmissionBudget {
    /// The budget of `address` (none known: one budget for all such requests).
    pub fn of(limiter: std::sync::Arc<SubmissionLimiter>, address: Option<IpAddr>) -> Self {
        Self {
            limiter,
            address: address.map(|a| a.to_string()).unwrap_or_default(),
        }
    }

    /// Takes one submission; `Err(wait)` when the address has sent its share.
    pub fn spend(&self) -> Result<(), Duration> {
        self.limiter.spend(&self.address)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(proxies: Vec<IpAddr>) -> RateLimiter {
        let budget = Budget {
            per_second: 1,
            burst: 3,
        };
        RateLimiter::new(budget, budget, proxies)
    }

    #[test]
    fn a_burst_passes_and_then_waits() {
        let l = limiter(vec![]);
        for _ in 0..3 {
            assert!(l.check("ip:1.2.3.4", false).is_ok());
        }
        let wait = l.check("ip:1.2.3.4", false).err();
        assert!(wait.is_some_and(|w| w <= Duration::from_secs(1)));
        assert!(
            l.check("ip:5.6.7.8", false).is_ok(),
            "budgets are per caller"
        );
    }

    #[test]
    fn submissions_have_a_budget_of_their_own() {
        let limiter = std::sync::Arc::new(SubmissionLimiter::new(10, 2));
        let here = SubmissionBudget::of(limiter.clone(), "1.2.3.4".parse().ok());
        assert!(here.spend().is_ok());
        assert!(here.spend().is_ok());
        let wait = here.spend().err();
        assert!(
            wait.is_some_and(|w| w > Duration::from_secs(60)),
            "{wait:?}"
        );
        let there = SubmissionBudget::of(limiter, "5.6.7.8".parse().ok());
        assert!(there.spend().is_ok());
        let off = SubmissionBudget::of(std::sync::Arc::new(SubmissionLimiter::new(0, 1)), None);
        for _ in 0..100 {
            assert!(off.spend().is_ok());
        }
    }

    #[test]
    fn a_budget_of_nothing_per_second_is_no_limit() {
        let off = Budget {
            per_second: 0,
            burst: 1,
        };
        let l = RateLimiter::new(off, off, vec![]);
        for _ in 0..1_000 {
            assert!(l.check("ip:1.2.3.4", false).is_ok());
        }
    }

    #[test]
    fn forwarded_addresses_count_only_behind_trusted_proxies()
    -> Result<(), Box<dyn std::error::Error>> {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "203.0.113.9, 10.0.0.2".parse()?);
        let peer: SocketAddr = "10.0.0.1:5000".parse()?;
        let untrusted = limiter(vec![]);
        assert_eq!(
            untrusted.client_address(Some(peer), &headers),
            Some(peer.ip())
        );
        let trusted = limiter(vec!["10.0.0.1".parse()?, "10.0.0.2".parse()?]);
        assert_eq!(
            trusted.client_address(Some(peer), &headers),
            Some("203.0.113.9".parse()?)
        );
        Ok(())
    }
}

/// The most fields a query may hold once its fragments are expanded.
pub const MAX_EXPANDED_FIELDS: u64 = 5_000;
/// The most aliased fields in a document.
pub const MAX_ALIASES: u64 = 100;

mod document {
    use std::collections::HashMap;

    use async_graphql::parser::types::{
        ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
    };
    use async_graphql::{Name, Positioned};

    /// Counts of a document, computed without expanding it.
    pub struct Size {
        pub expanded_fields: u64,
        pub aliases: u64,
    }

    struct Counter<'a> {
        fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
        memo: HashMap<&'a str, u64>,
        visiting: Vec<&'a str>,
        aliases: u64,
    }

    impl<'a> Counter<'a> {
        /// Fields under `set` with fragments expanded; each fragment is sized once, so a
        /// fragment bomb costs its number of fragments, not its expansion.
        fn size(&mut self, set: &'a SelectionSet) -> u64 {
            let mut total: u64 = 0;
            for item in &set.items {
                let n = match &item.node {
                    Selection::Field(field) => {
                        if field.node.alias.is_some() {
                            self.aliases = self.aliases.saturating_add(1);
                        }
                        1u64.saturating_add(self.size(&field.node.selection_set.node))
                    }
                    Selection::InlineFragment(fragment) => {
                        self.size(&fragment.node.selection_set.node)
                    }
                    Selection::FragmentSpread(spread) => {
                        self.fragment(spread.node.fragment_name.node.as_str())
                    }
                };
                total = total.saturating_add(n);
            }
            total
        }

        fn fragment(&mut self, name: &'a str) -> u64 {
            if let Some(n) = self.memo.get(name) {
                return *n;
            }
            // A cycle is invalid anyway; validation reports it.
            if self.visiting.contains(&name) {
                return 0;
            }
            let Some(fragment) = self.fragments.get(name) else {
                return 0;
            };
            self.visiting.push(name);
            let n = self.size(&fragment.node.selection_set.node);
            self.visiting.pop();
            self.memo.insert(name, n);
            n
        }
    }

    /// The size of the largest operation of `doc` (each is run alone), and its aliases.
    pub fn measure(doc: &ExecutableDocument) -> Size {
        let mut counter = Counter {
            fragments: &doc.fragments,
            memo: HashMap::new(),
            visiting: Vec::new(),
            aliases: 0,
        };
        let mut expanded: u64 = 0;
        for (_, op) in doc.operations.iter() {
            expanded = expanded.max(counter.size(&op.node.selection_set.node));
        }
        Size {
            expanded_fields: expanded,
            aliases: counter.aliases,
        }
    }
}

/// Refuses, before validation, a document that expands past [`MAX_EXPANDED_FIELDS`] fields or
/// holds more than [`MAX_ALIASES`] aliases: the reason (for metrics) and a message. A document
/// that does not parse is left to the engine, which reports the syntax error.
pub fn check_document(request: &mut async_graphql::Request) -> Result<(), (&'static str, String)> {
    let Ok(doc) = request.parsed_query() else {
        return Ok(());
    };
    let size = document::measure(doc);
    if size.expanded_fields > MAX_EXPANDED_FIELDS {
        return Err((
            "size",
            format!(
                "the query asks for more than {MAX_EXPANDED_FIELDS} fields once its fragments are expanded"
            ),
        ));
    }
    if size.aliases > MAX_ALIASES {
        return Err((
            "aliases",
            format!("the query uses more than {MAX_ALIASES} aliases"),
        ));
    }
    Ok(())
}
