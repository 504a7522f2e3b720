//! `/admin/pejabat`: the officials registry. The whole query lives in the URL, so the search is
//! a plain GET form that works without JavaScript and every result page can be shared.
use crate::api::officials::{list_officials, opd_options, OfficialFilter, OfficialPage, OpdOption};
use crate::components::feedback::{LoadError, Loading};
use crate::domain::{Nip, PositionKind};
use crate::format::{group_thousands, rupiah};
use crate::i18n::{is_en, lang, t};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const LIST_PATH: &str = "/admin/pejabat";

/// Value, Indonesian label, English label.
const STATUSES: [(&str, &str, &str); 3] =
    [("aktif", "Aktif", "Active"), ("nonaktif", "Nonaktif", "Inactive"), ("semua", "Semua", "All")];
const SORTS: [(&str, &str, &str); 4] = [
    ("nama", "Nama", "Name"),
    ("nip", "NIP", "NIP"),
    ("opd", "Perangkat daerah", "Agency"),
    ("kelas", "Kelas jabatan", "Job class"),
];

pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `path` with the non-empty `params` as its query string, so a filter URL stays short and
/// shareable (used by every list whose filters live in the URL).
pub fn href_with_query(path: &str, params: &[(&str, &str)]) -> String {
    let parts: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v.trim())))
        .collect();
    if parts.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", parts.join("&"))
    }
}

/// The list URL for a filter; empty parts and page 1 are left out.
pub fn list_href(f: &OfficialFilter) -> String {
    let page = if f.page > 1 { f.page.to_string() } else { String::new() };
    href_with_query(
        LIST_PATH,
        &[
            ("q", &f.q),
            ("opd", &f.opd),
            ("jenis", &f.jenis),
            ("status", &f.status),
            ("sort", &f.sort),
            ("page", &page),
        ],
    )
}

pub fn kind_label(kind: &str) -> String {
    PositionKind::parse(kind).map(|k| k.label_in(lang()).to_string()).unwrap_or_else(|| kind.to_string())
}

pub fn nip_spaced(nip: &Option<String>) -> String {
    match nip {
        Some(n) => Nip::parse(n).map(|n| n.spaced()).unwrap_or_else(|_| n.clone()),
        None => "—".to_string(),
    }
}

