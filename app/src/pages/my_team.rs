//! `/saya/tim`: a superior's inbox: their direct reports' pacts awaiting the countersignature,
//! the behaviour ratings still to give for the quarter (with the quarter's results so far), and
//! the team's nilai and predikat per quarter. Never the team's pay (domain.md section 7).
//! `/saya/tim/:pact_id/:quarter` is where a rating is given: the realisation sheet, read-only but
//! for the rating form.
use crate::api::my_record::{my_team, RatingDue, ReportQuarter, TeamInbox, TeamMember};
use crate::api::pacts::MyPact;
use crate::components::feedback::{LoadError, Loading};
use crate::domain::rating::Rating;
use crate::pages::official::{predikat_text, roman, score_text, HOME_PATH, TEAM_PATH};
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
        <Title text="Tim saya"/>
        <p><a href=HOME_PATH>"‹ Beranda saya"</a></p>
        <h1>"Tim saya"</h1>
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
        <form method="get" action=TEAM_PATH class="card filters" aria-label="Pilih triwulan">
            <div class="field">
                <label for="tahun">"Tahun"</label>
                <input id="tahun" name="tahun" type="number" min="2020" max="2100" value=year.to_string()/>
            </div>
            <div class="field">
                <label for="tw">"Triwulan"</label>
                <select id="tw" name="tw">
                    {(1..=4u32).map(|q| view! { <option value=q.to_string() selected=q == quarter>{format!("TW {}", roman(q))}</option> }).collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button-primary">"Tampilkan"</button>
            </div>
        </form>
        {if members.is_empty() && to_sign.is_empty() {
            view! { <p class="card empty">"Anda tidak memiliki bawahan langsung."</p> }.into_any()
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
            <h2 id="judul-tanda-tangan">"Pakta menunggu tanda tangan Anda"</h2>
            {if pacts.is_empty() {
                view! { <p class="empty">"Tidak ada pakta yang menunggu tanda tangan Anda."</p> }.into_any()
            } else {
                view! {
                    <ul class="pact-list">
                        {pacts.into_iter().map(|p| view! {
                            <li>
                                <a href=format!("/pakta/{}", p.pact_id)>{format!("{} — {}, pakta {}", p.official_name, p.position_title, p.year)}</a>" "
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
    let title = format!("Rating perilaku kerja TW {} {year}", roman(quarter));
    view! {
        <section class="card" aria-labelledby="judul-rating">
            <h2 id="judul-rating">{title}</h2>
            {if due.is_empty() {
                view! { <p class="empty">"Tidak ada rating perilaku yang perlu Anda berikan untuk triwulan ini."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="compact">
                            <caption>"Bawahan yang belum diberi rating perilaku kerja"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Nama"</th>
                                    <th scope="col" class="num">"Nilai capaian"</th>
                                    <th scope="col">"Rating hasil kerja"</th>
                                    <th scope="col"><span class="visually-hidden">"Tindakan"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {due.into_iter().map(|d| {
                                    let pending = (d.missing > 0).then(|| format!("{} indikator belum diisi", d.missing));
                                    view! {
                                        <tr>
                                            <th scope="row">{d.name.clone()}<br/><span class="muted">{d.position_title.clone()}</span></th>
                                            <td class="num">{score_text(d.score)}</td>
                                            <td>{pending.unwrap_or_else(|| d.work_rating.map_or("—", Rating::label_id).to_string())}</td>
                                            <td><a href=rating_href(d.pact_id, d.quarter) aria-label=format!("Beri rating {}", d.name)>"Beri rating"</a></td>
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

/// "104,6 · Baik", or why there is nothing yet.
fn cell(q: &ReportQuarter) -> String {
    if !q.signed {
        return "belum ditandatangani".to_string();
    }
    match (q.score, q.predikat) {
        (Some(_), Some(p)) => format!("{} · {}", score_text(q.score), predikat_text(Some(p))),
        (Some(_), None) => format!("{} · menunggu rating", score_text(q.score)),
        (None, _) if q.missing > 0 => format!("{} indikator belum diisi", q.missing),
        _ => "—".to_string(),
    }
}

#[component]
fn Overview(members: Vec<TeamMember>, year: i32) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="judul-ringkasan-tim">
            <h2 id="judul-ringkasan-tim">{format!("Nilai dan predikat tim {year}")}</h2>
            <div class="table-wrap">
                <table class="compact team-overview">
                    <caption>"Nilai capaian · predikat kinerja per triwulan"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Nama"</th>
                            {(1..=4u32).map(|q| view! { <th scope="col">{format!("TW {}", roman(q))}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {members.into_iter().map(|m| {
                            let cells = if m.quarters.is_empty() {
                                view! { <td colspan="4" class="muted">{format!("Belum ada pakta {year}")}</td> }.into_any()
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
