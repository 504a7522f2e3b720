//! Uploaded files (paper signature scans, evidence): type and size checked, stored in the
//! database under a random name with their SHA-256, served only to those allowed.
use super::entities::{stored_file, stored_file_content};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Largest accepted scan: a few signed pages scanned at 200 dpi.
pub const MAX_SCAN_BYTES: usize = 5 * 1024 * 1024;
pub const PDF: &str = "application/pdf";

/// An upload as received.
pub struct Upload {
    pub original_name: String,
    pub bytes: Vec<u8>,
}

/// Checks that `upload` is a PDF (by its content, not its name) of at most `max` bytes; errors
/// name `field`.
pub fn check_pdf(upload: &Upload, field: &str, max: usize) -> Result<(), AppError> {
    if upload.bytes.is_empty() {
        return Err(AppError::validation(field, "Pilih berkas pindaian (PDF)."));
    }
    if upload.bytes.len() > max {
        return Err(AppError::validation(
            field,
            format!("Berkas terlalu besar: paling besar {} MB.", max / (1024 * 1024)),
        ));
    }
    if !upload.bytes.starts_with(b"%PDF-") {
        return Err(AppError::validation(
            field,
            "Berkas harus PDF (hasil pindai dokumen yang ditandatangani).",
        ));
    }
    Ok(())
}

/// The name kept for display: no path, no control characters, at most 200 characters.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if cleaned.trim().is_empty() {
        "berkas.pdf".into()
    } else {
        cleaned
    }
}

/// Stores a checked upload; returns its id.
pub async fn store(
    db: &impl ConnectionTrait,
    upload: Upload,
    content_type: &str,
    uploaded_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let id = Uuid::new_v4();
    stored_file::Entity::insert(stored_file::ActiveModel {
        id: Set(id),
        sha256: Set(hex::encode(Sha256::digest(&upload.bytes))),
        size: Set(upload.bytes.len() as i64),
        content_type: Set(content_type.to_string()),
        storage_name: Set(Uuid::new_v4().simple().to_string()),
        original_name: Set(clean_name(&upload.original_name)),
        uploaded_by: Set(uploaded_by),
        created_at: Set(now),
    })
    .exec(db)
    .await?;
    stored_file_content::Entity::insert(stored_file_content::ActiveModel {
        file_id: Set(id),
        content: Set(upload.bytes),
    })
    .exec(db)
    .await?;
    Ok(id)
}

/// A stored file with its bytes; the caller has checked the reader may see it.
pub async fn load(db: &impl ConnectionTrait, id: Uuid) -> Result<(stored_file::Model, Vec<u8>), AppError> {
    let meta = stored_file::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let content = stored_file_content::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if hex::encode(Sha256::digest(&content.content)) != meta.sha256 {
        tracing::error!(file = %id, "stored file no longer matches its hash");
        return Err(AppError::Conflict("Berkas ini tidak cocok lagi dengan hash saat diunggah.".into()));
    }
    Ok((meta, content.content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_small_pdfs_pass() {
        let pdf = Upload { original_name: "a.pdf".into(), bytes: b"%PDF-1.4 ...".to_vec() };
        assert!(check_pdf(&pdf, "scan", 100).is_ok());
        let png = Upload { original_name: "a.pdf".into(), bytes: b"\x89PNG....".to_vec() };
        assert!(check_pdf(&png, "scan", 100).unwrap_err().field_message("scan").is_some());
        let big =
            Upload { original_name: "a.pdf".into(), bytes: [b"%PDF-".as_slice(), &[0u8; 200]].concat() };
        assert!(check_pdf(&big, "scan", 100).unwrap_err().to_string().contains("terlalu besar"));
        let empty = Upload { original_name: "a.pdf".into(), bytes: Vec::new() };
        assert!(check_pdf(&empty, "scan", 100).is_err());
    }

    #[test]
    fn names_lose_their_path() {
        assert_eq!(clean_name("C:\\Users\\x\\pakta.pdf"), "pakta.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name(""), "berkas.pdf");
    }
}
