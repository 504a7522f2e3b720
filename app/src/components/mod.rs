//! Reusable view pieces.
pub mod action;
pub mod charts;
pub mod enhance;
pub mod feedback;
pub mod form;
pub mod form_memory;
pub mod layout;
pub mod run_progress;
