//! A quarter's realisations and behaviour rating under the signed pact version in force for it
//! (issue 5). The preview is `domain::quarter_sheet::preview_with` over the stored values, the
//! same code the page runs as values are typed; what is computed here is the authority.
//!
//! **Concurrency.** Each realisation row carries a `row_version`. A save names, per row, the
//! version it was loaded with; if any stored row has moved on, the whole save is refused with
//! both values shown, and nothing is written. Rows whose content did not change are not
//! rewritten, so two admins filling in different indicators do not collide.
use super::audit::{self, Entry};
use super::entities::realisation;
use super::entities::{account, evaluation, indicator, indicator_target, official, opd, pact, pact_version};
use super::pacts;
use super::policy;
use crate::api::auth::SessionUser;
use crate::api::evaluations::{
    BehaviourView, QuarterSheet, RealisationInput, RealisationRow, SheetListPage, SheetListRow,
    SheetOfficial, SHEETS_PER_PAGE,
};
use crate::domain::explanation::number_id;
use crate::domain::pact::PactStatus;
use crate::domain::quarter_sheet::{parse_realisation, preview_with, SheetIndicator};
use crate::domain::rating::Rating;
use crate::domain::tpp::Quarter;
use crate::domain::Role;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, SqlErr,
};
use std::collections::{HashMap, HashSet};
use std::str::FromStr;
use uuid::Uuid;

pub const ENTITY_EVALUATION: &str = "evaluation";
pub const ENTITY_REALISATION: &str = "realisation";
pub mod action {
    pub const SAVE_REALISATION: &str = "save_realisation";
    pub const RATE_BEHAVIOUR: &str = "rate_behaviour";
}
/// `evaluation.status` while realisations may be entered.
pub const STATUS_OPEN: &str = "open";
/// A correction after the lock, approved by a second admin: the revision in effect.
pub const STATUS_CORRECTED: &str = "corrected";
/// A correction awaiting a second admin's decision, and one they refused: never in effect.
pub const STATUS_CORRECTION_PENDING: &str = "correction_pending";
pub const STATUS_CORRECTION_REJECTED: &str = "correction_rejected";
pub(super) const IN_EFFECT: [&str; 2] = [STATUS_OPEN, STATUS_CORRECTED];
const MAX_TEXT: usize = 2000;
const MAX_LINK: usize = 500;
const RACE: &str = "Realisasi triwulan ini baru saja disimpan oleh admin lain. \
    Muat ulang untuk melihat nilai terbaru, lalu ulangi.";

/// A quarter number from a request, or the field error every service gives.
pub(super) fn quarter_of(n: u32) -> Result<Quarter, AppError> {
    Quarter::new(n).ok_or_else(|| AppError::validation("quarter", "Triwulan harus 1, 2, 3 atau 4."))
}

/// The first and last day of the quarter.
pub(super) fn quarter_days(year: i32, q: Quarter) -> Result<(NaiveDate, NaiveDate), AppError> {
    let [first, _, last] = q.months();
    let start = NaiveDate::from_ymd_opt(year, first, 1).ok_or(AppError::Internal)?;
    let next = if last == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, last + 1, 1)
    };
    let end = next.and_then(|d| d.pred_opt()).ok_or(AppError::Internal)?;
    Ok((start, end))
}

/// The refusal for a quarter without a signed pact version.
pub(super) fn not_signed(year: i32, q: Quarter) -> AppError {
    AppError::Conflict(format!(
        "Pakta ini belum ditandatangani untuk TW {} {year}. Realisasi baru dapat diisi setelah pakta \
         ditandatangani kedua pihak.",
        q.roman(),
    ))
}

/// What decides whether a pact version is the one in force: its number, status and validity
/// (a whole stored version, or just these columns when many are read at once).
pub(super) trait VersionValidity {
    fn version_no(&self) -> i32;
    fn status(&self) -> &str;
    fn valid_from(&self) -> Option<NaiveDate>;
    fn valid_until(&self) -> Option<NaiveDate>;
}

