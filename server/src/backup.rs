//! `pakta backup FILE` and `pakta restore FILE`: an online, consistent copy of the database and
//! its return. SQLite: `VACUUM INTO` (a transactionally consistent snapshot while the app runs),
//! checked with `PRAGMA integrity_check`; restore replaces the database file (stop the server
//! first). PostgreSQL: `pg_dump --format=custom` (one snapshot) and `pg_restore --clean`.
use crate::startup::{connect, sqlite_path};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::path::Path;
use std::process::Command;

/// Creates `path` empty, readable and writable by its owner only (0600): a backup holds every
/// official's pay. Fails when it exists.
pub fn create_private(path: &Path) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop).map_err(|e| format!("{}: {e}", path.display()))
}

/// A PostgreSQL URL without its password, and the password (percent-decoded): the password goes
/// to `pg_dump`/`pg_restore` through `PGPASSWORD`, never on a command line that `ps` shows.
pub fn pg_url_and_password(url: &str) -> Result<(String, Option<String>), String> {
    let mut parsed = url::Url::parse(url).map_err(|e| format!("alamat basis data tidak sah: {e}"))?;
    let password = parsed.password().map(percent_decode).transpose()?;
    parsed.set_password(None).map_err(|_| "alamat basis data tidak sah".to_string())?;
    Ok((parsed.to_string(), password))
}

fn percent_decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).map_err(|e| e.to_string())?;
            out.push(
                u8::from_str_radix(hex, 16).map_err(|_| "kata sandi dalam alamat tidak sah".to_string())?,
            );
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "kata sandi dalam alamat tidak sah".to_string())
}

/// `pg_dump`/`pg_restore` with the database named by `url`: the URL without its password as the
/// connection string, the password in the child's environment only.
fn pg_command(program: &str, url: &str) -> Result<(Command, String), String> {
    let (bare, password) = pg_url_and_password(url)?;
    let mut cmd = Command::new(program);
    if let Some(pw) = password {
        cmd.env("PGPASSWORD", pw);
    }
    Ok((cmd, bare))
}

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
    create_private(file)?;
    let written = write_backup(url, file).await;
    if written.is_err() {
        // No half-written backup is left behind to be mistaken for a good one.
        let _ = std::fs::remove_file(file);
    }
    written?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    Ok(format!("Cadangan ditulis ke {} ({} byte).", file.display(), size))
}

async fn write_backup(url: &str, file: &Path) -> Result<(), String> {
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
        let (mut cmd, bare) = pg_command("pg_dump", url)?;
        let out =
            cmd.args(["--format=custom", "--no-owner", "--file"]).arg(file).arg(bare).output().map_err(
                |e| format!("pg_dump tidak dapat dijalankan ({e}); pasang paket postgresql-client."),
            )?;
        if !out.status.success() {
            return Err(format!("pg_dump gagal: {}", String::from_utf8_lossy(&out.stderr).trim()));
        }
    }
    Ok(())
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
        let _ = std::fs::remove_file(&staging);
        create_private(&staging)?;
        std::fs::copy(file, &staging).map_err(|e| format!("{}: {e}", staging.display()))?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        std::fs::rename(&staging, path).map_err(|e| format!("{}: {e}", path.display()))?;
    } else {
        let (mut cmd, bare) = pg_command("pg_restore", url)?;
        let out = cmd
            .args(["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname"])
            .arg(bare)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url() {
        let (bare, pw) =
            pg_url_and_password("postgres://pakta:s%40cret%3Ax@db.local:5433/pakta?sslmode=require").unwrap();
        assert_eq!(bare, "postgres://pakta@db.local:5433/pakta?sslmode=require");
        assert_eq!(pw.as_deref(), Some("s@cret:x"));
        let (bare, pw) = pg_url_and_password("postgres://postgres@127.0.0.1:5432/x").unwrap();
        assert_eq!((bare.as_str(), pw), ("postgres://postgres@127.0.0.1:5432/x", None));
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_0600() {
        use std::os::unix::fs::PermissionsExt;
        let path = std::env::temp_dir().join(format!("pakta-private-{}", uuid::Uuid::new_v4().simple()));
        create_private(&path).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert!(create_private(&path).is_err(), "never overwrites");
        std::fs::remove_file(&path).unwrap();
    }
}
