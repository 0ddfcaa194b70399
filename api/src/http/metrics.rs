//! Prometheus metrics, kept in process: requests by operation and status, latency histograms,
//! refusals by reason, rate-limited requests, database pool use. They are recorded through the
//! `metrics` facade into a Prometheus recorder of this process's own (not the global one, so
//! that servers in one process, as in the tests, each count their own), which renders them.

use std::{collections::BTreeSet, sync::Mutex, time::Duration};

use metrics::{
    Unit, counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram,
    with_local_recorder,
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusRecorder};

/// Latency buckets in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0,
];
/// Distinct operation names kept before the rest count as `other`: clients choose the names.
const MAX_OPERATIONS: usize = 200;
/// Requests between two drains of the latency samples into their buckets, which bound the
/// memory they take when nobody reads `/metrics`.
const UPKEEP_EVERY: u64 = 1024;

const REQUESTS: &str = "sunlight_requests_total";
const LATENCY: &str = "sunlight_request_duration_seconds";
const REJECTED: &str = "sunlight_rejected_queries_total";
const RATE_LIMITED: &str = "sunlight_rate_limited_total";
const POOL: &str = "sunlight_db_pool_connections";
const STATEMENTS: &str = "sunlight_db_statements_total";
const CACHE_HITS: &str = "sunlight_response_cache_hits_total";

/// The process's metrics.
pub struct Metrics {
    recorder: PrometheusRecorder,
    /// Operation names seen, up to [`MAX_OPERATIONS`], and requests counted.
    operations: Mutex<(BTreeSet<String>, u64)>,
}

impl Default for Metrics {
    fn default() -> Self {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(LATENCY.to_owned()), &BUCKETS)
            // Only an empty list of buckets is refused.
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        with_local_recorder(&recorder, || {
            describe_counter!(REQUESTS, "GraphQL requests by operation and HTTP status.");
            describe_histogram!(LATENCY, Unit::Seconds, "GraphQL request latency.");
            describe_counter!(REJECTED, "Queries refused before running, by reason.");
            describe_counter!(RATE_LIMITED, "Requests answered 429.");
            describe_gauge!(POOL, "Database connections in use and in all.");
            describe_counter!(STATEMENTS, "SQL statements sent to the database.");
            describe_counter!(
                CACHE_HITS,
                "Anonymous queries answered from the response cache."
            );
            // Shown from the start, at zero.
            counter!(RATE_LIMITED).absolute(0);
            counter!(CACHE_HITS).absolute(0);
        });
        Self {
            recorder,
            operations: Mutex::default(),
        }
    }
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
        let mut upkeep = false;
        if let Ok(mut seen) = self.operations.lock() {
            let (names, requests) = &mut *seen;
            if !names.contains(&op) {
                if names.len() >= MAX_OPERATIONS {
                    op = "other".to_owned();
                } else {
                    names.insert(op.clone());
                }
            }
            *requests += 1;
            upkeep = *requests % UPKEEP_EVERY == 0;
        }
        with_local_recorder(&self.recorder, || {
            counter!(REQUESTS, "operation" => op.clone(), "status" => status.to_string())
                .increment(1);
            histogram!(LATENCY, "operation" => op).record(elapsed.as_secs_f64());
        });
        if upkeep {
            self.recorder.handle().run_upkeep();
        }
    }

    /// Counts a refused query.
    pub fn rejected(&self, reason: &'static str) {
        with_local_recorder(&self.recorder, || {
            counter!(REJECTED, "reason" => reason).increment(1);
        });
    }

    /// Counts a rate-limited request.
    pub fn rate_limited(&self) {
        with_local_recorder(&self.recorder, || counter!(RATE_LIMITED).increment(1));
    }

    /// Counts an anonymous query answered from the response cache.
    pub fn cache_hit(&self) {
        with_local_recorder(&self.recorder, || counter!(CACHE_HITS).increment(1));
    }

    /// The Prometheus text exposition, with the database pool and statement count as they are.
    pub fn render(&self, pool_in_use: u64, pool_size: u64, statements: u64) -> String {
        with_local_recorder(&self.recorder, || {
            gauge!(POOL, "state" => "in_use").set(pool_in_use as f64);
            gauge!(POOL, "state" => "total").set(pool_size as f64);
            counter!(STATEMENTS).absolute(statements);
        });
        self.recorder.handle().render()
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
        assert!(
            text.contains("sunlight_requests_total{operation=\"Q\",status=\"200\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("sunlight_rejected_queries_total{reason=\"depth\"} 1"),
            "{text}"
        );
        assert!(
            text.contains(
                "sunlight_request_duration_seconds_bucket{operation=\"Q\",le=\"0.005\"} 1"
            ),
            "{text}"
        );
        assert!(
            text.contains("sunlight_db_pool_connections{state=\"total\"} 16"),
            "{text}"
        );
        assert!(text.contains("sunlight_db_statements_total 7"), "{text}");
        assert!(text.contains("sunlight_rate_limited_total 0"), "{text}");
    }

    #[test]
    fn servers_in_one_process_count_their_own() {
        let (a, b) = (Metrics::default(), Metrics::default());
        a.cache_hit();
        a.cache_hit();
        b.cache_hit();
        assert!(
            a.render(0, 1, 0)
                .contains("sunlight_response_cache_hits_total 2")
        );
        assert!(
            b.render(0, 1, 0)
                .contains("sunlight_response_cache_hits_total 1")
        );
    }

    #[test]
    fn operation_names_past_the_limit_count_as_other() {
        let m = Metrics::default();
        for n in 0..=MAX_OPERATIONS {
            m.observe(Some(&format!("Op{n}")), 200, Duration::from_millis(1));
        }
        let text = m.render(0, 1, 0);
        assert!(text.contains("operation=\"other\""), "{text}");
        assert!(!text.contains(&format!("operation=\"Op{MAX_OPERATIONS}\"")));
    }
}
