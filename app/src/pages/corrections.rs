//! `/admin/koreksi` (`?tahun=&status=`): the corrections after the lock, the kurang/lebih bayar
//! ledger, with approve/refuse for pending corrections another admin asked for.
//! `/admin/koreksi/:pact_id/:quarter`: asking for a correction of a locked quarter.
use crate::api::corrections::{
    kind_label, list_corrections, status_label, Correction, DecideCorrection, RequestCorrection,
};
use crate::api::evaluations::get_sheet;
use crate::components::action::server_action;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::domain::explanation::number_id;
use crate::domain::rating::Rating;
use crate::format::{quarter_roman as roman, rupiah};
use crate::i18n::{is_en, lang, month_name_in, t};
use crate::pages::official::quarter_text;
use crate::pages::officials::nip_spaced;
use crate::pages::realisation::{REALISATIONS_PATH, WHY_PATH};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub const CORRECTIONS_PATH: &str = "/admin/koreksi";

/// A signed amount: "+Rp1.000" / "−Rp1.000" / "Rp0".
fn signed_rupiah(d: i64) -> String {
    match d {
        d if d > 0 => format!("+{}", rupiah(d)),
        d if d < 0 => format!("−{}", rupiah(-d)),
        _ => rupiah(0),
    }
}

/// A line's kind ("Kurang bayar") in the page's language.
fn kind_text(kind: &str) -> &'static str {
    let en = match kind {
        "kurang_bayar" => "Underpayment",
        "lebih_bayar" => "Overpayment",
        _ => "None",
    };
    lang().pick(kind_label(kind), en)
}

/// A correction's status ("Disetujui") in the page's language.
fn status_text(status: &str) -> &'static str {
    let en = match status {
        "pending" => "Awaiting approval",
        "approved" => "Approved",
        "rejected" => "Refused",
        _ => "—",
    };
    lang().pick(status_label(status), en)
}

