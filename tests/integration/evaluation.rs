//! A quarter's realisations over HTTP: entering them, the server's preview (worked example A),
//! the behaviour rating, optimistic concurrency, validation, who may read and write.
use crate::common::{Reply, TestApp, TestDb};
use crate::DEMO_PW;
use app::api::evaluations::QuarterSheet;
use app::api::pacts::PactView;
use app::domain::explanation::number_id;
use app::error::AppError;
use app::server::entities::{audit_log, evaluation, official, realisation};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

crate::on_both_engines!(
    realisations_of_worked_example_a_are_scored_by_the_server,
    stale_realisation_is_refused_with_both_values,
    realisation_errors_name_their_field,
    who_may_read_rate_and_save_a_sheet,
    quarters_need_a_signed_pact,
    worked_examples_b_and_c_through_the_app,
    tpp_run_stores_the_quarter_and_the_lock_freezes_it,
    correction_after_the_lock_needs_a_second_admin_and_books_the_difference,
    why_page_explains_the_month_to_the_admin_and_the_official_only,
    closing_lists_what_is_missing_and_warns_on_the_distribution,
    tpp_run_records_its_progress,
    every_read_of_individual_pay_is_audited,
);

/// Worked example A's indicators (domain.md section 5), jenis target `end_position`, TW II =
/// TW IV = annual: (name, polarity, weight, target).
const EXAMPLE_A: [(&str, &str, &str, &str); 4] = [
    ("Kunjungan wisatawan", "max", "40", "3.200.000"),
    ("Indeks kepuasan", "max", "20", "82"),
    ("Serapan anggaran", "max", "20", "45"),
    ("Temuan belum ditindaklanjuti", "min", "20", "4"),
];
const REALISATIONS_A: [&str; 4] = ["3.360.000", "84,46", "40,5", "3"];

struct Signed {
    pact_id: Uuid,
    official: official::Model,
    admin: String,
    me: String,
    boss: String,
}

fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn ok(r: Reply, what: &str) -> Reply {
    assert!(r.status.is_success(), "{what}: {} {}", r.status, r.body);
    r
}

async fn pact_view(app: &TestApp, cookie: &str, pact_id: Uuid) -> PactView {
    let r = app.call("/api/pacts/get", &[("id", &pact_id.to_string()), ("version", "0")], Some(cookie)).await;
    serde_json::from_str(&ok(r, "get pact").await.body).unwrap()
}

/// An eselon IV official (not `except`) and their superior, both able to log in.
async fn official_and_superior(app: &TestApp, except: Option<Uuid>) -> (official::Model, official::Model) {
    for o in official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .all(&app.db)
        .await
        .unwrap()
    {
        if Some(o.id) == except || o.nip.is_none() {
            continue;
        }
        let s = official::Entity::find_by_id(o.supervisor_id.unwrap()).one(&app.db).await.unwrap().unwrap();
        if s.nip.is_some() {
            return (o, s);
        }
    }
    panic!("no demo pengawas with a superior");
}

/// Creates the official's 2026 pact with worked example A's indicators; returns (pact id, draft).
async fn draft_pact(app: &TestApp, admin: &str, official_id: Uuid) -> (Uuid, PactView) {
    let r = app
        .call(
            "/api/admin/pacts/create",
            &[("official_id", &official_id.to_string()), ("year", "2026")],
            Some(admin),
        )
        .await;
    let pact_id: Uuid = serde_json::from_str(&ok(r, "create").await.body).unwrap();
    let v = pact_view(app, admin, pact_id).await;
    let mut form = vec![
        ("version_id".to_string(), v.version_id.to_string()),
        ("row_version".to_string(), v.row_version.to_string()),
    ];
    for (i, (name, polarity, weight, target)) in EXAMPLE_A.iter().enumerate() {
        let mut put = |k: &str, val: &str| form.push((format!("indicators[{i}][{k}]"), val.to_string()));
        put("objective", "Meningkatnya kinerja pariwisata daerah");
        put("name", name);
        put("unit", "angka");
        put("polarity", polarity);
        put("target_kind", "end_position");
        put("weight", weight);
        put("annual", target);
        put("tw2", target);
        put("tw4", target);
    }
    ok(app.call("/api/admin/pacts/save", &pairs(&form), Some(admin)).await, "save draft").await;
    (pact_id, pact_view(app, admin, pact_id).await)
}

/// A pact with worked example A's indicators, frozen and signed by both parties.
async fn signed_example_a(app: &TestApp) -> Signed {
    let admin = app.login("admin", DEMO_PW).await;
    let (o, s) = official_and_superior(app, None).await;
    let me = app.login(o.nip.as_deref().unwrap(), DEMO_PW).await;
    let boss = app.login(s.nip.as_deref().unwrap(), DEMO_PW).await;
    let (pact_id, v) = draft_pact(app, &admin, o.id).await;
    let (version_id, row_version) = (v.version_id.to_string(), v.row_version.to_string());
    let submit = [("version_id", version_id.as_str()), ("row_version", row_version.as_str())];
    ok(app.call("/api/admin/pacts/submit", &submit, Some(&admin)).await, "submit").await;
    for cookie in [&me, &boss] {
        let sign = [("version_id", version_id.as_str()), ("password", DEMO_PW)];
        ok(app.call("/api/pacts/sign", &sign, Some(cookie)).await, "sign").await;
    }
    assert_eq!(pact_view(app, &admin, pact_id).await.status, "signed");
    Signed { pact_id, official: o, admin, me, boss }
}

async fn get_sheet(app: &TestApp, cookie: &str, pact_id: Uuid, quarter: u32) -> Reply {
    app.call(
        "/api/evaluations/sheet",
        &[("pact_id", &pact_id.to_string()), ("quarter", &quarter.to_string())],
        Some(cookie),
    )
    .await
}

async fn sheet(app: &TestApp, cookie: &str, pact_id: Uuid) -> QuarterSheet {
    serde_json::from_str(&ok(get_sheet(app, cookie, pact_id, 2).await, "sheet").await.body).unwrap()
}

/// The save form for the sheet's rows with these values (row versions as loaded).
fn save_form(s: &QuarterSheet, values: &[&str]) -> Vec<(String, String)> {
    let mut form =
        vec![("pact_id".to_string(), s.pact_id.to_string()), ("quarter".to_string(), s.quarter.to_string())];
    for (i, (row, value)) in s.rows.iter().zip(values).enumerate() {
        let mut put = |k: &str, v: &str| form.push((format!("realisations[{i}][{k}]"), v.to_string()));
        put("indicator_id", &row.indicator_id.to_string());
        put("value", value);
        put("row_version", &row.row_version.to_string());
        put("evidence_note", &row.evidence_note);
        put("evidence_link", &row.evidence_link);
        put("obstacles", &row.obstacles);
        put("follow_up", &row.follow_up);
    }
    form
}

async fn save(app: &TestApp, cookie: &str, form: &[(String, String)]) -> Reply {
    app.call("/api/admin/evaluations/save", &pairs(form), Some(cookie)).await
}

