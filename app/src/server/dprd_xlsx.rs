//! The hearing pack (bahan RDP, rapat dengar pendapat) of the DPRD dashboard as an XLSX workbook:
//! the same figures as the page, aggregates only, hidden groups written as "disembunyikan (< 3)".
//! Sheets: the city summary, the figures per OPD, the predikat distribution, the trend.
use super::dprd;
use super::nominatif_xlsx::XLSX;
use crate::api::auth::SessionUser;
use crate::api::dprd::{DprdFigures, GroupFigures, PredikatShare};
use crate::domain::predikat::Predikat;
use crate::domain::privacy::{Figure, HIDDEN_LABEL, MIN_GROUP};
use crate::domain::tpp::Quarter;
use crate::error::AppError;
use crate::format::date_id;
use chrono::{DateTime, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, Color, Format, FormatAlign, FormatBorder, RowNum, Workbook, Worksheet, XlsxError,
};
use sea_orm::DatabaseConnection;

/// The content type of the workbook.
pub const CONTENT_TYPE: &str = XLSX;

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

/// How a figure is written: its number in `format`, or the reason it is missing.
enum Value<'a> {
    Number(f64, &'a Format),
    Missing(&'static str),
}

fn decimal<'a>(f: &Figure<Decimal>, format: &'a Format) -> Value<'a> {
    match f {
        Figure::Value(v) => Value::Number(v.to_f64().unwrap_or(0.0), format),
        Figure::Hidden => Value::Missing(HIDDEN_LABEL),
        Figure::Empty => Value::Missing("—"),
    }
}

fn count<'a>(f: &Figure<u64>, format: &'a Format) -> Value<'a> {
    decimal(&f.map(Decimal::from), format)
}

fn money<'a>(f: &Figure<i64>, format: &'a Format) -> Value<'a> {
    decimal(&f.map(Decimal::from), format)
}

fn put(ws: &mut Worksheet, row: RowNum, col: ColNum, v: Value<'_>, f: &Formats) -> Result<(), XlsxError> {
    match v {
        Value::Number(n, format) => ws.write_number_with_format(row, col, n, format)?,
        Value::Missing(text) => ws.write_string_with_format(row, col, text, &f.hidden)?,
    };
    Ok(())
}

fn headers(ws: &mut Worksheet, row: RowNum, columns: &[(&str, f64)], f: &Formats) -> Result<(), XlsxError> {
    ws.set_row_height(row, 30)?;
    for (col, (heading, width)) in columns.iter().enumerate() {
        ws.set_column_width(col as ColNum, *width)?;
        ws.write_string_with_format(row, col as ColNum, *heading, &f.header)?;
    }
    Ok(())
}

/// "BAHAN RDP KINERJA DAN TPP TW II 2026 — PEMERINTAH KOTA BATU".
pub fn title(figures: &DprdFigures) -> String {
    format!("BAHAN RDP KINERJA DAN TPP {} — PEMERINTAH KOTA BATU", figures.period_label().to_uppercase())
}

fn notes(figures: &DprdFigures) -> Vec<String> {
    let locked: Vec<String> =
        figures.locked.iter().filter_map(|q| Quarter::new(*q)).map(|q| format!("TW {}", q.roman())).collect();
    vec![
        if locked.is_empty() {
            format!("Belum ada triwulan {} yang dikunci.", figures.year)
        } else {
            format!("Sumber: hasil TPP triwulan yang sudah dikunci ({}).", locked.join(", "))
        },
        format!(
            "Kelompok kurang dari {MIN_GROUP} pejabat, dan angka yang dapat membukanya lewat selisih, ditulis \"{HIDDEN_LABEL}\"."
        ),
        format!(
            "Pakta tepat waktu: ditandatangani paling lambat {}. Pagu TPP: jumlah pagu bulanan pejabat aktif × {} bulan.",
            date_id(figures.on_time_cutoff),
            figures.budget_months
        ),
    ]
}

