//! `dpodesk templates …`: list the templates in use (bundled and custom), check a template file,
//! choose the vault's custom folder, export and import templates. The id and version rules live in
//! core (`template::Library`); this module prints what core decided.

use std::path::{Path, PathBuf};

use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Library, Origin};
use dpodesk_core::{Lang, api};

use crate::cli::{Cli, TemplateFolderCommand, TemplatesCommand};
use crate::error::CliError;
use crate::report_cmd::write_atomically;
use crate::table;
use crate::unlock::{self, Opened};

pub fn run(cli: &Cli, command: &TemplatesCommand, lang: Lang) -> Result<(), CliError> {
    let law = LawRegister::bundled()?;
    match command {
        TemplatesCommand::List { json } => list(cli, &law, *json, lang),
        TemplatesCommand::Check { file } => check(file, &law, lang),
        TemplatesCommand::Folder(command) => folder(cli, command, &law, lang),
        TemplatesCommand::Export {
            id,
            assessment,
            out,
            force,
        } => export(
            cli,
            &law,
            id.as_deref(),
            assessment.as_deref(),
            out,
            *force,
            lang,
        ),
        TemplatesCommand::Import { file } => import(cli, &law, file, lang),
    }
}

/// The templates in use, and the files of the folder that are not.
fn list(cli: &Cli, law: &LawRegister, json: bool, lang: Lang) -> Result<(), CliError> {
    let library = Library::load(law, folder_maybe_without_vault(cli, lang)?.as_deref())?;
    if json {
        print_json(&library);
    } else {
        print_table(&library, lang);
    }
    report_problems(&library, lang);
    Ok(())
}

/// Validates one file: every problem on stdout, the first as the error.
fn check(file: &Path, law: &LawRegister, lang: Lang) -> Result<(), CliError> {
    let template = template::load_file(file, law).inspect_err(|error| {
        // The one-line error goes to stderr; an author needs every problem, so they are
        // listed on stdout first.
        if let dpodesk_core::Error::InvalidTemplate { problems, .. } = error {
            for problem in problems {
                println!("{}: {}", file.display(), problem.message(lang));
            }
        }
    })?;
    println!(
        "{}: {} ({} {}, {} {}, {} {})",
        lang.pick("有效", "ok"),
        file.display(),
        template.id,
        template.version,
        template.questions().count(),
        lang.pick("个问题", "questions"),
        template.rules.len(),
        lang.pick("条规则", "rules"),
    );
    Ok(())
}

/// Sets, clears or shows the vault's custom template folder.
fn folder(
    cli: &Cli,
    command: &TemplateFolderCommand,
    law: &LawRegister,
    lang: Lang,
) -> Result<(), CliError> {
    crate::with_store!(cli, lang, |store| folder_on(cli, command, law, lang, store))
}

fn folder_on<S: Opened>(
    cli: &Cli,
    command: &TemplateFolderCommand,
    law: &LawRegister,
    lang: Lang,
    mut store: S,
) -> Result<(), CliError> {
    match command {
        TemplateFolderCommand::Set { dir } => {
            let folder = api::choose_template_folder(&mut store, &cli.actor(), Some(dir))?;
            if let Some(folder) = &folder {
                println!("{}", folder.display());
            }
            let library = Library::load(law, folder.as_deref())?;
            for decision in library.decisions().iter().filter(|d| d.is_used()) {
                println!("{}", decision.message(lang));
            }
            report_problems(&library, lang);
        }
        TemplateFolderCommand::Clear => {
            api::choose_template_folder(&mut store, &cli.actor(), None)?;
            println!(
                "{}",
                lang.pick(
                    "已清除模板文件夹：只使用内置模板",
                    "template folder cleared: the bundled templates only"
                )
            );
        }
        TemplateFolderCommand::Show => {
            if let Some(folder) = api::template_folder(&store)? {
                println!("{}", folder.display());
            }
        }
    }
    store.close()
}

/// Writes a template (of the library, or an assessment's snapshot) as TOML.
fn export(
    cli: &Cli,
    law: &LawRegister,
    id: Option<&str>,
    assessment: Option<&str>,
    out: &Path,
    force: bool,
    lang: Lang,
) -> Result<(), CliError> {
    if !force && out.symlink_metadata().is_ok() {
        return Err(CliError::OutputExists(out.to_path_buf()));
    }
    let text = match (assessment, id) {
        (Some(assessment), _) => {
            let snapshot = crate::with_store!(cli, lang, |store| api::assessment_template(
                &store, assessment
            ))?;
            template::export(&snapshot)?
        }
        (None, Some(id)) => {
            let folder = folder_maybe_without_vault(cli, lang)?;
            Library::load(law, folder.as_deref())?
                .export(id)?
                .ok_or_else(|| CliError::UnknownTemplate(id.to_owned()))?
        }
        (None, None) => return Err(CliError::UnknownTemplate(String::new())),
    };
    write_atomically(out, text.as_bytes())?;
    println!("{}", out.display());
    Ok(())
}