#[component]
pub fn OfficialsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        OfficialFilter {
            q: q.get("q").unwrap_or_default(),
            opd: q.get("opd").unwrap_or_default(),
            jenis: q.get("jenis").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            sort: q.get("sort").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    });
    let results = Resource::new(
        move || filter.get(),
        |f| list_officials(f.q, f.opd, f.jenis, f.status, f.sort, f.page),
    );
    let opds = Resource::new(|| (), |_| opd_options());
    view! {
        <Title text=t("Pejabat", "Officials")/>
        <div class="page-head">
            <h1>{t("Pejabat", "Officials")}</h1>
            <a class="button-primary" href="/admin/pejabat/baru">{t("Tambah pejabat", "Add official")}</a>
            <a class="button-secondary" href="/admin/pejabat/impor">{t("Impor CSV", "Import CSV")}</a>
        </div>
        <Suspense fallback=Loading>
            {move || opds.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(opds) => view! { <FilterForm filter=filter.get() opds/> }.into_any(),
            })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || results.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(page) => view! { <Results page filter=filter.get_untracked()/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn FilterForm(filter: OfficialFilter, opds: Vec<OpdOption>) -> impl IntoView {
    let status = if filter.status.is_empty() { "aktif".to_string() } else { filter.status.clone() };
    let (sort_key, desc) = match filter.sort.strip_prefix('-') {
        Some(k) => (k.to_string(), true),
        None => (if filter.sort.is_empty() { "nama".to_string() } else { filter.sort.clone() }, false),
    };
    view! {
        <form method="get" action=LIST_PATH class="card filters" role="search" aria-label=t("Cari pejabat", "Search officials")>
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
                <label for="jenis">{t("Jenis jabatan", "Position type")}</label>
                <select id="jenis" name="jenis">
                    <option value="">{t("Semua jenis", "All types")}</option>
                    {PositionKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=k.as_str() == filter.jenis>{k.label_in(lang())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="status">{t("Status", "Status")}</label>
                <select id="status" name="status">
                    {STATUSES.into_iter().map(|(v, id, en)| view! {
                        <option value=v selected=v == status>{t(id, en)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="sort">{t("Urutkan", "Sort by")}</label>
                <select id="sort" name="sort">
                    {SORTS.into_iter().flat_map(|(v, id, en)| {
                        let (l, up, down) = (t(id, en), t("A–Z, naik", "A–Z, ascending"), t("Z–A, turun", "Z–A, descending"));
                        [(v.to_string(), format!("{l} ({up})")), (format!("-{v}"), format!("{l} ({down})"))]
                    })
                        .map(|(v, l)| {
                            let selected = v.trim_start_matches('-') == sort_key && v.starts_with('-') == desc;
                            view! { <option value=v selected=selected>{l}</option> }
                        }).collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button-primary">{t("Terapkan", "Apply")}</button>
                <a href=LIST_PATH class="button-secondary">{t("Hapus filter", "Clear filters")}</a>
            </div>
        </form>
    }
}

/// A column header that sorts by `key`, flipping the direction when already sorted by it.
fn sort_header(filter: &OfficialFilter, key: &'static str, label: &'static str, num: bool) -> impl IntoView {
    let current = if filter.sort.is_empty() { "nama" } else { filter.sort.as_str() };
    let (next, aria) = if current == key {
        (format!("-{key}"), Some("ascending"))
    } else if current.strip_prefix('-') == Some(key) {
        (key.to_string(), Some("descending"))
    } else {
        (key.to_string(), None)
    };
    let href = list_href(&OfficialFilter { sort: next, page: 1, ..filter.clone() });
    view! {
        <th scope="col" class:num=num aria-sort=aria>
            <a href=href>{label}{match aria { Some("ascending") => " ▲", Some(_) => " ▼", None => "" }}</a>
        </th>
    }
}

#[component]
fn Results(page: OfficialPage, filter: OfficialFilter) -> impl IntoView {
    if page.rows.is_empty() {
        return view! {
            <section class="card">
                <p class="empty">{t("Tidak ada pejabat yang cocok dengan pencarian atau filter ini.", "No officials match this search or these filters.")}</p>
                <p><a href=LIST_PATH>{t("Tampilkan semua pejabat aktif", "Show all active officials")}</a></p>
            </section>
        }
        .into_any();
    }
    let first = (page.page - 1) * crate::api::officials::PER_PAGE + 1;
    let last = first + page.rows.len() as u64 - 1;
    let (first, last, total) =
        (group_thousands(first as i64), group_thousands(last as i64), group_thousands(page.total as i64));
    let count = if is_en() {
        format!("{first}–{last} of {total} officials")
    } else {
        format!("{first}–{last} dari {total} pejabat")
    };
    view! {
        <section class="card">
            <p class="result-count" role="status">
                {count}
            </p>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="judul-daftar-pejabat">
                <table>
                    <caption id="judul-daftar-pejabat">{t("Daftar pejabat", "List of officials")}</caption>
                    <thead>
                        <tr>
                            {sort_header(&filter, "nama", t("Nama", "Name"), false)}
                            {sort_header(&filter, "nip", "NIP", false)}
                            <th scope="col">{t("Jabatan", "Position")}</th>
                            {sort_header(&filter, "kelas", t("Kelas", "Class"), true)}
                            {sort_header(&filter, "opd", t("Perangkat daerah", "Agency"), false)}
                            <th scope="col" class="num">{t("Pagu TPP bulanan", "Monthly TPP ceiling")}</th>
                            <th scope="col">{t("Status", "Status")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page.rows.into_iter().map(|r| view! {
                            <tr>
                                <td><a href=format!("/admin/pejabat/{}", r.id)>{r.name}</a></td>
                                <td><span class="nowrap">{nip_spaced(&r.nip)}</span></td>
                                <td>{r.position_title}<br/><small class="muted">{kind_label(&r.position_kind)}</small></td>
                                <td class="num">{r.job_class}</td>
                                <td>{r.opd_name}</td>
                                <td class="num">{rupiah(r.monthly_ceiling)}</td>
                                <td>{if r.active { t("Aktif", "Active") } else { t("Nonaktif", "Inactive") }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <Pagination current=page.page pages=page.pages filter/>
        </section>
    }
    .into_any()
}

#[component]
fn Pagination(current: u64, pages: u64, filter: OfficialFilter) -> impl IntoView {
    let href = move |p: u64| list_href(&OfficialFilter { page: p, ..filter.clone() });
    // First, last, and two either side of the current page.
    let shown: Vec<u64> = (1..=pages).filter(|&p| p == 1 || p == pages || p.abs_diff(current) <= 2).collect();
    let mut items = Vec::new();
    let mut prev = 0;
    for p in shown {
        if p > prev + 1 {
            items.push(view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any());
        }
        items.push(if p == current {
            view! { <li><a href=href(p) aria-current="page">{p}</a></li> }.into_any()
        } else {
            {
                let label = if is_en() { format!("Page {p}") } else { format!("Halaman {p}") };
                view! { <li><a href=href(p) aria-label=label>{p}</a></li> }.into_any()
            }
        });
        prev = p;
    }
    let position = crate::i18n::page_of(current, pages);
    (pages > 1).then(|| view! {
        <nav class="pagination" aria-label=t("Halaman", "Pages")>
            <p>{position}</p>
            <ul>
                {(current > 1).then(|| view! { <li><a href=href(current - 1) rel="prev">{t("‹ Sebelumnya", "‹ Previous")}</a></li> })}
                {items}
                {(current < pages).then(|| view! { <li><a href=href(current + 1) rel="next">{t("Berikutnya ›", "Next ›")}</a></li> })}
            </ul>
        </nav>
    })
}
