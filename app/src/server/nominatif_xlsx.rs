//! The Daftar Nominatif TPP as an XLSX workbook (issue 5): the CSV's columns and rows, with
//! amounts as numbers payroll can add up, NIPs as text (18 digits would lose precision as
//! numbers), a title, a bold frozen header and a JUMLAH row whose amounts are the sums of the rows.
//! Headings in Indonesian or English; the CSV keeps its fixed (Indonesian) header either way.
use super::tpp_run::NominatifRow;
use crate::domain::tpp::Quarter;
use crate::error::AppError;
use crate::i18n::Lang;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, Color, Format, FormatAlign, FormatBorder, Formula, IgnoreError, RowNum, Workbook, Worksheet,
    XlsxError,
};

/// The content type of the workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Column headings (Indonesian: the CSV's; English) and widths (characters), in the CSV's order.
const COLUMNS: [(&str, &str, f64); 13] = [
    ("Nama", "Name", 34.0),
    ("NIP", "NIP", 21.0),
    ("Jabatan", "Position", 38.0),
    ("Kelas", "Job class", 7.0),
    ("OPD", "OPD", 14.0),
    ("Bulan", "Month", 7.0),
    ("Pagu", "Ceiling", 14.0),
    ("Disiplin %", "Discipline %", 10.0),
    ("Disiplin Rp", "Discipline Rp", 14.0),
    ("Produktivitas %", "Productivity %", 14.0),
    ("Produktivitas Rp", "Productivity Rp", 16.0),
    ("Potongan hukuman disiplin", "Disciplinary sanction cut", 16.0),
    ("TPP bruto", "Gross TPP", 15.0),
];

/// Columns summed in the JUMLAH row: disiplin, produktivitas, potongan, bruto (Rupiah).
const SUMMED: [ColNum; 4] = [8, 10, 11, 12];

/// Rows above the data: title, blank, header.
const TITLE_ROW: RowNum = 0;
const HEADER_ROW: RowNum = 2;
const FIRST_DATA_ROW: RowNum = 3;

/// Thousands grouping; Excel and LibreOffice show it with the reader's separators
/// (16.000.000 under an Indonesian locale).
const RUPIAH_FORMAT: &str = "#,##0";

/// "DAFTAR NOMINATIF TPP TRIWULAN II TAHUN 2026" (and the OPD code when the list is one OPD's).
pub fn title(year: i32, quarter: u32, opd_code: Option<&str>) -> String {
    title_in(Lang::Id, year, quarter, opd_code)
}

/// The title in `lang`: "... TRIWULAN II TAHUN 2026 ..." / "TPP NOMINATIVE LIST, Q2 2026, ...".
pub fn title_in(lang: Lang, year: i32, quarter: u32, opd_code: Option<&str>) -> String {
    let mut t = match lang {
        Lang::Id => {
            let tw =
                Quarter::new(quarter).map(|q| q.roman().to_string()).unwrap_or_else(|| quarter.to_string());
            format!("DAFTAR NOMINATIF TPP TRIWULAN {tw} TAHUN {year} PEMERINTAH KOTA BATU")
        }
        Lang::En => {
            format!("TPP NOMINATIVE LIST (DAFTAR NOMINATIF), Q{quarter} {year}, BATU CITY GOVERNMENT")
        }
    };
    if let Some(code) = opd_code.map(str::trim).filter(|c| !c.is_empty()) {
        t.push_str(&format!(" — OPD {}", code.to_uppercase()));
    }
    t
}

/// Σ of the four summed amounts over the rows, in [`SUMMED`] order.
fn totals(rows: &[NominatifRow]) -> [i64; 4] {
    rows.iter().fold([0; 4], |t, r| {
        [t[0] + r.discipline, t[1] + r.productivity, t[2] + r.sanction_cut, t[3] + r.gross]
    })
}

