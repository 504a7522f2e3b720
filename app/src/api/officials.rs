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
    use crate::server::{context, officials};
    context::require_role(Role::Admin)?;
    let filter = OfficialFilter { q, opd, jenis, status, sort, page };
    officials::list(&context::app_state()?.db, &filter).await
}

#[server(endpoint = "admin/officials/get")]
pub async fn get_official(id: String) -> Result<OfficialDetail, AppError> {
    use crate::domain::Role;
    use crate::server::{context, officials};
    context::require_role(Role::Admin)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    officials::get(&context::app_state()?.db, id).await
}

/// Creates (empty `id`) or updates an official; returns the id. A new official's page opens.
/// The form's fields arrive flat (`nip=...&name=...`), so a plain HTML form posts them as they are.
#[server(endpoint = "admin/officials/save")]
pub async fn save_official(#[server(flatten)] input: OfficialInput) -> Result<Uuid, AppError> {
    use crate::domain::Role;
    use crate::server::{context, officials};
    context::require_role(Role::Admin)?;
    let saved = officials::save(&context::app_state()?.db, &input, chrono::Utc::now()).await?;
    if input.id.trim().is_empty() {
        leptos_axum::redirect(&format!("/admin/pejabat/{saved}?baru=1"));
    }
    Ok(saved)
}

/// Deactivates (`active=false`) or reactivates an official; `row_version` guards lost updates.
#[server(endpoint = "admin/officials/set_active")]
pub async fn set_official_active(id: String, row_version: String, active: bool) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{context, officials};
    context::require_role(Role::Admin)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let row_version = row_version.trim().parse::<i32>().map_err(|_| AppError::NotFound)?;
    officials::set_active(&context::app_state()?.db, id, row_version, active).await?;
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
