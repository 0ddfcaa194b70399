//! One error type with a small set of client codes. Internal causes are logged, never sent.

use async_graphql::ErrorExtensions;

/// The codes a client may see, in `extensions.code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// The request's input is wrong; the message says how.
    BadUserInput,
    /// A token was sent and is not acceptable.
    Unauthenticated,
    /// The caller may not do this.
    Forbidden,
    /// No such record (or none the caller may see: the two are the same).
    NotFound,
    /// The record changed since the caller read it.
    Conflict,
    /// Too many requests.
    RateLimited,
    /// The database cannot serve the request now (unreachable, restarting, out of room); retry
    /// after the seconds in `extensions.retryAfter` and the `Retry-After` header.
    Unavailable,
    /// A request named its query by a hash this server does not hold for the caller; send it
    /// again with the query text (automatic persisted queries).
    PersistedQueryNotFound,
    /// Something failed on our side; details are in the server log.
    Internal,
}

impl Code {
    /// The wire form, e.g. `BAD_USER_INPUT`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::BadUserInput => "BAD_USER_INPUT",
            Code::Unauthenticated => "UNAUTHENTICATED",
            Code::Forbidden => "FORBIDDEN",
            Code::NotFound => "NOT_FOUND",
            Code::Conflict => "CONFLICT",
            Code::RateLimited => "RATE_LIMITED",
            Code::Unavailable => "UNAVAILABLE",
            Code::PersistedQueryNotFound => "PERSISTED_QUERY_NOT_FOUND",
            Code::Internal => "INTERNAL",
        }
    }
}

/// An error on a request path. It has no `Display` on purpose: the only way to a client is
/// the conversion below, which attaches the code and hides internal causes.
#[derive(Debug)]
pub enum AppError {
    /// The client's input is wrong.
    BadInput {
        /// What is wrong, for a person to read.
        message: String,
        /// The input field at fault, e.g. `first`.
        field: Option<String>,
    },
    /// The request is understood but refused: `FORBIDDEN`, `NOT_FOUND` or `CONFLICT`.
    Refused {
        /// Which.
        code: Code,
        /// Why, for a person to read.
        message: String,
    },
    /// The caller has spent a budget: `RATE_LIMITED`, with the seconds to wait.
    Limited {
        /// Why, for a person to read.
        message: String,
        /// Whole seconds until the next attempt can pass.
        retry_after: u64,
    },
    /// The database failed.
    Database(sea_orm::DbErr),
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::Database(err)
    }
}

/// Short form for results on request paths.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A `BAD_USER_INPUT` error about `field`.
    pub fn bad_input(field: &str, message: impl Into<String>) -> Self {
        AppError::BadInput {
            message: message.into(),
            field: Some(field.to_owned()),
        }
    }

    /// A `FORBIDDEN` error: the caller may not do this.
    pub fn forbidden(message: impl Into<String>) -> Self {
        AppError::Refused {
            code: Code::Forbidden,
            message: message.into(),
        }
    }

    /// A `NOT_FOUND` error: no such record, or none the caller may see.
    pub fn not_found(message: impl Into<String>) -> Self {
        AppError::Refused {
            code: Code::NotFound,
            message: message.into(),
        }
    }

    /// A `CONFLICT` error: the record changed since the caller read it.
    pub fn conflict(message: impl Into<String>) -> Self {
        AppError::Refused {
            code: Code::Conflict,
            message: message.into(),
        }
    }

    /// A `RATE_LIMITED` error: try again after `wait`.
    pub fn rate_limited(message: impl Into<String>, wait: std::time::Duration) -> Self {
        AppError::Limited {
            message: message.into(),
            retry_after: wait.as_secs().saturating_add(1),
        }
    }

    /// The client code of this error.
    pub fn code(&self) -> Code {
        match self {
            AppError::BadInput { .. } => Code::BadUserInput,
            AppError::Refused { code, .. } => *code,
            AppError::Limited { .. } => Code::RateLimited,
            AppError::Database(cause) if outage(cause).is_some() => Code::Unavailable,
            AppError::Database(_) => Code::Internal,
        }
    }
}

/// Why the database cannot serve a request now, when that is what a failure means: unlike an
/// internal error, the same request may pass a moment later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outage {
    /// No connection within the acquire timeout, or the connection broke or was refused: the
    /// database is down, restarting, or every connection is busy.
    Unreachable,
    /// The database has no room left to write; reads go on.
    Full,
    /// PostgreSQL stopped a statement at `statement_timeout_secs` (SQLSTATE 57014): the
    /// database is too busy to answer in time now. Nothing of the request was kept.
    Busy,
}

impl Outage {
    /// Whole seconds a client should wait before trying again.
    pub fn retry_after(self) -> u64 {
        match self {
            Outage::Unreachable => 1,
            Outage::Full => 60,
            Outage::Busy => 2,
        }
    }

    /// What the client is told.
    pub fn message(self) -> &'static str {
        match self {
            Outage::Unreachable => "the database cannot be reached now; retry shortly",
            Outage::Full => "the database has no room to write now; reads go on, retry later",
            Outage::Busy => "the database is too busy to answer in time now; retry shortly",
        }
    }
}

/// Whether `err` means the database is out of reach or out of room rather than a fault of the
/// request or of ours. PostgreSQL says so by SQLSTATE (class 08 connection exceptions, 57P01–03
/// shutdown and start, 53100 disk full, 53300 too many connections, 57014 a statement stopped
/// at the statement timeout); SQLite by its result code
/// (13, `SQLITE_FULL`); the driver by a broken or refused connection.
pub fn outage(err: &sea_orm::DbErr) -> Option<Outage> {
    use sea_orm::{DbErr, RuntimeErr, sqlx::Error as Sqlx};
    let sqlx = match err {
        DbErr::ConnectionAcquire(_) => return Some(Outage::Unreachable),
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => e.as_ref(),
        _ => return None,
    };
    match sqlx {
        Sqlx::Io(_)
        | Sqlx::Tls(_)
        | Sqlx::PoolTimedOut
        | Sqlx::PoolClosed
        | Sqlx::WorkerCrashed => Some(Outage::Unreachable),
        Sqlx::Database(e) => {
            let code = e.code()?;
            match code.as_ref() {
                "53100" | "13" => Some(Outage::Full),
                "57P01" | "57P02" | "57P03" | "53300" => Some(Outage::Unreachable),
                "57014" => Some(Outage::Busy),
                c if c.starts_with("08") => Some(Outage::Unreachable),
                _ => None,
            }
        }
        _ => None,
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        let code = err.code();
        let down = match &err {
            AppError::Database(cause) => outage(cause),
            _ => None,
        };
        let message = match (&err, down) {
            (AppError::Database(cause), Some(down)) => {
                tracing::warn!(error = %cause, "the database cannot serve a request now");
                down.message().to_owned()
            }
            (AppError::Database(cause), None) => {
                tracing::error!(error = %cause, "database error on a request");
                "internal error; the server log has the details".to_owned()
            }
            (
                AppError::BadInput { message, .. }
                | AppError::Refused { message, .. }
                | AppError::Limited { message, .. },
                _,
            ) => message.clone(),
        };
        async_graphql::Error::new(message).extend_with(|_, ext| {
            ext.set("code", code.as_str());
            if let AppError::BadInput {
                field: Some(field), ..
            } = &err
            {
                ext.set("field", field.as_str());
            }
            if let AppError::Limited { retry_after, .. } = &err {
                ext.set("retryAfter", *retry_after);
            }
            if let Some(down) = down {
                ext.set("retryAfter", down.retry_after());
            }
        })
    }
}
