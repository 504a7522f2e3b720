//! `/rincian-tpp/:official_id/:year/:month`: "Mengapa TPP Rp X?" — the month as the run stored
//! it, its corrections, and the engine's explanation step by step. For the admin and the official
//! themself.
use crate::api::corrections::{kind_label, status_label};
use crate::api::why::{explain_tpp, TppWhy};
use crate::components::feedback::{LoadError, Loading};
use crate::domain::explanation::{number_id, Topic};
use crate::format::{datetime_wib, month_name, rupiah};
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
        <Title text="Rincian TPP"/>
        <Suspense fallback=Loading>
            {move || why.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(w) => view! { <Why why=w/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Why(why: TppWhy) -> impl IntoView {
    let w = why;
    let period = format!("{} {}", month_name(w.month), w.year);
    let shown = w.stored.as_ref().map(|s| s.gross).or(w.computed_gross);
    let heading = match shown {
        Some(g) => format!("Mengapa TPP {} bulan {period} {}?", w.official_name, rupiah(g)),
        None => format!("TPP {} bulan {period}", w.official_name),
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
            <dt>"Jabatan"</dt><dd>{w.position_title.clone()}</dd>
            <dt>"Perangkat daerah"</dt><dd>{w.opd_name.clone()}</dd>
        </dl>
        <section class="card" aria-labelledby="judul-tersimpan">
            <h2 id="judul-tersimpan">"Hasil perhitungan yang tersimpan"</h2>
            {match w.stored.clone() {
                None => view! { <p class="empty">"Perhitungan TPP triwulan ini belum dijalankan untuk bulan ini."</p> }.into_any(),
                Some(s) => {
                    let discipline_pct = Decimal::ONE_HUNDRED - s.discipline_cut_percent.parse::<Decimal>().unwrap_or_default();
                    let factor = s.productivity_factor.parse::<Decimal>().unwrap_or_default();
                    view! {
                        <dl class="summary-list">
                            <dt>"Pagu TPP bulanan"</dt><dd>{rupiah(s.ceiling)}</dd>
                            <dt>"Komponen disiplin"</dt><dd>{format!("{} (kehadiran {}%)", rupiah(s.discipline), number_id(discipline_pct))}</dd>
                            <dt>"Komponen produktivitas"</dt><dd>{format!("{} (faktor {}%)", rupiah(s.productivity), number_id(factor))}</dd>
                            <dt>"Potongan hukuman disiplin"</dt><dd>{rupiah(s.sanction_cut)}</dd>
                            <dt>"TPP bruto"</dt><dd><strong>{rupiah(s.gross)}</strong></dd>
                            <dt>"Kebijakan TPP"</dt><dd>{s.policy_version.map_or("bawaan".to_string(), |v| format!("versi {v}"))}</dd>
                            <dt>"Dihitung"</dt><dd>{s.computed_at.map(datetime_wib).unwrap_or_default()}</dd>
                            <dt>"Status triwulan"</dt><dd>{if s.locked { "dikunci" } else { "belum dikunci" }}</dd>
                        </dl>
                    }.into_any()
                }
            }}
            {(!w.corrections.is_empty()).then(|| view! {
                <table>
                    <caption>"Koreksi setelah dikunci"</caption>
                    <thead><tr><th scope="col">"Status"</th><th scope="col" class="num">"Sudah dibayar"</th><th scope="col" class="num">"Seharusnya"</th><th scope="col">"Jenis"</th></tr></thead>
                    <tbody>
                        {w.corrections.iter().map(|(l, status)| view! {
                            <tr>
                                <th scope="row">{status_label(status)}</th>
                                <td class="num">{rupiah(l.before)}</td>
                                <td class="num">{rupiah(l.after)}</td>
                                <td>{format!("{} {}", kind_label(&l.kind), rupiah(l.difference.abs()))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {differs.then(|| view! {
                <p class="alert alert-info" role="status">{format!(
                    "Data triwulan ini berubah sejak perhitungan terakhir: dengan data sekarang TPP bulan ini {}. Jalankan ulang perhitungan (sebelum dikunci) agar hasil tersimpan ikut berubah.",
                    w.computed_gross.map(rupiah).unwrap_or_default()
                )}</p>
            })}
        </section>
        <section class="card" aria-labelledby="judul-langkah">
            <h2 id="judul-langkah">"Langkah perhitungan"</h2>
            <p><a href=sheet_href>"Lihat lembar realisasi triwulan"</a></p>
            {match w.explanation.clone() {
                None => view! { <p class="empty">{w.pending_note.clone().unwrap_or_else(|| "Penjelasan belum tersedia.".to_string())}</p> }.into_any(),
                Some(e) => {
                    let month = w.month;
                    view! {
                        <p>{e.heading}</p>
                        <ol class="plain">
                            {e.steps.into_iter().map(|s| {
                                let current = s.topic == Topic::Month(month);
                                view! {
                                    <li class:step-current=current aria-current=current.then_some("step")>
                                        <h3>{s.title}</h3>
                                        <ul>{s.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
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