async fn rate(app: &TestApp, cookie: &str, pact_id: Uuid, rating: &str) -> Reply {
    app.call(
        "/api/evaluations/behaviour",
        &[
            ("pact_id", &pact_id.to_string()),
            ("quarter", "2"),
            ("rating", rating),
            ("note", "Kerja sama baik"),
        ],
        Some(cookie),
    )
    .await
}

/// Saves worked example A's realisations; returns the sheet the server sent back.
async fn enter_example_a(app: &TestApp, p: &Signed) -> QuarterSheet {
    let s = sheet(app, &p.admin, p.pact_id).await;
    let mut form = save_form(&s, &REALISATIONS_A);
    for (k, v) in &mut form {
        match k.as_str() {
            "realisations[0][evidence_link]" => *v = "https://batukota.go.id/laporan-tw2.pdf".into(),
            "realisations[0][evidence_note]" => *v = "Data BPS dan aplikasi tiket".into(),
            _ => {}
        }
    }
    serde_json::from_str(&ok(save(app, &p.admin, &form).await, "save realisations").await.body).unwrap()
}

async fn realisations_of_worked_example_a_are_scored_by_the_server(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let p = signed_example_a(&app).await;
    let s = sheet(&app, &p.admin, p.pact_id).await;
    assert_eq!((s.year, s.quarter, s.version_no), (2026, 2, 1));
    assert_eq!(s.official.official_id, p.official.id);
    assert_eq!(s.official.monthly_ceiling, p.official.monthly_ceiling);
    let targets: Vec<String> = s.indicators.iter().map(|i| i.target.unwrap().display_id()).collect();
    assert_eq!(targets, ["3.200.000", "82", "45", "4"]);
    assert!(s.rows.iter().all(|r| r.row_version == 0 && r.value.is_empty()));
    assert!(s.may_edit_values && s.may_rate_behaviour);
    let before = s.preview.expect("preview of an empty sheet");
    assert_eq!((before.missing, before.score), (4, None));
    // TW I has no targets: the engine says there is nothing to assess.
    let tw1: QuarterSheet =
        serde_json::from_str(&ok(get_sheet(&app, &p.admin, p.pact_id, 1).await, "tw1").await.body).unwrap();
    assert!(tw1.preview.is_none() && tw1.preview_error.is_some());

    let s = enter_example_a(&app, &p).await;
    assert_eq!(s.rows.iter().map(|r| r.value.as_str()).collect::<Vec<_>>(), REALISATIONS_A);
    assert!(s.rows.iter().all(|r| r.row_version == 1 && r.updated_by.as_deref() == Some("admin")));
    assert_eq!(s.rows[0].evidence_link, "https://batukota.go.id/laporan-tw2.pdf");
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("realisation"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 4, "every realisation written is audited");
    let stored = realisation::Entity::find().all(&app.db).await.unwrap();
    assert!(stored.iter().any(|r| r.value.as_deref() == Some("84.46")), "canonical decimals");
    let pv = s.preview.expect("preview");
    let achievements: Vec<String> = pv.indicators.iter().map(|i| number_id(i.achievement.unwrap())).collect();
    assert_eq!(achievements, ["105", "103", "90", "120"]);
    assert_eq!(pv.score.map(number_id).as_deref(), Some("104,6"));
    assert_eq!(pv.work_rating.map(|r| r.as_str()), Some("as_expected"));
    assert_eq!((pv.predikat, pv.factor, pv.total), (None, None, None), "awaiting the behaviour rating");

    // The direct superior rates: Baik, factor 100.
    let s: QuarterSheet =
        serde_json::from_str(&ok(rate(&app, &p.boss, p.pact_id, "as_expected").await, "rate").await.body)
            .unwrap();
    assert_eq!(s.behaviour.rating.as_deref(), Some("as_expected"));
    assert!(!s.behaviour.on_behalf);
    let pv = s.preview.clone().unwrap();
    assert_eq!(pv.predikat.map(|p| p.as_str()), Some("baik"));
    assert_eq!(pv.factor.map(number_id).as_deref(), Some("100"));
    assert_eq!(pv.total, None, "the superior's answer carries no pay");
    let s = sheet(&app, &p.admin, p.pact_id).await;
    let ceiling = p.official.monthly_ceiling;
    let total = s.preview.as_ref().and_then(|pv| pv.total);
    assert_eq!(total, Some(3 * ceiling), "no attendance cuts yet: the full ceiling each month");

    // The pages render the sheet with its preview, and the list links to it.
    let sheet_path = format!("/admin/realisasi/{}/2", p.pact_id);
    let page = app.get(&sheet_path, Some(&p.admin)).await;
    assert_eq!(page.status, http::StatusCode::OK);
    for text in ["Pratinjau nilai", "104,6", "84,46", "Sesuai Ekspektasi", "Baik", "inputmode=\"decimal\""] {
        assert!(page.body.contains(text), "sheet page lacks {text}");
    }
    let list = app.get("/admin/realisasi?tahun=2026&tw=2", Some(&p.admin)).await;
    assert!(list.body.contains(&sheet_path) && list.body.contains("4 / 4"), "{}", list.body);

    // Saving the same values again writes nothing (no new row versions).
    let again: QuarterSheet = serde_json::from_str(
        &ok(save(&app, &p.admin, &save_form(&s, &REALISATIONS_A)).await, "resave").await.body,
    )
    .unwrap();
    assert!(again.rows.iter().all(|r| r.row_version == 1));
    app.finish().await;
}

