//! The crate's one error type. Each variant is a case a door treats differently (fix the
//! connection string, fix a file's permissions, ask for the password again, call the firm's IT);
//! `message(lang)` words it in Chinese or English, side by side so the two never drift.

use std::path::PathBuf;

use dpodesk_core::i18n::Lang;

/// Result with the team [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong reaching the team database, worded for the person connecting.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A password written into the connection string would end up in shell history, process
    /// lists and the remembered connection.
    #[error(
        "the connection string contains a password: remove it, and give the password through PGPASSWORD, ~/.pgpass or the prompt"
    )]
    PasswordInConnInfo,

    #[error("the connection string cannot be read: {detail}")]
    ConnInfoSyntax { detail: String },

    /// A parameter this client does not honour: refused rather than silently ignored.
    #[error("the connection parameter \"{key}\" is not supported here: remove it")]
    UnsupportedParameter { key: String },

    #[error("give one host in the connection string (\"{hosts}\" lists several)")]
    MultipleHosts { hosts: String },

    /// `sslmode=disable|allow|prefer` to a network host could send the password and the data in
    /// clear text.
    #[error(
        "sslmode={mode} would allow an unencrypted connection to {host}: remove sslmode (certificates are always verified)"
    )]
    InsecureSslMode { mode: String, host: String },

    #[error(
        "sslmode=\"{mode}\" is not a known mode: use verify-full (the default), verify-ca or require"
    )]
    UnknownSslMode { mode: String },

    #[error("\"{value}\" is not a valid {key}")]
    BadValue { key: &'static str, value: String },

    /// libpq ignores such a file with a warning; we say why the password was not found.
    #[error(
        "the password file {} can be read by other users (mode {mode:o}): run chmod 600 on it",
        .path.display()
    )]
    PassfileTooOpen { path: PathBuf, mode: u32 },

    #[error("cannot read the password file {}: {detail}", .path.display())]
    PassfileUnreadable { path: PathBuf, detail: String },

    /// The server asked for a password and none was given (no PGPASSWORD, no matching
    /// ~/.pgpass line, the prompt declined).
    #[error("the server asks for {user}'s password and none was given")]
    PasswordNeeded { user: String },

    #[error("the server refused the user name or password of {user}")]
    AuthenticationFailed { user: String },

    #[error("cannot read the root certificate {}: {detail}", .path.display())]
    RootCertUnreadable { path: PathBuf, detail: String },

    /// The server's certificate failed verification: an unknown authority, or a certificate
    /// for another host name. Never connected anyway.
    #[error(
        "the certificate of {host} was refused ({reason}): check sslrootcert and the host name"
    )]
    CertificateRefused { host: String, reason: String },

    #[error("the server {host} does not offer TLS: the firm's administrator must enable it")]
    TlsUnavailable { host: String },

    #[error("cannot connect to {host}: {detail}")]
    Connect { host: String, detail: String },
}

impl Error {
    /// The message in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Error::PasswordInConnInfo => {
                "连接字符串中含有密码：请删除，改用 PGPASSWORD、~/.pgpass 或输入提示提供密码"
                    .to_owned()
            }
            Error::ConnInfoSyntax { detail } => format!("无法读取连接字符串：{detail}"),
            Error::UnsupportedParameter { key } => {
                format!("此处不支持连接参数“{key}”：请删除")
            }
            Error::MultipleHosts { hosts } => {
                format!("连接字符串只能指定一个主机（“{hosts}”列出了多个）")
            }
            Error::InsecureSslMode { mode, host } => format!(
                "sslmode={mode} 允许与 {host} 建立未加密的连接：请删除 sslmode（证书始终会被验证）"
            ),
            Error::UnknownSslMode { mode } => format!(
                "sslmode=“{mode}”不是已知模式：请使用 verify-full（默认）、verify-ca 或 require"
            ),
            Error::BadValue { key, value } => format!("“{value}”不是有效的 {key}"),
            Error::PassfileTooOpen { path, mode } => format!(
                "密码文件 {} 可被其他用户读取（权限 {mode:o}）：请对其执行 chmod 600",
                path.display()
            ),
            Error::PassfileUnreadable { path, detail } => {
                format!("无法读取密码文件 {}：{detail}", path.display())
            }
            Error::PasswordNeeded { user } => {
                format!("服务器要求提供 {user} 的密码，但未提供密码")
            }
            Error::AuthenticationFailed { user } => {
                format!("服务器拒绝了 {user} 的用户名或密码")
            }
            Error::RootCertUnreadable { path, detail } => {
                format!("无法读取根证书 {}：{detail}", path.display())
            }
            Error::CertificateRefused { host, reason } => {
                format!("{host} 的证书未通过验证（{reason}）：请检查 sslrootcert 和主机名")
            }
            Error::TlsUnavailable { host } => {
                format!("服务器 {host} 不提供 TLS：须由事务所管理员启用")
            }
            Error::Connect { host, detail } => format!("无法连接到 {host}：{detail}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_reads_in_both_languages() {
        let all = [
            Error::PasswordInConnInfo,
            Error::ConnInfoSyntax { detail: "x".into() },
            Error::UnsupportedParameter {
                key: "sslcert".into(),
            },
            Error::MultipleHosts {
                hosts: "a,b".into(),
            },
            Error::InsecureSslMode {
                mode: "prefer".into(),
                host: "db".into(),
            },
            Error::UnknownSslMode {
                mode: "maybe".into(),
            },
            Error::BadValue {
                key: "port",
                value: "x".into(),
            },
            Error::PassfileTooOpen {
                path: "/p".into(),
                mode: 0o644,
            },
            Error::PassfileUnreadable {
                path: "/p".into(),
                detail: "x".into(),
            },
            Error::PasswordNeeded { user: "ann".into() },
            Error::AuthenticationFailed { user: "ann".into() },
            Error::RootCertUnreadable {
                path: "/c".into(),
                detail: "x".into(),
            },
            Error::CertificateRefused {
                host: "db".into(),
                reason: "x".into(),
            },
            Error::TlsUnavailable { host: "db".into() },
            Error::Connect {
                host: "db".into(),
                detail: "x".into(),
            },
        ];
        for error in &all {
            let zh = error.message(Lang::Zh);
            let en = error.message(Lang::En);
            assert_ne!(zh, en, "{error:?}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(en.is_ascii(), "{en}");
        }
        assert!(
            Error::PassfileTooOpen {
                path: "/p".into(),
                mode: 0o644
            }
            .message(Lang::En)
            .contains("644")
        );
    }
}
