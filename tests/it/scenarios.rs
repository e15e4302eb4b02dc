//! Scenario fixtures: realistic fact patterns written as answer files with the outcome a
//! practitioner expects. Each file under `tests/fixtures/scenarios/<template>/` holds:
//!
//! ```toml
//! [expect]
//! title = "…"                       # what the facts are, in one line
//! rating = "prohibited"             # overall: compliant | conditional | high_risk | prohibited
//! eu = "prohibited"                 # optional: the EU rating, or "none" when EU does not apply
//! prc = "none"                      # optional: the PRC rating, or "none"
//! citations = ["PIPL-10", "…"]      # each must be cited by some finding (may be empty only when compliant)
//! findings = ["ds17-…"]             # optional: rule ids that must fire
//! absent = ["ds05-…"]               # optional: rule ids that must not fire
//! not_cited = ["GDPR-9-1"]          # optional: keys no finding may cite (e.g. the other regime)
//! not_said = ["re-consent"]         # optional: words the report (zh and en text) must not print
//! said = ["not marketing"]          # optional: words the report must print (in zh or en text)
//! not_points = ["ds05_capture"]     # optional: questions that must not be points to verify
//! tier = "high"                     # vendor only
//! coverage_below = 80.0             # vendor only, optional
//! pia = "required"                  # PIA only: required | recommended | not_required | undetermined
//! certainty = "provisional"         # optional: settled | provisional | undetermined
//! could_reach = "prohibited"        # optional: what open points could still lead to, or "none"
//! points = ["ds25_period_months"]   # optional: questions that must be listed as points to verify
//! clauses_unchecked = 12            # vendor only, optional: clauses not yet checked
//! prc_route = "exempt"              # transfer only: exempt | contract_or_certification |
//!                                   #   security_assessment | undetermined | none (PRC not in scope)
//! prc_grounds = ["art5_4_below_threshold"]   # transfer only, optional: the exemption's grounds
//! likely_verify = true              # transfer only, optional: the exemption is "likely — verify"
//! eu_route = "scc"                  # transfer only: no_transfer | adequacy | scc |
//!                                   #   scc_not_available | derogation | undetermined | none
//! scc_module = 2                    # transfer only, optional: the module the route names
//! should_not_proceed = true         # transfer only, optional: the TIA says stop
//! prc_should_not_proceed = true     # transfer only, optional: the PRC mechanism required is missing
//! route_cites = ["CAC-O16-8"]       # transfer only, optional: keys a route must cite
//! missing = ["tr02_origin"]         # transfer only, optional: open facts an undetermined route names
//! linked = ["transfer"]             # optional: kinds of assessment this one links to (each a
//!                                   #   compliant stand-in), for rules that read `has_link`
//!
//! [answers]                         # exactly what `dpodesk assess answer --file` takes
//! ds01_channel = "BUY"
//! ```

use std::path::{Path, PathBuf};

use dpodesk_core::assessment::{Outcome, parse_answers, score};
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Template};

const MIN_PER_TEMPLATE: usize = 12;

fn fixtures(template_id: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/scenarios")
        .join(template_id);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn text_of(value: &toml::Value) -> String {
    value
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| value.to_string())
}

/// The assessments a scenario links to (`linked = ["transfer"]`): what `has_link` rules read. A
/// linked assessment's own findings do not matter to them, so each is a compliant stand-in.
fn linked_outcomes(
    expect: &toml::Table,
) -> Result<Vec<dpodesk_core::assessment::LinkedOutcome>, String> {
    use dpodesk_core::assessment::{LinkedOutcome, Rating};
    let Some(list) = expect.get("linked") else {
        return Ok(Vec::new());
    };
    let kinds = list.as_array().ok_or("`linked` is a list of kinds")?;
    kinds
        .iter()
        .map(|k| {
            let kind = k
                .as_str()
                .and_then(template::Kind::parse)
                .ok_or_else(|| format!("`linked`: unknown kind {k}"))?;
            Ok(LinkedOutcome {
                assessment_id: format!("linked-{}", kind.as_str()),
                kind,
                title: kind.as_str().to_owned(),
                rating: Rating::Compliant,
                worst_severity: None,
            })
        })
        .collect()
}

