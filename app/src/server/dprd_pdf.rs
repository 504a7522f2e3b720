//! The hearing pack (bahan RDP) as PDF: the figures of the XLSX (`dprd_xlsx`: the same words,
//! the same choice of figures, hidden groups written as it writes them) on A4 landscape pages
//! drawn as the TPP recap's (`tpp_recap_pdf`): the title with the period and the time it was made
//! (WIB), the notes, then the city summary, the figures per OPD, the predikat distribution and
//! the trend, each a table whose header repeats after a page break. Aggregates only: OPD names
//! and numbers, never an official. `dprd_xlsx::export` makes and records either form.
use super::dprd_xlsx::{
    city_label, group_values, hidden_label, notes, opd_columns, opd_heading, opd_label, period_name,
    quarter_name, share_values, spread_columns, spread_heading, summary_headings, summary_lines, title,
    trend_columns, trend_heading, trend_values, Shown,
};
use super::pact_pdf::{line_h, PactFonts};
use super::tpp_recap_pdf::{Align, Canvas, Columns, HEADER_SHADE, MARGIN_X, PAD, TOTAL_SHADE};
use crate::api::dprd::DprdFigures;
use crate::domain::explanation::number_id;
use crate::domain::privacy::Figure;
use crate::format::{datetime_wib, rupiah};
use crate::i18n::Lang;
use chrono::{DateTime, Utc};
use rust_decimal::prelude::ToPrimitive;

/// Text size of the tables (pt): small enough for the twelve columns of the OPD table with the
/// hidden label unbroken in each.
const TABLE_SIZE: f32 = 6.5;
const HEADING_SIZE: f32 = 10.0;
const NOTE_SIZE: f32 = 8.0;
/// The summary table is no wider than this (mm).
const SUMMARY_WIDTH: f32 = 150.0;
/// The column of OPD names never gets narrower than this (mm).
const MIN_LABEL: f32 = 38.0;

/// A figure as the PDF's tables write it: Indonesian number format in both languages ("82,5",
/// "Rp16.000.000"), or why it is missing (the hidden label on two lines: "disembunyikan" over
/// "(< 3)", never split inside its bracket).
fn text(v: Shown<'_>, lang: Lang) -> String {
    match (v, v.decimal()) {
        (Shown::Money(_), Figure::Value(d)) => rupiah(d.to_i64().unwrap_or_default()),
        (_, Figure::Value(d)) => number_id(d),
        (_, Figure::Hidden) => hidden_label(lang).replacen(' ', "\n", 1),
        (_, Figure::Empty) => "—".to_string(),
    }
}

/// One table of the pack.
struct Table {
    heading: String,
    head: Vec<String>,
    /// Label columns at the left (aligned left); the last of them takes the room left over.
    labels: usize,
    /// Cells, and whether the row is a total (bold on grey).
    rows: Vec<(Vec<String>, bool)>,
    /// At most this wide (mm).
    width: f32,
}

impl Table {
    fn new(heading: String, head: Vec<String>, labels: usize, width: f32) -> Table {
        // Let a heading such as "Kurang/Misconduct" wrap at its slash.
        let head = head.into_iter().map(|h| h.replace('/', "/ ")).collect();
        Table { heading, head, labels, rows: Vec::new(), width }
    }

    fn push(&mut self, labels: &[&str], values: &[Shown<'_>], lang: Lang, total: bool) {
        let cells = labels.iter().map(|l| l.to_string()).chain(values.iter().map(|v| text(*v, lang)));
        self.rows.push((cells.collect(), total));
    }
}

struct Pack<'a> {
    figures: &'a DprdFigures,
    lang: Lang,
    title: String,
    c: Canvas<'a>,
}

