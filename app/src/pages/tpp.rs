//! `/admin/tpp` (`?tahun=&tw=`): run the quarter's TPP calculation, see the stored Daftar
//! Nominatif with its totals, download it as CSV or XLSX, download one OPD's Rekapitulasi TPP
//! (PDF), and lock the quarter (with a confirmation).
use crate::api::officials::opd_options;
use crate::api::tpp::{tpp_nominatif, tpp_quarter_locked, LockQuarter, RunTpp};
use crate::components::action::server_action;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::run_progress::RunForm;
use crate::format::rupiah;
use crate::i18n::{is_en, t};
use crate::pages::realisation::WHY_PATH;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TppPage() -> impl IntoView {
    let query = use_query_map();
    let year = move || query.read().get("tahun").and_then(|y| y.parse::<i32>().ok()).unwrap_or(2026);
    let quarter = move || query.read().get("tw").and_then(|q| q.parse::<u32>().ok()).unwrap_or(1);
    let confirming = move || query.read().get("konfirmasi").is_some();
    let run = server_action::<RunTpp>();
    let lock = server_action::<LockQuarter>();
    let rows = Resource::new(move || (year(), quarter()), |(y, q)| tpp_nominatif(y, q, String::new()));
    let opds = Resource::new(|| (), |_| opd_options());
    let locked = Resource::new(move || (year(), quarter()), |(y, q)| tpp_quarter_locked(y, q));
    let period = move || format!("{} {}", crate::i18n::quarter(quarter()), year());
    let locked_note = move || {
        if is_en() {
            format!("{} is locked: its results are final and cannot be recalculated. Fixes are made through corrections.", period())
        } else {
            format!("{} sudah dikunci: hasilnya final dan tidak dapat dihitung ulang. Perbaikan dilakukan melalui koreksi.", period())
        }
    };
    let run_error = Signal::derive(move || run.value().get().and_then(|r| r.err()));
    let lock_error = Signal::derive(move || lock.value().get().and_then(|r| r.err()));
    view! {
        <Title text=t("Perhitungan TPP", "TPP calculation")/>
        <h1>{t("Perhitungan TPP triwulan", "Quarterly TPP calculation")}</h1>
        <form method="get" action="/admin/tpp" class="card filters">
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
        <section class="card" aria-labelledby="judul-jalankan">
            <h2 id="judul-jalankan">{t("Jalankan perhitungan", "Run the calculation")}</h2>
            <p>{t(
                "Menghitung TPP setiap pejabat yang pakta, realisasi, dan rating perilakunya lengkap untuk triwulan ini, dengan kebijakan TPP yang berlaku. Menjalankan ulang sebelum dikunci menggantikan hasil sebelumnya.",
                "Calculates the TPP (performance allowance) of every official whose pact, realisations and behaviour rating are complete for this quarter, under the TPP policy in force. Running it again before the quarter is locked replaces the previous results.",
            )}</p>
            <ErrorBanner error=run_error/>
            {move || run.value().get().and_then(|r| r.ok()).map(|r| view! {
                <div class="alert alert-info" role="status">
                    <p>{if is_en() {
                        format!("{} officials calculated, total {}; {} skipped.", r.computed, rupiah(r.total), r.skipped.len())
                    } else {
                        format!("{} pejabat dihitung, total {}; {} dilewati.", r.computed, rupiah(r.total), r.skipped.len())
                    }}</p>
                    <SkippedList skipped=r.skipped closing_href=format!("/admin/penutupan?tahun={}&tw={}", year(), quarter())/>
                </div>
            })}
            <Suspense fallback=Loading>
                {move || locked.get().map(|r| match r {
                    Ok(true) => view! { <p class="alert alert-info" role="status">{locked_note()}</p> }.into_any(),
                    _ => view! { <RunForm year=year() quarter=quarter()/> }.into_any(),
                })}
            </Suspense>
        </section>
        <section class="card" aria-labelledby="judul-kunci">
            <h2 id="judul-kunci">{t("Kunci triwulan", "Lock the quarter")}</h2>
            <p>
                {t("Sebelum mengunci, periksa kelengkapan dan distribusi predikat di ", "Before locking, check completeness and the grade distribution in ")}
                <a href=move || format!("/admin/penutupan?tahun={}&tw={}", year(), quarter())>{t("Penutupan triwulan", "Quarter closing")}</a>
                {t(". Setelah dikunci, perbaikan dilakukan melalui ", ". Once locked, fixes are made through ")}<a href="/admin/koreksi">{t("koreksi", "corrections")}</a>"."
            </p>
            <ErrorBanner error=lock_error/>
            // Inside a Suspense: the page is rendered once the lock is known.
            <Suspense fallback=Loading>
            {move || locked.get().map(|r| if r.ok() == Some(true) {
                view! { <p><strong>{t("Triwulan ini sudah dikunci.", "This quarter is locked.")}</strong></p> }.into_any()
            } else if confirming() {
                view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="judul-konfirmasi-kunci">
                        <p id="judul-konfirmasi-kunci"><strong>{move || if is_en() { format!("Lock {}?", period()) } else { format!("Kunci {}?", period()) }}</strong></p>
                        <p>{t(
                            "Setelah dikunci, hasil, realisasi, dan rating triwulan ini tidak dapat diubah; perbaikan hanya melalui koreksi.",
                            "Once locked, this quarter's results, realisations and ratings cannot be changed; fixes are made only through corrections.",
                        )}</p>
                        <ActionForm action=lock attr:class="inline-form">
                            <input type="hidden" name="year" value=move || year().to_string()/>
                            <input type="hidden" name="quarter" value=move || quarter().to_string()/>
                            <button type="submit" class="button-danger">{t("Ya, kunci", "Yes, lock it")}</button>
                        </ActionForm>
                        <a class="button-secondary" href=move || format!("/admin/tpp?tahun={}&tw={}", year(), quarter())>{t("Batal", "Cancel")}</a>
                    </div>
                }.into_any()
            } else {
                view! { <a class="button-secondary" href=move || format!("/admin/tpp?tahun={}&tw={}&konfirmasi=1", year(), quarter())>{t("Kunci triwulan…", "Lock the quarter…")}</a> }.into_any()
            })}
            </Suspense>
        </section>
        <section class="card" aria-labelledby="judul-nominatif">
            <h2 id="judul-nominatif">{t("Daftar Nominatif TPP", "TPP payment list (Daftar Nominatif)")}</h2>
            <p>
                // Excel with Indonesian settings opens a comma-separated file as one column.
                <a href=move || format!("/admin/tpp/nominatif.csv?tahun={}&tw={}&pemisah=titikkoma", year(), quarter()) download>{t("Unduh CSV (Excel)", "Download CSV (Excel, Indonesian settings)")}</a>
                " · "
                <a href=move || format!("/admin/tpp/nominatif.csv?tahun={}&tw={}", year(), quarter()) download>{t("CSV berpemisah koma", "Comma-separated CSV")}</a>
                " · "
                <a href=move || format!("/admin/tpp/nominatif.xlsx?tahun={}&tw={}", year(), quarter()) download>{t("Unduh XLSX", "Download XLSX")}</a>
            </p>
            <Suspense fallback=Loading>
                {move || opds.get().map(|r| match r {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(opds) => view! {
                        <form method="get" action="/admin/tpp/rekap.pdf" class="inline-form" aria-label=t("Rekapitulasi TPP per perangkat daerah", "TPP summary by agency")>
                            <input type="hidden" name="tahun" value=move || year().to_string()/>
                            <input type="hidden" name="tw" value=move || quarter().to_string()/>
                            <div class="field">
                                <label for="rekap-opd">{t("Rekapitulasi TPP perangkat daerah (PDF)", "Agency TPP summary (PDF)")}</label>
                                <select id="rekap-opd" name="opd" required>
                                    <option value="">{t("Pilih perangkat daerah", "Choose an agency")}</option>
                                    {opds.into_iter().map(|o| view! { <option value=o.code>{o.name}</option> }).collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="button-secondary">{t("Unduh rekap PDF", "Download summary PDF")}</button>
                        </form>
                    }.into_any(),
                })}
            </Suspense>
            <Suspense fallback=Loading>
                {move || rows.get().map(|r| match r {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p class="empty">{t("Belum ada hasil perhitungan untuk triwulan ini.", "No calculation results for this quarter yet.")}</p> }.into_any(),
                    Ok(rows) => {
                        let total: i64 = rows.iter().map(|r| r.gross).sum();
                        view! {
                            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-nominatif">
                                <table>
                                    <caption id="tabel-nominatif">{t("Hasil per pejabat per bulan", "Results per official per month")}</caption>
                                    <thead><tr>
                                        <th scope="col">{t("Nama", "Name")}</th><th scope="col">"OPD"</th><th scope="col" class="num">{t("Bulan", "Month")}</th>
                                        <th scope="col" class="num">{t("Pagu", "Ceiling")}</th><th scope="col" class="num">{t("Disiplin", "Discipline")}</th>
                                        <th scope="col" class="num">{t("Produktivitas", "Productivity")}</th><th scope="col" class="num">{t("Potongan", "Deductions")}</th>
                                        <th scope="col" class="num">{t("TPP bruto", "Gross TPP")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|r| view! {
                                            <tr>
                                                <th scope="row"><a href=format!("{WHY_PATH}/{}/{}/{}", r.official_id, year(), r.month)>{r.name}</a></th><td>{r.opd_code}</td><td class="num">{r.month}</td>
                                                <td class="num">{rupiah(r.ceiling)}</td><td class="num">{rupiah(r.discipline)}</td>
                                                <td class="num">{rupiah(r.productivity)}</td><td class="num">{rupiah(r.sanction_cut)}</td>
                                                <td class="num">{rupiah(r.gross)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                    <tfoot><tr><th scope="row" colspan="7">{t("Jumlah", "Total")}</th><td class="num">{rupiah(total)}</td></tr></tfoot>
                                </table>
                            </div>
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Who a run left out and why, so that "32 dilewati" can be followed up (issue 16).
#[component]
fn SkippedList(skipped: Vec<(String, String)>, closing_href: String) -> impl IntoView {
    (!skipped.is_empty()).then(|| {
        let summary = if is_en() {
            format!("Who was skipped, and why ({})", skipped.len())
        } else {
            format!("Siapa yang dilewati dan mengapa ({})", skipped.len())
        };
        view! {
            <details class="skipped">
                <summary>{summary}</summary>
                <ul>
                    {skipped.into_iter().map(|(name, reason)| view! {
                        <li><strong>{name}</strong>": "{crate::i18n::message(&reason)}</li>
                    }).collect_view()}
                </ul>
                <p>{t("Lengkapi yang kurang di ", "Complete what is missing in ")}<a href=closing_href>{t("Penutupan triwulan", "Quarter closing")}</a>{t(", lalu jalankan ulang.", ", then run again.")}</p>
            </details>
        }
    })
}
