//! Settings, parsed once at start-up from flags and environment.
use std::net::SocketAddr;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/pakta.db?mode=rwc";
pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";
pub const DEFAULT_SITE_ROOT: &str = "target/site";

#[derive(Debug, Clone)]
pub struct Settings {
    /// `PAKTA_DATABASE_URL`: SQLite (embedded default) or PostgreSQL.
    pub database_url: String,
    /// `PAKTA_ADDR`.
    pub addr: SocketAddr,
    /// `PAKTA_SITE_ROOT`: where the built browser bundle and CSS are (`pkg/` inside).
    pub site_root: String,
    /// `PAKTA_SECURE_COOKIES=1` behind TLS.
    pub secure_cookies: bool,
    /// `PAKTA_TRUSTED_PROXY=1` behind a reverse proxy that writes `X-Forwarded-For`: the login
    /// throttle then counts the address the proxy forwards instead of the proxy's own.
    pub trusted_proxy: bool,
    /// `PAKTA_PUBLIC_URL`: the address printed pacts link to (`{url}/verifikasi/{code}`);
    /// default `http://{addr}`.
    pub public_url: String,
}

impl Settings {
    pub fn new(database_url: String, addr: SocketAddr) -> Settings {
        Settings {
            database_url,
            addr,
            site_root: std::env::var("PAKTA_SITE_ROOT").unwrap_or_else(|_| DEFAULT_SITE_ROOT.to_string()),
            secure_cookies: matches!(std::env::var("PAKTA_SECURE_COOKIES").as_deref(), Ok("1") | Ok("true")),
            trusted_proxy: matches!(std::env::var("PAKTA_TRUSTED_PROXY").as_deref(), Ok("1") | Ok("true")),
            public_url: std::env::var("PAKTA_PUBLIC_URL")
                .ok()
                .filter(|u| !u.trim().is_empty())
                .map(|u| u.trim().trim_end_matches('/').to_string())
                .unwrap_or_else(|| format!("http://{addr}")),
        }
    }
}
