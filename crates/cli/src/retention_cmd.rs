//! `dpodesk client keep-until`, `dpodesk assess keep-until` and `dpodesk client due-for-erasure`:
//! keep-until dates and what is past them. Listing never erases; `client erase` does, once
//! confirmed.

use clap::Args;
use dpodesk_core::api::{self, ErasureDue, KeepUntilView, KeptKind};
use dpodesk_core::{Lang, time};
use serde_json::{Value, json};

use crate::cli::{Cli, JsonArg};
use crate::error::CliError;
use crate::{json_out, table};

#[derive(Debug, Args)]
pub struct KeepUntilArgs {
    /// The client's id or exact name (`client keep-until`), or the assessment's id
    #[arg(value_name = "NAME_OR_ID")]
    pub target: String,
    /// The date until which it is kept, YYYY-MM-DD
    #[arg(
        value_name = "DATE",
        required_unless_present = "clear",
        conflicts_with = "clear"
    )]
    pub date: Option<String>,
    /// Remove the date (a signed-off PIA goes back to its legal minimum instead)
    #[arg(long)]
    pub clear: bool,
    /// The client's or assessment's updated_at as you read it (`version` in `--json` output,
    /// `assess show --json`): refused if anyone changed it since
    #[arg(long, value_name = "UPDATED_AT")]
    pub if_version: Option<String>,
    /// The keep-until date as you read it (`keep_until` in `--json` output; `none` for no
    /// date): refused if anyone set another date since
    #[arg(long, value_name = "DATE")]
    pub if_keep_until: Option<String>,
    #[command(flatten)]
    pub output: JsonArg,
}

/// Sets or clears a keep-until date and prints the date now kept.
pub fn keep_until<S: api::Store>(
    cli: &Cli,
    store: &mut S,
    kind: KeptKind,
    args: &KeepUntilArgs,
    lang: Lang,
) -> Result<(), CliError> {
    let date = if args.clear {
        None
    } else {
        args.date.as_deref()
    };
    // `none` is how a shell says "no date"; core takes "" for it.
    let date_read = args
        .if_keep_until
        .as_deref()
        .map(|d| if d.trim() == "none" { "" } else { d });
    let view = api::set_keep_until_from(
        store,
        &cli.actor(),
        kind,
        &args.target,
        date,
        args.if_version.as_deref(),
        date_read,
    )?;
    if args.output.json {
        println!("{}", json_out::object(&keep_until_json(&view)));
        return Ok(());
    }
    match &view.keep_until {
        Some(date) => println!("{} {} {date}", view.id, lang.pick("保存至", "kept until")),
        None => println!(
            "{} {}",
            view.id,
            lang.pick("未设保存期限", "has no keep-until date")
        ),
    }
    if let Some(minimum) = &view.minimum {
        println!(
            "{}",
            lang.pick(
                &format!(
                    "已签署的影响评估，法定最短保存至 {minimum}（《个人信息保护法》第五十六条）"
                ),
                &format!("a signed-off PIA: kept at least until {minimum} (PIPL Art. 56)"),
            )
        );
    }
    Ok(())
}

/// Lists the clients and assessment versions past their keep-until date.
pub fn due_for_erasure<R: api::Read>(
    store: &R,
    args: &JsonArg,
    lang: Lang,
) -> Result<(), CliError> {
    let due = api::due_for_erasure(store, &time::today())?;
    if args.json {
        let items: Vec<Value> = due.iter().map(due_json).collect();
        println!("{}", json_out::list(&items));
        return Ok(());
    }
    let headers = [
        lang.pick("类型", "Kind"),
        "ID",
        lang.pick("名称", "Name"),
        lang.pick("客户", "Client"),
        lang.pick("保存至", "Kept until"),
        lang.pick("已过天数", "Days past"),
    ];
    let rows: Vec<Vec<String>> = due
        .into_iter()
        .map(|d| {
            let kind = match d.kind {
                KeptKind::Client => lang.pick("客户", "client").to_owned(),
                KeptKind::Assessment => {
                    format!("{} v{}", lang.pick("评估", "assessment"), d.version)
                }
            };
            vec![
                kind,
                d.id,
                d.name,
                d.client_name.unwrap_or_default(),
                d.keep_until,
                d.days_past.to_string(),
            ]
        })
        .collect();
    table::print(
        &headers,
        &rows,
        lang.pick(
            "没有超过保存期限的内容",
            "nothing is past its keep-until date",
        ),
    );
    if !rows.is_empty() {
        println!(
            "{}",
            lang.pick(
                "未删除任何内容：如需删除，请运行 `dpodesk client erase 客户 --confirm 客户名称`",
                "nothing was erased: to erase a matter, run `dpodesk client erase CLIENT --confirm NAME`",
            )
        );
    }
    Ok(())
}

fn kind_str(kind: KeptKind) -> &'static str {
    match kind {
        KeptKind::Client => "client",
        KeptKind::Assessment => "assessment",
    }
}

/// A keep-until date in `--json` output; the README documents these fields.
fn keep_until_json(v: &KeepUntilView) -> Value {
    json!({
        "kind": kind_str(v.kind),
        "id": v.id,
        "keep_until": v.keep_until,
        "minimum": v.minimum,
        "version": v.version,
    })
}

/// One entry of `client due-for-erasure --json`; the README documents these fields.
fn due_json(d: &ErasureDue) -> Value {
    json!({
        "kind": kind_str(d.kind),
        "id": d.id,
        "name": d.name,
        "version": d.version,
        "client_id": d.client_id,
        "client_name": d.client_name,
        "keep_until": d.keep_until,
        "days_past": d.days_past,
    })
}
