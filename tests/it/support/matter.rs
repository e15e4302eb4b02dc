//! The matters tests start from (a bare client; the smallest whole matter, which the bundle tests
//! and the fuzzers' seeds export), built through `api` as a door builds them, and the cheap
//! bundle they are exported as.

use std::path::Path;

use dpodesk_core::bundle::{self, KdfParams};
use dpodesk_core::template::Template;
use dpodesk_core::{Vault, api};

use super::{ACTOR, assessment_request, create_assessment, pass};

/// Adds a client named `name`, with nothing else said about it; returns its id.
pub fn client_named(vault: &mut Vault, name: &str) -> String {
    api::add_client(
        vault,
        ACTOR,
        api::NewClientRequest {
            name: name.to_owned(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client")
    .id
}

/// The smallest whole matter: client `name`, its web lead form (a data source), and an
/// assessment `title` from `template` filed under the client but about no subject. Returns the
/// client's and the assessment's ids.
pub fn lead_form_matter(
    vault: &mut Vault,
    name: &str,
    template: &Template,
    title: &str,
) -> (String, String) {
    let client = client_named(vault, name);
    api::add_data_source(
        vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: client.clone(),
            name: "Lead form".into(),
            channel: "WEB".into(),
            platform: String::new(),
            notes: String::new(),
        },
    )
    .expect("source");
    let request = api::NewAssessmentRequest {
        client_id: Some(client.clone()),
        ..assessment_request(title)
    };
    let assessment = create_assessment(vault, ACTOR, template, request)
        .expect("assessment")
        .id;
    (client, assessment)
}

/// Exports the matter of `client` to `out` as a cheap bundle (the fuzzing passphrase, the
/// smallest key derivation) and returns its bytes and its decrypted stream.
pub fn cheap_bundle(vault: &mut Vault, client: &str, out: &Path) -> (Vec<u8>, Vec<u8>) {
    bundle::export(
        vault,
        ACTOR,
        client,
        out,
        &pass(bundle::FUZZ_PASSPHRASE),
        KdfParams {
            m_cost_kib: 64,
            t_cost: 1,
            p_cost: 1,
        },
    )
    .expect("export");
    let bytes = std::fs::read(out).expect("read");
    let plain = bundle::fuzz_plaintext(&bytes).expect("decrypt");
    (bytes, plain)
}