impl Pack<'_> {
    fn new_page(&mut self) {
        self.c.add_page();
        if self.c.page_count() > 1 {
            let running = self.title.clone();
            self.c.running_head(&running);
        }
    }

    /// The first page's head: title, when it was made, the notes.
    fn head(&mut self, generated: DateTime<Utc>) {
        self.new_page();
        let title = self.title.clone();
        self.c.centred(&title, 13.0, true);
        let made = format!("{} {}", self.lang.pick("Dibuat", "Generated"), datetime_wib(generated));
        self.c.centred(&made, 9.0, false);
        self.c.y += 1.5;
        let w = super::tpp_recap_pdf::text_width();
        self.c.hline(MARGIN_X, w, self.c.y, 0.6);
        self.c.hline(MARGIN_X, w, self.c.y + 1.0, 0.2);
        self.c.y += 4.0;
        for n in notes(self.figures, self.lang) {
            self.c.paragraph(&n, NOTE_SIZE, false, Align::Left);
        }
        self.c.y += 2.0;
    }

    /// Column widths: each column as wide as its widest word (so the hidden label and amounts
    /// never break), the last label column as wide as its widest text; when that is too wide,
    /// the last label column takes what is left, and below [`MIN_LABEL`] all shrink alike.
    fn columns(&self, t: &Table) -> Columns {
        let size = self.c.cell;
        let width = |bold: bool, s: &str| self.c.face(bold).width(s, size);
        let word = |bold: bool, s: &str| s.split_whitespace().map(|w| width(bold, w)).fold(0.0, f32::max);
        let flexible = t.labels - 1;
        let mut widths: Vec<f32> = (0..t.head.len())
            .map(|i| {
                let cell = |(cells, total): &(Vec<String>, bool)| {
                    let s = cells.get(i).map(String::as_str).unwrap_or("");
                    if i == flexible {
                        width(*total, s)
                    } else {
                        word(*total, s)
                    }
                };
                t.rows.iter().map(cell).fold(word(true, &t.head[i]), f32::max) + 2.0 * PAD + 0.5
            })
            .collect();
        let fixed: f32 = widths.iter().enumerate().filter(|(i, _)| *i != flexible).map(|(_, w)| w).sum();
        if fixed + widths[flexible] > t.width {
            widths[flexible] = (t.width - fixed).max(MIN_LABEL);
            let all: f32 = widths.iter().sum();
            if all > t.width {
                widths.iter_mut().for_each(|w| *w *= t.width / all);
            }
        }
        Columns { x: MARGIN_X, width: widths.iter().sum(), widths }
    }

    /// The table under its heading; the heading stays with the header and the first row.
    fn table(&mut self, t: &Table) {
        let cols = self.columns(t);
        let heads: Vec<&str> = t.head.iter().map(String::as_str).collect();
        let header = self.c.cells(&heads, &cols, true, |_| Align::Center);
        let labels = t.labels;
        let rows: Vec<_> = t
            .rows
            .iter()
            .map(|(cells, total)| {
                let texts: Vec<&str> = cells.iter().map(String::as_str).collect();
                let align = |i: usize| if i < labels { Align::Left } else { Align::Right };
                (self.c.cells(&texts, &cols, *total, align), *total)
            })
            .collect();
        let first = rows.first().map(|(r, _)| self.c.row_height(r)).unwrap_or(0.0);
        let lead = 3.0 + line_h(HEADING_SIZE) + 1.5;
        if !self.c.fits(lead + self.c.row_height(&header) + first) {
            self.new_page();
        }
        self.c.y += 3.0;
        self.c.paragraph(&t.heading, HEADING_SIZE, true, Align::Left);
        self.c.y += 1.5;
        self.c.row(&header, &cols, true, HEADER_SHADE);
        for (cells, total) in &rows {
            if !self.c.fits(self.c.row_height(cells)) {
                self.new_page();
                self.c.row(&header, &cols, true, HEADER_SHADE);
            }
            self.c.row(cells, &cols, *total, if *total { TOTAL_SHADE } else { 0.0 });
        }
    }
}

/// The tables of the pack, in the XLSX's order.
fn tables(figures: &DprdFigures, lang: Lang) -> Vec<Table> {
    let full = super::tpp_recap_pdf::text_width();
    let owned = |columns: Vec<(String, f64)>| columns.into_iter().map(|(h, _)| h).collect::<Vec<_>>();

    let [what, value] = summary_headings(lang);
    let heading = format!("{}, {}", what.to_uppercase(), period_name(figures, lang));
    let mut summary = Table::new(heading, vec![what.into(), value.into()], 1, SUMMARY_WIDTH);
    for (label, v) in summary_lines(&figures.city, lang) {
        summary.push(&[label], &[v], lang, false);
    }

    let head = opd_columns(lang).into_iter().map(|(h, _)| h.to_string()).collect();
    let mut opds = Table::new(opd_heading(figures, lang), head, 2, full);
    for o in &figures.opds {
        opds.push(&[&o.code, &o.name], &group_values(&o.figures), lang, false);
    }
    opds.push(&["", city_label(lang)], &group_values(&figures.city), lang, true);

    let head = owned(spread_columns(opd_label(lang), lang));
    let mut spread = Table::new(spread_heading(figures, lang), head, 1, full);
    spread.push(&[city_label(lang)], &share_values(&figures.city.predikat), lang, true);
    for o in &figures.opds {
        spread.push(&[&o.name], &share_values(&o.figures.predikat), lang, false);
    }

    let mut trend = Table::new(trend_heading(figures, lang), owned(trend_columns(lang)), 1, full);
    for t in &figures.trend {
        trend.push(&[&quarter_name(lang, t.quarter)], &trend_values(t), lang, false);
    }
    vec![summary, opds, spread, trend]
}

