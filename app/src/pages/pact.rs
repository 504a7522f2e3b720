//! `/pakta/:id` (`?versi=N`): one pact version as its parties and the admin see it, with what
//! the viewer may do: sign (password confirmation), freeze, cancel (confirmation step), revise.
//! Every action is a plain form, so it works before hydration and without JavaScript.
use crate::api::pacts::{get_pact, CancelPact, PactView, RevisePact, SignPact, SubmitPact};
use crate::components::action::server_action;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::form::{FieldError, TextField};
use crate::domain::pact::{PactIndicator, PactStatus, Party, RevisionReason, Validity};
use crate::error::AppError;
use crate::format::datetime_wib;
use crate::i18n::{date, is_en, lang, message, t};
use crate::pages::officials::nip_spaced;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub fn status_label(status: &str) -> &'static str {
    PactStatus::parse(status).map(|s| s.label_in(lang())).unwrap_or("—")
}

pub fn reason_label(reason: &Option<String>) -> Option<&'static str> {
    reason.as_deref().and_then(RevisionReason::parse).map(|r| r.label_in(lang()))
}

/// A status as a coloured badge (the class names the status; the text says it).
#[component]
pub fn StatusBadge(#[prop(into)] status: String) -> impl IntoView {
    let label = status_label(&status);
    view! { <span class=format!("badge badge-{status}")>{label}</span> }
}

