//! What a server function or page knows about the request it serves.
use super::AppState;
use crate::api::auth::SessionUser;
use crate::domain::Role;
use crate::error::AppError;
use http::header::{COOKIE, SET_COOKIE};
use http::{HeaderMap, HeaderValue};
use leptos::prelude::use_context;

pub const SESSION_COOKIE: &str = "pakta_session";
/// The session cookie's name over TLS: the `__Host-` prefix makes the browser refuse it unless it
/// is `Secure`, for this host only (no `Domain`) and for `/`, so a sibling subdomain or a plain
/// HTTP page cannot plant or shadow it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-pakta_session";
/// Absolute session lifetime.
pub const SESSION_HOURS: i64 = 12;
/// A session unused for this long ends (besides the absolute lifetime).
pub const IDLE_MINUTES: i64 = 60;

/// The session cookie's name: [`SECURE_SESSION_COOKIE`] when cookies are `Secure`.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

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
    let secure = use_context::<AppState>()?.secure_cookies;
    token_from_headers(&request_parts()?.headers, secure)
}

/// The value of the request's cookie `name` (the first, across all `Cookie:` headers).
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_string())
}

/// The session token from the request's cookies: only the cookie of the name `secure` gives.
pub fn token_from_headers(headers: &HeaderMap, secure: bool) -> Option<String> {
    cookie(headers, cookie_name(secure)).filter(|v| !v.is_empty() && v.len() <= 128)
}

pub fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> String {
    let name = cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secure_session_cookie_is_host_only() {
        let c = session_cookie("abc", 60, true);
        assert!(c.starts_with("__Host-pakta_session=abc; Path=/;") && c.contains("; Secure"), "{c}");
        assert!(!c.contains("Domain"), "{c}");
        assert!(session_cookie("abc", 60, false).starts_with("pakta_session=abc;"));
        // Only the cookie of the configured name is read: a plain one cannot stand in for it.
        let mut h = HeaderMap::new();
        h.insert(COOKIE, HeaderValue::from_static("pakta_session=planted; __Host-pakta_session=real"));
        assert_eq!(token_from_headers(&h, true).as_deref(), Some("real"));
        assert_eq!(token_from_headers(&h, false).as_deref(), Some("planted"));
    }
}
