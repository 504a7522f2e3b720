//! The hearing pack (bahan RDP, rapat dengar pendapat) of the DPRD dashboard as an XLSX workbook:
//! the same figures as the page, aggregates only, hidden groups written as "disembunyikan (< 3)".
//! Sheets: the city summary, the figures per OPD, the predikat distribution, the trend. In
//! Indonesian or English; the words and the choice of figures are shared with the PDF of the same
//! pack (`dprd_pdf`), and [`export`] makes and records either form.
use super::dprd;
use super::nominatif_xlsx::XLSX;
use crate::api::auth::SessionUser;
use crate::api::dprd::{DprdFigures, GroupFigures, PredikatShare, TrendPoint};
use crate::domain::predikat::Predikat;
use crate::domain::privacy::{Figure, HIDDEN_LABEL, MIN_GROUP};
use crate::domain::tpp::Quarter;
use crate::error::AppError;
use crate::i18n::{date_in, Lang};
use chrono::{DateTime, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, Color, Format, FormatAlign, FormatBorder, RowNum, Workbook, Worksheet, XlsxError,
};

/// The content type of the workbook.
pub const CONTENT_TYPE: &str = XLSX;

// ---- the pack's words and figures, shared with the PDF ----

/// What a reader is told instead of a hidden figure.
pub(crate) fn hidden_label(lang: Lang) -> &'static str {
    lang.pick(HIDDEN_LABEL, "hidden (< 3)")
}

/// "TW II" / "Q2" ("" for no quarter).
pub(crate) fn quarter_name(lang: Lang, quarter: u32) -> String {
    match (Quarter::new(quarter), lang) {
        (Some(q), Lang::Id) => format!("TW {}", q.roman()),
        (Some(q), Lang::En) => format!("Q{}", q.number()),
        (None, _) => String::new(),
    }
}

/// The period: "TW II 2026" / "Q2 2026", the whole year "Tahun 2026" / "2026".
pub(crate) fn period_name(figures: &DprdFigures, lang: Lang) -> String {
    match (lang, figures.quarter.filter(|q| Quarter::new(*q).is_some())) {
        (Lang::Id, _) => figures.period_label(),
        (Lang::En, Some(q)) => format!("{} {}", quarter_name(lang, q), figures.year),
        (Lang::En, None) => figures.year.to_string(),
    }
}

/// "BAHAN RDP KINERJA DAN TPP TW II 2026 — PEMERINTAH KOTA BATU".
pub fn title(figures: &DprdFigures, lang: Lang) -> String {
    match lang {
        Lang::Id => {
            format!(
                "BAHAN RDP KINERJA DAN TPP {} — PEMERINTAH KOTA BATU",
                figures.period_label().to_uppercase()
            )
        }
        Lang::En => format!(
            "HEARING PACK (RDP): PERFORMANCE AND TPP, {} — BATU CITY GOVERNMENT",
            period_name(figures, lang).to_uppercase()
        ),
    }
}

/// The notes under the title: the source, how small groups are hidden, the cut-off and budget.
pub(crate) fn notes(figures: &DprdFigures, lang: Lang) -> Vec<String> {
    let locked: Vec<String> = figures
        .locked
        .iter()
        .filter(|q| Quarter::new(**q).is_some())
        .map(|q| quarter_name(lang, *q))
        .collect();
    let (year, cutoff, months) = (figures.year, date_in(lang, figures.on_time_cutoff), figures.budget_months);
    let hidden = hidden_label(lang);
    match lang {
        Lang::Id => vec![
            if locked.is_empty() {
                format!("Belum ada triwulan {year} yang dikunci.")
            } else {
                format!("Sumber: hasil TPP triwulan yang sudah dikunci ({}).", locked.join(", "))
            },
            format!(
                "Kelompok kurang dari {MIN_GROUP} pejabat, dan angka yang dapat membukanya lewat selisih, ditulis \"{hidden}\"."
            ),
            format!(
                "Pakta tepat waktu: ditandatangani paling lambat {cutoff}. Pagu TPP: jumlah pagu bulanan pejabat aktif × {months} bulan."
            ),
        ],
        Lang::En => vec![
            if locked.is_empty() {
                format!("No quarter of {year} has been locked yet.")
            } else {
                format!("Source: the TPP results of the locked quarters ({}).", locked.join(", "))
            },
            format!(
                "Groups of fewer than {MIN_GROUP} officials, and figures that could reveal them by difference, are written \"{hidden}\"."
            ),
            format!(
                "Pacts on time: signed no later than {cutoff}. TPP budget: the active officials' monthly ceilings × {months} months."
            ),
        ],
    }
}

