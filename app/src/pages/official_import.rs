//! `/admin/pejabat/impor`: import officials from CSV text (pasted from a spreadsheet export).
//! The columns are documented on the page and a template can be downloaded.
use crate::api::officials::{
    opd_options, ImportOfficials, ImportReport, OpdOption, IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS,
};
use crate::components::action::server_action;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::form::FieldError;
use crate::format::group_thousands;
use crate::i18n::{is_en, message, t};
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

/// A `data:` URL, so the template downloads without a server round trip (it holds no data). It
/// starts with a byte-order mark: Excel then reads the file as UTF-8 (the imports skip it).
pub fn data_url(text: &str) -> String {
    let mut out = String::from("data:text/csv;charset=utf-8,%EF%BB%BF");
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A column's format as the page describes it: the English for the columns of `IMPORT_COLUMNS`
/// (whose descriptions are Indonesian), the Indonesian as it is.
fn column_format(name: &str, format_id: &'static str) -> &'static str {
    let en = match name {
        "nip" => "18 digits, spaces allowed",
        "nama" => "Full name with titles",
        "pangkat" | "jabatan" => "Text",
        "golongan" => "I/a to IV/e",
        "jenis_jabatan" => "jpt_pratama, administrator or pengawas",
        "kelas_jabatan" => "Whole number 1–17",
        "kode_opd" => "Code of a registered agency (OPD)",
        "nip_atasan" => "NIP of the direct superior: a registered official or another row of this file",
        "tmt_jabatan" => "YYYY-MM-DD or DD-MM-YYYY",
        "pagu_tpp" => "Whole Rupiah; dots as thousands separators allowed",
        _ => format_id,
    };
    t(format_id, en)
}

/// The OPD codes double as the admin check: others see the refusal, not the form.
#[component]
pub fn ImportOfficialsPage() -> impl IntoView {
    let opds = Resource::new(|| (), |_| opd_options());
    view! {
        <Title text=t("Impor pejabat", "Import officials")/>
        <p><a href=LIST_PATH>{t("‹ Daftar pejabat", "‹ Officials")}</a></p>
        <h1>{t("Impor pejabat dari CSV", "Import officials from CSV")}</h1>
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
    let import = server_action::<ImportOfficials>();
    let error = Signal::derive(move || import.value().get().and_then(|r| r.err()));
    let csv_error = Signal::derive(move || error.get().and_then(|e| e.field_message("csv")));
    let report = move || import.value().get().and_then(|r| r.ok());
    let limits = crate::components::form::import_limits(IMPORT_MAX_ROWS, IMPORT_MAX_BYTES);
    view! {
        <section class="card" aria-labelledby="judul-kolom">
            <h2 id="judul-kolom">{t("Kolom berkas", "File columns")}</h2>
            <p>
                {t(
                    "Baris pertama berisi nama kolom (urutan bebas). Pemisah kolom titik koma (;) seperti \
                     ekspor Excel berbahasa Indonesia, atau koma (,). Seluruh berkas diperiksa lebih dahulu; \
                     bila ada satu baris yang salah, tidak ada yang diimpor. ",
                    "The first row holds the column names (in any order). Columns are separated by semicolons (;), \
                     as Excel saves them in Indonesian, or by commas (,). The whole file is checked first; \
                     if any row is wrong, nothing is imported. ",
                )}
                {limits}
            </p>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-kolom">
                <table>
                    <caption id="tabel-kolom">{t("Kolom berkas impor pejabat", "Columns of the officials import file")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Kolom", "Column")}</th>
                            <th scope="col">{t("Wajib?", "Required?")}</th>
                            <th scope="col">{t("Format", "Format")}</th>
                            <th scope="col">{t("Contoh", "Example")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {IMPORT_COLUMNS.into_iter().map(|(name, required, format, example)| view! {
                            <tr>
                                <td><code>{name}</code></td>
                                <td>{if required { t("Wajib", "Required") } else { t("Tidak", "No") }}</td>
                                <td>{column_format(name, format)}</td>
                                <td><span class="nowrap">{example}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <details>
                <summary>{t("Kode OPD yang terdaftar", "Registered OPD codes")}</summary>
                <ul>
                    {opds.into_iter().map(|o| view! { <li><code>{o.code}</code>" — "{o.name}</li> }).collect_view()}
                </ul>
            </details>
            <p><a href=data_url(&template_csv()) download="templat-pejabat.csv" class="button-secondary">{t("Unduh templat CSV", "Download CSV template")}</a></p>
        </section>
        <section class="card" aria-labelledby="judul-unggah">
            <h2 id="judul-unggah">{t("Isi berkas", "File contents")}</h2>
            <ErrorBanner error/>
            <ActionForm action=import attr:class="official-form">
                <div class="field">
                    <label for="csv">{t("Isi berkas CSV", "CSV file contents")}</label>
                    <textarea id="csv" name="csv" rows="12" aria-describedby="csv-hint csv-error"
                        aria-invalid=move || csv_error.get().is_some().to_string()></textarea>
                    <p id="csv-hint" class="field-hint">
                        {t(
                            "Buka berkas CSV dengan editor teks, salin seluruh isinya, lalu tempel di sini.",
                            "Open the CSV file in a text editor, copy all of it, and paste it here.",
                        )}
                    </p>
                    <FieldError name="csv" error=csv_error/>
                </div>
                <button type="submit" class="button-primary" disabled=move || import.pending().get()>
                    {move || if import.pending().get() { t("Memeriksa…", "Checking…") } else { t("Periksa dan impor", "Check and import") }}
                </button>
            </ActionForm>
            {move || report().map(|r| view! { <ReportView report=r/> })}
        </section>
    }
}

#[component]
fn ReportView(report: ImportReport) -> impl IntoView {
    if report.errors.is_empty() {
        let imported = group_thousands(report.imported as i64);
        let done = if is_en() {
            let noun = if report.imported == 1 { "official" } else { "officials" };
            format!("{imported} {noun} imported.")
        } else {
            format!("{imported} pejabat berhasil diimpor.")
        };
        return view! {
            <div class="alert alert-info" role="status">
                {done}
                " " <a href=LIST_PATH>{t("Lihat daftar pejabat", "View the officials")}</a>
            </div>
        }
        .into_any();
    }
    let failed = if is_en() {
        let rows = match report.errors.len() {
            1 => "1 row has a problem".to_string(),
            n => format!("{n} rows have problems"),
        };
        format!("Nothing was imported: {rows}. Fix the file and submit it again.")
    } else {
        format!(
            "Tidak ada yang diimpor: {} baris bermasalah. Perbaiki berkas lalu kirim ulang.",
            report.errors.len()
        )
    };
    view! {
        <div class="alert alert-error" role="alert">{failed}</div>
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-masalah">
            <table>
                <caption id="tabel-masalah">{t("Baris yang bermasalah", "Rows with problems")}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{t("Baris", "Row")}</th>
                        <th scope="col">{t("Kolom", "Column")}</th>
                        <th scope="col">{t("Masalah", "Problem")}</th>
                    </tr>
                </thead>
                <tbody>
                    {report.errors.into_iter().map(|e| view! {
                        <tr>
                            <td class="num">{e.line}</td>
                            <td>{e.column.unwrap_or_else(|| "—".to_string())}</td>
                            <td>{message(&e.message)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
