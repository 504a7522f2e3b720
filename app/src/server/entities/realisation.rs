use sea_orm::entity::prelude::*;

/// The realisation of one indicator in one evaluation, with its evidence (bukti dukung).
/// Decimals are stored as their canonical text.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "realisation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub evaluation_id: Uuid,
    pub indicator_id: Uuid,
    /// `None`: not yet entered.
    pub value: Option<String>,
    /// Reserved for a realisation given as an interval; unused (a range target takes one number).
    pub value_low: Option<String>,
    pub evidence_note: Option<String>,
    /// An http(s) address.
    pub evidence_link: Option<String>,
    pub evidence_file_id: Option<Uuid>,
    /// Kendala.
    pub obstacles: Option<String>,
    /// Tindak lanjut.
    pub follow_up: Option<String>,
    pub row_version: i32,
    pub updated_at: DateTimeUtc,
    /// The account that last changed the row.
    pub updated_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
