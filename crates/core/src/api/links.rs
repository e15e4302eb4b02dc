//! What an assessment rests on: the assessments it may link to, the ones it links to, and the
//! rules a link must meet before the vault stores it. The link itself is
//! [`Vault::link_assessment`](crate::vault::Vault::link_assessment).

use super::*;
use crate::vault::{AssessmentRecord, Status as RecordStatus};

/// One assessment this one may link to, or already links to.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LinkOption {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    #[ts(type = "number")]
    pub version: i64,
    pub status: Status,
    /// Already linked: listed so the user sees what the assessment rests on.
    pub linked: bool,
}

/// What `id` may link to: its client's current data-source and vendor assessments (for a PIA)
/// and transfer assessments (for a data-source, vendor or PIA assessment), the linked ones
/// first and marked. A linked version that has since been re-opened is listed as it was linked.
pub fn link_options<R: Read>(vault: &R, id: &str) -> crate::Result<Vec<LinkOption>> {
    let from = vault.assessment(id)?;
    let linked = vault.linked_ids(id)?;
    let all = vault.assessments()?;
    let superseded = |r: &AssessmentRecord| {
        all.iter()
            .any(|other| other.previous_id.as_deref() == Some(r.id.as_str()))
    };
    let option = |r: &AssessmentRecord, linked: bool| LinkOption {
        id: r.id.clone(),
        kind: r.kind.into(),
        title: r.title.clone(),
        version: r.version,
        status: r.status.into(),
        linked,
    };
    let mut out: Vec<LinkOption> = all
        .iter()
        .filter(|r| linked.contains(&r.id))
        .map(|r| option(r, true))
        .collect();
    let offered = all.iter().filter(|r| {
        r.id != id
            && !linked.contains(&r.id)
            && kinds_link(from.kind, r.kind)
            && r.client_id == from.client_id
            && !superseded(r)
    });
    let mut rest: Vec<LinkOption> = offered.map(|r| option(r, false)).collect();
    rest.sort_by_key(|o| o.title.to_lowercase());
    out.extend(rest);
    Ok(out)
}

/// Whether an assessment of kind `from` may rest on one of kind `to`.
fn kinds_link(from: crate::kind::Kind, to: crate::kind::Kind) -> bool {
    use crate::kind::Kind as K;
    matches!(
        (from, to),
        (K::Pia, K::DataSource | K::Vendor) | (K::DataSource | K::Vendor | K::Pia, K::Transfer)
    )
}

/// Why `id` may not link to `linked_id`, if it may not: the kinds must rest on each other, both
/// must be the same client's, the linking version must still be a draft (a version in review or
/// signed off keeps what it rested on), the linked one must be its newest version, and the link
/// must be new.
pub(crate) fn link_refusal<R: Read>(vault: &R, id: &str, linked_id: &str) -> crate::Result<()> {
    let from = vault.assessment(id)?;
    let to = vault.assessment(linked_id)?;
    let refuse = |reason| {
        Err(Error::InvalidInput {
            field: "link",
            reason,
        })
    };
    if !kinds_link(from.kind, to.kind) {
        return refuse(Invalid::LinkKinds);
    }
    if from.client_id != to.client_id {
        return refuse(Invalid::LinkOtherClient);
    }
    if from.status != RecordStatus::Draft {
        return refuse(Invalid::LinkNotDraft);
    }
    if vault.linked_ids(id)?.iter().any(|l| l == linked_id) {
        return refuse(Invalid::AlreadyLinked);
    }
    if vault.successor_of(linked_id)?.is_some() {
        return refuse(Invalid::LinkSuperseded);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::one_assessment;
    use super::*;

    fn new(vault: &mut Vault, template: &str, title: &str, client: Option<&str>) -> String {
        let law = LawRegister::bundled().expect("law");
        let templates = tpl::bundled(&law).expect("templates");
        let request = NewAssessmentRequest {
            template_id: template.into(),
            title: title.into(),
            client_id: client.map(str::to_owned),
            subject_id: None,
        };
        create_assessment(vault, &templates, "t", &request)
            .expect("created")
            .id
    }

    fn refusal(vault: &mut Vault, id: &str, linked: &str) -> Invalid {
        match vault.link_assessment("t", id, linked) {
            Err(Error::InvalidInput { reason, .. }) => reason,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_pia_is_offered_its_clients_current_assessments_and_sees_its_links_marked() {
        let (_dir, mut vault, _law, pia) = one_assessment("pia", "Scoring PIA");
        let transfer = new(&mut vault, "transfer", "CRM to Singapore", None);
        let other_pia = new(&mut vault, "pia", "Another PIA", None);
        let before = link_options(&vault, &pia).expect("options");
        let titles: Vec<(&str, bool)> = before
            .iter()
            .map(|o| (o.title.as_str(), o.linked))
            .collect();
        assert_eq!(titles, [("CRM to Singapore", false)], "no PIA, not itself");

        vault.link_assessment("t", &pia, &transfer).expect("link");
        let after = link_options(&vault, &pia).expect("options");
        assert_eq!(after.len(), 1);
        assert!(after[0].linked && after[0].kind == Kind::Transfer);
        assert_eq!(refusal(&mut vault, &pia, &transfer), Invalid::AlreadyLinked);
        assert_eq!(refusal(&mut vault, &pia, &other_pia), Invalid::LinkKinds);
        assert_eq!(refusal(&mut vault, &transfer, &pia), Invalid::LinkKinds);
    }

    #[test]
    fn a_link_to_another_clients_assessment_or_from_a_version_in_review_is_refused() {
        let (_dir, mut vault, _law, pia) = one_assessment("pia", "Scoring PIA");
        let client = add_client(
            &mut vault,
            "t",
            NewClientRequest {
                name: "Acme".into(),
                matter: String::new(),
                contact: String::new(),
                notes: String::new(),
            },
        )
        .expect("client")
        .id;
        let theirs = new(&mut vault, "transfer", "Acme to Frankfurt", Some(&client));
        assert!(link_options(&vault, &pia).expect("options").is_empty());
        assert_eq!(refusal(&mut vault, &pia, &theirs), Invalid::LinkOtherClient);

        let ours = new(&mut vault, "transfer", "Ours to Frankfurt", None);
        vault.submit_assessment("t", &pia).expect("submitted");
        assert_eq!(refusal(&mut vault, &pia, &ours), Invalid::LinkNotDraft);
        let (en, zh) = (
            Invalid::LinkOtherClient.message("link", Lang::En),
            Invalid::LinkOtherClient.message("link", Lang::Zh),
        );
        assert!(en.contains("another client") && zh.contains("另一位客户"));
    }
}
