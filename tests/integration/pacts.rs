//! Pacts over HTTP: authoring, the lifecycle, signing, immutability, tampering, who sees what.
use crate::common::{TestApp, TestDb};
use crate::DEMO_PW;
use app::api::pacts::{PactView, Verification};
use app::error::AppError;
use app::server::entities::{indicator, official, pact_version};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

crate::on_both_engines!(
    pact_goes_from_draft_to_signed_and_is_revised,
    signed_pact_never_changes,
    tampering_with_a_signed_pact_is_reported,
    indicator_errors_name_their_field,
    only_the_parties_and_admin_see_a_pact,
    mutasi_supersedes_the_pact_and_opens_a_revision,
    demo_pacts_cover_every_status,
    pact_pdf_passes_qpdf_and_gives_back_its_text,
    paper_signatures_are_recorded_with_their_scan,
    a_new_template_version_applies_to_new_pacts_only,
    the_head_of_region_is_offered_no_pact,
    save_and_open_lands_on_the_pact,
    the_admin_home_counts_what_is_left_to_do,
);

/// An eselon IV official and their superior (both with NIP), as (official, superior).
async fn official_and_superior(app: &TestApp) -> (official::Model, official::Model) {
    let o = official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a demo pengawas");
    let s = official::Entity::find_by_id(o.supervisor_id.unwrap()).one(&app.db).await.unwrap().unwrap();
    (o, s)
}

/// An editor row: (name, polarity, jenis target, weight, annual, [TW I..IV]).
type Row = (&'static str, &'static str, &'static str, &'static str, &'static str, [&'static str; 4]);

/// The editor's form fields for the rows.
fn rows(list: &[Row]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, (name, pol, kind, weight, annual, tw)) in list.iter().enumerate() {
        let mut put = |k: &str, v: &str| out.push((format!("indicators[{i}][{k}]"), v.to_string()));
        put("objective", "Meningkatnya kualitas layanan");
        put("name", name);
        put("unit", "%");
        put("polarity", pol);
        put("target_kind", kind);
        put("weight", weight);
        put("annual", annual);
        for (q, t) in tw.iter().enumerate() {
            put(&format!("tw{}", q + 1), t);
        }
    }
    out
}

const THREE: [Row; 3] = [
    ("Persentase realisasi anggaran", "max", "cumulative", "40", "95", ["20", "45", "70", "95"]),
    ("Jumlah pengaduan tidak terselesaikan", "min", "periodic", "35", "8", ["2", "2", "2", "2"]),
    ("Laju inflasi daerah", "range", "end_position", "25", "2–4", ["", "2-4,5", "", "2–4"]),
];

