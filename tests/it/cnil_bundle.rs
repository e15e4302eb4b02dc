//! A CNIL PIA moved to another vault in a matter bundle keeps the CNIL file it came from: the
//! other vault exports the same CNIL PIA, evaluations, measures and people included.

use dpodesk_core::api;

use crate::cnil::pia_template;
use crate::support::*;

const FRENCH: &str = include_str!("../fixtures/cnil/fr-validated.json");
const BUNDLE_PASSPHRASE: &str = "bundle passphrase for the CNIL test";

#[test]
fn a_bundled_cnil_pia_exports_the_same_cnil_file_from_the_other_vault() {
    let (dir, path) = vault_path();
    let mut source = create_vault(&path);
    let client = api::add_client(
        &mut source,
        ACTOR,
        api::NewClientRequest {
            name: "Garage Lefèvre".into(),
            matter: "Vidéosurveillance".into(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client")
    .id;
    let id = api::import_cnil(
        &mut source,
        ACTOR,
        &pia_template(),
        FRENCH.as_bytes(),
        Some(&client),
    )
    .expect("import")
    .assessment
    .id;
    let before = api::export_cnil(&mut source, ACTOR, &id)
        .expect("export")
        .json;

    let bundle = dir.path().join("garage.dpodesk");
    api::export_bundle(
        &mut source,
        ACTOR,
        &client,
        &bundle,
        &pass(BUNDLE_PASSPHRASE),
    )
    .expect("bundle");
    let target_path = dir.path().join("target.dpvault");
    let mut target = create_vault(&target_path);
    api::import_bundle(&mut target, ACTOR, &bundle, &pass(BUNDLE_PASSPHRASE))
        .expect("import bundle");
    let after = api::export_cnil(&mut target, ACTOR, &id)
        .expect("export there")
        .json;

    let parse = |json: &str| serde_json::from_str::<serde_json::Value>(json).expect("JSON");
    let (before, after) = (parse(&before), parse(&after));
    assert_eq!(after, before);
    // Not a plain DPO Desk view: the CNIL evaluations came through.
    assert!(
        after.to_string().contains("Le CSE souhaitait 7 jours."),
        "{after}"
    );
}
