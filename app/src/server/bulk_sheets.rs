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
use super::evaluations::{self, VersionValidity, IN_EFFECT, SIGNED};
use super::{discipline, pacts};
use crate::domain::achievement::Polarity;
use crate::domain::quarter_sheet::{DisciplineInputs, SheetIndicator};
use crate::domain::rating::Rating;
use crate::domain::tpp::Quarter;
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// The columns of a pact version that decide whether it is in force (the version's text is not
/// needed to compute its quarter).
struct VersionSpan {
    id: Uuid,
    pact_id: Uuid,
    version_no: i32,
    status: String,
    valid_from: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
}

impl VersionValidity for VersionSpan {
    fn version_no(&self) -> i32 {
        self.version_no
    }
    fn status(&self) -> &str {
        &self.status
    }
    fn valid_from(&self) -> Option<NaiveDate> {
        self.valid_from
    }
    fn valid_until(&self) -> Option<NaiveDate> {
        self.valid_until
    }
}

/// id, pact version id, position, name, unit, polarity, weight.
type IndicatorColumns = (Uuid, Uuid, i32, String, String, String, String);
/// A quarter target: the value, or the low and high ends of a range.
type TargetColumns = (Option<String>, Option<String>, Option<String>);

/// An indicator of the sheet from the columns it uses, read as the single sheet reads them
/// (`pacts::indicators_from_rows`, `evaluations::sheet_indicators_from`); the tests compare the
/// run's results with the sheet's, official by official.
fn sheet_indicator(
    id: Uuid,
    name: String,
    unit: String,
    polarity: &str,
    weight: &str,
    target: Option<&TargetColumns>,
) -> Result<SheetIndicator, AppError> {
    let polarity = Polarity::parse(polarity).ok_or_else(|| {
        tracing::error!(indicator = %id, "stored indicator is not readable");
        AppError::Internal
    })?;
    let target = match target {
        Some((value, low, high)) => pacts::stored_target(polarity, value, low, high)?,
        None => None,
    };
    Ok(SheetIndicator { indicator_id: id, name, unit, polarity, weight: pacts::dec(weight)?, target })
}

/// One pact's quarter, as the sheet would compute it.
pub struct SheetInputs {
    pub indicators: Vec<SheetIndicator>,
    /// Per indicator, the stored realisation as the form shows it ("" when not entered).
    pub values: Vec<String>,
    pub rating: Option<Rating>,
    pub discipline: DisciplineInputs,
}

/// `SELECT pact_version.id` of the year's signed (or since superseded) versions: the versions a
/// quarter of the year can be computed on. Each table below is read once, filtered by this (rather
/// than by long lists of ids), so a city-wide run is a handful of statements.
fn signed_versions_of(year: i32) -> SelectStatement {
    Query::select()
        .column((pact_version::Entity, pact_version::Column::Id))
        .from(pact_version::Entity)
        .inner_join(
            pact::Entity,
            Expr::col((pact::Entity, pact::Column::Id))
                .equals((pact_version::Entity, pact_version::Column::PactId)),
        )
        .and_where(Expr::col((pact::Entity, pact::Column::Year)).eq(year))
        .and_where(Expr::col((pact_version::Entity, pact_version::Column::Status)).is_in(SIGNED))
        .to_owned()
}

