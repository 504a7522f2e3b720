//! Pacts: authoring, the lifecycle of domain.md section 2, signing, versions, verification.
//!
//! **Immutability.** Only a `draft` version's content may change, and only through
//! [`save_draft`], which refuses any other status inside its transaction. From `submit` on, the
//! content (the snapshot, integrity text, indicators and targets) is hashed; every signature
//! records that hash, and [`verify`] recomputes it from the stored rows, so a change made to the
//! database behind the application's back is reported, not trusted.
use super::audit::{self, Entry};
use super::entities::{
    account, indicator, indicator_target, official, opd, pact, pact_template, pact_version, signature,
};
use super::files;
use super::policy;
use super::throttle::{self, Attempt, ClientAddress};
use crate::api::auth::SessionUser;
use crate::api::officials::OfficialPact;
use crate::api::pacts::{
    MyPact, PactActions, PactListPage, PactRow, PactView, SignatureView, TemplateView, Verification,
    VersionSummary, PACTS_PER_PAGE,
};
use crate::domain::achievement::Polarity;
use crate::domain::pact::{
    consequences, integrity_points, parse_indicators, IndicatorInput, PactContent, PactIndicator, PactStatus,
    Party, PartySnapshot, RevisionReason, Target, TargetKind,
};
use crate::domain::policy::Policy;
use crate::domain::Role;
use crate::error::AppError;
use crate::format::wib;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::str::FromStr;
use uuid::Uuid;

pub const ENTITY: &str = "pact_version";
pub mod action {
    pub const SAVE_DRAFT: &str = "save_draft";
    pub const SUBMIT: &str = "submit";
    pub const SIGN: &str = "sign";
    pub const CANCEL: &str = "cancel";
    pub const REVISE: &str = "revise";
    /// Ended by a mutasi.
    pub const END: &str = "end";
}

const STALE: &str = "Pakta ini telah diubah oleh pengguna lain sejak Anda membukanya. \
    Muat ulang halaman untuk melihat perubahan terbaru, lalu ulangi.";
const FROZEN: &str = "Pakta ini sudah dibekukan untuk ditandatangani dan tidak dapat diubah lagi. \
    Untuk mengoreksinya, batalkan atau buat versi revisi.";
/// Years a pact may be made for.
const YEARS: std::ops::RangeInclusive<i32> = 2020..=2100;
pub const METHOD_ELECTRONIC: &str = "electronic";
pub const METHOD_PAPER: &str = "paper";

/// What a version keeps about its parties and annexes besides the indicators (the
/// `position_snapshot` column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub document_number: String,
    pub first_party: PartySnapshot,
    pub second_party: Option<PartySnapshot>,
    pub consequences: Vec<String>,
}

fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&wib()).date_naive()
}

fn status_of(v: &pact_version::Model) -> Result<PactStatus, AppError> {
    PactStatus::parse(&v.status).ok_or_else(|| {
        tracing::error!(status = %v.status, version = %v.id, "unknown pact status");
        AppError::Internal
    })
}

fn internal(what: &str) -> impl Fn(serde_json::Error) -> AppError + '_ {
    move |e| {
        tracing::error!(error = %e, "{what}");
        AppError::Internal
    }
}

fn snapshot_of(v: &pact_version::Model) -> Result<Snapshot, AppError> {
    serde_json::from_str(&v.position_snapshot).map_err(internal("stored pact snapshot is not readable"))
}

/// SHA-256 (lowercase hex) of the content's canonical form.
pub fn content_hash(content: &PactContent) -> String {
    hex::encode(Sha256::digest(content.canonical().as_bytes()))
}

/// A verification code: 12 characters without look-alikes, as `XXXX-XXXX-XXXX`.
fn new_verification_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::thread_rng();
    let chars: Vec<char> = (0..12).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    format!(
        "{}-{}-{}",
        chars[0..4].iter().collect::<String>(),
        chars[4..8].iter().collect::<String>(),
        chars[8..12].iter().collect::<String>()
    )
}

/// A code as typed or scanned: case and separators do not matter.
pub fn normalise_code(code: &str) -> Option<String> {
    let c: String =
        code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    (c.len() == 12).then(|| format!("{}-{}-{}", &c[0..4], &c[4..8], &c[8..12]))
}

async fn party_of(db: &impl ConnectionTrait, o: &official::Model) -> Result<PartySnapshot, AppError> {
    let unit = opd::Entity::find_by_id(o.opd_id).one(db).await?.ok_or(AppError::Internal)?;
    Ok(PartySnapshot {
        official_id: o.id,
        name: o.name.clone(),
        nip: o.nip.clone(),
        rank: o.rank.clone(),
        grade: o.grade.clone(),
        position_title: o.position_title.clone(),
        opd_code: unit.code,
        opd_name: unit.name,
    })
}

fn document_number(year: i32, opd_code: &str, pact_id: Uuid, version_no: i32) -> String {
    let short = pact_id.simple().to_string()[..6].to_uppercase();
    format!("PK/{year}/{opd_code}/{short}/V{version_no}")
}

/// The parties and annexes as they stand now, for a draft (stored when it is frozen).
async fn live_snapshot(
    db: &impl ConnectionTrait,
    p: &pact::Model,
    version_no: i32,
    second_party_id: Option<Uuid>,
    policy: &Policy,
) -> Result<Snapshot, AppError> {
    let o = official::Entity::find_by_id(p.official_id).one(db).await?.ok_or(AppError::NotFound)?;
    let first_party = party_of(db, &o).await?;
    let second_party = match second_party_id.or(o.supervisor_id) {
        Some(id) => match official::Entity::find_by_id(id).one(db).await? {
            Some(s) => Some(party_of(db, &s).await?),
            None => None,
        },
        None => None,
    };
    Ok(Snapshot {
        document_number: document_number(p.year, &first_party.opd_code, p.id, version_no),
        first_party,
        second_party,
        consequences: consequences(policy),
    })
}

/// The TPP policy in force on 1 January of `year` (or the earliest, for years before any).
async fn policy_for_year(db: &impl ConnectionTrait, year: i32) -> Result<Policy, AppError> {
    let date = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(AppError::Internal)?;
    let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(AppError::Internal)?;
    if let Some(v) = policy::in_force(db, start).await? {
        return Ok(v.policy);
    }
    Ok(policy::in_force(db, date).await?.map(|v| v.policy).unwrap_or_default())
}

async fn template_for(db: &impl ConnectionTrait, date: NaiveDate) -> Result<pact_template::Model, AppError> {
    let found = pact_template::Entity::find()
        .filter(pact_template::Column::EffectiveFrom.lte(date))
        .order_by_desc(pact_template::Column::EffectiveFrom)
        .order_by_desc(pact_template::Column::Version)
        .one(db)
        .await?;
    match found {
        Some(t) => Ok(t),
        None => pact_template::Entity::find()
            .order_by_asc(pact_template::Column::EffectiveFrom)
            .one(db)
            .await?
            .ok_or_else(|| {
                AppError::Conflict("Belum ada templat Pakta Integritas. Buat templat terlebih dahulu.".into())
            }),
    }
}

