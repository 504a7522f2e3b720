//! The officials registry (admin): search, create, edit, deactivate.
use super::audit::{self, action};
use super::entities::{account, official, opd, position_history};
use super::official_input::{nip_taken, validate, ValidOfficial};
use crate::api::officials::{
    OfficialDetail, OfficialFilter, OfficialInput, OfficialPage, OfficialRow, OpdOption, SupervisorOption,
    PER_PAGE,
};
use crate::domain::PositionKind;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbErr, EntityTrait, JoinType, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
    SqlErr,
};
use std::collections::HashMap;
use uuid::Uuid;

/// Appointment: the reason on an official's first position_history row.
pub const REASON_APPOINTMENT: &str = "pengangkatan";

pub(super) const STALE: &str = "Data pejabat ini telah diubah oleh pengguna lain sejak Anda membukanya. \
                     Muat ulang halaman untuk melihat data terbaru, lalu ulangi perubahan Anda.";

/// `%`, `_` and `\` typed by the user match themselves.
fn like_pattern(q: &str) -> String {
    let mut out = String::from("%");
    for c in q.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Case-insensitive `col LIKE pattern` that behaves the same on SQLite and PostgreSQL.
fn contains(col: official::Column, q: &str) -> sea_orm::sea_query::SimpleExpr {
    Expr::expr(Func::lower(Expr::col((official::Entity, col))))
        .like(LikeExpr::new(like_pattern(&q.to_lowercase())).escape('\\'))
}

fn filtered(filter: &OfficialFilter) -> Select<official::Entity> {
    let mut query = official::Entity::find();
    let q = filter.q.trim();
    if !q.is_empty() {
        let mut any = Condition::any()
            .add(contains(official::Column::Name, q))
            .add(contains(official::Column::PositionTitle, q));
        // A NIP is often typed in its printed, spaced form.
        let digits: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            any = any.add(official::Column::Nip.like(like_pattern(&digits)));
        }
        query = query.filter(any);
    }
    if let Ok(opd_id) = Uuid::parse_str(filter.opd.trim()) {
        query = query.filter(official::Column::OpdId.eq(opd_id));
    }
    if let Some(kind) = PositionKind::parse(filter.jenis.trim()) {
        query = query.filter(official::Column::PositionKind.eq(kind.as_str()));
    }
    match filter.status.trim() {
        "semua" => {}
        "nonaktif" => query = query.filter(official::Column::Active.eq(false)),
        _ => query = query.filter(official::Column::Active.eq(true)),
    }
    let sort = filter.sort.trim();
    let (key, order) = match sort.strip_prefix('-') {
        Some(k) => (k, Order::Desc),
        None => (sort, Order::Asc),
    };
    query = match key {
        "nip" => query.order_by(official::Column::Nip, order),
        "kelas" => query.order_by(official::Column::JobClass, order),
        "opd" => query
            .join(
                JoinType::InnerJoin,
                official::Entity::belongs_to(opd::Entity)
                    .from(official::Column::OpdId)
                    .to(opd::Column::Id)
                    .into(),
            )
            .order_by(opd::Column::Name, order),
        _ => query.order_by(official::Column::Name, order),
    };
    // A total order, so pages neither repeat nor skip rows.
    query.order_by_asc(official::Column::Name).order_by_asc(official::Column::Id)
}

pub async fn list(db: &DatabaseConnection, filter: &OfficialFilter) -> Result<OfficialPage, AppError> {
    let paginator = filtered(filter).paginate(db, PER_PAGE);
    let total = paginator.num_items().await?;
    let pages = std::cmp::max(total.div_ceil(PER_PAGE), 1);
    let page = filter.page.clamp(1, pages);
    let models = paginator.fetch_page(page - 1).await?;
    let opd_names: HashMap<Uuid, String> =
        opd::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let rows = models
        .into_iter()
        .map(|o| OfficialRow {
            opd_name: opd_names.get(&o.opd_id).cloned().unwrap_or_default(),
            id: o.id,
            nip: o.nip,
            name: o.name,
            position_title: o.position_title,
            position_kind: o.position_kind,
            job_class: o.job_class,
            monthly_ceiling: o.monthly_ceiling,
            active: o.active,
        })
        .collect();
    Ok(OfficialPage { rows, total, page, pages })
}

