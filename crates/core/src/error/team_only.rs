//! What only a team database has, asked of a vault: refused by name in `api`, so that both doors
//! say the same thing (the shell and the CLI hold no rule of their own about it).

use crate::i18n::Lang;

/// What was asked of a vault that only a team database offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamOnly {
    /// A display name: a vault has one user and no members to name; what is signed in it bears
    /// the profile's name.
    DisplayName,
}

impl TeamOnly {
    /// The refusal in the reader's language, with what to do instead.
    pub fn message(self, lang: Lang) -> String {
        match (self, lang) {
            (TeamOnly::DisplayName, Lang::En) => "a vault has no team members, so it has no display name to set: what you sign in a vault bears your profile's name; set it in the profile settings (or `dpodesk profile set --name`)".to_owned(),
            (TeamOnly::DisplayName, Lang::Zh) => "保险库没有团队成员，因此没有可设置的显示名称：在保险库中签署的内容使用您个人资料中的姓名；请在个人资料设置中修改（或使用 `dpodesk profile set --name`）".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_display_name_on_a_vault_is_refused_with_what_to_do_in_both_languages() {
        assert_eq!(
            TeamOnly::DisplayName.message(Lang::En),
            "a vault has no team members, so it has no display name to set: what you sign in a vault bears your profile's name; set it in the profile settings (or `dpodesk profile set --name`)"
        );
        assert_eq!(
            TeamOnly::DisplayName.message(Lang::Zh),
            "保险库没有团队成员，因此没有可设置的显示名称：在保险库中签署的内容使用您个人资料中的姓名；请在个人资料设置中修改（或使用 `dpodesk profile set --name`）"
        );
    }
}
