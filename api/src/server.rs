//! Starting Sunlight: open the database, load the demo county, bind, serve, stop gracefully.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};
use tokio::{
    net::TcpListener,
    sync::{oneshot, watch},
    task::JoinHandle,
};

use crate::{
    access_log::{self, AccessLog},
    auth::{KeySource, Verifier},
    config::Config,
    db, graphql,
    http::{
        self,
        limits::{Budget, RateLimiter, SubmissionLimiter},
    },
    seed,
    store::Store,
};

/// A server that is listening.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The store, for work beside the server.
    pub store: Store,
    /// The database itself, without the store's gate: for what runs beside the requests and
    /// reads no records for a caller (the access log's writer, checkpoints, shutdown, tests).
    pub database: DatabaseConnection,
    stop: Option<oneshot::Sender<()>>,
    stopping: watch::Receiver<bool>,
    grace: Duration,
    task: JoinHandle<std::io::Result<()>>,
    access_log: Option<access_log::Writer>,
    feed: JoinHandle<()>,
    checkpoints: Option<JoinHandle<()>>,
    erasure: Option<JoinHandle<()>>,
    notifications: Option<JoinHandle<()>>,
    pruning: Option<JoinHandle<()>>,
}

impl Running {
    /// Stops accepting, lets in-flight requests finish, and waits for the server to end.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.wait().await
    }

    /// Waits until the server ends: after a shutdown signal, in-flight requests get the grace
    /// period to finish; then what the access log still holds is written, and the pool closes.
    pub async fn wait(mut self) -> anyhow::Result<()> {
        let grace = self.grace;
        let mut stopping = self.stopping.clone();
        let deadline = async move {
            let _ = stopping.wait_for(|s| *s).await;
            tokio::time::sleep(grace).await;
        };
        tokio::select! {
            result = &mut self.task => result??,
            () = deadline => {
                tracing::warn!(grace_secs = grace.as_secs(), "requests still running after the grace period; stopping anyway");
                self.task.abort();
            }
        }
        self.feed.abort();
        if let Some(checkpoints) = &self.checkpoints {
            checkpoints.abort();
        }
        if let Some(erasure) = &self.erasure {
            erasure.abort();
        }
        if let Some(notifications) = &self.notifications {
            notifications.abort();
        }
        if let Some(pruning) = &self.pruning {
            pruning.abort();
        }
        if let Some(writer) = self.access_log.take() {
            writer.finish().await;
        }
        self.database.clone().close().await?;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Reads the working-day calendar, opens the database, applies migrations, loads the demo
/// county when configured and the database is empty, and builds the search index if missing.
/// Returns the store and the database itself, for what runs beside the requests.
pub async fn prepare(config: &Config) -> anyhow::Result<(Store, DatabaseConnection)> {
    // Before the database is touched: a bad calendar file stops the start at once.
    let calendar = match &config.calendar_file {
        Some(path) => crate::calendar::Calendar::with_file(path)?,
        None => crate::calendar::Calendar::builtin()?,
    };
    let prebuilt = seed::prebuilt::restore(config).await?;
    let keep_prebuilt = !prebuilt && seed::prebuilt::wanted(config);
    let connection = db::open(config).await?;
    report_storage(&connection).await;
    if prebuilt {
        tracing::info!("started the demo county from its prebuilt copy");
    }
    let senders = crate::notify::Senders::from_config(config)?;
    let store = Store::new(connection.clone(), calendar)
        .with_embargo_window(config.bulletin_embargo())
        .with_search_window(config.search_window)
        .with_search_turns(config.search_turns(), config.pool_acquire_timeout())
        .with_feedback_days(config.feedback_answer_days)
        .with_channels(senders.channels());
    store.load_keys().await.map_err(|error| {
        anyhow::anyhow!("could not read the keys of cursors and ids: {error:?}")
    })?;
    if config.seed_demo {
        let started = std::time::Instant::now();
        if seed::load_demo_if_empty(&store, &connection).await? {
            tracing::info!(
                seconds = started.elapsed().as_secs_f64(),
                "loaded the demo county into an empty database"
            );
            if keep_prebuilt {
                seed::prebuilt::keep(&connection).await;
            }
        }
    }
    let today = match config.today {
        Some(day) => Some(day),
        None => seed::demo_today(&connection).await?,
    };
    let mut store = store.with_today(today);
    if let Some(queries) = db::open_query_pool(config).await? {
        store = store.with_query_pool(queries);
    }
    if let Some((replica, queries)) = db::open_replica(config).await? {
        tracing::info!("queries read records on the read replica");
        store = store.with_replica(replica, queries);
    }
    if let Some(n) = crate::search::ensure(&connection).await? {
        tracing::info!(documents = n, "built the search index");
    }
    if connection.get_database_backend() == DbBackend::Postgres {
        let order = store
            .search_order()
            .await
            .map_err(|error| anyhow::anyhow!("could not read the search index: {error:?}"))?;
        match order {
            crate::store::search::Order::NewestFirst => {
                tracing::info!("searches read the RUM index newest first")
            }
            crate::store::search::Order::Sorted => tracing::info!(
                "searches read the GIN index and sort every match; with PostgreSQL's RUM extension they read newest first (README: Running on PostgreSQL)"
            ),
        }
    }
    let imported = crate::store::changes::backfill(&connection, config.bulletin_embargo())
        .await
        .map_err(|error| anyhow::anyhow!("could not fill the change feed: {error:?}"))?;
    if imported > 0 {
        tracing::info!(
            records = imported,
            "added records without events to the change feed"
        );
    }
    Ok((store, connection))
}

/// Logs the storage settings in force, read back from the database.
async fn report_storage(db: &sea_orm::DatabaseConnection) {
    let backend = db.get_database_backend();
    let read = |sql: &'static str| async move {
        db.query_one_raw(sea_orm::Statement::from_string(backend, sql))
            .await
            .ok()
            .flatten()
            .and_then(|row| {
                row.try_get_by_index::<String>(0)
                    .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                    .ok()
            })
            .unwrap_or_default()
    };
    match backend {
        DbBackend::Sqlite => tracing::info!(
            journal_mode = %read("PRAGMA journal_mode").await,
            synchronous = %read("PRAGMA synchronous").await,
            foreign_keys = %read("PRAGMA foreign_keys").await,
            busy_timeout_ms = %read("PRAGMA busy_timeout").await,
            "SQLite storage settings (synchronous 2 = FULL)"
        ),
        DbBackend::Postgres => tracing::info!(
            statement_timeout = %read("SHOW statement_timeout").await,
            "PostgreSQL storage settings"
        ),
        _ => {}
    }
}