/// Checks one scenario; returns what did not match.
fn check(template: &Template, path: &Path) -> Vec<String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = std::fs::read_to_string(path).expect("read scenario");
    let table: toml::Table = match toml::from_str(&text) {
        Ok(table) => table,
        Err(e) => return vec![format!("{name}: not TOML: {e}")],
    };
    let (Some(toml::Value::Table(expect)), Some(toml::Value::Table(answers))) =
        (table.get("expect"), table.get("answers"))
    else {
        return vec![format!("{name}: needs [expect] and [answers]")];
    };
    let answers_text = toml::to_string(answers).expect("re-serialize answers");
    let answers = match parse_answers(&name, &answers_text, template) {
        Ok(answers) => answers,
        Err(e) => return vec![format!("{name}: answers refused: {e}")],
    };
    let linked = match linked_outcomes(expect) {
        Ok(linked) => linked,
        Err(e) => return vec![format!("{name}: {e}")],
    };
    let outcome: Outcome = score(template, &answers, &linked);
    let mut problems = Vec::new();
    let mut expect_eq = |what: &str, want: Option<&toml::Value>, got: String| {
        if let Some(want) = want
            && text_of(want) != got
        {
            problems.push(format!(
                "{name}: {what} expected {} but got {got}",
                text_of(want)
            ));
        }
    };
    let rating = |r: Option<dpodesk_core::assessment::Rating>| {
        r.map_or_else(|| "none".to_owned(), |r| r.as_str().to_owned())
    };
    expect_eq(
        "rating",
        expect.get("rating"),
        outcome.ratings.overall.as_str().to_owned(),
    );
    expect_eq("eu rating", expect.get("eu"), rating(outcome.ratings.eu));
    expect_eq("prc rating", expect.get("prc"), rating(outcome.ratings.prc));
    expect_eq(
        "tier",
        expect.get("tier"),
        outcome
            .tier
            .map_or_else(|| "none".to_owned(), |t| t.as_str().to_owned()),
    );
    let pia = outcome.pia.as_ref().map_or_else(
        || "none".to_owned(),
        |p| {
            serde_json::to_value(p.need)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        },
    );
    expect_eq("pia", expect.get("pia"), pia);
    expect_eq(
        "certainty",
        expect.get("certainty"),
        outcome.standing.certainty.as_str().to_owned(),
    );
    expect_eq(
        "could_reach",
        expect.get("could_reach"),
        rating(outcome.standing.could_reach),
    );
    expect_eq(
        "clauses_unchecked",
        expect.get("clauses_unchecked"),
        outcome
            .coverage
            .as_ref()
            .map_or_else(|| "none".to_owned(), |c| c.unchecked.to_string()),
    );
    let points: Vec<&str> = outcome
        .standing
        .points
        .iter()
        .map(|p| p.question_id.as_str())
        .collect();
    let fired: Vec<&str> = outcome.findings.iter().map(|f| f.id.as_str()).collect();
    let cited: Vec<&str> = outcome
        .findings
        .iter()
        .flat_map(|f| f.cite.iter().map(String::as_str))
        .collect();
    let list = |key: &str| -> Vec<String> {
        expect
            .get(key)
            .and_then(|v| v.as_array())
            .map(|a| a.iter().map(text_of).collect())
            .unwrap_or_default()
    };
    if list("citations").is_empty()
        && outcome.ratings.overall != dpodesk_core::assessment::Rating::Compliant
    {
        problems.push(format!(
            "{name}: [expect] citations must name the key citations of a finding"
        ));
    }
    for key in list("citations") {
        if !cited.contains(&key.as_str()) {
            problems.push(format!(
                "{name}: no finding cites {key} (findings: {fired:?})"
            ));
        }
    }
    for id in list("findings") {
        if !fired.contains(&id.as_str()) {
            problems.push(format!(
                "{name}: rule {id} did not fire (findings: {fired:?})"
            ));
        }
    }
    for id in list("points") {
        if !points.contains(&id.as_str()) {
            problems.push(format!(
                "{name}: {id} is not a point to verify (points: {points:?})"
            ));
        }
    }
    for id in list("absent") {
        if fired.contains(&id.as_str()) {
            problems.push(format!("{name}: rule {id} fired but should not"));
        }
    }
    for key in list("not_cited") {
        if cited.contains(&key.as_str()) {
            problems.push(format!("{name}: {key} is cited but must not be"));
        }
    }
    // In a single-regime assessment every finding is that regime's, never "both".
    if outcome.ratings.eu.is_none() || outcome.ratings.prc.is_none() {
        for f in &outcome.findings {
            if f.regime == dpodesk_core::template::RegimeScope::Both {
                problems.push(format!("{name}: {} is a finding of both regimes", f.id));
            }
        }
    }
    for id in list("not_points") {
        if points.contains(&id.as_str()) {
            problems.push(format!(
                "{name}: {id} is a point to verify but should not be"
            ));
        }
    }
    let (not_said, said) = (list("not_said"), list("said"));
    if !not_said.is_empty() || !said.is_empty() {
        let texts = report_texts(template, &answers, &outcome);
        for (lang, text) in &texts {
            for words in &not_said {
                if text.contains(words.as_str()) {
                    problems.push(format!("{name}: the {lang} report says {words:?}"));
                }
            }
        }
        for words in &said {
            if !texts.iter().any(|(_, text)| text.contains(words.as_str())) {
                problems.push(format!("{name}: no report says {words:?}"));
            }
        }
    }
    if template.id == "transfer" {
        problems.extend(check_routes(&name, template, &answers, expect));
    }
    if let Some(limit) = expect.get("coverage_below").and_then(toml::Value::as_float) {
        let percent = outcome
            .coverage
            .as_ref()
            .map_or(Some(100.0), |c| c.percent)
            .unwrap_or(0.0);
        if percent >= limit {
            problems.push(format!("{name}: coverage {percent} is not below {limit}"));
        }
    }
    problems
}

