//! The rules of DOMAIN.md that carry a figure or a date order, checked on a record as it will be
//! stored. Each failure names the input field at fault and says what would be right.

use chrono::{Months, NaiveDate};
use entity::enums::{DecisionResult, DisclosureTiming, PartySanction};

use super::plan::{Check, Parts, Plan};
use crate::{
    calendar::Calendar,
    error::{AppError, AppResult},
};

/// 任前公示 lasts at least this many working days.
pub const MIN_NOTICE_WORKING_DAYS: u64 = 5;
/// A probation after appointment (试用期) lasts one year.
pub const PROBATION_MONTHS: u32 = 12;
/// Disclosure "within N working days" allows N up to this.
pub const MAX_TIMING_DAYS: i32 = 365;

fn bad(field: &str, message: impl Into<String>) -> AppError {
    AppError::bad_input(field, message)
}

/// An organization may not sit below itself.
pub fn organization(
    model: &entity::organization::Model,
    _: &Calendar,
    _: &Plan,
) -> AppResult<Vec<Check>> {
    Ok(model
        .parent_id
        .map(|parent| Check::NoCycle {
            path: "input.parent".into(),
            parent,
        })
        .into_iter()
        .collect())
}

/// A membership ends after it starts.
pub fn membership(
    model: &entity::membership::Model,
    _: &Calendar,
    _: &Plan,
) -> AppResult<Vec<Check>> {
    if let Some(end) = model.end_on
        && end < model.start_on
    {
        return Err(bad(
            "input.endOn",
            format!(
                "the membership ends ({end}) before it starts ({})",
                model.start_on
            ),
        ));
    }
    Ok(Vec::new())
}

/// A power disclosed "within N working days" names N, from 1 to 365; other timings name none.
pub fn power(model: &entity::power::Model, _: &Calendar, _: &Plan) -> AppResult<Vec<Check>> {
    match (model.timing, model.timing_days) {
        (DisclosureTiming::WithinWorkingDays, None) => Err(bad(
            "input.timingDays",
            "disclosure within working days needs the number of working days",
        )),
        (DisclosureTiming::WithinWorkingDays, Some(days))
            if !(1..=MAX_TIMING_DAYS).contains(&days) =>
        {
            Err(bad(
                "input.timingDays",
                format!("give a number of working days from 1 to {MAX_TIMING_DAYS}"),
            ))
        }
        (DisclosureTiming::WithinWorkingDays, Some(_)) => Ok(Vec::new()),
        (_, Some(_)) => Err(bad(
            "input.timingDays",
            "a number of working days goes only with the timing WITHIN_WORKING_DAYS",
        )),
        (_, None) => Ok(Vec::new()),
    }
    .and_then(|checks| {
        if model.carriers.trim().is_empty() {
            Err(bad(
                "input.carriers",
                "name at least one carrier (公开载体) the power is disclosed through",
            ))
        } else {
            Ok(checks)
        }
    })
}

/// Votes are not negative, are no more than the members present, and an adopted decision has
/// more than half of the members entitled to vote (超过应到会成员半数同意); milestones fall
/// due on or after the meeting that took the decision.
pub fn decision(
    model: &entity::decision::Model,
    _: &Calendar,
    plan: &Plan,
) -> AppResult<Vec<Check>> {
    let votes = [
        ("input.votesFor", model.votes_for),
        ("input.votesAgainst", model.votes_against),
        ("input.votesAbstain", model.votes_abstain),
    ];
    for (field, value) in votes {
        if value.is_some_and(|v| v < 0) {
            return Err(bad(field, "a count of votes cannot be negative"));
        }
    }
    let mut checks = Vec::new();
    if votes.iter().any(|(_, v)| v.is_some()) {
        let total = votes.iter().filter_map(|(_, v)| *v).sum();
        checks.push(Check::VotesWithinAttendance {
            path: "input.votesFor".into(),
            total,
            meeting: model.meeting_id,
            votes_for: model.votes_for,
            adopted: model.result == DecisionResult::Adopted,
        });
    }
    for parts in &plan.parts {
        if let Parts::Milestones(rows) = parts {
            for (i, row) in rows.iter().enumerate() {
                if let sea_orm::ActiveValue::Set(due) = &row.due_on {
                    checks.push(Check::NotBeforeMeeting {
                        path: format!("input.milestones[{i}].dueOn"),
                        date: *due,
                        meeting: model.meeting_id,
                    });
                }
            }
        }
    }
    Ok(checks)
}

