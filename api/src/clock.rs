//! The time a write is stamped with: the system's, or a time set by hand while a loader
//! replays a recorded history (the demo county's 2011), so that every record, version, audit
//! entry and change-feed event carries the time it stands for.

use std::sync::{
    Arc,
    atomic::{AtomicI64, Ordering},
};

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};

/// The clock of the write path. Cheap to clone; clones of a hand-set clock share its time.
#[derive(Clone, Debug, Default)]
pub struct Clock(Option<Arc<AtomicI64>>);

impl Clock {
    /// The system's clock.
    pub fn system() -> Self {
        Self(None)
    }

    /// A clock that stands at `at` until it is [set](Self::set) again.
    pub fn manual(at: DateTime<Utc>) -> Self {
        Self(Some(Arc::new(AtomicI64::new(at.timestamp_micros()))))
    }

    /// Moves a hand-set clock to `at`; the system's clock cannot be moved, and stays as it is.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(micros) = &self.0 {
            micros.store(at.timestamp_micros(), Ordering::Relaxed);
        }
    }

    /// The time now, to the microsecond (what both databases keep).
    pub fn now(&self) -> DateTime<Utc> {
        let micros = match &self.0 {
            Some(micros) => micros.load(Ordering::Relaxed),
            None => Utc::now().timestamp_micros(),
        };
        DateTime::from_timestamp_micros(micros).unwrap_or(DateTime::UNIX_EPOCH)
    }
}

/// The county's time zone: China Standard Time. `east_opt` only fails beyond a day.
pub fn county_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix())
}

/// The day it is in the county at `at`.
pub fn county_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&county_offset()).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_set_clock_stands_where_it_is_put_and_its_clones_follow() {
        let at = DateTime::parse_from_rfc3339("2011-01-10T02:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .expect("a valid time");
        let clock = Clock::manual(at);
        let clone = clock.clone();
        assert_eq!(clock.now(), at);
        let later = at + chrono::TimeDelta::hours(30);
        clock.set(later);
        assert_eq!(clone.now(), later);
    }

    #[test]
    fn the_system_clock_moves_and_cannot_be_set() {
        let clock = Clock::system();
        let before = Utc::now() - chrono::TimeDelta::seconds(1);
        clock.set(DateTime::UNIX_EPOCH);
        assert!(clock.now() > before);
    }
}