/// Copies a template file into the folder, by core's id and version rules.
fn import(cli: &Cli, law: &LawRegister, file: &Path, lang: Lang) -> Result<(), CliError> {
    let folder = match flag_folder(cli) {
        Some(folder) => folder,
        None => stored_folder(cli, lang)?,
    }
    .ok_or(CliError::NoTemplateFolder)?;
    let imported = Library::import(law, &folder, file)?;
    println!("{}", imported.path.display());
    println!("{}", imported.decision.message(lang));
    for note in &imported.shadowed {
        println!("{}", note.message(lang));
    }
    Ok(())
}

/// The templates an assessment can start from in this invocation: the bundled ones and those of
/// the custom folder (`--templates` / `DPODESK_TEMPLATES`, else the vault's setting). Files that
/// are not used are reported on stderr.
pub fn library<R: api::Read>(
    cli: &Cli,
    law: &LawRegister,
    store: &R,
    lang: Lang,
) -> Result<Library, CliError> {
    let folder = match flag_folder(cli) {
        Some(folder) => folder,
        None => api::template_folder(store)?,
    };
    let library = Library::load(law, folder.as_deref())?;
    report_problems(&library, lang);
    Ok(library)
}

/// The folder given on the command line or in the environment: `Some(None)` for an empty value
/// (the bundled templates only), `None` when not given.
fn flag_folder(cli: &Cli) -> Option<Option<PathBuf>> {
    cli.templates
        .as_ref()
        .map(|dir| (!dir.is_empty()).then(|| PathBuf::from(dir)))
}

/// The custom folder for commands that need no vault otherwise: the flag, else the setting of the
/// vault if one exists (unlocking it), else none.
fn folder_maybe_without_vault(cli: &Cli, lang: Lang) -> Result<Option<PathBuf>, CliError> {
    if let Some(folder) = flag_folder(cli) {
        return Ok(folder);
    }
    let exists = unlock::vault_path(cli).is_ok_and(|path| path.exists());
    if cli.team.is_none() && !exists {
        return Ok(None);
    }
    stored_folder(cli, lang)
}

/// The custom folder set in the vault or the team database this invocation works on.
fn stored_folder(cli: &Cli, lang: Lang) -> Result<Option<PathBuf>, CliError> {
    crate::with_store!(cli, lang, |store| Ok(api::template_folder(&store)?))
}

/// Every file of the folder that is not used, with why (and an invalid file's problems), on
/// stderr: listing still succeeds.
fn report_problems(library: &Library, lang: Lang) {
    for decision in library.problems() {
        eprintln!("{}", decision.message(lang));
        for problem in decision.problems() {
            eprintln!("  {}", problem.message(lang));
        }
        if !decision.problems().is_empty() {
            eprintln!(
                "  {}",
                lang.pick(
                    "（可用 `dpodesk templates check FILE` 检查该文件）",
                    "(`dpodesk templates check FILE` checks the file)"
                )
            );
        }
    }
}

/// How the table names a custom template's origin.
fn custom_origin(file: &str, replaces: Option<&str>, lang: Lang) -> String {
    match (replaces, lang) {
        (Some(bundled), Lang::En) => format!("custom ({file}), replaces bundled {bundled}"),
        (Some(bundled), Lang::Zh) => format!("自定义（{file}），取代内置 {bundled}"),
        (None, Lang::En) => format!("custom ({file})"),
        (None, Lang::Zh) => format!("自定义（{file}）"),
    }
}

fn print_table(library: &Library, lang: Lang) {
    let rows: Vec<Vec<String>> = library
        .entries()
        .map(|(t, entry)| {
            let origin = match &entry.origin {
                Origin::Bundled => lang.pick("内置", "bundled").to_owned(),
                Origin::Custom { file } => custom_origin(file, entry.replaces.as_deref(), lang),
            };
            vec![
                t.id.clone(),
                t.version.clone(),
                t.kind.as_str().to_owned(),
                origin,
                t.questions().count().to_string(),
                t.rules.len().to_string(),
                t.title.get(lang).to_owned(),
            ]
        })
        .collect();
    let headers = match lang {
        Lang::Zh => ["标识", "版本", "类型", "来源", "问题", "规则", "标题"],
        Lang::En => [
            "ID",
            "VERSION",
            "KIND",
            "ORIGIN",
            "QUESTIONS",
            "RULES",
            "TITLE",
        ],
    };
    table::print(&headers, &rows, lang.pick("没有模板", "no templates"));
}

fn print_json(library: &Library) {
    println!("{}", crate::json_out::list(&api::library_document(library)));
}