/// A figure of the pack, as each document writes it (a count, a score or share, Rupiah).
#[derive(Clone, Copy)]
pub(crate) enum Shown<'a> {
    Count(&'a Figure<u64>),
    Decimal(&'a Figure<Decimal>),
    Money(&'a Figure<i64>),
}

impl Shown<'_> {
    /// The figure as a decimal number.
    pub(crate) fn decimal(self) -> Figure<Decimal> {
        match self {
            Shown::Count(f) => f.map(Decimal::from),
            Shown::Decimal(f) => *f,
            Shown::Money(f) => f.map(Decimal::from),
        }
    }
}

/// The headings of the city summary: what, and its figure.
pub(crate) fn summary_headings(lang: Lang) -> [&'static str; 2] {
    lang.pick(["Angka se-kota", "Nilai"], ["City-wide figures", "Value"])
}

/// The city summary: each line's label and figure.
pub(crate) fn summary_lines(c: &GroupFigures, lang: Lang) -> Vec<(&'static str, Shown<'_>)> {
    let l = |id, en| lang.pick(id, en);
    vec![
        (l("Pejabat aktif", "Active officials"), Shown::Count(&c.officials)),
        (l("Pejabat dinilai", "Officials evaluated"), Shown::Count(&c.evaluated)),
        (
            l("Penilaian (pejabat × triwulan)", "Evaluations (officials × quarters)"),
            Shown::Count(&c.evaluations),
        ),
        (l("Rata-rata nilai", "Mean score"), Shown::Decimal(&c.mean_score)),
        (l("Median nilai", "Median score"), Shown::Decimal(&c.median_score)),
        (l("Pakta", "Pacts"), Shown::Count(&c.pacts)),
        (l("Pakta ditandatangani tepat waktu", "Pacts signed on time"), Shown::Count(&c.pacts_on_time)),
        (l("Pakta tepat waktu (%)", "Pacts on time (%)"), Shown::Decimal(&c.on_time_share)),
        (l("TPP dibayarkan (Rp)", "TPP paid (Rp)"), Shown::Money(&c.tpp_paid)),
        (l("Pagu TPP (Rp)", "TPP budget (Rp)"), Shown::Money(&c.tpp_budget)),
        (l("Serapan TPP (%)", "TPP budget used (%)"), Shown::Decimal(&c.tpp_paid_share)),
    ]
}

/// The per-OPD table: headings (Indonesian, English) and XLSX widths.
pub(crate) const OPD_COLUMNS: [(&str, &str, f64); 12] = [
    ("Kode", "Code", 12.0),
    ("Perangkat daerah", "Agency", 44.0),
    ("Pejabat aktif", "Active officials", 10.0),
    ("Pejabat dinilai", "Officials evaluated", 10.0),
    ("Penilaian", "Evaluations", 10.0),
    ("Rata-rata nilai", "Mean score", 10.0),
    ("Median nilai", "Median score", 10.0),
    ("Pakta", "Pacts", 9.0),
    ("Pakta tepat waktu (%)", "Pacts on time (%)", 12.0),
    ("TPP dibayarkan (Rp)", "TPP paid (Rp)", 18.0),
    ("Pagu TPP (Rp)", "TPP budget (Rp)", 18.0),
    ("Serapan TPP (%)", "TPP budget used (%)", 11.0),
];

/// The headings of [`OPD_COLUMNS`] in `lang`, with their widths.
pub(crate) fn opd_columns(lang: Lang) -> Vec<(&'static str, f64)> {
    OPD_COLUMNS.iter().map(|(id, en, width)| (lang.pick(*id, *en), *width)).collect()
}

/// A group's figures in the per-OPD table, after its code and name.
pub(crate) fn group_values(g: &GroupFigures) -> [Shown<'_>; 10] {
    [
        Shown::Count(&g.officials),
        Shown::Count(&g.evaluated),
        Shown::Count(&g.evaluations),
        Shown::Decimal(&g.mean_score),
        Shown::Decimal(&g.median_score),
        Shown::Count(&g.pacts),
        Shown::Decimal(&g.on_time_share),
        Shown::Money(&g.tpp_paid),
        Shown::Money(&g.tpp_budget),
        Shown::Decimal(&g.tpp_paid_share),
    ]
}

/// The name of the city's row.
pub(crate) fn city_label(lang: Lang) -> &'static str {
    lang.pick("SE-KOTA", "CITY-WIDE")
}

