//! Timestamps as stored in the vault: RFC 3339, UTC, millisecond precision, so they sort as text;
//! and the calendar arithmetic on them that rules and migrations share.

use chrono::{Datelike, NaiveDate};

/// Now, in the vault's timestamp format.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Today's date on this computer's calendar (local time zone), as YYYY-MM-DD. For doors only:
/// rules that depend on the date take it as a parameter, so they stay testable.
pub fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// `date` (YYYY-MM-DD, or an RFC 3339 timestamp whose date part is used) plus `years`; 29 February
/// becomes 28 February in a year without it. `None` when the date cannot be read.
pub fn plus_years(date: &str, years: i32) -> Option<String> {
    let day = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    let later = day
        .with_year(day.year() + years)
        .or_else(|| NaiveDate::from_ymd_opt(day.year() + years, day.month(), 28))?;
    Some(later.format("%Y-%m-%d").to_string())
}
