use crate::api::overview::get_dprd_overview;
use crate::components::feedback::{LoadError, Loading};
use leptos::prelude::*;
use leptos_meta::Title;

fn cell(n: Option<u64>) -> AnyView {
    match n {
        Some(n) => view! { <td class="num">{n}</td> }.into_any(),
        None => view! { <td class="num hidden-group"><abbr title="Kelompok kurang dari 3 pejabat disembunyikan">"<3"</abbr></td> }.into_any(),
    }
}

/// `/dprd`: aggregates only; no names, NIPs or individual pay.
#[component]
pub fn DprdHome() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_dprd_overview());
    view! {
        <Title text="Dasbor DPRD"/>
        <h1>"Dasbor DPRD"</h1>
        <p class="lead">"Angka agregat per perangkat daerah. Kelompok kurang dari 3 pejabat disembunyikan untuk melindungi data pribadi."</p>
        <Suspense fallback=Loading>
            {move || overview.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(o) => view! {
                    <ul class="stats" aria-label="Ringkasan">
                        <li class="stat"><span class="stat-value">{o.opd_count}</span><span class="stat-label">"Perangkat daerah"</span></li>
                        <li class="stat"><span class="stat-value">{o.official_count}</span><span class="stat-label">"Pejabat aktif"</span></li>
                    </ul>
                    <section class="card">
                        <h2>"Pejabat per perangkat daerah"</h2>
                        <div class="table-wrap">
                            <table>
                                <caption>"Jumlah pejabat menurut jenis jabatan"</caption>
                                <thead><tr>
                                    <th scope="col">"Perangkat daerah"</th>
                                    <th scope="col" class="num">"JPT Pratama"</th>
                                    <th scope="col" class="num">"Administrator"</th>
                                    <th scope="col" class="num">"Pengawas"</th>
                                    <th scope="col" class="num">"Jumlah"</th>
                                </tr></thead>
                                <tbody>
                                    {o.rows.into_iter().map(|row| view! {
                                        <tr>
                                            <td>{row.opd_name}</td>
                                            {cell(row.jpt)}{cell(row.administrator)}{cell(row.pengawas)}{cell(row.total)}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                }.into_any(),
            })}
        </Suspense>
    }
}
