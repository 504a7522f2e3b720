//! Trust, second pass (issue 14).
//!
//! - `quarter_member`: who belonged to which OPD, with which monthly ceiling, when a quarter was
//!   locked. DPRD's figures of a locked quarter are read from it, so a later mutasi or deactivation
//!   moves no figure (which would name whose pay it was). Quarters locked before this migration
//!   are frozen as the officials stand now: that is what their figures showed until today.
//! - `account.must_change_password`: an account created or reset by an admin outside demo mode
//!   must choose its own password at its first login.
//! - `session.last_seen_at`: sessions end after a time without use, not only after 12 hours.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(QuarterMember::Table)
                .col(uuid(QuarterMember::LockId))
                .col(uuid(QuarterMember::OfficialId))
                .col(uuid(QuarterMember::OpdId))
                .col(big_integer(QuarterMember::MonthlyCeiling))
                .col(boolean(QuarterMember::Counted))
                .primary_key(Index::create().col(QuarterMember::LockId).col(QuarterMember::OfficialId))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_quarter_member_lock_id")
                        .from(QuarterMember::Table, QuarterMember::LockId)
                        .to(QuarterClose::Table, QuarterClose::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO quarter_member (lock_id, official_id, opd_id, monthly_ceiling, counted) \
                 SELECT qc.id, o.id, o.opd_id, o.monthly_ceiling, \
                        (o.active AND o.position_kind <> 'head_of_region') \
                 FROM quarter_close qc CROSS JOIN official o WHERE qc.status = 'locked'",
            )
            .await?;
        m.alter_table(
            Table::alter()
                .table(Account::Table)
                .add_column(boolean(Account::MustChangePassword).default(false))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Session::Table)
                .add_column(timestamp_with_time_zone_null(Session::LastSeenAt))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Session::Table).drop_column(Session::LastSeenAt).to_owned())
            .await?;
        m.alter_table(
            Table::alter().table(Account::Table).drop_column(Account::MustChangePassword).to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(QuarterMember::Table).to_owned()).await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum QuarterMember {
    Table,
    LockId,
    OfficialId,
    OpdId,
    MonthlyCeiling,
    Counted,
}

#[derive(DeriveIden)]
enum QuarterClose {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    MustChangePassword,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    LastSeenAt,
}
