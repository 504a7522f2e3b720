//! `/rincian-tpp/:official_id/:year/:month`: "Mengapa TPP Rp X?" — the month as the run stored
//! it, its corrections, and the engine's explanation step by step. For the admin and the official
//! themself.
use crate::api::corrections::{kind_label, status_label};
use crate::api::why::{explain_tpp, TppWhy};
use crate::components::feedback::{LoadError, Loading};
use crate::domain::explanation::{number_id, Topic};
use crate::format::{datetime_wib, rupiah};
use crate::i18n::{is_en, lang, message, month_name_in, t};
use crate::pages::officials::nip_spaced;
use crate::pages::realisation::REALISATIONS_PATH;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use rust_decimal::Decimal;

#[component]
pub fn WhyPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("official_id").unwrap_or_default(),
            p.get("year").and_then(|y| y.parse::<i32>().ok()).unwrap_or(0),
            p.get("month").and_then(|m| m.parse::<u32>().ok()).unwrap_or(0),
        )
    };
    let why = Resource::new(key, |(id, y, m)| explain_tpp(id, y, m));
    view! {
        <Title text=t("Rincian TPP", "TPP breakdown")/>
        <Suspense fallback=Loading>
            {move || why.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(w) => view! { <Why why=w/> }.into_any(),
            })}
        </Suspense>
    }
}

/// A correction's status in the page's language.
fn correction_status(status: &str) -> &'static str {
    match status {
        "pending" => t(status_label(status), "Awaiting approval"),
        "approved" => t(status_label(status), "Approved"),
        "rejected" => t(status_label(status), "Rejected"),
        _ => status_label(status),
    }
}

/// A correction's kind (underpaid, overpaid, nil) in the page's language.
fn correction_kind(kind: &str) -> &'static str {
    match kind {
        "kurang_bayar" => t(kind_label(kind), "Underpaid"),
        "lebih_bayar" => t(kind_label(kind), "Overpaid"),
        _ => t(kind_label(kind), "Nil"),
    }
}

