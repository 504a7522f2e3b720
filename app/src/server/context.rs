//! What a server function or page knows about the request it serves.
use super::AppState;
use crate::api::auth::SessionUser;
use crate::domain::Role;
use crate::error::AppError;
use http::header::{COOKIE, SET_COOKIE};
use http::{HeaderMap, HeaderValue};
use leptos::prelude::use_context;

pub const SESSION_COOKIE: &str = "pakta_session";
/// Absolute session lifetime.
pub const SESSION_HOURS: i64 = 12;

/// Put into request extensions by the session middleware.
#[derive(Debug, Clone, Default)]
pub struct CurrentUser(pub Option<SessionUser>);

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

fn request_parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

pub fn current_user() -> Option<SessionUser> {
    request_parts()?.extensions.get::<CurrentUser>()?.0.clone()
}

pub fn require_user() -> Result<SessionUser, AppError> {
    current_user().ok_or(AppError::Unauthenticated)
}

pub fn require_role(role: Role) -> Result<SessionUser, AppError> {
    let user = require_user()?;
    if user.role == role {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

pub fn session_token() -> Option<String> {
    token_from_headers(&request_parts()?.headers)
}

pub fn token_from_headers(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

pub fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

fn set_cookie_header(value: String) {
    if let (Some(resp), Ok(v)) =
        (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&value))
    {
        resp.append_header(SET_COOKIE, v);
    }
}

pub fn set_session_cookie(token: &str, state: &AppState) {
    set_cookie_header(session_cookie(token, SESSION_HOURS * 3600, state.secure_cookies));
}

pub fn clear_session_cookie(state: &AppState) {
    set_cookie_header(session_cookie("", 0, state.secure_cookies));
}
