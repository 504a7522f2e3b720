//! TPP policy versions: stored whole with an effective date; a calculation takes the version in
//! force for its period.
use super::audit::{self, action};
use super::entities::tpp_policy;
use crate::domain::policy::Policy;
use crate::error::AppError;
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyVersion {
    pub id: Uuid,
    pub version: i32,
    pub effective_from: NaiveDate,
    pub policy: Policy,
    pub note: Option<String>,
    pub created_at: chrono::DateTime<Utc>,
}

fn to_version(m: tpp_policy::Model) -> Result<PolicyVersion, AppError> {
    let value: serde_json::Value = serde_json::from_str(&m.body).map_err(|e| {
        tracing::error!(error = %e, version = m.version, "stored TPP policy is not JSON");
        AppError::Internal
    })?;
    let policy = Policy::from_json(&value, "policy").map_err(|e| {
        tracing::error!(error = %e, version = m.version, "stored TPP policy no longer valid");
        AppError::Internal
    })?;
    Ok(PolicyVersion {
        id: m.id,
        version: m.version,
        effective_from: m.effective_from,
        policy,
        note: m.note,
        created_at: m.created_at,
    })
}

/// Adds a version from a (possibly partial) policy object: overrides of the defaults, validated
/// by the engine; the complete policy is stored. Runs in its own transaction, nested (a
/// savepoint) when the caller passes one, so that the audit entry (actor `created_by`) commits
/// with the version; the unique keys on version and effective date guard against a concurrent
/// insert.
pub async fn add_version<C: TransactionTrait<Transaction = DatabaseTransaction>>(
    outer: &C,
    effective_from: NaiveDate,
    body: &serde_json::Value,
    note: Option<String>,
    created_by: Option<Uuid>,
) -> Result<PolicyVersion, AppError> {
    let policy = Policy::from_json(body, "policy")?;
    let txn = outer.begin().await?;
    let db = &txn;
    if tpp_policy::Entity::find()
        .filter(tpp_policy::Column::EffectiveFrom.eq(effective_from))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::validation(
            "effective_from",
            format!(
                "Sudah ada versi kebijakan TPP yang berlaku mulai {}.",
                crate::format::date_id(effective_from)
            ),
        ));
    }
    let last = tpp_policy::Entity::find().order_by_desc(tpp_policy::Column::Version).one(db).await?;
    let model = tpp_policy::ActiveModel {
        id: Set(Uuid::new_v4()),
        version: Set(last.map(|l| l.version + 1).unwrap_or(1)),
        effective_from: Set(effective_from),
        body: Set(policy.to_json().to_string()),
        note: Set(note),
        created_at: Set(Utc::now()),
        created_by: Set(created_by),
    }
    .insert(db)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(
            "Versi kebijakan TPP baru saja ditambahkan orang lain. Muat ulang lalu coba lagi.".into(),
        ),
        _ => AppError::from(e),
    })?;
    let entry = audit::Entry {
        actor: created_by,
        action: action::CREATE,
        entity: audit::entity::TPP_POLICY,
        record_id: Some(model.id.to_string()),
        before: None,
        after: Some(audit::row_json(&model)?),
    };
    audit::record(db, entry, model.created_at).await?;
    let version = to_version(model)?;
    txn.commit().await?;
    Ok(version)
}

/// From all versions newest first (as [`history`] gives them), the one in force on `date`.
pub fn version_on(history: &[PolicyVersion], date: NaiveDate) -> Option<&PolicyVersion> {
    history.iter().find(|v| v.effective_from <= date)
}

/// The version in force on `date`: the latest one effective on or before it.
pub async fn in_force(db: &impl ConnectionTrait, date: NaiveDate) -> Result<Option<PolicyVersion>, AppError> {
    tpp_policy::Entity::find()
        .filter(tpp_policy::Column::EffectiveFrom.lte(date))
        .order_by_desc(tpp_policy::Column::EffectiveFrom)
        .one(db)
        .await?
        .map(to_version)
        .transpose()
}

pub async fn history(db: &impl ConnectionTrait) -> Result<Vec<PolicyVersion>, AppError> {
    tpp_policy::Entity::find()
        .order_by_desc(tpp_policy::Column::EffectiveFrom)
        .all(db)
        .await?
        .into_iter()
        .map(to_version)
        .collect()
}
