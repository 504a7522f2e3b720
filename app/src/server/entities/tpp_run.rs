use sea_orm::entity::prelude::*;

/// One TPP calculation of a quarter (all officials, or one OPD), under one policy version.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tpp_run")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub year: i32,
    pub quarter: i16,
    pub opd_id: Option<Uuid>,
    pub policy_id: Uuid,
    /// `running` | `done` | `failed`
    pub status: String,
    pub started_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub run_by: Option<Uuid>,
    /// Officials looked at so far, of `total` (progress of a long run).
    pub processed: i32,
    pub total: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
