//! Turns the parts docx-rs builds into the DOCX file, adding the two things docx-rs cannot say:
//!
//! - **Repeating header rows.** docx-rs has no `w:tblHeader`, so a header row is built with a
//!   marker row height no other row uses ([`header_row`]) and the marker is replaced by
//!   `<w:tblHeader/>` in `word/document.xml` (a `w:trPr` child like the height it replaces).
//! - **Repeatable bytes.** docx-rs stores its parts uncompressed with whatever time its zip
//!   writer defaults to; the parts are re-packed here deflated, in docx-rs's order (the content
//!   types first), directory entries left out, each entry dated with the report date.

use std::io::{Cursor, Read, Write};

use docx_rs::{Docx, HeightRule, TableRow};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::error::{Error, Result};

/// The marker height of a header row, in twips (a real row is never this low).
const HEADER_MARK: f32 = 7.0;
const HEADER_MARK_XML: &str = r#"<w:trHeight w:val="7" w:hRule="atLeast" />"#;
const TABLE_HEADER_XML: &str = "<w:tblHeader />";

/// A table row to repeat at the top of every page the table spans.
pub(super) fn header_row(row: TableRow) -> TableRow {
    row.row_height(HEADER_MARK)
        .height_rule(HeightRule::AtLeast)
        .cant_split()
}

fn failed(detail: impl std::fmt::Display) -> Error {
    Error::OutputFailed {
        what: "DOCX",
        detail: detail.to_string(),
    }
}

/// The zip entry time: midnight of the report date (1980-01-01, zip's epoch, if unreadable).
fn entry_time(date: &str) -> DateTime {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<u16>().ok());
    let (y, m, d) = (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    );
    y.zip(m)
        .zip(d)
        .and_then(|((y, m), d)| {
            let (m, d) = (u8::try_from(m).ok()?, u8::try_from(d).ok()?);
            DateTime::from_date_and_time(y, m, d, 0, 0, 0).ok()
        })
        .unwrap_or_default()
}

/// Replaces every header-row marker; the document itself is UTF-8 XML.
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(document)
        .replace(HEADER_MARK_XML, TABLE_HEADER_XML)
        .into_bytes()
}

/// Builds the document and writes it as a DOCX file dated `date` (`YYYY-MM-DD`).
pub(super) fn pack(docx: Docx, date: &str) -> Result<Vec<u8>> {
    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document);
    let mut stored = Cursor::new(Vec::new());
    xml.pack(&mut stored).map_err(failed)?;

    let mut parts = ZipArchive::new(Cursor::new(stored.into_inner())).map_err(failed)?;
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(entry_time(date))
        .unix_permissions(0o644);
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..parts.len() {
        let mut part = parts.by_index(i).map_err(failed)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name().map_err(failed)?.into_owned();
        let mut content = Vec::new();
        part.read_to_end(&mut content).map_err(failed)?;
        out.start_file(name, options).map_err(failed)?;
        out.write_all(&content).map_err(failed)?;
    }
    Ok(out.finish().map_err(failed)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{Paragraph, Run, Table, TableCell};

    #[test]
    fn header_rows_become_repeating_headers() {
        let cell = |t: &str| {
            TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(t)))
        };
        let docx = Docx::new().add_table(Table::new(vec![
            header_row(TableRow::new(vec![cell("head")])),
            TableRow::new(vec![cell("body")]),
        ]));
        let built = docx.build();
        let raw = String::from_utf8_lossy(&built.document).into_owned();
        assert_eq!(raw.matches(HEADER_MARK_XML).count(), 1, "{raw}");
        let marked = String::from_utf8(mark_header_rows(&built.document)).expect("utf-8");
        assert_eq!(marked.matches(TABLE_HEADER_XML).count(), 1);
        assert!(!marked.contains(HEADER_MARK_XML));
    }

    #[test]
    fn entries_are_dated_with_the_report_date() {
        let t = entry_time("2025-07-20");
        assert_eq!((t.year(), t.month(), t.day()), (2025, 7, 20));
        assert_eq!(entry_time("soon").year(), 1980);
    }
}
