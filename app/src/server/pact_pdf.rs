//! Renders a "Pakta Integritas & Perjanjian Kinerja" to PDF bytes.
//!
//! Pure layout: every text comes pre-formatted from the caller; only table/footer labels live here.
//! Depends on `printpdf` 0.12 (embedded TrueType, real text), `qrcode` and std.

use printpdf::{
    Color, CurTransMat, FontId, Greyscale, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Pt, Rect, TextItem, TextMatrix,
};
use qrcode::{EcLevel, QrCode};

/// Directory of the font files, relative to this source file (the only path to adjust when moving it).
macro_rules! pact_font_dir {
    () => {
        "../../assets/fonts/"
    };
}

const FONT_REGULAR: &[u8] = include_bytes!(concat!(pact_font_dir!(), "DejaVuSans-Subset.ttf"));
const FONT_BOLD: &[u8] = include_bytes!(concat!(pact_font_dir!(), "DejaVuSans-Bold-Subset.ttf"));

/// One party of the agreement.
pub struct PactParty {
    pub role_label: String,
    pub name: String,
    pub nip: String,
    pub position: String,
    pub rank: String,
}

/// One row of the targets annex.
pub struct PactIndicatorRow {
    pub number: String,
    pub objective: String,
    pub indicator: String,
    pub unit: String,
    pub polarity: String,
    pub target_kind: String,
    pub weight: String,
    pub annual: String,
    pub quarters: [String; 4],
    pub program: String,
    pub budget: String,
}

/// A signature column; `signed_line` is empty while unsigned.
pub struct PactSignatureBlock {
    pub heading: String,
    pub name: String,
    /// As printed under the name, label included: "NIP 19740906 …" (empty when none).
    pub nip: String,
    pub signed_line: String,
}

/// Verification data printed in every footer (with a QR code of `url`).
pub struct PactVerification {
    pub code: String,
    pub url: String,
    pub content_hash: String,
}

/// The whole document, as pre-formatted strings.
pub struct PactDocument {
    pub government: String,
    pub opd_name: String,
    pub opd_address: String,
    pub document_number: String,
    pub year: i32,
    pub version_label: String,
    pub draft: bool,
    pub integrity_title: String,
    pub integrity_intro: String,
    pub integrity_points: Vec<String>,
    pub integrity_closing: String,
    /// The official: identity table of the integrity pact, and the first party of the agreement.
    pub first_party: PactParty,
    /// The superior.
    pub second_party: PactParty,
    pub agreement_text: Vec<String>,
    pub indicators: Vec<PactIndicatorRow>,
    pub consequences: Vec<String>,
    pub place_date: String,
    pub integrity_signatures: [PactSignatureBlock; 2],
    pub agreement_signatures: [PactSignatureBlock; 2],
    /// Ignored when `draft` is true.
    pub verification: Option<PactVerification>,
}

// Labels (Indonesian) used by the layout itself.
const L_NAME: &str = "Nama";
const L_NIP: &str = "NIP";
const L_RANK: &str = "Pangkat/Gol.";
const L_POSITION: &str = "Jabatan";
const L_NUMBER: &str = "Nomor";
const L_PK_TITLE: &str = "PERJANJIAN KINERJA TAHUN";
const L_ANNEX_1: &str = "LAMPIRAN I";
const L_ANNEX_2: &str = "LAMPIRAN II";
const L_PROGRAM: &str = "Program";
const L_BUDGET: &str = "Anggaran";
const L_PAGE: &str = "Hal.";
const L_OF: &str = "dari";
const L_CODE: &str = "Kode verifikasi";
const L_VERIFY: &str = "Verifikasi keaslian";
const L_HASH: &str = "SHA-256";
const L_DRAFT: &str = "DRAF";
const TABLE_HEAD: [&str; 12] = [
    "No",
    "Sasaran Strategis",
    "Indikator Kinerja",
    "Satuan",
    "Polaritas",
    "Jenis Target",
    "Bobot (%)",
    "Target Tahunan",
    "TW I",
    "TW II",
    "TW III",
    "TW IV",
];
/// Relative column widths of the annex table (scaled to the landscape text width).
const TABLE_COLS: [f32; 12] = [8.0, 48.0, 72.0, 15.0, 17.0, 17.0, 12.0, 17.0, 13.0, 13.0, 13.0, 13.0];

// Geometry, in mm (sizes in pt).
pub(crate) const PT_MM: f32 = 25.4 / 72.0;
const A4_SHORT: f32 = 210.0;
const A4_LONG: f32 = 297.0;
const MARGIN_X: f32 = 20.0;
const MARGIN_TOP: f32 = 15.0;
const QR_SIZE: f32 = 22.0;
const FOOTER_BOTTOM: f32 = 8.0;
const BODY: f32 = 10.5;
const SMALL: f32 = 7.5;
const CELL: f32 = 7.5;
const HEAD: f32 = 7.0;
const CELL_PAD: f32 = 1.2;
const SIGN_GAP: f32 = 22.0;

/// Parsed fonts, loaded once and reused for every document.
pub struct PactFonts {
    /// Regular, bold.
    pub(crate) faces: [Face; 2],
}

const _: fn() = || {
    fn check<T: Send + Sync>() {}
    check::<PactFonts>();
};

impl PactFonts {
    /// Parses the embedded DejaVu Sans regular and bold faces.
    pub fn load() -> Result<PactFonts, String> {
        Ok(PactFonts { faces: [Face::parse(FONT_REGULAR, "regular")?, Face::parse(FONT_BOLD, "bold")?] })
    }
}

