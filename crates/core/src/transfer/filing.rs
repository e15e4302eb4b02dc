//! Whether a standard contract was filed within ten working days of taking effect (Standard
//! Contract Measures Art. 7), from the two dates the assessment gives. Working days are counted
//! Monday to Friday only: the State Council fixes each year's public holidays and make-up working
//! days late in the year before, and the tool does not carry that list. So a window that touches a
//! season in which PRC public holidays fall is marked "verify" rather than given as settled.

use chrono::{Datelike, NaiveDate, Weekday};

use super::prc_route::FILING_WORKING_DAYS;

/// The filing window as counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilingWindow {
    /// Monday-to-Friday days after the effective day up to and including the filing day.
    pub working_days: u32,
    /// `working_days` is within the ten allowed.
    pub within: bool,
    /// The window touches a public-holiday season: the count must be checked against that year's
    /// holiday notice before it is relied on.
    pub verify: bool,
}

/// Seasons (month, day) to (month, day), inclusive, in which PRC public holidays or their
/// make-up working days can fall in any year: New Year's Day, the Spring Festival (its lunar date
/// moves between late January and late February), Qingming, Labour Day, the Dragon Boat Festival
/// and the Mid-Autumn Festival with National Day. Deliberately wide: a window outside all of them
/// holds no public holiday whatever the year.
const HOLIDAY_SEASONS: [((u32, u32), (u32, u32)); 6] = [
    ((12, 29), (12, 31)),
    ((1, 1), (2, 28)),
    ((4, 2), (4, 7)),
    ((4, 26), (5, 6)),
    ((5, 26), (6, 26)),
    ((9, 5), (10, 12)),
];

fn in_season(day: NaiveDate) -> bool {
    let md = (day.month(), day.day());
    HOLIDAY_SEASONS
        .iter()
        .any(|(from, to)| *from <= md && md <= *to)
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

/// The window from `effective` to `filed` (both YYYY-MM-DD); `None` when either cannot be read or
/// the filing is dated before the contract took effect.
pub fn filing_window(effective: &str, filed: &str) -> Option<FilingWindow> {
    let (start, end) = (date(effective)?, date(filed)?);
    if end < start {
        return None;
    }
    let mut working_days = 0;
    let mut verify = false;
    let mut day = start;
    while day < end {
        day = day.succ_opt()?;
        verify |= in_season(day);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            working_days += 1;
        }
    }
    Some(FilingWindow {
        working_days,
        within: working_days <= FILING_WORKING_DAYS,
        verify,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_in_march_is_five_working_days_and_settled() {
        // 2026-03-01 is a Sunday; Monday 2 to Sunday 8 March holds five working days.
        let w = filing_window("2026-03-01", "2026-03-08").expect("window");
        assert_eq!(
            w,
            FilingWindow {
                working_days: 5,
                within: true,
                verify: false
            }
        );
    }

    #[test]
    fn eleven_working_days_is_late() {
        // Monday 9 March to Monday 23 March: 11 working days after the effective day.
        let w = filing_window("2026-03-09", "2026-03-24").expect("window");
        assert_eq!(w.working_days, 11);
        assert!(!w.within);
        assert!(!w.verify);
    }

    #[test]
    fn a_window_over_national_day_is_marked_verify() {
        let w = filing_window("2026-09-28", "2026-10-09").expect("window");
        assert!(w.verify);
        assert_eq!(w.working_days, 9);
    }

    #[test]
    fn a_filing_before_the_contract_or_an_unreadable_date_gives_nothing() {
        assert_eq!(filing_window("2026-03-08", "2026-03-01"), None);
        assert_eq!(filing_window("1 March", "2026-03-08"), None);
    }

    #[test]
    fn the_same_day_is_zero_working_days() {
        let w = filing_window("2026-03-10", "2026-03-10").expect("window");
        assert_eq!(w.working_days, 0);
        assert!(w.within);
    }

    #[test]
    fn the_route_says_the_filing_was_in_time_only_when_both_days_are_given() {
        use super::super::{PrcRoute, prc_text};
        let route = |effective: Option<&str>, filed: Option<&str>| {
            prc_text(&PrcRoute::ContractOrCertification {
                contract_effective: effective.map(str::to_owned),
                filed_on: filed.map(str::to_owned),
            })
        };
        let both = route(Some("2026-03-01"), Some("2026-03-08"));
        assert!(
            both.en.contains("Filed on 2026-03-08: 5 working days after it took effect (counted Monday to Friday; public holidays not deducted), within the 10 working days."),
            "{}",
            both.en
        );
        assert!(
            both.zh.contains("已于2026-03-08备案，距生效之日5个工作日"),
            "{}",
            both.zh
        );
        let late = route(Some("2026-03-09"), Some("2026-03-24"));
        assert!(late.en.contains("filed late"), "{}", late.en);
        let holiday = route(Some("2026-09-28"), Some("2026-10-09"));
        assert!(holiday.en.ends_with(": verify."), "{}", holiday.en);
        assert!(
            holiday.zh.contains("须按当年国务院放假安排核实"),
            "{}",
            holiday.zh
        );
        for one in [
            route(Some("2026-03-01"), None),
            route(None, Some("2026-03-08")),
        ] {
            assert!(!one.en.contains("Filed on"), "{}", one.en);
            assert!(!one.zh.contains("备案，距"), "{}", one.zh);
        }
    }
}
