//! `/dprd` (`?tahun=2026&tw=2`; without `tw` the whole year): DPRD's oversight dashboard. Figures
//! per OPD and for the city from the locked quarters' stored results: officials evaluated, mean
//! and median nilai, predikat distribution, pacts signed on time, the trend across quarters, and
//! TPP paid against its budget. Aggregates only: no names, NIPs or individual pay, and groups of
//! fewer than three officials hidden (decided on the server). The charts are SVG drawn on the
//! server, each with its data table; the period form is a plain GET form.
use crate::api::dprd::{get_dprd_figures, period_label, DprdFigures, GroupFigures};
use crate::components::charts::{count_text, figure_text, percent_text, PredikatStack, ScoreBars, TrendLine};
use crate::components::feedback::{LoadError, Loading};
use crate::domain::privacy::{Figure, HIDDEN_LABEL};
use crate::domain::tpp::Quarter;
use crate::format::{date_id, rupiah};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const DPRD_PATH: &str = "/dprd";
/// The hearing pack (RDP) of the same period.
pub const RDP_XLSX_PATH: &str = "/dprd/rdp.xlsx";

/// The query of a period (`tahun`, and `tw` unless it is the whole year).
pub fn period_query(year: i32, quarter: Option<u32>) -> String {
    match quarter {
        Some(q) => format!("?tahun={year}&tw={q}"),
        None => format!("?tahun={year}"),
    }
}

