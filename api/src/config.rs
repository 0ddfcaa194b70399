//! Configuration: defaults in code, an optional TOML file, environment variables on top.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use serde::Deserialize;

/// Everything Sunlight can be told at start. Passed explicitly; never global.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Database URL (`sqlite://…` or `postgres://…`). Unset: a SQLite file in `data_dir`.
    pub database_url: Option<String>,
    /// A PostgreSQL streaming replica of `database_url` (`postgres://…`) that takes the reads of
    /// queries; a caller who wrote lately reads from the primary until the replica has caught
    /// up with the write. Unset: everything goes to `database_url`.
    pub database_read_url: Option<String>,
    /// Directory for the embedded SQLite database and local keys.
    pub data_dir: PathBuf,
    /// Address the HTTP server listens on.
    pub listen: SocketAddr,
    /// Load the demo county into an empty database at start.
    pub seed_demo: bool,
    /// Start a new SQLite database from a prebuilt copy of the demo county kept beside the
    /// binary, and keep one when there is none (see `seed::prebuilt`).
    pub prebuilt_demo: bool,
    /// `text` or `json` log lines.
    pub log_format: LogFormat,
    /// Seconds to wait for the database at start before giving up.
    pub db_connect_timeout_secs: u64,
    /// Most connections in the pool.
    pub pool_max_connections: u32,
    /// SQLite's page cache of each pooled connection, in KiB. Each connection keeps a cache of
    /// its own, so the pool holds up to this many times `pool_max_connections`; pages beyond
    /// it are read again from the operating system's file cache.
    pub sqlite_cache_kib: u64,
    /// Required `iss` of tokens.
    pub jwt_issuer: String,
    /// Required `aud` of tokens.
    pub jwt_audience: String,
    /// Clock leeway for `exp`, `nbf` and `iat`, in seconds; at most 30.
    pub jwt_leeway_secs: u64,
    /// The longest a token may live (`exp - iat`), in seconds; a token meant to live longer is
    /// refused, so that a leaked token is useful for a bounded time only.
    pub jwt_max_lifetime_secs: u64,
    /// HS256 shared secret. Unset with no other key: a random local key in `data_dir`.
    pub jwt_hs256_secret: Option<Secret>,
    /// PEM file of the public key that verifies tokens (with `jwt_algorithm`).
    pub jwt_public_key_file: Option<PathBuf>,
    /// `RS256`, `ES256` or `EdDSA`, for `jwt_public_key_file`.
    pub jwt_algorithm: Option<String>,
    /// JWKS file; the key is chosen by `kid` and its algorithm comes from the key.
    pub jwt_jwks_file: Option<PathBuf>,
    /// Longest a request may run, in seconds.
    pub request_timeout_secs: u64,
    /// Longest a PostgreSQL statement may run, in seconds.
    pub statement_timeout_secs: u64,
    /// Where to send traces over OTLP/HTTP, e.g. `http://127.0.0.1:4318/v1/traces`. Unset (the
    /// default): no traces are made.
    pub otlp_endpoint: Option<String>,
    /// `http/protobuf` (the default) or `http/json`.
    pub otlp_protocol: String,
    /// Percent of requests traced when the caller sent no `traceparent`; a caller's sampling
    /// decision in `traceparent` is followed.
    pub trace_sample_percent: u64,
    /// Longest a request waits for a database connection, in milliseconds. Past it the request
    /// is `UNAVAILABLE` with `Retry-After`, so a client never hangs on a database that is gone.
    pub pool_acquire_timeout_ms: u64,
    /// Sustained requests per second per anonymous client address; 0 turns the limit off.
    pub rate_limit_anonymous_per_second: u32,
    /// Requests at once per anonymous client address.
    pub rate_limit_anonymous_burst: u32,
    /// Sustained requests per second per token subject; 0 turns the limit off.
    pub rate_limit_authenticated_per_second: u32,
    /// Requests at once per token subject.
    pub rate_limit_authenticated_burst: u32,
    /// Submissions (`submitFeedback`) per hour per client address, sustained; 0 turns the
    /// limit off.
    pub rate_limit_feedback_per_hour: u32,
    /// Submissions at once per client address.
    pub rate_limit_feedback_burst: u32,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Client addresses that may read `/metrics`; by default this machine only.
    pub metrics_addresses: Vec<std::net::IpAddr>,
    /// A bearer token that may read `/metrics` from any address; unset: none.
    pub metrics_token: Option<Secret>,
    /// Origins allowed by CORS; empty allows any origin (calls carry no cookies).
    pub cors_origins: Vec<String>,
    /// How long in-flight requests may finish after a shutdown signal, in seconds.
    pub shutdown_grace_secs: u64,
    /// How long answers to anonymous queries are kept and shared, in milliseconds; 0 turns
    /// the cache off.
    pub response_cache_ms: u64,
    /// How long shared HTTP caches (browsers, proxies, CDNs) may reuse an anonymous answer to
    /// `GET /graphql`, in seconds; 0 makes them revalidate every time (`no-cache`).
    pub http_cache_max_age_secs: u64,
    /// A TOML file of public holidays and make-up working days that adds to (or replaces years
    /// of) the shipped calendar.
    pub calendar_file: Option<PathBuf>,
    /// The day computed states (overdue milestones and decisions, open notices, their
    /// statistics) are judged against when a query names no `asOf`, as `YYYY-MM-DD`. Unset:
    /// the demo county's own day (2011-12-31) in a database that holds it, else today in China
    /// Standard Time.
    pub today: Option<chrono::NaiveDate>,
    /// The largest document that may be uploaded, in bytes.
    pub document_max_bytes: u64,
    /// Working days to answer a submission other than a request for disclosure (which has 20,
    /// extendable once by 20).
    pub feedback_answer_days: u32,
    /// Days after a submission closes before its personal data is erased; 0 keeps it.
    pub feedback_retention_days: u32,
    /// Keep the access log: who was served which non-public records, written in batches beside
    /// the requests.
    pub access_log: bool,
    /// Days the access log keeps a read before the server prunes it (hourly, in small
    /// batches); 0 keeps every read. The audit log is never pruned.
    pub access_log_retention_days: u32,
    /// The licence of the data, as bulk exports state it in their manifest.
    pub export_licence: String,
    /// Where the licence can be read.
    pub export_licence_url: String,
    /// Hours before its publication time that media see a bulletin published for later (the
    /// embargo window); 0 shows it to media only from its time, like everyone else.
    pub bulletin_embargo_hours: u64,
    /// How many matches of a search are ranked together: the most recently written this many,
    /// best first, then the next this many. More ranks more records against each other and
    /// costs more per search; at most 10,000.
    pub search_window: u64,
    /// How many searches run at once; the others wait their turn as long as a request waits
    /// for a database connection (`pool_acquire_timeout_ms`), then are `UNAVAILABLE`. A search
    /// costs the database far more than a lookup, so a burst of them is kept to part of the
    /// pool and leaves the rest to everything else. 0: a quarter of `pool_max_connections`, at
    /// least 1.
    pub search_concurrency: u32,
    /// PEM (PKCS#8) file of the Ed25519 key that signs checkpoints of the audit log. Unset: a
    /// key made on first start in `data_dir`. Instances sharing a database share this key.
    pub audit_signing_key_file: Option<PathBuf>,
    /// Seconds between checkpoints of the audit log; 0: this instance takes none (it still
    /// serves those stored). A checkpoint names the number of writes so far, the non-public
    /// ones included, so checkpoints are taken on a clock and not at each write.
    pub audit_checkpoint_interval_secs: u64,
    /// The SMTP server that e-mails notifications, as a URL: `smtp://host:25` (plain, for a
    /// relay on the local network), `smtp://host:587?tls=required` (STARTTLS) or
    /// `smtps://user:password@host:465`. Unset: no e-mail is sent, or kept.
    pub notify_smtp_url: Option<Secret>,
    /// The sender of notification e-mails.
    pub notify_email_from: String,
    /// The SMS gateway (手机短信平台) that texts notifications: each is `POST`ed as JSON
    /// `{"id", "to", "text"}` with an `Idempotency-Key` header. Unset: no SMS is sent, or kept.
    pub notify_sms_url: Option<String>,
    /// A bearer token for the SMS gateway.
    pub notify_sms_token: Option<Secret>,
    /// Seconds before a failed notification is tried again, doubled at each failure (at most
    /// six hours).
    pub notify_retry_secs: u64,
    /// Attempts before a notification is given up.
    pub notify_max_attempts: u32,
}

