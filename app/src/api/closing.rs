//! Closing a quarter (admin): what is still missing per OPD and city-wide, and the distribution
//! check of SE MenPAN-RB 3/2023 against each OPD's organisational predikat.
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Something that keeps an official's quarter from being computed, with where to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingItem {
    pub official_name: String,
    pub what: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpdClosing {
    pub opd_id: Uuid,
    pub code: String,
    pub name: String,
    /// Active officials of the OPD.
    pub officials: u32,
    /// With a pact signed for the quarter.
    pub signed: u32,
    /// With every assessed realisation of the quarter entered.
    pub realisations_complete: u32,
    /// With the behaviour rating given.
    pub rated: u32,
    pub missing: Vec<MissingItem>,
    /// `OrganisationPredikat::as_str()`, once the admin entered it.
    pub org_predikat: Option<String>,
    /// Officials per predikat (`Predikat::as_str()`), of those whose quarter is complete.
    pub predikat_counts: Vec<(String, u32)>,
    /// Broken rules of the distribution curve, in Indonesian.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosingReport {
    pub year: i32,
    pub quarter: u32,
    pub locked: bool,
    pub opds: Vec<OpdClosing>,
    /// The audit chain's head now, `COUNT:HASH` (issue 14): printed with the report and kept
    /// apart from the database, `pakta audit verify --expect-head` later proves the chain was
    /// neither cut short nor rewritten up to it.
    pub audit_head: String,
    /// The head right after the quarter's lock was recorded, once locked.
    pub lock_audit_head: Option<String>,
}

impl ClosingReport {
    /// City-wide: (officials, signed, realisations complete, rated, missing items, warnings).
    pub fn totals(&self) -> (u32, u32, u32, u32, usize, usize) {
        self.opds.iter().fold((0, 0, 0, 0, 0, 0), |t, o| {
            (
                t.0 + o.officials,
                t.1 + o.signed,
                t.2 + o.realisations_complete,
                t.3 + o.rated,
                t.4 + o.missing.len(),
                t.5 + o.warnings.len(),
            )
        })
    }
}

/// The admin's to-do (issue 16): what keeps the working quarter from closing, counted, each
/// with the page where it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminTodo {
    /// The working quarter (`tpp::working_quarter`).
    pub year: i32,
    pub quarter: u32,
    pub locked: bool,
    /// Of the year's active officials with a superior: no pact yet.
    pub no_pact: u64,
    pub drafts: u64,
    pub awaiting_signatures: u64,
    /// Of the quarter: active officials without a pact signed for it.
    pub not_signed: u32,
    pub realisations_incomplete: u32,
    pub ratings_missing: u32,
    /// Distribution warnings of SE MenPAN-RB 3/2023.
    pub warnings: usize,
}

/// The to-do of the working quarter.
#[server(endpoint = "admin/todo")]
pub async fn get_admin_todo() -> Result<AdminTodo, AppError> {
    use crate::domain::Role;
    use crate::server::{closing, context};
    context::require_role(Role::Admin)?;
    closing::todo(&context::app_state()?.db, chrono::Utc::now()).await
}

/// The closing check of a quarter.
#[server(endpoint = "admin/closing/report")]
pub async fn get_closing_report(
    #[server(default)] year: i32,
    #[server(default)] quarter: u32,
) -> Result<ClosingReport, AppError> {
    use crate::domain::Role;
    use crate::server::{closing, context};
    context::require_role(Role::Admin)?;
    closing::report(&context::app_state()?.db, year, quarter).await
}

/// Records an OPD's organisational predikat for the quarter (`predikat` empty: remove it).
#[server(endpoint = "admin/closing/opd_predikat")]
pub async fn set_opd_predikat(
    #[server(default)] opd_id: String,
    #[server(default)] year: i32,
    #[server(default)] quarter: u32,
    #[server(default)] predikat: String,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{closing, context};
    let admin = context::require_role(Role::Admin)?;
    let opd_id = Uuid::parse_str(opd_id.trim())
        .map_err(|_| AppError::validation("opd_id", "Perangkat daerah tidak dikenal."))?;
    closing::set_opd_predikat(
        &context::app_state()?.db,
        &admin,
        opd_id,
        year,
        quarter,
        &predikat,
        chrono::Utc::now(),
    )
    .await
}
