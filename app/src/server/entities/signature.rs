use sea_orm::entity::prelude::*;

/// A party's signature on a pact version, over the version's content hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signature")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub pact_version_id: Uuid,
    /// `Party::as_str()`.
    pub party: String,
    pub signer_official_id: Uuid,
    /// `electronic` or `paper`.
    pub method: String,
    pub signed_at: DateTimeUtc,
    pub content_hash: String,
    pub scan_file_id: Option<Uuid>,
    /// The admin account that recorded a paper signature.
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
