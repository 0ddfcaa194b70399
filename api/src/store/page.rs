//! Pages of records and the arguments that ask for them: keyset pagination in both directions,
//! over any sort key with the id as tie-breaker, so that page 500 costs what page 1 costs and
//! inserts never shift a page.

use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::Value;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};

/// Records per page when the caller does not say.
pub const DEFAULT_PAGE: u64 = 20;
/// The most records a page may hold.
pub const MAX_PAGE: u64 = 100;

/// Which way a page runs from its cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// `first` / `after`.
    Forward,
    /// `last` / `before`.
    Backward,
}

/// A sort key: a column of the table and its direction; the id breaks ties.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    /// The column; it must not be nullable.
    pub column: &'static str,
    /// Largest first.
    pub descending: bool,
}

impl Sort {
    /// Ascending by id: the default order.
    pub const BY_ID: Sort = Sort {
        column: "id",
        descending: false,
    };
}

/// The value of a sort key, as a cursor carries it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v")]
pub enum SortValue {
    /// Text.
    Text(String),
    /// An integer.
    Int(i64),
    /// A time.
    Time(DateTime<Utc>),
    /// A date.
    Date(NaiveDate),
}

impl SortValue {
    /// The value of a column read from a row.
    pub fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::String(Some(s)) => Some(SortValue::Text(s)),
            Value::BigInt(Some(n)) => Some(SortValue::Int(n)),
            Value::Int(Some(n)) => Some(SortValue::Int(i64::from(n))),
            Value::ChronoDateTimeUtc(Some(t)) => Some(SortValue::Time(t)),
            Value::ChronoDate(Some(d)) => Some(SortValue::Date(d)),
            _ => None,
        }
    }

    /// The value to bind in a comparison.
    pub fn to_value(&self) -> Value {
        match self {
            SortValue::Text(s) => s.clone().into(),
            SortValue::Int(n) => (*n).into(),
            SortValue::Time(t) => (*t).into(),
            SortValue::Date(d) => (*d).into(),
        }
    }
}

/// Where a page starts: the sort key's value and the id of the record before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cursor {
    /// The sort column the cursor was made for.
    pub sort: String,
    /// Whether that sort was descending.
    pub desc: bool,
    /// The value of the sort key.
    pub value: SortValue,
    /// The id.
    pub id: i64,
}

const CURSOR_PREFIX: &str = "k2:";

/// The opaque text of a cursor.
pub fn encode_cursor(cursor: &Cursor) -> String {
    let json = serde_json::to_string(cursor).unwrap_or_default();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{json}"))
}

/// The cursor of a text; anything else is a `BAD_USER_INPUT` that does not echo the input.
pub fn decode_cursor(field: &str, cursor: &str) -> AppResult<Cursor> {
    let invalid = || {
        AppError::bad_input(
            field,
            format!("`{field}` is not a cursor this API gave out"),
        )
    };
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| invalid())?;
    let text = std::str::from_utf8(&bytes).map_err(|_| invalid())?;
    let json = text.strip_prefix(CURSOR_PREFIX).ok_or_else(invalid)?;
    serde_json::from_str(json).map_err(|_| invalid())
}

/// Validated paging arguments.
#[derive(Clone, Debug)]
pub struct PageArgs {
    /// How many records.
    pub size: u64,
    /// Which way from the cursor.
    pub direction: Direction,
    /// Where to start, if not at an end.
    pub cursor: Option<Cursor>,
    /// Whether to count every matching record too.
    pub count: bool,
}

/// The size of a page asked for as `field`: at least 0, at most [`MAX_PAGE`].
pub fn size(field: &str, n: i32) -> AppResult<u64> {
    if n < 0 {
        return Err(AppError::bad_input(
            field,
            format!("`{field}` must not be negative"),
        ));
    }
    let n = n as u64;
    if n > MAX_PAGE {
        return Err(AppError::bad_input(
            field,
            format!("`{field}` may be at most {MAX_PAGE}; ask for the next page with a cursor"),
        ));
    }
    Ok(n)
}

impl PageArgs {
    /// Checks the Relay arguments: `first` with `after`, or `last` with `before`. A page larger
    /// than the maximum is an error, never a silent cut.
    pub fn new(
        first: Option<i32>,
        after: Option<&str>,
        last: Option<i32>,
        before: Option<&str>,
    ) -> AppResult<Self> {
        match (first, after, last, before) {
            (_, _, Some(_), _) | (_, _, _, Some(_)) if first.is_some() || after.is_some() => {
                Err(AppError::bad_input(
                    "last",
                    "page forward with `first`/`after` or backward with `last`/`before`, not both",
                ))
            }
            (_, _, Some(last), before) => Ok(Self {
                size: size("last", last)?,
                direction: Direction::Backward,
                cursor: before.map(|c| decode_cursor("before", c)).transpose()?,
                count: true,
            }),
            (_, _, None, Some(before)) => Ok(Self {
                size: DEFAULT_PAGE,
                direction: Direction::Backward,
                cursor: Some(decode_cursor("before", before)?),
                count: true,
            }),
            (first, after, None, None) => Ok(Self {
                size: first
                    .map(|n| size("first", n))
                    .transpose()?
                    .unwrap_or(DEFAULT_PAGE),
                direction: Direction::Forward,
                cursor: after.map(|c| decode_cursor("after", c)).transpose()?,
                count: true,
            }),
        }
    }
}

/// A page of items, each with its cursor.
#[derive(Debug)]
pub struct Page<T> {
    /// The items and their cursors.
    pub items: Vec<(String, T)>,
    /// Whether more items follow.
    pub has_next: bool,
    /// Whether items precede.
    pub has_previous: bool,
    /// How many items the caller may see in all.
    pub total: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor() -> Cursor {
        Cursor {
            sort: "code".into(),
            desc: false,
            value: SortValue::Text("MYXW-ZQ-001".into()),
            id: 42,
        }
    }

    #[test]
    fn cursors_round_trip() -> AppResult<()> {
        assert_eq!(decode_cursor("after", &encode_cursor(&cursor()))?, cursor());
        Ok(())
    }

    #[test]
    fn foreign_cursors_are_refused() {
        assert!(decode_cursor("after", "not a cursor").is_err());
        let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("x1:1");
        assert!(decode_cursor("after", &forged).is_err());
    }

    #[test]
    fn pages_over_the_maximum_are_refused() {
        assert!(PageArgs::new(Some(101), None, None, None).is_err());
        assert!(PageArgs::new(Some(-1), None, None, None).is_err());
        assert!(PageArgs::new(None, None, Some(101), None).is_err());
        assert!(PageArgs::new(Some(5), None, Some(5), None).is_err());
        assert!(matches!(
            PageArgs::new(None, None, None, None),
            Ok(PageArgs { size: 20, .. })
        ));
        assert!(matches!(
            PageArgs::new(None, None, Some(3), None),
            Ok(PageArgs {
                size: 3,
                direction: Direction::Backward,
                ..
            })
        ));
    }
}
