//! `/admin/realisasi`: signed pacts of the year with how far the quarter's realisations are
//! entered; `/admin/realisasi/:pact_id/:quarter`: one official's quarter sheet. As values are
//! typed, the preview (capaian, nilai, rating, predikat, faktor, TPP) is computed in the browser
//! by `domain::quarter_sheet::preview_with`, the code the server recomputes with on save. Field
//! names are `realisations[i][key]`, so the form also posts as plain HTML.
use crate::api::evaluations::{
    get_sheet, list_sheets, QuarterSheet, RateBehaviour, SaveRealisations, SheetListPage, SHEETS_PER_PAGE,
};
use crate::api::officials::{opd_options, OpdOption};
use crate::components::action::{answer, server_action, went_through};
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::domain::explanation::number_id;
use crate::domain::policy::Policy;
use crate::domain::predikat::Predikat;
use crate::domain::quarter_sheet::{
    preview_with, IndicatorPreview, PreviewResult, SheetIndicator, AWAITING_BEHAVIOUR,
};
use crate::domain::rating::Rating;
use crate::domain::tpp::Quarter;
use crate::error::AppError;
use crate::format::{group_thousands, quarter_roman as roman, rupiah};
use crate::i18n::{is_en, lang, month_name_in, t};
use crate::pages::officials::{href_with_query, nip_spaced};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
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
                        // The last save's answer (a plain post's, carried through the redirect).
                        let save_answer = answer::<SaveRealisations>();
                        // The answer (the whole sheet) may be too large to carry; its success is not.
                        let saved = went_through::<SaveRealisations>(&save_answer);
                        let save_error = save_answer.and_then(|r| r.err());
                        // A refused field's message, in the page's language, for the island.
                        let field_error = match &save_error {
                            Some(AppError::Validation { field, message }) => Some((field.clone(), crate::i18n::message(message))),
                            _ => None,
                        };
                        let general_error = save_error.filter(AppError::is_general);
                        let inputs = SheetInputs::of(&s);
                        let form = s.clone();
                        let rating = s.clone();
                        let error = field_error.clone();
                        view! {
                            <p><a href=back>{label}</a></p>
                            <SheetHeader sheet=s.clone() saved general_error/>
                            <div class="grid-2">
                                <SheetForm sheet=form field_error=error/>
                                <div>
                                    <LivePreview inputs quarter field_error/>
                                    <BehaviourForm sheet=rating/>
                                </div>
                            </div>
                        }.into_any()
                    }
                    None => view! { <LoadError error=crate::error::AppError::NotFound/> }.into_any(),
                },
            })}
        </Suspense>
    }
}

/// What the sheet's island needs, and no more: its props travel in the page as JSON, and each
/// field is code in the wasm that reads them (issue 15).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SheetInputs {
    pub year: i32,
    pub indicators: Vec<SheetIndicator>,
    /// The stored values, one per indicator.
    pub values: Vec<String>,
    /// The behaviour rating given, `Rating::as_str()`.
    pub rating: Option<String>,
    pub policy_json: String,
    pub discipline: crate::domain::quarter_sheet::DisciplineInputs,
    /// Rupiah; 0 when the viewer may not see pay.
    pub ceiling: i64,
    pub shows_pay: bool,
    /// `/rincian-tpp/{official}/{year}`.
    pub why_base: String,
}

impl SheetInputs {
    pub fn of(s: &QuarterSheet) -> Self {
        SheetInputs {
            year: s.year,
            indicators: s.indicators.clone(),
            values: s.rows.iter().map(|r| r.value.clone()).collect(),
            rating: s.behaviour.rating.clone(),
            policy_json: s.policy_json.clone(),
            discipline: s.discipline.clone(),
            ceiling: s.official.monthly_ceiling,
            shows_pay: s.shows_pay,
            why_base: format!("{WHY_PATH}/{}/{}", s.official.official_id, s.year),
        }
    }

    fn names(&self) -> Vec<String> {
        self.indicators.iter().map(|i| i.name.clone()).collect()
    }
}

/// "Nilai 104,6 · Predikat Baik": the key figures the save bar keeps in view.
fn key_figures(p: &PreviewResult) -> String {
    format!(
        "{} {} · {} {}",
        t("Nilai", "Score"),
        p.score.map_or("—".to_string(), number_id),
        t("Predikat", "Grade"),
        p.predikat.map_or("—", |x| Predikat::label_in(x, lang())),
    )
}