async fn stale_realisation_is_refused_with_both_values(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let p = signed_example_a(&app).await;
    let loaded = sheet(&app, &p.admin, p.pact_id).await;
    enter_example_a(&app, &p).await;
    // A second admin loaded the sheet before the first saved, and types 85 for the index.
    let values = ["3.360.000", "85", "40,5", "3"];
    let r = save(&app, &p.admin, &save_form(&loaded, &values)).await;
    match r.app_error() {
        AppError::Conflict(m) => {
            assert!(m.contains("Indeks kepuasan"), "{m}");
            assert!(m.contains("nilai tersimpan: 84,46") && m.contains("nilai Anda: 85"), "{m}");
            assert!(m.contains("Muat ulang"), "{m}");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let now = sheet(&app, &p.admin, p.pact_id).await;
    assert_eq!(now.rows[1].value, "84,46");
    assert!(now.rows.iter().all(|r| r.row_version == 1), "nothing written");
    assert_eq!(realisation::Entity::find().count(&app.db).await.unwrap(), 4);
    // With the fresh row versions the change goes through.
    let fresh: QuarterSheet =
        serde_json::from_str(&ok(save(&app, &p.admin, &save_form(&now, &values)).await, "fresh").await.body)
            .unwrap();
    assert_eq!((fresh.rows[1].value.as_str(), fresh.rows[1].row_version), ("85", 2));
    assert_eq!(fresh.rows[0].row_version, 1, "unchanged rows are not rewritten");
    app.finish().await;
}

async fn realisation_errors_name_their_field(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let p = signed_example_a(&app).await;
    let s = sheet(&app, &p.admin, p.pact_id).await;
    let field = |r: Reply| match r.app_error() {
        AppError::Validation { field, message } => (field, message),
        other => panic!("expected a validation error, got {other:?}"),
    };
    let (f, m) = field(save(&app, &p.admin, &save_form(&s, &["3.360.000", "delapan puluh", "", ""])).await);
    assert_eq!(f, "realisations[1].value");
    assert!(m.contains("angka"), "{m}");
    let (f, _) = field(save(&app, &p.admin, &save_form(&s, &["-99.999.999.999.999.999", "", "", ""])).await);
    assert_eq!(f, "realisations[0].value");
    let mut form = save_form(&s, &["1", "", "", ""]);
    for (k, v) in &mut form {
        if k == "realisations[2][evidence_link]" {
            *v = "javascript:alert(1)".into();
        }
    }
    let (f, _) = field(save(&app, &p.admin, &form).await);
    assert_eq!(f, "realisations[2].evidence_link");
    let mut form = save_form(&s, &["1"]);
    form[2].1 = Uuid::new_v4().to_string();
    let (f, _) = field(save(&app, &p.admin, &form).await);
    assert_eq!(f, "realisations[0].indicator_id");
    assert_eq!(realisation::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(evaluation::Entity::find().count(&app.db).await.unwrap(), 0, "nothing opened");
    let r = get_sheet(&app, &p.admin, p.pact_id, 5).await;
    assert!(matches!(r.app_error(), AppError::Validation { field, .. } if field == "quarter"));
    let (f, _) = field(rate(&app, &p.boss, p.pact_id, "luar biasa").await);
    assert_eq!(f, "rating");
    // A negative realisation is a value (domain.md section 3): saved, its capaian floored at 0.
    let s: QuarterSheet = serde_json::from_str(
        &ok(save(&app, &p.admin, &save_form(&s, &["-1,5", "", "", ""])).await, "negative").await.body,
    )
    .unwrap();
    assert_eq!(s.rows[0].value, "-1,5");
    let pv = s.preview.expect("preview");
    assert_eq!(pv.indicators[0].achievement.map(number_id).as_deref(), Some("0"));
    app.finish().await;
}

async fn who_may_read_rate_and_save_a_sheet(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let p = signed_example_a(&app).await;
    enter_example_a(&app, &p).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let (other, _) = official_and_superior(&app, Some(p.official.id)).await;
    let stranger = app.login(other.nip.as_deref().unwrap(), DEMO_PW).await;

    // The official reads their own sheet, but neither saves nor rates it.
    let mine = sheet(&app, &p.me, p.pact_id).await;
    assert!(!mine.may_edit_values && !mine.may_rate_behaviour);
    assert_eq!(mine.rows[1].value, "84,46");
    let form = save_form(&mine, &REALISATIONS_A);
    assert_eq!(save(&app, &p.me, &form).await.app_error(), AppError::Forbidden);
    assert_eq!(rate(&app, &p.me, p.pact_id, "above").await.app_error(), AppError::Forbidden);
    // The superior reads and rates, but does not enter values.
    let boss = sheet(&app, &p.boss, p.pact_id).await;
    assert!(!boss.may_edit_values && boss.may_rate_behaviour);
    assert_eq!(save(&app, &p.boss, &form).await.app_error(), AppError::Forbidden);
    // Anyone else: not found; DPRD never reaches individuals; anonymous must log in.
    assert_eq!(get_sheet(&app, &stranger, p.pact_id, 2).await.app_error(), AppError::NotFound);
    assert_eq!(rate(&app, &stranger, p.pact_id, "below").await.app_error(), AppError::NotFound);
    assert_eq!(get_sheet(&app, &dprd, p.pact_id, 2).await.app_error(), AppError::Forbidden);
    assert_eq!(save(&app, &dprd, &form).await.app_error(), AppError::Forbidden);
    let anonymous = app
        .call("/api/evaluations/sheet", &[("pact_id", &p.pact_id.to_string()), ("quarter", "2")], None)
        .await;
    assert_eq!(anonymous.app_error(), AppError::Unauthenticated);
    assert_eq!(get_sheet(&app, &p.admin, Uuid::new_v4(), 2).await.app_error(), AppError::NotFound);
    assert_eq!(realisation::Entity::find().count(&app.db).await.unwrap(), 4);

    // The admin rates on the superior's behalf: recorded as such.
    let s: QuarterSheet =
        serde_json::from_str(&ok(rate(&app, &p.admin, p.pact_id, "below").await, "admin rates").await.body)
            .unwrap();
    assert!(s.behaviour.on_behalf);
    assert_eq!(s.behaviour.rated_by.as_deref(), Some("admin"));
    assert_eq!(s.preview.unwrap().predikat.map(|p| p.as_str()), Some("kurang"));
    let e = evaluation::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert!(e.behaviour_on_behalf);
    assert_eq!(e.behaviour.as_deref(), Some("below"));
    // The superior's own rating replaces it, no longer on behalf.
    ok(rate(&app, &p.boss, p.pact_id, "as_expected").await, "boss rates").await;
    let e = evaluation::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert!(!e.behaviour_on_behalf);
    // The superior sees the scores but not the pay; the official sees their own.
    let boss = sheet(&app, &p.boss, p.pact_id).await;
    assert!(!boss.shows_pay && boss.official.monthly_ceiling == 0);
    let pv = boss.preview.unwrap();
    assert_eq!(pv.predikat.map(|p| p.as_str()), Some("baik"));
    assert!(pv.total.is_none() && pv.months.is_empty());
    let mine = sheet(&app, &p.me, p.pact_id).await;
    assert!(mine.shows_pay && mine.preview.unwrap().total == Some(3 * p.official.monthly_ceiling));
    // The list shows the official with all four values entered.
    let r =
        app.call("/api/admin/evaluations/list", &[("year", "2026"), ("quarter", "2")], Some(&p.admin)).await;
    let list: app::api::evaluations::SheetListPage = serde_json::from_str(&ok(r, "list").await.body).unwrap();
    let row = list.rows.iter().find(|r| r.pact_id == p.pact_id).expect("listed");
    assert_eq!((row.entered, row.assessed), (4, 4));
    // Issue 16: a search by name or NIP finds the sheet; "incomplete only" keeps it while a
    // rating is missing (and drops it once rated, below), with the count that follows.
    let list_with = |extra: Vec<(&'static str, String)>| {
        let app = &app;
        let admin = p.admin.clone();
        async move {
            let mut form = vec![("year", "2026".to_string()), ("quarter", "2".to_string())];
            form.extend(extra);
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = app.call("/api/admin/evaluations/list", &pairs, Some(&admin)).await;
            serde_json::from_str::<app::api::evaluations::SheetListPage>(&r.body).unwrap()
        }
    };
    let nip = p.official.nip.clone().unwrap();
    for needle in [p.official.name.to_uppercase(), nip[..8].to_string()] {
        let found = list_with(vec![("q", needle.clone())]).await;
        assert!(found.rows.iter().any(|r| r.pact_id == p.pact_id), "{needle}");
    }
    assert_eq!(
        list_with(vec![("q", "Nama Yang Tidak Ada".into())]).await.total,
        0,
        "a search narrows the list"
    );
    let incomplete = list_with(vec![("q", nip.clone()), ("incomplete", "true".into())]).await;
    assert_eq!((incomplete.total, incomplete.rows.len()), (0, 0), "entered and rated: complete");
    let page = app.get(&format!("/admin/realisasi?tahun=2026&tw=2&q={nip}&belum=1"), Some(&p.admin)).await;
    assert!(page.body.contains("Tidak ada lembar yang cocok"), "{}", page.body);
    let s = sheet(&app, &p.admin, p.pact_id).await;
    let values: Vec<&str> =
        s.rows.iter().enumerate().map(|(i, r)| if i == 3 { "" } else { r.value.as_str() }).collect();
    ok(save(&app, &p.admin, &save_form(&s, &values)).await, "one value cleared").await;
    let incomplete = list_with(vec![("q", nip.clone()), ("incomplete", "true".into())]).await;
    assert_eq!(incomplete.total, 1, "a realisation missing again: incomplete");
    assert_eq!((incomplete.rows[0].entered, incomplete.rows[0].assessed), (3, 4));
    assert_eq!(
        app.call("/api/admin/evaluations/list", &[], Some(&p.me)).await.app_error(),
        AppError::Forbidden
    );
    app.finish().await;
}

async fn quarters_need_a_signed_pact(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (o, _) = official_and_superior(&app, None).await;
    let (pact_id, _) = draft_pact(&app, &admin, o.id).await;
    match get_sheet(&app, &admin, pact_id, 2).await.app_error() {
        AppError::Conflict(m) => assert!(m.contains("belum ditandatangani") && m.contains("TW II"), "{m}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let id = pact_id.to_string();
    assert!(matches!(
        app.call("/api/admin/evaluations/save", &[("pact_id", &id), ("quarter", "2")], Some(&admin))
            .await
            .app_error(),
        AppError::Conflict(_)
    ));
    app.finish().await;
}

/// A signed pact for `o` (superior `s`) with these indicators, all `end_position` with the quarter
/// `q`'s target = TW IV = annual: (name, polarity, weight, target).
async fn signed_pact_with(
    app: &TestApp,
    admin: &str,
    o: &official::Model,
    s: &official::Model,
    q: u32,
    indicators: &[(&str, &str, &str, &str)],
) -> Uuid {
    let r = app
        .call("/api/admin/pacts/create", &[("official_id", &o.id.to_string()), ("year", "2026")], Some(admin))
        .await;
    let pact_id: Uuid = serde_json::from_str(&ok(r, "create").await.body).unwrap();
    let v = pact_view(app, admin, pact_id).await;
    let mut form = vec![
        ("version_id".to_string(), v.version_id.to_string()),
        ("row_version".to_string(), v.row_version.to_string()),
    ];
    for (i, (name, polarity, weight, target)) in indicators.iter().enumerate() {
        let mut put = |k: &str, val: &str| form.push((format!("indicators[{i}][{k}]"), val.to_string()));
        put("objective", "Sasaran");
        put("name", name);
        put("unit", "angka");
        put("polarity", polarity);
        put("target_kind", "end_position");
        put("weight", weight);
        put("annual", target);
        if q != 4 {
            put(&format!("tw{q}"), target);
        }
        put("tw4", target);
    }
    ok(app.call("/api/admin/pacts/save", &pairs(&form), Some(admin)).await, "save draft").await;
    let v = pact_view(app, admin, pact_id).await;
    let (version_id, row_version) = (v.version_id.to_string(), v.row_version.to_string());
    let submit = [("version_id", version_id.as_str()), ("row_version", row_version.as_str())];
    ok(app.call("/api/admin/pacts/submit", &submit, Some(admin)).await, "submit").await;
    for who in [o, s] {
        let cookie = app.login(who.nip.as_deref().unwrap(), DEMO_PW).await;
        let sign = [("version_id", version_id.as_str()), ("password", DEMO_PW)];
        ok(app.call("/api/pacts/sign", &sign, Some(&cookie)).await, "sign").await;
    }
    pact_id
}

async fn set_ceiling(app: &TestApp, o: &official::Model, ceiling: i64) {
    use sea_orm::{ActiveModelTrait, Set};
    let mut m: official::ActiveModel = o.clone().into();
    m.monthly_ceiling = Set(ceiling);
    m.update(&app.db).await.unwrap();
}

async fn quarter_sheet(app: &TestApp, cookie: &str, pact_id: Uuid, q: u32) -> QuarterSheet {
    serde_json::from_str(&ok(get_sheet(app, cookie, pact_id, q).await, "sheet").await.body).unwrap()
}

/// Worked examples B and C of domain.md section 5, entered as HR would: the pact, the
/// attendance cuts, the breach and the sanction, the realisations, the superior's rating.
async fn worked_examples_b_and_c_through_the_app(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (b, b_boss) = official_and_superior(&app, None).await;
    let (c, c_boss) = official_and_superior(&app, Some(b.id)).await;
    assert_ne!(b_boss.id, c.id);
    set_ceiling(&app, &b, 9_000_000).await;
    set_ceiling(&app, &c, 5_500_000).await;

    // B: TW III, cuts in July and September.
    let pact_b = signed_pact_with(
        &app,
        &admin,
        &b,
        &b_boss,
        3,
        &[
            ("PBJT hotel & restoran", "max", "50", "60.000.000.000"),
            ("Rasio tunggakan", "min", "25", "12"),
            ("Wajib pajak baru", "max", "25", "120"),
        ],
    )
    .await;
    for (month, counts) in
        [("2026-07", vec![("TL2", "1"), ("TA", "1")]), ("2026-09", vec![("TK", "1"), ("PSW1", "1")])]
    {
        let mut form =
            vec![("official_id".to_string(), b.id.to_string()), ("month".to_string(), month.to_string())];
        for (code, n) in counts {
            form.push((format!("counts[{code}]"), n.to_string()));
        }
        ok(app.call("/api/admin/discipline/attendance", &pairs(&form), Some(&admin)).await, "attendance")
            .await;
    }
    let sb = quarter_sheet(&app, &admin, pact_b, 3).await;
    ok(save(&app, &admin, &save_form(&sb, &["51.000.000.000", "15", "126"])).await, "save B").await;
    let boss = app.login(b_boss.nip.as_deref().unwrap(), DEMO_PW).await;
    let rate_b = [
        ("pact_id", pact_b.to_string()),
        ("quarter", "3".into()),
        ("rating", "as_expected".into()),
        ("note", "".into()),
    ];
    let rate_b: Vec<(&str, &str)> = rate_b.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ok(app.call("/api/evaluations/behaviour", &rate_b, Some(&boss)).await, "rate B").await;
    let p = quarter_sheet(&app, &admin, pact_b, 3).await.preview.expect("preview B");
    assert_eq!(p.score.map(number_id).as_deref(), Some("87,5"));
    assert_eq!(p.predikat.map(|x| x.as_str()), Some("butuh_perbaikan"));
    let gross: Vec<i64> = p.months.iter().map(|m| m.gross).collect();
    assert_eq!(gross, vec![7_812_000, 7_920_000, 7_758_000]);
    assert_eq!(p.total, Some(23_490_000));

    // C: TW IV, a breach (behaviour forced below) and a moderate sanction from 1 November.
    let pact_c = signed_pact_with(
        &app,
        &admin,
        &c,
        &c_boss,
        4,
        &[
            ("Izin terbit tepat waktu", "max", "40", "95"),
            ("Rata-rata hari proses", "min", "30", "5"),
            ("Pengaduan belum selesai", "min", "30", "0"),
        ],
    )
    .await;
    let breach = [
        ("official_id", c.id.to_string()),
        ("occurred_on", "2026-10-20".to_string()),
        ("pact_point", "4 (benturan kepentingan)".to_string()),
        ("source", "Temuan Inspektorat".to_string()),
        ("note", "".to_string()),
    ];
    let breach: Vec<(&str, &str)> = breach.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ok(app.call("/api/admin/discipline/breach", &breach, Some(&admin)).await, "breach").await;
    let sanction = [
        ("official_id", c.id.to_string()),
        ("level", "moderate".to_string()),
        ("start_date", "2026-11-01".to_string()),
        ("months", "6".to_string()),
        ("percent", "".to_string()),
        ("decree_number", "800/123/422.104/2026".to_string()),
        ("note", "".to_string()),
    ];
    let sanction: Vec<(&str, &str)> = sanction.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ok(app.call("/api/admin/discipline/sanction", &sanction, Some(&admin)).await, "sanction").await;
    let sc = quarter_sheet(&app, &admin, pact_c, 4).await;
    ok(save(&app, &admin, &save_form(&sc, &["97,85", "4", "0"])).await, "save C").await;
    let rate_c = [
        ("pact_id", pact_c.to_string()),
        ("quarter", "4".into()),
        ("rating", "as_expected".into()),
        ("note", "".into()),
    ];
    let rate_c: Vec<(&str, &str)> = rate_c.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ok(app.call("/api/evaluations/behaviour", &rate_c, Some(&admin)).await, "rate C on behalf").await;
    let p = quarter_sheet(&app, &admin, pact_c, 4).await.preview.expect("preview C");
    assert_eq!(p.score.map(number_id).as_deref(), Some("107,2"));
    assert_eq!(p.behaviour.map(|x| x.as_str()), Some("below"), "the breach forces behaviour below");
    assert_eq!(p.predikat.map(|x| x.as_str()), Some("kurang"));
    assert_eq!(p.factor.map(number_id).as_deref(), Some("50"));
    let gross: Vec<i64> = p.months.iter().map(|m| m.gross).collect();
    assert_eq!(gross, vec![3_850_000, 2_887_500, 2_887_500]);
    assert_eq!(p.total, Some(9_625_000));

    // The TPP run (inputs loaded in bulk) stores exactly what the sheets show, cuts, breach and
    // sanction included.
    for (q, official, expected) in
        [("3", &b, [7_812_000, 7_920_000, 7_758_000]), ("4", &c, [3_850_000, 2_887_500, 2_887_500])]
    {
        let run = [("year", "2026"), ("quarter", q), ("opd", "")];
        ok(app.call("/api/admin/tpp/run", &run, Some(&admin)).await, "run").await;
        let q: u32 = q.parse().unwrap();
        let stored: Vec<i64> = app::server::tpp_run::nominatif(&app.db, 2026, q, None)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.official_id == official.id)
            .map(|r| r.gross)
            .collect();
        assert_eq!(stored, expected, "TW {q}");
    }
    app.finish().await;
}

/// Example A entered and rated, then the quarter run: stored months equal the sheet's, a rerun
/// reproduces them, the CSV totals are the sums of the rows, and after the lock nothing of the
/// quarter can change.
async fn tpp_run_stores_the_quarter_and_the_lock_freezes_it(db: TestDb) {
    use app::server::tpp_run;
    let app = TestApp::with_demo(db).await;
    let p = signed_example_a(&app).await;
    set_ceiling(&app, &p.official, 16_000_000).await;
    enter_example_a(&app, &p).await;
    ok(rate(&app, &p.boss, p.pact_id, "as_expected").await, "rate").await;
    let run = |cookie: String| {
        let app = &app;
        async move {
            app.call("/api/admin/tpp/run", &[("year", "2026"), ("quarter", "2"), ("opd", "")], Some(&cookie))
                .await
        }
    };
    let report: tpp_run::RunReport =
        serde_json::from_str(&ok(run(p.admin.clone()).await, "run").await.body).unwrap();
    assert_eq!(report.computed, 1, "only the pact with a complete quarter: {:?}", report.skipped.len());
    assert_eq!(report.total, 48_000_000, "A without attendance cuts: 3 × Rp16.000.000");
    let rows = tpp_run::nominatif(&app.db, 2026, 2, None).await.unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.gross == 16_000_000 && r.productivity == 9_600_000));
    // A rerun replaces, and reproduces, the results.
    ok(run(p.admin.clone()).await, "rerun").await;
    assert_eq!(tpp_run::nominatif(&app.db, 2026, 2, None).await.unwrap(), rows);
    let csv = tpp_run::nominatif_csv(&rows);
    assert!(csv.lines().next().unwrap().starts_with("Nama,NIP,Jabatan,Kelas"));
    assert!(csv.lines().last().unwrap().ends_with(",48000000"), "{csv}");
    // The page shows the stored list; the CSV download is the same file, for the admin only.
    let page = app.get("/admin/tpp?tahun=2026&tw=2", Some(&p.admin)).await;
    assert!(
        page.body.contains("Daftar Nominatif TPP") && page.body.contains(&p.official.name),
        "{}",
        page.body
    );
    let download = app.get_bytes("/admin/tpp/nominatif.csv?tahun=2026&tw=2", Some(&p.admin)).await;
    assert_eq!(String::from_utf8(download).unwrap(), csv);
    assert_eq!(
        app.get("/admin/tpp/nominatif.csv?tahun=2026&tw=2", Some(&p.me)).await.status,
        http::StatusCode::FORBIDDEN
    );
    // Officials may not run; the lock freezes the quarter.
    assert_eq!(run(p.me.clone()).await.app_error(), AppError::Forbidden);
    let lock = [("year", "2026"), ("quarter", "2")];
    let run_button = "action=\"/api/admin/tpp/run\"";
    assert!(page.body.contains(run_button), "an open quarter offers the run");
    ok(app.call("/api/admin/tpp/lock", &lock, Some(&p.admin)).await, "lock").await;
    assert!(matches!(run(p.admin.clone()).await.app_error(), AppError::Conflict(_)));
    // Issue 16: the page says a locked quarter is locked before anything is pressed.
    let page = app.get("/admin/tpp?tahun=2026&tw=2", Some(&p.admin)).await;
    assert!(page.body.contains("TW II 2026 sudah dikunci: hasilnya final"), "{}", page.body);
    assert!(
        !page.body.contains(run_button) && !page.body.contains("Kunci triwulan…"),
        "no run or lock offered"
    );
    let s = sheet(&app, &p.admin, p.pact_id).await;
    assert!(matches!(
        save(&app, &p.admin, &save_form(&s, &["1", "1", "1", "1"])).await.app_error(),
        AppError::Conflict(_)
    ));
    assert!(matches!(rate(&app, &p.boss, p.pact_id, "below").await.app_error(), AppError::Conflict(_)));
    assert_eq!(tpp_run::nominatif(&app.db, 2026, 2, None).await.unwrap(), rows, "locked results unchanged");
    app.finish().await;
}

/// Example A entered, rated by the superior, run and locked (TW II); returns the signed pact.
async fn locked_example_a(app: &TestApp) -> Signed {
    let p = signed_example_a(app).await;
    set_ceiling(app, &p.official, 16_000_000).await;
    enter_example_a(app, &p).await;
    ok(rate(app, &p.boss, p.pact_id, "as_expected").await, "rate").await;
    let q = [("year", "2026"), ("quarter", "2"), ("opd", "")];
    ok(app.call("/api/admin/tpp/run", &q, Some(&p.admin)).await, "run").await;
    ok(app.call("/api/admin/tpp/lock", &q[..2], Some(&p.admin)).await, "lock").await;
    p
}

/// A second admin account, logged in.
async fn second_admin(app: &TestApp) -> String {
    use app::server::accounts::{create, NewAccount};
    let new = NewAccount {
        role: app::domain::Role::Admin,
        username: Some("admin2".into()),
        nip: None,
        password: "kata-sandi-admin-2".into(),
        must_change_password: false,
    };
    create(&app.db, new).await.expect("second admin");
    app.login("admin2", "kata-sandi-admin-2").await
}

fn correction_form(
    s: &QuarterSheet,
    values: &[&str],
    reason: &str,
    behaviour: &str,
) -> Vec<(String, String)> {
    let mut form = save_form(s, values);
    form.push(("reason".into(), reason.into()));
    form.push(("behaviour".into(), behaviour.into()));
    form
}

/// After the lock a correction creates a new evaluation revision and a ledger line per month
/// (kurang/lebih bayar) without touching the locked results; only another admin may approve it,
/// and then the sheet shows the corrected values.
async fn correction_after_the_lock_needs_a_second_admin_and_books_the_difference(db: TestDb) {
    use app::api::corrections::Correction;
    use app::server::tpp_run;
    let app = TestApp::with_demo(db).await;
    let p = locked_example_a(&app).await;
    let locked = tpp_run::nominatif(&app.db, 2026, 2, None).await.unwrap();
    let s = sheet(&app, &p.admin, p.pact_id).await;
    assert!(s.locked && !s.correction_pending && s.revision == 1);
    let request = |cookie: String, form: Vec<(String, String)>| {
        let app = &app;
        async move { app.call("/api/admin/corrections/request", &pairs(&form), Some(&cookie)).await }
    };
    // Bad input loses nothing: no reason, an incomplete sheet, an official asking.
    let short = correction_form(&s, &REALISATIONS_A, "salah", "");
    assert!(request(p.admin.clone(), short).await.app_error().field_message("reason").is_some());
    let incomplete =
        correction_form(&s, &["3.360.000", "", "40,5", "3"], "Berita acara verifikasi 12/2026", "");
    assert!(matches!(request(p.admin.clone(), incomplete).await.app_error(), AppError::Validation { .. }));
    let fine =
        correction_form(&s, &["3.360.000", "84,46", "40,5", "5"], "Berita acara verifikasi 12/2026", "");
    assert_eq!(request(p.me.clone(), fine.clone()).await.app_error(), AppError::Forbidden);
    assert_eq!(app::server::entities::tpp_correction::Entity::find().count(&app.db).await.unwrap(), 0);

    // The verified figure of indicator 4 and a lower behaviour rating: the predikat, and the pay,
    // go down.
    let below = correction_form(
        &s,
        &["3.360.000", "84,46", "40,5", "5"],
        "Berita acara verifikasi Inspektorat No. 700/12/2026",
        "below",
    );
    let c: Correction =
        serde_json::from_str(&ok(request(p.admin.clone(), below).await, "request").await.body).unwrap();
    assert_eq!((c.status.as_str(), c.revision, c.lines.len()), ("pending", 2, 3));
    assert!(c.lines.iter().all(|l| l.before == 16_000_000 && l.after < l.before), "{:?}", c.lines);
    assert!(c.lines.iter().all(|l| l.kind == "lebih_bayar" && l.difference == l.after - l.before));
    assert!(!c.may_decide, "the admin who asked may not decide");
    // A second request while one is pending is refused.
    let again = correction_form(&s, &REALISATIONS_A, "Berita acara verifikasi 13/2026", "");
    assert!(matches!(request(p.admin.clone(), again).await.app_error(), AppError::Conflict(_)));
    // Pending: the sheet still shows the values in effect.
    let pending = sheet(&app, &p.admin, p.pact_id).await;
    assert!(pending.correction_pending && pending.revision == 1);
    assert_eq!(pending.rows[3].value, "3");

    let decide = |cookie: String, decision: &'static str| {
        let app = &app;
        let id = c.evaluation_id.to_string();
        async move {
            app.call(
                "/api/admin/corrections/decide",
                &[("evaluation_id", &id), ("decision", decision)],
                Some(&cookie),
            )
            .await
        }
    };
    assert!(matches!(decide(p.admin.clone(), "setujui").await.app_error(), AppError::Conflict(_)));
    let other = second_admin(&app).await;
    let approved: Correction =
        serde_json::from_str(&ok(decide(other.clone(), "setujui").await, "approve").await.body).unwrap();
    assert_eq!(approved.status, "approved");
    assert_eq!(approved.decided_by.as_deref(), Some("admin2"));
    assert!(
        matches!(decide(other.clone(), "tolak").await.app_error(), AppError::Conflict(_)),
        "decided once"
    );
    // In effect now; the locked results are untouched.
    let corrected = sheet(&app, &p.admin, p.pact_id).await;
    assert_eq!((corrected.revision, corrected.rows[3].value.as_str()), (2, "5"));
    assert_eq!(corrected.behaviour.rating.as_deref(), Some("below"));
    let paid_after: Vec<i64> = approved.lines.iter().map(|l| l.after).collect();
    assert_eq!(
        corrected.preview.as_ref().unwrap().months.iter().map(|m| m.gross).collect::<Vec<_>>(),
        paid_after
    );
    assert_eq!(tpp_run::nominatif(&app.db, 2026, 2, None).await.unwrap(), locked, "locked results unchanged");
    // A further correction compares with what is now paid (locked + approved).
    let back = correction_form(
        &corrected,
        &REALISATIONS_A,
        "Keberatan pejabat dikabulkan, SK 800/3/2026",
        "as_expected",
    );
    let c2: Correction =
        serde_json::from_str(&ok(request(other.clone(), back).await, "second request").await.body).unwrap();
    assert_eq!(c2.revision, 3);
    assert!(c2.lines.iter().zip(&approved.lines).all(|(l, a)| l.before == a.after && l.after == 16_000_000));
    assert!(c2.lines.iter().all(|l| l.kind == "kurang_bayar"));
    let id2 = c2.evaluation_id.to_string();
    let refuse = [("evaluation_id", id2.as_str()), ("decision", "tolak")];
    let rejected: Correction = serde_json::from_str(
        &ok(app.call("/api/admin/corrections/decide", &refuse, Some(&p.admin)).await, "reject").await.body,
    )
    .unwrap();
    assert_eq!(rejected.status, "rejected");
    assert_eq!(sheet(&app, &p.admin, p.pact_id).await.revision, 2, "a refused correction never takes effect");
    // The ledger lists both, and the audit log has the request and both decisions.
    let list: Vec<Correction> = serde_json::from_str(
        &ok(
            app.call("/api/admin/corrections/list", &[("year", "2026"), ("status", "")], Some(&p.admin))
                .await,
            "list",
        )
        .await
        .body,
    )
    .unwrap();
    assert_eq!(list.len(), 2);
    let page = app.get("/admin/koreksi?tahun=2026", Some(&p.admin)).await;
    assert!(page.body.contains(&p.official.name) && page.body.contains("Lebih bayar"), "{}", page.body);
    for action in ["request_correction", "approve_correction", "reject_correction"] {
        let n = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq(action))
            .count(&app.db)
            .await
            .unwrap();
        assert!(n >= 1, "audit {action}");
    }
    app.finish().await;
}

