//! A correction's ledger lines keep the amounts they compare (what the locked results plus earlier
//! approved corrections paid, and what the corrected evaluation gives), so the ledger reads
//! without recomputing; a TPP run records how far it has got, so any app server can show a long
//! run's progress. Each stored month also keeps the quarter's nilai and predikat, so aggregate
//! views (DPRD) read them without recomputing every official's quarter.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        m.alter_table(
            Table::alter()
                .table(TppCorrection::Table)
                .add_column(big_integer(TppCorrection::Before).default(0))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(TppCorrection::Table)
                .add_column(big_integer(TppCorrection::After).default(0))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter().table(TppRun::Table).add_column(integer(TppRun::Processed).default(0)).to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter().table(TppRun::Table).add_column(integer(TppRun::Total).default(0)).to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter().table(TppResult::Table).add_column(string_null(TppResult::Score)).to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter().table(TppResult::Table).add_column(string_null(TppResult::Predikat)).to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, col) in [
            (TppCorrection::Table.into_iden(), TppCorrection::Before.into_iden()),
            (TppCorrection::Table.into_iden(), TppCorrection::After.into_iden()),
            (TppRun::Table.into_iden(), TppRun::Processed.into_iden()),
            (TppRun::Table.into_iden(), TppRun::Total.into_iden()),
            (TppResult::Table.into_iden(), TppResult::Score.into_iden()),
            (TppResult::Table.into_iden(), TppResult::Predikat.into_iden()),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum TppCorrection {
    Table,
    Before,
    After,
}

#[derive(DeriveIden)]
enum TppRun {
    Table,
    Processed,
    Total,
}

#[derive(DeriveIden)]
enum TppResult {
    Table,
    Score,
    Predikat,
}
