//! `/admin/kebijakan-tpp`: the TPP policy (Perwali) in force as tables, every version, and a form
//! for a new version. A version applies from its date on; stored versions never change.
use crate::api::policy::{
    list_policy_versions, policy_json, CreatePolicyVersion, PolicyTable, PolicyVersionView,
};
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::form::{FieldError, TextField};
use crate::domain::policy::Policy;
use crate::format::{date_id, datetime_wib};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A policy's tables, each with its caption and header scopes.
#[component]
fn PolicyTables(tables: Vec<PolicyTable>) -> impl IntoView {
    tables
        .into_iter()
        .map(|t| {
            view! {
                <div class="table-wrap">
                    <table>
                        <caption>{t.caption}</caption>
                        <thead>
                            <tr><th scope="col">{t.key_header}</th><th scope="col">{t.value_header}</th></tr>
                        </thead>
                        <tbody>
                            {t.rows.into_iter().map(|(k, v)| view! {
                                <tr><th scope="row">{k}</th><td>{v}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        })
        .collect_view()
}

fn status_badge(v: &PolicyVersionView) -> impl IntoView {
    if v.in_force {
        Some(view! { <span class="badge badge-signed">"berlaku sekarang"</span> }.into_any())
    } else if v.upcoming {
        Some(view! { <span class="badge badge-action">"akan berlaku"</span> }.into_any())
    } else {
        None
    }
}

/// The version in force today, as tables.
fn in_force_section(versions: &[PolicyVersionView]) -> impl IntoView {
    let current = versions.iter().find(|v| v.in_force).cloned();
    view! {
        <section class="card" aria-labelledby="judul-berlaku">
            <h2 id="judul-berlaku">"Kebijakan yang berlaku sekarang"</h2>
            {match current {
                None => view! {
                    <p class="empty">"Belum ada versi kebijakan TPP yang berlaku hari ini. Tambahkan versi baru di bawah."</p>
                }.into_any(),
                Some(v) => view! {
                    <p>
                        {format!("Versi {}, berlaku mulai {}.", v.version, date_id(v.effective_from))}
                        {v.note.map(|n| view! { " " <span>{format!("Catatan: {n}")}</span> })}
                    </p>
                    <PolicyTables tables=v.tables/>
                }.into_any(),
            }}
        </section>
    }
}

/// Every version, the latest effective date first; the content of the others on request.
fn history_section(versions: &[PolicyVersionView]) -> impl IntoView {
    let others: Vec<PolicyVersionView> = versions.iter().filter(|v| !v.in_force).cloned().collect();
    view! {
        <section class="card" aria-labelledby="judul-riwayat">
            <h2 id="judul-riwayat">"Riwayat versi"</h2>
            {if versions.is_empty() {
                view! { <p class="empty">"Belum ada versi kebijakan TPP."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table>
                            <caption>"Versi kebijakan TPP, tanggal berlaku terbaru lebih dahulu"</caption>
                            <thead>
                                <tr>
                                    <th scope="col" class="num">"Versi"</th>
                                    <th scope="col">"Berlaku mulai"</th>
                                    <th scope="col">"Catatan"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"Dibuat"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {versions.iter().map(|v| view! {
                                    <tr>
                                        <th scope="row" class="num">{v.version}</th>
                                        <td>{date_id(v.effective_from)}</td>
                                        <td>{v.note.clone().unwrap_or_else(|| "–".to_string())}</td>
                                        <td>{status_badge(v)}</td>
                                        <td>{datetime_wib(v.created_at)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {others.into_iter().map(|v| view! {
                        <details>
                            <summary>{format!("Isi versi {} (berlaku mulai {})", v.version, date_id(v.effective_from))}</summary>
                            <PolicyTables tables=v.tables/>
                        </details>
                    }).collect_view()}
                }.into_any()
            }}
        </section>
    }
}

/// What the new version's text starts from: the policy in force, else the newest, else the default.
fn starting_json(versions: &[PolicyVersionView]) -> String {
    versions
        .iter()
        .find(|v| v.in_force)
        .or_else(|| versions.first())
        .map(|v| v.json.clone())
        .unwrap_or_else(|| policy_json(&Policy::default()))
}

#[component]
pub fn PolicyPage() -> impl IntoView {
    let create = ServerAction::<CreatePolicyVersion>::new();
    let query = use_query_map();
    // Reload only after a save: after an error the form keeps what was typed.
    let saves = RwSignal::new(0u32);
    Effect::new(move |_| {
        create.version().track();
        if matches!(create.value().get_untracked(), Some(Ok(_))) {
            saves.update(|n| *n += 1);
        }
    });
    let versions = Resource::new(move || saves.get(), |_| list_policy_versions());
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let err = move |f: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(f)));
    let body_error = err("body");
    let saved = move || query.read().get("disimpan").is_some() || matches!(create.value().get(), Some(Ok(_)));
    view! {
        <Title text="Kebijakan TPP"/>
        <p><a href="/admin">"‹ Beranda Admin"</a></p>
        <h1>"Kebijakan TPP"</h1>
        <p>"Ketentuan Peraturan Wali Kota yang dipakai untuk menghitung nilai kinerja dan Tambahan Penghasilan Pegawai (TPP)."</p>
        {move || saved().then(|| view! {
            <div class="alert alert-info" role="status">"Versi kebijakan TPP baru tersimpan."</div>
        })}
        <Suspense fallback=Loading>
            {move || versions.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(list) => view! {
                    {in_force_section(&list)}
                    {history_section(&list)}
                    <section class="card" aria-labelledby="judul-versi-baru">
                        <h2 id="judul-versi-baru">"Versi baru"</h2>
                        <p id="versi-baru-hint">
                            "Versi baru dipakai untuk perhitungan periode mulai tanggal berlakunya; versi sebelumnya tidak pernah diubah dan tetap dipakai untuk periode sebelum tanggal itu. "
                            "Isinya JSON: kunci yang tidak ditulis memakai nilai bawaan, misalnya "
                            <code>"{\"cap\": 110}"</code>
                            " hanya mengubah batas capaian."
                        </p>
                        <ErrorBanner error/>
                        <ActionForm action=create attr:class="template-form">
                            <TextField label="Berlaku mulai" name="effective_from" kind="date" value=""
                                error=err("effective_from") required=true
                                hint="Tanggal awal periode yang memakai versi ini."/>
                            <div class="field">
                                <label for="body">"Isi kebijakan (JSON)"</label>
                                <textarea id="body" name="body" rows="24" spellcheck="false"
                                    aria-describedby="versi-baru-hint body-error"
                                    aria-invalid=move || body_error.get().is_some().to_string()
                                >{starting_json(&list)}</textarea>
                                <FieldError name="body" error=body_error/>
                            </div>
                            <TextField label="Catatan" name="note" value="" error=err("note")
                                hint="Misalnya nomor dan tanggal Perwali. Boleh kosong, paling banyak 500 karakter."/>
                            <button type="submit" class="button-primary" disabled=move || create.pending().get()>
                                {move || if create.pending().get() { "Menyimpan…" } else { "Simpan sebagai versi baru" }}
                            </button>
                        </ActionForm>
                    </section>
                }.into_any(),
            })}
        </Suspense>
    }
}