/// The heading of the OPDs' column.
pub(crate) fn opd_label(lang: Lang) -> &'static str {
    lang.pick("Perangkat daerah", "Agency")
}

/// "ANGKA PER PERANGKAT DAERAH, TW II 2026".
pub(crate) fn opd_heading(figures: &DprdFigures, lang: Lang) -> String {
    format!(
        "{}, {}",
        lang.pick("ANGKA PER PERANGKAT DAERAH", "FIGURES BY AGENCY"),
        period_name(figures, lang)
    )
}

/// "SEBARAN PREDIKAT KINERJA, TW II 2026".
pub(crate) fn spread_heading(figures: &DprdFigures, lang: Lang) -> String {
    let what = lang.pick("SEBARAN PREDIKAT KINERJA", "PERFORMANCE GRADE DISTRIBUTION");
    format!("{what}, {}", period_name(figures, lang))
}

/// "TREN SE-KOTA PER TRIWULAN, 2026".
pub(crate) fn trend_heading(figures: &DprdFigures, lang: Lang) -> String {
    format!("{}, {}", lang.pick("TREN SE-KOTA PER TRIWULAN", "CITY-WIDE TREND BY QUARTER"), figures.year)
}

/// The predikat distribution's headings: `first`, then count and share of each predikat.
pub(crate) fn spread_columns(first: &str, lang: Lang) -> Vec<(String, f64)> {
    let mut columns = vec![(first.to_string(), 40.0)];
    let count = lang.pick("jumlah", "count");
    for p in Predikat::ALL {
        columns.push((format!("{} ({count})", p.label_in(lang)), 12.0));
        columns.push((format!("{} (%)", p.label_in(lang)), 12.0));
    }
    columns
}

/// Count and share of each predikat.
pub(crate) fn share_values(shares: &[PredikatShare]) -> Vec<Shown<'_>> {
    shares.iter().flat_map(|s| [Shown::Count(&s.count), Shown::Decimal(&s.share)]).collect()
}

/// The trend's headings: the quarter, officials evaluated, mean score, the distribution.
pub(crate) fn trend_columns(lang: Lang) -> Vec<(String, f64)> {
    let mut columns = spread_columns(lang.pick("Triwulan", "Quarter"), lang);
    columns.insert(1, (lang.pick("Pejabat dinilai", "Officials evaluated").into(), 10.0));
    columns.insert(2, (lang.pick("Rata-rata nilai", "Mean score").into(), 10.0));
    columns
}

/// A quarter's figures in the trend, after its name.
pub(crate) fn trend_values(t: &TrendPoint) -> Vec<Shown<'_>> {
    let mut values = vec![Shown::Count(&t.evaluated), Shown::Decimal(&t.mean_score)];
    values.extend(share_values(&t.predikat));
    values
}

