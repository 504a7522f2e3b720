//! Closing a quarter (issue 5): per OPD, who still lacks a pact, a signature, realisations or a
//! behaviour rating (with links to fix it), and the distribution check of the officials' predikat
//! against the OPD's organisational predikat. Warnings inform; they never block the lock.
//! Every official's quarter is read through the same sheet the realisation page and the TPP run
//! use, so "complete" here means "the run will compute it".
use super::audit::{self, Entry};
use super::entities::{official, opd, opd_predikat, pact};
use super::evaluations::{self, quarter_of};
use crate::api::auth::SessionUser;
pub use crate::api::closing::{AdminTodo, ClosingReport, MissingItem, OpdClosing};
use crate::domain::distribution::{check, OrganisationPredikat};
use crate::domain::predikat::Predikat;
use crate::domain::Role;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::HashMap;
use uuid::Uuid;

/// The working quarter's to-do: the pacts of its year by status, and the closing check's
/// city-wide counts.
pub async fn todo(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<AdminTodo, AppError> {
    use crate::domain::pact::PactStatus;
    let (year, q) = super::tpp_run::working_quarter(db, now).await?;
    let pacts = super::pacts::list(db, year, "", "", "", 1).await?;
    let count = |status: &str| pacts.counts.iter().find(|(s, _)| s == status).map_or(0, |(_, n)| *n);
    let closing = report(db, year, q.number()).await?;
    let (officials, signed, complete, rated, _, warnings) = closing.totals();
    Ok(AdminTodo {
        year,
        quarter: q.number(),
        locked: closing.locked,
        no_pact: count("none"),
        drafts: count(PactStatus::Draft.as_str()),
        awaiting_signatures: count(PactStatus::AwaitingSignatures.as_str()),
        not_signed: officials - signed,
        realisations_incomplete: signed.saturating_sub(complete),
        ratings_missing: signed.saturating_sub(rated),
        warnings,
    })
}

fn year_checked(year: i32) -> Result<i32, AppError> {
    (2020..=2100)
        .contains(&year)
        .then_some(year)
        .ok_or_else(|| AppError::validation("year", "Tahun tidak valid."))
}

pub async fn report(db: &DatabaseConnection, year: i32, quarter: u32) -> Result<ClosingReport, AppError> {
    let year = year_checked(year)?;
    let q = quarter_of(quarter)?;
    let locked = super::tpp_run::is_locked(db, year, q.number()).await?;
    let opds = opd::Entity::find().all(db).await?;
    let officials = official::Entity::find().filter(official::Column::Active.eq(true)).all(db).await?;
    let pacts: HashMap<Uuid, pact::Model> = pact::Entity::find()
        .filter(pact::Column::Year.eq(year))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.official_id, p))
        .collect();
    let org: HashMap<Uuid, String> = opd_predikat::Entity::find()
        .filter(opd_predikat::Column::Year.eq(year))
        .filter(opd_predikat::Column::Quarter.eq(q.number() as i16))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.opd_id, p.predikat))
        .collect();
    let system = SessionUser {
        account_id: Uuid::nil(),
        username: "sistem".into(),
        role: Role::Admin,
        official_id: None,
        display_name: "Sistem".into(),
        must_change_password: false,
    };
    let mut by_opd: HashMap<Uuid, OpdClosing> = opds
        .iter()
        .map(|d| {
            (
                d.id,
                OpdClosing {
                    opd_id: d.id,
                    code: d.code.clone(),
                    name: d.name.clone(),
                    officials: 0,
                    signed: 0,
                    realisations_complete: 0,
                    rated: 0,
                    missing: Vec::new(),
                    org_predikat: org.get(&d.id).cloned(),
                    predikat_counts: Vec::new(),
                    warnings: Vec::new(),
                },
            )
        })
        .collect();
    let mut predikats: HashMap<Uuid, Vec<Predikat>> = HashMap::new();
    let mut sorted = officials;
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    for o in &sorted {
        let Some(entry) = by_opd.get_mut(&o.opd_id) else { continue };
        // The head of region signs no pact (no pihak kedua): nothing of theirs is missing.
        if o.supervisor_id.is_none() {
            continue;
        }
        entry.officials += 1;
        let missing = |what: String, href: String| MissingItem { official_name: o.name.clone(), what, href };
        let Some(p) = pacts.get(&o.id) else {
            entry
                .missing
                .push(missing(format!("Belum ada pakta tahun {year}"), format!("/admin/pakta?tahun={year}")));
            continue;
        };
        let sheet = match evaluations::sheet(db, &system, p.id, q.number()).await {
            Ok(s) => s,
            Err(AppError::Conflict(_)) => {
                entry.missing.push(missing(
                    format!("Pakta belum ditandatangani untuk TW {}", q.roman()),
                    format!("/pakta/{}", p.id),
                ));
                continue;
            }
            Err(e) => return Err(e),
        };
        entry.signed += 1;
        let href = format!("/admin/realisasi/{}/{}", p.id, q.number());
        match &sheet.preview {
            Some(pr) if pr.complete() => entry.realisations_complete += 1,
            Some(pr) => {
                entry.missing.push(missing(format!("{} realisasi belum diisi", pr.missing), href.clone()))
            }
            None => entry.missing.push(missing(
                sheet.preview_error.clone().unwrap_or_else(|| "Realisasi belum dapat dinilai".into()),
                href.clone(),
            )),
        }
        if sheet.behaviour.rating.is_some() {
            entry.rated += 1;
        } else {
            entry.missing.push(missing("Rating perilaku kerja belum diberikan".into(), href));
        }
        if let Some(pk) = sheet.preview.as_ref().and_then(|p| p.predikat) {
            predikats.entry(o.opd_id).or_default().push(pk);
        }
    }
    let mut out: Vec<OpdClosing> = by_opd.into_values().filter(|o| o.officials > 0).collect();
    for o in &mut out {
        let list = predikats.remove(&o.opd_id).unwrap_or_default();
        o.predikat_counts = Predikat::ALL
            .iter()
            .map(|p| (p.as_str().to_string(), list.iter().filter(|x| *x == p).count() as u32))
            .collect();
        if let Some(org) = o.org_predikat.as_deref().and_then(OrganisationPredikat::parse) {
            o.warnings = check(org, &list).into_iter().map(|w| w.message).collect();
        }
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    let lock_audit_head = match lock_of(db, year, q.number()).await? {
        Some(close_id) => {
            audit::head_at(db, "quarter_close", "lock", &close_id.to_string()).await?.map(|h| h.to_string())
        }
        None => None,
    };
    Ok(ClosingReport {
        year,
        quarter: q.number(),
        locked,
        opds: out,
        audit_head: audit::current_head(db).await?.to_string(),
        lock_audit_head,
    })
}

