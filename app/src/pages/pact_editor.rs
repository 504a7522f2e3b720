//! `/admin/pakta/:id/ubah`: the indicator editor of a draft. Rows are added, removed and
//! reordered in the browser; the weight total and each row's first problem are shown live by
//! the same `domain::pact` code the server checks with. Field names are `indicators[i][key]`,
//! so the form also posts as plain HTML (spare empty rows are ignored).
use crate::api::pacts::{get_pact, PactView, SavePactDraft};
use crate::components::action::{answer, edited_since, note_edit, server_action_from, Answer};
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::domain::achievement::Polarity;
use crate::domain::explanation::number_id;
use crate::domain::pact::{parse_indicators, weight_total, IndicatorInput, PactStatus, TargetKind};
use crate::i18n::{is_en, lang, message, t};
use crate::pages::pact::StatusBadge;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use rust_decimal::Decimal;

#[component]
pub fn PactEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let pact = Resource::new(id, |id| get_pact(id, 0));
    view! {
        <Title text=t("Ubah indikator pakta", "Edit pact indicators")/>
        <p><a href="/admin/pakta">{t("‹ Daftar pakta", "‹ Pacts")}</a></p>
        <Suspense fallback=Loading>
            {move || pact.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(p) if p.status != PactStatus::Draft.as_str() => view! {
                    <h1>{t("Pakta ini tidak dapat diubah", "This pact cannot be edited")}</h1>
                    <p>{t(
                        "Hanya draf yang dapat diubah. Versi ini sudah dibekukan atau ditandatangani; untuk mengoreksinya buat versi revisi.",
                        "Only a draft can be edited. This version is already frozen or signed; to correct it, create a revised version.",
                    )}</p>
                    <p><a class="button-secondary" href=format!("/pakta/{}", p.pact_id)>{t("Buka pakta", "Open the pact")}</a></p>
                }.into_any(),
                Ok(p) => view! { <Editor pact=p save_answer={answer::<SavePactDraft>()}/> }.into_any(),
            })}
        </Suspense>
    }
}

/// One editor row; `key` stays with the row when rows move.
#[derive(Clone, Copy)]
struct Row {
    key: u32,
    input: RwSignal<IndicatorInput>,
}

