//! Timestamps as stored in the vault: RFC 3339, UTC, millisecond precision, so they sort as text.

/// Now, in the vault's timestamp format.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Today's date on this computer's calendar (local time zone), as YYYY-MM-DD. For doors only:
/// rules that depend on the date take it as a parameter, so they stay testable.
pub fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}
