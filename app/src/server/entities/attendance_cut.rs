use sea_orm::entity::prelude::*;

/// Potongan kehadiran: how many times an attendance code occurred for an official in a month.
/// One row per (official, year, month, code); a month without rows had no cuts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "attendance_cut")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub official_id: Uuid,
    pub year: i32,
    /// 1–12
    pub month: i16,
    /// A key of the policy's `cuts`, e.g. "TL1", "TK".
    pub code: String,
    pub count: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
