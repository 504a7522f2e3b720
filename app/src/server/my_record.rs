//! The official's own year and the superior's inbox (issue 6), read from the quarter sheets
//! (`evaluations::sheet`) with the signed-in official as the viewer: what is shown is what the
//! realisation page and the TPP run compute, and the sheet's own rules decide what the viewer may
//! see (a superior gets their reports' scores, never their pay).
use super::entities::{official, pact, pact_version, signature, tpp_result};
use super::{evaluations, pacts};
use crate::api::auth::SessionUser;
use crate::api::evaluations::QuarterSheet;
use crate::api::my_record::{
    MonthPay, MyYear, OwnPact, PaySource, QuarterIndicator, QuarterResult, RatingDue, ReportQuarter,
    TeamInbox, TeamMember,
};
use crate::domain::pact::{PactStatus, Party};
use crate::domain::rating::Rating;
use crate::domain::tpp::Quarter;
use crate::domain::Role;
use crate::error::AppError;
use chrono::{DateTime, Datelike, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// Shown for a quarter without a signed pact version in force.
pub const UNSIGNED: &str = "Belum ada pakta yang ditandatangani untuk triwulan ini.";
const NO_TARGETS: &str = "Tidak ada target untuk triwulan ini.";
/// A quarter locked with nothing to show: nothing is left to do there (issue 16: a pact signed
/// late governs quarters already closed; they are not a to-do).
const LOCKED_UNASSESSED: &str = "Triwulan ini sudah dikunci tanpa nilai: tidak ada lagi yang perlu diisi.";

/// The signed-in official; anyone else is refused.
fn me(user: &SessionUser) -> Result<Uuid, AppError> {
    match (user.role, user.official_id) {
        (Role::Official, Some(id)) => Ok(id),
        _ => Err(AppError::Forbidden),
    }
}

/// The year asked for (today's, Asia/Jakarta, when 0 or out of range) and the quarter asked for
/// (when 0 or out of range: today's in the current year, IV for a past year, I for a later one).
pub fn period(year: i32, quarter: u32, now: DateTime<Utc>) -> Result<(i32, Quarter), AppError> {
    let today = now.with_timezone(&crate::format::wib()).date_naive();
    let year = if (2020..=2100).contains(&year) { year } else { today.year() };
    let fallback = match year.cmp(&today.year()) {
        std::cmp::Ordering::Equal => today.month().div_ceil(3),
        std::cmp::Ordering::Less => 4,
        std::cmp::Ordering::Greater => 1,
    };
    let q = Quarter::new(quarter).or(Quarter::new(fallback)).ok_or(AppError::Internal)?;
    Ok((year, q))
}

/// The four quarters' sheets of a pact as `user` may see them (`None` where no signed version is
/// in force), read together.
async fn sheets(
    db: &DatabaseConnection,
    user: &SessionUser,
    pact_id: Uuid,
) -> Result<Vec<Option<QuarterSheet>>, AppError> {
    evaluations::sheets(db, user, pact_id, &[1, 2, 3, 4])
        .await?
        .into_iter()
        .map(|s| match s {
            Ok(s) => Ok(Some(s)),
            Err(AppError::Conflict(_)) => Ok(None),
            Err(e) => Err(e),
        })
        .collect()
}

fn behaviour_of(s: &QuarterSheet) -> Option<Rating> {
    s.behaviour.rating.as_deref().and_then(Rating::parse)
}

/// Why a signed quarter does not show everything yet.
fn note_of(s: &QuarterSheet) -> Option<String> {
    if s.indicators.iter().all(|i| i.target.is_none()) {
        return Some(NO_TARGETS.to_string());
    }
    match (&s.preview, &s.preview_error) {
        (Some(p), _) if s.locked && p.score.is_none() => Some(LOCKED_UNASSESSED.to_string()),
        (Some(p), _) => p.pending_note(),
        (None, _) if s.locked => Some(LOCKED_UNASSESSED.to_string()),
        (None, e) => e.clone(),
    }
}

fn quarter_result(q: u32, sheet: Option<&QuarterSheet>) -> QuarterResult {
    let Some(s) = sheet else {
        return QuarterResult {
            quarter: q,
            version_no: None,
            indicators: Vec::new(),
            score: None,
            work_rating: None,
            behaviour: None,
            predikat: None,
            note: Some(UNSIGNED.to_string()),
            locked: false,
        };
    };
    let achievements = s.preview.as_ref().map(|p| p.indicators.as_slice()).unwrap_or_default();
    let indicators = s
        .indicators
        .iter()
        .zip(&s.rows)
        .enumerate()
        .map(|(k, (i, r))| QuarterIndicator {
            name: i.name.clone(),
            unit: i.unit.clone(),
            target: i.target.map(|t| t.display_id()),
            realisation: r.value.clone(),
            achievement: achievements.get(k).and_then(|p| p.achievement),
        })
        .collect();
    QuarterResult {
        quarter: q,
        version_no: Some(s.version_no),
        indicators,
        score: s.preview.as_ref().and_then(|p| p.score),
        work_rating: s.preview.as_ref().and_then(|p| p.work_rating),
        behaviour: behaviour_of(s),
        predikat: s.preview.as_ref().and_then(|p| p.predikat),
        note: note_of(s),
        locked: s.locked,
    }
}

/// The pact's latest version and whether `party`'s signature on it is awaited.
async fn latest_and_awaiting(
    db: &DatabaseConnection,
    pact_id: Uuid,
    party: Party,
) -> Result<(pact_version::Model, bool), AppError> {
    let v = pact_version::Entity::find()
        .filter(pact_version::Column::PactId.eq(pact_id))
        .order_by_desc(pact_version::Column::VersionNo)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let awaiting = v.status == PactStatus::AwaitingSignatures.as_str()
        && signature::Entity::find()
            .filter(signature::Column::PactVersionId.eq(v.id))
            .filter(signature::Column::Party.eq(party.as_str()))
            .one(db)
            .await?
            .is_none();
    Ok((v, awaiting))
}

/// The signed-in official's year: the pact, the quarters, the months' TPP (stored by a run where
/// one was made, the sheet's computation otherwise).
pub async fn my_year(
    db: &DatabaseConnection,
    user: &SessionUser,
    year: i32,
    now: DateTime<Utc>,
) -> Result<MyYear, AppError> {
    let official_id = me(user)?;
    let (year, current) = period(year, 0, now)?;
    let mut out = MyYear {
        official_id,
        year,
        current_quarter: current.number(),
        pact: None,
        quarters: Vec::new(),
        months: Vec::new(),
    };
    let Some(p) = pact::Entity::find()
        .filter(pact::Column::OfficialId.eq(official_id))
        .filter(pact::Column::Year.eq(year))
        .one(db)
        .await?
    else {
        return Ok(out);
    };
    let (v, awaiting_me) = latest_and_awaiting(db, p.id, Party::First).await?;
    // Waiting without knowing for whom (issue 16): name the superior whose signature is missing.
    let awaiting_superior = match (v.status == PactStatus::AwaitingSignatures.as_str(), v.second_party_id) {
        (true, Some(second)) => {
            let signed = signature::Entity::find()
                .filter(signature::Column::PactVersionId.eq(v.id))
                .filter(signature::Column::Party.eq(Party::Second.as_str()))
                .one(db)
                .await?
                .is_some();
            if signed {
                None
            } else {
                official::Entity::find_by_id(second).one(db).await?.map(|o| o.name)
            }
        }
        _ => None,
    };
    out.pact = Some(OwnPact {
        pact_id: p.id,
        version_no: v.version_no,
        status: v.status,
        awaiting_me,
        awaiting_superior,
        frozen_at: v.frozen_at,
        signed_at: v.signed_at,
        valid_from: v.valid_from,
    });
    let sheets = sheets(db, user, p.id).await?;
    out.quarters = (1..=4).zip(&sheets).map(|(q, s)| quarter_result(q, s.as_ref())).collect();
    // Only the columns shown: the month and its gross amount as the run stored it.
    let stored: HashMap<u32, i64> = tpp_result::Entity::find()
        .select_only()
        .column(tpp_result::Column::Month)
        .column(tpp_result::Column::Gross)
        .filter(tpp_result::Column::OfficialId.eq(official_id))
        .filter(tpp_result::Column::Year.eq(year))
        .into_tuple::<(i16, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(month, gross)| (month as u32, gross))
        .collect();
    out.months = (1..=12u32)
        .map(|month| {
            let sheet = sheets.get((month.div_ceil(3) - 1) as usize).and_then(Option::as_ref);
            let estimate = sheet
                .and_then(|s| s.preview.as_ref())
                .and_then(|p| p.months.iter().find(|m| m.month == month))
                .map(|m| m.gross);
            let (gross, source) = match (stored.get(&month), estimate) {
                (Some(g), _) => (Some(*g), Some(PaySource::Stored)),
                (None, Some(g)) => (Some(g), Some(PaySource::Estimate)),
                (None, None) => (None, None),
            };
            MonthPay { month, gross, source, explained: sheet.is_some() }
        })
        .collect();
    Ok(out)
}

fn report_quarter(q: u32, sheet: Option<&QuarterSheet>) -> ReportQuarter {
    let preview = sheet.and_then(|s| s.preview.as_ref());
    ReportQuarter {
        quarter: q,
        signed: sheet.is_some(),
        score: preview.and_then(|p| p.score),
        work_rating: preview.and_then(|p| p.work_rating),
        behaviour: sheet.and_then(behaviour_of),
        predikat: preview.and_then(|p| p.predikat),
        missing: preview.map_or(0, |p| p.missing),
        locked: sheet.is_some_and(|s| s.locked),
    }
}

/// The signed-in official's inbox as a superior of their direct reports, for the quarter.
pub async fn team(
    db: &DatabaseConnection,
    user: &SessionUser,
    year: i32,
    quarter: u32,
    now: DateTime<Utc>,
) -> Result<TeamInbox, AppError> {
    let my_id = me(user)?;
    let (year, q) = period(year, quarter, now)?;
    let to_sign = pacts::mine(db, user)
        .await?
        .into_iter()
        .filter(|p| p.my_party == Party::Second.as_str() && p.awaiting_me)
        .collect();
    let reports = official::Entity::find()
        .filter(official::Column::SupervisorId.eq(my_id))
        .order_by_asc(official::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = reports.iter().map(|o| o.id).collect();
    let pacts_of: HashMap<Uuid, pact::Model> = pact::Entity::find()
        .filter(pact::Column::OfficialId.is_in(ids))
        .filter(pact::Column::Year.eq(year))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.official_id, p))
        .collect();
    let mut members = Vec::with_capacity(reports.len());
    let mut to_rate = Vec::new();
    for o in reports {
        let Some(p) = pacts_of.get(&o.id) else {
            members.push(TeamMember {
                official_id: o.id,
                name: o.name,
                position_title: o.position_title,
                pact_id: None,
                pact_status: None,
                quarters: Vec::new(),
            });
            continue;
        };
        let (v, _) = latest_and_awaiting(db, p.id, Party::Second).await?;
        let sheets = sheets(db, user, p.id).await?;
        if let Some(s) = sheets.get((q.number() - 1) as usize).and_then(Option::as_ref) {
            if s.may_rate_behaviour && !s.locked && s.behaviour.rating.is_none() {
                let preview = s.preview.as_ref();
                to_rate.push(RatingDue {
                    pact_id: p.id,
                    official_id: o.id,
                    name: o.name.clone(),
                    position_title: o.position_title.clone(),
                    quarter: q.number(),
                    score: preview.and_then(|p| p.score),
                    work_rating: preview.and_then(|p| p.work_rating),
                    missing: preview.map_or(0, |p| p.missing),
                });
            }
        }
        members.push(TeamMember {
            official_id: o.id,
            name: o.name,
            position_title: o.position_title,
            pact_id: Some(p.id),
            pact_status: Some(v.status),
            quarters: (1..=4).zip(&sheets).map(|(n, s)| report_quarter(n, s.as_ref())).collect(),
        });
    }
    Ok(TeamInbox { year, quarter: q.number(), to_sign, to_rate, members })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_period_defaults_to_todays_quarter_in_jakarta() {
        // 30 September 2026, 18:00 UTC is already 1 October in Jakarta: TW IV.
        let now = Utc.with_ymd_and_hms(2026, 9, 30, 18, 0, 0).unwrap();
        let at = |y, q| period(y, q, now).map(|(y, q)| (y, q.number())).unwrap();
        assert_eq!(at(0, 0), (2026, 4));
        assert_eq!(at(2026, 2), (2026, 2));
        assert_eq!(at(2025, 0), (2025, 4), "a past year: its last quarter");
        assert_eq!(at(2027, 9), (2027, 1), "a later year: its first quarter");
        assert_eq!(at(1999, 0), (2026, 4), "out of range: this year");
    }
}
