//! `/admin/audit`: the audit log, newest first. Like the officials list, the whole query lives in
//! the URL, so the filters are a plain GET form that works without JavaScript.
use crate::api::audit::{
    label, list_audit, AuditFilter, AuditPage, AuditRow, ACTIONS, AUDIT_PER_PAGE, ENTITIES,
};
use crate::components::feedback::{LoadError, Loading};
use crate::format::{datetime_wib, group_thousands};
use crate::i18n::{is_en, t};
use crate::pages::officials::href_with_query;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const AUDIT_PATH: &str = "/admin/audit";

/// English labels of the stored `entity` values (the Indonesian ones are [`ENTITIES`]).
const ENTITIES_EN: [(&str, &str); 4] = [
    ("official", "Official"),
    ("account", "Account"),
    ("tpp_policy", "TPP policy"),
    ("database", "Database"),
];

/// English labels of the stored `action` values (the Indonesian ones are [`ACTIONS`]).
const ACTIONS_EN: [(&str, &str); 8] = [
    ("create", "Create"),
    ("update", "Update"),
    ("deactivate", "Deactivate"),
    ("activate", "Reactivate"),
    ("transfer", "Transfer"),
    ("import", "CSV import"),
    ("seed", "Demo data"),
    ("set_password", "Change password"),
];

/// The label of a stored value in the page's language, or the value itself when it has none.
fn label_in_page<'a>(id: &[(&'a str, &'a str)], en: &[(&'a str, &'a str)], value: &'a str) -> &'a str {
    label(if is_en() { en } else { id }, value)
}

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
        <Title text=t("Log audit", "Audit log")/>
        <h1>{t("Log audit", "Audit log")}</h1>
        <p class="muted">
            {t("Setiap perubahan data tercatat berantai (hash); periksa keutuhannya dengan ", "Every change to the data is recorded in a hash chain; check its integrity with ")}
            <code>"pakta audit verify"</code> "."
        </p>
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
    en: &'static [(&'static str, &'static str)],
    selected: String,
    all: &'static str,
) -> impl IntoView {
    view! {
        <option value="">{all}</option>
        {table.iter().map(|(v, _)| view! { <option value=*v selected=*v == selected>{label_in_page(table, en, v)}</option> }).collect_view()}
    }
}

#[component]
fn FilterForm(filter: AuditFilter) -> impl IntoView {
    view! {
        <form method="get" action=AUDIT_PATH class="card filters" role="search" aria-label=t("Saring log audit", "Filter the audit log")>
            <div class="field">
                <label for="entity">{t("Data", "Data")}</label>
                <select id="entity" name="entity">{options(&ENTITIES, &ENTITIES_EN, filter.entity.clone(), t("Semua data", "All data"))}</select>
            </div>
            <div class="field">
                <label for="action">{t("Tindakan", "Action")}</label>
                <select id="action" name="action">{options(&ACTIONS, &ACTIONS_EN, filter.action.clone(), t("Semua tindakan", "All actions"))}</select>
            </div>
            <div class="field">
                <label for="from">{t("Dari tanggal", "From date")}</label>
                <input id="from" name="from" type="date" value=filter.from.clone()/>
            </div>
            <div class="field">
                <label for="to">{t("Sampai tanggal", "To date")}</label>
                <input id="to" name="to" type="date" value=filter.to.clone()/>
            </div>
            <div class="field">
                <label for="actor">{t("Pelaku (nama pengguna; - untuk sistem)", "Actor (username; - for the system)")}</label>
                <input id="actor" name="actor" type="search" value=filter.actor.clone() maxlength="100"/>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button-primary">{t("Terapkan", "Apply")}</button>
                <a href=AUDIT_PATH class="button-secondary">{t("Hapus filter", "Clear filters")}</a>
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
                <summary>{if is_en() { format!("{count} fields") } else { format!("{count} kolom") }}</summary>
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
            <section class="card"><p class="empty">{t("Tidak ada entri log audit yang cocok dengan filter ini.", "No audit log entries match these filters.")}</p></section>
        }
        .into_any();
    }
    let first = (page.page - 1) * AUDIT_PER_PAGE + 1;
    let last = first + page.rows.len() as u64 - 1;
    let href = move |p: u64| audit_href(&AuditFilter { page: p, ..filter.clone() });
    let (current, pages) = (page.page, page.pages);
    let (first, last, total) =
        (group_thousands(first as i64), group_thousands(last as i64), group_thousands(page.total as i64));
    let count = if is_en() {
        format!("{first}–{last} of {total} entries")
    } else {
        format!("{first}–{last} dari {total} entri")
    };
    let page_of = crate::i18n::page_of(current, pages);
    view! {
        <section class="card">
            <p class="result-count" role="status">
                {count}
            </p>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-audit">
                <table>
                    <caption id="tabel-audit">{t("Log audit, terbaru lebih dahulu", "Audit log, newest first")}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="num">"#"</th>
                            <th scope="col">{t("Waktu", "Time")}</th>
                            <th scope="col">{t("Pelaku", "Actor")}</th>
                            <th scope="col">{t("Tindakan", "Action")}</th>
                            <th scope="col">{t("Data", "Data")}</th>
                            <th scope="col">{t("Perubahan", "Changes")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page.rows.into_iter().map(|r| view! {
                            <tr>
                                <td class="num">{r.seq}</td>
                                <td><span class="nowrap">{datetime_wib(r.at)}</span></td>
                                <td>{r.actor.clone().unwrap_or_else(|| t("sistem", "system").into())}</td>
                                <td>{label_in_page(&ACTIONS, &ACTIONS_EN, &r.action).to_string()}</td>
                                <td>
                                    {label_in_page(&ENTITIES, &ENTITIES_EN, &r.entity).to_string()}
                                    {r.record_id.clone().map(|id| view! { <br/><small class="muted"><code>{id}</code></small> })}
                                </td>
                                <td>{change_list(&r)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(pages > 1).then(|| view! {
                <nav class="pagination" aria-label=t("Halaman", "Pages")>
                    <p>{page_of}</p>
                    <ul>
                        {(current > 1).then(|| view! { <li><a href=href(current - 1) rel="prev">{t("‹ Lebih baru", "‹ Newer")}</a></li> })}
                        {(current < pages).then(|| view! { <li><a href=href(current + 1) rel="next">{t("Lebih lama ›", "Older ›")}</a></li> })}
                    </ul>
                </nav>
            })}
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every stored value with an Indonesian label has its English one, in the same order.
    #[test]
    fn every_label_has_its_english() {
        for (id, en) in [(&ENTITIES[..], &ENTITIES_EN[..]), (&ACTIONS[..], &ACTIONS_EN[..])] {
            let values: Vec<&str> = id.iter().map(|(v, _)| *v).collect();
            let en_values: Vec<&str> = en.iter().map(|(v, _)| *v).collect();
            assert_eq!(values, en_values);
        }
    }
}
