//! `dpodesk assess show` for a transfer assessment: the route on each side that applies, with its
//! citations (marked [verify] where the register has not confirmed them), the duties owed
//! whatever the route, and the questions still to answer when the route is undetermined. The
//! words come from core (`api::TransferRouteView`).

use dpodesk_core::Lang;
use dpodesk_core::api::{LinkedTransferView, RouteSideView, TransferRouteView};

fn print_side(title: &str, side: &RouteSideView, lang: Lang) {
    println!("{title}: {}", lang.pick(&side.text.zh, &side.text.en));
    let cites: Vec<String> = side
        .cite
        .iter()
        .map(|c| {
            let mark = if c.status == "unverified" {
                lang.pick("［待核实］", " [verify]")
            } else {
                ""
            };
            format!("{}{mark}", lang.pick(&c.article.zh, &c.article.en))
        })
        .collect();
    if !cites.is_empty() {
        println!("  {}: {}", lang.pick("依据", "basis"), cites.join("; "));
    }
    if let Some(day) = &side.laws_checked_on {
        println!(
            "  {}: {day}",
            lang.pick("目的地法律核查日期", "destination law checked on")
        );
    }
    for fact in &side.missing {
        println!(
            "  {}: {} [{}]",
            lang.pick("待回答", "to answer"),
            lang.pick(&fact.text.zh, &fact.text.en),
            fact.question_id
        );
    }
    for duty in &side.duties {
        println!("  - {}", lang.pick(&duty.text.zh, &duty.text.en));
    }
}

pub fn print_route(route: &TransferRouteView, lang: Lang) {
    println!();
    if let Some(prc) = &route.prc {
        print_side(lang.pick("中国出境路径", "PRC route"), prc, lang);
    }
    if let Some(eu) = &route.eu {
        print_side(lang.pick("欧盟（第五章）", "EU (Chapter V)"), eu, lang);
    }
}

/// The transfers an assessment links to: each route as its link follows it, saying which version.
pub fn print_linked(linked: &[LinkedTransferView], lang: Lang) {
    for link in linked {
        let which = if link.follows == "signed" {
            lang.pick("最新签批版本", "latest signed version")
        } else {
            lang.pick("当前版本，尚未签批", "current version, not signed off")
        };
        println!();
        println!(
            "{}: {} [{}] ({} {}, {which})",
            lang.pick("关联的跨境传输评估", "linked transfer assessment"),
            link.title,
            link.assessment_id,
            lang.pick("版本", "version"),
            link.version
        );
        print_route(&link.route, lang);
    }
}
