//! Regime scope as one filter. An assessment's regimes (EU, PRC or both, from its own routing
//! answer) and the platforms it names decide which findings, citations and conclusions exist for
//! it. Scoring, the wizard's citation chips, every report and every export ask this one filter;
//! none of them decides scope on its own. A PRC-only piece of work never cites the GDPR, the
//! ePrivacy rules or the EDPB; an EU-only one never the PIPL or a GB/T standard; platform terms
//! only for a platform the answers name. Pure: answers in, yes/no out.

use std::collections::BTreeSet;

use super::answer::{Answer, Answers};
use super::outcome::Finding;
use crate::i18n::Text;
use crate::law::{Side, side_of_key};
use crate::template::{Question, RegimeScope, Template};

/// The generic "platform terms are contracts" provision: cited for any platform, named or not.
const GENERIC_PLATFORM_TERMS: &str = "PLAT-TERMS";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegimeFilter {
    eu: bool,
    prc: bool,
    /// Platform-terms keys the answers name; `None`: every platform (no assessment to ask).
    platforms: Option<BTreeSet<String>>,
    /// Member-state direct-marketing rules the answers name, cited beside ePrivacy Art. 13.
    national: Vec<String>,
}

impl RegimeFilter {
    /// No assessment to read: both regimes and every platform (the template library, the law
    /// register's own pages).
    pub fn everything() -> RegimeFilter {
        RegimeFilter {
            eu: true,
            prc: true,
            platforms: None,
            national: Vec::new(),
        }
    }

    /// The scope these answers give: the routing question's answer picks the regimes (both while
    /// it is open, the conservative reading), and every chosen choice that names a platform
    /// brings that platform's terms into scope.
    pub fn for_answers(template: &Template, answers: &Answers) -> RegimeFilter {
        let (eu, prc) = match &template.regimes {
            None => (true, true),
            Some(regimes) => match answers.get(&regimes.question).and_then(Answer::as_text) {
                None | Some("") => (true, true),
                Some(answer) => (
                    regimes.eu.iter().any(|v| v == answer),
                    regimes.prc.iter().any(|v| v == answer),
                ),
            },
        };
        let mut platforms = BTreeSet::new();
        let mut national = Vec::new();
        for (_, q) in template.questions() {
            let Some(answer) = answers.get(&q.id) else {
                continue;
            };
            let chosen: Vec<&str> = match answer {
                Answer::Text(t) => vec![t.as_str()],
                Answer::List(items) => items.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            };
            for c in q
                .choices
                .iter()
                .filter(|c| chosen.contains(&c.value.as_str()))
            {
                platforms.extend(c.platform.clone());
                national.extend(c.national.clone());
            }
        }
        RegimeFilter {
            eu,
            prc,
            platforms: Some(platforms),
            national,
        }
    }

    /// The scope of the answers a door shows: answers left behind by questions other answers
    /// hide (a marketplace named before the channel changed) name nothing. Scoring passes its
    /// own visible answers to [`RegimeFilter::for_answers`] instead.
    pub fn for_shown_answers(template: &Template, answers: &Answers) -> RegimeFilter {
        let shown = super::scoring::shown_question_ids(template, answers, &[]);
        let visible: Answers = answers
            .iter()
            .filter(|(id, _)| shown.contains(id))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        RegimeFilter::for_answers(template, &visible)
    }

