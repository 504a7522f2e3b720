//! `pakta backup FILE` and `pakta restore FILE`: an online, consistent copy of the database and
//! its return. SQLite: `VACUUM INTO` (a transactionally consistent snapshot while the app runs),
//! checked with `PRAGMA integrity_check`; restore replaces the database file (stop the server
//! first). PostgreSQL: `pg_dump --format=custom` (one snapshot) and `pg_restore --clean`.
use crate::startup::{connect, sqlite_path};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::path::Path;
use std::process::Command;

fn quote_sql(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

async fn integrity_ok(db: &DatabaseConnection) -> Result<(), String> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), "PRAGMA integrity_check"))
        .await
        .map_err(|e| e.to_string())?
        .ok_or("integrity_check returned nothing")?;
    let verdict: String = row.try_get_by_index(0).map_err(|e| e.to_string())?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(format!("pemeriksaan integritas gagal: {verdict}"))
    }
}

/// A backup file opened read-only, as it is (no journal mode change).
async fn open_copy(path: &Path) -> Result<DatabaseConnection, String> {
    sea_orm::Database::connect(format!("sqlite://{}?mode=ro", path.display()))
        .await
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes a backup of the database at `url` to `file` (which must not exist yet). Returns a
/// line for the operator.
pub async fn backup(url: &str, file: &Path) -> Result<String, String> {
    if file.exists() {
        return Err(format!(
            "{} sudah ada; pilih nama berkas lain (cadangan tidak ditimpa).",
            file.display()
        ));
    }
    if sqlite_path(url).is_some() {
        let db = connect(url).await.map_err(|e| e.to_string())?;
        let target = file.to_str().ok_or("nama berkas harus UTF-8")?;
        db.execute_unprepared(&format!("VACUUM INTO {}", quote_sql(target)))
            .await
            .map_err(|e| e.to_string())?;
        db.close().await.ok();
        let copy = open_copy(file).await?;
        integrity_ok(&copy).await?;
        copy.close().await.ok();
    } else {
        let out = Command::new("pg_dump")
            .args(["--format=custom", "--no-owner", "--file"])
            .arg(file)
            .arg(url)
            .output()
            .map_err(|e| format!("pg_dump tidak dapat dijalankan ({e}); pasang paket postgresql-client."))?;
        if !out.status.success() {
            return Err(format!("pg_dump gagal: {}", String::from_utf8_lossy(&out.stderr).trim()));
        }
    }
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    Ok(format!("Cadangan ditulis ke {} ({} byte).", file.display(), size))
}

/// Replaces the database at `url` with the backup in `file`.
pub async fn restore(url: &str, file: &Path) -> Result<String, String> {
    if !file.is_file() {
        return Err(format!("{} tidak ditemukan.", file.display()));
    }
    if let Some(path) = sqlite_path(url) {
        // Check the backup before touching anything.
        let copy = open_copy(file).await?;
        integrity_ok(&copy).await?;
        copy.execute_unprepared("SELECT 1 FROM seaql_migrations LIMIT 1")
            .await
            .map_err(|_| format!("{} bukan cadangan basis data Pakta.", file.display()))?;
        copy.close().await.ok();
        let path = Path::new(path);
        let staging = path.with_extension("restore-tmp");
        std::fs::copy(file, &staging).map_err(|e| format!("{}: {e}", staging.display()))?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        std::fs::rename(&staging, path).map_err(|e| format!("{}: {e}", path.display()))?;
    } else {
        let out = Command::new("pg_restore")
            .args(["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname"])
            .arg(url)
            .arg(file)
            .output()
            .map_err(|e| {
                format!("pg_restore tidak dapat dijalankan ({e}); pasang paket postgresql-client.")
            })?;
        if !out.status.success() {
            return Err(format!("pg_restore gagal: {}", String::from_utf8_lossy(&out.stderr).trim()));
        }
    }
    Ok(format!("Basis data dipulihkan dari {}.", file.display()))
}