/// Starts serving on `config.listen`; `shutdown` ends the server gracefully when it completes.
pub async fn start(
    config: &Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<Running> {
    let (verifier, source) = Verifier::from_config(config)?;
    if let KeySource::LocalDevelopment(_, path) = &source {
        tracing::warn!(
            key = %path.display(),
            "no token key is configured: running with a local development key (HS256); configure jwt_hs256_secret, jwt_public_key_file or jwt_jwks_file in production"
        );
    }
    // Before the database is touched: a missing or bad key file stops the start at once.
    let audit_key = crate::audit::key::CheckpointKey::load_or_create(config)?;
    let senders = Arc::new(crate::notify::Senders::from_config(config)?);
    tracing::info!(
        public_key = %audit_key.public_hex(),
        key = %audit_key.path.display(),
        "the audit log's checkpoints are signed with this Ed25519 key"
    );
    let (store, database) = prepare(config).await?;
    let listener = TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let budget = |per_second, burst| Budget { per_second, burst };
    let metrics: Arc<http::metrics::Metrics> = Arc::default();
    let (access_log, writer) = if config.access_log {
        let (log, writer) = AccessLog::start(database.clone());
        (log, Some(writer))
    } else {
        (AccessLog::off(), None)
    };
    let schema = graphql::build(Some(store.clone()));
    let exports = crate::export::Exporter::new(
        schema.clone(),
        store.clone(),
        config.request_timeout(),
        crate::export::manifest::Licence {
            name: config.export_licence.clone(),
            url: config.export_licence_url.clone(),
        },
    )
    .await?;
    let state = http::AppState {
        schema,
        store: store.clone(),
        verifier: Arc::new(verifier),
        callers: Arc::default(),
        metrics,
        submissions: Arc::new(SubmissionLimiter::new(
            config.rate_limit_feedback_per_hour,
            config.rate_limit_feedback_burst,
        )),
        limiter: Arc::new(RateLimiter::new(
            budget(
                config.rate_limit_anonymous_per_second,
                config.rate_limit_anonymous_burst,
            ),
            budget(
                config.rate_limit_authenticated_per_second,
                config.rate_limit_authenticated_burst,
            ),
            config.trusted_proxies.clone(),
        )),
        request_timeout: config.request_timeout(),
        cache: Arc::new(http::cache::ResponseCache::new(Duration::from_millis(
            config.response_cache_ms,
        ))),
        persisted: Arc::default(),
        http_cache_max_age: Duration::from_secs(config.http_cache_max_age_secs),
        access_log,
        exports: Arc::new(exports),
        embargo_window: config.bulletin_embargo(),
        metrics_addresses: config.metrics_addresses.clone().into(),
        metrics_token: config.metrics_token.clone(),
        document_max_bytes: usize::try_from(config.document_max_bytes).unwrap_or(usize::MAX),
    };
    let store_for_feed = store.clone();
    let store_for_erasure = store.clone();
    let store_for_notifications = store.clone();
    let router = http::router(state, &config.cors_origins, crate::portal::routes());
    let (stop, stopped) = oneshot::channel::<()>();
    let (stopping_tx, stopping) = watch::channel(false);
    let task = tokio::spawn(http::serve(listener, router, async move {
        tokio::select! {
            _ = shutdown => {}
            _ = stopped => {}
        }
        tracing::info!("no longer accepting connections; finishing requests in flight");
        let _ = stopping_tx.send(true);
    }));
    tracing::info!(%addr, "Sunlight is listening; GraphiQL at http://{addr}/graphql");
    Ok(Running {
        addr,
        store,
        stop: Some(stop),
        stopping,
        grace: Duration::from_secs(config.shutdown_grace_secs),
        task,
        access_log: writer,
        checkpoints: (config.audit_checkpoint_interval_secs > 0).then(|| {
            tokio::spawn(crate::audit::checkpoint::run(
                database.clone(),
                Arc::new(audit_key),
                Duration::from_secs(config.audit_checkpoint_interval_secs),
            ))
        }),
        erasure: (config.feedback_retention_days > 0).then(|| {
            tokio::spawn(crate::store::feedback::run_erasure(
                store_for_erasure,
                config.feedback_retention_days,
                Duration::from_secs(3600),
            ))
        }),
        pruning: (config.access_log_retention_days > 0).then(|| {
            tokio::spawn(access_log::run_pruning(
                database.clone(),
                config.access_log_retention_days,
                Duration::from_secs(3600),
            ))
        }),
        notifications: (senders.channels() != crate::store::notify::Channels::default())
            .then(|| tokio::spawn(crate::notify::run(store_for_notifications, senders.clone()))),
        feed: tokio::spawn(crate::store::changes::run(
            store_for_feed,
            config.database_url.clone(),
        )),
        database,
    })
}
