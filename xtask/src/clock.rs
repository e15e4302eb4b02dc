//! The wall time of each step of a long command, printed at its end (also when a step failed), so
//! every change sees what it costs the test run.

use std::time::{Duration, Instant};

use crate::error::XtaskError;
use crate::step::Step;

#[derive(Debug)]
pub struct Clock {
    started: Instant,
    laps: Vec<(String, Duration)>,
}

impl Clock {
    pub fn new() -> Clock {
        Clock {
            started: Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Runs `step` and records its time under its name.
    pub fn step(&mut self, step: Step) -> Result<(), XtaskError> {
        let name = step.name().to_owned();
        self.time(&name, || step.run())
    }

    /// Runs `work` and records its time under `name`.
    pub fn time<T>(
        &mut self,
        name: &str,
        work: impl FnOnce() -> Result<T, XtaskError>,
    ) -> Result<T, XtaskError> {
        let start = Instant::now();
        let result = work();
        self.laps.push((name.to_owned(), start.elapsed()));
        result
    }

    /// The table of step times and the total.
    pub fn report(&self) -> String {
        let width = self
            .laps
            .iter()
            .map(|(name, _)| name.len())
            .max()
            .unwrap_or(0);
        let mut out = String::from("\n==> step times\n");
        for (name, took) in &self.laps {
            out.push_str(&format!("  {name:<width$}  {}\n", minutes(*took)));
        }
        out.push_str(&format!(
            "  {:<width$}  {}\n",
            "total",
            minutes(self.started.elapsed())
        ));
        out
    }
}

/// `m:ss`, the unit a CI budget is written in.
pub fn minutes(took: Duration) -> String {
    let seconds = took.as_secs();
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_minutes_and_seconds() {
        assert_eq!(minutes(Duration::from_secs(0)), "0:00");
        assert_eq!(minutes(Duration::from_millis(61_900)), "1:01");
        assert_eq!(minutes(Duration::from_secs(1805)), "30:05");
    }

    #[test]
    fn the_report_lists_every_step_even_a_failed_one() {
        let mut clock = Clock::new();
        let ok: Result<(), XtaskError> = clock.time("first", || Ok(()));
        assert!(ok.is_ok());
        let failed: Result<(), XtaskError> =
            clock.time("second", || Err(XtaskError::Usage("boom")));
        assert!(failed.is_err());
        let report = clock.report();
        assert!(report.contains("first"), "{report}");
        assert!(report.contains("second"), "{report}");
        assert!(report.contains("total"), "{report}");
    }
}
