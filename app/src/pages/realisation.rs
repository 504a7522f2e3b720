//! `/admin/realisasi`: signed pacts of the year with how far the quarter's realisations are
//! entered; `/admin/realisasi/:pact_id/:quarter`: one official's quarter sheet. As values are
//! typed, the preview (capaian, nilai, rating, predikat, faktor, TPP) is computed in the browser
//! by `domain::quarter_sheet::preview_with`, the code the server recomputes with on save. Field
//! names are `realisations[i][key]`, so the form also posts as plain HTML.
use crate::api::evaluations::{
    get_sheet, list_sheets, QuarterSheet, RateBehaviour, SaveRealisations, SheetListPage, SHEETS_PER_PAGE,
};
use crate::api::officials::{opd_options, OpdOption};
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::domain::explanation::number_id;
use crate::domain::policy::Policy;
use crate::domain::predikat::Predikat;
use crate::domain::quarter_sheet::{preview_with, PreviewResult, AWAITING_BEHAVIOUR};
use crate::domain::rating::Rating;
use crate::domain::tpp::Quarter;
use crate::domain::DomainError;
use crate::format::{group_thousands, quarter_roman as roman, rupiah, MONTHS_ID};
use crate::pages::officials::{href_with_query, nip_spaced};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub const REALISATIONS_PATH: &str = "/admin/realisasi";
/// "Mengapa TPP Rp X?": `{WHY_PATH}/{official_id}/{year}/{month}`.
pub const WHY_PATH: &str = "/rincian-tpp";

fn sheet_href(pact_id: uuid::Uuid, quarter: u32) -> String {
    format!("{REALISATIONS_PATH}/{pact_id}/{quarter}")
}

fn rating_label(rating: &str) -> &'static str {
    Rating::parse(rating).map_or("—", Rating::label_id)
}

#[component]
pub fn RealisationPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("pact_id").unwrap_or_default(),
            p.get("quarter").and_then(|q| q.parse::<u32>().ok()).unwrap_or(0),
        )
    };
    let sheet = Resource::new(key, |(id, q)| get_sheet(id, q));
    view! {
        <Title text="Realisasi triwulan"/>
        <Suspense fallback=Loading>
            {move || sheet.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(s) => match Quarter::new(s.quarter) {
                    Some(quarter) => {
                        // The admin comes from the realisations list; a superior from their inbox.
                        let (back, label) = if s.may_edit_values {
                            (REALISATIONS_PATH, "‹ Daftar realisasi")
                        } else {
                            ("/saya/tim", "‹ Tim saya")
                        };
                        view! { <p><a href=back>{label}</a></p><Sheet sheet=s quarter/> }.into_any()
                    }
                    None => view! { <LoadError error=crate::error::AppError::NotFound/> }.into_any(),
                },
            })}
        </Suspense>
    }
}

