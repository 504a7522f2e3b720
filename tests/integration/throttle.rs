//! Login throttling per client address (issue 14, item 5): a lock-out or a spray from one address
//! does not lock out the user logging in from another; the sprayer is throttled; a burst of
//! failures city-wide leaves clean addresses free; a signature's wrong password counts as a failed
//! login; old failures are pruned. Each request carries its peer address as the server puts it
//! (`ConnectInfo`), so several addresses can be played in process.
use crate::common::{server_fn_request, Reply, TestApp, TestDb};
use crate::DEMO_PW;
use app::error::AppError;
use app::server::entities::{login_failure, official, pact, pact_version, signature};
use app::server::throttle::{ADDRESS_MAX_FAILURES, GLOBAL_MAX_FAILURES, MAX_FAILURES, WINDOW_MINUTES};
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::Request;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::net::SocketAddr;
use uuid::Uuid;

crate::on_both_engines!(
    a_lock_out_from_one_address_leaves_the_user_free_elsewhere,
    spraying_from_one_address_is_throttled,
    a_city_wide_burst_lets_only_clean_addresses_try,
    wrong_signing_passwords_count_as_failed_logins,
    old_failures_are_pruned,
);

const ATTACKER: &str = "203.0.113.66";
const OFFICE: &str = "198.51.100.10";

/// The request as if it came over a connection from `address`.
fn from(address: &str, mut req: Request<Body>) -> Request<Body> {
    let peer = SocketAddr::new(address.parse().expect("an IP address"), 40_000);
    req.extensions_mut().insert(ConnectInfo(peer));
    req
}

async fn login_from(app: &TestApp, address: &str, username: &str, password: &str) -> Reply {
    let form = [("username", username), ("password", password)];
    app.send(from(address, server_fn_request("/api/login", &form, None, "application/json"))).await
}

fn is_locked(r: &Reply) -> bool {
    matches!(r.app_error(), AppError::TooManyAttempts { minutes } if minutes > 0)
}

fn assert_logged_in(r: &Reply, who: &str) {
    assert!(r.session_cookie().is_some(), "{who} could not log in: {} {}", r.status, r.body);
}

/// Officials' NIPs (with accounts), as many as asked.
async fn nips(app: &TestApp, n: usize) -> Vec<String> {
    let found: Vec<String> = official::Entity::find()
        .filter(official::Column::Nip.is_not_null())
        .order_by_asc(official::Column::Nip)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|o| o.nip)
        .take(n)
        .collect();
    assert_eq!(found.len(), n, "enough demo officials");
    found
}

/// Five wrong passwords for the admin from one address lock the admin out from that address
/// only (even with the right password, and whatever `X-Forwarded-For` it claims, no proxy being
/// trusted); the admin logs in from the office. A login by NIP counts for the account.
async fn a_lock_out_from_one_address_leaves_the_user_free_elsewhere(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    for _ in 0..MAX_FAILURES {
        let r = login_from(&app, ATTACKER, "admin", "tebakan").await;
        assert_eq!(r.app_error(), AppError::InvalidCredentials);
    }
    assert!(is_locked(&login_from(&app, ATTACKER, "admin", DEMO_PW).await));
    let mut spoofed = server_fn_request(
        "/api/login",
        &[("username", "admin"), ("password", DEMO_PW)],
        None,
        "application/json",
    );
    spoofed.headers_mut().insert("x-forwarded-for", OFFICE.parse().unwrap());
    let r = app.send(from(ATTACKER, spoofed)).await;
    assert!(is_locked(&r), "a claimed address is not believed: {}", r.body);
    assert_logged_in(&login_from(&app, OFFICE, "admin", DEMO_PW).await, "the admin from the office");

    // An official: failures by NIP lock the account from that address; the office still works.
    let nip = nips(&app, 1).await.remove(0);
    for _ in 0..MAX_FAILURES {
        assert_eq!(
            login_from(&app, ATTACKER, &nip, "tebakan").await.app_error(),
            AppError::InvalidCredentials
        );
    }
    assert!(is_locked(&login_from(&app, ATTACKER, &nip, DEMO_PW).await));
    assert_logged_in(&login_from(&app, OFFICE, &nip, DEMO_PW).await, "the official from the office");
    // A success forgets that address's failures for the account, not the attacker's.
    assert!(is_locked(&login_from(&app, ATTACKER, &nip, DEMO_PW).await));
    app.finish().await;
}

/// A few guesses for each of many NIPs from one address: past `ADDRESS_MAX_FAILURES` the address
/// is refused for every identifier (the right password included) before any is checked, while
/// the sprayed officials log in from the office.
async fn spraying_from_one_address_is_throttled(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let targets = nips(&app, ADDRESS_MAX_FAILURES + 1).await;
    for nip in &targets[..ADDRESS_MAX_FAILURES] {
        let r = login_from(&app, ATTACKER, nip, "Rahasia123").await;
        assert_eq!(r.app_error(), AppError::InvalidCredentials, "{nip}");
    }
    let fresh = &targets[ADDRESS_MAX_FAILURES];
    assert!(is_locked(&login_from(&app, ATTACKER, fresh, DEMO_PW).await), "the sprayer is throttled");
    assert!(is_locked(&login_from(&app, ATTACKER, "dprd", DEMO_PW).await));
    let counted = login_failure::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(counted, ADDRESS_MAX_FAILURES as u64, "refused attempts are neither checked nor counted");
    for nip in [&targets[0], fresh] {
        assert_logged_in(&login_from(&app, OFFICE, nip, DEMO_PW).await, nip);
    }
    app.finish().await;
}

