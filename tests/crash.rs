//! Crash test (issue 7): the real `pakta serve` process under a concurrent write load (the admin
//! saving TW III realisation sheets; officials signing and superiors countersigning pacts, which
//! the admin then revises and freezes again) is killed with SIGKILL at a random moment, then
//! restarted on the same database, 20 times (5 on PostgreSQL). After every kill, with the server down, the
//! database file itself is checked: every write a client saw acknowledged is there (and nothing
//! half-written: a sheet is saved whole or not at all), `PRAGMA integrity_check` says `ok`,
//! `PRAGMA foreign_key_check` finds nothing, and `pakta audit verify` finds the chain intact.
//! After every restart the server's own verification (`/api/verify`, which rehashes a frozen
//! pact) must find every acknowledged signed version unchanged.
//!
//! Writes are numbered so the check is unambiguous: save number n of a sheet writes the value n
//! and the note "uji crash #n" in every row. A write in flight at the kill may or may not have
//! landed, so a sheet must hold exactly one save number k, at least the last acknowledged one and
//! at most the last attempted one.
//!
//! `PAKTA_CRASH_SEED` replays a run (the seed is printed); `PAKTA_CRASH_KILLS` changes the number
//! of kills. The PostgreSQL variant has fewer kills (a uniquely named database at
//! `PAKTA_TEST_POSTGRES_URL`, as the integration tests): `pakta demo` alone takes over a minute on
//! PostgreSQL in a debug build. The two run one after the other.
mod common;

use app::api::evaluations::QuarterSheet;
use app::api::pacts::{PactView, Verification};
use app::server::entities::{evaluation, pact_version, realisation, signature};
use axum::body::Bytes;
use common::{urlencode, Engine, TestDb};
use http::header::{ACCEPT, CONTENT_TYPE, COOKIE, ORIGIN, SET_COOKIE};
use http::Request;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use sea_orm::{
    ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection, EntityTrait, QueryFilter,
    Statement,
};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;

const SQLITE_KILLS: usize = 20;
const POSTGRES_KILLS: usize = 5;
/// The load runs this long (random, in ms) before the kill.
const KILL_AFTER_MS: (u64, u64) = (200, 1500);
const PASSWORD: &str = "pakta-demo";
/// Open in the demo (TW I and II are locked, TW III is run but open).
const QUARTER: u32 = 3;
/// Concurrent admins, each saving the sheet of its own official.
const REALISATION_CLIENTS: usize = 3;
/// Concurrent signing clients, each cycling through its share of the pacts awaiting signatures.
const SIGNATURE_CLIENTS: usize = 2;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// A debug build starting on a busy 2-core machine.
const START_TIMEOUT: Duration = Duration::from_secs(60);
const NOTE_PREFIX: &str = "uji crash #";

