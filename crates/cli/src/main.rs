//! `dpodesk`: the headless door onto DPO Desk's core. It parses arguments, reads the passphrase,
//! calls one core function per command and turns the result into output and an exit code. No rule
//! of the product lives here.

mod action_cmd;
mod assess_cmd;
mod assess_questions;
mod assess_route;
mod assess_show;
mod audit_cmd;
mod bundle_cmd;
mod cli;
mod cli_exchange;
mod cli_team;
mod cli_templates;
mod client_cmd;
mod cnil_cmd;
mod comment_cmd;
mod demo_cmd;
mod edit_cmd;
mod error;
mod export_cmd;
mod json_out;
mod profile_cmd;
mod report_cmd;
mod retention_cmd;
mod search_cmd;
mod secret;
mod source_cmd;
mod table;
mod team_cmd;
mod templates_cmd;
mod unlock;
mod vault_cmd;
mod vendor_cmd;

use std::process::ExitCode;

use clap::Parser;
use dpodesk_core::Lang;

use crate::cli::{Cli, Command, ExportCommand, ImportCommand};
use crate::error::{CliError, FileLevel};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::from_env();
    let result = match &cli.command {
        Command::Team(command) => team_cmd::run(&cli, command, lang),
        // With --team, a command about the vault file is refused, never run on the vault.
        Command::Vault(command) if cli.team.is_some() => Err(vault_cmd::team_refusal(command)),
        Command::Demo(_) if cli.team.is_some() => Err(CliError::VaultOnly(FileLevel::Demo)),
        Command::Vault(command) => vault_cmd::run(&cli, command, lang),
        Command::Client(command) => client_cmd::run(&cli, command, lang),
        Command::Source(command) => source_cmd::run(&cli, command, lang),
        Command::Vendor(command) => vendor_cmd::run(&cli, command, lang),
        Command::Action(command) => action_cmd::run(&cli, command, lang),
        Command::Templates(command) => templates_cmd::run(&cli, command, lang),
        Command::Assess(command) => assess_cmd::run(&cli, command, lang),
        Command::Audit(command) => audit_cmd::run(&cli, command, lang),
        Command::Bundle(command) => bundle_cmd::run(&cli, command, lang),
        Command::Search(args) => search_cmd::run(&cli, args, lang),
        Command::Report(args) => report_cmd::run(&cli, args, lang),
        Command::Export(ExportCommand::Sources(args)) => export_cmd::sources(&cli, args, lang),
        Command::Export(ExportCommand::Vendors(args)) => export_cmd::vendors(&cli, args, lang),
        Command::Export(ExportCommand::Actions(args)) => export_cmd::actions(&cli, args, lang),
        Command::Export(ExportCommand::Answers(args)) => export_cmd::answers(&cli, args, lang),
        Command::Export(ExportCommand::Cnil(args)) => cnil_cmd::export(&cli, args, lang),
        Command::Import(ImportCommand::Cnil(args)) => cnil_cmd::import(&cli, args, lang),
        Command::Profile(command) => profile_cmd::run(&cli, command, lang),
        Command::Demo(args) => demo_cmd::run(args, lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dpodesk: {}", error.message(lang));
            ExitCode::from(error.exit_code())
        }
    }
}