/// The transfer routes against `prc_route`, `eu_route` and the other route expectations.
fn check_routes(
    name: &str,
    template: &Template,
    answers: &dpodesk_core::assessment::Answers,
    expect: &toml::Table,
) -> Vec<String> {
    use dpodesk_core::transfer::{EuRoute, PrcRoute, routes};
    let law = LawRegister::bundled().expect("law");
    let Some(routes) = routes(template, answers, &law) else {
        return vec![format!("{name}: the transfer template gives no routes")];
    };
    let mut problems = Vec::new();
    let mut expect_eq = |what: &str, got: String| match expect.get(what) {
        Some(want) if text_of(want) != got => problems.push(format!(
            "{name}: {what} expected {} but got {got}",
            text_of(want)
        )),
        None if matches!(what, "prc_route" | "eu_route") => {
            problems.push(format!("{name}: [expect] needs {what}"))
        }
        _ => {}
    };
    let prc = routes.prc.as_ref().map(|s| &s.route);
    let eu = routes.eu.as_ref().map(|s| &s.route);
    expect_eq("prc_route", prc.map_or("none", |r| r.as_str()).to_owned());
    expect_eq("eu_route", eu.map_or("none", |r| r.as_str()).to_owned());
    if let Some(PrcRoute::Exempt {
        grounds,
        likely_verify,
    }) = prc
    {
        let words: Vec<toml::Value> = grounds
            .iter()
            .map(|g| toml::Value::String(g.as_str().to_owned()))
            .collect();
        expect_eq("prc_grounds", toml::Value::Array(words).to_string());
        expect_eq("likely_verify", likely_verify.is_some().to_string());
    }
    if let Some(EuRoute::Scc {
        module,
        should_not_proceed,
    }) = eu
    {
        expect_eq("scc_module", module.number().to_string());
        expect_eq("should_not_proceed", should_not_proceed.to_string());
    }
    if let Some(side) = &routes.prc {
        expect_eq(
            "prc_should_not_proceed",
            side.should_not_proceed.to_string(),
        );
    }
    let cited: Vec<&str> = routes
        .prc
        .iter()
        .flat_map(|s| s.cite.iter().map(|c| c.key))
        .chain(routes.eu.iter().flat_map(|s| s.cite.iter().map(|c| c.key)))
        .collect();
    let list = |key: &str| -> Vec<String> {
        expect
            .get(key)
            .and_then(|v| v.as_array())
            .map(|a| a.iter().map(text_of).collect())
            .unwrap_or_default()
    };
    for key in list("route_cites") {
        if !cited.contains(&key.as_str()) {
            problems.push(format!(
                "{name}: no route cites {key} (routes cite {cited:?})"
            ));
        }
    }
    let missing: Vec<&str> = prc
        .map(|r| r.missing())
        .unwrap_or_default()
        .iter()
        .chain(eu.map(|r| r.missing()).unwrap_or_default())
        .copied()
        .collect();
    for id in list("missing") {
        if !missing.contains(&id.as_str()) {
            problems.push(format!(
                "{name}: {id} is not named as open (open: {missing:?})"
            ));
        }
    }
    problems
}

