//! Interchange with the CNIL PIA tool: import its JSON export of a PIA as a DPO Desk PIA, and
//! export a DPO Desk PIA in that shape for a colleague who works in the CNIL tool.
//!
//! - `model` reads the file, tolerating the dirty inputs real exports carry and refusing anything
//!   else with the JSON path of the field (`parse`: also the fuzzing entry point); `write` writes
//!   a parsed file back, so what is read is what is written.
//! - `architecture` is the CNIL tool's fixed question tree, `reference` what an evaluation's
//!   `reference_to` names, and `tags` which template question answers a CNIL question.
//! - `import` maps a parsed file onto answers, risk rows and notes (pure); `export` builds the
//!   CNIL file of a PIA started here and reports what stays behind (pure); `resync` gives a CNIL
//!   PIA back from the file kept at import, with what changed here written over it.
//! - `chapter` is what the PIA report shows of a CNIL PIA; `report` the mapping and loss reports,
//!   in Chinese and English.
//! - `vault` does both against the vault (the SQL is in `vault/cnil_store.rs`): one transaction
//!   per import, audited.
//!
//! The format and the mapping are described in `docs/cnil-pia-format.md`.

pub(crate) mod architecture;
mod export;
pub(crate) mod import;
pub(crate) mod model;
pub(crate) mod reference;
mod report;
mod resync;
mod tags;
pub(crate) mod text;
mod vault;
mod write;

pub use export::{ExportSource, from_assessment};
pub use import::{Imported, to_answers};
pub use model::{
    CnilAnswer, CnilPia, CnilProblem, Comment, Evaluation, Fix, Header, Ignored, Measure, Src,
    parse,
};
pub use report::{Derived, Loss, LossReason, LossReport, Mapped, MappingReport, Target};
pub use text::{html_to_text, repair_mojibake, text_to_html};
pub use vault::{CnilExport, CnilImport, export_cnil, import_cnil};
pub use write::document;