/// "Mengapa TPP Rp X?": the stored month and the engine's steps, for the admin and the official
/// themself; their superior and DPRD get "not found".
async fn why_page_explains_the_month_to_the_admin_and_the_official_only(db: TestDb) {
    use app::api::why::TppWhy;
    let app = TestApp::with_demo(db).await;
    let p = locked_example_a(&app).await;
    let args = |m: &'static str| {
        let id = p.official.id.to_string();
        vec![("official_id".to_string(), id), ("year".into(), "2026".into()), ("month".into(), m.to_string())]
    };
    let call = |cookie: String, m: &'static str| {
        let app = &app;
        let form = args(m);
        async move { app.call("/api/tpp/why", &pairs(&form), Some(&cookie)).await }
    };
    // The run keeps the quarter's nilai and predikat on each month, for aggregate views.
    let stored = app::server::entities::tpp_result::Entity::find()
        .filter(app::server::entities::tpp_result::Column::OfficialId.eq(p.official.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 3);
    assert!(stored
        .iter()
        .all(|r| r.score.as_deref() == Some("104.6") && r.predikat.as_deref() == Some("baik")));
    let w: TppWhy = serde_json::from_str(&ok(call(p.me.clone(), "5").await, "why").await.body).unwrap();
    assert_eq!((w.month, w.quarter), (5, 2));
    let stored = w.stored.expect("stored month");
    assert_eq!((stored.gross, stored.locked), (16_000_000, true));
    assert_eq!(w.computed_gross, Some(16_000_000));
    let text = w.explanation.expect("explanation").render();
    for expected in ["104,6", "Baik", "Rp16.000.000", "Mei"] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    assert!(!text.contains("TPP Juni"), "only the month asked about:\n{text}");
    assert_eq!(call(p.boss.clone(), "5").await.app_error(), AppError::NotFound, "a superior sees no pay");
    let dprd = app.login("dprd", DEMO_PW).await;
    assert!(matches!(call(dprd, "5").await.app_error(), AppError::NotFound | AppError::Forbidden));
    assert_eq!(call(p.admin.clone(), "13").await.app_error(), AppError::NotFound);
    // The page, server-rendered.
    let page = app.get(&format!("/rincian-tpp/{}/2026/5", p.official.id), Some(&p.admin)).await;
    assert!(page.body.contains("Mengapa TPP") && page.body.contains("Rp16.000.000"), "{}", page.body);
    app.finish().await;
}

