//! `/verifikasi/:code`: public. Says whether the printed pact with this code is a valid,
//! current signed pact, and shows only what domain.md section 7 allows.
use crate::api::pacts::{verify_pact, Verification};
use crate::components::feedback::{LoadError, Loading};
use crate::format::date_id;
use crate::pages::pact::status_label;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn VerificationPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let result = Resource::new(code, verify_pact);
    view! {
        <Title text="Verifikasi pakta"/>
        <h1>"Verifikasi Pakta Integritas & Perjanjian Kinerja"</h1>
        <p class="muted">{move || format!("Kode verifikasi: {}", code())}</p>
        <Suspense fallback=Loading>
            {move || result.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(v) => view! { <Verdict v/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Verdict(v: Verification) -> impl IntoView {
    let (class, headline, detail) = match v.verdict.as_str() {
        "valid" => ("verdict-valid", "SAH DAN BERLAKU", "Dokumen dengan kode ini adalah pakta yang telah ditandatangani kedua pihak dan masih berlaku. Bandingkan isinya dengan data di bawah."),
        "superseded" => ("verdict-warning", "SUDAH DIGANTIKAN", "Dokumen ini pernah sah, tetapi telah digantikan oleh versi yang lebih baru atau berakhir karena mutasi."),
        "cancelled" => ("verdict-invalid", "DIBATALKAN", "Dokumen ini telah dibatalkan dan tidak berlaku."),
        "awaiting" => ("verdict-warning", "BELUM SAH", "Dokumen ini belum ditandatangani lengkap oleh kedua pihak."),
        "tampered" => ("verdict-invalid", "PERINGATAN: ISI TIDAK COCOK", "Isi yang tersimpan tidak cocok lagi dengan hash yang ditandatangani. Dokumen ini tidak dapat dipercaya; laporkan kepada BKPSDM dan Inspektorat."),
        _ => ("verdict-invalid", "TIDAK DIKENAL", "Tidak ada pakta dengan kode ini. Periksa kembali kode pada dokumen."),
    };
    let role = if v.verdict == "valid" { "status" } else { "alert" };
    let known = v.document_number.is_some();
    view! {
        <section class=format!("card verdict {class}") role=role>
            <p class="verdict-headline"><strong>{headline}</strong></p>
            <p>{detail}</p>
        </section>
        {known.then(|| view! {
            <section class="card">
                <dl class="facts">
                    <dt>"Nomor dokumen"</dt><dd>{v.document_number.clone()}</dd>
                    <dt>"Nama"</dt><dd>{v.official_name.clone()}</dd>
                    <dt>"Jabatan"</dt><dd>{v.position_title.clone()}</dd>
                    <dt>"Tahun"</dt><dd>{v.year}</dd>
                    <dt>"Versi"</dt><dd>{v.version_no}</dd>
                    <dt>"Status"</dt><dd>{v.status.as_deref().map(status_label)}</dd>
                    {v.signed_dates.iter().map(|(party, date)| view! {
                        <dt>{format!("Ditandatangani {party}")}</dt><dd>{date_id(*date)}</dd>
                    }).collect_view()}
                    <dt>"Hash isi (SHA-256)"</dt><dd><code class="hash">{v.content_hash.clone()}</code></dd>
                </dl>
                {v.current_code.clone().map(|c| view! {
                    <p><a href=format!("/verifikasi/{c}")>"Lihat versi yang berlaku sekarang"</a></p>
                })}
            </section>
        })}
    }
}