async fn view(app: &TestApp, cookie: &str, pact_id: Uuid, version: i32) -> PactView {
    let r = app
        .call(
            "/api/pacts/get",
            &[("id", &pact_id.to_string()), ("version", &version.to_string())],
            Some(cookie),
        )
        .await;
    assert!(r.status.is_success(), "get pact: {} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap()
}

async fn verify(app: &TestApp, code: &str) -> Verification {
    let r = app.call("/api/verify", &[("code", code)], None).await;
    assert!(r.status.is_success(), "verify: {} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap()
}

async fn create(app: &TestApp, admin: &str, official_id: Uuid) -> Uuid {
    let r = app
        .call(
            "/api/admin/pacts/create",
            &[("official_id", &official_id.to_string()), ("year", "2026")],
            Some(admin),
        )
        .await;
    assert!(r.status.is_success(), "create: {} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap()
}

async fn save(app: &TestApp, admin: &str, v: &PactView, list: &[Row]) -> crate::common::Reply {
    let mut form = vec![
        ("version_id".to_string(), v.version_id.to_string()),
        ("row_version".to_string(), v.row_version.to_string()),
    ];
    form.extend(rows(list));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call("/api/admin/pacts/save", &pairs, Some(admin)).await
}

async fn submit(app: &TestApp, admin: &str, v: &PactView) -> crate::common::Reply {
    app.call(
        "/api/admin/pacts/submit",
        &[("version_id", &v.version_id.to_string()), ("row_version", &v.row_version.to_string())],
        Some(admin),
    )
    .await
}

async fn sign(app: &TestApp, cookie: &str, v: &PactView, password: &str) -> crate::common::Reply {
    app.call(
        "/api/pacts/sign",
        &[("version_id", &v.version_id.to_string()), ("password", password)],
        Some(cookie),
    )
    .await
}

/// Authors, freezes and has both parties sign a pact; returns (pact id, admin, official, superior cookies).
async fn signed_pact(app: &TestApp) -> (Uuid, String, String, String) {
    let admin = app.login("admin", DEMO_PW).await;
    let (o, s) = official_and_superior(app).await;
    let me = app.login(o.nip.as_deref().unwrap(), DEMO_PW).await;
    let boss = app.login(s.nip.as_deref().unwrap(), DEMO_PW).await;
    let pact_id = create(app, &admin, o.id).await;
    let v = view(app, &admin, pact_id, 0).await;
    let r = save(app, &admin, &v, &THREE).await;
    assert!(r.status.is_success(), "save: {} {}", r.status, r.body);
    let v = view(app, &admin, pact_id, 0).await;
    assert!(submit(app, &admin, &v).await.status.is_success());
    let v = view(app, &me, pact_id, 0).await;
    assert!(sign(app, &me, &v, DEMO_PW).await.status.is_success());
    assert!(sign(app, &boss, &v, DEMO_PW).await.status.is_success());
    (pact_id, admin, me, boss)
}

async fn pact_goes_from_draft_to_signed_and_is_revised(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (o, s) = official_and_superior(&app).await;
    let pact_id = create(&app, &admin, o.id).await;
    // One pact per official per year.
    let again = app
        .call(
            "/api/admin/pacts/create",
            &[("official_id", &o.id.to_string()), ("year", "2026")],
            Some(&admin),
        )
        .await;
    assert!(matches!(again.app_error(), AppError::Conflict(_)));

    let v = view(&app, &admin, pact_id, 0).await;
    assert_eq!((v.status.as_str(), v.version_no), ("draft", 1));
    assert!(v.actions.edit && v.actions.submit);
    assert!(!v.integrity_points.is_empty(), "the template's points");
    assert_eq!(v.second_party.as_ref().unwrap().official_id, s.id);
    // An empty draft cannot be frozen.
    assert!(matches!(submit(&app, &admin, &v).await.app_error(), AppError::Validation { .. }));

    let r = save(&app, &admin, &v, &THREE).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let v = view(&app, &admin, pact_id, 0).await;
    assert_eq!(v.indicators.len(), 3);
    assert_eq!(v.indicators[2].annual.display_id(), "2–4");
    assert_eq!(v.indicators[2].quarters[1].unwrap().display_id(), "2–4,5");
    assert!(submit(&app, &admin, &v).await.status.is_success());
    let v = view(&app, &admin, pact_id, 0).await;
    assert_eq!(v.status, "awaiting_signatures");
    let code = v.verification_code.clone().expect("a code once frozen");
    assert_eq!(v.content_hash.as_ref().unwrap().len(), 64);
    assert_eq!(verify(&app, &code).await.verdict, "awaiting");

    let me = app.login(o.nip.as_deref().unwrap(), DEMO_PW).await;
    let boss = app.login(s.nip.as_deref().unwrap(), DEMO_PW).await;
    let mine = view(&app, &me, pact_id, 0).await;
    assert_eq!(mine.actions.sign_as.as_deref(), Some("first"));
    assert!(!mine.actions.edit && !mine.actions.cancel);
    // A wrong password signs nothing and says so beside the field.
    match sign(&app, &me, &v, "salah-sekali").await.app_error() {
        AppError::Validation { field, .. } => assert_eq!(field, "password"),
        other => panic!("{other:?}"),
    }
    assert!(view(&app, &admin, pact_id, 0).await.signatures.is_empty());
    assert!(sign(&app, &me, &v, DEMO_PW).await.status.is_success());
    assert!(matches!(sign(&app, &me, &v, DEMO_PW).await.app_error(), AppError::Conflict(_)), "twice");
    assert_eq!(view(&app, &boss, pact_id, 0).await.actions.sign_as.as_deref(), Some("second"));
    assert!(sign(&app, &boss, &v, DEMO_PW).await.status.is_success());
    let v1 = view(&app, &admin, pact_id, 0).await;
    assert_eq!(v1.status, "signed");
    assert_eq!(v1.signatures.len(), 2);
    assert_eq!(v1.valid_from, chrono::NaiveDate::from_ymd_opt(2026, 1, 1));
    let check = verify(&app, &code.to_lowercase().replace('-', " ")).await;
    assert_eq!(check.verdict, "valid");
    assert_eq!(check.official_name.as_deref(), Some(o.name.as_str()));
    assert_eq!(check.content_hash, v1.content_hash);
    // Issue 16: the official's record links to the pact, its quarter sheets and their TPP.
    let record = app.get(&format!("/admin/pejabat/{}", o.id), Some(&admin)).await;
    for link in [
        format!("/pakta/{pact_id}"),
        format!("/admin/realisasi/{pact_id}/2"),
        format!("/rincian-tpp/{}/2026/6", o.id),
        format!("/admin/pejabat/{}/disiplin", o.id),
    ] {
        assert!(record.body.contains(&format!("href=\"{link}\"")), "{link} on the record: {}", record.body);
    }
    // Issue 16: the verification names the agency and the period the pact governs.
    assert_eq!(check.opd_name.as_deref(), Some(v1.first_party.opd_name.as_str()));
    assert_eq!((check.valid_from, check.valid_until), (v1.valid_from, None));
    let page = app.get(&format!("/verifikasi/{code}"), None).await;
    assert!(page.body.contains("1 Januari 2026 – 31 Desember 2026"), "{}", page.body);
    assert!(page.body.contains(&v1.first_party.opd_name), "the agency on the public page");

    // A correction: a new draft version; the signed one stays in force until the new one is signed.
    let r = app
        .call(
            "/api/admin/pacts/revise",
            &[
                ("pact_id", &pact_id.to_string()),
                ("reason", "correction"),
                ("note", "Target TW II salah ketik"),
            ],
            Some(&admin),
        )
        .await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let v2 = view(&app, &admin, pact_id, 0).await;
    assert_eq!((v2.version_no, v2.status.as_str()), (2, "draft"));
    assert_eq!(v2.indicators, v1.indicators, "the revision starts from the signed content");
    let mut changed = THREE;
    changed[0].5 = ["25", "45", "70", "95"];
    assert!(save(&app, &admin, &v2, &changed).await.status.is_success());
    let v2 = view(&app, &admin, pact_id, 0).await;
    assert!(submit(&app, &admin, &v2).await.status.is_success());
    assert!(sign(&app, &me, &v2, DEMO_PW).await.status.is_success());
    assert!(sign(&app, &boss, &v2, DEMO_PW).await.status.is_success());
    let old = view(&app, &admin, pact_id, 1).await;
    assert_eq!(old.status, "superseded");
    assert!(old.valid_until.is_some());
    assert_eq!(old.indicators, v1.indicators, "the old version stays readable, unchanged");
    let v2 = view(&app, &admin, pact_id, 2).await;
    let check = verify(&app, &code).await;
    assert_eq!(check.verdict, "superseded");
    assert_eq!(check.current_code, v2.verification_code);
    assert_eq!(verify(&app, v2.verification_code.as_deref().unwrap()).await.verdict, "valid");
    assert_eq!(verify(&app, "ZZZZ-ZZZZ-ZZZZ").await.verdict, "unknown");
    const NEVER: &str = "tidak pernah berlaku (diganti pada hari mulai berlakunya)";
    let page = |n: i32| {
        let (app, admin) = (&app, &admin);
        async move { app.get(&format!("/pakta/{pact_id}?versi={n}"), Some(admin)).await.body }
    };
    assert!(page(2).await.contains("sejak "));
    assert!(!page(2).await.contains(NEVER));

    // Revised again and signed the same day: version 2 was never in force, and says so.
    let r = app
        .call(
            "/api/admin/pacts/revise",
            &[("pact_id", &pact_id.to_string()), ("reason", "correction")],
            Some(&admin),
        )
        .await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let v3 = view(&app, &admin, pact_id, 0).await;
    assert!(submit(&app, &admin, &v3).await.status.is_success());
    assert!(sign(&app, &me, &v3, DEMO_PW).await.status.is_success());
    assert!(sign(&app, &boss, &v3, DEMO_PW).await.status.is_success());
    let v2 = view(&app, &admin, pact_id, 2).await;
    let (from, until) = (v2.valid_from, v2.valid_until);
    assert!(matches!((from, until), (Some(f), Some(u)) if u < f), "{from:?} {until:?}");
    let (v1_page, v2_page, v3_page) = (page(1).await, page(2).await, page(3).await);
    assert!(v2_page.contains(NEVER), "{v2_page}");
    assert!(v1_page.contains(" s.d. ") && !v1_page.contains(NEVER));
    assert!(v3_page.contains("sejak ") && !v3_page.contains(NEVER));
    app.finish().await;
}

async fn signed_pact_never_changes(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let (pact_id, admin, _, _) = signed_pact(&app).await;
    let v = view(&app, &admin, pact_id, 0).await;
    assert_eq!(v.status, "signed");
    let before = v.indicators.clone();
    // Through the server functions...
    let mut other = THREE;
    other[0].0 = "Indikator yang diganti";
    assert!(matches!(save(&app, &admin, &v, &other).await.app_error(), AppError::Conflict(_)));
    assert!(matches!(submit(&app, &admin, &v).await.app_error(), AppError::Conflict(_)));
    // ...and through the service, whatever row version is claimed.
    let rows: Vec<app::domain::pact::IndicatorInput> =
        before.iter().map(app::domain::pact::IndicatorInput::from_indicator).collect();
    for rv in [v.row_version, v.row_version + 1, 1] {
        let r = app::server::pacts::save_draft(
            &app.db,
            v.version_id,
            &rv.to_string(),
            &rows,
            None,
            chrono::Utc::now(),
        )
        .await;
        assert!(matches!(r, Err(AppError::Conflict(_))), "{r:?}");
    }
    let after = view(&app, &admin, pact_id, 0).await;
    assert_eq!(after.indicators, before);
    assert_eq!(after.content_hash, v.content_hash);
    assert_eq!(after.status, "signed");
    app.finish().await;
}

async fn tampering_with_a_signed_pact_is_reported(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let (pact_id, admin, _, _) = signed_pact(&app).await;
    let v = view(&app, &admin, pact_id, 0).await;
    let code = v.verification_code.clone().unwrap();
    assert_eq!(verify(&app, &code).await.verdict, "valid");
    // Someone edits a signed indicator's target directly in the database.
    let row = indicator::Entity::find()
        .filter(indicator::Column::PactVersionId.eq(v.version_id))
        .filter(indicator::Column::Position.eq(1))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    indicator::Entity::update(indicator::ActiveModel { annual_target: Set(Some("50".into())), ..row.into() })
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(verify(&app, &code).await.verdict, "tampered");
    let page = app.get(&format!("/verifikasi/{code}"), None).await;
    assert!(page.body.contains("ISI TIDAK COCOK"), "the public page says so loudly");
    app.finish().await;
}

async fn indicator_errors_name_their_field(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (o, _) = official_and_superior(&app).await;
    let pact_id = create(&app, &admin, o.id).await;
    let v = view(&app, &admin, pact_id, 0).await;
    let mut bad = THREE;
    bad[0].3 = "30";
    match save(&app, &admin, &v, &bad).await.app_error() {
        AppError::Validation { field, message } => {
            assert_eq!(field, "weight_total");
            assert!(message.contains("90"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let mut bad = THREE;
    bad[1].5 = ["2", "2", "2", "1"];
    match save(&app, &admin, &v, &bad).await.app_error() {
        AppError::Validation { field, .. } => assert_eq!(field, "indicators[1].annual"),
        other => panic!("{other:?}"),
    }
    let mut bad = THREE;
    bad[0].4 = "sembilan puluh";
    match save(&app, &admin, &v, &bad).await.app_error() {
        AppError::Validation { field, .. } => assert_eq!(field, "indicators[0].annual"),
        other => panic!("{other:?}"),
    }
    assert!(view(&app, &admin, pact_id, 0).await.indicators.is_empty(), "nothing saved");
    // A stale form is refused.
    assert!(save(&app, &admin, &v, &THREE).await.status.is_success());
    assert!(matches!(save(&app, &admin, &v, &THREE).await.app_error(), AppError::Conflict(_)));
    app.finish().await;
}

async fn only_the_parties_and_admin_see_a_pact(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let (pact_id, admin, me, boss) = signed_pact(&app).await;
    let (o, s) = official_and_superior(&app).await;
    let stranger = official::Entity::find()
        .filter(official::Column::Id.ne(o.id))
        .filter(official::Column::Id.ne(s.id))
        .filter(official::Column::Nip.is_not_null())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let stranger = app.login(stranger.nip.as_deref().unwrap(), DEMO_PW).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let id = pact_id.to_string();
    for cookie in [&admin, &me, &boss] {
        assert!(app.call("/api/pacts/get", &[("id", &id)], Some(cookie)).await.status.is_success());
    }
    for cookie in [&stranger, &dprd] {
        assert_eq!(
            app.call("/api/pacts/get", &[("id", &id)], Some(cookie)).await.app_error(),
            AppError::NotFound
        );
        let page = app.get(&format!("/pakta/{id}"), Some(cookie)).await;
        assert!(!page.body.contains(&o.name), "the page shows nothing of the pact");
    }
    assert_eq!(app.call("/api/pacts/get", &[("id", &id)], None).await.app_error(), AppError::Unauthenticated);
    // Admin-only endpoints refuse officials and DPRD.
    for endpoint in [
        "/api/admin/pacts/list",
        "/api/admin/pacts/create",
        "/api/admin/pacts/save",
        "/api/admin/pacts/submit",
        "/api/admin/pacts/cancel",
        "/api/admin/pacts/revise",
        "/api/admin/pact-template/get",
        "/api/admin/pact-template/save",
    ] {
        for cookie in [&me, &boss, &dprd] {
            assert_eq!(
                app.call(endpoint, &[("id", &id)], Some(cookie)).await.app_error(),
                AppError::Forbidden,
                "{endpoint}"
            );
        }
        assert_eq!(app.call(endpoint, &[], None).await.app_error(), AppError::Unauthenticated, "{endpoint}");
    }
    // The official's home lists the pact; the superior's lists it as a report's.
    let mine: Vec<app::api::pacts::MyPact> =
        serde_json::from_str(&app.call("/api/pacts/mine", &[], Some(&me)).await.body).unwrap();
    assert!(mine.iter().any(|p| p.pact_id == pact_id && p.my_party == "first"));
    let team: Vec<app::api::pacts::MyPact> =
        serde_json::from_str(&app.call("/api/pacts/mine", &[], Some(&boss)).await.body).unwrap();
    assert!(team.iter().any(|p| p.pact_id == pact_id && p.my_party == "second"));
    app.finish().await;
}

async fn mutasi_supersedes_the_pact_and_opens_a_revision(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let (pact_id, admin, _, _) = signed_pact(&app).await;
    let (o, _) = official_and_superior(&app).await;
    let form = [
        ("id", o.id.to_string()),
        ("row_version", o.row_version.to_string()),
        ("opd_id", o.opd_id.to_string()),
        ("position_title", "Kepala Seksi Baru".to_string()),
        ("position_kind", o.position_kind.clone()),
        ("job_class", o.job_class.to_string()),
        ("supervisor_id", o.supervisor_id.unwrap().to_string()),
        ("monthly_ceiling", o.monthly_ceiling.to_string()),
        ("tmt", "2026-07-01".to_string()),
        ("note", "".to_string()),
    ];
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.call("/api/admin/officials/transfer", &pairs, Some(&admin)).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{} {}", r.status, r.body);
    let v1 = view(&app, &admin, pact_id, 1).await;
    assert_eq!(v1.status, "superseded");
    assert_eq!(v1.valid_until, chrono::NaiveDate::from_ymd_opt(2026, 6, 30));
    let v2 = view(&app, &admin, pact_id, 0).await;
    assert_eq!(
        (v2.version_no, v2.status.as_str(), v2.revision_reason.as_deref()),
        (2, "draft", Some("transfer"))
    );
    assert_eq!(v2.valid_from, chrono::NaiveDate::from_ymd_opt(2026, 7, 1));
    assert_eq!(v2.first_party.position_title, "Kepala Seksi Baru");
    assert_eq!(v2.indicators, v1.indicators, "targets carried over for adjustment");
    assert_eq!(verify(&app, v1.verification_code.as_deref().unwrap()).await.verdict, "superseded");
    app.finish().await;
}

async fn demo_pacts_cover_every_status(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let made = app::server::demo_pacts::seed_pacts(&app.db, 2026).await.expect("demo pacts");
    assert!(made.signed > 150 && made.awaiting >= 5 && made.drafts >= 5 && made.superseded == 2, "{made:?}");
    let versions = pact_version::Entity::find().all(&app.db).await.unwrap();
    for status in ["draft", "awaiting_signatures", "signed", "superseded"] {
        assert!(versions.iter().any(|v| v.status == status), "{status}");
    }
    // Every signed demo pact verifies as valid.
    for v in versions.iter().filter(|v| v.status == "signed").take(20) {
        assert_eq!(verify(&app, v.verification_code.as_deref().unwrap()).await.verdict, "valid");
    }
    app.finish().await;
}

async fn pact_pdf_passes_qpdf_and_gives_back_its_text(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let (pact_id, admin, me, _) = signed_pact(&app).await;
    let (o, s) = official_and_superior(&app).await;
    let v = view(&app, &admin, pact_id, 0).await;
    let r = app.get(&format!("/pakta/{pact_id}/pdf"), Some(&me)).await;
    assert_eq!(r.status, http::StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers.get("content-type").unwrap(), "application/pdf");
    let pdf = app.get_bytes(&format!("/pakta/{pact_id}/pdf"), Some(&me)).await;
    assert!(pdf.starts_with(b"%PDF"));
    let text = crate::common::checked_pdf_text(&pdf, false);
    let code = v.verification_code.clone().unwrap();
    let spaced = |n: &Option<String>| app::domain::Nip::parse(n.as_deref().unwrap()).unwrap().spaced();
    for needle in [
        o.name.as_str(),
        s.name.as_str(),
        &spaced(&o.nip),
        &spaced(&s.nip),
        "PAKTA INTEGRITAS",
        "PERJANJIAN KINERJA",
        "Persentase realisasi anggaran",
        "Jumlah pengaduan tidak terselesaikan",
        "Laju inflasi daerah",
        "2–4,5",
        "Ditandatangani secara elektronik",
        code.as_str(),
        v.content_hash.as_deref().unwrap(),
    ] {
        assert!(text.contains(needle), "PDF text lacks {needle:?}:\n{text}");
    }
    // Issue 16, item 9: each signature block prints "NIP 1974…" with the label once (both
    // parties sign the integrity pact, the agreement and its annex).
    for nip in [&o.nip, &s.nip] {
        let labelled = format!("NIP {}", spaced(nip));
        assert_eq!(text.matches(&labelled).count(), 3, "{labelled:?} under each signature:\n{text}");
    }
    assert!(!text.contains("NIP. NIP") && !text.contains("NIP NIP"), "the label printed twice:\n{text}");
    // Another official may not download it; the admin may.
    let stranger = official::Entity::find()
        .filter(official::Column::Id.ne(o.id))
        .filter(official::Column::Id.ne(s.id))
        .filter(official::Column::Nip.is_not_null())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let stranger = app.login(stranger.nip.as_deref().unwrap(), DEMO_PW).await;
    assert_eq!(
        app.get(&format!("/pakta/{pact_id}/pdf"), Some(&stranger)).await.status,
        http::StatusCode::NOT_FOUND
    );
    assert_eq!(app.get(&format!("/pakta/{pact_id}/pdf"), Some(&admin)).await.status, http::StatusCode::OK);
    // A draft prints with the DRAF watermark and no verification code.
    let other = official::Entity::find()
        .filter(official::Column::PositionKind.eq("administrator"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let draft_id = create(&app, &admin, other.id).await;
    let d = view(&app, &admin, draft_id, 0).await;
    assert!(save(&app, &admin, &d, &THREE).await.status.is_success());
    let pdf = app.get_bytes(&format!("/pakta/{draft_id}/pdf"), Some(&admin)).await;
    let raw = crate::common::checked_pdf_text(&pdf, true);
    assert!(raw.contains("DRAF"), "watermark:\n{raw}");
    assert!(!raw.contains("Kode verifikasi"), "a draft has no code:\n{raw}");
    assert!(raw.contains(&other.name));
    app.finish().await;
}

/// A multipart POST of the paper-signature form.
async fn post_paper(
    app: &TestApp,
    cookie: &str,
    version_id: Uuid,
    party: &str,
    signed_on: &str,
    scan: &[u8],
) -> crate::common::Reply {
    let boundary = "----paktaBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in [("party", party), ("signed_on", signed_on)] {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"scan\"; filename=\"C:\\scan/pakta.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(scan);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = http::Request::post(format!("/admin/pakta/{version_id}/kertas"))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .header("cookie", cookie)
        .header("origin", "http://localhost")
        .header("host", "localhost")
        .body(axum::body::Body::from(body))
        .unwrap();
    app.send(req).await
}

async fn paper_signatures_are_recorded_with_their_scan(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (o, s) = official_and_superior(&app).await;
    let pact_id = create(&app, &admin, o.id).await;
    let v = view(&app, &admin, pact_id, 0).await;
    assert!(save(&app, &admin, &v, &THREE).await.status.is_success());
    let v = view(&app, &admin, pact_id, 0).await;
    assert!(submit(&app, &admin, &v).await.status.is_success());
    let v = view(&app, &admin, pact_id, 0).await;
    assert!(v.actions.record_paper);
    let scan = b"%PDF-1.4\n% hasil pindai\n%%EOF\n";
    // Not a PDF, a future date, an oversized file: refused, each beside its field, nothing recorded.
    let r = post_paper(&app, &admin, v.version_id, "both", "2026-01-05", b"\x89PNG\r\n").await;
    assert!(r.status.is_redirection());
    assert!(r.location().unwrap().contains("medan=scan"), "{:?}", r.location());
    // The pact page it lands on shows the message, to the browser that posted only (its nonce
    // cookie signs the link, `error_links`); elsewhere the link loses it.
    let back = r.location().unwrap().split('#').next().unwrap().to_string();
    let nonce = r
        .set_cookie_headers()
        .into_iter()
        .find_map(|c| c.starts_with("pakta_galat=").then(|| c.split(';').next().unwrap_or("").to_string()))
        .expect("the error link's nonce cookie");
    let page = app.get(&back, Some(&format!("{admin}; {nonce}"))).await;
    assert!(page.body.contains("Berkas harus PDF"), "{}", page.body);
    let elsewhere = app.get(&back, Some(&admin)).await;
    assert_eq!(elsewhere.location(), Some(format!("/pakta/{pact_id}").as_str()));
    let r = post_paper(&app, &admin, v.version_id, "both", "2999-01-01", scan).await;
    assert!(r.location().unwrap().contains("medan=signed_on"), "{:?}", r.location());
    let big = [b"%PDF-1.4\n".as_slice(), &vec![b'x'; app::server::files::MAX_SCAN_BYTES + 10]].concat();
    let r = post_paper(&app, &admin, v.version_id, "both", "2026-01-05", &big).await;
    assert!(r.status.is_redirection() || r.status == http::StatusCode::PAYLOAD_TOO_LARGE, "{}", r.status);
    assert!(view(&app, &admin, pact_id, 0).await.signatures.is_empty());
    // An official cannot record paper signatures.
    let me = app.login(o.nip.as_deref().unwrap(), DEMO_PW).await;
    assert_eq!(
        post_paper(&app, &me, v.version_id, "both", "2026-01-05", scan).await.status,
        http::StatusCode::FORBIDDEN
    );
    // Both parties on paper: signed, with the scan kept and its hash.
    let r = post_paper(&app, &admin, v.version_id, "both", "2026-01-05", scan).await;
    assert_eq!(r.location(), Some(format!("/pakta/{pact_id}?kertas=1").as_str()), "{}", r.body);
    let signed = view(&app, &admin, pact_id, 0).await;
    assert_eq!(signed.status, "signed");
    assert!(signed.signatures.iter().all(|s| s.method == "paper" && s.scan_file_id.is_some()));
    let file = signed.signatures[0].scan_file_id.unwrap();
    assert_eq!(app.get_bytes(&format!("/berkas/{file}"), Some(&me)).await, scan.to_vec());
    let boss = app.login(s.nip.as_deref().unwrap(), DEMO_PW).await;
    assert_eq!(app.get(&format!("/berkas/{file}"), Some(&boss)).await.status, http::StatusCode::OK);
    let dprd = app.login("dprd", DEMO_PW).await;
    assert_eq!(app.get(&format!("/berkas/{file}"), Some(&dprd)).await.status, http::StatusCode::NOT_FOUND);
    let stored =
        app::server::entities::stored_file::Entity::find_by_id(file).one(&app.db).await.unwrap().unwrap();
    assert_eq!(stored.original_name, "pakta.pdf", "no client path kept");
    assert_eq!(stored.size, scan.len() as i64);
    assert_eq!(verify(&app, signed.verification_code.as_deref().unwrap()).await.verdict, "valid");
    // The PDF says how it was signed.
    let text = crate::common::checked_pdf_text(
        &app.get_bytes(&format!("/pakta/{pact_id}/pdf"), Some(&me)).await,
        false,
    );
    assert!(text.contains("Ditandatangani di atas kertas 5 Januari 2026"), "{text}");
    app.finish().await;
}

async fn a_new_template_version_applies_to_new_pacts_only(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (o, _) = official_and_superior(&app).await;
    let old_pact = create(&app, &admin, o.id).await;
    let before = view(&app, &admin, old_pact, 0).await.integrity_points;
    let t: app::api::pacts::TemplateView =
        serde_json::from_str(&app.call("/api/admin/pact-template/get", &[], Some(&admin)).await.body)
            .unwrap();
    assert_eq!(t.version, 1);
    // Errors name their field; nothing is stored.
    for (form, field) in [
        ([("title", ""), ("body", "1. Satu"), ("effective_from", "2026-01-01")], "title"),
        ([("title", "Pakta"), ("body", "  \n "), ("effective_from", "2026-01-01")], "body"),
        ([("title", "Pakta"), ("body", "1. Satu"), ("effective_from", "kemarin")], "effective_from"),
    ] {
        match app.call("/api/admin/pact-template/save", &form, Some(&admin)).await.app_error() {
            AppError::Validation { field: f, .. } => assert_eq!(f, field),
            other => panic!("{other:?}"),
        }
    }
    let body = "1. Butir pertama yang baru.\n2. Butir kedua yang baru.";
    let r = app
        .call(
            "/api/admin/pact-template/save",
            &[("title", "PAKTA INTEGRITAS"), ("body", body), ("effective_from", "2026-01-01")],
            Some(&admin),
        )
        .await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let t: app::api::pacts::TemplateView =
        serde_json::from_str(&app.call("/api/admin/pact-template/get", &[], Some(&admin)).await.body)
            .unwrap();
    assert_eq!((t.version, t.body.as_str()), (2, body));
    // The pact already made keeps its text; a new one takes the new version.
    assert_eq!(view(&app, &admin, old_pact, 0).await.integrity_points, before);
    let other = official::Entity::find()
        .filter(official::Column::PositionKind.eq("administrator"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let new_pact = create(&app, &admin, other.id).await;
    assert_eq!(
        view(&app, &admin, new_pact, 0).await.integrity_points,
        vec!["Butir pertama yang baru.", "Butir kedua yang baru."]
    );
    app.finish().await;
}

/// Issue 16: the Wali Kota has no atasan langsung to sign with, so no draft is offered (a draft
/// that could never be frozen) and none can be made; the list says why.
async fn the_head_of_region_is_offered_no_pact(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let head = official::Entity::find()
        .filter(official::Column::SupervisorId.is_null())
        .filter(official::Column::Active.eq(true))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo Wali Kota");
    let r = app
        .call(
            "/api/admin/pacts/create",
            &[("official_id", &head.id.to_string()), ("year", "2027")],
            Some(&admin),
        )
        .await;
    match r.app_error() {
        AppError::Conflict(m) => assert!(m.contains("tidak memiliki atasan langsung"), "{m}"),
        other => panic!("refused as a conflict, got {other:?}"),
    }
    let page =
        app.get(&format!("/admin/pakta?tahun=2027&q={}", head.name.replace(' ', "+")), Some(&admin)).await;
    assert!(page.body.contains("Tanpa pakta: tidak ada atasan langsung"), "{}", page.body);
    assert!(!page.body.contains(">Buat draf<"), "no draft offered: {}", page.body);
    assert!(page.body.contains("tanpa atasan langsung: 1"), "counted apart from missing pacts");
    app.finish().await;
}

/// Issue 16: "Simpan dan buka pakta" saves, then (as a plain form) lands on the pact; a refused
/// save lands back on the editor with its error, saving nothing.
async fn save_and_open_lands_on_the_pact(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (o, _) = official_and_superior(&app).await;
    let id = create(&app, &admin, o.id).await;
    let v = view(&app, &admin, id, 0).await;
    let good: [Row; 1] = [("Indeks kepuasan", "max", "end_position", "100", "85", ["", "", "", "85"])];
    let mut form = vec![
        ("version_id".to_string(), v.version_id.to_string()),
        ("row_version".to_string(), v.row_version.to_string()),
        ("open_after".to_string(), "1".to_string()),
    ];
    form.extend(rows(&good));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = app.post_form("/api/admin/pacts/save", &pairs, Some(&admin)).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.location(), Some(format!("/pakta/{id}").as_str()));
    assert_eq!(view(&app, &admin, id, 0).await.indicators.len(), 1, "saved");
    app.finish().await;
}

/// Issue 16: the admin's home lists what is left for the working quarter, counted as the pact
/// list and the closing check count it, each with a link to where it is done.
async fn the_admin_home_counts_what_is_left_to_do(db: TestDb) {
    use app::api::closing::AdminTodo;
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    // A draft of the working quarter's year, to be counted.
    let year = app::server::tpp_run::working_quarter(&app.db, chrono::Utc::now()).await.unwrap().0;
    let (o, _) = official_and_superior(&app).await;
    let r = app
        .call(
            "/api/admin/pacts/create",
            &[("official_id", &o.id.to_string()), ("year", &year.to_string())],
            Some(&admin),
        )
        .await;
    assert!(r.status.is_success(), "create: {} {}", r.status, r.body);
    let r = app.call("/api/admin/todo", &[], Some(&admin)).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let todo: AdminTodo = serde_json::from_str(&r.body).unwrap();
    let list = app::server::pacts::list(&app.db, todo.year, "", "", "", 1).await.unwrap();
    let count = |s: &str| list.counts.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n);
    assert_eq!(
        (todo.no_pact, todo.drafts, todo.awaiting_signatures),
        (count("none"), count("draft"), count("awaiting_signatures"))
    );
    assert_eq!(todo.drafts, 1, "the draft made above: {todo:?}");
    assert!(todo.no_pact > 0, "{todo:?}");
    let closing = app::server::closing::report(&app.db, todo.year, todo.quarter).await.unwrap();
    let (officials, signed, complete, rated, _, _) = closing.totals();
    assert_eq!(todo.not_signed, officials - signed);
    assert_eq!((todo.realisations_incomplete, todo.ratings_missing), (signed - complete, signed - rated));
    let page = app.get("/admin", Some(&admin)).await;
    assert!(page.body.contains("Perlu dikerjakan untuk TW"), "{}", page.body);
    if todo.drafts > 0 {
        let link = format!("href=\"/admin/pakta?tahun={}&amp;status=draft\"", todo.year);
        assert!(page.body.contains(&link), "{link}: {}", page.body);
    }
    if todo.awaiting_signatures > 0 {
        assert!(page.body.contains(&format!("pakta {} menunggu tanda tangan", todo.year)), "{}", page.body);
    }
    app.finish().await;
}
