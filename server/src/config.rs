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
    /// `PAKTA_DEMO=1`: demo mode (the demo city may be seeded and served, every page says so).
    pub demo: bool,
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
            secure_cookies: false,
            trusted_proxy: matches!(std::env::var("PAKTA_TRUSTED_PROXY").as_deref(), Ok("1") | Ok("true")),
            public_url: std::env::var("PAKTA_PUBLIC_URL")
                .ok()
                .filter(|u| !u.trim().is_empty())
                .map(|u| u.trim().trim_end_matches('/').to_string())
                .unwrap_or_else(|| format!("http://{addr}")),
            demo: demo_from_env(),
            audit_key_file: std::env::var_os("PAKTA_AUDIT_KEY_FILE")
                .filter(|p| !p.is_empty())
                .map(std::path::PathBuf::from)
                .unwrap_or_else(|| crate::audit_key::default_path(&database_url)),
            database_url,
        }
        .with_secure_cookies(std::env::var("PAKTA_SECURE_COOKIES").ok().as_deref())
    }
}

impl Settings {
    /// `Secure` (and `__Host-`) session cookies: as `PAKTA_SECURE_COOKIES` says (`1`/`true` or
    /// `0`/`false`), and by default whenever the public address is https.
    pub fn with_secure_cookies(mut self, setting: Option<&str>) -> Settings {
        self.secure_cookies = match setting.map(str::trim) {
            Some("1") | Some("true") => true,
            Some("0") | Some("false") => false,
            _ => self.public_url.starts_with("https://"),
        };
        self
    }
}

/// Whether `PAKTA_DEMO` turns demo mode on (`1` or `true`).
pub fn demo_from_env() -> bool {
    matches!(std::env::var("PAKTA_DEMO").as_deref().map(str::trim), Ok("1") | Ok("true"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_url(url: &str) -> Settings {
        let mut s = Settings::new("sqlite::memory:".into(), DEFAULT_ADDR.parse().unwrap());
        s.public_url = url.into();
        s
    }

    #[test]
    fn cookies_are_secure_by_default_behind_https() {
        assert!(with_url("https://pakta.batukota.go.id").with_secure_cookies(None).secure_cookies);
        assert!(!with_url("http://127.0.0.1:3000").with_secure_cookies(None).secure_cookies);
        assert!(with_url("http://127.0.0.1:3000").with_secure_cookies(Some("1")).secure_cookies);
        assert!(!with_url("https://pakta.batukota.go.id").with_secure_cookies(Some("0")).secure_cookies);
    }
}
