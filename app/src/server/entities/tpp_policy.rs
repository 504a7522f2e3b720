use sea_orm::entity::prelude::*;

/// A version of the TPP policy (Perwali): the complete policy as JSON, in force from a date.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "tpp_policy")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub version: i32,
    pub effective_from: Date,
    /// `Policy::to_json` of the whole policy, so later changes to the defaults never alter it.
    pub body: String,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
