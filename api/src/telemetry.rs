//! Logs and traces. Logs go to stderr (text or JSON lines, filtered by `SUNLIGHT_LOG`). Traces
//! are off unless `otlp_endpoint` is set: then every request, every root field of a GraphQL
//! operation and every SQL statement is a span, exported over OTLP/HTTP in batches from a
//! thread of their own. A span carries the request id, the caller's role and the operation
//! name, never a token or a person's name; a statement's span carries its SQL, whose values
//! are bound parameters and never in the text.
//!
//! A caller's W3C `traceparent` is honoured (its trace continues, its sampling decision is
//! followed) and every traced answer carries the `traceparent` of its request span.

use axum::http::{HeaderMap, HeaderValue};
use opentelemetry::{
    propagation::{Extractor, TextMapPropagator as _},
    trace::{TraceContextExt as _, TracerProvider as _},
};
use opentelemetry_otlp::WithExportConfig as _;
use opentelemetry_sdk::{
    propagation::TraceContextPropagator,
    trace::{Sampler, SdkTracerProvider},
};
use tracing_opentelemetry::OpenTelemetrySpanExt as _;
use tracing_subscriber::{Layer as _, layer::SubscriberExt as _, util::SubscriberInitExt as _};

use crate::config::{Config, LogFormat};

/// Whether traces are being made: spans carry more, and root fields get spans of their own,
/// only then, so that a server without traces does none of that work.
static TRACING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether this process exports traces.
pub fn enabled() -> bool {
    TRACING.load(std::sync::atomic::Ordering::Relaxed)
}

/// Keeps the trace exporter alive; dropping it (or `shutdown`) sends what is left.
pub struct Guard {
    provider: Option<SdkTracerProvider>,
}

impl Guard {
    /// Sends the spans not sent yet and stops the exporter.
    pub fn shutdown(mut self) {
        if let Some(provider) = self.provider.take()
            && let Err(e) = provider.shutdown()
        {
            eprintln!("sunlight: could not send the last traces: {e}");
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(provider) = self.provider.take() {
            let _ = provider.shutdown();
        }
    }
}

/// Installs logging, and tracing when configured, for the whole process.
pub fn init(config: &Config) -> anyhow::Result<Guard> {
    // Statements' spans are for traces; a log line per statement is not wanted.
    let filter = tracing_subscriber::EnvFilter::try_from_env("SUNLIGHT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sea_orm=warn"));
    let logs = match config.log_format {
        LogFormat::Json => tracing_subscriber::fmt::layer()
            .json()
            .with_writer(std::io::stderr)
            .with_filter(filter)
            .boxed(),
        LogFormat::Text => tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            .with_filter(filter)
            .boxed(),
    };
    let Some(endpoint) = &config.otlp_endpoint else {
        tracing_subscriber::registry().with(logs).try_init()?;
        return Ok(Guard { provider: None });
    };
    let protocol = match config.otlp_protocol.as_str() {
        "http/protobuf" => opentelemetry_otlp::Protocol::HttpBinary,
        "http/json" => opentelemetry_otlp::Protocol::HttpJson,
        other => anyhow::bail!("otlp_protocol must be http/protobuf or http/json, not {other:?}"),
    };
    let exporter = opentelemetry_otlp::SpanExporter::builder()
        .with_http()
        .with_endpoint(endpoint)
        .with_protocol(protocol)
        .with_timeout(std::time::Duration::from_secs(5))
        .build()?;
    let ratio = config.trace_sample_percent.min(100) as f64 / 100.0;
    let provider = SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_sampler(Sampler::ParentBased(Box::new(Sampler::TraceIdRatioBased(
            ratio,
        ))))
        .with_resource(
            opentelemetry_sdk::Resource::builder()
                .with_service_name("sunlight")
                .build(),
        )
        .build();
    let traces = tracing_opentelemetry::layer()
        .with_tracer(provider.tracer("sunlight"))
        .with_filter(
            tracing_subscriber::filter::Targets::new()
                .with_target("sunlight", tracing::Level::INFO)
                .with_target("sea_orm", tracing::Level::INFO),
        );
    tracing_subscriber::registry()
        .with(logs)
        .with(traces)
        .try_init()?;
    TRACING.store(true, std::sync::atomic::Ordering::Relaxed);
    Ok(Guard {
        provider: Some(provider),
    })
}

/// Headers as the propagator reads them.
struct Headers<'a>(&'a HeaderMap);

impl Extractor for Headers<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(|k| k.as_str()).collect()
    }
}

/// Makes `span` continue the trace of the caller's `traceparent`, if one was sent.
pub fn continue_trace(span: &tracing::Span, headers: &HeaderMap) {
    if !headers.contains_key("traceparent") {
        return;
    }
    let parent = TraceContextPropagator::new().extract(&Headers(headers));
    if parent.span().span_context().is_valid() {
        let _ = span.set_parent(parent);
    }
}

/// The `traceparent` of `span`, when it is traced.
pub fn traceparent(span: &tracing::Span) -> Option<HeaderValue> {
    let context = span.context();
    let span_ref = context.span();
    let ids = span_ref.span_context();
    if !ids.is_valid() {
        return None;
    }
    HeaderValue::from_str(&format!(
        "00-{}-{}-{:02x}",
        ids.trace_id(),
        ids.span_id(),
        ids.trace_flags().to_u8()
    ))
    .ok()
}
