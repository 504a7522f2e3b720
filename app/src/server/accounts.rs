//! Creating accounts (the `pakta user create` command; admin screens come later).
use super::audit::{self, action};
use super::auth::hash_password;
use super::entities::{account, official};
use crate::domain::account::{validate_new_password, validate_username};
use crate::domain::{Nip, Role};
use crate::error::AppError;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use uuid::Uuid;

pub struct NewAccount {
    pub role: Role,
    /// For admin and DPRD accounts; an official's account is named by their NIP.
    pub username: Option<String>,
    /// The official an `official` account belongs to.
    pub nip: Option<String>,
    pub password: String,
}

/// Audited without an actor: only the command line creates accounts so far.
pub async fn create(db: &DatabaseConnection, new: NewAccount) -> Result<account::Model, AppError> {
    validate_new_password(&new.password)?;
    let txn = db.begin().await?;
    let (username, official_id) = match new.role {
        Role::Official => {
            let nip = Nip::parse(new.nip.as_deref().unwrap_or(""))?;
            let o = official::Entity::find()
                .filter(official::Column::Nip.eq(nip.as_str()))
                .one(&txn)
                .await?
                .ok_or_else(|| AppError::validation("nip", format!("Tidak ada pejabat dengan NIP {nip}.")))?;
            (nip.as_str().to_string(), Some(o.id))
        }
        Role::Admin | Role::Dprd => {
            let username = new
                .username
                .as_deref()
                .ok_or_else(|| AppError::validation("username", "Nama pengguna wajib diisi."))?;
            (validate_username(username)?, None)
        }
    };
    let taken =
        account::Entity::find().filter(account::Column::Username.eq(&username)).one(&txn).await?.is_some();
    let linked = match official_id {
        Some(id) => {
            account::Entity::find().filter(account::Column::OfficialId.eq(id)).one(&txn).await?.is_some()
        }
        None => false,
    };
    if taken || linked {
        return Err(AppError::Conflict(format!("Akun {username} sudah ada.")));
    }
    let now = Utc::now();
    let model = account::ActiveModel {
        id: Set(Uuid::new_v4()),
        username: Set(username),
        password_hash: Set(hash_password(&new.password)?),
        role: Set(new.role.as_str().to_string()),
        official_id: Set(official_id),
        active: Set(true),
        is_demo: Set(false),
        created_at: Set(now),
        password_changed_at: Set(now),
    }
    .insert(&txn)
    .await?;
    // Spelled out rather than serialised, so the password hash can never end up in the log.
    let after = serde_json::json!({
        "id": model.id,
        "username": model.username,
        "role": model.role,
        "official_id": model.official_id,
        "active": model.active,
        "is_demo": model.is_demo,
        "created_at": model.created_at,
    });
    let entry = audit::Entry {
        actor: None,
        action: action::CREATE,
        entity: audit::entity::ACCOUNT,
        record_id: Some(model.id.to_string()),
        before: None,
        after: Some(after),
    };
    audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(model)
}
