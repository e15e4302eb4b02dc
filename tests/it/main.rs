//! The workspace's one integration-test binary: core end to end on temporary vaults, and the CLI as
//! a real process.

mod assessments;
mod cli;
mod cli_assess;
mod cli_registers;
mod registers;
mod scenarios;
mod support;
mod templates;
mod vault;
