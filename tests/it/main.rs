//! The workspace's one integration-test binary: core end to end on temporary vaults, and the CLI as
//! a real process.

mod assessments;
mod audit;
mod backup;
mod bundle;
mod cli;
mod cli_assess;
mod cli_conclusions;
mod cli_registers;
mod cnil;
mod cnil_dirty;
mod cnil_import;
mod cnil_report;
mod cnil_roundtrip;
mod crash;
mod custom_templates;
mod dashboard;
mod demo;
mod docx;
mod erasure;
mod erasure_held;
mod faults;
mod fuzz_replay;
mod leaks;
mod memo;
mod mounts;
mod offline;
mod registers;
mod reports;
mod retention;
mod scenarios;
mod search;
mod spreadsheets;
mod support;
mod templates;
mod vault;
