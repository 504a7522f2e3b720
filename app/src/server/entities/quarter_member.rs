use sea_orm::entity::prelude::*;

/// Who belonged to which OPD, with which pagu, when a quarter was locked: the membership DPRD's
/// figures of that quarter are grouped and budgeted by, so later changes move none of them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quarter_member")]
pub struct Model {
    /// The `quarter_close` row of the lock.
    #[sea_orm(primary_key, auto_increment = false)]
    pub lock_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub official_id: Uuid,
    pub opd_id: Uuid,
    pub monthly_ceiling: i64,
    /// Active and not the head of region: in the headcount and the budget.
    pub counted: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