fn summary_sheet(ws: &mut Worksheet, figures: &DprdFigures, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("Ringkasan")?;
    ws.write_string_with_format(0, 0, title(figures), &f.title)?;
    let mut row: RowNum = 1;
    for n in notes(figures) {
        ws.write_string_with_format(row, 0, n, &f.note)?;
        row += 1;
    }
    row += 1;
    headers(ws, row, &[("Angka se-kota", 42.0), ("Nilai", 22.0)], f)?;
    let c = &figures.city;
    let lines: Vec<(&str, Value<'_>)> = vec![
        ("Pejabat aktif", count(&c.officials, &f.count)),
        ("Pejabat dinilai", count(&c.evaluated, &f.count)),
        ("Penilaian (pejabat × triwulan)", count(&c.evaluations, &f.count)),
        ("Rata-rata nilai", decimal(&c.mean_score, &f.decimal)),
        ("Median nilai", decimal(&c.median_score, &f.decimal)),
        ("Pakta", count(&c.pacts, &f.count)),
        ("Pakta ditandatangani tepat waktu", count(&c.pacts_on_time, &f.count)),
        ("Pakta tepat waktu (%)", decimal(&c.on_time_share, &f.decimal)),
        ("TPP dibayarkan (Rp)", money(&c.tpp_paid, &f.rupiah)),
        ("Pagu TPP (Rp)", money(&c.tpp_budget, &f.rupiah)),
        ("Serapan TPP (%)", decimal(&c.tpp_paid_share, &f.decimal)),
    ];
    for (label, value) in lines {
        row += 1;
        ws.write_string_with_format(row, 0, label, &f.text)?;
        put(ws, row, 1, value, f)?;
    }
    Ok(())
}

const OPD_COLUMNS: [(&str, f64); 12] = [
    ("Kode", 12.0),
    ("Perangkat daerah", 44.0),
    ("Pejabat aktif", 10.0),
    ("Pejabat dinilai", 10.0),
    ("Penilaian", 10.0),
    ("Rata-rata nilai", 10.0),
    ("Median nilai", 10.0),
    ("Pakta", 9.0),
    ("Pakta tepat waktu (%)", 12.0),
    ("TPP dibayarkan (Rp)", 18.0),
    ("Pagu TPP (Rp)", 18.0),
    ("Serapan TPP (%)", 11.0),
];

fn group_row(
    ws: &mut Worksheet,
    row: RowNum,
    code: &str,
    name: &str,
    g: &GroupFigures,
    f: &Formats,
    label: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, code, label)?;
    ws.write_string_with_format(row, 1, name, label)?;
    let values = [
        count(&g.officials, &f.count),
        count(&g.evaluated, &f.count),
        count(&g.evaluations, &f.count),
        decimal(&g.mean_score, &f.decimal),
        decimal(&g.median_score, &f.decimal),
        count(&g.pacts, &f.count),
        decimal(&g.on_time_share, &f.decimal),
        money(&g.tpp_paid, &f.rupiah),
        money(&g.tpp_budget, &f.rupiah),
        decimal(&g.tpp_paid_share, &f.decimal),
    ];
    for (i, v) in values.into_iter().enumerate() {
        put(ws, row, 2 + i as ColNum, v, f)?;
    }
    Ok(())
}

fn opd_sheet(ws: &mut Worksheet, figures: &DprdFigures, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("Per OPD")?;
    ws.write_string_with_format(
        0,
        0,
        format!("ANGKA PER PERANGKAT DAERAH, {}", figures.period_label()),
        &f.title,
    )?;
    headers(ws, 2, &OPD_COLUMNS, f)?;
    ws.set_freeze_panes(3, 2)?;
    let mut row: RowNum = 3;
    for o in &figures.opds {
        group_row(ws, row, &o.code, &o.name, &o.figures, f, &f.text)?;
        row += 1;
    }
    group_row(ws, row, "", "SE-KOTA", &figures.city, f, &f.total_text)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn spread_row(
    ws: &mut Worksheet,
    row: RowNum,
    label: &str,
    shares: &[PredikatShare],
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, label, &f.text)?;
    for (i, s) in shares.iter().enumerate() {
        let col = 1 + 2 * i as ColNum;
        put(ws, row, col, count(&s.count, &f.count), f)?;
        put(ws, row, col + 1, decimal(&s.share, &f.decimal), f)?;
    }
    Ok(())
}

fn spread_columns(first: &'static str) -> Vec<(String, f64)> {
    let mut columns = vec![(first.to_string(), 40.0)];
    for p in Predikat::ALL {
        columns.push((format!("{} (jumlah)", p.label_id()), 12.0));
        columns.push((format!("{} (%)", p.label_id()), 12.0));
    }
    columns
}