/// The sheet's heading and facts, the lock, and the last save's outcome: rendered on the server.
#[component]
fn SheetHeader(sheet: QuarterSheet, saved: bool, general_error: Option<AppError>) -> impl IntoView {
    let o = sheet.official.clone();
    let title = if is_en() {
        format!("Realisation {} {} — {}", tw(sheet.quarter), sheet.year, o.name)
    } else {
        format!("Realisasi TW {} {} — {}", roman(sheet.quarter), sheet.year, o.name)
    };
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
        {saved.then(|| {
            // On to the next sheet still to fill (issue 16): the list of the incomplete ones.
            let next = sheet.may_edit_values.then(|| format!("{REALISATIONS_PATH}?tahun={}&tw={}&belum=1", sheet.year, sheet.quarter));
            view! {
                <div class="alert alert-info" role="status">
                    {t("Realisasi tersimpan; nilai dihitung ulang oleh server.", "Realisations saved; the server has recalculated the scores.")}
                    {next.map(|href| view! { " "<a href=href>{t("Lembar berikutnya yang belum lengkap ›", "Next incomplete sheet ›")}</a> })}
                </div>
            }
        })}
        {general_error.map(|e| view! { <div class="alert alert-error" role="alert">{e.user_message()}</div> })}
    }
}

/// The sheet's form, rendered on the server: it posts as plain HTML, with or without the wasm,
/// and the page comes back with the answer. The stored values' capaian stands beside each field
/// and the key figures by the save button; [`LivePreview`] keeps them up to date while typing.
#[component]
fn SheetForm(sheet: QuarterSheet, field_error: Option<(String, String)>) -> impl IntoView {
    // A locked quarter changes only through a correction, approved by a second admin.
    let editable = sheet.may_edit_values && !sheet.locked;
    let q = sheet.quarter;
    let stored = sheet.preview.clone();
    let message = move |field: &str| field_error.as_ref().filter(|(f, _)| f == field).map(|(_, m)| m.clone());
    view! {
        <section class="card" aria-labelledby="judul-realisasi">
            <h2 id="judul-realisasi">{t("Realisasi indikator", "Indicator realisations")}</h2>
            <p class="field-hint">{t(
                "Angka boleh ditulis cara Indonesia (1.234,5). Kosongkan bila belum ada realisasi. Untuk target rentang, isi satu angka.",
                "Numbers may be written the Indonesian way (1.234,5). Leave a field empty if there is no realisation yet. For a range target, enter one number.",
            )}</p>
            <form method="post" action={<SaveRealisations as ServerFn>::PATH} class="realisation-form" novalidate>
                <input type="hidden" name="pact_id" value=sheet.pact_id.to_string()/>
                <input type="hidden" name="quarter" value=q.to_string()/>
                <fieldset class="plain" disabled=!editable>
                    {sheet.indicators.iter().zip(&sheet.rows).enumerate().map(|(i, (ind, row))| {
                        let name = |k: &str| format!("realisations[{i}][{k}]");
                        let id = |k: &str| format!("realisations[{i}].{k}");
                        let value_id = id("value");
                        let value_error = message(&value_id);
                        let target = target_text(ind);
                        let target_line = if is_en() {
                            format!("Target {}: {} · weight {}% · polarity {}", tw(q), target, number_id(ind.weight), ind.polarity.label_in(lang()))
                        } else {
                            format!("Target TW {}: {} · bobot {}% · polaritas {}", roman(q), target, number_id(ind.weight), ind.polarity.label_in(lang()))
                        };
                        let capaian = stored.as_ref().and_then(|p| p.indicators.get(i)).map(|p| format!("{}: {}", t("Capaian", "Achievement"), capaian_text(p)));
                        let text = |k: &'static str, label: &'static str, initial: String| {
                            let field_id = id(k);
                            let err_id = format!("{field_id}-error");
                            let error = message(&field_id);
                            view! {
                                <div class="field">
                                    <label for=field_id.clone()>{label}</label>
                                    <input id=field_id name=name(k) type="text" value=initial aria-describedby=err_id.clone()
                                        aria-invalid=error.is_some().to_string()/>
                                    <p id=err_id class="field-error" aria-live="polite">{error}</p>
                                </div>
                            }
                        };
                        view! {
                            <fieldset class="indicator-row">
                                <legend>{format!("{}. {}", i + 1, ind.name)}</legend>
                                <input type="hidden" name=name("indicator_id") value=ind.indicator_id.to_string()/>
                                <input type="hidden" name=name("row_version") value=row.row_version.to_string()/>
                                <p class="muted">{target_line}</p>
                                <div class="field">
                                    <label for=value_id.clone()>{t("Realisasi", "Realisation")}</label>
                                    <input id=value_id.clone() name=name("value") type="text" inputmode="decimal" value=row.value.clone()
                                        aria-invalid=value_error.is_some().to_string()
                                        aria-describedby=format!("{value_id}-error")/>
                                    <p id=format!("{value_id}-error") class="field-error" aria-live="polite">{value_error}</p>
                                    // The key figure beside the field: the preview may be off-screen (issue 16).
                                    <p class="row-capaian muted" id=id("capaian")>{capaian}</p>
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
                        <p class="sheet-bar-figures" id="angka-kunci">{stored.as_ref().map(key_figures)}</p>
                        <button type="submit" class="button-primary">{t("Simpan realisasi", "Save realisations")}</button>
                    </div>
                })}
            </form>
        </section>
    }
}

/// The live preview: an island (issue 15), the sheet's one interactive part. It follows the
/// form's value fields as they are typed and computes capaian, nilai, rating, predikat, faktor and
/// TPP with the engine the server saves with; it also keeps the form's capaian lines, key figures
/// and value messages up to date. The form itself is plain HTML, so the island carries no view of
/// it and no server-function client (the sheet was the one page over the 300 KB goal).
#[island(lazy)]
fn LivePreview(
    inputs: SheetInputs,
    quarter: Quarter,
    /// The last save's refusal of one field: (field, message); it stands until the field is typed in.
    field_error: Option<(String, String)>,
) -> impl IntoView {
    let values = RwSignal::new(inputs.values.clone());
    let edited = RwSignal::new(false);
    let rating = inputs.rating.as_deref().and_then(Rating::parse);
    let policy = serde_json::from_str(&inputs.policy_json)
        .ok()
        .and_then(|v| Policy::from_json(&v, "policy").ok())
        .unwrap_or_default();
    let (indicators, discipline) = (inputs.indicators.clone(), inputs.discipline.clone());
    let (ceiling, year) = (inputs.ceiling, inputs.year);
    let live = Memo::new(move |_| {
        values.with(|typed| {
            preview_with(&indicators, typed, rating, ceiling, year, quarter, &policy, &discipline)
        })
    });
    // Effects run only in the browser.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        follow::form(values, edited);
    });
    let count = inputs.values.len();
    Effect::new(move |_| {
        let live = live.get();
        let edited = edited.get();
        #[cfg(feature = "hydrate")]
        follow::show(&live, count, edited, field_error.as_ref());
        #[cfg(not(feature = "hydrate"))]
        let _ = (live, count, edited, &field_error);
    });
    let names = inputs.names();
    let (shows_pay, why_base) = (inputs.shows_pay, inputs.why_base.clone());
    view! {
        <section class="card" aria-labelledby="judul-pratinjau">
            <h2 id="judul-pratinjau">{t("Pratinjau nilai", "Score preview")}</h2>
            <div aria-live="polite">
                {move || match live.get() {
                    Err(e) => view! { <p class="field-error">{crate::i18n::message(&e.message)}</p> }.into_any(),
                    Ok(p) => view! { <PreviewPanel preview=p names=names.clone() shows_pay why_base=why_base.clone()/> }.into_any(),
                }}
            </div>
        </section>
    }
}

