//! Rekapitulasi TPP (issue 5): one OPD's stored TPP of a quarter as an A4 landscape PDF, signed
//! by the head of the OPD. The rows are the Daftar Nominatif's (`tpp_run::nominatif`), summed
//! per official; the totals row is the sum of the printed rows. Fonts and text measurement are
//! the pact PDF's (`pact_pdf`). The page, table and footer drawing below is shared with the
//! hearing pack (`dprd_pdf`). Indonesian or English (headings and labels; names, positions and
//! amounts as they are).
use super::entities::{official, opd};
use super::pact_pdf::{grey, line_h, pt, rect, wrap, Face, PactFonts, PT_MM};
use super::pact_print::fonts;
use super::tpp_run::{self, NominatifRow};
use crate::domain::tpp::Quarter;
use crate::domain::{Nip, PositionKind};
use crate::error::AppError;
use crate::format::{rupiah, wib};
use crate::i18n::{date_in, month_name_in, Lang};
use chrono::{DateTime, Utc};
use printpdf::{
    FontId, Mm, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem, TextMatrix,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};

// ---- the document, as plain strings and amounts ----

/// One official's quarter: TPP bruto per month of the quarter (whole Rupiah).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecapRow {
    pub name: String,
    /// As printed ("19700101 199803 1 001").
    pub nip: String,
    pub position: String,
    pub months: [i64; 3],
}

impl RecapRow {
    pub fn total(&self) -> i64 {
        self.months.iter().sum()
    }
}

/// The signature block: heading ("Kepala Dinas Pariwisata"), name, rank and NIP (as printed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecapSigner {
    pub heading: String,
    pub name: String,
    pub rank: String,
    pub nip: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecapDocument {
    pub government: String,
    pub opd_name: String,
    pub year: i32,
    pub quarter: Quarter,
    pub rows: Vec<RecapRow>,
    /// "Batu, 28 November 2026".
    pub place_date: String,
    pub signer: RecapSigner,
    /// The language of the headings and labels.
    pub lang: Lang,
}

impl RecapDocument {
    /// "REKAPITULASI TPP TRIWULAN II TAHUN 2026" / "TPP RECAPITULATION, Q2 2026".
    pub fn title(&self) -> String {
        match self.lang {
            Lang::Id => format!("REKAPITULASI TPP TRIWULAN {} TAHUN {}", self.quarter.roman(), self.year),
            Lang::En => format!("TPP RECAPITULATION, Q{} {}", self.quarter.number(), self.year),
        }
    }

    /// The name of month `i` (0..3) of the quarter.
    fn month(&self, i: usize) -> &'static str {
        month_name_in(self.lang, self.quarter.months()[i])
    }

    /// Σ per month and the quarter's Σ, over the rows.
    pub fn totals(&self) -> ([i64; 3], i64) {
        let mut months = [0i64; 3];
        for r in &self.rows {
            for (t, m) in months.iter_mut().zip(r.months) {
                *t += m;
            }
        }
        (months, months.iter().sum())
    }
}

// ---- from the database ----

fn eselon_rank(kind: &str) -> u8 {
    match PositionKind::parse(kind) {
        Some(PositionKind::JptPratama) => 0,
        Some(PositionKind::Administrator) => 1,
        Some(PositionKind::Pengawas) => 2,
        _ => 3,
    }
}

/// The head of an OPD among its officials: the active official (not the Wali Kota) of the
/// highest position (lowest eselon), preferring one whose superior is outside the OPD, then the
/// higher kelas jabatan. The schema has no "head" flag: the position hierarchy says it.
pub fn head_of(members: &[official::Model]) -> Option<&official::Model> {
    // The Wali Kota is recorded in the Sekretariat Daerah; reporting to them is reporting outside.
    let ids: HashSet<_> = members
        .iter()
        .filter(|o| o.position_kind != PositionKind::HeadOfRegion.as_str())
        .map(|o| o.id)
        .collect();
    members.iter().filter(|o| o.active && o.position_kind != PositionKind::HeadOfRegion.as_str()).min_by_key(
        |o| {
            let reports_inside = o.supervisor_id.is_some_and(|s| ids.contains(&s));
            (eselon_rank(&o.position_kind), reports_inside, std::cmp::Reverse(o.job_class), o.name.clone())
        },
    )
}

