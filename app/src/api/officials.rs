//! Officials (pejabat) and OPDs for the HR admin: list, detail, save, deactivate.
//! Every function checks the admin role before anything else.
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Rows per page of the officials list.
pub const PER_PAGE: u64 = 25;

/// The list's query, exactly as in the page URL (`?q=&opd=&jenis=&status=&sort=&page=`).
/// Empty strings mean "no filter" / the default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialFilter {
    pub q: String,
    /// OPD id.
    pub opd: String,
    /// `PositionKind::as_str()`.
    pub jenis: String,
    /// `aktif` (default), `nonaktif` or `semua`.
    pub status: String,
    /// `nama` (default), `nip`, `opd`, `kelas`; a leading `-` sorts descending.
    pub sort: String,
    pub page: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialRow {
    pub id: Uuid,
    pub nip: Option<String>,
    pub name: String,
    pub position_title: String,
    pub position_kind: String,
    pub job_class: i32,
    pub opd_name: String,
    pub monthly_ceiling: i64,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialPage {
    pub rows: Vec<OfficialRow>,
    /// Officials matching the filter, over all pages.
    pub total: u64,
    /// 1-based, clamped to the last page.
    pub page: u64,
    pub pages: u64,
}

/// One official as the edit form needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialDetail {
    pub id: Uuid,
    pub nip: Option<String>,
    pub name: String,
    pub rank: Option<String>,
    pub grade: Option<String>,
    pub position_title: String,
    pub position_kind: String,
    pub job_class: i32,
    pub opd_id: Uuid,
    pub supervisor_id: Option<Uuid>,
    pub position_start: chrono::NaiveDate,
    pub monthly_ceiling: i64,
    pub active: bool,
    pub row_version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpdOption {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// An active official who can be chosen as atasan langsung.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisorOption {
    pub id: Uuid,
    pub name: String,
    pub position_title: String,
}

/// The edit form as typed: every field a string, so that the server can say which one is wrong.
/// `id` empty means a new official; a missing field is an empty one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OfficialInput {
    pub id: String,
    pub row_version: String,
    pub nip: String,
    pub name: String,
    pub rank: String,
    pub grade: String,
    pub position_title: String,
    pub position_kind: String,
    pub job_class: String,
    pub opd_id: String,
    pub supervisor_id: String,
    pub position_start: String,
    pub monthly_ceiling: String,
}

#[server(endpoint = "admin/officials/list")]
pub async fn list_officials(
    #[server(default)] q: String,
    #[server(default)] opd: String,
    #[server(default)] jenis: String,
    #[server(default)] status: String,
    #[server(default)] sort: String,
    #[server(default)] page: u64,
) -> Result<OfficialPage, AppError> {
    use crate::domain::Role;
    use crate::server::audit;
    use crate::server::{context, officials};
    let admin = context::require_role(Role::Admin)?;
    let filter = OfficialFilter { q, opd, jenis, status, sort, page };
    let state = context::app_state()?;
    let db = &state.db;
    let found = officials::list(db, &filter).await?;
    // The list shows each official's TPP ceiling (pagu).
    let detail = serde_json::json!({
        "cari": filter.q, "opd": filter.opd, "jenis": filter.jenis, "status": filter.status, "halaman": filter.page,
    });
    audit::record_pay_read(
        &state.read_log,
        Some(admin.account_id),
        "official",
        None,
        "admin/officials/list",
        detail,
        chrono::Utc::now(),
    )
    .await?;
    Ok(found)
}

#[server(endpoint = "admin/officials/get")]
pub async fn get_official(#[server(default)] id: String) -> Result<OfficialDetail, AppError> {
    use crate::domain::Role;
    use crate::server::audit;
    use crate::server::{context, officials};
    let admin = context::require_role(Role::Admin)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let state = context::app_state()?;
    let db = &state.db;
    let detail = officials::get(db, id).await?;
    // The record shows the official's TPP ceiling (pagu).
    let what = serde_json::json!({});
    audit::record_pay_read(
        &state.read_log,
        Some(admin.account_id),
        "official",
        Some(id.to_string()),
        "admin/officials/get",
        what,
        chrono::Utc::now(),
    )
    .await?;
    Ok(detail)
}

/// Creates (empty `id`) or updates an official; returns the id. A new official's page opens.
/// The form's fields arrive flat (`nip=...&name=...`), so a plain HTML form posts them as they are.
#[server(endpoint = "admin/officials/save")]
pub async fn save_official(#[server(flatten)] input: OfficialInput) -> Result<Uuid, AppError> {
    use crate::domain::Role;
    use crate::server::{context, officials};
    let admin = context::require_role(Role::Admin)?;
    let saved =
        officials::save(&context::app_state()?.db, &input, Some(admin.account_id), chrono::Utc::now())
            .await?;
    if input.id.trim().is_empty() {
        leptos_axum::redirect(&format!("/admin/pejabat/{saved}?baru=1"));
    }
    Ok(saved)
}

/// Deactivates (`active=false`) or reactivates an official; `row_version` guards lost updates.
#[server(endpoint = "admin/officials/set_active")]
pub async fn set_official_active(
    #[server(default)] id: String,
    #[server(default)] row_version: String,
    #[server(default)] active: bool,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{context, officials};
    let admin = context::require_role(Role::Admin)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let row_version = row_version.trim().parse::<i32>().map_err(|_| AppError::NotFound)?;
    officials::set_active(
        &context::app_state()?.db,
        id,
        row_version,
        active,
        Some(admin.account_id),
        chrono::Utc::now(),
    )
    .await?;
    // Without JavaScript, land on the official's page without the confirmation step.
    leptos_axum::redirect(&format!("/admin/pejabat/{id}"));
    Ok(())
}

