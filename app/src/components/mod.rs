//! Reusable view pieces.
pub mod feedback;
pub mod layout;