#[component]
pub fn CorrectionsPage() -> impl IntoView {
    let query = use_query_map();
    let year = move || query.read().get("tahun").and_then(|y| y.parse::<i32>().ok()).unwrap_or(2026);
    let status = move || query.read().get("status").unwrap_or_default();
    let decide = server_action::<DecideCorrection>();
    let list =
        Resource::new(move || (year(), status(), decide.version().get()), |(y, s, _)| list_corrections(y, s));
    let decide_error = Signal::derive(move || decide.value().get().and_then(|r| r.err()));
    let statuses = [
        ("", t("Semua", "All")),
        ("pending", status_text("pending")),
        ("approved", status_text("approved")),
        ("rejected", status_text("rejected")),
    ];
    view! {
        <Title text=t("Buku koreksi TPP", "TPP corrections ledger")/>
        <h1>{t("Koreksi setelah dikunci", "Corrections after locking")}</h1>
        <p>{t(
            "Hasil triwulan yang sudah dikunci tidak pernah diubah. Koreksi dicatat di sini sebagai kurang bayar atau lebih bayar per bulan, dan berlaku setelah disetujui admin lain.",
            "A locked quarter's results are never changed. Corrections are recorded here as an underpayment or overpayment per month, and take effect once another admin approves them.",
        )}</p>
        <form method="get" action=CORRECTIONS_PATH class="card filters">
            <div class="field">
                <label for="tahun">{t("Tahun", "Year")}</label>
                <input id="tahun" name="tahun" type="number" min="2020" max="2100" value=move || year().to_string() prop:value=move || year().to_string()/>
            </div>
            <div class="field">
                <label for="status">{t("Status", "Status")}</label>
                <select id="status" name="status">
                    {statuses
                        .into_iter()
                        .map(|(v, l)| view! { <option value=v selected=move || status() == v>{l}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="filter-actions"><button type="submit" class="button-secondary">{t("Tampilkan", "Show")}</button></div>
        </form>
        <ErrorBanner error=decide_error/>
        {move || decide.value().get().and_then(|r| r.ok()).map(|c| view! {
            <div class="alert alert-info" role="status">
                {if is_en() {
                    format!("Correction for {}, {} {}: {}.", c.official_name, quarter_text(c.quarter), c.year, status_text(&c.status).to_lowercase())
                } else {
                    format!("Koreksi {} TW {} {}: {}.", c.official_name, roman(c.quarter), c.year, status_label(&c.status).to_lowercase())
                }}
            </div>
        })}
        <Suspense fallback=Loading>
            {move || list.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(list) if list.is_empty() => view! {
                    <p class="empty">{t(
                        "Belum ada koreksi untuk pilihan ini. Koreksi diajukan dari lembar realisasi triwulan yang sudah dikunci.",
                        "No corrections for this selection yet. A correction is requested from the realisation sheet of a locked quarter.",
                    )}</p>
                }.into_any(),
                Ok(list) => {
                    let approved = list.iter().filter(|c| c.status == "approved");
                    let (under, over) = approved.flat_map(|c| c.lines.iter()).fold((0i64, 0i64), |(u, o), l| {
                        if l.difference > 0 { (u + l.difference, o) } else { (u, o - l.difference) }
                    });
                    view! {
                        <dl class="summary-list">
                            <dt>{t("Kurang bayar disetujui", "Approved underpayments")}</dt><dd>{rupiah(under)}</dd>
                            <dt>{t("Lebih bayar disetujui", "Approved overpayments")}</dt><dd>{rupiah(over)}</dd>
                        </dl>
                        {list.into_iter().map(|c| view! { <CorrectionCard correction=c decide/> }).collect_view()}
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
fn CorrectionCard(correction: Correction, decide: ServerAction<DecideCorrection>) -> impl IntoView {
    let c = correction;
    let heading_id = format!("koreksi-{}", c.evaluation_id);
    let labelled_by = heading_id.clone();
    let caption_id = format!("koreksi-{}-selisih", c.evaluation_id);
    let table_labelled_by = caption_id.clone();
    let sheet_href = format!("{REALISATIONS_PATH}/{}/{}", c.pact_id, c.quarter);
    let decided = c.decided_by.clone().map(|by| {
        let at = c.decided_at.map(crate::format::datetime_wib).unwrap_or_default();
        if is_en() {
            format!("{} by {by}, {at}", status_text(&c.status))
        } else {
            format!("{} oleh {by}, {at}", status_label(&c.status))
        }
    });
    let waiting_other = c.status == "pending" && !c.may_decide;
    let official_id = c.official_id;
    let year = c.year;
    let heading = if is_en() {
        format!("{} — {} {} (revision {})", c.official_name, quarter_text(c.quarter), c.year, c.revision)
    } else {
        format!("{} — TW {} {} (revisi {})", c.official_name, roman(c.quarter), c.year, c.revision)
    };
    let requested_at = crate::format::datetime_wib(c.requested_at);
    let requested = if is_en() {
        format!("by {}, {requested_at}", c.requested_by)
    } else {
        format!("oleh {}, {requested_at}", c.requested_by)
    };
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            <dl class="summary-list">
                <dt>"NIP"</dt><dd>{nip_spaced(&c.nip)}</dd>
                <dt>{t("Perangkat daerah", "Agency")}</dt><dd>{c.opd_name.clone()}</dd>
                <dt>{t("Alasan", "Reason")}</dt><dd>{c.reason.clone()}</dd>
                <dt>{t("Diajukan", "Requested")}</dt><dd>{requested}</dd>
                <dt>{t("Status", "Status")}</dt><dd><strong>{decided.unwrap_or_else(|| status_text(&c.status).to_string())}</strong></dd>
            </dl>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby=table_labelled_by>
                <table>
                    <caption id=caption_id>{t("Selisih per bulan", "Difference per month")}</caption>
                    <thead><tr>
                        <th scope="col">{t("Bulan", "Month")}</th><th scope="col" class="num">{t("Sudah dibayar", "Paid")}</th>
                        <th scope="col" class="num">{t("Seharusnya", "Due")}</th><th scope="col" class="num">{t("Selisih", "Difference")}</th><th scope="col">{t("Jenis", "Type")}</th>
                    </tr></thead>
                    <tbody>
                        {c.lines.iter().map(|l| {
                            let (plus, minus) = (l.difference > 0, l.difference < 0);
                            view! {
                            <tr>
                                <th scope="row"><a href=format!("{WHY_PATH}/{official_id}/{year}/{}", l.month)>{month_name_in(lang(), l.month)}</a></th>
                                <td class="num">{rupiah(l.before)}</td>
                                <td class="num">{rupiah(l.after)}</td>
                                <td class="num" class:amount-plus=plus class:amount-minus=minus>{signed_rupiah(l.difference)}</td>
                                <td>{kind_text(&l.kind)}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                    <tfoot><tr><th scope="row" colspan="3">{t("Jumlah", "Total")}</th><td class="num">{signed_rupiah(c.total_difference)}</td><td></td></tr></tfoot>
                </table>
            </div>
            <p><a href=sheet_href>{t("Lembar realisasi", "Realisation sheet")}</a></p>
            {waiting_other.then(|| view! { <p class="muted">{t(
                "Menunggu keputusan admin lain (pengaju tidak dapat menyetujui koreksinya sendiri).",
                "Awaiting another admin's decision (whoever requests a correction cannot approve it).",
            )}</p> })}
            {c.may_decide.then(|| {
                let id = c.evaluation_id.to_string();
                let id2 = id.clone();
                view! {
                    <div class="actions">
                        <ActionForm action=decide attr:class="inline-form">
                            <input type="hidden" name="evaluation_id" value=id2/>
                            <input type="hidden" name="decision" value="setujui"/>
                            <button type="submit" class="button-primary" disabled=move || decide.pending().get()>{t("Setujui koreksi", "Approve correction")}</button>
                        </ActionForm>
                        <ActionForm action=decide attr:class="inline-form">
                            <input type="hidden" name="evaluation_id" value=id/>
                            <input type="hidden" name="decision" value="tolak"/>
                            <button type="submit" class="button-danger" disabled=move || decide.pending().get()>{t("Tolak", "Refuse")}</button>
                        </ActionForm>
                    </div>
                }
            })}
        </section>
    }
}

#[component]
pub fn CorrectionRequestPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("pact_id").unwrap_or_default(),
            p.get("quarter").and_then(|q| q.parse::<u32>().ok()).unwrap_or(0),
        )
    };
    let sheet = Resource::new(key, |(id, q)| get_sheet(id, q));
    let request = server_action::<RequestCorrection>();
    let error = Signal::derive(move || request.value().get().and_then(|r| r.err()));
    let message = move |field: String| error.get().and_then(|e| e.field_message(&field));
    view! {
        <Title text=t("Ajukan koreksi", "Request a correction")/>
        <p><a href=CORRECTIONS_PATH>{t("‹ Buku koreksi", "‹ Corrections ledger")}</a></p>
        <Suspense fallback=Loading>
            {move || sheet.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(s) if !s.locked => {
                    let open = if is_en() {
                        format!("{} {} is not locked: change its realisations directly on the ", quarter_text(s.quarter), s.year)
                    } else {
                        format!("TW {} {} belum dikunci: ubah realisasinya langsung di ", roman(s.quarter), s.year)
                    };
                    view! {
                        <h1>{t("Ajukan koreksi", "Request a correction")}</h1>
                        <p class="alert alert-info">{open}<a href=format!("{REALISATIONS_PATH}/{}/{}", s.pact_id, s.quarter)>{t("lembar realisasi", "realisation sheet")}</a>"."</p>
                    }.into_any()
                }
                Ok(s) => {
                    let sent = move || request.value().get().and_then(|r| r.ok());
                    let heading = if is_en() {
                        format!("Correction {} {} — {}", quarter_text(s.quarter), s.year, s.official.name)
                    } else {
                        format!("Koreksi TW {} {} — {}", roman(s.quarter), s.year, s.official.name)
                    };
                    view! {
                        <h1>{heading}</h1>
                        <p>{t(
                            "Isi nilai yang benar untuk setiap indikator dan alasannya. Selisih TPP per bulan dihitung oleh sistem dan baru berlaku setelah disetujui admin lain; hasil yang terkunci tetap tersimpan.",
                            "Enter the correct value of each indicator and the reason. The system computes the TPP difference per month, which takes effect only once another admin approves it; the locked results are kept.",
                        )}</p>
                        {move || sent().map(|c| view! {
                            <div class="alert alert-info" role="status">
                                {if is_en() {
                                    format!("Correction requested: a difference of {} for this quarter. Awaiting another admin's approval. ", signed_rupiah(c.total_difference))
                                } else {
                                    format!("Koreksi diajukan: selisih {} untuk triwulan ini. Menunggu persetujuan admin lain. ", signed_rupiah(c.total_difference))
                                }}
                                <a href=CORRECTIONS_PATH>{t("Buka buku koreksi", "Open the corrections ledger")}</a>
                            </div>
                        })}
                        {s.correction_pending.then(|| view! { <p class="alert alert-info">{t("Sudah ada koreksi triwulan ini yang menunggu persetujuan.", "A correction of this quarter is already awaiting approval.")}</p> })}
                        <ErrorBanner error/>
                        <ActionForm action=request attr:class="card" attr:novalidate=true>
                            <input type="hidden" name="pact_id" value=s.pact_id.to_string()/>
                            <input type="hidden" name="quarter" value=s.quarter.to_string()/>
                            {s.indicators.iter().zip(s.rows.iter()).enumerate().map(|(i, (ind, row))| {
                                let field = format!("realisations[{i}].value");
                                let err_id = format!("{field}-error");
                                let msg = field.clone();
                                let target = crate::pages::realisation::target_text(ind);
                                let label = if is_en() {
                                    format!("{}. {} (target {}, weight {}%)", i + 1, ind.name, target, number_id(ind.weight))
                                } else {
                                    format!("{}. {} (target {}, bobot {}%)", i + 1, ind.name, target, number_id(ind.weight))
                                };
                                view! {
                                    <div class="field">
                                        <input type="hidden" name=format!("realisations[{i}][indicator_id]") value=ind.indicator_id.to_string()/>
                                        <label for=field.clone()>{label}</label>
                                        <input id=field.clone() name=format!("realisations[{i}][value]") type="text" inputmode="decimal"
                                            value=row.value.clone() aria-describedby=err_id.clone()/>
                                        <p id=err_id class="field-error" aria-live="polite">{move || message(msg.clone())}</p>
                                    </div>
                                }
                            }).collect_view()}
                            <div class="field">
                                <label for="behaviour">{t("Rating perilaku kerja", "Work behaviour rating")}</label>
                                <select id="behaviour" name="behaviour" aria-describedby="behaviour-error">
                                    {Rating::ALL.iter().map(|r| {
                                        let selected = s.behaviour.rating.as_deref() == Some(r.as_str());
                                        view! { <option value=r.as_str() selected=selected>{r.label_in(lang())}</option> }
                                    }).collect_view()}
                                </select>
                                <p id="behaviour-error" class="field-error" aria-live="polite">{move || message("behaviour".into())}</p>
                            </div>
                            <div class="field">
                                <label for="reason">{t("Alasan koreksi", "Reason for the correction")}</label>
                                <textarea id="reason" name="reason" rows="3" required aria-describedby="reason-hint reason-error"></textarea>
                                <p id="reason-hint" class="field-hint">{t(
                                    "Misalnya: berita acara verifikasi Inspektorat No. 700/12/2026 mengoreksi realisasi indikator 2.",
                                    "For example: the Inspectorate's verification report No. 700/12/2026 corrects the realisation of indicator 2.",
                                )}</p>
                                <p id="reason-error" class="field-error" aria-live="polite">{move || message("reason".into()).or_else(|| message("realisations".into()))}</p>
                            </div>
                            <button type="submit" class="button-primary" disabled=move || request.pending().get()>
                                {move || if request.pending().get() { t("Mengajukan…", "Requesting…") } else { t("Ajukan koreksi", "Request correction") }}
                            </button>
                        </ActionForm>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}
