use sea_orm::entity::prelude::*;

/// A version of a pact. From `awaiting_signatures` on, its content (this row's snapshot and
/// integrity text, its indicators and targets) is frozen and `content_hash` covers it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pact_version")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub pact_id: Uuid,
    pub version_no: i32,
    /// `PactStatus::as_str()`.
    pub status: String,
    /// `RevisionReason::as_str()`; `None` for version 1.
    pub revision_reason: Option<String>,
    pub revision_note: Option<String>,
    /// JSON of `server::pacts::Snapshot`: the parties, the document number, the consequences.
    pub position_snapshot: String,
    pub template_id: Uuid,
    pub integrity_text: String,
    pub second_party_id: Option<Uuid>,
    pub content_hash: Option<String>,
    pub verification_code: Option<String>,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<Uuid>,
    pub frozen_at: Option<DateTimeUtc>,
    pub signed_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub row_version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
