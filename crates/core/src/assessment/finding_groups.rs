//! Findings gathered for a reader who has to act on forty of them: by root cause where the rule
//! names one (`theme`), else by the part of the questionnaire the rule reads, so that a long list
//! becomes a few headed groups, the worst first. Pure: reads the template and the findings only.
//! The headings are data: `assets/templates/finding-groups.toml`, compiled in.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::outcome::{Finding, FindingSource};
use crate::i18n::Text;
use crate::template::{Severity, Template};

const HEADINGS: &str = include_str!("../../../../assets/templates/finding-groups.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Headings {
    themes: BTreeMap<String, Text>,
    builtin: BTreeMap<String, Text>,
}

/// The headings file, parsed once. Its tests keep it readable; were it not, themes would fall
/// back to their sections and the built-in groups to the words below.
fn headings() -> &'static Headings {
    static PARSED: OnceLock<Headings> = OnceLock::new();
    PARSED.get_or_init(|| toml::from_str(HEADINGS).unwrap_or_default())
}

fn builtin(key: &str, zh: &str, en: &str) -> Text {
    headings()
        .builtin
        .get(key)
        .cloned()
        .unwrap_or_else(|| Text::new(zh, en))
}

/// One group of findings: its key (a theme, `section:<id>`, or `risks`), its heading, its worst
/// severity, and its findings' ids in the outcome's order (most severe first).
#[derive(Debug, Clone, PartialEq)]
pub struct FindingGroup {
    pub key: String,
    pub title: Text,
    pub worst: Severity,
    pub findings: Vec<String>,
}

/// The heading of a root cause; `None` for a theme the headings file does not name, which is
/// grouped by its questions' section instead, so a custom template never shows a bare key.
fn theme_title(theme: &str) -> Option<Text> {
    headings().themes.get(theme).cloned()
}

/// How many findings to fix first: the critical and high ones, at most this many.
pub const FIX_FIRST: usize = 5;

/// The findings to fix first: the critical and high ones, most severe first (as `findings` are),
/// at most [`FIX_FIRST`]. The app's findings panel and the memo show the same ones.
pub fn fix_first(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.severity >= Severity::High)
        .take(FIX_FIRST)
        .collect()
}

/// Groups `findings` (already most severe first) for `template`.
pub fn group_findings(template: &Template, findings: &[Finding]) -> Vec<FindingGroup> {
    let mut groups: Vec<FindingGroup> = Vec::new();
    for finding in findings {
        let (key, title) = place(template, finding);
        match groups.iter_mut().find(|g| g.key == key) {
            Some(group) => {
                group.worst = group.worst.max(finding.severity);
                group.findings.push(finding.id.clone());
            }
            None => groups.push(FindingGroup {
                key,
                title,
                worst: finding.severity,
                findings: vec![finding.id.clone()],
            }),
        }
    }
    // Worst first, then the larger group; the sort is stable, so ties keep template order.
    groups.sort_by(|a, b| {
        b.worst
            .cmp(&a.worst)
            .then(b.findings.len().cmp(&a.findings.len()))
    });
    groups
}

fn place(template: &Template, finding: &Finding) -> (String, Text) {
    if finding.source == FindingSource::Risk {
        return (
            "risks".to_owned(),
            builtin(
                "risks",
                "措施后仍然偏高的风险",
                "Risks still high after measures",
            ),
        );
    }
    let rule = template.rules.iter().find(|r| r.id == finding.id);
    if let Some((theme, title)) = rule
        .and_then(|r| r.theme.as_deref())
        .and_then(|t| Some((t, theme_title(t)?)))
    {
        return (theme.to_owned(), title);
    }
    // The section of the last question the rule reads: rules read the channel first and the
    // point at issue last ("a bought list" and then "whose provenance cannot be traced").
    let section = rule
        .and_then(|r| {
            r.when
                .references()
                .iter()
                .rev()
                .find_map(|reference| {
                    template
                        .questions()
                        .find(|(_, q)| q.id == reference.group.unwrap_or(reference.id))
                })
                .map(|(section, _)| section)
        })
        .or_else(|| template.sections.first());
    match section {
        Some(s) => (format!("section:{}", s.id), s.title.clone()),
        None => ("other".to_owned(), builtin("other", "其他", "Other")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{parse_answers, score};

    fn scored(answers: &str) -> (Template, Vec<Finding>) {
        let ds = crate::template::bundled_for_test("data-source");
        let answers = parse_answers("a.toml", answers, &ds).expect("answers");
        let outcome = score(&ds, &answers, &[]);
        (ds, outcome.findings)
    }

    #[test]
    fn the_headings_file_names_every_theme_the_bundled_templates_use_in_both_languages() {
        let parsed: Headings = toml::from_str(HEADINGS).expect("finding-groups.toml parses");
        for key in ["risks", "other"] {
            assert!(parsed.builtin.contains_key(key), "{key}");
        }
        let law = crate::law::LawRegister::bundled().expect("law");
        for template in crate::template::bundled(&law).expect("templates") {
            for theme in template.rules.iter().filter_map(|r| r.theme.as_deref()) {
                let heading = parsed.themes.get(theme);
                assert!(
                    heading.is_some(),
                    "{}: theme {theme} has no heading",
                    template.id
                );
            }
        }
        for text in parsed.themes.values().chain(parsed.builtin.values()) {
            assert!(
                !text.zh.trim().is_empty() && !text.en.trim().is_empty(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_bought_list_groups_into_few_headed_groups_worst_first_and_loses_no_finding() {
        let (ds, findings) = scored(
            "ds01_channel = \"BUY\"\nds02_regime = \"both\"\nds04_basis = \"none\"\n\
             ds17_provenance = \"no\"\nds17_consent_names_you = \"no\"\n",
        );
        assert!(findings.len() >= 3, "{findings:?}");
        let groups = group_findings(&ds, &findings);
        let mut ids: Vec<&str> = groups
            .iter()
            .flat_map(|g| g.findings.iter().map(String::as_str))
            .collect();
        ids.sort_unstable();
        let mut expected: Vec<&str> = findings.iter().map(|f| f.id.as_str()).collect();
        expected.sort_unstable();
        assert_eq!(ids, expected, "every finding once");
        assert!(groups.len() < findings.len());
        assert_eq!(groups[0].worst, Severity::Critical);
        assert!(groups.windows(2).all(|w| w[0].worst >= w[1].worst));
        // Headings are words, never keys.
        for g in &groups {
            let key_like = |t: &str| {
                t.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_:".contains(c))
            };
            assert!(!key_like(&g.title.en), "{:?}", g.title);
            assert!(!g.title.zh.is_empty());
        }
        assert!(groups.iter().any(|g| g.title.en == "Lawful basis"));
    }
}
