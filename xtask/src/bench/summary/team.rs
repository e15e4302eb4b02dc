//! The team rows: the team database (private PostgreSQL cluster, local socket) beside the vault,
//! from `target/bench-data/team.json` (`crates/core/benches/team.rs`), and the saves of 20
//! concurrent writers. No goal is set for them yet; the ratio is the team side over the vault's.

use super::*;

const CASES: [(&str, &str); 6] = [
    ("save_answer", "save one answer"),
    ("list_assessments", "list the assessments"),
    ("search_latin", "search \"unticked consent\""),
    ("search_zh_long", "search 个人信息保护影响评估"),
    ("search_zh2_common", "search 同意 (2 chars, common)"),
    ("search_zh2_rare", "search 名单 (2 chars, rare)"),
];

/// Pushes the team rows and returns the benchmark's JSON (null when it did not run).
pub(super) fn team_rows(rows: &mut Vec<Row>) -> Value {
    let facts = read_json(&data_dir().join("team.json")).unwrap_or(Value::Null);
    push_rows(&facts, rows);
    facts
}

fn push_rows(facts: &Value, rows: &mut Vec<Row>) {
    let assessments = facts["size"]["assessments"]
        .as_u64()
        .map_or_else(|| "all".to_owned(), grouped);
    let row = |case: String, ours: Option<f64>, peer: Option<f64>| Row {
        area: "team",
        case,
        ours: ours.map(duration).unwrap_or_else(|| "—".into()),
        peer: peer
            .map(|p| format!("{} vault", duration(p)))
            .unwrap_or_default(),
        ratio: ours
            .zip(peer)
            .map(|(a, b)| format!("{:.2}×", a / b))
            .unwrap_or_default(),
        goal: String::new(),
        met: None,
    };
    for (id, label) in CASES {
        let case = &facts["cases"][id];
        let label = if id == "list_assessments" {
            format!("list {assessments} assessments")
        } else {
            format!("{label}, {assessments} assessments")
        };
        rows.push(row(
            label,
            case["team_ns"].as_f64(),
            case["vault_ns"].as_f64(),
        ));
    }
    let concurrent = &facts["concurrent"];
    let alone = facts["cases"]["save_answer"]["team_ns"].as_f64();
    let writers = concurrent["writers"].as_u64().unwrap_or(0);
    for (key, name) in [("p50_ns", "p50"), ("p95_ns", "p95")] {
        let mut line = row(
            format!("save, {writers} concurrent writers: {name}"),
            concurrent[key].as_f64(),
            None,
        );
        line.peer = alone
            .map(|a| format!("{} alone", duration(a)))
            .unwrap_or_default();
        line.ratio = concurrent[key]
            .as_f64()
            .zip(alone)
            .map(|(a, b)| format!("{:.2}×", a / b))
            .unwrap_or_default();
        rows.push(line);
    }
    if let Some(refused) = concurrent["refused"].as_u64().filter(|n| *n > 0) {
        rows.push(row(
            format!("  refused saves (stale): {refused}"),
            None,
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_case_is_the_team_side_over_the_vault_and_the_writers_over_a_save_alone() {
        let facts = json!({
            "size": { "assessments": 1000 },
            "cases": {
                "save_answer": { "vault_ns": 500_000.0, "team_ns": 1_500_000.0 },
                "list_assessments": { "vault_ns": 2_000_000.0, "team_ns": 3_000_000.0 },
            },
            "concurrent": { "writers": 20, "p50_ns": 3_000_000.0, "p95_ns": 9_000_000.0, "refused": 0 },
        });
        let mut rows = Vec::new();
        push_rows(&facts, &mut rows);
        let row = |case: &str| rows.iter().find(|r| r.case.starts_with(case)).expect(case);
        let save = row("save one answer");
        assert_eq!(save.case, "save one answer, 1,000 assessments");
        assert_eq!(
            (save.ours.as_str(), save.peer.as_str(), save.ratio.as_str()),
            ("1.5 ms", "500.0 µs vault", "3.00×")
        );
        assert_eq!(row("list 1,000 assessments").ratio, "1.50×");
        assert_eq!(row("search 同意").ours, "—");
        let p95 = row("save, 20 concurrent writers: p95");
        assert_eq!(
            (p95.ours.as_str(), p95.peer.as_str(), p95.ratio.as_str()),
            ("9.0 ms", "1.5 ms alone", "6.00×")
        );
        assert!(!rows.iter().any(|r| r.case.contains("refused")));
    }
}
