use sea_orm::entity::prelude::*;

/// One official's TPP for one month, as a run computed it (whole Rupiah; percentages as text).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "tpp_result")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub run_id: Uuid,
    pub official_id: Uuid,
    pub year: i32,
    pub month: i16,
    pub monthly_ceiling: i64,
    pub discipline_cut_percent: String,
    pub discipline: i64,
    pub productivity_factor: String,
    pub productivity: i64,
    pub sanction_percent: String,
    pub sanction_cut: i64,
    pub gross: i64,
    pub policy_id: Uuid,
    pub explanation: String,
    /// The quarter's nilai capaian (canonical decimal text) and `Predikat::as_str()`, repeated on
    /// each of its months; for aggregate views.
    pub score: Option<String>,
    pub predikat: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
