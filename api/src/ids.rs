//! Public ids: opaque, stable, and without order.
//!
//! A record's key in its table is a sequence number, and two such numbers tell how many records
//! were made between them, hidden ones included. So no key is ever shown as it is: a public id is
//! the record's type name and its key put through a keyed permutation (a four-round Feistel
//! network over 64 bits with SipHash-1-3 as its round function), whose key each deployment makes
//! on first start and keeps in `sunlight_meta`. Without the key, ids of consecutive records look
//! unrelated, and the distance between two ids says nothing. The same key hides the record keys
//! carried in list cursors.
//!
//! Ids given out before ids were permuted (`base64("Power:12")`) keep working for the records that
//! existed then: the migration that introduced permuted ids wrote down the highest key of every
//! type, and an old-form id answers only at or below it. Records made since can be reached by
//! their new id alone, so the old form tells nothing about them.

use std::{collections::HashMap, hash::Hasher as _, sync::Arc};

use async_graphql::ID;
use base64::Engine as _;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait as _, sea_query::OnConflict};

use crate::error::{AppError, AppResult};

/// Where the permutation's key is kept in `sunlight_meta`.
const KEY_ROW: &str = "record_id_key";

/// Where the highest key of each type at the change of id form is kept in `sunlight_meta`.
pub const LEGACY_ROW: &str = "legacy_id_limits";

/// Keys stay below 2^48; a decoded value above is not an id this deployment gave out.
const KEY_BITS: u32 = 48;

/// A keyed permutation of 64-bit numbers, tweaked by a label so that each label permutes
/// differently.
#[derive(Clone)]
pub struct Permutation {
    k0: u64,
    k1: u64,
}

impl std::fmt::Debug for Permutation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Permutation(..)")
    }
}

impl Permutation {
    /// The permutation of a 32-byte key: SipHash's 128-bit key is drawn from all of it.
    pub fn new(key: &[u8; 32]) -> Self {
        use sha2::{Digest as _, Sha256};
        let digest = Sha256::new()
            .chain_update(b"sunlight permutation")
            .chain_update(key)
            .finalize();
        let word = |at: usize| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&digest[at..at + 8]);
            u64::from_le_bytes(bytes)
        };
        Self {
            k0: word(0),
            k1: word(8),
        }
    }

    /// The database's key stored under `row`, made on first use.
    pub async fn load(db: &DatabaseConnection, row: &str) -> AppResult<[u8; 32]> {
        let read = || async {
            Ok::<_, AppError>(
                entity::meta::Entity::find_by_id(row.to_owned())
                    .one(db)
                    .await?
                    .and_then(|found| from_hex(&found.value)),
            )
        };
        if let Some(key) = read().await? {
            return Ok(key);
        }
        let key = random_key()?;
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        // Two instances starting at once: the first key written wins, and both read it.
        entity::meta::Entity::insert(entity::meta::ActiveModel {
            key: Set(row.to_owned()),
            value: Set(hex),
        })
        .on_conflict(
            OnConflict::column(entity::meta::Column::Key)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
        read()
            .await?
            .ok_or_else(|| AppError::Database(sea_orm::DbErr::Custom(format!("no key in {row}"))))
    }

    fn round(&self, label: &[u8], round: u8, half: u32) -> u32 {
        let mut hasher = siphasher::sip::SipHasher13::new_with_keys(self.k0, self.k1);
        hasher.write(label);
        hasher.write_u8(round);
        hasher.write_u32(half);
        hasher.finish() as u32
    }

    /// `value` permuted under `label`.
    pub fn forward(&self, label: &[u8], value: u64) -> u64 {
        let (mut left, mut right) = ((value >> 32) as u32, value as u32);
        for round in 0..4 {
            let next = left ^ self.round(label, round, right);
            left = right;
            right = next;
        }
        (u64::from(left) << 32) | u64::from(right)
    }

    /// The value that `forward(label, _)` turned into `block`.
    pub fn backward(&self, label: &[u8], block: u64) -> u64 {
        let (mut left, mut right) = ((block >> 32) as u32, block as u32);
        for round in (0..4).rev() {
            let previous = right ^ self.round(label, round, left);
            right = left;
            left = previous;
        }
        (u64::from(left) << 32) | u64::from(right)
    }

    /// A record key hidden under `label`, as a number a cursor can carry.
    pub fn hide(&self, label: &[u8], key: i64) -> i64 {
        self.forward(label, key as u64) as i64
    }

    /// The record key that [`Permutation::hide`] turned into `hidden`, if it is one.
    pub fn reveal(&self, label: &[u8], hidden: i64) -> Option<i64> {
        let key = self.backward(label, hidden as u64);
        (key >> KEY_BITS == 0).then_some(key as i64)
    }
}

fn random_key() -> AppResult<[u8; 32]> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key)
        .map_err(|e| AppError::Database(sea_orm::DbErr::Custom(e.to_string())))?;
    Ok(key)
}

fn from_hex(hex: &str) -> Option<[u8; 32]> {
    let mut key = [0u8; 32];
    if hex.len() != 64 {
        return None;
    }
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(key)
}

/// The ids of one deployment. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Ids {
    permutation: Permutation,
    legacy: Arc<HashMap<String, i64>>,
}

impl Ids {
    /// The deployment's ids: its key (made on first use) and the limits of old-form ids.
    pub async fn load(db: &DatabaseConnection) -> AppResult<Self> {
        let key = Permutation::load(db, KEY_ROW).await?;
        let legacy = entity::meta::Entity::find_by_id(LEGACY_ROW.to_owned())
            .one(db)
            .await?
            .and_then(|row| serde_json::from_str(&row.value).ok())
            .unwrap_or_default();
        Ok(Self {
            permutation: Permutation::new(&key),
            legacy: Arc::new(legacy),
        })
    }

