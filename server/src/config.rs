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
    /// `PAKTA_PUBLIC_URL`: the address printed pacts link to (`{url}/verifikasi/{code}`);
    /// default `http://{addr}`.
    pub public_url: String,
    /// `PAKTA_AUDIT_KEY_FILE`: the key of the audit chain, kept outside the database; made on
    /// first start when missing. Default: beside the SQLite file (`{file}.audit-key`), or
    /// `data/audit.key` for PostgreSQL.
    pub audit_key_file: std::path::PathBuf,
}

impl Settings {
    pub fn new(database_url: String, addr: SocketAddr) -> Settings {
        Settings {
            addr,
            site_root: std::env::var("PAKTA_SITE_ROOT").unwrap_or_else(|_| DEFAULT_SITE_ROOT.to_string()),
            secure_cookies: matches!(std::env::var("PAKTA_SECURE_COOKIES").as_deref(), Ok("1") | Ok("true")),
            public_url: std::env::var("PAKTA_PUBLIC_URL")
                .ok()
                .filter(|u| !u.trim().is_empty())
                .map(|u| u.trim().trim_end_matches('/').to_string())
                .unwrap_or_else(|| format!("http://{addr}")),
            audit_key_file: std::env::var_os("PAKTA_AUDIT_KEY_FILE")
                .filter(|p| !p.is_empty())
                .map(std::path::PathBuf::from)
                .unwrap_or_else(|| crate::audit_key::default_path(&database_url)),
            database_url,
        }
    }
}
