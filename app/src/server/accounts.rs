//! Creating accounts (the `pakta user create` command) and setting passwords (the admin's reset
//! form and `pakta user passwd`).
use super::audit::{self, action};
use super::auth::hash_password;
use super::entities::{account, official, session};
use crate::domain::account::{validate_new_password, validate_username};
use crate::domain::{Nip, Role};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use uuid::Uuid;

pub struct NewAccount {
    pub role: Role,
    /// For admin and DPRD accounts; an official's account is named by their NIP.
    pub username: Option<String>,
    /// The official an `official` account belongs to.
    pub nip: Option<String>,
    pub password: String,
    /// Outside demo mode a new account must choose its own password at its first login: whoever
    /// typed this one (an operator) should not keep knowing it.
    pub must_change_password: bool,
}

/// Audited without an actor: only the command line creates accounts so far.
pub async fn create(db: &DatabaseConnection, new: NewAccount) -> Result<account::Model, AppError> {
    validate_new_password(&new.password)?;
    let txn = super::begin_write(db).await?;
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
        must_change_password: Set(new.must_change_password),
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
        "must_change": model.must_change_password,
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

/// The account with this login name.
pub async fn find_by_username(
    db: &impl ConnectionTrait,
    username: &str,
) -> Result<Option<account::Model>, AppError> {
    Ok(account::Entity::find().filter(account::Column::Username.eq(username.trim())).one(db).await?)
}

/// The account of the official with this NIP (spaces allowed). `None` for a malformed NIP too.
pub async fn find_by_nip(db: &impl ConnectionTrait, nip: &str) -> Result<Option<account::Model>, AppError> {
    let Ok(nip) = Nip::parse(nip) else {
        return Ok(None);
    };
    let Some(o) = official::Entity::find().filter(official::Column::Nip.eq(nip.as_str())).one(db).await?
    else {
        return Ok(None);
    };
    Ok(account::Entity::find().filter(account::Column::OfficialId.eq(o.id)).one(db).await?)
}

/// The account named by a username or by an official's NIP, as typed on the reset form.
pub async fn find_by_identifier(
    db: &impl ConnectionTrait,
    identifier: &str,
) -> Result<Option<account::Model>, AppError> {
    match find_by_username(db, identifier).await? {
        Some(a) => Ok(Some(a)),
        None => find_by_nip(db, identifier).await,
    }
}

/// Sets an account's password: validates and hashes it, stamps `password_changed_at`, clears
/// `is_demo` (its published demo password no longer works), ends every session of the account
/// and appends an audit entry (without the hash), all in one transaction. `db` may itself be a
/// transaction (the work then runs in a savepoint). `actor` is `None` for the command line.
/// `must_change`: the owner must choose another at their next login (an admin's reset outside
/// demo mode); `false` when the owner sets their own.
pub async fn set_password<C: TransactionTrait<Transaction = sea_orm::DatabaseTransaction>>(
    db: &C,
    account_id: Uuid,
    new_password: &str,
    must_change: bool,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<account::Model, AppError> {
    validate_new_password(new_password)?;
    let hash = hash_password(new_password)?;
    let txn = db.begin().await?;
    let existing = account::Entity::find_by_id(account_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let before = serde_json::json!({
        "username": existing.username,
        "is_demo": existing.is_demo,
        "password_changed_at": existing.password_changed_at,
    });
    let mut active: account::ActiveModel = existing.into();
    active.password_hash = Set(hash);
    active.password_changed_at = Set(now);
    active.is_demo = Set(false);
    active.must_change_password = Set(must_change);
    let model = active.update(&txn).await?;
    let ended = session::Entity::delete_many()
        .filter(session::Column::AccountId.eq(account_id))
        .exec(&txn)
        .await?
        .rows_affected;
    // Spelled out rather than serialised, so the password hash can never end up in the log.
    let after = serde_json::json!({
        "username": model.username,
        "is_demo": model.is_demo,
        "password_changed_at": model.password_changed_at,
        "must_change": model.must_change_password,
        "sessions_ended": ended,
    });
    let entry = audit::Entry {
        actor,
        action: action::SET_PASSWORD,
        entity: audit::entity::ACCOUNT,
        record_id: Some(model.id.to_string()),
        before: Some(before),
        after: Some(after),
    };
    audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(model)
}

/// Disables or enables an account (in `txn`, so a caller's change and this one commit together).
/// Disabling ends every session of the account at once. Audited as `actor`.
pub async fn set_account_active(
    txn: &sea_orm::DatabaseTransaction,
    account_id: Uuid,
    active: bool,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<account::Model, AppError> {
    let existing = account::Entity::find_by_id(account_id).one(txn).await?.ok_or(AppError::NotFound)?;
    let was = existing.active;
    let mut row: account::ActiveModel = existing.into();
    row.active = Set(active);
    let model = row.update(txn).await?;
    let ended = if active {
        0
    } else {
        session::Entity::delete_many()
            .filter(session::Column::AccountId.eq(account_id))
            .exec(txn)
            .await?
            .rows_affected
    };
    let entry = audit::Entry {
        actor,
        action: if active { action::ACTIVATE } else { action::DEACTIVATE },
        entity: audit::entity::ACCOUNT,
        record_id: Some(model.id.to_string()),
        before: Some(serde_json::json!({ "username": model.username, "active": was })),
        after: Some(
            serde_json::json!({ "username": model.username, "active": active, "sessions_ended": ended }),
        ),
    };
    audit::record(txn, entry, now).await?;
    Ok(model)
}

/// The admin's "disable/enable account": by username or NIP, never their own account (they
/// would lock themselves out). Returns the account's username.
pub async fn set_active_by_identifier(
    db: &DatabaseConnection,
    admin: Uuid,
    identifier: &str,
    active: bool,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let txn = super::begin_write(db).await?;
    let a = find_by_identifier(&txn, identifier).await?.ok_or_else(|| {
        AppError::validation("identifier", "Tidak ada akun dengan nama pengguna atau NIP itu.")
    })?;
    if a.id == admin && !active {
        return Err(AppError::validation("identifier", "Anda tidak dapat menonaktifkan akun Anda sendiri."));
    }
    let model = set_account_active(&txn, a.id, active, Some(admin), now).await?;
    txn.commit().await?;
    Ok(model.username)
}

/// The owner changes their own password, proving the current one first: a wrong one counts
/// towards the login throttle like a failed login (from `address`). Every session of the
/// account ends, this one too: the owner signs in again with the new password.
pub async fn change_own_password(
    db: &DatabaseConnection,
    account_id: Uuid,
    current: &str,
    new_password: &str,
    address: &super::throttle::ClientAddress,
    now: DateTime<Utc>,
) -> Result<account::Model, AppError> {
    use super::throttle::{self, Attempt};
    let a = account::Entity::find_by_id(account_id).one(db).await?.ok_or(AppError::NotFound)?;
    let attempt = Attempt::new(address, &a.username);
    if !throttle::verify_password(db, &attempt, a.password_hash.clone(), current.to_string(), now).await? {
        throttle::record_failure(db, &attempt, now).await?;
        return Err(AppError::validation("current_password", "Kata sandi sekarang salah."));
    }
    throttle::clear(db, &attempt).await?;
    validate_new_password(new_password)?;
    if new_password == current {
        return Err(AppError::validation("password", "Kata sandi baru harus berbeda dari yang sekarang."));
    }
    set_password(db, account_id, new_password, false, Some(account_id), now).await
}
