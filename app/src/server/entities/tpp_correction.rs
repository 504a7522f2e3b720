use sea_orm::entity::prelude::*;

/// One month's line of a correction after the lock (kurang/lebih bayar ledger): what was paid
/// (`before`: the locked result plus earlier approved corrections), what the corrected evaluation
/// gives (`after`), and the difference. Requested by one admin, decided by another.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "tpp_correction")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub official_id: Uuid,
    /// The evaluation revision the correction created.
    pub evaluation_id: Uuid,
    pub year: i32,
    pub month: i16,
    /// `after - before`, Rupiah.
    pub difference: i64,
    /// `kurang_bayar` | `lebih_bayar` | `nihil`
    pub kind: String,
    pub reason: String,
    /// `pending` | `approved` | `rejected`
    pub status: String,
    pub requested_by: Uuid,
    pub approved_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub approved_at: Option<DateTimeUtc>,
    pub before: i64,
    pub after: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
