//! What an import did with each CNIL field ([`MappingReport`]) and what an export could not carry
//! ([`LossReport`]), as data and as lines in Chinese or English for a door to print.

use std::collections::BTreeMap;

use super::model::{Fix, Ignored};
use crate::i18n::Lang;

/// Where one field of the CNIL file went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapped {
    /// The field's JSON path in the file, e.g. `answers[3].data.text`.
    pub source: String,
    pub target: Target,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The new assessment's title.
    Title,
    /// The answer to a DPO Desk question.
    Answer { question: String },
    /// A cell of the risk register (`pia10_risks`), row counted from 1.
    RiskCell { row: usize, column: &'static str },
    /// Kept word for word in the note on a DPO Desk question.
    Note { question: String },
    /// Read to place other fields (a reference, a measure id, `for_measure`).
    Link,
    /// Present but empty (null, blank, or 0 for "not set"): nothing to keep.
    Empty,
    /// Read and deliberately not kept.
    Ignored(Ignored),
}

/// An answer the import set because CNIL fields imply it, not because a field holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    pub question: String,
    pub value: String,
    pub from: String,
}

/// The import's account of every field it read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappingReport {
    pub entries: Vec<Mapped>,
    pub derived: Vec<Derived>,
    pub fixes: Vec<Fix>,
}

impl MappingReport {
    pub(crate) fn add(&mut self, source: impl Into<String>, target: Target) {
        self.entries.push(Mapped {
            source: source.into(),
            target,
        });
    }

    /// Where the field at `path` went, if the report accounts for it.
    pub fn target_of(&self, path: &str) -> Option<&Target> {
        self.entries
            .iter()
            .find(|e| e.source == path)
            .map(|e| &e.target)
    }

    /// The report as lines: each field kept (as an answer, a risk cell or a note),
    /// the answers implied, the repairs, then one line per reason for the fields not kept.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let mut lines = Vec::new();
        let count = |f: fn(&Target) -> bool| self.entries.iter().filter(|e| f(&e.target)).count();
        let answers = count(|t| {
            matches!(
                t,
                Target::Title | Target::Answer { .. } | Target::RiskCell { .. }
            )
        });
        let notes = count(|t| matches!(t, Target::Note { .. }));
        let ignored = count(|t| matches!(t, Target::Ignored(_)));
        let empty = count(|t| matches!(t, Target::Empty | Target::Link));
        lines.push(match lang {
            Lang::En => format!(
                "CNIL import: {answers} fields mapped to questions, {notes} kept as notes, {empty} empty or used as links, {ignored} not kept"
            ),
            Lang::Zh => format!(
                "CNIL 导入：{answers} 个字段映射到问题，{notes} 个保留为备注，{empty} 个为空或仅用于关联，{ignored} 个未保留"
            ),
        });
        lines.push(
            lang.pick(
                "  整个 CNIL 文件随评估保存：报告按 CNIL 原意展示全部内容，导出回 CNIL 时原样带回",
                "  the whole CNIL file is kept with the assessment: the report shows all of it with its CNIL meaning, and an export to the CNIL tool gives it back",
            )
            .to_owned(),
        );
        for entry in &self.entries {
            let to = match &entry.target {
                Target::Title => lang.pick("评估标题", "assessment title").to_owned(),
                Target::Answer { question } => question.clone(),
                Target::RiskCell { row, column } => match lang {
                    Lang::En => format!("pia10_risks row {row}, {column}"),
                    Lang::Zh => format!("pia10_risks 第 {row} 行 {column}"),
                },
                Target::Note { question } => match lang {
                    Lang::En => format!("note on {question}"),
                    Lang::Zh => format!("{question} 的备注"),
                },
                Target::Link | Target::Empty | Target::Ignored(_) => continue,
            };
            lines.push(format!("  {} → {to}", entry.source));
        }
        for d in &self.derived {
            lines.push(match lang {
                Lang::En => format!("  {} = {} (implied by {})", d.question, d.value, d.from),
                Lang::Zh => format!("  {} = {}（由 {} 推定）", d.question, d.value, d.from),
            });
        }
        for fix in &self.fixes {
            lines.push(format!(
                "  {}: {}",
                lang.pick("已修复", "repaired"),
                fix.line(lang)
            ));
        }
        let mut by_reason: BTreeMap<Ignored, usize> = BTreeMap::new();
        for entry in &self.entries {
            if let Target::Ignored(reason) = entry.target {
                *by_reason.entry(reason).or_default() += 1;
            }
        }
        for (reason, n) in by_reason {
            lines.push(match lang {
                Lang::En => format!("  not kept: {n} × {}", reason.label(lang)),
                Lang::Zh => format!("  未保留：{n} 个（{}）", reason.label(lang)),
            });
        }
        if let Some(first) = self.entries.iter().find_map(|e| match &e.target {
            Target::Ignored(Ignored::UnknownField) => Some(e.source.as_str()),
            _ => None,
        }) {
            lines.push(match lang {
                Lang::En => format!("  first field the CNIL format does not have: {first}"),
                Lang::Zh => format!("  第一个 CNIL 格式中没有的字段：{first}"),
            });
        }
        lines
    }
}