fn nip_text(nip: &str) -> String {
    Nip::parse(nip).map(|n| n.spaced()).unwrap_or_else(|_| nip.to_string())
}

/// The nominatif rows of one OPD, one row per official: by kelas jabatan (highest first), name.
pub fn recap_rows(q: Quarter, rows: &[NominatifRow]) -> Vec<RecapRow> {
    let months = q.months();
    let mut index: HashMap<uuid::Uuid, usize> = HashMap::new();
    let mut out: Vec<(i32, RecapRow)> = Vec::new();
    for r in rows {
        let Some(m) = months.iter().position(|m| *m == r.month) else { continue };
        let i = *index.entry(r.official_id).or_insert_with(|| {
            out.push((
                r.job_class,
                RecapRow {
                    name: r.name.clone(),
                    nip: nip_text(&r.nip),
                    position: r.position_title.clone(),
                    months: [0; 3],
                },
            ));
            out.len() - 1
        });
        out[i].1.months[m] += r.gross;
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    out.into_iter().map(|(_, r)| r).collect()
}

/// The recap of one OPD (by code) for a quarter in `lang`, and its file name. An unknown OPD is a
/// validation error on `opd`; a quarter without stored results is a conflict (both messages in
/// Indonesian, for the caller to translate).
pub async fn recap_pdf(
    db: &DatabaseConnection,
    year: i32,
    quarter: u32,
    opd_code: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>), AppError> {
    let q = super::evaluations::quarter_of(quarter)?;
    let code = opd_code.trim();
    if code.is_empty() {
        return Err(AppError::validation("opd", "Pilih perangkat daerah untuk rekapitulasi."));
    }
    let unit = opd::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .find(|o| o.code.eq_ignore_ascii_case(code))
        .ok_or_else(|| AppError::validation("opd", format!("Tidak ada perangkat daerah berkode {code}.")))?;
    let rows = recap_rows(q, &tpp_run::nominatif(db, year, quarter, Some(&unit.code)).await?);
    if rows.is_empty() {
        return Err(AppError::Conflict(format!(
            "Belum ada hasil perhitungan TPP TW {} {year} untuk {}: jalankan perhitungan terlebih dahulu.",
            q.roman(),
            unit.name
        )));
    }
    let members = official::Entity::find().filter(official::Column::OpdId.eq(unit.id)).all(db).await?;
    let signer = match head_of(&members) {
        Some(h) => RecapSigner {
            heading: h.position_title.clone(),
            name: h.name.clone(),
            rank: match (&h.rank, &h.grade) {
                (Some(r), Some(g)) => format!("{r} ({g})"),
                (Some(r), None) => r.clone(),
                (None, Some(g)) => g.clone(),
                (None, None) => String::new(),
            },
            nip: h.nip.as_deref().map(nip_text).unwrap_or_default(),
        },
        None => RecapSigner {
            heading: lang.pick(format!("Kepala {}", unit.name), format!("Head of {}", unit.name)),
            name: "(..............................)".into(),
            rank: String::new(),
            nip: String::new(),
        },
    };
    let doc = RecapDocument {
        government: lang.pick("PEMERINTAH KOTA BATU", "BATU CITY GOVERNMENT").into(),
        opd_name: unit.name.clone(),
        year,
        quarter: q,
        rows,
        place_date: format!("Batu, {}", date_in(lang, now.with_timezone(&wib()).date_naive())),
        signer,
        lang,
    };
    // A few milliseconds of CPU per OPD, as for a pact: not worth a blocking-pool hop.
    let bytes = render_recap(&doc, fonts()?);
    Ok((format!("rekap-tpp-{year}-tw{quarter}-{}.pdf", unit.code.to_lowercase()), bytes))
}

// ---- pages and tables, shared with the hearing pack (A4 landscape, mm from the top-left
// corner; sizes in pt) ----

pub(crate) const PAGE_W: f32 = 297.0;
pub(crate) const PAGE_H: f32 = 210.0;
pub(crate) const MARGIN_X: f32 = 15.0;
pub(crate) const MARGIN_TOP: f32 = 12.0;
/// Lowest y the body may reach; the footer sits below.
pub(crate) const BOTTOM: f32 = PAGE_H - 16.0;
/// Text size of table cells (pt), unless a document sets another.
pub(crate) const CELL: f32 = 7.5;
pub(crate) const SMALL: f32 = 7.0;
pub(crate) const PAD: f32 = 1.3;
/// A cell never grows past this many lines, so a row always fits on a page.
const MAX_CELL_LINES: usize = 6;
/// Shades of a table's header row and of its totals row.
pub(crate) const HEADER_SHADE: f32 = 0.86;
pub(crate) const TOTAL_SHADE: f32 = 0.93;

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// One cell of a table row: its wrapped lines.
pub(crate) struct Cell {
    lines: Vec<String>,
    align: Align,
}

/// Where a table stands: its left edge, its column widths and its whole width.
pub(crate) struct Columns {
    pub(crate) x: f32,
    pub(crate) widths: Vec<f32>,
    pub(crate) width: f32,
}

pub(crate) fn text_width() -> f32 {
    PAGE_W - 2.0 * MARGIN_X
}

/// The pages being drawn.
pub(crate) struct Canvas<'a> {
    fonts: &'a PactFonts,
    ids: [FontId; 2],
    pages: Vec<Vec<Op>>,
    /// Index of the page being drawn on.
    cur: usize,
    /// Cursor: distance from the top edge of the current page.
    pub(crate) y: f32,
    /// Text size of table cells (pt).
    pub(crate) cell: f32,
}

