//! `/admin/pejabat/{id}/disiplin` (`?tahun=`): an official's attendance cuts per month, integrity
//! breaches and disciplinary sanctions for a year, with the forms that record them; and
//! `/admin/kehadiran/impor`: attendance cuts from a CSV file, all or nothing.
use crate::api::discipline::{
    get_discipline_record, month_label, sanction_span, BreachRow, DisciplineRecord, ImportAttendance,
    LevelOption, RecordBreach, RecordSanction, SanctionRow, SaveAttendanceMonth, IMPORT_COLUMNS,
    IMPORT_MAX_BYTES, IMPORT_MAX_ROWS,
};
use crate::api::officials::ImportReport;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::form::{FieldError, TextField};
use crate::format::{date_id, group_thousands, MONTHS_ID};
use crate::pages::official_import::data_url;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub const IMPORT_PATH: &str = "/admin/kehadiran/impor";

/// The page of an official's record for a year (0: the current year).
pub fn discipline_href(official_id: &str, year: i32) -> String {
    if year > 0 {
        format!("/admin/pejabat/{official_id}/disiplin?tahun={year}")
    } else {
        format!("/admin/pejabat/{official_id}/disiplin")
    }
}

#[component]
pub fn DisciplinePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let year = move || query.read().get("tahun").and_then(|y| y.trim().parse::<i32>().ok()).unwrap_or(0);
    let attendance = ServerAction::<SaveAttendanceMonth>::new();
    let breach = ServerAction::<RecordBreach>::new();
    let sanction = ServerAction::<RecordSanction>::new();
    // The record reloads after a successful save only: reloading after an error would
    // re-render the forms and lose what was typed.
    let reload = RwSignal::new(0usize);
    let saved = move |ok: bool| {
        if ok {
            reload.update(|n| *n += 1);
        }
    };
    Effect::new(move |_| saved(attendance.value().get().is_some_and(|r| r.is_ok())));
    Effect::new(move |_| saved(breach.value().get().is_some_and(|r| r.is_ok())));
    Effect::new(move |_| saved(sanction.value().get().is_some_and(|r| r.is_ok())));
    let record =
        Resource::new(move || (id(), year(), reload.get()), |(id, year, _)| get_discipline_record(id, year));
    view! {
        <Title text="Kehadiran & disiplin"/>
        <p><a href=move || format!("/admin/pejabat/{}", id())>"‹ Data pejabat"</a></p>
        <Transition fallback=Loading>
            {move || record.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(rec) => view! { <Record rec attendance breach sanction/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Record(
    rec: DisciplineRecord,
    attendance: ServerAction<SaveAttendanceMonth>,
    breach: ServerAction<RecordBreach>,
    sanction: ServerAction<RecordSanction>,
) -> impl IntoView {
    let id = rec.official_id.to_string();
    let nip = rec.nip.clone().map(|n| format!("NIP {n} · ")).unwrap_or_default();
    view! {
        <div class="page-head">
            <h1>{format!("Kehadiran & disiplin: {}", rec.name)}</h1>
            <a class="button-secondary" href=IMPORT_PATH>"Impor kehadiran"</a>
        </div>
        <p>{format!("{nip}{}", rec.position_title)}</p>
        <form method="get" class="filters" aria-label="Pilih tahun">
            <div class="field">
                <label for="tahun">"Tahun"</label>
                <input id="tahun" name="tahun" type="number" min="2000" max="2100" value=rec.year.to_string()/>
            </div>
            <button type="submit" class="button-secondary">"Tampilkan"</button>
            <a href=discipline_href(&id, rec.year - 1)>{format!("‹ {}", rec.year - 1)}</a>
            <a href=discipline_href(&id, rec.year + 1)>{format!("{} ›", rec.year + 1)}</a>
        </form>
        <AttendanceTable rec=rec.clone()/>
        <AttendanceForm rec=rec.clone() action=attendance/>
        <Breaches rows=rec.breaches.clone() official_id=id.clone() year=rec.year action=breach/>
        <Sanctions rows=rec.sanctions.clone() levels=rec.levels.clone() official_id=id action=sanction/>
    }
}

#[component]
fn AttendanceTable(rec: DisciplineRecord) -> impl IntoView {
    let codes = rec.codes.clone();
    view! {
        <section class="card" aria-labelledby="judul-kehadiran">
            <h2 id="judul-kehadiran">{format!("Potongan kehadiran {}", rec.year)}</h2>
            <div class="table-wrap">
                <table>
                    <caption>"Jumlah kejadian per bulan menurut kode potongan; kosong berarti tidak ada"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Bulan"</th>
                            {codes.iter().map(|c| view! { <th scope="col" class="num">{c.clone()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {rec.months.into_iter().map(|m| {
                            let cells = codes.iter().map(|c| {
                                let n = m.counts.get(c).map(|n| n.to_string()).unwrap_or_default();
                                view! { <td class="num">{n}</td> }
                            }).collect_view();
                            view! {
                                <tr>
                                    <th scope="row">{MONTHS_ID[m.month as usize - 1]}</th>
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

/// One month's counts, a number field per code. The fields follow the chosen month; after an
/// error they keep what was typed.
#[component]
fn AttendanceForm(rec: DisciplineRecord, action: ServerAction<SaveAttendanceMonth>) -> impl IntoView {
    if rec.open_months == 0 {
        return view! {
            <section class="card">
                <h2>"Isi kehadiran sebulan"</h2>
                <p class="empty">{format!("Belum ada bulan yang berjalan pada tahun {}.", rec.year)}</p>
            </section>
        }
        .into_any();
    }
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let saved = move || action.value().get().is_some_and(|r| r.is_ok());
    let year = rec.year;
    let selected = RwSignal::new(rec.open_months);
    let months = StoredValue::new(rec.months.clone());
    let count_of = move |month: u32, code: &str| {
        months.with_value(|ms| {
            ms.get(month as usize - 1)
                .and_then(|m| m.counts.get(code))
                .map(|n| n.to_string())
                .unwrap_or_default()
        })
    };
    let month_error = Signal::derive(move || error.get().and_then(|e| e.field_message("month")));
    view! {
        <section class="card" aria-labelledby="judul-isi-kehadiran">
            <h2 id="judul-isi-kehadiran">"Isi kehadiran sebulan"</h2>
            <p>"Jumlah kejadian tiap kode pada bulan itu, dari rekap sistem presensi. Isian menggantikan catatan bulan itu; kosong atau 0 berarti tidak ada."</p>
            {move || saved().then(|| view! { <div class="alert alert-info" role="status">"Kehadiran tersimpan."</div> })}
            <ErrorBanner error/>
            <ActionForm action attr:class="official-form">
                <input type="hidden" name="official_id" value=rec.official_id.to_string()/>
                <div class="field">
                    <label for="month">"Bulan"</label>
                    <select id="month" name="month" aria-describedby="month-error"
                        aria-invalid=move || month_error.get().is_some().to_string()
                        on:change=move |ev| {
                            let m = event_target_value(&ev);
                            if let Some(m) = m.rsplit('-').next().and_then(|m| m.parse::<u32>().ok()) {
                                selected.set(m);
                            }
                        }>
                        {(1..=rec.open_months).map(|m| view! {
                            <option value=format!("{year}-{m:02}") selected=m == rec.open_months>
                                {month_label(year, m)}
                            </option>
                        }).collect_view()}
                    </select>
                    <FieldError name="month" error=month_error/>
                </div>
                <div class="field-row field-row-wrap">
                    {rec.codes.into_iter().map(|code| {
                        let field = format!("counts[{code}]");
                        let id = format!("counts-{code}");
                        let error_id = format!("{id}-error");
                        let initial = count_of(rec.open_months, &code);
                        let message = Signal::derive({
                            let field = field.clone();
                            move || error.get().and_then(|e| e.field_message(&field))
                        });
                        let code_value = code.clone();
                        view! {
                            <div class="field field-narrow">
                                <label for=id.clone()>{code}</label>
                                <input id=id name=field type="number" min="0" max="31" inputmode="numeric"
                                    value=initial
                                    prop:value=move || count_of(selected.get(), &code_value)
                                    aria-invalid=move || message.get().is_some().to_string()
                                    aria-describedby=error_id.clone()/>
                                <p id=error_id class="field-error" aria-live="polite">{move || message.get()}</p>
                            </div>
                        }
                    }).collect_view()}
                </div>
                <button type="submit" class="button-primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Menyimpan…" } else { "Simpan kehadiran" }}
                </button>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
fn Breaches(
    rows: Vec<BreachRow>,
    official_id: String,
    year: i32,
    action: ServerAction<RecordBreach>,
) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let err =
        move |field: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(field)));
    let saved = move || action.value().get().is_some_and(|r| r.is_ok());
    let list = if rows.is_empty() {
        view! { <p class="empty">{format!("Tidak ada pelanggaran tercatat pada tahun {year}.")}</p> }
            .into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table>
                    <caption>{format!("Pelanggaran pakta integritas tahun {year}")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Tanggal"</th>
                            <th scope="col">"Butir pakta"</th>
                            <th scope="col">"Sumber"</th>
                            <th scope="col">"Catatan"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|b| view! {
                            <tr>
                                <td><span class="nowrap">{date_id(b.occurred_on)}</span></td>
                                <td>{b.pact_point}</td>
                                <td>{b.source}</td>
                                <td>{b.note.unwrap_or_else(|| "—".to_string())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="judul-pelanggaran">
            <h2 id="judul-pelanggaran">"Pelanggaran pakta integritas"</h2>
            <p>"Pelanggaran yang tercatat pada suatu triwulan menjadikan rating perilaku kerja triwulan itu di bawah ekspektasi."</p>
            {list}
            <h3>"Catat pelanggaran"</h3>
            {move || saved().then(|| view! { <div class="alert alert-info" role="status">"Pelanggaran tercatat."</div> })}
            <ErrorBanner error/>
            <ActionForm action attr:class="official-form">
                <input type="hidden" name="official_id" value=official_id/>
                <div class="field-row">
                    <TextField label="Tanggal pelanggaran" name="occurred_on" value="" error=err("occurred_on")
                        kind="date" required=true/>
                    <TextField label="Butir pakta integritas" name="pact_point" value="" error=err("pact_point")
                        required=true hint="Nomor atau bunyi butir yang dilanggar."/>
                </div>
                <TextField label="Sumber" name="source" value="" error=err("source") required=true
                    hint="Misalnya Temuan Inspektorat, laporan masyarakat."/>
                <TextField label="Catatan" name="note" value="" error=err("note")
                    hint="Misalnya nomor laporan hasil pemeriksaan."/>
                <button type="submit" class="button-primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Menyimpan…" } else { "Catat pelanggaran" }}
                </button>
            </ActionForm>
        </section>
    }
}

fn percent_text(s: &SanctionRow) -> String {
    match (&s.percent, s.percent_from_policy) {
        (Some(p), true) => format!("{p}% (kebijakan)"),
        (Some(p), false) => format!("{p}%"),
        (None, _) => "—".to_string(),
    }
}

#[component]
fn Sanctions(
    rows: Vec<SanctionRow>,
    levels: Vec<LevelOption>,
    official_id: String,
    action: ServerAction<RecordSanction>,
) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let err =
        move |field: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(field)));
    let saved = move || action.value().get().is_some_and(|r| r.is_ok());
    let defaults: Vec<String> = levels.iter().map(|l| format!("{} {}%", l.label, l.percent)).collect();
    let percent_hint = format!("Kosongkan untuk memakai persentase kebijakan TPP: {}.", defaults.join(", "));
    let list = if rows.is_empty() {
        view! { <p class="empty">"Tidak ada hukuman disiplin yang berlaku pada tahun ini."</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table>
                    <caption>"Hukuman disiplin yang berlaku pada tahun ini"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Tingkat"</th>
                            <th scope="col">"Berlaku"</th>
                            <th scope="col" class="num">"Lama"</th>
                            <th scope="col" class="num">"Potongan TPP"</th>
                            <th scope="col">"Nomor SK"</th>
                            <th scope="col">"Catatan"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|s| view! {
                            <tr>
                                <td>{s.level_label.clone()}</td>
                                <td><span class="nowrap">{sanction_span(s.start_date, s.months)}</span></td>
                                <td class="num">{format!("{} bulan", s.months)}</td>
                                <td class="num">{percent_text(&s)}</td>
                                <td>{s.decree_number.clone().unwrap_or_else(|| "—".to_string())}</td>
                                <td>{s.note.clone().unwrap_or_else(|| "—".to_string())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let note_error = err("note");
    view! {
        <section class="card" aria-labelledby="judul-hukuman">
            <h2 id="judul-hukuman">"Hukuman disiplin"</h2>
            <p>"Selama hukuman berlaku, TPP dipotong sebesar persentasenya mulai bulan TMT. Hukuman tidak bertumpuk: yang terbesar berlaku."</p>
            {list}
            <h3>"Catat hukuman disiplin"</h3>
            {move || saved().then(|| view! { <div class="alert alert-info" role="status">"Hukuman disiplin tercatat."</div> })}
            <ErrorBanner error/>
            <ActionForm action attr:class="official-form">
                <input type="hidden" name="official_id" value=official_id/>
                <div class="field-row">
                    <div class="field">
                        <label for="level">"Tingkat hukuman"</label>
                        <select id="level" name="level" aria-describedby="level-error"
                            aria-invalid=move || err("level").get().is_some().to_string()>
                            <option value="">"— Pilih —"</option>
                            {levels.into_iter().map(|l| view! {
                                <option value=l.level>{format!("{} ({}%)", l.label, l.percent)}</option>
                            }).collect_view()}
                        </select>
                        <FieldError name="level" error=err("level")/>
                    </div>
                    <TextField label="TMT hukuman" name="start_date" value="" error=err("start_date")
                        kind="date" required=true/>
                    <TextField label="Lama (bulan)" name="months" value="" error=err("months")
                        kind="number" inputmode="numeric" required=true
                        hint="1 sampai 36 bulan."/>
                </div>
                <div class="field">
                    <label for="percent">"Potongan TPP (%)"</label>
                    <input id="percent" name="percent" type="text" inputmode="decimal"
                        aria-describedby="percent-hint percent-error"
                        aria-invalid=move || err("percent").get().is_some().to_string()/>
                    <p id="percent-hint" class="field-hint">{percent_hint}</p>
                    <FieldError name="percent" error=err("percent")/>
                </div>
                <TextField label="Nomor SK" name="decree_number" value="" error=err("decree_number")/>
                <div class="field">
                    <label for="sanction-note">"Catatan"</label>
                    <input id="sanction-note" name="note" type="text" aria-describedby="sanction-note-error"
                        aria-invalid=move || note_error.get().is_some().to_string()/>
                    <p id="sanction-note-error" class="field-error" aria-live="polite">{move || note_error.get()}</p>
                </div>
                <button type="submit" class="button-primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Menyimpan…" } else { "Catat hukuman" }}
                </button>
            </ActionForm>
        </section>
    }
}

/// The template: the header and example rows, semicolon separated as Indonesian Excel saves.
pub fn template_csv() -> String {
    let header: Vec<&str> = IMPORT_COLUMNS.iter().map(|c| c.0).collect();
    let example: Vec<&str> = IMPORT_COLUMNS.iter().map(|c| c.2).collect();
    format!("{}\r\n{}\r\n", header.join(";"), example.join(";"))
}

#[component]
pub fn AttendanceImportPage() -> impl IntoView {
    let import = ServerAction::<ImportAttendance>::new();
    let error = Signal::derive(move || import.value().get().and_then(|r| r.err()));
    let csv_error = Signal::derive(move || error.get().and_then(|e| e.field_message("csv")));
    let report = move || import.value().get().and_then(|r| r.ok());
    view! {
        <Title text="Impor kehadiran"/>
        <p><a href="/admin">"‹ Beranda Admin"</a></p>
        <h1>"Impor kehadiran dari CSV"</h1>
        <section class="card" aria-labelledby="judul-kolom">
            <h2 id="judul-kolom">"Kolom berkas"</h2>
            <p>
                "Satu baris untuk setiap pejabat, bulan dan kode potongan, seperti rekap sistem presensi. "
                "Baris pertama berisi nama kolom (urutan bebas; kolom lain diabaikan). Pemisah kolom titik koma (;) "
                "atau koma (,). Setiap baris menggantikan jumlah yang tersimpan untuk pejabat, bulan dan kode itu. "
                "Seluruh berkas diperiksa lebih dahulu; bila ada satu baris yang salah, tidak ada yang diimpor. "
                {format!("Paling banyak {} baris dan {} KB.", group_thousands(IMPORT_MAX_ROWS as i64), IMPORT_MAX_BYTES / 1024)}
            </p>
            <div class="table-wrap">
                <table>
                    <caption>"Kolom berkas impor kehadiran (semuanya wajib)"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Kolom"</th>
                            <th scope="col">"Format"</th>
                            <th scope="col">"Contoh"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {IMPORT_COLUMNS.into_iter().map(|(name, format, example)| view! {
                            <tr>
                                <td><code>{name}</code></td>
                                <td>{format}</td>
                                <td><span class="nowrap">{example}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p><a href=data_url(&template_csv()) download="templat-kehadiran.csv" class="button-secondary">"Unduh templat CSV"</a></p>
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
                {format!("{} baris kehadiran berhasil diimpor.", group_thousands(report.imported as i64))}
            </div>
        }
        .into_any();
    }
    view! {
        <div class="alert alert-error" role="alert">
            {format!("Tidak ada yang diimpor: {} masalah ditemukan. Perbaiki berkas lalu kirim ulang.", report.errors.len())}
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
