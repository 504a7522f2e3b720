//! `/admin/pejabat`: the officials registry. The whole query lives in the URL, so the search is
//! a plain GET form that works without JavaScript and every result page can be shared.
use crate::api::officials::{list_officials, opd_options, OfficialFilter, OfficialPage, OpdOption};
use crate::components::feedback::{LoadError, Loading};
use crate::domain::{Nip, PositionKind};
use crate::format::{group_thousands, rupiah};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const LIST_PATH: &str = "/admin/pejabat";

const STATUSES: [(&str, &str); 3] = [("aktif", "Aktif"), ("nonaktif", "Nonaktif"), ("semua", "Semua")];
const SORTS: [(&str, &str); 4] =
    [("nama", "Nama"), ("nip", "NIP"), ("opd", "Perangkat daerah"), ("kelas", "Kelas jabatan")];

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
    PositionKind::parse(kind).map(|k| k.label_id().to_string()).unwrap_or_else(|| kind.to_string())
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
        <Title text="Pejabat"/>
        <div class="page-head">
            <h1>"Pejabat"</h1>
            <a class="button-primary" href="/admin/pejabat/baru">"Tambah pejabat"</a>
            <a class="button-secondary" href="/admin/pejabat/impor">"Impor CSV"</a>
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
        <form method="get" action=LIST_PATH class="card filters" role="search" aria-label="Cari pejabat">
            <div class="field filter-q">
                <label for="q">"Cari nama, NIP, atau jabatan"</label>
                <input id="q" name="q" type="search" value=filter.q.clone() maxlength="100"/>
            </div>
            <div class="field">
                <label for="opd">"Perangkat daerah"</label>
                <select id="opd" name="opd">
                    <option value="">"Semua perangkat daerah"</option>
                    {opds.into_iter().map(|o| {
                        let id = o.id.to_string();
                        let selected = id == filter.opd;
                        view! { <option value=id selected=selected>{o.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="jenis">"Jenis jabatan"</label>
                <select id="jenis" name="jenis">
                    <option value="">"Semua jenis"</option>
                    {PositionKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=k.as_str() == filter.jenis>{k.label_id()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="status">"Status"</label>
                <select id="status" name="status">
                    {STATUSES.into_iter().map(|(v, l)| view! {
                        <option value=v selected=v == status>{l}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="sort">"Urutkan"</label>
                <select id="sort" name="sort">
                    {SORTS.into_iter().flat_map(|(v, l)| [(v.to_string(), format!("{l} (A–Z, naik)")), (format!("-{v}"), format!("{l} (Z–A, turun)"))])
                        .map(|(v, l)| {
                            let selected = v.trim_start_matches('-') == sort_key && v.starts_with('-') == desc;
                            view! { <option value=v selected=selected>{l}</option> }
                        }).collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button-primary">"Terapkan"</button>
                <a href=LIST_PATH class="button-secondary">"Hapus filter"</a>
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
                <p class="empty">"Tidak ada pejabat yang cocok dengan pencarian atau filter ini."</p>
                <p><a href=LIST_PATH>"Tampilkan semua pejabat aktif"</a></p>
            </section>
        }
        .into_any();
    }
    let first = (page.page - 1) * crate::api::officials::PER_PAGE + 1;
    let last = first + page.rows.len() as u64 - 1;
    view! {
        <section class="card">
            <p class="result-count" role="status">
                {format!("{}–{} dari {} pejabat", group_thousands(first as i64), group_thousands(last as i64), group_thousands(page.total as i64))}
            </p>
            <div class="table-wrap">
                <table>
                    <caption>"Daftar pejabat"</caption>
                    <thead>
                        <tr>
                            {sort_header(&filter, "nama", "Nama", false)}
                            {sort_header(&filter, "nip", "NIP", false)}
                            <th scope="col">"Jabatan"</th>
                            {sort_header(&filter, "kelas", "Kelas", true)}
                            {sort_header(&filter, "opd", "Perangkat daerah", false)}
                            <th scope="col" class="num">"Pagu TPP bulanan"</th>
                            <th scope="col">"Status"</th>
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
                                <td>{if r.active { "Aktif" } else { "Nonaktif" }}</td>
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
            view! { <li><a href=href(p) aria-label=format!("Halaman {p}")>{p}</a></li> }.into_any()
        });
        prev = p;
    }
    (pages > 1).then(|| view! {
        <nav class="pagination" aria-label="Halaman">
            <p>{format!("Halaman {current} dari {pages}")}</p>
            <ul>
                {(current > 1).then(|| view! { <li><a href=href(current - 1) rel="prev">"‹ Sebelumnya"</a></li> })}
                {items}
                {(current < pages).then(|| view! { <li><a href=href(current + 1) rel="next">"Berikutnya ›"</a></li> })}
            </ul>
        </nav>
    })
}