/// "A1"-style name of a column (A..Z suffices for the 13 columns).
fn column_letter(col: ColNum) -> char {
    char::from(b'A' + col as u8)
}

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    integer: Format,
    percent: Format,
    rupiah: Format,
    total_label: Format,
    total_rupiah: Format,
    total_blank: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new().set_border(FormatBorder::Thin);
        let total = cell.clone().set_bold().set_background_color(Color::RGB(0xE7E6E6));
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9E1F2)),
            text: cell.clone(),
            integer: cell.clone().set_align(FormatAlign::Center),
            // General: 98.5 and 100 as they are (a "0.##" format would show "100.").
            percent: cell.clone(),
            rupiah: cell.set_num_format(RUPIAH_FORMAT),
            total_label: total.clone(),
            total_rupiah: total.clone().set_num_format(RUPIAH_FORMAT),
            total_blank: total,
        }
    }
}

/// Disiplin % (100 − the stored cut) and Produktivitas % of a row, as numbers. The run stores
/// them as decimal text; anything else is a damaged record, never printed as a guess.
fn percents(r: &NominatifRow) -> Result<(f64, f64), AppError> {
    let number = |text: &str, what: &str| {
        text.trim().parse::<Decimal>().map_err(|e| {
            tracing::error!(
                error = %e, value = %text, field = what, official = %r.name, month = r.month,
                "stored percentage is not a decimal"
            );
            AppError::Internal
        })
    };
    let discipline = Decimal::ONE_HUNDRED - number(&r.discipline_cut_percent, "discipline cut")?;
    let factor = number(&r.productivity_factor, "productivity factor")?;
    // Short decimals (98.5, 90): their f64 reads back as the same decimal.
    let f64_of = |d: Decimal| d.normalize().to_string().parse::<f64>().map_err(|_| AppError::Internal);
    Ok((f64_of(discipline)?, f64_of(factor)?))
}

