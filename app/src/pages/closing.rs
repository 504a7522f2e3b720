//! `/admin/penutupan` (`?tahun=&tw=`): before the quarter is closed — what is still missing per OPD
//! (with links to where it is fixed), the city-wide counts, and the distribution check per OPD
//! against the organisational predikat entered here.
use crate::api::closing::{get_closing_report, ClosingReport, OpdClosing, SetOpdPredikat};
use crate::components::action::server_action;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::domain::distribution::OrganisationPredikat;
use crate::domain::predikat::Predikat;
use crate::domain::tpp::Quarter;
use crate::i18n::{is_en, lang, message, t};
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
    let set = server_action::<SetOpdPredikat>();
    let report =
        Resource::new(move || (year(), quarter(), set.version().get()), |(y, q, _)| get_closing_report(y, q));
    let set_error = Signal::derive(move || set.value().get().and_then(|r| r.err()));
    view! {
        <Title text=t("Penutupan triwulan", "Closing the quarter")/>
        <h1>{t("Penutupan triwulan", "Closing the quarter")}</h1>
        <p>{t(
            "Periksa kelengkapan sebelum menjalankan perhitungan TPP dan mengunci triwulan. Peringatan distribusi predikat (SE MenPAN-RB 3/2023) bersifat informasi dan tidak menghalangi penguncian.",
            "Check that everything is complete before running the TPP calculation and locking the quarter. Grade distribution warnings (SE MenPAN-RB 3/2023) are for information only and do not prevent locking.",
        )}</p>
        <form method="get" action=CLOSING_PATH class="card filters">
            <div class="field">
                <label for="tahun">{t("Tahun", "Year")}</label>
                <input id="tahun" name="tahun" type="number" min="2020" max="2100" value=move || year().to_string() prop:value=move || year().to_string()/>
            </div>
            <div class="field">
                <label for="tw">{t("Triwulan", "Quarter")}</label>
                <select id="tw" name="tw">
                    {(1..=4u32).map(|q| view! { <option value=q.to_string() selected=move || quarter() == q>{crate::i18n::quarter(q)}</option> }).collect_view()}
                </select>
            </div>
            <div class="filter-actions"><button type="submit" class="button-secondary">{t("Tampilkan", "Show")}</button></div>
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
    let status = match (report.locked, missing == 0, is_en()) {
        (true, _, false) => format!("TW {roman} {} sudah dikunci.", report.year),
        (true, _, true) => format!("Q{} {} is locked.", report.quarter, report.year),
        (false, true, false) => format!("TW {roman} {} lengkap: semua pejabat siap dihitung.", report.year),
        (false, true, true) => format!(
            "Q{} {} is complete: every official is ready to be calculated.",
            report.quarter, report.year
        ),
        (false, false, false) => {
            format!("TW {roman} {}: {missing} kekurangan perlu diselesaikan.", report.year)
        }
        (false, false, true) => format!(
            "Q{} {}: {missing} {} to resolve.",
            report.quarter,
            report.year,
            if missing == 1 { "gap" } else { "gaps" }
        ),
    };
    let warnings_text = (warnings > 0).then(|| {
        if is_en() {
            format!(" {warnings} grade distribution {}.", if warnings == 1 { "warning" } else { "warnings" })
        } else {
            format!(" {warnings} peringatan distribusi predikat.")
        }
    });
    let (year, quarter, locked) = (report.year, report.quarter, report.locked);
    let (audit_head, lock_audit_head) = (report.audit_head.clone(), report.lock_audit_head.clone());
    view! {
        <section class="card" aria-labelledby="judul-kota">
            <h2 id="judul-kota">{t("Seluruh kota", "City-wide")}</h2>
            <p role="status"><strong>{status}</strong>{warnings_text}</p>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-kelengkapan">
                <table>
                    <caption id="tabel-kelengkapan">{t("Kelengkapan per perangkat daerah", "Completeness by agency")}</caption>
                    <thead><tr>
                        <th scope="col">{t("Perangkat daerah", "Agency")}</th><th scope="col" class="num">{t("Pejabat", "Officials")}</th>
                        <th scope="col" class="num">{t("Pakta ditandatangani", "Pacts signed")}</th><th scope="col" class="num">{t("Realisasi lengkap", "Realisations complete")}</th>
                        <th scope="col" class="num">{t("Rating perilaku", "Behaviour rated")}</th><th scope="col" class="num">{t("Kekurangan", "Gaps")}</th>
                        <th scope="col" class="num">{t("Peringatan", "Warnings")}</th>
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
                        <th scope="row">{t("Jumlah", "Total")}</th><td class="num">{officials}</td><td class="num">{signed}</td>
                        <td class="num">{complete}</td><td class="num">{rated}</td><td class="num">{missing}</td><td class="num">{warnings}</td>
                    </tr></tfoot>
                </table>
            </div>
            <p><a href=tpp_href>{t("Ke perhitungan dan penguncian TPP", "Go to TPP calculation and locking")}</a></p>
        </section>
        <section class="card" aria-labelledby="judul-audit">
            <h2 id="judul-audit">{t("Kepala rantai audit", "Audit chain head")}</h2>
            <p>{t(
                "Cetak atau catat nilai ini dan simpan di luar server. Kelak, pakta audit verify --expect-head JUMLAH:HASH membuktikan bahwa log audit tidak dipotong atau ditulis ulang sampai titik ini.",
                "Print or note this value and keep it away from the server. Later, pakta audit verify --expect-head COUNT:HASH proves that the audit log was neither cut short nor rewritten up to this point.",
            )}</p>
            <dl>
                <dt>{t("Saat laporan ini dibuat", "When this report was made")}</dt>
                <dd><code class="hash">{audit_head}</code></dd>
                {lock_audit_head.map(|h| view! {
                    <dt>{t("Saat triwulan dikunci", "When the quarter was locked")}</dt>
                    <dd><code class="hash">{h}</code></dd>
                })}
            </dl>
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
        .filter_map(|(p, n)| Predikat::parse(p).map(|p| format!("{} {n}", p.label_in(lang()))))
        .collect::<Vec<_>>()
        .join(" · ");
    let counts_text = if is_en() {
        format!("Officials' grades (complete quarters only): {counts}")
    } else {
        format!("Predikat pejabat (yang sudah lengkap): {counts}")
    };
    view! {
        <section class="card" id=anchor aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("{} ({})", o.name, o.code)}</h2>
            {if o.missing.is_empty() {
                view! { <p>{t("Tidak ada kekurangan.", "Nothing missing.")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {o.missing.iter().map(|m| view! {
                            <li><a href=m.href.clone()>{format!("{}: {}", m.official_name, message(&m.what))}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p>{counts_text}</p>
            <ActionForm action=set attr:class="inline-form">
                <input type="hidden" name="opd_id" value=o.opd_id.to_string()/>
                <input type="hidden" name="year" value=year.to_string()/>
                <input type="hidden" name="quarter" value=quarter.to_string()/>
                <div class="field">
                    <label for=select_id.clone()>{t("Predikat kinerja organisasi", "Organisational performance grade")}</label>
                    <select id=select_id name="predikat" disabled=locked>
                        <option value="">{t("— belum diisi —", "— not set —")}</option>
                        {OrganisationPredikat::ALL.into_iter().map(|p| {
                            let selected = org_predikat.as_deref() == Some(p.as_str());
                            view! { <option value=p.as_str() selected=selected>{p.label_in(lang())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {(!locked).then(|| view! { <button type="submit" class="button-secondary" disabled=move || set.pending().get()>{t("Simpan predikat", "Save grade")}</button> })}
            </ActionForm>
            {if o.warnings.is_empty() {
                let text = if has_org {
                    t("Distribusi predikat sesuai.", "The grade distribution is within the rules.")
                } else {
                    t("Isi predikat organisasi untuk memeriksa distribusi.", "Set the organisational grade to check the distribution.")
                };
                view! { <p class="muted">{text}</p> }.into_any()
            } else {
                view! {
                    <div class="alert alert-warning" role="note">
                        <p><strong>{t("Peringatan distribusi predikat", "Grade distribution warnings")}</strong></p>
                        <ul>{o.warnings.iter().map(|w| view! { <li>{message(w)}</li> }).collect_view()}</ul>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
