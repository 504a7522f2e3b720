//! `/admin/tpp` (`?tahun=&tw=`): run the quarter's TPP calculation, see the stored Daftar
//! Nominatif with its totals, download it as CSV or XLSX, download one OPD's Rekapitulasi TPP
//! (PDF), and lock the quarter (with a confirmation).
use crate::api::officials::opd_options;
use crate::api::tpp::{tpp_nominatif, LockQuarter, RunTpp};
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::run_progress::RunProgressBar;
use crate::format::rupiah;
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
    let run = ServerAction::<RunTpp>::new();
    let lock = ServerAction::<LockQuarter>::new();
    let rows = Resource::new(
        move || (year(), quarter(), run.version().get(), lock.version().get()),
        |(y, q, _, _)| tpp_nominatif(y, q, String::new()),
    );
    let opds = Resource::new(|| (), |_| opd_options());
    let run_error = Signal::derive(move || run.value().get().and_then(|r| r.err()));
    let lock_error = Signal::derive(move || lock.value().get().and_then(|r| r.err()));
    view! {
        <Title text="Perhitungan TPP"/>
        <h1>"Perhitungan TPP triwulan"</h1>
        <form method="get" action="/admin/tpp" class="card filters">
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
        <section class="card" aria-labelledby="judul-jalankan">
            <h2 id="judul-jalankan">"Jalankan perhitungan"</h2>
            <p>"Menghitung TPP setiap pejabat yang pakta, realisasi, dan rating perilakunya lengkap untuk triwulan ini, dengan kebijakan TPP yang berlaku. Menjalankan ulang sebelum dikunci menggantikan hasil sebelumnya."</p>
            <ErrorBanner error=run_error/>
            {move || run.value().get().and_then(|r| r.ok()).map(|r| view! {
                <div class="alert alert-info" role="status">
                    {format!("{} pejabat dihitung, total {}; {} dilewati.", r.computed, rupiah(r.total), r.skipped.len())}
                </div>
            })}
            <ActionForm action=run attr:class="inline-form">
                <input type="hidden" name="year" prop:value=move || year().to_string()/>
                <input type="hidden" name="quarter" prop:value=move || quarter().to_string()/>
                <button type="submit" class="button-primary" disabled=move || run.pending().get()>
                    {move || if run.pending().get() { "Menghitung…" } else { "Jalankan perhitungan" }}
                </button>
            </ActionForm>
            <RunProgressBar year=Signal::derive(year) quarter=Signal::derive(quarter) active=run.pending()/>
        </section>
        <section class="card" aria-labelledby="judul-kunci">
            <h2 id="judul-kunci">"Kunci triwulan"</h2>
            <p>
                "Sebelum mengunci, periksa kelengkapan dan distribusi predikat di "
                <a href=move || format!("/admin/penutupan?tahun={}&tw={}", year(), quarter())>"Penutupan triwulan"</a>
                ". Setelah dikunci, perbaikan dilakukan melalui "<a href="/admin/koreksi">"koreksi"</a>"."
            </p>
            <ErrorBanner error=lock_error/>
            {move || if confirming() {
                view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="judul-konfirmasi-kunci">
                        <p id="judul-konfirmasi-kunci"><strong>{move || format!("Kunci TW {} {}?", quarter(), year())}</strong></p>
                        <p>"Setelah dikunci, hasil, realisasi, dan rating triwulan ini tidak dapat diubah; perbaikan hanya melalui koreksi."</p>
                        <ActionForm action=lock attr:class="inline-form">
                            <input type="hidden" name="year" prop:value=move || year().to_string()/>
                            <input type="hidden" name="quarter" prop:value=move || quarter().to_string()/>
                            <button type="submit" class="button-danger">"Ya, kunci"</button>
                        </ActionForm>
                        <a class="button-secondary" href=move || format!("/admin/tpp?tahun={}&tw={}", year(), quarter())>"Batal"</a>
                    </div>
                }.into_any()
            } else {
                view! { <a class="button-secondary" href=move || format!("/admin/tpp?tahun={}&tw={}&konfirmasi=1", year(), quarter())>"Kunci triwulan…"</a> }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="judul-nominatif">
            <h2 id="judul-nominatif">"Daftar Nominatif TPP"</h2>
            <p>
                <a href=move || format!("/admin/tpp/nominatif.csv?tahun={}&tw={}", year(), quarter()) download>"Unduh CSV"</a>
                " · "
                <a href=move || format!("/admin/tpp/nominatif.xlsx?tahun={}&tw={}", year(), quarter()) download>"Unduh XLSX"</a>
            </p>
            <Suspense fallback=Loading>
                {move || opds.get().map(|r| match r {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(opds) => view! {
                        <form method="get" action="/admin/tpp/rekap.pdf" class="inline-form" aria-label="Rekapitulasi TPP per perangkat daerah">
                            <input type="hidden" name="tahun" prop:value=move || year().to_string()/>
                            <input type="hidden" name="tw" prop:value=move || quarter().to_string()/>
                            <div class="field">
                                <label for="rekap-opd">"Rekapitulasi TPP perangkat daerah (PDF)"</label>
                                <select id="rekap-opd" name="opd" required>
                                    <option value="">"Pilih perangkat daerah"</option>
                                    {opds.into_iter().map(|o| view! { <option value=o.code>{o.name}</option> }).collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="button-secondary">"Unduh rekap PDF"</button>
                        </form>
                    }.into_any(),
                })}
            </Suspense>
            <Suspense fallback=Loading>
                {move || rows.get().map(|r| match r {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p class="empty">"Belum ada hasil perhitungan untuk triwulan ini."</p> }.into_any(),
                    Ok(rows) => {
                        let total: i64 = rows.iter().map(|r| r.gross).sum();
                        view! {
                            <div class="table-wrap">
                                <table>
                                    <caption>"Hasil per pejabat per bulan"</caption>
                                    <thead><tr>
                                        <th scope="col">"Nama"</th><th scope="col">"OPD"</th><th scope="col" class="num">"Bulan"</th>
                                        <th scope="col" class="num">"Pagu"</th><th scope="col" class="num">"Disiplin"</th>
                                        <th scope="col" class="num">"Produktivitas"</th><th scope="col" class="num">"Potongan"</th>
                                        <th scope="col" class="num">"TPP bruto"</th>
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
                                    <tfoot><tr><th scope="row" colspan="7">"Jumlah"</th><td class="num">{rupiah(total)}</td></tr></tfoot>
                                </table>
                            </div>
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
