use crate::domain::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Who is logged in, as the pages need to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub account_id: Uuid,
    pub username: String,
    pub role: Role,
    pub official_id: Option<Uuid>,
    pub display_name: String,
    /// The account's password was set by someone else (outside demo mode): nothing but changing
    /// it is allowed until it is changed.
    #[serde(default)]
    pub must_change_password: bool,
}

/// Demo accounts, shown on the login page only while the database holds demo data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoHints {
    pub password: String,
    pub accounts: Vec<DemoAccount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAccount {
    pub username: String,
    pub description: String,
}

/// Log in with a username or NIP and a password. Form fields: `username`, `password`.
#[server(endpoint = "login")]
pub async fn login(
    #[server(default)] username: String,
    #[server(default)] password: String,
) -> Result<(), AppError> {
    use crate::domain::Credentials;
    use crate::server::throttle::ClientAddress;
    use crate::server::{auth, context};
    let state = context::app_state()?;
    let credentials = Credentials::parse(&username, &password)?;
    let address = ClientAddress::of_request();
    let (token, user) = auth::login(&state.db, &credentials, &address, chrono::Utc::now()).await?;
    context::set_session_cookie(&token, &state);
    let home = if user.must_change_password { "/akun/sandi?wajib=1" } else { user.role.home_path() };
    leptos_axum::redirect(home);
    Ok(())
}

/// End the session (POST only: no state changes on GET).
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::{auth, context};
    let state = context::app_state()?;
    if let Some(token) = context::session_token() {
        auth::logout(&state.db, &token).await?;
    }
    context::clear_session_cookie(&state);
    leptos_axum::redirect("/masuk");
    Ok(())
}

/// The logged-in user, or `None` for an anonymous visitor.
#[server(endpoint = "me")]
pub async fn me() -> Result<Option<SessionUser>, AppError> {
    Ok(crate::server::context::current_user())
}

#[server(endpoint = "login_hints")]
pub async fn login_hints() -> Result<Option<DemoHints>, AppError> {
    let state = crate::server::context::app_state()?;
    // The published password is told only in demo mode (never on a production server).
    if !state.demo {
        return Ok(None);
    }
    crate::server::demo::hints(&state.db).await
}
