//! Charts drawn on the server as SVG (no chart library in the browser): bars, a stacked
//! distribution and a trend line. Each is a pure function from the figures to SVG markup (the
//! geometry functions beside them are unit-tested), and each component shows its data table with
//! a caption beside the picture. The SVG is `role="img"`, labelled by its own `<title>` and
//! `<desc>`. Hidden groups (`Figure::Hidden`) are never drawn: only their label says so.
use crate::api::dprd::{PredikatShare, TrendPoint};
use crate::domain::explanation::number_id;
use crate::domain::predikat::Predikat;
use crate::domain::privacy::{Figure, HIDDEN_LABEL};
use crate::i18n::{is_en, lang, t};
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Width of every chart's drawing (SVG user units; it scales with the page).
pub const WIDTH: f64 = 640.0;
/// Room for the row labels on the left and the values on the right of a bar.
const LABEL_W: f64 = 110.0;
const VALUE_W: f64 = 150.0;
const ROW_H: f64 = 22.0;
const BAR_H: f64 = 15.0;
const TOP: f64 = 26.0;
const BOTTOM: f64 = 10.0;

/// The length of the drawable bar area.
pub const PLOT_W: f64 = WIDTH - LABEL_W - VALUE_W;

/// What a reader is told instead of a hidden figure, in the page's language.
pub fn hidden_label() -> &'static str {
    t(HIDDEN_LABEL, "hidden (< 3)")
}

/// A quarter's short name: "TW II" / "Q2".
pub fn quarter_name(quarter: u32) -> String {
    crate::i18n::quarter(quarter)
}

/// A decimal figure as text: "104,6", "disembunyikan (< 3)" or "—". Numbers keep the Indonesian
/// format in both languages.
pub fn figure_text(f: &Figure<Decimal>) -> String {
    match f {
        Figure::Value(v) => number_id(*v),
        Figure::Hidden => hidden_label().to_string(),
        Figure::Empty => "—".to_string(),
    }
}

/// A percentage figure as text: "33,3%".
pub fn percent_text(f: &Figure<Decimal>) -> String {
    match f {
        Figure::Value(v) => format!("{}%", number_id(*v)),
        other => figure_text(other),
    }
}

/// A count as text.
pub fn count_text(f: &Figure<u64>) -> String {
    figure_text(&f.map(Decimal::from))
}

/// Escapes text for XML (element content and attribute values).
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// The top of a score axis: at least 100 (the expected nilai), rounded up to a multiple of 20.
pub fn scale_max(values: &[Figure<Decimal>]) -> f64 {
    let top = values.iter().filter_map(|v| v.value()).map(|d| f64_of(*d)).fold(100.0, f64::max);
    (top / 20.0).ceil() * 20.0
}

/// Bar lengths proportional to the values, `plot` long at `max`; `None` for a hidden or empty
/// figure (not drawn).
pub fn bar_lengths(values: &[Figure<Decimal>], max: f64, plot: f64) -> Vec<Option<f64>> {
    values.iter().map(|v| v.value().map(|d| (f64_of(*d).max(0.0) / max).min(1.0) * plot)).collect()
}

/// One piece of a stacked bar: a shown predikat, or (`predikat` `None`) the hidden rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub predikat: Option<Predikat>,
    pub x: f64,
    pub width: f64,
}

/// The stacked bar of a distribution, `plot` long for 100%: the shown shares in predikat order,
/// then one grey piece for whatever is hidden (the shown shares subtracted from 100%, which the
/// table's totals tell anyway; a hidden share is never drawn on its own). Empty when nothing is
/// shown and nothing is hidden (no evaluations).
pub fn stack_segments(shares: &[PredikatShare], plot: f64) -> Vec<Segment> {
    let mut x = 0.0;
    let mut out = Vec::new();
    let mut any_hidden = false;
    for s in shares {
        match &s.share {
            Figure::Value(v) => {
                let width = f64_of(*v).max(0.0) / 100.0 * plot;
                if width > 0.0 {
                    out.push(Segment { predikat: Some(s.predikat), x, width });
                    x += width;
                }
            }
            Figure::Hidden => any_hidden = true,
            Figure::Empty => {}
        }
    }
    if any_hidden && plot - x > 0.01 {
        out.push(Segment { predikat: None, x, width: plot - x });
    }
    out
}

