//! The first page of each role.
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub opd_count: u64,
    pub official_count: u64,
    pub account_count: u64,
    pub opds: Vec<OpdHeadcount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpdHeadcount {
    pub code: String,
    pub name: String,
    pub officials: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProfile {
    pub name: String,
    pub nip: Option<String>,
    pub rank: Option<String>,
    pub grade: Option<String>,
    pub position_title: String,
    pub position_kind: String,
    pub job_class: i32,
    pub opd_name: String,
    pub supervisor: Option<String>,
    pub position_start: chrono::NaiveDate,
    pub monthly_ceiling: i64,
    pub direct_reports: u64,
}

/// Per-OPD headcounts for DPRD: counts only, small groups hidden (`domain::privacy`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DprdOverview {
    pub opd_count: u64,
    pub official_count: u64,
    pub rows: Vec<DprdOpdRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DprdOpdRow {
    pub opd_name: String,
    /// `None` when fewer than the privacy minimum of officials would be shown.
    pub jpt: Option<u64>,
    pub administrator: Option<u64>,
    pub pengawas: Option<u64>,
    pub total: Option<u64>,
}

#[server(endpoint = "admin/overview")]
pub async fn get_admin_overview() -> Result<AdminOverview, AppError> {
    use crate::domain::Role;
    use crate::server::{context, overview};
    context::require_role(Role::Admin)?;
    overview::admin(&context::app_state()?.db).await
}

#[server(endpoint = "me/profile")]
pub async fn get_my_profile() -> Result<MyProfile, AppError> {
    use crate::domain::Role;
    use crate::server::{context, overview};
    let user = context::require_role(Role::Official)?;
    use crate::server::audit;
    let official_id = user.official_id.ok_or(AppError::NotFound)?;
    let state = context::app_state()?;
    let db = &state.db;
    let profile = overview::profile(db, official_id).await?;
    // The profile shows the official's own TPP ceiling (pagu).
    let whose = Some(official_id.to_string());
    let what = serde_json::json!({});
    audit::record_pay_read(
        &state.read_log,
        Some(user.account_id),
        "official",
        whose,
        "me/profile",
        what,
        chrono::Utc::now(),
    )
    .await?;
    Ok(profile)
}

#[server(endpoint = "dprd/overview")]
pub async fn get_dprd_overview() -> Result<DprdOverview, AppError> {
    use crate::domain::Role;
    use crate::server::{context, overview};
    let user = context::require_role(Role::Dprd)?;
    let state = context::app_state()?;
    let figures = overview::dprd(&state.db).await?;
    // Figures DPRD sees are recorded, as the dashboard's are.
    crate::server::dprd::record_overview(&state.read_log, &user, chrono::Utc::now()).await?;
    Ok(figures)
}
