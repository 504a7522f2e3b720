//! `/admin/pejabat/{id}/mutasi`: move an official to a new position or OPD, and the riwayat
//! jabatan (position history) shown on the official's page.
use crate::api::officials::{
    get_official, opd_options, position_history, supervisor_options, OfficialDetail, OpdOption, PositionRow,
    SupervisorOption, TransferOfficial,
};
use crate::components::action::server_action;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::form::{FieldError, TextField};
use crate::domain::PositionKind;
use crate::error::AppError;
use crate::format::{group_thousands, rupiah};
use crate::i18n::{date, is_en, lang, t};
use crate::pages::officials::kind_label;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn TransferPage() -> impl IntoView {
    let transfer = server_action::<TransferOfficial>();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(id, |id| async move {
        let d = get_official(id).await?;
        Ok::<_, AppError>((d, opd_options().await?, supervisor_options().await?))
    });
    view! {
        <Title text=t("Mutasi pejabat", "Transfer an official")/>
        <p><a href=move || format!("/admin/pejabat/{}", id())>{t("‹ Data pejabat", "‹ Official's details")}</a></p>
        <Suspense fallback=Loading>
            {move || data.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok((d, opds, supervisors)) => {
                    let (heading, current) = if is_en() {
                        (
                            format!("Transfer: {}", d.name),
                            format!("Current position: {} since {}.", d.position_title, date(d.position_start)),
                        )
                    } else {
                        (
                            format!("Mutasi: {}", d.name),
                            format!("Jabatan sekarang: {} sejak {}.", d.position_title, date(d.position_start)),
                        )
                    };
                    view! {
                        <h1>{heading}</h1>
                        <p>{current}</p>
                        <TransferForm official=d opds supervisors transfer/>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

/// Field names are the `transfer_official` arguments. The new position starts as a copy of the
/// current one, so that only what changes needs typing.
#[component]
fn TransferForm(
    official: OfficialDetail,
    opds: Vec<OpdOption>,
    supervisors: Vec<SupervisorOption>,
    transfer: ServerAction<TransferOfficial>,
) -> impl IntoView {
    let error = Signal::derive(move || transfer.value().get().and_then(|r| r.err()));
    let err =
        move |field: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(field)));
    let d = official;
    let opd_id = d.opd_id.to_string();
    let supervisor_id = d.supervisor_id.map(|s| s.to_string()).unwrap_or_default();
    let kind = d.position_kind.clone();
    let job_class = if d.job_class > 0 { d.job_class.to_string() } else { String::new() };
    view! {
        <section class="card">
            <ErrorBanner error/>
            <ActionForm action=transfer attr:class="official-form">
                <input type="hidden" name="id" value=d.id.to_string()/>
                <input type="hidden" name="row_version" value=d.row_version.to_string()/>
                <div class="field">
                    <label for="opd_id">{t("Perangkat daerah baru", "New agency")}</label>
                    <select id="opd_id" name="opd_id" aria-describedby="opd_id-error"
                        aria-invalid=move || err("opd_id").get().is_some().to_string()>
                        <option value="">{t("— Pilih —", "— Choose —")}</option>
                        {opds.into_iter().map(|o| {
                            let v = o.id.to_string();
                            let selected = v == opd_id;
                            view! { <option value=v selected=selected>{o.name}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError name="opd_id" error=err("opd_id")/>
                </div>
                <TextField label=t("Jabatan baru", "New position") name="position_title" value=d.position_title.clone()
                    error=err("position_title") required=true/>
                <div class="field-row">
                    <div class="field">
                        <label for="position_kind">{t("Jenis jabatan", "Position type")}</label>
                        <select id="position_kind" name="position_kind" aria-describedby="position_kind-error"
                            aria-invalid=move || err("position_kind").get().is_some().to_string()>
                            <option value="">{t("— Pilih —", "— Choose —")}</option>
                            {PositionKind::ALL.into_iter().map(|k| view! {
                                <option value=k.as_str() selected=k.as_str() == kind>{k.label_in(lang())}</option>
                            }).collect_view()}
                        </select>
                        <FieldError name="position_kind" error=err("position_kind")/>
                    </div>
                    <TextField label=t("Kelas jabatan", "Job class") name="job_class"
                        value=job_class
                        error=err("job_class") kind="number" inputmode="numeric" hint=t("1 sampai 17", "1 to 17")/>
                </div>
                <div class="field">
                    <label for="supervisor_id">{t("Atasan langsung", "Direct superior")}</label>
                    <select id="supervisor_id" name="supervisor_id" aria-describedby="supervisor_id-error"
                        aria-invalid=move || err("supervisor_id").get().is_some().to_string()>
                        <option value="">{t("— Tidak ada (hanya Wali Kota) —", "— None (only for the Mayor) —")}</option>
                        {supervisors.into_iter().filter(|s| s.id != d.id).map(|s| {
                            let v = s.id.to_string();
                            let selected = v == supervisor_id;
                            view! { <option value=v selected=selected>{format!("{} — {}", s.name, s.position_title)}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError name="supervisor_id" error=err("supervisor_id")/>
                </div>
                <div class="field-row">
                    <TextField label=t("TMT mutasi", "Transfer effective date") name="tmt" value="" error=err("tmt") kind="date" required=true
                        hint=t("Tanggal mulai jabatan baru; jabatan lama berakhir sehari sebelumnya.", "The first day in the new position; the old one ends the day before.")/>
                    <TextField label=t("Pagu TPP bulanan (Rp)", "Monthly TPP ceiling (Rp)") name="monthly_ceiling" value=group_thousands(d.monthly_ceiling)
                        error=err("monthly_ceiling") inputmode="numeric" hint=t("Bilangan bulat, misalnya 16.000.000", "A whole number, for example 16.000.000")/>
                </div>
                <TextField label=t("Catatan", "Note") name="note" value="" error=err("note")
                    hint=t("Misalnya nomor SK mutasi.", "For example, the number of the transfer decree (SK).")/>
                <button type="submit" class="button-primary" disabled=move || transfer.pending().get()>
                    {move || if transfer.pending().get() { t("Menyimpan…", "Saving…") } else { t("Simpan mutasi", "Save transfer") }}
                </button>
            </ActionForm>
        </section>
    }
}

/// Riwayat jabatan, newest first. `reload` changes after each save on the page.
#[component]
pub fn PositionHistory(id: String, #[prop(into)] reload: Signal<usize>) -> impl IntoView {
    let rows = Resource::new(move || (id.clone(), reload.get()), |(id, _)| position_history(id));
    view! {
        <section class="card" aria-labelledby="judul-riwayat">
            <h2 id="judul-riwayat">{t("Riwayat jabatan", "Position history")}</h2>
            <Suspense fallback=Loading>
                {move || rows.get().map(|r| match r {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(rows) => view! { <HistoryTable rows/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// A history row's reason in the page's language: the server writes "pengangkatan" or "mutasi"
/// (followed by " — " and the admin's note, which stays as typed).
fn reason_text(reason: &str) -> String {
    if !is_en() {
        return reason.to_string();
    }
    let (word, note) = match reason.split_once(" — ") {
        Some((word, note)) => (word, Some(note)),
        None => (reason, None),
    };
    let en = match word {
        "pengangkatan" => "appointment",
        "mutasi" => "transfer",
        _ => return reason.to_string(),
    };
    match note {
        Some(n) => format!("{en} — {n}"),
        None => en.to_string(),
    }
}

#[component]
fn HistoryTable(rows: Vec<PositionRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">{t("Belum ada riwayat jabatan tercatat.", "No position history recorded yet.")}</p> }.into_any();
    }
    view! {
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="judul-tabel-riwayat">
            <table>
                <caption id="judul-tabel-riwayat">{t("Riwayat jabatan, terbaru di atas", "Position history, newest first")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("Mulai (TMT)", "From")}</th>
                        <th scope="col">{t("Sampai", "Until")}</th>
                        <th scope="col">{t("Jabatan", "Position")}</th>
                        <th scope="col">{t("Perangkat daerah", "Agency")}</th>
                        <th scope="col" class="num">{t("Kelas", "Class")}</th>
                        <th scope="col">{t("Atasan langsung", "Direct superior")}</th>
                        <th scope="col" class="num">{t("Pagu TPP bulanan", "Monthly TPP ceiling")}</th>
                        <th scope="col">{t("Keterangan", "Remarks")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td><span class="nowrap">{date(r.start_date)}</span></td>
                            <td><span class="nowrap">{r.end_date.map(date).unwrap_or_else(|| t("sekarang", "present").to_string())}</span></td>
                            <td>{r.position_title}<br/><small class="muted">{kind_label(&r.position_kind)}</small></td>
                            <td>{r.opd_name}</td>
                            <td class="num">{r.job_class}</td>
                            <td>{r.supervisor_name.unwrap_or_else(|| "—".to_string())}</td>
                            <td class="num">{rupiah(r.monthly_ceiling)}</td>
                            <td>{reason_text(&r.reason)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
