//! A failure inside DPO Desk itself (a thread of the door's that stopped on an internal error),
//! told as what it cost the user and what to do. The text names no file, no client and nothing
//! the user typed: a crash's own message could hold any of them, so it is never shown.

use crate::i18n::Lang;

/// What stopped on an internal error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crash {
    /// Drawing a report, while the save dialog was open: nothing was kept or written.
    ReportDrawing,
    /// A command run off the window's thread (a file dialog and what follows it). Each change
    /// is written whole or not at all, so what it saved before stopping is kept and nothing
    /// half-written is.
    Command,
}

impl Crash {
    /// What happened, what became of the user's work, and what to do.
    pub fn message(self, lang: Lang) -> String {
        match (self, lang) {
            (Crash::ReportDrawing, Lang::En) => "the report could not be drawn: DPO Desk stopped on an internal error while drawing it. Nothing was kept or saved: try again; if it happens again, restart DPO Desk and report the problem".to_owned(),
            (Crash::ReportDrawing, Lang::Zh) => "无法生成报告：DPO Desk 在生成报告时遇到内部错误而中止。未记录或保存任何内容：请重试；如再次出现，请重新启动 DPO Desk 并报告此问题".to_owned(),
            (Crash::Command, Lang::En) => "DPO Desk stopped on an internal error before finishing this: any change is saved whole or not at all, so check the screen after reloading it, then try again; if it happens again, restart DPO Desk and report the problem".to_owned(),
            (Crash::Command, Lang::Zh) => "DPO Desk 在完成此操作前遇到内部错误而中止：每项更改要么完整保存、要么完全不保存，请重新载入页面查看后重试；如再次出现，请重新启动 DPO Desk 并报告此问题".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorKind};

    #[test]
    fn a_report_that_could_not_be_drawn_says_so_and_what_to_do_in_both_languages() {
        let error = Error::Crashed(Crash::ReportDrawing);
        assert_eq!(error.kind(), ErrorKind::OutputFailed);
        assert_eq!(
            error.message(Lang::En),
            "the report could not be drawn: DPO Desk stopped on an internal error while drawing it. Nothing was kept or saved: try again; if it happens again, restart DPO Desk and report the problem"
        );
        assert_eq!(
            error.message(Lang::Zh),
            "无法生成报告：DPO Desk 在生成报告时遇到内部错误而中止。未记录或保存任何内容：请重试；如再次出现，请重新启动 DPO Desk 并报告此问题"
        );
    }

    #[test]
    fn a_command_that_stopped_says_nothing_half_saved_and_what_to_do_in_both_languages() {
        let error = Error::Crashed(Crash::Command);
        assert_eq!(error.kind(), ErrorKind::OutputFailed);
        assert!(
            error
                .message(Lang::En)
                .contains("saved whole or not at all")
        );
        assert!(error.message(Lang::En).ends_with("report the problem"));
        assert!(
            error
                .message(Lang::Zh)
                .contains("要么完整保存、要么完全不保存")
        );
        assert!(error.message(Lang::Zh).ends_with("报告此问题"));
    }
}
