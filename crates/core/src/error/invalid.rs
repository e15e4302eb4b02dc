//! Why an input was refused: each reason worded in both languages, with the field's name.

use crate::i18n::Lang;

/// Why an input was refused ([`Error::InvalidInput`]); each reason is worded in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// Blank after trimming.
    Empty,
    /// A one-line field holds a line break or another control character.
    NotOneLine,
    /// Not a calendar date written as YYYY-MM-DD.
    Date { value: String },
    /// Not one of the action statuses.
    Status { value: String },
    /// Not a channel code (letters, digits, `-`, `_`; at most 16).
    ChannelCode { value: String },
    /// The client is archived, so nothing new may be filed under it.
    ClientArchived,
    /// An action names neither a client nor an assessment.
    NoSubject,
    /// The assessment given belongs to a different client than the one given.
    ClientMismatch,
    /// Only a draft assessment can be answered or submitted.
    NotDraft,
    /// Only an assessment in review can be signed off.
    NotInReview,
    /// Only an approved or rejected assessment can be re-opened.
    NotSignedOff,
    /// This version already has a newer one.
    AlreadyReopened,
    /// Approval without all four attestations.
    Attestations,
    /// Approval while decisive points are open, without choosing "with reservations".
    ReservationsNotChosen { open: usize },
    /// A PIA links only to data-source and vendor assessments.
    NotLinkable,
    /// A link between two kinds that do not rest on each other (a PIA takes data-source, vendor
    /// and transfer assessments; a data-source or vendor assessment takes a transfer assessment).
    LinkKinds,
    /// A link to an assessment of another client: a matter rests only on its own client's work.
    LinkOtherClient,
    /// A link from a version in review or signed off, whose content must not change.
    LinkNotDraft,
    /// A link that is already there.
    AlreadyLinked,
    /// A link to a version that was re-opened: its newest version is the one to rely on.
    LinkSuperseded,
    /// A client memo over a client with no current data-source assessment.
    NoChannels,
    /// A file larger than the attachment limit.
    TooLarge { size: u64, max: u64 },
    /// A bundle carries one client's matter, and this assessment (linked or re-opened from one of
    /// the matter's) is filed under another client.
    OtherClient { id: String },
    /// A number outside the range the setting accepts.
    OutOfRange { min: i64, max: i64 },
    /// Only a PIA (from a PIA template) goes to or from the CNIL PIA format.
    NotPia,
    /// An erasure's confirmation is not the client's exact name.
    ConfirmationMismatch,
    /// Erasing the matter would leave an assessment of another client relying on it.
    ReliedOnElsewhere { id: String },
    /// A signed-off PIA's keep-until date before its legal minimum (PIPL Art. 56(2): three years
    /// from approval, or longer where its answers ask).
    KeepUntilBeforeMinimum { minimum: String },
    /// Auto-lock set to 0 minutes, as if it could be turned off; it cannot.
    AutoLockOff { max: i64 },
    /// A sign-off names no signer and the vault has no profile to take the name from.
    NoSigner,
    /// The finding already has an action, and a second one was not asked for on purpose.
    FindingHasAction { title: String },
    /// A comment added to or resolved on a signed-off or superseded version: comments belong to
    /// a draft or a version in review (a re-opened version carries the open ones on).
    CommentsClosed,
    /// The comment was resolved already.
    CommentResolved,
}

