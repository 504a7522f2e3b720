//! Attendance cuts (potongan kehadiran), integrity breaches and disciplinary sanctions (hukuman
//! disiplin), recorded by the HR admin for the quarterly TPP calculation. Admin only, checked
//! first.
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Most occurrences of one code in a month (a month has at most 31 days).
pub const MAX_COUNT: i32 = 31;
/// Longest sanction, in months.
pub const MAX_SANCTION_MONTHS: i32 = 36;
/// Longest pact point and source, in characters.
pub const POINT_MAX_CHARS: usize = 200;
/// Longest note (catatan) and decree number, in characters.
pub const NOTE_MAX_CHARS: usize = 500;
pub const DECREE_MAX_CHARS: usize = 100;

/// The order attendance codes are shown in (the default policy's codes, domain.md section 4);
/// any other code of a policy follows, alphabetically.
pub const CODE_ORDER: [&str; 10] = ["TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4", "TA", "TK"];

/// Columns of the attendance CSV, in template order: (name, format, example).
pub const IMPORT_COLUMNS: [(&str, &str, &str); 4] = [
    ("nip", "NIP pejabat terdaftar, 18 digit, boleh dengan spasi", "19800101 200501 1 001"),
    ("bulan", "YYYY-MM, bulan yang sudah berjalan", "2026-03"),
    ("kode", "Kode potongan dalam kebijakan TPP yang berlaku bulan itu (TL1–TL4, PSW1–PSW4, TA, TK)", "TL1"),
    ("jumlah", "Bilangan bulat 0–31; 0 menghapus catatan kode itu", "2"),
];
/// Largest accepted file, in bytes.
pub const IMPORT_MAX_BYTES: usize = 1024 * 1024;
/// Most lines in one file.
pub const IMPORT_MAX_ROWS: usize = 20_000;

/// Codes in display order.
pub fn sort_codes(codes: &mut [String]) {
    let rank = |c: &String| CODE_ORDER.iter().position(|o| o == c).unwrap_or(CODE_ORDER.len());
    codes.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
}

/// "Maret 2026".
pub fn month_label(year: i32, month: u32) -> String {
    format!("{} {year}", crate::format::MONTHS_ID[(month as usize).clamp(1, 12) - 1])
}

/// Months from year 0, so that ranges cross year ends.
pub fn month_index(year: i32, month: u32) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

/// "1 November 2026 – April 2027": a sanction's span, from its TMT to its last month.
pub fn sanction_span(start: NaiveDate, months: i32) -> String {
    use chrono::Datelike;
    let last = month_index(start.year(), start.month()) + i64::from(months.max(1)) - 1;
    let (y, m) = (last.div_euclid(12) as i32, last.rem_euclid(12) as u32 + 1);
    format!("{} – {}", crate::format::date_id(start), month_label(y, m))
}

/// One month's attendance cuts: occurrences by code (codes without any are left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCuts {
    /// 1–12
    pub month: u32,
    pub counts: BTreeMap<String, i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreachRow {
    pub id: Uuid,
    pub occurred_on: NaiveDate,
    pub pact_point: String,
    pub source: String,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SanctionRow {
    pub id: Uuid,
    /// Policy key: "light", "moderate", "heavy".
    pub level: String,
    /// In Indonesian: "ringan", "sedang", "berat".
    pub level_label: String,
    /// The cut that applies, percent as an Indonesian number ("25"); `None` when the record has
    /// none and the policy in force at its TMT no longer knows its level.
    pub percent: Option<String>,
    /// True when the record carries no percentage of its own and the policy's applies.
    pub percent_from_policy: bool,
    /// TMT
    pub start_date: NaiveDate,
    pub months: i32,
    pub decree_number: Option<String>,
    pub note: Option<String>,
}

/// A sanction level of the policy in force, for the form's select.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelOption {
    pub level: String,
    pub label: String,
    pub percent: String,
}

/// One official's attendance, breaches and sanctions for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisciplineRecord {
    pub official_id: Uuid,
    pub name: String,
    pub nip: Option<String>,
    pub position_title: String,
    pub year: i32,
    /// Attendance codes of the policies in force during the year (and any stored), in display order.
    pub codes: Vec<String>,
    /// January to December.
    pub months: Vec<MonthCuts>,
    /// Months of the year that have begun (WIB): only those can be recorded.
    pub open_months: u32,
    /// Breaches that occurred in the year, oldest first.
    pub breaches: Vec<BreachRow>,
    /// Sanctions in force in some month of the year, by TMT.
    pub sanctions: Vec<SanctionRow>,
    /// Sanction levels of the policy in force today.
    pub levels: Vec<LevelOption>,
}

