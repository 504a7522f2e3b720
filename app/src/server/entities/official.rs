use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "official")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub nip: Option<String>,
    pub name: String,
    /// pangkat
    pub rank: Option<String>,
    /// golongan ruang
    pub grade: Option<String>,
    /// jabatan
    pub position_title: String,
    /// jenis jabatan (`PositionKind`)
    pub position_kind: String,
    /// kelas jabatan
    pub job_class: i32,
    pub opd_id: Uuid,
    /// atasan langsung
    pub supervisor_id: Option<Uuid>,
    /// TMT jabatan
    pub position_start: Date,
    /// pagu TPP bulanan, Rupiah
    pub monthly_ceiling: i64,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub row_version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
