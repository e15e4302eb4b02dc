//! The workspace's one integration-test binary: core end to end on temporary vaults, and the CLI as
//! a real process.

mod assessments;
mod audit;
mod backup;
mod bundle;
mod cli;
mod cli_assess;
mod cli_registers;
mod cnil;
mod crash;
mod custom_templates;
mod dashboard;
mod demo;
mod docx;
mod erasure;
mod faults;
mod fuzz_replay;
mod ipc_contract;
mod layers;
mod leaks;
mod memo;
mod mounts;
mod offline;
mod registers;
mod reports;
mod scenarios;
mod search;
mod spreadsheets;
mod support;
mod templates;
mod vault;