// ---- the workbook ----

const RUPIAH_FORMAT: &str = "#,##0";
const DECIMAL_FORMAT: &str = "0.0#";

struct Formats {
    title: Format,
    note: Format,
    header: Format,
    text: Format,
    count: Format,
    decimal: Format,
    rupiah: Format,
    hidden: Format,
    total_text: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            note: Format::new().set_italic(),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9E1F2)),
            text: cell.clone(),
            count: cell.clone().set_num_format("0"),
            decimal: cell.clone().set_num_format(DECIMAL_FORMAT),
            rupiah: cell.clone().set_num_format(RUPIAH_FORMAT),
            hidden: cell
                .clone()
                .set_italic()
                .set_font_color(Color::RGB(0x595959))
                .set_align(FormatAlign::Right),
            total_text: cell.set_bold().set_background_color(Color::RGB(0xE7E6E6)),
        }
    }
}

/// Writes a figure: its number in the format of its kind, or the reason it is missing.
fn put(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    v: Shown<'_>,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let format = match v {
        Shown::Count(_) => &f.count,
        Shown::Decimal(_) => &f.decimal,
        Shown::Money(_) => &f.rupiah,
    };
    match v.decimal() {
        Figure::Value(n) => ws.write_number_with_format(row, col, n.to_f64().unwrap_or(0.0), format)?,
        Figure::Hidden => ws.write_string_with_format(row, col, hidden_label(lang), &f.hidden)?,
        Figure::Empty => ws.write_string_with_format(row, col, "—", &f.hidden)?,
    };
    Ok(())
}

fn headers<S: AsRef<str>>(
    ws: &mut Worksheet,
    row: RowNum,
    columns: &[(S, f64)],
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_row_height(row, 30)?;
    for (col, (heading, width)) in columns.iter().enumerate() {
        ws.set_column_width(col as ColNum, *width)?;
        ws.write_string_with_format(row, col as ColNum, heading.as_ref(), &f.header)?;
    }
    Ok(())
}

