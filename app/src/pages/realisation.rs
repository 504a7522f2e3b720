//! `/admin/realisasi`: signed pacts of the year with how far the quarter's realisations are
//! entered; `/admin/realisasi/:pact_id/:quarter`: one official's quarter sheet. As values are
//! typed, the preview (capaian, nilai, rating, predikat, faktor, TPP) is computed in the browser
//! by `domain::quarter_sheet::preview_with`, the code the server recomputes with on save. Field
//! names are `realisations[i][key]`, so the form also posts as plain HTML.
use crate::api::evaluations::{
    get_sheet, list_sheets, QuarterSheet, RateBehaviour, SaveRealisations, SheetListPage, SHEETS_PER_PAGE,
};
use crate::api::officials::{opd_options, OpdOption};
use crate::components::action::{answer, edited_since, note_edit, server_action_from, Answer};
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::domain::explanation::number_id;
use crate::domain::policy::Policy;
use crate::domain::predikat::Predikat;
use crate::domain::quarter_sheet::{
    preview_with, IndicatorPreview, PreviewResult, SheetIndicator, AWAITING_BEHAVIOUR,
};
use crate::domain::rating::Rating;
use crate::domain::tpp::Quarter;
use crate::domain::DomainError;
use crate::format::{group_thousands, quarter_roman as roman, rupiah};
use crate::i18n::{is_en, lang, month_name_in, t};
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
    Rating::parse(rating).map_or("—", |r| r.label_in(lang()))
}

/// An indicator's target for the quarter with its unit, or that it is not assessed (without a
/// target the unit would dangle: "tidak dinilai TW ini nilai").
pub fn target_text(ind: &SheetIndicator) -> String {
    ind.target.map_or_else(
        || t("tidak dinilai triwulan ini", "not assessed this quarter").to_string(),
        |target| format!("{} {}", target.display_id(), ind.unit),
    )
}

/// "TW II" / "Q2".
fn tw(quarter: u32) -> String {
    crate::i18n::quarter(quarter)
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
        <Title text=t("Realisasi triwulan", "Quarterly realisation")/>
        <Suspense fallback=Loading>
            {move || sheet.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(s) => match Quarter::new(s.quarter) {
                    Some(quarter) => {
                        // The admin comes from the realisations list; a superior from their inbox.
                        let (back, label) = if s.may_edit_values {
                            (REALISATIONS_PATH, t("‹ Daftar realisasi", "‹ Realisations"))
                        } else {
                            ("/saya/tim", t("‹ Tim saya", "‹ My team"))
                        };
                        let (save_answer, rate_answer) = (answer::<SaveRealisations>(), answer::<RateBehaviour>());
                        view! { <p><a href=back>{label}</a></p><Sheet sheet=s quarter save_answer rate_answer/> }.into_any()
                    }
                    None => view! { <LoadError error=crate::error::AppError::NotFound/> }.into_any(),
                },
            })}
        </Suspense>
    }
}

