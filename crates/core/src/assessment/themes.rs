//! One root cause, one finding. Rules that describe the same root cause carry the same `theme`
//! (e.g. `lawful-basis`: "no basis", "no consent ever obtained", "bought list with no consent
//! naming you"); where several fire, the most severe stays as the finding and the others are
//! grouped under it as consequences — never counted twice. Regimes are respected: a consequence
//! joins a root whose regime covers its own (a `both` root covers all; an EU root only EU ones),
//! so per-regime ratings do not change. Runs on findings already sorted most severe first.

use super::outcome::Finding;
use crate::i18n::Text;
use crate::template::{RegimeScope, Template};

fn covers(root: RegimeScope, member: RegimeScope) -> bool {
    root == RegimeScope::Both || root == member
}

/// Folds findings of a theme into the most severe one whose regime covers them.
pub fn group(template: &Template, findings: &mut Vec<Finding>) {
    let theme_of = |f: &Finding| {
        template
            .rules
            .iter()
            .find(|r| r.id == f.id)
            .and_then(|r| r.theme.clone())
    };
    let mut kept: Vec<(Finding, Option<String>, Vec<Text>)> = Vec::new();
    for finding in findings.drain(..) {
        let theme = theme_of(&finding);
        let root = theme.as_ref().and_then(|t| {
            kept.iter_mut().find(|(root, root_theme, _)| {
                root_theme.as_ref() == Some(t) && covers(root.regime, finding.regime)
            })
        });
        match root {
            Some((root, _, consequences)) => {
                for key in finding.cite {
                    if !root.cite.contains(&key) {
                        root.cite.push(key);
                    }
                }
                for requirement in finding.requirements {
                    if !root.requirements.contains(&requirement) {
                        root.requirements.push(requirement);
                    }
                }
                consequences.push(finding.title);
            }
            None => kept.push((finding, theme, Vec::new())),
        }
    }
    findings.extend(kept.into_iter().map(|(mut root, _, consequences)| {
        if !consequences.is_empty() {
            let zh: Vec<&str> = consequences.iter().map(|t| t.zh.as_str()).collect();
            let en: Vec<&str> = consequences.iter().map(|t| t.en.as_str()).collect();
            root.explanation = Text::new(
                format!(
                    "{}\n同一原因的其他后果：{}。",
                    root.explanation.zh,
                    zh.join("；")
                ),
                format!(
                    "{}\nSame root cause, also: {}.",
                    root.explanation.en,
                    en.join("; ")
                ),
            );
        }
        root.consequences = consequences;
        root
    }));
}

#[cfg(test)]
mod tests {
    use crate::assessment::{parse_answers, score};

    #[test]
    fn one_missing_basis_is_one_finding_with_its_consequences_under_it() {
        let template = crate::template::bundled_for_test("data-source");
        let answers = parse_answers(
            "a.toml",
            "ds01_channel = \"BUY\"\nds02_regime = \"prc\"\nds04_basis = \"none\"\n\
             ds17_provenance = \"yes\"\nds17_consent_names_you = \"no\"\n",
            &template,
        )
        .expect("answers");
        let outcome = score(&template, &answers, &[]);
        let ids: Vec<&str> = outcome.findings.iter().map(|f| f.id.as_str()).collect();
        // Both are critical PRC findings of the theme lawful-basis: the first in template order
        // is the finding, the other a consequence under it.
        assert!(ids.contains(&"ds04-no-basis"), "{ids:?}");
        assert!(
            !ids.contains(&"ds17-no-traceable-consent-prc"),
            "grouped, not counted twice: {ids:?}"
        );
        let root = &outcome.findings[0];
        assert_eq!(root.id, "ds04-no-basis");
        assert!(
            root.explanation.en.contains(
                "Same root cause, also: Bought or screened list with no consent naming you"
            ),
            "{}",
            root.explanation.en
        );
        let list_rule = template
            .rules
            .iter()
            .find(|r| r.id == "ds17-no-traceable-consent-prc")
            .expect("rule");
        for key in &list_rule.cite {
            assert!(root.cite.contains(key), "{key} joined: {:?}", root.cite);
        }
        assert_eq!(
            root.consequences
                .iter()
                .map(|t| t.en.as_str())
                .collect::<Vec<_>>(),
            ["Bought or screened list with no consent naming you"],
            "the consequence as data, for the doors to list under its root"
        );
    }
}
