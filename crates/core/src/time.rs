//! Timestamps as stored in the vault: RFC 3339, UTC, millisecond precision, so they sort as text.

/// Now, in the vault's timestamp format.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
