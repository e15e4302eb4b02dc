//! `dpodesk`: the headless door onto DPO Desk's core. It parses arguments, reads the passphrase,
//! calls one core function per command and turns the result into output and an exit code. No rule
//! of the product lives here.

mod cli;
mod error;
mod secret;
mod vault_cmd;

use std::process::ExitCode;

use clap::Parser;
use dpodesk_core::Lang;

use crate::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::from_env();
    let result = match &cli.command {
        Command::Vault(command) => vault_cmd::run(&cli, command, lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dpodesk: {}", error.message(lang));
            ExitCode::from(error.exit_code())
        }
    }
}
