//! "Mengapa TPP Rp X?" (issue 5): the month as the run stored it, its corrections, and the
//! engine's explanation of the quarter over the values in effect, computed by
//! `domain::quarter_sheet::explanation_with` from the same sheet the realisation page shows.
use super::corrections::{APPROVED, PENDING};
use super::entities::{pact, tpp_correction, tpp_policy, tpp_result, tpp_run};
use super::{evaluations, policy};
use crate::api::auth::SessionUser;
use crate::api::corrections::CorrectionLine;
use crate::api::why::{StoredMonth, TppWhy};
use crate::domain::explanation::Topic;
use crate::domain::quarter_sheet::explanation_with;
use crate::domain::rating::Rating;
use crate::domain::tpp::Quarter;
use crate::error::AppError;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

pub async fn why(
    db: &DatabaseConnection,
    user: &SessionUser,
    official_id: Uuid,
    year: i32,
    month: u32,
) -> Result<TppWhy, AppError> {
    if !(1..=12).contains(&month) {
        return Err(AppError::NotFound);
    }
    let q = Quarter::new(month.div_ceil(3)).ok_or(AppError::NotFound)?;
    let p = pact::Entity::find()
        .filter(pact::Column::OfficialId.eq(official_id))
        .filter(pact::Column::Year.eq(year))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // Who may see it is the sheet's rule, narrowed to those who may see pay.
    let sheet = evaluations::sheet(db, user, p.id, q.number()).await?;
    if !sheet.shows_pay {
        return Err(AppError::NotFound);
    }
    let (first_day, _) = evaluations::quarter_days(year, q)?;
    let pol = policy::in_force(db, first_day).await?.map(|v| v.policy).unwrap_or_default();
    let values: Vec<String> = sheet.rows.iter().map(|r| r.value.clone()).collect();
    let rating = sheet.behaviour.rating.as_deref().and_then(Rating::parse);
    let explanation = explanation_with(
        &sheet.indicators,
        &values,
        rating,
        sheet.official.monthly_ceiling,
        year,
        q,
        &pol,
        &sheet.discipline,
    )?;
    let computed_gross =
        sheet.preview.as_ref().and_then(|p| p.months.iter().find(|m| m.month == month)).map(|m| m.gross);
    let pending_note = match (&explanation, &sheet.preview, &sheet.preview_error) {
        (Some(_), _, _) => None,
        (None, Some(p), _) => p.pending_note(),
        (None, None, e) => e.clone(),
    };
    let stored = match tpp_result::Entity::find()
        .filter(tpp_result::Column::OfficialId.eq(official_id))
        .filter(tpp_result::Column::Year.eq(year))
        .filter(tpp_result::Column::Month.eq(month as i16))
        .one(db)
        .await?
    {
        Some(r) => {
            let version = tpp_policy::Entity::find_by_id(r.policy_id).one(db).await?.map(|v| v.version);
            let run = tpp_run::Entity::find_by_id(r.run_id).one(db).await?;
            Some(StoredMonth {
                ceiling: r.monthly_ceiling,
                discipline_cut_percent: r.discipline_cut_percent,
                discipline: r.discipline,
                productivity_factor: r.productivity_factor,
                productivity: r.productivity,
                sanction_cut: r.sanction_cut,
                gross: r.gross,
                policy_version: version,
                computed_at: run.and_then(|r| r.finished_at),
                locked: sheet.locked,
            })
        }
        None => None,
    };
    let corrections = tpp_correction::Entity::find()
        .filter(tpp_correction::Column::OfficialId.eq(official_id))
        .filter(tpp_correction::Column::Year.eq(year))
        .filter(tpp_correction::Column::Month.eq(month as i16))
        .filter(tpp_correction::Column::Status.is_in([PENDING, APPROVED]))
        .order_by_asc(tpp_correction::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            (
                CorrectionLine {
                    month,
                    before: c.before,
                    after: c.after,
                    difference: c.difference,
                    kind: c.kind,
                },
                c.status,
            )
        })
        .collect();
    // The explanation covers the quarter; the month asked about leads its months.
    let explanation = explanation.map(|mut e| {
        e.steps.retain(|s| !matches!(s.topic, Topic::Month(m) if m != month));
        e
    });
    Ok(TppWhy {
        official_id,
        official_name: sheet.official.name,
        nip: sheet.official.nip,
        position_title: sheet.official.position_title,
        opd_name: sheet.official.opd_name,
        pact_id: p.id,
        year,
        month,
        quarter: q.number(),
        stored,
        corrections,
        explanation,
        computed_gross,
        pending_note,
    })
}
