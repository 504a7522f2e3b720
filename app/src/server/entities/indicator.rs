use sea_orm::entity::prelude::*;

/// An indikator kinerja of a pact version. Decimals are stored as their canonical text.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "indicator")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub pact_version_id: Uuid,
    /// 1-based order in the annex.
    pub position: i32,
    pub objective: String,
    pub name: String,
    pub unit: String,
    pub polarity: String,
    pub target_kind: String,
    pub weight: String,
    pub annual_target: Option<String>,
    pub annual_target_low: Option<String>,
    pub annual_target_high: Option<String>,
    pub program: Option<String>,
    pub budget: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
