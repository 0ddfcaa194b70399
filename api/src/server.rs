//! Starting Sunlight: open the database, load the demo county, bind, serve.

use std::{net::SocketAddr, sync::Arc};

use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

use crate::{
    auth::{KeySource, Verifier},
    config::Config,
    db, graphql, http, seed,
    store::Store,
};

/// A server that is listening.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The store, for work beside the server.
    pub store: Store,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops accepting, lets in-flight requests finish, and waits for the server to end.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (&mut self.task).await??;
        self.store.connection().clone().close().await?;
        Ok(())
    }

    /// Waits until the server ends by itself (a shutdown signal).
    pub async fn wait(self) -> anyhow::Result<()> {
        self.task.await??;
        Ok(())
    }
}

/// Opens the database, applies migrations, loads the demo county when configured and the
/// database is empty.
pub async fn prepare(config: &Config) -> anyhow::Result<Store> {
    let connection = db::open(config).await?;
    if config.seed_demo && seed::load_demo_if_empty(&connection).await? {
        tracing::info!("loaded the demo county into an empty database");
    }
    Ok(Store::new(connection))
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
    let store = prepare(config).await?;
    let listener = TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let router = http::router(http::AppState {
        schema: graphql::build(Some(store.clone())),
        store: store.clone(),
        verifier: Arc::new(verifier),
    });
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(http::serve(listener, router, async move {
        tokio::select! {
            _ = shutdown => {}
            _ = stopped => {}
        }
    }));
    tracing::info!(%addr, "Sunlight is listening; GraphiQL at http://{addr}/graphql");
    Ok(Running {
        addr,
        store,
        stop: Some(stop),
        task,
    })
}
