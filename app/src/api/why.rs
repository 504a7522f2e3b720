//! "Mengapa TPP Rp X?": for an official and a month, the stored result and the engine's
//! explanation, readable by an HR clerk. For the admin and the official themself; anyone else
//! (the superior included: pay is not theirs to see) gets "not found".
use crate::api::corrections::CorrectionLine;
use crate::domain::explanation::Explanation;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The month as the TPP run stored it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredMonth {
    pub ceiling: i64,
    pub discipline_cut_percent: String,
    pub discipline: i64,
    pub productivity_factor: String,
    pub productivity: i64,
    pub sanction_cut: i64,
    pub gross: i64,
    pub policy_version: Option<i32>,
    pub computed_at: Option<chrono::DateTime<chrono::Utc>>,
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TppWhy {
    pub official_id: Uuid,
    pub official_name: String,
    pub nip: Option<String>,
    pub position_title: String,
    pub opd_name: String,
    pub pact_id: Uuid,
    pub year: i32,
    pub month: u32,
    pub quarter: u32,
    /// `None`: no run has stored this month yet.
    pub stored: Option<StoredMonth>,
    /// Corrections of the month after the lock, with their status.
    pub corrections: Vec<(CorrectionLine, String)>,
    /// The engine's explanation of the quarter from the values in effect now, in both languages
    /// (the page shows the reader's).
    pub explanation: Option<Explanation>,
    /// This month's TPP by that explanation.
    pub computed_gross: Option<i64>,
    /// Why there is no explanation yet (values or rating missing).
    pub pending_note: Option<String>,
}

/// Why the official's TPP of `month` (1–12) of `year` is what it is.
#[server(endpoint = "tpp/why")]
pub async fn explain_tpp(
    #[server(default)] official_id: String,
    #[server(default)] year: i32,
    #[server(default)] month: u32,
) -> Result<TppWhy, AppError> {
    use crate::server::{context, tpp_why};
    let user = context::require_user()?;
    use crate::server::audit;
    let official_id = Uuid::parse_str(official_id.trim()).map_err(|_| AppError::NotFound)?;
    let state = context::app_state()?;
    let db = &state.db;
    let why = tpp_why::why(db, &user, official_id, year, month).await?;
    let detail = serde_json::json!({ "tahun": why.year, "bulan": why.month });
    let whose = Some(why.official_id.to_string());
    audit::record_pay_read(
        &state.read_log,
        Some(user.account_id),
        "tpp_result",
        whose,
        "tpp/why",
        detail,
        chrono::Utc::now(),
    )
    .await?;
    Ok(why)
}
