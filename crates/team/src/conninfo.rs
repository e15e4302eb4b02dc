//! Reading a connection string the way libpq writes them — `key=value` pairs
//! (`host=db.firm.example dbname=dpo user=ann`) or a URI
//! (`postgresql://ann@db.firm.example:5432/dpo?sslrootcert=/etc/ca.pem`) — into its parameters.
//! It only reads; what the parameters may say is `target`'s job. A password is refused here,
//! wherever it hides (a `password` key, or `user:password@` in a URI).

use crate::error::{Error, Result};

/// The parameters of a connection string, in the order written (a later one wins, as in libpq).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConnInfo {
    params: Vec<(String, String)>,
}

impl ConnInfo {
    /// Reads `text` as a URI when it starts with `postgresql://` or `postgres://`, else as
    /// `key=value` pairs.
    pub fn parse(text: &str) -> Result<ConnInfo> {
        let trimmed = text.trim();
        let info = match ["postgresql://", "postgres://"]
            .iter()
            .find_map(|scheme| trimmed.strip_prefix(scheme))
        {
            Some(rest) => parse_uri(rest)?,
            None => parse_pairs(trimmed)?,
        };
        if info.params.iter().any(|(key, _)| key == "password") {
            return Err(Error::PasswordInConnInfo);
        }
        Ok(info)
    }

    /// The value of `key`, the last one written when given twice.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every key given, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.params.iter().map(|(k, _)| k.as_str())
    }

    /// Names the user to log in as, over any `user` written before.
    pub fn set_user(&mut self, user: &str) {
        self.push("user", user.to_owned());
    }

    fn push(&mut self, key: &str, value: String) {
        self.params.push((key.to_owned(), value));
    }
}

fn syntax(detail: impl Into<String>) -> Error {
    Error::ConnInfoSyntax {
        detail: detail.into(),
    }
}

/// `key = value` pairs separated by white space; a value may be single-quoted, and a backslash
/// escapes the next character (libpq's rules).
fn parse_pairs(text: &str) -> Result<ConnInfo> {
    let mut info = ConnInfo::default();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(info);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            return Err(syntax(format!("\"{key}\" has no \"=\" after it")));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            loop {
                match chars.next() {
                    None => {
                        return Err(syntax(format!(
                            "the quoted value of \"{key}\" is not closed"
                        )));
                    }
                    Some('\'') => break,
                    Some('\\') => value.extend(chars.next()),
                    Some(c) => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                if c == '\\' {
                    value.extend(chars.next());
                } else {
                    value.push(c);
                }
            }
        }
        info.push(&key, value);
    }
}

/// `[user[:password]@][host][:port][/dbname][?key=value&…]`, percent-encoded.
fn parse_uri(rest: &str) -> Result<ConnInfo> {
    let mut info = ConnInfo::default();
    let (main, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = main.split_once('/').unwrap_or((main, ""));
    let hostspec = match authority.rsplit_once('@') {
        Some((userinfo, hostspec)) => {
            if userinfo.contains(':') {
                return Err(Error::PasswordInConnInfo);
            }
            if !userinfo.is_empty() {
                info.push("user", decode(userinfo)?);
            }
            hostspec
        }
        None => authority,
    };
    if !hostspec.is_empty() {
        let (host, port) = split_host_port(hostspec)?;
        if !host.is_empty() {
            info.push("host", decode(host)?);
        }
        if let Some(port) = port {
            info.push("port", decode(port)?);
        }
    }
    if !path.is_empty() {
        info.push("dbname", decode(path)?);
    }
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| syntax(format!("\"{pair}\" has no \"=\"")))?;
        info.push(&decode(key)?, decode(value)?);
    }
    Ok(info)
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`. Several hosts (commas) are left whole for the
/// caller to refuse.
fn split_host_port(spec: &str) -> Result<(&str, Option<&str>)> {
    if let Some(inner) = spec.strip_prefix('[') {
        let (host, after) = inner
            .split_once(']')
            .ok_or_else(|| syntax("an IPv6 address in [ ] is not closed"))?;
        return Ok(match after.strip_prefix(':') {
            Some(port) => (host, Some(port)),
            None => (host, None),
        });
    }
    Ok(match spec.rsplit_once(':') {
        Some((host, port)) if !spec.contains(',') => (host, Some(port)),
        _ => (spec, None),
    })
}

fn decode(text: &str) -> Result<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| syntax(format!("bad percent-encoding in \"{text}\"")))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| syntax(format!("\"{text}\" is not UTF-8 once decoded")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(info: &ConnInfo) -> Vec<(String, String)> {
        info.params.clone()
    }

    #[test]
    fn key_value_pairs_with_quotes_and_escapes() {
        let info = ConnInfo::parse(
            r"host=db.firm.example  dbname = 'dpo desk' user=o\'neil application_name='a\'b'",
        )
        .expect("parses");
        assert_eq!(info.get("host"), Some("db.firm.example"));
        assert_eq!(info.get("dbname"), Some("dpo desk"));
        assert_eq!(info.get("user"), Some("o'neil"));
        assert_eq!(info.get("application_name"), Some("a'b"));
        assert!(matches!(
            ConnInfo::parse("host=db dbname='open"),
            Err(Error::ConnInfoSyntax { .. })
        ));
        assert!(matches!(
            ConnInfo::parse("host"),
            Err(Error::ConnInfoSyntax { .. })
        ));
    }

    #[test]
    fn a_user_set_after_parsing_wins_over_the_string() {
        let mut info = ConnInfo::parse("postgresql://ann@db.firm.example/dpo").expect("parses");
        info.set_user("bo");
        assert_eq!(info.get("user"), Some("bo"));
        assert_eq!(info.get("host"), Some("db.firm.example"));
    }

    #[test]
    fn uris_are_percent_decoded() {
        let info = ConnInfo::parse("postgresql://ann%40firm@db.firm.example:6432/dpo?sslrootcert=%2Fetc%2Fca.pem&application_name=x")
            .expect("parses");
        assert_eq!(
            pairs(&info),
            [
                ("user", "ann@firm"),
                ("host", "db.firm.example"),
                ("port", "6432"),
                ("dbname", "dpo"),
                ("sslrootcert", "/etc/ca.pem"),
                ("application_name", "x"),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
        let socket = ConnInfo::parse("postgres://%2Fvar%2Frun%2Fpostgresql/dpo").expect("parses");
        assert_eq!(socket.get("host"), Some("/var/run/postgresql"));
        let v6 = ConnInfo::parse("postgresql://[::1]:5433/dpo").expect("parses");
        assert_eq!(
            (v6.get("host"), v6.get("port")),
            (Some("::1"), Some("5433"))
        );
    }

    #[test]
    fn a_password_is_refused_in_either_form() {
        for text in [
            "host=db user=ann password=secret",
            "host=db password='' user=ann",
            "postgresql://ann:secret@db/dpo",
            "postgresql://ann:@db/dpo",
            "postgres://db/dpo?user=ann&password=secret",
        ] {
            assert!(
                matches!(ConnInfo::parse(text), Err(Error::PasswordInConnInfo)),
                "{text}"
            );
        }
    }
}
