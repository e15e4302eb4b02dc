//! Every error of the team crate is worded in both languages, and each refusal of team mode
//! names what it refuses.

use super::*;

#[test]
fn every_variant_reads_in_both_languages() {
    let all = [
        Error::PasswordInConnInfo,
        Error::ConnInfoSyntax { detail: "x".into() },
        Error::UnsupportedParameter {
            key: "sslcert".into(),
        },
        Error::MultipleHosts {
            hosts: "a,b".into(),
        },
        Error::InsecureSslMode {
            mode: "prefer".into(),
            host: "db".into(),
        },
        Error::UnknownSslMode {
            mode: "maybe".into(),
        },
        Error::BadValue {
            key: "port",
            value: "x".into(),
        },
        Error::PassfileTooOpen {
            path: "/p".into(),
            mode: 0o644,
        },
        Error::PassfileUnreadable {
            path: "/p".into(),
            detail: "x".into(),
        },
        Error::PasswordNeeded { user: "ann".into() },
        Error::AuthenticationFailed { user: "ann".into() },
        Error::RootCertUnreadable {
            path: "/c".into(),
            detail: "x".into(),
        },
        Error::CertificateRefused {
            host: "db".into(),
            reason: "x".into(),
        },
        Error::TlsUnavailable { host: "db".into() },
        Error::Connect {
            host: "db".into(),
            detail: "x".into(),
        },
        Error::BadDatabaseName {
            name: "Firm".into(),
        },
        Error::NotUtf8 {
            dbname: "f".into(),
            encoding: "LATIN1".into(),
        },
        Error::AlreadyInitialised { dbname: "f".into() },
        Error::NotInitialised { dbname: "f".into() },
        Error::SchemaTooNew { found: 3, known: 2 },
        Error::SchemaTooOld { found: 1, known: 2 },
        Error::Stale {
            entity: Entity::Answer,
            id: "a".into(),
            changed_by: "bob".into(),
            changed_at: "2026-01-01T00:00:00.000Z".into(),
        },
        Error::OwnWork {
            assessment_id: "a".into(),
        },
        Error::NotPermitted {
            denied: Denied::SignOff,
            detail: "permission denied for table signoffs".into(),
        },
        Error::BadMemberName { name: "A".into() },
        Error::BadDisplayName {
            display: " ".into(),
        },
        Error::MemberExists { name: "ann".into() },
        Error::UnknownMember { name: "ann".into() },
        Error::UnknownClient {
            name: "Acme".into(),
        },
        Error::AmbiguousClient {
            name: "Acme".into(),
            ids: vec!["a".into(), "b".into()],
        },
        Error::CommitUnknown { unit: "u".into() },
        Error::UnitLanded { unit: "u".into() },
        Error::HiddenRow {
            table: "clients".into(),
            id: "c".into(),
        },
        Error::Database { detail: "x".into() },
        Error::NotInTeamMode {
            what: Unsupported::AuditLog,
        },
    ];
    for error in &all {
        let zh = error.message(Lang::Zh);
        let en = error.message(Lang::En);
        assert_ne!(zh, en, "{error:?}");
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert!(en.is_ascii(), "{en}");
    }
    assert!(
        Error::PassfileTooOpen {
            path: "/p".into(),
            mode: 0o644
        }
        .message(Lang::En)
        .contains("644")
    );
}

#[test]
fn each_refusal_of_team_mode_names_what_in_both_languages() {
    let all = [Unsupported::AuditLog, Unsupported::VaultFile];
    for what in all {
        let error = Error::NotInTeamMode { what };
        assert!(error.message(Lang::En).starts_with(what.en()), "{error:?}");
        assert!(error.message(Lang::Zh).contains(what.zh()), "{error:?}");
    }
    let en: std::collections::BTreeSet<_> = all.iter().map(|w| w.en()).collect();
    let zh: std::collections::BTreeSet<_> = all.iter().map(|w| w.zh()).collect();
    assert_eq!((en.len(), zh.len()), (all.len(), all.len()));
}