/// The island's hold on the server-rendered form, by the fields' ids.
#[cfg(feature = "hydrate")]
mod follow {
    use super::{capaian_text, key_figures};
    use crate::domain::quarter_sheet::PreviewResult;
    use crate::domain::DomainError;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    use leptos::web_sys::{Event, HtmlInputElement};

    fn value_id(i: usize) -> String {
        format!("realisations[{i}].value")
    }

    /// Reads the value fields now (the form memory may have put typed values back before the
    /// island loaded) and follows every later edit; a user's own edit sets `edited`.
    pub fn form(values: RwSignal<Vec<String>>, edited: RwSignal<bool>) {
        let read = move || {
            let len = values.with_untracked(Vec::len);
            let now: Vec<String> = (0..len)
                .map(|i| {
                    document()
                        .get_element_by_id(&value_id(i))
                        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                        .map(|e| e.value())
                        .unwrap_or_default()
                })
                .collect();
            values.set(now);
        };
        read();
        let on_input = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
            let Some(target) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
                return;
            };
            if target.form().is_some_and(|f| f.class_list().contains("realisation-form")) {
                if ev.is_trusted() {
                    edited.set(true);
                }
                read();
            }
        });
        let _ = document().add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
        // For the page's whole life.
        on_input.forget();
    }

    fn set_text(id: &str, text: &str) {
        if let Some(el) = document().get_element_by_id(id) {
            el.set_text_content(Some(text));
        }
    }

    /// The form's capaian lines, key figures and value messages, from the live computation; the
    /// server's message for a field until the user types.
    pub fn show(
        live: &Result<PreviewResult, DomainError>,
        count: usize,
        edited: bool,
        server: Option<&(String, String)>,
    ) {
        let error = live.as_ref().err();
        for i in 0..count {
            let field = value_id(i);
            let capaian = live
                .as_ref()
                .ok()
                .and_then(|p| p.indicators.get(i))
                .map(|p| format!("{}: {}", crate::i18n::t("Capaian", "Achievement"), capaian_text(p)));
            set_text(&format!("realisations[{i}].capaian"), capaian.as_deref().unwrap_or(""));
            let message = error
                .filter(|e| e.field == field)
                .map(|e| crate::i18n::message(&e.message))
                .or_else(|| server.filter(|(f, _)| !edited && *f == field).map(|(_, m)| m.clone()));
            set_text(&format!("{field}-error"), message.as_deref().unwrap_or(""));
            if let Some(input) = document().get_element_by_id(&field) {
                let _ = input.set_attribute("aria-invalid", if message.is_some() { "true" } else { "false" });
            }
        }
        // A refused note field's message goes once the user types again.
        if let Some((f, _)) = server.filter(|(f, _)| edited && !f.ends_with(".value")) {
            set_text(&format!("{f}-error"), "");
        }
        set_text("angka-kunci", &live.as_ref().map(key_figures).unwrap_or_default());
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

/// The behaviour rating: a plain form, rendered on the server (a child of the sheet's island).
/// A rating posts and the page comes back with it; its answer says it was saved (issue 16).
#[component]
fn BehaviourForm(sheet: QuarterSheet) -> impl IntoView {
    let rate = server_action::<RateBehaviour>();
    let rated = move || matches!(rate.value().get(), Some(Ok(_)));
    let behaviour = sheet.behaviour.clone();
    let error = Signal::derive(move || rate.value().get().and_then(|r| r.err()));
    let field_error = move |f: &'static str| error.get().and_then(|e| e.field_message(f));
    let current = {
        let b = &behaviour;
        match &b.rating {
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
        }
    };
    view! {
        <section class="card" aria-labelledby="judul-perilaku">
            <h2 id="judul-perilaku">{t("Rating perilaku kerja", "Work behaviour rating")}</h2>
            {move || rated().then(|| view! {
                <div class="alert alert-info" role="status">{t("Rating tersimpan.", "Rating saved.")}</div>
            })}
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
                    <button type="submit" class="button-primary">{t("Simpan rating", "Save rating")}</button>
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
    /// A name, position or NIP.
    q: String,
    /// Only sheets still missing a realisation or the behaviour rating (`belum=1`).
    incomplete: bool,
    page: u64,
}

fn list_href(f: &ListFilter) -> String {
    let (year, quarter) = (f.year.to_string(), f.quarter.to_string());
    let page = if f.page > 1 { f.page.to_string() } else { String::new() };
    let incomplete = if f.incomplete { "1" } else { "" };
    href_with_query(
        REALISATIONS_PATH,
        &[
            ("tahun", &year),
            ("tw", &quarter),
            ("opd", &f.opd),
            ("q", &f.q),
            ("belum", incomplete),
            ("page", &page),
        ],
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
            q: q.get("q").unwrap_or_default(),
            incomplete: q.get("belum").as_deref() == Some("1"),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    });
    let results = Resource::new(
        move || filter.get(),
        |f| list_sheets(f.year, f.quarter, f.opd, f.q, f.incomplete, f.page),
    );
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
            <div class="field">
                <label for="q">{t("Nama, jabatan, atau NIP", "Name, position or NIP")}</label>
                <input id="q" name="q" type="search" value=filter.q.clone()/>
            </div>
            <label class="checkbox">
                <input type="checkbox" name="belum" value="1" checked=filter.incomplete/>
                {t("Hanya yang belum lengkap", "Incomplete only")}
            </label>
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
                <p class="empty">{if filter.q.is_empty() && !filter.incomplete {
                    t("Belum ada pakta yang ditandatangani untuk triwulan ini.", "No pacts have been signed for this quarter yet.")
                } else {
                    t("Tidak ada lembar yang cocok dengan pencarian ini.", "No sheets match this search.")
                }}</p>
                <p><a href=list_href(&ListFilter { year: page.year, quarter: page.quarter, ..ListFilter::default() })>{t("Tampilkan semua", "Show all")}</a></p>
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
