use sea_orm::entity::prelude::*;

/// One period in a position (riwayat jabatan): opened on appointment or mutasi, closed by the next.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "position_history")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub official_id: Uuid,
    pub opd_id: Uuid,
    pub position_title: String,
    pub position_kind: String,
    pub job_class: i32,
    pub supervisor_id: Option<Uuid>,
    pub monthly_ceiling: i64,
    pub start_date: Date,
    pub end_date: Option<Date>,
    /// e.g. "pengangkatan" (appointment), "mutasi pejabat"
    pub reason: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
