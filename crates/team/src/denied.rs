//! What a refusal of PostgreSQL's privileges means for the member who met it. The database says
//! "permission denied for table signoffs" or "new row violates row-level security policy" in
//! the server's language; the member needs to hear, in his own, what his role does not do and
//! who can. The schema's grants (sql/0002_access.sql) decide the mapping: only approvers insert
//! sign-offs, authors (and admins) write work and registers, admins the shared settings.

/// The kind of work a member was refused, read from the server's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// A sign-off: approvers only.
    SignOff,
    /// Writing assessments, their answers and evidence, registers, actions or kept reports:
    /// authors and admins. Reviewers send work back and approvers sign it off.
    EditWork,
    /// The shared settings (profile, template folder): admins only.
    Settings,
    /// Members and grants: admins only (sql/0002_access.sql raises it).
    ManageMembers,
    /// Erasing a client's matter: admins only (sql/0010_audit_erasure.sql raises it).
    Erase,
    /// A row under a client not granted to the member (a row-level-security check).
    NotGranted,
    /// A bundle whose rows reach outside its matter, or an import that is not the member's
    /// (sql/0009_bundles.sql raises them).
    BundleScope,
    /// Anything else: the server's own words are all we have.
    Other,
}

impl Denied {
    /// Sorts the server's message. Unknown wording keeps [`Denied::Other`], whose message
    /// quotes the server rather than guessing.
    pub fn of_message(message: &str) -> Denied {
        if message.starts_with("new row violates row-level security policy") {
            return Denied::NotGranted;
        }
        if message.starts_with("only an admin of this team database may manage") {
            return Denied::ManageMembers;
        }
        if message.starts_with("only an admin of this team database may erase") {
            return Denied::Erase;
        }
        if message.starts_with("an imported ") || message.starts_with("there is no import") {
            return Denied::BundleScope;
        }
        let Some(table) = message.strip_prefix("permission denied for table ") else {
            return Denied::Other;
        };
        match table.trim() {
            "signoffs" => Denied::SignOff,
            "settings" => Denied::Settings,
            "clients" | "data_sources" | "vendors" | "assessments" | "assessment_links"
            | "answers" | "evidence" | "actions" | "reports" | "cnil_records"
            | "template_snapshots" | "bundle_imports" | "bundle_audit" => Denied::EditWork,
            _ => Denied::Other,
        }
    }

    /// The refusal in English; `detail` is the server's text, quoted only for [`Denied::Other`].
    pub(crate) fn en(self, detail: &str) -> String {
        match self {
            Denied::SignOff => "your role in the team database does not sign off assessments: \
                an approver signs them off (ask an administrator if you should be one)"
                .to_owned(),
            Denied::EditWork => "your role in the team database does not change assessments, \
                registers or actions: authors and admins do (a reviewer sends work back, an \
                approver signs it off)"
                .to_owned(),
            Denied::Settings => "only an admin of the team database changes the shared \
                settings (profile, template folder)"
                .to_owned(),
            Denied::ManageMembers => {
                "only an admin of the team database manages members and grants".to_owned()
            }
            Denied::Erase => {
                "only an admin of the team database erases a client's matter".to_owned()
            }
            Denied::NotGranted => "this client is not granted to you in the team database: ask \
                an administrator to grant it to you (team grant)"
                .to_owned(),
            Denied::BundleScope => "this bundle refers to work outside its own matter, or to an \
                import that is not yours: nothing was imported"
                .to_owned(),
            Denied::Other => {
                format!("your role in the team database does not allow this: {detail}")
            }
        }
    }

    /// The refusal in Chinese; `detail` as for [`Denied::en`].
    pub(crate) fn zh(self, detail: &str) -> String {
        match self {
            Denied::SignOff => {
                "您在团队数据库中的角色不能签署评估：须由审批人签署（如您应担任审批人，请联系管理员）"
                    .to_owned()
            }
            Denied::EditWork => "您在团队数据库中的角色不能修改评估、登记或整改措施：由作者或管理员修改（审阅人可退回，审批人可签署）".to_owned(),
            Denied::Settings => {
                "只有团队数据库的管理员可以修改共享设置（资料、模板文件夹）".to_owned()
            }
            Denied::ManageMembers => "只有团队数据库的管理员可以管理成员和授权".to_owned(),
            Denied::Erase => "只有团队数据库的管理员可以清除客户的事项".to_owned(),
            Denied::NotGranted => {
                "团队数据库中此客户未授权给您：请联系管理员授权（team grant）".to_owned()
            }
            Denied::BundleScope => {
                "此数据包引用了其事项之外的工作，或不属于您的导入：未导入任何内容".to_owned()
            }
            Denied::Other => format!("您在团队数据库中的角色不允许此操作：{detail}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Denied;

    #[test]
    fn the_servers_refusals_are_sorted_by_what_was_refused() {
        for (message, denied) in [
            ("permission denied for table signoffs", Denied::SignOff),
            ("permission denied for table assessments", Denied::EditWork),
            ("permission denied for table answers", Denied::EditWork),
            ("permission denied for table clients", Denied::EditWork),
            ("permission denied for table settings", Denied::Settings),
            (
                "new row violates row-level security policy for table \"answers\"",
                Denied::NotGranted,
            ),
            (
                "only an admin of this team database may manage members and grants",
                Denied::ManageMembers,
            ),
            (
                "only an admin of this team database may erase a client's matter",
                Denied::Erase,
            ),
            (
                "an imported evidence names an assessment outside the imported matter",
                Denied::BundleScope,
            ),
            ("permission denied for table audit_heads", Denied::Other),
            ("permission denied for schema public", Denied::Other),
        ] {
            assert_eq!(Denied::of_message(message), denied, "{message}");
        }
    }

    #[test]
    fn only_an_unknown_refusal_quotes_the_server() {
        let detail = "permission denied for table audit_heads";
        for denied in [
            Denied::SignOff,
            Denied::EditWork,
            Denied::Settings,
            Denied::ManageMembers,
            Denied::Erase,
            Denied::NotGranted,
            Denied::BundleScope,
        ] {
            assert!(!denied.en(detail).contains(detail), "{denied:?}");
            assert!(!denied.zh(detail).contains(detail), "{denied:?}");
            assert!(!denied.zh(detail).is_ascii(), "{denied:?}");
        }
        assert!(Denied::Other.en(detail).ends_with(detail));
        assert!(Denied::Other.zh(detail).ends_with(detail));
    }
}
