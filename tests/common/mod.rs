//! Test harness: a fresh database per test (a temp SQLite file, or a uniquely named PostgreSQL
//! database), the real app built by `startup`, and small HTTP helpers.
#![allow(dead_code)]

use app::server::AppState;
use axum::body::Body;
use axum::Router;
use http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use pakta_server::config::Settings;
use pakta_server::startup;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use std::future::Future;
use std::path::PathBuf;
use tower::ServiceExt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub fn postgres_admin_url() -> String {
    std::env::var("PAKTA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

pub struct TestDb {
    pub engine: Engine,
    pub url: String,
    sqlite_file: Option<PathBuf>,
    pg_name: Option<String>,
}

impl TestDb {
    /// A new empty database; `None` only when PostgreSQL is unreachable outside CI.
    pub async fn create(engine: Engine) -> Option<TestDb> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        match engine {
            Engine::Sqlite => {
                let file = std::env::temp_dir().join(format!("pakta-test-{id}.db"));
                Some(TestDb {
                    engine,
                    url: format!("sqlite://{}?mode=rwc", file.display()),
                    sqlite_file: Some(file),
                    pg_name: None,
                })
            }
            Engine::Postgres => {
                let admin_url = postgres_admin_url();
                let admin = match Database::connect(&admin_url).await {
                    Ok(db) => db,
                    Err(e) => {
                        // Never a silent skip in CI: an unreachable PostgreSQL fails the run.
                        if std::env::var("CI").is_ok_and(|v| v == "true") {
                            panic!("PostgreSQL unreachable at {admin_url} in CI: {e}");
                        }
                        eprintln!("SKIPPED (not in CI): PostgreSQL unreachable at {admin_url}: {e}");
                        return None;
                    }
                };
                let name = format!("pakta_test_{id}");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let base =
                    admin_url.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin_url.clone());
                Some(TestDb { engine, url: format!("{base}/{name}"), sqlite_file: None, pg_name: Some(name) })
            }
        }
    }

    pub async fn destroy(self) {
        if let Some(file) = &self.sqlite_file {
            // With the audit key a `pakta` process made beside it (crash tests).
            for suffix in ["", "-wal", "-shm", ".audit-key"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
        if let Some(name) = &self.pg_name {
            let _ = std::fs::remove_file(std::env::temp_dir().join(format!("{name}.audit-key")));
            // Cleanup never fails or stalls a test: a database left behind is only disk.
            let drop = async {
                if let Ok(admin) = Database::connect(&postgres_admin_url()).await {
                    let _ = admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .await;
                    admin.close().await.ok();
                }
            };
            if tokio::time::timeout(std::time::Duration::from_secs(30), drop).await.is_err() {
                eprintln!("test database {name} was not dropped within 30 s; left behind");
            }
        }
    }
}

pub fn site_root() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site").to_string()
}

/// The tests' settings: demo mode (most tests log in with the demo accounts).
pub fn settings(url: &str) -> Settings {
    let mut s = Settings::new(url.to_string(), "127.0.0.1:0".parse().expect("addr"));
    s.site_root = site_root();
    s.demo = true;
    s.audit_key_file = audit_key_file();
    s
}

/// The audit key of this test process: one process holds one key (`audit_key::install`), as one
/// server does, so every app the tests start shares it (each on a fresh database).
pub fn audit_key_file() -> PathBuf {
    std::env::temp_dir().join(format!("pakta-test-{}.audit-key", std::process::id()))
}

/// Lifts the database's refusal to change or delete audit rows (its triggers), as someone who
/// owns the database can: what the keyed chain must then still catch.
pub async fn allow_audit_tampering(db: &DatabaseConnection) {
    let statements: &[&str] = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => &["ALTER TABLE audit_log DISABLE TRIGGER USER"],
        _ => &["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"],
    };
    for sql in statements {
        db.execute_unprepared(sql).await.expect("lift the audit triggers");
    }
}

pub struct TestApp {
    pub state: AppState,
    pub router: Router,
    pub db: DatabaseConnection,
    pub testdb: TestDb,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn location(&self) -> Option<&str> {
        self.headers.get(http::header::LOCATION).and_then(|v| v.to_str().ok())
    }

    /// The `name=value` part of the session cookie set by this reply.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(http::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("pakta_session="))
            .map(|v| v.split(';').next().unwrap_or("").to_string())
    }

    pub fn set_cookie_headers(&self) -> Vec<String> {
        self.headers
            .get_all(http::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect()
    }

    /// The server function's typed error, when it failed.
    pub fn app_error(&self) -> app::error::AppError {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not an AppError ({e}): {} {}", self.status, self.body))
    }
}

impl TestApp {
    pub async fn start(testdb: TestDb) -> TestApp {
        let state = startup::prepare(&settings(&testdb.url)).await.expect("prepare app");
        TestApp { router: startup::router(state.clone()), db: state.db.clone(), state, testdb }
    }

    /// The app outside demo mode, as a city's production server runs it.
    pub async fn production(testdb: TestDb) -> TestApp {
        let mut settings = settings(&testdb.url);
        settings.demo = false;
        let state = startup::prepare(&settings).await.expect("prepare app");
        TestApp { router: startup::router(state.clone()), db: state.db.clone(), state, testdb }
    }

    pub async fn with_demo(testdb: TestDb) -> TestApp {
        let app = TestApp::start(testdb).await;
        app::server::demo::seed(&app.db).await.expect("seed demo");
        app
    }

