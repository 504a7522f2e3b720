//! Error messages carried in links (issue 14, item 9): a page shows an error from its link only
//! when this server put it there, for this browser; a link written by anyone else loses it.
use crate::common::{Reply, TestApp, TestDb};
use crate::DEMO_PW;
use app::server::entities::pact_version;
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

crate::on_both_engines!(
    a_forged_action_error_is_not_shown,
    a_forged_galat_is_not_shown,
    a_real_no_js_login_error_is_shown_to_its_browser_only,
);

const FORGED: &str = "Akun Anda dibekukan. Verifikasi ulang di https://pakta-batu.example/verifikasi";

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
        for _ in chunk.len()..3 {
            out.push('=');
        }
    }
    out
}

fn query_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The `name=value` of the error link's nonce cookie set by `r`.
fn nonce_cookie(r: &Reply) -> String {
    r.set_cookie_headers()
        .into_iter()
        .find(|c| c.starts_with("pakta_galat="))
        .map(|c| c.split(';').next().unwrap_or("").to_string())
        .unwrap_or_else(|| panic!("no nonce cookie: {:?}", r.set_cookie_headers()))
}

/// GETs `path`; a redirect is followed once (with the same cookie) and must drop the error.
async fn page_after_guard(app: &TestApp, path: &str, cookie: Option<&str>) -> String {
    let r = app.get(path, cookie).await;
    assert!(!r.body.contains("dibekukan") && !r.body.contains("FORGED"), "{}", r.body);
    if !r.status.is_redirection() {
        return r.body;
    }
    let to = r.location().expect("location").to_string();
    assert!(!to.contains("__err") && !to.contains("galat") && !to.contains("__tanda"), "{to}");
    let page = app.get(&to, cookie).await;
    assert_eq!(page.status, StatusCode::OK, "{to}");
    page.body
}

async fn a_forged_action_error_is_not_shown(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let forged = [
        serde_json::json!({ "Conflict": FORGED }),
        serde_json::json!({ "Validation": { "field": "username", "message": FORGED } }),
        serde_json::json!({ "Transport": FORGED }),
    ];
    for error in forged {
        let err = base64url(error.to_string().as_bytes());
        let link = format!("/masuk?__path=/api/login&__err={err}");
        let r = app.get(&link, None).await;
        assert!(r.status.is_redirection(), "{link}: {} {}", r.status, r.body);
        assert_eq!(r.location(), Some("/masuk"));
        let page = page_after_guard(&app, &link, None).await;
        assert!(page.contains("Masuk ke Pakta"), "the login page itself is shown");
        assert!(!page.contains("dibekukan"), "{page}");
        // Nor with a made-up signature and nonce.
        let signed = format!("{link}&__tanda={}", "ab".repeat(32));
        let page = page_after_guard(&app, &signed, Some("pakta_galat=00112233")).await;
        assert!(!page.contains("dibekukan"), "{page}");
    }
    // Other query parameters of the page are kept.
    let r = app.get(&format!("/masuk?sesi=berakhir&galat={}", query_encode(FORGED)), None).await;
    assert_eq!(r.location(), Some("/masuk?sesi=berakhir"));
    app.finish().await;
}

async fn a_forged_galat_is_not_shown(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    app::server::demo_pacts::seed_pacts(&app.db, 2026).await.expect("demo pacts");
    let awaiting = pact_version::Entity::find()
        .filter(pact_version::Column::Status.eq("awaiting_signatures"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a demo pact awaiting signatures");
    let admin = app.login("admin", DEMO_PW).await;
    let pact = format!("/pakta/{}", awaiting.pact_id);
    // The paper-signature box, where `galat` is shown, is on this page for the admin.
    let plain = app.get(&pact, Some(&admin)).await;
    assert!(plain.body.contains("tanda-tangan-kertas"), "{}", plain.body);
    for link in [
        format!("{pact}?galat={}", query_encode(FORGED)),
        format!("{pact}?galat=FORGED&medan=scan"),
        format!("{pact}?medan=&galat={}", query_encode(FORGED)),
    ] {
        let r = app.get(&link, Some(&admin)).await;
        assert!(r.status.is_redirection(), "{link}: {}", r.status);
        assert_eq!(r.location(), Some(pact.as_str()));
        let page = page_after_guard(&app, &link, Some(&admin)).await;
        assert!(page.contains("tanda-tangan-kertas") && !page.contains("FORGED"), "{link}");
    }
    app.finish().await;
}

async fn a_real_no_js_login_error_is_shown_to_its_browser_only(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let r = app.post_form("/api/login", &[("username", "admin"), ("password", "salah")], None).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    let back =
        r.location().expect("redirect back to the form").trim_start_matches("http://localhost").to_string();
    assert!(back.starts_with("/masuk?") && back.contains("__err=") && back.contains("__tanda="), "{back}");
    let cookie = nonce_cookie(&r);
    assert!(r.set_cookie_headers().iter().any(|c| c.contains("HttpOnly") && c.contains("SameSite=Lax")));
    // The browser that posted the form sees the server's message.
    let page = app.get(&back, Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("kata sandi salah"), "{}", page.body);
    // The same link sent to someone else (no nonce, or another one) shows no error.
    for other in [None, Some("pakta_galat=0123456789abcdef0123456789abcdef")] {
        let r = app.get(&back, other).await;
        assert!(r.status.is_redirection(), "{}", r.status);
        assert_eq!(r.location(), Some("/masuk"));
    }
    // Altered in any carried part, it is dropped too.
    let altered = back.replace("__path=%2Fapi%2Flogin", "__path=%2Fapi%2Flogout");
    assert_ne!(altered, back);
    assert!(app.get(&altered, Some(&cookie)).await.status.is_redirection());
    app.finish().await;
}