/// Renders the pack of `figures` in `lang`, made at `generated`.
pub fn render(figures: &DprdFigures, lang: Lang, generated: DateTime<Utc>, fonts: &PactFonts) -> Vec<u8> {
    let mut c = Canvas::new(fonts);
    c.cell = TABLE_SIZE;
    let mut pack = Pack { figures, lang, title: title(figures, lang), c };
    pack.head(generated);
    for t in tables(figures, lang) {
        pack.table(&t);
    }
    let title = pack.title.clone();
    pack.c.footers(&title, lang);
    pack.c.into_pdf(&title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::dprd::{GroupFigures, OpdFigures, PredikatShare, TrendPoint};
    use crate::domain::predikat::Predikat;

    fn group(hidden: bool) -> GroupFigures {
        let f = |v: u64| if hidden { Figure::Hidden } else { Figure::Value(v) };
        let d = |v: &str| if hidden { Figure::Hidden } else { Figure::Value(v.parse().unwrap()) };
        GroupFigures {
            officials: Figure::Value(12),
            evaluated: f(11),
            evaluations: f(11),
            mean_score: d("101.5"),
            median_score: d("100"),
            predikat: Predikat::ALL
                .iter()
                .map(|p| PredikatShare { predikat: *p, count: f(3), share: d("27.3") })
                .collect(),
            pacts: Figure::Value(11),
            pacts_on_time: Figure::Value(10),
            on_time_share: Figure::Value("90.9".parse().unwrap()),
            tpp_paid: if hidden { Figure::Hidden } else { Figure::Value(1_234_567_890) },
            tpp_budget: Figure::Value(12_345_678_901),
            tpp_paid_share: Figure::Empty,
        }
    }

    fn figures(opds: usize) -> DprdFigures {
        DprdFigures {
            year: 2026,
            quarter: Some(2),
            locked: vec![1, 2],
            years: vec![2026],
            on_time_cutoff: chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
            budget_months: 3,
            city: group(false),
            opds: (0..opds)
                .map(|i| OpdFigures {
                    code: format!("DISKOMINFO{i}"),
                    name: format!("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah {i}"),
                    figures: group(i % 3 == 0),
                })
                .collect(),
            trend: (1..=2)
                .map(|q| TrendPoint {
                    quarter: q,
                    evaluated: Figure::Value(100),
                    mean_score: Figure::Value("99.5".parse().unwrap()),
                    predikat: group(false).predikat,
                })
                .collect(),
        }
    }

    #[test]
    fn figures_are_written_as_on_the_page() {
        assert_eq!(text(Shown::Money(&Figure::Value(16_000_000)), Lang::En), "Rp16.000.000");
        assert_eq!(text(Shown::Decimal(&Figure::Value("82.50".parse().unwrap())), Lang::En), "82,5");
        assert_eq!(text(Shown::Count(&Figure::Value(1234)), Lang::Id), "1.234");
        assert_eq!(text(Shown::Count(&Figure::Hidden), Lang::Id), "disembunyikan\n(< 3)");
        assert_eq!(text(Shown::Count(&Figure::Hidden), Lang::En), "hidden\n(< 3)");
        assert_eq!(text(Shown::Decimal(&Figure::Empty), Lang::Id), "—");
    }

    #[test]
    fn columns_fit_the_page_and_keep_hidden_labels_and_amounts_whole() {
        let fonts = crate::server::pact_print::fonts().unwrap();
        for lang in [Lang::Id, Lang::En] {
            let f = figures(30);
            let mut c = Canvas::new(fonts);
            c.cell = TABLE_SIZE;
            let pack = Pack { figures: &f, lang, title: title(&f, lang), c };
            let full = super::super::tpp_recap_pdf::text_width();
            for t in tables(&f, lang) {
                let cols = pack.columns(&t);
                assert!(cols.width <= t.width + 0.01, "{}: {} > {}", t.heading, cols.width, t.width);
                assert!(cols.width <= full + 0.01);
                for (i, w) in cols.widths.iter().enumerate().skip(t.labels) {
                    for (cells, total) in &t.rows {
                        let face = pack.c.face(*total);
                        let widest = cells[i].lines().map(|l| face.width(l, TABLE_SIZE)).fold(0.0, f32::max);
                        assert!(widest + 2.0 * PAD <= *w, "{}: {:?} in {w} mm", t.heading, cells[i]);
                    }
                }
                if t.labels == 2 {
                    assert!(cols.widths[1] >= MIN_LABEL - 0.01, "OPD names get room");
                }
            }
        }
    }

    #[test]
    fn renders_a_pdf_over_several_pages() {
        let fonts = crate::server::pact_print::fonts().unwrap();
        let at = "2026-07-01T03:00:00Z".parse().unwrap();
        let one = render(&figures(3), Lang::Id, at, fonts);
        assert!(one.starts_with(b"%PDF"));
        let long = render(&figures(60), Lang::En, at, fonts);
        assert!(long.starts_with(b"%PDF") && long.len() > one.len());
    }
}