/// The report an assessment with these answers gets, as text, in Chinese and in English.
fn report_texts(
    template: &Template,
    answers: &dpodesk_core::assessment::Answers,
    outcome: &Outcome,
) -> Vec<(&'static str, String)> {
    use dpodesk_core::report::{self, ReportLang, Source};
    use dpodesk_core::vault::{AssessmentRecord, Profile, Status};
    let src = Source {
        record: AssessmentRecord {
            id: "scenario".into(),
            kind: template.kind,
            template_id: template.id.clone(),
            template_version: template.version.clone(),
            title: "Scenario".into(),
            client_id: None,
            data_source_id: None,
            vendor_id: None,
            status: Status::Draft,
            version: 1,
            previous_id: None,
            created_by: "t".into(),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            updated_at: "2026-01-01T00:00:00.000Z".into(),
        },
        template: template.clone(),
        answers: answers.clone(),
        outcome: outcome.clone(),
        fingerprint: "0".repeat(64),
        sign_offs: Vec::new(),
        law: LawRegister::bundled().expect("law"),
        client: None,
        vendor: None,
        cnil: None,
        linked_transfers: Vec::new(),
        author: "DPO".into(),
        profile: Profile {
            name: "DPO".into(),
            role: "DPO".into(),
            firm: "Firm".into(),
        },
        date: "2026-07-01".into(),
    };
    [("zh", ReportLang::Zh), ("en", ReportLang::En)]
        .into_iter()
        .map(|(name, lang)| (name, report::build(&src, lang).plain_text()))
        .collect()
}

fn check_all(template_id: &str) {
    let law = LawRegister::bundled().expect("law");
    let template = template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == template_id)
        .expect("template");
    let files = fixtures(template_id);
    assert!(
        files.len() >= MIN_PER_TEMPLATE,
        "{template_id}: {} scenarios, want at least {MIN_PER_TEMPLATE}",
        files.len()
    );
    let problems: Vec<String> = files.iter().flat_map(|f| check(&template, f)).collect();
    assert!(
        problems.is_empty(),
        "{} scenario mismatches:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The regression net: at least this many fact patterns across the three instruments.
#[test]
fn the_scenario_suite_holds_at_least_sixty_fact_patterns() {
    let total: usize = ["data-source", "vendor-entrustment", "pia"]
        .iter()
        .map(|t| fixtures(t).len())
        .sum();
    assert!(total >= 60, "{total} scenarios, want at least 60");
}

#[test]
fn data_source_scenarios_rate_as_expected() {
    check_all("data-source");
}

#[test]
fn vendor_scenarios_rate_as_expected() {
    check_all("vendor-entrustment");
}

#[test]
fn pia_scenarios_rate_as_expected() {
    check_all("pia");
}

/// At least twenty transfer fact patterns, each with its expected route on each side.
#[test]
fn transfer_scenarios_name_the_expected_routes() {
    assert!(
        fixtures("transfer").len() >= 20,
        "{} transfer scenarios, want at least 20",
        fixtures("transfer").len()
    );
    check_all("transfer");
}

/// A number is printed with its unit in both languages: "24" alone would leave the reader to
/// guess days, months or people.
#[test]
fn numbers_are_reported_with_their_units() {
    let law = LawRegister::bundled().expect("law");
    let template = template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == "data-source")
        .expect("template");
    let path = fixtures("data-source")
        .into_iter()
        .find(|p| p.to_string_lossy().contains("38-italy-own-store"))
        .expect("scenario 38");
    let table: toml::Table =
        toml::from_str(&std::fs::read_to_string(&path).expect("read")).expect("TOML");
    let answers_text = toml::to_string(&table["answers"]).expect("answers");
    let answers = parse_answers("38", &answers_text, &template).expect("answers");
    let outcome = score(&template, &answers, &[]);
    let texts = report_texts(&template, &answers, &outcome);
    let (zh, en) = (&texts[0].1, &texts[1].1);
    assert!(en.contains("24 months"), "{en}");
    assert!(zh.contains("24个月"), "{zh}");
}