pub async fn get(db: &DatabaseConnection, id: Uuid) -> Result<OfficialDetail, AppError> {
    let o = official::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(OfficialDetail {
        id: o.id,
        nip: o.nip,
        name: o.name,
        rank: o.rank,
        grade: o.grade,
        position_title: o.position_title,
        position_kind: o.position_kind,
        job_class: o.job_class,
        opd_id: o.opd_id,
        supervisor_id: o.supervisor_id,
        position_start: o.position_start,
        monthly_ceiling: o.monthly_ceiling,
        active: o.active,
        row_version: o.row_version,
    })
}

fn fields(v: &ValidOfficial) -> official::ActiveModel {
    official::ActiveModel {
        nip: Set(v.nip.as_ref().map(|n| n.as_str().to_string())),
        name: Set(v.name.clone()),
        rank: Set(v.rank.clone()),
        grade: Set(v.grade.clone()),
        position_title: Set(v.position_title.clone()),
        position_kind: Set(v.position_kind.as_str().to_string()),
        job_class: Set(v.job_class),
        opd_id: Set(v.opd_id),
        supervisor_id: Set(v.supervisor_id),
        position_start: Set(v.position_start),
        monthly_ceiling: Set(v.monthly_ceiling),
        ..Default::default()
    }
}

/// A unique violation on save can only be the NIP (checked before, but another admin may have
/// saved the same NIP in between).
fn unique_nip(e: DbErr, v: &ValidOfficial) -> AppError {
    match (e.sql_err(), &v.nip) {
        (Some(SqlErr::UniqueConstraintViolation(_)), Some(nip)) => nip_taken(nip, None),
        _ => e.into(),
    }
}

/// Creates (empty `input.id`) or updates an official in one transaction, audited as `actor`;
/// returns the id.
pub async fn save(
    db: &DatabaseConnection,
    input: &OfficialInput,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let id = match input.id.trim() {
        "" => None,
        s => Some(Uuid::parse_str(s).map_err(|_| AppError::NotFound)?),
    };
    let txn = super::begin_write(db).await?;
    let v = validate(&txn, input, id).await?;
    let id = match id {
        None => {
            let id = create(&txn, &v, now).await?;
            audit_change(&txn, actor, action::CREATE, None, id, now).await?;
            id
        }
        Some(id) => {
            let row_version =
                input.row_version.trim().parse::<i32>().map_err(|_| AppError::Conflict(STALE.into()))?;
            let before = official::Entity::find_by_id(id).one(&txn).await?;
            update(&txn, id, row_version, &v).await?;
            audit_change(&txn, actor, action::UPDATE, before, id, now).await?;
            id
        }
    };
    txn.commit().await?;
    Ok(id)
}

pub(super) async fn create<C: ConnectionTrait>(
    db: &C,
    v: &ValidOfficial,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let id = Uuid::new_v4();
    let model = official::ActiveModel {
        id: Set(id),
        active: Set(true),
        created_at: Set(now),
        row_version: Set(1),
        ..fields(v)
    };
    official::Entity::insert(model).exec(db).await.map_err(|e| unique_nip(e, v))?;
    position_history::Entity::insert(position_row(
        Uuid::new_v4(),
        id,
        v,
        REASON_APPOINTMENT.to_string(),
        now,
    ))
    .exec(db)
    .await?;
    Ok(id)
}

/// An open position_history row for the position `v` describes (used on appointment and mutasi).
pub(super) fn position_row(
    id: Uuid,
    official_id: Uuid,
    v: &ValidOfficial,
    reason: String,
    now: DateTime<Utc>,
) -> position_history::ActiveModel {
    position_history::ActiveModel {
        id: Set(id),
        official_id: Set(official_id),
        opd_id: Set(v.opd_id),
        position_title: Set(v.position_title.clone()),
        position_kind: Set(v.position_kind.as_str().to_string()),
        job_class: Set(v.job_class),
        supervisor_id: Set(v.supervisor_id),
        monthly_ceiling: Set(v.monthly_ceiling),
        start_date: Set(v.position_start),
        end_date: Set(None),
        reason: Set(reason),
        created_at: Set(now),
    }
}