/// Per pact (by id): the quarter's inputs, or the refusal the single sheet gives (a quarter
/// without a signed version is a conflict). `pacts` are pacts of `year`.
pub async fn load(
    db: &impl ConnectionTrait,
    pacts: &[pact::Model],
    year: i32,
    q: Quarter,
) -> Result<HashMap<Uuid, Result<SheetInputs, AppError>>, AppError> {
    use pact_version::Column as V;
    let (first, last) = evaluations::quarter_days(year, q)?;
    let quarter = q.number() as i16;
    let months: Vec<i16> = q.months().iter().map(|m| *m as i16).collect();
    // The evaluations of the quarter that may be in effect (open or corrected revisions).
    let of_quarter = || {
        Query::select()
            .column(evaluation::Column::Id)
            .from(evaluation::Entity)
            .and_where(evaluation::Column::Quarter.eq(quarter))
            .and_where(evaluation::Column::Status.is_in(IN_EFFECT))
            .and_where(evaluation::Column::PactVersionId.in_subquery(signed_versions_of(year)))
            .to_owned()
    };
    // Every query depends only on the year and quarter, so all run at once, each on its own
    // pooled connection (SQLite steps each on its own thread).
    let (
        spans,
        indicator_rows,
        target_rows,
        evaluation_rows,
        realisation_rows,
        attendance_rows,
        breaches,
        sanction_rows,
    ) = tokio::try_join!(
        pact_version::Entity::find()
            .select_only()
            .columns([V::Id, V::PactId, V::VersionNo, V::Status, V::ValidFrom, V::ValidUntil])
            .filter(V::Id.in_subquery(signed_versions_of(year)))
            .into_tuple::<(Uuid, Uuid, i32, String, Option<NaiveDate>, Option<NaiveDate>)>()
            .all(db),
        // The columns of an indicator and of its quarter's target that the sheet uses.
        indicator::Entity::find()
            .select_only()
            .columns([
                indicator::Column::Id,
                indicator::Column::PactVersionId,
                indicator::Column::Position,
                indicator::Column::Name,
                indicator::Column::Unit,
                indicator::Column::Polarity,
                indicator::Column::Weight,
            ])
            .filter(indicator::Column::PactVersionId.in_subquery(signed_versions_of(year)))
            .into_tuple::<IndicatorColumns>()
            .all(db),
        indicator_target::Entity::find()
            .select_only()
            .columns([
                indicator_target::Column::IndicatorId,
                indicator_target::Column::Target,
                indicator_target::Column::TargetLow,
                indicator_target::Column::TargetHigh,
            ])
            .filter(indicator_target::Column::Quarter.eq(quarter))
            .filter(
                indicator_target::Column::IndicatorId.in_subquery(
                    Query::select()
                        .column(indicator::Column::Id)
                        .from(indicator::Entity)
                        .and_where(indicator::Column::PactVersionId.in_subquery(signed_versions_of(year)))
                        .to_owned(),
                ),
            )
            .into_tuple::<(Uuid, Option<String>, Option<String>, Option<String>)>()
            .all(db),
        evaluation::Entity::find()
            .select_only()
            .columns([
                evaluation::Column::Id,
                evaluation::Column::PactVersionId,
                evaluation::Column::Revision,
                evaluation::Column::Behaviour,
            ])
            .filter(evaluation::Column::Id.in_subquery(of_quarter()))
            .into_tuple::<(Uuid, Uuid, i32, Option<String>)>()
            .all(db),
        realisation::Entity::find()
            .select_only()
            .columns([
                realisation::Column::EvaluationId,
                realisation::Column::IndicatorId,
                realisation::Column::Value,
            ])
            .filter(realisation::Column::EvaluationId.in_subquery(of_quarter()))
            .into_tuple::<(Uuid, Uuid, Option<String>)>()
            .all(db),
        // Discipline records of the quarter, city-wide (few rows): by date, not by official.
        attendance_cut::Entity::find()
            .filter(attendance_cut::Column::Year.eq(year))
            .filter(attendance_cut::Column::Month.is_in(months))
            .all(db),
        integrity_breach::Entity::find()
            .filter(integrity_breach::Column::OccurredOn.between(first, last))
            .all(db),
        sanction::Entity::find().filter(sanction::Column::StartDate.lte(last)).all(db),
    )?;

    let mut versions: HashMap<Uuid, Vec<VersionSpan>> = HashMap::new();
    for (id, pact_id, version_no, status, valid_from, valid_until) in spans {
        let span = VersionSpan { id, pact_id, version_no, status, valid_from, valid_until };
        versions.entry(span.pact_id).or_default().push(span);
    }
    // pact id → the version in force for the quarter
    let in_force: HashMap<Uuid, Uuid> = pacts
        .iter()
        .filter_map(|p| {
            let vs = versions.get(&p.id)?;
            evaluations::version_in_force(vs, first, last).map(|v| (p.id, v.id))
        })
        .collect();
    let wanted: HashSet<Uuid> = in_force.values().copied().collect();
    let mut indicators: HashMap<Uuid, Vec<IndicatorColumns>> = HashMap::new();
    for i in indicator_rows {
        if wanted.contains(&i.1) {
            indicators.entry(i.1).or_default().push(i);
        }
    }
    for rows in indicators.values_mut() {
        rows.sort_by_key(|r| r.2);
    }
    // indicator id → (target, low, high) of the quarter
    let targets: HashMap<Uuid, TargetColumns> =
        target_rows.into_iter().map(|(id, target, low, high)| (id, (target, low, high))).collect();
    // The evaluation in effect: the latest open or corrected revision of the quarter.
    let mut evaluations_in_effect: HashMap<Uuid, (Uuid, i32, Option<String>)> = HashMap::new();
    for (id, version_id, revision, behaviour) in evaluation_rows {
        match evaluations_in_effect.get(&version_id) {
            Some((_, kept, _)) if *kept >= revision => {}
            _ => {
                evaluations_in_effect.insert(version_id, (id, revision, behaviour));
            }
        }
    }
    let chosen: HashSet<Uuid> = evaluations_in_effect.values().map(|(id, _, _)| *id).collect();
    // evaluation id → indicator id → stored value
    let mut realisations: HashMap<Uuid, HashMap<Uuid, Option<String>>> = HashMap::new();
    for (evaluation_id, indicator_id, value) in realisation_rows {
        if chosen.contains(&evaluation_id) {
            realisations.entry(evaluation_id).or_default().insert(indicator_id, value);
        }
    }
    let mut attendance: HashMap<Uuid, Vec<attendance_cut::Model>> = HashMap::new();
    for a in attendance_rows {
        attendance.entry(a.official_id).or_default().push(a);
    }
    let breached: HashSet<Uuid> = breaches.into_iter().map(|b| b.official_id).collect();
    let mut sanctions: HashMap<Uuid, Vec<sanction::Model>> = HashMap::new();
    for s in sanction_rows {
        sanctions.entry(s.official_id).or_default().push(s);
    }

    let mut out = HashMap::with_capacity(pacts.len());
    for p in pacts {
        let Some(version_id) = in_force.get(&p.id).copied() else {
            out.insert(p.id, Err(evaluations::not_signed(year, q)));
            continue;
        };
        let sheet = indicators
            .remove(&version_id)
            .unwrap_or_default()
            .into_iter()
            .map(|(id, _, _, name, unit, polarity, weight)| {
                let target = targets.get(&id);
                sheet_indicator(id, name, unit, &polarity, &weight, target)
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let eval = evaluations_in_effect.get(&version_id);
        let stored = eval.and_then(|(id, _, _)| realisations.get(id));
        let values = sheet
            .iter()
            .map(|i| match stored.and_then(|s| s.get(&i.indicator_id)) {
                Some(value) => evaluations::shown(value),
                None => Ok(String::new()),
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let rating = eval.and_then(|(_, _, b)| b.as_deref()).and_then(Rating::parse);
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
