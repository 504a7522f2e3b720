use sea_orm::entity::prelude::*;

/// A quarter's state: `locked` once the admin locks it (results then never change).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quarter_close")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub year: i32,
    pub quarter: i16,
    pub status: String,
    pub locked_at: Option<DateTimeUtc>,
    pub locked_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