/// Active officials, for the atasan langsung select.
#[server(endpoint = "admin/officials/options")]
pub async fn supervisor_options() -> Result<Vec<SupervisorOption>, AppError> {
    use crate::domain::Role;
    use crate::server::{context, officials};
    context::require_role(Role::Admin)?;
    officials::supervisor_options(&context::app_state()?.db).await
}

/// OPDs, for filters and selects.
#[server(endpoint = "admin/opds/options")]
pub async fn opd_options() -> Result<Vec<OpdOption>, AppError> {
    use crate::domain::Role;
    use crate::server::{context, officials};
    context::require_role(Role::Admin)?;
    officials::opd_options(&context::app_state()?.db).await
}

/// The mutasi form as typed: the new position, its TMT and a note. `id` and `row_version` are
/// the official's, as the page loaded them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TransferInput {
    pub id: String,
    pub row_version: String,
    pub opd_id: String,
    pub position_title: String,
    pub position_kind: String,
    pub job_class: String,
    pub supervisor_id: String,
    pub monthly_ceiling: String,
    /// TMT of the new position, `YYYY-MM-DD`.
    pub tmt: String,
    pub note: String,
}

/// One row of riwayat jabatan (position history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionRow {
    pub id: Uuid,
    pub opd_name: String,
    pub position_title: String,
    pub position_kind: String,
    pub job_class: i32,
    pub supervisor_name: Option<String>,
    pub monthly_ceiling: i64,
    pub start_date: chrono::NaiveDate,
    pub end_date: Option<chrono::NaiveDate>,
    pub reason: String,
}

/// One of an official's pacts as their record lists it (issue 16: the record links to them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialPact {
    pub pact_id: Uuid,
    pub year: i32,
    /// Of the latest version.
    pub version_no: i32,
    /// `PactStatus::as_str()` of the latest version.
    pub status: String,
}

/// An official's pacts, newest year first.
#[server(endpoint = "admin/officials/pacts")]
pub async fn official_pacts(#[server(default)] id: String) -> Result<Vec<OfficialPact>, AppError> {
    use crate::domain::Role;
    use crate::server::{context, pacts};
    context::require_role(Role::Admin)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    pacts::of_official(&context::app_state()?.db, id).await
}

/// Riwayat jabatan, newest first.
#[server(endpoint = "admin/officials/history")]
pub async fn position_history(#[server(default)] id: String) -> Result<Vec<PositionRow>, AppError> {
    use crate::domain::Role;
    use crate::server::{audit, context, transfer};
    let admin = context::require_role(Role::Admin)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let state = context::app_state()?;
    let rows = transfer::history(&state.db, id).await?;
    // Each row carries the pagu TPP of that period: a read of pay like the official's record.
    audit::record_pay_read(
        &state.read_log,
        Some(admin.account_id),
        "official",
        Some(id.to_string()),
        "admin/officials/history",
        serde_json::json!({}),
        chrono::Utc::now(),
    )
    .await?;
    Ok(rows)
}

/// Mutasi: closes the current position on TMT − 1 day and opens the new one, in one
/// transaction. Lands on the official's page.
#[server(endpoint = "admin/officials/transfer")]
pub async fn transfer_official(#[server(flatten)] input: TransferInput) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{context, transfer};
    let admin = context::require_role(Role::Admin)?;
    let id =
        transfer::transfer(&context::app_state()?.db, &input, Some(admin.account_id), chrono::Utc::now())
            .await?;
    leptos_axum::redirect(&format!("/admin/pejabat/{id}?mutasi=1"));
    Ok(())
}

/// Columns of the officials CSV, in template order: (name, required, format, example).
pub const IMPORT_COLUMNS: [(&str, bool, &str, &str); 11] = [
    ("nip", true, "18 digit, boleh dengan spasi", "19800101 200501 1 001"),
    ("nama", true, "Nama lengkap dengan gelar", "Drs. Budi Santoso, M.Si."),
    ("pangkat", false, "Teks", "Pembina"),
    ("golongan", false, "I/a sampai IV/e", "IV/a"),
    ("jabatan", true, "Teks", "Kepala Bidang Destinasi"),
    ("jenis_jabatan", true, "jpt_pratama, administrator, atau pengawas", "administrator"),
    ("kelas_jabatan", true, "Bilangan bulat 1–17", "11"),
    ("kode_opd", true, "Kode perangkat daerah yang terdaftar", "DISPAR"),
    (
        "nip_atasan",
        true,
        "NIP atasan langsung: pejabat terdaftar atau baris lain di berkas ini",
        "19700101 199503 1 001",
    ),
    ("tmt_jabatan", true, "YYYY-MM-DD atau DD-MM-YYYY", "2026-01-02"),
    ("pagu_tpp", true, "Rupiah bulat, titik pemisah ribuan boleh", "16.000.000"),
];
/// Largest accepted file, in bytes.
pub const IMPORT_MAX_BYTES: usize = 1024 * 1024;
/// Most officials in one file.
pub const IMPORT_MAX_ROWS: usize = 5_000;

/// One bad line of an import file. `line` is the line in the file (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLineError {
    pub line: usize,
    /// The column at fault, when there is one.
    pub column: Option<String>,
    pub message: String,
}

/// What an import did: either `imported` officials, or nothing and every bad line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub imported: usize,
    pub errors: Vec<ImportLineError>,
}

/// Imports officials from CSV text (comma or semicolon separated, header first). All or nothing.
#[server(endpoint = "admin/officials/import")]
pub async fn import_officials(#[server(default)] csv: String) -> Result<ImportReport, AppError> {
    use crate::domain::Role;
    use crate::server::{context, official_import};
    let admin = context::require_role(Role::Admin)?;
    official_import::import(&context::app_state()?.db, &csv, Some(admin.account_id), chrono::Utc::now()).await
}