/// The editor: an island (issue 15). Rows move and the checks run in the browser; the save
/// answers in place. Without the wasm the form posts as plain HTML.
#[island(lazy)]
fn Editor(pact: PactView, save_answer: Answer<SavePactDraft>) -> impl IntoView {
    let save = server_action_from::<SavePactDraft>(save_answer);
    let next_key = StoredValue::new(0u32);
    let new_row = move |input: IndicatorInput| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        Row { key, input: RwSignal::new(input) }
    };
    let mut initial: Vec<Row> =
        pact.indicators.iter().map(|i| new_row(IndicatorInput::from_indicator(i))).collect();
    // A spare row to type into (ignored while empty): the form works the same without JavaScript.
    initial.push(new_row(IndicatorInput::default()));
    let rows = RwSignal::new(initial);
    let inputs = move || rows.get().iter().map(|r| r.input.get()).collect::<Vec<_>>();
    let total = Memo::new(move |_| weight_total(&inputs()));
    let live_errors = Memo::new(move |_| parse_indicators(&inputs()).err().unwrap_or_default());
    let row_version = RwSignal::new(pact.row_version);
    Effect::new(move |_| {
        if let Some(Ok(v)) = save.value().get() {
            row_version.set(v);
        }
    });
    let server_error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    // "Save and open the pact": once the save is through, the pact page opens.
    let open_after = RwSignal::new(false);
    let pact_href = format!("/pakta/{}", pact.pact_id);
    let open_href = pact_href.clone();
    Effect::new(move |_| {
        if open_after.get() && saved() {
            let _ = window().location().set_href(&open_href);
        }
    });
    let edited = edited_since(save.value());
    // The message for a field: the live check of what is typed now; the server's answer to the
    // last save only until the user types again (issue 16: a fixed field shows no stale error).
    let message = move |field: String| {
        live_errors.get().into_iter().find(|e| e.field == field).map(|e| message(&e.message)).or_else(|| {
            (!edited.get()).then(|| server_error.get().and_then(|e| e.field_message(&field))).flatten()
        })
    };
    let total_message = move || message("weight_total".into()).or_else(|| message("indicators".into()));
    let add = move |_| rows.update(|r| r.push(new_row(IndicatorInput::default())));
    // Adding, moving and removing rows need the wasm; without it the spare row and emptying a
    // row's fields do the same through the plain form.
    let hydrated = crate::components::enhance::hydrated();
    let title = format!(
        "{} — {} ({})",
        t("Indikator kinerja", "Performance indicators"),
        pact.first_party.name,
        pact.year
    );
    let subtitle = format!(
        "{} · {} · {} {}",
        pact.first_party.position_title,
        pact.first_party.opd_name,
        t("versi", "version"),
        pact.version_no
    );
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            <StatusBadge status=pact.status.clone()/>
        </div>
        <p>{subtitle}</p>
        <section class="card" aria-labelledby="judul-editor">
            <h2 id="judul-editor">{t("Indikator dan target", "Indicators and targets")}</h2>
            <p class="field-hint">{t(
                "Angka boleh ditulis cara Indonesia (1.234,5). Target rentang ditulis batas bawah–batas atas (90–100). \
                 Kumulatif: target triwulan naik dan TW IV = target tahunan. Periodik: jumlah TW I–IV = target tahunan. \
                 Posisi akhir: TW IV = target tahunan. Triwulan yang dikosongkan tidak dinilai. Baris kosong diabaikan.",
                "Numbers are written the Indonesian way (1.234,5). A range target is written lower–upper (90–100). \
                 Cumulative: quarterly targets rise and Q4 = the annual target. Periodic: Q1–Q4 add up to the annual target. \
                 End position: Q4 = the annual target. A quarter left empty is not assessed. Empty rows are ignored.",
            )}</p>
            {move || saved().then(|| view! { <div class="alert alert-info" role="status">{t("Draf tersimpan.", "Draft saved.")}</div> })}
            <ErrorBanner error=server_error/>
            // A refusal about fields: said beside each field, and here, since nothing was saved.
            {move || server_error.get().filter(|e| !e.is_general()).map(|_| view! {
                <div class="alert alert-error" role="alert">{t(
                    "Draf belum tersimpan: perbaiki isian yang ditandai, lalu simpan lagi. Semua yang Anda ketik tetap di sini.",
                    "The draft was not saved: fix the marked fields, then save again. Everything you typed is still here.",
                )}</div>
            })}
            <ActionForm action=save attr:class="indicator-editor" attr:novalidate=true
                on:input=move |ev| note_edit(&ev, edited) on:change=move |ev| note_edit(&ev, edited)>
                <input type="hidden" name="version_id" value=pact.version_id.to_string()/>
                <input type="hidden" name="row_version" value=move || row_version.get().to_string()/>
                {move || {
                    let list = rows.get();
                    let count = list.len();
                    list.into_iter().enumerate().map(|(i, row)| view! {
                        <RowEditor index=i count row rows message hydrated/>
                    }).collect_view()
                }}
                <p class="weight-total" role="status" aria-live="polite"
                    class:invalid=move || total.get() != Decimal::ONE_HUNDRED>
                    {move || if is_en() {
                        format!("Total weight: {}% (must be 100%)", number_id(total.get()))
                    } else {
                        format!("Jumlah bobot: {}% (harus 100%)", number_id(total.get()))
                    }}
                </p>
                <p id="weight_total-error" class="field-error" aria-live="polite">{total_message}</p>
                <p class="actions">
                    <button type="button" class="button-secondary" on:click=add hidden=move || !hydrated.get()>{t("+ Tambah indikator", "+ Add indicator")}</button>
                    <button type="submit" class="button-primary" disabled=move || save.pending().get()>
                        {move || if save.pending().get() { t("Menyimpan…", "Saving…") } else { t("Simpan draf", "Save draft") }}
                    </button>
                    // Saves first (issue 16): leaving for the pact never drops what was typed.
                    <button type="submit" class="button-secondary" name="open_after" value="1"
                        on:click=move |_| open_after.set(true) disabled=move || save.pending().get()>
                        {t("Simpan dan buka pakta", "Save and open the pact")}
                    </button>
                    <a class="button-link" href=pact_href>{t("Buka pakta tanpa menyimpan", "Open the pact without saving")}</a>
                </p>
            </ActionForm>
        </section>
    }
}