#[component]
pub fn PactPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let version = move || query.read().get("versi").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let sign = server_action::<SignPact>();
    let submit = server_action::<SubmitPact>();
    let cancel = server_action::<CancelPact>();
    let revise = server_action::<RevisePact>();
    let done = Memo::new(move |_| sign.version().get() + submit.version().get() + cancel.version().get());
    let pact = Resource::new(move || (id(), version(), done.get()), |(id, v, _)| get_pact(id, v));
    let signed_now =
        move || query.read().get("ditandatangani").is_some() || matches!(sign.value().get(), Some(Ok(())));
    let paper_recorded = move || query.read().get("kertas").is_some();
    view! {
        <Title text=t("Pakta", "Pact")/>
        <Suspense fallback=Loading>
            {move || pact.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(p) => view! {
                    {signed_now().then(|| view! {
                        <div class="alert alert-info" role="status">{t("Tanda tangan Anda telah dibubuhkan.", "Your signature has been added.")}</div>
                    })}
                    {paper_recorded().then(|| view! {
                        <div class="alert alert-info" role="status">{t("Tanda tangan di atas kertas telah dicatat.", "The paper signature has been recorded.")}</div>
                    })}
                    // A long pact to read: the way to sign stays at the top of the screen (issue 16).
                    {p.actions.sign_as.is_some().then(|| view! {
                        <div class="sign-banner" role="region" aria-label=t("Tanda tangan", "Signature")>
                            <p>{t("Pakta ini menunggu tanda tangan Anda. Bacalah isinya di bawah, lalu tanda tangani.", "This pact is awaiting your signature. Read it below, then sign.")}</p>
                            <a class="button-primary" href="#tanda-tangan">{t("Ke tanda tangan ↓", "Go to signing ↓")}</a>
                        </div>
                    })}
                    <PactBody pact=p.clone()/>
                    <PactActionsPanel pact=p sign submit cancel revise/>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn PactActionsPanel(
    pact: PactView,
    sign: ServerAction<SignPact>,
    submit: ServerAction<SubmitPact>,
    cancel: ServerAction<CancelPact>,
    revise: ServerAction<RevisePact>,
) -> impl IntoView {
    let query = use_query_map();
    let page = format!("/pakta/{}?versi={}", pact.pact_id, pact.version_no);
    let confirming_cancel = move || query.read().get("konfirmasi").as_deref() == Some("batal");
    let sign_error = Signal::derive(move || sign.value().get().and_then(|r| r.err()));
    let submit_error = Signal::derive(move || submit.value().get().and_then(|r| r.err()));
    let cancel_error = Signal::derive(move || cancel.value().get().and_then(|r| r.err()));
    let revise_error = Signal::derive(move || revise.value().get().and_then(|r| r.err()));
    let field = |e: Signal<Option<AppError>>, f: &'static str| {
        Signal::derive(move || e.get().and_then(|e| e.field_message(f)))
    };
    let a = pact.actions.clone();
    let version_id = pact.version_id.to_string();
    let pdf_href = format!("/pakta/{}/pdf?versi={}", pact.pact_id, pact.version_no);
    let draft = pact.status == PactStatus::Draft.as_str();
    view! {
        <section class="card" aria-labelledby="judul-tindakan">
            <h2 id="judul-tindakan">{t("Tindakan", "Actions")}</h2>
            <p class="actions">
                <a class="button-secondary" href=pdf_href download>
                    {if draft { t("Unduh PDF (draf)", "Download PDF (draft)") } else { t("Unduh PDF", "Download PDF") }}
                </a>
                {a.edit.then(|| view! {
                    <a class="button-secondary" href=format!("/admin/pakta/{}/ubah", pact.pact_id)>{t("Ubah indikator", "Edit indicators")}</a>
                })}
            </p>
            {a.sign_as.clone().map(|party| {
                let version_id = version_id.clone();
                let label = Party::parse(&party).map(|p| p.label_in(lang())).unwrap_or("");
                let heading = if is_en() { format!("Sign as {label}") } else { format!("Tanda tangani sebagai {label}") };
                view! {
                    <div class="sign-box" id="tanda-tangan">
                        <h3>{heading}</h3>
                        <p>{t(
                            "Dengan menandatangani, Anda menyatakan telah membaca pakta integritas, target kinerja, dan konsekuensinya di atas. Tanda tangan mencatat waktu dan hash isi dokumen ini.",
                            "By signing, you confirm that you have read the integrity pact, the performance targets and their consequences above. The signature records the time and a hash of this document's content.",
                        )}</p>
                        <ErrorBanner error=sign_error/>
                        <ActionForm action=sign attr:class="inline-form">
                            <input type="hidden" name="version_id" value=version_id.clone()/>
                            <TextField label=t("Kata sandi Anda", "Your password") name="password" value="" kind="password"
                                error=field(sign_error, "password") required=true/>
                            <button type="submit" class="button-primary" disabled=move || sign.pending().get()>
                                {move || if sign.pending().get() { t("Menandatangani…", "Signing…") } else { t("Tanda tangani", "Sign") }}
                            </button>
                        </ActionForm>
                    </div>
                }
            })}
            {let version_id = version_id.clone(); a.submit.then(move || view! {
                <div class="sign-box">
                    <h3>{t("Bekukan dan kirim untuk ditandatangani", "Freeze and send for signature")}</h3>
                    <p>{t(
                        "Setelah dibekukan, isi pakta tidak dapat diubah lagi. Pejabat dan atasannya dapat menandatanganinya.",
                        "Once frozen, the pact's content can no longer be changed. The official and their superior can then sign it.",
                    )}</p>
                    <ErrorBanner error=submit_error/>
                    {move || submit_error.get().and_then(|e| e.field_message("indicators")).map(|m| view! {
                        <div class="alert alert-error" role="alert">{m}</div>
                    })}
                    <ActionForm action=submit attr:class="inline-form">
                        <input type="hidden" name="version_id" value=version_id.clone()/>
                        <input type="hidden" name="row_version" value=pact.row_version.to_string()/>
                        <button type="submit" class="button-primary">{t("Bekukan & kirim", "Freeze & send")}</button>
                    </ActionForm>
                </div>
            })}
            {a.record_paper.then(|| {
                let q = query.read_untracked();
                let error = q.get("galat").map(|m| message(&m));
                let field = q.get("medan").unwrap_or_default();
                let on = |f: &str| (field == f).then(|| error.clone()).flatten();
                let (party_err, date_err, scan_err) = (on("party"), on("signed_on"), on("scan"));
                let general = error.clone().filter(|_| !matches!(field.as_str(), "party" | "signed_on" | "scan"));
                view! {
                    <details class="sign-box" id="tanda-tangan-kertas" open=error.is_some()>
                        <summary>{t("Catat tanda tangan di atas kertas…", "Record a paper signature…")}</summary>
                        <p>{t(
                            "Unggah pindaian dokumen yang telah ditandatangani (PDF, paling besar 5 MB). Tanda tangan dicatat atas hash isi pakta ini.",
                            "Upload a scan of the signed document (PDF, at most 5 MB). The signature is recorded against the hash of this pact's content.",
                        )}</p>
                        {general.map(|m| view! { <div class="alert alert-error" role="alert">{m}</div> })}
                        <form method="post" enctype="multipart/form-data" class="inline-form"
                            action=format!("/admin/pakta/{}/kertas", pact.version_id)>
                            <div class="field">
                                <label for="party">{t("Yang menandatangani", "Signed by")}</label>
                                <select id="party" name="party" aria-describedby="party-error"
                                    aria-invalid=party_err.is_some().to_string()>
                                    <option value="both">{t("Kedua pihak", "Both parties")}</option>
                                    <option value="first">{t("Pihak Pertama saja", "First Party only")}</option>
                                    <option value="second">{t("Pihak Kedua saja", "Second Party only")}</option>
                                </select>
                                <p id="party-error" class="field-error">{party_err.clone()}</p>
                            </div>
                            <div class="field">
                                <label for="signed_on">{t("Tanggal tanda tangan", "Date signed")}</label>
                                <input id="signed_on" name="signed_on" type="date" required
                                    aria-describedby="signed_on-error" aria-invalid=date_err.is_some().to_string()/>
                                <p id="signed_on-error" class="field-error">{date_err.clone()}</p>
                            </div>
                            <div class="field">
                                <label for="scan">{t("Pindaian (PDF)", "Scan (PDF)")}</label>
                                <input id="scan" name="scan" type="file" accept="application/pdf,.pdf" required
                                    aria-describedby="scan-error" aria-invalid=scan_err.is_some().to_string()/>
                                <p id="scan-error" class="field-error">{scan_err.clone()}</p>
                            </div>
                            <button type="submit" class="button-secondary">{t("Catat tanda tangan", "Record signature")}</button>
                        </form>
                    </details>
                }
            })}
            {a.revise.then(|| view! {
                <details class="sign-box">
                    <summary>{t("Buat versi revisi…", "Create a revised version…")}</summary>
                    <p>{t(
                        "Versi ini tetap tersimpan dan dapat dibaca. Revisi dimulai sebagai draf dengan indikator yang sama.",
                        "This version stays on record and readable. The revision starts as a draft with the same indicators.",
                    )}</p>
                    <ErrorBanner error=revise_error/>
                    <ActionForm action=revise attr:class="inline-form">
                        <input type="hidden" name="pact_id" value=pact.pact_id.to_string()/>
                        <div class="field">
                            <label for="reason">{t("Alasan revisi", "Reason for revision")}</label>
                            <select id="reason" name="reason" aria-describedby="reason-error">
                                <option value="">{t("— pilih —", "— choose —")}</option>
                                {RevisionReason::ALL.into_iter().map(|r| view! {
                                    <option value=r.as_str()>{r.label_in(lang())}</option>
                                }).collect_view()}
                            </select>
                            <FieldError name="reason" error=field(revise_error, "reason")/>
                        </div>
                        <TextField label=t("Catatan (opsional)", "Note (optional)") name="note" value="" error=field(revise_error, "note")/>
                        <button type="submit" class="button-secondary">{t("Buat revisi", "Create revision")}</button>
                    </ActionForm>
                </details>
            })}
            {a.cancel.then(|| {
                let page = page.clone();
                let version_id = version_id.clone();
                move || {
                    let page = page.clone();
                    let version_id = version_id.clone();
                    if confirming_cancel() {
                    view! {
                        <div class="confirm" role="alertdialog" aria-labelledby="judul-batal">
                            <p id="judul-batal"><strong>{t("Batalkan versi pakta ini?", "Cancel this pact version?")}</strong></p>
                            <p>{t(
                                "Versi yang dibatalkan tidak berlaku lagi; halaman verifikasinya akan menyatakan dibatalkan. Tindakan ini tidak dapat diurungkan.",
                                "A cancelled version is no longer in force; its verification page will say it was cancelled. This cannot be undone.",
                            )}</p>
                            <ErrorBanner error=cancel_error/>
                            <ActionForm action=cancel attr:class="inline-form">
                                <input type="hidden" name="version_id" value=version_id/>
                                <TextField label=t("Alasan pembatalan", "Reason for cancelling") name="reason" value="" error=field(cancel_error, "reason") required=true/>
                                <button type="submit" class="button-danger">{t("Ya, batalkan", "Yes, cancel it")}</button>
                            </ActionForm>
                            <a href=page class="button-secondary">{t("Tidak", "No")}</a>
                        </div>
                    }.into_any()
                } else {
                    view! { <p><a href=format!("{page}&konfirmasi=batal") class="button-secondary">{t("Batalkan versi ini…", "Cancel this version…")}</a></p> }.into_any()
                }
                }
            })}
        </section>
    }
}

fn party_block(title: &'static str, p: &crate::domain::pact::PartySnapshot) -> impl IntoView {
    let rank = Some(p.rank_grade()).filter(|r| !r.is_empty()).unwrap_or_else(|| "—".into());
    view! {
        <div class="party">
            <h3>{title}</h3>
            <dl class="facts">
                <dt>{t("Nama", "Name")}</dt><dd>{p.name.clone()}</dd>
                <dt>"NIP"</dt><dd>{nip_spaced(&p.nip)}</dd>
                <dt>{t("Pangkat/gol.", "Rank/grade")}</dt><dd>{rank}</dd>
                <dt>{t("Jabatan", "Position")}</dt><dd>{p.position_title.clone()}</dd>
                <dt>{t("Perangkat daerah", "Agency")}</dt><dd>{p.opd_name.clone()}</dd>
            </dl>
        </div>
    }
}

/// The targets annex as a table.
#[component]
pub fn IndicatorTable(indicators: Vec<PactIndicator>) -> impl IntoView {
    if indicators.is_empty() {
        return view! { <p class="empty">{t("Belum ada indikator kinerja.", "No performance indicators yet.")}</p> }.into_any();
    }
    view! {
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-indikator">
            <table class="indicators cards">
                <caption id="tabel-indikator">{t("Lampiran I: target kinerja", "Annex I: performance targets")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("No", "No.")}</th>
                        <th scope="col">{t("Sasaran strategis", "Strategic objective")}</th>
                        <th scope="col">{t("Indikator kinerja", "Performance indicator")}</th>
                        <th scope="col">{t("Satuan", "Unit")}</th>
                        <th scope="col">{t("Polaritas", "Polarity")}</th>
                        <th scope="col">{t("Jenis target", "Target type")}</th>
                        <th scope="col" class="num">{t("Bobot (%)", "Weight (%)")}</th>
                        <th scope="col" class="num">{t("Target tahunan", "Annual target")}</th>
                        <th scope="col" class="num">{t("TW I", "Q1")}</th>
                        <th scope="col" class="num">{t("TW II", "Q2")}</th>
                        <th scope="col" class="num">{t("TW III", "Q3")}</th>
                        <th scope="col" class="num">{t("TW IV", "Q4")}</th>
                    </tr>
                </thead>
                <tbody>
                    {indicators.into_iter().enumerate().map(|(i, ind)| {
                        let q = move |n: usize| ind.quarters[n].map(|t| t.display_id()).unwrap_or_else(|| "—".into());
                        view! {
                            // `data-label`: on a phone each row reads as a card of labelled values (issue 16).
                            <tr>
                                <td class="card-hide">{i + 1}</td>
                                <td data-label=t("Sasaran strategis", "Strategic objective")>{ind.objective.clone()}</td>
                                <th scope="row"><span class="card-only" aria-hidden="true">{format!("{}. ", i + 1)}</span>{ind.name.clone()}
                                    {ind.program.clone().map(|p| view! { <br/><small class="muted">{format!("{}: {p}", t("Program", "Programme"))}</small> })}
                                    {ind.budget.map(|b| view! { <br/><small class="muted">{format!("{}: {}", t("Anggaran", "Budget"), crate::format::rupiah(b))}</small> })}
                                </th>
                                <td data-label=t("Satuan", "Unit")>{ind.unit.clone()}</td>
                                <td data-label=t("Polaritas", "Polarity")>{ind.polarity.label_in(lang())}</td>
                                <td data-label=t("Jenis target", "Target type")>{ind.target_kind.label_in(lang())}</td>
                                <td class="num" data-label=t("Bobot (%)", "Weight (%)")>{crate::domain::explanation::number_id(ind.weight)}</td>
                                <td class="num" data-label=t("Target tahunan", "Annual target")>{ind.annual.display_id()}</td>
                                <td class="num" data-label=t("TW I", "Q1")>{q(0)}</td>
                                <td class="num" data-label=t("TW II", "Q2")>{q(1)}</td>
                                <td class="num" data-label=t("TW III", "Q3")>{q(2)}</td>
                                <td class="num" data-label=t("TW IV", "Q4")>{q(3)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn PactBody(pact: PactView) -> impl IntoView {
    let p = pact;
    let title = format!("{} {} — {}", t("Pakta", "Pact"), p.year, p.first_party.name);
    let heading = if is_en() {
        format!("Integrity Pact & Performance Agreement {}", p.year)
    } else {
        format!("Pakta Integritas & Perjanjian Kinerja {}", p.year)
    };
    let signed_by = |party: &str| p.signatures.iter().find(|s| s.party == party).cloned();
    let sig_line = move |party: Party| match signed_by(party.as_str()) {
        Some(s) if s.method == "paper" => {
            let on = date(s.signed_at.with_timezone(&crate::format::wib()).date_naive());
            let text = if is_en() {
                format!("Signed on paper by {} on {on} ", s.signer_name)
            } else {
                format!("Ditandatangani di atas kertas oleh {} pada {on} ", s.signer_name)
            };
            view! {
                {text}
                {s.scan_file_id.map(|f| view! { <a href=format!("/berkas/{f}")>{t("(pindaian)", "(scan)")}</a> })}
            }
            .into_any()
        }
        Some(s) => if is_en() {
            format!("Signed electronically by {} on {}", s.signer_name, datetime_wib(s.signed_at))
        } else {
            format!(
                "Ditandatangani secara elektronik oleh {} pada {}",
                s.signer_name,
                datetime_wib(s.signed_at)
            )
        }
        .into_any(),
        None => t("Belum ditandatangani", "Not signed yet").into_any(),
    };
    let first_sig = sig_line(Party::First);
    let second_sig = sig_line(Party::Second);
    let pact_id = p.pact_id;
    view! {
        <Title text=title/>
        <div class="page-head">
            <h1>{heading}</h1>
            <StatusBadge status=p.status.clone()/>
        </div>
        <section class="card">
            <dl class="facts">
                <dt>{t("Nomor dokumen", "Document number")}</dt><dd>{p.document_number.clone()}</dd>
                <dt>{t("Versi", "Version")}</dt><dd>{match reason_label(&p.revision_reason) {
                    Some(r) => format!("{} ({}: {r})", p.version_no, t("revisi", "revision")),
                    None => p.version_no.to_string(),
                }}</dd>
                {p.revision_note.clone().map(|n| view! { <dt>{t("Catatan revisi", "Revision note")}</dt><dd>{n}</dd> })}
                <dt>{t("Berlaku", "In force")}</dt><dd>{match Validity::of(p.valid_from, p.valid_until) {
                    Validity::Between(f, u) => format!("{} {} {}", date(f), t("s.d.", "to"), date(u)),
                    Validity::Since(f) => format!("{} {}", t("sejak", "since"), date(f)),
                    Validity::Never => t(
                        "tidak pernah berlaku (diganti pada hari mulai berlakunya)",
                        "never in force (replaced on the day it took effect)",
                    ).to_string(),
                    Validity::NotYet => "—".into(),
                }}</dd>
                {p.verification_code.clone().map(|c| view! {
                    <dt>{t("Kode verifikasi", "Verification code")}</dt><dd><a href=format!("/verifikasi/{c}")>{c.clone()}</a></dd>
                })}
                {p.content_hash.clone().map(|h| view! {
                    <dt>{t("Hash isi (SHA-256)", "Content hash (SHA-256)")}</dt><dd><code class="hash">{h}</code></dd>
                })}
            </dl>
        </section>
        <section class="card parties" aria-label=t("Para pihak", "The parties")>
            {party_block(t("Pihak Pertama", "First Party"), &p.first_party)}
            {match &p.second_party {
                Some(s) => party_block(t("Pihak Kedua (atasan langsung)", "Second Party (direct superior)"), s).into_any(),
                None => view! { <div class="party"><h3>{t("Pihak Kedua", "Second Party")}</h3><p class="alert alert-error">{t("Pejabat ini belum memiliki atasan langsung.", "This official has no direct superior yet.")}</p></div> }.into_any(),
            }}
        </section>
        <section class="card" aria-labelledby="judul-pi">
            <h2 id="judul-pi">{if p.template_title.is_empty() { t("Pakta Integritas", "Integrity Pact").to_string() } else { p.template_title.clone() }}</h2>
            <ol class="pledge">{p.integrity_points.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ol>
        </section>
        <section class="card" aria-labelledby="judul-target">
            <h2 id="judul-target">{t("Target kinerja", "Performance targets")}</h2>
            <IndicatorTable indicators=p.indicators.clone()/>
        </section>
        <section class="card" aria-labelledby="judul-konsekuensi">
            <h2 id="judul-konsekuensi">{t("Lampiran II: konsekuensi", "Annex II: consequences")}</h2>
            <ul>{p.consequences.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
        </section>
        <section class="card" aria-labelledby="judul-ttd">
            <h2 id="judul-ttd">{t("Tanda tangan", "Signatures")}</h2>
            <dl class="facts">
                <dt>{t("Pihak Pertama", "First Party")}</dt><dd>{first_sig}</dd>
                <dt>{t("Pihak Kedua", "Second Party")}</dt><dd>{second_sig}</dd>
            </dl>
        </section>
        <section class="card" aria-labelledby="judul-versi">
            <h2 id="judul-versi">{t("Riwayat versi", "Version history")}</h2>
            <ul class="versions">
                {p.versions.iter().map(|v| {
                    let current = v.version_no == p.version_no;
                    let reason = reason_label(&v.revision_reason)
                        .map(|r| format!(" ({}: {r})", t("revisi", "revision")))
                        .unwrap_or_default();
                    let label = if is_en() {
                        format!("Version {}{reason} — {}, created {}", v.version_no, status_label(&v.status), datetime_wib(v.created_at))
                    } else {
                        format!("Versi {}{reason} — {}, dibuat {}", v.version_no, status_label(&v.status), datetime_wib(v.created_at))
                    };
                    view! {
                        <li>{if current {
                            view! { <strong aria-current="page">{label}</strong> }.into_any()
                        } else {
                            view! { <a href=format!("/pakta/{pact_id}?versi={}", v.version_no)>{label}</a> }.into_any()
                        }}</li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
