//! The app over HTTP (in-process), the same suite on SQLite and PostgreSQL.
mod common;

use app::error::AppError;
use app::server::entities::{account, official, session};
use common::{TestApp, TestDb};
use http::StatusCode;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const DEMO_PW: &str = app::server::demo::DEMO_PASSWORD;

on_both_engines!(
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
    // A failed plain form post comes back to the login page, which shows the error.
    let r = app.post_form("/api/login", &[("username", "admin"), ("password", "salah")], None).await;
    assert!(r.session_cookie().is_none());
    let back = r.location().expect("redirect back to the form").to_string();
    assert!(back.starts_with("http://localhost/masuk?"), "{back}");
    let page = app.get(back.trim_start_matches("http://localhost"), None).await;
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
        NewAccount { role: Role::Admin, username: Some("hr2".into()), nip: None, password: "pendek".into() },
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
