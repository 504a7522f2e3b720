//! Server functions by feature. Each has an explicit, stable endpoint under `/api/`, checks who is
//! asking first, then calls a service in `crate::server`.
pub mod accounts;
pub mod audit;
pub mod auth;
pub mod closing;
pub mod corrections;
pub mod discipline;
pub mod dprd;
pub mod evaluations;
pub mod my_record;
pub mod officials;
pub mod overview;
pub mod pacts;
pub mod policy;
pub mod tpp;
pub mod why;
