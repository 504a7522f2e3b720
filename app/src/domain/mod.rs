//! The rules of `shared/domain.md` as pure functions over plain types: no I/O, no clock, no
//! database, no Leptos. Compiles for the server and for wasm32 alike.
pub mod account;
pub mod achievement;
pub mod case;
pub mod distribution;
pub mod evaluation;
pub mod exact;
pub mod explanation;
pub mod factor;
pub mod json;
pub mod nip;
pub mod organisation;
pub mod pact;
pub mod policy;
pub mod predikat;
pub mod privacy;
#[cfg(test)]
mod properties;
pub mod quarter_sheet;
pub mod rating;
pub mod rounding;
pub mod score;
pub mod statistics;
pub mod tpp;

pub use account::{Credentials, Role};
pub use nip::Nip;
pub use organisation::PositionKind;

/// A rule broken by an input value; `field` names the input at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct DomainError {
    pub field: String,
    pub message: String,
}

impl DomainError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        DomainError { field: field.to_string(), message: message.into() }
    }
}

impl From<DomainError> for crate::error::AppError {
    fn from(e: DomainError) -> Self {
        crate::error::AppError::Validation { field: e.field, message: e.message }
    }
}
