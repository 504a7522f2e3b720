use sea_orm::entity::prelude::*;

/// One failed password check (a login, or a signature's password), kept in the database so
/// throttling survives restarts and holds across app servers; deleted once older than the
/// throttle's window. `address` is the client address as `throttle::ClientAddress::key` writes it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_failure")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub address: String,
    /// The account's username when the identifier named one, else the identifier as typed.
    pub identifier: String,
    pub failed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
