//! Accounts and what a login form may carry.
use super::DomainError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// HR agency (BKPSDM) staff.
    Admin,
    /// An official (pejabat); being a superior (atasan) follows from supervisor links.
    Official,
    /// A member of the city council: aggregates only.
    Dprd,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Official => "official",
            Role::Dprd => "dprd",
        }
    }

    pub fn parse(s: &str) -> Result<Role, DomainError> {
        match s {
            "admin" => Ok(Role::Admin),
            "official" => Ok(Role::Official),
            "dprd" => Ok(Role::Dprd),
            _ => Err(DomainError::new("role", format!("Peran tidak dikenal: {s} (admin, official, dprd)."))),
        }
    }

    /// The page each role lands on after login.
    pub fn home_path(self) -> &'static str {
        match self {
            Role::Admin => "/admin",
            Role::Official => "/saya",
            Role::Dprd => "/dprd",
        }
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Role::Admin => "Admin BKPSDM",
            Role::Official => "Pejabat",
            Role::Dprd => "Anggota DPRD",
        }
    }

    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(
            self.label_id(),
            match self {
                Role::Admin => "BKPSDM admin",
                Role::Official => "Official",
                Role::Dprd => "DPRD member",
            },
        )
    }
}

pub const MAX_IDENTIFIER_LEN: usize = 64;
pub const MAX_PASSWORD_LEN: usize = 128;
pub const MIN_NEW_PASSWORD_LEN: usize = 10;

/// A login attempt, checked for shape before any database work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// Lower-cased username, or an 18-digit NIP with spaces removed.
    pub identifier: String,
    pub password: String,
}

impl Credentials {
    pub fn parse(identifier: &str, password: &str) -> Result<Credentials, DomainError> {
        let trimmed = identifier.trim();
        if trimmed.is_empty() {
            return Err(DomainError::new("username", "Nama pengguna atau NIP wajib diisi."));
        }
        if trimmed.chars().count() > MAX_IDENTIFIER_LEN {
            return Err(DomainError::new(
                "username",
                format!("Nama pengguna atau NIP terlalu panjang (maksimal {MAX_IDENTIFIER_LEN} karakter)."),
            ));
        }
        if password.is_empty() {
            return Err(DomainError::new("password", "Kata sandi wajib diisi."));
        }
        if password.chars().count() > MAX_PASSWORD_LEN {
            return Err(DomainError::new(
                "password",
                format!("Kata sandi terlalu panjang (maksimal {MAX_PASSWORD_LEN} karakter)."),
            ));
        }
        let digits_only: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
        let identifier = if digits_only.chars().all(|c| c.is_ascii_digit()) {
            digits_only
        } else {
            trimmed.to_lowercase()
        };
        Ok(Credentials { identifier, password: password.to_string() })
    }
}

/// Rules for a password being set (not for logging in with an old one).
pub fn validate_new_password(password: &str) -> Result<(), DomainError> {
    let n = password.chars().count();
    if n < MIN_NEW_PASSWORD_LEN {
        return Err(DomainError::new(
            "password",
            format!("Kata sandi minimal {MIN_NEW_PASSWORD_LEN} karakter."),
        ));
    }
    if n > MAX_PASSWORD_LEN {
        return Err(DomainError::new(
            "password",
            format!("Kata sandi maksimal {MAX_PASSWORD_LEN} karakter."),
        ));
    }
    Ok(())
}

/// Usernames are lower-case letters, digits, dot, dash and underscore.
pub fn validate_username(username: &str) -> Result<String, DomainError> {
    let u = username.trim().to_lowercase();
    if u.is_empty() || u.len() > MAX_IDENTIFIER_LEN {
        return Err(DomainError::new("username", "Nama pengguna harus 1–64 karakter."));
    }
    if !u.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        return Err(DomainError::new(
            "username",
            "Nama pengguna hanya boleh huruf, angka, titik, tanda hubung dan garis bawah.",
        ));
    }
    Ok(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_normalise_identifier() {
        let c = Credentials::parse("  Admin ", "x").unwrap();
        assert_eq!(c.identifier, "admin");
        let c = Credentials::parse("19800101 200501 1 001", "x").unwrap();
        assert_eq!(c.identifier, "198001012005011001");
    }

    #[test]
    fn credentials_reject_empty_and_oversized() {
        assert_eq!(Credentials::parse(" ", "x").unwrap_err().field, "username");
        assert_eq!(Credentials::parse("a", "").unwrap_err().field, "password");
        assert!(Credentials::parse(&"a".repeat(65), "x").unwrap_err().message.contains("terlalu panjang"));
        assert!(Credentials::parse("a", &"p".repeat(129)).unwrap_err().message.contains("terlalu panjang"));
    }

    #[test]
    fn new_passwords_and_usernames() {
        assert!(validate_new_password("short").is_err());
        assert!(validate_new_password("long-enough-pw").is_ok());
        assert_eq!(validate_username(" HR.Staff ").unwrap(), "hr.staff");
        assert!(validate_username("bad name").is_err());
    }

    #[test]
    fn roles_round_trip() {
        for r in [Role::Admin, Role::Official, Role::Dprd] {
            assert_eq!(Role::parse(r.as_str()).unwrap(), r);
        }
        assert!(Role::parse("root").is_err());
    }
}
