use sea_orm::entity::prelude::*;

/// One official's quarter under a signed pact version: the behaviour rating and the state of
/// the quarter's realisations (`realisation` rows). A correction opens a new `revision`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "evaluation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub pact_version_id: Uuid,
    pub year: i32,
    /// 1–4.
    pub quarter: i16,
    pub revision: i32,
    /// Rating perilaku kerja, `Rating::as_str()`; `None` until rated.
    pub behaviour: Option<String>,
    /// The account that gave the rating.
    pub behaviour_rated_by: Option<Uuid>,
    /// Given by the admin on the superior's behalf.
    pub behaviour_on_behalf: bool,
    pub behaviour_note: Option<String>,
    /// `open` while realisations may be entered.
    pub status: String,
    pub correction_reason: Option<String>,
    pub row_version: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