impl<'a> Canvas<'a> {
    pub(crate) fn new(fonts: &'a PactFonts) -> Canvas<'a> {
        let ids = [FontId("DejaVuSans".into()), FontId("DejaVuSans-Bold".into())];
        Canvas { fonts, ids, pages: Vec::new(), cur: 0, y: 0.0, cell: CELL }
    }

    pub(crate) fn face(&self, bold: bool) -> &'a Face {
        &self.fonts.faces[usize::from(bold)]
    }

    /// Pages drawn so far.
    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        &mut self.pages[self.cur]
    }

    /// Starts a new page, the cursor at its top margin.
    pub(crate) fn add_page(&mut self) {
        self.pages.push(Vec::new());
        self.cur = self.pages.len() - 1;
        self.y = MARGIN_TOP;
    }

    /// Whether a block of height `h` fits between the cursor and the bottom of the body.
    pub(crate) fn fits(&self, h: f32) -> bool {
        self.y + h <= BOTTOM
    }

    pub(crate) fn text(&mut self, x: f32, baseline: f32, size: f32, bold: bool, s: &str, shade: f32) {
        let s = self.face(bold).sanitize(s.to_string());
        let font = self.ids[usize::from(bold)].clone();
        let ops = self.ops();
        if shade > 0.0 {
            ops.push(Op::SetFillColor { col: grey(shade) });
        }
        ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(size) },
            Op::SetTextMatrix { matrix: TextMatrix::Translate(pt(x), pt(PAGE_H - baseline)) },
            Op::ShowText { items: vec![TextItem::Text(s)] },
            Op::EndTextSection,
        ]);
        if shade > 0.0 {
            ops.push(Op::SetFillColor { col: grey(0.0) });
        }
    }

    /// One line in a box of `width` starting at `x`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn aligned(
        &mut self,
        x: f32,
        width: f32,
        baseline: f32,
        size: f32,
        bold: bool,
        s: &str,
        align: Align,
    ) {
        let w = self.face(bold).width(s, size);
        let x = match align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.text(x, baseline, size, bold, s, 0.0);
    }

    /// Wrapped lines across the text width, at the cursor.
    pub(crate) fn paragraph(&mut self, s: &str, size: f32, bold: bool, align: Align) {
        let w = text_width();
        for (l, _) in wrap(self.face(bold), s, size, w) {
            self.aligned(MARGIN_X, w, self.y + size * PT_MM, size, bold, &l, align);
            self.y += line_h(size);
        }
    }

    /// Wrapped, centred lines across the text width, at the cursor.
    pub(crate) fn centred(&mut self, s: &str, size: f32, bold: bool) {
        self.paragraph(s, size, bold, Align::Center);
    }

    pub(crate) fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, shade: f32) {
        let r = rect(x, PAGE_H - y - h, w, h);
        let ops = self.ops();
        if shade > 0.0 {
            ops.push(Op::SetFillColor { col: grey(shade) });
        }
        ops.push(Op::DrawRectangle { rectangle: r });
        if shade > 0.0 {
            ops.push(Op::SetFillColor { col: grey(0.0) });
        }
    }

    pub(crate) fn hline(&mut self, x: f32, w: f32, y: f32, thick: f32) {
        self.fill(x, y - thick / 2.0, w, thick, 0.0);
    }

    /// The cells of one table row: each text wrapped to its column (at most [`MAX_CELL_LINES`]
    /// lines), aligned as `align` says of its column index.
    pub(crate) fn cells(
        &self,
        texts: &[&str],
        cols: &Columns,
        bold: bool,
        align: impl Fn(usize) -> Align,
    ) -> Vec<Cell> {
        let face = self.face(bold);
        texts
            .iter()
            .zip(&cols.widths)
            .enumerate()
            .map(|(i, (t, w))| {
                let mut lines: Vec<String> =
                    wrap(face, t, self.cell, w - 2.0 * PAD).into_iter().map(|(l, _)| l).collect();
                if lines.len() > MAX_CELL_LINES {
                    lines.truncate(MAX_CELL_LINES);
                    if let Some(l) = lines.last_mut() {
                        l.push('…');
                    }
                }
                Cell { lines, align: align(i) }
            })
            .collect()
    }

    /// The height of a row of `cells`.
    pub(crate) fn row_height(&self, cells: &[Cell]) -> f32 {
        cells.iter().map(|c| c.lines.len()).max().unwrap_or(1) as f32 * line_h(self.cell) + 2.0 * PAD
    }

    /// Draws one row at the cursor (the caller has made room) and moves below it.
    pub(crate) fn row(&mut self, cells: &[Cell], cols: &Columns, bold: bool, shade: f32) {
        let h = self.row_height(cells);
        let size = self.cell;
        let (x0, y0, tw) = (cols.x, self.y, cols.width);
        if shade > 0.0 {
            self.fill(x0, y0, tw, h, shade);
        }
        let mut x = x0;
        for (cell, w) in cells.iter().zip(&cols.widths) {
            let mut y = y0 + PAD;
            for l in &cell.lines {
                self.aligned(x + PAD, w - 2.0 * PAD, y + size * PT_MM, size, bold, l, cell.align);
                y += line_h(size);
            }
            x += w;
        }
        let t = 0.15;
        self.hline(x0, tw, y0, t);
        self.hline(x0, tw, y0 + h, t);
        let mut x = x0;
        for w in cols.widths.iter().chain(std::iter::once(&0.0)) {
            self.fill(x - t / 2.0, y0, t, h, 0.0);
            x += w;
        }
        self.y += h;
    }

    /// The small grey line that heads a continuation page, with a rule below.
    pub(crate) fn running_head(&mut self, s: &str) {
        let baseline = self.y + SMALL * PT_MM;
        self.text(MARGIN_X, baseline, SMALL, false, s, 0.35);
        self.y += line_h(SMALL) + 0.5;
        self.hline(MARGIN_X, text_width(), self.y, 0.2);
        self.y += 4.0;
    }

    /// Every page's footer: `left`, and the page number of the count ("Hal. 1 dari 3").
    pub(crate) fn footers(&mut self, left: &str, lang: Lang) {
        let n = self.pages.len();
        for i in 0..n {
            self.cur = i;
            let top = PAGE_H - 12.0;
            self.hline(MARGIN_X, text_width(), top, 0.2);
            let baseline = top + 2.0 + SMALL * PT_MM;
            let right = match lang {
                Lang::Id => format!("Hal. {} dari {n}", i + 1),
                Lang::En => format!("Page {} of {n}", i + 1),
            };
            self.text(MARGIN_X, baseline, SMALL, false, left, 0.35);
            self.aligned(MARGIN_X, text_width(), baseline, SMALL, false, &right, Align::Right);
        }
    }

    /// The PDF of the pages drawn, titled `title`.
    pub(crate) fn into_pdf(self, title: &str) -> Vec<u8> {
        let mut pdf = PdfDocument::new(title);
        for (id, face) in self.ids.iter().zip(&self.fonts.faces) {
            pdf.resources.fonts.map.insert(id.clone(), PdfFont::new(face.parsed.clone()));
        }
        let pages = self.pages.into_iter().map(|ops| PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops)).collect();
        pdf.with_pages(pages);
        let mut warnings = Vec::new();
        pdf.save(&PdfSaveOptions::default(), &mut warnings)
    }
}

