//! `/admin/pakta`: every active official with their pact for the year. The filter lives in the
//! URL (`?tahun=&q=&opd=&status=&page=`); officials without a pact get a "create draft" button.
use crate::api::officials::{opd_options, OpdOption};
use crate::api::pacts::{list_pacts, CreatePact, PactListPage, PACTS_PER_PAGE};
use crate::components::action::server_action;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::domain::pact::PactStatus;
use crate::format::group_thousands;
use crate::i18n::{is_en, lang, t};
use crate::pages::officials::{href_with_query, nip_spaced};
use crate::pages::pact::{status_label, StatusBadge};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const PACTS_PATH: &str = "/admin/pakta";

#[derive(Debug, Clone, Default, PartialEq)]
struct PactFilter {
    year: i32,
    q: String,
    opd: String,
    status: String,
    page: u64,
}

fn href(f: &PactFilter) -> String {
    let year = if f.year > 0 { f.year.to_string() } else { String::new() };
    let page = if f.page > 1 { f.page.to_string() } else { String::new() };
    href_with_query(
        PACTS_PATH,
        &[("tahun", &year), ("q", &f.q), ("opd", &f.opd), ("status", &f.status), ("page", &page)],
    )
}

#[component]
pub fn PactsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        PactFilter {
            year: q.get("tahun").and_then(|y| y.parse().ok()).unwrap_or(0),
            q: q.get("q").unwrap_or_default(),
            opd: q.get("opd").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    });
    let create = server_action::<CreatePact>();
    let results = Resource::new(
        move || (filter.get(), create.version().get()),
        |(f, _)| list_pacts(f.year, f.q, f.opd, f.status, f.page),
    );
    let opds = Resource::new(|| (), |_| opd_options());
    let create_error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    view! {
        <Title text=t("Pakta", "Pacts")/>
        <div class="page-head">
            <h1>{t("Pakta integritas & perjanjian kinerja", "Integrity pacts & performance agreements")}</h1>
            <a class="button-secondary" href="/admin/pakta/templat">{t("Templat pakta integritas", "Integrity pact template")}</a>
        </div>
        <ErrorBanner error=create_error/>
        <Suspense fallback=Loading>
            {move || match (opds.get(), results.get()) {
                (Some(Err(e)), _) | (_, Some(Err(e))) => Some(view! { <LoadError error=e/> }.into_any()),
                (Some(Ok(opds)), Some(Ok(page))) => Some(view! {
                    <Filters filter=filter.get_untracked() opds year=page.year/>
                    <Results page filter=filter.get_untracked() create/>
                }.into_any()),
                _ => None,
            }}
        </Suspense>
    }
}

