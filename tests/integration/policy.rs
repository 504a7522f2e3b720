//! TPP policy versions over HTTP (admin): the list with the version in force, new versions, the
//! engine's validation on the form's fields, the page, and who may do it.
use crate::common::TestApp;
use crate::common::TestDb;
use crate::DEMO_PW;
use app::api::policy::PolicyVersionView;
use app::error::AppError;
use app::server::entities::tpp_policy;
use chrono::NaiveDate;
use http::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};

crate::on_both_engines!(
    admin_adds_a_policy_version_and_sees_which_is_in_force,
    policy_form_errors_name_their_field,
    policy_endpoints_are_admin_only,
);

const LIST: &str = "/api/admin/policy/list";
const CREATE: &str = "/api/admin/policy/create";

async fn list(app: &TestApp, cookie: &str) -> Vec<PolicyVersionView> {
    let r = app.call(LIST, &[], Some(cookie)).await;
    assert!(r.status.is_success(), "list: {} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body))
}

async fn create(app: &TestApp, cookie: &str, date: &str, body: &str, note: &str) -> crate::common::Reply {
    app.call(CREATE, &[("effective_from", date), ("body", body), ("note", note)], Some(cookie)).await
}

fn today_wib() -> NaiveDate {
    chrono::Utc::now().with_timezone(&app::format::wib()).date_naive()
}

/// The table row whose label starts with `label`, as (label, value).
fn row<'a>(v: &'a PolicyVersionView, label: &str) -> &'a (String, String) {
    v.tables
        .iter()
        .flat_map(|t| &t.rows)
        .find(|(k, _)| k.starts_with(label))
        .unwrap_or_else(|| panic!("no row {label} in {:?}", v.tables))
}

