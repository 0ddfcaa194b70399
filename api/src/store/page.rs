//! Pages of records and the arguments that ask for them.

use crate::error::{AppError, AppResult};

/// Records per page when the caller does not say.
pub const DEFAULT_PAGE: u64 = 20;
/// The most records a page may hold.
pub const MAX_PAGE: u64 = 100;

/// Validated paging arguments: at most [`MAX_PAGE`] records after a key.
#[derive(Clone, Copy, Debug)]
pub struct PageArgs {
    /// How many records.
    pub first: u64,
    /// Only records whose key is greater.
    pub after: Option<i64>,
}

impl PageArgs {
    /// Checks `first` and decodes `after`; a page larger than the maximum is an error, never a
    /// silent cut.
    pub fn new(first: Option<i32>, after: Option<&str>) -> AppResult<Self> {
        let first = match first {
            None => DEFAULT_PAGE,
            Some(n) if n < 0 => {
                return Err(AppError::bad_input("first", "`first` must not be negative"));
            }
            Some(n) if n as u64 > MAX_PAGE => {
                return Err(AppError::bad_input(
                    "first",
                    format!(
                        "`first` may be at most {MAX_PAGE}; ask for the next page with `after`"
                    ),
                ));
            }
            Some(n) => n as u64,
        };
        let after = after.map(decode_cursor).transpose()?;
        Ok(Self { first, after })
    }
}

/// A page of items, each with its key.
#[derive(Debug)]
pub struct Page<T> {
    /// The items and their keys.
    pub items: Vec<(i64, T)>,
    /// Whether more items follow.
    pub has_next: bool,
    /// Whether items precede.
    pub has_previous: bool,
    /// How many items the caller may see in all.
    pub total: u64,
}

const CURSOR_PREFIX: &str = "k1:";

/// The opaque cursor of a key.
pub fn encode_cursor(key: i64) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{key}"))
}

/// The key of a cursor; anything else is a `BAD_USER_INPUT` that does not echo the input.
pub fn decode_cursor(cursor: &str) -> AppResult<i64> {
    use base64::Engine;
    let invalid = || AppError::bad_input("after", "`after` is not a cursor this API gave out");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| invalid())?;
    let text = std::str::from_utf8(&bytes).map_err(|_| invalid())?;
    text.strip_prefix(CURSOR_PREFIX)
        .and_then(|k| k.parse().ok())
        .ok_or_else(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() -> AppResult<()> {
        assert_eq!(decode_cursor(&encode_cursor(42))?, 42);
        Ok(())
    }

    #[test]
    fn foreign_cursors_are_refused() {
        assert!(decode_cursor("not a cursor").is_err());
        use base64::Engine;
        let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("x1:1");
        assert!(decode_cursor(&forged).is_err());
    }

    #[test]
    fn pages_over_the_maximum_are_refused() {
        assert!(PageArgs::new(Some(101), None).is_err());
        assert!(PageArgs::new(Some(-1), None).is_err());
        assert!(matches!(
            PageArgs::new(None, None),
            Ok(PageArgs { first: 20, .. })
        ));
    }
}
