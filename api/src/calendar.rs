//! Working days: Monday to Friday, except public holidays, plus the weekend days worked in their
//! place (调休). The days come from the State Council's yearly notices, kept as data in
//! `api/data/holidays.toml`; a file of the same form (`calendar_file`) adds or replaces years.
//!
//! Rules with a figure in working days (a pre-appointment notice of at least 5 working days, an
//! answer within 20) count with this calendar. A year the calendar does not cover counts Monday
//! to Friday, and [`Calendar::covers`] tells which years those are.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::Path,
};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

/// The calendar shipped with Sunlight.
const BUILTIN: &str = include_str!("../data/holidays.toml");

/// One year of a calendar file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Year {
    /// The notice the days come from.
    #[allow(dead_code)]
    source: String,
    /// Days off.
    holidays: Vec<NaiveDate>,
    /// Weekend days worked instead.
    #[serde(default)]
    workdays: Vec<NaiveDate>,
}

/// Why a calendar file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    /// The file cannot be read.
    #[error("cannot read the calendar file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a calendar.
    #[error("the calendar {origin} is not valid: {message}")]
    Invalid {
        /// The file, or `built-in`.
        origin: String,
        /// What is wrong.
        message: String,
    },
}

/// The days of one year's notice.
#[derive(Debug, Clone, Default)]
struct Notice {
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
}