#[component]
fn Sheet(sheet: QuarterSheet, quarter: Quarter) -> impl IntoView {
    let save = ServerAction::<SaveRealisations>::new();
    let rate = ServerAction::<RateBehaviour>::new();
    let values: Vec<RwSignal<String>> = sheet.rows.iter().map(|r| RwSignal::new(r.value.clone())).collect();
    let row_versions = RwSignal::new(sheet.rows.iter().map(|r| r.row_version).collect::<Vec<i32>>());
    let behaviour = RwSignal::new(sheet.behaviour.clone());
    // The server's answer to the last save: new row versions, and who rated, after a rating.
    Effect::new(move |_| {
        if let Some(Ok(s)) = save.value().get() {
            row_versions.set(s.rows.iter().map(|r| r.row_version).collect());
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(s)) = rate.value().get() {
            behaviour.set(s.behaviour);
        }
    });
    let policy = serde_json::from_str(&sheet.policy_json)
        .ok()
        .and_then(|v| Policy::from_json(&v, "policy").ok())
        .unwrap_or_default();
    let (indicators, discipline) = (sheet.indicators.clone(), sheet.discipline.clone());
    let (ceiling, year) = (sheet.official.monthly_ceiling, sheet.year);
    let typed_values = values.clone();
    let live = Memo::new(move |_| {
        let typed: Vec<String> = typed_values.iter().map(|v| v.get()).collect();
        let rating = behaviour.with(|b| b.rating.as_deref().and_then(Rating::parse));
        preview_with(&indicators, &typed, rating, ceiling, year, quarter, &policy, &discipline)
    });
    let server_error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let live_error = move || live.get().err();
    let message = move |field: String| {
        server_error
            .get()
            .and_then(|e| e.field_message(&field))
            .or_else(|| live_error().filter(|e: &DomainError| e.field == field).map(|e| e.message))
    };
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let o = sheet.official.clone();
    let title = format!("Realisasi TW {} {} — {}", roman(sheet.quarter), sheet.year, o.name);
    // A locked quarter changes only through a correction, approved by a second admin.
    let editable = sheet.may_edit_values && !sheet.locked;
    let lock_notice = sheet.locked.then(|| {
        let correction_href = format!("/admin/koreksi/{}/{}", sheet.pact_id, sheet.quarter);
        let pending = sheet.correction_pending;
        let admin = sheet.may_edit_values;
        view! {
            <div class="alert alert-info" role="status">
                <p>{format!("TW {} {} sudah dikunci: realisasi dan rating tidak dapat diubah lagi.", roman(sheet.quarter), sheet.year)}</p>
                {(admin && pending).then(|| view! { <p>"Ada koreksi triwulan ini yang menunggu persetujuan admin lain. "<a href="/admin/koreksi">"Buka buku koreksi"</a></p> })}
                {(admin && !pending).then(|| view! { <p><a href=correction_href>"Ajukan koreksi…"</a></p> })}
            </div>
        }
    });
    let shows_pay = sheet.shows_pay;
    let rows = sheet.rows.clone();
    let names: Vec<String> = sheet.indicators.iter().map(|i| i.name.clone()).collect();
    let for_behaviour = sheet.clone();
    let why_base = format!("{WHY_PATH}/{}/{}", o.official_id, sheet.year);
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            <a class="button-secondary" href=format!("/pakta/{}?versi={}", sheet.pact_id, sheet.version_no)>"Buka pakta"</a>
        </div>
        <dl class="summary-list">
            <dt>"NIP"</dt><dd>{nip_spaced(&o.nip)}</dd>
            <dt>"Jabatan"</dt><dd>{o.position_title.clone()}</dd>
            <dt>"Perangkat daerah"</dt><dd>{o.opd_name.clone()}</dd>
            <dt>"Triwulan"</dt><dd>{format!("TW {} {} (pakta versi {})", roman(sheet.quarter), sheet.year, sheet.version_no)}</dd>
            <dt>"Pagu TPP bulanan"</dt><dd>{if sheet.shows_pay { rupiah(o.monthly_ceiling) } else { "—".to_string() }}</dd>
            <dt>"Kebijakan TPP"</dt><dd>{sheet.policy_version.map_or("bawaan".to_string(), |v| format!("versi {v}"))}</dd>
        </dl>
        {lock_notice}
        <div class="grid-2">
            <section class="card" aria-labelledby="judul-realisasi">
                <h2 id="judul-realisasi">"Realisasi indikator"</h2>
                <p class="field-hint">"Angka boleh ditulis cara Indonesia (1.234,5). Kosongkan bila belum ada realisasi. Untuk target rentang, isi satu angka."</p>
                {move || saved().then(|| view! { <div class="alert alert-info" role="status">"Realisasi tersimpan; nilai dihitung ulang oleh server."</div> })}
                <ErrorBanner error=server_error/>
                <ActionForm action=save attr:class="realisation-form" attr:novalidate=true>
                    <input type="hidden" name="pact_id" value=sheet.pact_id.to_string()/>
                    <input type="hidden" name="quarter" value=sheet.quarter.to_string()/>
                    <fieldset class="plain" disabled=!editable>
                        {sheet.indicators.iter().cloned().zip(rows).enumerate().map(|(i, (ind, row))| {
                            let value = values[i];
                            let name = move |k: &str| format!("realisations[{i}][{k}]");
                            let id = move |k: &str| format!("realisations[{i}].{k}");
                            let value_id = id("value");
                            let error_id = format!("{value_id}-error");
                            let msg_id = value_id.clone();
                            let msg_id2 = value_id.clone();
                            let target = ind.target.map_or_else(|| "tidak dinilai TW ini".to_string(), |t| t.display_id());
                            let text = move |k: &'static str, label: &'static str, initial: String| {
                                let field_id = id(k);
                                let err_id = format!("{field_id}-error");
                                let msg = field_id.clone();
                                view! {
                                    <div class="field">
                                        <label for=field_id.clone()>{label}</label>
                                        <input id=field_id.clone() name=name(k) type="text" value=initial aria-describedby=err_id.clone()/>
                                        <p id=err_id class="field-error" aria-live="polite">{move || message(msg.clone())}</p>
                                    </div>
                                }
                            };
                            view! {
                                <fieldset class="indicator-row">
                                    <legend>{format!("{}. {}", i + 1, ind.name)}</legend>
                                    <input type="hidden" name=name("indicator_id") value=ind.indicator_id.to_string()/>
                                    <input type="hidden" name=name("row_version") prop:value=move || row_versions.with(|v| v.get(i).copied().unwrap_or(0)).to_string()/>
                                    <p class="muted">{format!("Target TW {}: {} {} · bobot {}% · polaritas {}", roman(sheet.quarter), target, ind.unit, number_id(ind.weight), ind.polarity.label_id())}</p>
                                    <div class="field">
                                        <label for=value_id.clone()>"Realisasi"</label>
                                        <input id=value_id.clone() name=name("value") type="text" inputmode="decimal"
                                            prop:value=move || value.get()
                                            on:input=move |ev| value.set(event_target_value(&ev))
                                            aria-invalid=move || message(msg_id.clone()).is_some().to_string()
                                            aria-describedby=error_id.clone()/>
                                        <p id=error_id class="field-error" aria-live="polite">{move || message(msg_id2.clone())}</p>
                                    </div>
                                    <div class="grid-2">
                                        {text("evidence_note", "Bukti dukung (keterangan)", row.evidence_note.clone())}
                                        {text("evidence_link", "Tautan bukti (https://…)", row.evidence_link.clone())}
                                        {text("obstacles", "Kendala", row.obstacles.clone())}
                                        {text("follow_up", "Tindak lanjut", row.follow_up.clone())}
                                    </div>
                                    {row.updated_by.clone().map(|by| view! { <p class="muted">{format!("Terakhir diubah oleh {by}")}</p> })}
                                </fieldset>
                            }
                        }).collect_view()}
                    </fieldset>
                    {editable.then(|| view! {
                        <p class="actions">
                            <button type="submit" class="button-primary" disabled=move || save.pending().get()>
                                {move || if save.pending().get() { "Menyimpan…" } else { "Simpan realisasi" }}
                            </button>
                        </p>
                    })}
                </ActionForm>
            </section>
            <div>
                <section class="card" aria-labelledby="judul-pratinjau">
                    <h2 id="judul-pratinjau">"Pratinjau nilai"</h2>
                    <div aria-live="polite">
                        {move || match live.get() {
                            Err(e) => view! { <p class="field-error">{e.message}</p> }.into_any(),
                            Ok(p) => view! { <PreviewPanel preview=p names=names.clone() shows_pay why_base=why_base.clone()/> }.into_any(),
                        }}
                    </div>
                </section>
                <BehaviourForm sheet=for_behaviour rate behaviour/>
            </div>
        </div>
    }
}

