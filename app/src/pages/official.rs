//! `/saya`: an official's own record, made for a phone: the signing inbox, the pact of the year
//! with its actions, the quarters (targets, realisations, capaian, nilai, predikat), the TPP per
//! month with its "why", a link to the team inbox for a superior, and the profile.
use crate::api::my_record::{my_quarters, MonthPay, MyYear, OwnPact, QuarterResult};
use crate::api::overview::get_my_profile;
use crate::api::pacts::{my_pacts, MyPact};
use crate::components::feedback::{LoadError, Loading};
use crate::domain::explanation::number_id;
use crate::domain::pact::PactStatus;
use crate::domain::predikat::Predikat;
use crate::domain::rating::Rating;
use crate::format::{date_id, rupiah};
use crate::pages::pact::StatusBadge;
use crate::pages::realisation::WHY_PATH;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const HOME_PATH: &str = "/saya";
pub const TEAM_PATH: &str = "/saya/tim";

pub use crate::format::{month_name, quarter_roman as roman};

/// "104,6", or "—".
pub fn score_text(score: Option<rust_decimal::Decimal>) -> String {
    score.map_or_else(|| "—".to_string(), number_id)
}

pub fn predikat_text(predikat: Option<Predikat>) -> &'static str {
    predikat.map_or("—", Predikat::label_id)
}

fn rating_text(rating: Option<Rating>) -> &'static str {
    rating.map_or("—", Rating::label_id)
}

/// `/saya`: an official's own record.
#[component]
pub fn OfficialHome() -> impl IntoView {
    let query = use_query_map();
    let year = move || query.read().get("tahun").and_then(|y| y.parse::<i32>().ok()).unwrap_or(0);
    let profile = Resource::new(|| (), |_| get_my_profile());
    let pacts = Resource::new(|| (), |_| my_pacts());
    let record = Resource::new(year, my_quarters);
    view! {
        <Title text="Beranda Saya"/>
        <Suspense fallback=Loading>
            {move || profile.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(p) => view! {
                    <h1>{p.name.clone()}</h1>
                    <p class="lead">{format!("{} · {}", p.position_title, p.opd_name)}</p>
                    {(p.direct_reports > 0).then(|| view! {
                        <p class="quick-links">
                            <a class="button-secondary" href=TEAM_PATH>
                                {format!("Tim saya ({} bawahan langsung): tanda tangan, rating, nilai", p.direct_reports)}
                            </a>
                        </p>
                    })}
                }.into_any(),
            })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || pacts.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(list) => view! { <MyPacts list/> }.into_any(),
            })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || record.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(y) => view! { <YearRecord record=y/> }.into_any(),
            })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || profile.get().map(|r| match r {
                Err(_) => ().into_any(),
                Ok(p) => view! {
                    <section class="card" aria-labelledby="judul-data-jabatan">
                        <h2 id="judul-data-jabatan">"Data jabatan"</h2>
                        <dl class="facts">
                            <dt>"NIP"</dt><dd>{p.nip.clone().unwrap_or_else(|| "—".into())}</dd>
                            <dt>"Pangkat/golongan"</dt><dd>{format!("{} ({})", p.rank.clone().unwrap_or_default(), p.grade.clone().unwrap_or_default())}</dd>
                            <dt>"Jabatan"</dt><dd>{p.position_title.clone()}</dd>
                            <dt>"Jenis jabatan"</dt><dd>{p.position_kind.clone()}</dd>
                            <dt>"Kelas jabatan"</dt><dd>{p.job_class}</dd>
                            <dt>"Perangkat daerah"</dt><dd>{p.opd_name.clone()}</dd>
                            <dt>"Atasan langsung"</dt><dd>{p.supervisor.clone().unwrap_or_else(|| "—".into())}</dd>
                            <dt>"TMT jabatan"</dt><dd>{date_id(p.position_start)}</dd>
                            <dt>"Pagu TPP bulanan"</dt><dd>{rupiah(p.monthly_ceiling)}</dd>
                            <dt>"Bawahan langsung"</dt><dd>{p.direct_reports}</dd>
                        </dl>
                    </section>
                }.into_any(),
            })}
        </Suspense>
    }
}

