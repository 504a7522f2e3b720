use sea_orm::entity::prelude::*;

/// An uploaded file (a paper signature scan, evidence): kept outside the web root under a
/// random name, served only to those allowed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stored_file")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub sha256: String,
    pub size: i64,
    pub content_type: String,
    pub storage_name: String,
    pub original_name: String,
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
