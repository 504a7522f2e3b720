use sea_orm::entity::prelude::*;

/// Predikat kinerja organisasi of an OPD for a quarter, entered by the admin; the distribution
/// check of SE MenPAN-RB 3/2023 compares the officials' predikat with it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "opd_predikat")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub opd_id: Uuid,
    pub year: i32,
    pub quarter: i16,
    /// `OrganisationPredikat` in snake_case.
    pub predikat: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