/// The sheet, its live preview and the behaviour rating: an island (issue 15), the page's one
/// interactive part. Its forms save in place; without the wasm they post as plain HTML.
#[island(lazy)]
fn Sheet(
    sheet: QuarterSheet,
    quarter: Quarter,
    save_answer: Answer<SaveRealisations>,
    rate_answer: Answer<RateBehaviour>,
) -> impl IntoView {
    let save = server_action_from::<SaveRealisations>(save_answer);
    let rate = server_action_from::<RateBehaviour>(rate_answer);
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
    let edited = edited_since(save.value());
    // The live check of what is typed now; the last save's answer only until the user types again.
    let message = move |field: String| {
        live_error()
            .filter(|e: &DomainError| e.field == field)
            .map(|e| crate::i18n::message(&e.message))
            .or_else(|| {
                (!edited.get()).then(|| server_error.get().and_then(|e| e.field_message(&field))).flatten()
            })
    };
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let o = sheet.official.clone();
    let title = if is_en() {
        format!("Realisation {} {} — {}", tw(sheet.quarter), sheet.year, o.name)
    } else {
        format!("Realisasi TW {} {} — {}", roman(sheet.quarter), sheet.year, o.name)
    };
    // A locked quarter changes only through a correction, approved by a second admin.
    let editable = sheet.may_edit_values && !sheet.locked;
    let lock_notice = sheet.locked.then(|| {
        let correction_href = format!("/admin/koreksi/{}/{}", sheet.pact_id, sheet.quarter);
        let pending = sheet.correction_pending;
        let admin = sheet.may_edit_values;
        let locked = if is_en() {
            format!("{} {} is locked: realisations and ratings can no longer be changed.", tw(sheet.quarter), sheet.year)
        } else {
            format!("TW {} {} sudah dikunci: realisasi dan rating tidak dapat diubah lagi.", roman(sheet.quarter), sheet.year)
        };
        view! {
            <div class="alert alert-info" role="status">
                <p>{locked}</p>
                {(admin && pending).then(|| view! {
                    <p>
                        {t("Ada koreksi triwulan ini yang menunggu persetujuan admin lain. ", "A correction of this quarter is awaiting another admin's approval. ")}
                        <a href="/admin/koreksi">{t("Buka buku koreksi", "Open the corrections log")}</a>
                    </p>
                })}
                {(admin && !pending).then(|| view! { <p><a href=correction_href>{t("Ajukan koreksi…", "Request a correction…")}</a></p> })}
            </div>
        }
    });
    let shows_pay = sheet.shows_pay;
    let rows = sheet.rows.clone();
    let names: Vec<String> = sheet.indicators.iter().map(|i| i.name.clone()).collect();
    let for_behaviour = sheet.clone();
    let why_base = format!("{WHY_PATH}/{}/{}", o.official_id, sheet.year);
    let quarter_text = if is_en() {
        format!("{} {} (pact version {})", tw(sheet.quarter), sheet.year, sheet.version_no)
    } else {
        format!("TW {} {} (pakta versi {})", roman(sheet.quarter), sheet.year, sheet.version_no)
    };
    let policy_text = match sheet.policy_version {
        None => t("bawaan", "default").to_string(),
        Some(v) if is_en() => format!("version {v}"),
        Some(v) => format!("versi {v}"),
    };
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            <a class="button-secondary" href=format!("/pakta/{}?versi={}", sheet.pact_id, sheet.version_no)>{t("Buka pakta", "Open pact")}</a>
        </div>
        <dl class="summary-list">
            <dt>"NIP"</dt><dd>{nip_spaced(&o.nip)}</dd>
            <dt>{t("Jabatan", "Position")}</dt><dd>{o.position_title.clone()}</dd>
            <dt>{t("Perangkat daerah", "Agency")}</dt><dd>{o.opd_name.clone()}</dd>
            <dt>{t("Triwulan", "Quarter")}</dt><dd>{quarter_text}</dd>
            <dt>{t("Pagu TPP bulanan", "Monthly TPP ceiling")}</dt><dd>{if sheet.shows_pay { rupiah(o.monthly_ceiling) } else { "—".to_string() }}</dd>
            <dt>{t("Kebijakan TPP", "TPP policy")}</dt><dd>{policy_text}</dd>
        </dl>
        {lock_notice}
        <div class="grid-2">
            <section class="card" aria-labelledby="judul-realisasi">
                <h2 id="judul-realisasi">{t("Realisasi indikator", "Indicator realisations")}</h2>
                <p class="field-hint">{t(
                    "Angka boleh ditulis cara Indonesia (1.234,5). Kosongkan bila belum ada realisasi. Untuk target rentang, isi satu angka.",
                    "Numbers may be written the Indonesian way (1.234,5). Leave a field empty if there is no realisation yet. For a range target, enter one number.",
                )}</p>
                {move || saved().then(|| view! {
                    <div class="alert alert-info" role="status">
                        {t("Realisasi tersimpan; nilai dihitung ulang oleh server.", "Realisations saved; the server has recalculated the scores.")}
                    </div>
                })}
                <ErrorBanner error=server_error/>
                <ActionForm action=save attr:class="realisation-form" attr:novalidate=true
                    on:input=move |ev| note_edit(&ev, edited) on:change=move |ev| note_edit(&ev, edited)>
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
                            let target = target_text(&ind);
                            let target_line = if is_en() {
                                format!("Target {}: {} · weight {}% · polarity {}", tw(sheet.quarter), target, number_id(ind.weight), ind.polarity.label_in(lang()))
                            } else {
                                format!("Target TW {}: {} · bobot {}% · polaritas {}", roman(sheet.quarter), target, number_id(ind.weight), ind.polarity.label_in(lang()))
                            };
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
                                    <input type="hidden" name=name("row_version") value=move || row_versions.with(|v| v.get(i).copied().unwrap_or(0)).to_string()/>
                                    <p class="muted">{target_line}</p>
                                    <div class="field">
                                        <label for=value_id.clone()>{t("Realisasi", "Realisation")}</label>
                                        <input id=value_id.clone() name=name("value") type="text" inputmode="decimal"
                                            value=move || value.get() prop:value=move || value.get()
                                            on:input=move |ev| value.set(event_target_value(&ev))
                                            aria-invalid=move || message(msg_id.clone()).is_some().to_string()
                                            aria-describedby=error_id.clone()/>
                                        <p id=error_id class="field-error" aria-live="polite">{move || message(msg_id2.clone())}</p>
                                        // The key figure beside the field: the preview may be off-screen (issue 16).
                                        <p class="row-capaian muted">{move || live.with(|r| {
                                            r.as_ref().ok().and_then(|p| p.indicators.get(i)).map(|p| format!("{}: {}", t("Capaian", "Achievement"), capaian_text(p)))
                                        })}</p>
                                    </div>
                                    <div class="grid-2">
                                        {text("evidence_note", t("Bukti dukung (keterangan)", "Supporting evidence (description)"), row.evidence_note.clone())}
                                        {text("evidence_link", t("Tautan bukti (https://…)", "Evidence link (https://…)"), row.evidence_link.clone())}
                                        {text("obstacles", t("Kendala", "Obstacles"), row.obstacles.clone())}
                                        {text("follow_up", t("Tindak lanjut", "Follow-up"), row.follow_up.clone())}
                                    </div>
                                    {row.updated_by.clone().map(|by| view! { <p class="muted">{format!("{} {by}", t("Terakhir diubah oleh", "Last changed by"))}</p> })}
                                </fieldset>
                            }
                        }).collect_view()}
                    </fieldset>
                    {editable.then(|| view! {
                        // Kept in view at the bottom while typing, with the key figures.
                        <div class="actions sheet-bar">
                            <p class="sheet-bar-figures">{move || live.with(|r| match r {
                                Ok(p) => format!(
                                    "{} {} · {} {}",
                                    t("Nilai", "Score"),
                                    p.score.map_or("—".to_string(), number_id),
                                    t("Predikat", "Grade"),
                                    p.predikat.map_or("—", |x| Predikat::label_in(x, lang())),
                                ),
                                Err(_) => String::new(),
                            })}</p>
                            <button type="submit" class="button-primary" disabled=move || save.pending().get()>
                                {move || if save.pending().get() { t("Menyimpan…", "Saving…") } else { t("Simpan realisasi", "Save realisations") }}
                            </button>
                        </div>
                    })}
                </ActionForm>
            </section>
            <div>
                <section class="card" aria-labelledby="judul-pratinjau">
                    <h2 id="judul-pratinjau">{t("Pratinjau nilai", "Score preview")}</h2>
                    <div aria-live="polite">
                        {move || match live.get() {
                            Err(e) => view! { <p class="field-error">{crate::i18n::message(&e.message)}</p> }.into_any(),
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

/// An indicator's capaian as the preview shows it.
fn capaian_text(p: &IndicatorPreview) -> String {
    if !p.assessed {
        t("tidak dinilai", "not assessed").to_string()
    } else if !p.entered {
        t("belum diisi", "not entered").to_string()
    } else if p.raw != p.achievement {
        format!("{} ({} {})", percent(p.achievement), t("dibatasi dari", "capped from"), percent(p.raw))
    } else {
        percent(p.achievement)
    }
}

/// `why_base`: `/rincian-tpp/{official}/{year}`, the "why" page of a month is `{why_base}/{month}`.
#[component]
fn PreviewPanel(
    preview: PreviewResult,
    names: Vec<String>,
    shows_pay: bool,
    why_base: String,
) -> impl IntoView {
    let waiting = || {
        view! { <span class="muted">{t(AWAITING_BEHAVIOUR, "awaiting the behaviour rating")}</span> }
            .into_any()
    };
    let note = preview.pending_note().map(|n| match (is_en(), preview.missing) {
        (false, _) => n,
        (true, 0) => "Grade, factor and TPP are awaiting the behaviour rating.".to_string(),
        (true, 1) => "The score is incomplete: 1 indicator has no realisation yet.".to_string(),
        (true, missing) => format!("The score is incomplete: {missing} indicators have no realisation yet."),
    });
    view! {
        <table>
            <caption>{t("Capaian per indikator", "Achievement by indicator")}</caption>
            <thead><tr><th scope="col">{t("Indikator", "Indicator")}</th><th scope="col" class="num">{t("Capaian", "Achievement")}</th></tr></thead>
            <tbody>
                {preview.indicators.iter().zip(names).map(|(p, name)| {
                    view! { <tr><th scope="row">{name}</th><td class="num">{capaian_text(p)}</td></tr> }
                }).collect_view()}
            </tbody>
        </table>
        <dl class="summary-list">
            <dt>{t("Nilai capaian", "Achievement score")}</dt><dd>{preview.score.map_or("—".to_string(), number_id)}</dd>
            <dt>{t("Rating hasil kerja", "Work result rating")}</dt><dd>{preview.work_rating.map_or("—", |r| r.label_in(lang()))}</dd>
            <dt>{t("Predikat kinerja", "Performance grade")}</dt><dd>{match preview.predikat {
                Some(p) => Predikat::label_in(p, lang()).into_any(),
                None if preview.complete() => waiting(),
                None => "—".into_any(),
            }}</dd>
            <dt>{t("Faktor kinerja", "Performance factor")}</dt><dd>{match preview.factor {
                Some(f) => format!("{}%", number_id(f)).into_any(),
                None if preview.complete() => waiting(),
                None => "—".into_any(),
            }}</dd>
        </dl>
        {(shows_pay && !preview.months.is_empty()).then(|| view! {
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="judul-tpp-bulanan">
            <table>
                <caption id="judul-tpp-bulanan">{t("TPP bulanan (bruto)", "Monthly TPP (gross)")}</caption>
                <thead><tr>
                    <th scope="col">{t("Bulan", "Month")}</th>
                    <th scope="col" class="num">{t("Disiplin", "Discipline")}</th>
                    <th scope="col" class="num">{t("Produktivitas", "Productivity")}</th>
                    <th scope="col" class="num">{t("Bruto", "Gross")}</th>
                    <th scope="col"><span class="visually-hidden">{t("Rincian", "Breakdown")}</span></th>
                </tr></thead>
                <tbody>
                    {preview.months.iter().map(|m| view! {
                        <tr>
                            <th scope="row">{month_name_in(lang(), m.month)}</th>
                            <td class="num">{rupiah(m.discipline)}</td>
                            <td class="num">{rupiah(m.productivity)}</td>
                            <td class="num">{rupiah(m.gross)}</td>
                            <td><a href=format!("{why_base}/{}", m.month)>{t("Mengapa?", "Why?")}</a></td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr><th scope="row">{t("Triwulan", "Quarter")}</th><td></td><td></td><td class="num">{preview.total.map(rupiah)}</td><td></td></tr></tfoot>
            </table>
            </div>
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
            None => t("Belum dinilai.", "Not rated yet.").to_string(),
            Some(r) => {
                let by = b.rated_by.clone().unwrap_or_default();
                let behalf = if b.on_behalf {
                    t(
                        " (oleh admin atas nama atasan langsung)",
                        " (an admin, on behalf of the direct superior)",
                    )
                } else {
                    ""
                };
                format!("{} — {} {by}{behalf}", rating_label(r), t("oleh", "by"))
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="judul-perilaku">
            <h2 id="judul-perilaku">{t("Rating perilaku kerja", "Work behaviour rating")}</h2>
            <p role="status">{current}</p>
            {sheet.may_rate_behaviour.then(|| view! {
                <ErrorBanner error/>
                <ActionForm action=rate>
                    <input type="hidden" name="pact_id" value=sheet.pact_id.to_string()/>
                    <input type="hidden" name="quarter" value=sheet.quarter.to_string()/>
                    <div class="field">
                        <label for="rating">{t("Rating", "Rating")}</label>
                        <select id="rating" name="rating" aria-describedby="rating-error">
                            <option value="">{t("— pilih —", "— choose —")}</option>
                            {Rating::ALL.iter().map(|r| {
                                let selected = sheet.behaviour.rating.as_deref() == Some(r.as_str());
                                view! { <option value=r.as_str() selected=selected>{r.label_in(lang())}</option> }
                            }).collect_view()}
                        </select>
                        <p id="rating-error" class="field-error" aria-live="polite">{move || field_error("rating")}</p>
                    </div>
                    <div class="field">
                        <label for="note">{t("Catatan", "Note")}</label>
                        <input id="note" name="note" type="text" value=sheet.behaviour.note.clone().unwrap_or_default() aria-describedby="note-error"/>
                        <p id="note-error" class="field-error" aria-live="polite">{move || field_error("note")}</p>
                    </div>
                    <button type="submit" class="button-primary" disabled=move || rate.pending().get()>{t("Simpan rating", "Save rating")}</button>
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
        <Title text=t("Realisasi", "Realisations")/>
        <h1>{t("Realisasi triwulan", "Quarterly realisation")}</h1>
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
        <form method="get" action=REALISATIONS_PATH class="card filters" role="search" aria-label=t("Cari realisasi", "Search realisations")>
            <div class="field">
                <label for="tahun">{t("Tahun", "Year")}</label>
                <input id="tahun" name="tahun" type="number" min="2020" max="2100" value=year.to_string()/>
            </div>
            <div class="field">
                <label for="tw">{t("Triwulan", "Quarter")}</label>
                <select id="tw" name="tw">
                    {(1..=4u32).map(|q| view! { <option value=q.to_string() selected=q == quarter>{tw(q)}</option> }).collect_view()}
                </select>
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
            <div class="filter-actions">
                <button type="submit" class="button-primary">{t("Terapkan", "Apply")}</button>
            </div>
        </form>
    }
}

#[component]
fn ListResults(page: SheetListPage, filter: ListFilter) -> impl IntoView {
    if page.rows.is_empty() {
        return view! {
            <section class="card">
                <p class="empty">{t("Belum ada pakta yang ditandatangani untuk triwulan ini.", "No pacts have been signed for this quarter yet.")}</p>
            </section>
        }
        .into_any();
    }
    let (year, quarter, pages, current) = (page.year, page.quarter, page.pages, page.page);
    let first = (current - 1) * SHEETS_PER_PAGE + 1;
    let last = first + page.rows.len() as u64 - 1;
    let at = move |p: u64| list_href(&ListFilter { page: p, year, quarter, ..filter.clone() });
    let total = group_thousands(page.total as i64);
    let page_of = crate::i18n::page_of(current, pages);
    let (count, caption) = if is_en() {
        (
            format!("{first}–{last} of {total} pacts, {} {year}", tw(quarter)),
            format!("Realisations {} {year}", tw(quarter)),
        )
    } else {
        (
            format!("{first}–{last} dari {total} pakta, TW {} {year}", roman(quarter)),
            format!("Realisasi TW {} {year}", roman(quarter)),
        )
    };
    view! {
        <section class="card">
            <p class="result-count" role="status">{count}</p>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-realisasi">
                <table>
                    <caption id="tabel-realisasi">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Nama", "Name")}</th>
                            <th scope="col">"NIP"</th>
                            <th scope="col">{t("Jabatan", "Position")}</th>
                            <th scope="col">{t("Perangkat daerah", "Agency")}</th>
                            <th scope="col" class="num">{t("Realisasi terisi", "Realisations entered")}</th>
                            <th scope="col">{t("Perilaku", "Behaviour")}</th>
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
                                <td class="num">{format!("{} / {}", r.entered, r.assessed)}</td>
                                <td>{r.behaviour.as_deref().map_or("—", rating_label)}</td>
                                <td><a href=sheet_href(r.pact_id, quarter)
                                    aria-label=format!("{} {}", t("Isi realisasi", "Enter realisations for"), r.official_name)>
                                    {t("Isi realisasi", "Enter realisations")}
                                </a></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <nav class="pagination" aria-label=t("Halaman", "Pages")>
                {(current > 1).then(|| view! { <a href=at(current - 1)>{t("‹ Sebelumnya", "‹ Previous")}</a> })}
                <span>{page_of}</span>
                {(current < pages).then(|| view! { <a href=at(current + 1)>{t("Berikutnya ›", "Next ›")}</a> })}
            </nav>
        </section>
    }
    .into_any()
}
