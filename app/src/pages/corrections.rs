//! `/admin/koreksi` (`?tahun=&status=`): the corrections after the lock, the kurang/lebih bayar
//! ledger, with approve/refuse for pending corrections another admin asked for.
//! `/admin/koreksi/:pact_id/:quarter`: asking for a correction of a locked quarter.
use crate::api::corrections::{
    kind_label, list_corrections, status_label, Correction, DecideCorrection, RequestCorrection,
};
use crate::api::evaluations::get_sheet;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::domain::explanation::number_id;
use crate::domain::rating::Rating;
use crate::format::{month_name, quarter_roman as roman, rupiah};
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

#[component]
pub fn CorrectionsPage() -> impl IntoView {
    let query = use_query_map();
    let year = move || query.read().get("tahun").and_then(|y| y.parse::<i32>().ok()).unwrap_or(2026);
    let status = move || query.read().get("status").unwrap_or_default();
    let decide = ServerAction::<DecideCorrection>::new();
    let list =
        Resource::new(move || (year(), status(), decide.version().get()), |(y, s, _)| list_corrections(y, s));
    let decide_error = Signal::derive(move || decide.value().get().and_then(|r| r.err()));
    view! {
        <Title text="Buku koreksi TPP"/>
        <h1>"Koreksi setelah dikunci"</h1>
        <p>"Hasil triwulan yang sudah dikunci tidak pernah diubah. Koreksi dicatat di sini sebagai kurang bayar atau lebih bayar per bulan, dan berlaku setelah disetujui admin lain."</p>
        <form method="get" action=CORRECTIONS_PATH class="card filters">
            <div class="field">
                <label for="tahun">"Tahun"</label>
                <input id="tahun" name="tahun" type="number" min="2020" max="2100" prop:value=move || year().to_string()/>
            </div>
            <div class="field">
                <label for="status">"Status"</label>
                <select id="status" name="status">
                    {[("", "Semua"), ("pending", "Menunggu persetujuan"), ("approved", "Disetujui"), ("rejected", "Ditolak")]
                        .into_iter()
                        .map(|(v, l)| view! { <option value=v selected=move || status() == v>{l}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="filter-actions"><button type="submit" class="button-secondary">"Tampilkan"</button></div>
        </form>
        <ErrorBanner error=decide_error/>
        {move || decide.value().get().and_then(|r| r.ok()).map(|c| view! {
            <div class="alert alert-info" role="status">
                {format!("Koreksi {} TW {} {}: {}.", c.official_name, roman(c.quarter), c.year, status_label(&c.status).to_lowercase())}
            </div>
        })}
        <Suspense fallback=Loading>
            {move || list.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(list) if list.is_empty() => view! {
                    <p class="empty">"Belum ada koreksi untuk pilihan ini. Koreksi diajukan dari lembar realisasi triwulan yang sudah dikunci."</p>
                }.into_any(),
                Ok(list) => {
                    let approved = list.iter().filter(|c| c.status == "approved");
                    let (under, over) = approved.flat_map(|c| c.lines.iter()).fold((0i64, 0i64), |(u, o), l| {
                        if l.difference > 0 { (u + l.difference, o) } else { (u, o - l.difference) }
                    });
                    view! {
                        <dl class="summary-list">
                            <dt>"Kurang bayar disetujui"</dt><dd>{rupiah(under)}</dd>
                            <dt>"Lebih bayar disetujui"</dt><dd>{rupiah(over)}</dd>
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
    let sheet_href = format!("{REALISATIONS_PATH}/{}/{}", c.pact_id, c.quarter);
    let decided = c.decided_by.clone().map(|by| {
        let at = c.decided_at.map(crate::format::datetime_wib).unwrap_or_default();
        format!("{} oleh {by}, {at}", status_label(&c.status))
    });
    let waiting_other = c.status == "pending" && !c.may_decide;
    let official_id = c.official_id;
    let year = c.year;
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("{} — TW {} {} (revisi {})", c.official_name, roman(c.quarter), c.year, c.revision)}</h2>
            <dl class="summary-list">
                <dt>"NIP"</dt><dd>{nip_spaced(&c.nip)}</dd>
                <dt>"Perangkat daerah"</dt><dd>{c.opd_name.clone()}</dd>
                <dt>"Alasan"</dt><dd>{c.reason.clone()}</dd>
                <dt>"Diajukan"</dt><dd>{format!("oleh {}, {}", c.requested_by, crate::format::datetime_wib(c.requested_at))}</dd>
                <dt>"Status"</dt><dd><strong>{decided.unwrap_or_else(|| status_label(&c.status).to_string())}</strong></dd>
            </dl>
            <div class="table-wrap">
                <table>
                    <caption>"Selisih per bulan"</caption>
                    <thead><tr>
                        <th scope="col">"Bulan"</th><th scope="col" class="num">"Sudah dibayar"</th>
                        <th scope="col" class="num">"Seharusnya"</th><th scope="col" class="num">"Selisih"</th><th scope="col">"Jenis"</th>
                    </tr></thead>
                    <tbody>
                        {c.lines.iter().map(|l| {
                            let (plus, minus) = (l.difference > 0, l.difference < 0);
                            view! {
                            <tr>
                                <th scope="row"><a href=format!("{WHY_PATH}/{official_id}/{year}/{}", l.month)>{month_name(l.month)}</a></th>
                                <td class="num">{rupiah(l.before)}</td>
                                <td class="num">{rupiah(l.after)}</td>
                                <td class="num" class:amount-plus=plus class:amount-minus=minus>{signed_rupiah(l.difference)}</td>
                                <td>{kind_label(&l.kind)}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                    <tfoot><tr><th scope="row" colspan="3">"Jumlah"</th><td class="num">{signed_rupiah(c.total_difference)}</td><td></td></tr></tfoot>
                </table>
            </div>
            <p><a href=sheet_href>"Lembar realisasi"</a></p>
            {waiting_other.then(|| view! { <p class="muted">"Menunggu keputusan admin lain (pengaju tidak dapat menyetujui koreksinya sendiri)."</p> })}
            {c.may_decide.then(|| {
                let id = c.evaluation_id.to_string();
                let id2 = id.clone();
                view! {
                    <div class="actions">
                        <ActionForm action=decide attr:class="inline-form">
                            <input type="hidden" name="evaluation_id" value=id2/>
                            <input type="hidden" name="decision" value="setujui"/>
                            <button type="submit" class="button-primary" disabled=move || decide.pending().get()>"Setujui koreksi"</button>
                        </ActionForm>
                        <ActionForm action=decide attr:class="inline-form">
                            <input type="hidden" name="evaluation_id" value=id/>
                            <input type="hidden" name="decision" value="tolak"/>
                            <button type="submit" class="button-danger" disabled=move || decide.pending().get()>"Tolak"</button>
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
    let request = ServerAction::<RequestCorrection>::new();
    let error = Signal::derive(move || request.value().get().and_then(|r| r.err()));
    let message = move |field: String| error.get().and_then(|e| e.field_message(&field));
    view! {
        <Title text="Ajukan koreksi"/>
        <p><a href=CORRECTIONS_PATH>"‹ Buku koreksi"</a></p>
        <Suspense fallback=Loading>
            {move || sheet.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(s) if !s.locked => view! {
                    <h1>"Ajukan koreksi"</h1>
                    <p class="alert alert-info">{format!("TW {} {} belum dikunci: ubah realisasinya langsung di ", roman(s.quarter), s.year)}<a href=format!("{REALISATIONS_PATH}/{}/{}", s.pact_id, s.quarter)>"lembar realisasi"</a>"."</p>
                }.into_any(),
                Ok(s) => {
                    let sent = move || request.value().get().and_then(|r| r.ok());
                    view! {
                        <h1>{format!("Koreksi TW {} {} — {}", roman(s.quarter), s.year, s.official.name)}</h1>
                        <p>"Isi nilai yang benar untuk setiap indikator dan alasannya. Selisih TPP per bulan dihitung oleh sistem dan baru berlaku setelah disetujui admin lain; hasil yang terkunci tetap tersimpan."</p>
                        {move || sent().map(|c| view! {
                            <div class="alert alert-info" role="status">
                                {format!("Koreksi diajukan: selisih {} untuk triwulan ini. Menunggu persetujuan admin lain. ", signed_rupiah(c.total_difference))}
                                <a href=CORRECTIONS_PATH>"Buka buku koreksi"</a>
                            </div>
                        })}
                        {s.correction_pending.then(|| view! { <p class="alert alert-info">"Sudah ada koreksi triwulan ini yang menunggu persetujuan."</p> })}
                        <ErrorBanner error/>
                        <ActionForm action=request attr:class="card" attr:novalidate=true>
                            <input type="hidden" name="pact_id" value=s.pact_id.to_string()/>
                            <input type="hidden" name="quarter" value=s.quarter.to_string()/>
                            {s.indicators.iter().zip(s.rows.iter()).enumerate().map(|(i, (ind, row))| {
                                let field = format!("realisations[{i}].value");
                                let err_id = format!("{field}-error");
                                let msg = field.clone();
                                let target = ind.target.map_or_else(|| "tidak dinilai TW ini".to_string(), |t| t.display_id());
                                view! {
                                    <div class="field">
                                        <input type="hidden" name=format!("realisations[{i}][indicator_id]") value=ind.indicator_id.to_string()/>
                                        <label for=field.clone()>{format!("{}. {} (target {} {}, bobot {}%)", i + 1, ind.name, target, ind.unit, number_id(ind.weight))}</label>
                                        <input id=field.clone() name=format!("realisations[{i}][value]") type="text" inputmode="decimal"
                                            value=row.value.clone() aria-describedby=err_id.clone()/>
                                        <p id=err_id class="field-error" aria-live="polite">{move || message(msg.clone())}</p>
                                    </div>
                                }
                            }).collect_view()}
                            <div class="field">
                                <label for="behaviour">"Rating perilaku kerja"</label>
                                <select id="behaviour" name="behaviour" aria-describedby="behaviour-error">
                                    {Rating::ALL.iter().map(|r| {
                                        let selected = s.behaviour.rating.as_deref() == Some(r.as_str());
                                        view! { <option value=r.as_str() selected=selected>{r.label_id()}</option> }
                                    }).collect_view()}
                                </select>
                                <p id="behaviour-error" class="field-error" aria-live="polite">{move || message("behaviour".into())}</p>
                            </div>
                            <div class="field">
                                <label for="reason">"Alasan koreksi"</label>
                                <textarea id="reason" name="reason" rows="3" required aria-describedby="reason-hint reason-error"></textarea>
                                <p id="reason-hint" class="field-hint">"Misalnya: berita acara verifikasi Inspektorat No. 700/12/2026 mengoreksi realisasi indikator 2."</p>
                                <p id="reason-error" class="field-error" aria-live="polite">{move || message("reason".into()).or_else(|| message("realisations".into()))}</p>
                            </div>
                            <button type="submit" class="button-primary" disabled=move || request.pending().get()>
                                {move || if request.pending().get() { "Mengajukan…" } else { "Ajukan koreksi" }}
                            </button>
                        </ActionForm>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}
