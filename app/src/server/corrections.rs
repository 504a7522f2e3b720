//! Corrections after the lock (issue 5): a locked quarter's results never change. An admin who
//! finds an error asks for a correction with a reason and the corrected realisations and rating;
//! that creates a new evaluation revision (pending) and one ledger line per month of the quarter:
//! what was paid (the locked result plus earlier approved corrections), what the corrected
//! evaluation gives, and the difference — kurang bayar (owed to the official) or lebih bayar
//! (to be recovered). A second admin approves (the revision takes effect) or refuses it.
use super::audit::{self, Entry};
use super::entities::{
    account, evaluation, official, opd, pact, pact_version, realisation, tpp_correction, tpp_result,
};
use super::evaluations::{
    self, Located, STATUS_CORRECTED, STATUS_CORRECTION_PENDING, STATUS_CORRECTION_REJECTED,
};
use super::policy;
use crate::api::auth::SessionUser;
pub use crate::api::corrections::{Correction, CorrectionLine};
use crate::api::evaluations::RealisationInput;
use crate::domain::quarter_sheet::preview_with;
use crate::domain::rating::Rating;
use crate::domain::Role;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    SqlErr,
};
use std::collections::HashMap;
use uuid::Uuid;

pub const PENDING: &str = "pending";
pub const APPROVED: &str = "approved";
pub const REJECTED: &str = "rejected";
pub const KURANG_BAYAR: &str = "kurang_bayar";
pub const LEBIH_BAYAR: &str = "lebih_bayar";
pub const NIHIL: &str = "nihil";
const ENTITY: &str = "tpp_correction";
const MIN_REASON: usize = 10;
const MAX_REASON: usize = 2000;

/// The ledger kind of a difference (after − before).
pub fn kind_of(difference: i64) -> &'static str {
    match difference {
        d if d > 0 => KURANG_BAYAR,
        d if d < 0 => LEBIH_BAYAR,
        _ => NIHIL,
    }
}

fn reason_checked(reason: &str) -> Result<String, AppError> {
    let r = reason.trim();
    let n = r.chars().count();
    if n < MIN_REASON {
        return Err(AppError::validation(
            "reason",
            format!("Tuliskan alasan koreksi (paling sedikit {MIN_REASON} karakter), misalnya nomor berita acara."),
        ));
    }
    if n > MAX_REASON {
        return Err(AppError::validation("reason", format!("Paling banyak {MAX_REASON} karakter.")));
    }
    Ok(r.to_string())
}

/// What was paid for the official's month so far: the locked result plus approved corrections.
async fn paid(db: &impl ConnectionTrait, official_id: Uuid, year: i32, month: u32) -> Result<i64, AppError> {
    let locked = tpp_result::Entity::find()
        .filter(tpp_result::Column::OfficialId.eq(official_id))
        .filter(tpp_result::Column::Year.eq(year))
        .filter(tpp_result::Column::Month.eq(month as i16))
        .one(db)
        .await?
        .map_or(0, |r| r.gross);
    let corrected: i64 = tpp_correction::Entity::find()
        .filter(tpp_correction::Column::OfficialId.eq(official_id))
        .filter(tpp_correction::Column::Year.eq(year))
        .filter(tpp_correction::Column::Month.eq(month as i16))
        .filter(tpp_correction::Column::Status.eq(APPROVED))
        .all(db)
        .await?
        .iter()
        .map(|c| c.difference)
        .sum();
    Ok(locked + corrected)
}