impl VersionValidity for pact_version::Model {
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

/// Signed (or since superseded) and valid on `day`.
fn valid_on(v: &impl VersionValidity, day: NaiveDate) -> bool {
    v.valid_from().is_none_or(|f| f <= day) && v.valid_until().is_none_or(|u| u >= day)
}

/// Among a pact's versions, the signed one in force for the quarter: a version signed or
/// superseded whose validity overlaps the quarter, preferring the one in force on its last day,
/// then the latest.
pub(super) fn version_in_force<V: VersionValidity>(
    versions: &[V],
    first: NaiveDate,
    last: NaiveDate,
) -> Option<&V> {
    let overlapping: Vec<&V> = versions
        .iter()
        .filter(|v| SIGNED.contains(&v.status()))
        .filter(|v| v.valid_from().is_none_or(|f| f <= last) && v.valid_until().is_none_or(|u| u >= first))
        .collect();
    overlapping
        .iter()
        .filter(|v| valid_on(**v, last))
        .max_by_key(|v| v.version_no())
        .or_else(|| overlapping.iter().max_by_key(|v| v.version_no()))
        .copied()
}

/// The statuses of a version that was signed by both parties (and may since be superseded).
pub(super) const SIGNED: [&str; 2] = [PactStatus::Signed.as_str(), PactStatus::Superseded.as_str()];

pub(super) struct Located {
    pub pact: pact::Model,
    pub official: official::Model,
    pub version: pact_version::Model,
    pub quarter: Quarter,
}

/// The pact and its versions (newest first), if `user` may see them (anyone else: not found).
async fn visible_pact(
    db: &impl ConnectionTrait,
    user: &SessionUser,
    pact_id: Uuid,
) -> Result<(pact::Model, Vec<pact_version::Model>), AppError> {
    let p = pact::Entity::find_by_id(pact_id).one(db).await?.ok_or(AppError::NotFound)?;
    let versions = pact_version::Entity::find()
        .filter(pact_version::Column::PactId.eq(p.id))
        .order_by_desc(pact_version::Column::VersionNo)
        .all(db)
        .await?;
    for v in &versions {
        if pacts::may_view(db, user, &p, v).await? {
            return Ok((p, versions));
        }
    }
    Err(AppError::NotFound)
}

/// The quarter and, among the pact's versions, the signed one in force for it (none: a conflict,
/// said plainly).
fn quarter_in_force(
    year: i32,
    quarter: u32,
    versions: &[pact_version::Model],
) -> Result<(Quarter, &pact_version::Model), AppError> {
    let q = quarter_of(quarter)?;
    let (first, last) = quarter_days(year, q)?;
    version_in_force(versions, first, last).map(|v| (q, v)).ok_or_else(|| not_signed(year, q))
}

/// The pact, its official and the version in force for the quarter, if `user` may see them
/// (anyone else: not found). A quarter without a signed version is a conflict, said plainly.
pub(super) async fn locate(
    db: &impl ConnectionTrait,
    user: &SessionUser,
    pact_id: Uuid,
    quarter: u32,
) -> Result<Located, AppError> {
    let (p, versions) = visible_pact(db, user, pact_id).await?;
    let (q, version) = quarter_in_force(p.year, quarter, &versions)?;
    if !pacts::may_view(db, user, &p, version).await? {
        return Err(AppError::NotFound);
    }
    let version = version.clone();
    let o = official::Entity::find_by_id(p.official_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(Located { pact: p, official: o, version, quarter: q })
}

/// The version's indicators (annex order) with their ids and the quarter's target.
pub(super) async fn sheet_indicators(
    db: &impl ConnectionTrait,
    version_id: Uuid,
    q: Quarter,
) -> Result<Vec<SheetIndicator>, AppError> {
    let (rows, content) =
        pacts::indicator_rows_of(db, &[version_id]).await?.remove(&version_id).unwrap_or_default();
    sheet_indicators_from(version_id, rows, content, q)
}

/// The sheet's indicators from a version's indicator rows and their content, both in annex order.
pub(super) fn sheet_indicators_from(
    version_id: Uuid,
    rows: Vec<indicator::Model>,
    content: Vec<crate::domain::pact::PactIndicator>,
    q: Quarter,
) -> Result<Vec<SheetIndicator>, AppError> {
    if rows.len() != content.len() {
        tracing::error!(version = %version_id, "indicator rows and content differ");
        return Err(AppError::Internal);
    }
    let slot = (q.number() - 1) as usize;
    Ok(rows
        .into_iter()
        .zip(content)
        .map(|(r, i)| SheetIndicator {
            indicator_id: r.id,
            name: i.name,
            unit: i.unit,
            polarity: i.polarity,
            weight: i.weight,
            target: i.quarters[slot],
        })
        .collect())
}

/// The quarter's evaluation in effect (the latest revision that is open or an approved
/// correction), if one was opened.
pub(super) async fn evaluation_of(
    db: &impl ConnectionTrait,
    version_id: Uuid,
    q: Quarter,
) -> Result<Option<evaluation::Model>, AppError> {
    Ok(evaluation::Entity::find()
        .filter(evaluation::Column::PactVersionId.eq(version_id))
        .filter(evaluation::Column::Quarter.eq(q.number() as i16))
        .filter(evaluation::Column::Status.is_in(IN_EFFECT))
        .order_by_desc(evaluation::Column::Revision)
        .one(db)
        .await?)
}

fn stored_decimal(s: &str) -> Result<Decimal, AppError> {
    Decimal::from_str(s).map_err(|_| {
        tracing::error!(value = s, "stored realisation is not readable");
        AppError::Internal
    })
}

/// A stored value the Indonesian way ("3.360.000", "84,46"), as the form shows and reads it.
pub(super) fn shown(value: &Option<String>) -> Result<String, AppError> {
    value.as_deref().map(|v| stored_decimal(v).map(number_id)).transpose().map(Option::unwrap_or_default)
}

/// Who an account is, for "entered by": the official's name, else the username.
async fn names_of(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> Result<HashMap<Uuid, String>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let accounts = account::Entity::find().filter(account::Column::Id.is_in(ids)).all(db).await?;
    let official_ids: Vec<Uuid> = accounts.iter().filter_map(|a| a.official_id).collect();
    let officials: HashMap<Uuid, String> = official::Entity::find()
        .filter(official::Column::Id.is_in(official_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(accounts
        .into_iter()
        .map(|a| {
            let name = a.official_id.and_then(|o| officials.get(&o).cloned()).unwrap_or(a.username);
            (a.id, name)
        })
        .collect())
}

/// Whether `user` is the official's direct superior.
fn is_direct_superior(user: &SessionUser, o: &official::Model) -> bool {
    user.role == Role::Official && user.official_id.is_some() && o.supervisor_id == user.official_id
}

/// A quarter's sheet: the signed version in force, its indicators with the quarter's targets,
/// the stored realisations and behaviour rating, the policy in force on the quarter's first
/// day, and the server's preview. For the admin, the official and their superior.
pub async fn sheet(
    db: &DatabaseConnection,
    user: &SessionUser,
    pact_id: Uuid,
    quarter: u32,
) -> Result<QuarterSheet, AppError> {
    sheets(db, user, pact_id, &[quarter]).await?.pop().ok_or(AppError::Internal)?
}

/// The pact's sheets for `quarters`, each as [`sheet`] gives it or its refusal (a quarter
/// without a signed version is a conflict). What the quarters share is read once (the pact, its
/// official, the versions' indicators, the evaluations and their realisations, who entered
/// them, the policies, the locks, the discipline records), so a whole year costs about the
/// queries of one quarter.
pub async fn sheets(
    db: &DatabaseConnection,
    user: &SessionUser,
    pact_id: Uuid,
    quarters: &[u32],
) -> Result<Vec<Result<QuarterSheet, AppError>>, AppError> {
    let (p, versions) = visible_pact(db, user, pact_id).await?;
    let mut planned: Vec<Result<(Quarter, &pact_version::Model), AppError>> =
        quarters.iter().map(|n| quarter_in_force(p.year, *n, &versions)).collect();
    // Each quarter is decided against the version in force for it: a former superior (pihak
    // kedua of an earlier version) sees the quarters of that version, not the later ones.
    for r in planned.iter_mut() {
        let hidden = match r {
            Ok((_, v)) => !pacts::may_view(db, user, &p, v).await?,
            Err(_) => false,
        };
        if hidden {
            *r = Err(AppError::NotFound);
        }
    }
    let wanted: Vec<(Quarter, &pact_version::Model)> =
        planned.iter().filter_map(|r| r.as_ref().ok().copied()).collect();
    if wanted.is_empty() {
        // No quarter is signed: only the refusals (every `planned` is one).
        return Ok(planned.into_iter().map(|r| r.and(Err(AppError::Internal))).collect());
    }
    let o = official::Entity::find_by_id(p.official_id).one(db).await?.ok_or(AppError::NotFound)?;
    let mut version_ids: Vec<Uuid> = wanted.iter().map(|(_, v)| v.id).collect();
    version_ids.sort();
    version_ids.dedup();

    // Each version's indicator rows (annex order) and their content with all quarters' targets.
    let indicators_of = pacts::indicator_rows_of(db, &version_ids).await?;

    // The evaluations of those versions and quarters; per quarter, the one in effect (the latest
    // open or corrected revision) and whether a correction of it awaits a decision.
    let numbers: Vec<i16> = wanted.iter().map(|(q, _)| q.number() as i16).collect();
    let evaluations = evaluation::Entity::find()
        .filter(evaluation::Column::PactVersionId.is_in(version_ids))
        .filter(evaluation::Column::Quarter.is_in(numbers))
        .all(db)
        .await?;
    let of = |version_id: Uuid, q: Quarter| {
        evaluations.iter().filter(move |e| e.pact_version_id == version_id && e.quarter == q.number() as i16)
    };
    let in_effect: Vec<Option<&evaluation::Model>> = wanted
        .iter()
        .map(|(q, v)| {
            of(v.id, *q).filter(|e| IN_EFFECT.contains(&e.status.as_str())).max_by_key(|e| e.revision)
        })
        .collect();
    let chosen: Vec<Uuid> = in_effect.iter().flatten().map(|e| e.id).collect();
    // evaluation id → indicator id → stored row
    let mut stored: HashMap<Uuid, HashMap<Uuid, realisation::Model>> = HashMap::new();
    if !chosen.is_empty() {
        for r in realisation::Entity::find()
            .filter(realisation::Column::EvaluationId.is_in(chosen))
            .all(db)
            .await?
        {
            stored.entry(r.evaluation_id).or_default().insert(r.indicator_id, r);
        }
    }
    let mut people: Vec<Uuid> =
        stored.values().flat_map(|rows| rows.values()).filter_map(|r| r.updated_by).collect();
    people.extend(in_effect.iter().flatten().filter_map(|e| e.behaviour_rated_by));
    let names = names_of(db, people).await?;

    let policies = policy::history(db).await?;
    let locked = super::tpp_run::locked_quarters(db, p.year).await?;
    let opd_name = opd::Entity::find_by_id(o.opd_id).one(db).await?.map(|d| d.name).unwrap_or_default();
    let wanted_quarters: Vec<Quarter> = wanted.iter().map(|(q, _)| *q).collect();
    let discipline = super::discipline::quarters_inputs(db, o.id, p.year, &wanted_quarters).await?;
    // A superior sees their report's scores, not their pay (domain.md section 7).
    let shows_pay = user.role == Role::Admin || user.official_id == Some(o.id);
    let ceiling = if shows_pay { o.monthly_ceiling } else { 0 };
    let may_rate_behaviour = user.role == Role::Admin || is_direct_superior(user, &o);

    let mut built = Vec::with_capacity(wanted.len());
    for (((q, v), eval), discipline) in wanted.iter().copied().zip(in_effect).zip(discipline) {
        let indicators = match indicators_of.get(&v.id) {
            Some((rows, content)) => sheet_indicators_from(v.id, rows.clone(), content.clone(), q)?,
            None => Vec::new(),
        };
        let no_rows = HashMap::new();
        let stored = eval.and_then(|e| stored.get(&e.id)).unwrap_or(&no_rows);
        let rows = indicators
            .iter()
            .map(|i| {
                let Some(r) = stored.get(&i.indicator_id) else {
                    return Ok(RealisationRow { indicator_id: i.indicator_id, ..Default::default() });
                };
                Ok(RealisationRow {
                    indicator_id: i.indicator_id,
                    value: shown(&r.value)?,
                    evidence_note: r.evidence_note.clone().unwrap_or_default(),
                    evidence_link: r.evidence_link.clone().unwrap_or_default(),
                    obstacles: r.obstacles.clone().unwrap_or_default(),
                    follow_up: r.follow_up.clone().unwrap_or_default(),
                    row_version: r.row_version,
                    updated_at: Some(r.updated_at),
                    updated_by: r.updated_by.and_then(|a| names.get(&a).cloned()),
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let behaviour = BehaviourView {
            rating: eval.and_then(|e| e.behaviour.clone()),
            rated_by: eval.and_then(|e| e.behaviour_rated_by).and_then(|a| names.get(&a).cloned()),
            on_behalf: eval.is_some_and(|e| e.behaviour_on_behalf),
            note: eval.and_then(|e| e.behaviour_note.clone()),
        };
        let (first_day, _) = quarter_days(p.year, q)?;
        let in_force = policy::version_on(&policies, first_day);
        let policy_version = in_force.map(|v| v.version);
        let pol = in_force.map(|v| v.policy.clone()).unwrap_or_default();
        let values: Vec<String> = rows.iter().map(|r| r.value.clone()).collect();
        let rating = behaviour.rating.as_deref().and_then(Rating::parse);
        let (preview, preview_error) =
            match preview_with(&indicators, &values, rating, ceiling, p.year, q, &pol, &discipline) {
                Ok(mut r) => {
                    if !shows_pay {
                        r.months.clear();
                        r.total = None;
                    }
                    (Some(r), None)
                }
                Err(e) => (None, Some(e.message)),
            };
        let correction_pending = of(v.id, q).any(|e| e.status == STATUS_CORRECTION_PENDING);
        built.push(QuarterSheet {
            locked: locked.contains(&q.number()),
            correction_pending,
            revision: eval.map_or(1, |e| e.revision),
            pact_id: p.id,
            version_id: v.id,
            version_no: v.version_no,
            year: p.year,
            quarter: q.number(),
            may_edit_values: user.role == Role::Admin,
            may_rate_behaviour,
            official: SheetOfficial {
                official_id: o.id,
                name: o.name.clone(),
                nip: o.nip.clone(),
                position_title: o.position_title.clone(),
                opd_name: opd_name.clone(),
                monthly_ceiling: ceiling,
            },
            shows_pay,
            indicators,
            rows,
            behaviour,
            policy_json: pol.to_json().to_string(),
            policy_version,
            discipline,
            preview,
            preview_error,
        });
    }
    let mut built = built.into_iter();
    Ok(planned.into_iter().map(|r| r.and_then(|_| built.next().ok_or(AppError::Internal))).collect())
}

/// A row of the save form, checked.
pub(super) struct Checked {
    pub indicator_id: Uuid,
    pub name: String,
    pub typed: String,
    pub value: Option<String>,
    pub evidence_note: Option<String>,
    pub evidence_link: Option<String>,
    pub obstacles: Option<String>,
    pub follow_up: Option<String>,
    pub row_version: i32,
}

fn field(i: usize, key: &str) -> String {
    format!("realisations[{i}].{key}")
}

fn optional_text(i: usize, key: &str, text: &str) -> Result<Option<String>, AppError> {
    let t = text.trim();
    if t.chars().count() > MAX_TEXT {
        return Err(AppError::validation(&field(i, key), format!("Paling banyak {MAX_TEXT} karakter.")));
    }
    Ok((!t.is_empty()).then(|| t.to_string()))
}

/// An evidence link: an http(s) address without spaces.
fn evidence_link(i: usize, text: &str) -> Result<Option<String>, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let lower = t.to_ascii_lowercase();
    let scheme_ok = ["http://", "https://"].iter().any(|s| lower.starts_with(s) && lower.len() > s.len());
    if !scheme_ok || t.chars().any(char::is_whitespace) || t.len() > MAX_LINK {
        return Err(AppError::validation(
            &field(i, "evidence_link"),
            "Tautan bukti harus berupa alamat http:// atau https:// (tanpa spasi).",
        ));
    }
    Ok(Some(t.to_string()))
}

pub(super) fn check_rows(
    indicators: &[SheetIndicator],
    q: Quarter,
    rows: &[RealisationInput],
) -> Result<Vec<Checked>, AppError> {
    let by_id: HashMap<Uuid, &SheetIndicator> = indicators.iter().map(|i| (i.indicator_id, i)).collect();
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let unknown = || {
            AppError::validation(
                &field(i, "indicator_id"),
                "Indikator ini bukan bagian dari pakta yang berlaku.",
            )
        };
        let id = Uuid::parse_str(r.indicator_id.trim()).map_err(|_| unknown())?;
        let ind = by_id.get(&id).ok_or_else(unknown)?;
        if !seen.insert(id) {
            return Err(AppError::validation(&field(i, "indicator_id"), "Indikator ini tercantum dua kali."));
        }
        let value = parse_realisation(i, &r.value)?;
        if value.is_some() && ind.target.is_none() {
            return Err(AppError::validation(
                &field(i, "value"),
                format!("Indikator ini tidak memiliki target TW {}; realisasinya tidak dinilai.", q.roman()),
            ));
        }
        let row_version = match r.row_version.trim() {
            "" => 0,
            s => s.parse::<i32>().ok().filter(|v| *v >= 0).ok_or_else(|| AppError::Conflict(RACE.into()))?,
        };
        out.push(Checked {
            indicator_id: id,
            name: ind.name.clone(),
            typed: r.value.trim().to_string(),
            value: value.map(|d| d.to_string()),
            evidence_note: optional_text(i, "evidence_note", &r.evidence_note)?,
            evidence_link: evidence_link(i, &r.evidence_link)?,
            obstacles: optional_text(i, "obstacles", &r.obstacles)?,
            follow_up: optional_text(i, "follow_up", &r.follow_up)?,
            row_version,
        });
    }
    Ok(out)
}

/// A unique key hit by a concurrent writer is the same conflict as a stale row.
fn race(e: sea_orm::DbErr) -> AppError {
    match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(RACE.into()),
        _ => AppError::from(e),
    }
}

/// The quarter's open evaluation, opened now if there is none.
async fn open_evaluation(
    txn: &DatabaseTransaction,
    l: &Located,
    actor: Uuid,
    now: DateTime<Utc>,
) -> Result<evaluation::Model, AppError> {
    if let Some(e) = evaluation_of(txn, l.version.id, l.quarter).await? {
        if e.status != STATUS_OPEN {
            return Err(AppError::Conflict(format!(
                "Penilaian TW {} {} sudah dikunci dan tidak dapat diubah lagi.",
                l.quarter.roman(),
                l.pact.year
            )));
        }
        return Ok(e);
    }
    let model = evaluation::Model {
        id: Uuid::new_v4(),
        pact_version_id: l.version.id,
        year: l.pact.year,
        quarter: l.quarter.number() as i16,
        revision: 1,
        behaviour: None,
        behaviour_rated_by: None,
        behaviour_on_behalf: false,
        behaviour_note: None,
        status: STATUS_OPEN.to_string(),
        correction_reason: None,
        row_version: 1,
        created_at: now,
    };
    evaluation::Entity::insert(evaluation::ActiveModel {
        id: Set(model.id),
        pact_version_id: Set(model.pact_version_id),
        year: Set(model.year),
        quarter: Set(model.quarter),
        revision: Set(model.revision),
        behaviour: Set(None),
        behaviour_rated_by: Set(None),
        behaviour_on_behalf: Set(false),
        behaviour_note: Set(None),
        status: Set(model.status.clone()),
        correction_reason: Set(None),
        row_version: Set(1),
        created_at: Set(now),
    })
    .exec(txn)
    .await
    .map_err(race)?;
    audit::record(
        txn,
        Entry {
            actor: Some(actor),
            action: audit::action::CREATE,
            entity: ENTITY_EVALUATION,
            record_id: Some(model.id.to_string()),
            before: None,
            after: Some(audit::row_json(&model)?),
        },
        now,
    )
    .await?;
    Ok(model)
}

/// "Realisasi «X» telah diubah oleh admin lain (nilai tersimpan: A; nilai Anda: B)."
fn stale_message(c: &Checked, stored: Option<&realisation::Model>) -> Result<String, AppError> {
    let theirs = match stored {
        Some(r) => shown(&r.value)?,
        None => String::new(),
    };
    let or_empty = |s: String| if s.is_empty() { "(kosong)".to_string() } else { s };
    Ok(format!(
        "Realisasi «{}» telah diubah oleh admin lain (nilai tersimpan: {}; nilai Anda: {}).",
        c.name,
        or_empty(theirs),
        or_empty(c.typed.clone())
    ))
}

/// Saves the quarter's realisations (admin). Every value is checked first (errors name
/// `realisations[i].key`); then, in one transaction, every row's `row_version` is compared with
/// the stored one: any difference refuses the whole save, showing both values. Changed rows are
/// written and audited; the evaluation is opened on the first save. Returns the sheet as stored.
pub async fn save_realisations(
    db: &DatabaseConnection,
    admin: &SessionUser,
    pact_id: Uuid,
    quarter: u32,
    rows: &[RealisationInput],
    now: DateTime<Utc>,
) -> Result<QuarterSheet, AppError> {
    if admin.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let l = locate(db, admin, pact_id, quarter).await?;
    if super::tpp_run::is_locked(db, l.pact.year, l.quarter.number()).await? {
        return Err(super::tpp_run::locked_error(l.pact.year, l.quarter.number()));
    }
    let indicators = sheet_indicators(db, l.version.id, l.quarter).await?;
    let checked = check_rows(&indicators, l.quarter, rows)?;
    let txn = super::begin_write(db).await?;
    let eval = open_evaluation(&txn, &l, admin.account_id, now).await?;
    let stored: HashMap<Uuid, realisation::Model> = realisation::Entity::find()
        .filter(realisation::Column::EvaluationId.eq(eval.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| (r.indicator_id, r))
        .collect();
    let mut stale = Vec::new();
    for c in &checked {
        let current = stored.get(&c.indicator_id);
        if current.map_or(0, |r| r.row_version) != c.row_version {
            stale.push(stale_message(c, current)?);
        }
    }
    if !stale.is_empty() {
        // Dropping the transaction rolls back the evaluation it may have opened.
        return Err(AppError::Conflict(format!(
            "{} Muat ulang untuk melihat nilai terbaru.",
            stale.join(" ")
        )));
    }
    for c in checked {
        let before = stored.get(&c.indicator_id);
        let unchanged = before.is_some_and(|r| {
            (&r.value, &r.evidence_note, &r.evidence_link, &r.obstacles, &r.follow_up)
                == (&c.value, &c.evidence_note, &c.evidence_link, &c.obstacles, &c.follow_up)
        });
        if unchanged
            || (before.is_none()
                && c.value.is_none()
                && c.evidence_note.is_none()
                && c.evidence_link.is_none()
                && c.obstacles.is_none()
                && c.follow_up.is_none())
        {
            continue;
        }
        let after = realisation::Model {
            id: before.map_or_else(Uuid::new_v4, |r| r.id),
            evaluation_id: eval.id,
            indicator_id: c.indicator_id,
            value: c.value,
            value_low: None,
            evidence_note: c.evidence_note,
            evidence_link: c.evidence_link,
            evidence_file_id: before.and_then(|r| r.evidence_file_id),
            obstacles: c.obstacles,
            follow_up: c.follow_up,
            row_version: c.row_version + 1,
            updated_at: now,
            updated_by: Some(admin.account_id),
        };
        let active = realisation::ActiveModel {
            id: Set(after.id),
            evaluation_id: Set(after.evaluation_id),
            indicator_id: Set(after.indicator_id),
            value: Set(after.value.clone()),
            value_low: Set(None),
            evidence_note: Set(after.evidence_note.clone()),
            evidence_link: Set(after.evidence_link.clone()),
            evidence_file_id: Set(after.evidence_file_id),
            obstacles: Set(after.obstacles.clone()),
            follow_up: Set(after.follow_up.clone()),
            row_version: Set(after.row_version),
            updated_at: Set(now),
            updated_by: Set(after.updated_by),
        };
        if before.is_some() {
            let res = realisation::Entity::update_many()
                .set(active)
                .filter(realisation::Column::Id.eq(after.id))
                .filter(realisation::Column::RowVersion.eq(c.row_version))
                .exec(&txn)
                .await?;
            if res.rows_affected == 0 {
                return Err(AppError::Conflict(RACE.into()));
            }
        } else {
            realisation::Entity::insert(active).exec(&txn).await.map_err(race)?;
        }
        audit::record(
            &txn,
            Entry {
                actor: Some(admin.account_id),
                action: action::SAVE_REALISATION,
                entity: ENTITY_REALISATION,
                record_id: Some(after.id.to_string()),
                before: before.map(audit::row_json).transpose()?,
                after: Some(audit::row_json(&after)?),
            },
            now,
        )
        .await?;
    }
    txn.commit().await?;
    sheet(db, admin, pact_id, quarter).await
}

/// Rating perilaku kerja for the quarter: by the official's direct superior, or by the admin on
/// their behalf (recorded as such). The official themself may see but not rate (forbidden);
/// anyone else gets not found.
pub async fn rate_behaviour(
    db: &DatabaseConnection,
    user: &SessionUser,
    pact_id: Uuid,
    quarter: u32,
    rating: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<QuarterSheet, AppError> {
    let l = locate(db, user, pact_id, quarter).await?;
    if super::tpp_run::is_locked(db, l.pact.year, l.quarter.number()).await? {
        return Err(super::tpp_run::locked_error(l.pact.year, l.quarter.number()));
    }
    let on_behalf = match user.role {
        Role::Admin => true,
        _ if is_direct_superior(user, &l.official) => false,
        _ => return Err(AppError::Forbidden),
    };
    let rating = Rating::parse(rating.trim())
        .ok_or_else(|| AppError::validation("rating", "Pilih rating perilaku kerja."))?;
    let note = note.trim();
    if note.chars().count() > MAX_TEXT {
        return Err(AppError::validation("note", format!("Paling banyak {MAX_TEXT} karakter.")));
    }
    let txn = super::begin_write(db).await?;
    let before = open_evaluation(&txn, &l, user.account_id, now).await?;
    let after = evaluation::Model {
        behaviour: Some(rating.as_str().to_string()),
        behaviour_rated_by: Some(user.account_id),
        behaviour_on_behalf: on_behalf,
        behaviour_note: (!note.is_empty()).then(|| note.to_string()),
        row_version: before.row_version + 1,
        ..before.clone()
    };
    let res = evaluation::Entity::update_many()
        .set(evaluation::ActiveModel {
            behaviour: Set(after.behaviour.clone()),
            behaviour_rated_by: Set(after.behaviour_rated_by),
            behaviour_on_behalf: Set(on_behalf),
            behaviour_note: Set(after.behaviour_note.clone()),
            row_version: Set(after.row_version),
            ..Default::default()
        })
        .filter(evaluation::Column::Id.eq(before.id))
        .filter(evaluation::Column::RowVersion.eq(before.row_version))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::Conflict(RACE.into()));
    }
    audit::record(
        &txn,
        Entry {
            actor: Some(user.account_id),
            action: action::RATE_BEHAVIOUR,
            entity: ENTITY_EVALUATION,
            record_id: Some(before.id.to_string()),
            before: Some(audit::row_json(&before)?),
            after: Some(audit::row_json(&after)?),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    sheet(db, user, pact_id, quarter).await
}

/// The admin's list: the signed pacts of the year in force for the quarter, per official, with
/// how many indicators have a realisation for it.
#[allow(clippy::too_many_arguments)]
pub async fn list(
    db: &DatabaseConnection,
    year: i32,
    quarter: u32,
    opd_filter: &str,
    search: &str,
    incomplete_only: bool,
    page: u64,
) -> Result<SheetListPage, AppError> {
    let today = Utc::now().with_timezone(&crate::format::wib()).date_naive();
    let year = if (2020..=2100).contains(&year) { year } else { chrono::Datelike::year(&today) };
    let q = Quarter::new(quarter).or(Quarter::new(1)).ok_or(AppError::Internal)?;
    let (first, last) = quarter_days(year, q)?;
    let pacts: Vec<pact::Model> = pact::Entity::find().filter(pact::Column::Year.eq(year)).all(db).await?;
    let mut officials: HashMap<Uuid, official::Model> = HashMap::new();
    let mut versions: HashMap<Uuid, Vec<pact_version::Model>> = HashMap::new();
    let pact_ids: Vec<Uuid> = pacts.iter().map(|p| p.id).collect();
    let official_ids: Vec<Uuid> = pacts.iter().map(|p| p.official_id).collect();
    for chunk in pact_ids.chunks(500) {
        for v in pact_version::Entity::find()
            .filter(pact_version::Column::PactId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            versions.entry(v.pact_id).or_default().push(v);
        }
    }
    for chunk in official_ids.chunks(500) {
        for o in official::Entity::find().filter(official::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            officials.insert(o.id, o);
        }
    }
    let opd_id = Uuid::parse_str(opd_filter.trim()).ok();
    let opds: HashMap<Uuid, String> =
        opd::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.name)).collect();
    // (pact, official, version in force)
    let mut chosen: Vec<(&pact::Model, &official::Model, pact_version::Model)> = Vec::new();
    // A name, position or NIP (4 digits or more), as the officials' and pacts' lists search.
    let needle = search.trim().to_lowercase();
    let digits: String = needle.chars().filter(|c| c.is_ascii_digit()).collect();
    let found = |o: &official::Model| {
        needle.is_empty()
            || o.name.to_lowercase().contains(&needle)
            || o.position_title.to_lowercase().contains(&needle)
            || (digits.len() >= 4 && o.nip.as_deref().unwrap_or("").contains(&digits))
    };
    for p in &pacts {
        let Some(o) = officials.get(&p.official_id) else { continue };
        if opd_id.is_some_and(|id| id != o.opd_id) || !found(o) {
            continue;
        }
        if let Some(v) = version_in_force(versions.get(&p.id).map_or(&[][..], Vec::as_slice), first, last) {
            chosen.push((p, o, v.clone()));
        }
    }
    chosen.sort_by(|a, b| {
        let opd = |o: &official::Model| opds.get(&o.opd_id).cloned().unwrap_or_default();
        (opd(a.1), &a.1.name).cmp(&(opd(b.1), &b.1.name))
    });
    // How far each sheet is, for all of them: the "incomplete only" filter needs it before paging.
    let version_ids: Vec<Uuid> = chosen.iter().map(|(_, _, v)| v.id).collect();
    let mut indicators = Vec::new();
    for chunk in version_ids.chunks(500) {
        indicators.extend(
            indicator::Entity::find()
                .filter(indicator::Column::PactVersionId.is_in(chunk.to_vec()))
                .all(db)
                .await?,
        );
    }
    let version_of: HashMap<Uuid, Uuid> = indicators.iter().map(|i| (i.id, i.pact_version_id)).collect();
    let mut assessed: HashMap<Uuid, u64> = HashMap::new();
    let indicator_ids: Vec<Uuid> = version_of.keys().copied().collect();
    for chunk in indicator_ids.chunks(500) {
        for t in indicator_target::Entity::find()
            .filter(indicator_target::Column::IndicatorId.is_in(chunk.to_vec()))
            .filter(indicator_target::Column::Quarter.eq(q.number() as i16))
            .all(db)
            .await?
        {
            if let Some(v) = version_of.get(&t.indicator_id) {
                *assessed.entry(*v).or_default() += 1;
            }
        }
    }
    let mut evaluations: HashMap<Uuid, evaluation::Model> = HashMap::new();
    for chunk in version_ids.chunks(500) {
        for e in evaluation::Entity::find()
            .filter(evaluation::Column::PactVersionId.is_in(chunk.to_vec()))
            .filter(evaluation::Column::Quarter.eq(q.number() as i16))
            .filter(evaluation::Column::Status.is_in(IN_EFFECT))
            .order_by_asc(evaluation::Column::Revision)
            .all(db)
            .await?
        {
            evaluations.insert(e.pact_version_id, e);
        }
    }
    let mut entered: HashMap<Uuid, u64> = HashMap::new();
    let evaluation_ids: Vec<Uuid> = evaluations.values().map(|e| e.id).collect();
    for chunk in evaluation_ids.chunks(500) {
        for r in realisation::Entity::find()
            .filter(realisation::Column::EvaluationId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            if r.value.is_some() {
                *entered.entry(r.evaluation_id).or_default() += 1;
            }
        }
    }
    let progress = |v: &pact_version::Model| {
        let e = evaluations.get(&v.id);
        let done = e.and_then(|e| entered.get(&e.id).copied()).unwrap_or(0);
        (done, assessed.get(&v.id).copied().unwrap_or(0), e.and_then(|e| e.behaviour.clone()))
    };
    // Incomplete: a realisation or the behaviour rating still missing.
    if incomplete_only {
        chosen.retain(|(_, _, v)| {
            let (done, of, behaviour) = progress(v);
            done < of || behaviour.is_none()
        });
    }
    let total = chosen.len() as u64;
    let pages = total.div_ceil(SHEETS_PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let shown: Vec<_> = chosen
        .into_iter()
        .skip(((page - 1) * SHEETS_PER_PAGE) as usize)
        .take(SHEETS_PER_PAGE as usize)
        .collect();
    let rows = shown
        .into_iter()
        .map(|(p, o, v)| {
            let (entered, assessed, behaviour) = progress(&v);
            SheetListRow {
                pact_id: p.id,
                official_name: o.name.clone(),
                nip: o.nip.clone(),
                position_title: o.position_title.clone(),
                opd_name: opds.get(&o.opd_id).cloned().unwrap_or_default(),
                entered,
                assessed,
                behaviour,
            }
        })
        .collect();
    Ok(SheetListPage { year, quarter: q.number(), rows, total, page, pages })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(no: i32, status: &str, from: (u32, u32), until: Option<(u32, u32)>) -> pact_version::Model {
        let day = |(m, d): (u32, u32)| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        pact_version::Model {
            id: Uuid::new_v4(),
            pact_id: Uuid::nil(),
            version_no: no,
            status: status.into(),
            revision_reason: None,
            revision_note: None,
            position_snapshot: String::new(),
            template_id: Uuid::nil(),
            integrity_text: String::new(),
            second_party_id: None,
            content_hash: None,
            verification_code: None,
            valid_from: Some(day(from)),
            valid_until: until.map(day),
            created_at: Utc::now(),
            created_by: None,
            frozen_at: None,
            signed_at: None,
            closed_at: None,
            row_version: 1,
        }
    }

    #[test]
    fn the_version_in_force_on_the_quarters_last_day_wins() {
        // Superseded by a mutasi on 15 August; the revision is signed from that day.
        let versions = vec![
            version(1, "superseded", (1, 1), Some((8, 14))),
            version(2, "signed", (8, 15), None),
            version(3, "draft", (10, 1), None),
        ];
        let q = |n| quarter_days(2026, Quarter::new(n).unwrap()).unwrap();
        let pick = |n| version_in_force(&versions, q(n).0, q(n).1).map(|v| v.version_no);
        assert_eq!(pick(2), Some(1));
        assert_eq!(pick(3), Some(2));
        assert_eq!(pick(4), Some(2), "a draft is never in force");
        let only_old = &versions[..1];
        assert_eq!(version_in_force(only_old, q(3).0, q(3).1).map(|v| v.version_no), Some(1));
        assert_eq!(version_in_force(only_old, q(4).0, q(4).1), None);
        assert_eq!(q(4).1, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    }
}