fn money_text(f: &Figure<i64>) -> String {
    match f {
        Figure::Value(v) => rupiah(*v),
        Figure::Hidden => HIDDEN_LABEL.to_string(),
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
        <Title text="Dasbor DPRD"/>
        <h1>"Dasbor DPRD"</h1>
        <p class="lead">"Angka agregat kinerja dan TPP per perangkat daerah dan se-kota, dari hasil triwulan yang sudah dikunci. Tanpa nama, NIP, atau besaran TPP perorangan; kelompok kurang dari 3 pejabat disembunyikan."</p>
        <Suspense fallback=Loading>
            {move || figures.get().map(|r| match r {
                Err(e) => view! {
                    <LoadError error=e/>
                    <p><a href=DPRD_PATH>"Kembali ke periode terbaru"</a></p>
                }.into_any(),
                Ok(f) => view! { <Dashboard f/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn PeriodForm(year: i32, quarter: Option<u32>, years: Vec<i32>, locked: Vec<u32>) -> impl IntoView {
    view! {
        <form method="get" action=DPRD_PATH class="card filters" aria-label="Pilih periode">
            <div class="field">
                <label for="tahun">"Tahun"</label>
                <select id="tahun" name="tahun">
                    {years.into_iter().map(|y| view! { <option value=y.to_string() selected=y == year>{y.to_string()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="tw">"Periode"</label>
                <select id="tw" name="tw">
                    <option value="" selected=quarter.is_none()>"Setahun"</option>
                    {(1..=4u32).map(|q| {
                        let roman = Quarter::new(q).map(|x| x.roman()).unwrap_or_default();
                        let name = if locked.contains(&q) { format!("TW {roman}") } else { format!("TW {roman} (belum dikunci)") };
                        view! { <option value=q.to_string() selected=quarter == Some(q)>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="filter-actions"><button type="submit" class="button-secondary">"Tampilkan"</button></div>
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
    view! {
        <ul class="stats" aria-label="Ringkasan se-kota">
            {stat(count_text(&c.evaluated), "Pejabat dinilai", c.evaluated.is_hidden())}
            {stat(figure_text(&c.mean_score), "Rata-rata nilai", c.mean_score.is_hidden())}
            {stat(figure_text(&c.median_score), "Median nilai", c.median_score.is_hidden())}
            {stat(percent_text(&c.on_time_share), "Pakta ditandatangani tepat waktu", c.on_time_share.is_hidden())}
            <li class="stat">
                <span class="stat-value stat-money" class:hidden-group=c.tpp_paid.is_hidden()>{money_text(&c.tpp_paid)}</span>
                <span class="stat-label">{format!("TPP dibayarkan, dari pagu {}", money_text(&c.tpp_budget))}</span>
            </li>
            {stat(percent_text(&c.tpp_paid_share), "Serapan pagu TPP", c.tpp_paid_share.is_hidden())}
        </ul>
        <p class="muted">{format!("Tepat waktu: ditandatangani kedua pihak paling lambat {cutoff}. Pagu TPP: jumlah pagu bulanan pejabat aktif × bulan triwulan yang dikunci.")}</p>
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
    let caption = format!("Angka per perangkat daerah, {}", f.period_label());
    view! {
        // Scrolls sideways on a narrow screen: a focusable region, named by the caption.
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-opd">
            <table class="figures-table">
                <caption id="tabel-opd">{caption}</caption>
                <thead><tr>
                    <th scope="col">"Perangkat daerah"</th>
                    <th scope="col" class="num">"Pejabat aktif"</th>
                    <th scope="col" class="num">"Pejabat dinilai"</th>
                    <th scope="col" class="num">"Rata-rata nilai"</th>
                    <th scope="col" class="num">"Median nilai"</th>
                    <th scope="col" class="num">"Pakta tepat waktu"</th>
                    <th scope="col" class="num">"TPP dibayarkan"</th>
                    <th scope="col" class="num">"Pagu TPP"</th>
                    <th scope="col" class="num">"Serapan"</th>
                </tr></thead>
                <tbody>
                    {f.opds.iter().map(|o| figure_row(view! { <th scope="row">{o.name.clone()}</th> }.into_any(), &o.figures)).collect_view()}
                </tbody>
                <tfoot>
                    {figure_row(view! { <th scope="row">"Se-kota"</th> }.into_any(), &f.city)}
                </tfoot>
            </table>
        </div>
    }
}

#[component]
fn Dashboard(f: DprdFigures) -> impl IntoView {
    let label = f.period_label();
    let locked_names: Vec<String> =
        f.locked.iter().filter_map(|q| Quarter::new(*q)).map(|q| format!("TW {}", q.roman())).collect();
    let source = if locked_names.is_empty() {
        format!("Belum ada triwulan {} yang dikunci: belum ada angka penilaian dan TPP.", f.year)
    } else {
        format!("Sumber: hasil TPP triwulan yang sudah dikunci ({}).", locked_names.join(", "))
    };
    let not_locked = f.quarter.filter(|q| !f.locked.contains(q)).map(|q| {
        format!(
            "{} belum dikunci: angka penilaian dan TPP-nya belum tersedia.",
            period_label(f.year, Some(q))
        )
    });
    let score_rows: Vec<_> =
        f.opds.iter().map(|o| (o.code.clone(), o.name.clone(), o.figures.mean_score)).collect();
    let mut spread_rows = vec![("Se-kota".to_string(), "Se-kota".to_string(), f.city.predikat.clone())];
    spread_rows.extend(f.opds.iter().map(|o| (o.code.clone(), o.name.clone(), o.figures.predikat.clone())));
    let trend_rows: Vec<_> = f
        .trend
        .iter()
        .map(|t| {
            let name = period_label(f.year, Some(t.quarter));
            (name.clone(), name, t.predikat.clone())
        })
        .collect();
    let rdp_href = format!("{RDP_XLSX_PATH}{}", period_query(f.year, f.quarter));
    let cutoff = date_id(f.on_time_cutoff);
    let year = f.year;
    view! {
        <PeriodForm year=f.year quarter=f.quarter years=f.years.clone() locked=f.locked.clone()/>
        <section class="card" aria-labelledby="judul-ringkasan">
            <h2 id="judul-ringkasan">{format!("Ringkasan se-kota, {label}")}</h2>
            <p class="muted">{source}</p>
            {not_locked.map(|m| view! { <div class="alert alert-info" role="status">{m}</div> })}
            <CityStats city=f.city.clone() cutoff/>
            <p><a href=rdp_href download class="button-secondary">"Unduh bahan RDP (XLSX)"</a></p>
        </section>
        <section class="card" aria-labelledby="judul-nilai">
            <h2 id="judul-nilai">"Rata-rata nilai per perangkat daerah"</h2>
            <ScoreBars id="grafik-nilai" title=format!("Rata-rata nilai per perangkat daerah, {label}") rows=score_rows value_heading="Rata-rata nilai"/>
        </section>
        <section class="card" aria-labelledby="judul-predikat">
            <h2 id="judul-predikat">"Sebaran predikat kinerja"</h2>
            <PredikatStack id="grafik-predikat" title=format!("Sebaran predikat, {label}") rows=spread_rows row_heading="Perangkat daerah"/>
        </section>
        <section class="card" aria-labelledby="judul-tren">
            <h2 id="judul-tren">{format!("Tren per triwulan, {year}")}</h2>
            <TrendLine id="grafik-tren" title=format!("Rata-rata nilai se-kota per triwulan, {year}") points=f.trend.clone()/>
            <PredikatStack id="grafik-tren-predikat" title=format!("Sebaran predikat se-kota per triwulan, {year}") rows=trend_rows row_heading="Triwulan"/>
        </section>
        <section class="card" aria-labelledby="judul-opd">
            <h2 id="judul-opd">"Angka per perangkat daerah"</h2>
            <FiguresTable f/>
        </section>
    }
}
