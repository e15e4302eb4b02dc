//! Interchange with the CNIL PIA tool: import its JSON export of a PIA as a DPO Desk PIA, and
//! export a DPO Desk PIA in that shape for a colleague who works in the CNIL tool.
//!
//! - `model` reads the file, tolerating the dirty inputs real exports carry and refusing anything
//!   else with the JSON path of the field (`parse`: also the fuzzing entry point).
//! - `architecture` is the CNIL tool's fixed question tree and the one table that decides where
//!   each part lands in our PIA template.
//! - `import` maps a parsed file onto answers, risk rows, plan rows and notes (pure);
//!   `export` builds the CNIL file from an assessment and reports what stays behind (pure).
//! - `report` is the mapping report and the loss report, in Chinese and English.
//! - `vault` does both against the vault: one transaction per import, audited.
//!
//! The format and the mapping are described in `docs/cnil-pia-format.md`.

mod architecture;
pub(crate) mod chapter;
mod export;
mod import;
mod model;
mod reference;
mod report;
mod resync;
mod tags;
mod text;
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
pub use vault::{CnilExport, CnilImport};
pub use write::document;
