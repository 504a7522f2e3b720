use crate::api::overview::get_admin_overview;
use crate::components::feedback::{LoadError, Loading};
use crate::format::group_thousands;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/admin`: the HR agency's starting point.
#[component]
pub fn AdminHome() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_admin_overview());
    view! {
        <Title text=t("Beranda Admin", "Admin home")/>
        <h1>{t("Beranda Admin BKPSDM", "BKPSDM admin home")}</h1>
        <nav class="quick-links" aria-label=t("Kelola data", "Manage data")>
            <a class="button-secondary" href="/admin/pejabat">{t("Pejabat", "Officials")}</a>
            <a class="button-secondary" href="/admin/pakta">{t("Pakta", "Pacts")}</a>
            <a class="button-secondary" href="/admin/tpp">{t("Perhitungan TPP", "TPP calculation")}</a>
            <a class="button-secondary" href="/admin/realisasi">{t("Realisasi", "Realisations")}</a>
            <a class="button-secondary" href="/admin/penutupan">{t("Penutupan triwulan", "Quarter closing")}</a>
            <a class="button-secondary" href="/admin/koreksi">{t("Koreksi TPP", "TPP corrections")}</a>
            <a class="button-secondary" href="/admin/kebijakan-tpp">{t("Kebijakan TPP", "TPP policy")}</a>
            <a class="button-secondary" href="/admin/kehadiran/impor">{t("Impor kehadiran", "Import attendance")}</a>
            <a class="button-secondary" href="/admin/akun">{t("Kata sandi akun", "Account passwords")}</a>
            <a class="button-secondary" href="/admin/audit">{t("Log audit", "Audit log")}</a>
        </nav>
        <Suspense fallback=Loading>
            {move || overview.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(o) => view! {
                    <ul class="stats" aria-label=t("Ringkasan", "Summary")>
                        <li class="stat"><span class="stat-value">{group_thousands(o.opd_count as i64)}</span><span class="stat-label">{t("Perangkat daerah", "Agencies")}</span></li>
                        <li class="stat"><span class="stat-value">{group_thousands(o.official_count as i64)}</span><span class="stat-label">{t("Pejabat aktif", "Active officials")}</span></li>
                        <li class="stat"><span class="stat-value">{group_thousands(o.account_count as i64)}</span><span class="stat-label">{t("Akun pengguna", "User accounts")}</span></li>
                    </ul>
                    <section class="card">
                        <h2>{t("Perangkat daerah", "Agencies")}</h2>
                        {if o.opds.is_empty() {
                            view! { <p class="empty">{t("Belum ada perangkat daerah. Jalankan ", "No agencies yet. Run ")} <code>"pakta demo"</code> {t(" untuk data contoh.", " for sample data.")}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-opd">
                                    <table>
                                        <caption id="tabel-opd">{t("Jumlah pejabat aktif per perangkat daerah", "Active officials per agency")}</caption>
                                        <thead><tr><th scope="col">{t("Kode", "Code")}</th><th scope="col">{t("Nama", "Name")}</th><th scope="col" class="num">{t("Pejabat", "Officials")}</th></tr></thead>
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