    /// Ids under a key of this process alone, that no database keeps.
    pub fn fixed_random() -> Self {
        let key = random_key().unwrap_or([0x5a; 32]);
        Self {
            permutation: Permutation::new(&key),
            legacy: Arc::default(),
        }
    }

    /// Ids under a fixed key, for unit tests.
    pub fn fixed(byte: u8, legacy: &[(&str, i64)]) -> Self {
        Self {
            permutation: Permutation::new(&[byte; 32]),
            legacy: Arc::new(
                legacy
                    .iter()
                    .map(|(name, limit)| ((*name).to_owned(), *limit))
                    .collect(),
            ),
        }
    }

    /// The permutation, for cursors that carry record keys.
    pub fn permutation(&self) -> &Permutation {
        &self.permutation
    }

    /// The id of record `key` of GraphQL type `name`.
    pub fn encode(&self, name: &str, key: i64) -> ID {
        let block = self.permutation.forward(name.as_bytes(), key as u64);
        let mut bytes = Vec::with_capacity(name.len() + 9);
        bytes.extend_from_slice(name.as_bytes());
        bytes.push(b'.');
        bytes.extend_from_slice(&block.to_be_bytes());
        ID(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The type name and key of any id this deployment gave out. Anything else is simply not
    /// found, so that a malformed id and a hidden record look alike.
    pub fn decode_any(&self, id: &ID) -> Option<(String, i64)> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(id.as_str())
            .ok()?;
        if let Some(split) = bytes.len().checked_sub(9).filter(|at| bytes[*at] == b'.') {
            let name = std::str::from_utf8(&bytes[..split]).ok()?;
            let block = u64::from_be_bytes(bytes[split + 1..].try_into().ok()?);
            let key = self.permutation.backward(name.as_bytes(), block);
            return (key >> KEY_BITS == 0 && key > 0).then(|| (name.to_owned(), key as i64));
        }
        // The old form, `Type:key`, for records that existed when ids became opaque.
        let text = std::str::from_utf8(&bytes).ok()?;
        let (name, key) = text.split_once(':')?;
        let key: i64 = key.parse().ok()?;
        let limit = self.legacy.get(name).copied().unwrap_or(0);
        (key > 0 && key <= limit).then(|| (name.to_owned(), key))
    }

    /// The key of `id` if it is an id of type `name`.
    pub fn decode(&self, name: &str, id: &ID) -> Option<i64> {
        self.decode_any(id)
            .and_then(|(n, key)| (n == name).then_some(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old(name: &str, key: i64) -> ID {
        ID(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{name}:{key}")))
    }

    #[test]
    fn ids_round_trip_and_keep_their_type() {
        let ids = Ids::fixed(7, &[]);
        let id = ids.encode("Power", 7);
        assert_eq!(ids.decode("Power", &id), Some(7));
        assert_eq!(ids.decode("Meeting", &id), None);
        assert_eq!(ids.decode("Power", &ID("garbage".into())), None);
        assert_eq!(ids.decode("Power", &ID(String::new())), None);
    }

    #[test]
    fn ids_of_consecutive_keys_show_no_order_or_distance() {
        let ids = Ids::fixed(7, &[]);
        let blocks: Vec<u64> = (1..=1000)
            .map(|key| ids.permutation.forward(b"Power", key))
            .collect();
        // Consecutive keys land all over the 64-bit range: about half of the steps go down,
        // and no step is small.
        let downs = blocks.windows(2).filter(|w| w[1] < w[0]).count();
        assert!((400..=600).contains(&downs), "{downs} of 999 steps go down");
        let small = blocks
            .windows(2)
            .filter(|w| w[1].abs_diff(w[0]) < 1 << 40)
            .count();
        assert!(small < 5, "{small} steps are small");
        // The same key of two types gives unrelated ids.
        assert_ne!(
            ids.permutation.forward(b"Power", 1),
            ids.permutation.forward(b"Meeting", 1)
        );
        // Another deployment's key gives other ids, which this one does not take.
        let other = Ids::fixed(8, &[]);
        assert_ne!(other.encode("Power", 1), ids.encode("Power", 1));
        let made_up = (1..=200)
            .filter(|key| ids.decode("Power", &other.encode("Power", *key)).is_some())
            .count();
        assert!(made_up < 3, "{made_up} foreign ids were taken");
    }

    #[test]
    fn old_ids_answer_only_for_records_that_existed_before() {
        let ids = Ids::fixed(7, &[("Power", 40)]);
        assert_eq!(ids.decode("Power", &old("Power", 40)), Some(40));
        assert_eq!(ids.decode("Power", &old("Power", 1)), Some(1));
        assert_eq!(ids.decode("Power", &old("Power", 41)), None);
        assert_eq!(ids.decode("Power", &old("Power", 0)), None);
        assert_eq!(ids.decode("Power", &old("Power", -3)), None);
        assert_eq!(ids.decode("Meeting", &old("Meeting", 1)), None);
        // The new id of an old record answers too, and is the one given out.
        assert_eq!(ids.decode("Power", &ids.encode("Power", 40)), Some(40));
        assert_ne!(ids.encode("Power", 40), old("Power", 40));
    }

    #[test]
    fn hidden_cursor_keys_come_back() {
        let p = Permutation::new(&[3; 32]);
        for key in [1_i64, 2, 77, (1 << 48) - 1] {
            assert_eq!(p.reveal(b"powers", p.hide(b"powers", key)), Some(key));
        }
        assert_eq!(p.reveal(b"powers", p.hide(b"meetings", 5)), None);
    }
}
