//! Issue 15: what travels to a phone is compressed, and cached only where that is safe: the
//! bundle under hashed names for a year, pages revalidated, anything signed-in never stored.
use crate::common::{send_to, settings, TestApp, TestDb};
use axum::body::Body;
use http::Request;
use http_body_util::BodyExt;
use std::io::Read;
use tower::ServiceExt;

struct Raw {
    status: http::StatusCode,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

async fn fetch(router: &axum::Router, path: &str, encoding: Option<&str>, cookie: Option<&str>) -> Raw {
    let mut req = Request::get(path).header("accept", "text/html");
    if let Some(e) = encoding {
        req = req.header("accept-encoding", e);
    }
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let resp = router.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().collect().await.unwrap().to_bytes().to_vec();
    Raw { status, headers, body }
}

fn header<'a>(r: &'a Raw, name: &str) -> Option<&'a str> {
    r.headers.get(name).and_then(|v| v.to_str().ok())
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096).read_to_end(&mut out).expect("valid brotli");
    out
}

crate::on_both_engines!(pages_are_compressed_and_cached_by_what_they_hold);

async fn pages_are_compressed_and_cached_by_what_they_hold(db: TestDb) {
    let app = TestApp::with_demo(db).await;

    // A public page: revalidated before reuse; Brotli when asked for, the same page unpacked.
    let plain = fetch(&app.router, "/masuk", None, None).await;
    assert_eq!(plain.status, 200);
    assert_eq!(header(&plain, "cache-control"), Some("no-cache"));
    assert_eq!(header(&plain, "content-encoding"), None);
    let packed = fetch(&app.router, "/masuk", Some("br, gzip"), None).await;
    assert_eq!(header(&packed, "content-encoding"), Some("br"));
    assert!(packed.body.len() * 2 < plain.body.len(), "{} vs {} bytes", packed.body.len(), plain.body.len());
    let unpacked = String::from_utf8(unbrotli(&packed.body)).unwrap();
    assert!(unpacked.contains("id=\"username\"") || unpacked.contains("Nama pengguna"), "the login page");
    let gz = fetch(&app.router, "/masuk", Some("gzip"), None).await;
    assert_eq!(header(&gz, "content-encoding"), Some("gzip"));

    // Signed in: never stored, neither the page nor a server function's answer.
    let cookie = app.login("admin", app::server::demo::DEMO_PASSWORD).await;
    let admin = fetch(&app.router, "/admin", Some("br"), Some(&cookie)).await;
    assert_eq!(admin.status, 200);
    assert_eq!(header(&admin, "cache-control"), Some("private, no-store"));
    assert_eq!(header(&admin, "content-encoding"), Some("br"));
    let api = app.call("/api/me", &[], Some(&cookie)).await;
    assert_eq!(api.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("private, no-store"));

    // Exports are already compressed (zip) or binary: sent as they are, never stored.
    let xlsx =
        fetch(&app.router, "/admin/tpp/nominatif.xlsx?tahun=2026&tw=1", Some("br, gzip"), Some(&cookie))
            .await;
    assert_eq!(xlsx.status, 200);
    assert_eq!(header(&xlsx, "content-encoding"), None);
    assert_eq!(header(&xlsx, "cache-control"), Some("private, no-store"));
    let csv = fetch(&app.router, "/admin/tpp/nominatif.csv?tahun=2026&tw=1", Some("br"), Some(&cookie)).await;
    assert_eq!(header(&csv, "cache-control"), Some("private, no-store"));

    // The debug bundle has plain names: revalidated, compressed on the fly (CSS), the wasm as is.
    let css = fetch(&app.router, "/pkg/pakta.css", Some("br"), None).await;
    assert_eq!(css.status, 200);
    assert_eq!(header(&css, "cache-control"), Some("no-cache"));
    assert_eq!(header(&css, "content-encoding"), Some("br"));
    assert!(unpacked.contains("href=\"/pkg/pakta.css\""), "the page links the plain name");
    app.finish().await;
}

/// A release bundle: hashed names, each file beside its Brotli and gzip copies, and the hashes
/// in the site root. The page links the hashed stylesheet and script; the files are served
/// precompressed and cached for a year; a name that is not there is not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hashed_bundle_is_served_precompressed_and_immutable() {
    let Some(db) = TestDb::create(crate::common::Engine::Sqlite).await else { return };
    let site = std::env::temp_dir().join(format!("pakta-site-{}", uuid::Uuid::new_v4().simple()));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let css = b"body { color: #1b2430; } /* a stylesheet long enough to be worth compressing */".repeat(20);
    std::fs::write(pkg.join("pakta.c55h.css"), &css).unwrap();
    let mut br = Vec::new();
    {
        let mut w = brotli_compressor(&mut br);
        std::io::Write::write_all(&mut w, &css).unwrap();
    }
    std::fs::write(pkg.join("pakta.c55h.css.br"), &br).unwrap();
    std::fs::write(pkg.join("pakta.j5h.js"), b"export default function(){}").unwrap();
    std::fs::write(site.join("hash.txt"), "js: j5h\nwasm: w45h\ncss: c55h\n").unwrap();

    let mut s = settings(&db.url);
    s.site_root = site.to_string_lossy().into_owned();
    let state = pakta_server::startup::prepare(&s).await.expect("prepare");
    let router = pakta_server::startup::router(state.clone());

    let page =
        send_to(&router, Request::get("/masuk").header("accept", "text/html").body(Body::empty()).unwrap())
            .await;
    assert!(page.body.contains("href=\"/pkg/pakta.c55h.css\""), "hashed stylesheet linked");
    assert!(page.body.contains("pakta.j5h") && page.body.contains("pakta.w45h"), "hashed script and wasm");

    let served = fetch(&router, "/pkg/pakta.c55h.css", Some("br, gzip"), None).await;
    assert_eq!(served.status, 200);
    assert_eq!(header(&served, "content-encoding"), Some("br"));
    assert_eq!(header(&served, "cache-control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(unbrotli(&served.body), css, "the precompressed copy, unpacked, is the file");
    let missing = fetch(&router, "/pkg/pakta.0ld.css", Some("br"), None).await;
    assert_eq!(missing.status, 404);
    assert_ne!(header(&missing, "cache-control"), Some("public, max-age=31536000, immutable"));

    state.db.close_by_ref().await.ok();
    db.destroy().await;
    let _ = std::fs::remove_dir_all(&site);
}

fn brotli_compressor(out: &mut Vec<u8>) -> impl std::io::Write + '_ {
    brotli::CompressorWriter::new(out, 4096, 9, 22)
}
