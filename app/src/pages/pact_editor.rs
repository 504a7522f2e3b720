//! `/admin/pakta/:id/ubah`: the indicator editor of a draft. Rows are added, removed and
//! reordered in the browser; the weight total and each row's first problem are shown live by
//! the same `domain::pact` code the server checks with. Field names are `indicators[i][key]`,
//! so the form also posts as plain HTML (spare empty rows are ignored).
use crate::api::pacts::{get_pact, PactView, SavePactDraft};
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::domain::achievement::Polarity;
use crate::domain::explanation::number_id;
use crate::domain::pact::{parse_indicators, weight_total, IndicatorInput, PactStatus, TargetKind};
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
        <Title text="Ubah indikator pakta"/>
        <p><a href="/admin/pakta">"‹ Daftar pakta"</a></p>
        <Suspense fallback=Loading>
            {move || pact.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(p) if p.status != PactStatus::Draft.as_str() => view! {
                    <h1>"Pakta ini tidak dapat diubah"</h1>
                    <p>"Hanya draf yang dapat diubah. Versi ini sudah dibekukan atau ditandatangani; untuk mengoreksinya buat versi revisi."</p>
                    <p><a class="button-secondary" href=format!("/pakta/{}", p.pact_id)>"Buka pakta"</a></p>
                }.into_any(),
                Ok(p) => view! { <Editor pact=p/> }.into_any(),
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

#[component]
fn Editor(pact: PactView) -> impl IntoView {
    let save = ServerAction::<SavePactDraft>::new();
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
    // The message for a field: the server's answer to the last save, else the live check.
    let message = move |field: String| {
        server_error
            .get()
            .and_then(|e| e.field_message(&field))
            .or_else(|| live_errors.get().into_iter().find(|e| e.field == field).map(|e| e.message))
    };
    let total_message = move || message("weight_total".into()).or_else(|| message("indicators".into()));
    let add = move |_| rows.update(|r| r.push(new_row(IndicatorInput::default())));
    let title = format!("Indikator kinerja — {} ({})", pact.first_party.name, pact.year);
    let pact_href = format!("/pakta/{}", pact.pact_id);
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            <StatusBadge status=pact.status.clone()/>
        </div>
        <p>{format!("{} · {} · versi {}", pact.first_party.position_title, pact.first_party.opd_name, pact.version_no)}</p>
        <section class="card" aria-labelledby="judul-editor">
            <h2 id="judul-editor">"Indikator dan target"</h2>
            <p class="field-hint">
                "Angka boleh ditulis cara Indonesia (1.234,5). Target rentang ditulis batas bawah–batas atas (90–100). "
                "Kumulatif: target triwulan naik dan TW IV = target tahunan. Periodik: jumlah TW I–IV = target tahunan. "
                "Posisi akhir: TW IV = target tahunan. Triwulan yang dikosongkan tidak dinilai. Baris kosong diabaikan."
            </p>
            {move || saved().then(|| view! { <div class="alert alert-info" role="status">"Draf tersimpan."</div> })}
            <ErrorBanner error=server_error/>
            <ActionForm action=save attr:class="indicator-editor" attr:novalidate=true>
                <input type="hidden" name="version_id" value=pact.version_id.to_string()/>
                <input type="hidden" name="row_version" prop:value=move || row_version.get().to_string()/>
                {move || {
                    let list = rows.get();
                    let count = list.len();
                    list.into_iter().enumerate().map(|(i, row)| view! {
                        <RowEditor index=i count row rows message/>
                    }).collect_view()
                }}
                <p class="weight-total" role="status" aria-live="polite"
                    class:invalid=move || total.get() != Decimal::ONE_HUNDRED>
                    {move || format!("Jumlah bobot: {}% (harus 100%)", number_id(total.get()))}
                </p>
                <p id="weight_total-error" class="field-error" aria-live="polite">{total_message}</p>
                <p class="actions">
                    <button type="button" class="button-secondary" on:click=add>"+ Tambah indikator"</button>
                    <button type="submit" class="button-primary" disabled=move || save.pending().get()>
                        {move || if save.pending().get() { "Menyimpan…" } else { "Simpan draf" }}
                    </button>
                    <a class="button-secondary" href=pact_href>"Selesai, buka pakta"</a>
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
                    prop:value=move || input.with(|i| get(i).clone())
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
                    <option value="">"— pilih —"</option>
                    {options.into_iter().map(|(v, l)| view! {
                        <option value=v selected=move || input.with(|i| get(i) == v)>{l}</option>
                    }).collect_view()}
                </select>
                <p id=error_id class="field-error" aria-live="polite">{move || message(field_id.clone())}</p>
            </div>
        }
    };
    let polarities: Vec<(&str, &str)> = Polarity::ALL.iter().map(|p| (p.as_str(), p.label_id())).collect();
    let kinds: Vec<(&str, &str)> = TargetKind::ALL.iter().map(|k| (k.as_str(), k.label_id())).collect();
    view! {
        <fieldset class="indicator-row">
            <legend>{format!("Indikator {}", index + 1)}</legend>
            <div class="row-tools">
                <button type="button" class="button-link" on:click=up disabled=index == 0
                    aria-label=format!("Naikkan indikator {}", index + 1)>"↑"</button>
                <button type="button" class="button-link" on:click=down disabled=index + 1 == count
                    aria-label=format!("Turunkan indikator {}", index + 1)>"↓"</button>
                <button type="button" class="button-link danger" on:click=remove
                    aria-label=format!("Hapus indikator {}", index + 1)>"Hapus"</button>
            </div>
            <div class="grid-2">
                {text("objective", "Sasaran strategis", |i| &i.objective, |i, v| i.objective = v, "wide")}
                {text("name", "Indikator kinerja", |i| &i.name, |i, v| i.name = v, "wide")}
            </div>
            <div class="grid-4">
                {text("unit", "Satuan", |i| &i.unit, |i, v| i.unit = v, "")}
                {select("polarity", "Polaritas", polarities, |i| &i.polarity, |i, v| i.polarity = v)}
                {select("target_kind", "Jenis target", kinds, |i| &i.target_kind, |i, v| i.target_kind = v)}
                {text("weight", "Bobot (%)", |i| &i.weight, |i, v| i.weight = v, "")}
            </div>
            <div class="grid-5">
                {text("annual", "Target tahunan", |i| &i.annual, |i, v| i.annual = v, "")}
                {text("tw1", "TW I", |i| &i.tw1, |i, v| i.tw1 = v, "")}
                {text("tw2", "TW II", |i| &i.tw2, |i, v| i.tw2 = v, "")}
                {text("tw3", "TW III", |i| &i.tw3, |i, v| i.tw3 = v, "")}
                {text("tw4", "TW IV", |i| &i.tw4, |i, v| i.tw4 = v, "")}
            </div>
            <details>
                <summary>"Program dan anggaran (opsional)"</summary>
                <div class="grid-2">
                    {text("program", "Program", |i| &i.program, |i, v| i.program = v, "")}
                    {text("budget", "Anggaran (Rp)", |i| &i.budget, |i, v| i.budget = v, "")}
                </div>
            </details>
        </fieldset>
    }
}
