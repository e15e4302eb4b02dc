//! `dpodesk search QUERY [--all] [--limit N] [--json]`: core's search over titles, client /
//! data-source / vendor names and answer text. Terms of one or two characters (同意, 名单) are found
//! as well as longer ones; case is ignored.

use dpodesk_core::Lang;
use dpodesk_core::vault::{SearchHit, SearchOptions};
use serde_json::{Value, json};

use crate::cli::{Cli, SearchArgs};
use crate::error::CliError;
use crate::{table, unlock};

pub fn run(cli: &Cli, args: &SearchArgs, lang: Lang) -> Result<(), CliError> {
    let vault = unlock::open(cli, lang)?;
    let options = SearchOptions {
        include_archived: args.all,
    };
    let hits = vault.search_with(&args.query, args.limit, options)?;
    vault.lock()?;
    if args.json {
        let list: Vec<Value> = hits.iter().map(to_json).collect();
        println!("{}", Value::Array(list));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|hit| {
            vec![
                kind_label(hit, lang).to_owned(),
                hit.title.clone(),
                hit.client_name.clone().unwrap_or_default(),
                hit.snippet.clone(),
                hit.id.clone(),
            ]
        })
        .collect();
    table::print(
        &[
            lang.pick("类型", "kind"),
            lang.pick("标题/名称", "title"),
            lang.pick("客户", "client"),
            lang.pick("匹配内容", "match"),
            "id",
        ],
        &rows,
        lang.pick("没有找到匹配的内容。", "Nothing matches."),
    );
    Ok(())
}

fn kind_label(hit: &SearchHit, lang: Lang) -> &'static str {
    use dpodesk_core::vault::SearchKind::*;
    match hit.kind {
        Client => lang.pick("客户", "client"),
        DataSource => lang.pick("数据来源", "data source"),
        Vendor => lang.pick("供应商", "vendor"),
        Assessment => lang.pick("评估", "assessment"),
        Answer => lang.pick("答复", "answer"),
    }
}

/// A hit in `--json` output; the README documents these fields.
fn to_json(hit: &SearchHit) -> Value {
    json!({
        "kind": hit.kind.as_str(),
        "id": hit.id,
        "question_id": hit.question_id,
        "title": hit.title,
        "client_id": hit.client_id,
        "client_name": hit.client_name,
        "snippet": hit.snippet,
        "archived": hit.archived,
    })
}
