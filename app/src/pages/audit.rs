//! `/admin/audit`: the audit log, newest first. Like the officials list, the whole query lives in
//! the URL, so the filters are a plain GET form that works without JavaScript.
use crate::api::audit::{
    label, list_audit, AuditFilter, AuditPage, AuditRow, ACTIONS, AUDIT_PER_PAGE, ENTITIES,
};
use crate::components::feedback::{LoadError, Loading};
use crate::format::{datetime_wib, group_thousands};
use crate::pages::officials::href_with_query;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const AUDIT_PATH: &str = "/admin/audit";

/// The list URL for a filter; empty parts and page 1 are left out.
fn audit_href(f: &AuditFilter) -> String {
    let page = if f.page > 1 { f.page.to_string() } else { String::new() };
    href_with_query(
        AUDIT_PATH,
        &[
            ("entity", &f.entity),
            ("action", &f.action),
            ("from", &f.from),
            ("to", &f.to),
            ("actor", &f.actor),
            ("page", &page),
        ],
    )
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        AuditFilter {
            entity: q.get("entity").unwrap_or_default(),
            action: q.get("action").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
            actor: q.get("actor").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    });
    let results = Resource::new(
        move || filter.get(),
        |f| list_audit(f.entity, f.action, f.from, f.to, f.actor, f.page),
    );
    view! {
        <Title text="Log audit"/>
        <h1>"Log audit"</h1>
        <p class="muted">"Setiap perubahan data tercatat berantai (hash); periksa keutuhannya dengan " <code>"pakta audit verify"</code> "."</p>
        <FilterForm filter=filter.get_untracked()/>
        <Suspense fallback=Loading>
            {move || results.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(page) => view! { <Results page filter=filter.get_untracked()/> }.into_any(),
            })}
        </Suspense>
    }
}

fn options(
    table: &'static [(&'static str, &'static str)],
    selected: String,
    all: &'static str,
) -> impl IntoView {
    view! {
        <option value="">{all}</option>
        {table.iter().map(|(v, l)| view! { <option value=*v selected=*v == selected>{*l}</option> }).collect_view()}
    }
}

#[component]
fn FilterForm(filter: AuditFilter) -> impl IntoView {
    view! {
        <form method="get" action=AUDIT_PATH class="card filters" role="search" aria-label="Saring log audit">
            <div class="field">
                <label for="entity">"Data"</label>
                <select id="entity" name="entity">{options(&ENTITIES, filter.entity.clone(), "Semua data")}</select>
            </div>
            <div class="field">
                <label for="action">"Tindakan"</label>
                <select id="action" name="action">{options(&ACTIONS, filter.action.clone(), "Semua tindakan")}</select>
            </div>
            <div class="field">
                <label for="from">"Dari tanggal"</label>
                <input id="from" name="from" type="date" value=filter.from.clone()/>
            </div>
            <div class="field">
                <label for="to">"Sampai tanggal"</label>
                <input id="to" name="to" type="date" value=filter.to.clone()/>
            </div>
            <div class="field">
                <label for="actor">"Pelaku (nama pengguna; - untuk sistem)"</label>
                <input id="actor" name="actor" type="search" value=filter.actor.clone() maxlength="100"/>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button-primary">"Terapkan"</button>
                <a href=AUDIT_PATH class="button-secondary">"Hapus filter"</a>
            </div>
        </form>
    }
}

fn change_list(row: &AuditRow) -> impl IntoView {
    let items = row
        .changes
        .iter()
        .map(|c| {
            let before = c.before.clone().unwrap_or_else(|| "—".into());
            let after = c.after.clone().unwrap_or_else(|| "—".into());
            view! { <li><code>{c.field.clone()}</code>": " {before} " → " {after}</li> }
        })
        .collect_view();
    let count = row.changes.len();
    if count == 0 {
        view! { <span class="muted">"—"</span> }.into_any()
    } else if count <= 3 {
        view! { <ul class="changes">{items}</ul> }.into_any()
    } else {
        view! {
            <details>
                <summary>{format!("{count} kolom")}</summary>
                <ul class="changes">{items}</ul>
            </details>
        }
        .into_any()
    }
}

#[component]
fn Results(page: AuditPage, filter: AuditFilter) -> impl IntoView {
    if page.rows.is_empty() {
        return view! {
            <section class="card"><p class="empty">"Tidak ada entri log audit yang cocok dengan filter ini."</p></section>
        }
        .into_any();
    }
    let first = (page.page - 1) * AUDIT_PER_PAGE + 1;
    let last = first + page.rows.len() as u64 - 1;
    let href = move |p: u64| audit_href(&AuditFilter { page: p, ..filter.clone() });
    let (current, pages) = (page.page, page.pages);
    view! {
        <section class="card">
            <p class="result-count" role="status">
                {format!("{}–{} dari {} entri", group_thousands(first as i64), group_thousands(last as i64), group_thousands(page.total as i64))}
            </p>
            <div class="table-wrap">
                <table>
                    <caption>"Log audit, terbaru lebih dahulu"</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="num">"#"</th>
                            <th scope="col">"Waktu"</th>
                            <th scope="col">"Pelaku"</th>
                            <th scope="col">"Tindakan"</th>
                            <th scope="col">"Data"</th>
                            <th scope="col">"Perubahan"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page.rows.into_iter().map(|r| view! {
                            <tr>
                                <td class="num">{r.seq}</td>
                                <td><span class="nowrap">{datetime_wib(r.at)}</span></td>
                                <td>{r.actor.clone().unwrap_or_else(|| "sistem".into())}</td>
                                <td>{label(&ACTIONS, &r.action).to_string()}</td>
                                <td>
                                    {label(&ENTITIES, &r.entity).to_string()}
                                    {r.record_id.clone().map(|id| view! { <br/><small class="muted"><code>{id}</code></small> })}
                                </td>
                                <td>{change_list(&r)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(pages > 1).then(|| view! {
                <nav class="pagination" aria-label="Halaman">
                    <p>{format!("Halaman {current} dari {pages}")}</p>
                    <ul>
                        {(current > 1).then(|| view! { <li><a href=href(current - 1) rel="prev">"‹ Lebih baru"</a></li> })}
                        {(current < pages).then(|| view! { <li><a href=href(current + 1) rel="next">"Lebih lama ›"</a></li> })}
                    </ul>
                </nav>
            })}
        </section>
    }
    .into_any()
}
