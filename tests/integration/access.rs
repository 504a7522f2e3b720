//! The role × endpoint matrix (issue 7): every server function and file route, called as
//! anonymous, an official, a superior, DPRD and the admin. Fails when an endpoint is added
//! without an entry here. Object-level rules (whose pact) are tested with each feature.
use crate::common::TestApp;
use crate::DEMO_PW;
use app::error::AppError;
use app::server::entities::official;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

crate::on_both_engines!(every_endpoint_checks_the_role);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in, in any role (about their own account).
    SignedIn,
    /// The admin and officials; which objects is decided per object (DPRD never).
    Staff,
    Admin,
    /// Officials (superiors included).
    Official,
    Dprd,
}

/// Every server function (path under `/api/`) and who may call it.
const MATRIX: &[(&str, Who)] = &[
    ("login", Who::Public),
    ("login_hints", Who::Public),
    ("logout", Who::Public),
    ("me", Who::Public),
    ("verify", Who::Public),
    ("me/profile", Who::Official),
    ("me/quarters", Who::Official),
    ("me/team", Who::Official),
    ("dprd/overview", Who::Dprd),
    ("dprd/dashboard", Who::Dprd),
    ("pacts/get", Who::Staff),
    ("pacts/mine", Who::Official),
    ("pacts/sign", Who::Official),
    ("evaluations/sheet", Who::Staff),
    ("evaluations/behaviour", Who::Staff),
    ("admin/overview", Who::Admin),
    ("account/password", Who::SignedIn),
    ("admin/accounts/reset_password", Who::Admin),
    ("admin/accounts/set_active", Who::Admin),
    ("admin/audit/list", Who::Admin),
    ("admin/officials/get", Who::Admin),
    ("admin/officials/history", Who::Admin),
    ("admin/officials/import", Who::Admin),
    ("admin/officials/list", Who::Admin),
    ("admin/officials/options", Who::Admin),
    ("admin/officials/save", Who::Admin),
    ("admin/officials/set_active", Who::Admin),
    ("admin/officials/transfer", Who::Admin),
    ("admin/opds/options", Who::Admin),
    ("admin/pact-template/get", Who::Admin),
    ("admin/pact-template/save", Who::Admin),
    ("admin/pacts/cancel", Who::Admin),
    ("admin/pacts/create", Who::Admin),
    ("admin/pacts/list", Who::Admin),
    ("admin/pacts/revise", Who::Admin),
    ("admin/pacts/save", Who::Admin),
    ("admin/pacts/submit", Who::Admin),
    ("admin/policy/create", Who::Admin),
    ("admin/policy/list", Who::Admin),
    ("admin/discipline/attendance", Who::Admin),
    ("admin/discipline/breach", Who::Admin),
    ("admin/discipline/import", Who::Admin),
    ("admin/discipline/record", Who::Admin),
    ("admin/discipline/sanction", Who::Admin),
    ("admin/evaluations/list", Who::Admin),
    ("admin/evaluations/save", Who::Admin),
    ("admin/tpp/run", Who::Admin),
    ("admin/tpp/lock", Who::Admin),
    ("admin/tpp/nominatif", Who::Admin),
    ("admin/tpp/progress", Who::Admin),
    ("admin/tpp/locked", Who::Admin),
    ("admin/officials/pacts", Who::Admin),
    ("admin/todo", Who::Admin),
    ("admin/corrections/request", Who::Admin),
    ("admin/corrections/decide", Who::Admin),
    ("admin/corrections/list", Who::Admin),
    ("tpp/why", Who::Staff),
    ("admin/closing/report", Who::Admin),
    ("admin/closing/opd_predikat", Who::Admin),
];

fn refused(e: &Result<AppError, String>) -> bool {
    matches!(e, Ok(AppError::Forbidden | AppError::Unauthenticated))
}

