//! The app over HTTP (in-process), the same suite on SQLite and PostgreSQL.
#[path = "integration/access.rs"]
mod access;
#[path = "integration/audit_chain.rs"]
mod audit_chain;
mod common;
#[path = "integration/delivery.rs"]
mod delivery;
#[path = "integration/demo_evaluations.rs"]
mod demo_evaluations;
#[path = "integration/discipline.rs"]
mod discipline;
#[path = "integration/dprd.rs"]
mod dprd;
#[path = "integration/error_links.rs"]
mod error_links;
#[path = "integration/evaluation.rs"]
mod evaluation;
#[path = "integration/exports.rs"]
mod exports;
#[path = "integration/flash.rs"]
mod flash;
#[path = "integration/language.rs"]
mod language;
#[path = "integration/my_record.rs"]
mod my_record;
#[path = "integration/pacts.rs"]
mod pacts;
#[path = "integration/period.rs"]
mod period;
#[path = "integration/policy.rs"]
mod policy;
#[path = "integration/throttle.rs"]
mod throttle;
#[path = "integration/trust.rs"]
mod trust;

use app::error::AppError;
use app::server::entities::{account, official, session};
use common::{TestApp, TestDb};
use http::StatusCode;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const DEMO_PW: &str = app::server::demo::DEMO_PASSWORD;

on_both_engines!(
    cross_site_writes_are_refused,
    oversized_requests_are_refused_early,
    migrations_run_up_down_up,
    demo_seeds_a_city_once,
    anonymous_visitors_are_sent_to_login,
    admin_logs_in_and_sees_home,
    plain_html_form_login_works_without_javascript,
    wrong_password_and_unknown_user_get_the_same_message,
    bad_input_gets_a_clear_message_per_field,
    repeated_failures_are_throttled_across_restarts,
    expired_session_is_told_and_sent_to_login,
    logout_ends_the_session,
    each_role_only_reaches_its_own_server_functions,
    dprd_sees_no_names_or_nips,
    official_logs_in_by_nip_and_sees_own_record,
    database_enforces_uniqueness,
    accounts_are_created_with_valid_passwords_only,
    unknown_pages_are_404,
    tpp_policy_versions_by_effective_date,
    admin_searches_filters_sorts_and_pages_officials,
    admin_creates_an_official_with_first_position,
    official_form_errors_name_their_field,
    stale_edit_is_a_conflict_and_overwrites_nothing,
    admin_deactivates_and_reactivates_an_official,
    officials_endpoints_are_admin_only,
    mutasi_closes_the_current_position_and_opens_the_new_one,
    mutasi_tmt_must_follow_the_current_position,
    stale_mutasi_is_a_conflict_and_writes_nothing,
    import_with_forward_supervisor_references,
    import_reports_every_bad_line_and_imports_nothing,
    import_reads_semicolon_files,
    import_refuses_oversize_files,
    mutasi_and_import_endpoints_are_admin_only,
    writes_are_audited_in_a_hash_chain,
    verify_finds_an_edited_audit_entry,
    verify_finds_a_deleted_audit_entry,
    concurrent_appends_keep_one_chain,
    concurrent_reads_are_each_recorded_once,
    a_read_that_cannot_be_recorded_fails,
    audit_list_is_admin_only_and_filters,
    admin_resets_a_password_and_ends_its_sessions,
    password_reset_errors_name_their_field,
    password_reset_is_admin_only,
    pages_carry_a_csp_with_the_script_nonce,
);

async fn migrations_run_up_down_up(db: TestDb) {
    let app = TestApp::start(db).await;
    Migrator::down(&app.db, None).await.expect("down");
    Migrator::up(&app.db, None).await.expect("up again");
    assert_eq!(official::Entity::find().count(&app.db).await.unwrap(), 0);
    app.finish().await;
}

async fn demo_seeds_a_city_once(db: TestDb) {
    let app = TestApp::start(db).await;
    let summary = app::server::demo::seed(&app.db).await.expect("first seed");
    assert!(summary.opds >= 30, "about 30 OPDs, got {}", summary.opds);
    assert!((190..=260).contains(&summary.officials), "about 200 officials, got {}", summary.officials);
    assert_eq!(
        summary.accounts,
        summary.officials + 2 - 1,
        "admin, dprd and one per official except the Wali Kota"
    );
    // Every NIP is structurally valid.
    for o in official::Entity::find().all(&app.db).await.unwrap() {
        if let Some(nip) = o.nip {
            app::domain::Nip::parse(&nip).unwrap_or_else(|e| panic!("demo NIP {nip} invalid: {e}"));
        }
    }
    // Every official but the Wali Kota has a supervisor.
    let without = official::Entity::find()
        .filter(official::Column::SupervisorId.is_null())
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(without, 1);
    let again = app::server::demo::seed(&app.db).await.unwrap_err();
    assert!(matches!(again, AppError::Conflict(ref m) if m.contains("kosong")), "{again:?}");
    app.finish().await;
}

async fn anonymous_visitors_are_sent_to_login(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    for path in ["/", "/admin", "/saya", "/dprd", "/keluar", "/tidak-ada"] {
        let r = app.get(path, None).await;
        assert!(r.status.is_redirection(), "{path}: {}", r.status);
        assert_eq!(r.location(), Some("/masuk"), "{path}");
    }
    let login = app.get("/masuk", None).await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(login.body.contains("Masuk ke Pakta"));
    // Demo accounts are shown while the database holds demo data.
    assert!(login.body.contains(DEMO_PW), "demo hints on the login page");
    assert_eq!(app.call("/api/admin/overview", &[], None).await.app_error(), AppError::Unauthenticated);
    app.finish().await;
}

async fn admin_logs_in_and_sees_home(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let reply = app.call("/api/login", &[("username", "admin"), ("password", DEMO_PW)], None).await;
    assert!(reply.status.is_success() || reply.status.is_redirection(), "{} {}", reply.status, reply.body);
    assert_eq!(reply.location(), Some("/admin"));
    let set_cookie = reply.set_cookie_headers().join("\n");
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    let cookie = reply.session_cookie().expect("session cookie");
    // Only the token's hash is stored.
    let token = cookie.trim_start_matches("pakta_session=");
    assert!(session::Entity::find_by_id(token.to_string()).one(&app.db).await.unwrap().is_none());
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 1);

    let home = app.get("/admin", Some(&cookie)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Beranda Admin BKPSDM"));
    assert!(home.body.contains("Dinas Pariwisata"));
    assert!(home.body.contains("Kecamatan Bumiaji"));
    // The root and the login page send a logged-in user home.
    assert_eq!(app.get("/", Some(&cookie)).await.location(), Some("/admin"));
    assert_eq!(app.get("/masuk", Some(&cookie)).await.location(), Some("/admin"));
    // A second app server on the same database shares the session.
    let other = app.restart().await;
    let mut req = http::Request::get("/admin").header("cookie", &cookie);
    req = req.header("accept", "text/html");
    let r = common::send_to(&other, req.body(axum::body::Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::OK);
    app.finish().await;
}

async fn plain_html_form_login_works_without_javascript(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let r = app.post_form("/api/login", &[("username", "admin"), ("password", DEMO_PW)], None).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.location(), Some("/admin"));
    let cookie = r.session_cookie().expect("cookie");
    assert_eq!(app.get("/admin", Some(&cookie)).await.status, StatusCode::OK);
    // A failed plain form post comes back to the login page, which shows the error (to the
    // browser that posted: it carries the link's nonce cookie, `error_links`).
    let r = app.post_form("/api/login", &[("username", "admin"), ("password", "salah")], None).await;
    assert!(r.session_cookie().is_none());
    let back = r.location().expect("redirect back to the form").to_string();
    assert!(back.starts_with("http://localhost/masuk?"), "{back}");
    let nonce = r
        .set_cookie_headers()
        .into_iter()
        .find_map(|c| c.starts_with("pakta_galat=").then(|| c.split(';').next().unwrap_or("").to_string()))
        .expect("the error link's nonce cookie");
    let page = app.get(back.trim_start_matches("http://localhost"), Some(&nonce)).await;
    assert!(page.body.contains("kata sandi salah"), "{}", page.body);
    app.finish().await;
}

async fn wrong_password_and_unknown_user_get_the_same_message(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let wrong = app.call("/api/login", &[("username", "admin"), ("password", "salah-sandi")], None).await;
    assert!(wrong.session_cookie().is_none());
    let unknown =
        app.call("/api/login", &[("username", "tidak-ada"), ("password", "salah-sandi")], None).await;
    assert_eq!(wrong.app_error(), AppError::InvalidCredentials);
    assert_eq!(unknown.app_error(), AppError::InvalidCredentials);
    assert_eq!(wrong.status, unknown.status);
    assert!(AppError::InvalidCredentials.to_string().contains("salah"));
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
    app.finish().await;
}

async fn bad_input_gets_a_clear_message_per_field(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let field = |r: common::Reply| match r.app_error() {
        AppError::Validation { field, message } => (field, message),
        other => panic!("expected validation error, got {other:?}"),
    };
    let (f, m) = field(app.call("/api/login", &[("username", "  "), ("password", "x")], None).await);
    assert_eq!((f.as_str(), m.as_str()), ("username", "Nama pengguna atau NIP wajib diisi."));
    let (f, _) = field(app.call("/api/login", &[("username", "admin"), ("password", "")], None).await);
    assert_eq!(f, "password");
    let long = "a".repeat(10_000);
    let (f, m) = field(app.call("/api/login", &[("username", &long), ("password", "x")], None).await);
    assert_eq!(f, "username");
    assert!(m.contains("terlalu panjang"));
    let (f, _) = field(app.call("/api/login", &[("username", "admin"), ("password", &long)], None).await);
    assert_eq!(f, "password");
    // A missing field is a clear error too, not a crash.
    let r = app.call("/api/login", &[("username", "admin")], None).await;
    assert!(r.status.is_client_error() || r.status.is_server_error());
    assert!(r.session_cookie().is_none());
    app.finish().await;
}

async fn repeated_failures_are_throttled_across_restarts(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    for _ in 0..app::server::auth::MAX_FAILURES {
        let r = app.call("/api/login", &[("username", "dprd"), ("password", "tebakan")], None).await;
        assert_eq!(r.app_error(), AppError::InvalidCredentials);
    }
    // Even the right password is refused while locked, and the lock outlives a restart.
    let restarted = app.restart().await;
    let req = common::server_fn_request(
        "/api/login",
        &[("username", "dprd"), ("password", DEMO_PW)],
        None,
        "application/json",
    );
    let r = common::send_to(&restarted, req).await;
    assert!(matches!(r.app_error(), AppError::TooManyAttempts { minutes } if minutes > 0), "{}", r.body);
    assert!(r.session_cookie().is_none());
    // Other accounts are not affected.
    app.login("admin", DEMO_PW).await;
    app.finish().await;
}

