//! A table as CSV (RFC 4180 quoting by the `csv` crate), UTF-8 with a byte-order mark: Excel reads
//! a CSV without one in the machine's legacy code page (GBK on a Chinese Windows, Windows-1252
//! elsewhere), which garbles every Chinese header and name; with the mark it reads UTF-8. Other
//! readers (LibreOffice, Python's `utf-8-sig`, the `csv` crate after stripping it) accept it.

use crate::error::{Error, Result};

use super::Table;

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn failed(detail: impl std::fmt::Display) -> Error {
    Error::OutputFailed {
        what: "CSV",
        detail: detail.to_string(),
    }
}

/// Text a spreadsheet would run as a formula (`=`, `@`, or `+`/`-` not followed by a plain
/// number such as a phone number) gets a leading apostrophe, so opening the export in Excel never
/// runs what someone typed into a note (OWASP's advice on CSV injection). XLSX cells are typed
/// text and need no such guard.
fn defused(text: &str) -> std::borrow::Cow<'_, str> {
    let looks_numeric = |rest: &str| {
        !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || " ()-./".contains(c))
    };
    let risky = match text.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !looks_numeric(&text[1..]),
        _ => false,
    };
    if risky {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// The table as CSV bytes: the mark, the header row, then one record per row.
pub fn to_csv(table: &Table) -> Result<Vec<u8>> {
    let mut writer = ::csv::Writer::from_writer(BOM.to_vec());
    writer.write_record(table.headers()).map_err(failed)?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|v| defused(v.as_text()).into_owned()))
            .map_err(failed)?;
    }
    writer.into_inner().map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Column, Value};

    #[test]
    fn formulas_are_defused_and_phone_numbers_are_not() {
        assert_eq!(defused("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defused("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defused("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(defused("+86 138 0000 0000"), "+86 138 0000 0000");
        assert_eq!(defused("-12.5"), "-12.5");
        assert_eq!(defused("张三 = owner"), "张三 = owner");
    }

    #[test]
    fn csv_starts_with_the_byte_order_mark_and_quotes_what_needs_it() {
        let table = Table {
            name: "t".into(),
            columns: vec![
                Column {
                    header: "名称".into(),
                    width: 10.0,
                },
                Column {
                    header: "Notes".into(),
                    width: 10.0,
                },
            ],
            rows: vec![vec![
                Value::Text("甲, 乙".into()),
                Value::Date("2025-07-20".into()),
            ]],
        };
        let bytes = to_csv(&table).expect("csv");
        assert!(bytes.starts_with(BOM));
        assert_eq!(
            String::from_utf8_lossy(&bytes[3..]),
            "名称,Notes\n\"甲, 乙\",2025-07-20\n"
        );
    }
}