/// Asks for a correction of a locked quarter (admin). Every assessed realisation and the
/// behaviour rating must be given (an empty rating keeps the one in effect); the new TPP is
/// computed by the engine under the policy in force for the quarter.
#[allow(clippy::too_many_arguments)]
pub async fn request(
    db: &DatabaseConnection,
    admin: &SessionUser,
    pact_id: Uuid,
    quarter: u32,
    reason: &str,
    behaviour: &str,
    rows: &[RealisationInput],
    now: DateTime<Utc>,
) -> Result<Correction, AppError> {
    if admin.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let l = evaluations::locate(db, admin, pact_id, quarter).await?;
    let Located { pact: p, official: o, version: v, quarter: q } = &l;
    if !super::tpp_run::is_locked(db, p.year, q.number()).await? {
        return Err(AppError::Conflict(format!(
            "TW {} {} belum dikunci: ubah realisasinya langsung di lembar realisasi.",
            q.roman(),
            p.year
        )));
    }
    let reason = reason_checked(reason)?;
    let indicators = evaluations::sheet_indicators(db, v.id, *q).await?;
    let checked = evaluations::check_rows(&indicators, *q, rows)?;
    let base = evaluations::evaluation_of(db, v.id, *q).await?;
    let rating = match behaviour.trim() {
        "" => base.as_ref().and_then(|e| e.behaviour.as_deref()).and_then(Rating::parse),
        r => Some(
            Rating::parse(r)
                .ok_or_else(|| AppError::validation("behaviour", "Pilih rating perilaku kerja."))?,
        ),
    }
    .ok_or_else(|| AppError::validation("behaviour", "Pilih rating perilaku kerja."))?;
    let by_indicator: HashMap<Uuid, &evaluations::Checked> =
        checked.iter().map(|c| (c.indicator_id, c)).collect();
    let values: Vec<String> = indicators
        .iter()
        .map(|i| by_indicator.get(&i.indicator_id).and_then(|c| c.value.clone()).unwrap_or_default())
        .collect();
    let (first_day, _) = evaluations::quarter_days(p.year, *q)?;
    let pol = policy::in_force(db, first_day).await?.map(|v| v.policy).unwrap_or_default();
    let discipline = super::discipline::quarter_inputs(db, o.id, p.year, *q).await?;
    let preview =
        preview_with(&indicators, &values, Some(rating), o.monthly_ceiling, p.year, *q, &pol, &discipline)?;
    if preview.total.is_none() {
        return Err(AppError::validation(
            "realisations",
            format!("Koreksi harus lengkap: {} indikator belum diisi realisasinya.", preview.missing.max(1)),
        ));
    }
    let txn = super::begin_write(db).await?;
    let pending = evaluation::Entity::find()
        .filter(evaluation::Column::PactVersionId.eq(v.id))
        .filter(evaluation::Column::Quarter.eq(q.number() as i16))
        .filter(evaluation::Column::Status.eq(STATUS_CORRECTION_PENDING))
        .one(&txn)
        .await?;
    if pending.is_some() {
        return Err(AppError::Conflict(
            "Sudah ada koreksi triwulan ini yang menunggu persetujuan. Putuskan dulu koreksi itu di buku koreksi."
                .into(),
        ));
    }
    let last_revision = evaluation::Entity::find()
        .filter(evaluation::Column::PactVersionId.eq(v.id))
        .filter(evaluation::Column::Quarter.eq(q.number() as i16))
        .order_by_desc(evaluation::Column::Revision)
        .one(&txn)
        .await?
        .map_or(0, |e| e.revision);
    let same_rating = base.as_ref().and_then(|e| e.behaviour.as_deref()) == Some(rating.as_str());
    let revision = evaluation::Model {
        id: Uuid::new_v4(),
        pact_version_id: v.id,
        year: p.year,
        quarter: q.number() as i16,
        revision: last_revision + 1,
        behaviour: Some(rating.as_str().to_string()),
        // An unchanged rating keeps who gave it; a changed one is the admin's, on the superior's behalf.
        behaviour_rated_by: if same_rating {
            base.as_ref().and_then(|e| e.behaviour_rated_by)
        } else {
            Some(admin.account_id)
        },
        behaviour_on_behalf: if same_rating {
            base.as_ref().is_some_and(|e| e.behaviour_on_behalf)
        } else {
            true
        },
        behaviour_note: base.as_ref().and_then(|e| e.behaviour_note.clone()),
        status: STATUS_CORRECTION_PENDING.to_string(),
        correction_reason: Some(reason.clone()),
        row_version: 1,
        created_at: now,
    };
    evaluation::Entity::insert(evaluation::ActiveModel {
        id: Set(revision.id),
        pact_version_id: Set(revision.pact_version_id),
        year: Set(revision.year),
        quarter: Set(revision.quarter),
        revision: Set(revision.revision),
        behaviour: Set(revision.behaviour.clone()),
        behaviour_rated_by: Set(revision.behaviour_rated_by),
        behaviour_on_behalf: Set(revision.behaviour_on_behalf),
        behaviour_note: Set(revision.behaviour_note.clone()),
        status: Set(revision.status.clone()),
        correction_reason: Set(revision.correction_reason.clone()),
        row_version: Set(1),
        created_at: Set(now),
    })
    .exec(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        // Another admin's request got there first.
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(
            "Admin lain baru saja mengajukan koreksi triwulan ini. Muat ulang buku koreksi.".into(),
        ),
        _ => AppError::from(e),
    })?;
    // The revision holds every row: evidence and notes carry over unless retyped.
    let base_rows: HashMap<Uuid, realisation::Model> = match &base {
        Some(b) => realisation::Entity::find()
            .filter(realisation::Column::EvaluationId.eq(b.id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|r| (r.indicator_id, r))
            .collect(),
        None => HashMap::new(),
    };
    for i in &indicators {
        let c = by_indicator.get(&i.indicator_id);
        let b = base_rows.get(&i.indicator_id);
        let value = c.and_then(|c| c.value.clone());
        let pick = |typed: Option<&Option<String>>, stored: Option<&Option<String>>| {
            typed.cloned().flatten().or_else(|| stored.cloned().flatten())
        };
        if value.is_none() && b.is_none() {
            continue;
        }
        realisation::Entity::insert(realisation::ActiveModel {
            id: Set(Uuid::new_v4()),
            evaluation_id: Set(revision.id),
            indicator_id: Set(i.indicator_id),
            value: Set(value),
            value_low: Set(None),
            evidence_note: Set(pick(c.map(|c| &c.evidence_note), b.map(|b| &b.evidence_note))),
            evidence_link: Set(pick(c.map(|c| &c.evidence_link), b.map(|b| &b.evidence_link))),
            evidence_file_id: Set(b.and_then(|b| b.evidence_file_id)),
            obstacles: Set(pick(c.map(|c| &c.obstacles), b.map(|b| &b.obstacles))),
            follow_up: Set(pick(c.map(|c| &c.follow_up), b.map(|b| &b.follow_up))),
            row_version: Set(1),
            updated_at: Set(now),
            updated_by: Set(Some(admin.account_id)),
        })
        .exec(&txn)
        .await?;
    }
    let mut lines = Vec::new();
    for m in &preview.months {
        let before = paid(&txn, o.id, p.year, m.month).await?;
        let difference = m.gross - before;
        let line = tpp_correction::Model {
            id: Uuid::new_v4(),
            official_id: o.id,
            evaluation_id: revision.id,
            year: p.year,
            month: m.month as i16,
            difference,
            kind: kind_of(difference).to_string(),
            reason: reason.clone(),
            status: PENDING.to_string(),
            requested_by: admin.account_id,
            approved_by: None,
            created_at: now,
            approved_at: None,
            before,
            after: m.gross,
        };
        tpp_correction::Entity::insert(tpp_correction::ActiveModel {
            id: Set(line.id),
            official_id: Set(line.official_id),
            evaluation_id: Set(line.evaluation_id),
            year: Set(line.year),
            month: Set(line.month),
            difference: Set(line.difference),
            kind: Set(line.kind.clone()),
            reason: Set(line.reason.clone()),
            status: Set(line.status.clone()),
            requested_by: Set(line.requested_by),
            approved_by: Set(None),
            created_at: Set(now),
            approved_at: Set(None),
            before: Set(line.before),
            after: Set(line.after),
        })
        .exec(&txn)
        .await?;
        lines.push(line);
    }
    audit::record(
        &txn,
        Entry {
            actor: Some(admin.account_id),
            action: "request_correction",
            entity: ENTITY,
            record_id: Some(revision.id.to_string()),
            before: base.as_ref().map(audit::row_json).transpose()?,
            after: Some(serde_json::json!({ "evaluation": audit::row_json(&revision)?, "lines": lines })),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    view_of(db, admin, revision.id).await
}

/// Approves (`approve`) or refuses a pending correction. The admin who asked for it may not
/// decide it. Approval puts the revision in effect and the ledger lines in the books.
pub async fn decide(
    db: &DatabaseConnection,
    admin: &SessionUser,
    evaluation_id: Uuid,
    approve: bool,
    now: DateTime<Utc>,
) -> Result<Correction, AppError> {
    if admin.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let txn = super::begin_write(db).await?;
    let e = evaluation::Entity::find_by_id(evaluation_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let lines = tpp_correction::Entity::find()
        .filter(tpp_correction::Column::EvaluationId.eq(e.id))
        .all(&txn)
        .await?;
    let Some(first) = lines.first() else { return Err(AppError::NotFound) };
    if e.status != STATUS_CORRECTION_PENDING {
        return Err(AppError::Conflict("Koreksi ini sudah diputuskan.".into()));
    }
    if first.requested_by == admin.account_id {
        return Err(AppError::Conflict(
            "Koreksi harus diputuskan oleh admin lain, bukan oleh admin yang mengajukannya.".into(),
        ));
    }
    let (status, line_status) =
        if approve { (STATUS_CORRECTED, APPROVED) } else { (STATUS_CORRECTION_REJECTED, REJECTED) };
    let res = evaluation::Entity::update_many()
        .set(evaluation::ActiveModel {
            status: Set(status.to_string()),
            row_version: Set(e.row_version + 1),
            ..Default::default()
        })
        .filter(evaluation::Column::Id.eq(e.id))
        .filter(evaluation::Column::Status.eq(STATUS_CORRECTION_PENDING))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::Conflict("Koreksi ini baru saja diputuskan oleh admin lain.".into()));
    }
    tpp_correction::Entity::update_many()
        .set(tpp_correction::ActiveModel {
            status: Set(line_status.to_string()),
            approved_by: Set(Some(admin.account_id)),
            approved_at: Set(Some(now)),
            ..Default::default()
        })
        .filter(tpp_correction::Column::EvaluationId.eq(e.id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry {
            actor: Some(admin.account_id),
            action: if approve { "approve_correction" } else { "reject_correction" },
            entity: ENTITY,
            record_id: Some(e.id.to_string()),
            before: Some(audit::row_json(&e)?),
            after: Some(serde_json::json!({ "status": status })),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    view_of(db, admin, evaluation_id).await
}

/// One correction as the ledger shows it.
async fn view_of(
    db: &DatabaseConnection,
    viewer: &SessionUser,
    evaluation_id: Uuid,
) -> Result<Correction, AppError> {
    let lines = tpp_correction::Entity::find()
        .filter(tpp_correction::Column::EvaluationId.eq(evaluation_id))
        .all(db)
        .await?;
    build(db, viewer, lines).await?.into_iter().next().ok_or(AppError::NotFound)
}

/// The corrections of a year (`status`: pending, approved, rejected, or empty for all), pending
/// first, then newest first.
pub async fn list(
    db: &DatabaseConnection,
    viewer: &SessionUser,
    year: i32,
    status: &str,
) -> Result<Vec<Correction>, AppError> {
    if viewer.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let mut query = tpp_correction::Entity::find().filter(tpp_correction::Column::Year.eq(year));
    match status.trim() {
        "" => {}
        s @ (PENDING | APPROVED | REJECTED) => query = query.filter(tpp_correction::Column::Status.eq(s)),
        _ => return Err(AppError::validation("status", "Status koreksi tidak dikenal.")),
    }
    let mut out = build(db, viewer, query.all(db).await?).await?;
    out.sort_by(|a, b| {
        (a.status != PENDING, std::cmp::Reverse(a.requested_at))
            .cmp(&(b.status != PENDING, std::cmp::Reverse(b.requested_at)))
    });
    Ok(out)
}

/// Groups ledger lines by correction and names the people and places.
async fn build(
    db: &DatabaseConnection,
    viewer: &SessionUser,
    lines: Vec<tpp_correction::Model>,
) -> Result<Vec<Correction>, AppError> {
    let mut by_eval: HashMap<Uuid, Vec<tpp_correction::Model>> = HashMap::new();
    for l in lines {
        by_eval.entry(l.evaluation_id).or_default().push(l);
    }
    let ids: Vec<Uuid> = by_eval.keys().copied().collect();
    let evals: HashMap<Uuid, evaluation::Model> = evaluation::Entity::find()
        .filter(evaluation::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let version_ids: Vec<Uuid> = evals.values().map(|e| e.pact_version_id).collect();
    let versions: HashMap<Uuid, pact_version::Model> = pact_version::Entity::find()
        .filter(pact_version::Column::Id.is_in(version_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let official_ids: Vec<Uuid> = by_eval.values().filter_map(|l| l.first().map(|l| l.official_id)).collect();
    let officials: HashMap<Uuid, official::Model> = official::Entity::find()
        .filter(official::Column::Id.is_in(official_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let opds: HashMap<Uuid, String> =
        opd::Entity::find().all(db).await?.into_iter().map(|d| (d.id, d.name)).collect();
    let account_ids: Vec<Uuid> =
        by_eval.values().flatten().flat_map(|l| [Some(l.requested_by), l.approved_by]).flatten().collect();
    let accounts: HashMap<Uuid, String> = account::Entity::find()
        .filter(account::Column::Id.is_in(account_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.username))
        .collect();
    let pact_ids: Vec<Uuid> = versions.values().map(|v| v.pact_id).collect();
    let pacts: HashMap<Uuid, pact::Model> = pact::Entity::find()
        .filter(pact::Column::Id.is_in(pact_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut out = Vec::new();
    for (eval_id, mut lines) in by_eval {
        lines.sort_by_key(|l| l.month);
        let (Some(e), Some(first)) = (evals.get(&eval_id), lines.first()) else { continue };
        let Some(v) = versions.get(&e.pact_version_id) else { continue };
        let o = officials.get(&first.official_id);
        let decided = first.approved_by;
        out.push(Correction {
            evaluation_id: eval_id,
            pact_id: pacts.get(&v.pact_id).map_or(v.pact_id, |p| p.id),
            official_id: first.official_id,
            official_name: o.map(|o| o.name.clone()).unwrap_or_default(),
            nip: o.and_then(|o| o.nip.clone()),
            opd_name: o.and_then(|o| opds.get(&o.opd_id).cloned()).unwrap_or_default(),
            year: first.year,
            quarter: e.quarter as u32,
            revision: e.revision,
            reason: first.reason.clone(),
            status: first.status.clone(),
            requested_by: accounts.get(&first.requested_by).cloned().unwrap_or_default(),
            requested_at: first.created_at,
            decided_by: decided.and_then(|a| accounts.get(&a).cloned()),
            decided_at: first.approved_at,
            total_difference: lines.iter().map(|l| l.difference).sum(),
            may_decide: first.status == PENDING && first.requested_by != viewer.account_id,
            lines: lines
                .iter()
                .map(|l| CorrectionLine {
                    month: l.month as u32,
                    before: l.before,
                    after: l.after,
                    difference: l.difference,
                    kind: l.kind.clone(),
                })
                .collect(),
        });
    }
    Ok(out)
}