#[component]
fn Why(why: TppWhy) -> impl IntoView {
    let w = why;
    let period = format!("{} {}", month_name_in(lang(), w.month), w.year);
    let shown = w.stored.as_ref().map(|s| s.gross).or(w.computed_gross);
    let heading = match (shown, is_en()) {
        (Some(g), false) => format!("Mengapa TPP {} bulan {period} {}?", w.official_name, rupiah(g)),
        (None, false) => format!("TPP {} bulan {period}", w.official_name),
        (Some(g), true) => format!("Why is {}'s TPP for {period} {}?", w.official_name, rupiah(g)),
        (None, true) => format!("{}'s TPP for {period}", w.official_name),
    };
    let approved: i64 =
        w.corrections.iter().filter(|(_, s)| s == "approved").map(|(l, _)| l.difference).sum();
    // Values changed after the run, before the lock: the next run will store the new amount.
    let differs = match (&w.stored, w.computed_gross) {
        (Some(s), Some(c)) => s.gross + approved != c,
        _ => false,
    };
    let sheet_href = format!("{REALISATIONS_PATH}/{}/{}", w.pact_id, w.quarter);
    view! {
        <h1>{heading}</h1>
        <dl class="summary-list">
            <dt>"NIP"</dt><dd>{nip_spaced(&w.nip)}</dd>
            <dt>{t("Jabatan", "Position")}</dt><dd>{w.position_title.clone()}</dd>
            <dt>{t("Perangkat daerah", "Agency")}</dt><dd>{w.opd_name.clone()}</dd>
        </dl>
        <section class="card" aria-labelledby="judul-tersimpan">
            <h2 id="judul-tersimpan">{t("Hasil perhitungan yang tersimpan", "Stored calculation result")}</h2>
            {match w.stored.clone() {
                None => view! { <p class="empty">{t("Perhitungan TPP triwulan ini belum dijalankan untuk bulan ini.", "This quarter's TPP calculation has not been run for this month yet.")}</p> }.into_any(),
                Some(s) => {
                    let discipline_pct = Decimal::ONE_HUNDRED - s.discipline_cut_percent.parse::<Decimal>().unwrap_or_default();
                    let factor = s.productivity_factor.parse::<Decimal>().unwrap_or_default();
                    let discipline = format!("{} ({} {}%)", rupiah(s.discipline), t("kehadiran", "attendance"), number_id(discipline_pct));
                    let productivity = format!("{} ({} {}%)", rupiah(s.productivity), t("faktor", "factor"), number_id(factor));
                    let policy = s.policy_version.map_or(t("bawaan", "default").to_string(), |v| format!("{} {v}", t("versi", "version")));
                    view! {
                        <dl class="summary-list">
                            <dt>{t("Pagu TPP bulanan", "Monthly TPP ceiling")}</dt><dd>{rupiah(s.ceiling)}</dd>
                            <dt>{t("Komponen disiplin", "Discipline component")}</dt><dd>{discipline}</dd>
                            <dt>{t("Komponen produktivitas", "Productivity component")}</dt><dd>{productivity}</dd>
                            <dt>{t("Potongan hukuman disiplin", "Disciplinary sanction deduction")}</dt><dd>{rupiah(s.sanction_cut)}</dd>
                            <dt>{t("TPP bruto", "Gross TPP")}</dt><dd><strong>{rupiah(s.gross)}</strong></dd>
                            <dt>{t("Kebijakan TPP", "TPP policy")}</dt><dd>{policy}</dd>
                            <dt>{t("Dihitung", "Calculated")}</dt><dd>{s.computed_at.map(datetime_wib).unwrap_or_default()}</dd>
                            <dt>{t("Status triwulan", "Quarter status")}</dt><dd>{if s.locked { t("dikunci", "locked") } else { t("belum dikunci", "not locked") }}</dd>
                        </dl>
                    }.into_any()
                }
            }}
            {(!w.corrections.is_empty()).then(|| view! {
                <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-koreksi">
                <table>
                    <caption id="tabel-koreksi">{t("Koreksi setelah dikunci", "Corrections after the lock")}</caption>
                    <thead><tr>
                        <th scope="col">"Status"</th>
                        <th scope="col" class="num">{t("Sudah dibayar", "Paid")}</th>
                        <th scope="col" class="num">{t("Seharusnya", "Should be")}</th>
                        <th scope="col">{t("Jenis", "Type")}</th>
                    </tr></thead>
                    <tbody>
                        {w.corrections.iter().map(|(l, status)| view! {
                            <tr>
                                <th scope="row">{correction_status(status)}</th>
                                <td class="num">{rupiah(l.before)}</td>
                                <td class="num">{rupiah(l.after)}</td>
                                <td>{format!("{} {}", correction_kind(&l.kind), rupiah(l.difference.abs()))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            })}
            {differs.then(|| {
                let now = w.computed_gross.map(rupiah).unwrap_or_default();
                let notice = if is_en() {
                    format!("This quarter's data has changed since the last calculation: with the current data this month's TPP is {now}. Run the calculation again (before the lock) to update the stored result.")
                } else {
                    format!("Data triwulan ini berubah sejak perhitungan terakhir: dengan data sekarang TPP bulan ini {now}. Jalankan ulang perhitungan (sebelum dikunci) agar hasil tersimpan ikut berubah.")
                };
                view! { <p class="alert alert-info" role="status">{notice}</p> }
            })}
        </section>
        <section class="card" aria-labelledby="judul-langkah">
            <h2 id="judul-langkah">{t("Langkah perhitungan", "Calculation steps")}</h2>
            <p><a href=sheet_href>{t("Lihat lembar realisasi triwulan", "View the quarter's realisation sheet")}</a></p>
            {match w.explanation.clone() {
                None => {
                    let note = match &w.pending_note {
                        Some(n) => message(n),
                        None => t("Penjelasan belum tersedia.", "No explanation yet.").to_string(),
                    };
                    view! { <p class="empty">{note}</p> }.into_any()
                }
                Some(e) => {
                    let month = w.month;
                    let lang = lang();
                    view! {
                        <p>{e.heading.in_lang(lang).to_string()}</p>
                        <ol class="plain">
                            {e.steps.into_iter().map(|s| {
                                let current = s.topic == Topic::Month(month);
                                view! {
                                    <li class:step-current=current aria-current=current.then_some("step")>
                                        <h3>{s.title.in_lang(lang).to_string()}</h3>
                                        <ul>{s.lines.into_iter().map(|l| view! { <li>{l.in_lang(lang).to_string()}</li> }).collect_view()}</ul>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
        </section>
    }
}