/// The two variants share the machine's two cores: one at a time.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_survives_kill_9() {
    let _serial = SERIAL.lock().await;
    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let result = tokio::spawn(run(db.url.clone(), true, kills(SQLITE_KILLS))).await;
    db.destroy().await;
    if let Err(e) = result {
        std::panic::resume_unwind(e.into_panic());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_survives_kill_9() {
    let _serial = SERIAL.lock().await;
    let Some(db) = TestDb::create(Engine::Postgres).await else { return };
    let result = tokio::spawn(run(db.url.clone(), false, kills(POSTGRES_KILLS))).await;
    db.destroy().await;
    if let Err(e) = result {
        std::panic::resume_unwind(e.into_panic());
    }
}

fn kills(default: usize) -> usize {
    std::env::var("PAKTA_CRASH_KILLS").ok().and_then(|k| k.trim().parse().ok()).unwrap_or(default)
}

// ---------------------------------------------------------------------------------------------
// The server process.

fn pakta(db_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(args)
        .env("PAKTA_DATABASE_URL", db_url)
        .env("PAKTA_DEMO", "1")
        .env("PAKTA_AUDIT_KEY_FILE", audit_key_file(db_url))
        .env("PAKTA_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("run pakta")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// The database's audit key: beside a SQLite file, in the temp directory for PostgreSQL.
fn audit_key_file(db_url: &str) -> std::path::PathBuf {
    match db_url.strip_prefix("sqlite://") {
        Some(rest) => format!("{}.audit-key", rest.split('?').next().unwrap_or(rest)).into(),
        None => {
            std::env::temp_dir().join(format!("{}.audit-key", db_url.rsplit('/').next().unwrap_or("pakta")))
        }
    }
}

/// N of "Rantai audit utuh: N entri."; `Err` with the report otherwise.
fn audit_verify(db_url: &str) -> Result<usize, String> {
    let out = pakta(db_url, &["audit", "verify"]);
    let n = text(&out)
        .split("Rantai audit utuh: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok());
    match n {
        Some(n) if out.status.success() => Ok(n),
        _ => Err(format!("audit verify: {:?}: {}", out.status.code(), text(&out).trim())),
    }
}

struct Server {
    child: Child,
    base: String,
}

/// Serves on a fresh loopback port, its output appended to `log`; returns once `/masuk` answers.
async fn start_server(db_url: &str, log: &PathBuf) -> Server {
    // The free port found may be taken by someone else before the server binds it: another.
    for _ in 0..3 {
        if let Some(server) = try_start_server(db_url, log).await {
            return server;
        }
    }
    panic!("pakta serve could not bind a free port three times:\n{}", log_tail(log));
}

/// `None` when the port was taken meanwhile.
async fn try_start_server(db_url: &str, log: &PathBuf) -> Option<Server> {
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").expect("free port").local_addr().expect("addr").port();
    let out = std::fs::OpenOptions::new().create(true).append(true).open(log).expect("server log");
    let logged = out.metadata().map_or(0, |m| m.len() as usize);
    let child = Command::new(env!("CARGO_BIN_EXE_pakta"))
        .arg("serve")
        .env("PAKTA_DATABASE_URL", db_url)
        .env("PAKTA_DEMO", "1")
        .env("PAKTA_AUDIT_KEY_FILE", audit_key_file(db_url))
        .env("PAKTA_ADDR", format!("127.0.0.1:{port}"))
        .env("PAKTA_SITE_ROOT", concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site"))
        .env("PAKTA_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(out.try_clone().expect("log"))
        .stderr(out)
        .spawn()
        .expect("spawn pakta serve");
    let mut server = Server { child, base: format!("http://127.0.0.1:{port}") };
    let client = new_client();
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        if let Ok(r) = send(&client, get(&server.base, "/masuk")).await {
            assert!(r.status.is_success(), "GET /masuk after start: HTTP {}", r.status);
            return Some(server);
        }
        if let Some(status) = server.child.try_wait().expect("server status") {
            let said =
                std::fs::read(log).map(|b| String::from_utf8_lossy(&b[logged.min(b.len())..]).into_owned());
            if said.is_ok_and(|s| s.contains("Tidak dapat membuka alamat")) {
                return None;
            }
            panic!("pakta serve exited ({status}) while starting:\n{}", log_tail(log));
        }
        if Instant::now() > deadline {
            server.kill();
            panic!("pakta serve did not answer within {} s:\n{}", START_TIMEOUT.as_secs(), log_tail(log));
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

impl Server {
    /// SIGKILL (what `Child::kill` sends on Unix), then reaps the process.
    fn kill(&mut self) {
        self.child.kill().expect("kill -9 the server");
        self.child.wait().expect("reap the server");
    }
}

impl Drop for Server {
    /// No server is left behind by a failing test (a reaped one is not signalled again).
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn log_tail(log: &PathBuf) -> String {
    let all = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = all.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

// ---------------------------------------------------------------------------------------------
// HTTP, as the browser does it (copied in small from server/benches/load.rs).

type HttpClient = Client<HttpConnector, Full<Bytes>>;

fn new_client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

struct Reply {
    status: http::StatusCode,
    headers: http::HeaderMap,
    body: Bytes,
}

impl Reply {
    fn failure(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        format!("HTTP {}: {}", self.status.as_u16(), text.chars().take(300).collect::<String>().trim())
    }
}

/// `Transport`: no answer (the server is dead, or died during the request).
enum Failure {
    Transport(String),
    Http(String),
}

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Transport(e) => write!(f, "no answer: {e}"),
            Failure::Http(e) => f.write_str(e),
        }
    }
}

async fn send(client: &HttpClient, req: Request<Full<Bytes>>) -> Result<Reply, Failure> {
    let exchange = async {
        let resp = client.request(req).await.map_err(|e| Failure::Transport(format!("{e:?}")))?;
        let (parts, body) = resp.into_parts();
        let body = body.collect().await.map_err(|e| Failure::Transport(format!("body: {e:?}")))?.to_bytes();
        Ok(Reply { status: parts.status, headers: parts.headers, body })
    };
    tokio::time::timeout(REQUEST_TIMEOUT, exchange)
        .await
        .unwrap_or_else(|_| Err(Failure::Http(format!("no answer within {} s", REQUEST_TIMEOUT.as_secs()))))
}

fn get(base: &str, path: &str) -> Request<Full<Bytes>> {
    Request::get(format!("{base}{path}")).header(ACCEPT, "text/html").body(Full::default()).expect("request")
}

/// A server function call: form-encoded, JSON back, from the app's own origin.
fn post_form(
    base: &str,
    endpoint: &str,
    form: &[(String, String)],
    cookie: Option<&str>,
) -> Request<Full<Bytes>> {
    let body =
        form.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&");
    let mut req = Request::post(format!("{base}{endpoint}"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(ACCEPT, "application/json")
        .header(ORIGIN, base);
    if let Some(c) = cookie {
        req = req.header(COOKIE, c);
    }
    req.body(Full::new(Bytes::from(body))).expect("request")
}

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Calls a server function; a reply other than 2xx is an `Http` failure.
async fn call(
    client: &HttpClient,
    base: &str,
    endpoint: &str,
    form: &[(String, String)],
    cookie: Option<&str>,
) -> Result<Reply, Failure> {
    let r = send(client, post_form(base, endpoint, form, cookie)).await?;
    if r.status.is_success() {
        Ok(r)
    } else {
        Err(Failure::Http(format!("{endpoint}: {}", r.failure())))
    }
}

fn json<T: serde::de::DeserializeOwned>(r: &Reply, what: &str) -> Result<T, Failure> {
    serde_json::from_slice(&r.body).map_err(|e| Failure::Http(format!("{what}: not the expected JSON ({e})")))
}

/// Logs in as the login form does; the session cookie (`pakta_session=...`).
async fn login(client: &HttpClient, base: &str, username: &str) -> Result<String, Failure> {
    let r = call(client, base, "/api/login", &form(&[("username", username), ("password", PASSWORD)]), None)
        .await?;
    r.headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("pakta_session="))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
        .ok_or_else(|| Failure::Http(format!("login as {username}: no session cookie")))
}

async fn pact_view(client: &HttpClient, base: &str, admin: &str, pact_id: Uuid) -> Result<PactView, Failure> {
    let f = form(&[("id", &pact_id.to_string()), ("version", "0")]);
    json(&call(client, base, "/api/pacts/get", &f, Some(admin)).await?, "pacts/get")
}

async fn sheet(client: &HttpClient, base: &str, admin: &str, pact_id: Uuid) -> Result<QuarterSheet, Failure> {
    let f = form(&[("pact_id", &pact_id.to_string()), ("quarter", &QUARTER.to_string())]);
    json(&call(client, base, "/api/evaluations/sheet", &f, Some(admin)).await?, "evaluations/sheet")
}

// ---------------------------------------------------------------------------------------------
// The clients and what they saw acknowledged.

/// A cycle's shared flags: `killed` is raised just before the kill, so a transport failure seen
/// while it is down is a failure of a live server.
struct Cycle {
    base: String,
    admin: String,
    killed: AtomicBool,
    stop: AtomicBool,
    /// Unexpected answers and transport failures of the live server.
    errors: Mutex<Vec<String>>,
}

impl Cycle {
    fn running(&self) -> bool {
        !self.stop.load(Ordering::SeqCst)
    }

    /// Transport failures after the kill are expected (the write is not acknowledged).
    fn failed(&self, what: &str, f: Failure) {
        let expected = matches!(f, Failure::Transport(_)) && self.killed.load(Ordering::SeqCst);
        if !expected {
            self.errors.lock().expect("errors").push(format!("{what}: {f:?}"));
        }
    }
}

/// One official's TW III sheet, saved over and over by one admin client.
struct SheetWriter {
    pact_id: Uuid,
    version_id: Uuid,
    /// The sheet's indicators, and whether the quarter has a target (a value) for each.
    indicators: Vec<(Uuid, bool)>,
    /// Save numbers: the last sent, the last acknowledged.
    attempted: u64,
    acked: Option<u64>,
    acks: usize,
    /// Unacknowledged saves found in the database (in flight at a kill, committed, not answered).
    landed_unacked: usize,
    last_landed: Option<u64>,
}

/// The save form of save number `n`: value n where the quarter has a target, note "uji crash #n".
fn save_form(sheet: &QuarterSheet, n: u64) -> Vec<(String, String)> {
    let mut f = form(&[("pact_id", &sheet.pact_id.to_string()), ("quarter", &QUARTER.to_string())]);
    for (i, (row, ind)) in sheet.rows.iter().zip(&sheet.indicators).enumerate() {
        let value = if ind.target.is_some() { n.to_string() } else { String::new() };
        let mut put = |key: &str, v: String| f.push((format!("realisations[{i}][{key}]"), v));
        put("indicator_id", row.indicator_id.to_string());
        put("value", value);
        put("row_version", row.row_version.to_string());
        put("evidence_note", format!("{NOTE_PREFIX}{n}"));
        put("evidence_link", String::new());
        put("obstacles", String::new());
        put("follow_up", String::new());
    }
    f
}

async fn sheet_client(cycle: Arc<Cycle>, mut w: SheetWriter) -> SheetWriter {
    let client = new_client();
    while cycle.running() {
        // Reloaded before every save, as the page does: the row versions are the stored ones.
        let s = match sheet(&client, &cycle.base, &cycle.admin, w.pact_id).await {
            Ok(s) => s,
            Err(f) => {
                cycle.failed("evaluations/sheet", f);
                continue;
            }
        };
        w.attempted += 1;
        let n = w.attempted;
        let saved =
            call(&client, &cycle.base, "/api/admin/evaluations/save", &save_form(&s, n), Some(&cycle.admin))
                .await
                .and_then(|r| json::<QuarterSheet>(&r, "evaluations/save"));
        match saved {
            Ok(after) => {
                w.acked = Some(n);
                w.acks += 1;
                // The answer is the sheet as stored after the commit.
                let note = format!("{NOTE_PREFIX}{n}");
                if after.rows.iter().any(|r| r.evidence_note != note) {
                    cycle.failed(
                        "evaluations/save",
                        Failure::Http(format!("save #{n} acknowledged, not shown")),
                    );
                }
            }
            Err(f) => cycle.failed("admin/evaluations/save", f),
        }
    }
    w
}

/// A write of the signing clients the server acknowledged.
#[derive(Debug, Clone)]
enum Ack {
    Signed { version_id: Uuid, party: String, content_hash: String, code: String },
    Submitted { version_id: Uuid },
    Revised { pact_id: Uuid, from_version: i32 },
}

/// Pacts taken through their signatures, again and again: the official signs, the superior
/// countersigns, the admin opens a revision and freezes it, and so on.
struct Signer {
    pacts: Vec<Uuid>,
    next: usize,
    /// Session cookies by NIP.
    sessions: HashMap<String, String>,
    acks: Vec<Ack>,
}

async fn sign_step(client: &HttpClient, cycle: &Cycle, s: &mut Signer) -> Result<(), (String, Failure)> {
    let pact_id = s.pacts[s.next % s.pacts.len()];
    s.next += 1;
    let v =
        pact_view(client, &cycle.base, &cycle.admin, pact_id).await.map_err(|f| ("pacts/get".into(), f))?;
    match v.status.as_str() {
        "awaiting_signatures" => {
            let first_signed = v.signatures.iter().any(|g| g.party == "first");
            let (party, signer) = if first_signed {
                ("second", v.second_party.as_ref())
            } else {
                ("first", Some(&v.first_party))
            };
            let nip = signer.and_then(|p| p.nip.clone()).expect("a signer with a NIP (chosen so)");
            if !s.sessions.contains_key(&nip) {
                let cookie = login(client, &cycle.base, &nip).await.map_err(|f| ("login".into(), f))?;
                s.sessions.insert(nip.clone(), cookie);
            }
            let f = form(&[("version_id", &v.version_id.to_string()), ("password", PASSWORD)]);
            call(client, &cycle.base, "/api/pacts/sign", &f, Some(&s.sessions[&nip]))
                .await
                .map_err(|f| ("pacts/sign".into(), f))?;
            s.acks.push(Ack::Signed {
                version_id: v.version_id,
                party: party.into(),
                content_hash: v.content_hash.clone().expect("a frozen version's hash"),
                code: v.verification_code.clone().expect("a frozen version's code"),
            });
        }
        "signed" => {
            let f =
                form(&[("pact_id", &pact_id.to_string()), ("reason", "correction"), ("note", "uji crash")]);
            call(client, &cycle.base, "/api/admin/pacts/revise", &f, Some(&cycle.admin))
                .await
                .map_err(|f| ("admin/pacts/revise".into(), f))?;
            s.acks.push(Ack::Revised { pact_id, from_version: v.version_no });
        }
        "draft" => {
            let f = form(&[
                ("version_id", &v.version_id.to_string()),
                ("row_version", &v.row_version.to_string()),
            ]);
            call(client, &cycle.base, "/api/admin/pacts/submit", &f, Some(&cycle.admin))
                .await
                .map_err(|f| ("admin/pacts/submit".into(), f))?;
            s.acks.push(Ack::Submitted { version_id: v.version_id });
        }
        other => panic!("pact {pact_id}: unexpected status {other}"),
    }
    Ok(())
}

async fn sign_client(cycle: Arc<Cycle>, mut s: Signer) -> Signer {
    let client = new_client();
    while cycle.running() {
        if let Err((what, f)) = sign_step(&client, &cycle, &mut s).await {
            cycle.failed(&what, f);
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// The checks.

/// Checks the database with the server down; returns the problems found.
async fn check_database(
    db_url: &str,
    sqlite: bool,
    writers: &mut [SheetWriter],
    signers: &[Signer],
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut opts = ConnectOptions::new(db_url.to_string());
    opts.sqlx_logging(false).max_connections(1);
    let db = Database::connect(opts).await.expect("open the database after the kill");
    if sqlite {
        let rows = raw(&db, "PRAGMA integrity_check").await;
        if rows != ["ok"] {
            problems.push(format!("PRAGMA integrity_check: {rows:?}"));
        }
        let rows = raw(&db, "PRAGMA foreign_key_check").await;
        if !rows.is_empty() {
            problems.push(format!("PRAGMA foreign_key_check: {rows:?}"));
        }
    }
    for w in writers.iter_mut() {
        if let Err(p) = check_sheet(&db, w).await {
            problems.push(format!("sheet of pact {}: {p}", w.pact_id));
        }
    }
    for s in signers {
        problems.extend(check_signatures(&db, s).await);
    }
    db.close().await.ok();
    problems
}

/// The first column of every row, as text.
async fn raw(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect(sql);
    rows.iter()
        .map(|r| {
            r.try_get_by_index::<String>(0)
                .or_else(|_| r.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .unwrap_or_else(|_| "?".into())
        })
        .collect()
}

/// The save number a note carries.
fn save_no(note: Option<&str>) -> Option<u64> {
    note?.strip_prefix(NOTE_PREFIX)?.parse().ok()
}

async fn check_sheet(db: &DatabaseConnection, w: &mut SheetWriter) -> Result<(), String> {
    let evals = evaluation::Entity::find()
        .filter(evaluation::Column::PactVersionId.eq(w.version_id))
        .filter(evaluation::Column::Quarter.eq(QUARTER as i16))
        .all(db)
        .await
        .map_err(|e| e.to_string())?;
    let eval = evals.iter().max_by_key(|e| e.revision).ok_or("no evaluation of the quarter")?;
    let rows = realisation::Entity::find()
        .filter(realisation::Column::EvaluationId.eq(eval.id))
        .all(db)
        .await
        .map_err(|e| e.to_string())?;
    let mut found = BTreeMap::new();
    for (id, assessed) in &w.indicators {
        let mine: Vec<&realisation::Model> = rows.iter().filter(|r| r.indicator_id == *id).collect();
        if mine.len() > 1 {
            return Err(format!("{} rows for indicator {id}", mine.len()));
        }
        let row = mine.first();
        let k = row.and_then(|r| save_no(r.evidence_note.as_deref()));
        if let (Some(r), Some(k)) = (row, k) {
            let expected = assessed.then(|| k.to_string());
            if r.value != expected {
                return Err(format!("save #{k}'s row holds value {:?}", r.value));
            }
        }
        found.insert(*id, k);
    }
    let saves: std::collections::BTreeSet<Option<u64>> = found.values().copied().collect();
    if saves.len() != 1 {
        return Err(format!("rows of different saves (a save landed in part): {found:?}"));
    }
    let k = *saves.first().expect("one");
    match (k, w.acked) {
        (None, None) => Ok(()),
        (None, Some(a)) => Err(format!("acknowledged save #{a} is lost: the demo's values are back")),
        (Some(k), Some(a)) if k < a => Err(format!("acknowledged save #{a} is lost: holds save #{k}")),
        (Some(k), _) if k > w.attempted => Err(format!("holds save #{k}, never sent (last {})", w.attempted)),
        (Some(k), a) => {
            if a.is_none_or(|a| k > a) && w.last_landed != Some(k) {
                w.landed_unacked += 1;
                w.last_landed = Some(k);
            }
            Ok(())
        }
    }
}

async fn check_signatures(db: &DatabaseConnection, s: &Signer) -> Vec<String> {
    let mut problems = Vec::new();
    let versions: Vec<pact_version::Model> = pact_version::Entity::find()
        .filter(pact_version::Column::PactId.is_in(s.pacts.clone()))
        .all(db)
        .await
        .expect("versions");
    let sigs: Vec<signature::Model> = signature::Entity::find()
        .filter(signature::Column::PactVersionId.is_in(versions.iter().map(|v| v.id).collect::<Vec<_>>()))
        .all(db)
        .await
        .expect("signatures");
    let version = |id: Uuid| versions.iter().find(|v| v.id == id);
    let mut both: HashMap<Uuid, usize> = HashMap::new();
    for ack in &s.acks {
        match ack {
            Ack::Signed { version_id, party, content_hash, .. } => {
                *both.entry(*version_id).or_default() += 1;
                let Some(v) = version(*version_id) else {
                    problems.push(format!("signed version {version_id} is gone"));
                    continue;
                };
                if v.content_hash.as_ref() != Some(content_hash) {
                    problems
                        .push(format!("signed version {version_id}: hash changed to {:?}", v.content_hash));
                }
                let given: Vec<&signature::Model> =
                    sigs.iter().filter(|g| g.pact_version_id == *version_id && g.party == *party).collect();
                match given.as_slice() {
                    [g] if g.content_hash == *content_hash => {}
                    [] => problems.push(format!("acknowledged {party} signature of {version_id} is lost")),
                    other => {
                        let hashes: Vec<&str> = other.iter().map(|g| g.content_hash.as_str()).collect();
                        problems.push(format!(
                            "{party} signature of {version_id}: {} found, over {hashes:?}, signed {content_hash}",
                            other.len()
                        ))
                    }
                }
            }
            Ack::Submitted { version_id } => match version(*version_id) {
                Some(v) if v.status != "draft" && v.content_hash.is_some() => {}
                other => problems.push(format!("acknowledged freeze of {version_id} is lost: {other:?}")),
            },
            Ack::Revised { pact_id, from_version } => {
                if !versions.iter().any(|v| v.pact_id == *pact_id && v.version_no == from_version + 1) {
                    problems.push(format!(
                        "acknowledged revision {} of pact {pact_id} is lost",
                        from_version + 1
                    ));
                }
            }
        }
    }
    for (version_id, n) in both {
        let status = version(version_id).map(|v| v.status.as_str());
        if n == 2 && !matches!(status, Some("signed" | "superseded")) {
            problems.push(format!("version {version_id} acknowledged signed by both is {status:?}"));
        }
    }
    // What must hold whatever landed: one version in force per pact, two signatures on it.
    for pact_id in &s.pacts {
        let of: Vec<&pact_version::Model> = versions.iter().filter(|v| v.pact_id == *pact_id).collect();
        let in_force = of.iter().filter(|v| v.status == "signed").count();
        if in_force > 1 {
            problems.push(format!("pact {pact_id}: {in_force} versions in force"));
        }
        for v in of {
            let n = sigs.iter().filter(|g| g.pact_version_id == v.id).count();
            if (v.status == "signed" || v.status == "superseded") && n != 2 || n > 2 {
                problems.push(format!("pact {pact_id} v{} ({}): {n} signatures", v.version_no, v.status));
            }
        }
    }
    problems
}

/// With the server up: its own check of every acknowledged signed version (the content rehashed).
async fn check_verifications(base: &str, signers: &[Signer]) -> Vec<String> {
    let client = new_client();
    let mut problems = Vec::new();
    let mut codes: Vec<&str> = signers
        .iter()
        .flat_map(|s| &s.acks)
        .filter_map(|a| match a {
            Ack::Signed { code, .. } => Some(code.as_str()),
            _ => None,
        })
        .collect();
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        let reply = call(&client, base, "/api/verify", &form(&[("code", code)]), None).await;
        match reply.and_then(|r| json::<Verification>(&r, "verify")) {
            Ok(v) if matches!(v.verdict.as_str(), "valid" | "superseded" | "awaiting") => {}
            Ok(v) => problems.push(format!("verification of {code}: {}", v.verdict)),
            Err(f) => problems.push(format!("verification of {code}: {f:?}")),
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// The run.

/// splitmix64: the kill moments, reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

/// The realisation pacts: signed version 1 (in force all year), with TW III targets.
async fn pick_sheets(client: &HttpClient, base: &str, admin: &str, db_url: &str) -> Vec<SheetWriter> {
    let db = Database::connect(db_url).await.expect("open database");
    let mut signed = pact_version::Entity::find()
        .filter(pact_version::Column::Status.eq("signed"))
        .filter(pact_version::Column::VersionNo.eq(1))
        .all(&db)
        .await
        .expect("signed versions");
    db.close().await.ok();
    // Spread over the city (the list is in insertion order, one OPD after the other).
    signed.sort_by_key(|v| v.id);
    let mut out = Vec::new();
    for v in signed {
        let s = sheet(client, base, admin, v.pact_id).await.expect("sheet");
        if s.locked || !s.may_edit_values || s.indicators.iter().all(|i| i.target.is_none()) {
            continue;
        }
        out.push(SheetWriter {
            pact_id: v.pact_id,
            version_id: s.version_id,
            indicators: s.indicators.iter().map(|i| (i.indicator_id, i.target.is_some())).collect(),
            attempted: 0,
            acked: None,
            acks: 0,
            landed_unacked: 0,
            last_landed: None,
        });
        if out.len() == REALISATION_CLIENTS {
            break;
        }
    }
    assert_eq!(out.len(), REALISATION_CLIENTS, "demo pacts open for TW {QUARTER}");
    out
}

/// The pacts awaiting signatures whose parties can both sign electronically, dealt out.
async fn pick_signers(client: &HttpClient, base: &str, admin: &str, db_url: &str) -> Vec<Signer> {
    let db = Database::connect(db_url).await.expect("open database");
    let awaiting = pact_version::Entity::find()
        .filter(pact_version::Column::Status.eq("awaiting_signatures"))
        .all(&db)
        .await
        .expect("awaiting versions");
    db.close().await.ok();
    let mut signers: Vec<Signer> = (0..SIGNATURE_CLIENTS)
        .map(|_| Signer { pacts: Vec::new(), next: 0, sessions: HashMap::new(), acks: Vec::new() })
        .collect();
    let mut dealt = 0;
    for v in awaiting {
        let view = pact_view(client, base, admin, v.pact_id).await.expect("pact");
        let nips: Vec<String> = [Some(&view.first_party), view.second_party.as_ref()]
            .into_iter()
            .map(|p| p.and_then(|p| p.nip.clone()))
            .collect::<Option<_>>()
            .unwrap_or_default();
        if nips.len() != 2 {
            continue; // the Wali Kota signs on paper
        }
        let s = &mut signers[dealt % SIGNATURE_CLIENTS];
        for nip in nips {
            if let std::collections::hash_map::Entry::Vacant(e) = s.sessions.entry(nip) {
                let cookie = login(client, base, e.key()).await.expect("official login");
                e.insert(cookie);
            }
        }
        s.pacts.push(v.pact_id);
        dealt += 1;
    }
    assert!(signers.iter().all(|s| !s.pacts.is_empty()), "demo pacts awaiting signatures");
    signers
}

async fn run(db_url: String, sqlite: bool, kills: usize) {
    let engine = if sqlite { "SQLite" } else { "PostgreSQL" };
    let started = Instant::now();
    let seed =
        std::env::var("PAKTA_CRASH_SEED").ok().and_then(|s| s.trim().parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("time").as_nanos()
                as u64
        });
    eprintln!("crash test ({engine}): {kills} kills, seed {seed} (PAKTA_CRASH_SEED={seed} replays the kill moments)");
    let mut rng = Rng(seed);
    for args in [&["migrate"][..], &["demo"][..]] {
        let out = pakta(&db_url, args);
        assert!(out.status.success(), "pakta {args:?}: {}", text(&out));
    }
    let seeded = audit_verify(&db_url).expect("the demo's audit chain");
    let log = std::env::temp_dir().join(format!("pakta-crash-{}.log", Uuid::new_v4().simple()));
    let setup = started.elapsed();

    let mut server = start_server(&db_url, &log).await;
    let client = new_client();
    let admin = login(&client, &server.base, "admin").await.expect("admin login");
    let mut writers = pick_sheets(&client, &server.base, &admin, &db_url).await;
    let mut signers = pick_signers(&client, &server.base, &admin, &db_url).await;
    eprintln!(
        "  setup {:.1} s (migrate, demo: {seeded} audit entries), {} sheets, {} pacts to sign",
        setup.as_secs_f64(),
        writers.len(),
        signers.iter().map(|s| s.pacts.len()).sum::<usize>()
    );

    let mut problems: Vec<String> = Vec::new();
    let mut entries = seeded;
    let mut restart_ms = Vec::new();
    let mut audit_ok = true;
    for k in 1..=kills {
        let cycle = Arc::new(Cycle {
            base: server.base.clone(),
            admin: admin.clone(),
            killed: AtomicBool::new(false),
            stop: AtomicBool::new(false),
            errors: Mutex::new(Vec::new()),
        });
        let sheet_tasks: Vec<_> =
            writers.drain(..).map(|w| tokio::spawn(sheet_client(cycle.clone(), w))).collect();
        let sign_tasks: Vec<_> =
            signers.drain(..).map(|s| tokio::spawn(sign_client(cycle.clone(), s))).collect();
        let after = rng.between(KILL_AFTER_MS.0, KILL_AFTER_MS.1);
        tokio::time::sleep(Duration::from_millis(after)).await;
        cycle.killed.store(true, Ordering::SeqCst);
        server.kill();
        cycle.stop.store(true, Ordering::SeqCst);
        for t in sheet_tasks {
            writers.push(t.await.expect("sheet client"));
        }
        for t in sign_tasks {
            signers.push(t.await.expect("signing client"));
        }
        let mut found: Vec<String> = cycle.errors.lock().expect("errors").drain(..).collect();
        let check = Instant::now();
        found.extend(check_database(&db_url, sqlite, &mut writers, &signers).await);
        match audit_verify(&db_url) {
            Ok(n) => {
                // Every acknowledged write added at least one entry (and nothing is removed).
                let acked = writers.iter().map(|w| w.acks).sum::<usize>()
                    + signers.iter().map(|s| s.acks.len()).sum::<usize>();
                if n < entries || n < seeded + acked {
                    found.push(format!("audit log: {n} entries, had {entries}, {acked} writes acknowledged"));
                }
                entries = n;
            }
            Err(e) => {
                audit_ok = false;
                found.push(e)
            }
        }
        let checked = check.elapsed();
        let restart = Instant::now();
        server = start_server(&db_url, &log).await;
        let restarted = restart.elapsed();
        restart_ms.push(restarted.as_millis());
        found.extend(check_verifications(&server.base, &signers).await);
        eprintln!(
            "  kill {k:>2}/{kills} after {after:>4} ms: {} saves and {} signing steps acknowledged so far; \
             checked in {} ms, restarted in {} ms{}",
            writers.iter().map(|w| w.acks).sum::<usize>(),
            signers.iter().map(|s| s.acks.len()).sum::<usize>(),
            checked.as_millis(),
            restarted.as_millis(),
            if found.is_empty() { String::new() } else { format!(", {} PROBLEMS", found.len()) }
        );
        for p in &found {
            eprintln!("    {p}");
        }
        problems.extend(found.into_iter().map(|p| format!("kill {k}: {p}")));
    }
    server.kill();

    let signed = signers.iter().flat_map(|s| &s.acks).filter(|a| matches!(a, Ack::Signed { .. })).count();
    let steps = signers.iter().map(|s| s.acks.len()).sum::<usize>();
    eprintln!(
        "crash test ({engine}) summary: {kills} kills (seed {seed}); acknowledged writes checked after every \
         kill: {} realisation saves ({} sheets), {signed} signatures, {} revisions and freezes; \
         {} unacknowledged saves had landed; {}audit chain {} ({entries} entries); restarts {}–{} ms; \
         {} problems; {:.1} s",
        writers.iter().map(|w| w.acks).sum::<usize>(),
        writers.len(),
        steps - signed,
        writers.iter().map(|w| w.landed_unacked).sum::<usize>(),
        if sqlite { "integrity_check and foreign_key_check after every kill; " } else { "" },
        if audit_ok { "intact" } else { "BROKEN" },
        restart_ms.iter().min().copied().unwrap_or(0),
        restart_ms.iter().max().copied().unwrap_or(0),
        problems.len(),
        started.elapsed().as_secs_f64()
    );
    if !problems.is_empty() {
        eprintln!("server log (tail):\n{}", log_tail(&log));
    }
    let _ = std::fs::remove_file(&log);
    let shown = problems.iter().take(30).cloned().collect::<Vec<_>>().join("\n");
    assert!(problems.is_empty(), "{engine}: {} problems after kill -9 (first 30):\n{shown}", problems.len());
}
