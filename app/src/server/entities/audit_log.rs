use sea_orm::entity::prelude::*;

/// One entry of the tamper-evident audit log (hash chain, see `server::audit`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// 1, 2, 3, ... without gaps; unique.
    pub seq: i64,
    /// Truncated to microseconds, so that it reads back the same on both engines.
    pub at: DateTimeUtc,
    /// Who did it; `None` for the command line and the demo seed.
    pub account_id: Option<Uuid>,
    pub action: String,
    pub entity: String,
    pub record_id: Option<String>,
    /// JSON of the row before and after the change, as hashed.
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    /// Lowercase hex: HMAC-SHA256 with the audit key, or plain SHA-256 for an entry written
    /// before the chain was keyed (`key_id` `None`).
    pub hash: String,
    /// Fingerprint of the key the entry's HMAC was made with (`server::audit_key`); `None` for
    /// entries written before the chain was keyed.
    pub key_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