/// The breach form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreachInput {
    /// `YYYY-MM-DD`
    pub occurred_on: String,
    pub pact_point: String,
    pub source: String,
    pub note: String,
}

/// The sanction form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SanctionInput {
    pub level: String,
    /// TMT, `YYYY-MM-DD`
    pub start_date: String,
    pub months: String,
    /// Empty: the policy's percentage for the level.
    pub percent: String,
    pub decree_number: String,
    pub note: String,
}

/// An official's record for `year` (0: the current year, WIB).
#[server(endpoint = "admin/discipline/record")]
pub async fn get_discipline_record(
    #[server(default)] official_id: String,
    #[server(default)] year: i32,
) -> Result<DisciplineRecord, AppError> {
    use crate::domain::Role;
    use crate::server::{context, discipline};
    context::require_role(Role::Admin)?;
    let id = discipline::official_id(&official_id)?;
    discipline::official_record(&context::app_state()?.db, id, year, Utc::now()).await
}

/// Sets one month's attendance cuts (replacing what was stored): `month` as `YYYY-MM` and one
/// field per code, `counts[TL1]=2` (empty or 0: none).
#[server(endpoint = "admin/discipline/attendance")]
pub async fn save_attendance_month(
    #[server(default)] official_id: String,
    #[server(default)] month: String,
    #[server(default)] counts: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::{context, discipline};
    let admin = context::require_role(Role::Admin)?;
    let id = discipline::official_id(&official_id)?;
    let (year, month) = discipline::parse_month(&month, "month")?;
    let counts = discipline::parse_counts(&counts)?;
    let db = &context::app_state()?.db;
    discipline::set_month(db, id, year, month, &counts, Some(admin.account_id), Utc::now()).await
}

/// Imports attendance cuts from CSV text (`nip,bulan,kode,jumlah`). All or nothing.
#[server(endpoint = "admin/discipline/import")]
pub async fn import_attendance(
    #[server(default)] csv: String,
) -> Result<crate::api::officials::ImportReport, AppError> {
    use crate::domain::Role;
    use crate::server::{context, discipline};
    let admin = context::require_role(Role::Admin)?;
    discipline::import_attendance(&context::app_state()?.db, &csv, Some(admin.account_id), Utc::now()).await
}

/// Records a breach of the integrity pact; returns its id.
#[server(endpoint = "admin/discipline/breach")]
pub async fn record_breach(
    #[server(default)] official_id: String,
    #[server(default)] occurred_on: String,
    #[server(default)] pact_point: String,
    #[server(default)] source: String,
    #[server(default)] note: String,
) -> Result<Uuid, AppError> {
    use crate::domain::Role;
    use crate::server::{context, discipline};
    let admin = context::require_role(Role::Admin)?;
    let id = discipline::official_id(&official_id)?;
    let input = BreachInput { occurred_on, pact_point, source, note };
    discipline::record_breach(&context::app_state()?.db, id, &input, Some(admin.account_id), Utc::now()).await
}

/// Records a disciplinary sanction; returns its id.
#[server(endpoint = "admin/discipline/sanction")]
#[allow(clippy::too_many_arguments)]
pub async fn record_sanction(
    #[server(default)] official_id: String,
    #[server(default)] level: String,
    #[server(default)] start_date: String,
    #[server(default)] months: String,
    #[server(default)] percent: String,
    #[server(default)] decree_number: String,
    #[server(default)] note: String,
) -> Result<Uuid, AppError> {
    use crate::domain::Role;
    use crate::server::{context, discipline};
    let admin = context::require_role(Role::Admin)?;
    let id = discipline::official_id(&official_id)?;
    let input = SanctionInput { level, start_date, months, percent, decree_number, note };
    discipline::record_sanction(&context::app_state()?.db, id, &input, Some(admin.account_id), Utc::now())
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanction_span_crosses_the_year() {
        let start = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        assert_eq!(sanction_span(start, 6), "1 November 2026 – April 2027");
        assert_eq!(sanction_span(start, 1), "1 November 2026 – November 2026");
    }

    #[test]
    fn codes_in_policy_order() {
        let mut codes: Vec<String> = ["TK", "X9", "PSW1", "TL1", "A1"].map(String::from).to_vec();
        sort_codes(&mut codes);
        assert_eq!(codes, ["TL1", "PSW1", "TK", "A1", "X9"]);
    }
}
