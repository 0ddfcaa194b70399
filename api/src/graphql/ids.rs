//! Global ids: an opaque, stable id for every record, the same on every database.

use async_graphql::ID;
use base64::Engine;
use entity::enums::RecordKind;

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

/// Each kind of record and the GraphQL type its global ids name.
const KINDS: [(RecordKind, &str); 13] = [
    (RecordKind::Source, "Source"),
    (RecordKind::Organization, "Organization"),
    (RecordKind::Person, "Person"),
    (RecordKind::Post, "Post"),
    (RecordKind::Membership, "Membership"),
    (RecordKind::Power, "Power"),
    (RecordKind::Procedure, "Procedure"),
    (RecordKind::Meeting, "Meeting"),
    (RecordKind::Decision, "Decision"),
    (RecordKind::Observer, "Observer"),
    (RecordKind::Appointment, "Appointment"),
    (RecordKind::DisciplinaryCase, "DisciplinaryCase"),
    (RecordKind::Bulletin, "Bulletin"),
];

/// The global id of record `key` of `kind`.
pub fn of_record(kind: RecordKind, key: i64) -> ID {
    let name = KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("", |(_, name)| name);
    encode(name, key)
}

/// The kind and key of the global id of a record; `None` for any other id.
pub fn decode_record(id: &ID) -> Option<(RecordKind, i64)> {
    let (name, key) = decode_any(id)?;
    KINDS
        .iter()
        .find(|(_, n)| *n == name)
        .map(|(kind, _)| (*kind, key))
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

    #[test]
    fn every_kind_of_record_has_its_type_in_the_id() {
        use sea_orm::Iterable as _;
        for kind in RecordKind::iter() {
            let id = of_record(kind, 9);
            assert_eq!(decode_record(&id), Some((kind, 9)));
            assert_eq!(
                decode_any(&id).map(|(name, _)| name),
                Some(format!("{kind:?}"))
            );
        }
        assert_eq!(decode_record(&encode("Attendance", 1)), None);
    }
}