fn summary_sheet(
    ws: &mut Worksheet,
    figures: &DprdFigures,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_name(lang.pick("Ringkasan", "Summary"))?;
    ws.write_string_with_format(0, 0, title(figures, lang), &f.title)?;
    let mut row: RowNum = 1;
    for n in notes(figures, lang) {
        ws.write_string_with_format(row, 0, n, &f.note)?;
        row += 1;
    }
    row += 1;
    let [what, value] = summary_headings(lang);
    headers(ws, row, &[(what, 42.0), (value, 22.0)], f)?;
    for (label, value) in summary_lines(&figures.city, lang) {
        row += 1;
        ws.write_string_with_format(row, 0, label, &f.text)?;
        put(ws, row, 1, value, f, lang)?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn group_row(
    ws: &mut Worksheet,
    row: RowNum,
    code: &str,
    name: &str,
    g: &GroupFigures,
    f: &Formats,
    label: &Format,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, code, label)?;
    ws.write_string_with_format(row, 1, name, label)?;
    for (i, v) in group_values(g).into_iter().enumerate() {
        put(ws, row, 2 + i as ColNum, v, f, lang)?;
    }
    Ok(())
}

fn opd_sheet(ws: &mut Worksheet, figures: &DprdFigures, f: &Formats, lang: Lang) -> Result<(), XlsxError> {
    ws.set_name(lang.pick("Per OPD", "By agency"))?;
    ws.write_string_with_format(0, 0, opd_heading(figures, lang), &f.title)?;
    headers(ws, 2, &opd_columns(lang), f)?;
    ws.set_freeze_panes(3, 2)?;
    let mut row: RowNum = 3;
    for o in &figures.opds {
        group_row(ws, row, &o.code, &o.name, &o.figures, f, &f.text, lang)?;
        row += 1;
    }
    group_row(ws, row, "", city_label(lang), &figures.city, f, &f.total_text, lang)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// A row of figures after its label.
fn figures_row(
    ws: &mut Worksheet,
    row: RowNum,
    label: &str,
    values: &[Shown<'_>],
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, label, &f.text)?;
    for (i, v) in values.iter().enumerate() {
        put(ws, row, 1 + i as ColNum, *v, f, lang)?;
    }
    Ok(())
}

fn spread_sheet(ws: &mut Worksheet, figures: &DprdFigures, f: &Formats, lang: Lang) -> Result<(), XlsxError> {
    ws.set_name(lang.pick("Sebaran predikat", "Grade distribution"))?;
    ws.write_string_with_format(0, 0, spread_heading(figures, lang), &f.title)?;
    headers(ws, 2, &spread_columns(opd_label(lang), lang), f)?;
    ws.set_freeze_panes(3, 1)?;
    figures_row(ws, 3, city_label(lang), &share_values(&figures.city.predikat), f, lang)?;
    for (i, o) in figures.opds.iter().enumerate() {
        figures_row(ws, 4 + i as RowNum, &o.name, &share_values(&o.figures.predikat), f, lang)?;
    }
    Ok(())
}

fn trend_sheet(ws: &mut Worksheet, figures: &DprdFigures, f: &Formats, lang: Lang) -> Result<(), XlsxError> {
    ws.set_name(lang.pick("Tren", "Trend"))?;
    ws.write_string_with_format(0, 0, trend_heading(figures, lang), &f.title)?;
    headers(ws, 2, &trend_columns(lang), f)?;
    for (i, t) in figures.trend.iter().enumerate() {
        figures_row(ws, 3 + i as RowNum, &quarter_name(lang, t.quarter), &trend_values(t), f, lang)?;
    }
    Ok(())
}

/// The workbook of the figures, in `lang`.
pub fn rdp_xlsx(figures: &DprdFigures, lang: Lang) -> Result<Vec<u8>, AppError> {
    let f = Formats::new();
    let mut workbook = Workbook::new();
    let written = summary_sheet(workbook.add_worksheet(), figures, &f, lang)
        .and_then(|_| opd_sheet(workbook.add_worksheet(), figures, &f, lang))
        .and_then(|_| spread_sheet(workbook.add_worksheet(), figures, &f, lang))
        .and_then(|_| trend_sheet(workbook.add_worksheet(), figures, &f, lang))
        .and_then(|_| workbook.save_to_buffer());
    written.map_err(|e| {
        tracing::error!(error = %e, "RDP XLSX export failed");
        AppError::Internal
    })
}

/// The hearing pack's two forms: this workbook, and the PDF (`dprd_pdf`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdpFormat {
    Xlsx,
    Pdf,
}

impl RdpFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            RdpFormat::Xlsx => CONTENT_TYPE,
            RdpFormat::Pdf => super::files::PDF,
        }
    }
}

/// The file name: `bahan-rdp-2026-tw2.xlsx` or `bahan-rdp-2026.pdf` (the whole year).
pub fn file_name(figures: &DprdFigures, format: RdpFormat) -> String {
    let extension = match format {
        RdpFormat::Xlsx => "xlsx",
        RdpFormat::Pdf => "pdf",
    };
    match figures.quarter {
        Some(q) => format!("bahan-rdp-{}-tw{q}.{extension}", figures.year),
        None => format!("bahan-rdp-{}.{extension}", figures.year),
    }
}