async fn every_endpoint_checks_the_role(db: crate::common::TestDb) {
    let app = TestApp::with_demo(db).await;
    // Every registered server function has an entry, and every entry is registered.
    let mut registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p.trim_start_matches("/api/").to_string())
        .collect();
    registered.sort();
    let mut listed: Vec<String> = MATRIX.iter().map(|(p, _)| p.to_string()).collect();
    listed.sort();
    assert_eq!(registered, listed, "add the new endpoint to MATRIX with who may call it");

    let officials =
        official::Entity::find().filter(official::Column::Nip.is_not_null()).all(&app.db).await.unwrap();
    let superior = officials
        .iter()
        .find(|o| {
            o.position_kind == "administrator" && officials.iter().any(|r| r.supervisor_id == Some(o.id))
        })
        .expect("a superior");
    let plain = officials
        .iter()
        .find(|o| o.position_kind == "pengawas" && !officials.iter().any(|r| r.supervisor_id == Some(o.id)))
        .expect("an official without reports");
    let roles = [
        ("anonymous", None),
        ("official", Some(app.login(plain.nip.as_deref().unwrap(), DEMO_PW).await)),
        ("superior", Some(app.login(superior.nip.as_deref().unwrap(), DEMO_PW).await)),
        ("dprd", Some(app.login("dprd", DEMO_PW).await)),
        ("admin", Some(app.login("admin", DEMO_PW).await)),
    ];
    for (endpoint, who) in MATRIX {
        for (role, cookie) in &roles {
            // Logging out would end the session the rest of the matrix uses.
            if *endpoint == "logout" && cookie.is_some() {
                continue;
            }
            let r = app.call(&format!("/api/{endpoint}"), &[], cookie.as_deref()).await;
            let err = if r.status.is_success() || r.status.is_redirection() {
                Err(format!("{}", r.status))
            } else {
                serde_json::from_str::<AppError>(&r.body).map_err(|_| r.body.clone())
            };
            let allowed = match who {
                Who::Public => true,
                Who::SignedIn => *role != "anonymous",
                Who::Staff => matches!(*role, "admin" | "official" | "superior"),
                Who::Admin => *role == "admin",
                Who::Official => matches!(*role, "official" | "superior"),
                Who::Dprd => *role == "dprd",
            };
            if allowed {
                assert!(!refused(&err), "{role} → /api/{endpoint} must be allowed, got {err:?}");
            } else {
                let expected = if cookie.is_none() { AppError::Unauthenticated } else { AppError::Forbidden };
                let ok = err.as_ref().ok() == Some(&expected)
                    // Per-object endpoints hide what exists: "not found" is a refusal too.
                    || (*who == Who::Staff && cookie.is_some() && err.as_ref().ok() == Some(&AppError::NotFound));
                assert!(ok, "{role} → /api/{endpoint}: expected {expected:?}, got {err:?}");
            }
        }
    }

    // File routes: anonymous visitors go to /masuk; unknown or foreign documents are 404; the
    // paper-signature upload is the admin's alone.
    let id = uuid::Uuid::new_v4();
    for (path, post) in [
        (format!("/pakta/{id}/pdf"), false),
        (format!("/berkas/{id}"), false),
        (format!("/admin/pakta/{id}/kertas"), true),
    ] {
        for (role, cookie) in &roles {
            let mut req = if post { http::Request::post(&path) } else { http::Request::get(&path) };
            if post {
                req = req.header("content-type", "multipart/form-data; boundary=x");
            }
            if let Some(c) = cookie {
                req = req.header("cookie", c);
            }
            let r = app.send(req.body(axum::body::Body::from("--x--\r\n")).unwrap()).await;
            match (*role, post) {
                ("anonymous", _) => {
                    assert!(r.status.is_redirection(), "{role} {path}: {}", r.status);
                    assert!(r.location().unwrap_or("").starts_with("/masuk"), "{role} {path}");
                }
                ("admin", _) => assert_eq!(r.status, http::StatusCode::NOT_FOUND, "{role} {path}"),
                (_, true) => assert_eq!(r.status, http::StatusCode::FORBIDDEN, "{role} {path}"),
                (_, false) => assert_eq!(r.status, http::StatusCode::NOT_FOUND, "{role} {path}"),
            }
        }
    }
    // The quarter's exports are the admin's alone: others get 403, anonymous visitors /masuk.
    // The admin gets the file (an empty quarter's lists), or for the recap of a quarter without
    // results the reason (409).
    for (path, for_admin) in [
        ("/admin/tpp/nominatif.csv?tahun=2026&tw=2", http::StatusCode::OK),
        ("/admin/tpp/nominatif.xlsx?tahun=2026&tw=2", http::StatusCode::OK),
        ("/admin/tpp/rekap.pdf?tahun=2026&tw=2&opd=DISPAR", http::StatusCode::CONFLICT),
    ] {
        for (role, cookie) in &roles {
            let r = app.get(path, cookie.as_deref()).await;
            match *role {
                "anonymous" => assert_eq!(r.location(), Some("/masuk"), "{role} {path}: {}", r.status),
                "admin" => assert_eq!(r.status, for_admin, "{role} {path}: {}", r.body),
                _ => assert_eq!(r.status, http::StatusCode::FORBIDDEN, "{role} {path}"),
            }
        }
    }
    // The hearing pack (RDP), as XLSX and as PDF: DPRD's and the admin's (aggregates only).
    for path in ["/dprd/rdp.xlsx?tahun=2026&tw=2", "/dprd/rdp.pdf?tahun=2026&tw=2"] {
        for (role, cookie) in &roles {
            let r = app.get(path, cookie.as_deref()).await;
            match *role {
                "anonymous" => assert_eq!(r.location(), Some("/masuk"), "{role} {path}: {}", r.status),
                "dprd" | "admin" => assert_eq!(r.status, http::StatusCode::OK, "{role} {path}: {}", r.body),
                _ => assert_eq!(r.status, http::StatusCode::FORBIDDEN, "{role} {path}"),
            }
        }
    }
    app.finish().await;
}
