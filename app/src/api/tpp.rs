//! The quarter's TPP run, lock and Daftar Nominatif (admin only).
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunReport {
    pub run_id: Uuid,
    /// Officials whose quarter was computed and stored.
    pub computed: usize,
    /// Officials left out, with the reason (missing realisations or behaviour rating, ...).
    pub skipped: Vec<(String, String)>,
    /// Σ gross of the stored months, Rupiah.
    pub total: i64,
}

/// How far the latest run of a quarter has got.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunProgress {
    pub running: bool,
    /// The run stopped on an error (nothing of it was stored).
    pub failed: bool,
    /// Officials looked at so far, of `total`.
    pub processed: u32,
    pub total: u32,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub finished_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One line of the Daftar Nominatif TPP.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NominatifRow {
    pub official_id: Uuid,
    pub name: String,
    pub nip: String,
    pub position_title: String,
    pub job_class: i32,
    pub opd_code: String,
    pub month: u32,
    pub ceiling: i64,
    pub discipline_cut_percent: String,
    pub discipline: i64,
    pub productivity_factor: String,
    pub productivity: i64,
    pub sanction_cut: i64,
    pub gross: i64,
}

#[cfg(feature = "ssr")]
fn opd_of(opd: &str) -> Result<Option<Uuid>, AppError> {
    match opd.trim() {
        "" => Ok(None),
        id => Uuid::parse_str(id)
            .map(Some)
            .map_err(|_| AppError::validation("opd", "Perangkat daerah tidak dikenal.")),
    }
}

/// Computes and stores the quarter's TPP (all officials, or one OPD by id); replaces earlier
/// results of the same officials unless the quarter is locked.
#[server(endpoint = "admin/tpp/run")]
pub async fn run_tpp(
    #[server(default)] year: i32,
    #[server(default)] quarter: u32,
    #[server(default)] opd: String,
) -> Result<RunReport, AppError> {
    use crate::domain::Role;
    use crate::server::{context, tpp_run};
    let admin = context::require_role(Role::Admin)?;
    tpp_run::run(
        &context::app_state()?.db,
        year,
        quarter,
        opd_of(&opd)?,
        Some(admin.account_id),
        chrono::Utc::now(),
    )
    .await
}

/// Locks the quarter: no more runs, realisations or ratings for it.
#[server(endpoint = "admin/tpp/lock")]
pub async fn lock_quarter(
    #[server(default)] year: i32,
    #[server(default)] quarter: u32,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{context, tpp_run};
    let admin = context::require_role(Role::Admin)?;
    tpp_run::lock(&context::app_state()?.db, year, quarter, Some(admin.account_id), chrono::Utc::now()).await
}

/// The stored Daftar Nominatif TPP of the quarter (`opd`: an OPD code, or empty for all).
#[server(endpoint = "admin/tpp/nominatif")]
pub async fn tpp_nominatif(
    #[server(default)] year: i32,
    #[server(default)] quarter: u32,
    #[server(default)] opd: String,
) -> Result<Vec<NominatifRow>, AppError> {
    use crate::domain::Role;
    use crate::server::audit;
    use crate::server::{context, tpp_run};
    let admin = context::require_role(Role::Admin)?;
    let opd = Some(opd.trim()).filter(|o| !o.is_empty());
    let state = context::app_state()?;
    let db = &state.db;
    let rows = tpp_run::nominatif(db, year, quarter, opd).await?;
    let detail = serde_json::json!({ "tahun": year, "tw": quarter, "opd": opd, "baris": rows.len() });
    let period = Some(format!("{year}-TW{quarter}"));
    audit::record_pay_read(
        &state.read_log,
        Some(admin.account_id),
        "tpp_result",
        period,
        "admin/tpp/nominatif",
        detail,
        chrono::Utc::now(),
    )
    .await?;
    Ok(rows)
}

/// Whether the quarter is locked: the page says so before a run or a lock is tried (issue 16).
#[server(endpoint = "admin/tpp/locked")]
pub async fn tpp_quarter_locked(
    #[server(default)] year: i32,
    #[server(default)] quarter: u32,
) -> Result<bool, AppError> {
    use crate::domain::Role;
    use crate::server::{context, tpp_run};
    context::require_role(Role::Admin)?;
    tpp_run::is_locked(&context::app_state()?.db, year, quarter).await
}

/// The latest run of the quarter and how far it has got (polled by the page during a run).
#[server(endpoint = "admin/tpp/progress")]
pub async fn tpp_progress(
    #[server(default)] year: i32,
    #[server(default)] quarter: u32,
) -> Result<Option<RunProgress>, AppError> {
    use crate::domain::Role;
    use crate::server::{context, tpp_run};
    context::require_role(Role::Admin)?;
    tpp_run::progress(&context::app_state()?.db, year, quarter).await
}
