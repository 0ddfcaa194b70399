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
        .chain([Check::InJurisdiction {
            path: "input.jurisdiction".into(),
            jurisdiction: model.jurisdiction_id,
        }])
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
/// A meeting open to observers names its whole application window and its seats, and the
/// window closes on or after it opens and no later than the meeting's day.
pub fn meeting(model: &entity::meeting::Model, _: &Calendar, _: &Plan) -> AppResult<Vec<Check>> {
    match (
        model.applications_open_on,
        model.applications_close_on,
        model.observer_seats,
    ) {
        (None, None, None) => {}
        (Some(open), Some(close), Some(_)) => {
            if close < open {
                return Err(bad(
                    "input.applicationsCloseOn",
                    "applications cannot close before they open",
                ));
            }
            if close > crate::clock::county_day(model.starts_at) {
                return Err(bad(
                    "input.applicationsCloseOn",
                    "applications close no later than the day of the meeting",
                ));
            }
        }
        _ => {
            return Err(bad(
                "input.applicationsOpenOn",
                "a meeting open to observers names applicationsOpenOn, applicationsCloseOn and observerSeats together",
            ));
        }
    }
    Ok(Vec::new())
}

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

    /// What a rule said: the number of checks it left for the database, or the input field it
    /// refused.
    type Said = Result<usize, String>;

    fn outcome(result: AppResult<Vec<Check>>) -> Said {
        match result {
            Ok(checks) => Ok(checks.len()),
            Err(AppError::BadInput { field, .. }) => Err(field.unwrap_or_default()),
            Err(other) => Err(format!("not a BAD_USER_INPUT: {other:?}")),
        }
    }

    /// A record of `M`: the fields every record has, `base`, then `change` on top.
    fn record<M: serde::de::DeserializeOwned>(
        base: &serde_json::Value,
        change: serde_json::Value,
    ) -> Result<M, serde_json::Error> {
        let mut fields = serde_json::json!({
            "id": 1, "scope": "PUBLIC", "status": "DRAFT", "version": 1,
            "created_at": "2011-03-01T00:00:00Z", "updated_at": "2011-03-01T00:00:00Z",
        });
        for layer in [base, &change] {
            if let (Some(into), Some(from)) = (fields.as_object_mut(), layer.as_object()) {
                into.extend(from.clone());
            }
        }
        serde_json::from_value(fields)
    }

    /// Every rule of this file, case by case: the change to a valid record, and what the rule
    /// must say (`Ok(n)`: accepted, leaving `n` checks for the database; `Err(field)`: refused,
    /// naming the input field).
    #[test]
    fn every_rule_accepts_and_refuses_what_it_should() -> Result<(), Box<dyn std::error::Error>> {
        use serde_json::json;
        let calendar = Calendar::builtin()?;
        let plan = Plan::default();
        let ok = |n: usize| Ok::<usize, String>(n);
        let refused = |field: &str| Err::<usize, String>(field.to_owned());

        let organization = json!({ "name": "示例县委", "kind": "STANDING_COMMITTEE" });
        let membership = json!({ "person_id": 1, "post_id": 1, "start_on": "2011-03-01" });
        let power = json!({
            "code": "P-1", "name": "示例职权", "category": "OTHER", "holder_org_id": 1,
            "legal_basis": "依据", "duties": "职责", "accountability": "责任",
            "undertaking_unit": "承办单位", "carriers": "WEBSITE", "timing": "IMMEDIATE",
            "risk_level": "LOW",
        });
        let decision = json!({
            "meeting_id": 1, "kind": "DECISION", "title": "示例决定", "text": "正文",
            "result": "ADOPTED", "execution_status": "NOT_STARTED",
        });
        let appointment = json!({
            "organization_id": 1, "stage": "NOTICE", "outcome": "PENDING",
            "vacancy_title": "示例职位", "objection_count": 0,
        });
        let case = json!({
            "case_number": "JW-1", "subject_name": "示例", "post_at_time": "示例职务",
            "rank": "科级", "violation_category": "WORK", "summary": "摘要",
            "decided_on": "2011-03-10", "transferred_to_prosecutors": false, "announced": false,
        });
        let bulletin = json!({
            "title": "示例简报", "crawl": "字幕", "body": "正文", "category": "GENERAL",
        });

        let cases: Vec<(&str, Said, Said)> = vec![
            (
                "an organization with no parent: its jurisdiction is checked",
                outcome(organization_rule(
                    &organization,
                    json!({}),
                    &calendar,
                    &plan,
                )?),
                ok(1),
            ),
            (
                "an organization under a parent is checked for cycles and its jurisdiction",
                outcome(organization_rule(
                    &organization,
                    json!({ "parent_id": 2 }),
                    &calendar,
                    &plan,
                )?),
                ok(2),
            ),
            (
                "a membership without an end",
                outcome(super::membership(
                    &record(&membership, json!({}))?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
            (
                "a membership ending the day it starts",
                outcome(super::membership(
                    &record(&membership, json!({ "end_on": "2011-03-01" }))?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
            (
                "a membership ending before it starts",
                outcome(super::membership(
                    &record(&membership, json!({ "end_on": "2011-02-28" }))?,
                    &calendar,
                    &plan,
                )),
                refused("input.endOn"),
            ),
            (
                "a power disclosed at once",
                outcome(super::power(&record(&power, json!({}))?, &calendar, &plan)),
                ok(0),
            ),
            (
                "within working days, without the number",
                outcome(super::power(
                    &record(&power, json!({ "timing": "WITHIN_WORKING_DAYS" }))?,
                    &calendar,
                    &plan,
                )),
                refused("input.timingDays"),
            ),
            (
                "within 0 working days",
                outcome(super::power(
                    &record(
                        &power,
                        json!({ "timing": "WITHIN_WORKING_DAYS", "timing_days": 0 }),
                    )?,
                    &calendar,
                    &plan,
                )),
                refused("input.timingDays"),
            ),
            (
                "within 1 working day",
                outcome(super::power(
                    &record(
                        &power,
                        json!({ "timing": "WITHIN_WORKING_DAYS", "timing_days": 1 }),
                    )?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
            (
                "within 365 working days",
                outcome(super::power(
                    &record(
                        &power,
                        json!({ "timing": "WITHIN_WORKING_DAYS", "timing_days": 365 }),
                    )?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
            (
                "within 366 working days",
                outcome(super::power(
                    &record(
                        &power,
                        json!({ "timing": "WITHIN_WORKING_DAYS", "timing_days": 366 }),
                    )?,
                    &calendar,
                    &plan,
                )),
                refused("input.timingDays"),
            ),
            (
                "a number of days with another timing",
                outcome(super::power(
                    &record(&power, json!({ "timing_days": 5 }))?,
                    &calendar,
                    &plan,
                )),
                refused("input.timingDays"),
            ),
            (
                "a power with no carrier",
                outcome(super::power(
                    &record(&power, json!({ "carriers": "  " }))?,
                    &calendar,
                    &plan,
                )),
                refused("input.carriers"),
            ),
            (
                "a decision without votes",
                outcome(super::decision(
                    &record(&decision, json!({}))?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
            (
                "a decision with votes is checked against attendance",
                outcome(super::decision(
                    &record(&decision, json!({ "votes_for": 5, "votes_against": 1 }))?,
                    &calendar,
                    &plan,
                )),
                ok(1),
            ),
            (
                "a negative count of votes",
                outcome(super::decision(
                    &record(&decision, json!({ "votes_against": -1 }))?,
                    &calendar,
                    &plan,
                )),
                refused("input.votesAgainst"),
            ),
            (
                "an appointment without dates",
                outcome(super::appointment(
                    &record(&appointment, json!({}))?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
            (
                "a deadline before the announcement",
                outcome(super::appointment(
                    &record(
                        &appointment,
                        json!({ "vacancy_announced_on": "2011-03-10", "application_deadline": "2011-03-09" }),
                    )?,
                    &calendar,
                    &plan,
                )),
                refused("input.applicationDeadline"),
            ),
            (
                "a notice with a start and no end",
                outcome(super::appointment(
                    &record(&appointment, json!({ "notice_start": "2011-03-14" }))?,
                    &calendar,
                    &plan,
                )),
                refused("input.noticeEnd"),
            ),
            (
                "a notice with an end and no start",
                outcome(super::appointment(
                    &record(&appointment, json!({ "notice_end": "2011-03-18" }))?,
                    &calendar,
                    &plan,
                )),
                refused("input.noticeStart"),
            ),
            (
                "a notice ending before it starts",
                outcome(super::appointment(
                    &record(
                        &appointment,
                        json!({ "notice_start": "2011-03-18", "notice_end": "2011-03-14" }),
                    )?,
                    &calendar,
                    &plan,
                )),
                refused("input.noticeEnd"),
            ),
            (
                "a notice of 4 working days",
                outcome(super::appointment(
                    &record(
                        &appointment,
                        json!({ "notice_start": "2011-03-14", "notice_end": "2011-03-17" }),
                    )?,
                    &calendar,
                    &plan,
                )),
                refused("input.noticeEnd"),
            ),
            (
                "a notice of 5 working days",
                outcome(super::appointment(
                    &record(
                        &appointment,
                        json!({ "notice_start": "2011-03-14", "notice_end": "2011-03-18" }),
                    )?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
            (
                "a probation without a decision date",
                outcome(super::appointment(
                    &record(&appointment, json!({ "probation_until": "2012-03-20" }))?,
                    &calendar,
                    &plan,
                )),
                refused("input.decidedOn"),
            ),
            (
                "a probation of one year",
                outcome(super::appointment(
                    &record(
                        &appointment,
                        json!({ "decided_on": "2011-03-20", "probation_until": "2012-03-20" }),
                    )?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
            (
                "a probation of one year and a day",
                outcome(super::appointment(
                    &record(
                        &appointment,
                        json!({ "decided_on": "2011-03-20", "probation_until": "2012-03-21" }),
                    )?,
                    &calendar,
                    &plan,
                )),
                refused("input.probationUntil"),
            ),
            (
                "a case with a warning",
                outcome(super::disciplinary_case(
                    &record(&case, json!({ "party_sanction": "WARNING" }))?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
            (
                "留党察看 without a term",
                outcome(super::disciplinary_case(
                    &record(&case, json!({ "party_sanction": "PROBATION" }))?,
                    &calendar,
                    &plan,
                )),
                refused("input.probationYears"),
            ),
            (
                "留党察看 for 2 years",
                outcome(super::disciplinary_case(
                    &record(
                        &case,
                        json!({ "party_sanction": "PROBATION", "probation_years": 2 }),
                    )?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
            (
                "留党察看 for 3 years",
                outcome(super::disciplinary_case(
                    &record(
                        &case,
                        json!({ "party_sanction": "PROBATION", "probation_years": 3 }),
                    )?,
                    &calendar,
                    &plan,
                )),
                refused("input.probationYears"),
            ),
            (
                "a term with another sanction",
                outcome(super::disciplinary_case(
                    &record(
                        &case,
                        json!({ "party_sanction": "WARNING", "probation_years": 1 }),
                    )?,
                    &calendar,
                    &plan,
                )),
                refused("input.probationYears"),
            ),
            (
                "a negative amount",
                outcome(super::disciplinary_case(
                    &record(&case, json!({ "amount_yuan": -1 }))?,
                    &calendar,
                    &plan,
                )),
                refused("input.amountYuan"),
            ),
            (
                "an announcement date on a case not announced",
                outcome(super::disciplinary_case(
                    &record(&case, json!({ "announced_on": "2011-03-12" }))?,
                    &calendar,
                    &plan,
                )),
                refused("input.announcedOn"),
            ),
            (
                "announced before it was decided",
                outcome(super::disciplinary_case(
                    &record(
                        &case,
                        json!({ "announced": true, "announced_on": "2011-03-09" }),
                    )?,
                    &calendar,
                    &plan,
                )),
                refused("input.announcedOn"),
            ),
            (
                "announced after it was decided",
                outcome(super::disciplinary_case(
                    &record(
                        &case,
                        json!({ "announced": true, "announced_on": "2011-03-12" }),
                    )?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
            (
                "a crawl of 60 characters",
                outcome(super::bulletin(
                    &record(&bulletin, json!({ "crawl": "字".repeat(MAX_CRAWL_CHARS) }))?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
            (
                "a crawl of 61 characters",
                outcome(super::bulletin(
                    &record(
                        &bulletin,
                        json!({ "crawl": "字".repeat(MAX_CRAWL_CHARS + 1) }),
                    )?,
                    &calendar,
                    &plan,
                )),
                refused("input.crawl"),
            ),
            (
                "a related id without its kind",
                outcome(super::bulletin(
                    &record(&bulletin, json!({ "related_id": 3 }))?,
                    &calendar,
                    &plan,
                )),
                refused("input.related"),
            ),
            (
                "a related record by kind and id",
                outcome(super::bulletin(
                    &record(
                        &bulletin,
                        json!({ "related_kind": "DECISION", "related_id": 3 }),
                    )?,
                    &calendar,
                    &plan,
                )),
                ok(0),
            ),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(_, got, expected)| got != expected)
            .map(|(case, got, expected)| format!("{case}: {got:?}, expected {expected:?}"))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
        Ok(())
    }

    fn organization_rule(
        base: &serde_json::Value,
        change: serde_json::Value,
        calendar: &Calendar,
        plan: &Plan,
    ) -> Result<AppResult<Vec<Check>>, serde_json::Error> {
        Ok(super::organization(&record(base, change)?, calendar, plan))
    }
}