/// What an export could not carry, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// A question id, or a register row such as `pia10_risks row 4`.
    pub subject: String,
    pub reason: LossReason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LossReason {
    /// The CNIL model has no field for this question.
    NoCnilField,
    /// A question asked only under PRC law (PIPL, GB/T): the CNIL tool follows the GDPR.
    PrcOnly,
    /// A risk beyond the three fixed CNIL risks (another category, or a second risk of one).
    ExtraRisk { title: String },
    /// The GB/T 39335 impact dimensions: only their highest level travels, as the severity.
    GbtDimensions { highest: u8 },
    /// The risk's title travels as its "main threats" tag; a CNIL file without one names the
    /// risk by its category.
    RiskTitle,
    /// The CNIL verdict is yes or no: "favourable with conditions" goes as favourable.
    DpoConditions,
    /// A note: the CNIL format has none (its comments are discussion messages).
    Note,
    /// The sign-off record (attestations, fingerprint, date) has no CNIL field.
    SignOff,
    /// The signatory goes as the CNIL validator's name, which comes back as a note: a CNIL
    /// validator is not a DPO Desk signatory.
    Validator,
    /// Evidence files: the CNIL tool imports no attachments.
    Evidence { count: usize },
    /// Any other difference found by reading the exported file back.
    Changed,
}

/// The export's account of what stays behind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LossReport {
    pub items: Vec<Loss>,
}

impl LossReport {
    pub(crate) fn add(&mut self, subject: impl Into<String>, reason: LossReason) {
        let subject = subject.into();
        if !self
            .items
            .iter()
            .any(|l| l.subject == subject && l.reason == reason)
        {
            self.items.push(Loss { subject, reason });
        }
    }

    /// Whether something about `subject` (a question id, or its register rows) is reported.
    pub fn mentions(&self, subject: &str) -> bool {
        self.items
            .iter()
            .any(|l| l.subject == subject || l.subject.starts_with(&format!("{subject} ")))
    }

    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let mut lines = vec![match (lang, self.items.len()) {
            (Lang::En, 0) => "CNIL export: nothing lost".to_owned(),
            (Lang::Zh, 0) => "CNIL 导出：没有丢失任何内容".to_owned(),
            (Lang::En, n) => format!("CNIL export: {n} items the CNIL format cannot hold"),
            (Lang::Zh, n) => format!("CNIL 导出：{n} 项内容无法以 CNIL 格式保存"),
        }];
        for loss in &self.items {
            let why = match (&loss.reason, lang) {
                (LossReason::NoCnilField, Lang::En) => "the CNIL PIA has no question or field for this".to_owned(),
                (LossReason::NoCnilField, Lang::Zh) => "CNIL PIA 没有对应的问题或字段".to_owned(),
                (LossReason::PrcOnly, Lang::En) => "asked only under PRC law (PIPL, GB/T); the CNIL tool follows the GDPR and has no place for it".to_owned(),
                (LossReason::PrcOnly, Lang::Zh) => "仅依中国法（《个人信息保护法》、GB/T）提问；CNIL 工具按 GDPR 设计，没有对应位置".to_owned(),
                (LossReason::ExtraRisk { title }, Lang::En) => format!("\"{title}\": the CNIL model holds three fixed risks (access, modification, disappearance), one each"),
                (LossReason::ExtraRisk { title }, Lang::Zh) => format!("「{title}」：CNIL 模型只有三项固定风险（非法访问、篡改、丢失），各一项"),
                (LossReason::GbtDimensions { highest }, Lang::En) => format!("GB/T 39335 impact dimensions: exported only as severity {highest} (their highest), with the dimensions in the justification text"),
                (LossReason::GbtDimensions { highest }, Lang::Zh) => format!("GB/T 39335 影响维度：仅以其最高值作为严重程度 {highest} 导出，各维度写入理由文本"),
                (LossReason::RiskTitle, Lang::En) => "the title goes as the risk's \"main threats\" tag".to_owned(),
                (LossReason::RiskTitle, Lang::Zh) => "标题作为该风险的“主要威胁”标签导出".to_owned(),
                (LossReason::DpoConditions, Lang::En) => "\"favourable with conditions\" goes as favourable (the CNIL verdict is yes or no); put the conditions in the opinion text".to_owned(),
                (LossReason::DpoConditions, Lang::Zh) => "“附条件同意”按“同意”导出（CNIL 只有同意或不同意）；请把条件写入意见全文".to_owned(),
                (LossReason::Note, Lang::En) => "note not exported: the CNIL format has no notes (its comments are the tool's discussion messages)".to_owned(),
                (LossReason::Note, Lang::Zh) => "备注未导出：CNIL 格式没有备注（其评论是工具中的讨论消息）".to_owned(),
                (LossReason::SignOff, Lang::En) => "sign-off record (attestations, fingerprint, date) not exported; only the approved / rejected status travels".to_owned(),
                (LossReason::SignOff, Lang::Zh) => "签批记录（声明、指纹、日期）未导出；只导出批准或驳回状态".to_owned(),
                (LossReason::Validator, Lang::En) => "goes as the CNIL validator's name; read back, it is kept as a note, since a validator named in the CNIL tool has signed nothing in DPO Desk".to_owned(),
                (LossReason::Validator, Lang::Zh) => "作为 CNIL 验证人姓名导出；读回时保留为备注，因为 CNIL 工具中的验证人并未在 DPO Desk 中签批".to_owned(),
                (LossReason::Evidence { count }, Lang::En) => format!("{count} evidence file(s) not exported: the CNIL tool imports no attachments"),
                (LossReason::Evidence { count }, Lang::Zh) => format!("{count} 个证据文件未导出：CNIL 工具不导入附件"),
                (LossReason::Changed, Lang::En) => "changes when read back from the CNIL file".to_owned(),
                (LossReason::Changed, Lang::Zh) => "从 CNIL 文件读回时会发生变化".to_owned(),
            };
            lines.push(format!("  {}: {why}", loss.subject));
        }
        lines
    }
}
