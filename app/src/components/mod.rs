//! Reusable view pieces.
pub mod charts;
pub mod enhance;
pub mod feedback;
pub mod form;
pub mod layout;
pub mod run_progress;
