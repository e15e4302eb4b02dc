//! `dpodesk search QUERY [--all] [--limit N] [--json]`: core's search over titles, client /
//! data-source / vendor names, answer text, findings, question text, actions, contacts and
//! evidence file names. Terms of one or two characters (同意, 名单) are found
//! as well as longer ones; case is ignored.

use dpodesk_core::Lang;
use dpodesk_core::api::{self, SearchHitKind, SearchHitView};

use crate::cli::{Cli, SearchArgs};
use crate::error::CliError;
use crate::json_out;
use crate::table;
use crate::unlock::Opened;

pub fn run(cli: &Cli, args: &SearchArgs, lang: Lang) -> Result<(), CliError> {
    let hits = crate::with_store!(cli, lang, |store| search_in(store, args))?;
    if args.json {
        println!("{}", json_out::list(&hits));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|hit| {
            vec![
                kind_label(hit, lang).to_owned(),
                match &hit.label {
                    Some(label) => format!("{} · {}", lang.pick(&label.zh, &label.en), hit.title),
                    None => hit.title.clone(),
                },
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

/// The hits on either store (a team database shows only what is granted to the member).
fn search_in(store: impl Opened, args: &SearchArgs) -> Result<Vec<SearchHitView>, CliError> {
    let hits = api::search_all(&store, &args.query, args.limit, args.all)?;
    store.close()?;
    Ok(hits)
}

fn kind_label(hit: &SearchHitView, lang: Lang) -> &'static str {
    use SearchHitKind::*;
    match hit.kind {
        Client => lang.pick("客户", "client"),
        DataSource => lang.pick("数据来源", "data source"),
        Vendor => lang.pick("供应商", "vendor"),
        Assessment => lang.pick("评估", "assessment"),
        Answer => lang.pick("答复", "answer"),
        Finding => lang.pick("发现项", "finding"),
        Question => lang.pick("问题", "question"),
        Action => lang.pick("整改措施", "action"),
        Contact => lang.pick("联系人", "contact"),
        Evidence => lang.pick("证据", "evidence"),
    }
}
