//! The audit log becomes keyed and append-only (issue 14, item 8).
//!
//! `key_id`: which key an entry's HMAC was made with (a fingerprint of the key, never the key).
//! Entries written before the chain was keyed keep `NULL`: they were hashed with plain SHA-256
//! and are verified that way. Nothing is re-hashed here: re-hashing old entries would bless
//! whatever they say today, which is exactly what the key is meant to prevent.
//!
//! Triggers refuse `UPDATE` and `DELETE` of audit rows (and `TRUNCATE` on PostgreSQL), so that
//! neither a bug nor an injected statement running as the app can rewrite history. The app only
//! ever inserts; the append lock's `UPDATE ... WHERE 0 = 1` on SQLite touches no row, so no row
//! trigger fires. A database owner can still drop a trigger; the HMAC is what catches that.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    KeyId,
}

/// The message both engines give when a statement tries to change an audit entry.
const REFUSED: &str = "audit_log hanya dapat ditambah: entri audit tidak boleh diubah atau dihapus";

const POSTGRES_UP: &str = r#"
CREATE FUNCTION pakta_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'MESSAGE' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION pakta_audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION pakta_audit_log_append_only();
"#;

const POSTGRES_DOWN: &str = r#"
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
DROP FUNCTION IF EXISTS pakta_audit_log_append_only();
"#;

const SQLITE_UP: [&str; 2] = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'MESSAGE'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'MESSAGE'); END",
];

const SQLITE_DOWN: [&str; 2] =
    ["DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AuditLog::Table)
                .add_column(ColumnDef::new(AuditLog::KeyId).string().null())
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(&POSTGRES_UP.replace("MESSAGE", REFUSED)).await?;
            }
            _ => {
                for sql in SQLITE_UP {
                    db.execute_unprepared(&sql.replace("MESSAGE", REFUSED)).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(POSTGRES_DOWN).await?;
            }
            _ => {
                for sql in SQLITE_DOWN {
                    db.execute_unprepared(sql).await?;
                }
            }
        }
        m.alter_table(Table::alter().table(AuditLog::Table).drop_column(AuditLog::KeyId).to_owned()).await
    }
}
