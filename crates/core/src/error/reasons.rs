//! The parameters of errors that name a cause beyond one word: why a passphrase is weak, how the
//! audit chain is broken, why a custom template is refused, how a bundle is damaged or too new.
//! They live here, below every module that raises them, so `error` imports nothing but `i18n`;
//! the modules that raise them re-export them where their callers look.

use serde::Serialize;

use crate::i18n::Lang;

/// Why a passphrase was refused for a new vault: it is too easy to guess, and what makes it so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum WeakReason {
    TooGuessable { why: Guessable },
}

/// What makes a passphrase guessable, in our own words (sorted from the strength estimator's
/// warnings; its English text is never shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Guessable {
    /// A row or short pattern of keys (qwerty, asdf).
    KeyboardPattern,
    /// Repeated characters or groups (aaa, abcabc).
    Repeats,
    /// A run such as abc or 6543.
    Sequence,
    /// A common password, or one close to it.
    CommonPassword,
    /// A date or a recent year.
    Dates,
    /// One word on its own.
    SingleWord,
    /// Names or surnames on their own.
    Names,
    /// Nothing in particular: too short or too simple.
    Short,
}

impl WeakReason {
    /// The reason, worded for the user, with what to do about it.
    pub fn message(&self, lang: Lang) -> String {
        let WeakReason::TooGuessable { why } = self;
        let text = match (why, lang) {
            (Guessable::KeyboardPattern, Lang::En) => {
                "it follows a keyboard pattern (such as qwerty or asdf), which is easy to guess: use a few unrelated words instead"
            }
            (Guessable::KeyboardPattern, Lang::Zh) => {
                "它是键盘上的连续按键（如 qwerty、asdf），容易被猜到：请改用几个互不相关的词"
            }
            (Guessable::Repeats, Lang::En) => {
                "it repeats characters or groups (such as aaa or abcabc), which adds little: use a few unrelated words instead"
            }
            (Guessable::Repeats, Lang::Zh) => {
                "它重复了字符或字符组（如 aaa、abcabc），几乎不增加强度：请改用几个互不相关的词"
            }
            (Guessable::Sequence, Lang::En) => {
                "it contains a sequence (such as abc or 6543), which is easy to guess: leave out sequences and add another word"
            }
            (Guessable::Sequence, Lang::Zh) => {
                "它包含顺序字符（如 abc、6543），容易被猜到：请去掉顺序字符，再加一个词"
            }
            (Guessable::CommonPassword, Lang::En) => {
                "it is, or closely resembles, a commonly used password: choose a few unrelated words of your own"
            }
            (Guessable::CommonPassword, Lang::Zh) => {
                "它是或非常接近常用密码：请自选几个互不相关的词"
            }
            (Guessable::Dates, Lang::En) => {
                "it contains a date or a recent year, which is easy to guess: leave out dates and years that relate to you"
            }
            (Guessable::Dates, Lang::Zh) => {
                "它包含日期或近年的年份，容易被猜到：请不要使用与您相关的日期和年份"
            }
            (Guessable::SingleWord, Lang::En) => {
                "a single word on its own is easy to guess: add another word or two, uncommon ones are better"
            }
            (Guessable::SingleWord, Lang::Zh) => "单个词很容易被猜到：请再加一两个词，越不常见越好",
            (Guessable::Names, Lang::En) => {
                "names and surnames on their own are easy to guess: add another word or two that do not belong together"
            }
            (Guessable::Names, Lang::Zh) => "单独的姓名很容易被猜到：请再加一两个互不相关的词",
            (Guessable::Short, Lang::En) => {
                "it is too simple to resist guessing (too few characters, or too common ones): add another word or two, uncommon ones are better"
            }
            (Guessable::Short, Lang::Zh) => {
                "它太短或太简单，容易被猜到：请再加一两个词，越不常见越好"
            }
        };
        text.to_owned()
    }
}

/// How the chain is broken at the entry named by [`crate::Error::AuditBroken`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditBreak {
    /// The entry's fields no longer match its hash: it was edited.
    Altered,
    /// The entry does not follow the one before it: an entry was removed, inserted or moved.
    Unlinked,
    /// Entries are missing after this position: the tail was cut off.
    TailCut,
    /// The anchor disagrees with the log in another way (it was edited).
    AnchorMismatch,
}

