//! How responses travel to a phone on mobile data (issue 15): compressed, and cached only where
//! that is both safe and useful.
//!
//! - The browser bundle (`/pkg/…`) is served from files compressed at build time (`.br`, `.gz`
//!   beside each file, `cargo leptos build --precompress`), chosen by `Accept-Encoding`. Hashed
//!   names (a release build) are cached for a year as immutable; plain names (a debug build) are
//!   revalidated on every use.
//! - Pages and JSON are compressed on the fly. PDFs, XLSX (already zip) and the wasm (compressed
//!   at build time) are not.
//! - A response to a signed-in request, and every server-function answer, is `no-store`: it may
//!   carry someone's pay or record and must not linger in a shared or back-button cache. Other
//!   pages (login, public verification) are `no-cache`: stored, but checked before reuse.
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use http::header::{HeaderValue, CACHE_CONTROL};
use tower_http::compression::predicate::{NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel, DefaultPredicate};
use tower_http::services::ServeDir;

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const REVALIDATE: &str = "no-cache";
pub const PRIVATE: &str = "private, no-store";

/// The bundle's files under `/pkg`, preferring the precompressed copies.
pub fn bundle(site_root: &str, hashed_names: bool) -> Router {
    let dir = std::path::Path::new(site_root).join("pkg");
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let policy = HeaderValue::from_static(if hashed_names { IMMUTABLE } else { REVALIDATE });
    Router::new().fallback_service(files).layer(axum::middleware::from_fn(move |req: Request, next: Next| {
        let policy = policy.clone();
        async move {
            let mut resp = next.run(req).await;
            // A missing file is not cached for a year.
            let policy = if resp.status().is_success() || resp.status() == http::StatusCode::NOT_MODIFIED {
                policy
            } else {
                HeaderValue::from_static(REVALIDATE)
            };
            resp.headers_mut().insert(CACHE_CONTROL, policy);
            resp
        }
    }))
}

/// On-the-fly compression of pages and JSON: Brotli at a quality that costs little CPU per page,
/// or gzip, as the browser accepts.
pub fn compression() -> CompressionLayer<impl Predicate> {
    let predicate = DefaultPredicate::new()
        .and(NotForContentType::const_new("application/pdf"))
        .and(NotForContentType::const_new(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ))
        .and(NotForContentType::const_new("application/zip"))
        .and(NotForContentType::const_new("application/wasm"));
    CompressionLayer::new().br(true).gzip(true).quality(CompressionLevel::Precise(5)).compress_when(predicate)
}

/// Sets `Cache-Control` where a handler did not: `no-store` for signed-in requests and server
/// functions, `no-cache` for the rest. The bundle sets its own.
pub async fn cache_policy(State(state): State<app::server::AppState>, req: Request, next: Next) -> Response {
    let private = req.uri().path().starts_with("/api/")
        || app::server::context::token_from_headers(req.headers(), state.secure_cookies).is_some();
    let mut resp = next.run(req).await;
    if !resp.headers().contains_key(CACHE_CONTROL) {
        let policy = if private { PRIVATE } else { REVALIDATE };
        resp.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    resp
}
