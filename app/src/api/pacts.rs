//! Pacts (Pakta Integritas & Perjanjian Kinerja): authoring by the admin, signing by the official
//! and the superior, versions, and the public verification. Who may see a pact is decided by the
//! service (domain.md section 7): anyone else gets "not found", never the pact.
use crate::domain::pact::{IndicatorInput, PactIndicator, PartySnapshot};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Rows per page of the pacts list.
pub const PACTS_PER_PAGE: u64 = 25;

/// One official's pact for the year, as the admin's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PactRow {
    pub official_id: Uuid,
    pub official_name: String,
    pub nip: Option<String>,
    pub position_title: String,
    pub opd_name: String,
    /// `None`: no pact yet for the year.
    pub pact_id: Option<Uuid>,
    /// Of the latest version.
    pub version_no: Option<i32>,
    /// `PactStatus::as_str()` of the latest version.
    pub status: Option<String>,
    /// False for the head of region, who has no atasan langsung to sign with (issue 16).
    pub has_superior: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PactListPage {
    pub year: i32,
    pub rows: Vec<PactRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// Per status over the whole filter (`none` for officials without a pact).
    pub counts: Vec<(String, u64)>,
}

/// A version in the pact's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub version_no: i32,
    pub status: String,
    pub revision_reason: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub signed_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A recorded signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureView {
    /// `Party::as_str()`.
    pub party: String,
    pub signer_name: String,
    /// `electronic` or `paper`.
    pub method: String,
    pub signed_at: chrono::DateTime<chrono::Utc>,
    /// The paper scan (`/berkas/{id}`), for a paper signature.
    pub scan_file_id: Option<Uuid>,
}

/// What the viewer may do with the version shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PactActions {
    pub edit: bool,
    pub submit: bool,
    /// `Party::as_str()` the viewer signs as, when their signature is awaited.
    pub sign_as: Option<String>,
    pub cancel: bool,
    pub revise: bool,
    pub record_paper: bool,
}

/// One version of a pact, complete, as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PactView {
    pub pact_id: Uuid,
    pub official_id: Uuid,
    pub year: i32,
    pub version_id: Uuid,
    pub version_no: i32,
    pub status: String,
    pub revision_reason: Option<String>,
    pub revision_note: Option<String>,
    pub document_number: String,
    pub first_party: PartySnapshot,
    pub second_party: Option<PartySnapshot>,
    pub template_title: String,
    pub integrity_points: Vec<String>,
    pub indicators: Vec<PactIndicator>,
    pub consequences: Vec<String>,
    pub content_hash: Option<String>,
    pub verification_code: Option<String>,
    pub valid_from: Option<chrono::NaiveDate>,
    pub valid_until: Option<chrono::NaiveDate>,
    pub signatures: Vec<SignatureView>,
    pub versions: Vec<VersionSummary>,
    pub row_version: i32,
    pub actions: PactActions,
}

/// A pact the signed-in official is party to, for their home page and inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPact {
    pub pact_id: Uuid,
    pub year: i32,
    pub version_no: i32,
    pub status: String,
    pub official_name: String,
    pub position_title: String,
    /// `first` (own pact) or `second` (a direct report's).
    pub my_party: String,
    /// Whether the viewer's signature on this version is awaited.
    pub awaiting_me: bool,
}

/// What the public verification page may say about a code (domain.md section 7): no more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// `valid`, `superseded`, `cancelled`, `awaiting`, `tampered` or `unknown`.
    pub verdict: String,
    pub document_number: Option<String>,
    pub official_name: Option<String>,
    pub position_title: Option<String>,
    /// The agency (perangkat daerah) the official served in when the pact was made.
    pub opd_name: Option<String>,
    pub year: Option<i32>,
    /// The days this version governs: from (a version in force from its start) and until (set
    /// once it ended: a later version, a mutasi).
    pub valid_from: Option<chrono::NaiveDate>,
    pub valid_until: Option<chrono::NaiveDate>,
    pub version_no: Option<i32>,
    pub status: Option<String>,
    pub signed_dates: Vec<(String, chrono::NaiveDate)>,
    pub content_hash: Option<String>,
    /// For a superseded version: the code of the version now in force.
    pub current_code: Option<String>,
}

/// The Pakta Integritas template in force, for the template editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub version: i32,
    pub title: String,
    pub body: String,
    pub effective_from: chrono::NaiveDate,
}

#[server(endpoint = "admin/pacts/list")]
pub async fn list_pacts(
    #[server(default)] year: i32,
    #[server(default)] q: String,
    #[server(default)] opd: String,
    #[server(default)] status: String,
    #[server(default)] page: u64,
) -> Result<PactListPage, AppError> {
    use crate::domain::Role;
    use crate::server::{context, pacts};
    context::require_role(Role::Admin)?;
    pacts::list(&context::app_state()?.db, year, &q, &opd, &status, page).await
}