    /// A second app process on the same database (as after a restart, or a second server).
    pub async fn restart(&self) -> Router {
        let state = startup::prepare(&settings(&self.testdb.url)).await.expect("prepare app");
        startup::router(state)
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        send_to(&self.router, req).await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::get(path).header("accept", "text/html");
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    /// The raw body of a GET (for binary responses such as PDFs).
    pub async fn get_bytes(&self, path: &str, cookie: Option<&str>) -> Vec<u8> {
        let mut req = Request::get(path);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let resp =
            self.router.clone().oneshot(req.body(Body::empty()).expect("request")).await.expect("router");
        resp.into_body().collect().await.expect("body").to_bytes().to_vec()
    }

    /// Calls a server function as the hydrated browser does (form-encoded, JSON back).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        self.send(server_fn_request(endpoint, form, cookie, "application/json")).await
    }

    /// Posts a plain HTML form (no JavaScript).
    pub async fn post_form(&self, endpoint: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        self.send(server_fn_request(endpoint, form, cookie, "text/html")).await
    }

    /// Logs in and returns the session cookie (`pakta_session=...`).
    pub async fn login(&self, username: &str, password: &str) -> String {
        let reply = self.call("/api/login", &[("username", username), ("password", password)], None).await;
        reply
            .session_cookie()
            .unwrap_or_else(|| panic!("login as {username} failed: {} {}", reply.status, reply.body))
    }

    pub async fn finish(self) {
        self.db.close_by_ref().await.ok();
        self.state.db.close_by_ref().await.ok();
        drop(self.router);
        self.testdb.destroy().await;
    }
}

pub fn server_fn_request(
    endpoint: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
    accept: &str,
) -> Request<Body> {
    let body =
        form.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&");
    let mut req = Request::post(endpoint)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", accept)
        .header("referer", "http://localhost/masuk");
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.body(Body::from(body)).expect("request")
}

/// Longer than any one request takes in a debug build under a loaded CI machine.
const REQUEST_DEADLINE: std::time::Duration = std::time::Duration::from_secs(90);

pub async fn send_to(router: &Router, req: Request<Body>) -> Reply {
    let what = format!("{} {}", req.method(), req.uri());
    let answer = async {
        let resp = router.clone().oneshot(req).await.expect("infallible router");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.expect("body").to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    };
    // A hung request names itself (the test's own deadline only says that the test hung).
    match tokio::time::timeout(REQUEST_DEADLINE, answer).await {
        Ok(reply) => reply,
        Err(_) => panic!("{what} did not answer within {} s", REQUEST_DEADLINE.as_secs()),
    }
}

/// Form encoding (`application/x-www-form-urlencoded`) of one key or value.
pub fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Far longer than any test needs (each takes about a second).
pub const TEST_DEADLINE: std::time::Duration = std::time::Duration::from_secs(180);

/// What the sessions of a test database are doing (for the message of a hung test).
async fn postgres_activity(name: &str) -> String {
    let Ok(admin) = Database::connect(&postgres_admin_url()).await else {
        return String::new();
    };
    let sql = format!(
        "SELECT coalesce(string_agg(format('%s %s/%s %s', state, wait_event_type, wait_event, \
         left(query, 200)), E'\\n'), '') AS s FROM pg_stat_activity WHERE datname = '{name}'"
    );
    let stmt = sea_orm::Statement::from_string(admin.get_database_backend(), sql);
    let found =
        admin.query_one_raw(stmt).await.ok().flatten().and_then(|r| r.try_get::<String>("", "s").ok());
    admin.close().await.ok();
    format!("\nsessions of {name}:\n{}", found.unwrap_or_default())
}

/// Runs one test body against a fresh database of the given engine.
pub async fn on_engine<F, Fut>(engine: Engine, test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    if let Some(db) = TestDb::create(engine).await {
        let pg_name = db.pg_name.clone();
        // A hung request must fail the run with a message, not stall CI until its deadline.
        if tokio::time::timeout(TEST_DEADLINE, test(db)).await.is_err() {
            let waits = match pg_name {
                Some(name) => postgres_activity(&name).await,
                None => String::new(),
            };
            panic!("{engine:?}: test did not finish within {} s (hung){waits}", TEST_DEADLINE.as_secs());
        }
    }
}

/// Declares `mod name { sqlite(), postgres() }` tests running `async fn name(TestDb)`.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::common::on_engine($crate::common::Engine::Sqlite, super::$name).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::common::on_engine($crate::common::Engine::Postgres, super::$name).await
            }
        }
    )*};
}

/// Writes a PDF to a temp file, checks it with `qpdf --check` (panics with qpdf's report when it
/// fails) and returns the text `pdftotext` extracts (`-raw` order when `raw`).
pub fn checked_pdf_text(bytes: &[u8], raw: bool) -> String {
    let file = std::env::temp_dir().join(format!("pakta-test-{}.pdf", uuid::Uuid::new_v4().simple()));
    std::fs::write(&file, bytes).expect("write pdf");
    let check = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&file)
        .output()
        .expect("qpdf not found: install Debian's qpdf (make test does)");
    assert!(
        check.status.success(),
        "qpdf --check failed: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let mode = if raw { "-raw" } else { "-layout" };
    let text = std::process::Command::new("pdftotext")
        .args([mode, "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext not found: install Debian's poppler-utils (make test does)");
    let _ = std::fs::remove_file(&file);
    assert!(text.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&text.stdout).into_owned()
}
