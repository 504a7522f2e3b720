//! Failed logins are counted per client address (issue 14, item 5): one row per failure, so the
//! throttle can count per address and identifier (a lock-out from one address does not lock the
//! same user out from another), per address (spraying guesses over many identifiers) and over the
//! whole city (many addresses), each within a sliding window; rows older than the window are
//! deleted as new failures come in, so unknown names no longer stay for ever. The old
//! `login_throttle` table (one row per identifier, never pruned) held only short-lived locks and
//! is dropped, not converted.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (index, columns)
const INDEXES: [(&str, &[LoginFailure]); 3] = [
    (
        "idx_login_failure_address_identifier",
        &[LoginFailure::Address, LoginFailure::Identifier, LoginFailure::FailedAt],
    ),
    ("idx_login_failure_address", &[LoginFailure::Address, LoginFailure::FailedAt]),
    ("idx_login_failure_failed_at", &[LoginFailure::FailedAt]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(LoginThrottle::Table).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(LoginFailure::Table)
                .col(pk_uuid(LoginFailure::Id))
                .col(string(LoginFailure::Address))
                .col(string(LoginFailure::Identifier))
                .col(timestamp_with_time_zone(LoginFailure::FailedAt))
                .to_owned(),
        )
        .await?;
        for (name, columns) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(LoginFailure::Table);
            for c in columns {
                index.col(*c);
            }
            m.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(LoginFailure::Table).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(LoginThrottle::Table)
                .col(string(LoginThrottle::Key).primary_key())
                .col(integer(LoginThrottle::Failures))
                .col(timestamp_with_time_zone(LoginThrottle::FirstFailureAt))
                .col(timestamp_with_time_zone_null(LoginThrottle::LockedUntil))
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum LoginFailure {
    Table,
    Id,
    Address,
    Identifier,
    FailedAt,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    Failures,
    FirstFailureAt,
    LockedUntil,
}
