//! `/admin/pejabat/{id}/disiplin` (`?tahun=`): an official's attendance cuts per month, integrity
//! breaches and disciplinary sanctions for a year, with the forms that record them; and
//! `/admin/kehadiran/impor`: attendance cuts from a CSV file, all or nothing.
use crate::api::discipline::{
    get_discipline_record, month_index, BreachRow, DisciplineRecord, ImportAttendance, LevelOption,
    RecordBreach, RecordSanction, SanctionRow, SaveAttendanceMonth, IMPORT_COLUMNS, IMPORT_MAX_BYTES,
    IMPORT_MAX_ROWS,
};
use crate::api::officials::ImportReport;
use crate::components::action::server_action;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::form::{FieldError, TextField};
use crate::error::AppError;
use crate::format::group_thousands;
use crate::i18n::{is_en, lang, message, month_name_in, t};
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

/// "Maret 2026" / "March 2026".
fn month_label(year: i32, month: u32) -> String {
    format!("{} {year}", month_name_in(lang(), month.clamp(1, 12)))
}

/// "1 November 2026 – April 2027": a sanction's span, from its TMT to its last month.
fn sanction_span(start: chrono::NaiveDate, months: i32) -> String {
    use chrono::Datelike;
    let last = month_index(start.year(), start.month()) + i64::from(months.max(1)) - 1;
    let (y, m) = (last.div_euclid(12) as i32, last.rem_euclid(12) as u32 + 1);
    format!("{} – {}", crate::i18n::date(start), month_label(y, m))
}

/// A sanction level's name: the server's Indonesian ("ringan"), or the English of the
/// PP 94/2021 levels; other levels as recorded.
fn level_name(level: &str, label_id: &str) -> String {
    let en = match level {
        "light" => "light",
        "moderate" => "moderate",
        "heavy" => "heavy",
        _ => return label_id.to_string(),
    };
    lang().pick(label_id, en).to_string()
}

/// "3 bulan" / "3 months".
fn months_text(n: i32) -> String {
    match (is_en(), n) {
        (false, _) => format!("{n} bulan"),
        (true, 1) => "1 month".to_string(),
        (true, _) => format!("{n} months"),
    }
}

