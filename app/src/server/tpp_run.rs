//! The quarter's TPP run and lock (issue 5): every official with a signed pact for the quarter is
//! computed as the realisation screen's sheet computes it (the engine over the stored values,
//! loaded in bulk),
//! and the months are stored with the policy version used. A rerun before the lock replaces the
//! quarter's results in one transaction; after the lock nothing of the quarter changes.
use super::audit::{self, Entry};
use super::csv_out::Dialect;
use super::entities::{
    official, opd, pact, position_history, quarter_close, quarter_member, tpp_result, tpp_run,
};
use super::{bulk_sheets, policy};
pub use crate::api::tpp::{NominatifRow, RunProgress, RunReport};
use crate::domain::explanation::number_id;
use crate::domain::quarter_sheet::preview_with;
use crate::domain::tpp::{attendance_deduction, sanction_in_force, Quarter};
use crate::domain::PositionKind;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend,
    EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Statement,
};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

pub const LOCKED: &str = "locked";
const DONE: &str = "done";
const RUNNING: &str = "running";
const FAILED: &str = "failed";
/// A run still marked running after this long was cut off (its server stopped): not in the way.
const STALE_RUN_MINUTES: i64 = 15;
/// How often (in officials) a run writes its progress.
const PROGRESS_EVERY: usize = 20;

use super::evaluations::quarter_of as quarter;

/// Whether the quarter is locked.
pub async fn is_locked(db: &impl ConnectionTrait, year: i32, q: u32) -> Result<bool, AppError> {
    Ok(locked_quarters(db, year).await?.contains(&q))
}

/// The year's locked quarters (by number).
pub async fn locked_quarters(db: &impl ConnectionTrait, year: i32) -> Result<HashSet<u32>, AppError> {
    Ok(quarter_close::Entity::find()
        .filter(quarter_close::Column::Year.eq(year))
        .filter(quarter_close::Column::Status.eq(LOCKED))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.quarter as u32)
        .collect())
}

/// The latest locked quarter of any year.
pub async fn latest_locked(db: &impl ConnectionTrait) -> Result<Option<(i32, Quarter)>, AppError> {
    let latest = quarter_close::Entity::find()
        .filter(quarter_close::Column::Status.eq(LOCKED))
        .order_by_desc(quarter_close::Column::Year)
        .order_by_desc(quarter_close::Column::Quarter)
        .one(db)
        .await?;
    Ok(latest.and_then(|c| Some((c.year, Quarter::new(u32::try_from(c.quarter).ok()?)?))))
}

