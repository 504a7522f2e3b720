//! DPRD's oversight figures (issue 6): per OPD and for the city, per quarter or year, from the
//! stored TPP results of locked quarters. No names, NIPs or individual amounts; groups of fewer
//! than three officials are hidden on the server (`domain::privacy`), so a hidden value never
//! reaches the browser.
use crate::domain::predikat::Predikat;
use crate::domain::privacy::Figure;
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The figures of one period: `quarter` `None` is the whole year (its locked quarters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DprdFigures {
    pub year: i32,
    pub quarter: Option<u32>,
    /// The year's locked quarters: the only ones whose results count.
    pub locked: Vec<u32>,
    /// Years with a locked quarter, newest first, and the year asked for.
    pub years: Vec<i32>,
    /// A pact is signed on time when first signed on or before this day.
    pub on_time_cutoff: NaiveDate,
    /// Months behind the TPP budget: three per locked quarter of the period.
    pub budget_months: u32,
    pub city: GroupFigures,
    /// Per OPD, by name.
    pub opds: Vec<OpdFigures>,
    /// City-wide, per locked quarter of the year.
    pub trend: Vec<TrendPoint>,
}

impl DprdFigures {
    /// "TW II 2026" or "Tahun 2026".
    pub fn period_label(&self) -> String {
        period_label(self.year, self.quarter)
    }
}

/// "TW II 2026" or "Tahun 2026".
pub fn period_label(year: i32, quarter: Option<u32>) -> String {
    match quarter.and_then(crate::domain::tpp::Quarter::new) {
        Some(q) => format!("TW {} {year}", q.roman()),
        None => format!("Tahun {year}"),
    }
}

/// The figures of a group of officials (an OPD or the city).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupFigures {
    /// Active officials now (the base of the TPP budget).
    pub officials: Figure<u64>,
    /// Officials with a stored result in the period, each counted once.
    pub evaluated: Figure<u64>,
    /// Evaluations: an official once per quarter (equal to `evaluated` for a quarter).
    pub evaluations: Figure<u64>,
    /// Nilai capaian: mean and median over the evaluations.
    pub mean_score: Figure<Decimal>,
    pub median_score: Figure<Decimal>,
    /// In the order of [`Predikat::ALL`]; shares of `evaluations`.
    pub predikat: Vec<PredikatShare>,
    /// Pacts of the year, and those signed on time.
    pub pacts: Figure<u64>,
    pub pacts_on_time: Figure<u64>,
    pub on_time_share: Figure<Decimal>,
    /// TPP bruto paid in the period and the most that could have been (Σ pagu × months), Rupiah.
    pub tpp_paid: Figure<i64>,
    pub tpp_budget: Figure<i64>,
    pub tpp_paid_share: Figure<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PredikatShare {
    pub predikat: Predikat,
    pub count: Figure<u64>,
    /// Percent of the group's evaluations.
    pub share: Figure<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpdFigures {
    pub code: String,
    pub name: String,
    pub figures: GroupFigures,
}

/// The city in one locked quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub quarter: u32,
    pub evaluated: Figure<u64>,
    pub mean_score: Figure<Decimal>,
    pub predikat: Vec<PredikatShare>,
}

/// A number from a query or form field: empty is 0 (the default period); anything else must be
/// a number.
pub fn period_number<T: std::str::FromStr + Default>(field: &str, text: &str) -> Result<T, AppError> {
    match text.trim() {
        "" => Ok(T::default()),
        t => t.parse().map_err(|_| {
            let what = if field == "tw" { "Triwulan" } else { "Tahun" };
            AppError::validation(field, format!("{what} harus berupa angka."))
        }),
    }
}

/// The DPRD dashboard's figures for `tahun` (empty: the latest year with a locked quarter) and
/// `tw` (empty: the whole year), as the page's GET form sends them. Each call is recorded in the
/// audit log.
#[server(endpoint = "dprd/dashboard")]
pub async fn get_dprd_figures(
    #[server(default)] tahun: String,
    #[server(default)] tw: String,
) -> Result<DprdFigures, AppError> {
    use crate::domain::Role;
    use crate::server::{context, dprd};
    let user = context::require_role(Role::Dprd)?;
    let (tahun, tw) = (period_number("tahun", &tahun)?, period_number("tw", &tw)?);
    let state = context::app_state()?;
    dprd::view(&state.db, &state.read_log, &user, tahun, tw, chrono::Utc::now()).await
}