/// Opens version 1 (a draft) of the official's pact for `year`; lands on its editor.
#[server(endpoint = "admin/pacts/create")]
pub async fn create_pact(
    #[server(default)] official_id: String,
    #[server(default)] year: i32,
) -> Result<Uuid, AppError> {
    use crate::domain::Role;
    use crate::server::{context, pacts};
    let admin = context::require_role(Role::Admin)?;
    let official_id = Uuid::parse_str(official_id.trim()).map_err(|_| AppError::NotFound)?;
    let id = pacts::create(
        &context::app_state()?.db,
        official_id,
        year,
        Some(admin.account_id),
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/admin/pakta/{id}/ubah"));
    Ok(id)
}

/// A version of a pact (the latest when `version` is 0), if the viewer may see it.
#[server(endpoint = "pacts/get")]
pub async fn get_pact(
    #[server(default)] id: String,
    #[server(default)] version: i32,
) -> Result<PactView, AppError> {
    use crate::server::{context, pacts};
    let user = context::require_user()?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    pacts::view(&context::app_state()?.db, &user, id, version).await
}

/// Saves a draft's indicators (rows whose fields are all empty are left out). Every row is
/// checked; the first error is returned with its field (`indicators[i].key` or `weight_total`).
/// Returns the new `row_version`. With `open_after` = "1" (the editor's "save and open the
/// pact"), a plain form post lands on the pact once saved.
#[server(endpoint = "admin/pacts/save")]
pub async fn save_pact_draft(
    #[server(default)] version_id: String,
    #[server(default)] row_version: String,
    #[server(default)] indicators: Vec<IndicatorInput>,
    #[server(default)] open_after: String,
) -> Result<i32, AppError> {
    use crate::domain::Role;
    use crate::server::{context, pacts};
    let admin = context::require_role(Role::Admin)?;
    let version_id = Uuid::parse_str(version_id.trim()).map_err(|_| AppError::NotFound)?;
    let db = &context::app_state()?.db;
    let saved = pacts::save_draft(
        db,
        version_id,
        &row_version,
        &indicators,
        Some(admin.account_id),
        chrono::Utc::now(),
    )
    .await?;
    if open_after == "1" {
        let pact_id = pacts::pact_of_version(db, version_id).await?;
        leptos_axum::redirect(&format!("/pakta/{pact_id}"));
    }
    Ok(saved)
}

/// Freezes a draft: content checked, hashed and given its verification code; signatures may
/// then be given. Lands on the pact.
#[server(endpoint = "admin/pacts/submit")]
pub async fn submit_pact(
    #[server(default)] version_id: String,
    #[server(default)] row_version: String,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{context, pacts};
    let admin = context::require_role(Role::Admin)?;
    let version_id = Uuid::parse_str(version_id.trim()).map_err(|_| AppError::NotFound)?;
    let pact_id = pacts::submit(
        &context::app_state()?.db,
        version_id,
        &row_version,
        Some(admin.account_id),
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/pakta/{pact_id}"));
    Ok(())
}

/// Signs a version electronically as the party the signed-in official is, confirming with
/// their password. Lands on the pact.
#[server(endpoint = "pacts/sign")]
pub async fn sign_pact(
    #[server(default)] version_id: String,
    #[server(default)] password: String,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{context, pacts};
    // Officials sign for themselves; the admin records paper signatures instead.
    let user = context::require_role(Role::Official)?;
    let version_id = Uuid::parse_str(version_id.trim()).map_err(|_| AppError::NotFound)?;
    let address = crate::server::throttle::ClientAddress::of_request();
    let state = context::app_state()?;
    let pact_id = pacts::sign(&state.db, &user, version_id, &password, &address, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/pakta/{pact_id}?ditandatangani=1"));
    Ok(())
}

/// Cancels a version that is not yet superseded, with a reason.
#[server(endpoint = "admin/pacts/cancel")]
pub async fn cancel_pact(
    #[server(default)] version_id: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{context, pacts};
    let admin = context::require_role(Role::Admin)?;
    let version_id = Uuid::parse_str(version_id.trim()).map_err(|_| AppError::NotFound)?;
    let pact_id = pacts::cancel(
        &context::app_state()?.db,
        version_id,
        &reason,
        Some(admin.account_id),
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/pakta/{pact_id}"));
    Ok(())
}

/// Opens a new draft version copying the latest one's content, with a reason
/// (`RevisionReason::as_str()`) and a note. Lands on its editor.
#[server(endpoint = "admin/pacts/revise")]
pub async fn revise_pact(
    #[server(default)] pact_id: String,
    #[server(default)] reason: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{context, pacts};
    let admin = context::require_role(Role::Admin)?;
    let pact_id = Uuid::parse_str(pact_id.trim()).map_err(|_| AppError::NotFound)?;
    pacts::revise(
        &context::app_state()?.db,
        pact_id,
        &reason,
        &note,
        Some(admin.account_id),
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/admin/pakta/{pact_id}/ubah"));
    Ok(())
}

/// The signed-in official's own pacts and those of their direct reports.
#[server(endpoint = "pacts/mine")]
pub async fn my_pacts() -> Result<Vec<MyPact>, AppError> {
    use crate::domain::Role;
    use crate::server::{context, pacts};
    let user = context::require_role(Role::Official)?;
    pacts::mine(&context::app_state()?.db, &user).await
}

/// Public: what a printed verification code stands for.
#[server(endpoint = "verify")]
pub async fn verify_pact(#[server(default)] code: String) -> Result<Verification, AppError> {
    use crate::server::{context, pacts};
    pacts::verify(&context::app_state()?.db, &code, chrono::Utc::now()).await
}

#[server(endpoint = "admin/pact-template/get")]
pub async fn get_pact_template() -> Result<TemplateView, AppError> {
    use crate::domain::Role;
    use crate::server::{context, pacts};
    context::require_role(Role::Admin)?;
    pacts::template_in_force(&context::app_state()?.db, chrono::Utc::now()).await
}

/// A new version of the Pakta Integritas template, in force from `effective_from`.
#[server(endpoint = "admin/pact-template/save")]
pub async fn save_pact_template(
    #[server(default)] title: String,
    #[server(default)] body: String,
    #[server(default)] effective_from: String,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{context, pacts};
    let admin = context::require_role(Role::Admin)?;
    pacts::save_template(
        &context::app_state()?.db,
        &title,
        &body,
        &effective_from,
        Some(admin.account_id),
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect("/admin/pakta/templat?disimpan=1");
    Ok(())
}
