//! The appendix's account of the law register: the register's version, how many of the cited
//! provisions are not verified against an official text, and for each provision its official
//! source (as text) and how it was checked. Nothing is claimed that the register does not say.

use std::collections::BTreeSet;

use crate::law::{LawRegister, Provision, Verification};
use crate::report::model::{Block, ReportLang};
use crate::report::wording as wd;

const fn w(zh: &'static str, en: &'static str) -> wd::W {
    wd::W { zh, en }
}

const REGISTER_NOTE: wd::W = w(
    "法律条文登记册版本 {version}。本报告援引的 {cited} 项条文中，{not_official} 项未经与官方文本核对（{secondary} 项仅经二手来源核对，{unverified} 项未核实）。",
    "Law register version {version}. Of the {cited} provisions this report cites, {not_official} are not verified against an official text ({secondary} checked through secondary sources only, {unverified} unverified).",
);
const SECONDARY_MARK: wd::W = w("[仅经二手来源核对]", "[secondary sources only]");
const CHECKED_ON: wd::W = w(
    "[已核对官方文本：{date}]",
    "[checked against the official text on {date}]",
);
const SOURCE: wd::W = w("官方文本：{url}", "Official text: {url}");

/// The paragraph that opens the appendix of provisions.
pub fn note(keys: &BTreeSet<&str>, law: &LawRegister, lang: ReportLang) -> Block {
    let cited: Vec<&Provision> = keys.iter().filter_map(|k| law.get(k)).collect();
    let count = |s: Verification| cited.iter().filter(|p| p.status == s).count().to_string();
    let not_official = cited
        .iter()
        .filter(|p| p.not_official())
        .count()
        .to_string();
    Block::Paragraph {
        text: lang.fill(
            &REGISTER_NOTE,
            &[
                ("version", law.version()),
                ("cited", &cited.len().to_string()),
                ("not_official", &not_official),
                ("secondary", &count(Verification::Secondary)),
                ("unverified", &count(Verification::Unverified)),
            ],
        ),
        small: true,
    }
}

/// The mark under a provision's title: how it was checked, where that is not "read in an
/// official text"; the date only where the register has one.
pub fn mark(p: &Provision, lang: ReportLang) -> Option<String> {
    let dated = |text: String| match &p.checked {
        Some(date) => format!("{text} {}", lang.fill(&CHECKED_ON, &[("date", date)])),
        None => text,
    };
    match p.status {
        Verification::Official => p
            .checked
            .as_ref()
            .map(|date| lang.fill(&CHECKED_ON, &[("date", date)])),
        Verification::Secondary => Some(dated(lang.inline(&SECONDARY_MARK))),
        Verification::Unverified => {
            let mark = lang.inline(&wd::VERIFY_MARK);
            Some(match &p.note {
                Some(note) => format!("{mark} {}", lang.block(note)),
                None => mark,
            })
        }
    }
}

/// The gist, followed by the official text's address as text to copy.
pub fn gist_with_source(p: &Provision, lang: ReportLang) -> String {
    let gist = lang.block(&p.gist);
    match &p.source {
        Some(url) => format!("{gist}\n{}", lang.fill(&SOURCE, &[("url", url)])),
        None => gist,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_appendix_note_counts_what_is_not_verified_against_an_official_text() {
        let law = LawRegister::bundled().expect("law");
        // PIPL-13-1 was read in the official text; GDPR-6-1 through secondary sources only;
        // NDSMR-12's article number is unconfirmed.
        let keys: BTreeSet<&str> = ["PIPL-13-1", "GDPR-6-1", "NDSMR-12"].into_iter().collect();
        let Block::Paragraph { text, .. } = note(&keys, &law, ReportLang::En) else {
            panic!("a paragraph");
        };
        assert_eq!(
            text,
            format!(
                "Law register version {}. Of the 3 provisions this report cites, 2 are not verified \
                 against an official text (1 checked through secondary sources only, 1 unverified).",
                law.version()
            )
        );
        let gdpr = law.get("GDPR-6-1").expect("GDPR-6-1");
        assert_eq!(
            mark(gdpr, ReportLang::En).as_deref(),
            Some("[secondary sources only]")
        );
        assert!(
            gist_with_source(gdpr, ReportLang::En)
                .ends_with("Official text: https://eur-lex.europa.eu/eli/reg/2016/679/oj")
        );
        assert_eq!(
            mark(law.get("PIPL-13-1").expect("PIPL"), ReportLang::En),
            None
        );
    }
}