pub(crate) struct Face {
    pub(crate) parsed: ParsedFont,
    upm: f32,
    advances: Vec<u16>,
    /// Advance (em) of U+0000..U+024F (after substitution), the hot path of text measurement.
    latin: Vec<f32>,
}

/// Drawn in place of characters the font lacks.
const MISSING: char = '?';

impl Face {
    fn parse(bytes: &[u8], name: &str) -> Result<Face, String> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| format!("font {name}: cannot parse ({warnings:?})"))?;
        let (upm, advances) = read_advances(bytes).ok_or_else(|| format!("font {name}: no hmtx"))?;
        let mut face = Face { parsed, upm, advances, latin: Vec::new() };
        face.latin = (0..0x250u32).map(|cp| face.lookup_em(char::from_u32(cp).unwrap_or(MISSING))).collect();
        Ok(face)
    }

    /// The character actually drawn for `c`: controls become spaces, unknown glyphs [`MISSING`].
    fn drawn(&self, c: char) -> char {
        if c.is_control() {
            ' '
        } else if self.parsed.lookup_glyph_index(c as u32).is_some() {
            c
        } else {
            MISSING
        }
    }

    fn lookup_em(&self, c: char) -> f32 {
        let gid = self.parsed.lookup_glyph_index(self.drawn(c) as u32).unwrap_or(0);
        let adv = self.advances.get(usize::from(gid)).or(self.advances.last()).copied().unwrap_or(0);
        f32::from(adv) / self.upm
    }

    fn em(&self, c: char) -> f32 {
        self.latin.get(c as usize).copied().unwrap_or_else(|| self.lookup_em(c))
    }

    /// Width in mm of `s` at `size` pt.
    pub(crate) fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.em(c)).sum::<f32>() * size * PT_MM
    }

    /// `s` with every character replaced by what will be drawn (see [`Face::drawn`]).
    pub(crate) fn sanitize(&self, s: String) -> String {
        if s.chars().all(|c| self.drawn(c) == c) {
            s
        } else {
            s.chars().map(|c| self.drawn(c)).collect()
        }
    }
}

/// Reads units-per-em and per-glyph advance widths from the `head`/`hhea`/`maxp`/`hmtx` tables.
fn read_advances(b: &[u8]) -> Option<(f32, Vec<u16>)> {
    let u16_at = |o: usize| b.get(o..o + 2).map(|s| u16::from_be_bytes([s[0], s[1]]));
    let u32_at = |o: usize| b.get(o..o + 4).map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]));
    let num_tables = usize::from(u16_at(4)?);
    let table = |tag: &[u8; 4]| {
        (0..num_tables)
            .map(|i| 12 + 16 * i)
            .find(|&rec| b.get(rec..rec + 4) == Some(&tag[..]))
            .and_then(|rec| u32_at(rec + 8))
            .map(|off| off as usize)
    };
    let (head, hhea, maxp, hmtx) = (table(b"head")?, table(b"hhea")?, table(b"maxp")?, table(b"hmtx")?);
    let upm = f32::from(u16_at(head + 18)?);
    let metrics = usize::from(u16_at(hhea + 34)?);
    let glyphs = usize::from(u16_at(maxp + 4)?);
    let mut adv = (0..metrics).map(|i| u16_at(hmtx + 4 * i)).collect::<Option<Vec<u16>>>()?;
    let last = *adv.last()?;
    adv.resize(glyphs.max(metrics), last);
    (upm > 0.0).then_some((upm, adv))
}

#[derive(Clone, Copy, PartialEq)]
enum Wt {
    Regular,
    Bold,
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// A styled run of wrapped lines (used for table cells).
struct Styled {
    lines: Vec<String>,
    size: f32,
    wt: Wt,
    grey: f32,
}

struct Page {
    landscape: bool,
    ops: Vec<Op>,
    /// Font and size of the open text object (`BT` without `ET`), if any.
    text: Option<(usize, f32)>,
}

struct Builder<'a> {
    doc: &'a PactDocument,
    fonts: &'a PactFonts,
    ids: [FontId; 2],
    pages: Vec<Page>,
    /// Index of the page being drawn on.
    cur: usize,
    /// Cursor: distance from the top edge of the current page, in mm.
    y: f32,
}

pub(crate) fn line_h(size: f32) -> f32 {
    size * PT_MM * 1.38
}

pub(crate) fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

/// mm to pt, rounded to 0.01 pt to keep the content streams short.
pub(crate) fn pt(mm: f32) -> Pt {
    Pt((mm / PT_MM * 100.0).round() / 100.0)
}

pub(crate) fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
    let mut r = Rect::from_xywh(pt(x), pt(y), pt(w), pt(h));
    r.mode = Some(PaintMode::Fill);
    r
}

