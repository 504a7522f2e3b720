//! Schema migrations, one file per change. Applied at start-up by `pakta serve` and `pakta migrate`.
//!
//! Conventions: UUID keys; money as BIGINT Rupiah; exact decimals (weights, targets, realisations,
//! percentages, scores) as TEXT holding a canonical decimal string, because SQLite has no exact
//! decimal type and its NUMERIC affinity silently turns numbers into floating point.
pub use sea_orm_migration::prelude::*;

mod m20260101_000001_initial_schema;
mod m20261128_000001_stored_file_content;
mod m20261128_000002_corrections_and_run_progress;
mod m20261128_000003_lookup_indexes;
mod m20261207_000001_period_membership_and_accounts;
mod m20261207_000010_login_throttle_by_address;
mod m20261207_000020_audit_key_and_append_only;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260101_000001_initial_schema::Migration),
            Box::new(m20261128_000001_stored_file_content::Migration),
            Box::new(m20261128_000002_corrections_and_run_progress::Migration),
            Box::new(m20261128_000003_lookup_indexes::Migration),
            Box::new(m20261207_000001_period_membership_and_accounts::Migration),
            Box::new(m20261207_000010_login_throttle_by_address::Migration),
            Box::new(m20261207_000020_audit_key_and_append_only::Migration),
        ]
    }
}
