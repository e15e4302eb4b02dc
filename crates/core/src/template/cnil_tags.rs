//! The CNIL PIA tool's text questions, numbered as the tool shows them: the values a question's
//! `cnil = "…"` tag may take. Kept here as data so that validating a template does not import the
//! CNIL mapping (which reads templates); `cnil/tags.rs` has a test that this list is exactly the
//! text questions of its architecture.

/// Every text question of the CNIL tool's standard architecture.
pub const CNIL_TEXT_QUESTIONS: &[&str] = &[
    "1.1.1", "1.1.2", "1.1.3", "1.2.1", "1.2.2", "1.2.3", "2.1.1", "2.1.2", "2.1.3", "2.1.4",
    "2.1.5", "2.2.1", "2.2.2", "2.2.3", "2.2.4", "2.2.5", "2.2.6", "2.2.7",
];
