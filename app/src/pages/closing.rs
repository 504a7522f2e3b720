//! `/admin/penutupan` (`?tahun=&tw=`): before the quarter is closed — what is still missing per OPD
//! (with links to where it is fixed), the city-wide counts, and the distribution check per OPD
//! against the organisational predikat entered here.
use crate::api::closing::{get_closing_report, ClosingReport, OpdClosing, SetOpdPredikat};
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::domain::distribution::OrganisationPredikat;
use crate::domain::predikat::Predikat;
use crate::domain::tpp::Quarter;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const CLOSING_PATH: &str = "/admin/penutupan";

#[component]
pub fn ClosingPage() -> impl IntoView {
    let query = use_query_map();
    let year = move || query.read().get("tahun").and_then(|y| y.parse::<i32>().ok()).unwrap_or(2026);
    let quarter = move || {
        query
            .read()
            .get("tw")
            .and_then(|q| q.parse::<u32>().ok())
            .filter(|q| (1..=4).contains(q))
            .unwrap_or(1)
    };
    let set = ServerAction::<SetOpdPredikat>::new();
    let report =
        Resource::new(move || (year(), quarter(), set.version().get()), |(y, q, _)| get_closing_report(y, q));
    let set_error = Signal::derive(move || set.value().get().and_then(|r| r.err()));
    view! {
        <Title text="Penutupan triwulan"/>
        <h1>"Penutupan triwulan"</h1>
        <p>"Periksa kelengkapan sebelum menjalankan perhitungan TPP dan mengunci triwulan. Peringatan distribusi predikat (SE MenPAN-RB 3/2023) bersifat informasi dan tidak menghalangi penguncian."</p>
        <form method="get" action=CLOSING_PATH class="card filters">
            <div class="field">
                <label for="tahun">"Tahun"</label>
                <input id="tahun" name="tahun" type="number" min="2020" max="2100" prop:value=move || year().to_string()/>
            </div>
            <div class="field">
                <label for="tw">"Triwulan"</label>
                <select id="tw" name="tw">
                    {(1..=4u32).map(|q| view! { <option value=q.to_string() selected=move || quarter() == q>{format!("TW {q}")}</option> }).collect_view()}
                </select>
            </div>
            <div class="filter-actions"><button type="submit" class="button-secondary">"Tampilkan"</button></div>
        </form>
        <ErrorBanner error=set_error/>
        <Suspense fallback=Loading>
            {move || report.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(r) => view! { <Report report=r set/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Report(report: ClosingReport, set: ServerAction<SetOpdPredikat>) -> impl IntoView {
    let (officials, signed, complete, rated, missing, warnings) = report.totals();
    let roman = Quarter::new(report.quarter).map_or("?", Quarter::roman);
    let tpp_href = format!("/admin/tpp?tahun={}&tw={}", report.year, report.quarter);
    let status = if report.locked {
        format!("TW {roman} {} sudah dikunci.", report.year)
    } else if missing == 0 {
        format!("TW {roman} {} lengkap: semua pejabat siap dihitung.", report.year)
    } else {
        format!("TW {roman} {}: {missing} kekurangan perlu diselesaikan.", report.year)
    };
    let (year, quarter, locked) = (report.year, report.quarter, report.locked);
    view! {
        <section class="card" aria-labelledby="judul-kota">
            <h2 id="judul-kota">"Seluruh kota"</h2>
            <p role="status"><strong>{status}</strong>{(warnings > 0).then(|| format!(" {warnings} peringatan distribusi predikat."))}</p>
            <div class="table-wrap">
                <table>
                    <caption>"Kelengkapan per perangkat daerah"</caption>
                    <thead><tr>
                        <th scope="col">"Perangkat daerah"</th><th scope="col" class="num">"Pejabat"</th>
                        <th scope="col" class="num">"Pakta ditandatangani"</th><th scope="col" class="num">"Realisasi lengkap"</th>
                        <th scope="col" class="num">"Rating perilaku"</th><th scope="col" class="num">"Kekurangan"</th>
                        <th scope="col" class="num">"Peringatan"</th>
                    </tr></thead>
                    <tbody>
                        {report.opds.iter().map(|o| view! {
                            <tr>
                                <th scope="row"><a href=format!("#opd-{}", o.code)>{o.name.clone()}</a></th>
                                <td class="num">{o.officials}</td><td class="num">{o.signed}</td>
                                <td class="num">{o.realisations_complete}</td><td class="num">{o.rated}</td>
                                <td class="num">{o.missing.len()}</td><td class="num">{o.warnings.len()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr>
                        <th scope="row">"Jumlah"</th><td class="num">{officials}</td><td class="num">{signed}</td>
                        <td class="num">{complete}</td><td class="num">{rated}</td><td class="num">{missing}</td><td class="num">{warnings}</td>
                    </tr></tfoot>
                </table>
            </div>
            <p><a href=tpp_href>"Ke perhitungan dan penguncian TPP"</a></p>
        </section>
        {report.opds.into_iter().map(|o| view! { <OpdSection opd=o year quarter locked set/> }).collect_view()}
    }
}

#[component]
fn OpdSection(
    opd: OpdClosing,
    year: i32,
    quarter: u32,
    locked: bool,
    set: ServerAction<SetOpdPredikat>,
) -> impl IntoView {
    let o = opd;
    let anchor = format!("opd-{}", o.code);
    let heading_id = format!("judul-{anchor}");
    let select_id = format!("predikat-{}", o.code);
    let labelled_by = heading_id.clone();
    let org_predikat = o.org_predikat.clone();
    let has_org = org_predikat.is_some();
    let counts = o
        .predikat_counts
        .iter()
        .filter_map(|(p, n)| Predikat::parse(p).map(|p| format!("{} {n}", p.label_id())))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <section class="card" id=anchor aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("{} ({})", o.name, o.code)}</h2>
            {if o.missing.is_empty() {
                view! { <p>"Tidak ada kekurangan."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {o.missing.iter().map(|m| view! {
                            <li><a href=m.href.clone()>{format!("{}: {}", m.official_name, m.what)}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p>{format!("Predikat pejabat (yang sudah lengkap): {counts}")}</p>
            <ActionForm action=set attr:class="inline-form">
                <input type="hidden" name="opd_id" value=o.opd_id.to_string()/>
                <input type="hidden" name="year" value=year.to_string()/>
                <input type="hidden" name="quarter" value=quarter.to_string()/>
                <div class="field">
                    <label for=select_id.clone()>"Predikat kinerja organisasi"</label>
                    <select id=select_id name="predikat" disabled=locked>
                        <option value="">"— belum diisi —"</option>
                        {OrganisationPredikat::ALL.into_iter().map(|p| {
                            let selected = org_predikat.as_deref() == Some(p.as_str());
                            view! { <option value=p.as_str() selected=selected>{p.label_id()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {(!locked).then(|| view! { <button type="submit" class="button-secondary" disabled=move || set.pending().get()>"Simpan predikat"</button> })}
            </ActionForm>
            {if o.warnings.is_empty() {
                let text = if has_org { "Distribusi predikat sesuai." } else { "Isi predikat organisasi untuk memeriksa distribusi." };
                view! { <p class="muted">{text}</p> }.into_any()
            } else {
                view! {
                    <div class="alert alert-warning" role="note">
                        <p><strong>"Peringatan distribusi predikat"</strong></p>
                        <ul>{o.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
