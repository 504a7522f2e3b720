//! An official's own year (issue 6): the pact of the year, each quarter's targets, realisations,
//! capaian and predikat, and the TPP per month; and, for a superior, the inbox of their direct
//! reports: countersignatures, behaviour ratings to give, scores and predikat (never their pay,
//! domain.md section 7). Both answer only about the signed-in official: there is no argument
//! naming anyone else.
use crate::api::pacts::MyPact;
use crate::domain::predikat::Predikat;
use crate::domain::rating::Rating;
use crate::error::AppError;
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The official's pact of the year, as its latest version stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnPact {
    pub pact_id: Uuid,
    pub version_no: i32,
    /// `PactStatus::as_str()`.
    pub status: String,
    /// The official's signature (pihak pertama) on this version is awaited.
    pub awaiting_me: bool,
    /// While signatures are awaited: the superior (pihak kedua), if theirs is awaited too.
    pub awaiting_superior: Option<String>,
    /// When the content was frozen for signing.
    pub frozen_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When the last signature was given.
    pub signed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The first day the version governs (a backdated pact governs from before it was signed).
    pub valid_from: Option<chrono::NaiveDate>,
}

/// One indicator of the signed pact in a quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterIndicator {
    pub name: String,
    /// Satuan.
    pub unit: String,
    /// The quarter's target as printed ("3.200.000", "90–100"); `None`: not assessed this quarter.
    pub target: Option<String>,
    /// The stored realisation the Indonesian way; empty while not entered.
    pub realisation: String,
    /// Capaian after the cap, percent.
    pub achievement: Option<Decimal>,
}

/// A quarter of the official's year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterResult {
    pub quarter: u32,
    /// The signed pact version in force for the quarter; `None`: none is signed for it.
    pub version_no: Option<i32>,
    pub indicators: Vec<QuarterIndicator>,
    /// Nilai capaian; `None` while a realisation is missing.
    pub score: Option<Decimal>,
    pub work_rating: Option<Rating>,
    /// Rating perilaku kerja as given by the superior (`None` until rated).
    pub behaviour: Option<Rating>,
    /// `None` until the score is complete and the behaviour rating given.
    pub predikat: Option<Predikat>,
    /// Why something is not shown yet, in words for the official.
    pub note: Option<String>,
    pub locked: bool,
}

/// Where a month's amount comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaySource {
    /// Stored by the quarter's TPP run ("tersimpan").
    Stored,
    /// Computed now from the quarter's sheet, not yet run ("perkiraan").
    Estimate,
}

impl PaySource {
    pub fn label_id(self) -> &'static str {
        match self {
            PaySource::Stored => "tersimpan",
            PaySource::Estimate => "perkiraan",
        }
    }
}

/// One month's TPP (bruto), whole Rupiah.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthPay {
    pub month: u32,
    /// `None`: nothing to show yet (values or the rating missing, or no signed pact).
    pub gross: Option<i64>,
    pub source: Option<PaySource>,
    /// The "why" page has something to say (the quarter has a signed pact).
    pub explained: bool,
}

/// The signed-in official's year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyYear {
    pub official_id: Uuid,
    pub year: i32,
    /// The current quarter when the year is the current one, else 4 (a past year) or 1.
    pub current_quarter: u32,
    /// `None`: no pact for the year yet.
    pub pact: Option<OwnPact>,
    /// Quarters I–IV; empty without a pact.
    pub quarters: Vec<QuarterResult>,
    /// January–December; empty without a pact.
    pub months: Vec<MonthPay>,
}

/// A direct report's quarter: scores only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportQuarter {
    pub quarter: u32,
    /// A signed pact version is in force for the quarter.
    pub signed: bool,
    pub score: Option<Decimal>,
    pub work_rating: Option<Rating>,
    pub behaviour: Option<Rating>,
    pub predikat: Option<Predikat>,
    /// Assessed indicators still without a realisation.
    pub missing: usize,
    pub locked: bool,
}

/// A direct report in the team overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub official_id: Uuid,
    pub name: String,
    pub position_title: String,
    /// The report's pact of the year; `None`: none yet.
    pub pact_id: Option<Uuid>,
    pub pact_status: Option<String>,
    /// Quarters I–IV; empty without a pact.
    pub quarters: Vec<ReportQuarter>,
}

/// A behaviour rating the superior has yet to give, with the quarter's results so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingDue {
    pub pact_id: Uuid,
    pub official_id: Uuid,
    pub name: String,
    pub position_title: String,
    pub quarter: u32,
    pub score: Option<Decimal>,
    pub work_rating: Option<Rating>,
    pub missing: usize,
}

/// A superior's inbox for a quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamInbox {
    pub year: i32,
    pub quarter: u32,
    /// Direct reports' pacts awaiting the superior's countersignature (pihak kedua), any year.
    pub to_sign: Vec<MyPact>,
    /// Reports whose quarter is signed, open and not yet rated.
    pub to_rate: Vec<RatingDue>,
    pub members: Vec<TeamMember>,
}

/// The signed-in official's year (`year` 0: the current one, Asia/Jakarta).
#[server(endpoint = "me/quarters")]
pub async fn my_quarters(#[server(default)] year: i32) -> Result<MyYear, AppError> {
    use crate::domain::Role;
    use crate::server::audit;
    use crate::server::{context, my_record};
    let user = context::require_role(Role::Official)?;
    let state = context::app_state()?;
    let db = &state.db;
    let now = chrono::Utc::now();
    let mine = my_record::my_year(db, &user, year, now).await?;
    let detail = serde_json::json!({ "tahun": mine.year });
    let whose = Some(mine.official_id.to_string());
    audit::record_pay_read(
        &state.read_log,
        Some(user.account_id),
        "tpp_result",
        whose,
        "me/quarters",
        detail,
        now,
    )
    .await?;
    Ok(mine)
}

/// The signed-in official's inbox as a superior, for a quarter (0: the current one). An official
/// without direct reports gets an empty inbox.
#[server(endpoint = "me/team")]
pub async fn my_team(
    #[server(default)] year: i32,
    #[server(default)] quarter: u32,
) -> Result<TeamInbox, AppError> {
    use crate::domain::Role;
    use crate::server::{context, my_record};
    let user = context::require_role(Role::Official)?;
    my_record::team(&context::app_state()?.db, &user, year, quarter, chrono::Utc::now()).await
}