/// Records a change to official `id` in the audit log: `before` as read before the write, the
/// row as it is now after it.
pub(super) async fn audit_change(
    txn: &DatabaseTransaction,
    actor: Option<Uuid>,
    action: &str,
    before: Option<official::Model>,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let after = official::Entity::find_by_id(id).one(txn).await?;
    let entry = audit::Entry {
        actor,
        action,
        entity: audit::entity::OFFICIAL,
        record_id: Some(id.to_string()),
        before: before.as_ref().map(audit::row_json).transpose()?,
        after: after.as_ref().map(audit::row_json).transpose()?,
    };
    audit::record(txn, entry, now).await?;
    Ok(())
}

/// `UPDATE ... WHERE id = ? AND row_version = ?`: a stale form changes nothing.
pub(super) async fn update<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    row_version: i32,
    v: &ValidOfficial,
) -> Result<(), AppError> {
    let changes = official::ActiveModel { row_version: Set(row_version + 1), ..fields(v) };
    let res = official::Entity::update_many()
        .set(changes)
        .filter(official::Column::Id.eq(id))
        .filter(official::Column::RowVersion.eq(row_version))
        .exec(db)
        .await
        .map_err(|e| unique_nip(e, v))?;
    stale_or_missing(db, id, res.rows_affected).await
}

async fn stale_or_missing<C: ConnectionTrait>(db: &C, id: Uuid, rows_affected: u64) -> Result<(), AppError> {
    if rows_affected > 0 {
        return Ok(());
    }
    match official::Entity::find_by_id(id).one(db).await? {
        Some(_) => Err(AppError::Conflict(STALE.into())),
        None => Err(AppError::NotFound),
    }
}

/// Deactivates or reactivates. Someone who is still atasan langsung of active officials cannot
/// be deactivated: their reports would be left without a pihak kedua. Audited as `actor`.
pub async fn set_active(
    db: &DatabaseConnection,
    id: Uuid,
    row_version: i32,
    active: bool,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = super::begin_write(db).await?;
    let before = official::Entity::find_by_id(id).one(&txn).await?;
    if !active {
        let reports = official::Entity::find()
            .filter(official::Column::SupervisorId.eq(id))
            .filter(official::Column::Active.eq(true))
            .count(&txn)
            .await?;
        if reports > 0 {
            return Err(AppError::Conflict(format!(
                "Pejabat ini masih menjadi atasan langsung {reports} pejabat aktif. \
                 Ganti atasan langsung mereka terlebih dahulu."
            )));
        }
    }
    let changes = official::ActiveModel {
        active: Set(active),
        row_version: Set(row_version + 1),
        ..Default::default()
    };
    let res = official::Entity::update_many()
        .set(changes)
        .filter(official::Column::Id.eq(id))
        .filter(official::Column::RowVersion.eq(row_version))
        .exec(&txn)
        .await?;
    stale_or_missing(&txn, id, res.rows_affected).await?;
    // The official's login follows: a deactivated official can no longer sign in, and whoever
    // is signed in as them is signed out, in this same transaction.
    if let Some(a) = account::Entity::find().filter(account::Column::OfficialId.eq(id)).one(&txn).await? {
        super::accounts::set_account_active(&txn, a.id, active, actor, now).await?;
    }
    let act = if active { action::ACTIVATE } else { action::DEACTIVATE };
    audit_change(&txn, actor, act, before, id, now).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn supervisor_options(db: &DatabaseConnection) -> Result<Vec<SupervisorOption>, AppError> {
    Ok(official::Entity::find()
        .filter(official::Column::Active.eq(true))
        .order_by_asc(official::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| SupervisorOption { id: o.id, name: o.name, position_title: o.position_title })
        .collect())
}

pub async fn opd_options(db: &DatabaseConnection) -> Result<Vec<OpdOption>, AppError> {
    Ok(opd::Entity::find()
        .order_by_asc(opd::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| OpdOption { id: o.id, code: o.code, name: o.name })
        .collect())
}