fn percent(d: Option<rust_decimal::Decimal>) -> String {
    d.map_or_else(|| "—".to_string(), |d| format!("{}%", number_id(d)))
}

/// `why_base`: `/rincian-tpp/{official}/{year}`, the "why" page of a month is `{why_base}/{month}`.
#[component]
fn PreviewPanel(
    preview: PreviewResult,
    names: Vec<String>,
    shows_pay: bool,
    why_base: String,
) -> impl IntoView {
    let waiting = || view! { <span class="muted">{AWAITING_BEHAVIOUR}</span> }.into_any();
    let note = preview.pending_note();
    view! {
        <table>
            <caption>"Capaian per indikator"</caption>
            <thead><tr><th scope="col">"Indikator"</th><th scope="col" class="num">"Capaian"</th></tr></thead>
            <tbody>
                {preview.indicators.iter().zip(names).map(|(p, name)| {
                    let shown = if !p.assessed {
                        "tidak dinilai".to_string()
                    } else if !p.entered {
                        "belum diisi".to_string()
                    } else if p.raw != p.achievement {
                        format!("{} (dibatasi dari {})", percent(p.achievement), percent(p.raw))
                    } else {
                        percent(p.achievement)
                    };
                    view! { <tr><th scope="row">{name}</th><td class="num">{shown}</td></tr> }
                }).collect_view()}
            </tbody>
        </table>
        <dl class="summary-list">
            <dt>"Nilai capaian"</dt><dd>{preview.score.map_or("—".to_string(), number_id)}</dd>
            <dt>"Rating hasil kerja"</dt><dd>{preview.work_rating.map_or("—", Rating::label_id)}</dd>
            <dt>"Predikat kinerja"</dt><dd>{match preview.predikat {
                Some(p) => Predikat::label_id(p).into_any(),
                None if preview.complete() => waiting(),
                None => "—".into_any(),
            }}</dd>
            <dt>"Faktor kinerja"</dt><dd>{match preview.factor {
                Some(f) => format!("{}%", number_id(f)).into_any(),
                None if preview.complete() => waiting(),
                None => "—".into_any(),
            }}</dd>
        </dl>
        {(shows_pay && !preview.months.is_empty()).then(|| view! {
            <table>
                <caption>"TPP bulanan (bruto)"</caption>
                <thead><tr><th scope="col">"Bulan"</th><th scope="col" class="num">"Disiplin"</th><th scope="col" class="num">"Produktivitas"</th><th scope="col" class="num">"Bruto"</th><th scope="col"><span class="visually-hidden">"Rincian"</span></th></tr></thead>
                <tbody>
                    {preview.months.iter().map(|m| view! {
                        <tr>
                            <th scope="row">{MONTHS_ID.get(m.month as usize - 1).copied().unwrap_or("")}</th>
                            <td class="num">{rupiah(m.discipline)}</td>
                            <td class="num">{rupiah(m.productivity)}</td>
                            <td class="num">{rupiah(m.gross)}</td>
                            <td><a href=format!("{why_base}/{}", m.month)>"Mengapa?"</a></td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr><th scope="row">"Triwulan"</th><td></td><td></td><td class="num">{preview.total.map(rupiah)}</td><td></td></tr></tfoot>
            </table>
        })}
        {note.map(|n| view! { <p class="muted">{n}</p> })}
    }
}

#[component]
fn BehaviourForm(
    sheet: QuarterSheet,
    rate: ServerAction<RateBehaviour>,
    behaviour: RwSignal<crate::api::evaluations::BehaviourView>,
) -> impl IntoView {
    let error = Signal::derive(move || rate.value().get().and_then(|r| r.err()));
    let field_error = move |f: &'static str| error.get().and_then(|e| e.field_message(f));
    let current = move || {
        behaviour.with(|b| match &b.rating {
            None => "Belum dinilai.".to_string(),
            Some(r) => {
                let by = b.rated_by.clone().unwrap_or_default();
                let behalf = if b.on_behalf { " (oleh admin atas nama atasan langsung)" } else { "" };
                format!("{} — oleh {by}{behalf}", rating_label(r))
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="judul-perilaku">
            <h2 id="judul-perilaku">"Rating perilaku kerja"</h2>
            <p role="status">{current}</p>
            {sheet.may_rate_behaviour.then(|| view! {
                <ErrorBanner error/>
                <ActionForm action=rate>
                    <input type="hidden" name="pact_id" value=sheet.pact_id.to_string()/>
                    <input type="hidden" name="quarter" value=sheet.quarter.to_string()/>
                    <div class="field">
                        <label for="rating">"Rating"</label>
                        <select id="rating" name="rating" aria-describedby="rating-error">
                            <option value="">"— pilih —"</option>
                            {Rating::ALL.iter().map(|r| {
                                let selected = sheet.behaviour.rating.as_deref() == Some(r.as_str());
                                view! { <option value=r.as_str() selected=selected>{r.label_id()}</option> }
                            }).collect_view()}
                        </select>
                        <p id="rating-error" class="field-error" aria-live="polite">{move || field_error("rating")}</p>
                    </div>
                    <div class="field">
                        <label for="note">"Catatan"</label>
                        <input id="note" name="note" type="text" value=sheet.behaviour.note.clone().unwrap_or_default() aria-describedby="note-error"/>
                        <p id="note-error" class="field-error" aria-live="polite">{move || field_error("note")}</p>
                    </div>
                    <button type="submit" class="button-primary" disabled=move || rate.pending().get()>"Simpan rating"</button>
                </ActionForm>
            })}
        </section>
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
struct ListFilter {
    year: i32,
    quarter: u32,
    opd: String,
    page: u64,
}

fn list_href(f: &ListFilter) -> String {
    let (year, quarter) = (f.year.to_string(), f.quarter.to_string());
    let page = if f.page > 1 { f.page.to_string() } else { String::new() };
    href_with_query(
        REALISATIONS_PATH,
        &[("tahun", &year), ("tw", &quarter), ("opd", &f.opd), ("page", &page)],
    )
}

#[component]
pub fn RealisationsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        ListFilter {
            year: q.get("tahun").and_then(|y| y.parse().ok()).unwrap_or(0),
            quarter: q.get("tw").and_then(|t| t.parse().ok()).unwrap_or(1),
            opd: q.get("opd").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    });
    let results = Resource::new(move || filter.get(), |f| list_sheets(f.year, f.quarter, f.opd, f.page));
    let opds = Resource::new(|| (), |_| opd_options());
    view! {
        <Title text="Realisasi"/>
        <h1>"Realisasi triwulan"</h1>
        <Suspense fallback=Loading>
            {move || match (opds.get(), results.get()) {
                (Some(Err(e)), _) | (_, Some(Err(e))) => Some(view! { <LoadError error=e/> }.into_any()),
                (Some(Ok(opds)), Some(Ok(page))) => Some(view! {
                    <ListFilters filter=filter.get_untracked() opds year=page.year quarter=page.quarter/>
                    <ListResults page filter=filter.get_untracked()/>
                }.into_any()),
                _ => None,
            }}
        </Suspense>
    }
}

#[component]
fn ListFilters(filter: ListFilter, opds: Vec<OpdOption>, year: i32, quarter: u32) -> impl IntoView {
    view! {
        <form method="get" action=REALISATIONS_PATH class="card filters" role="search" aria-label="Cari realisasi">
            <div class="field">
                <label for="tahun">"Tahun"</label>
                <input id="tahun" name="tahun" type="number" min="2020" max="2100" value=year.to_string()/>
            </div>
            <div class="field">
                <label for="tw">"Triwulan"</label>
                <select id="tw" name="tw">
                    {(1..=4u32).map(|q| view! { <option value=q.to_string() selected=q == quarter>{format!("TW {}", roman(q))}</option> }).collect_view()}
                </select>
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
            <div class="filter-actions">
                <button type="submit" class="button-primary">"Terapkan"</button>
            </div>
        </form>
    }
}

#[component]
fn ListResults(page: SheetListPage, filter: ListFilter) -> impl IntoView {
    if page.rows.is_empty() {
        return view! {
            <section class="card">
                <p class="empty">"Belum ada pakta yang ditandatangani untuk triwulan ini."</p>
            </section>
        }
        .into_any();
    }
    let (year, quarter, pages, current) = (page.year, page.quarter, page.pages, page.page);
    let first = (current - 1) * SHEETS_PER_PAGE + 1;
    let last = first + page.rows.len() as u64 - 1;
    let at = move |p: u64| list_href(&ListFilter { page: p, year, quarter, ..filter.clone() });
    view! {
        <section class="card">
            <p class="result-count" role="status">
                {format!("{first}–{last} dari {} pakta, TW {} {year}", group_thousands(page.total as i64), roman(quarter))}
            </p>
            <div class="table-wrap">
                <table>
                    <caption>{format!("Realisasi TW {} {year}", roman(quarter))}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Nama"</th>
                            <th scope="col">"NIP"</th>
                            <th scope="col">"Jabatan"</th>
                            <th scope="col">"Perangkat daerah"</th>
                            <th scope="col" class="num">"Realisasi terisi"</th>
                            <th scope="col">"Perilaku"</th>
                            <th scope="col">"Tindakan"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page.rows.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.official_name.clone()}</th>
                                <td><span class="nowrap">{nip_spaced(&r.nip)}</span></td>
                                <td>{r.position_title.clone()}</td>
                                <td>{r.opd_name.clone()}</td>
                                <td class="num">{format!("{} / {}", r.entered, r.assessed)}</td>
                                <td>{r.behaviour.as_deref().map_or("—", rating_label)}</td>
                                <td><a href=sheet_href(r.pact_id, quarter)
                                    aria-label=format!("Isi realisasi {}", r.official_name)>"Isi realisasi"</a></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <nav class="pagination" aria-label="Halaman">
                {(current > 1).then(|| view! { <a href=at(current - 1)>"‹ Sebelumnya"</a> })}
                <span>{format!("Halaman {current} dari {pages}")}</span>
                {(current < pages).then(|| view! { <a href=at(current + 1)>"Berikutnya ›"</a> })}
            </nav>
        </section>
    }
    .into_any()
}
