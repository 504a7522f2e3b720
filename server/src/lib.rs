//! The `pakta` binary's library: configuration, start-up and the command line, so tests can
//! build the same app the binary serves.
pub mod audit_key;
pub mod backup;
pub mod cli;
pub mod config;
pub mod delivery;
pub mod documents;
pub mod error_links;
pub mod flash;
pub mod language;
pub mod period;
pub mod refusal;
pub mod startup;