// ---- the recap's layout ----

const SIGN_GAP: f32 = 20.0;
/// Relative widths: No, Nama, NIP, Jabatan, three months, quarter total.
const COLS: [f32; 8] = [8.0, 60.0, 40.0, 54.0, 27.0, 27.0, 27.0, 34.0];

fn col_widths() -> [f32; 8] {
    let scale = text_width() / COLS.iter().sum::<f32>();
    COLS.map(|c| c * scale)
}

struct Layout<'a> {
    doc: &'a RecapDocument,
    c: Canvas<'a>,
    cols: Columns,
}

impl<'a> Layout<'a> {
    fn cells(&self, texts: [&str; 8], bold: bool, header: bool) -> Vec<Cell> {
        self.c.cells(&texts, &self.cols, bold, |i| match i {
            _ if header => Align::Center,
            0 => Align::Center,
            1..=3 => Align::Left,
            _ => Align::Right,
        })
    }

    fn header_cells(&self) -> Vec<Cell> {
        let doc = self.doc;
        let lang = doc.lang;
        let month = |i: usize| format!("{} {}", lang.pick("TPP bruto", "Gross TPP"), doc.month(i));
        let (m1, m2, m3) = (month(0), month(1), month(2));
        let total = match lang {
            Lang::Id => format!("Jumlah TW {}", doc.quarter.roman()),
            Lang::En => format!("Total Q{}", doc.quarter.number()),
        };
        let [no, name, position] = lang.pick(["No", "Nama", "Jabatan"], ["No.", "Name", "Position"]);
        self.cells([no, name, "NIP", position, &m1, &m2, &m3, &total], true, true)
    }