/// A value that is never printed.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that uses it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Format of log lines.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: None,
            database_read_url: None,
            data_dir: PathBuf::from("data"),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            seed_demo: true,
            prebuilt_demo: true,
            log_format: LogFormat::Text,
            db_connect_timeout_secs: 5,
            pool_max_connections: 16,
            sqlite_cache_kib: DEFAULT_SQLITE_CACHE_KIB,
            jwt_issuer: "sunlight-local".into(),
            jwt_audience: "sunlight".into(),
            jwt_leeway_secs: 5,
            jwt_max_lifetime_secs: 24 * 3600,
            jwt_hs256_secret: None,
            jwt_public_key_file: None,
            jwt_algorithm: None,
            jwt_jwks_file: None,
            request_timeout_secs: 10,
            statement_timeout_secs: 5,
            pool_acquire_timeout_ms: 800,
            otlp_endpoint: None,
            otlp_protocol: "http/protobuf".to_owned(),
            trace_sample_percent: 100,
            rate_limit_anonymous_per_second: 10,
            rate_limit_anonymous_burst: 60,
            rate_limit_authenticated_per_second: 50,
            rate_limit_authenticated_burst: 300,
            rate_limit_feedback_per_hour: 20,
            rate_limit_feedback_burst: 5,
            trusted_proxies: Vec::new(),
            metrics_addresses: vec![
                std::net::IpAddr::from([127, 0, 0, 1]),
                std::net::IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
            ],
            metrics_token: None,
            cors_origins: Vec::new(),
            shutdown_grace_secs: 20,
            response_cache_ms: 1000,
            http_cache_max_age_secs: 15,
            calendar_file: None,
            today: None,
            document_max_bytes: 20 * 1024 * 1024,
            feedback_answer_days: 15,
            feedback_retention_days: 730,
            access_log: true,
            access_log_retention_days: 365,
            export_licence: "CC BY 4.0 (Creative Commons Attribution 4.0 International)".into(),
            export_licence_url: "https://creativecommons.org/licenses/by/4.0/".into(),
            bulletin_embargo_hours: 24,
            search_window: crate::store::search::DEFAULT_WINDOW,
            search_concurrency: 0,
            audit_signing_key_file: None,
            audit_checkpoint_interval_secs: 3600,
            notify_smtp_url: None,
            notify_email_from: "党务公开 <noreply@localhost>".into(),
            notify_sms_url: None,
            notify_sms_token: None,
            notify_retry_secs: 30,
            notify_max_attempts: 12,
        }
    }
}

