//! Issue 15: a plain form post (no JavaScript, or a page whose form is not an island) is sent
//! back to its page, which shows what the server function answered, once; an earlier error in
//! the link is dropped after a success.
use crate::common::{server_fn_request, TestApp, TestDb};
use crate::DEMO_PW;

crate::on_both_engines!(a_plain_post_shows_its_answer_on_the_page_once);

fn flash_cookie(set_cookies: &[String]) -> Option<String> {
    set_cookies
        .iter()
        .find(|c| c.starts_with("pakta_hasil="))
        .map(|c| c.split(';').next().unwrap_or("").to_string())
}

async fn a_plain_post_shows_its_answer_on_the_page_once(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let page = "/admin/tpp?tahun=2026&tw=2";
    // Sent back from a page whose link still carries an earlier refusal.
    let mut req = server_fn_request(
        "/api/admin/tpp/run",
        &[("year", "2026"), ("quarter", "2")],
        Some(&admin),
        "text/html",
    );
    req.headers_mut().insert(
        "referer",
        format!("http://localhost{page}&__path=%2Fapi%2Fadmin%2Ftpp%2Frun&__err=eyJ9&__tanda=00")
            .parse()
            .unwrap(),
    );
    let r = app.send(req).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    let back = r.location().expect("back to the page").trim_start_matches("http://localhost").to_string();
    assert_eq!(back, page, "the earlier error is not carried back");
    let flash = flash_cookie(&r.set_cookie_headers()).expect("the answer is kept for the page");
    assert!(r.set_cookie_headers().iter().any(|c| c.starts_with("pakta_hasil=") && c.contains("HttpOnly")));

    // The page shows the run's totals, and clears the cookie.
    let cookies = format!("{admin}; {flash}");
    let shown = app.get(page, Some(&cookies)).await;
    assert_eq!(shown.status, http::StatusCode::OK);
    assert!(shown.body.contains("pejabat dihitung, total"), "{}", shown.body);
    assert!(
        shown.set_cookie_headers().iter().any(|c| c.starts_with("pakta_hasil=;") && c.contains("Max-Age=0")),
        "{:?}",
        shown.set_cookie_headers()
    );
    // Without it (the next visit), or with an altered one, no message.
    assert!(!app.get(page, Some(&admin)).await.body.contains("pejabat dihitung"));
    let (_, rest) = flash.split_once('.').unwrap();
    let forged = format!("{admin}; pakta_hasil={}.{rest}", "0".repeat(64));
    assert!(!app.get(page, Some(&forged)).await.body.contains("pejabat dihitung"), "{forged}");
    // A refusal keeps no answer.
    let r = app.post_form("/api/admin/tpp/run", &[("year", "2026"), ("quarter", "5")], Some(&admin)).await;
    assert!(r.location().unwrap_or_default().contains("__err="), "{:?}", r.location());
    assert!(flash_cookie(&r.set_cookie_headers()).is_none());
    app.finish().await;
}
