//! Realisations per signed pact per quarter: the sheet (admin, the official, their superior),
//! saving the values (admin), the behaviour rating (the direct superior, or the admin on their
//! behalf). Who may see a sheet is decided by the service: anyone else gets "not found".
use crate::domain::quarter_sheet::{DisciplineInputs, PreviewResult, SheetIndicator};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Rows per page of the realisations list.
pub const SHEETS_PER_PAGE: u64 = 25;

/// One row of the save form, as typed: `realisations[i][key]`. `row_version` is the one the
/// sheet was loaded with (0 for a value not yet stored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RealisationInput {
    pub indicator_id: String,
    pub value: String,
    pub row_version: String,
    pub evidence_note: String,
    pub evidence_link: String,
    pub obstacles: String,
    pub follow_up: String,
}

/// The official a sheet is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetOfficial {
    pub official_id: Uuid,
    pub name: String,
    pub nip: Option<String>,
    pub position_title: String,
    pub opd_name: String,
    /// Pagu TPP bulanan, Rupiah.
    pub monthly_ceiling: i64,
}

/// A stored realisation, as the form shows it (value the Indonesian way, "" when not entered).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RealisationRow {
    pub indicator_id: Uuid,
    pub value: String,
    pub evidence_note: String,
    pub evidence_link: String,
    pub obstacles: String,
    pub follow_up: String,
    /// 0 while nothing is stored.
    pub row_version: i32,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
    pub updated_by: Option<String>,
}

/// Rating perilaku kerja of the quarter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BehaviourView {
    /// `Rating::as_str()`; `None` until rated.
    pub rating: Option<String>,
    pub rated_by: Option<String>,
    /// Given by the admin on the superior's behalf.
    pub on_behalf: bool,
    pub note: Option<String>,
}

/// One official's quarter under the signed pact version in force for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterSheet {
    pub pact_id: Uuid,
    pub version_id: Uuid,
    pub version_no: i32,
    pub year: i32,
    pub quarter: u32,
    pub official: SheetOfficial,
    pub indicators: Vec<SheetIndicator>,
    /// One per indicator, in the same order.
    pub rows: Vec<RealisationRow>,
    pub behaviour: BehaviourView,
    /// The TPP policy in force on the quarter's first day, as `Policy::to_json` text.
    pub policy_json: String,
    /// Its version number; `None`: the default policy (no version stored yet).
    pub policy_version: Option<i32>,
    pub discipline: DisciplineInputs,
    /// The server's computation from the stored values (the authority).
    pub preview: Option<PreviewResult>,
    pub preview_error: Option<String>,
    /// The viewer may enter realisations (admin).
    pub may_edit_values: bool,
    /// The viewer may give the behaviour rating (the direct superior, or the admin).
    pub may_rate_behaviour: bool,
    /// The quarter is locked: changes only through a correction (`/admin/koreksi`).
    pub locked: bool,
    /// A correction of this quarter awaits a second admin's decision.
    pub correction_pending: bool,
    /// The evaluation revision shown (corrections after the lock add revisions).
    pub revision: i32,
    /// The viewer may see the pay (pagu and TPP): the admin and the official themself, not the
    /// superior (domain.md section 7). Otherwise the ceiling is 0 and the preview has no months.
    pub shows_pay: bool,
}

/// A signed pact in the realisations list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetListRow {
    pub pact_id: Uuid,
    pub official_name: String,
    pub nip: Option<String>,
    pub position_title: String,
    pub opd_name: String,
    /// Indicators with a realisation entered for the quarter.
    pub entered: u64,
    /// Indicators with a target for the quarter.
    pub assessed: u64,
    pub behaviour: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetListPage {
    pub year: i32,
    pub quarter: u32,
    pub rows: Vec<SheetListRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
}

/// Admin, officials (their own and their reports'); DPRD never sees individuals.
#[cfg(feature = "ssr")]
fn require_person() -> Result<crate::api::auth::SessionUser, AppError> {
    use crate::domain::Role;
    let user = crate::server::context::require_user()?;
    match user.role {
        Role::Admin | Role::Official => Ok(user),
        _ => Err(AppError::Forbidden),
    }
}

#[cfg(feature = "ssr")]
fn pact_uuid(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text.trim()).map_err(|_| AppError::NotFound)
}

/// A quarter's sheet of a pact, if the viewer may see it.
#[server(endpoint = "evaluations/sheet")]
pub async fn get_sheet(
    #[server(default)] pact_id: String,
    #[server(default)] quarter: u32,
) -> Result<QuarterSheet, AppError> {
    use crate::server::{audit, context, evaluations};
    let user = require_person()?;
    let state = context::app_state()?;
    let db = &state.db;
    let sheet = evaluations::sheet(db, &user, pact_uuid(&pact_id)?, quarter).await?;
    if sheet.shows_pay {
        let detail = serde_json::json!({
            "pejabat": sheet.official.official_id, "tahun": sheet.year, "tw": sheet.quarter,
        });
        let pact = Some(sheet.pact_id.to_string());
        audit::record_pay_read(
            &state.read_log,
            Some(user.account_id),
            "evaluation",
            pact,
            "evaluations/sheet",
            detail,
            chrono::Utc::now(),
        )
        .await?;
    }
    Ok(sheet)
}

/// Saves the quarter's realisations; refused whole, with both values shown, when another admin
/// changed one of them since the sheet was loaded. Returns the sheet as now stored.
#[server(endpoint = "admin/evaluations/save")]
pub async fn save_realisations(
    #[server(default)] pact_id: String,
    #[server(default)] quarter: u32,
    #[server(default)] realisations: Vec<RealisationInput>,
) -> Result<QuarterSheet, AppError> {
    use crate::domain::Role;
    use crate::server::{context, evaluations};
    let admin = context::require_role(Role::Admin)?;
    let db = &context::app_state()?.db;
    evaluations::save_realisations(
        db,
        &admin,
        pact_uuid(&pact_id)?,
        quarter,
        &realisations,
        chrono::Utc::now(),
    )
    .await
}

/// Rating perilaku kerja for the quarter: by the direct superior, or by the admin on their behalf.
#[server(endpoint = "evaluations/behaviour")]
pub async fn rate_behaviour(
    #[server(default)] pact_id: String,
    #[server(default)] quarter: u32,
    #[server(default)] rating: String,
    #[server(default)] note: String,
) -> Result<QuarterSheet, AppError> {
    use crate::server::{context, evaluations};
    let user = require_person()?;
    let db = &context::app_state()?.db;
    evaluations::rate_behaviour(db, &user, pact_uuid(&pact_id)?, quarter, &rating, &note, chrono::Utc::now())
        .await
}

/// Signed pacts of the year with how far the quarter's realisations are entered; `q` searches
/// names, positions and NIPs, `incomplete` keeps the sheets still missing a realisation or the
/// behaviour rating (issue 16).
#[server(endpoint = "admin/evaluations/list")]
pub async fn list_sheets(
    #[server(default)] year: i32,
    #[server(default)] quarter: u32,
    #[server(default)] opd: String,
    #[server(default)] q: String,
    #[server(default)] incomplete: bool,
    #[server(default)] page: u64,
) -> Result<SheetListPage, AppError> {
    use crate::domain::Role;
    use crate::server::{context, evaluations};
    context::require_role(Role::Admin)?;
    evaluations::list(&context::app_state()?.db, year, quarter, &opd, &q, incomplete, page).await
}