fn spread_sheet(ws: &mut Worksheet, figures: &DprdFigures, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("Sebaran predikat")?;
    ws.write_string_with_format(
        0,
        0,
        format!("SEBARAN PREDIKAT KINERJA, {}", figures.period_label()),
        &f.title,
    )?;
    let columns = spread_columns("Perangkat daerah");
    let refs: Vec<(&str, f64)> = columns.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    headers(ws, 2, &refs, f)?;
    ws.set_freeze_panes(3, 1)?;
    spread_row(ws, 3, "SE-KOTA", &figures.city.predikat, f)?;
    for (i, o) in figures.opds.iter().enumerate() {
        spread_row(ws, 4 + i as RowNum, &o.name, &o.figures.predikat, f)?;
    }
    Ok(())
}

fn trend_sheet(ws: &mut Worksheet, figures: &DprdFigures, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("Tren")?;
    ws.write_string_with_format(0, 0, format!("TREN SE-KOTA PER TRIWULAN, {}", figures.year), &f.title)?;
    let mut columns = spread_columns("Triwulan");
    columns.insert(1, ("Pejabat dinilai".into(), 10.0));
    columns.insert(2, ("Rata-rata nilai".into(), 10.0));
    let refs: Vec<(&str, f64)> = columns.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    headers(ws, 2, &refs, f)?;
    for (i, t) in figures.trend.iter().enumerate() {
        let row = 3 + i as RowNum;
        let name = Quarter::new(t.quarter).map(|q| format!("TW {}", q.roman())).unwrap_or_default();
        ws.write_string_with_format(row, 0, name, &f.text)?;
        put(ws, row, 1, count(&t.evaluated, &f.count), f)?;
        put(ws, row, 2, decimal(&t.mean_score, &f.decimal), f)?;
        for (j, s) in t.predikat.iter().enumerate() {
            let col = 3 + 2 * j as ColNum;
            put(ws, row, col, count(&s.count, &f.count), f)?;
            put(ws, row, col + 1, decimal(&s.share, &f.decimal), f)?;
        }
    }
    Ok(())
}

/// The workbook of the figures.
pub fn rdp_xlsx(figures: &DprdFigures) -> Result<Vec<u8>, AppError> {
    let f = Formats::new();
    let mut workbook = Workbook::new();
    let written = summary_sheet(workbook.add_worksheet(), figures, &f)
        .and_then(|_| opd_sheet(workbook.add_worksheet(), figures, &f))
        .and_then(|_| spread_sheet(workbook.add_worksheet(), figures, &f))
        .and_then(|_| trend_sheet(workbook.add_worksheet(), figures, &f))
        .and_then(|_| workbook.save_to_buffer());
    written.map_err(|e| {
        tracing::error!(error = %e, "RDP XLSX export failed");
        AppError::Internal
    })
}

/// The file name: `bahan-rdp-2026-tw2.xlsx` or `bahan-rdp-2026.xlsx`.
pub fn file_name(figures: &DprdFigures) -> String {
    match figures.quarter {
        Some(q) => format!("bahan-rdp-{}-tw{q}.xlsx", figures.year),
        None => format!("bahan-rdp-{}.xlsx", figures.year),
    }
}

/// The hearing pack for `user` (DPRD or the admin), recorded in the audit log as an export.
pub async fn export(
    db: &DatabaseConnection,
    user: &SessionUser,
    tahun: i32,
    tw: u32,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>), AppError> {
    use crate::domain::Role;
    if !matches!(user.role, Role::Dprd | Role::Admin) {
        return Err(AppError::Forbidden);
    }
    let figures = dprd::figures(db, tahun, tw, now).await?;
    let bytes = rdp_xlsx(&figures)?;
    dprd::record_view(db, user, dprd::EXPORT_ACTION, figures.year, figures.quarter, now).await?;
    Ok((file_name(&figures), bytes))
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
        let bytes = rdp_xlsx(&figures(Some(2))).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"), "a zip archive");
        assert_eq!(file_name(&figures(Some(2))), "bahan-rdp-2026-tw2.xlsx");
        assert_eq!(file_name(&figures(None)), "bahan-rdp-2026.xlsx");
        assert_eq!(title(&figures(None)), "BAHAN RDP KINERJA DAN TPP TAHUN 2026 — PEMERINTAH KOTA BATU");
        assert!(notes(&figures(None))[0].contains("TW I, TW II"));
    }
}