pub(super) fn dec(s: &str) -> Result<Decimal, AppError> {
    Decimal::from_str(s).map_err(|_| {
        tracing::error!(value = s, "stored decimal is not readable");
        AppError::Internal
    })
}

pub(super) fn stored_target(
    polarity: Polarity,
    value: &Option<String>,
    low: &Option<String>,
    high: &Option<String>,
) -> Result<Option<Target>, AppError> {
    Ok(match (polarity, value, low, high) {
        (Polarity::Range, _, Some(l), Some(h)) => Some(Target::Range { low: dec(l)?, high: dec(h)? }),
        (Polarity::Max | Polarity::Min, Some(v), _, _) => Some(Target::Value { value: dec(v)? }),
        _ => None,
    })
}

fn target_columns(t: Option<Target>) -> (Option<String>, Option<String>, Option<String>) {
    match t {
        Some(Target::Value { value }) => (Some(value.normalize().to_string()), None, None),
        Some(Target::Range { low, high }) => {
            (None, Some(low.normalize().to_string()), Some(high.normalize().to_string()))
        }
        None => (None, None, None),
    }
}

/// The indicator rows of versions (annex order within each) and their quarter targets, keyed by
/// indicator id: two queries, however many versions.
async fn indicator_rows_and_targets(
    db: &impl ConnectionTrait,
    version_ids: &[Uuid],
) -> Result<(Vec<indicator::Model>, HashMap<Uuid, Vec<indicator_target::Model>>), AppError> {
    let rows = indicator::Entity::find()
        .filter(indicator::Column::PactVersionId.is_in(version_ids.iter().copied()))
        .order_by_asc(indicator::Column::Position)
        .all(db)
        .await?;
    let mut targets: HashMap<Uuid, Vec<indicator_target::Model>> = HashMap::new();
    for t in indicator_target::Entity::find()
        .filter(indicator_target::Column::IndicatorId.is_in(rows.iter().map(|r| r.id)))
        .all(db)
        .await?
    {
        targets.entry(t.indicator_id).or_default().push(t);
    }
    Ok((rows, targets))
}

/// The indicators of a version, in annex order.
pub async fn indicators_of(
    db: &impl ConnectionTrait,
    version_id: Uuid,
) -> Result<Vec<PactIndicator>, AppError> {
    let (rows, mut targets) = indicator_rows_and_targets(db, &[version_id]).await?;
    indicators_from_rows(rows, &mut targets)
}

/// Per version (by id): its indicator rows in annex order and their content, as
/// [`indicators_of`] reads it; for callers that need the rows' ids beside the content. A version
/// without indicators is absent.
pub(super) async fn indicator_rows_of(
    db: &impl ConnectionTrait,
    version_ids: &[Uuid],
) -> Result<HashMap<Uuid, (Vec<indicator::Model>, Vec<PactIndicator>)>, AppError> {
    let (rows, mut targets) = indicator_rows_and_targets(db, version_ids).await?;
    let mut rows_of: HashMap<Uuid, Vec<indicator::Model>> = HashMap::new();
    for r in rows {
        rows_of.entry(r.pact_version_id).or_default().push(r);
    }
    rows_of
        .into_iter()
        .map(|(version_id, rows)| {
            let content = indicators_from_rows(rows.clone(), &mut targets)?;
            Ok((version_id, (rows, content)))
        })
        .collect()
}

/// A version's indicators from their stored rows (in annex order) and quarter targets (taken out
/// of `targets`, keyed by indicator id): what [`indicators_of`] reads, for callers that load many
/// versions at once.
pub(super) fn indicators_from_rows(
    rows: Vec<indicator::Model>,
    targets: &mut HashMap<Uuid, Vec<indicator_target::Model>>,
) -> Result<Vec<PactIndicator>, AppError> {
    rows.into_iter()
        .map(|r| {
            let bad = || {
                tracing::error!(indicator = %r.id, "stored indicator is not readable");
                AppError::Internal
            };
            let polarity = Polarity::parse(&r.polarity).ok_or_else(bad)?;
            let target_kind = TargetKind::parse(&r.target_kind).ok_or_else(bad)?;
            let annual =
                stored_target(polarity, &r.annual_target, &r.annual_target_low, &r.annual_target_high)?
                    .ok_or_else(bad)?;
            let mut quarters = [None; 4];
            for t in targets.remove(&r.id).unwrap_or_default() {
                let q = usize::try_from(t.quarter - 1).ok().filter(|q| *q < 4).ok_or_else(bad)?;
                quarters[q] = stored_target(polarity, &t.target, &t.target_low, &t.target_high)?;
            }
            Ok(PactIndicator {
                objective: r.objective,
                name: r.name,
                unit: r.unit,
                polarity,
                target_kind,
                weight: dec(&r.weight)?,
                annual,
                quarters,
                program: r.program,
                budget: r.budget,
            })
        })
        .collect()
}

