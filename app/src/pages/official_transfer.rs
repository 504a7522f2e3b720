//! `/admin/pejabat/{id}/mutasi`: move an official to a new position or OPD, and the riwayat
//! jabatan (position history) shown on the official's page.
use crate::api::officials::{
    get_official, opd_options, position_history, supervisor_options, OfficialDetail, OpdOption, PositionRow,
    SupervisorOption, TransferOfficial,
};
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::form::{FieldError, TextField};
use crate::domain::PositionKind;
use crate::error::AppError;
use crate::format::{date_id, group_thousands, rupiah};
use crate::pages::officials::kind_label;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn TransferPage() -> impl IntoView {
    let transfer = ServerAction::<TransferOfficial>::new();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(id, |id| async move {
        let d = get_official(id).await?;
        Ok::<_, AppError>((d, opd_options().await?, supervisor_options().await?))
    });
    view! {
        <Title text="Mutasi pejabat"/>
        <p><a href=move || format!("/admin/pejabat/{}", id())>"‹ Data pejabat"</a></p>
        <Suspense fallback=Loading>
            {move || data.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok((d, opds, supervisors)) => view! {
                    <h1>{format!("Mutasi: {}", d.name)}</h1>
                    <p>{format!("Jabatan sekarang: {} sejak {}.", d.position_title, date_id(d.position_start))}</p>
                    <TransferForm official=d opds supervisors transfer/>
                }.into_any(),
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
                    <label for="opd_id">"Perangkat daerah baru"</label>
                    <select id="opd_id" name="opd_id" aria-describedby="opd_id-error"
                        aria-invalid=move || err("opd_id").get().is_some().to_string()>
                        <option value="">"— Pilih —"</option>
                        {opds.into_iter().map(|o| {
                            let v = o.id.to_string();
                            let selected = v == opd_id;
                            view! { <option value=v selected=selected>{o.name}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError name="opd_id" error=err("opd_id")/>
                </div>
                <TextField label="Jabatan baru" name="position_title" value=d.position_title.clone()
                    error=err("position_title") required=true/>
                <div class="field-row">
                    <div class="field">
                        <label for="position_kind">"Jenis jabatan"</label>
                        <select id="position_kind" name="position_kind" aria-describedby="position_kind-error"
                            aria-invalid=move || err("position_kind").get().is_some().to_string()>
                            <option value="">"— Pilih —"</option>
                            {PositionKind::ALL.into_iter().map(|k| view! {
                                <option value=k.as_str() selected=k.as_str() == kind>{k.label_id()}</option>
                            }).collect_view()}
                        </select>
                        <FieldError name="position_kind" error=err("position_kind")/>
                    </div>
                    <TextField label="Kelas jabatan" name="job_class"
                        value=job_class
                        error=err("job_class") kind="number" inputmode="numeric" hint="1 sampai 17"/>
                </div>
                <div class="field">
                    <label for="supervisor_id">"Atasan langsung"</label>
                    <select id="supervisor_id" name="supervisor_id" aria-describedby="supervisor_id-error"
                        aria-invalid=move || err("supervisor_id").get().is_some().to_string()>
                        <option value="">"— Tidak ada (hanya Wali Kota) —"</option>
                        {supervisors.into_iter().filter(|s| s.id != d.id).map(|s| {
                            let v = s.id.to_string();
                            let selected = v == supervisor_id;
                            view! { <option value=v selected=selected>{format!("{} — {}", s.name, s.position_title)}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError name="supervisor_id" error=err("supervisor_id")/>
                </div>
                <div class="field-row">
                    <TextField label="TMT mutasi" name="tmt" value="" error=err("tmt") kind="date" required=true
                        hint="Tanggal mulai jabatan baru; jabatan lama berakhir sehari sebelumnya."/>
                    <TextField label="Pagu TPP bulanan (Rp)" name="monthly_ceiling" value=group_thousands(d.monthly_ceiling)
                        error=err("monthly_ceiling") inputmode="numeric" hint="Bilangan bulat, misalnya 16.000.000"/>
                </div>
                <TextField label="Catatan" name="note" value="" error=err("note") hint="Misalnya nomor SK mutasi."/>
                <button type="submit" class="button-primary" disabled=move || transfer.pending().get()>
                    {move || if transfer.pending().get() { "Menyimpan…" } else { "Simpan mutasi" }}
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
            <h2 id="judul-riwayat">"Riwayat jabatan"</h2>
            <Suspense fallback=Loading>
                {move || rows.get().map(|r| match r {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(rows) => view! { <HistoryTable rows/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn HistoryTable(rows: Vec<PositionRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"Belum ada riwayat jabatan tercatat."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table>
                <caption>"Riwayat jabatan, terbaru di atas"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Mulai (TMT)"</th>
                        <th scope="col">"Sampai"</th>
                        <th scope="col">"Jabatan"</th>
                        <th scope="col">"Perangkat daerah"</th>
                        <th scope="col" class="num">"Kelas"</th>
                        <th scope="col">"Atasan langsung"</th>
                        <th scope="col" class="num">"Pagu TPP bulanan"</th>
                        <th scope="col">"Keterangan"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td><span class="nowrap">{date_id(r.start_date)}</span></td>
                            <td><span class="nowrap">{r.end_date.map(date_id).unwrap_or_else(|| "sekarang".to_string())}</span></td>
                            <td>{r.position_title}<br/><small class="muted">{kind_label(&r.position_kind)}</small></td>
                            <td>{r.opd_name}</td>
                            <td class="num">{r.job_class}</td>
                            <td>{r.supervisor_name.unwrap_or_else(|| "—".to_string())}</td>
                            <td class="num">{rupiah(r.monthly_ceiling)}</td>
                            <td>{r.reason}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
