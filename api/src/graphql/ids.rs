//! Global ids: an opaque, stable id for every record, the same on every database.

use async_graphql::ID;
use base64::Engine;

/// The id of record `key` of GraphQL type `kind`.
pub fn encode(kind: &str, key: i64) -> ID {
    ID(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{key}")))
}

/// The key of `id` if it is an id of `kind`. Anything else is simply not found, so that a
/// malformed id and a hidden record look alike.
pub fn decode(kind: &str, id: &ID) -> Option<i64> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(id.as_str())
        .ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let (k, key) = text.split_once(':')?;
    (k == kind).then(|| key.parse().ok()).flatten()
}

/// The kind and key of any global id.
pub fn decode_any(id: &ID) -> Option<(String, i64)> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(id.as_str())
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (kind, key) = text.split_once(':')?;
    Some((kind.to_owned(), key.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_keep_their_kind() {
        let id = encode("Power", 7);
        assert_eq!(decode("Power", &id), Some(7));
        assert_eq!(decode("Meeting", &id), None);
        assert_eq!(decode("Power", &ID("garbage".into())), None);
    }
}
