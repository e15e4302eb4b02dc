//! Human-readable lists: a header row and aligned columns, measured in terminal cells so that
//! Chinese text (two cells a character) lines up with Latin text. Scripts use `--json` instead.

use unicode_width::UnicodeWidthStr;

/// Prints `rows` under `headers`, columns two cells apart, without trailing blanks; or `empty`
/// alone when there are no rows.
pub fn print(headers: &[&str], rows: &[Vec<String>], empty: &str) {
    if rows.is_empty() {
        println!("{empty}");
        return;
    }
    let mut widths: Vec<usize> = headers.iter().map(|h| cells(h)).collect();
    for row in rows {
        for (width, value) in widths.iter_mut().zip(row) {
            *width = (*width).max(cells(value));
        }
    }
    let header: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (value, width) in row.iter().zip(&widths) {
            line.push_str(value);
            line.extend(std::iter::repeat_n(' ', width - cells(value) + 2));
        }
        println!("{}", line.trim_end());
    }
}

/// The terminal cells `text` takes (Unicode's East Asian Width: two for wide and full-width
/// characters).
fn cells(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_take_two_cells() {
        assert_eq!(cells("ACME"), 4);
        assert_eq!(cells("华东商贸"), 8);
        assert_eq!(cells("华东 Trading（上海）"), 2 * 2 + 1 + 7 + 2 * 4);
    }
}