impl<'a> Builder<'a> {
    fn face(&self, wt: Wt) -> &'a Face {
        &self.fonts.faces[wt as usize]
    }

    fn landscape(&self) -> bool {
        self.pages.get(self.cur).is_some_and(|p| p.landscape)
    }

    /// Verification data, suppressed on drafts.
    fn verification(&self) -> Option<&'a PactVerification> {
        self.doc.verification.as_ref().filter(|_| !self.doc.draft)
    }

    fn page_w(&self) -> f32 {
        if self.landscape() {
            A4_LONG
        } else {
            A4_SHORT
        }
    }

    fn page_h(&self) -> f32 {
        if self.landscape() {
            A4_SHORT
        } else {
            A4_LONG
        }
    }

    fn text_w(&self) -> f32 {
        self.page_w() - 2.0 * MARGIN_X
    }

    fn footer_h(&self) -> f32 {
        if self.verification().is_some() {
            FOOTER_BOTTOM + QR_SIZE + 4.0
        } else {
            FOOTER_BOTTOM + 9.0
        }
    }

    /// Lowest y (from top) that body content may reach.
    fn bottom(&self) -> f32 {
        self.page_h() - self.footer_h() - 3.0
    }

    /// The current page's operations, with any open text object closed first.
    fn ops(&mut self) -> &mut Vec<Op> {
        let page = &mut self.pages[self.cur];
        if page.text.take().is_some() {
            page.ops.push(Op::EndTextSection);
        }
        &mut page.ops
    }

    fn new_page(&mut self, landscape: bool, letterhead: bool) {
        self.pages.push(Page { landscape, ops: Vec::new(), text: None });
        self.cur = self.pages.len() - 1;
        if self.doc.draft {
            self.watermark();
        }
        self.y = MARGIN_TOP;
        if letterhead {
            self.letterhead();
        } else {
            self.running_header();
        }
    }

    /// Starts a new page of the same orientation when `need` mm don't fit.
    fn ensure(&mut self, need: f32) {
        if self.y + need > self.bottom() {
            self.new_page(self.landscape(), false);
        }
    }

    // ---- drawing primitives (x, y in mm from the top-left corner) ----

    fn text_op(&mut self, x: f32, baseline: f32, size: f32, wt: Wt, mut items: Vec<TextItem>, shade: f32) {
        let (h, font, face) = (self.page_h(), self.ids[wt as usize].clone(), self.face(wt));
        for item in &mut items {
            if let TextItem::Text(t) = item {
                *t = face.sanitize(std::mem::take(t));
            }
        }
        // Consecutive text shares one text object; the font is only re-selected when it changes.
        if shade > 0.0 {
            self.ops().push(Op::SetFillColor { col: grey(shade) });
        }
        let page = &mut self.pages[self.cur];
        if page.text.is_none() {
            page.ops.push(Op::StartTextSection);
        }
        if page.text != Some((wt as usize, size)) {
            page.ops.push(Op::SetFont { font: PdfFontHandle::External(font), size: Pt(size) });
            page.text = Some((wt as usize, size));
        }
        page.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(pt(x), pt(h - baseline)) });
        page.ops.push(Op::ShowText { items });
        if shade > 0.0 {
            self.ops().push(Op::SetFillColor { col: grey(0.0) });
        }
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, wt: Wt, s: &str) {
        self.text_op(x, baseline, size, wt, vec![TextItem::Text(s.to_string())], 0.0);
    }

    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, shade: f32) {
        let r = rect(x, self.page_h() - y - h, w, h);
        let ops = self.ops();
        if shade > 0.0 {
            ops.push(Op::SetFillColor { col: grey(shade) });
        }
        ops.push(Op::DrawRectangle { rectangle: r });
        if shade > 0.0 {
            ops.push(Op::SetFillColor { col: grey(0.0) });
        }
    }

    fn hline(&mut self, x: f32, w: f32, y: f32, thick: f32) {
        self.fill(x, y - thick / 2.0, w, thick, 0.0);
    }

    /// Draws one line of text in a box of `width`; `last` disables justification.
    #[allow(clippy::too_many_arguments)]
    fn line(
        &mut self,
        x: f32,
        width: f32,
        baseline: f32,
        size: f32,
        wt: Wt,
        s: &str,
        align: Align,
        last: bool,
    ) {
        let face = self.face(wt);
        let lw = face.width(s, size);
        match align {
            Align::Left => self.text(x, baseline, size, wt, s),
            Align::Center => self.text(x + (width - lw) / 2.0, baseline, size, wt, s),
            Align::Right => self.text(x + width - lw, baseline, size, wt, s),
            Align::Justify => {
                let words: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
                let slack = width - lw;
                if last || words.len() < 2 || slack <= 0.0 || slack > width * 0.25 {
                    return self.text(x, baseline, size, wt, s);
                }
                let natural: f32 = words.iter().map(|w| face.width(w, size)).sum::<f32>()
                    + face.width(" ", size) * (words.len() - 1) as f32;
                let extra = (width - natural) / (words.len() - 1) as f32;
                let offset = -(extra / PT_MM) * 1000.0 / size;
                let mut items = Vec::with_capacity(words.len() * 2);
                for (i, w) in words.iter().enumerate() {
                    if i + 1 < words.len() {
                        items.push(TextItem::Text(format!("{w} ")));
                        items.push(TextItem::Offset(offset));
                    } else {
                        items.push(TextItem::Text((*w).to_string()));
                    }
                }
                self.text_op(x, baseline, size, wt, items, 0.0);
            }
        }
    }

    /// Flows wrapped text at the cursor, breaking pages between lines.
    fn paragraph(&mut self, x: f32, width: f32, size: f32, wt: Wt, s: &str, align: Align) {
        let lines = wrap(self.face(wt), s, size, width);
        let lh = line_h(size);
        let n = lines.len();
        for (i, (l, end)) in lines.iter().enumerate() {
            self.ensure(lh);
            let baseline = self.y + size * PT_MM;
            self.line(x, width, baseline, size, wt, l, align, *end || i + 1 == n);
            self.y += lh;
        }
    }

    /// Paragraph with a hanging marker ("1.", "a.", "-") in a `indent` mm gutter.
    fn marked(&mut self, marker: &str, s: &str, indent: f32, size: f32) {
        let (x, width) = (MARGIN_X, self.text_w());
        let lines = wrap(self.face(Wt::Regular), s, size, width - indent);
        let lh = line_h(size);
        let n = lines.len();
        for (i, (l, end)) in lines.iter().enumerate() {
            self.ensure(lh);
            let baseline = self.y + size * PT_MM;
            if i == 0 {
                self.text(x, baseline, size, Wt::Regular, marker);
            }
            self.line(
                x + indent,
                width - indent,
                baseline,
                size,
                Wt::Regular,
                l,
                Align::Justify,
                *end || i + 1 == n,
            );
            self.y += lh;
        }
    }

    fn centered_title(&mut self, s: &str, size: f32) {
        let w = self.text_w();
        self.paragraph(MARGIN_X, w, size, Wt::Bold, s, Align::Center);
    }

    // ---- page furniture ----

    fn watermark(&mut self) {
        let (w, h) = (self.page_w(), self.page_h());
        let size = 150.0;
        let face = self.face(Wt::Bold);
        let tw = face.width(L_DRAFT, size);
        let cap = 0.73 * size * PT_MM;
        let angle = (h - 60.0).atan2(w - 40.0);
        let (sin, cos) = angle.sin_cos();
        // Start point so that the text's centre lands on the page centre (PDF coordinates, mm).
        let (cx, cy) = (w / 2.0, h / 2.0);
        let sx = cx - cos * tw / 2.0 + sin * cap / 2.0;
        let sy = cy - sin * tw / 2.0 - cos * cap / 2.0;
        let font = self.ids[Wt::Bold as usize].clone();
        self.ops().extend([
            Op::SetFillColor { col: grey(0.88) },
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(size) },
            Op::SetTextMatrix { matrix: TextMatrix::Raw([cos, sin, -sin, cos, pt(sx).0, pt(sy).0]) },
            Op::ShowText { items: vec![TextItem::Text(L_DRAFT.to_string())] },
            Op::EndTextSection,
            Op::SetFillColor { col: grey(0.0) },
        ]);
    }

    fn letterhead(&mut self) {
        let doc = self.doc;
        let w = self.text_w();
        self.paragraph(MARGIN_X, w, 13.0, Wt::Regular, &doc.government, Align::Center);
        self.paragraph(MARGIN_X, w, 15.0, Wt::Bold, &doc.opd_name, Align::Center);
        if !doc.opd_address.is_empty() {
            self.paragraph(MARGIN_X, w, 8.5, Wt::Regular, &doc.opd_address, Align::Center);
        }
        self.y += 1.5;
        self.hline(MARGIN_X, w, self.y, 0.6);
        self.hline(MARGIN_X, w, self.y + 1.0, 0.2);
        self.y += 2.5;
        let meta = format!("{L_NUMBER}: {} · {}", doc.document_number, doc.version_label);
        self.paragraph(MARGIN_X, w, SMALL, Wt::Regular, &meta, Align::Right);
        self.y += 4.0;
    }

    fn running_header(&mut self) {
        let doc = self.doc;
        let w = self.text_w();
        let left = format!("{} · {}", doc.government, doc.opd_name);
        let right = format!("{} · {}", doc.document_number, doc.version_label);
        let face = self.face(Wt::Regular);
        let rw = face.width(&right, SMALL).min(w * 0.45);
        let left = wrap(face, &left, SMALL, w - rw - 4.0).into_iter().next().map(|l| l.0).unwrap_or_default();
        let baseline = self.y + SMALL * PT_MM;
        self.text_op(MARGIN_X, baseline, SMALL, Wt::Regular, vec![TextItem::Text(left)], 0.35);
        let rx = MARGIN_X + w - face.width(&right, SMALL);
        self.text_op(rx, baseline, SMALL, Wt::Regular, vec![TextItem::Text(right)], 0.35);
        self.y += line_h(SMALL) + 0.5;
        self.hline(MARGIN_X, w, self.y, 0.2);
        self.y += 6.0;
    }

    fn footer(&mut self, index: usize, total: usize, qr: &[QrRect], qr_modules: f32) {
        let doc = self.doc;
        let (w, h) = (self.page_w(), self.page_h());
        let tw = w - 2.0 * MARGIN_X;
        let top = h - self.footer_h() + 1.0;
        self.hline(MARGIN_X, tw, top, 0.2);
        let mut lines: Vec<(String, f32, Wt)> = vec![(
            format!("{L_PAGE} {index} {L_OF} {total} · {L_NUMBER}: {}", doc.document_number),
            SMALL,
            Wt::Bold,
        )];
        if let Some(v) = self.verification() {
            lines.push((format!("{L_CODE}: {}", v.code), SMALL, Wt::Regular));
            lines.push((format!("{L_VERIFY}: {}", v.url), SMALL, Wt::Regular));
            lines.push((format!("{L_HASH}: {}", v.content_hash), 5.5, Wt::Regular));
            // One module = one unit: the runs become short integer `re` operators.
            let m = QR_SIZE / qr_modules;
            let (x0, y0) = (w - MARGIN_X - QR_SIZE, FOOTER_BOTTOM + QR_SIZE);
            let ops = self.ops();
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetTransformationMatrix {
                matrix: CurTransMat::Raw([m / PT_MM, 0.0, 0.0, -m / PT_MM, pt(x0).0, pt(y0).0]),
            });
            for &(col, row, run, rows) in qr {
                // A little vertical overlap avoids anti-aliasing seams between rows.
                let mut r = Rect::from_xywh(Pt(col), Pt(row), Pt(run), Pt(rows + 0.05));
                r.mode = Some(PaintMode::Fill);
                ops.push(Op::DrawRectangle { rectangle: r });
            }
            ops.push(Op::RestoreGraphicsState);
        }
        let mut y = top + 2.0;
        let max_w = if self.verification().is_some() { tw - QR_SIZE - 4.0 } else { tw };
        for (s, size, wt) in lines {
            for (l, _) in wrap(self.face(wt), &s, size, max_w) {
                y += line_h(size);
                self.text(MARGIN_X, y - 0.3 * size * PT_MM, size, wt, &l);
            }
        }
    }

    // ---- blocks ----

    /// "Nama : ..." rows for one party; empty values are skipped.
    fn identity(&mut self, party: &PactParty, x: f32) {
        let rows = [
            (L_NAME, &party.name),
            (L_NIP, &party.nip),
            (L_RANK, &party.rank),
            (L_POSITION, &party.position),
        ];
        let (label_w, size) = (32.0, BODY);
        let value_w = MARGIN_X + self.text_w() - x - label_w - 4.0;
        let lh = line_h(size);
        for (label, value) in rows.iter().filter(|r| !r.1.trim().is_empty()) {
            let lines = wrap(self.face(Wt::Regular), value, size, value_w);
            self.ensure(lh * lines.len() as f32);
            let baseline = self.y + size * PT_MM;
            self.text(x, baseline, size, Wt::Regular, label);
            self.text(x + label_w, baseline, size, Wt::Regular, ":");
            for (i, (l, _)) in lines.iter().enumerate() {
                let wt = if *label == L_NAME { Wt::Bold } else { Wt::Regular };
                self.text(x + label_w + 4.0, baseline + i as f32 * lh, size, wt, l);
            }
            self.y += lh * lines.len() as f32;
        }
    }

    /// Two signature columns side by side; `place_date` goes above the right one.
    fn signatures(&mut self, blocks: &[PactSignatureBlock; 2], place_date: &str, size: f32, gap: f32) {
        let col_w = self.text_w() / 2.0;
        let lh = line_h(size);
        let inner = col_w - 8.0;
        let reg = self.face(Wt::Regular);
        let bold = self.face(Wt::Bold);
        let date = if place_date.is_empty() { Vec::new() } else { wrap(reg, place_date, size, inner) };
        let heads: Vec<Vec<(String, bool)>> =
            blocks.iter().map(|b| wrap(reg, &b.heading, size, inner)).collect();
        let names: Vec<Vec<(String, bool)>> =
            blocks.iter().map(|b| wrap(bold, &b.name, size, inner)).collect();
        let head_n = heads.iter().map(Vec::len).max().unwrap_or(0);
        let name_n = names.iter().map(Vec::len).max().unwrap_or(1);
        let total = (date.len() + head_n + name_n + 1) as f32 * lh + gap + 4.0;
        self.ensure(total);
        self.y += 2.0;
        let y0 = self.y;
        for (i, b) in blocks.iter().enumerate() {
            let x = MARGIN_X + i as f32 * col_w + 4.0;
            let mut y = y0;
            if i == 1 {
                for (l, _) in &date {
                    self.line(x, inner, y + size * PT_MM, size, Wt::Regular, l, Align::Center, true);
                    y += lh;
                }
            } else {
                y += date.len() as f32 * lh;
            }
            for (l, _) in &heads[i] {
                self.line(x, inner, y + size * PT_MM, size, Wt::Regular, l, Align::Center, true);
                y += lh;
            }
            y = y0 + (date.len() + head_n) as f32 * lh;
            if !b.signed_line.is_empty() {
                let stamp = wrap(reg, &b.signed_line, SMALL, inner - 12.0);
                let slh = line_h(SMALL);
                let bh = stamp.len() as f32 * slh + 3.0;
                let by = y + (gap - bh) / 2.0;
                self.fill(x + 4.0, by, inner - 8.0, bh, 0.93);
                self.fill(x + 4.0, by, 0.6, bh, 0.45);
                for (k, (l, _)) in stamp.iter().enumerate() {
                    let base = by + 1.5 + k as f32 * slh + SMALL * PT_MM;
                    self.line(x + 6.0, inner - 12.0, base, SMALL, Wt::Regular, l, Align::Center, true);
                }
            }
            y += gap;
            for (l, _) in &names[i] {
                let base = y + size * PT_MM;
                self.line(x, inner, base, size, Wt::Bold, l, Align::Center, true);
                let nw = bold.width(l, size);
                self.hline(x + (inner - nw) / 2.0, nw, base + 0.9, 0.2);
                y += lh;
            }
            if !b.nip.is_empty() {
                // The block's NIP carries its label ("NIP 1974…").
                self.line(x, inner, y + size * PT_MM, size, Wt::Regular, &b.nip, Align::Center, true);
            }
        }
        self.y = y0 + total - 2.0;
    }

    fn integrity_page(&mut self) {
        let doc = self.doc;
        let w = self.text_w();
        self.centered_title(&doc.integrity_title, 13.0);
        self.y += 4.0;
        self.paragraph(MARGIN_X, w, BODY, Wt::Regular, &doc.integrity_intro, Align::Justify);
        self.y += 1.5;
        self.identity(&doc.first_party, MARGIN_X + 6.0);
        self.y += 3.0;
        for (i, p) in doc.integrity_points.iter().enumerate() {
            self.marked(&format!("{}.", i + 1), p, 7.0, BODY);
            self.y += 1.0;
        }
        self.y += 2.0;
        self.paragraph(MARGIN_X, w, BODY, Wt::Regular, &doc.integrity_closing, Align::Justify);
        self.y += 4.0;
        self.signatures(&doc.integrity_signatures, &doc.place_date, BODY, SIGN_GAP);
    }

    fn agreement_pages(&mut self) {
        let doc = self.doc;
        self.new_page(false, false);
        let w = self.text_w();
        self.centered_title(&format!("{L_PK_TITLE} {}", doc.year), 13.0);
        self.paragraph(MARGIN_X, w, 9.0, Wt::Regular, &doc.opd_name, Align::Center);
        self.y += 5.0;
        for party in [&doc.first_party, &doc.second_party] {
            self.ensure(line_h(BODY) * 4.0);
            self.paragraph(MARGIN_X, w, BODY, Wt::Bold, &party.role_label, Align::Left);
            self.identity(party, MARGIN_X + 6.0);
            self.y += 3.0;
        }
        for p in &doc.agreement_text {
            self.paragraph(MARGIN_X, w, BODY, Wt::Regular, p, Align::Justify);
            self.y += 2.0;
        }
        self.y += 3.0;
        self.signatures(&doc.agreement_signatures, &doc.place_date, BODY, SIGN_GAP);
    }

    fn annex_heading(&mut self, label: &str) {
        let doc = self.doc;
        let w = self.text_w();
        self.paragraph(MARGIN_X, w, BODY, Wt::Bold, label, Align::Left);
        self.paragraph(MARGIN_X, w, BODY, Wt::Bold, &format!("{L_PK_TITLE} {}", doc.year), Align::Left);
        self.paragraph(MARGIN_X, w, 9.0, Wt::Regular, &doc.opd_name, Align::Left);
        self.y += 4.0;
    }

    fn col_widths(&self) -> [f32; 12] {
        let scale = self.text_w() / TABLE_COLS.iter().sum::<f32>();
        TABLE_COLS.map(|c| c * scale)
    }

    fn cell_height(cells: &[Vec<Styled>]) -> f32 {
        cells
            .iter()
            .map(|c| c.iter().map(|s| s.lines.len() as f32 * line_h(s.size)).sum::<f32>())
            .fold(0.0, f32::max)
            + 2.0 * CELL_PAD
    }

    /// Draws one table row at the cursor (no page-break logic).
    fn table_row(&mut self, cells: &[Vec<Styled>], height: f32, fill: f32) {
        let cols = self.col_widths();
        let (x0, y0) = (MARGIN_X, self.y);
        if fill > 0.0 {
            self.fill(x0, y0, self.text_w(), height, fill);
        }
        let mut x = x0;
        for (i, cell) in cells.iter().enumerate() {
            let align = if matches!(i, 1 | 2) && fill == 0.0 { Align::Left } else { Align::Center };
            let mut y = y0 + CELL_PAD;
            for s in cell {
                let lh = line_h(s.size);
                for l in &s.lines {
                    let inner = cols[i] - 2.0 * CELL_PAD;
                    let base = y + s.size * PT_MM;
                    if s.grey > 0.0 {
                        let lx = match align {
                            Align::Left => x + CELL_PAD,
                            _ => x + CELL_PAD + (inner - self.face(s.wt).width(l, s.size)) / 2.0,
                        };
                        self.text_op(lx, base, s.size, s.wt, vec![TextItem::Text(l.clone())], s.grey);
                    } else {
                        self.line(x + CELL_PAD, inner, base, s.size, s.wt, l, align, true);
                    }
                    y += lh;
                }
            }
            x += cols[i];
        }
        // Grid: top, bottom and every column edge.
        let t = 0.15;
        let tw = self.text_w();
        self.hline(x0, tw, y0, t);
        self.hline(x0, tw, y0 + height, t);
        let mut x = x0;
        for c in cols.iter().chain(std::iter::once(&0.0)) {
            self.fill(x - t / 2.0, y0, t, height, 0.0);
            x += c;
        }
        self.y += height;
    }

    fn header_cells(&self) -> Vec<Vec<Styled>> {
        let cols = self.col_widths();
        let face = self.face(Wt::Bold);
        TABLE_HEAD
            .iter()
            .zip(cols)
            .map(|(h, w)| {
                let lines = wrap(face, h, HEAD, w - 2.0 * CELL_PAD).into_iter().map(|l| l.0).collect();
                vec![Styled { lines, size: HEAD, wt: Wt::Bold, grey: 0.0 }]
            })
            .collect()
    }

    fn row_cells(&self, r: &PactIndicatorRow) -> Vec<Vec<Styled>> {
        let cols = self.col_widths();
        let reg = self.face(Wt::Regular);
        let texts: [&str; 12] = [
            &r.number,
            &r.objective,
            &r.indicator,
            &r.unit,
            &r.polarity,
            &r.target_kind,
            &r.weight,
            &r.annual,
            &r.quarters[0],
            &r.quarters[1],
            &r.quarters[2],
            &r.quarters[3],
        ];
        let mut cells: Vec<Vec<Styled>> = texts
            .iter()
            .zip(cols)
            .map(|(t, w)| {
                let lines = wrap(reg, t, CELL, w - 2.0 * CELL_PAD).into_iter().map(|l| l.0).collect();
                vec![Styled { lines, size: CELL, wt: Wt::Regular, grey: 0.0 }]
            })
            .collect();
        let mut sub = Vec::new();
        if !r.program.trim().is_empty() {
            sub.push(format!("{L_PROGRAM}: {}", r.program));
        }
        if !r.budget.trim().is_empty() {
            sub.push(format!("{L_BUDGET}: {}", r.budget));
        }
        if !sub.is_empty() {
            let size = 6.5;
            let lines = wrap(reg, &sub.join("\n"), size, cols[2] - 2.0 * CELL_PAD).into_iter().map(|l| l.0);
            cells[2].push(Styled { lines: lines.collect(), size, wt: Wt::Regular, grey: 0.35 });
        }
        cells
    }

    fn targets_annex(&mut self) {
        let doc = self.doc;
        self.new_page(true, false);
        self.annex_heading(L_ANNEX_1);
        let header = self.header_cells();
        let header_h = Self::cell_height(&header);
        let mut need_header = true;
        for r in &doc.indicators {
            let mut cells = self.row_cells(r);
            let mut h = Self::cell_height(&cells);
            let room = self.bottom() - (MARGIN_TOP + 12.0) - header_h;
            if h > room {
                truncate_cells(&mut cells, room - 2.0 * CELL_PAD);
                h = Self::cell_height(&cells);
            }
            if !need_header && self.y + h > self.bottom() {
                self.new_page(true, false);
                need_header = true;
            }
            if need_header {
                self.ensure(header_h + h);
                self.table_row(&header, header_h, 0.86);
                need_header = false;
            }
            self.table_row(&cells, h, 0.0);
        }
        self.y += 4.0;
        self.signatures(&doc.agreement_signatures, &doc.place_date, 9.0, SIGN_GAP - 4.0);
    }

    fn consequences_annex(&mut self) {
        let doc = self.doc;
        self.new_page(false, false);
        self.annex_heading(L_ANNEX_2);
        for c in &doc.consequences {
            match split_marker(c) {
                Some((marker, rest)) => self.marked(marker, rest, 7.0, BODY),
                None => {
                    let w = self.text_w();
                    self.paragraph(MARGIN_X, w, BODY, Wt::Regular, c, Align::Justify);
                }
            }
            self.y += 1.5;
        }
    }
}

