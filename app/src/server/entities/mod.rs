//! SeaORM entities for the tables the services use. Written to match `migrations/`.
pub mod account;
pub mod audit_log;
pub mod indicator;
pub mod indicator_target;
pub mod login_throttle;
pub mod official;
pub mod opd;
pub mod pact;
pub mod pact_template;
pub mod pact_version;
pub mod position_history;
pub mod session;
pub mod signature;
pub mod stored_file;
pub mod stored_file_content;
pub mod tpp_policy;