/// Where a quarter sits on the trend's x axis (TW I … TW IV spread over `plot`).
pub fn quarter_x(quarter: u32, plot: f64) -> f64 {
    let slot = plot / 4.0;
    slot * (f64::from(quarter.clamp(1, 4)) - 0.5)
}

/// The trend line: runs of consecutive shown points (x, y) with y downwards from `height` at 0 to
/// 0 at `max`. A hidden quarter breaks the line and has no point.
pub fn trend_runs(
    points: &[(u32, Figure<Decimal>)],
    max: f64,
    plot: f64,
    height: f64,
) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut previous: Option<u32> = None;
    for (q, v) in points {
        let Some(d) = v.value() else {
            previous = None;
            continue;
        };
        let y = height - (f64_of(*d).max(0.0) / max).min(1.0) * height;
        let point = (quarter_x(*q, plot), y);
        match (previous, runs.last_mut()) {
            (Some(p), Some(run)) if p + 1 == *q => run.push(point),
            _ => runs.push(vec![point]),
        }
        previous = Some(*q);
    }
    runs
}

/// The CSS class of a predikat's colour.
pub fn predikat_class(p: Option<Predikat>) -> &'static str {
    match p {
        Some(Predikat::SangatBaik) => "pred-sangat-baik",
        Some(Predikat::Baik) => "pred-baik",
        Some(Predikat::ButuhPerbaikan) => "pred-butuh-perbaikan",
        Some(Predikat::Kurang) => "pred-kurang",
        Some(Predikat::SangatKurang) => "pred-sangat-kurang",
        None => "pred-hidden",
    }
}

fn open_svg(id: &str, title: &str, desc: &str, height: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" \
         role=\"img\" aria-labelledby=\"{id}-judul {id}-uraian\" focusable=\"false\">\
         <title id=\"{id}-judul\">{}</title><desc id=\"{id}-uraian\">{}</desc>",
        xml_escape(title),
        xml_escape(desc)
    )
}

fn text(x: f64, y: f64, class: &str, anchor: &str, content: &str) -> String {
    format!(
        "<text x=\"{x:.1}\" y=\"{y:.1}\" class=\"{class}\" text-anchor=\"{anchor}\">{}</text>",
        xml_escape(content)
    )
}

/// A row label, shortened to fit its column.
fn short(label: &str) -> String {
    const MAX: usize = 14;
    if label.chars().count() <= MAX {
        label.to_string()
    } else {
        format!("{}…", label.chars().take(MAX - 1).collect::<String>())
    }
}

/// Horizontal bars, one per row (label, value), on a 0..[`scale_max`] axis with grid lines.
pub fn bars_svg(id: &str, title: &str, rows: &[(String, Figure<Decimal>)]) -> String {
    let values: Vec<Figure<Decimal>> = rows.iter().map(|r| r.1).collect();
    let max = scale_max(&values);
    let lengths = bar_lengths(&values, max, PLOT_W);
    let height = TOP + ROW_H * rows.len() as f64 + BOTTOM;
    let shown = lengths.iter().filter(|l| l.is_some()).count();
    let count = rows.len();
    let desc = if is_en() {
        format!("Bar chart: {count} rows, {shown} shown; scale 0 to {max:.0}. The figures are in the table beside it.")
    } else {
        format!(
            "Diagram batang: {count} baris, {shown} ditampilkan; skala 0 sampai {max:.0}. Angkanya ada di tabel di sampingnya."
        )
    };
    let mut svg = open_svg(id, title, &desc, height);
    let mut tick = 0.0;
    while tick <= max + 0.01 {
        let x = LABEL_W + tick / max * PLOT_W;
        svg.push_str(&format!(
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"chart-grid\"/>",
            TOP - 4.0,
            height - BOTTOM
        ));
        svg.push_str(&text(x, TOP - 8.0, "chart-axis", "middle", &format!("{tick:.0}")));
        tick += 20.0;
    }
    for (i, ((label, value), length)) in rows.iter().zip(&lengths).enumerate() {
        let y = TOP + ROW_H * i as f64;
        svg.push_str(&text(LABEL_W - 6.0, y + BAR_H - 3.0, "chart-label", "end", &short(label)));
        match length {
            Some(w) => {
                svg.push_str(&format!(
                    "<rect x=\"{LABEL_W:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR_H:.1}\" class=\"chart-bar\"/>"
                ));
                svg.push_str(&text(
                    LABEL_W + w + 4.0,
                    y + BAR_H - 3.0,
                    "chart-value",
                    "start",
                    &figure_text(value),
                ));
            }
            None => svg.push_str(&text(
                LABEL_W + 4.0,
                y + BAR_H - 3.0,
                "chart-note",
                "start",
                &figure_text(value),
            )),
        }
    }
    svg.push_str("</svg>");
    svg
}

