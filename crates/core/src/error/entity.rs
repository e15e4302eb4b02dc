//! The kinds of record an error can be about, named in the reader's language.

use crate::i18n::Lang;

/// What kind of record a [`super::Error::NotFound`], [`super::Error::Ambiguous`] or
/// [`super::Error::Stale`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Client,
    DataSource,
    Vendor,
    Action,
    Assessment,
    EvidenceSlot,
    Question,
    Comment,
    /// An answer to one question (a stale save names it).
    Answer,
    /// A client's or an assessment's keep-until date (a stale date names it).
    KeepUntil,
    /// A row of another kind (a stale save of something not named above).
    Entry,
}

impl Entity {
    /// The entity's name in the reader's language.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Entity::Client => lang.pick("客户", "client"),
            Entity::DataSource => lang.pick("数据来源", "data source"),
            Entity::Vendor => lang.pick("供应商", "vendor"),
            Entity::Action => lang.pick("整改措施", "action"),
            Entity::Assessment => lang.pick("评估", "assessment"),
            Entity::EvidenceSlot => lang.pick("证据栏（证据类问题）", "evidence question"),
            Entity::Question => lang.pick("问题", "question"),
            Entity::Comment => lang.pick("审阅意见", "comment"),
            Entity::Answer => lang.pick("答复", "answer"),
            Entity::KeepUntil => lang.pick("保存期限", "keep-until date"),
            Entity::Entry => lang.pick("条目", "entry"),
        }
    }
}