/// Why a custom template is not used although it is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Its id is a bundled id and its version is not higher than the bundled one.
    NotNewerThanBundled {
        id: String,
        version: String,
        bundled_version: String,
    },
    /// Other files of the folder have the same id and the same version.
    SameVersion {
        id: String,
        version: String,
        others: Vec<String>,
    },
    /// Import only: the folder already has this id at this or a higher version, which would stay
    /// in use.
    NotNewerThanCustom {
        id: String,
        version: String,
        file: String,
        custom_version: String,
    },
    /// Import only: the folder already has a file of that name.
    FileExists { file: String },
}

impl Refusal {
    /// What was refused and what to do, in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Refusal::NotNewerThanBundled {
                    id,
                    version,
                    bundled_version,
                },
                Lang::En,
            ) => format!(
                "custom {id} {version} is not newer than bundled {id} {bundled_version}, so the bundled one stays in use: to replace it, raise the version above {bundled_version}; to keep both, give the custom template a new id"
            ),
            (
                Refusal::NotNewerThanBundled {
                    id,
                    version,
                    bundled_version,
                },
                Lang::Zh,
            ) => format!(
                "自定义模板 {id} {version} 的版本不高于内置模板 {id} {bundled_version}，因此仍使用内置模板：如要替换，请将版本提高到 {bundled_version} 以上；如要两者并存，请为自定义模板另取一个标识"
            ),
            (
                Refusal::SameVersion {
                    id,
                    version,
                    others,
                },
                Lang::En,
            ) => format!(
                "{id} {version} is also in {}: files with one id and one version conflict, so none of them is used; raise the version of the one you mean, or remove the others",
                others.join(", ")
            ),
            (
                Refusal::SameVersion {
                    id,
                    version,
                    others,
                },
                Lang::Zh,
            ) => format!(
                "{} 中也有 {id} {version}：标识和版本都相同的文件互相冲突，均不使用；请提高要使用的那个文件的版本，或删除其余文件",
                others.join("、")
            ),
            (
                Refusal::NotNewerThanCustom {
                    id,
                    version,
                    file,
                    custom_version,
                },
                Lang::En,
            ) => format!(
                "the template folder already has {id} {custom_version} ({file}), which would stay in use instead of {version}: raise the version above {custom_version}, or give the template a new id"
            ),
            (
                Refusal::NotNewerThanCustom {
                    id,
                    version,
                    file,
                    custom_version,
                },
                Lang::Zh,
            ) => format!(
                "模板文件夹中已有 {id} {custom_version}（{file}），导入的 {version} 不会被使用：请将版本提高到 {custom_version} 以上，或为模板另取一个标识"
            ),
            (Refusal::FileExists { file }, Lang::En) => format!(
                "the template folder already has a file named {file}; it was not overwritten: rename or remove that file first"
            ),
            (Refusal::FileExists { file }, Lang::Zh) => {
                format!("模板文件夹中已有名为 {file} 的文件，未覆盖：请先重命名或删除该文件")
            }
        }
    }
}

/// How a bundle is damaged ([`crate::Error::BundleDamaged`]), worded in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// The file does not start with the bundle magic.
    NotABundle,
    /// The file ends inside its header.
    HeaderCut,
    /// An unknown key derivation, or costs outside what an import accepts.
    BadHeader,
    /// An encrypted segment fails its check: altered, reordered, or the file was cut short.
    Segment { index: u64 },
    /// The decrypted stream is not laid out as a bundle is (frames missing, extra or too long).
    Layout,
    /// The manifest is not a bundle manifest, or its rows contradict each other.
    Inconsistent(String),
    /// An audit entry no longer matches its own hash.
    AuditEntry { position: u64 },
    /// The audit entries do not chain to the head the bundle names.
    AuditHead,
    /// An evidence file's or report's bytes do not match their recorded SHA-256 or size.
    Blob { id: String },
}