/// The pre-appointment notice (任前公示) runs at least 5 working days; a probation lasts one
/// year from the decision; the application deadline follows the announcement.
pub fn appointment(
    model: &entity::appointment::Model,
    calendar: &Calendar,
    _: &Plan,
) -> AppResult<Vec<Check>> {
    if let (Some(announced), Some(deadline)) =
        (model.vacancy_announced_on, model.application_deadline)
        && deadline < announced
    {
        return Err(bad(
            "input.applicationDeadline",
            format!("the deadline ({deadline}) is before the vacancy was announced ({announced})"),
        ));
    }
    match (model.notice_start, model.notice_end) {
        (Some(_), None) => {
            return Err(bad("input.noticeEnd", "a notice that starts needs an end"));
        }
        (None, Some(_)) => {
            return Err(bad("input.noticeStart", "a notice that ends needs a start"));
        }
        (Some(start), Some(end)) => {
            if end < start {
                return Err(bad(
                    "input.noticeEnd",
                    format!("the notice ends ({end}) before it starts ({start})"),
                ));
            }
            let days = calendar.working_days(start, end);
            if days < MIN_NOTICE_WORKING_DAYS {
                return Err(bad(
                    "input.noticeEnd",
                    format!(
                        "a pre-appointment notice (任前公示) lasts at least {MIN_NOTICE_WORKING_DAYS} working days; from {start} to {end} there are {days}{}",
                        first_valid_end(calendar, start)
                            .map(|d| format!(": end it on {d} or later"))
                            .unwrap_or_default()
                    ),
                ));
            }
        }
        (None, None) => {}
    }
    if let Some(until) = model.probation_until {
        let Some(decided) = model.decided_on else {
            return Err(bad(
                "input.decidedOn",
                "a probation runs from the appointment decision: give its date",
            ));
        };
        let expected = decided.checked_add_months(Months::new(PROBATION_MONTHS));
        if Some(until) != expected {
            return Err(bad(
                "input.probationUntil",
                format!(
                    "a probation (试用期) lasts one year: from {decided} it ends on {}",
                    expected.map(|d| d.to_string()).unwrap_or_default()
                ),
            ));
        }
    }
    Ok(Vec::new())
}

/// The first day on which a notice starting on `start` has lasted the minimum.
fn first_valid_end(calendar: &Calendar, start: NaiveDate) -> Option<NaiveDate> {
    let mut count = 0;
    start.iter_days().take(60).find(|d| {
        if calendar.is_working_day(*d) {
            count += 1;
        }
        count >= MIN_NOTICE_WORKING_DAYS
    })
}

/// 留党察看 runs one or two years, and no other sanction has such a term; amounts are not
/// negative; an announcement follows the decision.
pub fn disciplinary_case(
    model: &entity::disciplinary_case::Model,
    _: &Calendar,
    _: &Plan,
) -> AppResult<Vec<Check>> {
    match (model.party_sanction, model.probation_years) {
        (Some(PartySanction::Probation), None) => {
            return Err(bad(
                "input.probationYears",
                "留党察看 (probation within the party) runs 1 or 2 years: give its term",
            ));
        }
        (Some(PartySanction::Probation), Some(years)) if !(1..=2).contains(&years) => {
            return Err(bad(
                "input.probationYears",
                format!("留党察看 runs 1 or 2 years, not {years}"),
            ));
        }
        (Some(PartySanction::Probation), Some(_)) => {}
        (_, Some(_)) => {
            return Err(bad(
                "input.probationYears",
                "only 留党察看 (PROBATION) has a term in years",
            ));
        }
        (_, None) => {}
    }
    if model.amount_yuan.is_some_and(|a| a < 0) {
        return Err(bad("input.amountYuan", "an amount cannot be negative"));
    }
    if model.announced_on.is_some() && !model.announced {
        return Err(bad(
            "input.announcedOn",
            "a date of announcement goes with announced: true",
        ));
    }
    if let Some(on) = model.announced_on
        && on < model.decided_on
    {
        return Err(bad(
            "input.announcedOn",
            format!(
                "the case was announced ({on}) before it was decided ({})",
                model.decided_on
            ),
        ));
    }
    Ok(Vec::new())
}

/// The longest crawl (字幕) of a bulletin, in characters: what one pass of the TV crawl holds.
pub const MAX_CRAWL_CHARS: usize = 60;

/// A bulletin's crawl fits the TV crawl, counted in characters (a Chinese character is one);
/// a bulletin names a related record by both its kind and its id, or by neither.
pub fn bulletin(model: &entity::bulletin::Model, _: &Calendar, _: &Plan) -> AppResult<Vec<Check>> {
    let chars = model.crawl.chars().count();
    if chars > MAX_CRAWL_CHARS {
        return Err(bad(
            "input.crawl",
            format!("the crawl holds at most {MAX_CRAWL_CHARS} characters; this one has {chars}"),
        ));
    }
    if model.related_kind.is_some() != model.related_id.is_some() {
        return Err(bad(
            "input.related",
            "name the related record by its global id",
        ));
    }
    Ok(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn a_notice_over_a_holiday_needs_more_calendar_days() -> Result<(), Box<dyn std::error::Error>>
    {
        let calendar = Calendar::builtin()?;
        // 2011-09-30 (Fri) starts National Day week: 10-01..10-07 are holidays, 10-08 and
        // 10-09 (Sat, Sun) are make-up working days.
        assert_eq!(
            first_valid_end(&calendar, d(2011, 9, 30)),
            Some(d(2011, 10, 11))
        );
        // An ordinary week: Monday to Friday.
        assert_eq!(
            first_valid_end(&calendar, d(2011, 3, 7)),
            Some(d(2011, 3, 11))
        );
        Ok(())
    }
}
