use sea_orm::entity::prelude::*;

/// Hukuman disiplin (disciplinary sanction): in force from the month of its TMT for `months`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "sanction")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub official_id: Uuid,
    /// A key of the policy's `sanction_levels`: "light", "moderate", "heavy".
    pub level: String,
    /// Cut, percent of the month's TPP, as a canonical decimal string; `None` takes the level's.
    pub percent: Option<String>,
    /// TMT
    pub start_date: Date,
    pub months: i32,
    /// Nomor SK hukuman disiplin.
    pub decree_number: Option<String>,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