impl Damage {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Damage::NotABundle, Lang::En) => {
                "it is not a DPO Desk bundle: choose the .dpodesk file that was exported".to_owned()
            }
            (Damage::NotABundle, Lang::Zh) => {
                "该文件不是 DPO Desk 事项包：请选择导出的 .dpodesk 文件".to_owned()
            }
            (Damage::HeaderCut, Lang::En) => "the file ends inside its header".to_owned(),
            (Damage::HeaderCut, Lang::Zh) => "文件在文件头处就已结束".to_owned(),
            (Damage::BadHeader, Lang::En) => {
                "its header names an unknown or out-of-range key derivation".to_owned()
            }
            (Damage::BadHeader, Lang::Zh) => "文件头中的密钥派生方式未知或参数超出范围".to_owned(),
            (Damage::Segment { index }, Lang::En) => format!(
                "encrypted segment {} fails its check: the file was altered or cut short",
                index + 1
            ),
            (Damage::Segment { index }, Lang::Zh) => {
                format!("第 {} 个加密分段校验失败：文件被改动过或不完整", index + 1)
            }
            (Damage::Layout, Lang::En) => {
                "its decrypted contents are not laid out as a bundle".to_owned()
            }
            (Damage::Layout, Lang::Zh) => "解密后的内容不符合事项包的结构".to_owned(),
            (Damage::Inconsistent(what), Lang::En) => {
                format!("its contents contradict each other: {what}")
            }
            (Damage::Inconsistent(what), Lang::Zh) => format!("其内容前后矛盾：{what}"),
            (Damage::AuditEntry { position }, Lang::En) => {
                format!("audit entry {position} no longer matches its hash")
            }
            (Damage::AuditEntry { position }, Lang::Zh) => {
                format!("第 {position} 条审计记录与其哈希不符")
            }
            (Damage::AuditHead, Lang::En) => {
                "its audit entries do not chain to the head it names".to_owned()
            }
            (Damage::AuditHead, Lang::Zh) => "其审计记录无法衔接到所记载的链头".to_owned(),
            (Damage::Blob { id }, Lang::En) => {
                format!("the bytes of file {id} do not match their SHA-256")
            }
            (Damage::Blob { id }, Lang::Zh) => format!("文件 {id} 的内容与其 SHA-256 不符"),
        }
    }
}

/// Why a bundle is too new for this build ([`crate::Error::BundleTooNew`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Newer {
    /// A newer bundle format.
    Format { found: u16, known: u16 },
    /// A vault schema with a column this build does not have.
    Schema {
        found: u32,
        known: u32,
        table: String,
        column: String,
    },
}

impl Newer {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Newer::Format { found, known }, Lang::En) => {
                format!("bundle format {found}; this version reads up to {known}")
            }
            (Newer::Format { found, known }, Lang::Zh) => {
                format!("事项包格式 {found}；本版本最高支持 {known}")
            }
            (
                Newer::Schema {
                    found,
                    known,
                    table,
                    column,
                },
                Lang::En,
            ) => format!(
                "vault schema {found} with {table}.{column}; this version knows schema {known}"
            ),
            (
                Newer::Schema {
                    found,
                    known,
                    table,
                    column,
                },
                Lang::Zh,
            ) => format!("保险库结构版本 {found}，含 {table}.{column}；本版本支持结构版本 {known}"),
        }
    }
}

/// A matter table's name in the reader's language (for [`crate::Error::BundleConflict`]).
pub fn table_name(table: &str, lang: Lang) -> &str {
    let (zh, en) = match table {
        "clients" => ("客户", "client"),
        "data_sources" => ("数据来源", "data source"),
        "vendors" => ("供应商", "vendor"),
        "assessments" => ("评估", "assessment"),
        "assessment_links" => ("评估关联", "assessment link"),
        "answers" => ("答案", "answer"),
        "signoffs" => ("签署记录", "sign-off"),
        "actions" => ("整改措施", "action"),
        "evidence" => ("证据文件", "evidence file"),
        "reports" => ("报告", "report"),
        "comments" => ("评论", "comment"),
        "audit_log" => ("审计记录", "audit entry"),
        other => (other, other),
    };
    lang.pick(zh, en)
}
