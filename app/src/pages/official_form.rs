//! `/admin/pejabat/baru` and `/admin/pejabat/{id}`: create and edit an official, and
//! deactivate or reactivate them with a confirmation step (a link to `?konfirmasi=status`, so it
//! works without JavaScript).
use crate::api::officials::{
    get_official, official_pacts, opd_options, supervisor_options, OfficialDetail, OpdOption, SaveOfficial,
    SetOfficialActive, SupervisorOption,
};
use crate::components::action::server_action;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::form::{FieldError, TextField};
use crate::domain::{Nip, PositionKind};
use crate::error::AppError;
use crate::format::group_thousands;
use crate::i18n::{is_en, lang, t};
use crate::pages::official_transfer::PositionHistory;
use crate::pages::officials::LIST_PATH;
use crate::pages::realisation::WHY_PATH;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewOfficialPage() -> impl IntoView {
    let save = server_action::<SaveOfficial>();
    let options = Resource::new(
        || (),
        |_| async { Ok::<_, AppError>((opd_options().await?, supervisor_options().await?)) },
    );
    view! {
        <Title text=t("Tambah pejabat", "Add official")/>
        <p><a href=LIST_PATH>{t("‹ Daftar pejabat", "‹ List of officials")}</a></p>
        <h1>{t("Tambah pejabat", "Add official")}</h1>
        <Suspense fallback=Loading>
            {move || options.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok((opds, supervisors)) => view! { <OfficialForm initial=None opds supervisors save/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn EditOfficialPage() -> impl IntoView {
    let save = server_action::<SaveOfficial>();
    let set_active = server_action::<SetOfficialActive>();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    // Reload after each successful write so the form carries the new row_version; a failed save
    // reloads nothing, so the form keeps what was typed.
    let saved = Memo::new(move |prev: Option<&usize>| {
        let ok = matches!(save.value().get(), Some(Ok(_))) || matches!(set_active.value().get(), Some(Ok(_)));
        if ok {
            save.version().get() + set_active.version().get()
        } else {
            prev.copied().unwrap_or(0)
        }
    });
    let detail = Resource::new(
        move || (id(), saved.get()),
        |(id, _)| async move {
            let d = get_official(id).await?;
            Ok::<_, AppError>((d, opd_options().await?, supervisor_options().await?))
        },
    );
    let confirming = move || query.read().get("konfirmasi").as_deref() == Some("status");
    let is_new = move || query.read().get("baru").is_some();
    let transferred = move || query.read().get("mutasi").is_some();
    let saved_ok = move || matches!(save.value().get(), Some(Ok(_)));
    let status_error = Signal::derive(move || set_active.value().get().and_then(|r| r.err()));
    view! {
        <Title text=t("Data pejabat", "Official's details")/>
        <p><a href=LIST_PATH>{t("‹ Daftar pejabat", "‹ List of officials")}</a></p>
        <Suspense fallback=Loading>
            {move || detail.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok((d, opds, supervisors)) => {
                    let status = d.clone();
                    let official_id = d.id.to_string();
                    let transfer_href = format!("/admin/pejabat/{}/mutasi", d.id);
                    view! {
                        <h1>{d.name.clone()}</h1>
                        {move || (transferred() && !saved_ok()).then(|| view! {
                            <div class="alert alert-info" role="status">{t("Mutasi tersimpan.", "Transfer saved.")}</div>
                        })}
                        {move || (is_new() && !saved_ok()).then(|| view! {
                            <div class="alert alert-info" role="status">{t("Pejabat baru tersimpan.", "New official saved.")}</div>
                        })}
                        {move || saved_ok().then(|| view! {
                            <div class="alert alert-info" role="status">{t("Perubahan tersimpan.", "Changes saved.")}</div>
                        })}
                        <OfficialRecord official_id=d.id/>
                        <OfficialForm initial=Some(d) opds supervisors save/>
                        <StatusSection official=status confirming=confirming() set_active error=status_error/>
                        <section class="card" aria-labelledby="judul-mutasi">
                            <h2 id="judul-mutasi">{t("Mutasi", "Transfer")}</h2>
                            <p>{t(
                                "Pindahkan pejabat ini ke jabatan atau perangkat daerah lain mulai tanggal TMT.",
                                "Move this official to another position or agency from an effective date.",
                            )}</p>
                            <a href=transfer_href class="button-secondary">{t("Mutasi…", "Transfer…")}</a>
                        </section>
                        <PositionHistory id=official_id reload=saved/>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
fn StatusSection(
    official: OfficialDetail,
    confirming: bool,
    set_active: ServerAction<SetOfficialActive>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let page = format!("/admin/pejabat/{}", official.id);
    let (verb, consequence) = if official.active {
        (
            t("Nonaktifkan", "Deactivate"),
            t(
                "Pejabat nonaktif tidak dapat masuk ke daftar atasan langsung dan tidak tampil di daftar pejabat aktif.",
                "An inactive official cannot be chosen as a direct superior and is not shown in the list of active officials.",
            ),
        )
    } else {
        (
            t("Aktifkan kembali", "Reactivate"),
            t(
                "Pejabat akan tampil lagi di daftar pejabat aktif dan dapat dipilih sebagai atasan langsung.",
                "The official will be shown again in the list of active officials and can be chosen as a direct superior.",
            ),
        )
    };
    let confirm = if is_en() {
        format!("Yes, {}", verb.to_lowercase())
    } else {
        format!("Ya, {}", verb.to_lowercase())
    };
    view! {
        <section class="card" aria-labelledby="judul-status">
            <h2 id="judul-status">{t("Status", "Status")}</h2>
            <p>{if official.active { t("Pejabat ini aktif.", "This official is active.") } else { t("Pejabat ini nonaktif.", "This official is inactive.") }}</p>
            <ErrorBanner error/>
            {if confirming {
                view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="judul-konfirmasi">
                        <p id="judul-konfirmasi"><strong>{format!("{verb} {}?", official.name)}</strong></p>
                        <p>{consequence}</p>
                        <ActionForm action=set_active attr:class="inline-form">
                            <input type="hidden" name="id" value=official.id.to_string()/>
                            <input type="hidden" name="row_version" value=official.row_version.to_string()/>
                            <input type="hidden" name="active" value=(!official.active).to_string()/>
                            <button type="submit" class="button-primary">{confirm}</button>
                        </ActionForm>
                        <a href=page.clone() class="button-secondary">{t("Batal", "Cancel")}</a>
                    </div>
                }.into_any()
            } else {
                view! { <a href=format!("{page}?konfirmasi=status") class="button-secondary">{format!("{verb}…")}</a> }.into_any()
            }}
        </section>
    }
}

/// The form shared by create and edit. Field names are the `save_official` arguments.
#[component]
fn OfficialForm(
    initial: Option<OfficialDetail>,
    opds: Vec<OpdOption>,
    supervisors: Vec<SupervisorOption>,
    save: ServerAction<SaveOfficial>,
) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let err =
        move |field: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(field)));
    let d = initial.clone();
    let text = |f: fn(&OfficialDetail) -> String| d.as_ref().map(f).unwrap_or_default();
    let id = text(|d| d.id.to_string());
    let row_version = text(|d| d.row_version.to_string());
    let nip =
        text(|d| d.nip.as_deref().and_then(|n| Nip::parse(n).ok()).map(|n| n.spaced()).unwrap_or_default());
    let name = text(|d| d.name.clone());
    let rank = text(|d| d.rank.clone().unwrap_or_default());
    let grade = text(|d| d.grade.clone().unwrap_or_default());
    let position_title = text(|d| d.position_title.clone());
    let kind = text(|d| d.position_kind.clone());
    let job_class = text(|d| if d.job_class > 0 { d.job_class.to_string() } else { String::new() });
    let opd_id = text(|d| d.opd_id.to_string());
    let supervisor_id = text(|d| d.supervisor_id.map(|s| s.to_string()).unwrap_or_default());
    let position_start = text(|d| d.position_start.format("%Y-%m-%d").to_string());
    let ceiling = text(|d| group_thousands(d.monthly_ceiling));
    let self_id = initial.as_ref().map(|d| d.id);
    let is_new = initial.is_none();
    view! {
        <section class="card">
            <ErrorBanner error/>
            <ActionForm action=save attr:class="official-form">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="row_version" value=row_version/>
                <TextField label="NIP" name="nip" value=nip error=err("nip") inputmode="numeric"
                    hint=t(
                        "18 digit, boleh dengan spasi: 19800101 200501 1 001. Kosongkan hanya untuk Wali Kota.",
                        "18 digits, spaces allowed: 19800101 200501 1 001. Leave it empty only for the Mayor.",
                    )/>
                <TextField label=t("Nama lengkap dengan gelar", "Full name with academic titles") name="name" value=name error=err("name") required=true/>
                <div class="field-row">
                    <TextField label=t("Pangkat", "Rank") name="rank" value=rank error=err("rank")/>
                    <TextField label=t("Golongan ruang", "Grade") name="grade" value=grade error=err("grade")
                        hint=t("Contoh: IV/c", "For example: IV/c")/>
                </div>
                <TextField label=t("Jabatan", "Position") name="position_title" value=position_title error=err("position_title") required=true/>
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
                    <TextField label=t("Kelas jabatan", "Job class") name="job_class" value=job_class error=err("job_class")
                        kind="number" inputmode="numeric" hint=t("1 sampai 17", "1 to 17")/>
                </div>
                <div class="field">
                    <label for="opd_id">{t("Perangkat daerah", "Agency")}</label>
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
                <div class="field">
                    <label for="supervisor_id">{t("Atasan langsung", "Direct superior")}</label>
                    <select id="supervisor_id" name="supervisor_id" aria-describedby="supervisor_id-error"
                        aria-invalid=move || err("supervisor_id").get().is_some().to_string()>
                        <option value="">{t("— Tidak ada (hanya Wali Kota) —", "— None (only for the Mayor) —")}</option>
                        {supervisors.into_iter().map(|s| {
                            let v = s.id.to_string();
                            let selected = v == supervisor_id;
                            // Offered so that the server's "not themselves" rule can be seen to work.
                            let is_self = Some(s.id) == self_id;
                            view! {
                                <option value=v selected=selected>
                                    {format!("{} — {}{}", s.name, s.position_title, if is_self { t(" (pejabat ini)", " (this official)") } else { "" })}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                    <FieldError name="supervisor_id" error=err("supervisor_id")/>
                </div>
                <div class="field-row">
                    <TextField label=t("TMT jabatan", "In position since") name="position_start" value=position_start error=err("position_start") kind="date"/>
                    <TextField label=t("Pagu TPP bulanan (Rp)", "Monthly TPP ceiling (Rp)") name="monthly_ceiling" value=ceiling error=err("monthly_ceiling")
                        inputmode="numeric" hint=t("Bilangan bulat, misalnya 16.000.000", "A whole number, for example 16.000.000")/>
                </div>
                <button type="submit" class="button-primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() {
                        t("Menyimpan…", "Saving…")
                    } else if is_new {
                        t("Simpan pejabat baru", "Save new official")
                    } else {
                        t("Simpan perubahan", "Save changes")
                    }}
                </button>
            </ActionForm>
        </section>
    }
}

/// What the official's record holds beyond the form (issue 16: the record was a dead end): each
/// year's pact, its quarter sheets and the TPP behind each quarter, and the discipline records.
#[component]
fn OfficialRecord(official_id: uuid::Uuid) -> impl IntoView {
    let pacts = Resource::new(move || official_id, |id| official_pacts(id.to_string()));
    let discipline_href = format!("/admin/pejabat/{official_id}/disiplin");
    view! {
        <section class="card" aria-labelledby="judul-rekam-jejak">
            <h2 id="judul-rekam-jejak">{t("Rekam jejak", "Record")}</h2>
            <Suspense fallback=Loading>
                {move || pacts.get().map(|r| match r {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty">{t("Belum ada pakta untuk pejabat ini.", "No pact for this official yet.")}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-rekam-jejak">
                            <table class="compact">
                                <caption id="tabel-rekam-jejak">{t("Pakta, realisasi triwulan, dan TPP per tahun", "Pacts, quarterly realisations and TPP per year")}</caption>
                                <thead><tr>
                                    <th scope="col">{t("Tahun", "Year")}</th>
                                    <th scope="col">{t("Pakta", "Pact")}</th>
                                    <th scope="col">{t("Realisasi dan TPP per triwulan", "Realisations and TPP per quarter")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|p| {
                                        let signed = p.status == crate::domain::pact::PactStatus::Signed.as_str()
                                            || p.status == crate::domain::pact::PactStatus::Superseded.as_str();
                                        let version = if is_en() { format!("version {}", p.version_no) } else { format!("versi {}", p.version_no) };
                                        view! {
                                            <tr>
                                                <th scope="row">{p.year}</th>
                                                <td>
                                                    <a href=format!("/pakta/{}", p.pact_id)>{version}</a>" "
                                                    <crate::pages::pact::StatusBadge status=p.status.clone()/>
                                                </td>
                                                <td>{if signed {
                                                    (1..=4u32).map(|q| {
                                                        let tw = crate::i18n::quarter(q);
                                                        view! {
                                                            <span class="nowrap">
                                                                <a href=format!("/admin/realisasi/{}/{q}", p.pact_id)>{tw.clone()}</a>
                                                                " ("<a href=format!("{WHY_PATH}/{official_id}/{}/{}", p.year, q * 3)>{format!("TPP {tw}")}</a>")"
                                                            </span>" "
                                                        }
                                                    }).collect_view().into_any()
                                                } else {
                                                    view! { <span class="muted">{t("belum ditandatangani", "not signed yet")}</span> }.into_any()
                                                }}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                })}
            </Suspense>
            <p><a href=discipline_href>{t("Catatan disiplin (kehadiran, hukuman disiplin)", "Discipline records (attendance, sanctions)")}</a></p>
        </section>
    }
}
