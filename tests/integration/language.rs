//! The language switch (issue 6): Indonesian by default, English on request, on every page of
//! every role; the switch itself is a same-origin form that returns the user to their page.
use crate::common::TestApp;
use crate::DEMO_PW;
use app::server::entities::{official, pact_version};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

crate::on_both_engines!(the_switch_sets_the_language_and_returns, every_page_of_every_role_speaks_english);

const EN: &str = "pakta_lang=en";

/// Words of the interface (not of the demo city's data: its OPDs, titles and indicators are
/// Indonesian in both languages) that an English page must not show.
const INDONESIAN_UI: &[&str] = &[
    "Simpan",
    "Unduh",
    "Keluar",
    "Kembali",
    "Belum ",
    "Tidak ada",
    "Halaman",
    "Cari",
    "Menunggu",
    "Lewati",
    "Beranda",
    "Triwulan",
    "Sebelumnya",
    "Berikutnya",
    "Batal",
    "Tampilkan",
    "Pilih",
    "Masuk ke",
    "Kata sandi",
    "Memuat",
    "sudah",
    "Rincian",
    "Ditandatangani",
];

/// The text a reader sees: no scripts (hydration data carries raw values), no tags.
fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        out.push(' ');
        let tail = &rest[start..];
        let end_tag = if tail.starts_with("<script") {
            tail.find("</script>").map(|i| i + "</script>".len())
        } else if tail.starts_with("<style") {
            tail.find("</style>").map(|i| i + "</style>".len())
        } else {
            tail.find('>').map(|i| i + 1)
        };
        match end_tag {
            Some(e) => rest = &tail[e..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where `word` stands as a whole word ("Keluar", not "Keluarga").
fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphabetic());
        let after = text[at + word.len()..].chars().next().is_none_or(|c| !c.is_alphabetic());
        before && after
    })
}

