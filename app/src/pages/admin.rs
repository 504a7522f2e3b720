use crate::api::overview::get_admin_overview;
use crate::components::feedback::{LoadError, Loading};
use crate::format::group_thousands;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/admin`: the HR agency's starting point.
#[component]
pub fn AdminHome() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_admin_overview());
    view! {
        <Title text="Beranda Admin"/>
        <h1>"Beranda Admin BKPSDM"</h1>
        <nav class="quick-links" aria-label="Kelola data">
            <a class="button-secondary" href="/admin/pejabat">"Pejabat"</a>
            <a class="button-secondary" href="/admin/pakta">"Pakta"</a>
            <a class="button-secondary" href="/admin/tpp">"Perhitungan TPP"</a>
            <a class="button-secondary" href="/admin/realisasi">"Realisasi"</a>
            <a class="button-secondary" href="/admin/penutupan">"Penutupan triwulan"</a>
            <a class="button-secondary" href="/admin/koreksi">"Koreksi TPP"</a>
            <a class="button-secondary" href="/admin/kebijakan-tpp">"Kebijakan TPP"</a>
            <a class="button-secondary" href="/admin/kehadiran/impor">"Impor kehadiran"</a>
            <a class="button-secondary" href="/admin/akun">"Kata sandi akun"</a>
            <a class="button-secondary" href="/admin/audit">"Log audit"</a>
        </nav>
        <Suspense fallback=Loading>
            {move || overview.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(o) => view! {
                    <ul class="stats" aria-label="Ringkasan">
                        <li class="stat"><span class="stat-value">{group_thousands(o.opd_count as i64)}</span><span class="stat-label">"Perangkat daerah"</span></li>
                        <li class="stat"><span class="stat-value">{group_thousands(o.official_count as i64)}</span><span class="stat-label">"Pejabat aktif"</span></li>
                        <li class="stat"><span class="stat-value">{group_thousands(o.account_count as i64)}</span><span class="stat-label">"Akun pengguna"</span></li>
                    </ul>
                    <section class="card">
                        <h2>"Perangkat daerah"</h2>
                        {if o.opds.is_empty() {
                            view! { <p class="empty">"Belum ada perangkat daerah. Jalankan " <code>"pakta demo"</code> " untuk data contoh."</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap">
                                    <table>
                                        <caption>"Jumlah pejabat aktif per perangkat daerah"</caption>
                                        <thead><tr><th scope="col">"Kode"</th><th scope="col">"Nama"</th><th scope="col" class="num">"Pejabat"</th></tr></thead>
                                        <tbody>
                                            {o.opds.into_iter().map(|row| view! {
                                                <tr><td><code>{row.code}</code></td><td>{row.name}</td><td class="num">{row.officials}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                    </section>
                }.into_any(),
            })}
        </Suspense>
    }
}
