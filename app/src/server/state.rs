use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;

/// Shared by every request: provided to server functions and pages as context.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// Where reads of pay and of the DPRD figures are recorded (committed in groups).
    pub read_log: super::audit::ReadLog,
    /// Mark the session cookie `Secure` (set when served behind TLS).
    pub secure_cookies: bool,
    /// Take the client's address from `X-Forwarded-For` (set when served behind a reverse
    /// proxy that writes it): the login throttle counts failures per address.
    pub trusted_proxy: bool,
    /// Base of the verification links printed on pacts (`{public_url}/verifikasi/{code}`).
    pub public_url: String,
    /// `PAKTA_DEMO=1`: the published demo accounts are allowed (and announced on every page);
    /// otherwise the server refuses a database holding them and new passwords must be changed.
    pub demo: bool,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