/// Past `GLOBAL_MAX_FAILURES` failures city-wide (from many addresses), an address that has failed
/// within the window may not try again, while a clean address logs in.
async fn a_city_wide_burst_lets_only_clean_addresses_try(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let now = chrono::Utc::now();
    let burst: Vec<login_failure::ActiveModel> = (0..GLOBAL_MAX_FAILURES)
        .map(|i| login_failure::ActiveModel {
            id: Set(Uuid::new_v4()),
            address: Set(format!("192.0.2.{}", i % 250)),
            identifier: Set(format!("tebakan{i}")),
            failed_at: Set(now - chrono::Duration::minutes(1)),
        })
        .collect();
    login_failure::Entity::insert_many(burst).exec(&app.db).await.unwrap();
    assert_eq!(
        login_from(&app, ATTACKER, "admin", "tebakan").await.app_error(),
        AppError::InvalidCredentials
    );
    assert!(is_locked(&login_from(&app, ATTACKER, "dprd", DEMO_PW).await), "one guess per address");
    assert_logged_in(&login_from(&app, OFFICE, "dprd", DEMO_PW).await, "dprd from a clean address");
    app.finish().await;
}

/// A wrong password when signing counts as a failed login of the account from that address:
/// after `MAX_FAILURES` the signature and the login are both refused there, not elsewhere.
async fn wrong_signing_passwords_count_as_failed_logins(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    app::server::demo_pacts::seed_pacts(&app.db, 2026).await.expect("demo pacts");
    // A version awaiting its first party's signature, and that official's NIP.
    let mut found = None;
    for v in pact_version::Entity::find()
        .filter(pact_version::Column::Status.eq("awaiting_signatures"))
        .all(&app.db)
        .await
        .unwrap()
    {
        let signed = signature::Entity::find()
            .filter(signature::Column::PactVersionId.eq(v.id))
            .count(&app.db)
            .await
            .unwrap();
        if signed == 0 {
            found = Some(v);
            break;
        }
    }
    let v = found.expect("a demo pact awaiting both signatures");
    let p = pact::Entity::find_by_id(v.pact_id).one(&app.db).await.unwrap().unwrap();
    let o = official::Entity::find_by_id(p.official_id).one(&app.db).await.unwrap().unwrap();
    let nip = o.nip.expect("a NIP");
    let cookie = login_from(&app, ATTACKER, &nip, DEMO_PW).await.session_cookie().expect("logged in");
    let sign = |password: &'static str| {
        let form = [("version_id", v.id.to_string()), ("password", password.to_string())];
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        from(ATTACKER, server_fn_request("/api/pacts/sign", &pairs, Some(&cookie), "application/json"))
    };
    for _ in 0..MAX_FAILURES {
        let r = app.send(sign("salah-sekali")).await;
        assert!(
            matches!(r.app_error(), AppError::Validation { ref field, .. } if field == "password"),
            "{}",
            r.body
        );
    }
    let r = app.send(sign(DEMO_PW)).await;
    assert!(is_locked(&r), "the signature is refused while locked: {}", r.body);
    assert_eq!(
        signature::Entity::find()
            .filter(signature::Column::PactVersionId.eq(v.id))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    assert!(is_locked(&login_from(&app, ATTACKER, &nip, DEMO_PW).await), "the same lock as logins");
    assert_logged_in(&login_from(&app, OFFICE, &nip, DEMO_PW).await, "the official from the office");
    app.finish().await;
}

/// Failures older than the window (an unknown name tried long ago) are deleted when a new
/// failure is counted; those within the window stay.
async fn old_failures_are_pruned(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let now = chrono::Utc::now();
    let row = |identifier: &str, minutes_ago: i64| login_failure::ActiveModel {
        id: Set(Uuid::new_v4()),
        address: Set(ATTACKER.into()),
        identifier: Set(identifier.into()),
        failed_at: Set(now - chrono::Duration::minutes(minutes_ago)),
    };
    login_failure::Entity::insert_many([
        row("nama-tak-dikenal-lama", WINDOW_MINUTES + 1),
        row("nama-tak-dikenal-kemarin", 24 * 60),
        row("nama-tak-dikenal-baru", 1),
    ])
    .exec(&app.db)
    .await
    .unwrap();
    assert_eq!(login_from(&app, OFFICE, "tidak-ada", "x").await.app_error(), AppError::InvalidCredentials);
    let mut left: Vec<String> =
        login_failure::Entity::find().all(&app.db).await.unwrap().into_iter().map(|f| f.identifier).collect();
    left.sort();
    assert_eq!(left, ["nama-tak-dikenal-baru", "tidak-ada"]);
    app.finish().await;
}