#[component]
fn RowEditor(
    index: usize,
    count: usize,
    row: Row,
    rows: RwSignal<Vec<Row>>,
    message: impl Fn(String) -> Option<String> + Copy + Send + Sync + 'static,
    hydrated: ReadSignal<bool>,
) -> impl IntoView {
    let input = row.input;
    let key = row.key;
    let name = move |k: &str| format!("indicators[{index}][{k}]");
    let id = move |k: &str| format!("indicators[{index}].{k}");
    let remove = move |_| rows.update(|r| r.retain(|x| x.key != key));
    let up = move |_| {
        rows.update(|r| {
            if index > 0 {
                r.swap(index, index - 1)
            }
        })
    };
    let down = move |_| {
        rows.update(|r| {
            if index + 1 < r.len() {
                r.swap(index, index + 1)
            }
        })
    };
    let polarity = move || input.with(|i| i.polarity.clone());
    let range = move || polarity() == Polarity::Range.as_str();
    let text = move |k: &'static str,
                     label: &'static str,
                     get: fn(&IndicatorInput) -> &String,
                     set: fn(&mut IndicatorInput, String),
                     class: &'static str| {
        let field_id = id(k);
        let error_id = format!("{field_id}-error");
        let msg_id = field_id.clone();
        view! {
            <div class=format!("field {class}")>
                <label for=field_id.clone()>{label}</label>
                <input id=field_id.clone() name=name(k) type="text"
                    value=move || input.with(|i| get(i).clone()) prop:value=move || input.with(|i| get(i).clone())
                    on:input=move |ev| { let v = event_target_value(&ev); input.update(|i| set(i, v)); }
                    placeholder=move || (range() && matches!(k, "annual" | "tw1" | "tw2" | "tw3" | "tw4")).then_some("90–100")
                    aria-invalid=move || message(msg_id.clone()).is_some().to_string()
                    aria-describedby=error_id.clone()/>
                <p id=error_id class="field-error" aria-live="polite">{move || message(field_id.clone())}</p>
            </div>
        }
    };
    let select = move |k: &'static str,
                       label: &'static str,
                       options: Vec<(&'static str, &'static str)>,
                       get: fn(&IndicatorInput) -> &String,
                       set: fn(&mut IndicatorInput, String)| {
        let field_id = id(k);
        let error_id = format!("{field_id}-error");
        view! {
            <div class="field">
                <label for=field_id.clone()>{label}</label>
                <select id=field_id.clone() name=name(k) aria-describedby=error_id.clone()
                    on:change=move |ev| { let v = event_target_value(&ev); input.update(|i| set(i, v)); }>
                    <option value="">{t("— pilih —", "— choose —")}</option>
                    {options.into_iter().map(|(v, l)| view! {
                        <option value=v selected=move || input.with(|i| get(i) == v)>{l}</option>
                    }).collect_view()}
                </select>
                <p id=error_id class="field-error" aria-live="polite">{move || message(field_id.clone())}</p>
            </div>
        }
    };
    let polarities: Vec<(&str, &str)> =
        Polarity::ALL.iter().map(|p| (p.as_str(), p.label_in(lang()))).collect();
    let kinds: Vec<(&str, &str)> = TargetKind::ALL.iter().map(|k| (k.as_str(), k.label_in(lang()))).collect();
    let n = index + 1;
    let (legend, up_label, down_label, remove_label) = if is_en() {
        (
            format!("Indicator {n}"),
            format!("Move indicator {n} up"),
            format!("Move indicator {n} down"),
            format!("Remove indicator {n}"),
        )
    } else {
        (
            format!("Indikator {n}"),
            format!("Naikkan indikator {n}"),
            format!("Turunkan indikator {n}"),
            format!("Hapus indikator {n}"),
        )
    };
    view! {
        <fieldset class="indicator-row">
            <legend>{legend}</legend>
            <div class="row-tools" hidden=move || !hydrated.get()>
                <button type="button" class="button-link" on:click=up disabled=index == 0
                    aria-label=up_label>"↑"</button>
                <button type="button" class="button-link" on:click=down disabled=index + 1 == count
                    aria-label=down_label>"↓"</button>
                <button type="button" class="button-link danger" on:click=remove
                    aria-label=remove_label>{t("Hapus", "Remove")}</button>
            </div>
            <div class="grid-2">
                {text("objective", t("Sasaran strategis", "Strategic objective"), |i| &i.objective, |i, v| i.objective = v, "wide")}
                {text("name", t("Indikator kinerja", "Performance indicator"), |i| &i.name, |i, v| i.name = v, "wide")}
            </div>
            <div class="grid-4">
                {text("unit", t("Satuan", "Unit"), |i| &i.unit, |i, v| i.unit = v, "")}
                {select("polarity", t("Polaritas", "Polarity"), polarities, |i| &i.polarity, |i, v| i.polarity = v)}
                {select("target_kind", t("Jenis target", "Target type"), kinds, |i| &i.target_kind, |i, v| i.target_kind = v)}
                {text("weight", t("Bobot (%)", "Weight (%)"), |i| &i.weight, |i, v| i.weight = v, "")}
            </div>
            <div class="grid-5">
                {text("annual", t("Target tahunan", "Annual target"), |i| &i.annual, |i, v| i.annual = v, "")}
                {text("tw1", t("TW I", "Q1"), |i| &i.tw1, |i, v| i.tw1 = v, "")}
                {text("tw2", t("TW II", "Q2"), |i| &i.tw2, |i, v| i.tw2 = v, "")}
                {text("tw3", t("TW III", "Q3"), |i| &i.tw3, |i, v| i.tw3 = v, "")}
                {text("tw4", t("TW IV", "Q4"), |i| &i.tw4, |i, v| i.tw4 = v, "")}
            </div>
            <details>
                <summary>{t("Program dan anggaran (opsional)", "Programme and budget (optional)")}</summary>
                <div class="grid-2">
                    {text("program", t("Program", "Programme"), |i| &i.program, |i, v| i.program = v, "")}
                    {text("budget", t("Anggaran (Rp)", "Budget (Rp)"), |i| &i.budget, |i, v| i.budget = v, "")}
                </div>
            </details>
        </fieldset>
    }
}