/// The quarter's lock record (`quarter_close`), if it is locked.
async fn lock_of(db: &DatabaseConnection, year: i32, quarter: u32) -> Result<Option<Uuid>, AppError> {
    use super::entities::quarter_close;
    Ok(quarter_close::Entity::find()
        .filter(quarter_close::Column::Year.eq(year))
        .filter(quarter_close::Column::Quarter.eq(quarter as i16))
        .filter(quarter_close::Column::Status.eq(super::tpp_run::LOCKED))
        .one(db)
        .await?
        .map(|c| c.id))
}

/// Records (or, with an empty `predikat`, removes) an OPD's organisational predikat for the
/// quarter. Not after the lock: the quarter's record is closed.
pub async fn set_opd_predikat(
    db: &DatabaseConnection,
    admin: &SessionUser,
    opd_id: Uuid,
    year: i32,
    quarter: u32,
    predikat: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if admin.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let year = year_checked(year)?;
    let q = quarter_of(quarter)?;
    let chosen = match predikat.trim() {
        "" => None,
        p => Some(
            OrganisationPredikat::parse(p)
                .ok_or_else(|| AppError::validation("predikat", "Pilih predikat kinerja organisasi."))?,
        ),
    };
    opd::Entity::find_by_id(opd_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::validation("opd_id", "Perangkat daerah tidak dikenal."))?;
    if super::tpp_run::is_locked(db, year, q.number()).await? {
        return Err(super::tpp_run::locked_error(year, q.number()));
    }
    let txn = super::begin_write(db).await?;
    let before = opd_predikat::Entity::find()
        .filter(opd_predikat::Column::OpdId.eq(opd_id))
        .filter(opd_predikat::Column::Year.eq(year))
        .filter(opd_predikat::Column::Quarter.eq(q.number() as i16))
        .one(&txn)
        .await?;
    if let Some(b) = &before {
        opd_predikat::Entity::delete_by_id(b.id).exec(&txn).await?;
    }
    let after = match chosen {
        Some(p) => {
            let row = opd_predikat::Model {
                id: Uuid::new_v4(),
                opd_id,
                year,
                quarter: q.number() as i16,
                predikat: p.as_str().to_string(),
            };
            opd_predikat::Entity::insert(opd_predikat::ActiveModel {
                id: Set(row.id),
                opd_id: Set(row.opd_id),
                year: Set(row.year),
                quarter: Set(row.quarter),
                predikat: Set(row.predikat.clone()),
            })
            .exec(&txn)
            .await?;
            Some(row)
        }
        None => None,
    };
    audit::record(
        &txn,
        Entry {
            actor: Some(admin.account_id),
            action: "set_opd_predikat",
            entity: "opd_predikat",
            record_id: Some(opd_id.to_string()),
            before: before.as_ref().map(audit::row_json).transpose()?,
            after: after.as_ref().map(audit::row_json).transpose()?,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