/// The official's own pacts and, for a superior, their direct reports' (signing inbox first).
#[component]
fn MyPacts(list: Vec<MyPact>) -> impl IntoView {
    let (own, team): (Vec<MyPact>, Vec<MyPact>) = list.into_iter().partition(|p| p.my_party == "first");
    let waiting = own.iter().chain(team.iter()).filter(|p| p.awaiting_me).count();
    let row = |p: MyPact| {
        let label = if p.my_party == "first" {
            format!("Pakta {} (versi {})", p.year, p.version_no)
        } else {
            format!("{} — {}, pakta {}", p.official_name, p.position_title, p.year)
        };
        view! {
            <li>
                <a href=format!("/pakta/{}", p.pact_id)>{label}</a>" "
                <StatusBadge status=p.status.clone()/>
                {p.awaiting_me.then(|| view! { " "<strong class="badge badge-action">"Menunggu tanda tangan Anda"</strong> })}
            </li>
        }
    };
    view! {
        {(waiting > 0).then(|| view! {
            <div class="alert alert-info" role="status">
                {format!("{waiting} pakta menunggu tanda tangan Anda.")}
            </div>
        })}
        <section class="card" aria-labelledby="judul-pakta-saya">
            <h2 id="judul-pakta-saya">"Pakta saya"</h2>
            {if own.is_empty() {
                view! { <p class="empty">"Belum ada pakta untuk Anda. BKPSDM akan menyiapkannya."</p> }.into_any()
            } else {
                view! { <ul class="pact-list">{own.into_iter().map(row).collect_view()}</ul> }.into_any()
            }}
        </section>
        {(!team.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="judul-pakta-tim">
                <h2 id="judul-pakta-tim">"Pakta bawahan langsung"</h2>
                <ul class="pact-list">{team.into_iter().map(row).collect_view()}</ul>
            </section>
        })}
    }
}

