use crate::api::overview::get_my_profile;
use crate::components::feedback::{LoadError, Loading};
use crate::format::{date_id, rupiah};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/saya`: an official's own record.
#[component]
pub fn OfficialHome() -> impl IntoView {
    let profile = Resource::new(|| (), |_| get_my_profile());
    view! {
        <Title text="Beranda Saya"/>
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