async fn expired_session_is_told_and_sent_to_login(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let cookie = app.login("admin", DEMO_PW).await;
    let s = session::Entity::find().one(&app.db).await.unwrap().expect("session");
    let mut active: session::ActiveModel = s.into();
    active.expires_at = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
    active.update(&app.db).await.unwrap();
    let r = app.get("/admin", Some(&cookie)).await;
    assert_eq!(r.location(), Some("/masuk?sesi=berakhir"));
    assert!(r
        .set_cookie_headers()
        .iter()
        .any(|c| c.starts_with("pakta_session=;") && c.contains("Max-Age=0")));
    let page = app.get("/masuk?sesi=berakhir", None).await;
    assert!(page.body.contains("Sesi Anda telah berakhir"));
    assert_eq!(
        app.call("/api/admin/overview", &[], Some(&cookie)).await.app_error(),
        AppError::Unauthenticated
    );
    app.finish().await;
}

async fn logout_ends_the_session(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let cookie = app.login("admin", DEMO_PW).await;
    // GET never logs out.
    assert_eq!(app.get("/keluar", Some(&cookie)).await.status, StatusCode::OK);
    assert_eq!(app.get("/admin", Some(&cookie)).await.status, StatusCode::OK);
    let r = app.call("/api/logout", &[], Some(&cookie)).await;
    assert_eq!(r.location(), Some("/masuk"));
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(app.get("/admin", Some(&cookie)).await.location(), Some("/masuk?sesi=berakhir"));
    app.finish().await;
}

async fn first_official_nip(app: &TestApp, title: &str) -> String {
    official::Entity::find()
        .filter(official::Column::PositionTitle.eq(title))
        .one(&app.db)
        .await
        .unwrap()
        .and_then(|o| o.nip)
        .expect("demo official")
}

async fn each_role_only_reaches_its_own_server_functions(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let nip = first_official_nip(&app, "Kepala Dinas Pariwisata").await;
    let official = app.login(&nip, DEMO_PW).await;
    // (endpoint, allowed role)
    let matrix =
        [("/api/admin/overview", "admin"), ("/api/me/profile", "official"), ("/api/dprd/overview", "dprd")];
    for (endpoint, allowed) in matrix {
        for (role, cookie) in [
            ("admin", Some(&admin)),
            ("dprd", Some(&dprd)),
            ("official", Some(&official)),
            ("anonymous", None),
        ] {
            let r = app.call(endpoint, &[], cookie.map(|c| c.as_str())).await;
            if role == allowed {
                assert!(r.status.is_success(), "{role} → {endpoint}: {} {}", r.status, r.body);
            } else {
                let expected = if cookie.is_none() { AppError::Unauthenticated } else { AppError::Forbidden };
                assert_eq!(r.app_error(), expected, "{role} → {endpoint}");
            }
        }
    }
    // Pages of another role show the refusal, not the data.
    let page = app.get("/admin", Some(&dprd)).await;
    assert!(page.body.contains("tidak berhak"));
    assert!(!page.body.contains("Akun pengguna"));
    app.finish().await;
}

async fn dprd_sees_no_names_or_nips(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let mut seen = String::new();
    for path in ["/dprd"] {
        seen.push_str(&app.get(path, Some(&dprd)).await.body);
    }
    for endpoint in ["/api/dprd/overview", "/api/me"] {
        seen.push_str(&app.call(endpoint, &[], Some(&dprd)).await.body);
    }
    assert!(seen.contains("Dinas Pariwisata"), "the dashboard shows OPD aggregates");
    for o in official::Entity::find().all(&app.db).await.unwrap() {
        let surname = o.name.split(',').next().unwrap_or(&o.name);
        assert!(!seen.contains(surname), "DPRD saw the name {surname}");
        if let Some(nip) = o.nip {
            assert!(!seen.contains(&nip), "DPRD saw NIP {nip}");
        }
    }
    app.finish().await;
}

async fn official_logs_in_by_nip_and_sees_own_record(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let nip = first_official_nip(&app, "Kepala Dinas Pariwisata").await;
    let me =
        official::Entity::find().filter(official::Column::Nip.eq(&nip)).one(&app.db).await.unwrap().unwrap();
    // The spaced, printed form of the NIP works too.
    let spaced = app::domain::Nip::parse(&nip).unwrap().spaced();
    let cookie = app.login(&spaced, DEMO_PW).await;
    let page = app.get("/saya", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&me.name));
    assert!(page.body.contains("Rp16.000.000"), "ceiling in Rupiah");
    // No one else's record is on the page.
    let other = official::Entity::find()
        .filter(official::Column::PositionTitle.eq("Kepala Dinas Kesehatan"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!page.body.contains(&other.name));
    app.finish().await;
}

