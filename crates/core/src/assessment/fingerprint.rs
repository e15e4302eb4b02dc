//! The fingerprint of an assessment: what a sign-off signs and a bundle carries
//! (docs/scoring.md, "Fingerprint"). Pure: the caller reads the answers and the evidence hashes.

use sha2::{Digest, Sha256};

use super::Answers;

/// SHA-256 over the canonical JSON (sorted keys, no whitespace, UTF-8) of the template id and
/// version, the answers (PIA risks are among them) and the sorted evidence hashes.
pub fn canonical_sha256(
    template_id: &str,
    template_version: &str,
    answers: &Answers,
    evidence: &[String],
) -> String {
    let value = serde_json::json!({
        "answers": answers,
        "evidence": evidence,
        "template": { "id": template_id, "version": template_version },
    });
    // serde_json's map is ordered by key (no preserve_order feature), and `to_string` writes no
    // whitespace: that is the canonical form.
    let text = serde_json::to_string(&value).unwrap_or_default();
    hex::encode(Sha256::digest(text.as_bytes()))
}
