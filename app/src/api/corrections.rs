//! Corrections after the lock and the kurang/lebih bayar ledger (admin only): one admin asks,
//! another decides.
use crate::api::evaluations::RealisationInput;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One month of a correction, whole Rupiah.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionLine {
    pub month: u32,
    /// Paid so far: the locked result plus earlier approved corrections.
    pub before: i64,
    /// What the corrected evaluation gives.
    pub after: i64,
    /// `after - before`.
    pub difference: i64,
    /// `kurang_bayar` | `lebih_bayar` | `nihil`
    pub kind: String,
}

/// A correction: the evaluation revision it created and its ledger lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub evaluation_id: Uuid,
    pub pact_id: Uuid,
    pub official_id: Uuid,
    pub official_name: String,
    pub nip: Option<String>,
    pub opd_name: String,
    pub year: i32,
    pub quarter: u32,
    pub revision: i32,
    pub reason: String,
    /// `pending` | `approved` | `rejected`
    pub status: String,
    pub requested_by: String,
    pub requested_at: chrono::DateTime<chrono::Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
    pub lines: Vec<CorrectionLine>,
    pub total_difference: i64,
    /// Pending, and the viewer is not the admin who asked for it.
    pub may_decide: bool,
}

/// The Indonesian name of a ledger kind.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "kurang_bayar" => "Kurang bayar",
        "lebih_bayar" => "Lebih bayar",
        _ => "Nihil",
    }
}

/// The Indonesian name of a correction's status.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "pending" => "Menunggu persetujuan",
        "approved" => "Disetujui",
        "rejected" => "Ditolak",
        _ => "—",
    }
}

#[cfg(feature = "ssr")]
fn uuid_of(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text.trim()).map_err(|_| AppError::NotFound)
}

/// Asks for a correction of a locked quarter: the reason, the corrected realisations
/// (`realisations[i][key]`, as on the realisation sheet) and the behaviour rating (empty: keep).
#[server(endpoint = "admin/corrections/request")]
pub async fn request_correction(
    #[server(default)] pact_id: String,
    #[server(default)] quarter: u32,
    #[server(default)] reason: String,
    #[server(default)] behaviour: String,
    #[server(default)] realisations: Vec<RealisationInput>,
) -> Result<Correction, AppError> {
    use crate::domain::Role;
    use crate::server::{context, corrections};
    let admin = context::require_role(Role::Admin)?;
    let db = &context::app_state()?.db;
    corrections::request(
        db,
        &admin,
        uuid_of(&pact_id)?,
        quarter,
        &reason,
        &behaviour,
        &realisations,
        chrono::Utc::now(),
    )
    .await
}

/// Approves (`decision` = `setujui`) or refuses (`tolak`) a pending correction; not by the admin
/// who asked for it.
#[server(endpoint = "admin/corrections/decide")]
pub async fn decide_correction(
    #[server(default)] evaluation_id: String,
    #[server(default)] decision: String,
) -> Result<Correction, AppError> {
    use crate::domain::Role;
    use crate::server::{context, corrections};
    let admin = context::require_role(Role::Admin)?;
    let approve = match decision.trim() {
        "setujui" => true,
        "tolak" => false,
        _ => return Err(AppError::validation("decision", "Pilih setujui atau tolak.")),
    };
    corrections::decide(
        &context::app_state()?.db,
        &admin,
        uuid_of(&evaluation_id)?,
        approve,
        chrono::Utc::now(),
    )
    .await
}

/// The corrections of a year (`status`: pending, approved, rejected, or empty for all).
#[server(endpoint = "admin/corrections/list")]
pub async fn list_corrections(
    #[server(default)] year: i32,
    #[server(default)] status: String,
) -> Result<Vec<Correction>, AppError> {
    use crate::domain::Role;
    use crate::server::audit;
    use crate::server::{context, corrections};
    let admin = context::require_role(Role::Admin)?;
    let state = context::app_state()?;
    let db = &state.db;
    let ledger = corrections::list(db, &admin, year, &status).await?;
    let detail = serde_json::json!({ "tahun": year, "status": status, "baris": ledger.len() });
    audit::record_pay_read(
        &state.read_log,
        Some(admin.account_id),
        "tpp_correction",
        None,
        "admin/corrections/list",
        detail,
        chrono::Utc::now(),
    )
    .await?;
    Ok(ledger)
}
