//! Pakta: the Leptos application (components, routes, server functions) and the pure domain rules.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod format;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

pub use app::{shell, App};

/// Called by the browser entry point (`frontend`) so that this crate, and with it every
/// `#[island]` it exports to the islands loader, is linked into the wasm.
pub fn islands_linked() {}
