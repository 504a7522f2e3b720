//! The audit chain's key (issue 14): entries are chained with HMAC-SHA256 under a secret kept
//! outside the database, so that whoever can write the database, but not read this key, can
//! neither edit an entry and re-hash the rest nor re-hash the chain without a key.
//!
//! **The key file** (`PAKTA_AUDIT_KEY_FILE`, written by `pakta` on first start with mode 0600):
//!
//! ```text
//! pakta-audit-key-v1
//! key=<32 random bytes, lowercase hex>
//! legacy-entries=<N>
//! ```
//!
//! `legacy-entries` is how many entries the database held when the key was made: entries written
//! before the chain was keyed, hashed with plain SHA-256. They are verified that way, and only
//! they: an unkeyed entry after a keyed one, or beyond entry N, is reported broken. Keeping N in
//! the key file (not in the database) is what stops a database writer from re-hashing the whole
//! chain as "old" entries.
//!
//! The key is process-wide, like the tracing subscriber: installed once by start-up, before any
//! entry is written, and used by `audit::record` wherever a transaction appends to the chain
//! (threading it through every service that writes would change every writer's signature for
//! one value that never varies within a process).
use crate::error::AppError;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::fmt;
use std::sync::OnceLock;

const FILE_TAG: &str = "pakta-audit-key-v1";
/// Keeps the MACs of links carrying error messages apart from the chain's.
const LINK_CONTEXT: &[u8] = b"pakta-error-link-v1\n";

/// The secret and how many entries were written before it. Never printed (`Debug` shows the id).
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey {
    secret: [u8; 32],
    legacy_entries: u64,
}

impl fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditKey")
            .field("id", &self.id())
            .field("legacy_entries", &self.legacy_entries)
            .finish()
    }
}

impl AuditKey {
    /// A new random key for a database whose chain holds `legacy_entries` unkeyed entries.
    pub fn generate(legacy_entries: u64) -> AuditKey {
        let mut secret = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        AuditKey { secret, legacy_entries }
    }

    /// Reads the key file's text; `Err` says what is wrong with it (never the key).
    pub fn parse(text: &str) -> Result<AuditKey, String> {
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
        if lines.next() != Some(FILE_TAG) {
            return Err(format!("baris pertama harus `{FILE_TAG}`"));
        }
        let (mut secret, mut legacy) = (None, None);
        for line in lines {
            match line.split_once('=') {
                Some(("key", hex_text)) => {
                    let bytes = hex::decode(hex_text.trim()).ok().filter(|b| b.len() == 32);
                    let bytes = bytes.ok_or("`key` harus 64 digit heksadesimal")?;
                    let mut s = [0u8; 32];
                    s.copy_from_slice(&bytes);
                    secret = Some(s);
                }
                Some(("legacy-entries", n)) => {
                    legacy =
                        Some(n.trim().parse::<u64>().map_err(|_| "`legacy-entries` harus bilangan bulat")?);
                }
                _ => return Err("baris tidak dikenal (hanya `key=` dan `legacy-entries=`)".into()),
            }
        }
        match (secret, legacy) {
            (Some(secret), Some(legacy_entries)) => Ok(AuditKey { secret, legacy_entries }),
            (None, _) => Err("`key=` tidak ada".into()),
            (_, None) => Err("`legacy-entries=` tidak ada".into()),
        }
    }

    /// The key file's text (`parse` reads it back).
    pub fn to_file_text(&self) -> String {
        format!(
            "# Kunci rantai audit Pakta. Rahasiakan, dan simpan salinannya terpisah dari basis data dan\n\
             # cadangannya: tanpa berkas ini log audit tidak dapat diverifikasi. Beberapa server aplikasi\n\
             # pada satu basis data memakai berkas yang sama.\n\
             {FILE_TAG}\nkey={}\nlegacy-entries={}\n",
            hex::encode(self.secret),
            self.legacy_entries
        )
    }

