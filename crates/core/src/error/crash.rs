//! A failure inside DPO Desk itself (a thread of the door's that stopped on an internal error),
//! told as what it cost the user and what to do. The text names no file, no client and nothing
//! the user typed: a crash's own message could hold any of them, so it is never shown.

use crate::i18n::Lang;

/// What stopped on an internal error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crash {
    /// Drawing a report, while the save dialog was open: nothing was kept or written.
    ReportDrawing,
}

impl Crash {
    /// What happened, what became of the user's work, and what to do.
    pub fn message(self, lang: Lang) -> String {
        match (self, lang) {
            (Crash::ReportDrawing, Lang::En) => "the report could not be drawn: DPO Desk stopped on an internal error while drawing it. Nothing was kept or saved: try again; if it happens again, restart DPO Desk and report the problem".to_owned(),
            (Crash::ReportDrawing, Lang::Zh) => "无法生成报告：DPO Desk 在生成报告时遇到内部错误而中止。未记录或保存任何内容：请重试；如再次出现，请重新启动 DPO Desk 并报告此问题".to_owned(),
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
}
