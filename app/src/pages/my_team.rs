//! `/saya/tim`: a superior's inbox: their direct reports' pacts awaiting the countersignature,
//! the behaviour ratings still to give for the quarter (with the quarter's results so far), and
//! the team's nilai and predikat per quarter. Never the team's pay (domain.md section 7).
//! `/saya/tim/:pact_id/:quarter` is where a rating is given: the realisation sheet, read-only but
//! for the rating form.
use crate::api::my_record::{my_team, RatingDue, ReportQuarter, TeamInbox, TeamMember};
use crate::api::pacts::MyPact;
use crate::components::feedback::{LoadError, Loading};
use crate::i18n::{is_en, lang, t};
use crate::pages::official::{predikat_text, quarter_text, score_text, HOME_PATH, TEAM_PATH};
use crate::pages::pact::StatusBadge;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where the superior rates a report's quarter.
pub fn rating_href(pact_id: uuid::Uuid, quarter: u32) -> String {
    format!("{TEAM_PATH}/{pact_id}/{quarter}")
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        (
            q.get("tahun").and_then(|y| y.parse::<i32>().ok()).unwrap_or(0),
            q.get("tw").and_then(|t| t.parse::<u32>().ok()).unwrap_or(0),
        )
    };
    let inbox = Resource::new(key, |(year, quarter)| my_team(year, quarter));
    view! {
        <Title text=t("Tim saya", "My team")/>
        <p><a href=HOME_PATH>{t("‹ Beranda saya", "‹ My home")}</a></p>
        <h1>{t("Tim saya", "My team")}</h1>
        <Suspense fallback=Loading>
            {move || inbox.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(t) => view! { <Inbox inbox=t/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Inbox(inbox: TeamInbox) -> impl IntoView {
    let TeamInbox { year, quarter, to_sign, to_rate, members } = inbox;
    view! {
        <form method="get" action=TEAM_PATH class="card filters" aria-label=t("Pilih triwulan", "Choose a quarter")>
            <div class="field">
                <label for="tahun">{t("Tahun", "Year")}</label>
                <input id="tahun" name="tahun" type="number" min="2020" max="2100" value=year.to_string()/>
            </div>
            <div class="field">
                <label for="tw">{t("Triwulan", "Quarter")}</label>
                <select id="tw" name="tw">
                    {(1..=4u32).map(|q| view! { <option value=q.to_string() selected=q == quarter>{quarter_text(q)}</option> }).collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button-primary">{t("Tampilkan", "Show")}</button>
            </div>
        </form>
        {if members.is_empty() && to_sign.is_empty() {
            view! { <p class="card empty">{t("Anda tidak memiliki bawahan langsung.", "You have no direct reports.")}</p> }.into_any()
        } else {
            view! {
                <ToSign pacts=to_sign/>
                <ToRate due=to_rate year quarter/>
                <Overview members year/>
            }.into_any()
        }}
    }
}

#[component]
fn ToSign(pacts: Vec<MyPact>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="judul-tanda-tangan">
            <h2 id="judul-tanda-tangan">{t("Pakta menunggu tanda tangan Anda", "Pacts awaiting your signature")}</h2>
            {if pacts.is_empty() {
                view! { <p class="empty">{t("Tidak ada pakta yang menunggu tanda tangan Anda.", "No pacts are awaiting your signature.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="pact-list">
                        {pacts.into_iter().map(|p| view! {
                            <li>
                                <a href=format!("/pakta/{}", p.pact_id)>{format!("{} — {}, {} {}", p.official_name, p.position_title, t("pakta", "pact"), p.year)}</a>" "
                                <StatusBadge status=p.status.clone()/>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ToRate(due: Vec<RatingDue>, year: i32, quarter: u32) -> impl IntoView {
    let title = if is_en() {
        format!("Work behaviour ratings, {} {year}", quarter_text(quarter))
    } else {
        format!("Rating perilaku kerja {} {year}", quarter_text(quarter))
    };
    view! {
        <section class="card" aria-labelledby="judul-rating">
            <h2 id="judul-rating">{title}</h2>
            {if due.is_empty() {
                view! { <p class="empty">{t(
                    "Tidak ada rating perilaku yang perlu Anda berikan untuk triwulan ini.",
                    "There are no behaviour ratings for you to give this quarter.",
                )}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" role="region" tabindex="0" aria-labelledby="judul-tabel-rating">
                        // On a phone each report reads as a card, the rating link within reach (issue 16).
                        <table class="compact cards">
                            <caption id="judul-tabel-rating">{t("Bawahan yang belum diberi rating perilaku kerja", "Direct reports still without a work behaviour rating")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t("Nama", "Name")}</th>
                                    <th scope="col" class="num">{t("Nilai capaian", "Achievement score")}</th>
                                    <th scope="col">{t("Rating hasil kerja", "Work results rating")}</th>
                                    <th scope="col"><span class="visually-hidden">{t("Tindakan", "Action")}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {due.into_iter().map(|d| {
                                    let pending = (d.missing > 0).then(|| missing_text(d.missing));
                                    let rate_label = if is_en() { format!("Rate {}", d.name) } else { format!("Beri rating {}", d.name) };
                                    view! {
                                        <tr>
                                            <th scope="row">{d.name.clone()}<br/><span class="muted">{d.position_title.clone()}</span></th>
                                            <td class="num" data-label=t("Nilai capaian", "Achievement score")>{score_text(d.score)}</td>
                                            <td data-label=t("Rating hasil kerja", "Work results rating")>{pending.unwrap_or_else(|| d.work_rating.map_or("—", |r| r.label_in(lang())).to_string())}</td>
                                            <td><a class="button-secondary" href=rating_href(d.pact_id, d.quarter) aria-label=rate_label>{t("Beri rating", "Rate")}</a></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// "3 indikator belum diisi" / "3 indicators not entered yet".
fn missing_text(missing: usize) -> String {
    match (is_en(), missing) {
        (false, _) => format!("{missing} indikator belum diisi"),
        (true, 1) => "1 indicator not entered yet".to_string(),
        (true, _) => format!("{missing} indicators not entered yet"),
    }
}

/// "104,6 · Baik", or why there is nothing yet.
fn cell(q: &ReportQuarter) -> String {
    if !q.signed {
        return t("belum ditandatangani", "not signed yet").to_string();
    }
    match (q.score, q.predikat) {
        (Some(_), Some(p)) => format!("{} · {}", score_text(q.score), predikat_text(Some(p))),
        (Some(_), None) => format!("{} · {}", score_text(q.score), t("menunggu rating", "awaiting rating")),
        // A locked quarter is no longer a to-do (issue 16).
        (None, _) if q.locked => t("terkunci, tanpa nilai", "locked, not scored").to_string(),
        (None, _) if q.missing > 0 => missing_text(q.missing),
        _ => "—".to_string(),
    }
}

#[component]
fn Overview(members: Vec<TeamMember>, year: i32) -> impl IntoView {
    let heading = if is_en() {
        format!("Team scores and grades {year}")
    } else {
        format!("Nilai dan predikat tim {year}")
    };
    let no_pact = if is_en() { format!("No pact for {year} yet") } else { format!("Belum ada pakta {year}") };
    view! {
        <section class="card" aria-labelledby="judul-ringkasan-tim">
            <h2 id="judul-ringkasan-tim">{heading}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="judul-tabel-tim">
                <table class="compact team-overview">
                    <caption id="judul-tabel-tim">{t("Nilai capaian · predikat kinerja per triwulan", "Achievement score · performance grade per quarter")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Nama", "Name")}</th>
                            {(1..=4u32).map(|q| view! { <th scope="col">{quarter_text(q)}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {members.into_iter().map(|m| {
                            let cells = if m.quarters.is_empty() {
                                view! { <td colspan="4" class="muted">{no_pact.clone()}</td> }.into_any()
                            } else {
                                m.quarters.iter().map(|q| view! { <td>{cell(q)}</td> }).collect_view().into_any()
                            };
                            view! {
                                <tr>
                                    <th scope="row">
                                        {match m.pact_id {
                                            Some(id) => view! { <a href=format!("/pakta/{id}")>{m.name.clone()}</a> }.into_any(),
                                            None => m.name.clone().into_any(),
                                        }}
                                        <br/><span class="muted">{m.position_title.clone()}</span>
                                    </th>
                                    {cells}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