/// What kind of value a key holds, so that an environment string is read as the right type.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Integer,
    Boolean,
    /// Comma-separated in the environment.
    List,
}

/// Every key, the environment variable that sets it, and its kind.
const KEYS: &[(&str, &str, Kind)] = &[
    ("database_url", "DATABASE_URL", Kind::Text),
    (
        "database_read_url",
        "SUNLIGHT_DATABASE_READ_URL",
        Kind::Text,
    ),
    ("data_dir", "SUNLIGHT_DATA_DIR", Kind::Text),
    ("listen", "SUNLIGHT_LISTEN", Kind::Text),
    ("seed_demo", "SUNLIGHT_SEED_DEMO", Kind::Boolean),
    ("prebuilt_demo", "SUNLIGHT_PREBUILT_DEMO", Kind::Boolean),
    ("log_format", "SUNLIGHT_LOG_FORMAT", Kind::Text),
    (
        "db_connect_timeout_secs",
        "SUNLIGHT_DB_CONNECT_TIMEOUT_SECS",
        Kind::Integer,
    ),
    (
        "pool_max_connections",
        "SUNLIGHT_POOL_MAX_CONNECTIONS",
        Kind::Integer,
    ),
    ("jwt_issuer", "SUNLIGHT_JWT_ISSUER", Kind::Text),
    ("jwt_audience", "SUNLIGHT_JWT_AUDIENCE", Kind::Text),
    ("jwt_leeway_secs", "SUNLIGHT_JWT_LEEWAY_SECS", Kind::Integer),
    (
        "jwt_max_lifetime_secs",
        "SUNLIGHT_JWT_MAX_LIFETIME_SECS",
        Kind::Integer,
    ),
    ("jwt_hs256_secret", "SUNLIGHT_JWT_HS256_SECRET", Kind::Text),
    (
        "jwt_public_key_file",
        "SUNLIGHT_JWT_PUBLIC_KEY_FILE",
        Kind::Text,
    ),
    ("jwt_algorithm", "SUNLIGHT_JWT_ALGORITHM", Kind::Text),
    ("jwt_jwks_file", "SUNLIGHT_JWT_JWKS_FILE", Kind::Text),
    (
        "request_timeout_secs",
        "SUNLIGHT_REQUEST_TIMEOUT_SECS",
        Kind::Integer,
    ),
    (
        "statement_timeout_secs",
        "SUNLIGHT_STATEMENT_TIMEOUT_SECS",
        Kind::Integer,
    ),
    ("otlp_endpoint", "SUNLIGHT_OTLP_ENDPOINT", Kind::Text),
    ("otlp_protocol", "SUNLIGHT_OTLP_PROTOCOL", Kind::Text),
    (
        "trace_sample_percent",
        "SUNLIGHT_TRACE_SAMPLE_PERCENT",
        Kind::Integer,
    ),
    (
        "pool_acquire_timeout_ms",
        "SUNLIGHT_POOL_ACQUIRE_TIMEOUT_MS",
        Kind::Integer,
    ),
    (
        "sqlite_cache_kib",
        "SUNLIGHT_SQLITE_CACHE_KIB",
        Kind::Integer,
    ),
    (
        "rate_limit_anonymous_per_second",
        "SUNLIGHT_RATE_LIMIT_ANONYMOUS_PER_SECOND",
        Kind::Integer,
    ),
    (
        "rate_limit_anonymous_burst",
        "SUNLIGHT_RATE_LIMIT_ANONYMOUS_BURST",
        Kind::Integer,
    ),
    (
        "rate_limit_feedback_per_hour",
        "SUNLIGHT_RATE_LIMIT_FEEDBACK_PER_HOUR",
        Kind::Integer,
    ),
    (
        "rate_limit_feedback_burst",
        "SUNLIGHT_RATE_LIMIT_FEEDBACK_BURST",
        Kind::Integer,
    ),
    (
        "rate_limit_authenticated_per_second",
        "SUNLIGHT_RATE_LIMIT_AUTHENTICATED_PER_SECOND",
        Kind::Integer,
    ),
    (
        "rate_limit_authenticated_burst",
        "SUNLIGHT_RATE_LIMIT_AUTHENTICATED_BURST",
        Kind::Integer,
    ),
    ("trusted_proxies", "SUNLIGHT_TRUSTED_PROXIES", Kind::List),
    (
        "metrics_addresses",
        "SUNLIGHT_METRICS_ADDRESSES",
        Kind::List,
    ),
    ("metrics_token", "SUNLIGHT_METRICS_TOKEN", Kind::Text),
    ("notify_smtp_url", "SUNLIGHT_NOTIFY_SMTP_URL", Kind::Text),
    (
        "notify_email_from",
        "SUNLIGHT_NOTIFY_EMAIL_FROM",
        Kind::Text,
    ),
    ("notify_sms_url", "SUNLIGHT_NOTIFY_SMS_URL", Kind::Text),
    ("notify_sms_token", "SUNLIGHT_NOTIFY_SMS_TOKEN", Kind::Text),
    (
        "notify_retry_secs",
        "SUNLIGHT_NOTIFY_RETRY_SECS",
        Kind::Integer,
    ),
    (
        "notify_max_attempts",
        "SUNLIGHT_NOTIFY_MAX_ATTEMPTS",
        Kind::Integer,
    ),
    ("cors_origins", "SUNLIGHT_CORS_ORIGINS", Kind::List),
    (
        "response_cache_ms",
        "SUNLIGHT_RESPONSE_CACHE_MS",
        Kind::Integer,
    ),
    (
        "http_cache_max_age_secs",
        "SUNLIGHT_HTTP_CACHE_MAX_AGE_SECS",
        Kind::Integer,
    ),
    ("calendar_file", "SUNLIGHT_CALENDAR_FILE", Kind::Text),
    ("today", "SUNLIGHT_TODAY", Kind::Text),
    (
        "document_max_bytes",
        "SUNLIGHT_DOCUMENT_MAX_BYTES",
        Kind::Integer,
    ),
    (
        "feedback_answer_days",
        "SUNLIGHT_FEEDBACK_ANSWER_DAYS",
        Kind::Integer,
    ),
    (
        "feedback_retention_days",
        "SUNLIGHT_FEEDBACK_RETENTION_DAYS",
        Kind::Integer,
    ),
    ("access_log", "SUNLIGHT_ACCESS_LOG", Kind::Boolean),
    (
        "access_log_retention_days",
        "SUNLIGHT_ACCESS_LOG_RETENTION_DAYS",
        Kind::Integer,
    ),
    ("export_licence", "SUNLIGHT_EXPORT_LICENCE", Kind::Text),
    (
        "export_licence_url",
        "SUNLIGHT_EXPORT_LICENCE_URL",
        Kind::Text,
    ),
    (
        "bulletin_embargo_hours",
        "SUNLIGHT_BULLETIN_EMBARGO_HOURS",
        Kind::Integer,
    ),
    ("search_window", "SUNLIGHT_SEARCH_WINDOW", Kind::Integer),
    (
        "search_concurrency",
        "SUNLIGHT_SEARCH_CONCURRENCY",
        Kind::Integer,
    ),
    (
        "audit_signing_key_file",
        "SUNLIGHT_AUDIT_SIGNING_KEY_FILE",
        Kind::Text,
    ),
    (
        "audit_checkpoint_interval_secs",
        "SUNLIGHT_AUDIT_CHECKPOINT_INTERVAL_SECS",
        Kind::Integer,
    ),
    (
        "shutdown_grace_secs",
        "SUNLIGHT_SHUTDOWN_GRACE_SECS",
        Kind::Integer,
    ),
];

