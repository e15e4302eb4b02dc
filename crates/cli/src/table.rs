//! Human-readable lists: a header row and aligned columns, measured in terminal cells so that
//! Chinese text (two cells a character) lines up with Latin text. Scripts use `--json` instead.

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

/// The terminal cells `text` takes: two for East Asian wide and full-width characters, one for
/// the rest (an approximation of Unicode's East Asian Width that covers CJK text).
fn cells(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF
            | 0x20000..=0x3FFFD
    )
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
