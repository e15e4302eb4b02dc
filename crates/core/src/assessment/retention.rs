//! How long a PIA's report and processing records are kept, and until when. PIPL Art. 56(2) asks
//! for at least three years; an answer asking for longer wins, a shorter one is raised as a
//! finding by the template and never shortens the date here. Nothing is ever deleted
//! automatically: the date only tells the user when a decision on the records is due.

use chrono::NaiveDate;

use super::{Answer, Answers};
use crate::template::{Role, Template};

/// The legal minimum, in years from approval.
pub const MIN_YEARS: i32 = 3;

/// The question of the bundled PIA template that sets the retention period, for the
/// approval-time minimum (`api::signing`), which reads the answer by id as it always has (the
/// rest of the code finds the question by its role, [`Role::RetentionYears`]).
pub const YEARS_QUESTION: &str = "pia16_retention_years";

/// The question of `template` that sets the retention period.
pub fn years_question(template: &Template) -> Option<&str> {
    template.by_role(Role::RetentionYears)
}

/// The retention period the answers to `template` ask for, never below the legal minimum.
pub fn years(template: &Template, answers: &Answers) -> i32 {
    years_from(years_question(template).and_then(|id| answers.get(id)))
}

/// The retention period an answer asks for, never below the legal minimum.
pub fn years_from(answer: Option<&Answer>) -> i32 {
    answer
        .and_then(|a| a.as_number())
        .filter(|n| n.is_finite() && *n >= f64::from(MIN_YEARS) && *n <= 200.0)
        .map_or(MIN_YEARS, |n| n.ceil() as i32)
}

// Date arithmetic is the leaf `time`'s, so the store's migrations can use it too.
pub use crate::time::plus_years;

/// Whole days from `today` to `date` (both YYYY-MM-DD); negative when `date` has passed.
pub fn days_until(today: &str, date: &str) -> Option<i64> {
    let parse = |d: &str| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok();
    Some((parse(date)? - parse(today)?).num_days())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimum_applies_unless_the_answer_asks_for_longer() {
        let mut answers = Answers::new();
        assert_eq!(years_from(answers.get(YEARS_QUESTION)), 3);
        answers.insert(YEARS_QUESTION.to_owned(), Answer::Number(2.0));
        assert_eq!(years_from(answers.get(YEARS_QUESTION)), 3);
        answers.insert(YEARS_QUESTION.to_owned(), Answer::Number(5.0));
        assert_eq!(years_from(answers.get(YEARS_QUESTION)), 5);
    }

    #[test]
    fn dates_move_by_whole_years_and_leap_days_fall_back() {
        assert_eq!(plus_years("2024-02-29", 3).as_deref(), Some("2027-02-28"));
        assert_eq!(
            plus_years("2026-11-25T10:00:00.000Z", 3).as_deref(),
            Some("2029-11-25")
        );
        assert_eq!(plus_years("soon", 3), None);
        assert_eq!(days_until("2026-11-25", "2026-12-25"), Some(30));
        assert_eq!(days_until("2026-11-25", "2026-11-20"), Some(-5));
    }
}