/// The largest document size that may be configured: documents are held in memory whole.
const MAX_DOCUMENT_BYTES: u64 = 512 * 1024 * 1024;

/// SQLite's page cache per pooled connection by default, in KiB. SQLite's own default is
/// 2,000 KiB: with 16 connections, a server that had read every table held some 30 MiB more.
pub const DEFAULT_SQLITE_CACHE_KIB: u64 = 512;
/// The smallest and largest page cache a connection may be given, in KiB.
const MIN_SQLITE_CACHE_KIB: u64 = 64;
const MAX_SQLITE_CACHE_KIB: u64 = 1024 * 1024;

/// The longest embargo window, in hours.
const MAX_EMBARGO_HOURS: u64 = 720;

/// Environment variables with this prefix must name a known key.
const PREFIX: &str = "SUNLIGHT_";
/// Keys of earlier versions and what took their place, so that an old file is refused with
/// the new name.
const RENAMED: &[(&str, &str, &str)] = &[(
    "pool_acquire_timeout_secs",
    "pool_acquire_timeout_ms",
    "milliseconds",
)];
/// Names under the prefix that are not configuration keys but are read elsewhere.
const NOT_KEYS: &[&str] = &["SUNLIGHT_CONFIG", "SUNLIGHT_LOG"];

/// A configuration that cannot be used, naming the key at fault.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read configuration file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A key is unknown or a value malformed.
    #[error("invalid configuration ({origin}): {message}")]
    Invalid {
        /// File or environment.
        origin: String,
        /// What is wrong, naming the key.
        message: String,
    },
}