/// Replaces a version's indicators.
async fn write_indicators(
    txn: &DatabaseTransaction,
    version_id: Uuid,
    indicators: &[PactIndicator],
) -> Result<(), AppError> {
    let old: Vec<Uuid> = indicator::Entity::find()
        .filter(indicator::Column::PactVersionId.eq(version_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    if !old.is_empty() {
        indicator_target::Entity::delete_many()
            .filter(indicator_target::Column::IndicatorId.is_in(old))
            .exec(txn)
            .await?;
        indicator::Entity::delete_many()
            .filter(indicator::Column::PactVersionId.eq(version_id))
            .exec(txn)
            .await?;
    }
    let mut targets = Vec::new();
    let mut rows = Vec::new();
    for (i, ind) in indicators.iter().enumerate() {
        let id = Uuid::new_v4();
        let (annual, low, high) = target_columns(Some(ind.annual));
        rows.push(indicator::ActiveModel {
            id: Set(id),
            pact_version_id: Set(version_id),
            position: Set(i as i32 + 1),
            objective: Set(ind.objective.clone()),
            name: Set(ind.name.clone()),
            unit: Set(ind.unit.clone()),
            polarity: Set(ind.polarity.as_str().to_string()),
            target_kind: Set(ind.target_kind.as_str().to_string()),
            weight: Set(ind.weight.normalize().to_string()),
            annual_target: Set(annual),
            annual_target_low: Set(low),
            annual_target_high: Set(high),
            program: Set(ind.program.clone()),
            budget: Set(ind.budget),
        });
        for (q, t) in ind.quarters.iter().enumerate() {
            if t.is_none() {
                continue;
            }
            let (target, target_low, target_high) = target_columns(*t);
            targets.push(indicator_target::ActiveModel {
                id: Set(Uuid::new_v4()),
                indicator_id: Set(id),
                quarter: Set(q as i16 + 1),
                target: Set(target),
                target_low: Set(target_low),
                target_high: Set(target_high),
            });
        }
    }
    if !rows.is_empty() {
        indicator::Entity::insert_many(rows).exec(txn).await?;
    }
    if !targets.is_empty() {
        indicator_target::Entity::insert_many(targets).exec(txn).await?;
    }
    Ok(())
}

/// A version's parties and annexes: as stored once frozen, as they stand now for a draft.
async fn snapshot_for(
    db: &impl ConnectionTrait,
    p: &pact::Model,
    v: &pact_version::Model,
) -> Result<Snapshot, AppError> {
    if status_of(v)? == PactStatus::Draft {
        live_snapshot(db, p, v.version_no, v.second_party_id, &policy_for_year(db, p.year).await?).await
    } else {
        snapshot_of(v)
    }
}

/// The content of a frozen version as stored now (for a draft: as it would be frozen).
pub async fn content_of(
    db: &impl ConnectionTrait,
    p: &pact::Model,
    v: &pact_version::Model,
) -> Result<PactContent, AppError> {
    let snapshot = snapshot_for(db, p, v).await?;
    Ok(PactContent {
        document_number: snapshot.document_number,
        year: p.year,
        version_no: v.version_no,
        revision_reason: v.revision_reason.as_deref().and_then(RevisionReason::parse),
        first_party: snapshot.first_party,
        second_party: snapshot.second_party.ok_or_else(|| {
            AppError::Conflict("Pejabat ini belum memiliki atasan langsung (pihak kedua).".into())
        })?,
        integrity_text: v.integrity_text.clone(),
        indicators: indicators_of(db, v.id).await?,
        consequences: snapshot.consequences,
    })
}

/// Sets new values on a version if nobody changed it since `row_version`.
async fn update_version(
    txn: &DatabaseTransaction,
    v: &pact_version::Model,
    row_version: i32,
    changes: pact_version::ActiveModel,
) -> Result<(), AppError> {
    let res = pact_version::Entity::update_many()
        .set(pact_version::ActiveModel { row_version: Set(row_version + 1), ..changes })
        .filter(pact_version::Column::Id.eq(v.id))
        .filter(pact_version::Column::RowVersion.eq(row_version))
        .exec(txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::Conflict(STALE.into()));
    }
    Ok(())
}

fn parse_row_version(s: &str) -> Result<i32, AppError> {
    s.trim().parse::<i32>().map_err(|_| AppError::Conflict(STALE.into()))
}

async fn audit_version(
    txn: &DatabaseTransaction,
    actor: Option<Uuid>,
    action: &str,
    before: Option<&pact_version::Model>,
    version_id: Uuid,
    extra: Option<serde_json::Value>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let after = pact_version::Entity::find_by_id(version_id).one(txn).await?;
    let as_json = |m: &pact_version::Model| {
        serde_json::json!({
            "status": m.status, "version_no": m.version_no, "pact_id": m.pact_id,
            "content_hash": m.content_hash, "verification_code": m.verification_code,
            "valid_from": m.valid_from, "valid_until": m.valid_until, "row_version": m.row_version,
        })
    };
    let mut after_json = after.as_ref().map(as_json);
    if let (Some(serde_json::Value::Object(map)), Some(serde_json::Value::Object(more))) =
        (&mut after_json, extra)
    {
        map.extend(more);
    }
    audit::record(
        txn,
        Entry {
            actor,
            action,
            entity: ENTITY,
            record_id: Some(version_id.to_string()),
            before: before.map(as_json),
            after: after_json,
        },
        now,
    )
    .await?;
    Ok(())
}

async fn latest_version(db: &impl ConnectionTrait, pact_id: Uuid) -> Result<pact_version::Model, AppError> {
    pact_version::Entity::find()
        .filter(pact_version::Column::PactId.eq(pact_id))
        .order_by_desc(pact_version::Column::VersionNo)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Opens version 1 of `official_id`'s pact for `year` as a draft. Returns the pact's id.
pub async fn create(
    db: &DatabaseConnection,
    official_id: Uuid,
    year: i32,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    if !YEARS.contains(&year) {
        return Err(AppError::validation("year", "Tahun anggaran tidak valid."));
    }
    let txn = super::begin_write(db).await?;
    let o = official::Entity::find_by_id(official_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if !o.active {
        return Err(AppError::Conflict("Pejabat nonaktif tidak dapat dibuatkan pakta.".into()));
    }
    // A pact is signed with the atasan langsung; only the head of region has none (issue 16: a
    // draft that could never be frozen is not made).
    if o.supervisor_id.is_none() {
        return Err(AppError::Conflict(format!(
            "{} tidak memiliki atasan langsung (pihak kedua), jadi tidak ada pakta yang dapat ditandatangani.",
            o.name
        )));
    }
    let existing = pact::Entity::find()
        .filter(pact::Column::OfficialId.eq(official_id))
        .filter(pact::Column::Year.eq(year))
        .one(&txn)
        .await?;
    if existing.is_some() {
        return Err(AppError::Conflict(format!(
            "{} sudah memiliki pakta tahun {year}. Buka pakta tersebut untuk mengubah atau merevisinya.",
            o.name
        )));
    }
    let template = template_for(&txn, today(now)).await?;
    let p = pact::Model { id: Uuid::new_v4(), official_id, year, created_at: now };
    pact::Entity::insert(pact::ActiveModel {
        id: Set(p.id),
        official_id: Set(p.official_id),
        year: Set(p.year),
        created_at: Set(now),
    })
    .exec(&txn)
    .await?;
    let version_id =
        insert_draft(&txn, &p, 1, None, None, None, &template, o.supervisor_id, actor, now).await?;
    audit_version(&txn, actor, audit::action::CREATE, None, version_id, None, now).await?;
    txn.commit().await?;
    Ok(p.id)
}

#[allow(clippy::too_many_arguments)]
async fn insert_draft(
    txn: &DatabaseTransaction,
    p: &pact::Model,
    version_no: i32,
    reason: Option<RevisionReason>,
    note: Option<String>,
    valid_from: Option<NaiveDate>,
    template: &pact_template::Model,
    second_party_id: Option<Uuid>,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let policy = policy_for_year(txn, p.year).await?;
    let snapshot = live_snapshot(txn, p, version_no, second_party_id, &policy).await?;
    let id = Uuid::new_v4();
    pact_version::Entity::insert(pact_version::ActiveModel {
        id: Set(id),
        pact_id: Set(p.id),
        version_no: Set(version_no),
        status: Set(PactStatus::Draft.as_str().to_string()),
        revision_reason: Set(reason.map(|r| r.as_str().to_string())),
        revision_note: Set(note),
        position_snapshot: Set(serde_json::to_string(&snapshot).map_err(internal("snapshot"))?),
        template_id: Set(template.id),
        integrity_text: Set(template.body.clone()),
        second_party_id: Set(second_party_id),
        content_hash: Set(None),
        verification_code: Set(None),
        valid_from: Set(valid_from),
        valid_until: Set(None),
        created_at: Set(now),
        created_by: Set(actor),
        frozen_at: Set(None),
        signed_at: Set(None),
        closed_at: Set(None),
        row_version: Set(1),
    })
    .exec(txn)
    .await?;
    Ok(id)
}

/// Saves a draft's indicators. Returns the new row version.
pub async fn save_draft(
    db: &DatabaseConnection,
    version_id: Uuid,
    row_version: &str,
    rows: &[IndicatorInput],
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let row_version = parse_row_version(row_version)?;
    let indicators = parse_indicators(rows).map_err(|errs| {
        let first = errs.into_iter().next().expect("an error list is never empty");
        AppError::from(first)
    })?;
    let txn = super::begin_write(db).await?;
    let v = pact_version::Entity::find_by_id(version_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if !status_of(&v)?.editable() {
        return Err(AppError::Conflict(FROZEN.into()));
    }
    update_version(&txn, &v, row_version, Default::default()).await?;
    write_indicators(&txn, v.id, &indicators).await?;
    let extra = serde_json::json!({ "indicators": indicators });
    audit_version(&txn, actor, action::SAVE_DRAFT, Some(&v), v.id, Some(extra), now).await?;
    txn.commit().await?;
    Ok(row_version + 1)
}

/// Freezes a draft for signing. Returns the pact's id.
pub async fn submit(
    db: &DatabaseConnection,
    version_id: Uuid,
    row_version: &str,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let row_version = parse_row_version(row_version)?;
    let txn = super::begin_write(db).await?;
    let v = pact_version::Entity::find_by_id(version_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if !status_of(&v)?.can_become(PactStatus::AwaitingSignatures) {
        return Err(AppError::Conflict(FROZEN.into()));
    }
    let p = pact::Entity::find_by_id(v.pact_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let indicators = indicators_of(&txn, v.id).await?;
    let rows: Vec<IndicatorInput> = indicators.iter().map(IndicatorInput::from_indicator).collect();
    if let Err(errs) = parse_indicators(&rows) {
        let first = errs.into_iter().next().expect("an error list is never empty");
        return Err(AppError::validation(
            "indicators",
            format!("Pakta belum lengkap: {} Lengkapi di penyunting indikator.", first.message),
        ));
    }
    let policy = policy_for_year(&txn, p.year).await?;
    let snapshot = live_snapshot(&txn, &p, v.version_no, v.second_party_id, &policy).await?;
    let Some(second) = &snapshot.second_party else {
        return Err(AppError::Conflict(
            "Pejabat ini belum memiliki atasan langsung (pihak kedua). Lengkapi data pejabat terlebih dahulu.".into(),
        ));
    };
    let frozen = pact_version::Model {
        position_snapshot: serde_json::to_string(&snapshot).map_err(internal("snapshot"))?,
        status: PactStatus::AwaitingSignatures.as_str().to_string(),
        ..v.clone()
    };
    let hash = content_hash(&content_of(&txn, &p, &frozen).await?);
    update_version(
        &txn,
        &v,
        row_version,
        pact_version::ActiveModel {
            status: Set(frozen.status.clone()),
            position_snapshot: Set(frozen.position_snapshot.clone()),
            second_party_id: Set(Some(second.official_id)),
            content_hash: Set(Some(hash)),
            verification_code: Set(Some(new_verification_code())),
            frozen_at: Set(Some(now)),
            ..Default::default()
        },
    )
    .await?;
    audit_version(&txn, actor, action::SUBMIT, Some(&v), v.id, None, now).await?;
    txn.commit().await?;
    Ok(p.id)
}

/// The official who signs as `party`.
fn signer_of(snapshot: &Snapshot, party: Party) -> Result<Uuid, AppError> {
    match party {
        Party::First => Ok(snapshot.first_party.official_id),
        Party::Second => Ok(snapshot.second_party.as_ref().ok_or(AppError::Internal)?.official_id),
    }
}

/// The party `official_id` is to a frozen version, if any.
fn party_for(snapshot: &Snapshot, official_id: Uuid) -> Option<Party> {
    if snapshot.first_party.official_id == official_id {
        Some(Party::First)
    } else if snapshot.second_party.as_ref().map(|s| s.official_id) == Some(official_id) {
        Some(Party::Second)
    } else {
        None
    }
}

/// Who signs a version, how and when.
struct NewSignature<'a> {
    party: Party,
    signer: Uuid,
    method: &'a str,
    signed_at: DateTime<Utc>,
    /// The admin who recorded a paper signature.
    recorded_by: Option<Uuid>,
}

/// Records one party's signature (electronic: the signer confirmed with their password; paper:
/// recorded by an admin), and when both parties have signed marks the version signed and
/// supersedes the earlier signed version. Inside the caller's transaction.
async fn add_signature(
    txn: &DatabaseTransaction,
    p: &pact::Model,
    v: &pact_version::Model,
    sig: NewSignature<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if status_of(v)? != PactStatus::AwaitingSignatures {
        return Err(AppError::Conflict("Pakta ini tidak sedang menunggu tanda tangan.".into()));
    }
    let stored_hash = v.content_hash.clone().ok_or(AppError::Internal)?;
    if content_hash(&content_of(txn, p, v).await?) != stored_hash {
        tracing::error!(version = %v.id, "pact content no longer matches its hash");
        return Err(AppError::Conflict(
            "Isi pakta tidak cocok lagi dengan hash yang dibekukan; penandatanganan dihentikan. Hubungi admin BKPSDM."
                .into(),
        ));
    }
    let existing =
        signature::Entity::find().filter(signature::Column::PactVersionId.eq(v.id)).all(txn).await?;
    if existing.iter().any(|s| s.party == sig.party.as_str()) {
        return Err(AppError::Conflict(format!("{} sudah menandatangani pakta ini.", sig.party.label_id())));
    }
    signature::Entity::insert(signature::ActiveModel {
        id: Set(Uuid::new_v4()),
        pact_version_id: Set(v.id),
        party: Set(sig.party.as_str().to_string()),
        signer_official_id: Set(sig.signer),
        method: Set(sig.method.to_string()),
        signed_at: Set(sig.signed_at),
        content_hash: Set(stored_hash),
        scan_file_id: Set(None),
        recorded_by: Set(sig.recorded_by),
        created_at: Set(now),
    })
    .exec(txn)
    .await?;
    let complete = existing.len() + 1 == 2;
    if !complete {
        // Bumps the row version so that two signatures racing each other cannot both miss the other.
        return update_version(txn, v, v.row_version, Default::default()).await;
    }
    let valid_from = v.valid_from.unwrap_or(if v.version_no == 1 {
        NaiveDate::from_ymd_opt(p.year, 1, 1).ok_or(AppError::Internal)?
    } else {
        today(sig.signed_at)
    });
    update_version(
        txn,
        v,
        v.row_version,
        pact_version::ActiveModel {
            status: Set(PactStatus::Signed.as_str().to_string()),
            signed_at: Set(Some(sig.signed_at)),
            valid_from: Set(Some(valid_from)),
            ..Default::default()
        },
    )
    .await?;
    // The version it replaces (if still in force) ends the day before.
    let earlier = pact_version::Entity::find()
        .filter(pact_version::Column::PactId.eq(p.id))
        .filter(pact_version::Column::Status.eq(PactStatus::Signed.as_str()))
        .filter(pact_version::Column::Id.ne(v.id))
        .all(txn)
        .await?;
    for e in earlier {
        let until = e.valid_until.unwrap_or(valid_from.pred_opt().unwrap_or(valid_from));
        update_version(
            txn,
            &e,
            e.row_version,
            pact_version::ActiveModel {
                status: Set(PactStatus::Superseded.as_str().to_string()),
                valid_until: Set(Some(until)),
                closed_at: Set(Some(now)),
                ..Default::default()
            },
        )
        .await?;
    }
    Ok(())
}

/// Electronic signature by the signed-in official, confirmed with their password from `address`.
/// A wrong password counts as a failed login (same throttle, same lock). Returns the pact's id.
pub async fn sign(
    db: &DatabaseConnection,
    user: &SessionUser,
    version_id: Uuid,
    password: &str,
    address: &ClientAddress,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let official_id = user.official_id.ok_or(AppError::Forbidden)?;
    if password.is_empty() {
        return Err(AppError::validation("password", "Masukkan kata sandi Anda untuk menandatangani."));
    }
    let v = pact_version::Entity::find_by_id(version_id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = pact::Entity::find_by_id(v.pact_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !may_view(db, user, &p, &v).await? {
        return Err(AppError::NotFound);
    }
    if status_of(&v)? != PactStatus::AwaitingSignatures {
        return Err(AppError::Conflict("Pakta ini tidak sedang menunggu tanda tangan.".into()));
    }
    let party = party_for(&snapshot_of(&v)?, official_id).ok_or(AppError::Forbidden)?;
    let acct =
        account::Entity::find_by_id(user.account_id).one(db).await?.ok_or(AppError::Unauthenticated)?;
    let attempt = Attempt::new(address, &acct.username);
    if !throttle::verify_password(db, &attempt, acct.password_hash.clone(), password.to_string(), now).await?
    {
        throttle::record_failure(db, &attempt, now).await?;
        return Err(AppError::validation("password", "Kata sandi salah. Tanda tangan tidak dibubuhkan."));
    }
    let txn = super::begin_write(db).await?;
    let v = pact_version::Entity::find_by_id(version_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let sig = NewSignature {
        party,
        signer: official_id,
        method: METHOD_ELECTRONIC,
        signed_at: now,
        recorded_by: None,
    };
    add_signature(&txn, &p, &v, sig, now).await?;
    throttle::clear(&txn, &attempt).await?;
    let extra = serde_json::json!({ "party": party.as_str(), "method": METHOD_ELECTRONIC });
    audit_version(&txn, Some(user.account_id), action::SIGN, Some(&v), v.id, Some(extra), now).await?;
    txn.commit().await?;
    Ok(p.id)
}

/// An electronic signature without the password confirmation, for `pakta demo` only (its
/// officials "sign" as the seed runs); no request can reach it.
pub async fn sign_without_password(
    db: &DatabaseConnection,
    version_id: Uuid,
    party: Party,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = super::begin_write(db).await?;
    let v = pact_version::Entity::find_by_id(version_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let p = pact::Entity::find_by_id(v.pact_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let snapshot = snapshot_of(&v)?;
    let signer = signer_of(&snapshot, party)?;
    let sig = NewSignature { party, signer, method: METHOD_ELECTRONIC, signed_at: now, recorded_by: None };
    add_signature(&txn, &p, &v, sig, now).await?;
    let extra = serde_json::json!({ "party": party.as_str(), "method": METHOD_ELECTRONIC, "demo": true });
    audit_version(&txn, None, action::SIGN, Some(&v), v.id, Some(extra), now).await?;
    txn.commit().await?;
    Ok(())
}

/// Paper signatures recorded by an admin: the parties signed on `signed_on`; the scan of the
/// signed document (PDF, size-limited) is stored with its hash in the same transaction.
/// Returns the pact's id.
pub async fn record_paper_signatures(
    db: &DatabaseConnection,
    version_id: Uuid,
    parties: &[Party],
    signed_on: &str,
    scan: files::Upload,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    if parties.is_empty() {
        return Err(AppError::validation("party", "Pilih pihak yang menandatangani."));
    }
    let signed_on = NaiveDate::parse_from_str(signed_on.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::validation("signed_on", "Tanggal tanda tangan wajib diisi (YYYY-MM-DD)."))?;
    if signed_on > today(now) {
        return Err(AppError::validation("signed_on", "Tanggal tanda tangan tidak boleh di masa depan."));
    }
    files::check_pdf(&scan, "scan", files::MAX_SCAN_BYTES)?;
    let txn = super::begin_write(db).await?;
    let v = pact_version::Entity::find_by_id(version_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let p = pact::Entity::find_by_id(v.pact_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if status_of(&v)? != PactStatus::AwaitingSignatures {
        return Err(AppError::Conflict("Pakta ini tidak sedang menunggu tanda tangan.".into()));
    }
    let snapshot = snapshot_of(&v)?;
    let file_id = files::store(&txn, scan, files::PDF, actor, now).await?;
    let signed_at = signed_on.and_hms_opt(5, 0, 0).ok_or(AppError::Internal)?.and_utc();
    let mut v = v;
    for &party in parties {
        let signer = signer_of(&snapshot, party)?;
        let sig = NewSignature { party, signer, method: METHOD_PAPER, signed_at, recorded_by: actor };
        add_signature(&txn, &p, &v, sig, now).await?;
        signature::Entity::update_many()
            .set(signature::ActiveModel { scan_file_id: Set(Some(file_id)), ..Default::default() })
            .filter(signature::Column::PactVersionId.eq(v.id))
            .filter(signature::Column::Party.eq(party.as_str()))
            .exec(&txn)
            .await?;
        let extra =
            serde_json::json!({ "party": party.as_str(), "method": METHOD_PAPER, "scan_file_id": file_id });
        audit_version(&txn, actor, action::SIGN, Some(&v), v.id, Some(extra), now).await?;
        v = pact_version::Entity::find_by_id(version_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    }
    txn.commit().await?;
    Ok(p.id)
}

/// The pact a version belongs to.
pub async fn pact_of_version(db: &DatabaseConnection, version_id: Uuid) -> Result<Uuid, AppError> {
    Ok(pact_version::Entity::find_by_id(version_id).one(db).await?.ok_or(AppError::NotFound)?.pact_id)
}

/// A paper scan, for the admin and the parties of the pact it was recorded on.
pub async fn scan_for(
    db: &DatabaseConnection,
    user: &SessionUser,
    file_id: Uuid,
) -> Result<(super::entities::stored_file::Model, Vec<u8>), AppError> {
    let sig = signature::Entity::find()
        .filter(signature::Column::ScanFileId.eq(file_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let v = pact_version::Entity::find_by_id(sig.pact_version_id).one(db).await?.ok_or(AppError::NotFound)?;
    let p = pact::Entity::find_by_id(v.pact_id).one(db).await?.ok_or(AppError::NotFound)?;
    if !may_view(db, user, &p, &v).await? {
        return Err(AppError::NotFound);
    }
    files::load(db, file_id).await
}

/// Cancels a draft, a version awaiting signatures, or a signed one. Returns the pact's id.
pub async fn cancel(
    db: &DatabaseConnection,
    version_id: Uuid,
    reason: &str,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::validation("reason", "Tuliskan alasan pembatalan."));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::validation("reason", "Alasan paling banyak 500 karakter."));
    }
    let txn = super::begin_write(db).await?;
    let v = pact_version::Entity::find_by_id(version_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if !status_of(&v)?.can_become(PactStatus::Cancelled) {
        return Err(AppError::Conflict("Versi pakta ini tidak dapat dibatalkan.".into()));
    }
    update_version(
        &txn,
        &v,
        v.row_version,
        pact_version::ActiveModel {
            status: Set(PactStatus::Cancelled.as_str().to_string()),
            closed_at: Set(Some(now)),
            ..Default::default()
        },
    )
    .await?;
    let extra = serde_json::json!({ "reason": reason });
    audit_version(&txn, actor, action::CANCEL, Some(&v), v.id, Some(extra), now).await?;
    txn.commit().await?;
    Ok(v.pact_id)
}

/// Opens the next version as a draft copying the latest one's indicators.
pub async fn revise(
    db: &DatabaseConnection,
    pact_id: Uuid,
    reason: &str,
    note: &str,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let reason = RevisionReason::parse(reason.trim())
        .ok_or_else(|| AppError::validation("reason", "Pilih alasan revisi."))?;
    let note = note.trim();
    if note.chars().count() > 500 {
        return Err(AppError::validation("note", "Catatan paling banyak 500 karakter."));
    }
    let txn = super::begin_write(db).await?;
    let p = pact::Entity::find_by_id(pact_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let id = open_revision(&txn, &p, reason, (!note.is_empty()).then(|| note.to_string()), None, actor, now)
        .await?;
    audit_version(&txn, actor, action::REVISE, None, id, None, now).await?;
    txn.commit().await?;
    Ok(id)
}

async fn open_revision(
    txn: &DatabaseTransaction,
    p: &pact::Model,
    reason: RevisionReason,
    note: Option<String>,
    valid_from: Option<NaiveDate>,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let latest = latest_version(txn, p.id).await?;
    match status_of(&latest)? {
        PactStatus::Draft | PactStatus::AwaitingSignatures => {
            return Err(AppError::Conflict(format!(
                "Versi {} masih {}; selesaikan atau batalkan dahulu sebelum membuat revisi.",
                latest.version_no,
                status_of(&latest)?.label_id().to_lowercase()
            )))
        }
        PactStatus::Signed | PactStatus::Superseded | PactStatus::Cancelled => {}
    }
    let template = template_for(txn, today(now)).await?;
    let o = official::Entity::find_by_id(p.official_id).one(txn).await?.ok_or(AppError::NotFound)?;
    let id = insert_draft(
        txn,
        p,
        latest.version_no + 1,
        Some(reason),
        note,
        valid_from,
        &template,
        o.supervisor_id,
        actor,
        now,
    )
    .await?;
    let indicators = indicators_of(txn, latest.id).await?;
    write_indicators(txn, id, &indicators).await?;
    Ok(id)
}

/// Mutasi (domain.md sections 1 and 2): the official's pact in force for the TMT's year ends the
/// day before the TMT, and a draft revision for the new position opens from the TMT, with the
/// targets carried over for the admin to adjust (sisa target). Inside the mutasi's transaction.
pub async fn end_for_transfer(
    txn: &DatabaseTransaction,
    official_id: Uuid,
    tmt: NaiveDate,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some(p) = pact::Entity::find()
        .filter(pact::Column::OfficialId.eq(official_id))
        .filter(pact::Column::Year.eq(tmt.year()))
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    let versions =
        pact_version::Entity::find().filter(pact_version::Column::PactId.eq(p.id)).all(txn).await?;
    for v in &versions {
        let (status, until) = match status_of(v)? {
            PactStatus::Signed => (PactStatus::Superseded, Some(tmt.pred_opt().unwrap_or(tmt))),
            // Not signed yet for the old position: it will never be.
            PactStatus::Draft | PactStatus::AwaitingSignatures => (PactStatus::Cancelled, None),
            PactStatus::Superseded | PactStatus::Cancelled => continue,
        };
        update_version(
            txn,
            v,
            v.row_version,
            pact_version::ActiveModel {
                status: Set(status.as_str().to_string()),
                valid_until: Set(until.or(v.valid_until)),
                closed_at: Set(Some(now)),
                ..Default::default()
            },
        )
        .await?;
        let extra = serde_json::json!({ "reason": "mutasi", "tmt": tmt });
        audit_version(txn, actor, action::END, Some(v), v.id, Some(extra), now).await?;
    }
    let note = Some(format!("PK revisi karena mutasi, TMT {}", crate::format::date_id(tmt)));
    let id = open_revision(txn, &p, RevisionReason::Transfer, note, Some(tmt), actor, now).await?;
    audit_version(txn, actor, action::REVISE, None, id, None, now).await?;
    Ok(())
}

/// Whether `user` may see this version (domain.md section 7): the admin any; an official their
/// own, and as superior those of their direct reports and those they are pihak kedua to.
pub async fn may_view(
    db: &impl ConnectionTrait,
    user: &SessionUser,
    p: &pact::Model,
    v: &pact_version::Model,
) -> Result<bool, AppError> {
    match user.role {
        Role::Admin => Ok(true),
        Role::Official => {
            let Some(me) = user.official_id else { return Ok(false) };
            if p.official_id == me || v.second_party_id == Some(me) {
                return Ok(true);
            }
            let o = official::Entity::find_by_id(p.official_id).one(db).await?;
            Ok(o.and_then(|o| o.supervisor_id) == Some(me))
        }
        _ => Ok(false),
    }
}

/// A version of a pact with everything the viewer may see (version 0: the latest).
pub async fn view(
    db: &DatabaseConnection,
    user: &SessionUser,
    pact_id: Uuid,
    version_no: i32,
) -> Result<PactView, AppError> {
    let p = pact::Entity::find_by_id(pact_id).one(db).await?.ok_or(AppError::NotFound)?;
    let versions = pact_version::Entity::find()
        .filter(pact_version::Column::PactId.eq(p.id))
        .order_by_desc(pact_version::Column::VersionNo)
        .all(db)
        .await?;
    let v =
        if version_no == 0 { versions.first() } else { versions.iter().find(|v| v.version_no == version_no) }
            .ok_or(AppError::NotFound)?
            .clone();
    if !may_view(db, user, &p, &v).await? {
        return Err(AppError::NotFound);
    }
    let status = status_of(&v)?;
    let snapshot = snapshot_for(db, &p, &v).await?;
    let template = pact_template::Entity::find_by_id(v.template_id).one(db).await?;
    let sigs = signature::Entity::find()
        .filter(signature::Column::PactVersionId.eq(v.id))
        .order_by_asc(signature::Column::SignedAt)
        .all(db)
        .await?;
    let signer_ids: Vec<Uuid> = sigs.iter().map(|s| s.signer_official_id).collect();
    let names: HashMap<Uuid, String> = official::Entity::find()
        .filter(official::Column::Id.is_in(signer_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let signed: Vec<&str> = sigs.iter().map(|s| s.party.as_str()).collect();
    let is_admin = user.role == Role::Admin;
    let latest = versions.first().map(|l| l.id) == Some(v.id);
    let sign_as = match (status, user.official_id) {
        (PactStatus::AwaitingSignatures, Some(me)) => party_for(&snapshot, me)
            .filter(|party| !signed.contains(&party.as_str()))
            .map(|p| p.as_str().to_string()),
        _ => None,
    };
    let actions = PactActions {
        edit: is_admin && status == PactStatus::Draft,
        submit: is_admin && status == PactStatus::Draft,
        sign_as,
        cancel: is_admin && status.can_become(PactStatus::Cancelled),
        revise: is_admin
            && latest
            && matches!(status, PactStatus::Signed | PactStatus::Superseded | PactStatus::Cancelled),
        record_paper: is_admin && status == PactStatus::AwaitingSignatures,
    };
    Ok(PactView {
        pact_id: p.id,
        official_id: p.official_id,
        year: p.year,
        version_id: v.id,
        version_no: v.version_no,
        status: v.status.clone(),
        revision_reason: v.revision_reason.clone(),
        revision_note: v.revision_note.clone(),
        document_number: snapshot.document_number,
        first_party: snapshot.first_party,
        second_party: snapshot.second_party,
        template_title: template.map(|t| t.title).unwrap_or_default(),
        integrity_points: integrity_points(&v.integrity_text),
        indicators: indicators_of(db, v.id).await?,
        consequences: snapshot.consequences,
        content_hash: v.content_hash.clone(),
        verification_code: v.verification_code.clone(),
        valid_from: v.valid_from,
        valid_until: v.valid_until,
        signatures: sigs
            .iter()
            .map(|s| SignatureView {
                party: s.party.clone(),
                signer_name: names.get(&s.signer_official_id).cloned().unwrap_or_default(),
                method: s.method.clone(),
                signed_at: s.signed_at,
                scan_file_id: s.scan_file_id,
            })
            .collect(),
        versions: versions
            .iter()
            .map(|v| VersionSummary {
                version_no: v.version_no,
                status: v.status.clone(),
                revision_reason: v.revision_reason.clone(),
                created_at: v.created_at,
                signed_at: v.signed_at,
            })
            .collect(),
        row_version: v.row_version,
        actions,
    })
}

/// The admin's list: every active official (filtered) with their pact for the year.
pub async fn list(
    db: &DatabaseConnection,
    year: i32,
    q: &str,
    opd_filter: &str,
    status_filter: &str,
    page: u64,
) -> Result<PactListPage, AppError> {
    let year = if YEARS.contains(&year) { year } else { today(Utc::now()).year() };
    let mut query = official::Entity::find().filter(official::Column::Active.eq(true));
    if let Ok(opd_id) = Uuid::parse_str(opd_filter.trim()) {
        query = query.filter(official::Column::OpdId.eq(opd_id));
    }
    let officials = query.order_by_asc(official::Column::Name).all(db).await?;
    let needle = q.trim().to_lowercase();
    let needle_digits: String = needle.chars().filter(|c| c.is_ascii_digit()).collect();
    let opds: HashMap<Uuid, String> =
        opd::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let pacts: HashMap<Uuid, pact::Model> = pact::Entity::find()
        .filter(pact::Column::Year.eq(year))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.official_id, p))
        .collect();
    let pact_ids: Vec<Uuid> = pacts.values().map(|p| p.id).collect();
    let mut latest: HashMap<Uuid, pact_version::Model> = HashMap::new();
    for chunk in pact_ids.chunks(500) {
        for v in pact_version::Entity::find()
            .filter(pact_version::Column::PactId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            match latest.get(&v.pact_id) {
                Some(l) if l.version_no >= v.version_no => {}
                _ => {
                    latest.insert(v.pact_id, v);
                }
            }
        }
    }
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut rows = Vec::new();
    for o in officials {
        if !needle.is_empty() {
            let in_text =
                o.name.to_lowercase().contains(&needle) || o.position_title.to_lowercase().contains(&needle);
            let in_nip = !needle_digits.is_empty()
                && needle_digits.len() >= 4
                && o.nip.as_deref().unwrap_or("").contains(&needle_digits);
            if !in_text && !in_nip {
                continue;
            }
        }
        let p = pacts.get(&o.id);
        let v = p.and_then(|p| latest.get(&p.id));
        let status = v.map(|v| v.status.clone());
        let has_superior = o.supervisor_id.is_some();
        // The head of region has no pact to sign: not counted as missing one.
        let bucket = match (&status, has_superior) {
            (Some(s), _) => s.clone(),
            (None, true) => "none".into(),
            (None, false) => "no_superior".into(),
        };
        *counts.entry(bucket).or_default() += 1;
        let wanted = match status_filter.trim() {
            "" => true,
            "none" => status.is_none() && has_superior,
            s => status.as_deref() == Some(s),
        };
        if !wanted {
            continue;
        }
        rows.push(PactRow {
            official_id: o.id,
            official_name: o.name,
            nip: o.nip,
            position_title: o.position_title,
            opd_name: opds.get(&o.opd_id).cloned().unwrap_or_default(),
            pact_id: p.map(|p| p.id),
            version_no: v.map(|v| v.version_no),
            status,
            has_superior,
        });
    }
    let total = rows.len() as u64;
    let pages = total.div_ceil(PACTS_PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let rows =
        rows.into_iter().skip(((page - 1) * PACTS_PER_PAGE) as usize).take(PACTS_PER_PAGE as usize).collect();
    let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
    counts.sort();
    Ok(PactListPage { year, rows, total, page, pages, counts })
}

/// An official's pacts, newest year first, with their latest version.
pub async fn of_official(db: &DatabaseConnection, official_id: Uuid) -> Result<Vec<OfficialPact>, AppError> {
    let list = pact::Entity::find()
        .filter(pact::Column::OfficialId.eq(official_id))
        .order_by_desc(pact::Column::Year)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(list.len());
    for p in list {
        let v = pact_version::Entity::find()
            .filter(pact_version::Column::PactId.eq(p.id))
            .order_by_desc(pact_version::Column::VersionNo)
            .one(db)
            .await?
            .ok_or(AppError::Internal)?;
        out.push(OfficialPact { pact_id: p.id, year: p.year, version_no: v.version_no, status: v.status });
    }
    Ok(out)
}

/// The signed-in official's own pacts and their direct reports', latest version each.
pub async fn mine(db: &DatabaseConnection, user: &SessionUser) -> Result<Vec<MyPact>, AppError> {
    let Some(me) = user.official_id else { return Ok(Vec::new()) };
    let reports: Vec<official::Model> =
        official::Entity::find().filter(official::Column::SupervisorId.eq(me)).all(db).await?;
    let mut people: HashMap<Uuid, (official::Model, Party)> =
        reports.into_iter().map(|o| (o.id, (o, Party::Second))).collect();
    if let Some(o) = official::Entity::find_by_id(me).one(db).await? {
        people.insert(o.id, (o, Party::First));
    }
    let ids: Vec<Uuid> = people.keys().copied().collect();
    let pacts = pact::Entity::find()
        .filter(pact::Column::OfficialId.is_in(ids))
        .order_by_desc(pact::Column::Year)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for p in pacts {
        let v = latest_version(db, p.id).await?;
        let (o, party) = &people[&p.official_id];
        let awaiting_me = v.status == PactStatus::AwaitingSignatures.as_str()
            && !signature::Entity::find()
                .filter(signature::Column::PactVersionId.eq(v.id))
                .filter(signature::Column::Party.eq(party.as_str()))
                .all(db)
                .await?
                .iter()
                .any(|_| true);
        out.push(MyPact {
            pact_id: p.id,
            year: p.year,
            version_no: v.version_no,
            status: v.status,
            official_name: o.name.clone(),
            position_title: o.position_title.clone(),
            my_party: party.as_str().to_string(),
            awaiting_me,
        });
    }
    out.sort_by(|a, b| {
        (b.awaiting_me, a.my_party.as_str(), b.year, &a.official_name).cmp(&(
            a.awaiting_me,
            b.my_party.as_str(),
            a.year,
            &b.official_name,
        ))
    });
    Ok(out)
}

/// Public verification of a printed code (domain.md sections 2 and 7).
pub async fn verify(
    db: &DatabaseConnection,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Verification, AppError> {
    let unknown = Verification {
        verdict: "unknown".into(),
        document_number: None,
        official_name: None,
        position_title: None,
        opd_name: None,
        year: None,
        valid_from: None,
        valid_until: None,
        version_no: None,
        status: None,
        signed_dates: Vec::new(),
        content_hash: None,
        current_code: None,
    };
    let Some(code) = normalise_code(code) else { return Ok(unknown) };
    let Some(v) = pact_version::Entity::find()
        .filter(pact_version::Column::VerificationCode.eq(code.as_str()))
        .one(db)
        .await?
    else {
        return Ok(unknown);
    };
    let p = pact::Entity::find_by_id(v.pact_id).one(db).await?.ok_or(AppError::Internal)?;
    let snapshot = snapshot_of(&v)?;
    let status = status_of(&v)?;
    let sigs = signature::Entity::find()
        .filter(signature::Column::PactVersionId.eq(v.id))
        .order_by_asc(signature::Column::SignedAt)
        .all(db)
        .await?;
    let stored = v.content_hash.clone().unwrap_or_default();
    let intact = match content_of(db, &p, &v).await {
        Ok(content) => content_hash(&content) == stored && sigs.iter().all(|s| s.content_hash == stored),
        Err(_) => false,
    };
    let current = pact_version::Entity::find()
        .filter(pact_version::Column::PactId.eq(p.id))
        .filter(pact_version::Column::Status.eq(PactStatus::Signed.as_str()))
        .one(db)
        .await?;
    let ended = v.valid_until.is_some_and(|u| u < today(now));
    let verdict = if !intact {
        "tampered"
    } else {
        match status {
            PactStatus::Signed if !ended => "valid",
            PactStatus::Signed | PactStatus::Superseded => "superseded",
            PactStatus::Cancelled => "cancelled",
            PactStatus::AwaitingSignatures | PactStatus::Draft => "awaiting",
        }
    };
    Ok(Verification {
        verdict: verdict.into(),
        document_number: Some(snapshot.document_number),
        official_name: Some(snapshot.first_party.name),
        position_title: Some(snapshot.first_party.position_title),
        opd_name: Some(snapshot.first_party.opd_name),
        year: Some(p.year),
        valid_from: v.valid_from,
        valid_until: v.valid_until,
        version_no: Some(v.version_no),
        status: Some(v.status.clone()),
        signed_dates: sigs
            .iter()
            .map(|s| {
                let label = Party::parse(&s.party).map(|p| p.label_id()).unwrap_or("");
                (label.to_string(), s.signed_at.with_timezone(&wib()).date_naive())
            })
            .collect(),
        content_hash: v.content_hash.clone(),
        current_code: current.filter(|c| c.id != v.id).and_then(|c| c.verification_code),
    })
}

/// The Pakta Integritas template in force today.
pub async fn template_in_force(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<TemplateView, AppError> {
    let t = template_for(db, today(now)).await?;
    Ok(TemplateView { version: t.version, title: t.title, body: t.body, effective_from: t.effective_from })
}

/// A new template version. Pacts already made keep the text they were made with.
pub async fn save_template(
    db: &DatabaseConnection,
    title: &str,
    body: &str,
    effective_from: &str,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(AppError::validation("title", "Judul wajib diisi (paling banyak 200 karakter)."));
    }
    let body = body.trim();
    if integrity_points(body).is_empty() {
        return Err(AppError::validation("body", "Tuliskan paling sedikit satu butir pakta integritas."));
    }
    if body.chars().count() > 20_000 {
        return Err(AppError::validation("body", "Teks terlalu panjang (paling banyak 20.000 karakter)."));
    }
    let effective_from = NaiveDate::parse_from_str(effective_from.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::validation("effective_from", "Tanggal berlaku wajib diisi (YYYY-MM-DD)."))?;
    let txn = super::begin_write(db).await?;
    let next = pact_template::Entity::find()
        .order_by_desc(pact_template::Column::Version)
        .one(&txn)
        .await?
        .map(|t| t.version + 1)
        .unwrap_or(1);
    let id = Uuid::new_v4();
    pact_template::Entity::insert(pact_template::ActiveModel {
        id: Set(id),
        version: Set(next),
        title: Set(title.to_string()),
        body: Set(body.to_string()),
        effective_from: Set(effective_from),
        created_at: Set(now),
        created_by: Set(actor),
    })
    .exec(&txn)
    .await?;
    audit::record(
        &txn,
        Entry {
            actor,
            action: audit::action::CREATE,
            entity: "pact_template",
            record_id: Some(id.to_string()),
            before: None,
            after: Some(
                serde_json::json!({ "version": next, "title": title, "effective_from": effective_from }),
            ),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
