//! Trust, second pass (issue 14): what a security review found about who can learn or do what.
//! DPRD's figures of a locked quarter do not move when officials move; a deactivated official's
//! login and sessions end; a former superior sees only the quarters they were pihak kedua of.
use crate::common::{TestApp, TestDb};
use crate::DEMO_PW;
use app::api::auth::SessionUser;
use app::api::officials::TransferInput;
use app::domain::pact::Party;
use app::domain::Role;
use app::error::AppError;
use app::server::entities::{account, official, pact, pact_version, session};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

crate::on_both_engines!(
    locked_figures_do_not_move_after_mutasi_or_deactivation,
    deactivating_an_official_ends_their_login_and_sessions,
    admin_disables_and_enables_an_account,
    a_former_superior_sees_only_the_quarters_they_signed_for,
    outside_demo_mode_accounts_choose_their_own_password,
    demo_mode_is_announced_and_only_it_tells_the_password,
    an_idle_session_ends,
    server_function_errors_carry_their_status,
);

const YEAR: i32 = 2026;

fn at(date: &str) -> chrono::DateTime<chrono::Utc> {
    format!("{date}T03:00:00Z").parse().unwrap()
}

/// A mutasi to `opd_id` under `supervisor_id`, effective `tmt`.
fn transfer_input(o: &official::Model, opd_id: Uuid, supervisor_id: Uuid, tmt: &str) -> TransferInput {
    TransferInput {
        id: o.id.to_string(),
        row_version: o.row_version.to_string(),
        opd_id: opd_id.to_string(),
        position_title: format!("{} (mutasi)", o.position_title),
        position_kind: o.position_kind.clone(),
        job_class: o.job_class.to_string(),
        supervisor_id: supervisor_id.to_string(),
        monthly_ceiling: o.monthly_ceiling.to_string(),
        tmt: tmt.into(),
        note: String::new(),
    }
}

/// Active eselon IV officials (no reports of their own), by NIP.
async fn pengawas(app: &TestApp) -> Vec<official::Model> {
    official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .filter(official::Column::Active.eq(true))
        .order_by_asc(official::Column::Nip)
        .all(&app.db)
        .await
        .unwrap()
}

async fn locked_figures_do_not_move_after_mutasi_or_deactivation(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let stored = crate::dprd::store_results(&app).await;
    let now = chrono::Utc::now();
    let read = |tw: u32| {
        let db = app.db.clone();
        async move { app::server::dprd::figures_now(&db, YEAR, tw, now).await.expect("figures") }
    };
    let before = [read(1).await, read(2).await, read(0).await];
    let open_before = read(3).await;

    // One evaluated official moves to another OPD (a public decree); another is deactivated.
    let evaluated: Vec<official::Model> =
        pengawas(&app).await.into_iter().filter(|o| stored.opd_of.contains_key(&o.id)).collect();
    let mover = &evaluated[0];
    let elsewhere = evaluated.iter().find(|o| o.opd_id != mover.opd_id).expect("a pengawas of another OPD");
    let input = transfer_input(mover, elsewhere.opd_id, elsewhere.supervisor_id.unwrap(), "2026-10-01");
    app::server::transfer::transfer(&app.db, &input, None, now).await.expect("mutasi");
    let leaver = evaluated.iter().find(|o| o.id != mover.id && o.opd_id != mover.opd_id).unwrap();
    app::server::officials::set_active(&app.db, leaver.id, leaver.row_version, false, None, now)
        .await
        .expect("deactivate");

    let after = [read(1).await, read(2).await, read(0).await];
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.city, a.city, "the city's figures of a locked period moved ({:?})", b.quarter);
        for (ob, oa) in b.opds.iter().zip(&a.opds) {
            assert_eq!(ob, oa, "{}'s figures of a locked period moved ({:?})", ob.code, b.quarter);
        }
        assert_eq!(b, a, "figures of a locked period moved ({:?})", b.quarter);
    }
    // The check above can fail: today's headcount (shown for a quarter not yet locked) did move.
    let open_after = read(3).await;
    assert_ne!(open_before.city.officials, open_after.city.officials, "the deactivation is seen today");
    app.finish().await;
}

