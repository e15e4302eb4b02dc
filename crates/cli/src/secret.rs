//! Reading passphrases: from an environment variable (scripts, tests), else a hidden prompt on a
//! terminal. Never from an argument, where it would sit in the shell history and `ps` output.

use std::io::IsTerminal;

use dpodesk_core::{Lang, Passphrase};
use zeroize::Zeroize;

use crate::error::CliError;

pub const PASSPHRASE_VAR: &str = "DPODESK_PASSPHRASE";
pub const NEW_PASSPHRASE_VAR: &str = "DPODESK_NEW_PASSPHRASE";
/// A bundle's own passphrase (`dpodesk bundle export | import`), never the vault's.
pub const BUNDLE_PASSPHRASE_VAR: &str = "DPODESK_BUNDLE_PASSPHRASE";

/// What a prompt asks for, when it is not the vault's passphrase: (zh, en) labels for the
/// first entry and for the repeat.
pub type Labels = [(&'static str, &'static str); 2];

/// An existing passphrase (to unlock).
pub fn read(var: &'static str, lang: Lang) -> Result<Passphrase, CliError> {
    read_labeled(var, lang, [("密码：", "Passphrase: "), ("", "")])
}

/// [`read`] with the prompt's own wording.
pub fn read_labeled(var: &'static str, lang: Lang, labels: Labels) -> Result<Passphrase, CliError> {
    if let Ok(text) = std::env::var(var) {
        return Ok(Passphrase::new(text));
    }
    prompt(var, lang.pick(labels[0].0, labels[0].1))
}

/// A new passphrase (to create or re-key): typed twice when prompted, so a typo cannot lock the
/// user out of their own vault.
pub fn read_new(var: &'static str, lang: Lang) -> Result<Passphrase, CliError> {
    read_new_labeled(
        var,
        lang,
        [
            ("新密码：", "New passphrase: "),
            ("再次输入新密码：", "Repeat the new passphrase: "),
        ],
    )
}

/// [`read_new`] with the prompts' own wording.
pub fn read_new_labeled(
    var: &'static str,
    lang: Lang,
    labels: Labels,
) -> Result<Passphrase, CliError> {
    if let Ok(text) = std::env::var(var) {
        return Ok(Passphrase::new(text));
    }
    let first = prompt_text(var, lang.pick(labels[0].0, labels[0].1))?;
    let mut second = prompt_text(var, lang.pick(labels[1].0, labels[1].1))?;
    let same = first == second;
    second.zeroize();
    if !same {
        drop(Passphrase::new(first));
        return Err(CliError::PassphraseMismatch);
    }
    Ok(Passphrase::new(first))
}

fn prompt(var: &'static str, label: &str) -> Result<Passphrase, CliError> {
    prompt_text(var, label).map(Passphrase::new)
}

fn prompt_text(var: &'static str, label: &str) -> Result<String, CliError> {
    if !std::io::stdin().is_terminal() {
        return Err(CliError::NoPassphrase { var });
    }
    rpassword::prompt_password(label).map_err(CliError::Prompt)
}