/// The closing check: an official with a signed pact but no realisations is listed with a link to
/// the sheet; the distribution check warns once the OPD's organisational predikat is entered.
async fn closing_lists_what_is_missing_and_warns_on_the_distribution(db: TestDb) {
    use app::api::closing::ClosingReport;
    let app = TestApp::with_demo(db).await;
    let p = signed_example_a(&app).await;
    let report = |cookie: String| {
        let app = &app;
        async move {
            let r = app
                .call("/api/admin/closing/report", &[("year", "2026"), ("quarter", "2")], Some(&cookie))
                .await;
            serde_json::from_str::<ClosingReport>(&ok(r, "report").await.body).unwrap()
        }
    };
    let before = report(p.admin.clone()).await;
    let opd = before.opds.iter().find(|o| o.opd_id == p.official.opd_id).expect("the official's OPD").clone();
    let sheet_href = format!("/admin/realisasi/{}/2", p.pact_id);
    let mine: Vec<_> = opd.missing.iter().filter(|m| m.official_name == p.official.name).collect();
    assert_eq!(mine.len(), 2, "realisations and rating missing: {mine:?}");
    assert!(mine.iter().all(|m| m.href == sheet_href));
    let (officials, signed, ..) = before.totals();
    assert!(officials > 100 && signed >= 1, "{officials} {signed}");
    // Completed: nothing missing for them; the OPD predikat "Baik" with one official rated Baik
    // breaks "at least one Butuh Perbaikan or Kurang" and ">70% Baik".
    enter_example_a(&app, &p).await;
    ok(rate(&app, &p.boss, p.pact_id, "as_expected").await, "rate").await;
    let set = |predikat: &'static str| {
        let app = &app;
        let id = p.official.opd_id.to_string();
        let admin = p.admin.clone();
        async move {
            app.call(
                "/api/admin/closing/opd_predikat",
                &[("opd_id", &id), ("year", "2026"), ("quarter", "2"), ("predikat", predikat)],
                Some(&admin),
            )
            .await
        }
    };
    assert!(set("hebat").await.app_error().field_message("predikat").is_some());
    ok(set("baik").await, "set predikat").await;
    let after = report(p.admin.clone()).await;
    let opd = after.opds.iter().find(|o| o.opd_id == p.official.opd_id).unwrap();
    assert!(opd.missing.iter().all(|m| m.official_name != p.official.name), "{:?}", opd.missing);
    assert_eq!(opd.org_predikat.as_deref(), Some("baik"));
    assert!(opd.warnings.iter().any(|w| w.contains("paling sedikit satu")), "{:?}", opd.warnings);
    assert_eq!(opd.predikat_counts.iter().find(|(p, _)| p == "baik").map(|(_, n)| *n), Some(1));
    let page = app.get("/admin/penutupan?tahun=2026&tw=2", Some(&p.admin)).await;
    assert!(page.body.contains("Peringatan distribusi predikat") && !page.body.contains(&sheet_href));
    assert_eq!(
        app.call("/api/admin/closing/report", &[("year", "2026"), ("quarter", "2")], Some(&p.me))
            .await
            .app_error(),
        AppError::Forbidden
    );
    app.finish().await;
}