/// Splits a leading list marker ("1.", "a)", "-", "•") off a line.
fn split_marker(s: &str) -> Option<(&str, &str)> {
    let (head, rest) = s.split_once(' ')?;
    let core = head.trim_end_matches(['.', ')']);
    let is_marker = matches!(head, "-" | "•" | "–")
        || (head.len() > core.len()
            && !core.is_empty()
            && core.len() <= 3
            && (core.chars().all(|c| c.is_ascii_digit()) || core.chars().all(|c| c.is_ascii_lowercase())));
    is_marker.then_some((head, rest.trim_start()))
}

/// Cuts cell text so a pathological row fits on one page; the last kept line ends with "…".
fn truncate_cells(cells: &mut [Vec<Styled>], room: f32) {
    for cell in cells {
        let mut used = 0.0;
        for s in cell.iter_mut() {
            let lh = line_h(s.size);
            let keep = ((room - used) / lh).floor().max(0.0) as usize;
            if s.lines.len() > keep {
                s.lines.truncate(keep);
                if let Some(l) = s.lines.last_mut() {
                    l.push('…');
                }
            }
            used += s.lines.len() as f32 * lh;
        }
    }
}

/// Greedy word wrap; returns lines with a flag marking the end of a source paragraph.
pub(crate) fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<(String, bool)> {
    let space = face.width(" ", size);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut lw = 0.0;
        for word in para.split_whitespace() {
            let ww = face.width(word, size);
            if !line.is_empty() && lw + space + ww <= width {
                line.push(' ');
                line.push_str(word);
                lw += space + ww;
                continue;
            }
            if !line.is_empty() {
                out.push((std::mem::take(&mut line), false));
            }
            if ww <= width {
                line.push_str(word);
                lw = ww;
                continue;
            }
            // A word wider than the box: hard-break it by characters.
            lw = 0.0;
            for c in word.chars() {
                let cw = face.width(c.encode_utf8(&mut [0; 4]), size);
                if lw + cw > width && !line.is_empty() {
                    out.push((std::mem::take(&mut line), false));
                    lw = 0.0;
                }
                line.push(c);
                lw += cw;
            }
        }
        out.push((line, true));
    }
    out
}