#[component]
pub fn DisciplinePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let year = move || query.read().get("tahun").and_then(|y| y.trim().parse::<i32>().ok()).unwrap_or(0);
    let attendance = server_action::<SaveAttendanceMonth>();
    let breach = server_action::<RecordBreach>();
    let sanction = server_action::<RecordSanction>();
    // Rendered on the server only (issue 15): a save returns to this page, which reads the record
    // anew and shows the save's answer or error.
    let record = Resource::new(move || (id(), year()), |(id, year)| get_discipline_record(id, year));
    view! {
        <Title text=t("Kehadiran & disiplin", "Attendance & discipline")/>
        <p><a href=move || format!("/admin/pejabat/{}", id())>{t("‹ Data pejabat", "‹ Official")}</a></p>
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
    let heading = format!("{}: {}", t("Kehadiran & disiplin", "Attendance & discipline"), rec.name);
    view! {
        <div class="page-head">
            <h1>{heading}</h1>
            <a class="button-secondary" href=IMPORT_PATH>{t("Impor kehadiran", "Import attendance")}</a>
        </div>
        <p>{format!("{nip}{}", rec.position_title)}</p>
        <form method="get" class="filters" aria-label=t("Pilih tahun", "Choose a year")>
            <div class="field">
                <label for="tahun">{t("Tahun", "Year")}</label>
                <input id="tahun" name="tahun" type="number" min="2000" max="2100" value=rec.year.to_string()/>
            </div>
            <button type="submit" class="button-secondary">{t("Tampilkan", "Show")}</button>
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
    let heading = format!("{} {}", t("Potongan kehadiran", "Attendance deductions"), rec.year);
    view! {
        <section class="card" aria-labelledby="judul-kehadiran">
            <h2 id="judul-kehadiran">{heading}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-kehadiran">
                <table>
                    <caption id="tabel-kehadiran">{t(
                        "Jumlah kejadian per bulan menurut kode potongan; kosong berarti tidak ada",
                        "Occurrences per month by deduction code; empty means none",
                    )}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Bulan", "Month")}</th>
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
                                    <th scope="row">{month_name_in(lang(), m.month)}</th>
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
        let empty = if is_en() {
            format!("No month of {} has begun yet.", rec.year)
        } else {
            format!("Belum ada bulan yang berjalan pada tahun {}.", rec.year)
        };
        return view! {
            <section class="card">
                <h2>{t("Isi kehadiran sebulan", "Enter a month's attendance")}</h2>
                <p class="empty">{empty}</p>
            </section>
        }
        .into_any();
    }
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let saved = move || action.value().get().is_some_and(|r| r.is_ok());
    let official_id = rec.official_id.to_string();
    let current_error = error.get_untracked();
    view! {
        <section class="card" aria-labelledby="judul-isi-kehadiran">
            <h2 id="judul-isi-kehadiran">{t("Isi kehadiran sebulan", "Enter a month's attendance")}</h2>
            <p>{t(
                "Jumlah kejadian tiap kode pada bulan itu, dari rekap sistem presensi. Isian menggantikan catatan bulan itu; kosong atau 0 berarti tidak ada.",
                "The number of occurrences of each code in that month, from the attendance system's summary. What you enter replaces that month's record; empty or 0 means none.",
            )}</p>
            {move || saved().then(|| view! { <div class="alert alert-info" role="status">{t("Kehadiran tersimpan.", "Attendance saved.")}</div> })}
            <ErrorBanner error/>
            <ActionForm action attr:class="official-form">
                <input type="hidden" name="official_id" value=official_id/>
                <MonthCounts rec error=current_error/>
                <button type="submit" class="button-primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t("Menyimpan…", "Saving…") } else { t("Simpan kehadiran", "Save attendance") }}
                </button>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// The month and its counts: an island (issue 15), so the fields follow the chosen month. Before
/// the wasm runs (and without JavaScript) the choice is fixed to the latest month, sent by the
/// hidden field: choosing another month would otherwise save this month's counts over it.
#[island(lazy)]
fn MonthCounts(rec: DisciplineRecord, error: Option<AppError>) -> impl IntoView {
    let error = Signal::stored(error);
    let year = rec.year;
    let selected = RwSignal::new(rec.open_months);
    let hydrated = crate::components::enhance::hydrated();
    let latest_month = format!("{year}-{:02}", rec.open_months);
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
        <div class="field">
            <label for="month">{t("Bulan", "Month")}</label>
            <input type="hidden" name="month" value=latest_month disabled=move || hydrated.get()/>
            <select id="month" name="month" aria-describedby="month-error"
                disabled=move || !hydrated.get()
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
    }
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
        let empty = if is_en() {
            format!("No breaches recorded in {year}.")
        } else {
            format!("Tidak ada pelanggaran tercatat pada tahun {year}.")
        };
        view! { <p class="empty">{empty}</p> }.into_any()
    } else {
        let caption = if is_en() {
            format!("Integrity pact breaches in {year}")
        } else {
            format!("Pelanggaran pakta integritas tahun {year}")
        };
        view! {
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-pelanggaran">
                <table>
                    <caption id="tabel-pelanggaran">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Tanggal", "Date")}</th>
                            <th scope="col">{t("Butir pakta", "Pact clause")}</th>
                            <th scope="col">{t("Sumber", "Source")}</th>
                            <th scope="col">{t("Catatan", "Note")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|b| view! {
                            <tr>
                                <td><span class="nowrap">{crate::i18n::date(b.occurred_on)}</span></td>
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
            <h2 id="judul-pelanggaran">{t("Pelanggaran pakta integritas", "Integrity pact breaches")}</h2>
            <p>{t(
                "Pelanggaran yang tercatat pada suatu triwulan menjadikan rating perilaku kerja triwulan itu di bawah ekspektasi.",
                "A breach recorded in a quarter makes that quarter's work behaviour rating Below Expectations.",
            )}</p>
            {list}
            <h3>{t("Catat pelanggaran", "Record a breach")}</h3>
            {move || saved().then(|| view! { <div class="alert alert-info" role="status">{t("Pelanggaran tercatat.", "Breach recorded.")}</div> })}
            <ErrorBanner error/>
            <ActionForm action attr:class="official-form">
                <input type="hidden" name="official_id" value=official_id/>
                <div class="field-row">
                    <TextField label=t("Tanggal pelanggaran", "Date of the breach") name="occurred_on" value=""
                        error=err("occurred_on") kind="date" required=true/>
                    <TextField label=t("Butir pakta integritas", "Integrity pact clause") name="pact_point" value=""
                        error=err("pact_point") required=true
                        hint=t("Nomor atau bunyi butir yang dilanggar.", "The number or wording of the clause breached.")/>
                </div>
                <TextField label=t("Sumber", "Source") name="source" value="" error=err("source") required=true
                    hint=t("Misalnya Temuan Inspektorat, laporan masyarakat.", "For example an Inspectorate finding or a public report.")/>
                <TextField label=t("Catatan", "Note") name="note" value="" error=err("note")
                    hint=t("Misalnya nomor laporan hasil pemeriksaan.", "For example the number of the audit report.")/>
                <button type="submit" class="button-primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t("Menyimpan…", "Saving…") } else { t("Catat pelanggaran", "Record breach") }}
                </button>
            </ActionForm>
        </section>
    }
}

fn percent_text(s: &SanctionRow) -> String {
    match (&s.percent, s.percent_from_policy) {
        (Some(p), true) => format!("{p}% ({})", t("kebijakan", "policy")),
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
    let defaults: Vec<String> =
        levels.iter().map(|l| format!("{} {}%", level_name(&l.level, &l.label), l.percent)).collect();
    let percent_hint = if is_en() {
        format!("Leave empty to use the TPP policy's percentage: {}.", defaults.join(", "))
    } else {
        format!("Kosongkan untuk memakai persentase kebijakan TPP: {}.", defaults.join(", "))
    };
    let list = if rows.is_empty() {
        view! {
            <p class="empty">{t("Tidak ada hukuman disiplin yang berlaku pada tahun ini.", "No disciplinary sanctions in force this year.")}</p>
        }
        .into_any()
    } else {
        view! {
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-hukuman">
                <table>
                    <caption id="tabel-hukuman">{t("Hukuman disiplin yang berlaku pada tahun ini", "Disciplinary sanctions in force this year")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Tingkat", "Level")}</th>
                            <th scope="col">{t("Berlaku", "In force")}</th>
                            <th scope="col" class="num">{t("Lama", "Duration")}</th>
                            <th scope="col" class="num">{t("Potongan TPP", "TPP deduction")}</th>
                            <th scope="col">{t("Nomor SK", "Decree number")}</th>
                            <th scope="col">{t("Catatan", "Note")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|s| view! {
                            <tr>
                                <td>{level_name(&s.level, &s.level_label)}</td>
                                <td><span class="nowrap">{sanction_span(s.start_date, s.months)}</span></td>
                                <td class="num">{months_text(s.months)}</td>
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
            <h2 id="judul-hukuman">{t("Hukuman disiplin", "Disciplinary sanctions")}</h2>
            <p>{t(
                "Selama hukuman berlaku, TPP dipotong sebesar persentasenya mulai bulan TMT. Hukuman tidak bertumpuk: yang terbesar berlaku.",
                "While a sanction is in force, TPP is cut by its percentage from the month of its effective date (TMT). Sanctions do not add up: the largest applies.",
            )}</p>
            {list}
            <h3>{t("Catat hukuman disiplin", "Record a disciplinary sanction")}</h3>
            {move || saved().then(|| view! { <div class="alert alert-info" role="status">{t("Hukuman disiplin tercatat.", "Disciplinary sanction recorded.")}</div> })}
            <ErrorBanner error/>
            <ActionForm action attr:class="official-form">
                <input type="hidden" name="official_id" value=official_id/>
                <div class="field-row">
                    <div class="field">
                        <label for="level">{t("Tingkat hukuman", "Sanction level")}</label>
                        <select id="level" name="level" aria-describedby="level-error"
                            aria-invalid=move || err("level").get().is_some().to_string()>
                            <option value="">{t("— Pilih —", "— Choose —")}</option>
                            {levels.into_iter().map(|l| {
                                let text = format!("{} ({}%)", level_name(&l.level, &l.label), l.percent);
                                view! { <option value=l.level>{text}</option> }
                            }).collect_view()}
                        </select>
                        <FieldError name="level" error=err("level")/>
                    </div>
                    <TextField label=t("TMT hukuman", "Effective date (TMT)") name="start_date" value=""
                        error=err("start_date") kind="date" required=true/>
                    <TextField label=t("Lama (bulan)", "Duration (months)") name="months" value="" error=err("months")
                        kind="number" inputmode="numeric" required=true
                        hint=t("1 sampai 36 bulan.", "1 to 36 months.")/>
                </div>
                <div class="field">
                    <label for="percent">{t("Potongan TPP (%)", "TPP deduction (%)")}</label>
                    <input id="percent" name="percent" type="text" inputmode="decimal"
                        aria-describedby="percent-hint percent-error"
                        aria-invalid=move || err("percent").get().is_some().to_string()/>
                    <p id="percent-hint" class="field-hint">{percent_hint}</p>
                    <FieldError name="percent" error=err("percent")/>
                </div>
                <TextField label=t("Nomor SK", "Decree number (SK)") name="decree_number" value="" error=err("decree_number")/>
                <div class="field">
                    <label for="sanction-note">{t("Catatan", "Note")}</label>
                    <input id="sanction-note" name="note" type="text" aria-describedby="sanction-note-error"
                        aria-invalid=move || note_error.get().is_some().to_string()/>
                    <p id="sanction-note-error" class="field-error" aria-live="polite">{move || note_error.get()}</p>
                </div>
                <button type="submit" class="button-primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t("Menyimpan…", "Saving…") } else { t("Catat hukuman", "Record sanction") }}
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

/// A column's format as the page describes it: the English for the columns of `IMPORT_COLUMNS`
/// (whose descriptions are Indonesian), the Indonesian as it is.
fn column_format(name: &str, format_id: &'static str) -> &'static str {
    let en = match name {
        "nip" => "NIP of a registered official, 18 digits, spaces allowed",
        "bulan" => "YYYY-MM, a month that has already begun",
        "kode" => "A deduction code of the TPP policy in force that month (TL1–TL4, PSW1–PSW4, TA, TK)",
        "jumlah" => "Whole number 0–31; 0 deletes the record for that code",
        _ => format_id,
    };
    t(format_id, en)
}

#[component]
pub fn AttendanceImportPage() -> impl IntoView {
    let import = server_action::<ImportAttendance>();
    let error = Signal::derive(move || import.value().get().and_then(|r| r.err()));
    let csv_error = Signal::derive(move || error.get().and_then(|e| e.field_message("csv")));
    let report = move || import.value().get().and_then(|r| r.ok());
    let limits = crate::components::form::import_limits(IMPORT_MAX_ROWS, IMPORT_MAX_BYTES);
    view! {
        <Title text=t("Impor kehadiran", "Import attendance")/>
        <p><a href="/admin">{t("‹ Beranda Admin", "‹ Admin home")}</a></p>
        <h1>{t("Impor kehadiran dari CSV", "Import attendance from CSV")}</h1>
        <section class="card" aria-labelledby="judul-kolom">
            <h2 id="judul-kolom">{t("Kolom berkas", "File columns")}</h2>
            <p>
                {t(
                    "Satu baris untuk setiap pejabat, bulan dan kode potongan, seperti rekap sistem presensi. \
                     Baris pertama berisi nama kolom (urutan bebas; kolom lain diabaikan). Pemisah kolom titik koma (;) \
                     atau koma (,). Setiap baris menggantikan jumlah yang tersimpan untuk pejabat, bulan dan kode itu. \
                     Seluruh berkas diperiksa lebih dahulu; bila ada satu baris yang salah, tidak ada yang diimpor. ",
                    "One row for each official, month and deduction code, as in the attendance system's summary. \
                     The first row holds the column names (in any order; other columns are ignored). Columns are \
                     separated by semicolons (;) or commas (,). Each row replaces the count stored for that official, \
                     month and code. The whole file is checked first; if any row is wrong, nothing is imported. ",
                )}
                {limits}
            </p>
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="tabel-kolom">
                <table>
                    <caption id="tabel-kolom">{t(
                        "Kolom berkas impor kehadiran (semuanya wajib)",
                        "Columns of the attendance import file (all required)",
                    )}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Kolom", "Column")}</th>
                            <th scope="col">{t("Format", "Format")}</th>
                            <th scope="col">{t("Contoh", "Example")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {IMPORT_COLUMNS.into_iter().map(|(name, format, example)| view! {
                            <tr>
                                <td><code>{name}</code></td>
                                <td>{column_format(name, format)}</td>
                                <td><span class="nowrap">{example}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p><a href=data_url(&template_csv()) download="templat-kehadiran.csv" class="button-secondary">{t("Unduh templat CSV", "Download CSV template")}</a></p>
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
            let noun = if report.imported == 1 { "row" } else { "rows" };
            format!("{imported} attendance {noun} imported.")
        } else {
            format!("{imported} baris kehadiran berhasil diimpor.")
        };
        return view! { <div class="alert alert-info" role="status">{done}</div> }.into_any();
    }
    let failed = if is_en() {
        let problems = match report.errors.len() {
            1 => "1 problem found".to_string(),
            n => format!("{n} problems found"),
        };
        format!("Nothing was imported: {problems}. Fix the file and submit it again.")
    } else {
        format!(
            "Tidak ada yang diimpor: {} masalah ditemukan. Perbaiki berkas lalu kirim ulang.",
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
