//! Passwords (argon2id), database sessions, logins and the session middleware.
use super::context::{self, CurrentUser};
use super::entities::{account, official, session};
use super::hash_gate::HashGate;
use super::throttle::{self, Attempt, ClientAddress};
use super::AppState;
use crate::api::auth::SessionUser;
use crate::domain::{Credentials, Role};
use crate::error::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// Failures allowed from one address for one identifier within the throttle's window.
pub use throttle::MAX_FAILURES;

pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

pub(super) fn verify_password_blocking(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// Verifies off the async executor (argon2 is deliberately slow), with at most a few checks at
/// once (`HashGate`: `Busy` when too many wait). Not throttled: password checks a client can
/// repeat go through `throttle::verify_password`.
pub async fn verify_password(hash: String, password: String) -> Result<bool, AppError> {
    HashGate::global().run(move || verify_password_blocking(&hash, &password)).await
}

/// A hash to verify against when the user does not exist, so timing does not reveal it.
fn dummy_hash() -> String {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("tidak-ada-pengguna-ini").unwrap_or_default()).clone()
}

fn token_id(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Finds the account for a username or an official's NIP.
async fn find_account(
    db: &impl ConnectionTrait,
    identifier: &str,
) -> Result<Option<account::Model>, AppError> {
    if let Some(a) = account::Entity::find().filter(account::Column::Username.eq(identifier)).one(db).await? {
        return Ok(Some(a));
    }
    let Some(o) = official::Entity::find().filter(official::Column::Nip.eq(identifier)).one(db).await? else {
        return Ok(None);
    };
    Ok(account::Entity::find().filter(account::Column::OfficialId.eq(o.id)).one(db).await?)
}

async fn session_user(db: &impl ConnectionTrait, a: &account::Model) -> Result<SessionUser, AppError> {
    let role = Role::parse(&a.role).map_err(|_| AppError::Internal)?;
    let display_name = match a.official_id {
        Some(id) => official::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| o.name)
            .unwrap_or_else(|| a.username.clone()),
        // The header shows the role beside the name, so the username alone is enough here.
        None => a.username.clone(),
    };
    Ok(SessionUser {
        account_id: a.id,
        username: a.username.clone(),
        role,
        official_id: a.official_id,
        display_name,
        must_change_password: a.must_change_password,
    })
}