impl Config {
    /// Layers the file at `path` (if any) and then `env` over the defaults.
    pub fn load(
        path: Option<&std::path::Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let mut table = match path {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_owned(),
                    source,
                })?;
                let table: toml::Table =
                    text.parse()
                        .map_err(|e: toml::de::Error| ConfigError::Invalid {
                            origin: path.display().to_string(),
                            message: e.message().to_owned(),
                        })?;
                // Deserialize once on its own so that an error names the file.
                Self::from_table(table.clone(), &path.display().to_string())?;
                table
            }
            None => toml::Table::new(),
        };
        for (name, value) in env {
            let Some((key, _, kind)) = KEYS.iter().find(|(_, var, _)| *var == name) else {
                if let Some((_, new, unit)) = RENAMED.iter().find(|(old, _, _)| {
                    name.strip_prefix(PREFIX)
                        .is_some_and(|rest| rest.eq_ignore_ascii_case(old))
                }) {
                    return Err(ConfigError::Invalid {
                        origin: "environment".into(),
                        message: format!(
                            "`{name}` is now `{PREFIX}{}`, in {unit}",
                            new.to_uppercase()
                        ),
                    });
                }
                if name.starts_with(PREFIX) && !NOT_KEYS.contains(&name.as_str()) {
                    return Err(ConfigError::Invalid {
                        origin: "environment".into(),
                        message: format!("unknown variable `{name}`"),
                    });
                }
                continue;
            };
            let parsed = match kind {
                Kind::Text => Some(toml::Value::String(value.clone())),
                Kind::Integer => value.trim().parse::<i64>().ok().map(toml::Value::Integer),
                Kind::List => Some(toml::Value::Array(
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|v| !v.is_empty())
                        .map(|v| toml::Value::String(v.to_owned()))
                        .collect(),
                )),
                Kind::Boolean => match value.trim() {
                    "1" | "true" | "yes" | "on" => Some(toml::Value::Boolean(true)),
                    "0" | "false" | "no" | "off" => Some(toml::Value::Boolean(false)),
                    _ => None,
                },
            };
            let Some(parsed) = parsed else {
                return Err(ConfigError::Invalid {
                    origin: "environment".into(),
                    message: format!("`{name}` has a malformed value {value:?}"),
                });
            };
            table.insert((*key).to_owned(), parsed);
        }
        let config = Self::from_table(table, "environment")?;
        config.check()?;
        Ok(config)
    }

    /// Rules between keys that serde cannot express.
    fn check(&self) -> Result<(), ConfigError> {
        let invalid = |message: &str| ConfigError::Invalid {
            origin: "configuration".into(),
            message: message.to_owned(),
        };
        if let Some(read) = &self.database_read_url {
            let postgres =
                |url: &str| url.starts_with("postgres://") || url.starts_with("postgresql://");
            if !postgres(read) || !postgres(&self.database_url()) {
                return Err(invalid(
                    "`database_read_url` is a PostgreSQL replica of a PostgreSQL `database_url`",
                ));
            }
        }
        if self.bulletin_embargo_hours > MAX_EMBARGO_HOURS {
            return Err(invalid(
                "`bulletin_embargo_hours` may be at most 720 (30 days)",
            ));
        }
        if !(MIN_SQLITE_CACHE_KIB..=MAX_SQLITE_CACHE_KIB).contains(&self.sqlite_cache_kib) {
            return Err(invalid(
                "`sqlite_cache_kib` must be between 64 and 1048576 (KiB per connection)",
            ));
        }
        if !(1..=10_000).contains(&self.search_window) {
            return Err(invalid("`search_window` must be between 1 and 10000"));
        }
        if self.search_concurrency > 1_000 {
            return Err(invalid(
                "`search_concurrency` must be between 0 (a quarter of the pool) and 1000",
            ));
        }
        if self.document_max_bytes == 0 || self.document_max_bytes > MAX_DOCUMENT_BYTES {
            return Err(invalid(
                "`document_max_bytes` must be between 1 and 536870912 (512 MiB)",
            ));
        }
        if !(1..=60).contains(&self.feedback_answer_days) {
            return Err(invalid("`feedback_answer_days` must be between 1 and 60"));
        }
        if self.jwt_leeway_secs > 30 {
            return Err(invalid("`jwt_leeway_secs` may be at most 30"));
        }
        if self.jwt_max_lifetime_secs == 0 {
            return Err(invalid(
                "`jwt_max_lifetime_secs` must be at least 1: 0 would refuse every token",
            ));
        }
        let keys = [
            self.jwt_hs256_secret.is_some(),
            self.jwt_public_key_file.is_some(),
            self.jwt_jwks_file.is_some(),
        ];
        if keys.iter().filter(|k| **k).count() > 1 {
            return Err(invalid(
                "set only one of `jwt_hs256_secret`, `jwt_public_key_file` and `jwt_jwks_file`",
            ));
        }
        if self.jwt_public_key_file.is_some() != self.jwt_algorithm.is_some() {
            return Err(invalid(
                "`jwt_public_key_file` and `jwt_algorithm` go together",
            ));
        }
        if self
            .jwt_hs256_secret
            .as_ref()
            .is_some_and(|s| s.expose().len() < 32)
        {
            return Err(invalid("`jwt_hs256_secret` must be at least 32 bytes"));
        }
        if self
            .metrics_token
            .as_ref()
            .is_some_and(|s| s.expose().len() < 32)
        {
            return Err(invalid("`metrics_token` must be at least 32 bytes"));
        }
        Ok(())
    }

    fn from_table(table: toml::Table, origin: &str) -> Result<Self, ConfigError> {
        for (old, new, unit) in RENAMED {
            if table.contains_key(*old) {
                return Err(ConfigError::Invalid {
                    origin: origin.to_owned(),
                    message: format!("`{old}` is now `{new}`, in {unit}"),
                });
            }
        }
        // Going through the text form makes errors quote the offending `key = value` line.
        let text = toml::to_string(&table).map_err(|e| ConfigError::Invalid {
            origin: origin.to_owned(),
            message: e.to_string(),
        })?;
        toml::from_str(&text).map_err(|e: toml::de::Error| ConfigError::Invalid {
            origin: origin.to_owned(),
            message: e.to_string().trim().replace('\n', " "),
        })
    }

    /// The database URL, defaulting to a SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("sunlight.sqlite").display()
            ),
        }
    }

    /// How long a request may run.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs.max(1))
    }

    /// How long before its publication time media see a bulletin published for later.
    pub fn bulletin_embargo(&self) -> chrono::TimeDelta {
        chrono::TimeDelta::hours(
            i64::try_from(self.bulletin_embargo_hours.min(MAX_EMBARGO_HOURS)).unwrap_or(0),
        )
    }

    /// How long a request waits for a database connection, or a search for its turn.
    pub fn pool_acquire_timeout(&self) -> Duration {
        Duration::from_millis(self.pool_acquire_timeout_ms.max(50))
    }

    /// How many searches run at once (see `search_concurrency`).
    pub fn search_turns(&self) -> usize {
        match self.search_concurrency {
            0 => (self.pool_max_connections / 4).max(1) as usize,
            n => n as usize,
        }
    }

    /// How long to wait for the database at start.
    pub fn db_connect_timeout(&self) -> Duration {
        Duration::from_secs(self.db_connect_timeout_secs.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect()
    }

    #[test]
    fn defaults_serve_sqlite_on_localhost() -> Result<(), ConfigError> {
        let config = Config::load(None, env(&[]))?;
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(
            config.database_url(),
            "sqlite://data/sunlight.sqlite?mode=rwc"
        );
        assert!(config.seed_demo);
        assert!(config.access_log);
        Ok(())
    }

    #[test]
    fn environment_overrides_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("sunlight.toml");
        std::fs::write(
            &path,
            "listen = \"127.0.0.1:9000\"\npool_max_connections = 4\n",
        )?;
        let config = Config::load(Some(&path), env(&[("SUNLIGHT_POOL_MAX_CONNECTIONS", "8")]))?;
        assert_eq!(config.listen.port(), 9000);
        assert_eq!(config.pool_max_connections, 8);
        Ok(())
    }

    #[test]
    fn unknown_file_key_is_named() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("sunlight.toml");
        std::fs::write(&path, "listne = \"127.0.0.1:9000\"\n")?;
        let err = Config::load(Some(&path), env(&[]))
            .err()
            .ok_or("accepted")?;
        assert!(err.to_string().contains("listne"), "{err}");
        Ok(())
    }

    #[test]
    fn unknown_environment_variable_is_named() {
        let err = Config::load(None, env(&[("SUNLIGHT_LISTNE", "x")])).err();
        assert!(matches!(err, Some(e) if e.to_string().contains("SUNLIGHT_LISTNE")));
    }

    #[test]
    fn every_key_has_an_environment_variable() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("sunlight.toml");
        std::fs::write(&path, "no_such_key = 1\n")?;
        let err = Config::load(Some(&path), env(&[]))
            .err()
            .ok_or("accepted")?
            .to_string();
        // serde lists every field it expects after "expected one of".
        let listed = err.split("expected one of").nth(1).ok_or("no list")?;
        let fields: Vec<&str> = listed.split('`').skip(1).step_by(2).collect();
        assert!(fields.len() >= 20, "{err}");
        for field in fields {
            assert!(
                KEYS.iter().any(|(k, _, _)| *k == field),
                "{field} has no environment variable"
            );
        }
        Ok(())
    }

    #[test]
    fn lists_come_comma_separated_from_the_environment() -> Result<(), ConfigError> {
        let config = Config::load(
            None,
            env(&[("SUNLIGHT_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2")]),
        )?;
        assert_eq!(config.trusted_proxies.len(), 2);
        Ok(())
    }

    #[test]
    fn the_access_log_can_be_turned_off() -> Result<(), ConfigError> {
        let config = Config::load(None, env(&[("SUNLIGHT_ACCESS_LOG", "off")]))?;
        assert!(!config.access_log);
        Ok(())
    }

    #[test]
    fn the_embargo_window_defaults_to_a_day_and_has_a_bound() -> Result<(), ConfigError> {
        let config = Config::load(None, env(&[]))?;
        assert_eq!(config.bulletin_embargo(), chrono::TimeDelta::hours(24));
        let config = Config::load(None, env(&[("SUNLIGHT_BULLETIN_EMBARGO_HOURS", "6")]))?;
        assert_eq!(config.bulletin_embargo(), chrono::TimeDelta::hours(6));
        let err = Config::load(None, env(&[("SUNLIGHT_BULLETIN_EMBARGO_HOURS", "1000")])).err();
        assert!(matches!(err, Some(e) if e.to_string().contains("bulletin_embargo_hours")));
        Ok(())
    }

    #[test]
    fn token_lifetimes_default_to_a_day_and_cannot_be_zero() -> Result<(), ConfigError> {
        let config = Config::load(None, env(&[]))?;
        assert_eq!(config.jwt_max_lifetime_secs, 86_400);
        let config = Config::load(None, env(&[("SUNLIGHT_JWT_MAX_LIFETIME_SECS", "3600")]))?;
        assert_eq!(config.jwt_max_lifetime_secs, 3600);
        let err = Config::load(None, env(&[("SUNLIGHT_JWT_MAX_LIFETIME_SECS", "0")])).err();
        assert!(matches!(err, Some(e) if e.to_string().contains("jwt_max_lifetime_secs")));
        Ok(())
    }

    #[test]
    fn the_day_states_are_judged_on_is_a_date() -> Result<(), ConfigError> {
        assert_eq!(Config::load(None, env(&[]))?.today, None);
        let config = Config::load(None, env(&[("SUNLIGHT_TODAY", "2011-12-31")]))?;
        assert_eq!(config.today, chrono::NaiveDate::from_ymd_opt(2011, 12, 31));
        let err = Config::load(None, env(&[("SUNLIGHT_TODAY", "31.12.2011")])).err();
        assert!(
            matches!(&err, Some(e) if e.to_string().contains("today")),
            "{err:?}"
        );
        Ok(())
    }

    #[test]
    fn the_sqlite_page_cache_is_bounded() -> Result<(), ConfigError> {
        assert_eq!(Config::load(None, env(&[]))?.sqlite_cache_kib, 512);
        let config = Config::load(None, env(&[("SUNLIGHT_SQLITE_CACHE_KIB", "4096")]))?;
        assert_eq!(config.sqlite_cache_kib, 4096);
        for wrong in ["0", "63", "1048577"] {
            let err = Config::load(None, env(&[("SUNLIGHT_SQLITE_CACHE_KIB", wrong)])).err();
            assert!(
                matches!(&err, Some(e) if e.to_string().contains("sqlite_cache_kib")),
                "{wrong}: {err:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn malformed_values_are_named() {
        let err = Config::load(None, env(&[("SUNLIGHT_LISTEN", "localhost")])).err();
        assert!(
            matches!(&err, Some(e) if e.to_string().contains("listen")),
            "{err:?}"
        );
        let err = Config::load(None, env(&[("SUNLIGHT_POOL_MAX_CONNECTIONS", "many")])).err();
        assert!(matches!(&err, Some(e) if e.to_string().contains("SUNLIGHT_POOL_MAX_CONNECTIONS")));
    }
}