/// A run records its start and progress, so a long run can be followed from any app server, and
/// a finished run says so.
async fn tpp_run_records_its_progress(db: TestDb) {
    use app::api::tpp::RunProgress;
    use app::server::entities::tpp_run as run_entity;
    let app = TestApp::with_demo(db).await;
    app::server::demo_pacts::seed_pacts(&app.db, 2026).await.expect("demo pacts");
    let admin = app.login("admin", DEMO_PW).await;
    let progress = || {
        let app = &app;
        let admin = admin.clone();
        async move {
            let r = app
                .call("/api/admin/tpp/progress", &[("year", "2026"), ("quarter", "3")], Some(&admin))
                .await;
            serde_json::from_str::<Option<RunProgress>>(&ok(r, "progress").await.body).unwrap()
        }
    };
    assert_eq!(progress().await, None, "no run yet");
    ok(
        app.call("/api/admin/tpp/run", &[("year", "2026"), ("quarter", "3"), ("opd", "")], Some(&admin))
            .await,
        "run",
    )
    .await;
    let done = progress().await.expect("a run");
    assert!(!done.running && !done.failed && done.finished_at.is_some());
    assert!(done.total > 100 && done.processed == done.total, "{done:?}");
    // While a run is marked running, a second one is refused rather than interleaved.
    let r = run_entity::Entity::find().one(&app.db).await.unwrap().unwrap();
    let mut running: run_entity::ActiveModel = r.into();
    running.status = sea_orm::Set("running".into());
    running.started_at = sea_orm::Set(chrono::Utc::now());
    sea_orm::ActiveModelTrait::update(running, &app.db).await.unwrap();
    assert!(progress().await.unwrap().running);
    let again = app
        .call("/api/admin/tpp/run", &[("year", "2026"), ("quarter", "3"), ("opd", "")], Some(&admin))
        .await;
    assert!(matches!(again.app_error(), AppError::Conflict(m) if m.contains("sedang berjalan")));
    app.finish().await;
}