/// Checks credentials from `address`, throttles repeated failures (`throttle`) and opens a
/// session. Returns the cookie token (only its hash is stored) and the user.
pub async fn login(
    db: &DatabaseConnection,
    credentials: &Credentials,
    address: &ClientAddress,
    now: DateTime<Utc>,
) -> Result<(String, SessionUser), AppError> {
    let account = find_account(db, &credentials.identifier).await?;
    // A login by NIP and by username count as one identifier: the account's.
    let attempt = Attempt::new(address, account.as_ref().map_or(&credentials.identifier, |a| &a.username));
    let hash = account.as_ref().map(|a| a.password_hash.clone()).unwrap_or_else(dummy_hash);
    let password_ok =
        throttle::verify_password(db, &attempt, hash, credentials.password.clone(), now).await?;
    let account = match account {
        Some(a) if password_ok && a.active => a,
        _ => {
            throttle::record_failure(db, &attempt, now).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    let token = new_token();
    let txn = super::begin_write(db).await?;
    throttle::clear(&txn, &attempt).await?;
    // Housekeeping: this account's expired sessions.
    session::Entity::delete_many()
        .filter(session::Column::AccountId.eq(account.id))
        .filter(session::Column::ExpiresAt.lt(now))
        .exec(&txn)
        .await?;
    session::ActiveModel {
        id: Set(token_id(&token)),
        account_id: Set(account.id),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(context::SESSION_HOURS)),
        last_seen_at: Set(Some(now)),
    }
    .insert(&txn)
    .await?;
    let user = session_user(&txn, &account).await?;
    txn.commit().await?;
    Ok((token, user))
}

pub async fn logout(db: &DatabaseConnection, token: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(token_id(token)).exec(db).await?;
    Ok(())
}

pub enum SessionLookup {
    Valid(SessionUser),
    /// A cookie was sent but names no live session (expired, logged out or forged).
    Ended,
}

pub async fn resolve_session(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<SessionLookup, AppError> {
    let Some(s) = session::Entity::find_by_id(token_id(token)).one(db).await? else {
        return Ok(SessionLookup::Ended);
    };
    let last_seen = s.last_seen_at.unwrap_or(s.created_at);
    if s.expires_at <= now || last_seen + Duration::minutes(context::IDLE_MINUTES) <= now {
        session::Entity::delete_by_id(s.id).exec(db).await?;
        return Ok(SessionLookup::Ended);
    }
    let Some(a) = account::Entity::find_by_id(s.account_id).one(db).await?.filter(|a| a.active) else {
        return Ok(SessionLookup::Ended);
    };
    // An official's login lives only as long as the official is active (deactivation also
    // disables the account; this holds even where the two were changed apart).
    if let Some(id) = a.official_id {
        if !official::Entity::find_by_id(id).one(db).await?.is_some_and(|o| o.active) {
            return Ok(SessionLookup::Ended);
        }
    }
    // Noted at most once a minute, so a busy session is not a write per request.
    if now - last_seen >= Duration::minutes(1) {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, sea_orm::sea_query::Expr::value(Some(now)))
            .filter(session::Column::Id.eq(s.id.clone()))
            .exec(db)
            .await?;
    }
    Ok(SessionLookup::Valid(session_user(db, &a).await?))
}

/// Pages anyone may open without logging in.
fn is_public_page(path: &str) -> bool {
    path == "/masuk" || path.starts_with("/verifikasi/")
}

/// The page where users change their own password.
pub const CHANGE_PASSWORD_PATH: &str = "/akun/sandi";
/// Where a user who must change their password is sent, with the reason shown.
pub const MUST_CHANGE_TARGET: &str = "/akun/sandi?wajib=1";

/// What a user who must change their password may still reach: that page and its server
/// function, logging out, the header's own calls, the language switch and public pages.
fn allowed_before_password_change(path: &str) -> bool {
    matches!(
        path,
        CHANGE_PASSWORD_PATH
            | "/keluar"
            | "/api/account/password"
            | "/api/logout"
            | "/api/me"
            | "/api/login_hints"
    ) || path == crate::i18n::SWITCH_PATH
        || is_public_page(path)
}

/// Resolves the session cookie into `CurrentUser` for every request, and sends anonymous
/// visitors of any page to `/masuk` (with a notice when their session has ended).
pub async fn session_middleware(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with("/pkg/") || path == "/favicon.ico" {
        return next.run(req).await;
    }
    let token = context::token_from_headers(req.headers(), state.secure_cookies);
    let mut ended = false;
    let user = match &token {
        Some(t) => match resolve_session(&state.db, t, Utc::now()).await {
            Ok(SessionLookup::Valid(u)) => Some(u),
            Ok(SessionLookup::Ended) => {
                ended = true;
                None
            }
            Err(_) => {
                return (
                    http::StatusCode::SERVICE_UNAVAILABLE,
                    "Layanan sedang tidak tersedia. Coba lagi sebentar.",
                )
                    .into_response()
            }
        },
        None => None,
    };
    let is_page = req.method() == http::Method::GET && !path.starts_with("/api/");
    if user.as_ref().is_some_and(|u| u.must_change_password) && !allowed_before_password_change(&path) {
        if is_page {
            return Redirect::to(MUST_CHANGE_TARGET).into_response();
        }
        let body =
            serde_json::to_string(&AppError::Conflict("Ganti kata sandi Anda terlebih dahulu.".into()))
                .unwrap_or_default();
        return (http::StatusCode::CONFLICT, [(http::header::CONTENT_TYPE, "application/json")], body)
            .into_response();
    }
    if is_page {
        match &user {
            None if !is_public_page(&path) => {
                let target = if ended { "/masuk?sesi=berakhir" } else { "/masuk" };
                let mut resp = Redirect::to(target).into_response();
                if ended {
                    clear_cookie(&mut resp, &state);
                }
                return resp;
            }
            Some(u) if path == "/" || path == "/masuk" => {
                let to = if u.must_change_password { MUST_CHANGE_TARGET } else { u.role.home_path() };
                return Redirect::to(to).into_response();
            }
            _ => {}
        }
    }
    req.extensions_mut().insert(CurrentUser(user));
    let mut resp = next.run(req).await;
    if ended {
        clear_cookie(&mut resp, &state);
    }
    resp
}

fn clear_cookie(resp: &mut Response, state: &AppState) {
    if let Ok(v) = http::HeaderValue::from_str(&context::session_cookie("", 0, state.secure_cookies)) {
        resp.headers_mut().append(http::header::SET_COOKIE, v);
    }
}