/// The hearing pack of a period for `user` (DPRD or the admin) in `format` and `lang`, and its
/// file name; recorded in the audit log as an export once the document is made.
pub async fn export(
    state: &super::AppState,
    user: &SessionUser,
    tahun: i32,
    tw: u32,
    format: RdpFormat,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>), AppError> {
    use crate::domain::Role;
    if !matches!(user.role, Role::Dprd | Role::Admin) {
        return Err(AppError::Forbidden);
    }
    let figures = dprd::figures(&state.db, tahun, tw, now).await?;
    let bytes = match format {
        RdpFormat::Xlsx => rdp_xlsx(&figures, lang)?,
        // A few milliseconds of CPU for some thirty OPDs, as for the recap: no blocking-pool hop.
        RdpFormat::Pdf => super::dprd_pdf::render(&figures, lang, now, super::pact_print::fonts()?),
    };
    dprd::record_view(&state.read_log, user, dprd::EXPORT_ACTION, figures.year, figures.quarter, now).await?;
    Ok((file_name(&figures, format), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(quarter: Option<u32>) -> DprdFigures {
        let shares: Vec<PredikatShare> = Predikat::ALL
            .iter()
            .map(|p| PredikatShare { predikat: *p, count: Figure::Hidden, share: Figure::Hidden })
            .collect();
        let g = GroupFigures {
            officials: Figure::Value(10),
            evaluated: Figure::Value(9),
            evaluations: Figure::Value(9),
            mean_score: Figure::Value("101.5".parse().unwrap()),
            median_score: Figure::Hidden,
            predikat: shares,
            pacts: Figure::Value(9),
            pacts_on_time: Figure::Value(8),
            on_time_share: Figure::Value("88.9".parse().unwrap()),
            tpp_paid: Figure::Value(100_000_000),
            tpp_budget: Figure::Empty,
            tpp_paid_share: Figure::Empty,
        };
        DprdFigures {
            year: 2026,
            quarter,
            locked: vec![1, 2],
            years: vec![2026],
            on_time_cutoff: chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
            budget_months: 3,
            city: g.clone(),
            opds: vec![crate::api::dprd::OpdFigures {
                code: "DISPAR".into(),
                name: "Dinas Pariwisata".into(),
                figures: g,
            }],
            trend: vec![],
        }
    }

    #[test]
    fn writes_a_workbook_named_after_the_period() {
        for lang in [Lang::Id, Lang::En] {
            let bytes = rdp_xlsx(&figures(Some(2)), lang).unwrap();
            assert!(bytes.starts_with(b"PK\x03\x04"), "a zip archive");
        }
        assert_eq!(file_name(&figures(Some(2)), RdpFormat::Xlsx), "bahan-rdp-2026-tw2.xlsx");
        assert_eq!(file_name(&figures(None), RdpFormat::Xlsx), "bahan-rdp-2026.xlsx");
        assert_eq!(file_name(&figures(Some(2)), RdpFormat::Pdf), "bahan-rdp-2026-tw2.pdf");
        assert_eq!(file_name(&figures(None), RdpFormat::Pdf), "bahan-rdp-2026.pdf");
        assert_eq!(
            title(&figures(None), Lang::Id),
            "BAHAN RDP KINERJA DAN TPP TAHUN 2026 — PEMERINTAH KOTA BATU"
        );
        assert!(notes(&figures(None), Lang::Id)[0].contains("TW I, TW II"));
    }

    #[test]
    fn the_pack_speaks_english() {
        assert_eq!(
            title(&figures(Some(2)), Lang::En),
            "HEARING PACK (RDP): PERFORMANCE AND TPP, Q2 2026 — BATU CITY GOVERNMENT"
        );
        assert_eq!(period_name(&figures(None), Lang::En), "2026");
        let notes = notes(&figures(None), Lang::En);
        assert!(notes[0].contains("(Q1, Q2)"), "{}", notes[0]);
        assert!(notes[1].contains("\"hidden (< 3)\""), "{}", notes[1]);
        assert!(notes[2].contains("31 January 2026") && notes[2].contains("× 3 months"), "{}", notes[2]);
        assert_eq!(opd_columns(Lang::En)[1].0, "Agency");
        assert_eq!(spread_columns("Agency", Lang::En)[1].0, "Very Good (count)");
        assert_eq!(trend_columns(Lang::Id).len(), 13);
        assert_eq!(quarter_name(Lang::Id, 4), "TW IV");
        assert_eq!(quarter_name(Lang::En, 5), "");
    }
}