fn write_sheet(
    ws: &mut Worksheet,
    rows: &[NominatifRow],
    percents: &[(f64, f64)],
    title: &str,
    lang: Lang,
) -> Result<(), XlsxError> {
    let f = Formats::new();
    let last_col = (COLUMNS.len() - 1) as ColNum;
    ws.set_name(lang.pick("Nominatif TPP", "TPP list"))?;
    ws.merge_range(TITLE_ROW, 0, TITLE_ROW, last_col, title, &f.title)?;
    ws.set_row_height(HEADER_ROW, 30)?;
    for (col, (id, en, width)) in COLUMNS.iter().enumerate() {
        let col = col as ColNum;
        ws.set_column_width(col, *width)?;
        ws.write_string_with_format(HEADER_ROW, col, lang.pick(*id, *en), &f.header)?;
    }
    ws.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    let mut row = FIRST_DATA_ROW;
    for (r, (discipline_pct, factor)) in rows.iter().zip(percents) {
        ws.write_string_with_format(row, 0, &r.name, &f.text)?;
        ws.write_string_with_format(row, 1, &r.nip, &f.text)?;
        ws.write_string_with_format(row, 2, &r.position_title, &f.text)?;
        ws.write_number_with_format(row, 3, r.job_class, &f.integer)?;
        ws.write_string_with_format(row, 4, &r.opd_code, &f.text)?;
        ws.write_number_with_format(row, 5, r.month, &f.integer)?;
        // Whole Rupiah: exact as f64 far beyond any TPP amount (2^53).
        ws.write_number_with_format(row, 6, r.ceiling as f64, &f.rupiah)?;
        ws.write_number_with_format(row, 7, *discipline_pct, &f.percent)?;
        ws.write_number_with_format(row, 8, r.discipline as f64, &f.rupiah)?;
        ws.write_number_with_format(row, 9, *factor, &f.percent)?;
        ws.write_number_with_format(row, 10, r.productivity as f64, &f.rupiah)?;
        ws.write_number_with_format(row, 11, r.sanction_cut as f64, &f.rupiah)?;
        ws.write_number_with_format(row, 12, r.gross as f64, &f.rupiah)?;
        row += 1;
    }
    // The JUMLAH row: a SUM formula whose cached value is the Rust sum, so readers that do not
    // recalculate (and the tests) see the same number as those that do.
    ws.write_string_with_format(row, 0, lang.pick("JUMLAH", "TOTAL"), &f.total_label)?;
    for col in 1..=last_col {
        ws.write_blank(row, col, &f.total_blank)?;
    }
    for (col, amount) in SUMMED.into_iter().zip(totals(rows)) {
        if rows.is_empty() {
            ws.write_number_with_format(row, col, amount as f64, &f.total_rupiah)?;
        } else {
            let letter = column_letter(col);
            let formula = Formula::new(format!("=SUM({letter}{}:{letter}{})", FIRST_DATA_ROW + 1, row))
                .set_result(amount.to_string());
            ws.write_formula_with_format(row, col, formula, &f.total_rupiah)?;
        }
    }
    if row > FIRST_DATA_ROW {
        // NIPs are digits kept as text on purpose.
        ws.ignore_error_range(FIRST_DATA_ROW, 1, row - 1, 1, IgnoreError::NumberStoredAsText)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The Daftar Nominatif TPP as XLSX bytes, headed in Indonesian.
pub fn nominatif_xlsx(rows: &[NominatifRow], title: &str) -> Result<Vec<u8>, AppError> {
    nominatif_xlsx_in(rows, title, Lang::Id)
}

/// The Daftar Nominatif TPP as XLSX bytes, headed in `lang`.
pub fn nominatif_xlsx_in(rows: &[NominatifRow], title: &str, lang: Lang) -> Result<Vec<u8>, AppError> {
    let percents = rows.iter().map(percents).collect::<Result<Vec<_>, _>>()?;
    let mut workbook = Workbook::new();
    let written = write_sheet(workbook.add_worksheet(), rows, &percents, title, lang)
        .and_then(|_| workbook.save_to_buffer());
    written.map_err(|e| {
        tracing::error!(error = %e, "XLSX export failed");
        AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, gross: i64) -> NominatifRow {
        NominatifRow {
            official_id: uuid::Uuid::nil(),
            name: name.into(),
            nip: "197001011998031001".into(),
            position_title: "Kepala Seksi".into(),
            job_class: 9,
            opd_code: "DISPAR".into(),
            month: 4,
            ceiling: 5_500_000,
            discipline_cut_percent: "1.5".into(),
            discipline: 2_167_000,
            productivity_factor: "90".into(),
            productivity: 2_970_000,
            sanction_cut: 0,
            gross,
        }
    }

    #[test]
    fn titles_name_the_quarter_and_opd() {
        assert_eq!(title(2026, 2, None), "DAFTAR NOMINATIF TPP TRIWULAN II TAHUN 2026 PEMERINTAH KOTA BATU");
        assert!(title(2026, 4, Some(" dispar "))
            .ends_with("TRIWULAN IV TAHUN 2026 PEMERINTAH KOTA BATU — OPD DISPAR"));
        assert_eq!(
            title_in(Lang::En, 2026, 2, Some("dispar")),
            "TPP NOMINATIVE LIST (DAFTAR NOMINATIF), Q2 2026, BATU CITY GOVERNMENT — OPD DISPAR"
        );
        let csv = crate::server::tpp_run::nominatif_csv(&[]);
        assert_eq!(Some(COLUMNS.map(|c| c.0).join(",").as_str()), csv.lines().next(), "the CSV's header");
    }

    #[test]
    fn writes_a_workbook_with_and_without_rows() {
        for rows in [vec![], vec![row("A", 5_137_000), row("B", 1)]] {
            let bytes = nominatif_xlsx(&rows, "T").unwrap();
            assert!(bytes.starts_with(b"PK\x03\x04"), "a zip archive");
        }
        assert_eq!(totals(&[row("A", 5), row("B", 7)]), [4_334_000, 5_940_000, 0, 12]);
        assert_eq!(column_letter(12), 'M');
        assert_eq!(percents(&row("A", 1)).unwrap(), (98.5, 90.0));
        let damaged = NominatifRow { productivity_factor: "sembilan puluh".into(), ..row("A", 1) };
        assert_eq!(nominatif_xlsx(&[damaged], "T"), Err(AppError::Internal));
    }
}