/// The `read_pay` entries appended after sequence number `after`: (actor, entity, record, view).
async fn pay_reads_since(app: &TestApp, after: i64) -> Vec<(Option<Uuid>, String, Option<String>, String)> {
    use sea_orm::QueryOrder;
    audit_log::Entity::find()
        .filter(audit_log::Column::Seq.gt(after))
        .filter(audit_log::Column::Action.eq(app::server::audit::action::READ_PAY))
        .order_by_asc(audit_log::Column::Seq)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| {
            let after: serde_json::Value = serde_json::from_str(e.after.as_deref().unwrap_or("{}")).unwrap();
            (e.account_id, e.entity, e.record_id, after["tampilan"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

async fn last_seq(app: &TestApp) -> i64 {
    use sea_orm::QueryOrder;
    audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Seq)
        .one(&app.db)
        .await
        .unwrap()
        .map_or(0, |e| e.seq)
}

async fn account_id_of(app: &TestApp, official_id: Option<Uuid>, username: &str) -> Uuid {
    use app::server::entities::account;
    let found = match official_id {
        Some(id) => account::Entity::find().filter(account::Column::OfficialId.eq(id)),
        None => account::Entity::find().filter(account::Column::Username.eq(username)),
    };
    found.one(&app.db).await.unwrap().expect("account").id
}

/// Issue 7: every read of individual pay appends a `read_pay` entry naming who read whose pay
/// (or which period): the official's own home, sheet and "why"; the admin's sheet, nominatif
/// (data, CSV, XLSX), recap PDF and corrections ledger. The superior's sheet (no pay shown),
/// refusals and DPRD's aggregates append none; the chain stays intact.
async fn every_read_of_individual_pay_is_audited(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let p = locked_example_a(&app).await;
    let me = account_id_of(&app, Some(p.official.id), "").await;
    let admin = account_id_of(&app, None, "admin").await;
    let whose = Some(p.official.id.to_string());
    let pact = Some(p.pact_id.to_string());
    let period = Some("2026-TW2".to_string());
    let read = |who: Uuid, entity: &str, record: &Option<String>, view: &str| {
        (Some(who), entity.to_string(), record.clone(), view.to_string())
    };
    let why = |cookie: &str| {
        let id = p.official.id.to_string();
        let cookie = cookie.to_string();
        let app = &app;
        async move {
            let form = [("official_id", id.as_str()), ("year", "2026"), ("month", "5")];
            app.call("/api/tpp/why", &form, Some(&cookie)).await
        }
    };

    // The official: home, sheet, why.
    let before = last_seq(&app).await;
    ok(app.call("/api/me/quarters", &[("year", "2026")], Some(&p.me)).await, "home").await;
    ok(get_sheet(&app, &p.me, p.pact_id, 2).await, "own sheet").await;
    ok(why(&p.me).await, "why").await;
    assert_eq!(
        pay_reads_since(&app, before).await,
        [
            read(me, "tpp_result", &whose, "me/quarters"),
            read(me, "evaluation", &pact, "evaluations/sheet"),
            read(me, "tpp_result", &whose, "tpp/why"),
        ]
    );

    // The superior sees the sheet without pay, and no "why": nothing recorded.
    let before = last_seq(&app).await;
    let boss_sheet: QuarterSheet =
        serde_json::from_str(&ok(get_sheet(&app, &p.boss, p.pact_id, 2).await, "boss").await.body).unwrap();
    assert!(!boss_sheet.shows_pay);
    assert_eq!(why(&p.boss).await.app_error(), AppError::NotFound);
    let dprd = app.login("dprd", DEMO_PW).await;
    app.get("/dprd?tahun=2026&tw=2", Some(&dprd)).await;
    assert_eq!(
        app.get("/admin/tpp/nominatif.csv?tahun=2026&tw=2", Some(&dprd)).await.status,
        http::StatusCode::FORBIDDEN
    );
    assert!(pay_reads_since(&app, before).await.is_empty(), "no pay was shown, nothing recorded");

    // The admin: the sheet, the nominatif as data and files, the recap, the ledger.
    let opd = app::server::entities::opd::Entity::find_by_id(p.official.opd_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let before = last_seq(&app).await;
    ok(get_sheet(&app, &p.admin, p.pact_id, 2).await, "admin sheet").await;
    ok(
        app.call("/api/admin/tpp/nominatif", &[("year", "2026"), ("quarter", "2")], Some(&p.admin)).await,
        "nominatif",
    )
    .await;
    for file in ["nominatif.csv", "nominatif.xlsx"] {
        let r = app.get(&format!("/admin/tpp/{file}?tahun=2026&tw=2"), Some(&p.admin)).await;
        assert_eq!(r.status, http::StatusCode::OK, "{file}");
    }
    let r = app.get(&format!("/admin/tpp/rekap.pdf?tahun=2026&tw=2&opd={}", opd.code), Some(&p.admin)).await;
    assert_eq!(r.status, http::StatusCode::OK, "{}", r.body);
    ok(
        app.call("/api/admin/corrections/list", &[("year", "2026"), ("status", "")], Some(&p.admin)).await,
        "ledger",
    )
    .await;
    assert_eq!(
        pay_reads_since(&app, before).await,
        [
            read(admin, "evaluation", &pact, "evaluations/sheet"),
            read(admin, "tpp_result", &period, "admin/tpp/nominatif"),
            read(admin, "tpp_result", &period, "nominatif.csv"),
            read(admin, "tpp_result", &period, "nominatif.xlsx"),
            read(admin, "tpp_result", &period, "rekap.pdf"),
            read(admin, "tpp_correction", &None, "admin/corrections/list"),
        ]
    );
    assert!(
        matches!(
            app::server::audit::verify(&app.db).await.unwrap(),
            app::server::audit::VerifyReport::Intact { .. }
        ),
        "the chain stays intact"
    );
    app.finish().await;
}
