//! A save refused because a colleague's change landed after the row was read: the same refusal
//! on both stores (the vault checks the version it keeps, the team database its row versions and
//! the team adapter maps its refusal here), so a door reloads the same way on either.

use super::Entity;
use crate::i18n::Lang;

/// What changed, who changed it and when; nothing of the refused save was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub entity: Entity,
    /// The changed row's id (an answer's: its question id).
    pub id: String,
    /// Who saved the change; empty when the store does not know (a vault's register entry
    /// whose change left no audit actor), and the message then names no one.
    pub changed_by: String,
    pub changed_at: String,
}

impl Stale {
    /// The refusal in the reader's language, telling him to reload and redo his change.
    pub fn message(&self, lang: Lang) -> String {
        let (entity, at, by) = (
            self.entity.name(lang),
            &self.changed_at,
            self.changed_by.trim(),
        );
        match (lang, by.is_empty()) {
            (Lang::En, false) => format!(
                "this {entity} was changed by {by} at {at} after you opened it: reload it and make your change again"
            ),
            (Lang::En, true) => format!(
                "this {entity} was changed at {at} after you opened it: reload it and make your change again"
            ),
            (Lang::Zh, false) => {
                format!("此{entity}在您打开后已由 {by} 于 {at} 修改：请重新载入后再修改")
            }
            (Lang::Zh, true) => {
                format!("此{entity}在您打开后已于 {at} 被修改：请重新载入后再修改")
            }
        }
    }
}

impl From<dpodesk_team::Entity> for Entity {
    fn from(entity: dpodesk_team::Entity) -> Entity {
        match entity {
            dpodesk_team::Entity::Client => Entity::Client,
            dpodesk_team::Entity::DataSource => Entity::DataSource,
            dpodesk_team::Entity::Vendor => Entity::Vendor,
            dpodesk_team::Entity::Assessment => Entity::Assessment,
            dpodesk_team::Entity::Answer => Entity::Answer,
            dpodesk_team::Entity::Action => Entity::Action,
            dpodesk_team::Entity::Row => Entity::Entry,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stale(by: &str) -> Stale {
        Stale {
            entity: Entity::Vendor,
            id: "v1".to_owned(),
            changed_by: by.to_owned(),
            changed_at: "2026-12-07T10:00:00.000Z".to_owned(),
        }
    }

    #[test]
    fn names_who_changed_it_in_both_languages() {
        assert_eq!(
            stale("Bob Chen").message(Lang::En),
            "this vendor was changed by Bob Chen at 2026-12-07T10:00:00.000Z after you opened it: reload it and make your change again"
        );
        assert_eq!(
            stale("Bob Chen").message(Lang::Zh),
            "此供应商在您打开后已由 Bob Chen 于 2026-12-07T10:00:00.000Z 修改：请重新载入后再修改"
        );
    }

    #[test]
    fn an_unknown_author_is_not_named_as_a_blank() {
        let en = stale("").message(Lang::En);
        assert_eq!(
            en,
            "this vendor was changed at 2026-12-07T10:00:00.000Z after you opened it: reload it and make your change again"
        );
        let zh = stale(" ").message(Lang::Zh);
        assert_eq!(
            zh,
            "此供应商在您打开后已于 2026-12-07T10:00:00.000Z 被修改：请重新载入后再修改"
        );
    }
}
