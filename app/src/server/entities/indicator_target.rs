use sea_orm::entity::prelude::*;

/// An indicator's target for one triwulan; a quarter without a row is not assessed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "indicator_target")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub indicator_id: Uuid,
    pub quarter: i16,
    pub target: Option<String>,
    pub target_low: Option<String>,
    pub target_high: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
