//! Accounts for the HR admin: resetting a password. Admin only, checked first.
use crate::error::AppError;
use leptos::prelude::*;

/// Sets a new password for the account named by `identifier` (a username or an official's NIP)
/// and ends all of its sessions. Returns the account's username.
#[server(endpoint = "admin/accounts/reset_password")]
pub async fn reset_password(
    #[server(default)] identifier: String,
    #[server(default)] password: String,
    #[server(default)] password_confirm: String,
) -> Result<String, AppError> {
    use crate::domain::account::validate_new_password;
    use crate::domain::Role;
    use crate::server::{accounts, context};
    let admin = context::require_role(Role::Admin)?;
    let identifier = identifier.trim();
    if identifier.is_empty() {
        return Err(AppError::validation("identifier", "Nama pengguna atau NIP wajib diisi."));
    }
    validate_new_password(&password)?;
    if password != password_confirm {
        return Err(AppError::validation("password_confirm", "Kedua kata sandi tidak sama."));
    }
    let db = &context::app_state()?.db;
    let account = accounts::find_by_identifier(db, identifier).await?.ok_or_else(|| {
        AppError::validation("identifier", "Tidak ada akun dengan nama pengguna atau NIP itu.")
    })?;
    let updated =
        accounts::set_password(db, account.id, &password, Some(admin.account_id), chrono::Utc::now()).await?;
    Ok(updated.username)
}
