//! Indexes for the reads by official: an official's stored TPP months of a year (their home, the
//! "why" page, corrections), and their integrity breaches and sanctions (the quarter sheet). Under
//! load the home page scanned the whole `tpp_result` table (30,000 rows per quarter of a city of
//! 10,000).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, index, columns)
const INDEXES: [(&str, &str, &[&str]); 3] = [
    ("tpp_result", "idx_tpp_result_official_year", &["official_id", "year"]),
    ("integrity_breach", "idx_integrity_breach_official", &["official_id"]),
    ("sanction", "idx_sanction_official", &["official_id"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, name, columns) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for c in columns {
                index.col(Alias::new(*c));
            }
            m.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, name, _) in INDEXES {
            m.drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
