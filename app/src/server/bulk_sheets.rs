//! The inputs of many officials' quarter sheets, loaded in a handful of queries: what
//! `evaluations::sheet` reads for one pact (the signed version in force, its indicators with the
//! quarter's targets, the evaluation in effect and its realisations, the behaviour rating, the
//! discipline records), for the TPP run over a whole city. The rows are turned into the sheet's
//! inputs by the same functions the single sheet uses, so both compute the same numbers (the
//! tests compare them official by official).
use super::entities::{
    attendance_cut, evaluation, indicator, indicator_target, integrity_breach, pact, pact_version,
    realisation, sanction,
};
use super::evaluations::{self, IN_EFFECT};
use super::{discipline, pacts};
use crate::domain::quarter_sheet::{DisciplineInputs, SheetIndicator};
use crate::domain::rating::Rating;
use crate::domain::tpp::Quarter;
use crate::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Ids per `IN (...)` list: well inside SQLite's and PostgreSQL's parameter limits.
const CHUNK: usize = 500;

/// One pact's quarter, as the sheet would compute it.
pub struct SheetInputs {
    pub indicators: Vec<SheetIndicator>,
    /// Per indicator, the stored realisation as the form shows it ("" when not entered).
    pub values: Vec<String>,
    pub rating: Option<Rating>,
    pub discipline: DisciplineInputs,
}

/// Rows of `E` whose column `col` is one of `ids`, in chunks.
async fn rows_in<E, C>(db: &C, col: E::Column, ids: &[Uuid]) -> Result<Vec<E::Model>, AppError>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        out.extend(E::find().filter(col.is_in(chunk.to_vec())).all(db).await?);
    }
    Ok(out)
}

/// Per pact (by id): the quarter's inputs, or the refusal the single sheet gives (a quarter
/// without a signed version is a conflict).
pub async fn load(
    db: &impl ConnectionTrait,
    pacts: &[pact::Model],
    year: i32,
    q: Quarter,
) -> Result<HashMap<Uuid, Result<SheetInputs, AppError>>, AppError> {
    let (first, last) = evaluations::quarter_days(year, q)?;
    let pact_ids: Vec<Uuid> = pacts.iter().map(|p| p.id).collect();
    let mut versions: HashMap<Uuid, Vec<pact_version::Model>> = HashMap::new();
    for v in rows_in::<pact_version::Entity, _>(db, pact_version::Column::PactId, &pact_ids).await? {
        versions.entry(v.pact_id).or_default().push(v);
    }
    let in_force: HashMap<Uuid, pact_version::Model> = pacts
        .iter()
        .filter_map(|p| {
            let vs = versions.get(&p.id)?;
            evaluations::version_in_force(vs, first, last).map(|v| (p.id, v.clone()))
        })
        .collect();
    let version_ids: Vec<Uuid> = in_force.values().map(|v| v.id).collect();

    let mut indicators: HashMap<Uuid, Vec<indicator::Model>> = HashMap::new();
    for i in rows_in::<indicator::Entity, _>(db, indicator::Column::PactVersionId, &version_ids).await? {
        indicators.entry(i.pact_version_id).or_default().push(i);
    }
    for rows in indicators.values_mut() {
        rows.sort_by_key(|r| r.position);
    }
    let indicator_ids: Vec<Uuid> = indicators.values().flatten().map(|i| i.id).collect();
    let mut targets: HashMap<Uuid, Vec<indicator_target::Model>> = HashMap::new();
    for t in rows_in::<indicator_target::Entity, _>(db, indicator_target::Column::IndicatorId, &indicator_ids)
        .await?
    {
        targets.entry(t.indicator_id).or_default().push(t);
    }

    // The evaluation in effect: the latest open or corrected revision of the quarter.
    let mut evaluations_in_effect: HashMap<Uuid, evaluation::Model> = HashMap::new();
    for e in rows_in::<evaluation::Entity, _>(db, evaluation::Column::PactVersionId, &version_ids).await? {
        if e.quarter as u32 != q.number() || !IN_EFFECT.contains(&e.status.as_str()) {
            continue;
        }
        match evaluations_in_effect.get(&e.pact_version_id) {
            Some(kept) if kept.revision >= e.revision => {}
            _ => {
                evaluations_in_effect.insert(e.pact_version_id, e);
            }
        }
    }
    let evaluation_ids: Vec<Uuid> = evaluations_in_effect.values().map(|e| e.id).collect();
    let mut realisations: HashMap<Uuid, HashMap<Uuid, realisation::Model>> = HashMap::new();
    for r in rows_in::<realisation::Entity, _>(db, realisation::Column::EvaluationId, &evaluation_ids).await?
    {
        realisations.entry(r.evaluation_id).or_default().insert(r.indicator_id, r);
    }

    let official_ids: Vec<Uuid> =
        pacts.iter().map(|p| p.official_id).collect::<HashSet<_>>().into_iter().collect();
    let months: Vec<i16> = q.months().iter().map(|m| *m as i16).collect();
    let mut attendance: HashMap<Uuid, Vec<attendance_cut::Model>> = HashMap::new();
    for a in
        rows_in::<attendance_cut::Entity, _>(db, attendance_cut::Column::OfficialId, &official_ids).await?
    {
        if a.year == year && months.contains(&a.month) {
            attendance.entry(a.official_id).or_default().push(a);
        }
    }
    let breached: HashSet<Uuid> =
        rows_in::<integrity_breach::Entity, _>(db, integrity_breach::Column::OfficialId, &official_ids)
            .await?
            .into_iter()
            .filter(|b| b.occurred_on >= first && b.occurred_on <= last)
            .map(|b| b.official_id)
            .collect();
    let mut sanctions: HashMap<Uuid, Vec<sanction::Model>> = HashMap::new();
    for s in rows_in::<sanction::Entity, _>(db, sanction::Column::OfficialId, &official_ids).await? {
        if s.start_date <= last {
            sanctions.entry(s.official_id).or_default().push(s);
        }
    }

    let mut out = HashMap::with_capacity(pacts.len());
    for p in pacts {
        let Some(v) = in_force.get(&p.id) else {
            out.insert(p.id, Err(evaluations::not_signed(year, q)));
            continue;
        };
        let rows = indicators.remove(&v.id).unwrap_or_default();
        let content = pacts::indicators_from_rows(rows.clone(), &mut targets)?;
        let sheet = evaluations::sheet_indicators_from(v.id, rows, content, q)?;
        let eval = evaluations_in_effect.get(&v.id);
        let stored = eval.and_then(|e| realisations.get(&e.id));
        let values = sheet
            .iter()
            .map(|i| match stored.and_then(|s| s.get(&i.indicator_id)) {
                Some(r) => evaluations::shown(&r.value),
                None => Ok(String::new()),
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let rating = eval.and_then(|e| e.behaviour.as_deref()).and_then(Rating::parse);
        let discipline = discipline::inputs_from_rows(
            db,
            attendance.get(&p.official_id).map_or(&[][..], Vec::as_slice),
            breached.contains(&p.official_id),
            sanctions.get(&p.official_id).map_or(&[][..], Vec::as_slice),
        )
        .await?;
        out.insert(p.id, Ok(SheetInputs { indicators: sheet, values, rating, discipline }));
    }
    Ok(out)
}
