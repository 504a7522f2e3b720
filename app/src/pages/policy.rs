//! `/admin/kebijakan-tpp`: the TPP policy (Perwali) in force as tables, every version, and a form
//! for a new version. A version applies from its date on; stored versions never change.
use crate::api::policy::{
    list_policy_versions, policy_json, CreatePolicyVersion, PolicyTable, PolicyVersionView,
};
use crate::components::action::server_action;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::form::{FieldError, TextField};
use crate::domain::policy::Policy;
use crate::format::datetime_wib;
use crate::i18n::{date, is_en, t};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A policy's tables, each with its caption and header scopes. `id` names this set of tables
/// uniquely on the page (the captions' ids are built from it).
#[component]
fn PolicyTables(id: String, tables: Vec<PolicyTable>) -> impl IntoView {
    tables
        .into_iter()
        .enumerate()
        .map(|(i, table)| {
            let caption_id = format!("{id}-tabel-{}", i + 1);
            let labelled_by = caption_id.clone();
            view! {
                <div class="table-wrap" role="region" tabindex="0" aria-labelledby=labelled_by>
                    <table>
                        <caption id=caption_id>{table.caption}</caption>
                        <thead>
                            <tr><th scope="col">{table.key_header}</th><th scope="col">{table.value_header}</th></tr>
                        </thead>
                        <tbody>
                            {table.rows.into_iter().map(|(k, v)| view! {
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
        Some(view! { <span class="badge badge-signed">{t("berlaku sekarang", "in force")}</span> }.into_any())
    } else if v.upcoming {
        Some(view! { <span class="badge badge-action">{t("akan berlaku", "upcoming")}</span> }.into_any())
    } else {
        None
    }
}

/// The version in force today, as tables.
fn in_force_section(versions: &[PolicyVersionView]) -> impl IntoView {
    let current = versions.iter().find(|v| v.in_force).cloned();
    view! {
        <section class="card" aria-labelledby="judul-berlaku">
            <h2 id="judul-berlaku">{t("Kebijakan yang berlaku sekarang", "Policy in force")}</h2>
            {match current {
                None => view! {
                    <p class="empty">{t(
                        "Belum ada versi kebijakan TPP yang berlaku hari ini. Tambahkan versi baru di bawah.",
                        "No version of the TPP policy is in force today. Add a new version below.",
                    )}</p>
                }.into_any(),
                Some(v) => {
                    let from = date(v.effective_from);
                    let summary = if is_en() {
                        format!("Version {}, in force from {from}.", v.version)
                    } else {
                        format!("Versi {}, berlaku mulai {from}.", v.version)
                    };
                    view! {
                        <p>
                            {summary}
                            {v.note.map(|n| view! { " " <span>{if is_en() { format!("Note: {n}") } else { format!("Catatan: {n}") }}</span> })}
                        </p>
                        <PolicyTables id="berlaku".to_string() tables=v.tables/>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Every version, the latest effective date first; the content of the others on request.
fn history_section(versions: &[PolicyVersionView]) -> impl IntoView {
    let others: Vec<PolicyVersionView> = versions.iter().filter(|v| !v.in_force).cloned().collect();
    view! {
        <section class="card" aria-labelledby="judul-riwayat">
            <h2 id="judul-riwayat">{t("Riwayat versi", "Version history")}</h2>
            {if versions.is_empty() {
                view! { <p class="empty">{t("Belum ada versi kebijakan TPP.", "No versions of the TPP policy yet.")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-riwayat">
                        <table>
                            <caption id="tabel-riwayat">{t("Versi kebijakan TPP, tanggal berlaku terbaru lebih dahulu", "TPP policy versions, latest effective date first")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col" class="num">{t("Versi", "Version")}</th>
                                    <th scope="col">{t("Berlaku mulai", "In force from")}</th>
                                    <th scope="col">{t("Catatan", "Note")}</th>
                                    <th scope="col">{t("Status", "Status")}</th>
                                    <th scope="col">{t("Dibuat", "Created")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {versions.iter().map(|v| view! {
                                    <tr>
                                        <th scope="row" class="num">{v.version}</th>
                                        <td>{date(v.effective_from)}</td>
                                        <td>{v.note.clone().unwrap_or_else(|| "–".to_string())}</td>
                                        <td>{status_badge(v)}</td>
                                        <td>{datetime_wib(v.created_at)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {others.into_iter().map(|v| {
                        let from = date(v.effective_from);
                        let summary = if is_en() {
                            format!("Contents of version {} (in force from {from})", v.version)
                        } else {
                            format!("Isi versi {} (berlaku mulai {from})", v.version)
                        };
                        view! {
                            <details>
                                <summary>{summary}</summary>
                                <PolicyTables id=format!("versi-{}", v.version) tables=v.tables/>
                            </details>
                        }
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
    let create = server_action::<CreatePolicyVersion>();
    let query = use_query_map();
    // Rendered on the server only (issue 15): a save returns to this page, which lists the
    // versions anew.
    let versions = Resource::new(|| (), |_| list_policy_versions());
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let err = move |f: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(f)));
    let body_error = err("body");
    let saved = move || query.read().get("disimpan").is_some() || matches!(create.value().get(), Some(Ok(_)));
    view! {
        <Title text=t("Kebijakan TPP", "TPP policy")/>
        <p><a href="/admin">{t("‹ Beranda Admin", "‹ Admin home")}</a></p>
        <h1>{t("Kebijakan TPP", "TPP policy")}</h1>
        <p>{t(
            "Ketentuan Peraturan Wali Kota yang dipakai untuk menghitung nilai kinerja dan Tambahan Penghasilan Pegawai (TPP).",
            "The rules of the Mayor's Regulation (Perwali) used to calculate performance scores and the performance allowance (TPP, Tambahan Penghasilan Pegawai).",
        )}</p>
        {move || saved().then(|| view! {
            <div class="alert alert-info" role="status">{t("Versi kebijakan TPP baru tersimpan.", "The new TPP policy version has been saved.")}</div>
        })}
        <Suspense fallback=Loading>
            {move || versions.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(list) => view! {
                    {in_force_section(&list)}
                    {history_section(&list)}
                    <section class="card" aria-labelledby="judul-versi-baru">
                        <h2 id="judul-versi-baru">{t("Versi baru", "New version")}</h2>
                        <p id="versi-baru-hint">
                            {t(
                                "Versi baru dipakai untuk perhitungan periode mulai tanggal berlakunya; versi sebelumnya tidak pernah diubah dan tetap dipakai untuk periode sebelum tanggal itu. ",
                                "A new version is used to calculate periods from its effective date on; earlier versions never change and still apply to periods before that date. ",
                            )}
                            {t(
                                "Isinya JSON: kunci yang tidak ditulis memakai nilai bawaan, misalnya ",
                                "Its content is JSON: keys left out take their default values; for example ",
                            )}
                            <code>"{\"cap\": 110}"</code>
                            {t(" hanya mengubah batas capaian.", " changes only the achievement cap.")}
                        </p>
                        <ErrorBanner error/>
                        <ActionForm action=create attr:class="template-form">
                            <TextField label=t("Berlaku mulai", "In force from") name="effective_from" kind="date" value=""
                                error=err("effective_from") required=true
                                hint=t("Tanggal awal periode yang memakai versi ini.", "The first day of the periods that use this version.")/>
                            <div class="field">
                                <label for="body">{t("Isi kebijakan (JSON)", "Policy content (JSON)")}</label>
                                <textarea id="body" name="body" rows="24" spellcheck="false"
                                    aria-describedby="versi-baru-hint body-error"
                                    aria-invalid=move || body_error.get().is_some().to_string()
                                >{starting_json(&list)}</textarea>
                                <FieldError name="body" error=body_error/>
                            </div>
                            <TextField label=t("Catatan", "Note") name="note" value="" error=err("note")
                                hint=t(
                                    "Misalnya nomor dan tanggal Perwali. Boleh kosong, paling banyak 500 karakter.",
                                    "For example the Perwali's number and date. Optional, at most 500 characters.",
                                )/>
                            <button type="submit" class="button-primary" disabled=move || create.pending().get()>
                                {move || if create.pending().get() { t("Menyimpan…", "Saving…") } else { t("Simpan sebagai versi baru", "Save as a new version") }}
                            </button>
                        </ActionForm>
                    </section>
                }.into_any(),
            })}
        </Suspense>
    }
}