/// The year: the pact and its actions, the quarters, the months' TPP.
#[component]
fn YearRecord(record: MyYear) -> impl IntoView {
    let year = record.year;
    let year_href = |y: i32| format!("{HOME_PATH}?tahun={y}");
    let why_base = format!("{WHY_PATH}/{}/{year}", record.official_id);
    let current = record.current_quarter;
    view! {
        <section class="card my-year" aria-labelledby="judul-kinerja">
            <div class="page-head">
                <h2 id="judul-kinerja">{format!("Kinerja {year}")}</h2>
                <nav class="year-nav" aria-label="Tahun lain">
                    <a href=year_href(year - 1)>{format!("‹ {}", year - 1)}</a>
                    <a href=year_href(year + 1)>{format!("{} ›", year + 1)}</a>
                </nav>
            </div>
            {match record.pact {
                None => view! {
                    <p class="empty">{format!("Belum ada pakta {year} untuk Anda. BKPSDM akan menyiapkannya.")}</p>
                }.into_any(),
                Some(p) => view! {
                    <PactActions pact=p year/>
                    <QuarterSummary quarters=record.quarters.clone()/>
                    {record.quarters.into_iter().map(|q| {
                        let open = q.quarter == current;
                        view! { <QuarterDetail quarter=q year open/> }
                    }).collect_view()}
                    <MonthTable months=record.months year why_base/>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn PactActions(pact: OwnPact, year: i32) -> impl IntoView {
    let href = format!("/pakta/{}", pact.pact_id);
    let draft = pact.status == PactStatus::Draft.as_str();
    let pdf_href = format!("/pakta/{}/pdf", pact.pact_id);
    view! {
        <p>
            {format!("Pakta {year}, versi {}: ", pact.version_no)}
            <StatusBadge status=pact.status.clone()/>
        </p>
        {pact.awaiting_me.then(|| view! {
            <p class="alert alert-info">"Pakta ini menunggu tanda tangan Anda sebagai pihak pertama."</p>
        })}
        <p class="actions">
            {pact.awaiting_me.then(|| view! { <a class="button-primary" href=href.clone()>"Tanda tangani pakta"</a> })}
            <a class="button-secondary" href=href.clone()>"Lihat pakta"</a>
            {(!draft).then(|| view! { <a class="button-secondary" href=pdf_href download>"Unduh PDF"</a> })}
        </p>
    }
}

/// Nilai and predikat of each quarter so far.
#[component]
fn QuarterSummary(quarters: Vec<QuarterResult>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="compact">
                <caption>"Nilai dan predikat per triwulan"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Triwulan"</th>
                        <th scope="col" class="num">"Nilai capaian"</th>
                        <th scope="col">"Predikat"</th>
                    </tr>
                </thead>
                <tbody>
                    {quarters.into_iter().map(|q| view! {
                        <tr>
                            <th scope="row">{format!("TW {}", roman(q.quarter))}</th>
                            <td class="num">{score_text(q.score)}</td>
                            <td>{match q.predikat {
                                Some(p) => view! { <strong>{p.label_id()}</strong> }.into_any(),
                                None => view! { <span class="muted">{q.note.clone().unwrap_or_else(|| "—".into())}</span> }.into_any(),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One quarter's indicators: target, realisation, capaian. Works without JavaScript (`details`).
#[component]
fn QuarterDetail(quarter: QuarterResult, year: i32, open: bool) -> impl IntoView {
    let q = quarter;
    let headline = match (q.score, q.predikat) {
        (Some(s), Some(p)) => {
            format!("TW {} {year} — nilai {} · {}", roman(q.quarter), number_id(s), p.label_id())
        }
        (Some(s), None) => format!("TW {} {year} — nilai {}", roman(q.quarter), number_id(s)),
        _ => format!("TW {} {year}", roman(q.quarter)),
    };
    let signed = q.version_no.is_some();
    view! {
        <details class="quarter-detail" open=open>
            <summary>{headline}</summary>
            {signed.then(|| view! {
                <div class="table-wrap">
                    <table class="compact">
                        <caption>{format!("Target dan realisasi TW {} (pakta versi {})", roman(q.quarter), q.version_no.unwrap_or_default())}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Indikator"</th>
                                <th scope="col" class="num">"Target"</th>
                                <th scope="col" class="num">"Realisasi"</th>
                                <th scope="col" class="num">"Capaian"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {q.indicators.iter().map(|i| {
                                let assessed = i.target.is_some();
                                view! {
                                    <tr>
                                        <th scope="row">{i.name.clone()}<span class="muted">{format!(" ({})", i.unit)}</span></th>
                                        <td class="num">{i.target.clone().unwrap_or_else(|| "tidak dinilai".into())}</td>
                                        <td class="num">{if i.realisation.is_empty() && assessed { "belum diisi".to_string() } else if i.realisation.is_empty() { "—".to_string() } else { i.realisation.clone() }}</td>
                                        <td class="num">{i.achievement.map_or_else(|| "—".to_string(), |a| format!("{}%", number_id(a)))}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <dl class="facts">
                    <dt>"Nilai capaian"</dt><dd>{score_text(q.score)}</dd>
                    <dt>"Rating hasil kerja"</dt><dd>{rating_text(q.work_rating)}</dd>
                    <dt>"Rating perilaku kerja"</dt><dd>{rating_text(q.behaviour)}</dd>
                    <dt>"Predikat kinerja"</dt><dd>{predikat_text(q.predikat)}</dd>
                    <dt>"Status"</dt><dd>{if q.locked { "dikunci" } else { "terbuka" }}</dd>
                </dl>
            })}
            {q.note.clone().map(|n| view! { <p class="muted">{n}</p> })}
        </details>
    }
}

/// TPP bruto per month: stored by the quarter's run, or estimated from the sheet until then.
#[component]
fn MonthTable(months: Vec<MonthPay>, year: i32, why_base: String) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="compact">
                <caption>{format!("TPP bruto per bulan, {year}")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Bulan"</th>
                        <th scope="col" class="num">"TPP"</th>
                        <th scope="col">"Sumber"</th>
                        <th scope="col"><span class="visually-hidden">"Rincian"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {months.into_iter().map(|m| {
                        let name = month_name(m.month);
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td class="num">{m.gross.map_or_else(|| "—".to_string(), rupiah)}</td>
                                <td>{m.source.map_or("—", |s| s.label_id())}</td>
                                <td>{m.explained.then(|| view! {
                                    <a href=format!("{why_base}/{}", m.month) aria-label=format!("Mengapa TPP {name} {year}?")>"Mengapa?"</a>
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="field-hint">
            "Tersimpan: hasil perhitungan TPP yang dijalankan BKPSDM. Perkiraan: dihitung dari realisasi dan rating saat ini, dapat berubah sampai triwulan dikunci."
        </p>
    }
}
