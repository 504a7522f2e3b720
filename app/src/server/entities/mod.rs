//! SeaORM entities for the tables the services use. Written to match `migrations/`.
pub mod account;
pub mod audit_log;
pub mod login_throttle;
pub mod official;
pub mod opd;
pub mod pact_template;
pub mod position_history;
pub mod session;
pub mod tpp_policy;