    fn new_page(&mut self) {
        self.c.add_page();
        let doc = self.doc;
        if self.c.page_count() == 1 {
            let w = text_width();
            self.c.centred(&doc.government, 13.0, false);
            self.c.centred(&doc.opd_name.to_uppercase(), 15.0, true);
            self.c.y += 1.5;
            self.c.hline(MARGIN_X, w, self.c.y, 0.6);
            self.c.hline(MARGIN_X, w, self.c.y + 1.0, 0.2);
            self.c.y += 6.0;
            self.c.centred(&doc.title(), 12.0, true);
            let (first, last) = (doc.month(0), doc.month(2));
            let sub = match doc.lang {
                Lang::Id => {
                    format!("Tambahan Penghasilan Pegawai bruto (Rupiah), bulan {first}–{last} {}", doc.year)
                }
                Lang::En => {
                    format!("Gross TPP (additional employee income) in Rupiah, {first}–{last} {}", doc.year)
                }
            };
            self.c.centred(&sub, 9.0, false);
            self.c.y += 4.0;
        } else {
            let running = format!("{} · {} · {}", doc.government, doc.opd_name, doc.title());
            self.c.running_head(&running);
        }
    }

    /// A row that must not be split: a new page (with the header again) when it does not fit.
    fn keep(&mut self, cells: &[Cell], bold: bool, shade: f32, header: &[Cell]) {
        if !self.c.fits(self.c.row_height(cells)) {
            self.new_page();
            self.c.row(header, &self.cols, true, HEADER_SHADE);
        }
        self.c.row(cells, &self.cols, bold, shade);
    }