fn indonesian_left(text: &str) -> Vec<String> {
    INDONESIAN_UI
        .iter()
        .filter_map(|w| {
            find_word(text, w.trim()).map(|at| {
                let from = text[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
                let to = text[at..].char_indices().nth(50).map_or(text.len(), |(i, _)| at + i);
                format!("{w:?} in …{}…", text[from..to].split_whitespace().collect::<Vec<_>>().join(" "))
            })
        })
        .collect()
}

async fn the_switch_sets_the_language_and_returns(db: crate::common::TestDb) {
    let app = TestApp::with_demo(db).await;
    let login = app.get("/masuk", None).await;
    assert!(login.body.contains("<html lang=\"id\""), "Indonesian by default");
    assert!(login.body.contains("action=\"/bahasa\""), "the switch is on the login page");

    // A plain form post, as a browser without JavaScript sends it.
    let r = app.post_form("/bahasa", &[("bahasa", "en"), ("kembali", "/masuk?x=1")], None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), Some("/masuk?x=1"));
    let cookie = r.set_cookie_headers().join("\n");
    assert!(
        cookie.contains("pakta_lang=en") && cookie.contains("SameSite=Lax") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let english = app.get("/masuk", Some(EN)).await;
    assert!(english.body.contains("<html lang=\"en\""));
    assert!(english.body.contains("Log in"), "the login page in English");
    // The way back offered from an English page is Indonesian.
    assert!(english.body.contains("value=\"id\""));

    // Not to another site; not an unknown language; not from another site's form.
    let r = app.post_form("/bahasa", &[("bahasa", "en"), ("kembali", "//evil.example/")], None).await;
    assert_eq!(r.location(), Some("/masuk"));
    let r = app.post_form("/bahasa", &[("bahasa", "fr"), ("kembali", "/masuk")], None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let cross = http::Request::post("/bahasa")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "localhost")
        .header("origin", "https://evil.example")
        .body(axum::body::Body::from("bahasa=en&kembali=/masuk"))
        .unwrap();
    assert_eq!(app.send(cross).await.status, StatusCode::FORBIDDEN);

    // Messages from the server are shown in the page's language: a failed no-JavaScript login.
    let admin = app.login("admin", DEMO_PW).await;
    let both = format!("{admin}; {EN}");
    let home = app.get("/admin", Some(&both)).await;
    assert!(home.body.contains("<html lang=\"en\""));
    assert!(home.body.contains("Log out"));
    // The switch returns to the page with its query.
    let tpp = app.get("/admin/tpp?tahun=2026&tw=2", Some(&both)).await;
    assert!(
        tpp.body.contains("name=\"kembali\" value=\"/admin/tpp?tahun=2026&amp;tw=2\""),
        "the way back keeps the query"
    );
    app.finish().await;
}

async fn every_page_of_every_role_speaks_english(db: crate::common::TestDb) {
    let app = TestApp::with_demo(db).await;
    // The pages with something on them: the year's pacts, realisations, runs and results.
    app::server::demo_pacts::seed_pacts(&app.db, 2026).await.expect("demo pacts");
    app::server::demo_evaluations::seed_evaluations(&app.db, 2026).await.expect("demo evaluations");
    let admin = app.login("admin", DEMO_PW).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let head_nip = crate::first_official_nip(&app, "Kepala Dinas Pariwisata").await;
    let head = official::Entity::find()
        .filter(official::Column::Nip.eq(head_nip.clone()))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let official = app.login(&head_nip, DEMO_PW).await;
    let pact = pact_version::Entity::find()
        .filter(pact_version::Column::Status.eq("signed"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a signed pact");
    let id = head.id;

    let admin_pages = [
        "/admin".to_string(),
        "/admin/pejabat".into(),
        "/admin/pejabat/baru".into(),
        "/admin/pejabat/impor".into(),
        format!("/admin/pejabat/{id}"),
        format!("/admin/pejabat/{id}/mutasi"),
        format!("/admin/pejabat/{id}/disiplin"),
        "/admin/pakta".into(),
        "/admin/pakta/templat".into(),
        "/admin/kebijakan-tpp".into(),
        "/admin/realisasi?tahun=2026&tw=2".into(),
        format!("/admin/realisasi/{}/2", pact.id),
        "/admin/kehadiran/impor".into(),
        "/admin/tpp?tahun=2026&tw=2".into(),
        "/admin/koreksi".into(),
        "/admin/penutupan?tahun=2026&tw=2".into(),
        "/admin/audit".into(),
        "/admin/akun".into(),
        format!("/pakta/{}", pact.id),
        format!("/rincian-tpp/{id}/2026/5"),
    ];
    let mut visits: Vec<(String, Option<String>)> =
        vec![("/masuk".into(), None), ("/tidak-ada".into(), Some(admin.clone()))];
    visits.extend(admin_pages.into_iter().map(|p| (p, Some(admin.clone()))));
    for p in ["/saya", "/saya/tim"] {
        visits.push((p.into(), Some(official.clone())));
    }
    visits.push((format!("/rincian-tpp/{id}/2026/5"), Some(official.clone())));
    visits.push(("/dprd".into(), Some(dprd.clone())));

    let mut left = Vec::new();
    for (path, session) in &visits {
        let cookie = match session {
            Some(s) => format!("{s}; {EN}"),
            None => EN.to_string(),
        };
        let page = app.get(path, Some(&cookie)).await;
        assert!(
            page.status == StatusCode::OK || page.status == StatusCode::NOT_FOUND,
            "{path}: {} {:?}",
            page.status,
            page.location()
        );
        assert!(page.body.contains("<html lang=\"en\""), "{path} is not in English");
        for hit in indonesian_left(&visible_text(&page.body)) {
            left.push(format!("{path}: {hit}"));
        }
        // And the same page without the cookie is Indonesian.
        let plain = app.get(path, session.as_deref()).await;
        assert!(plain.body.contains("<html lang=\"id\""), "{path} by default");
    }
    assert!(left.is_empty(), "Indonesian interface text on English pages:\n{}", left.join("\n"));
    app.finish().await;
}
