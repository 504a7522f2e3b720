//! `/saya`: an official's own record, made for a phone: the signing inbox, the pact of the year
//! with its actions, the quarters (targets, realisations, capaian, nilai, predikat), the TPP per
//! month with its "why", a link to the team inbox for a superior, and the profile.
use crate::api::my_record::{my_quarters, MonthPay, MyYear, OwnPact, PaySource, QuarterResult};
use crate::api::overview::get_my_profile;
use crate::api::pacts::{my_pacts, MyPact};
use crate::components::feedback::{LoadError, Loading};
use crate::domain::explanation::number_id;
use crate::domain::organisation::PositionKind;
use crate::domain::pact::PactStatus;
use crate::domain::predikat::Predikat;
use crate::domain::rating::Rating;
use crate::format::rupiah;
use crate::i18n::{is_en, lang, month_name_in, t};
use crate::pages::pact::StatusBadge;
use crate::pages::realisation::WHY_PATH;
use chrono::Datelike;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const HOME_PATH: &str = "/saya";
pub const TEAM_PATH: &str = "/saya/tim";

pub use crate::format::{month_name, quarter_roman as roman};

/// "104,6", or "—".
/// A score as shown: two decimals ("98,19"), never rounded up to the whole number beside which a
/// threshold may sit ("89,99", not "90"); the stored score stays exact.
pub fn score_text(score: Option<rust_decimal::Decimal>) -> String {
    score.map_or_else(|| "—".to_string(), |s| number_id(crate::domain::rounding::round_shown(s, 2)))
}

pub fn predikat_text(predikat: Option<Predikat>) -> &'static str {
    predikat.map_or("—", |p| p.label_in(lang()))
}

fn rating_text(rating: Option<Rating>) -> &'static str {
    rating.map_or("—", |r| r.label_in(lang()))
}

/// A quarter as the page's language names it: "TW II" / "Q2".
pub fn quarter_text(quarter: u32) -> String {
    crate::i18n::quarter(quarter)
}

/// A month's source ("tersimpan", "perkiraan") in the page's language.
fn source_text(source: PaySource) -> &'static str {
    let en = match source {
        PaySource::Stored => "stored",
        PaySource::Estimate => "estimate",
    };
    lang().pick(source.label_id(), en)
}

