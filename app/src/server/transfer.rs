//! Mutasi (transfer/rotation) and riwayat jabatan (position history).
use super::audit::action;
use super::entities::{official, opd, position_history};
use super::official_input::{text, validate, ValidOfficial};
use super::officials::{audit_change, position_row, update, REASON_APPOINTMENT, STALE};
use crate::api::officials::{OfficialInput, PositionRow, TransferInput};
use crate::error::AppError;
use crate::format::date_id;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The reason on a position_history row opened by a mutasi; a note follows after " — ".
pub const REASON_TRANSFER: &str = "mutasi";

/// What the pact work needs to know about a mutasi that has just been recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferEvent {
    pub official_id: Uuid,
    /// TMT of the new position; the previous one ended the day before.
    pub tmt: NaiveDate,
    /// The position_history row that was closed.
    pub closed_position: Uuid,
    pub new_position: Uuid,
}

/// Pact consequences of a mutasi, inside the mutasi's transaction (domain.md sections 1 and 2):
/// the pact in force ends the day before the TMT and a draft revision opens for the new position.
pub async fn on_transfer(
    txn: &DatabaseTransaction,
    event: &TransferEvent,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::pacts::end_for_transfer(txn, event.official_id, event.tmt, actor, now).await
}

/// The mutasi form's fields as the official form's, so that the same validation applies; the
/// identity fields come from the stored official. `position_start` carries the TMT.
fn as_official_input(o: &official::Model, input: &TransferInput) -> OfficialInput {
    OfficialInput {
        id: o.id.to_string(),
        row_version: input.row_version.clone(),
        nip: o.nip.clone().unwrap_or_default(),
        name: o.name.clone(),
        rank: o.rank.clone().unwrap_or_default(),
        grade: o.grade.clone().unwrap_or_default(),
        position_title: input.position_title.clone(),
        position_kind: input.position_kind.clone(),
        job_class: input.job_class.clone(),
        opd_id: input.opd_id.clone(),
        supervisor_id: input.supervisor_id.clone(),
        position_start: input.tmt.clone(),
        monthly_ceiling: input.monthly_ceiling.clone(),
    }
}

/// Errors about the official form's TMT belong to the mutasi form's `tmt` field.
fn tmt_field(e: AppError) -> AppError {
    match e {
        AppError::Validation { field, message } if field == "position_start" => {
            AppError::validation("tmt", message.replace("TMT jabatan", "TMT mutasi"))
        }
        other => other,
    }
}

/// Records a mutasi in one transaction: closes the current position on TMT − 1 day, opens the
/// new one, updates the official (guarded by `row_version`) and runs `on_transfer`. Returns the
/// official's id. Audited as `actor`, with the official's row before and after.
pub async fn transfer(
    db: &DatabaseConnection,
    input: &TransferInput,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let id = Uuid::parse_str(input.id.trim()).map_err(|_| AppError::NotFound)?;
    let row_version =
        input.row_version.trim().parse::<i32>().map_err(|_| AppError::Conflict(STALE.into()))?;
    let txn = super::begin_write(db).await?;
    let o = official::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if !o.active {
        return Err(AppError::Conflict(
            "Pejabat nonaktif tidak dapat dimutasi; aktifkan kembali dahulu.".into(),
        ));
    }
    let v = validate(&txn, &as_official_input(&o, input), Some(id)).await.map_err(tmt_field)?;
    let note = text("note", "Catatan", &input.note, false)?;
    let current = position_history::Entity::find()
        .filter(position_history::Column::OfficialId.eq(id))
        .filter(position_history::Column::EndDate.is_null())
        .order_by_desc(position_history::Column::StartDate)
        .one(&txn)
        .await?;
    let current_start = current.as_ref().map(|c| c.start_date).unwrap_or(o.position_start);
    if v.position_start <= current_start {
        return Err(AppError::validation(
            "tmt",
            format!("TMT mutasi harus sesudah TMT jabatan sekarang ({}).", date_id(current_start)),
        ));
    }
    // The official first: a stale form stops here, before any history is written.
    update(&txn, id, row_version, &v).await?;
    let end = v.position_start.pred_opt();
    let closed_position = match &current {
        Some(c) => {
            position_history::Entity::update_many()
                .set(position_history::ActiveModel { end_date: Set(end), ..Default::default() })
                .filter(position_history::Column::Id.eq(c.id))
                .exec(&txn)
                .await?;
            c.id
        }
        // Officials registered before the history existed (or seeded) have no open row: record
        // the position they leave, so that the riwayat is complete.
        None => {
            let row = position_history::ActiveModel { end_date: Set(end), ..current_position(&o, now) };
            position_history::Entity::insert(row).exec(&txn).await?.last_insert_id
        }
    };
    let new_position = Uuid::new_v4();
    position_history::Entity::insert(new_row(new_position, id, &v, note.as_deref(), now)).exec(&txn).await?;
    let event = TransferEvent { official_id: id, tmt: v.position_start, closed_position, new_position };
    on_transfer(&txn, &event, actor, now).await?;
    audit_change(&txn, actor, action::TRANSFER, Some(o), id, now).await?;
    txn.commit().await?;
    Ok(id)
}

/// The official's position as stored on the official, as an open history row.
fn current_position(o: &official::Model, now: DateTime<Utc>) -> position_history::ActiveModel {
    position_history::ActiveModel {
        id: Set(Uuid::new_v4()),
        official_id: Set(o.id),
        opd_id: Set(o.opd_id),
        position_title: Set(o.position_title.clone()),
        position_kind: Set(o.position_kind.clone()),
        job_class: Set(o.job_class),
        supervisor_id: Set(o.supervisor_id),
        monthly_ceiling: Set(o.monthly_ceiling),
        start_date: Set(o.position_start),
        end_date: Set(None),
        reason: Set(REASON_APPOINTMENT.to_string()),
        created_at: Set(now),
    }
}

/// The new position's history row; the reason carries the admin's note.
fn new_row(
    id: Uuid,
    official_id: Uuid,
    v: &ValidOfficial,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> position_history::ActiveModel {
    let reason = match note {
        Some(n) => format!("{REASON_TRANSFER} — {n}"),
        None => REASON_TRANSFER.to_string(),
    };
    position_row(id, official_id, v, reason, now)
}

/// Riwayat jabatan of one official, newest first.
pub async fn history(db: &DatabaseConnection, id: Uuid) -> Result<Vec<PositionRow>, AppError> {
    official::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let rows = position_history::Entity::find()
        .filter(position_history::Column::OfficialId.eq(id))
        .order_by_desc(position_history::Column::StartDate)
        .order_by_desc(position_history::Column::CreatedAt)
        .all(db)
        .await?;
    let opd_names: HashMap<Uuid, String> =
        opd::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let supervisor_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.supervisor_id).collect();
    let supervisors: HashMap<Uuid, String> = official::Entity::find()
        .filter(official::Column::Id.is_in(supervisor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| PositionRow {
            opd_name: opd_names.get(&r.opd_id).cloned().unwrap_or_default(),
            supervisor_name: r.supervisor_id.and_then(|s| supervisors.get(&s).cloned()),
            id: r.id,
            position_title: r.position_title,
            position_kind: r.position_kind,
            job_class: r.job_class,
            monthly_ceiling: r.monthly_ceiling,
            start_date: r.start_date,
            end_date: r.end_date,
            reason: r.reason,
        })
        .collect())
}
