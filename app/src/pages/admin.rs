use crate::api::closing::{get_admin_todo, AdminTodo};
use crate::api::overview::get_admin_overview;
use crate::components::feedback::{LoadError, Loading};
use crate::format::group_thousands;
use crate::i18n::{is_en, t};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/admin`: the HR agency's starting point.
#[component]
pub fn AdminHome() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_admin_overview());
    let todo = Resource::new(|| (), |_| get_admin_todo());
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
            {move || todo.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(todo) => view! { <TodoList todo/> }.into_any(),
            })}
        </Suspense>
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

/// What is left to do for the working quarter, counted, each line a link to where it is done
/// (issue 16).
#[component]
fn TodoList(todo: AdminTodo) -> impl IntoView {
    let (year, q) = (todo.year, todo.quarter);
    let tw = crate::i18n::quarter(q);
    let period = format!("tahun={year}&tw={q}");
    let pacts = |status: &str| format!("/admin/pakta?tahun={year}&status={status}");
    // (count, Indonesian, English, link)
    let items: Vec<(u64, String, String, String)> = vec![
        (
            todo.no_pact,
            format!("pejabat belum memiliki pakta {year}"),
            format!("officials without a {year} pact"),
            pacts("none"),
        ),
        (
            todo.drafts,
            format!("draf pakta {year} belum dibekukan"),
            format!("{year} draft pacts not yet frozen"),
            pacts("draft"),
        ),
        (
            todo.awaiting_signatures,
            format!("pakta {year} menunggu tanda tangan"),
            format!("{year} pacts awaiting signatures"),
            pacts("awaiting_signatures"),
        ),
        (
            todo.not_signed as u64,
            format!("pejabat tanpa pakta yang ditandatangani untuk {tw}"),
            format!("officials without a pact signed for {tw}"),
            format!("/admin/penutupan?{period}"),
        ),
        (
            todo.realisations_incomplete as u64,
            format!("lembar realisasi {tw} belum lengkap"),
            format!("{tw} realisation sheets incomplete"),
            format!("/admin/realisasi?{period}&belum=1"),
        ),
        (
            todo.ratings_missing as u64,
            format!("rating perilaku {tw} belum diberikan"),
            format!("{tw} behaviour ratings missing"),
            format!("/admin/penutupan?{period}"),
        ),
        (
            todo.warnings as u64,
            "peringatan distribusi predikat".to_string(),
            "grade distribution warnings".to_string(),
            format!("/admin/penutupan?{period}"),
        ),
    ];
    let open: Vec<_> = items.into_iter().filter(|(n, ..)| *n > 0).collect();
    let heading = if is_en() {
        format!("To do for {tw} {year}")
    } else {
        format!("Perlu dikerjakan untuk {tw} {year}")
    };
    let done = if todo.locked {
        if is_en() {
            format!("{tw} {year} is locked.")
        } else {
            format!("{tw} {year} sudah dikunci.")
        }
    } else if is_en() {
        format!("Everything for {tw} {year} is complete: run the TPP calculation and lock the quarter.")
    } else {
        format!("Semua untuk {tw} {year} sudah lengkap: jalankan perhitungan TPP dan kunci triwulan.")
    };
    view! {
        <section class="card todo" aria-labelledby="judul-todo">
            <h2 id="judul-todo">{heading}</h2>
            {if open.is_empty() {
                view! { <p>{done}" "<a href=format!("/admin/tpp?{period}")>{t("Perhitungan TPP", "TPP calculation")}</a></p> }.into_any()
            } else {
                view! {
                    <ul class="todo-list">
                        {open.into_iter().map(|(n, id, en, href)| view! {
                            <li><a href=href><strong>{group_thousands(n as i64)}</strong>" "{if is_en() { en } else { id }}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
