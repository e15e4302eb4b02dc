//! What the team database does not offer yet is refused with a typed error that names it in
//! both languages — never an empty answer, never a panic — and a refused unit writes nothing.

// Test code only (the module is `#[cfg(test)]`): marked so, layers.rs reads what follows as
// tests, which may call `api` to see a use case refused.
#[cfg(test)]
use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;

use super::TeamStore;
use crate::error::{Error, ErrorKind};
use crate::i18n::Lang;
use crate::vault::NewClient;
use crate::vault::store::Read;

fn refused_by_name<T: std::fmt::Debug>(result: crate::Result<T>, zh: &str, en: &str) {
    let error = result.expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::NotInTeamMode, "{error:?}");
    assert!(
        matches!(
            &error,
            Error::Team(dpodesk_team::Error::NotInTeamMode { .. })
        ),
        "{error:?}"
    );
    // Named, and told what to do meanwhile.
    let (en_said, zh_said) = (error.message(Lang::En), error.message(Lang::Zh));
    assert!(
        en_said.starts_with(&format!("{en} is not available on a team database yet: "))
            && en_said.contains("personal vault"),
        "{en_said}"
    );
    assert!(
        zh_said.starts_with(&format!("团队数据库暂不支持{zh}：")) && zh_said.contains("个人保险库"),
        "{zh_said}"
    );
}

#[test]
fn what_team_mode_does_not_offer_yet_is_refused_by_name() {
    let team = Team::initialised("store_not_yet");
    let ann = team.member("ann", &[Role::Author]);
    let mut store = TeamStore::open(team.session(&ann)).expect("open the team store");
    let new = NewClient {
        name: "Acme".to_owned(),
        ..NewClient::default()
    };
    crate::vault::clients::add_client(&mut store, "Ann", &new).expect("client");

    refused_by_name(
        store.audit_head(),
        "将文件锚定到单个客户之外的审计链",
        "Anchoring a file to an audit chain other than one client's",
    );
}