/// One stacked bar per row (label, predikat shares), with a legend on top.
pub fn stacked_svg(id: &str, title: &str, rows: &[(String, Vec<PredikatShare>)]) -> String {
    let height = TOP + ROW_H * rows.len() as f64 + BOTTOM;
    let count = rows.len();
    let desc = if is_en() {
        format!(
            "Stacked bar chart: grade distribution in percent for {count} rows; the grey part stands for hidden groups. The figures are in the table beside it."
        )
    } else {
        format!(
            "Diagram batang bertumpuk: sebaran predikat dalam persen untuk {count} baris; bagian abu-abu adalah kelompok yang disembunyikan. Angkanya ada di tabel di sampingnya."
        )
    };
    let mut svg = open_svg(id, title, &desc, height);
    // The legend in one line: each key as wide as its name (about 5,6 units a letter at 10px).
    let mut x = 4.0;
    let language = lang();
    for p in Predikat::ALL.iter().copied().map(Some).chain([None]) {
        let name = p.map(|p| p.label_in(language)).unwrap_or(language.pick("Disembunyikan", "Hidden"));
        svg.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"4\" width=\"10\" height=\"10\" class=\"{}\"/>",
            predikat_class(p)
        ));
        svg.push_str(&text(x + 13.0, 13.0, "chart-legend", "start", name));
        x += 13.0 + name.chars().count() as f64 * 5.6 + 12.0;
    }
    for (i, (label, shares)) in rows.iter().enumerate() {
        let y = TOP + ROW_H * i as f64;
        svg.push_str(&text(LABEL_W - 6.0, y + BAR_H - 3.0, "chart-label", "end", &short(label)));
        let segments = stack_segments(shares, WIDTH - LABEL_W - 8.0);
        if segments.is_empty() {
            let note = if shares.iter().any(|s| s.share.is_hidden()) { hidden_label() } else { "—" };
            svg.push_str(&text(LABEL_W + 4.0, y + BAR_H - 3.0, "chart-note", "start", note));
        }
        for s in segments {
            svg.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{BAR_H:.1}\" class=\"{}\"/>",
                LABEL_W + s.x,
                s.width,
                predikat_class(s.predikat)
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The city's mean nilai per quarter as a line over TW I–IV.
pub fn trend_svg(id: &str, title: &str, points: &[TrendPoint]) -> String {
    const PLOT_H: f64 = 160.0;
    const LEFT: f64 = 48.0;
    let plot_w = WIDTH - LEFT - 16.0;
    let height = TOP + PLOT_H + 30.0;
    let values: Vec<(u32, Figure<Decimal>)> = points.iter().map(|p| (p.quarter, p.mean_score)).collect();
    let max = scale_max(&values.iter().map(|v| v.1).collect::<Vec<_>>());
    let count = points.len();
    let desc = if is_en() {
        format!(
            "Line chart: the city's mean score per quarter for {count} locked quarters; scale 0 to {max:.0}. The figures are in the table beside it."
        )
    } else {
        format!(
            "Diagram garis: rata-rata nilai kota per triwulan untuk {count} triwulan yang dikunci; skala 0 sampai {max:.0}. Angkanya ada di tabel di sampingnya."
        )
    };
    let mut svg = open_svg(id, title, &desc, height);
    let mut tick = 0.0;
    while tick <= max + 0.01 {
        let y = TOP + PLOT_H - tick / max * PLOT_H;
        svg.push_str(&format!(
            "<line x1=\"{LEFT:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"chart-grid\"/>",
            LEFT + plot_w
        ));
        svg.push_str(&text(LEFT - 6.0, y + 4.0, "chart-axis", "end", &format!("{tick:.0}")));
        tick += 20.0;
    }
    for q in 1..=4u32 {
        let x = LEFT + quarter_x(q, plot_w);
        let name = quarter_name(q);
        svg.push_str(&text(x, TOP + PLOT_H + 18.0, "chart-axis", "middle", &name));
    }
    for run in trend_runs(&values, max, plot_w, PLOT_H) {
        let coords: Vec<String> =
            run.iter().map(|(x, y)| format!("{:.1},{:.1}", LEFT + x, TOP + y)).collect();
        if run.len() > 1 {
            svg.push_str(&format!("<polyline points=\"{}\" class=\"chart-line\"/>", coords.join(" ")));
        }
        for (x, y) in &run {
            svg.push_str(&format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" class=\"chart-point\"/>",
                LEFT + x,
                TOP + y
            ));
        }
    }
    for (q, v) in &values {
        let x = LEFT + quarter_x(*q, plot_w);
        let y = match v.value() {
            Some(d) => TOP + PLOT_H - (f64_of(*d) / max).min(1.0) * PLOT_H - 9.0,
            None => TOP + PLOT_H - 6.0,
        };
        let class = if v.value().is_some() { "chart-value" } else { "chart-note" };
        svg.push_str(&text(x, y, class, "middle", &figure_text(v)));
    }
    svg.push_str("</svg>");
    svg
}

/// The id of a chart's table caption. The table's wrapper scrolls sideways on a narrow screen, so
/// it is a focusable region named by the caption: keyboard users can scroll it too.
fn caption_id(chart_id: &str) -> String {
    format!("{chart_id}-tabel")
}

/// The SVG markup in the page (server-rendered; the browser only shows it).
#[component]
fn Picture(svg: String) -> impl IntoView {
    view! { <div class="chart-picture" inner_html=svg></div> }
}

/// Bars of a score per row with the data table beside them.
#[component]
pub fn ScoreBars(
    id: &'static str,
    #[prop(into)] title: String,
    /// (short label for the bar, full name for the table, value).
    rows: Vec<(String, String, Figure<Decimal>)>,
    /// The column heading of the value in the table.
    value_heading: &'static str,
) -> impl IntoView {
    let bars: Vec<(String, Figure<Decimal>)> = rows.iter().map(|r| (r.0.clone(), r.2)).collect();
    let svg = bars_svg(id, &title, &bars);
    let table_id = caption_id(id);
    let labelled_by = table_id.clone();
    view! {
        <div class="chart-pair">
            <Picture svg/>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby=labelled_by>
                <table class="chart-table">
                    <caption id=table_id>{format!("Data: {title}")}</caption>
                    <thead><tr><th scope="col">{t("Perangkat daerah", "Agency")}</th><th scope="col" class="num">{value_heading}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(_, name, v)| view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td class="num" class:hidden-group=v.is_hidden()>{figure_text(&v)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// The predikat distribution, one stacked bar per row, with the table of counts and shares.
#[component]
pub fn PredikatStack(
    id: &'static str,
    #[prop(into)] title: String,
    /// (short label, full name, shares).
    rows: Vec<(String, String, Vec<PredikatShare>)>,
    /// The heading of the row column in the table.
    row_heading: &'static str,
) -> impl IntoView {
    let stacked: Vec<(String, Vec<PredikatShare>)> =
        rows.iter().map(|r| (r.0.clone(), r.2.clone())).collect();
    let svg = stacked_svg(id, &title, &stacked);
    let table_id = caption_id(id);
    let labelled_by = table_id.clone();
    let caption = if is_en() {
        format!("Data: {title} (count and percent)")
    } else {
        format!("Data: {title} (jumlah dan persen)")
    };
    let language = lang();
    view! {
        <div class="chart-pair chart-pair-wide">
            <Picture svg/>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby=labelled_by>
                <table class="chart-table">
                    <caption id=table_id>{caption}</caption>
                    <thead><tr>
                        <th scope="col">{row_heading}</th>
                        {Predikat::ALL.iter().map(|p| view! { <th scope="col" class="num">{p.label_in(language)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(_, name, shares)| view! {
                            <tr>
                                <th scope="row">{name}</th>
                                {shares.into_iter().map(|s| {
                                    let text = match (&s.count, &s.share) {
                                        (Figure::Value(n), share) => format!("{n} ({})", percent_text(share)),
                                        (other, _) => count_text(other),
                                    };
                                    view! { <td class="num" class:hidden-group=s.count.is_hidden()>{text}</td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// The city's mean nilai across the year's locked quarters, with its table.
#[component]
pub fn TrendLine(id: &'static str, #[prop(into)] title: String, points: Vec<TrendPoint>) -> impl IntoView {
    let svg = trend_svg(id, &title, &points);
    let table_id = caption_id(id);
    let labelled_by = table_id.clone();
    view! {
        <div class="chart-pair">
            <Picture svg/>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby=labelled_by>
                <table class="chart-table">
                    <caption id=table_id>{format!("Data: {title}")}</caption>
                    <thead><tr>
                        <th scope="col">{t("Triwulan", "Quarter")}</th>
                        <th scope="col" class="num">{t("Pejabat dinilai", "Officials evaluated")}</th>
                        <th scope="col" class="num">{t("Rata-rata nilai", "Mean score")}</th>
                    </tr></thead>
                    <tbody>
                        {points.into_iter().map(|p| {
                            let name = quarter_name(p.quarter);
                            view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    <td class="num" class:hidden-group=p.evaluated.is_hidden()>{count_text(&p.evaluated)}</td>
                                    <td class="num" class:hidden-group=p.mean_score.is_hidden()>{figure_text(&p.mean_score)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Figure<Decimal> {
        Figure::Value(s.parse().unwrap())
    }

    fn share(p: Predikat, f: Figure<Decimal>) -> PredikatShare {
        PredikatShare { predikat: p, count: f.map(|_| 1), share: f }
    }

    #[test]
    fn bars_are_proportional_and_hidden_ones_are_not_drawn() {
        let values = [d("100"), d("50"), Figure::Hidden, Figure::Empty, d("120")];
        assert_eq!(scale_max(&values), 120.0);
        assert_eq!(scale_max(&[d("87.5")]), 100.0, "at least 100");
        assert_eq!(scale_max(&[d("121")]), 140.0);
        let l = bar_lengths(&values, 120.0, 300.0);
        assert_eq!(l[0], Some(250.0));
        assert_eq!(l[1], Some(125.0));
        assert_eq!(l[0].unwrap() / l[1].unwrap(), 2.0, "twice the value, twice the bar");
        assert_eq!(l[2], None, "hidden: no bar");
        assert_eq!(l[3], None);
        assert_eq!(l[4], Some(300.0));
        let svg = bars_svg("b", "Rata-rata <nilai>", &[("A".into(), d("100")), ("B".into(), Figure::Hidden)]);
        assert_eq!(svg.matches("class=\"chart-bar\"").count(), 1, "one bar drawn");
        assert!(svg.contains(&xml_escape(HIDDEN_LABEL)), "the hidden label, escaped");
        assert!(svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"b-judul b-uraian\""));
        assert!(svg.contains("<title id=\"b-judul\">Rata-rata &lt;nilai&gt;</title>"), "escaped");
    }

    #[test]
    fn stacks_draw_shown_shares_and_one_grey_rest() {
        let shares = [
            share(Predikat::SangatBaik, d("25")),
            share(Predikat::Baik, d("50")),
            share(Predikat::ButuhPerbaikan, Figure::Hidden),
            share(Predikat::Kurang, Figure::Hidden),
            share(Predikat::SangatKurang, d("0")),
        ];
        let s = stack_segments(&shares, 400.0);
        assert_eq!(
            s,
            [
                Segment { predikat: Some(Predikat::SangatBaik), x: 0.0, width: 100.0 },
                Segment { predikat: Some(Predikat::Baik), x: 100.0, width: 200.0 },
                Segment { predikat: None, x: 300.0, width: 100.0 },
            ]
        );
        let all_hidden: Vec<PredikatShare> =
            Predikat::ALL.iter().map(|p| share(*p, Figure::Hidden)).collect();
        assert_eq!(stack_segments(&all_hidden, 400.0), [Segment { predikat: None, x: 0.0, width: 400.0 }]);
        let nobody: Vec<PredikatShare> = Predikat::ALL.iter().map(|p| share(*p, Figure::Empty)).collect();
        assert!(stack_segments(&nobody, 400.0).is_empty());
        let svg = stacked_svg("s", "Sebaran", &[("A".into(), shares.to_vec())]);
        assert_eq!(svg.matches("<rect").count(), 6 + 3, "legend (6) and three pieces");
    }

    #[test]
    fn the_trend_breaks_at_hidden_quarters() {
        let points = [(1, d("100")), (2, Figure::Hidden), (3, d("50")), (4, d("100"))];
        let runs = trend_runs(&points, 100.0, 400.0, 200.0);
        assert_eq!(runs, vec![vec![(50.0, 0.0)], vec![(250.0, 100.0), (350.0, 0.0)]]);
        let missing_quarter = [(1, d("100")), (3, d("100"))];
        assert_eq!(
            trend_runs(&missing_quarter, 100.0, 400.0, 200.0).len(),
            2,
            "TW II not locked: no line across"
        );
        let tp =
            |q, v| TrendPoint { quarter: q, evaluated: Figure::Value(9), mean_score: v, predikat: vec![] };
        let svg = trend_svg("t", "Tren", &[tp(1, d("100")), tp(2, d("110")), tp(3, Figure::Hidden)]);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert!(svg.contains(&xml_escape(HIDDEN_LABEL)), "the hidden label, escaped");
    }

    #[test]
    fn charts_speak_the_page_language() {
        let owner = Owner::new();
        owner.with(|| {
            provide_context(crate::i18n::Lang::En);
            assert_eq!(figure_text(&Figure::Hidden), "hidden (< 3)");
            assert_eq!(quarter_name(2), "Q2");
            let svg = stacked_svg("s", "Spread", &[("A".into(), vec![share(Predikat::Baik, d("100"))])]);
            assert!(svg.contains(">Good</text>") && svg.contains(">Hidden</text>"), "English legend");
            let tp =
                TrendPoint { quarter: 2, evaluated: Figure::Value(9), mean_score: d("90"), predikat: vec![] };
            let svg = trend_svg("t", "Trend", &[tp]);
            assert!(svg.contains(">Q2</text>") && svg.contains("Line chart"), "English axis and description");
        });
        assert_eq!(quarter_name(2), "TW II", "Indonesian outside an English page");
    }

    #[test]
    fn texts_of_figures() {
        assert_eq!(figure_text(&d("104.6")), "104,6");
        assert_eq!(percent_text(&d("33.3")), "33,3%");
        assert_eq!(figure_text(&Figure::Hidden), "disembunyikan (< 3)");
        assert_eq!(count_text(&Figure::Empty), "—");
        assert_eq!(short("DINAS-YANG-SANGAT-PANJANG"), "DINAS-YANG-SA…");
    }
}
