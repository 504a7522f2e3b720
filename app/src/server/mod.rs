//! Server-only services: the only code that talks to the database.
pub mod accounts;
pub mod audit;
pub mod audit_list;
pub mod auth;
pub mod context;
pub mod demo;
pub mod demo_pacts;
pub mod discipline;
pub mod entities;
pub mod evaluations;
pub mod files;
pub mod official_import;
pub mod official_input;
pub mod officials;
pub mod overview;
pub mod pact_pdf;
pub mod pact_print;
pub mod pacts;
pub mod policy;
pub mod state;
pub mod tpp_run;
pub mod transfer;

pub use state::AppState;
