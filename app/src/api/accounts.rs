//! Accounts: the HR admin resets a password and disables or enables an account (admin only,
//! checked first); every user changes their own password.
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
    // Outside demo mode the owner must choose their own at the next login.
    let must_change = !context::app_state()?.demo;
    let updated = accounts::set_password(
        db,
        account.id,
        &password,
        must_change,
        Some(admin.account_id),
        chrono::Utc::now(),
    )
    .await?;
    Ok(updated.username)
}

/// Disables (ending all of its sessions) or enables the account named by `identifier` (a
/// username or an official's NIP). Disabling must be confirmed (`confirm`). Returns the username.
#[server(endpoint = "admin/accounts/set_active")]
pub async fn set_account_active(
    #[server(default)] identifier: String,
    #[server(default)] active: bool,
    #[server(default)] confirm: bool,
) -> Result<String, AppError> {
    use crate::domain::Role;
    use crate::server::{accounts, context};
    let admin = context::require_role(Role::Admin)?;
    let identifier = identifier.trim();
    if identifier.is_empty() {
        return Err(AppError::validation("identifier", "Nama pengguna atau NIP wajib diisi."));
    }
    if !active && !confirm {
        return Err(AppError::validation(
            "confirm",
            "Centang konfirmasi: menonaktifkan akun langsung mengakhiri semua sesinya.",
        ));
    }
    let db = &context::app_state()?.db;
    accounts::set_active_by_identifier(db, admin.account_id, identifier, active, chrono::Utc::now()).await
}

/// The logged-in user changes their own password (asking for the current one); every session
/// of the account ends and the page goes to the login form.
#[server(endpoint = "account/password")]
pub async fn change_password(
    #[server(default)] current_password: String,
    #[server(default)] password: String,
    #[server(default)] password_confirm: String,
) -> Result<(), AppError> {
    use crate::server::{accounts, context};
    let user = context::current_user().ok_or(AppError::Unauthenticated)?;
    if current_password.is_empty() {
        return Err(AppError::validation("current_password", "Kata sandi sekarang wajib diisi."));
    }
    crate::domain::account::validate_new_password(&password)?;
    if password != password_confirm {
        return Err(AppError::validation("password_confirm", "Kedua kata sandi tidak sama."));
    }
    let state = context::app_state()?;
    let address = crate::server::throttle::ClientAddress::of_request();
    let now = chrono::Utc::now();
    accounts::change_own_password(&state.db, user.account_id, &current_password, &password, &address, now)
        .await?;
    context::clear_session_cookie(&state);
    leptos_axum::redirect("/masuk?sandi=diganti");
    Ok(())
}