impl Invalid {
    /// The whole sentence for `field` refused for this reason, in the reader's language.
    pub fn message(&self, field: &str, lang: Lang) -> String {
        let label = field_label(field, lang);
        match (self, lang) {
            (Invalid::Empty, Lang::En) => format!("the {label} must not be empty: fill it in"),
            (Invalid::Empty, Lang::Zh) => format!("{label}不能为空：请填写"),
            (Invalid::NotOneLine, Lang::En) => {
                format!("the {label} must be a single line: remove the line breaks")
            }
            (Invalid::NotOneLine, Lang::Zh) => format!("{label}只能是一行：请删除换行符"),
            (Invalid::Date { value }, Lang::En) => format!(
                "the {label} \"{value}\" is not a valid date: write it as YYYY-MM-DD, e.g. 2026-03-31"
            ),
            (Invalid::Date { value }, Lang::Zh) => format!(
                "{label}「{value}」不是有效日期：请按 YYYY-MM-DD 格式填写，例如 2026-03-31"
            ),
            (Invalid::Status { value }, Lang::En) => format!(
                "the status \"{value}\" is unknown: use open, in_progress, done or dropped"
            ),
            (Invalid::Status { value }, Lang::Zh) => {
                format!("状态「{value}」无效：请使用 open、in_progress、done 或 dropped")
            }
            (Invalid::ChannelCode { value }, Lang::En) => format!(
                "the channel code \"{value}\" is not a code: use up to 16 letters, digits, - or _ (e.g. EC, QR, WEB)"
            ),
            (Invalid::ChannelCode { value }, Lang::Zh) => format!(
                "渠道代码「{value}」格式不正确：请使用不超过 16 个字母、数字、- 或 _（例如 EC、QR、WEB）"
            ),
            (Invalid::ClientArchived, Lang::En) => {
                "the client is archived: unarchive it first".to_owned()
            }
            (Invalid::ClientArchived, Lang::Zh) => "该客户已归档：请先取消归档".to_owned(),
            (Invalid::NoSubject, Lang::En) => {
                "an action needs a client or an assessment: give at least one".to_owned()
            }
            (Invalid::NoSubject, Lang::Zh) => {
                "整改措施须关联客户或评估：请至少指定其中一项".to_owned()
            }
            (Invalid::ClientMismatch, Lang::En) => {
                "the assessment belongs to another client: give that client, or leave the client out"
                    .to_owned()
            }
            (Invalid::ClientMismatch, Lang::Zh) => {
                "该评估属于另一位客户：请指定该客户，或不指定客户".to_owned()
            }
            (Invalid::NotDraft, Lang::En) => "only a draft assessment can be answered or submitted: re-open a signed-off one as a new version".to_owned(),
            (Invalid::NotDraft, Lang::Zh) => "只有草稿状态的评估可以作答或提交：已签署的评估请重新开启为新版本".to_owned(),
            (Invalid::NotInReview, Lang::En) => "only an assessment in review can be signed off: submit it for review first".to_owned(),
            (Invalid::NotInReview, Lang::Zh) => "只有审阅中的评估可以签署：请先提交审阅".to_owned(),
            (Invalid::NotSignedOff, Lang::En) => "only an approved or rejected assessment can be re-opened; a draft can simply be edited".to_owned(),
            (Invalid::NotSignedOff, Lang::Zh) => "只有已批准或已驳回的评估可以重新开启；草稿可直接修改".to_owned(),
            (Invalid::AlreadyReopened, Lang::En) => "this version was already re-opened: work on its newest version".to_owned(),
            (Invalid::AlreadyReopened, Lang::Zh) => "该版本已被重新开启：请在其最新版本上继续".to_owned(),
            (Invalid::Attestations, Lang::En) => "approval needs all four attestations: the described processing is accurate; the risks are understood given the measures; the corrective actions are endorsed; their implementation is committed to (keys: processing_accurate, risks_understood, actions_endorsed, implementation_committed)".to_owned(),
            (Invalid::Attestations, Lang::Zh) => "批准须作出全部四项声明：所述处理活动准确无误；已在考虑措施的前提下理解相关风险；认可整改措施；承诺落实整改（标识：processing_accurate、risks_understood、actions_endorsed、implementation_committed）".to_owned(),
            (Invalid::NotLinkable, Lang::En) => "a PIA can link only to data-source and vendor assessments".to_owned(),
            (Invalid::NotLinkable, Lang::Zh) => "影响评估只能关联数据来源评估和供应商评估".to_owned(),
            (Invalid::LinkKinds, Lang::En) => "these two assessments cannot be linked: a PIA links to data-source, vendor and transfer assessments, and a data-source or vendor assessment links only to a transfer assessment".to_owned(),
            (Invalid::LinkKinds, Lang::Zh) => "这两项评估不能关联：影响评估可关联数据来源评估、供应商评估和跨境传输评估；数据来源评估或供应商评估只能关联跨境传输评估".to_owned(),
            (Invalid::LinkOtherClient, Lang::En) => "the assessment to link is filed under another client: an assessment can rely only on its own client's assessments; link one of this client's, or start one for it".to_owned(),
            (Invalid::LinkOtherClient, Lang::Zh) => "要关联的评估归属于另一位客户：评估只能依赖本客户的评估；请关联本客户的评估，或为本客户新建一项".to_owned(),
            (Invalid::LinkNotDraft, Lang::En) => "this version is in review or signed off, so what it rests on cannot change: re-open it as a new version and link there".to_owned(),
            (Invalid::LinkNotDraft, Lang::Zh) => "该版本正在审阅或已签署，其所依据的评估不能再更改：请将其重新开启为新版本，并在新版本中关联".to_owned(),
            (Invalid::AlreadyLinked, Lang::En) => "these two assessments are already linked: nothing changed".to_owned(),
            (Invalid::AlreadyLinked, Lang::Zh) => "这两项评估已经关联：未作任何更改".to_owned(),
            (Invalid::LinkSuperseded, Lang::En) => "a newer version of the assessment to link exists: link its newest version".to_owned(),
            (Invalid::LinkSuperseded, Lang::Zh) => "要关联的评估已有更新的版本：请关联其最新版本".to_owned(),
            (Invalid::ReservationsNotChosen { open }, Lang::En) => format!(
                "{open} decisive point(s) to verify are still open: answer them first, or approve with reservations so that they are recorded with the sign-off and printed as reservations"
            ),
            (Invalid::ReservationsNotChosen { open }, Lang::Zh) => format!(
                "仍有 {open} 项决定性待核实事项未回答：请先回答，或选择附保留意见批准，这些事项将随签批记录并在报告中列为保留意见"
            ),
            (Invalid::NoChannels, Lang::En) => "the client has no data-source assessment yet, so there is nothing for a memo to cover: assess a channel first".to_owned(),
            (Invalid::NoChannels, Lang::Zh) => "该客户尚无数据来源评估，备忘录无可涵盖的渠道：请先评估一个渠道".to_owned(),
            (Invalid::TooLarge { size, max }, Lang::En) => format!(
                "the file is {} MB; attachments are limited to {} MB: attach a smaller extract or a summary",
                size / 1_048_576,
                max / 1_048_576
            ),
            (Invalid::OtherClient { id }, Lang::En) => format!(
                "the matter relies on assessment {id}, which is filed under another client: a bundle carries one client's matter, so export that client's matter separately or file the assessment under this client"
            ),
            (Invalid::OtherClient { id }, Lang::Zh) => format!(
                "该事项依赖评估 {id}，而它归属于另一位客户：一个事项包只包含一位客户的事项，请另行导出该客户的事项，或将该评估归入本客户"
            ),
            (Invalid::TooLarge { size, max }, Lang::Zh) => format!(
                "该文件为 {} MB，附件上限为 {} MB：请附上较小的摘录或摘要",
                size / 1_048_576,
                max / 1_048_576
            ),
            (Invalid::OutOfRange { min, max }, Lang::En) => {
                format!("the {label} must be a whole number from {min} to {max}")
            }
            (Invalid::OutOfRange { min, max }, Lang::Zh) => {
                format!("{label}须为 {min} 至 {max} 之间的整数")
            }
            (Invalid::NotPia, Lang::En) => "only a PIA can be exported to or imported from the CNIL PIA format: choose a PIA assessment".to_owned(),
            (Invalid::NotPia, Lang::Zh) => "只有个人信息保护影响评估（PIA）可以与 CNIL PIA 格式互相导入导出：请选择一项 PIA 评估".to_owned(),
            (Invalid::ConfirmationMismatch, Lang::En) => "the confirmation does not match the client's exact name: nothing was erased; type the name exactly as the client list shows it".to_owned(),
            (Invalid::ConfirmationMismatch, Lang::Zh) => "确认内容与客户名称不完全一致：未删除任何内容；请按客户列表所示原样输入名称".to_owned(),
            (Invalid::ReliedOnElsewhere { id }, Lang::En) => format!(
                "assessment {id} of another client relies on this matter: nothing was erased; remove that link or erase that matter first"
            ),
            (Invalid::ReliedOnElsewhere { id }, Lang::Zh) => format!(
                "另一位客户的评估 {id} 依赖于该事项：未删除任何内容；请先解除该关联或先删除那个事项"
            ),
            (Invalid::KeepUntilBeforeMinimum { minimum }, Lang::En) => format!(
                "a signed-off PIA must be kept until at least {minimum} (three years from approval under PIPL Art. 56, or the longer period its answers set): choose that date or a later one"
            ),
            (Invalid::KeepUntilBeforeMinimum { minimum }, Lang::Zh) => format!(
                "已签署的个人信息保护影响评估须至少保存至 {minimum}（依《个人信息保护法》第五十六条，自批准之日起至少三年，或其答案所定的更长期限）：请选择该日期或更晚的日期"
            ),
            (Invalid::AutoLockOff { max }, Lang::En) => format!(
                "auto-lock cannot be turned off: a vault left unlocked is open to anyone at this computer; choose from 1 to {max} minutes"
            ),
            (Invalid::AutoLockOff { max }, Lang::Zh) => format!(
                "自动锁定不能关闭：未锁定的保险库，任何使用这台电脑的人都能打开；请选择 1 至 {max} 分钟"
            ),
            (Invalid::NoSigner, Lang::En) => "a sign-off needs the signer's name, and no profile is set to take it from: give the name, or record your profile (name, role, organisation) first".to_owned(),
            (Invalid::NoSigner, Lang::Zh) => "签署须写明签署人姓名，而尚未设置个人资料可供采用：请填写姓名，或先录入个人资料（姓名、职务、机构）".to_owned(),
            (Invalid::FindingHasAction { title }, Lang::En) => format!(
                "this finding already has an action (\"{title}\"): open that one, or choose \"add another action\" to add a second on purpose"
            ),
            (Invalid::FindingHasAction { title }, Lang::Zh) => format!(
                "该发现项已有整改措施（「{title}」）：请打开该措施，或选择“再添加一项措施”以有意添加第二项"
            ),
            (Invalid::CommentsClosed, Lang::En) => "comments are taken only on a draft or a version in review; this version is signed off or superseded: comment on its newest version (re-open it first if needed)".to_owned(),
            (Invalid::CommentsClosed, Lang::Zh) => "只能在草稿或审阅中的版本上添加或处理审阅意见；该版本已签署或已被新版本取代：请在其最新版本上进行（如有需要请先重新开启）".to_owned(),
            (Invalid::CommentResolved, Lang::En) => "this comment is already resolved: it stays listed as resolved".to_owned(),
            (Invalid::CommentResolved, Lang::Zh) => "该审阅意见已处理：它会继续以“已处理”状态列出".to_owned(),
        }
    }
}

