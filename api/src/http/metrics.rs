//! Prometheus metrics, kept in process: requests by operation and status, latency histograms,
//! refusals by reason, rate-limited requests, database pool use.

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

/// Latency buckets in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0,
];
/// Distinct operation names kept before the rest count as `other`: clients choose the names.
const MAX_OPERATIONS: usize = 200;

#[derive(Default)]
struct Histogram {
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// The process's metrics.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    rejected: Mutex<BTreeMap<&'static str, u64>>,
    rate_limited: AtomicU64,
    cache_hits: AtomicU64,
}

/// An operation name safe to use as a label.
fn label(operation: Option<&str>) -> String {
    match operation {
        Some(op)
            if !op.is_empty()
                && op.len() <= 64
                && op.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            op.to_owned()
        }
        Some(_) => "invalid".to_owned(),
        None => "anonymous".to_owned(),
    }
}

impl Metrics {
    /// Counts a request to `/graphql`.
    pub fn observe(&self, operation: Option<&str>, status: u16, elapsed: Duration) {
        let mut op = label(operation);
        if let Ok(mut requests) = self.requests.lock() {
            let known = requests.keys().any(|(o, _)| *o == op);
            if !known && requests.len() >= MAX_OPERATIONS {
                op = "other".to_owned();
            }
            *requests.entry((op.clone(), status)).or_default() += 1;
        }
        if let Ok(mut latency) = self.latency.lock() {
            let h = latency.entry(op).or_default();
            let secs = elapsed.as_secs_f64();
            for (i, bound) in BUCKETS.iter().enumerate() {
                if secs <= *bound {
                    h.buckets[i] += 1;
                }
            }
            h.count += 1;
            h.sum += secs;
        }
    }

    /// Counts a refused query.
    pub fn rejected(&self, reason: &'static str) {
        if let Ok(mut rejected) = self.rejected.lock() {
            *rejected.entry(reason).or_default() += 1;
        }
    }

    /// Counts a rate-limited request.
    pub fn rate_limited(&self) {
        self.rate_limited.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts an anonymous query answered from the response cache.
    pub fn cache_hit(&self) {
        self.cache_hits.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text exposition.
    pub fn render(&self, pool_in_use: u64, pool_size: u64, statements: u64) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP sunlight_requests_total GraphQL requests by operation and HTTP status."
        );
        let _ = writeln!(out, "# TYPE sunlight_requests_total counter");
        if let Ok(requests) = self.requests.lock() {
            for ((op, status), n) in requests.iter() {
                let _ = writeln!(
                    out,
                    "sunlight_requests_total{{operation=\"{op}\",status=\"{status}\"}} {n}"
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP sunlight_request_duration_seconds GraphQL request latency."
        );
        let _ = writeln!(out, "# TYPE sunlight_request_duration_seconds histogram");
        if let Ok(latency) = self.latency.lock() {
            for (op, h) in latency.iter() {
                for (bound, n) in BUCKETS.iter().zip(h.buckets.iter()) {
                    let _ = writeln!(
                        out,
                        "sunlight_request_duration_seconds_bucket{{operation=\"{op}\",le=\"{bound}\"}} {n}"
                    );
                }
                let _ = writeln!(
                    out,
                    "sunlight_request_duration_seconds_bucket{{operation=\"{op}\",le=\"+Inf\"}} {}",
                    h.count
                );
                let _ = writeln!(
                    out,
                    "sunlight_request_duration_seconds_sum{{operation=\"{op}\"}} {}",
                    h.sum
                );
                let _ = writeln!(
                    out,
                    "sunlight_request_duration_seconds_count{{operation=\"{op}\"}} {}",
                    h.count
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP sunlight_rejected_queries_total Queries refused before running, by reason."
        );
        let _ = writeln!(out, "# TYPE sunlight_rejected_queries_total counter");
        if let Ok(rejected) = self.rejected.lock() {
            for (reason, n) in rejected.iter() {
                let _ = writeln!(
                    out,
                    "sunlight_rejected_queries_total{{reason=\"{reason}\"}} {n}"
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP sunlight_rate_limited_total Requests answered 429."
        );
        let _ = writeln!(out, "# TYPE sunlight_rate_limited_total counter");
        let _ = writeln!(
            out,
            "sunlight_rate_limited_total {}",
            self.rate_limited.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "# HELP sunlight_db_pool_connections Database connections in use and in all."
        );
        let _ = writeln!(out, "# TYPE sunlight_db_pool_connections gauge");
        let _ = writeln!(
            out,
            "sunlight_db_pool_connections{{state=\"in_use\"}} {pool_in_use}"
        );
        let _ = writeln!(
            out,
            "sunlight_db_pool_connections{{state=\"total\"}} {pool_size}"
        );
        let _ = writeln!(
            out,
            "# HELP sunlight_db_statements_total SQL statements sent to the database."
        );
        let _ = writeln!(out, "# TYPE sunlight_db_statements_total counter");
        let _ = writeln!(out, "sunlight_db_statements_total {statements}");
        let _ = writeln!(
            out,
            "# HELP sunlight_response_cache_hits_total Anonymous queries answered from the response cache."
        );
        let _ = writeln!(out, "# TYPE sunlight_response_cache_hits_total counter");
        let _ = writeln!(
            out,
            "sunlight_response_cache_hits_total {}",
            self.cache_hits.load(Ordering::Relaxed)
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_cannot_inject_labels() {
        assert_eq!(label(Some("ListPowers")), "ListPowers");
        assert_eq!(label(Some("x\"} 1\nevil{")), "invalid");
        assert_eq!(label(None), "anonymous");
    }

    #[test]
    fn the_exposition_counts_requests() {
        let m = Metrics::default();
        m.observe(Some("Q"), 200, Duration::from_millis(3));
        m.rejected("depth");
        let text = m.render(1, 16, 7);
        assert!(text.contains("sunlight_requests_total{operation=\"Q\",status=\"200\"} 1"));
        assert!(text.contains("sunlight_rejected_queries_total{reason=\"depth\"} 1"));
        assert!(text.contains("le=\"0.005\"} 1"));
    }
}
