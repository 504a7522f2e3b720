//! `/verifikasi/:code`: public. Says whether the printed pact with this code is a valid,
//! current signed pact, and shows only what domain.md section 7 allows.
use crate::api::pacts::{verify_pact, Verification};
use crate::components::feedback::{LoadError, Loading};
use crate::domain::pact::Party;
use crate::i18n::{date, is_en, lang, t};
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
        <Title text=t("Verifikasi pakta", "Pact verification")/>
        <h1>{t("Verifikasi Pakta Integritas & Perjanjian Kinerja", "Verification of an Integrity Pact & Performance Agreement")}</h1>
        <p class="muted">{move || format!("{}: {}", t("Kode verifikasi", "Verification code"), code())}</p>
        <Suspense fallback=Loading>
            {move || result.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(v) => view! { <Verdict v/> }.into_any(),
            })}
        </Suspense>
    }
}

/// "Ditandatangani Pihak Pertama": the server names the party by its Indonesian label.
fn signed_by(party: &str) -> String {
    let label = [Party::First, Party::Second]
        .into_iter()
        .find(|p| p.label_id() == party)
        .map_or(party, |p| p.label_in(lang()));
    if is_en() {
        format!("Signed by the {label}")
    } else {
        format!("Ditandatangani {label}")
    }
}

/// "1 Januari 2026 – 31 Desember 2026": the days the version governs (its year's end when it has
/// not ended), so a reader sees which period the printed pact is about.
fn period_text(v: &Verification) -> Option<String> {
    let from = v.valid_from?;
    let until = v.valid_until.or_else(|| chrono::NaiveDate::from_ymd_opt(v.year?, 12, 31))?;
    Some(format!("{} – {}", date(from), date(until)))
}

#[component]
fn Verdict(v: Verification) -> impl IntoView {
    let (class, headline, detail) = match v.verdict.as_str() {
        "valid" => (
            "verdict-valid",
            t("SAH DAN BERLAKU", "VALID AND IN FORCE"),
            t(
                "Dokumen dengan kode ini adalah pakta yang telah ditandatangani kedua pihak dan masih berlaku. Bandingkan isinya dengan data di bawah.",
                "The document with this code is a pact signed by both parties and still in force. Compare its content with the details below.",
            ),
        ),
        "superseded" => (
            "verdict-warning",
            t("SUDAH DIGANTIKAN", "SUPERSEDED"),
            t(
                "Dokumen ini pernah sah, tetapi telah digantikan oleh versi yang lebih baru atau berakhir karena mutasi.",
                "This document was valid, but it has been replaced by a newer version or ended with the official's transfer.",
            ),
        ),
        "cancelled" => (
            "verdict-invalid",
            t("DIBATALKAN", "CANCELLED"),
            t("Dokumen ini telah dibatalkan dan tidak berlaku.", "This document has been cancelled and is not in force."),
        ),
        "awaiting" => (
            "verdict-warning",
            t("BELUM SAH", "NOT YET VALID"),
            t(
                "Dokumen ini belum ditandatangani lengkap oleh kedua pihak.",
                "This document has not yet been signed by both parties.",
            ),
        ),
        "tampered" => (
            "verdict-invalid",
            t("PERINGATAN: ISI TIDAK COCOK", "WARNING: CONTENT DOES NOT MATCH"),
            t(
                "Isi yang tersimpan tidak cocok lagi dengan hash yang ditandatangani. Dokumen ini tidak dapat dipercaya; laporkan kepada BKPSDM dan Inspektorat.",
                "The stored content no longer matches the signed hash. This document cannot be trusted; report it to BKPSDM and the Inspectorate.",
            ),
        ),
        _ => (
            "verdict-invalid",
            t("TIDAK DIKENAL", "UNKNOWN"),
            t(
                "Tidak ada pakta dengan kode ini. Periksa kembali kode pada dokumen.",
                "There is no pact with this code. Check the code on the document again.",
            ),
        ),
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
                    <dt>{t("Nomor dokumen", "Document number")}</dt><dd>{v.document_number.clone()}</dd>
                    <dt>{t("Nama", "Name")}</dt><dd>{v.official_name.clone()}</dd>
                    <dt>{t("Jabatan", "Position")}</dt><dd>{v.position_title.clone()}</dd>
                    <dt>{t("Perangkat daerah", "Agency")}</dt><dd>{v.opd_name.clone()}</dd>
                    <dt>{t("Tahun", "Year")}</dt><dd>{v.year}</dd>
                    {period_text(&v).map(|p| view! { <dt>{t("Masa berlaku", "In force")}</dt><dd>{p}</dd> })}
                    <dt>{t("Versi", "Version")}</dt><dd>{v.version_no}</dd>
                    <dt>"Status"</dt><dd>{v.status.as_deref().map(status_label)}</dd>
                    {v.signed_dates.iter().map(|(party, on)| view! {
                        <dt>{signed_by(party)}</dt><dd>{date(*on)}</dd>
                    }).collect_view()}
                    <dt>{t("Hash isi (SHA-256)", "Content hash (SHA-256)")}</dt><dd><code class="hash">{v.content_hash.clone()}</code></dd>
                </dl>
                {v.current_code.clone().map(|c| view! {
                    <p><a href=format!("/verifikasi/{c}")>{t("Lihat versi yang berlaku sekarang", "See the version in force now")}</a></p>
                })}
            </section>
        })}
    }
}
