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
    let mut versions: HashMap<Uuid, Vec<VersionSpan>> = HashMap::new();
    let spans = pact_version::Entity::find()
        .select_only()
        .columns([V::Id, V::PactId, V::VersionNo, V::Status, V::ValidFrom, V::ValidUntil])
        .filter(V::Id.in_subquery(signed_versions_of(year)))
        .into_tuple::<(Uuid, Uuid, i32, String, Option<NaiveDate>, Option<NaiveDate>)>()
        .all(db)
        .await?;
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

    let mut indicators: HashMap<Uuid, Vec<indicator::Model>> = HashMap::new();
    for i in indicator::Entity::find()
        .filter(indicator::Column::PactVersionId.in_subquery(signed_versions_of(year)))
        .all(db)
        .await?
    {
        if wanted.contains(&i.pact_version_id) {
            indicators.entry(i.pact_version_id).or_default().push(i);
        }
    }
    for rows in indicators.values_mut() {
        rows.sort_by_key(|r| r.position);
    }
    // Only this quarter's targets: the sheet reads no other.
    let mut targets: HashMap<Uuid, Vec<indicator_target::Model>> = HashMap::new();
    for t in indicator_target::Entity::find()
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
        .all(db)
        .await?
    {
        targets.entry(t.indicator_id).or_default().push(t);
    }

    // The evaluation in effect: the latest open or corrected revision of the quarter.
    let of_quarter = || {
        Query::select()
            .column(evaluation::Column::Id)
            .from(evaluation::Entity)
            .and_where(evaluation::Column::Quarter.eq(quarter))
            .and_where(evaluation::Column::Status.is_in(IN_EFFECT))
            .and_where(evaluation::Column::PactVersionId.in_subquery(signed_versions_of(year)))
            .to_owned()
    };
    let mut evaluations_in_effect: HashMap<Uuid, (Uuid, i32, Option<String>)> = HashMap::new();
    let rows = evaluation::Entity::find()
        .select_only()
        .columns([
            evaluation::Column::Id,
            evaluation::Column::PactVersionId,
            evaluation::Column::Revision,
            evaluation::Column::Behaviour,
        ])
        .filter(evaluation::Column::Id.in_subquery(of_quarter()))
        .into_tuple::<(Uuid, Uuid, i32, Option<String>)>()
        .all(db)
        .await?;
    for (id, version_id, revision, behaviour) in rows {
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
    let rows = realisation::Entity::find()
        .select_only()
        .columns([
            realisation::Column::EvaluationId,
            realisation::Column::IndicatorId,
            realisation::Column::Value,
        ])
        .filter(realisation::Column::EvaluationId.in_subquery(of_quarter()))
        .into_tuple::<(Uuid, Uuid, Option<String>)>()
        .all(db)
        .await?;
    for (evaluation_id, indicator_id, value) in rows {
        if chosen.contains(&evaluation_id) {
            realisations.entry(evaluation_id).or_default().insert(indicator_id, value);
        }
    }

    // Discipline records of the quarter, city-wide (few rows): filtered by date, not by official.
    let months: Vec<i16> = q.months().iter().map(|m| *m as i16).collect();
    let mut attendance: HashMap<Uuid, Vec<attendance_cut::Model>> = HashMap::new();
    for a in attendance_cut::Entity::find()
        .filter(attendance_cut::Column::Year.eq(year))
        .filter(attendance_cut::Column::Month.is_in(months))
        .all(db)
        .await?
    {
        attendance.entry(a.official_id).or_default().push(a);
    }
    let breached: HashSet<Uuid> = integrity_breach::Entity::find()
        .filter(integrity_breach::Column::OccurredOn.between(first, last))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.official_id)
        .collect();
    let mut sanctions: HashMap<Uuid, Vec<sanction::Model>> = HashMap::new();
    for s in sanction::Entity::find().filter(sanction::Column::StartDate.lte(last)).all(db).await? {
        sanctions.entry(s.official_id).or_default().push(s);
    }

    let mut out = HashMap::with_capacity(pacts.len());
    for p in pacts {
        let Some(version_id) = in_force.get(&p.id).copied() else {
            out.insert(p.id, Err(evaluations::not_signed(year, q)));
            continue;
        };
        let rows = indicators.remove(&version_id).unwrap_or_default();
        let content = pacts::indicators_from_rows(rows.clone(), &mut targets)?;
        let sheet = evaluations::sheet_indicators_from(version_id, rows, content, q)?;
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