async fn admin_adds_a_policy_version_and_sees_which_is_in_force(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    // The demo's version 1, from 1 January 2026, in force today (the demo year).
    let before = list(&app, &admin).await;
    assert_eq!(before.len(), 1);
    let v1 = &before[0];
    assert_eq!((v1.version, v1.effective_from.to_string().as_str()), (1, "2026-01-01"));
    assert_eq!(v1.in_force, today_wib() >= NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    assert_eq!(row(v1, "Batas atas capaian").1, "120%");
    assert_eq!(row(v1, "TL3").1, "1,25%", "Indonesian decimals");
    assert_eq!(row(v1, "Sedang").1, "25%");
    let json: serde_json::Value = serde_json::from_str(&v1.json).expect("the JSON the form starts from");
    assert_eq!(json["cap"], serde_json::json!(120));

    // The page shows the policy in force as tables, the history and the form prefilled with JSON.
    let page = app.get("/admin/kebijakan-tpp", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Batas atas capaian per indikator",
        "120%",
        // A caption (with the id that names its scrollable region).
        "\">Potongan kehadiran",
        "role=\"region\"",
        "scope=\"col\"",
        "1 Januari 2026",
        "berlaku sekarang",
        "Versi baru",
        "name=\"body\"",
    ] {
        assert!(page.body.contains(text), "page lacks {text}");
    }
    let prefilled = ["\"cap\": 120", "&quot;cap&quot;: 120", "&#34;cap&#34;: 120"];
    assert!(prefilled.iter().any(|t| page.body.contains(t)), "the textarea holds the JSON in force");
    assert!(app.get("/admin", Some(&admin)).await.body.contains("href=\"/admin/kebijakan-tpp\""));

    // Version 2 from 1 July 2026 overrides the cap only; the page reloads with the notice.
    let r = create(&app, &admin, "2026-07-01", "{\"cap\": 110}", "Perwali 7/2026").await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.location(), Some("/admin/kebijakan-tpp?disimpan=1"));
    let after = list(&app, &admin).await;
    assert_eq!(after.iter().map(|v| v.version).collect::<Vec<_>>(), [2, 1], "latest date first");
    let (v2, v1) = (&after[0], &after[1]);
    assert_eq!(v2.effective_from, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
    assert_eq!(v2.note.as_deref(), Some("Perwali 7/2026"));
    assert_eq!(row(v2, "Batas atas capaian").1, "110%");
    assert_eq!(row(v2, "Komponen disiplin").1, "40% dari pagu TPP", "the rest stays the default");
    let v2_in_force = today_wib() >= v2.effective_from;
    assert_eq!(v2.in_force, v2_in_force);
    assert_eq!(v1.in_force, !v2_in_force);
    assert_eq!(v2.upcoming, !v2_in_force);
    assert_eq!(row(v1, "Batas atas capaian").1, "120%", "a past version never changes");
    let page = app.get("/admin/kebijakan-tpp?disimpan=1", Some(&admin)).await;
    assert!(page.body.contains("Versi kebijakan TPP baru tersimpan"));
    assert!(page.body.contains("1 Juli 2026") && page.body.contains("Perwali 7/2026"));
    app.finish().await;
}

async fn policy_form_errors_name_their_field(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let field_of = |e: AppError| match e {
        AppError::Validation { field, message } => (field, message),
        other => panic!("not a validation error: {other:?}"),
    };
    // Not JSON: the line and column.
    let r = create(&app, &admin, "2026-07-01", "{\n  \"cap\": 110,\n}", "").await;
    let (field, message) = field_of(r.app_error());
    assert_eq!(field, "body");
    assert!(message.contains("baris 3"), "{message}");
    // Impossible or unknown values: the policy key.
    for (body, key) in [
        ("{\"cap\": -5}", "cap"),
        ("{\"capp\": 110}", "capp"),
        ("{\"split\": {\"discipline\": 50}}", "split"),
        (
            "{\"factor_bands\": [{\"from\": 50, \"factor\": 50}, {\"from\": 60, \"factor\": 40}]}",
            "factor_bands[1].from",
        ),
    ] {
        let (field, message) = field_of(create(&app, &admin, "2026-07-01", body, "").await.app_error());
        assert_eq!(field, "body", "{body}");
        assert!(message.starts_with(&format!("{key}: ")), "{body}: {message}");
    }
    // The date: its format, and one version per effective date.
    for date in ["", "01-07-2026", "2026-13-01"] {
        assert_eq!(
            field_of(create(&app, &admin, date, "{}", "").await.app_error()).0,
            "effective_from",
            "{date}"
        );
    }
    let (field, message) = field_of(create(&app, &admin, "2026-01-01", "{}", "").await.app_error());
    assert_eq!(field, "effective_from");
    assert!(message.contains("1 Januari 2026"), "{message}");
    // The note is optional but short.
    let long = "x".repeat(501);
    assert_eq!(field_of(create(&app, &admin, "2026-07-01", "{}", &long).await.app_error()).0, "note");
    assert_eq!(tpp_policy::Entity::find().count(&app.db).await.unwrap(), 1, "nothing stored");
    // An empty object is the default policy; the note may be left out.
    let r = create(&app, &admin, "2026-07-01", "{}", "").await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{} {}", r.status, r.body);
    let v2 = list(&app, &admin).await.into_iter().find(|v| v.version == 2).expect("version 2");
    assert_eq!(v2.note, None);
    app.finish().await;
}

async fn policy_endpoints_are_admin_only(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let nip = crate::first_official_nip(&app, "Kepala Dinas Pariwisata").await;
    let official = app.login(&nip, DEMO_PW).await;
    let full = [("effective_from", "2026-07-01"), ("body", "{\"cap\": 110}"), ("note", "")];
    for (role, cookie) in [("anonymous", None), ("dprd", Some(&dprd)), ("official", Some(&official))] {
        let expected = if cookie.is_none() { AppError::Unauthenticated } else { AppError::Forbidden };
        for (endpoint, form) in [(LIST, &[][..]), (CREATE, &full[..]), (CREATE, &[][..])] {
            let r = app.call(endpoint, form, cookie.map(|c| c.as_str())).await;
            assert_eq!(r.app_error(), expected, "{role} → {endpoint} {form:?}");
        }
        let page = app.get("/admin/kebijakan-tpp", cookie.map(|c| c.as_str())).await;
        assert!(!page.body.contains("Batas atas capaian"), "{role} sees no policy");
    }
    assert_eq!(tpp_policy::Entity::find().count(&app.db).await.unwrap(), 1, "nothing stored");
    app.finish().await;
}