/// How a field is called in messages; an unknown field is shown by its API name.
fn field_label(field: &str, lang: Lang) -> &str {
    let (zh, en) = match field {
        "name" => ("名称", "name"),
        "matter" => ("事项", "matter"),
        "contact" => ("联系人", "contact"),
        "notes" | "note" => ("备注", "note"),
        "channel" => ("渠道代码", "channel code"),
        "platform" => ("消息平台", "messaging platform"),
        "country" => ("国家或地区", "country"),
        "service" => ("服务", "service"),
        "next_review" => ("下次复核日期", "next review date"),
        "due_date" => ("截止日期", "due date"),
        "due_by" => ("复核截止日期", "due-by date"),
        "date" => ("日期", "date"),
        "title" => ("标题", "title"),
        "owner" => ("负责人", "owner"),
        "finding_id" => ("发现项", "finding"),
        "status" => ("状态", "status"),
        "client" => ("客户", "client"),
        "assessment" => ("评估", "assessment"),
        "role" => ("职务", "role"),
        "attestations" => ("声明", "attestations"),
        "reservations" => ("保留意见", "reservations"),
        "link" => ("关联", "link"),
        "evidence" => ("证据文件", "evidence file"),
        "firm" => ("机构", "firm"),
        "auto_lock_minutes" => ("自动锁定时间（分钟）", "auto-lock time in minutes"),
        "template_folder" => ("模板文件夹", "template folder"),
        "confirm" => ("确认名称", "confirmation"),
        "keep_until" => ("保存期限", "keep-until date"),
        "comment" => ("审阅意见", "comment"),
        other => (other, other),
    };
    lang.pick(zh, en)
}
