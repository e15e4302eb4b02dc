//! A table as an XLSX workbook of one sheet (rust_xlsxwriter): a bold, shaded header row frozen
//! above an autofilter; dates as date cells (`yyyy-mm-dd`) and times as date-time cells in UTC, so
//! Excel sorts and filters them as dates; every other cell a text cell, never a formula. The
//! workbook's creation date is the export date the door passes, not a clock read here.

use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::error::{Error, Result};

use super::{Table, Value};

/// Excel's limit for one cell, in UTF-16 units.
const MAX_CELL: usize = 32_767;
const CUT_MARK: &str = " […]";

fn failed(e: XlsxError) -> Error {
    Error::OutputFailed {
        what: "XLSX",
        detail: e.to_string(),
    }
}

/// Text cut to what one Excel cell holds, with a visible mark where it was cut (a note that long
/// would otherwise make the whole export fail).
fn fitted(text: &str) -> std::borrow::Cow<'_, str> {
    if text.encode_utf16().count() <= MAX_CELL {
        return text.into();
    }
    let room = MAX_CELL - CUT_MARK.encode_utf16().count();
    let mut used = 0;
    let mut out = String::new();
    for ch in text.chars() {
        used += ch.len_utf16();
        if used > room {
            break;
        }
        out.push(ch);
    }
    out.push_str(CUT_MARK);
    out.into()
}

/// `YYYY-MM-DD` as a date at midnight; rust_xlsxwriter's `chrono` feature turns it into Excel's
/// serial date (1900 leap-year quirk included).
fn date(text: &str) -> Option<NaiveDateTime> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()?
        .and_hms_opt(0, 0, 0)
}

/// RFC 3339 as a date and time in UTC.
fn date_time(text: &str) -> Option<NaiveDateTime> {
    Some(DateTime::parse_from_rfc3339(text.trim()).ok()?.naive_utc())
}

/// The table as XLSX bytes, the workbook dated `date` (`YYYY-MM-DD`).
pub fn to_xlsx(table: &Table, date_text: &str) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let mut props = DocProperties::new()
        .set_title(table.name.as_str())
        .set_author("DPO Desk");
    if let Some(created) = date(date_text) {
        props = props.set_creation_datetime(&created);
    }
    workbook.set_properties(&props);

    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x00E6_E8F0))
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let day = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Top);
    let moment = Format::new()
        .set_num_format("yyyy-mm-dd hh:mm:ss")
        .set_align(FormatAlign::Top);

    let sheet = workbook.add_worksheet();
    sheet.set_name(table.name.as_str()).map_err(failed)?;
    for (col, column) in (0u16..).zip(&table.columns) {
        sheet
            .write_string_with_format(0, col, column.header.as_str(), &header)
            .map_err(failed)?;
        sheet.set_column_width(col, column.width).map_err(failed)?;
    }
    for (row, values) in (1u32..).zip(&table.rows) {
        for (col, value) in (0u16..).zip(values) {
            let as_date = match value {
                Value::Date(t) => date(t).map(|d| (d, &day)),
                Value::DateTime(t) => date_time(t).map(|d| (d, &moment)),
                Value::Text(_) => None,
            };
            match as_date {
                Some((d, format)) => {
                    sheet
                        .write_datetime_with_format(row, col, d, format)
                        .map_err(failed)?;
                }
                // Blank stays blank; a date that does not parse stays visible as text.
                None if value.as_text().is_empty() => {}
                None => {
                    sheet
                        .write_string_with_format(row, col, fitted(value.as_text()), &text)
                        .map_err(failed)?;
                }
            }
        }
    }
    let last_col = u16::try_from(table.columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
    let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    sheet.autofilter(0, 0, last_row, last_col).map_err(failed)?;
    workbook.save_to_buffer().map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_too_long_for_excel_is_cut_with_a_mark() {
        let long = "长".repeat(MAX_CELL + 10);
        let cut = fitted(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL);
        assert!(cut.ends_with(CUT_MARK));
        assert_eq!(fitted("short"), "short");
    }

    #[test]
    fn dates_and_times_become_excel_dates() {
        assert!(date("2025-07-20").is_some());
        assert!(date("20 July").is_none());
        assert!(date_time("2025-07-20T09:30:00.250Z").is_some());
    }
}
