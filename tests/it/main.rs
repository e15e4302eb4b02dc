//! The workspace's one integration-test binary: core end to end on temporary vaults, and the CLI as
//! a real process.

mod assessments;
mod cli;
mod cli_registers;
mod registers;
mod support;
mod templates;
mod vault;