    /// A fingerprint naming the key (stored with each entry); reveals nothing about the secret.
    pub fn id(&self) -> String {
        let digest = Sha256::new().chain_update(b"pakta-audit-key-id\n").chain_update(self.secret).finalize();
        hex::encode(&digest[..8])
    }

    /// Entries written before the chain was keyed (plain SHA-256).
    pub fn legacy_entries(&self) -> u64 {
        self.legacy_entries
    }

    fn mac(&self) -> Hmac<Sha256> {
        <Hmac<Sha256> as Mac>::new_from_slice(&self.secret).expect("HMAC takes a key of any length")
    }

    /// HMAC-SHA256 of `message`, lowercase hex: the hash of a keyed chain entry.
    pub fn chain_mac(&self, message: &[u8]) -> String {
        hex::encode(self.mac().chain_update(message).finalize().into_bytes())
    }

    /// HMAC-SHA256 of an error message carried in a link (`?__err=`, `?galat=`), lowercase hex.
    pub fn link_mac(&self, message: &[u8]) -> String {
        hex::encode(self.mac().chain_update(LINK_CONTEXT).chain_update(message).finalize().into_bytes())
    }

    /// Compares `mac_hex` with the link MAC of `message` in constant time.
    pub fn link_mac_matches(&self, message: &[u8], mac_hex: &str) -> bool {
        match hex::decode(mac_hex) {
            Ok(tag) => self.mac().chain_update(LINK_CONTEXT).chain_update(message).verify_slice(&tag).is_ok(),
            Err(_) => false,
        }
    }
}

static INSTALLED: OnceLock<AuditKey> = OnceLock::new();

/// Makes `key` the process's key. A second install must bring the same secret: one process
/// never writes one chain with two keys.
pub fn install(key: AuditKey) -> Result<&'static AuditKey, String> {
    let installed = INSTALLED.get_or_init(|| key.clone());
    if installed.secret == key.secret {
        Ok(installed)
    } else {
        Err(format!(
            "proses ini sudah memakai kunci audit {}, bukan {}: satu proses hanya memakai satu kunci",
            installed.id(),
            key.id()
        ))
    }
}

/// The process's key; `Internal` (logged) when start-up did not install one.
pub fn installed() -> Result<&'static AuditKey, AppError> {
    INSTALLED.get().ok_or_else(|| {
        tracing::error!("audit key not loaded: start-up must install it before anything is written");
        AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_file_reads_back() {
        let key = AuditKey::generate(7);
        let again = AuditKey::parse(&key.to_file_text()).unwrap();
        assert_eq!(again, key);
        assert_eq!(again.legacy_entries(), 7);
        assert_eq!(key.id().len(), 16);
        assert!(!format!("{key:?}").contains(&hex::encode(key.secret)), "Debug never shows the secret");
    }

    #[test]
    fn a_damaged_key_file_is_refused_with_the_reason() {
        assert!(AuditKey::parse("").unwrap_err().contains("baris pertama"));
        let key = AuditKey::generate(0).to_file_text();
        let short =
            key.lines().map(|l| if l.starts_with("key=") { "key=abcd" } else { l }).collect::<Vec<_>>();
        assert!(AuditKey::parse(&short.join("\n")).unwrap_err().contains("64 digit"));
        let no_count = key.lines().filter(|l| !l.starts_with("legacy")).collect::<Vec<_>>().join("\n");
        assert!(AuditKey::parse(&no_count).unwrap_err().contains("legacy-entries"));
    }

    #[test]
    fn macs_depend_on_the_key_and_the_purpose() {
        let (a, b) = (AuditKey::generate(0), AuditKey::generate(0));
        assert_ne!(a.chain_mac(b"x"), b.chain_mac(b"x"));
        assert_ne!(a.chain_mac(b"x"), a.link_mac(b"x"));
        assert!(a.link_mac_matches(b"x", &a.link_mac(b"x")));
        assert!(!a.link_mac_matches(b"y", &a.link_mac(b"x")));
        assert!(!b.link_mac_matches(b"x", &a.link_mac(b"x")));
        assert!(!a.link_mac_matches(b"x", "zz"));
    }
}
