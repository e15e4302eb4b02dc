//! `dpodesk templates …`: list the bundled templates, check a template file.

use std::path::Path;

use dpodesk_core::Lang;
use dpodesk_core::law::LawRegister;
use dpodesk_core::template;

use crate::cli::TemplatesCommand;
use crate::error::CliError;
use crate::table;

pub fn run(command: &TemplatesCommand, lang: Lang) -> Result<(), CliError> {
    let law = LawRegister::bundled()?;
    match command {
        TemplatesCommand::List { json } => {
            let templates = template::bundled(&law)?;
            if *json {
                let list: Vec<_> = templates
                    .iter()
                    .map(|t| {
                        serde_json::json!({
                            "id": t.id,
                            "version": t.version,
                            "kind": t.kind.as_str(),
                            "title": { "zh": t.title.zh, "en": t.title.en },
                            "questions": t.questions().count(),
                            "rules": t.rules.len(),
                        })
                    })
                    .collect();
                println!("{}", serde_json::Value::Array(list));
            } else {
                let rows: Vec<Vec<String>> = templates
                    .iter()
                    .map(|t| {
                        vec![
                            t.id.clone(),
                            t.version.clone(),
                            t.kind.as_str().to_owned(),
                            t.questions().count().to_string(),
                            t.rules.len().to_string(),
                            t.title.get(lang).to_owned(),
                        ]
                    })
                    .collect();
                let headers = match lang {
                    Lang::Zh => ["标识", "版本", "类型", "问题", "规则", "标题"],
                    Lang::En => ["ID", "VERSION", "KIND", "QUESTIONS", "RULES", "TITLE"],
                };
                table::print(&headers, &rows, lang.pick("没有模板", "no templates"));
            }
        }
        TemplatesCommand::Check { file } => {
            let template = template::load_file(Path::new(file), &law).inspect_err(|error| {
                // The one-line error goes to stderr; an author needs every problem, so they are
                // listed on stdout first.
                if let dpodesk_core::Error::InvalidTemplate { problems, .. } = error {
                    for problem in problems {
                        println!("{}: {problem}", file.display());
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
        }
    }
    Ok(())
}