/// The profile's jenis jabatan arrives as its Indonesian label; shown in the page's language.
fn position_kind_text(label: &str) -> String {
    PositionKind::ALL
        .into_iter()
        .find(|k| k.label_id() == label)
        .map_or_else(|| label.to_string(), |k| k.label_in(lang()).to_string())
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
        <Title text=t("Beranda Saya", "My home")/>
        <Suspense fallback=Loading>
            {move || profile.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(p) => {
                    let team = if is_en() {
                        format!("My team ({} direct reports): signatures, ratings, scores", p.direct_reports)
                    } else {
                        format!("Tim saya ({} bawahan langsung): tanda tangan, rating, nilai", p.direct_reports)
                    };
                    view! {
                        <h1>{p.name.clone()}</h1>
                        <p class="lead">{format!("{} · {}", p.position_title, p.opd_name)}</p>
                        {(p.direct_reports > 0).then(|| view! {
                            <p class="quick-links">
                                <a class="button-secondary" href=TEAM_PATH>{team}</a>
                            </p>
                        })}
                    }.into_any()
                }
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
                        <h2 id="judul-data-jabatan">{t("Data jabatan", "Position details")}</h2>
                        <dl class="facts">
                            <dt>"NIP"</dt><dd>{p.nip.clone().unwrap_or_else(|| "—".into())}</dd>
                            <dt>{t("Pangkat/golongan", "Rank/grade")}</dt><dd>{format!("{} ({})", p.rank.clone().unwrap_or_default(), p.grade.clone().unwrap_or_default())}</dd>
                            <dt>{t("Jabatan", "Position")}</dt><dd>{p.position_title.clone()}</dd>
                            <dt>{t("Jenis jabatan", "Position type")}</dt><dd>{position_kind_text(&p.position_kind)}</dd>
                            <dt>{t("Kelas jabatan", "Job class")}</dt><dd>{p.job_class}</dd>
                            <dt>{t("Perangkat daerah", "Agency")}</dt><dd>{p.opd_name.clone()}</dd>
                            <dt>{t("Atasan langsung", "Direct superior")}</dt><dd>{p.supervisor.clone().unwrap_or_else(|| "—".into())}</dd>
                            <dt>{t("TMT jabatan", "In position since")}</dt><dd>{crate::i18n::date(p.position_start)}</dd>
                            <dt>{t("Pagu TPP bulanan", "Monthly TPP ceiling")}</dt><dd>{rupiah(p.monthly_ceiling)}</dd>
                            <dt>{t("Bawahan langsung", "Direct reports")}</dt><dd>{p.direct_reports}</dd>
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
        let label = match (p.my_party == "first", is_en()) {
            (true, false) => format!("Pakta {} (versi {})", p.year, p.version_no),
            (true, true) => format!("Pact {} (version {})", p.year, p.version_no),
            (false, false) => format!("{} — {}, pakta {}", p.official_name, p.position_title, p.year),
            (false, true) => format!("{} — {}, pact {}", p.official_name, p.position_title, p.year),
        };
        view! {
            <li>
                <a href=format!("/pakta/{}", p.pact_id)>{label}</a>" "
                <StatusBadge status=p.status.clone()/>
                {p.awaiting_me.then(|| view! { " "<strong class="badge badge-action">{t("Menunggu tanda tangan Anda", "Awaiting your signature")}</strong> })}
            </li>
        }
    };
    let waiting_text = match (is_en(), waiting) {
        (false, _) => format!("{waiting} pakta menunggu tanda tangan Anda."),
        (true, 1) => "1 pact is awaiting your signature.".to_string(),
        (true, _) => format!("{waiting} pacts are awaiting your signature."),
    };
    view! {
        {(waiting > 0).then(|| view! {
            <div class="alert alert-info" role="status">{waiting_text}</div>
        })}
        <section class="card" aria-labelledby="judul-pakta-saya">
            <h2 id="judul-pakta-saya">{t("Pakta saya", "My pacts")}</h2>
            {if own.is_empty() {
                view! { <p class="empty">{t("Belum ada pakta untuk Anda. BKPSDM akan menyiapkannya.", "You have no pact yet. BKPSDM will prepare it.")}</p> }.into_any()
            } else {
                view! { <ul class="pact-list">{own.into_iter().map(row).collect_view()}</ul> }.into_any()
            }}
        </section>
        {(!team.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="judul-pakta-tim">
                <h2 id="judul-pakta-tim">{t("Pakta bawahan langsung", "Direct reports' pacts")}</h2>
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
    let heading = if is_en() { format!("Performance {year}") } else { format!("Kinerja {year}") };
    let no_pact = if is_en() {
        format!("You have no pact for {year} yet. BKPSDM will prepare it.")
    } else {
        format!("Belum ada pakta {year} untuk Anda. BKPSDM akan menyiapkannya.")
    };
    view! {
        <section class="card my-year" aria-labelledby="judul-kinerja">
            <div class="page-head">
                <h2 id="judul-kinerja">{heading}</h2>
                <nav class="year-nav" aria-label=t("Tahun lain", "Other years")>
                    <a href=year_href(year - 1)>{format!("‹ {}", year - 1)}</a>
                    <a href=year_href(year + 1)>{format!("{} ›", year + 1)}</a>
                </nav>
            </div>
            {match record.pact {
                None => view! {
                    <p class="empty">{no_pact}</p>
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
    let title = if is_en() {
        format!("Pact {year}, version {}: ", pact.version_no)
    } else {
        format!("Pakta {year}, versi {}: ", pact.version_no)
    };
    view! {
        <p>
            {title}
            <StatusBadge status=pact.status.clone()/>
        </p>
        {pact.awaiting_me.then(|| view! {
            <p class="alert alert-info">{t("Pakta ini menunggu tanda tangan Anda sebagai pihak pertama.", "This pact is awaiting your signature as the first party.")}</p>
        })}
        {signing_state(&pact).map(|text| view! { <p class="alert alert-info" role="status">{text}</p> })}
        <p class="actions">
            {pact.awaiting_me.then(|| view! { <a class="button-primary" href=href.clone()>{t("Tanda tangani pakta", "Sign the pact")}</a> })}
            <a class="button-secondary" href=href.clone()>{t("Lihat pakta", "View the pact")}</a>
            {(!draft).then(|| view! { <a class="button-secondary" href=pdf_href download>{t("Unduh PDF", "Download PDF")}</a> })}
        </p>
    }
}

/// Who a pact waits for, since when, and what that means for the TPP; or, once signed, when it
/// was signed and which quarters it governs (issue 16: a backdated pact says so).
fn signing_state(pact: &OwnPact) -> Option<String> {
    let day = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&crate::format::wib()).date_naive();
    let since = pact.frozen_at.map(|at| crate::i18n::date(day(at))).unwrap_or_default();
    if let Some(superior) = &pact.awaiting_superior {
        return Some(if is_en() {
            format!(
                "Awaiting the signature of {superior} (direct superior, second party) since {since}. \
                 Until both parties have signed, the quarters are not assessed and no TPP can be calculated on this pact."
            )
        } else {
            format!(
                "Menunggu tanda tangan {superior} (atasan langsung, pihak kedua) sejak {since}. \
                 Sampai kedua pihak menandatangani, triwulannya belum dinilai dan TPP atas pakta ini belum dapat dihitung."
            )
        });
    }
    let (signed, from) = (pact.signed_at?, pact.valid_from?);
    let signed_day = day(signed);
    let first = crate::i18n::quarter(from.month().div_ceil(3));
    let (signed_text, from_text) = (crate::i18n::date(signed_day), crate::i18n::date(from));
    Some(match (is_en(), from < signed_day) {
        (false, true) => format!(
            "Ditandatangani {signed_text}, berlaku surut sejak {from_text}: menilai {first} sampai TW IV."
        ),
        (false, false) => {
            format!("Ditandatangani {signed_text}, berlaku sejak {from_text}: menilai {first} sampai TW IV.")
        }
        (true, true) => format!(
            "Signed on {signed_text}, in force retroactively from {from_text}: it governs {first} to Q4."
        ),
        (true, false) => {
            format!("Signed on {signed_text}, in force from {from_text}: it governs {first} to Q4.")
        }
    })
}

/// Nilai and predikat of each quarter so far.
#[component]
fn QuarterSummary(quarters: Vec<QuarterResult>) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="judul-tabel-triwulan">
            <table class="compact">
                <caption id="judul-tabel-triwulan">{t("Nilai dan predikat per triwulan", "Score and grade per quarter")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("Triwulan", "Quarter")}</th>
                        <th scope="col" class="num">{t("Nilai capaian", "Achievement score")}</th>
                        <th scope="col">{t("Predikat", "Grade")}</th>
                    </tr>
                </thead>
                <tbody>
                    {quarters.into_iter().map(|q| view! {
                        <tr>
                            <th scope="row">{quarter_text(q.quarter)}</th>
                            <td class="num">{score_text(q.score)}</td>
                            <td>{match q.predikat {
                                Some(p) => view! { <strong>{p.label_in(lang())}</strong> }.into_any(),
                                None => view! { <span class="muted">{q.note.as_deref().map_or_else(|| "—".into(), crate::i18n::message)}</span> }.into_any(),
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
    let quarter = quarter_text(q.quarter);
    let score_word = t("nilai", "score");
    let headline = match (q.score, q.predikat) {
        (Some(s), Some(p)) => {
            format!("{quarter} {year} — {score_word} {} · {}", score_text(Some(s)), p.label_in(lang()))
        }
        (Some(s), None) => format!("{quarter} {year} — {score_word} {}", score_text(Some(s))),
        _ => format!("{quarter} {year}"),
    };
    let caption_id = format!("judul-tabel-tw-{}", q.quarter);
    let labelled_by = caption_id.clone();
    let caption = if is_en() {
        format!("Targets and realisations, {quarter} (pact version {})", q.version_no.unwrap_or_default())
    } else {
        format!("Target dan realisasi {quarter} (pakta versi {})", q.version_no.unwrap_or_default())
    };
    let signed = q.version_no.is_some();
    view! {
        <details class="quarter-detail" open=open>
            <summary>{headline}</summary>
            {signed.then(|| view! {
                <div class="table-wrap" role="region" tabindex="0" aria-labelledby=labelled_by>
                    <table class="compact">
                        <caption id=caption_id>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t("Indikator", "Indicator")}</th>
                                <th scope="col" class="num">{t("Target", "Target")}</th>
                                <th scope="col" class="num">{t("Realisasi", "Realisation")}</th>
                                <th scope="col" class="num">{t("Capaian", "Achievement")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {q.indicators.iter().map(|i| {
                                let assessed = i.target.is_some();
                                view! {
                                    <tr>
                                        <th scope="row">{i.name.clone()}<span class="muted">{format!(" ({})", i.unit)}</span></th>
                                        <td class="num">{i.target.clone().unwrap_or_else(|| t("tidak dinilai", "not assessed").into())}</td>
                                        <td class="num">{if i.realisation.is_empty() && assessed { t("belum diisi", "not entered yet").to_string() } else if i.realisation.is_empty() { "—".to_string() } else { i.realisation.clone() }}</td>
                                        <td class="num">{i.achievement.map_or_else(|| "—".to_string(), |a| format!("{}%", number_id(a)))}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <dl class="facts">
                    <dt>{t("Nilai capaian", "Achievement score")}</dt><dd>{score_text(q.score)}</dd>
                    <dt>{t("Rating hasil kerja", "Work results rating")}</dt><dd>{rating_text(q.work_rating)}</dd>
                    <dt>{t("Rating perilaku kerja", "Work behaviour rating")}</dt><dd>{rating_text(q.behaviour)}</dd>
                    <dt>{t("Predikat kinerja", "Performance grade")}</dt><dd>{predikat_text(q.predikat)}</dd>
                    <dt>{t("Status", "Status")}</dt><dd>{if q.locked { t("dikunci", "locked") } else { t("terbuka", "open") }}</dd>
                </dl>
            })}
            {q.note.as_deref().map(|n| view! { <p class="muted">{crate::i18n::message(n)}</p> })}
        </details>
    }
}

/// TPP bruto per month: stored by the quarter's run, or estimated from the sheet until then.
#[component]
fn MonthTable(months: Vec<MonthPay>, year: i32, why_base: String) -> impl IntoView {
    let caption = if is_en() {
        format!("Gross TPP (performance allowance) per month, {year}")
    } else {
        format!("TPP bruto per bulan, {year}")
    };
    // The year so far (issue 16), and whether any of it is still an estimate.
    let total: i64 = months.iter().filter_map(|m| m.gross).sum();
    let any = months.iter().any(|m| m.gross.is_some());
    let estimated = months.iter().any(|m| m.source == Some(PaySource::Estimate));
    view! {
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="judul-tabel-tpp">
            <table class="compact">
                <caption id="judul-tabel-tpp">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("Bulan", "Month")}</th>
                        <th scope="col" class="num">"TPP"</th>
                        <th scope="col">{t("Sumber", "Source")}</th>
                        <th scope="col"><span class="visually-hidden">{t("Rincian", "Details")}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {months.into_iter().map(|m| {
                        let name = month_name_in(lang(), m.month);
                        let why = if is_en() { format!("Why this TPP for {name} {year}?") } else { format!("Mengapa TPP {name} {year}?") };
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td class="num">{m.gross.map_or_else(|| "—".to_string(), rupiah)}</td>
                                <td>{m.source.map_or("—", source_text)}</td>
                                <td>{m.explained.then(|| view! {
                                    <a href=format!("{why_base}/{}", m.month) aria-label=why>{t("Mengapa?", "Why?")}</a>
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                {any.then(|| view! {
                    <tfoot>
                        <tr>
                            <th scope="row">{if is_en() { format!("Total {year}") } else { format!("Jumlah {year}") }}</th>
                            <td class="num">{rupiah(total)}</td>
                            <td>{if estimated { t("termasuk perkiraan", "includes estimates") } else { t("tersimpan", "stored") }}</td>
                            <td></td>
                        </tr>
                    </tfoot>
                })}
            </table>
        </div>
        <p class="field-hint">
            {t(
                "Tersimpan: hasil perhitungan TPP yang dijalankan BKPSDM. Perkiraan: dihitung dari realisasi dan rating saat ini, dapat berubah sampai triwulan dikunci.",
                "Stored: the result of the TPP calculation run by BKPSDM. Estimate: computed from the current realisations and ratings; it may change until the quarter is locked.",
            )}
        </p>
    }
}
