use sea_orm::entity::prelude::*;

/// A recorded breach of the Pakta Integritas (e.g. a finding of the Inspektorat).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "integrity_breach")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub official_id: Uuid,
    pub occurred_on: Date,
    /// The point of the pact breached, its number or text.
    pub pact_point: String,
    /// Where the finding comes from, e.g. "Temuan Inspektorat".
    pub source: String,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