async fn deactivating_an_official_ends_their_login_and_sessions(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let o = pengawas(&app).await.remove(0);
    let nip = o.nip.clone().unwrap();
    let theirs = app.login(&nip, DEMO_PW).await;
    assert_eq!(app.get("/saya", Some(&theirs)).await.status, StatusCode::OK);

    let r = app
        .call(
            "/api/admin/officials/set_active",
            &[("id", &o.id.to_string()), ("row_version", &o.row_version.to_string()), ("active", "false")],
            Some(&admin),
        )
        .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{} {}", r.status, r.body);
    // Their open session is over, their account disabled, and they cannot log in again.
    assert_eq!(app.get("/saya", Some(&theirs)).await.location(), Some("/masuk?sesi=berakhir"));
    let acc = account::Entity::find()
        .filter(account::Column::OfficialId.eq(o.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!acc.active);
    let sessions =
        session::Entity::find().filter(session::Column::AccountId.eq(acc.id)).count(&app.db).await.unwrap();
    assert_eq!(sessions, 0);
    let again = app.call("/api/login", &[("username", &nip), ("password", DEMO_PW)], None).await;
    assert_eq!(again.app_error(), AppError::InvalidCredentials);

    // Reactivated, they can log in again.
    let o = official::Entity::find_by_id(o.id).one(&app.db).await.unwrap().unwrap();
    let r = app
        .call(
            "/api/admin/officials/set_active",
            &[("id", &o.id.to_string()), ("row_version", &o.row_version.to_string()), ("active", "true")],
            Some(&admin),
        )
        .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{} {}", r.status, r.body);
    let back = app.login(&nip, DEMO_PW).await;
    assert_eq!(app.get("/saya", Some(&back)).await.status, StatusCode::OK);
    app.finish().await;
}

const SET_ACCOUNT: &str = "/api/admin/accounts/set_active";

async fn admin_disables_and_enables_an_account(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    assert_eq!(app.get("/dprd", Some(&dprd)).await.status, StatusCode::OK);

    // Disabling asks for a confirmation, and ends the account's sessions.
    let r = app.call(SET_ACCOUNT, &[("identifier", "dprd"), ("active", "false")], Some(&admin)).await;
    assert!(r.app_error().field_message("confirm").is_some(), "{}", r.body);
    assert_eq!(app.get("/dprd", Some(&dprd)).await.status, StatusCode::OK, "nothing done unconfirmed");
    let r = app
        .call(SET_ACCOUNT, &[("identifier", "dprd"), ("active", "false"), ("confirm", "true")], Some(&admin))
        .await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    assert_eq!(app.get("/dprd", Some(&dprd)).await.location(), Some("/masuk?sesi=berakhir"));
    let refused = app.call("/api/login", &[("username", "dprd"), ("password", DEMO_PW)], None).await;
    assert_eq!(refused.app_error(), AppError::InvalidCredentials);
    // The admin cannot lock themselves out; other roles cannot call it at all.
    let own = app
        .call(SET_ACCOUNT, &[("identifier", "admin"), ("active", "false"), ("confirm", "true")], Some(&admin))
        .await;
    assert!(own.app_error().field_message("identifier").is_some(), "{}", own.body);
    let nip = pengawas(&app).await.remove(0).nip.unwrap();
    let official = app.login(&nip, DEMO_PW).await;
    let r = app.call(SET_ACCOUNT, &[("identifier", "admin"), ("active", "false")], Some(&official)).await;
    assert_eq!(r.app_error(), AppError::Forbidden);
    // Enabled again, the account logs in.
    let r = app.call(SET_ACCOUNT, &[("identifier", "dprd"), ("active", "true")], Some(&admin)).await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let back = app.login("dprd", DEMO_PW).await;
    assert_eq!(app.get("/dprd", Some(&back)).await.status, StatusCode::OK);
    app.finish().await;
}

fn person(o: &official::Model) -> SessionUser {
    SessionUser {
        account_id: Uuid::new_v4(),
        username: o.nip.clone().unwrap_or_default(),
        role: Role::Official,
        official_id: Some(o.id),
        display_name: o.name.clone(),
        must_change_password: false,
    }
}

async fn a_former_superior_sees_only_the_quarters_they_signed_for(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    app::server::demo_pacts::seed_pacts(&app.db, YEAR).await.expect("demo pacts");
    // A pengawas with a signed pact whose superior has not changed.
    let mut chosen = None;
    for o in pengawas(&app).await {
        let Some(p) = pact::Entity::find()
            .filter(pact::Column::OfficialId.eq(o.id))
            .filter(pact::Column::Year.eq(YEAR))
            .one(&app.db)
            .await
            .unwrap()
        else {
            continue;
        };
        let versions = pact_version::Entity::find()
            .filter(pact_version::Column::PactId.eq(p.id))
            .all(&app.db)
            .await
            .unwrap();
        if versions.len() == 1 && versions[0].status == "signed" {
            chosen = Some((o, p));
            break;
        }
    }
    let (o, p) = chosen.expect("a signed single-version pact");
    let former = official::Entity::find_by_id(o.supervisor_id.unwrap()).one(&app.db).await.unwrap().unwrap();
    let new_superior = official::Entity::find()
        .filter(official::Column::PositionKind.eq("administrator"))
        .filter(official::Column::Active.eq(true))
        .filter(official::Column::Id.ne(former.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    // Mutasi on 1 July under a new superior; the revision is signed by both.
    let input = transfer_input(&o, new_superior.opd_id, new_superior.id, "2026-07-01");
    app::server::transfer::transfer(&app.db, &input, None, at("2026-06-24")).await.expect("mutasi");
    let v2 = pact_version::Entity::find()
        .filter(pact_version::Column::PactId.eq(p.id))
        .order_by_desc(pact_version::Column::VersionNo)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    app::server::pacts::submit(&app.db, v2.id, &v2.row_version.to_string(), None, at("2026-07-02"))
        .await
        .expect("submit");
    app::server::pacts::sign_without_password(&app.db, v2.id, Party::First, at("2026-07-03")).await.unwrap();
    app::server::pacts::sign_without_password(&app.db, v2.id, Party::Second, at("2026-07-03")).await.unwrap();
    let v2 = pact_version::Entity::find_by_id(v2.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((v2.status.as_str(), v2.second_party_id), ("signed", Some(new_superior.id)));

    let sheet = |who: SessionUser, q: u32| {
        let db = app.db.clone();
        async move { app::server::evaluations::sheet(&db, &who, p.id, q).await }
    };
    // The former superior: TW II (their version) yes, TW III and IV (the new one) no.
    assert!(sheet(person(&former), 2).await.is_ok());
    for q in [3, 4] {
        assert_eq!(sheet(person(&former), q).await.unwrap_err(), AppError::NotFound, "TW {q}");
    }
    // Read together, as /saya/tim reads a year, the same.
    let year =
        app::server::evaluations::sheets(&app.db, &person(&former), p.id, &[1, 2, 3, 4]).await.unwrap();
    let seen: Vec<bool> = year.iter().map(Result::is_ok).collect();
    assert_eq!(seen, [true, true, false, false]);
    // The new superior and the official see TW III.
    assert!(sheet(person(&new_superior), 3).await.is_ok());
    assert!(sheet(person(&o), 3).await.is_ok());
    // Over HTTP too.
    let cookie = app.login(former.nip.as_deref().unwrap(), DEMO_PW).await;
    let r = app
        .call("/api/evaluations/sheet", &[("pact_id", &p.id.to_string()), ("quarter", "3")], Some(&cookie))
        .await;
    assert_eq!(r.app_error(), AppError::NotFound);
    app.finish().await;
}

const CHANGE: &str = "/api/account/password";

async fn outside_demo_mode_accounts_choose_their_own_password(db: TestDb) {
    let app = TestApp::production(db).await;
    // As `pakta user create` makes the first admin outside demo mode.
    let new = |username: &str, must_change_password| app::server::accounts::NewAccount {
        role: Role::Admin,
        username: Some(username.into()),
        nip: None,
        password: "sandi-awal-panjang".into(),
        must_change_password,
    };
    let first = app::server::accounts::create(&app.db, new("kepala.bkpsdm", true)).await.unwrap();
    assert!(first.must_change_password);
    let cookie = app.login("kepala.bkpsdm", "sandi-awal-panjang").await;
    // Every page leads to the change form; every other server function is refused.
    assert_eq!(app.get("/admin", Some(&cookie)).await.location(), Some("/akun/sandi?wajib=1"));
    let page = app.get("/akun/sandi?wajib=1", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("current_password"), "the form is there");
    let r = app.call("/api/admin/officials/list", &[], Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(matches!(r.app_error(), AppError::Conflict(_)));

    // The current password is asked for; the errors name their field.
    let wrong = [
        ("current_password", "salah-sekali-ini"),
        ("password", "sandi-pilihan-sendiri"),
        ("password_confirm", "sandi-pilihan-sendiri"),
    ];
    let r = app.call(CHANGE, &wrong, Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.app_error().field_message("current_password").is_some(), "{}", r.body);
    let mismatch = [
        ("current_password", "sandi-awal-panjang"),
        ("password", "sandi-pilihan-sendiri"),
        ("password_confirm", "lain"),
    ];
    assert!(app
        .call(CHANGE, &mismatch, Some(&cookie))
        .await
        .app_error()
        .field_message("password_confirm")
        .is_some());
    let ok = [
        ("current_password", "sandi-awal-panjang"),
        ("password", "sandi-pilihan-sendiri"),
        ("password_confirm", "sandi-pilihan-sendiri"),
    ];
    let r = app.call(CHANGE, &ok, Some(&cookie)).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{} {}", r.status, r.body);
    // Every session ended; the new password works and nothing is asked any more.
    assert_eq!(app.get("/admin", Some(&cookie)).await.location(), Some("/masuk?sesi=berakhir"));
    let old = app
        .call("/api/login", &[("username", "kepala.bkpsdm"), ("password", "sandi-awal-panjang")], None)
        .await;
    assert_eq!(old.app_error(), AppError::InvalidCredentials);
    let fresh = app.login("kepala.bkpsdm", "sandi-pilihan-sendiri").await;
    assert_eq!(app.get("/admin", Some(&fresh)).await.status, StatusCode::OK);

    // An admin's reset outside demo mode: the owner must change it at the next login.
    app::server::accounts::create(&app.db, new("staf.bkpsdm", false)).await.unwrap();
    let r = app
        .call(
            "/api/admin/accounts/reset_password",
            &[
                ("identifier", "staf.bkpsdm"),
                ("password", "sandi-dari-admin"),
                ("password_confirm", "sandi-dari-admin"),
            ],
            Some(&fresh),
        )
        .await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let staff = app.login("staf.bkpsdm", "sandi-dari-admin").await;
    assert_eq!(app.get("/admin/pejabat", Some(&staff)).await.location(), Some("/akun/sandi?wajib=1"));

    // No demo password is told, and no page says demo.
    let hints = app.call("/api/login_hints", &[], None).await;
    assert_eq!(hints.body.trim(), "null", "{}", hints.body);
    let login = app.get("/masuk", None).await;
    assert!(!login.body.contains("demo-banner") && !login.body.contains(DEMO_PW), "{}", login.body);
    app.finish().await;
}

async fn demo_mode_is_announced_and_only_it_tells_the_password(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let login = app.get("/masuk", None).await;
    assert!(login.body.contains("demo-banner") && login.body.contains("Mode demo"), "{}", login.body);
    assert!(login.body.contains("data-demo"), "the browser learns it from the page");
    let hints = app.call("/api/login_hints", &[], None).await;
    assert!(hints.body.contains(DEMO_PW), "{}", hints.body);
    let admin = app.login("admin", DEMO_PW).await;
    assert!(app.get("/admin", Some(&admin)).await.body.contains("demo-banner"));
    app.finish().await;
}

async fn an_idle_session_ends(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    assert_eq!(app.get("/admin", Some(&admin)).await.status, StatusCode::OK);
    // Unused for longer than the idle timeout (well inside the 12 hours).
    let idle = chrono::Utc::now() - chrono::Duration::minutes(app::server::context::IDLE_MINUTES + 1);
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, sea_orm::sea_query::Expr::value(Some(idle)))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(app.get("/admin", Some(&admin)).await.location(), Some("/masuk?sesi=berakhir"));
    // A session in use is kept: its last use is noted.
    let again = app.login("admin", DEMO_PW).await;
    let shortly = chrono::Utc::now() - chrono::Duration::minutes(5);
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, sea_orm::sea_query::Expr::value(Some(shortly)))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(app.get("/admin", Some(&again)).await.status, StatusCode::OK);
    let seen = session::Entity::find().one(&app.db).await.unwrap().unwrap().last_seen_at.unwrap();
    assert!(seen > shortly + chrono::Duration::minutes(4), "last use noted: {seen}");
    app.finish().await;
}

async fn server_function_errors_carry_their_status(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let nip = pengawas(&app).await.remove(0).nip.unwrap();
    let official = app.login(&nip, DEMO_PW).await;
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, Option<&'a str>, StatusCode);
    let cases: [Case; 4] = [
        (
            "/api/admin/officials/get",
            vec![("id", "00000000-0000-0000-0000-000000000000")],
            Some(&admin),
            StatusCode::NOT_FOUND,
        ),
        ("/api/admin/officials/list", vec![], Some(&official), StatusCode::FORBIDDEN),
        ("/api/admin/officials/list", vec![], None, StatusCode::UNAUTHORIZED),
        (
            "/api/admin/accounts/reset_password",
            vec![("identifier", "")],
            Some(&admin),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (endpoint, form, cookie, status) in cases {
        let r = app.call(endpoint, &form, cookie).await;
        assert_eq!(r.status, status, "{endpoint}: {}", r.body);
        // The body is still the error the page shows.
        assert_eq!(r.app_error().http_status(), status.as_u16());
    }
    app.finish().await;
}
