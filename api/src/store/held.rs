//! One PostgreSQL connection for all the reads of one query.
//!
//! The driver pings a pooled connection each time it comes back to the pool: a round trip per
//! statement, on top of the statement's own. A query that reads a page, its holders, their
//! procedures and their steps sent eight messages where four would do. A query's store instead
//! takes one connection at its first read, from a pool of its own, sends all its reads on it in
//! turn, and hands it back (one ping) when the query is done.
//!
//! That pool serves nothing else. A query holding its connection may still need one of the
//! main pool for a moment (the organization tree, a transaction of a search); if both came
//! from one pool, as many queries as it has connections could each hold one and wait for
//! another, and none would go on until the pool's wait ran out. The main pool's connections
//! are never held across a wait for this one, so the two cannot wait on each other.

use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};

use sea_orm::{
    ConnAcquireErr, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, ExecResult, QueryResult,
    RuntimeErr, Statement,
    sea_query::Values,
    sqlx::{self, PgPool, Postgres, pool::PoolConnection},
};
use sea_query_sqlx::SqlxValues;

/// A query's connection, taken at its first read.
pub(crate) struct Held {
    pool: PgPool,
    connection: tokio::sync::Mutex<Option<PoolConnection<Postgres>>>,
    statements: Arc<AtomicU64>,
}

impl Held {
    /// A connection to be taken from `pool`, its statements counted in `statements`.
    pub(crate) fn new(pool: PgPool, statements: Arc<AtomicU64>) -> Self {
        Self {
            pool,
            connection: tokio::sync::Mutex::new(None),
            statements,
        }
    }

    /// The held connection, taken first if none is held. The query's reads take turns on it.
    async fn slot(&self) -> Result<Slot<'_>, DbErr> {
        let mut slot = self.connection.lock().await;
        if slot.is_none() {
            *slot = Some(self.pool.acquire().await.map_err(acquire_error)?);
        }
        self.statements.fetch_add(1, Ordering::Relaxed);
        Ok(Slot(slot))
    }
}

/// The held connection, for one statement.
struct Slot<'a>(tokio::sync::MutexGuard<'a, Option<PoolConnection<Postgres>>>);

impl Slot<'_> {
    /// The connection, to send the statement on.
    fn connection(&mut self) -> Result<&mut sqlx::PgConnection, DbErr> {
        self.0
            .as_deref_mut()
            .ok_or_else(|| DbErr::Custom("the held connection was given back".to_owned()))
    }

    /// The statement's `result`. After an error the connection is given back: the pool's ping
    /// as it returns tells whether it can serve again, and the next statement takes one that
    /// can.
    fn settle<T>(mut self, result: Result<T, sqlx::Error>) -> Result<T, DbErr> {
        if result.is_err() {
            self.0.take();
        }
        result.map_err(|e| DbErr::Query(RuntimeErr::SqlxError(e.into())))
    }
}

/// `stmt` with its parameters bound.
fn bound(stmt: &mut Statement) -> sqlx::query::Query<'_, Postgres, SqlxValues> {
    let values = stmt.values.take().unwrap_or(Values(Vec::new()));
    sqlx::query_with(sqlx::AssertSqlSafe(stmt.sql.as_str()), SqlxValues(values))
}

/// The error SeaORM gives for a pool that hands out no connection, so that it reads as the
/// same outage (see [`crate::error::outage`]).
fn acquire_error(error: sqlx::Error) -> DbErr {
    match error {
        sqlx::Error::PoolTimedOut => DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
        sqlx::Error::PoolClosed => DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed),
        other => DbErr::Conn(RuntimeErr::SqlxError(other.into())),
    }
}

/// Where a store's scoped reads go: the read pool, or the query's held connection.
pub(crate) enum Reads<'a> {
    /// Each statement on a connection of the pool.
    Pool(&'a DatabaseConnection),
    /// All on one connection.
    Held(&'a Held),
}

#[async_trait::async_trait]
impl ConnectionTrait for Reads<'_> {
    fn get_database_backend(&self) -> DbBackend {
        match self {
            Self::Pool(db) => db.get_database_backend(),
            Self::Held(_) => DbBackend::Postgres,
        }
    }

    async fn execute_raw(&self, mut stmt: Statement) -> Result<ExecResult, DbErr> {
        match self {
            Self::Pool(db) => db.execute_raw(stmt).await,
            Self::Held(held) => {
                let mut slot = held.slot().await?;
                let result = bound(&mut stmt).execute(slot.connection()?).await;
                slot.settle(result).map(ExecResult::from)
            }
        }
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        match self {
            Self::Pool(db) => db.execute_unprepared(sql).await,
            Self::Held(held) => {
                let mut slot = held.slot().await?;
                let result = sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                    .execute(slot.connection()?)
                    .await;
                slot.settle(result).map(ExecResult::from)
            }
        }
    }

    async fn query_one_raw(&self, mut stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        match self {
            Self::Pool(db) => db.query_one_raw(stmt).await,
            Self::Held(held) => {
                let mut slot = held.slot().await?;
                let result = bound(&mut stmt).fetch_optional(slot.connection()?).await;
                slot.settle(result).map(|row| row.map(QueryResult::from))
            }
        }
    }

    async fn query_all_raw(&self, mut stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        match self {
            Self::Pool(db) => db.query_all_raw(stmt).await,
            Self::Held(held) => {
                let mut slot = held.slot().await?;
                let result = bound(&mut stmt).fetch_all(slot.connection()?).await;
                slot.settle(result)
                    .map(|rows| rows.into_iter().map(QueryResult::from).collect())
            }
        }
    }
}