    fn table(&mut self) {
        let header = self.header_cells();
        self.c.row(&header, &self.cols, true, HEADER_SHADE);
        let doc = self.doc;
        for (i, r) in doc.rows.iter().enumerate() {
            let amounts = r.months.map(rupiah);
            let cells = self.cells(
                [
                    &(i + 1).to_string(),
                    &r.name,
                    &r.nip,
                    &r.position,
                    &amounts[0],
                    &amounts[1],
                    &amounts[2],
                    &rupiah(r.total()),
                ],
                false,
                false,
            );
            self.keep(&cells, false, 0.0, &header);
        }
        let (months, total) = doc.totals();
        let amounts = months.map(rupiah);
        let label = doc.lang.pick("JUMLAH", "TOTAL");
        let cells = self.cells(
            ["", label, "", "", &amounts[0], &amounts[1], &amounts[2], &rupiah(total)],
            true,
            false,
        );
        self.keep(&cells, true, TOTAL_SHADE, &header);
    }

    /// The head's signature block, right-aligned, on a new page when it does not fit.
    fn signature(&mut self) {
        let s = &self.doc.signer;
        let size = 10.0;
        let lh = line_h(size);
        let w = text_width() * 0.4;
        let x = MARGIN_X + text_width() - w;
        let mut lines: Vec<(String, bool)> = Vec::new();
        for text in [&self.doc.place_date, &s.heading] {
            lines.extend(wrap(self.c.face(false), text, size, w).into_iter().map(|(l, _)| (l, false)));
        }
        let names: Vec<String> =
            wrap(self.c.face(true), &s.name, size, w).into_iter().map(|(l, _)| l).collect();
        let tail: Vec<String> =
            [s.rank.clone(), if s.nip.is_empty() { String::new() } else { format!("NIP {}", s.nip) }]
                .into_iter()
                .filter(|l| !l.is_empty())
                .collect();
        let need = 6.0 + (lines.len() + names.len() + tail.len()) as f32 * lh + SIGN_GAP;
        if !self.c.fits(need) {
            self.new_page();
        }
        self.c.y += 6.0;
        for (l, bold) in &lines {
            self.c.aligned(x, w, self.c.y + size * PT_MM, size, *bold, l, Align::Center);
            self.c.y += lh;
        }
        self.c.y += SIGN_GAP;
        for l in &names {
            let base = self.c.y + size * PT_MM;
            self.c.aligned(x, w, base, size, true, l, Align::Center);
            let nw = self.c.face(true).width(l, size);
            self.c.hline(x + (w - nw) / 2.0, nw, base + 0.9, 0.2);
            self.c.y += lh;
        }
        for l in &tail {
            self.c.aligned(x, w, self.c.y + size * PT_MM, size, false, l, Align::Center);
            self.c.y += lh;
        }
    }
}

/// Renders the recap to PDF bytes.
pub fn render_recap(doc: &RecapDocument, fonts: &PactFonts) -> Vec<u8> {
    let cols = Columns { x: MARGIN_X, widths: col_widths().to_vec(), width: text_width() };
    let mut l = Layout { doc, c: Canvas::new(fonts), cols };
    l.new_page();
    l.table();
    l.signature();
    l.c.footers(&format!("{} · {}", doc.title(), doc.opd_name), doc.lang);
    l.c.into_pdf(&doc.title())
}
