//! `/dprd` (`?tahun=2026&tw=2`; without `tw` the whole year): DPRD's oversight dashboard. Figures
//! per OPD and for the city from the locked quarters' stored results: officials evaluated, mean
//! and median nilai, predikat distribution, pacts signed on time, the trend across quarters, and
//! TPP paid against its budget. Aggregates only: no names, NIPs or individual pay, and groups of
//! fewer than three officials hidden (decided on the server). The charts are SVG drawn on the
//! server, each with its data table; the period form is a plain GET form.
use crate::api::dprd::{get_dprd_figures, period_label, DprdFigures, GroupFigures};
use crate::components::charts::{
    count_text, figure_text, hidden_label, percent_text, quarter_name, PredikatStack, ScoreBars, TrendLine,
};
use crate::components::feedback::{LoadError, Loading};
use crate::domain::privacy::Figure;
use crate::domain::tpp::Quarter;
use crate::format::rupiah;
use crate::i18n::{is_en, t};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const DPRD_PATH: &str = "/dprd";
/// The hearing pack (RDP) of the same period.
pub const RDP_XLSX_PATH: &str = "/dprd/rdp.xlsx";
pub const RDP_PDF_PATH: &str = "/dprd/rdp.pdf";

/// The query of a period (`tahun`, and `tw` unless it is the whole year).
pub fn period_query(year: i32, quarter: Option<u32>) -> String {
    match quarter {
        Some(q) => format!("?tahun={year}&tw={q}"),
        None => format!("?tahun={year}"),
    }
}

/// A period's name in the page's language: "TW II 2026" / "Q2 2026", "Tahun 2026" / "2026".
fn period_text(year: i32, quarter: Option<u32>) -> String {
    if !is_en() {
        return period_label(year, quarter);
    }
    match quarter.filter(|q| Quarter::new(*q).is_some()) {
        Some(q) => format!("{} {year}", quarter_name(q)),
        None => year.to_string(),
    }
}

fn money_text(f: &Figure<i64>) -> String {
    match f {
        Figure::Value(v) => rupiah(*v),
        Figure::Hidden => hidden_label().to_string(),
        Figure::Empty => "—".to_string(),
    }
}

