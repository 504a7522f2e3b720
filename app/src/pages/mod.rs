//! One module per screen.
pub mod accounts;
pub mod admin;
pub mod audit;
pub mod dprd;
pub mod login;
pub mod logout;
pub mod not_found;
pub mod official;
pub mod official_form;
pub mod official_import;
pub mod official_transfer;
pub mod officials;
pub mod pact;
pub mod pact_editor;
pub mod pact_template;
pub mod pacts;
pub mod verification;
