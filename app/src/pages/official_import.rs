//! `/admin/pejabat/impor`: import officials from CSV text (pasted from a spreadsheet export).
//! The columns are documented on the page and a template can be downloaded.
use crate::api::officials::{
    opd_options, ImportOfficials, ImportReport, OpdOption, IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS,
};
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::form::FieldError;
use crate::format::group_thousands;
use crate::pages::officials::LIST_PATH;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

pub const IMPORT_PATH: &str = "/admin/pejabat/impor";

/// The template: the header and one example row, semicolon separated as Indonesian Excel saves.
pub fn template_csv() -> String {
    let quote = |s: &str| {
        if s.contains([';', ',', '"']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let header: Vec<String> = IMPORT_COLUMNS.iter().map(|c| c.0.to_string()).collect();
    let example: Vec<String> = IMPORT_COLUMNS.iter().map(|c| quote(c.3)).collect();
    format!("{}\r\n{}\r\n", header.join(";"), example.join(";"))
}

/// A `data:` URL, so the template downloads without a server round trip (it holds no data).
pub fn data_url(text: &str) -> String {
    let mut out = String::from("data:text/csv;charset=utf-8,");
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The OPD codes double as the admin check: others see the refusal, not the form.
#[component]
pub fn ImportOfficialsPage() -> impl IntoView {
    let opds = Resource::new(|| (), |_| opd_options());
    view! {
        <Title text="Impor pejabat"/>
        <p><a href=LIST_PATH>"‹ Daftar pejabat"</a></p>
        <h1>"Impor pejabat dari CSV"</h1>
        <Suspense fallback=Loading>
            {move || opds.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(opds) => view! { <ImportForm opds/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ImportForm(opds: Vec<OpdOption>) -> impl IntoView {
    let import = ServerAction::<ImportOfficials>::new();
    let error = Signal::derive(move || import.value().get().and_then(|r| r.err()));
    let csv_error = Signal::derive(move || error.get().and_then(|e| e.field_message("csv")));
    let report = move || import.value().get().and_then(|r| r.ok());
    view! {
        <section class="card" aria-labelledby="judul-kolom">
            <h2 id="judul-kolom">"Kolom berkas"</h2>
            <p>
                "Baris pertama berisi nama kolom (urutan bebas). Pemisah kolom titik koma (;) seperti "
                "ekspor Excel berbahasa Indonesia, atau koma (,). Seluruh berkas diperiksa lebih dahulu; "
                "bila ada satu baris yang salah, tidak ada yang diimpor. "
                {format!("Paling banyak {} baris dan {} KB.", group_thousands(IMPORT_MAX_ROWS as i64), IMPORT_MAX_BYTES / 1024)}
            </p>
            <div class="table-wrap">
                <table>
                    <caption>"Kolom berkas impor pejabat"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Kolom"</th>
                            <th scope="col">"Wajib?"</th>
                            <th scope="col">"Format"</th>
                            <th scope="col">"Contoh"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {IMPORT_COLUMNS.into_iter().map(|(name, required, format, example)| view! {
                            <tr>
                                <td><code>{name}</code></td>
                                <td>{if required { "Wajib" } else { "Tidak" }}</td>
                                <td>{format}</td>
                                <td><span class="nowrap">{example}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <details>
                <summary>"Kode OPD yang terdaftar"</summary>
                <ul>
                    {opds.into_iter().map(|o| view! { <li><code>{o.code}</code>" — "{o.name}</li> }).collect_view()}
                </ul>
            </details>
            <p><a href=data_url(&template_csv()) download="templat-pejabat.csv" class="button-secondary">"Unduh templat CSV"</a></p>
        </section>
        <section class="card" aria-labelledby="judul-unggah">
            <h2 id="judul-unggah">"Isi berkas"</h2>
            <ErrorBanner error/>
            <ActionForm action=import attr:class="official-form">
                <div class="field">
                    <label for="csv">"Isi berkas CSV"</label>
                    <textarea id="csv" name="csv" rows="12" aria-describedby="csv-hint csv-error"
                        aria-invalid=move || csv_error.get().is_some().to_string()></textarea>
                    <p id="csv-hint" class="field-hint">
                        "Buka berkas CSV dengan editor teks, salin seluruh isinya, lalu tempel di sini."
                    </p>
                    <FieldError name="csv" error=csv_error/>
                </div>
                <button type="submit" class="button-primary" disabled=move || import.pending().get()>
                    {move || if import.pending().get() { "Memeriksa…" } else { "Periksa dan impor" }}
                </button>
            </ActionForm>
            {move || report().map(|r| view! { <ReportView report=r/> })}
        </section>
    }
}

#[component]
fn ReportView(report: ImportReport) -> impl IntoView {
    if report.errors.is_empty() {
        return view! {
            <div class="alert alert-info" role="status">
                {format!("{} pejabat berhasil diimpor.", group_thousands(report.imported as i64))}
                " " <a href=LIST_PATH>"Lihat daftar pejabat"</a>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="alert alert-error" role="alert">
            {format!("Tidak ada yang diimpor: {} baris bermasalah. Perbaiki berkas lalu kirim ulang.", report.errors.len())}
        </div>
        <div class="table-wrap">
            <table>
                <caption>"Baris yang bermasalah"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">"Baris"</th>
                        <th scope="col">"Kolom"</th>
                        <th scope="col">"Masalah"</th>
                    </tr>
                </thead>
                <tbody>
                    {report.errors.into_iter().map(|e| view! {
                        <tr>
                            <td class="num">{e.line}</td>
                            <td>{e.column.unwrap_or_else(|| "—".to_string())}</td>
                            <td>{e.message}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