/// A filled block of QR modules: (column, row, width, height) in module units, rows counted downwards.
type QrRect = (f32, f32, f32, f32);

/// Dark modules of the QR code as horizontal runs merged over identical consecutive rows,
/// plus the module count per side.
fn qr_rects(url: &str) -> Result<(Vec<QrRect>, f32), String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).map_err(|e| e.to_string())?;
    let n = code.width();
    let dark: Vec<bool> = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    let mut out: Vec<QrRect> = Vec::new();
    // Runs of the previous row still open for vertical merging: (start, len) -> index in `out`.
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    for row in 0..n {
        let mut next_open = Vec::new();
        let mut col = 0;
        while col < n {
            if !dark[row * n + col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < n && dark[row * n + col] {
                col += 1;
            }
            let len = col - start;
            match open.iter().find(|o| o.0 == start && o.1 == len) {
                Some(&(_, _, i)) => {
                    out[i].3 += 1.0;
                    next_open.push((start, len, i));
                }
                None => {
                    out.push((start as f32, row as f32, len as f32, 1.0));
                    next_open.push((start, len, out.len() - 1));
                }
            }
        }
        open = next_open;
    }
    Ok((out, n as f32))
}

/// Renders the pact to PDF bytes.
pub fn render_pact(doc: &PactDocument, fonts: &PactFonts) -> Result<Vec<u8>, String> {
    let mut pdf = PdfDocument::new(&doc.document_number);
    let ids = [FontId("DejaVuSans".into()), FontId("DejaVuSans-Bold".into())];
    for (id, face) in ids.iter().zip(&fonts.faces) {
        pdf.resources.fonts.map.insert(id.clone(), PdfFont::new(face.parsed.clone()));
    }
    let mut b = Builder { doc, fonts, ids, pages: Vec::new(), cur: 0, y: 0.0 };
    let (runs, modules) = match b.verification() {
        Some(v) => qr_rects(&v.url)?,
        None => (Vec::new(), 0.0),
    };
    b.new_page(false, true);
    b.integrity_page();
    b.agreement_pages();
    if !doc.indicators.is_empty() {
        b.targets_annex();
    }
    if !doc.consequences.is_empty() {
        b.consequences_annex();
    }
    let total = b.pages.len();
    for i in 0..total {
        b.cur = i;
        b.footer(i + 1, total, &runs, modules);
        b.ops(); // closes a still-open text object
    }
    let pages = b
        .pages
        .into_iter()
        .map(|p| {
            let (w, h) = if p.landscape { (A4_LONG, A4_SHORT) } else { (A4_SHORT, A4_LONG) };
            PdfPage::new(Mm(w), Mm(h), p.ops)
        })
        .collect();
    pdf.with_pages(pages);
    let mut warnings = Vec::new();
    Ok(pdf.save(&PdfSaveOptions::default(), &mut warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(role: &str) -> PactParty {
        PactParty {
            role_label: role.into(),
            name: "Drs. Ahmad Fauzi, M.Si.".into(),
            nip: "19700101 199803 1 001".into(),
            position: "Kepala Dinas".into(),
            rank: String::new(),
        }
    }

    fn sig(heading: &str) -> PactSignatureBlock {
        PactSignatureBlock {
            heading: heading.into(),
            name: "A".into(),
            nip: String::new(),
            signed_line: String::new(),
        }
    }

    fn doc(draft: bool, indicators: usize) -> PactDocument {
        let row = |i: usize| PactIndicatorRow {
            number: (i + 1).to_string(),
            objective: "Meningkatnya kualitas layanan ".repeat(3),
            indicator: "Persentase layanan ≥ 80% ".repeat(4),
            unit: "%".into(),
            polarity: "Maximize".into(),
            target_kind: "Kumulatif".into(),
            weight: "10,00".into(),
            annual: "85".into(),
            quarters: ["20", "40", "60", "85"].map(String::from),
            program: String::new(),
            budget: "Rp1.250.000.000".into(),
        };
        PactDocument {
            government: "PEMERINTAH KOTA BATU".into(),
            opd_name: "DINAS KOMUNIKASI DAN INFORMATIKA".into(),
            opd_address: String::new(),
            document_number: "PK/2026/0012/v1".into(),
            year: 2026,
            version_label: "Versi 1".into(),
            draft,
            integrity_title: "PAKTA INTEGRITAS".into(),
            integrity_intro: "Saya yang bertanda tangan di bawah ini:".into(),
            integrity_points: vec!["Tidak menerima gratifikasi. ".repeat(10)],
            integrity_closing: "Demikian.".into(),
            first_party: party("PIHAK PERTAMA"),
            second_party: party("PIHAK KEDUA"),
            agreement_text: vec!["Pihak pertama berjanji.".into()],
            indicators: (0..indicators).map(row).collect(),
            consequences: vec!["1. Sanksi sesuai ketentuan.".into()],
            place_date: "Batu, 2 Januari 2026".into(),
            integrity_signatures: [sig("Menyaksikan,"), sig("Pembuat Pernyataan,")],
            agreement_signatures: [sig("Pihak Kedua,"), sig("Pihak Pertama,")],
            verification: Some(PactVerification {
                code: "7K3M-Q9TX-2B4P".into(),
                url: "https://pakta.batukota.go.id/verifikasi/7K3M-Q9TX-2B4P".into(),
                content_hash: "0".repeat(64),
            }),
        }
    }

    #[test]
    fn renders_signed_draft_and_many_rows() {
        let fonts = PactFonts::load().unwrap();
        for (draft, rows) in [(false, 1), (true, 3), (false, 40)] {
            let pdf = render_pact(&doc(draft, rows), &fonts).unwrap();
            assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 10_000, "draft={draft} rows={rows}");
        }
    }

    #[test]
    fn wrap_fits_width_and_keeps_words() {
        let fonts = PactFonts::load().unwrap();
        let face = &fonts.faces[0];
        let text = "Persentase perangkat daerah yang terhubung jaringan intra-pemerintah ≥ 99,5% ".repeat(5);
        let lines = wrap(face, &text, 10.0, 60.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|(l, _)| face.width(l, 10.0) <= 60.0));
        let joined: Vec<&str> = lines.iter().flat_map(|(l, _)| l.split(' ')).collect();
        assert_eq!(joined, text.split_whitespace().collect::<Vec<_>>());
        assert_eq!(face.sanitize("a\u{4e2d}b".into()), "a?b");
    }
}