/// Working days.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    /// By the year each notice is for. A notice may reach into the last days of the year
    /// before (New Year's Day joined to a weekend), so a day is looked up in every notice.
    notices: BTreeMap<i32, Notice>,
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// The calendar shipped with Sunlight.
    pub fn builtin() -> Result<Self, CalendarError> {
        let mut calendar = Self::default();
        calendar.add(BUILTIN, "built-in")?;
        Ok(calendar)
    }

    /// The shipped calendar with the years of the file at `path` added; a year in the file
    /// replaces the same year of the shipped calendar.
    pub fn with_file(path: &Path) -> Result<Self, CalendarError> {
        let text = std::fs::read_to_string(path).map_err(|source| CalendarError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let mut calendar = Self::builtin()?;
        calendar.add(&text, &path.display().to_string())?;
        Ok(calendar)
    }

    /// Adds the years of `text`, checking that each date lies in its year (or the December
    /// before), that days worked instead are weekend days, and that no day is both.
    fn add(&mut self, text: &str, origin: &str) -> Result<(), CalendarError> {
        let invalid = |message: String| CalendarError::Invalid {
            origin: origin.to_owned(),
            message,
        };
        let years: BTreeMap<String, Year> =
            toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        for (key, year) in years {
            let number: i32 = key
                .parse()
                .map_err(|_| invalid(format!("[{key}] is not a year")))?;
            if let Some(day) = year
                .holidays
                .iter()
                .chain(&year.workdays)
                .find(|d| !(d.year() == number || (d.year() == number - 1 && d.month() == 12)))
            {
                return Err(invalid(format!("{day} is listed under [{key}]")));
            }
            if let Some(day) = year.workdays.iter().find(|d| !is_weekend(**d)) {
                return Err(invalid(format!(
                    "{day} is a weekday: only a Saturday or Sunday can be worked instead"
                )));
            }
            if let Some(day) = year.workdays.iter().find(|d| year.holidays.contains(d)) {
                return Err(invalid(format!(
                    "{day} is both a holiday and a working day"
                )));
            }
            // A year given again replaces the earlier one.
            self.notices.insert(
                number,
                Notice {
                    holidays: year.holidays.into_iter().collect(),
                    workdays: year.workdays.into_iter().collect(),
                },
            );
        }
        Ok(())
    }

    /// Whether the calendar knows the holidays of `year`.
    pub fn covers(&self, year: i32) -> bool {
        self.notices.contains_key(&year)
    }

    /// Whether `day` is a working day.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        // The notice of the day's year, and of the next year for the last days of December.
        let notices = [day.year(), day.year() + 1]
            .into_iter()
            .filter_map(|y| self.notices.get(&y));
        let mut holiday = false;
        for notice in notices {
            if notice.workdays.contains(&day) {
                return true;
            }
            holiday |= notice.holidays.contains(&day);
        }
        !is_weekend(day) && !holiday
    }

    /// The last day of a time limit of `days` working days that starts running on `start`:
    /// the `days`-th working day after it (`start` itself when `days` is 0).
    pub fn deadline(&self, start: NaiveDate, days: u32) -> NaiveDate {
        let mut day = start;
        let mut left = days;
        while left > 0 {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The working days from `start` to `end`, both included.
    pub fn working_days(&self, start: NaiveDate, end: NaiveDate) -> u64 {
        start
            .iter_days()
            .take_while(|d| *d <= end)
            .filter(|d| self.is_working_day(*d))
            .count() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn the_shipped_calendar_is_valid_and_covers_the_data_years() -> Result<(), CalendarError> {
        let calendar = Calendar::builtin()?;
        for year in 2011..=2025 {
            assert!(calendar.covers(year), "{year} is missing");
        }
        Ok(())
    }

    #[test]
    fn holidays_and_make_up_days_count_as_the_notice_says() -> Result<(), CalendarError> {
        // 国办发明电〔2010〕40号: 国庆节 1–7 October 2011, 8 and 9 October worked instead.
        let calendar = Calendar::builtin()?;
        assert!(!calendar.is_working_day(d(2011, 10, 3)), "a Monday off");
        assert!(calendar.is_working_day(d(2011, 10, 8)), "a Saturday worked");
        assert!(calendar.is_working_day(d(2011, 10, 9)), "a Sunday worked");
        assert!(
            !calendar.is_working_day(d(2011, 10, 15)),
            "a plain Saturday"
        );
        // Monday 26 September to Sunday 9 October 2011: 5 + 0 + 2 working days.
        assert_eq!(calendar.working_days(d(2011, 9, 26), d(2011, 10, 9)), 7);
        // 春节 2011: 2–8 February off, Sunday 30 January and Saturday 12 February worked:
        // 30 January to 1 February, 9 to 12 February.
        assert_eq!(calendar.working_days(d(2011, 1, 30), d(2011, 2, 12)), 7);
        Ok(())
    }

    #[test]
    fn a_notice_reaches_into_the_december_before() -> Result<(), CalendarError> {
        // 国办发明电〔2011〕45号: 1–3 January 2012 off, Saturday 31 December 2011 worked.
        let calendar = Calendar::builtin()?;
        assert!(
            calendar.is_working_day(d(2011, 12, 31)),
            "a Saturday worked"
        );
        assert!(!calendar.is_working_day(d(2012, 1, 3)), "a Tuesday off");
        // 国办发明电〔2022〕16号 (for 2023): Saturday 31 December 2022 off.
        assert!(!calendar.is_working_day(d(2022, 12, 31)));
        assert!(!calendar.is_working_day(d(2023, 1, 2)), "a Monday off");
        Ok(())
    }

    #[test]
    fn a_time_limit_runs_over_working_days_only() -> Result<(), CalendarError> {
        let calendar = Calendar::builtin()?;
        // From Friday 30 September 2011: 1–7 October off, the weekend of 8–9 worked.
        assert_eq!(calendar.deadline(d(2011, 9, 30), 3), d(2011, 10, 10));
        assert_eq!(calendar.deadline(d(2011, 9, 30), 1), d(2011, 10, 8));
        // From a Thursday over a plain weekend.
        assert_eq!(calendar.deadline(d(2011, 6, 9), 2), d(2011, 6, 13));
        assert_eq!(calendar.deadline(d(2011, 6, 9), 0), d(2011, 6, 9));
        Ok(())
    }

    #[test]
    fn a_year_outside_the_calendar_counts_monday_to_friday() -> Result<(), CalendarError> {
        let calendar = Calendar::builtin()?;
        assert!(!calendar.covers(1999));
        // 1999-10-04 was a Monday.
        assert_eq!(calendar.working_days(d(1999, 10, 4), d(1999, 10, 10)), 5);
        Ok(())
    }

    #[test]
    fn a_file_replaces_a_year_and_bad_files_are_named() -> Result<(), CalendarError> {
        let mut calendar = Calendar::builtin()?;
        calendar.add(
            "[2011]\nsource = \"test\"\nholidays = [\"2011-03-01\"]\n",
            "extra.toml",
        )?;
        assert!(!calendar.is_working_day(d(2011, 3, 1)));
        assert!(
            calendar.is_working_day(d(2011, 10, 3)),
            "the old 2011 is replaced"
        );
        for (bad, why) in [
            (
                "[2011]\nsource = \"x\"\nholidays = [\"2012-01-01\"]\n",
                "under [2011]",
            ),
            (
                "[2011]\nsource = \"x\"\nholidays = [\"2010-11-30\"]\n",
                "under [2011]",
            ),
            (
                "[2011]\nsource = \"x\"\nholidays = []\nworkdays = [\"2011-03-01\"]\n",
                "weekday",
            ),
            ("[20x1]\nsource = \"x\"\nholidays = []\n", "not a year"),
            ("[2011]\nsource = \"x\"\nholiday = []\n", "unknown field"),
        ] {
            let err = calendar
                .add(bad, "extra.toml")
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(
                err.contains(why) && err.contains("extra.toml"),
                "{bad}: {err}"
            );
        }
        Ok(())
    }
}
