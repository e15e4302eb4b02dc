//! `dpodesk assess comment …`: reviewers' comments on single questions — add, list, resolve.
//! Each subcommand calls one `api` use case and prints; who may comment when is core's rule.

use clap::Subcommand;
use dpodesk_core::Lang;
use dpodesk_core::api::{self, CommentInfo};

use crate::error::CliError;
use crate::json_out;

#[derive(Debug, Subcommand)]
pub enum CommentCommand {
    /// Comment on one question of a draft or a version in review; prints the comment's id
    Add {
        /// The assessment version
        id: String,
        /// The question's id (see `assess questions`)
        #[arg(long)]
        question: String,
        #[arg(long)]
        text: String,
    },
    /// List an assessment version's comments by question, open ones first
    List {
        id: String,
        /// Print them as JSON (threads by question)
        #[arg(long)]
        json: bool,
    },
    /// Mark a comment resolved (it stays listed, as resolved)
    Resolve { comment_id: String },
}

pub fn run<S: api::Store>(
    store: &mut S,
    actor: &str,
    command: &CommentCommand,
    lang: Lang,
) -> Result<(), CliError> {
    match command {
        CommentCommand::Add { id, question, text } => {
            println!("{}", api::add_comment(store, actor, id, question, text)?.id);
        }
        CommentCommand::List { id, json } => {
            let threads = api::list_comments(&*store, id)?;
            if *json {
                println!("{}", json_out::list(&threads));
            } else if threads.is_empty() {
                println!("{}", lang.pick("没有审阅意见。", "No comments."));
            } else {
                for thread in &threads {
                    println!(
                        "{} ({} {})",
                        thread.question_id,
                        thread.open,
                        lang.pick("条未处理", "open")
                    );
                    for comment in &thread.comments {
                        println!("  {}", line(comment, lang));
                    }
                }
            }
        }
        CommentCommand::Resolve { comment_id } => {
            let comment = api::resolve_comment(store, actor, comment_id)?;
            println!("{}", line(&comment, lang));
        }
    }
    Ok(())
}

fn line(comment: &CommentInfo, lang: Lang) -> String {
    let state = match (&comment.resolved_by, lang) {
        (None, _) => lang.pick("未处理", "open").to_owned(),
        (Some(by), Lang::Zh) => format!("已由 {by} 处理"),
        (Some(by), Lang::En) => format!("resolved by {by}"),
    };
    format!(
        "[{state}] {}  {}  {}: {}",
        comment.id, comment.created_at, comment.author, comment.text
    )
}
