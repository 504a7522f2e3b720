//! Server-only services: the only code that talks to the database.
pub mod accounts;
pub mod assets;
pub mod audit;
pub mod audit_key;
pub mod audit_list;
pub mod auth;
pub mod bulk_sheets;
pub mod closing;
pub mod context;
pub mod corrections;
pub mod csv_out;
pub mod demo;
pub mod demo_evaluations;
pub mod demo_pacts;
pub mod discipline;
pub mod dprd;
pub mod dprd_pdf;
pub mod dprd_xlsx;
pub mod entities;
pub mod evaluations;
pub mod files;
pub mod flash;
pub mod hash_gate;
#[cfg(test)]
mod input_fuzz;
pub mod my_record;
pub mod nominatif_xlsx;
pub mod official_import;
pub mod official_input;
pub mod officials;
pub mod overview;
pub mod pact_pdf;
pub mod pact_print;
pub mod pacts;
pub mod policy;
pub mod state;
pub mod throttle;
pub mod tpp_recap_pdf;
pub mod tpp_run;
pub mod tpp_why;
pub mod transfer;

pub use state::AppState;

/// Begins a write transaction. SQLite takes the write lock at `BEGIN IMMEDIATE`: in WAL mode a
/// transaction that reads first cannot later upgrade to a writer once another writer committed
/// meanwhile (it fails at once with "database is locked", busy timeout or not), so every writer
/// takes the lock up front and waiting writers queue on the busy timeout instead. PostgreSQL: an
/// ordinary transaction.
pub async fn begin_write(
    db: &sea_orm::DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    db.begin_with_options(options).await
}