async fn database_enforces_uniqueness(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let existing = official::Entity::find()
        .filter(official::Column::Nip.is_not_null())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let dup = official::ActiveModel { id: Set(uuid::Uuid::new_v4()), ..existing.into() };
    let err = official::Entity::insert(dup).exec(&app.db).await.unwrap_err();
    assert!(matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))), "{err:?}");
    let admin = account::Entity::find()
        .filter(account::Column::Username.eq("admin"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let dup_account = account::ActiveModel { id: Set(uuid::Uuid::new_v4()), ..admin.into() };
    assert!(account::Entity::insert(dup_account).exec(&app.db).await.is_err());
    app.finish().await;
}

async fn accounts_are_created_with_valid_passwords_only(db: TestDb) {
    use app::domain::Role;
    use app::server::accounts::{create, NewAccount};
    let app = TestApp::with_demo(db).await;
    let weak = create(
        &app.db,
        NewAccount {
            role: Role::Admin,
            username: Some("hr2".into()),
            nip: None,
            password: "pendek".into(),
            must_change_password: false,
        },
    )
    .await;
    assert!(matches!(weak, Err(AppError::Validation { ref field, .. }) if field == "password"));
    let ok = create(
        &app.db,
        NewAccount {
            role: Role::Admin,
            username: Some("HR2".into()),
            nip: None,
            password: "sandi-yang-panjang".into(),
            must_change_password: false,
        },
    )
    .await
    .unwrap();
    assert_eq!(ok.username, "hr2");
    let dup = create(
        &app.db,
        NewAccount {
            role: Role::Dprd,
            username: Some("hr2".into()),
            nip: None,
            password: "sandi-yang-panjang".into(),
            must_change_password: false,
        },
    )
    .await;
    assert!(matches!(dup, Err(AppError::Conflict(_))));
    let no_such = create(
        &app.db,
        NewAccount {
            role: Role::Official,
            username: None,
            nip: Some("198001012005011001".into()),
            password: "sandi-yang-panjang".into(),
            must_change_password: false,
        },
    )
    .await;
    assert!(matches!(no_such, Err(AppError::Validation { ref field, .. }) if field == "nip"));
    app.login("hr2", "sandi-yang-panjang").await;
    app.finish().await;
}

async fn unknown_pages_are_404(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let cookie = app.login("admin", DEMO_PW).await;
    let r = app.get("/tidak-ada", Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Halaman tidak ditemukan"));
    app.finish().await;
}

async fn tpp_policy_versions_by_effective_date(db: TestDb) {
    use app::server::policy::{add_version, history, in_force};
    use chrono::NaiveDate;
    let app = TestApp::with_demo(db).await;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    // The demo seeds the default policy from 1 January 2026.
    let v1 = in_force(&app.db, d(2026, 3, 31)).await.unwrap().expect("demo policy");
    assert_eq!(v1.version, 1);
    assert_eq!(v1.policy, app::domain::policy::Policy::default());
    assert!(in_force(&app.db, d(2025, 12, 31)).await.unwrap().is_none());
    // A partial object overrides the defaults; the whole policy is stored.
    let v2 = add_version(&app.db, d(2026, 7, 1), &serde_json::json!({"cap": 110}), None, None).await.unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(v2.policy.cap.to_string(), "110");
    assert_eq!(in_force(&app.db, d(2026, 6, 30)).await.unwrap().unwrap().version, 1);
    assert_eq!(in_force(&app.db, d(2026, 7, 1)).await.unwrap().unwrap(), v2);
    assert_eq!(history(&app.db).await.unwrap().len(), 2);
    // Invalid policies are refused with the key named; one version per effective date.
    let bad = add_version(&app.db, d(2026, 10, 1), &serde_json::json!({"capp": 110}), None, None).await;
    assert!(matches!(bad, Err(AppError::Validation { ref field, .. }) if field == "policy.capp"), "{bad:?}");
    let split =
        add_version(&app.db, d(2026, 10, 1), &serde_json::json!({"split": {"discipline": 50}}), None, None)
            .await;
    assert!(
        matches!(split, Err(AppError::Validation { ref field, .. }) if field.starts_with("policy.split")),
        "{split:?}"
    );
    let same_day = add_version(&app.db, d(2026, 7, 1), &serde_json::json!({}), None, None).await;
    assert!(matches!(same_day, Err(AppError::Validation { ref field, .. }) if field == "effective_from"));
    app.finish().await;
}

// ---- Officials registry (admin) ----

use app::api::officials::{OfficialDetail, OfficialPage};
use app::server::entities::{opd, position_history};

async fn list_page(app: &TestApp, cookie: &str, form: &[(&str, &str)]) -> OfficialPage {
    let r = app.call("/api/admin/officials/list", form, Some(cookie)).await;
    assert!(r.status.is_success(), "list {form:?}: {} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body))
}

async fn official_by_title(app: &TestApp, title: &str) -> official::Model {
    official::Entity::find()
        .filter(official::Column::PositionTitle.eq(title))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("demo official {title}"))
}

async fn opd_by_code(app: &TestApp, code: &str) -> opd::Model {
    opd::Entity::find().filter(opd::Column::Code.eq(code)).one(&app.db).await.unwrap().expect("demo OPD")
}

/// A complete, valid official form (a new Pengawas in Dinas Pariwisata).
async fn valid_official_form(app: &TestApp) -> Vec<(&'static str, String)> {
    let dispar = opd_by_code(app, "DISPAR").await;
    let head = official_by_title(app, "Kepala Dinas Pariwisata").await;
    vec![
        ("id", String::new()),
        ("row_version", String::new()),
        ("nip", "19991231 202001 2 999".into()),
        ("name", "Ayu Kinasih, S.Par.".into()),
        ("rank", "Penata".into()),
        ("grade", "iii/c".into()),
        ("position_title", "Kepala Seksi Destinasi Uji".into()),
        ("position_kind", "pengawas".into()),
        ("job_class", "9".into()),
        ("opd_id", dispar.id.to_string()),
        ("supervisor_id", head.id.to_string()),
        ("position_start", "2026-01-05".into()),
        ("monthly_ceiling", "5.500.000".into()),
    ]
}

/// The form for an existing official, as the edit page would post it.
fn edit_form(o: &official::Model) -> Vec<(&'static str, String)> {
    vec![
        ("id", o.id.to_string()),
        ("row_version", o.row_version.to_string()),
        ("nip", o.nip.clone().unwrap_or_default()),
        ("name", o.name.clone()),
        ("rank", o.rank.clone().unwrap_or_default()),
        ("grade", o.grade.clone().unwrap_or_default()),
        ("position_title", o.position_title.clone()),
        ("position_kind", o.position_kind.clone()),
        ("job_class", o.job_class.to_string()),
        ("opd_id", o.opd_id.to_string()),
        ("supervisor_id", o.supervisor_id.map(|s| s.to_string()).unwrap_or_default()),
        ("position_start", o.position_start.to_string()),
        ("monthly_ceiling", o.monthly_ceiling.to_string()),
    ]
}

fn with(form: &[(&'static str, String)], key: &str, value: &str) -> Vec<(&'static str, String)> {
    form.iter().map(|(k, v)| (*k, if *k == key { value.to_string() } else { v.clone() })).collect()
}

async fn save(app: &TestApp, cookie: &str, form: &[(&'static str, String)]) -> common::Reply {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call("/api/admin/officials/save", &pairs, Some(cookie)).await
}

fn field_of(r: &common::Reply) -> (String, String) {
    match r.app_error() {
        AppError::Validation { field, message } => (field, message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

async fn admin_searches_filters_sorts_and_pages_officials(db: TestDb) {
    use app::api::officials::PER_PAGE;
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let active =
        official::Entity::find().filter(official::Column::Active.eq(true)).count(&app.db).await.unwrap();

    // Default: active officials, first page of 25, total over all pages.
    let all = list_page(&app, &admin, &[]).await;
    assert_eq!(all.total, active);
    assert_eq!(all.rows.len() as u64, PER_PAGE);
    assert_eq!((all.page, all.pages), (1, active.div_ceil(PER_PAGE)));

    // Search by part of the name, in another case (both engines).
    let head = official_by_title(&app, "Kepala Dinas Pariwisata").await;
    let part = head.name.split(',').next().unwrap().to_uppercase();
    let found = list_page(&app, &admin, &[("q", &part)]).await;
    assert!(found.rows.iter().any(|r| r.id == head.id), "{part}: {:?}", found.rows);
    // By jabatan, lower case.
    let by_title = list_page(&app, &admin, &[("q", "dinas pariwisata")]).await;
    assert!(by_title.total >= 2, "{}", by_title.total);
    assert!(by_title.rows.iter().all(|r| r.position_title.to_lowercase().contains("dinas pariwisata")
        || r.name.to_lowercase().contains("dinas pariwisata")));
    // By NIP, in the printed spaced form, partially.
    let nip = app::domain::Nip::parse(head.nip.as_deref().unwrap()).unwrap().spaced();
    let by_nip = list_page(&app, &admin, &[("q", &nip[..15])]).await;
    assert!(by_nip.rows.iter().any(|r| r.id == head.id));
    // LIKE wildcards typed by the user match themselves only.
    assert_eq!(list_page(&app, &admin, &[("q", "%")]).await.total, 0);

    // Filters: OPD, jenis jabatan.
    let dispar = opd_by_code(&app, "DISPAR").await;
    let in_dispar = official::Entity::find()
        .filter(official::Column::OpdId.eq(dispar.id))
        .filter(official::Column::Active.eq(true))
        .count(&app.db)
        .await
        .unwrap();
    let f = list_page(&app, &admin, &[("opd", &dispar.id.to_string())]).await;
    assert_eq!(f.total, in_dispar);
    assert!(f.rows.iter().all(|r| r.opd_name == "Dinas Pariwisata"));
    let jpt = list_page(&app, &admin, &[("jenis", "jpt_pratama")]).await;
    assert!(jpt.total > 20 && jpt.rows.iter().all(|r| r.position_kind == "jpt_pratama"));
    let both = list_page(&app, &admin, &[("opd", &dispar.id.to_string()), ("jenis", "jpt_pratama")]).await;
    assert_eq!(both.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![head.id]);

    // Status: active by default, inactive, all.
    let mut gone: official::ActiveModel = head.clone().into();
    gone.active = Set(false);
    gone.update(&app.db).await.unwrap();
    let inactive = list_page(&app, &admin, &[("status", "nonaktif")]).await;
    assert_eq!(inactive.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![head.id]);
    assert_eq!(list_page(&app, &admin, &[]).await.total, active - 1);
    assert_eq!(list_page(&app, &admin, &[("status", "semua")]).await.total, active);

    // Sorting: kelas jabatan both ways; names by first letter; OPD.
    let up = list_page(&app, &admin, &[("sort", "kelas")]).await;
    assert!(up.rows.windows(2).all(|w| w[0].job_class <= w[1].job_class));
    let down = list_page(&app, &admin, &[("sort", "-kelas")]).await;
    assert!(down.rows.windows(2).all(|w| w[0].job_class >= w[1].job_class));
    assert!(down.rows[0].job_class > up.rows[0].job_class);
    let first = |s: &str| s.chars().next().unwrap().to_ascii_uppercase();
    let az = list_page(&app, &admin, &[("sort", "nama")]).await;
    assert!(az.rows.windows(2).all(|w| first(&w[0].name) <= first(&w[1].name)));
    let za = list_page(&app, &admin, &[("sort", "-nama")]).await;
    assert!(za.rows.windows(2).all(|w| first(&w[0].name) >= first(&w[1].name)));
    assert!(first(&za.rows[0].name) > first(&az.rows[0].name));

    // Paging by OPD (a join) visits every active official exactly once.
    let mut seen = std::collections::HashSet::new();
    let pages = list_page(&app, &admin, &[("sort", "opd")]).await.pages;
    for page in 1..=pages {
        let p = list_page(&app, &admin, &[("sort", "opd"), ("page", &page.to_string())]).await;
        assert_eq!(p.page, page);
        for r in p.rows {
            assert!(seen.insert(r.id), "{} twice", r.name);
        }
    }
    assert_eq!(seen.len() as u64, active - 1);
    // A page past the end shows the last page.
    let past = list_page(&app, &admin, &[("page", "999")]).await;
    assert_eq!(past.page, past.pages);

    // The page itself: a GET form, rows, Rupiah, page links, and the empty state.
    let html = app.get("/admin/pejabat?q=dinas+pariwisata&status=semua", Some(&admin)).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("method=\"get\""), "a plain GET search form");
    assert!(html.body.contains(&head.name));
    assert!(html.body.contains("Rp16.000.000"));
    let paged = app.get("/admin/pejabat?sort=-kelas", Some(&admin)).await;
    assert!(paged.body.contains("/admin/pejabat?sort=-kelas&amp;page=2"), "page links keep the query");
    let empty = app.get("/admin/pejabat?q=tidak-ada-yang-cocok", Some(&admin)).await;
    assert!(empty.body.contains("Tidak ada pejabat yang cocok"));
    app.finish().await;
}

async fn admin_creates_an_official_with_first_position(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let blank = app.get("/admin/pejabat/baru", Some(&admin)).await;
    assert!(blank.body.contains("Simpan pejabat baru"), "the create form, not an official called baru");
    assert!(blank.body.contains("Dinas Pariwisata"), "OPD choices");
    let form = valid_official_form(&app).await;
    let r = save(&app, &admin, &form).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{} {}", r.status, r.body);
    let o = official::Entity::find()
        .filter(official::Column::Nip.eq("199912312020012999"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("created, NIP stored as 18 digits");
    assert_eq!(r.location().map(str::to_string), Some(format!("/admin/pejabat/{}?baru=1", o.id)));
    assert_eq!(o.name, "Ayu Kinasih, S.Par.");
    assert_eq!(o.grade.as_deref(), Some("III/c"));
    assert_eq!((o.job_class, o.monthly_ceiling, o.active, o.row_version), (9, 5_500_000, true, 1));
    let history = position_history::Entity::find()
        .filter(position_history::Column::OfficialId.eq(o.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].reason, "pengangkatan");
    assert_eq!(history[0].start_date.to_string(), "2026-01-05");
    assert_eq!(history[0].opd_id, o.opd_id);
    // The get endpoint and the edit page show it.
    let r = app.call("/api/admin/officials/get", &[("id", &o.id.to_string())], Some(&admin)).await;
    let detail: OfficialDetail = serde_json::from_str(&r.body).unwrap();
    assert_eq!(detail.monthly_ceiling, 5_500_000);
    let page = app.get(&format!("/admin/pejabat/{}?baru=1", o.id), Some(&admin)).await;
    assert!(page.body.contains("Ayu Kinasih"));
    assert!(page.body.contains("19991231 202001 2 999"), "NIP in its printed form");
    assert!(page.body.contains("5.500.000"));
    app.finish().await;
}

async fn official_form_errors_name_their_field(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let before = official::Entity::find().count(&app.db).await.unwrap();
    let form = valid_official_form(&app).await;
    let head = official_by_title(&app, "Kepala Dinas Pariwisata").await;
    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("nip", "12345".into(), "nip", "18 digit"),
        ("nip", "199913312020012999".into(), "nip", "tanggal lahir"),
        ("nip", head.nip.clone().unwrap(), "nip", "sudah terdaftar"),
        ("name", "   ".into(), "name", "Nama wajib diisi."),
        ("job_class", "0".into(), "job_class", "1 sampai 17"),
        ("job_class", "18".into(), "job_class", "1 sampai 17"),
        ("job_class", "tujuh".into(), "job_class", "1 sampai 17"),
        ("monthly_ceiling", "-1".into(), "monthly_ceiling", "tidak boleh negatif"),
        ("monthly_ceiling", "16,5".into(), "monthly_ceiling", "bilangan bulat"),
        ("position_kind", "".into(), "position_kind", "jenis jabatan"),
        ("opd_id", "".into(), "opd_id", "perangkat daerah"),
        ("supervisor_id", "".into(), "supervisor_id", "wajib"),
        ("position_start", "31-12-2026".into(), "position_start", "TMT jabatan"),
        ("grade", "V/z".into(), "grade", "Golongan"),
    ];
    for (key, value, field, says) in cases {
        let r = save(&app, &admin, &with(&form, key, &value)).await;
        let (f, m) = field_of(&r);
        assert_eq!(f, field, "{key}={value}: {m}");
        assert!(m.contains(says), "{key}={value}: {m}");
    }
    // Editing: the supervisor cannot be the official themselves, nor one of their reports.
    let edit = edit_form(&head);
    let (f, m) = field_of(&save(&app, &admin, &with(&edit, "supervisor_id", &head.id.to_string())).await);
    assert_eq!(f, "supervisor_id");
    assert!(m.contains("dirinya sendiri"), "{m}");
    let report = official::Entity::find()
        .filter(official::Column::SupervisorId.eq(head.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (f, m) = field_of(&save(&app, &admin, &with(&edit, "supervisor_id", &report.id.to_string())).await);
    assert_eq!(f, "supervisor_id", "{m}");
    // Nothing was written.
    assert_eq!(official::Entity::find().count(&app.db).await.unwrap(), before);
    assert_eq!(official::Entity::find_by_id(head.id).one(&app.db).await.unwrap().unwrap(), head);
    app.finish().await;
}

async fn stale_edit_is_a_conflict_and_overwrites_nothing(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let o = official_by_title(&app, "Kepala Dinas Pariwisata").await;
    let opened = edit_form(&o);
    // Two admins open the same form; the first saves.
    let first = save(&app, &admin, &with(&opened, "monthly_ceiling", "17.000.000")).await;
    assert!(first.status.is_success(), "{} {}", first.status, first.body);
    let now = official::Entity::find_by_id(o.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((now.monthly_ceiling, now.row_version), (17_000_000, o.row_version + 1));
    // The second save carries the old row_version: refused, nothing overwritten.
    let second = save(&app, &admin, &with(&opened, "name", "Nama Lain")).await;
    assert!(
        matches!(second.app_error(), AppError::Conflict(ref m) if m.contains("diubah oleh pengguna lain"))
    );
    assert_eq!(official::Entity::find_by_id(o.id).one(&app.db).await.unwrap().unwrap(), now);
    // Reloaded, the save goes through.
    let reloaded = with(&edit_form(&now), "name", "Nama Lain");
    assert!(save(&app, &admin, &reloaded).await.status.is_success());
    let after = official::Entity::find_by_id(o.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((after.name.as_str(), after.row_version), ("Nama Lain", o.row_version + 2));
    app.finish().await;
}

async fn admin_deactivates_and_reactivates_an_official(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let head = official_by_title(&app, "Kepala Dinas Pariwisata").await;
    // A Pengawas with no reports.
    let leaf = official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .filter(official::Column::OpdId.eq(head.opd_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    // The confirmation step is a page state, reachable without JavaScript.
    let page = app.get(&format!("/admin/pejabat/{}", leaf.id), Some(&admin)).await;
    assert!(page.body.contains(&format!("/admin/pejabat/{}?konfirmasi=status", leaf.id)));
    assert!(!page.body.contains("Ya, nonaktifkan"));
    let confirm = app.get(&format!("/admin/pejabat/{}?konfirmasi=status", leaf.id), Some(&admin)).await;
    assert!(confirm.body.contains("Ya, nonaktifkan"));

    let set = |id: uuid::Uuid, rv: i32, active: bool| {
        let (id, rv, active) = (id.to_string(), rv.to_string(), active.to_string());
        let app = &app;
        let admin = &admin;
        async move {
            app.call(
                "/api/admin/officials/set_active",
                &[("id", &id), ("row_version", &rv), ("active", &active)],
                Some(admin),
            )
            .await
        }
    };
    let r = set(leaf.id, leaf.row_version, false).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{} {}", r.status, r.body);
    let off = official::Entity::find_by_id(leaf.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((off.active, off.row_version), (false, leaf.row_version + 1));
    // Gone from the active list and the supervisor choices; not choosable as atasan.
    let listed = list_page(&app, &admin, &[("q", &leaf.name)]).await;
    assert!(listed.rows.iter().all(|r| r.id != leaf.id));
    let options = app.call("/api/admin/officials/options", &[], Some(&admin)).await;
    assert!(!options.body.contains(&leaf.id.to_string()));
    let form = valid_official_form(&app).await;
    let (f, m) = field_of(&save(&app, &admin, &with(&form, "supervisor_id", &leaf.id.to_string())).await);
    assert_eq!(f, "supervisor_id");
    assert!(m.contains("tidak aktif"), "{m}");
    // A stale confirmation changes nothing.
    assert!(matches!(set(leaf.id, leaf.row_version, true).await.app_error(), AppError::Conflict(_)));
    // Someone who still supervises active officials cannot be deactivated.
    let r = set(head.id, head.row_version, false).await;
    assert!(
        matches!(r.app_error(), AppError::Conflict(ref m) if m.contains("atasan langsung")),
        "{}",
        r.body
    );
    assert!(official::Entity::find_by_id(head.id).one(&app.db).await.unwrap().unwrap().active);
    // Reactivate.
    assert!(set(leaf.id, off.row_version, true).await.status.is_success());
    assert!(official::Entity::find_by_id(leaf.id).one(&app.db).await.unwrap().unwrap().active);
    app.finish().await;
}

async fn officials_endpoints_are_admin_only(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let head = official_by_title(&app, "Kepala Dinas Pariwisata").await;
    let official = app.login(head.nip.as_deref().unwrap(), DEMO_PW).await;
    let id = head.id.to_string();
    let rv = head.row_version.to_string();
    let edit = edit_form(&head);
    let edit_pairs: Vec<(&str, &str)> = edit.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/api/admin/officials/list", vec![("q", "a")]),
        ("/api/admin/officials/get", vec![("id", &id)]),
        ("/api/admin/officials/save", edit_pairs),
        ("/api/admin/officials/set_active", vec![("id", &id), ("row_version", &rv), ("active", "true")]),
        ("/api/admin/officials/options", vec![]),
        ("/api/admin/opds/options", vec![]),
    ];
    for (endpoint, form) in &calls {
        for (role, cookie) in [("anonymous", None), ("dprd", Some(&dprd)), ("official", Some(&official))] {
            let r = app.call(endpoint, form, cookie.map(|c| c.as_str())).await;
            let expected = if cookie.is_none() { AppError::Unauthenticated } else { AppError::Forbidden };
            assert_eq!(r.app_error(), expected, "{role} → {endpoint}");
        }
        // Refused calls changed nothing.
        assert_eq!(official::Entity::find_by_id(head.id).one(&app.db).await.unwrap().unwrap(), head);
    }
    // The admin gets through every door (save and set_active last: they change row_version).
    for (endpoint, form) in &calls {
        let r = app.call(endpoint, form, Some(&admin)).await;
        assert!(
            r.status.is_success() || r.status.is_redirection(),
            "admin → {endpoint}: {} {}",
            r.status,
            r.body
        );
        if *endpoint == "/api/admin/officials/save" {
            // set_active uses the row_version saved here.
            let now = official::Entity::find_by_id(head.id).one(&app.db).await.unwrap().unwrap();
            assert_eq!(now.row_version, head.row_version + 1);
            let r = app
                .call(
                    "/api/admin/officials/set_active",
                    &[("id", &id), ("row_version", &now.row_version.to_string()), ("active", "true")],
                    Some(&admin),
                )
                .await;
            assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
            break;
        }
    }
    // Pages: others see the refusal, not the data.
    for cookie in [&dprd, &official] {
        for path in ["/admin/pejabat", "/admin/pejabat/baru", &format!("/admin/pejabat/{id}")] {
            let page = app.get(path, Some(cookie)).await;
            assert!(page.body.contains("tidak berhak"), "{path}");
            assert!(!page.body.contains(&rv_marker(&head)), "{path}");
        }
    }
    app.finish().await;
}

/// Text that only the officials pages would show about this official.
fn rv_marker(o: &official::Model) -> String {
    app::domain::Nip::parse(o.nip.as_deref().unwrap()).unwrap().spaced()
}

// ---- Mutasi (transfer) ----

use app::api::officials::{ImportReport, PositionRow};

/// A Pengawas of Dinas Pariwisata (nobody reports to them).
async fn dispar_pengawas(app: &TestApp) -> official::Model {
    let dispar = opd_by_code(app, "DISPAR").await;
    official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .filter(official::Column::OpdId.eq(dispar.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a demo pengawas")
}

/// A complete mutasi form: to another OPD, under that OPD's head.
async fn transfer_form(
    app: &TestApp,
    o: &official::Model,
    tmt: chrono::NaiveDate,
) -> Vec<(&'static str, String)> {
    let target = official::Entity::find()
        .filter(official::Column::PositionKind.eq("jpt_pratama"))
        .filter(official::Column::OpdId.ne(o.opd_id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("another OPD head");
    vec![
        ("id", o.id.to_string()),
        ("row_version", o.row_version.to_string()),
        ("opd_id", target.opd_id.to_string()),
        ("position_title", "Kepala Seksi Uji Mutasi".into()),
        ("position_kind", "pengawas".into()),
        ("job_class", "8".into()),
        ("supervisor_id", target.id.to_string()),
        ("monthly_ceiling", "6.250.000".into()),
        ("tmt", tmt.to_string()),
        ("note", "SK Wali Kota 800/12/2026".into()),
    ]
}

async fn transfer(app: &TestApp, cookie: &str, form: &[(&'static str, String)]) -> common::Reply {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call("/api/admin/officials/transfer", &pairs, Some(cookie)).await
}

async fn history_of(app: &TestApp, id: uuid::Uuid) -> Vec<position_history::Model> {
    position_history::Entity::find()
        .filter(position_history::Column::OfficialId.eq(id))
        .all(&app.db)
        .await
        .unwrap()
}

async fn mutasi_closes_the_current_position_and_opens_the_new_one(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let o = dispar_pengawas(&app).await;
    // Seeded officials have no history row yet: the mutasi records the position they leave.
    assert!(history_of(&app, o.id).await.is_empty());
    let tmt = o.position_start + chrono::Duration::days(200);
    let form = transfer_form(&app, &o, tmt).await;
    // The form page itself.
    let page = app.get(&format!("/admin/pejabat/{}/mutasi", o.id), Some(&admin)).await;
    assert!(page.body.contains("Simpan mutasi") && page.body.contains("TMT mutasi"), "{}", page.body);

    let r = transfer(&app, &admin, &form).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.location().map(str::to_string), Some(format!("/admin/pejabat/{}?mutasi=1", o.id)));
    let now = official::Entity::find_by_id(o.id).one(&app.db).await.unwrap().unwrap();
    let new_opd: uuid::Uuid = form.iter().find(|(k, _)| *k == "opd_id").unwrap().1.parse().unwrap();
    assert_eq!(now.opd_id, new_opd);
    assert_eq!(now.position_title, "Kepala Seksi Uji Mutasi");
    assert_eq!((now.job_class, now.monthly_ceiling, now.position_start), (8, 6_250_000, tmt));
    assert_eq!(now.row_version, o.row_version + 1);
    assert_eq!((now.nip.clone(), now.name.clone()), (o.nip.clone(), o.name.clone()), "identity unchanged");
    let history = history_of(&app, o.id).await;
    assert_eq!(history.len(), 2);
    let old = history.iter().find(|h| h.start_date == o.position_start).unwrap();
    assert_eq!(old.end_date, Some(tmt - chrono::Duration::days(1)));
    assert_eq!((old.opd_id, old.position_title.as_str()), (o.opd_id, o.position_title.as_str()));
    let new = history.iter().find(|h| h.start_date == tmt).unwrap();
    assert_eq!((new.start_date, new.end_date, new.opd_id), (tmt, None, new_opd));
    assert!(new.reason.starts_with("mutasi"), "{}", new.reason);
    assert!(new.reason.contains("800/12/2026"), "the note is kept: {}", new.reason);
    // The history endpoint lists newest first; the official's page shows it with Indonesian dates.
    let r = app.call("/api/admin/officials/history", &[("id", &o.id.to_string())], Some(&admin)).await;
    let rows: Vec<PositionRow> = serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body));
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![new.id, old.id]);
    let page = app.get(&format!("/admin/pejabat/{}?mutasi=1", o.id), Some(&admin)).await;
    assert!(page.body.contains("Riwayat jabatan"));
    assert!(page.body.contains("Mutasi tersimpan."));
    assert!(page.body.contains(&app::format::date_id(tmt)), "{}", app::format::date_id(tmt));
    assert!(page.body.contains(&app::format::date_id(tmt - chrono::Duration::days(1))));

    // A second mutasi closes the row the first opened.
    let now_form = with(&transfer_form(&app, &now, tmt + chrono::Duration::days(90)).await, "note", "");
    let r = transfer(&app, &admin, &now_form).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{} {}", r.status, r.body);
    let history = history_of(&app, o.id).await;
    assert_eq!(history.len(), 3);
    let closed = history.iter().find(|h| h.id == new.id).unwrap();
    assert_eq!(closed.end_date, Some(tmt + chrono::Duration::days(89)));
    let latest = history.iter().find(|h| h.end_date.is_none()).unwrap();
    assert_eq!((latest.start_date, latest.reason.as_str()), (tmt + chrono::Duration::days(90), "mutasi"));
    // The TMT is checked against the open history row.
    let (f, _) = field_of(
        &transfer(&app, &admin, &with(&now_form, "row_version", &(now.row_version + 1).to_string())).await,
    );
    assert_eq!(f, "tmt");
    app.finish().await;
}

async fn mutasi_tmt_must_follow_the_current_position(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let o = dispar_pengawas(&app).await;
    let start = o.position_start;
    let form = transfer_form(&app, &o, start).await;
    for (key, value, field, says) in [
        ("tmt", start.to_string(), "tmt", "sesudah TMT jabatan sekarang"),
        ("tmt", (start - chrono::Duration::days(30)).to_string(), "tmt", "sesudah"),
        ("tmt", String::new(), "tmt", "TMT mutasi"),
        ("job_class", "18".into(), "job_class", "1 sampai 17"),
        ("opd_id", String::new(), "opd_id", "perangkat daerah"),
        ("supervisor_id", o.id.to_string(), "supervisor_id", "dirinya sendiri"),
        ("monthly_ceiling", "16,5".into(), "monthly_ceiling", "bilangan bulat"),
    ] {
        let (f, m) = field_of(&transfer(&app, &admin, &with(&form, key, &value)).await);
        assert_eq!(f, field, "{key}={value}: {m}");
        assert!(m.contains(says), "{key}={value}: {m}");
    }
    assert_eq!(official::Entity::find_by_id(o.id).one(&app.db).await.unwrap().unwrap(), o);
    assert!(history_of(&app, o.id).await.is_empty());
    app.finish().await;
}

async fn stale_mutasi_is_a_conflict_and_writes_nothing(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let o = dispar_pengawas(&app).await;
    let start = o.position_start;
    let opened = transfer_form(&app, &o, start + chrono::Duration::days(10)).await;
    // Another admin edits the official meanwhile.
    assert!(save(&app, &admin, &with(&edit_form(&o), "rank", "Penata Tingkat I")).await.status.is_success());
    let edited = official::Entity::find_by_id(o.id).one(&app.db).await.unwrap().unwrap();
    let r = transfer(&app, &admin, &opened).await;
    assert!(
        matches!(r.app_error(), AppError::Conflict(ref m) if m.contains("diubah oleh pengguna lain")),
        "{}",
        r.body
    );
    assert_eq!(official::Entity::find_by_id(o.id).one(&app.db).await.unwrap().unwrap(), edited);
    assert!(history_of(&app, o.id).await.is_empty());
    app.finish().await;
}

// ---- CSV import ----

const IMPORT_HEADER: &str =
    "nip,nama,pangkat,golongan,jabatan,jenis_jabatan,kelas_jabatan,kode_opd,nip_atasan,tmt_jabatan,pagu_tpp";

async fn import_csv(app: &TestApp, cookie: &str, csv: &str) -> common::Reply {
    app.call("/api/admin/officials/import", &[("csv", csv)], Some(cookie)).await
}

fn import_report(r: &common::Reply) -> ImportReport {
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body))
}

async fn officials_count(app: &TestApp) -> u64 {
    official::Entity::find().count(&app.db).await.unwrap()
}

/// Three new officials in Dinas Pariwisata; each of the first two reports to a later line.
/// With `;`, as Excel saves it: only fields holding a semicolon would be quoted.
fn chain_csv(head_nip: &str, sep: &str) -> String {
    let rows: [[&str; 11]; 4] = [
        [
            "nip",
            "nama",
            "pangkat",
            "golongan",
            "jabatan",
            "jenis_jabatan",
            "kelas_jabatan",
            "kode_opd",
            "nip_atasan",
            "tmt_jabatan",
            "pagu_tpp",
        ],
        [
            "19900101 201501 1 001",
            "Sari Dewi, S.E.",
            "Penata",
            "III/c",
            "Kepala Seksi Promosi",
            "pengawas",
            "9",
            "DISPAR",
            "199001022015011002",
            "2026-01-05",
            "5.500.000",
        ],
        [
            "199001022015011002",
            "Bambang Irawan, S.Sos.",
            "Pembina",
            "IV/a",
            "Kepala Bidang Pemasaran",
            "administrator",
            "11",
            "dispar",
            "19900103 201501 1 003",
            "05-01-2026",
            "9.000.000",
        ],
        [
            "199001032015011003",
            "Rina Wulandari",
            "Pembina",
            "IV/a",
            "Sekretaris Dinas Uji",
            "administrator",
            "12",
            "DISPAR",
            head_nip,
            "2026-01-05",
            "Rp10.000.000",
        ],
    ];
    let quote = |f: &str| if f.contains(sep) { format!("\"{f}\"") } else { f.to_string() };
    rows.iter()
        .map(|r| r.iter().map(|f| quote(f)).collect::<Vec<_>>().join(sep))
        .collect::<Vec<_>>()
        .join("\r\n")
}

async fn import_with_forward_supervisor_references(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let head = official_by_title(&app, "Kepala Dinas Pariwisata").await;
    let before = officials_count(&app).await;
    let page = app.get("/admin/pejabat/impor", Some(&admin)).await;
    assert!(page.body.contains("nip_atasan") && page.body.contains("Unduh templat CSV"), "{}", page.body);
    assert!(page.body.contains("DISPAR"), "OPD codes listed");

    let report =
        import_report(&import_csv(&app, &admin, &chain_csv(head.nip.as_deref().unwrap(), ",")).await);
    assert_eq!(report, ImportReport { imported: 3, errors: vec![] });
    assert_eq!(officials_count(&app).await, before + 3);
    let by_nip = |nip: &'static str| {
        let db = app.db.clone();
        async move {
            official::Entity::find().filter(official::Column::Nip.eq(nip)).one(&db).await.unwrap().expect(nip)
        }
    };
    let sari = by_nip("199001012015011001").await;
    let bambang = by_nip("199001022015011002").await;
    let rina = by_nip("199001032015011003").await;
    assert_eq!(sari.name, "Sari Dewi, S.E.");
    assert_eq!(sari.supervisor_id, Some(bambang.id));
    assert_eq!(bambang.supervisor_id, Some(rina.id));
    assert_eq!(rina.supervisor_id, Some(head.id));
    assert_eq!(bambang.position_start.to_string(), "2026-01-05", "DD-MM-YYYY accepted");
    assert_eq!((sari.monthly_ceiling, rina.monthly_ceiling), (5_500_000, 10_000_000));
    assert_eq!(bambang.opd_id, head.opd_id, "OPD code case-insensitive");
    assert_eq!(history_of(&app, rina.id).await.len(), 1, "first position recorded");
    // The same file again: every NIP is now taken, nothing imported.
    let again = import_report(&import_csv(&app, &admin, &chain_csv(head.nip.as_deref().unwrap(), ",")).await);
    assert_eq!(again.imported, 0);
    assert_eq!(again.errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![2, 3, 4]);
    assert!(again.errors[0].message.contains("sudah terdaftar"), "{:?}", again.errors);
    assert_eq!(officials_count(&app).await, before + 3);
    app.finish().await;
}

async fn import_reports_every_bad_line_and_imports_nothing(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let head = official_by_title(&app, "Kepala Dinas Pariwisata").await;
    let boss = head.nip.clone().unwrap();
    let before = officials_count(&app).await;
    let csv = [
        IMPORT_HEADER.to_string(),
        "12345,Satu,,,Staf,pengawas,9,DISPAR,{boss},2026-01-05,5.000.000".to_string(),
        "199001042015011004,Dua,,,Kasi,pengawas,9,XXX,{boss},2026-01-05,5.000.000".to_string(),
        "199001052015011005,Tiga,,,Kasi,pengawas,9,DISPAR,{boss},2026-01-05,5.000.000".to_string(),
        "199001052015011005,Empat,,,Kasi,pengawas,9,DISPAR,{boss},2026-01-05,5.000.000".to_string(),
        "199001062015011006,Lima,,,Kasi,pengawas,9,DISPAR,190001012000011999,2026-01-05,5.000.000"
            .to_string(),
        "199001072015011007,Enam,,,Kabid,administrator,11,DISPAR,199001082015011008,2026-01-05,9.000.000"
            .to_string(),
        "199001082015011008,Tujuh,,,Kabid,administrator,11,DISPAR,199001072015011007,2026-01-05,9.000.000"
            .to_string(),
        "199001092015011009,Delapan,,,Kasi,pengawas,18,DISPAR,{boss},2026-01-05,5.000.000".to_string(),
        "199001102015011010,Sembilan,,,Kasi,pengawas,9,DISPAR,{boss},31-02-2026,5.000.000".to_string(),
        "199001112015011011,Sepuluh,,,Kasi,pengawas,9,DISPAR,{boss},2026-01-05,16,5".to_string(),
    ]
    .join("\n")
    .replace("{boss}", &boss);
    let report = import_report(&import_csv(&app, &admin, &csv).await);
    assert_eq!(report.imported, 0);
    let got: Vec<(usize, Option<&str>)> =
        report.errors.iter().map(|e| (e.line, e.column.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            (2, Some("nip")),
            (3, Some("kode_opd")),
            (5, Some("nip")),
            (6, Some("nip_atasan")),
            (7, Some("nip_atasan")),
            (8, Some("nip_atasan")),
            (9, Some("kelas_jabatan")),
            (10, Some("tmt_jabatan")),
            (11, None),
        ],
        "{:#?}",
        report.errors
    );
    let msg = |line: usize| report.errors.iter().find(|e| e.line == line).unwrap().message.clone();
    assert!(msg(3).contains("XXX"), "{}", msg(3));
    assert!(msg(5).contains("baris 4"), "{}", msg(5));
    assert!(msg(6).contains("tidak ditemukan"), "{}", msg(6));
    assert!(msg(7).contains("berputar"), "{}", msg(7));
    assert!(msg(11).contains("kolom"), "a stray comma makes an extra column: {}", msg(11));
    assert_eq!(officials_count(&app).await, before, "nothing imported");
    // A header with a misspelt column is refused as a whole.
    let bad_header = csv.replacen("kode_opd", "kode_skpd", 1);
    let report = import_report(&import_csv(&app, &admin, &bad_header).await);
    assert!(report.errors.iter().all(|e| e.line == 1) && report.errors.len() == 2, "{:?}", report.errors);
    assert_eq!(officials_count(&app).await, before);
    app.finish().await;
}

async fn import_reads_semicolon_files(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let head = official_by_title(&app, "Kepala Dinas Pariwisata").await;
    let before = officials_count(&app).await;
    // Excel adds a byte order mark.
    let csv = format!("\u{feff}{}", chain_csv(head.nip.as_deref().unwrap(), ";"));
    assert!(csv.contains(";Sari Dewi, S.E.;"), "{csv}");
    let report = import_report(&import_csv(&app, &admin, &csv).await);
    assert_eq!(report, ImportReport { imported: 3, errors: vec![] });
    assert_eq!(officials_count(&app).await, before + 3);
    let sari = official::Entity::find()
        .filter(official::Column::Nip.eq("199001012015011001"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sari.name, "Sari Dewi, S.E.");
    app.finish().await;
}

async fn import_refuses_oversize_files(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let before = officials_count(&app).await;
    let big = format!("{IMPORT_HEADER}\n{}", "x".repeat(app::api::officials::IMPORT_MAX_BYTES));
    let (f, m) = field_of(&import_csv(&app, &admin, &big).await);
    assert_eq!(f, "csv");
    assert!(m.contains("terlalu besar"), "{m}");
    let many = format!("{IMPORT_HEADER}\n{}", "a,b\n".repeat(app::api::officials::IMPORT_MAX_ROWS + 1));
    let (f, m) = field_of(&import_csv(&app, &admin, &many).await);
    assert_eq!(f, "csv");
    assert!(m.contains("paling banyak 5.000 baris"), "{m}");
    assert_eq!(officials_count(&app).await, before);
    app.finish().await;
}

async fn mutasi_and_import_endpoints_are_admin_only(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let head = official_by_title(&app, "Kepala Dinas Pariwisata").await;
    let official = app.login(head.nip.as_deref().unwrap(), DEMO_PW).await;
    let o = dispar_pengawas(&app).await;
    let form = transfer_form(&app, &o, o.position_start + chrono::Duration::days(10)).await;
    let transfer_pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let csv = chain_csv(head.nip.as_deref().unwrap(), ",");
    let id = o.id.to_string();
    let before = officials_count(&app).await;
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/api/admin/officials/transfer", transfer_pairs),
        ("/api/admin/officials/history", vec![("id", &id)]),
        ("/api/admin/officials/import", vec![("csv", &csv)]),
    ];
    for (endpoint, form) in &calls {
        for (role, cookie) in [("anonymous", None), ("dprd", Some(&dprd)), ("official", Some(&official))] {
            let r = app.call(endpoint, form, cookie.map(|c| c.as_str())).await;
            let expected = if cookie.is_none() { AppError::Unauthenticated } else { AppError::Forbidden };
            assert_eq!(r.app_error(), expected, "{role} → {endpoint}");
        }
    }
    // Refused calls changed nothing.
    assert_eq!(official::Entity::find_by_id(o.id).one(&app.db).await.unwrap().unwrap(), o);
    assert!(history_of(&app, o.id).await.is_empty());
    assert_eq!(officials_count(&app).await, before);
    for cookie in [&dprd, &official] {
        for path in ["/admin/pejabat/impor".to_string(), format!("/admin/pejabat/{id}/mutasi")] {
            let page = app.get(&path, Some(cookie)).await;
            assert!(page.body.contains("tidak berhak"), "{path}");
            assert!(
                !page.body.contains("Simpan mutasi") && !page.body.contains("Periksa dan impor"),
                "{path}"
            );
        }
    }
    app.finish().await;
}

async fn cross_site_writes_are_refused(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let cookie = app.login("admin", DEMO_PW).await;
    let logout = |origin: &'static str| {
        let mut req = common::server_fn_request("/api/logout", &[], Some(&cookie), "application/json");
        req.headers_mut().insert("host", "127.0.0.1:3000".parse().unwrap());
        req.headers_mut().insert("origin", origin.parse().unwrap());
        req
    };
    // A form on another site posting with the victim's cookie is refused, and nothing changes.
    let r = app.send(logout("http://evil.example")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 1);
    let mut login = common::server_fn_request(
        "/api/login",
        &[("username", "admin"), ("password", DEMO_PW)],
        None,
        "text/html",
    );
    login.headers_mut().insert("host", "127.0.0.1:3000".parse().unwrap());
    login.headers_mut().insert("referer", "http://evil.example/phish".parse().unwrap());
    assert_eq!(app.send(login).await.status, StatusCode::FORBIDDEN);
    // The same request from Pakta's own page goes through.
    let r = app.send(logout("http://127.0.0.1:3000")).await;
    assert_eq!(r.location(), Some("/masuk"));
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
    app.finish().await;
}

/// Issue 7: a request body over the limit is refused with 413 and a message when it declares
/// its length, and cut off (the request fails, nothing is written) when it streams; a request
/// within the limit still works.
async fn oversized_requests_are_refused_early(db: TestDb) {
    let app = TestApp::start(db).await;
    let limit = pakta_server::startup::MAX_REQUEST_BYTES;
    let big = format!("username=admin&password={}", "x".repeat(limit));
    let post = |length: Option<usize>| {
        let mut req = http::Request::post("/api/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json");
        if let Some(n) = length {
            req = req.header("content-length", n.to_string());
        }
        req.body(axum::body::Body::from(big.clone())).unwrap()
    };
    let r = app.send(post(Some(big.len()))).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("Permintaan terlalu besar: paling besar 4 MB."), "{}", r.body);
    // Without a declared length the body is cut off at the limit: the request fails before the
    // password is ever checked.
    let r = app.send(post(None)).await;
    assert!(r.status.is_client_error() || r.status.is_server_error(), "{} {}", r.status, r.body);
    assert!(!r.body.contains("InvalidCredentials"), "{}", r.body);
    // Within the limit all is as before.
    let r = app.call("/api/login", &[("username", "admin"), ("password", "salah")], None).await;
    assert_eq!(r.app_error(), AppError::InvalidCredentials, "an ordinary wrong-password answer");
    app.finish().await;
}

// ---- Audit log ----

use app::server::audit::{self, Break, VerifyReport};
use app::server::entities::audit_log;
use sea_orm::{QueryOrder, TransactionTrait};

async fn audit_entries(app: &TestApp) -> Vec<audit_log::Model> {
    audit_log::Entity::find().order_by_asc(audit_log::Column::Seq).all(&app.db).await.unwrap()
}

fn json_of(text: &Option<String>) -> serde_json::Value {
    serde_json::from_str(text.as_deref().expect("JSON stored")).unwrap()
}

async fn admin_account_id(app: &TestApp) -> uuid::Uuid {
    account::Entity::find()
        .filter(account::Column::Username.eq("admin"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn writes_are_audited_in_a_hash_chain(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let seeded = audit_entries(&app).await;
    assert_eq!(seeded.len(), 2, "the demo's policy version and one summary entry");
    assert_eq!(seeded[0].prev_hash, audit::GENESIS);
    let admin = app.login("admin", DEMO_PW).await;
    let admin_id = admin_account_id(&app).await;
    let o = official_by_title(&app, "Kepala Dinas Pariwisata").await;
    let r = save(&app, &admin, &with(&edit_form(&o), "monthly_ceiling", "17.000.000")).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);

    let entries = audit_entries(&app).await;
    let e = entries.last().unwrap();
    assert_eq!((e.seq, e.action.as_str(), e.entity.as_str()), (3, "update", "official"));
    assert_eq!(e.account_id, Some(admin_id), "the session user is the actor");
    assert_eq!(e.record_id, Some(o.id.to_string()));
    let (before, after) = (json_of(&e.before), json_of(&e.after));
    assert_eq!(before["monthly_ceiling"], o.monthly_ceiling);
    assert_eq!(after["monthly_ceiling"], 17_000_000);
    assert_eq!(after["row_version"], o.row_version + 1);
    assert_eq!(before["name"], after["name"]);
    assert_eq!(e.prev_hash, seeded[1].hash, "chained to the entry before");
    let key = app::server::audit_key::installed().unwrap();
    assert_eq!(e.key_id, Some(key.id()), "keyed with the process's audit key");
    assert_eq!(e.hash, audit::keyed_hash_of(e, key));

    // Create, deactivate, mutasi and account creation each add their entry.
    let r = save(&app, &admin, &valid_official_form(&app).await).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let created = audit_entries(&app).await.pop().unwrap();
    assert_eq!((created.action.as_str(), created.before.as_deref()), ("create", None));
    let new_id = uuid::Uuid::parse_str(created.record_id.as_deref().unwrap()).unwrap();
    let new = official::Entity::find_by_id(new_id).one(&app.db).await.unwrap().unwrap();
    let r = app
        .call(
            "/api/admin/officials/set_active",
            &[
                ("id", &new.id.to_string()),
                ("row_version", &new.row_version.to_string()),
                ("active", "false"),
            ],
            Some(&admin),
        )
        .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let deactivated = audit_entries(&app).await.pop().unwrap();
    assert_eq!(deactivated.action, "deactivate");
    assert_eq!(
        (json_of(&deactivated.before)["active"].clone(), json_of(&deactivated.after)["active"].clone()),
        (true.into(), false.into())
    );
    let account = app::server::accounts::create(
        &app.db,
        app::server::accounts::NewAccount {
            role: app::domain::Role::Admin,
            username: Some("hr2".into()),
            nip: None,
            password: "sandi-yang-panjang".into(),
            must_change_password: false,
        },
    )
    .await
    .unwrap();
    let acc = audit_entries(&app).await.pop().unwrap();
    assert_eq!((acc.entity.as_str(), acc.record_id.clone()), ("account", Some(account.id.to_string())));
    let text = acc.after.clone().unwrap();
    assert!(!text.contains("password") && !text.contains(&account.password_hash), "{text}");

    assert_eq!(audit::verify(&app.db).await.unwrap(), VerifyReport::Intact { entries: 6 });
    app.finish().await;
}

/// Seeds the demo and makes two edits, so that the chain has entries 1..=4.
async fn app_with_four_entries(db: TestDb) -> TestApp {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    for ceiling in ["17.000.000", "18.000.000"] {
        let o = official_by_title(&app, "Kepala Dinas Pariwisata").await;
        let r = save(&app, &admin, &with(&edit_form(&o), "monthly_ceiling", ceiling)).await;
        assert!(r.status.is_success(), "{}", r.body);
    }
    assert_eq!(audit::verify(&app.db).await.unwrap(), VerifyReport::Intact { entries: 4 });
    app
}

async fn verify_finds_an_edited_audit_entry(db: TestDb) {
    let app = app_with_four_entries(db).await;
    let second = audit_entries(&app).await.remove(1);
    assert_eq!(second.seq, 2);
    // Someone who owns the database lifts its refusal and rewrites what entry 2 says.
    common::allow_audit_tampering(&app.db).await;
    audit_log::Entity::update_many()
        .col_expr(audit_log::Column::After, sea_orm::sea_query::Expr::value(r#"{"demo":false}"#))
        .filter(audit_log::Column::Seq.eq(2))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(
        audit::verify(&app.db).await.unwrap(),
        VerifyReport::Broken { seq: 2, reason: Break::HashMismatch }
    );
    // Recomputing that entry's hash does not help: entry 3 still points at the old one.
    audit_log::Entity::update_many()
        .col_expr(audit_log::Column::Hash, sea_orm::sea_query::Expr::value("f".repeat(64)))
        .filter(audit_log::Column::Seq.eq(2))
        .exec(&app.db)
        .await
        .unwrap();
    // Even with the key (an insider), re-hashing the one entry does not help.
    let mut forged = audit_entries(&app).await.remove(1);
    forged.hash = audit::hash_of(&forged, app::server::audit_key::installed().unwrap());
    audit_log::Entity::update_many()
        .col_expr(audit_log::Column::Hash, sea_orm::sea_query::Expr::value(forged.hash.clone()))
        .filter(audit_log::Column::Seq.eq(2))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(
        audit::verify(&app.db).await.unwrap(),
        VerifyReport::Broken { seq: 3, reason: Break::PrevHashMismatch }
    );
    app.finish().await;
}

async fn verify_finds_a_deleted_audit_entry(db: TestDb) {
    let app = app_with_four_entries(db).await;
    common::allow_audit_tampering(&app.db).await;
    audit_log::Entity::delete_many().filter(audit_log::Column::Seq.eq(3)).exec(&app.db).await.unwrap();
    assert_eq!(
        audit::verify(&app.db).await.unwrap(),
        VerifyReport::Broken { seq: 4, reason: Break::Gap { expected: 3 } }
    );
    app.finish().await;
}

/// Appends an `update` entry in a plain transaction of its own (not `begin_write`): the case
/// the chain's append lock must make safe (`audit` module comment).
async fn append_in_own_transaction(
    db: sea_orm::DatabaseConnection,
    record_id: String,
    after: Option<serde_json::Value>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let entry = audit::Entry {
        action: "update",
        entity: "official",
        record_id: Some(record_id),
        after,
        ..Default::default()
    };
    audit::record(&txn, entry, chrono::Utc::now()).await?;
    txn.commit().await?;
    Ok(())
}

async fn concurrent_appends_keep_one_chain(db: TestDb) {
    let app = TestApp::start(db).await;
    let tasks: Vec<_> = (0..10)
        .map(|i| {
            let after = Some(serde_json::json!({ "i": i }));
            tokio::spawn(append_in_own_transaction(app.db.clone(), format!("tugas-{i}"), after))
        })
        .collect();
    for t in tasks {
        t.await.expect("task").expect("every append commits");
    }
    let entries = audit_entries(&app).await;
    assert_eq!(entries.iter().map(|e| e.seq).collect::<Vec<_>>(), (1..=10).collect::<Vec<_>>());
    assert_eq!(audit::verify(&app.db).await.unwrap(), VerifyReport::Intact { entries: 10 });
    app.finish().await;
}

/// Reads arriving together are committed together (issue 6: `/saya` under load), yet each gets
/// its own entry, in one unbroken chain, alongside ordinary writes, and each reader waits for it.
async fn concurrent_reads_are_each_recorded_once(db: TestDb) {
    let app = TestApp::start(db).await;
    let reads: Vec<_> = (0..60)
        .map(|i| {
            let log = app.state.read_log.clone();
            tokio::spawn(async move {
                let whose = Some(format!("pejabat-{i}"));
                let detail = serde_json::json!({ "i": i });
                audit::record_pay_read(&log, None, "tpp_result", whose, "test", detail, chrono::Utc::now())
                    .await
            })
        })
        .collect();
    let writes: Vec<_> = (0..5)
        .map(|i| tokio::spawn(append_in_own_transaction(app.db.clone(), format!("tulis-{i}"), None)))
        .collect();
    for r in reads {
        r.await.expect("task").expect("every read is recorded");
    }
    for w in writes {
        w.await.expect("task").expect("every write commits");
    }
    let entries = audit_entries(&app).await;
    assert_eq!(entries.iter().map(|e| e.seq).collect::<Vec<_>>(), (1..=65).collect::<Vec<_>>());
    let mut read_of: Vec<String> = entries
        .iter()
        .filter(|e| e.action == audit::action::READ_PAY)
        .map(|e| e.record_id.clone().unwrap_or_default())
        .collect();
    read_of.sort();
    let mut expected: Vec<String> = (0..60).map(|i| format!("pejabat-{i}")).collect();
    expected.sort();
    assert_eq!(read_of, expected, "one entry per read, none lost or doubled");
    let read = entries.iter().find(|e| e.record_id.as_deref() == Some("pejabat-7")).expect("entry");
    let after: serde_json::Value = serde_json::from_str(read.after.as_deref().unwrap_or("null")).unwrap();
    assert_eq!(after, serde_json::json!({ "tampilan": "test", "i": 7 }));
    assert_eq!(audit::verify(&app.db).await.unwrap(), VerifyReport::Intact { entries: 65 });
    app.finish().await;
}

/// A read whose entry cannot be committed is refused (no pay shown unrecorded), and the readers
/// after it are not stuck behind it.
async fn a_read_that_cannot_be_recorded_fails(db: TestDb) {
    use sea_orm::ConnectionTrait;
    let app = TestApp::start(db).await;
    let log = app.state.read_log.clone();
    let read = |i: u32| {
        let log = log.clone();
        async move {
            let whose = Some(format!("pejabat-{i}"));
            audit::record_pay_read(
                &log,
                None,
                "tpp_result",
                whose,
                "test",
                serde_json::json!({}),
                chrono::Utc::now(),
            )
            .await
        }
    };
    read(1).await.expect("recorded");
    // The chain's table is gone (as if the disk failed): the insert fails.
    app.db.execute_unprepared("ALTER TABLE audit_log RENAME TO audit_log_away").await.unwrap();
    let tasks: Vec<_> = (2..6).map(|i| tokio::spawn(read(i))).collect();
    let mut failed = Vec::new();
    for t in tasks {
        failed.push(t.await.expect("task"));
    }
    assert!(failed.iter().all(|r| *r == Err(AppError::Internal)), "{failed:?}");
    app.db.execute_unprepared("ALTER TABLE audit_log_away RENAME TO audit_log").await.unwrap();
    read(6).await.expect("recorded again once the table is back");
    let recorded: Vec<_> =
        audit_entries(&app).await.into_iter().map(|e| e.record_id.unwrap_or_default()).collect();
    assert_eq!(recorded, ["pejabat-1", "pejabat-6"]);
    app.finish().await;
}

async fn audit_list_is_admin_only_and_filters(db: TestDb) {
    use app::api::audit::AuditPage;
    let app = app_with_four_entries(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let nip = first_official_nip(&app, "Kepala Dinas Pariwisata").await;
    let official = app.login(&nip, DEMO_PW).await;
    for (role, cookie) in [("anonymous", None), ("dprd", Some(&dprd)), ("official", Some(&official))] {
        let r = app.call("/api/admin/audit/list", &[], cookie.map(|c| c.as_str())).await;
        let expected = if cookie.is_none() { AppError::Unauthenticated } else { AppError::Forbidden };
        assert_eq!(r.app_error(), expected, "{role} → audit list");
        let page = app.get("/admin/audit", cookie.map(|c| c.as_str())).await;
        assert!(!page.body.contains("monthly_ceiling"), "{role} sees no entries");
    }
    let list = |form: Vec<(&'static str, String)>| {
        let (app, admin) = (&app, &admin);
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = app.call("/api/admin/audit/list", &pairs, Some(admin)).await;
            assert!(r.status.is_success(), "{form:?}: {} {}", r.status, r.body);
            serde_json::from_str::<AuditPage>(&r.body).unwrap()
        }
    };
    let all = list(vec![]).await;
    assert_eq!(all.rows.iter().map(|r| r.seq).collect::<Vec<_>>(), [4, 3, 2, 1], "newest first");
    let edit = &all.rows[0];
    assert_eq!(edit.actor.as_deref(), Some("admin"));
    let fields: Vec<&str> = edit.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["monthly_ceiling", "row_version"], "only what changed");
    assert_eq!(edit.changes[0].after.as_deref(), Some("18000000"));
    let updates = list(vec![("action", "update".into()), ("entity", "official".into())]).await;
    assert_eq!(updates.total, 2);
    assert_eq!(list(vec![("actor", "admin".into())]).await.total, 2);
    assert_eq!(list(vec![("actor", "-".into())]).await.total, 2, "demo entries have no actor");
    assert_eq!(list(vec![("actor", "tidak-ada".into())]).await.total, 0);
    let today = chrono::Utc::now().with_timezone(&app::format::wib()).date_naive();
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    assert_eq!(list(vec![("from", day(today)), ("to", day(today))]).await.total, 4);
    assert_eq!(list(vec![("from", day(today.succ_opt().unwrap()))]).await.total, 0);
    assert_eq!(list(vec![("to", day(today.pred_opt().unwrap()))]).await.total, 0);
    // The page: a GET form, linked from the admin home; the filter carried in the URL.
    assert!(app.get("/admin", Some(&admin)).await.body.contains("href=\"/admin/audit\""));
    let page = app.get("/admin/audit?action=update&entity=official", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("method=\"get\""));
    assert!(page.body.contains("monthly_ceiling") && page.body.contains("18000000"), "changes shown");
    assert!(!page.body.contains(">opds<"), "the demo summary is filtered out");
    let unfiltered = app.get("/admin/audit", Some(&admin)).await;
    assert!(unfiltered.body.contains(">opds<"), "the check above can fail");
    app.finish().await;
}

const RESET: &str = "/api/admin/accounts/reset_password";
const NEW_PW: &str = "sandi-baru-yang-panjang";

async fn account_of_nip(app: &TestApp, nip: &str) -> account::Model {
    app::server::accounts::find_by_nip(&app.db, nip).await.unwrap().expect("account of the official")
}

async fn admin_resets_a_password_and_ends_its_sessions(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let admin_id = admin_account_id(&app).await;
    let nip = first_official_nip(&app, "Kepala Dinas Pariwisata").await;
    let before = account_of_nip(&app, &nip).await;
    assert!(before.is_demo);
    let official = app.login(&nip, DEMO_PW).await;
    assert_eq!(app.get("/saya", Some(&official)).await.status, StatusCode::OK);
    let writes_before =
        audit_entries(&app).await.iter().filter(|e| e.action != app::server::audit::action::READ_PAY).count();

    // The NIP may be typed with spaces, as it is printed.
    let spaced = app::domain::Nip::parse(&nip).unwrap().spaced();
    let r = app
        .call(
            RESET,
            &[("identifier", &spaced), ("password", NEW_PW), ("password_confirm", NEW_PW)],
            Some(&admin),
        )
        .await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    assert!(r.body.contains(&nip), "{}", r.body);

    // The official's open session is over.
    assert_eq!(app.get("/saya", Some(&official)).await.location(), Some("/masuk?sesi=berakhir"));
    assert_eq!(
        app.call("/api/me/profile", &[], Some(&official)).await.app_error(),
        AppError::Unauthenticated
    );
    let after = account_of_nip(&app, &nip).await;
    assert!(!after.is_demo, "no longer a published demo account");
    assert!(after.password_changed_at > before.password_changed_at);
    assert_ne!(after.password_hash, before.password_hash);
    assert_eq!(
        session::Entity::find().filter(session::Column::AccountId.eq(after.id)).count(&app.db).await.unwrap(),
        0
    );
    // The admin's own session is untouched.
    assert_eq!(app.get("/admin", Some(&admin)).await.status, StatusCode::OK);

    // The old password no longer works; the new one does.
    let old = app.call("/api/login", &[("username", &nip), ("password", DEMO_PW)], None).await;
    assert_eq!(old.app_error(), AppError::InvalidCredentials);
    let fresh = app.login(&nip, NEW_PW).await;
    assert_eq!(app.get("/saya", Some(&fresh)).await.status, StatusCode::OK);

    // One audit entry of a write, by the admin, about the account, with no hash in it (the
    // official's home shows their TPP: a read of pay, recorded too, is not counted here).
    let entries: Vec<_> = audit_entries(&app)
        .await
        .into_iter()
        .filter(|e| e.action != app::server::audit::action::READ_PAY)
        .collect();
    assert_eq!(entries.len(), writes_before + 1);
    let e = entries.last().unwrap();
    assert_eq!((e.action.as_str(), e.entity.as_str()), ("set_password", "account"));
    assert_eq!(e.account_id, Some(admin_id));
    assert_eq!(e.record_id, Some(after.id.to_string()));
    for text in [&e.before, &e.after].into_iter().flatten() {
        assert!(!text.contains("argon2"), "{text}");
        assert!(!text.contains(&after.password_hash) && !text.contains(&before.password_hash), "{text}");
        assert!(!text.contains(NEW_PW), "{text}");
    }
    assert_eq!(json_of(&e.after)["is_demo"], false);
    assert_eq!(json_of(&e.after)["sessions_ended"], 1);
    assert!(matches!(audit::verify(&app.db).await.unwrap(), VerifyReport::Intact { .. }));

    // By username too, through the service; an admin resetting by name.
    let r = app
        .call(
            RESET,
            &[("identifier", "dprd"), ("password", NEW_PW), ("password_confirm", NEW_PW)],
            Some(&admin),
        )
        .await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    app.login("dprd", NEW_PW).await;
    app.finish().await;
}

async fn password_reset_errors_name_their_field(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let page = app.get("/admin/akun", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    for label in ["Nama pengguna atau NIP", "Kata sandi baru", "Ulangi kata sandi baru"] {
        assert!(page.body.contains(label), "{label}");
    }
    assert!(app.get("/admin", Some(&admin)).await.body.contains("href=\"/admin/akun\""));
    let entries = audit_entries(&app).await.len();
    let cases: [(&[(&str, &str)], &str); 5] = [
        (&[("identifier", "dprd"), ("password", "pendek"), ("password_confirm", "pendek")], "password"),
        (
            &[("identifier", "dprd"), ("password", NEW_PW), ("password_confirm", "sandi-lain-panjang")],
            "password_confirm",
        ),
        (&[("identifier", "dprd"), ("password", NEW_PW)], "password_confirm"),
        (&[("identifier", "tidak.ada"), ("password", NEW_PW), ("password_confirm", NEW_PW)], "identifier"),
        (&[("identifier", " "), ("password", NEW_PW), ("password_confirm", NEW_PW)], "identifier"),
    ];
    for (form, field) in cases {
        let e = app.call(RESET, form, Some(&admin)).await.app_error();
        assert!(e.field_message(field).is_some(), "{form:?}: expected an error on {field}, got {e:?}");
    }
    assert_eq!(
        app.call(RESET, cases[0].0, Some(&admin)).await.app_error().field_message("password").unwrap(),
        "Kata sandi minimal 10 karakter."
    );
    // Nothing changed: no entry, the old password still works.
    assert_eq!(audit_entries(&app).await.len(), entries);
    app.login("dprd", DEMO_PW).await;
    app.finish().await;
}

async fn password_reset_is_admin_only(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let nip = first_official_nip(&app, "Kepala Dinas Pariwisata").await;
    let official = app.login(&nip, DEMO_PW).await;
    let other_nip = first_official_nip(&app, "Sekretaris Daerah").await;
    let other = app.login(&other_nip, DEMO_PW).await;
    for target in ["admin", "dprd", nip.as_str(), other_nip.as_str()] {
        let form = [("identifier", target), ("password", NEW_PW), ("password_confirm", NEW_PW)];
        for (role, cookie) in [
            ("anonymous", None),
            ("dprd", Some(&dprd)),
            ("official", Some(&official)),
            ("another official", Some(&other)),
        ] {
            let r = app.call(RESET, &form, cookie.map(|c| c.as_str())).await;
            let expected = if cookie.is_none() { AppError::Unauthenticated } else { AppError::Forbidden };
            assert_eq!(r.app_error(), expected, "{role} → reset {target}");
        }
    }
    // Refused calls changed nothing: every session still works, every password still logs in.
    for cookie in [&admin, &dprd, &official, &other] {
        assert_eq!(app.call("/api/me", &[], Some(cookie)).await.status, StatusCode::OK);
    }
    assert!(audit_entries(&app).await.iter().all(|e| e.action != "set_password"));
    // The admin gets through.
    let r = app
        .call(
            RESET,
            &[("identifier", &other_nip), ("password", NEW_PW), ("password_confirm", NEW_PW)],
            Some(&admin),
        )
        .await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    app.finish().await;
}

/// Every `nonce="..."` value in a page.
fn nonces_in(body: &str) -> Vec<String> {
    body.split("nonce=\"").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_string).collect()
}

async fn pages_carry_a_csp_with_the_script_nonce(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let mut seen = Vec::new();
    for (path, cookie) in [
        ("/masuk", None),
        ("/admin", Some(&admin)),
        ("/admin/akun", Some(&admin)),
        ("/tidak-ada", Some(&admin)),
    ] {
        let r = app.get(path, cookie.map(|c| c.as_str())).await;
        let csp = r
            .headers
            .get(http::header::CONTENT_SECURITY_POLICY)
            .unwrap_or_else(|| panic!("{path}: no CSP"))
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: no nonce in {csp}"))
            .to_string();
        assert!(nonce.len() >= 16, "{path}: {nonce}");
        assert_eq!(csp, app::app::CSP_TEMPLATE.replace("{nonce}", &nonce));
        let in_page = nonces_in(&r.body);
        assert!(
            r.body.contains(&format!("<script type=\"module\" nonce=\"{nonce}\">")),
            "{path}: the hydration script carries the header's nonce"
        );
        assert!(in_page.iter().all(|n| *n == nonce), "{path}: {in_page:?} vs {nonce}");
        seen.push(nonce);
    }
    // A fresh nonce per response.
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 4);
    app.finish().await;
}

/// A page rendered while another app in the same process starts (every test starts one; a
/// restart starts a second) still finishes. Leptos stops resources from loading process-wide
/// while it walks an app's routes, and a resource first polled in that window never loads
/// (leptos#4773): before the routes were walked once per process, pages of the full suite hung
/// now and then in CI.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_finish_while_other_apps_start() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let Some(db) = TestDb::create(common::Engine::Sqlite).await else { return };
    let app = TestApp::with_demo(db).await;
    let cookie = app.login("admin", DEMO_PW).await;
    let stop = Arc::new(AtomicBool::new(false));
    let starter = {
        let (stop, state, runtime) = (stop.clone(), app.state.clone(), tokio::runtime::Handle::current());
        std::thread::spawn(move || {
            let _in_runtime = runtime.enter();
            let mut started = 0u32;
            while !stop.load(Ordering::Relaxed) {
                drop(pakta_server::startup::router(state.clone()));
                started += 1;
            }
            started
        })
    };
    for path in ["/admin/kebijakan-tpp", "/admin/tpp?tahun=2026&tw=2", "/dprd?tahun=2026&tw=2", "/admin"]
        .iter()
        .cycle()
        .take(40)
    {
        let page = app.get(path, Some(&cookie));
        let reply = tokio::time::timeout(std::time::Duration::from_secs(30), page)
            .await
            .unwrap_or_else(|_| panic!("{path} did not finish while other apps started"));
        assert_eq!(reply.status, StatusCode::OK, "{path}");
    }
    stop.store(true, Ordering::Relaxed);
    let started = starter.join().expect("app starter");
    assert!(started > 0, "no other app started during the pages");
    app.finish().await;
}