    /// The scope of several assessments reported together (a client memo over its channels).
    pub fn union<'a>(filters: impl IntoIterator<Item = &'a RegimeFilter>) -> RegimeFilter {
        let mut out = RegimeFilter {
            eu: false,
            prc: false,
            platforms: Some(BTreeSet::new()),
            national: Vec::new(),
        };
        for f in filters {
            out.eu |= f.eu;
            for key in &f.national {
                if !out.national.contains(key) {
                    out.national.push(key.clone());
                }
            }
            out.prc |= f.prc;
            out.platforms = match (out.platforms, &f.platforms) {
                (Some(mut a), Some(b)) => {
                    a.extend(b.iter().cloned());
                    Some(a)
                }
                _ => None,
            };
        }
        out
    }

    pub fn eu(&self) -> bool {
        self.eu
    }

    pub fn prc(&self) -> bool {
        self.prc
    }

    /// Only one regime is in scope: its reports speak of that regime alone.
    pub fn single(&self) -> bool {
        self.eu != self.prc
    }

    /// Whether a finding or conclusion of this regime exists for the assessment.
    pub fn allows(&self, regime: RegimeScope) -> bool {
        match regime {
            RegimeScope::Eu => self.eu,
            RegimeScope::Prc => self.prc,
            RegimeScope::Both => self.eu || self.prc,
        }
    }

    /// Whether a provision may be cited. Keys of an unknown family are kept: templates are
    /// validated against the register, so they cannot occur in bundled work.
    pub fn cites(&self, key: &str) -> bool {
        match side_of_key(key) {
            Some(Side::Eu) => self.eu,
            Some(Side::Prc) => self.prc,
            Some(Side::Platform) => {
                key == GENERIC_PLATFORM_TERMS
                    || self.platforms.as_ref().is_none_or(|p| p.contains(key))
            }
            None => true,
        }
    }

    /// A question's help as this scope shows it: where only one regime applies, the words for
    /// that regime alone (`help_eu` / `help_prc`) if the template gives them.
    pub fn help<'q>(&self, question: &'q Question) -> Option<&'q Text> {
        let single = match (self.eu, self.prc) {
            (true, false) => question.help_eu.as_ref(),
            (false, true) => question.help_prc.as_ref(),
            _ => None,
        };
        single.or(question.help.as_ref())
    }

    /// The keys of this list that may be cited, in their order.
    pub fn citations(&self, keys: &[String]) -> Vec<String> {
        keys.iter().filter(|k| self.cites(k)).cloned().collect()
    }

    /// Drops the findings of a regime out of scope and the foreign citations of mixed ones, and
    /// gives a rule of both regimes its one-regime words where only one regime applies.
    pub fn findings(&self, template: &Template, findings: &mut Vec<Finding>) {
        findings.retain(|f| self.allows(f.regime));
        for f in findings.iter_mut() {
            // A finding of both regimes is, in a single-regime assessment, that regime's finding.
            f.regime = match (self.eu, self.prc, f.regime) {
                (true, false, RegimeScope::Both) => RegimeScope::Eu,
                (false, true, RegimeScope::Both) => RegimeScope::Prc,
                (_, _, regime) => regime,
            };
            f.cite = self.citations(&f.cite);
            // The member state's own direct-marketing rule beside ePrivacy Art. 13.
            if self.eu && f.cite.iter().any(|k| k.starts_with("EPD-13")) {
                for key in &self.national {
                    if !f.cite.contains(key) {
                        f.cite.push(key.clone());
                    }
                }
            }
            let wording = match (self.eu, self.prc) {
                (true, false) => template
                    .rules
                    .iter()
                    .find(|r| r.id == f.id)
                    .and_then(|r| r.eu_only.as_ref()),
                (false, true) => template
                    .rules
                    .iter()
                    .find(|r| r.id == f.id)
                    .and_then(|r| r.prc_only.as_ref()),
                _ => None,
            };
            if let Some(w) = wording {
                if let Some(t) = &w.title {
                    f.title = t.clone();
                }
                if let Some(t) = &w.explanation {
                    f.explanation = t.clone();
                }
                if let Some(t) = &w.recommendation {
                    f.recommendation = t.clone();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(eu: bool, prc: bool, platforms: &[&str]) -> RegimeFilter {
        RegimeFilter {
            eu,
            prc,
            platforms: Some(platforms.iter().map(|p| (*p).to_owned()).collect()),
            national: Vec::new(),
        }
    }

    #[test]
    fn a_prc_only_filter_keeps_prc_and_drops_eu_provisions() {
        let f = filter(false, true, &[]);
        assert!(f.cites("PIPL-13-1") && f.cites("GBT35273-5.4-e") && f.cites("CL-253-1"));
        assert!(!f.cites("GDPR-36-1") && !f.cites("EPD-13-1") && !f.cites("EDPB-05-2020"));
        assert!(!f.cites("CJEU-C-673-17") && !f.cites("FR-CPCE-L34-5"));
        assert!(!f.allows(RegimeScope::Eu) && f.allows(RegimeScope::Prc));
    }

    #[test]
    fn an_eu_only_filter_keeps_eu_and_drops_prc_provisions() {
        let f = filter(true, false, &[]);
        assert!(f.cites("GDPR-6-1") && f.cites("EPD-13-1") && f.cites("DE-UWG-7"));
        assert!(!f.cites("PIPL-13-1") && !f.cites("GBT35273-5.4-e") && !f.cites("ADL-43-1"));
    }

    #[test]
    fn platform_terms_are_cited_only_for_named_platforms() {
        let f = filter(true, false, &["PLAT-WA-BMP"]);
        assert!(f.cites("PLAT-WA-BMP") && f.cites("PLAT-TERMS"));
        assert!(!f.cites("PLAT-AMAZON-DPP") && !f.cites("PLAT-WECHAT-TERMS"));
        assert!(RegimeFilter::everything().cites("PLAT-TELEGRAM-TOS"));
    }

    #[test]
    fn a_union_covers_what_any_member_covers() {
        let u = RegimeFilter::union([
            &filter(true, false, &["PLAT-WA-BMP"]),
            &filter(false, true, &[]),
        ]);
        assert!(u.eu() && u.prc() && u.cites("PLAT-WA-BMP") && !u.cites("PLAT-WECHAT-TERMS"));
        let eu = RegimeFilter::union([&filter(true, false, &[])]);
        assert!(eu.single() && !eu.prc());
    }
}

#[cfg(test)]
mod shown_tests {
    use super::*;
    use crate::assessment::parse_answers;

    #[test]
    fn a_platform_named_by_a_hidden_answer_is_not_in_scope() {
        let template = crate::template::bundled_for_test("data-source");
        let answers = |channel: &str| {
            parse_answers(
                "a.toml",
                &format!("ds01_channel = \"{channel}\"\nds16_marketplace = \"amazon\"\n"),
                &template,
            )
            .expect("answers")
        };
        // Named while the channel was marketplace orders, then the channel changed.
        assert!(
            RegimeFilter::for_shown_answers(&template, &answers("EC")).cites("PLAT-AMAZON-DPP")
        );
        assert!(
            !RegimeFilter::for_shown_answers(&template, &answers("WEB")).cites("PLAT-AMAZON-DPP")
        );
    }
}
