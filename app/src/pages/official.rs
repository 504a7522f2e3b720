use crate::api::overview::get_my_profile;
use crate::api::pacts::{my_pacts, MyPact};
use crate::components::feedback::{LoadError, Loading};
use crate::format::{date_id, rupiah};
use crate::pages::pact::StatusBadge;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/saya`: an official's own record.
#[component]
pub fn OfficialHome() -> impl IntoView {
    let profile = Resource::new(|| (), |_| get_my_profile());
    let pacts = Resource::new(|| (), |_| my_pacts());
    view! {
        <Title text="Beranda Saya"/>
        <Suspense fallback=Loading>
            {move || pacts.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(list) => view! { <MyPacts list/> }.into_any(),
            })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || profile.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(p) => view! {
                    <h1>{p.name.clone()}</h1>
                    <section class="card">
                        <h2>"Data jabatan"</h2>
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