#[component]
pub fn DprdHome() -> impl IntoView {
    let query = use_query_map();
    let period = Memo::new(move |_| {
        let q = query.read();
        (q.get("tahun").unwrap_or_default(), q.get("tw").unwrap_or_default())
    });
    // The route renders `SsrMode::Async`: the figures are in the HTML as sent, so the page reads
    // without JavaScript.
    let figures = Resource::new(move || period.get(), |(tahun, tw)| get_dprd_figures(tahun, tw));
    view! {
        <Title text=t("Dasbor DPRD", "DPRD dashboard")/>
        <h1>{t("Dasbor DPRD", "DPRD dashboard")}</h1>
        <p class="lead">{t(
            "Angka agregat kinerja dan TPP per perangkat daerah dan se-kota, dari hasil triwulan yang sudah dikunci. Tanpa nama, NIP, atau besaran TPP perorangan; kelompok kurang dari 3 pejabat disembunyikan.",
            "Aggregate performance and TPP (performance allowance) figures per agency and for the whole city, from the results of locked quarters. No names, NIPs or individual TPP amounts; groups of fewer than 3 officials are hidden.",
        )}</p>
        <Suspense fallback=Loading>
            {move || figures.get().map(|r| match r {
                Err(e) => view! {
                    <LoadError error=e/>
                    <p><a href=DPRD_PATH>{t("Kembali ke periode terbaru", "Back to the latest period")}</a></p>
                }.into_any(),
                Ok(f) => view! { <Dashboard f/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn PeriodForm(year: i32, quarter: Option<u32>, years: Vec<i32>, locked: Vec<u32>) -> impl IntoView {
    view! {
        <form method="get" action=DPRD_PATH class="card filters" aria-label=t("Pilih periode", "Choose a period")>
            <div class="field">
                <label for="tahun">{t("Tahun", "Year")}</label>
                <select id="tahun" name="tahun">
                    {years.into_iter().map(|y| view! { <option value=y.to_string() selected=y == year>{y.to_string()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="tw">{t("Periode", "Period")}</label>
                <select id="tw" name="tw">
                    <option value="" selected=quarter.is_none()>{t("Setahun", "Full year")}</option>
                    {(1..=4u32).map(|q| {
                        let short = quarter_name(q);
                        let name = if locked.contains(&q) {
                            short
                        } else if is_en() {
                            format!("{short} (not locked yet)")
                        } else {
                            format!("{short} (belum dikunci)")
                        };
                        view! { <option value=q.to_string() selected=quarter == Some(q)>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="filter-actions"><button type="submit" class="button-secondary">{t("Tampilkan", "Show")}</button></div>
        </form>
    }
}

fn stat(value: String, label: &'static str, hidden: bool) -> impl IntoView {
    view! {
        <li class="stat">
            <span class="stat-value" class:hidden-group=hidden>{value}</span>
            <span class="stat-label">{label}</span>
        </li>
    }
}

#[component]
fn CityStats(city: GroupFigures, cutoff: String) -> impl IntoView {
    let c = city;
    let budget = money_text(&c.tpp_budget);
    let paid_label = if is_en() {
        format!("TPP paid, of a budget of {budget}")
    } else {
        format!("TPP dibayarkan, dari pagu {budget}")
    };
    let note = if is_en() {
        format!("On time: signed by both parties by {cutoff}. TPP budget: the monthly budgets of active officials × the months of the locked quarters.")
    } else {
        format!("Tepat waktu: ditandatangani kedua pihak paling lambat {cutoff}. Pagu TPP: jumlah pagu bulanan pejabat aktif × bulan triwulan yang dikunci.")
    };
    view! {
        <ul class="stats" aria-label=t("Ringkasan se-kota", "City-wide summary")>
            {stat(count_text(&c.evaluated), t("Pejabat dinilai", "Officials evaluated"), c.evaluated.is_hidden())}
            {stat(figure_text(&c.mean_score), t("Rata-rata nilai", "Mean score"), c.mean_score.is_hidden())}
            {stat(figure_text(&c.median_score), t("Median nilai", "Median score"), c.median_score.is_hidden())}
            {stat(percent_text(&c.on_time_share), t("Pakta ditandatangani tepat waktu", "Pacts signed on time"), c.on_time_share.is_hidden())}
            <li class="stat">
                <span class="stat-value stat-money" class:hidden-group=c.tpp_paid.is_hidden()>{money_text(&c.tpp_paid)}</span>
                <span class="stat-label">{paid_label}</span>
            </li>
            {stat(percent_text(&c.tpp_paid_share), t("Serapan pagu TPP", "TPP budget used"), c.tpp_paid_share.is_hidden())}
        </ul>
        <p class="muted">{note}</p>
    }
}

fn cell(text: String, hidden: bool) -> impl IntoView {
    view! { <td class="num" class:hidden-group=hidden>{text}</td> }
}

fn figure_row(label: AnyView, g: &GroupFigures) -> impl IntoView {
    view! {
        <tr>
            {label}
            {cell(count_text(&g.officials), g.officials.is_hidden())}
            {cell(count_text(&g.evaluated), g.evaluated.is_hidden())}
            {cell(figure_text(&g.mean_score), g.mean_score.is_hidden())}
            {cell(figure_text(&g.median_score), g.median_score.is_hidden())}
            {cell(percent_text(&g.on_time_share), g.on_time_share.is_hidden())}
            {cell(money_text(&g.tpp_paid), g.tpp_paid.is_hidden())}
            {cell(money_text(&g.tpp_budget), g.tpp_budget.is_hidden())}
            {cell(percent_text(&g.tpp_paid_share), g.tpp_paid_share.is_hidden())}
        </tr>
    }
}

#[component]
fn FiguresTable(f: DprdFigures) -> impl IntoView {
    let label = period_text(f.year, f.quarter);
    let caption = if is_en() {
        format!("Figures by agency, {label}")
    } else {
        format!("Angka per perangkat daerah, {label}")
    };
    view! {
        // Scrolls sideways on a narrow screen: a focusable region, named by the caption.
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-opd">
            <table class="figures-table">
                <caption id="tabel-opd">{caption}</caption>
                <thead><tr>
                    <th scope="col">{t("Perangkat daerah", "Agency")}</th>
                    <th scope="col" class="num">{t("Pejabat aktif", "Active officials")}</th>
                    <th scope="col" class="num">{t("Pejabat dinilai", "Officials evaluated")}</th>
                    <th scope="col" class="num">{t("Rata-rata nilai", "Mean score")}</th>
                    <th scope="col" class="num">{t("Median nilai", "Median score")}</th>
                    <th scope="col" class="num">{t("Pakta tepat waktu", "Pacts on time")}</th>
                    <th scope="col" class="num">{t("TPP dibayarkan", "TPP paid")}</th>
                    <th scope="col" class="num">{t("Pagu TPP", "TPP budget")}</th>
                    <th scope="col" class="num">{t("Serapan", "Budget used")}</th>
                </tr></thead>
                <tbody>
                    {f.opds.iter().map(|o| figure_row(view! { <th scope="row">{o.name.clone()}</th> }.into_any(), &o.figures)).collect_view()}
                </tbody>
                <tfoot>
                    {figure_row(view! { <th scope="row">{t("Se-kota", "City-wide")}</th> }.into_any(), &f.city)}
                </tfoot>
            </table>
        </div>
    }
}

#[component]
fn Dashboard(f: DprdFigures) -> impl IntoView {
    let label = period_text(f.year, f.quarter);
    let locked_names: Vec<String> =
        f.locked.iter().filter(|q| Quarter::new(**q).is_some()).map(|q| quarter_name(*q)).collect();
    let year = f.year;
    let source = match (locked_names.is_empty(), is_en()) {
        (true, false) => {
            format!("Belum ada triwulan {year} yang dikunci: belum ada angka penilaian dan TPP.")
        }
        (true, true) => {
            format!("No quarter of {year} is locked yet: there are no evaluation or TPP figures.")
        }
        (false, false) => {
            format!("Sumber: hasil TPP triwulan yang sudah dikunci ({}).", locked_names.join(", "))
        }
        (false, true) => {
            format!("Source: the TPP results of the locked quarters ({}).", locked_names.join(", "))
        }
    };
    let not_locked = f.quarter.filter(|q| !f.locked.contains(q)).map(|q| {
        let period = period_text(year, Some(q));
        if is_en() {
            format!("{period} is not locked yet: its evaluation and TPP figures are not available.")
        } else {
            format!("{period} belum dikunci: angka penilaian dan TPP-nya belum tersedia.")
        }
    });
    let score_rows: Vec<_> =
        f.opds.iter().map(|o| (o.code.clone(), o.name.clone(), o.figures.mean_score)).collect();
    let city = t("Se-kota", "City-wide");
    let mut spread_rows = vec![(city.to_string(), city.to_string(), f.city.predikat.clone())];
    spread_rows.extend(f.opds.iter().map(|o| (o.code.clone(), o.name.clone(), o.figures.predikat.clone())));
    let trend_rows: Vec<_> = f
        .trend
        .iter()
        .map(|t| {
            let name = period_text(year, Some(t.quarter));
            (name.clone(), name, t.predikat.clone())
        })
        .collect();
    let rdp_query = period_query(f.year, f.quarter);
    let rdp_href = format!("{RDP_XLSX_PATH}{rdp_query}");
    let rdp_pdf_href = format!("{RDP_PDF_PATH}{rdp_query}");
    let cutoff = crate::i18n::date(f.on_time_cutoff);
    let (summary_heading, score_title, spread_title, trend_heading, trend_title, trend_spread_title) =
        if is_en() {
            (
                format!("City-wide summary, {label}"),
                format!("Mean score by agency, {label}"),
                format!("Grade distribution, {label}"),
                format!("Trend by quarter, {year}"),
                format!("City-wide mean score by quarter, {year}"),
                format!("City-wide grade distribution by quarter, {year}"),
            )
        } else {
            (
                format!("Ringkasan se-kota, {label}"),
                format!("Rata-rata nilai per perangkat daerah, {label}"),
                format!("Sebaran predikat, {label}"),
                format!("Tren per triwulan, {year}"),
                format!("Rata-rata nilai se-kota per triwulan, {year}"),
                format!("Sebaran predikat se-kota per triwulan, {year}"),
            )
        };
    view! {
        <PeriodForm year=f.year quarter=f.quarter years=f.years.clone() locked=f.locked.clone()/>
        <section class="card" aria-labelledby="judul-ringkasan">
            <h2 id="judul-ringkasan">{summary_heading}</h2>
            <p class="muted">{source}</p>
            {not_locked.map(|m| view! { <div class="alert alert-info" role="status">{m}</div> })}
            <CityStats city=f.city.clone() cutoff/>
            <p>
                <a href=rdp_href download class="button-secondary">{t("Unduh bahan RDP (XLSX)", "Download hearing pack (XLSX)")}</a>
                " "
                <a href=rdp_pdf_href download class="button-secondary">{t("Unduh bahan RDP (PDF)", "Download hearing pack (PDF)")}</a>
            </p>
        </section>
        <section class="card" aria-labelledby="judul-nilai">
            <h2 id="judul-nilai">{t("Rata-rata nilai per perangkat daerah", "Mean score by agency")}</h2>
            <ScoreBars id="grafik-nilai" title=score_title rows=score_rows value_heading=t("Rata-rata nilai", "Mean score")/>
        </section>
        <section class="card" aria-labelledby="judul-predikat">
            <h2 id="judul-predikat">{t("Sebaran predikat kinerja", "Performance grade distribution")}</h2>
            <PredikatStack id="grafik-predikat" title=spread_title rows=spread_rows row_heading=t("Perangkat daerah", "Agency")/>
        </section>
        <section class="card" aria-labelledby="judul-tren">
            <h2 id="judul-tren">{trend_heading}</h2>
            <TrendLine id="grafik-tren" title=trend_title points=f.trend.clone()/>
            <PredikatStack id="grafik-tren-predikat" title=trend_spread_title rows=trend_rows row_heading=t("Triwulan", "Quarter")/>
        </section>
        <section class="card" aria-labelledby="judul-opd">
            <h2 id="judul-opd">{t("Angka per perangkat daerah", "Figures by agency")}</h2>
            <FiguresTable f/>
        </section>
    }
}