/// The period the admin's quarter pages open on, today in WIB (`tpp::working_quarter`).
pub async fn working_quarter(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<(i32, Quarter), AppError> {
    let today = now.with_timezone(&crate::format::wib()).date_naive();
    Ok(crate::domain::tpp::working_quarter(today, latest_locked(db).await?))
}

/// The refusal every write of a locked quarter gets.
pub fn locked_error(year: i32, q: u32) -> AppError {
    AppError::Conflict(format!(
        "TW {} {year} sudah dikunci: hasil dan realisasinya tidak dapat diubah lagi. Perbaikan dilakukan melalui koreksi.",
        crate::format::quarter_roman(q)
    ))
}

/// Records the start of a run (committed at once, so any app server can show its progress); refused
/// while another run of the quarter is going.
#[allow(clippy::too_many_arguments)]
async fn start(
    db: &DatabaseConnection,
    year: i32,
    q: u32,
    opd_id: Option<Uuid>,
    policy_id: Uuid,
    total: usize,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let busy = tpp_run::Entity::find()
        .filter(tpp_run::Column::Year.eq(year))
        .filter(tpp_run::Column::Quarter.eq(q as i16))
        .filter(tpp_run::Column::Status.eq(RUNNING))
        .filter(tpp_run::Column::StartedAt.gt(now - chrono::Duration::minutes(STALE_RUN_MINUTES)))
        .one(db)
        .await?;
    if busy.is_some() {
        return Err(AppError::Conflict(format!(
            "Perhitungan TPP TW {} {year} sedang berjalan. Tunggu sampai selesai, lalu muat ulang halaman.",
            crate::format::quarter_roman(q)
        )));
    }
    let id = Uuid::new_v4();
    tpp_run::Entity::insert(tpp_run::ActiveModel {
        id: Set(id),
        year: Set(year),
        quarter: Set(q as i16),
        opd_id: Set(opd_id),
        policy_id: Set(policy_id),
        status: Set(RUNNING.into()),
        started_at: Set(now),
        finished_at: Set(None),
        run_by: Set(actor),
        processed: Set(0),
        total: Set(total as i32),
    })
    .exec(db)
    .await?;
    Ok(id)
}

async fn finish(db: &DatabaseConnection, run_id: Uuid, status: &str) -> Result<(), AppError> {
    tpp_run::Entity::update_many()
        .set(tpp_run::ActiveModel {
            status: Set(status.into()),
            finished_at: Set(Some(Utc::now())),
            ..Default::default()
        })
        .filter(tpp_run::Column::Id.eq(run_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The latest run of the quarter, for the progress bar.
pub async fn progress(db: &DatabaseConnection, year: i32, q: u32) -> Result<Option<RunProgress>, AppError> {
    quarter(q)?;
    let stale_before = Utc::now() - chrono::Duration::minutes(STALE_RUN_MINUTES);
    Ok(tpp_run::Entity::find()
        .filter(tpp_run::Column::Year.eq(year))
        .filter(tpp_run::Column::Quarter.eq(q as i16))
        .order_by_desc(tpp_run::Column::StartedAt)
        .one(db)
        .await?
        .map(|r| RunProgress {
            running: r.status == RUNNING && r.started_at > stale_before,
            failed: r.status == FAILED || (r.status == RUNNING && r.started_at <= stale_before),
            processed: r.processed.max(0) as u32,
            total: r.total.max(0) as u32,
            started_at: r.started_at,
            finished_at: r.finished_at,
        }))
}

struct Computed {
    rows: Vec<tpp_result::Model>,
    skipped: Vec<(String, String)>,
    computed: usize,
    total: i64,
}

/// Every pact's quarter, as rows to store; progress written as it goes. The inputs are loaded in
/// bulk (`bulk_sheets`), and each quarter is computed by `preview_with`, as the sheet does.
#[allow(clippy::too_many_arguments)]
async fn compute(
    db: &DatabaseConnection,
    officials: &HashMap<Uuid, official::Model>,
    pacts: &[pact::Model],
    year: i32,
    qt: Quarter,
    version: &policy::PolicyVersion,
    run_id: Uuid,
) -> Result<Computed, AppError> {
    let mut inputs = bulk_sheets::load(db, pacts, year, qt).await?;
    // At most ~50 progress writes, however large the city.
    let every = PROGRESS_EVERY.max(pacts.len() / 50);
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    let mut computed = 0;
    let mut total = 0;
    for (n, p) in pacts.iter().enumerate() {
        if n > 0 && n % every == 0 {
            tpp_run::Entity::update_many()
                .set(tpp_run::ActiveModel { processed: Set(n as i32), ..Default::default() })
                .filter(tpp_run::Column::Id.eq(run_id))
                .exec(db)
                .await?;
        }
        let Some(o) = officials.get(&p.official_id) else { continue };
        let sheet = match inputs.remove(&p.id) {
            Some(Ok(s)) => s,
            // Not signed for this quarter: nothing to pay on.
            Some(Err(AppError::Conflict(reason))) => {
                skipped.push((o.name.clone(), reason));
                continue;
            }
            Some(Err(e)) => return Err(e),
            None => continue,
        };
        let preview = match preview_with(
            &sheet.indicators,
            &sheet.values,
            sheet.rating,
            o.monthly_ceiling,
            year,
            qt,
            &version.policy,
            &sheet.discipline,
        ) {
            Ok(p) if p.total.is_some() => p,
            Ok(_) => {
                skipped.push((o.name.clone(), "realisasi atau rating perilaku belum lengkap".into()));
                continue;
            }
            Err(e) => {
                skipped.push((o.name.clone(), e.message));
                continue;
            }
        };
        computed += 1;
        let factor = preview.factor.unwrap_or_default();
        for m in &preview.months {
            let cuts = sheet.discipline.attendance.get(&m.month).map(|codes| {
                codes.iter().filter_map(|c| version.policy.cuts.get(c).copied()).collect::<Vec<Decimal>>()
            });
            let (_, cut) = attendance_deduction(cuts.unwrap_or_default());
            let sanction = sanction_in_force(&sheet.discipline.sanctions, year, m.month)
                .map(|i| sheet.discipline.sanctions[i].percent)
                .unwrap_or_default();
            total += m.gross;
            rows.push(tpp_result::Model {
                id: Uuid::new_v4(),
                run_id,
                official_id: o.id,
                year,
                month: m.month as i16,
                monthly_ceiling: o.monthly_ceiling,
                discipline_cut_percent: cut.normalize().to_string(),
                discipline: m.discipline,
                productivity_factor: factor.normalize().to_string(),
                productivity: m.productivity,
                sanction_percent: sanction.normalize().to_string(),
                sanction_cut: m.sanction_cut,
                gross: m.gross,
                policy_id: version.id,
                score: preview.score.map(|d| d.normalize().to_string()),
                predikat: preview.predikat.map(|p| p.as_str().to_string()),
                explanation: format!(
                    "Nilai {}, predikat {}, faktor {}%, potongan kehadiran {}%, hukuman disiplin {}%.",
                    preview.score.map(number_id).unwrap_or_default(),
                    preview.predikat.map(|p| p.label_id()).unwrap_or_default(),
                    number_id(factor),
                    number_id(cut),
                    number_id(sanction)
                ),
            });
        }
    }
    Ok(Computed { rows, skipped, computed, total })
}

/// Inserts a run's results. PostgreSQL gets each 5,000 rows as one JSON parameter expanded by
/// `json_populate_recordset` (binding 16 parameters per row, 8,000 per statement, took most of a
/// city-wide run there); SQLite, in process, takes plain multi-row inserts.
pub async fn store_results(txn: &DatabaseTransaction, rows: &[tpp_result::Model]) -> Result<(), AppError> {
    if txn.get_database_backend() == DbBackend::Postgres {
        for chunk in rows.chunks(5000) {
            let json = serde_json::to_string(chunk).map_err(|e| {
                tracing::error!(error = %e, "results not serialisable");
                AppError::Internal
            })?;
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO tpp_result SELECT * FROM json_populate_recordset(NULL::tpp_result, $1::json)",
                [json.into()],
            ))
            .await?;
        }
    } else {
        for chunk in rows.chunks(500) {
            tpp_result::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// Runs the quarter for every official with a signed pact (or those of one OPD).
pub async fn run(
    db: &DatabaseConnection,
    year: i32,
    q: u32,
    opd_id: Option<Uuid>,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<RunReport, AppError> {
    let qt = quarter(q)?;
    if is_locked(db, year, q).await? {
        return Err(locked_error(year, q));
    }
    let first_day = NaiveDate::from_ymd_opt(year, qt.months()[0], 1)
        .ok_or_else(|| AppError::validation("year", "Tahun tidak valid."))?;
    let version = policy::in_force(db, first_day).await?.ok_or_else(|| {
        AppError::Conflict("Belum ada kebijakan TPP yang berlaku untuk triwulan ini.".into())
    })?;
    let officials: HashMap<Uuid, official::Model> =
        official::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    let pacts: Vec<pact::Model> = pact::Entity::find()
        .filter(pact::Column::Year.eq(year))
        .all(db)
        .await?
        .into_iter()
        .filter(|p| officials.get(&p.official_id).is_some_and(|o| opd_id.is_none_or(|d| d == o.opd_id)))
        .collect();
    let run_id = start(db, year, q, opd_id, version.id, pacts.len(), actor, now).await?;
    let computed = match compute(db, &officials, &pacts, year, qt, &version, run_id).await {
        Ok(c) => c,
        Err(e) => {
            finish(db, run_id, FAILED).await?;
            return Err(e);
        }
    };
    let Computed { rows, skipped, computed, total } = computed;
    let stored = async {
        let txn = super::begin_write(db).await?;
        // Re-checked inside the transaction: a lock taken meanwhile wins.
        if is_locked(&txn, year, q).await? {
            return Err(locked_error(year, q));
        }
        let months: Vec<i16> = qt.months().iter().map(|m| *m as i16).collect();
        let earlier_runs: Vec<Uuid> = tpp_run::Entity::find()
            .filter(tpp_run::Column::Year.eq(year))
            .filter(tpp_run::Column::Quarter.eq(q as i16))
            .filter(tpp_run::Column::Id.ne(run_id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        if !earlier_runs.is_empty() {
            // Replaces the earlier results of the officials this run covers (all, or one OPD's).
            let mut stale = tpp_result::Entity::delete_many()
                .filter(tpp_result::Column::RunId.is_in(earlier_runs))
                .filter(tpp_result::Column::Month.is_in(months));
            if opd_id.is_some() {
                let in_opd: Vec<Uuid> =
                    officials.values().filter(|o| Some(o.opd_id) == opd_id).map(|o| o.id).collect();
                stale = stale.filter(tpp_result::Column::OfficialId.is_in(in_opd));
            }
            stale.exec(&txn).await?;
        }
        tpp_run::Entity::update_many()
            .set(tpp_run::ActiveModel {
                status: Set(DONE.into()),
                finished_at: Set(Some(Utc::now())),
                processed: Set(pacts.len() as i32),
                ..Default::default()
            })
            .filter(tpp_run::Column::Id.eq(run_id))
            .exec(&txn)
            .await?;
        store_results(&txn, &rows).await?;
        audit::record(
            &txn,
            Entry {
                actor,
                action: "run",
                entity: "tpp_run",
                record_id: Some(run_id.to_string()),
                before: None,
                after: Some(serde_json::json!({
                    "year": year, "quarter": q, "opd_id": opd_id, "policy_version": version.version,
                    "officials": computed, "total": total,
                })),
            },
            now,
        )
        .await?;
        txn.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    if let Err(e) = stored {
        finish(db, run_id, FAILED).await?;
        return Err(e);
    }
    Ok(RunReport { run_id, computed, skipped, total })
}

/// Locks the quarter: no more runs, realisations or ratings for it.
pub async fn lock(
    db: &DatabaseConnection,
    year: i32,
    q: u32,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    quarter(q)?;
    let txn = super::begin_write(db).await?;
    if is_locked(&txn, year, q).await? {
        return Err(AppError::Conflict(format!(
            "TW {} {year} sudah dikunci.",
            crate::format::quarter_roman(q)
        )));
    }
    let has_run = tpp_run::Entity::find()
        .filter(tpp_run::Column::Year.eq(year))
        .filter(tpp_run::Column::Quarter.eq(q as i16))
        .filter(tpp_run::Column::Status.eq(DONE))
        .one(&txn)
        .await?
        .is_some();
    if !has_run {
        return Err(AppError::Conflict(format!(
            "Jalankan perhitungan TPP TW {} {year} sebelum menguncinya.",
            crate::format::quarter_roman(q)
        )));
    }
    quarter_close::Entity::delete_many()
        .filter(quarter_close::Column::Year.eq(year))
        .filter(quarter_close::Column::Quarter.eq(q as i16))
        .exec(&txn)
        .await?;
    let id = Uuid::new_v4();
    quarter_close::Entity::insert(quarter_close::ActiveModel {
        id: Set(id),
        year: Set(year),
        quarter: Set(q as i16),
        status: Set(LOCKED.into()),
        locked_at: Set(Some(now)),
        locked_by: Set(actor),
    })
    .exec(&txn)
    .await?;
    freeze_membership(&txn, id, year, q).await?;
    audit::record(
        &txn,
        Entry {
            actor,
            action: "lock",
            entity: "quarter_close",
            record_id: Some(id.to_string()),
            before: None,
            after: Some(serde_json::json!({ "year": year, "quarter": q })),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Freezes who belonged where at the lock (`quarter_member`): each official's position in force on
/// the quarter's last day (from the position history; the official's record where none), and
/// whether they count in the headcount and budget. DPRD's figures of the quarter are grouped by it,
/// so no later mutasi or deactivation moves them (issue 14: a moved figure names whose pay it was).
async fn freeze_membership(
    txn: &DatabaseTransaction,
    lock_id: Uuid,
    year: i32,
    q: u32,
) -> Result<(), AppError> {
    let last_day = quarter(q)?
        .months()
        .last()
        .and_then(|m| NaiveDate::from_ymd_opt(year, *m, 1))
        .and_then(|first| first.checked_add_months(chrono::Months::new(1)))
        .and_then(|next| next.pred_opt())
        .ok_or(AppError::Internal)?;
    let positions: HashMap<Uuid, position_history::Model> = position_history::Entity::find()
        .filter(position_history::Column::StartDate.lte(last_day))
        .all(txn)
        .await?
        .into_iter()
        .filter(|p| p.end_date.is_none_or(|end| end >= last_day))
        .fold(HashMap::new(), |mut by_official, p| {
            // Of two positions in force that day, the later one (the mutasi's).
            match by_official.get(&p.official_id) {
                Some(kept) if (kept.start_date, kept.created_at) >= (p.start_date, p.created_at) => {}
                _ => {
                    by_official.insert(p.official_id, p);
                }
            }
            by_official
        });
    let rows: Vec<quarter_member::ActiveModel> = official::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|o| {
            let (opd_id, ceiling, kind) = match positions.get(&o.id) {
                Some(p) => (p.opd_id, p.monthly_ceiling, p.position_kind.clone()),
                None => (o.opd_id, o.monthly_ceiling, o.position_kind.clone()),
            };
            quarter_member::ActiveModel {
                lock_id: Set(lock_id),
                official_id: Set(o.id),
                opd_id: Set(opd_id),
                monthly_ceiling: Set(ceiling),
                counted: Set(o.active && kind != PositionKind::HeadOfRegion.as_str()),
            }
        })
        .collect();
    for chunk in rows.chunks(500) {
        quarter_member::Entity::insert_many(chunk.to_vec()).exec(txn).await?;
    }
    Ok(())
}

/// The stored results of the quarter (one OPD's, by code, or all), by OPD, name and month.
pub async fn nominatif(
    db: &DatabaseConnection,
    year: i32,
    q: u32,
    opd_code: Option<&str>,
) -> Result<Vec<NominatifRow>, AppError> {
    let qt = quarter(q)?;
    let opds: HashMap<Uuid, opd::Model> =
        opd::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    let wanted = match opd_code {
        Some(code) => {
            Some(opds.values().find(|o| o.code.eq_ignore_ascii_case(code.trim())).map(|o| o.id).ok_or_else(
                || AppError::validation("opd", format!("Tidak ada perangkat daerah berkode {code}.")),
            )?)
        }
        None => None,
    };
    let officials: HashMap<Uuid, official::Model> =
        official::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    let results = tpp_result::Entity::find()
        .filter(tpp_result::Column::Year.eq(year))
        .filter(tpp_result::Column::Month.is_in(qt.months().iter().map(|m| *m as i16)))
        .order_by_asc(tpp_result::Column::Month)
        .all(db)
        .await?;
    let mut rows: Vec<NominatifRow> = results
        .into_iter()
        .filter_map(|r| {
            let o = officials.get(&r.official_id)?;
            if wanted.is_some_and(|w| w != o.opd_id) {
                return None;
            }
            Some(NominatifRow {
                official_id: o.id,
                name: o.name.clone(),
                nip: o.nip.clone().unwrap_or_default(),
                position_title: o.position_title.clone(),
                job_class: o.job_class,
                opd_code: opds.get(&o.opd_id).map(|d| d.code.clone()).unwrap_or_default(),
                month: r.month as u32,
                ceiling: r.monthly_ceiling,
                discipline_cut_percent: r.discipline_cut_percent,
                discipline: r.discipline,
                productivity_factor: r.productivity_factor,
                productivity: r.productivity,
                sanction_cut: r.sanction_cut,
                gross: r.gross,
            })
        })
        .collect();
    rows.sort_by(|a, b| (&a.opd_code, a.month, &a.name).cmp(&(&b.opd_code, b.month, &b.name)));
    Ok(rows)
}

/// The Daftar Nominatif TPP as CSV in its documented layout (comma-separated, UTF-8, decimal
/// point), with a totals line whose amounts are the sums of the rows. Amounts are whole Rupiah.
pub fn nominatif_csv(rows: &[NominatifRow]) -> String {
    nominatif_csv_in(rows, Dialect::Program)
}

/// The same list in either CSV layout ([`Dialect`]).
pub fn nominatif_csv_in(rows: &[NominatifRow], dialect: Dialect) -> String {
    const HEADER: [&str; 13] = [
        "Nama",
        "NIP",
        "Jabatan",
        "Kelas",
        "OPD",
        "Bulan",
        "Pagu",
        "Disiplin %",
        "Disiplin Rp",
        "Produktivitas %",
        "Produktivitas Rp",
        "Potongan hukuman disiplin",
        "TPP bruto",
    ];
    let mut out = dialect.start();
    out.push_str(&dialect.line(&HEADER.map(String::from)));
    let (mut d, mut p, mut s, mut g) = (0i64, 0i64, 0i64, 0i64);
    for r in rows {
        let discipline_pct =
            Decimal::ONE_HUNDRED - r.discipline_cut_percent.parse::<Decimal>().unwrap_or_default();
        out.push_str(&dialect.line(&[
            dialect.text(&r.name),
            dialect.nip(&r.nip),
            dialect.text(&r.position_title),
            dialect.number(r.job_class),
            dialect.text(&r.opd_code),
            dialect.number(r.month),
            dialect.number(r.ceiling),
            dialect.number(discipline_pct.normalize()),
            dialect.number(r.discipline),
            dialect.number(&r.productivity_factor),
            dialect.number(r.productivity),
            dialect.number(r.sanction_cut),
            dialect.number(r.gross),
        ]));
        d += r.discipline;
        p += r.productivity;
        s += r.sanction_cut;
        g += r.gross;
    }
    let blank = String::new;
    let mut total = vec!["JUMLAH".to_string()];
    total.extend(std::iter::repeat_with(blank).take(7));
    total.extend([dialect.number(d), blank(), dialect.number(p), dialect.number(s), dialect.number(g)]);
    out.push_str(&dialect.line(&total));
    out
}