#[component]
fn Filters(filter: PactFilter, opds: Vec<OpdOption>, year: i32) -> impl IntoView {
    let statuses: Vec<(&str, &str)> = std::iter::once(("none", t("Belum ada pakta", "No pact yet")))
        .chain(PactStatus::ALL.iter().map(|s| (s.as_str(), s.label_in(lang()))))
        .collect();
    view! {
        <form method="get" action=PACTS_PATH class="card filters" role="search" aria-label=t("Cari pakta", "Search pacts")>
            <div class="field">
                <label for="tahun">{t("Tahun", "Year")}</label>
                <input id="tahun" name="tahun" type="number" min="2020" max="2100" value=year.to_string()/>
            </div>
            <div class="field filter-q">
                <label for="q">{t("Cari nama, NIP, atau jabatan", "Search by name, NIP or position")}</label>
                <input id="q" name="q" type="search" value=filter.q.clone() maxlength="100"/>
            </div>
            <div class="field">
                <label for="opd">{t("Perangkat daerah", "Agency")}</label>
                <select id="opd" name="opd">
                    <option value="">{t("Semua perangkat daerah", "All agencies")}</option>
                    {opds.into_iter().map(|o| {
                        let id = o.id.to_string();
                        let selected = id == filter.opd;
                        view! { <option value=id selected=selected>{o.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="status">{t("Status pakta", "Pact status")}</label>
                <select id="status" name="status">
                    <option value="">{t("Semua status", "All statuses")}</option>
                    {statuses.into_iter().map(|(v, l)| view! {
                        <option value=v selected=v == filter.status>{l}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button-primary">{t("Terapkan", "Apply")}</button>
                <a href=PACTS_PATH class="button-secondary">{t("Hapus filter", "Clear filters")}</a>
            </div>
        </form>
    }
}

#[component]
fn Results(page: PactListPage, filter: PactFilter, create: ServerAction<CreatePact>) -> impl IntoView {
    let summary = page
        .counts
        .iter()
        .map(|(s, n)| {
            let label = match s.as_str() {
                "none" => t("belum ada pakta", "no pact yet"),
                "no_superior" => t("tanpa atasan langsung", "no direct superior"),
                _ => status_label(s),
            };
            format!("{}: {}", label, group_thousands(*n as i64))
        })
        .collect::<Vec<_>>()
        .join(" · ");
    if page.rows.is_empty() {
        return view! {
            <section class="card">
                <p class="empty">{t("Tidak ada pejabat yang cocok dengan filter ini.", "No officials match these filters.")}</p>
                <p><a href=PACTS_PATH>{t("Tampilkan semua", "Show all")}</a></p>
            </section>
        }
        .into_any();
    }
    let first = (page.page - 1) * PACTS_PER_PAGE + 1;
    let last = first + page.rows.len() as u64 - 1;
    let year = page.year;
    let pages = page.pages;
    let current = page.page;
    let total = group_thousands(page.total as i64);
    let page_of = crate::i18n::page_of(current, pages);
    let (count, caption) = if is_en() {
        (format!("{first}–{last} of {total} officials, {year}"), format!("Pacts for {year}"))
    } else {
        (format!("{first}–{last} dari {total} pejabat, tahun {year}"), format!("Pakta tahun {year}"))
    };
    view! {
        <section class="card">
            <p class="result-count" role="status">
                {count}
            </p>
            <p class="muted">{summary}</p>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-pakta">
                <table>
                    <caption id="tabel-pakta">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Nama", "Name")}</th>
                            <th scope="col">"NIP"</th>
                            <th scope="col">{t("Jabatan", "Position")}</th>
                            <th scope="col">{t("Perangkat daerah", "Agency")}</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">{t("Tindakan", "Action")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page.rows.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.official_name.clone()}</th>
                                <td><span class="nowrap">{nip_spaced(&r.nip)}</span></td>
                                <td>{r.position_title.clone()}</td>
                                <td>{r.opd_name.clone()}</td>
                                <td>{match (&r.status, r.version_no) {
                                    (Some(s), Some(v)) => view! { <StatusBadge status=s.clone()/>" "<small class="muted">{format!("v{v}")}</small> }.into_any(),
                                    _ => view! { <span class="muted">{t("Belum ada", "None yet")}</span> }.into_any(),
                                }}</td>
                                <td>{match r.pact_id {
                                    Some(id) => view! { <a href=format!("/pakta/{id}")>{t("Buka", "Open")}</a> }.into_any(),
                                    // The head of region signs no pact here: nobody above to sign with.
                                    None if !r.has_superior => view! {
                                        <span class="muted">{t(
                                            "Tanpa pakta: tidak ada atasan langsung (pihak kedua) untuk menandatanganinya",
                                            "No pact: there is no direct superior (second party) to sign it with",
                                        )}</span>
                                    }.into_any(),
                                    None => {
                                        let create_label = if is_en() {
                                            format!("Create a {year} draft pact for {}", r.official_name)
                                        } else {
                                            format!("Buat draf pakta {year} untuk {}", r.official_name)
                                        };
                                        view! {
                                        <ActionForm action=create attr:class="inline-form">
                                            <input type="hidden" name="official_id" value=r.official_id.to_string()/>
                                            <input type="hidden" name="year" value=year.to_string()/>
                                            <button type="submit" class="button-link"
                                                aria-label=create_label>{t("Buat draf", "Create draft")}</button>
                                        </ActionForm>
                                        }.into_any()
                                    }
                                }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <nav class="pagination" aria-label=t("Halaman", "Pages")>
                {(current > 1).then(|| view! { <a href=href(&PactFilter { page: current - 1, year, ..filter.clone() })>{t("‹ Sebelumnya", "‹ Previous")}</a> })}
                <span>{page_of}</span>
                {(current < pages).then(|| view! { <a href=href(&PactFilter { page: current + 1, year, ..filter.clone() })>{t("Berikutnya ›", "Next ›")}</a> })}
            </nav>
        </section>
    }
    .into_any()
}
