//! The audit key file (`app::server::audit_key`): found, or made on first start.
use app::server::audit_key::AuditKey;
use app::server::entities::audit_log;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the key is kept when `PAKTA_AUDIT_KEY_FILE` is not set: beside a SQLite file (its name
/// plus `.audit-key`), or `data/audit.key` for PostgreSQL.
pub fn default_path(database_url: &str) -> PathBuf {
    match crate::startup::sqlite_path(database_url) {
        Some(file) => PathBuf::from(format!("{file}.audit-key")),
        None => PathBuf::from("data/audit.key"),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "Berkas kunci audit {path} tidak dapat dibaca ({reason}). Perbaiki izin berkas, atau \
         tunjuk berkas yang benar dengan PAKTA_AUDIT_KEY_FILE; tanpa kunci itu log audit tidak \
         dapat diverifikasi dan Pakta tidak berjalan."
    )]
    Unreadable { path: String, reason: String },
    #[error(
        "Berkas kunci audit {path} tidak ada, padahal log audit sudah berisi entri berkunci \
         (kunci {key_id}). Kembalikan berkas kunci itu (dari salinan Anda, atau dari server \
         aplikasi lain) atau tunjuk dengan PAKTA_AUDIT_KEY_FILE; kunci baru tidak dibuat."
    )]
    Missing { path: String, key_id: String },
    #[error("Berkas kunci audit {path} tidak dapat dibuat: {source}")]
    Create { path: String, source: std::io::Error },
    #[error("Kunci audit {path}: {reason}")]
    Conflict { path: String, reason: String },
    #[error("Tidak dapat membaca log audit: {0}")]
    Database(#[from] sea_orm::DbErr),
}

/// Reads the key at `path`, or makes one if the file does not exist (mode 0600). A new key
/// records how many entries the chain already holds: those were hashed without a key. It is not
/// made when the chain already holds keyed entries: their key is elsewhere, and a new one would
/// only make them unverifiable.
pub async fn load_or_create(path: &Path, db: &DatabaseConnection) -> Result<AuditKey, KeyError> {
    let shown = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => {
            warn_if_readable_by_others(path);
            return AuditKey::parse(&text).map_err(|reason| KeyError::Unreadable { path: shown, reason });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(KeyError::Unreadable { path: shown, reason: e.to_string() }),
    }
    if let Some(keyed) =
        audit_log::Entity::find().filter(audit_log::Column::KeyId.is_not_null()).one(db).await?
    {
        return Err(KeyError::Missing { path: shown, key_id: keyed.key_id.unwrap_or_default() });
    }
    let legacy = audit_log::Entity::find().count(db).await?;
    let key = AuditKey::generate(legacy);
    match write_new(path, key.to_file_text().as_bytes()) {
        Ok(()) => {
            tracing::warn!(
                path = %shown,
                key_id = %key.id(),
                legacy_entries = legacy,
                "new audit key made: keep a copy apart from the database and its backups"
            );
            Ok(key)
        }
        // Another process made it first (two commands started together): use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| KeyError::Unreadable { path: shown.clone(), reason: e.to_string() })?;
            AuditKey::parse(&text).map_err(|reason| KeyError::Unreadable { path: shown, reason })
        }
        Err(source) => Err(KeyError::Create { path: shown, source }),
    }
}

/// Writes `bytes` to a new file at `path`, readable by the owner only; never replaces a file.
/// Written under a temporary name and then linked into place, so no reader sees half a key.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let temp = PathBuf::from(format!("{}.{}.tmp", path.display(), uuid::Uuid::new_v4().simple()));
    let written = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::hard_link(&temp, path)
    })();
    let _ = std::fs::remove_file(&temp);
    written
}

fn warn_if_readable_by_others(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.permissions().mode() & 0o077 != 0 {
                tracing::warn!(path = %path.display(), "the audit key file is readable by others: chmod 600 it");
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_paths() {
        assert_eq!(default_path("sqlite://data/pakta.db?mode=rwc"), PathBuf::from("data/pakta.db.audit-key"));
        assert_eq!(default_path("postgres://u@h/db"), PathBuf::from("data/audit.key"));
    }

    #[test]
    fn a_new_key_file_is_private_and_never_replaced() {
        let path =
            std::env::temp_dir().join(format!("pakta-key-{}/audit.key", uuid::Uuid::new_v4().simple()));
        write_new(&path, b"first").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(write_new(&path, b"second").unwrap_err().kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }
}
