//! Load benchmark of the real HTTP server under concurrent clients (issues 6 and 7).
//!
//! - `dashboard` (issue 6, the default): with 10,000 officials in the database, the latency of
//!   the DPRD dashboard (`/dprd?tahun=2026&tw=2`) and of an official's home page (`/saya`) under
//!   50 concurrent clients, one page after the other, `PAKTA_LOAD_SECONDS` (default 20) each.
//!   Goal: p99 under 25 ms.
//! - `surge` (issue 7): the month-end surge, 200 concurrent clients for `PAKTA_LOAD_SECONDS`
//!   (default 60). Each client is an HR admin entering one official's TW III realisations and
//!   reading pages, in a loop: the realisation screen (`/admin/realisasi/{pact}/3`), the sheet
//!   (`evaluations/sheet`, for the current row versions), the save (`admin/evaluations/save`,
//!   every value changed), then that official's `/saya` and the DPRD dashboard. Every client has
//!   its own official, so no save may meet a concurrency conflict. Goal: no errors and p99 under
//!   100 ms.
//! - `logins` (issue 14, item 6): anonymous bogus logins cannot exhaust memory. On an empty
//!   database (nothing seeded), `PAKTA_LOAD_LOGINS` (default 100) clients each POST one login
//!   with an unknown name and a wrong password, all at once, in `LOGIN_WAVES` waves; each client
//!   comes through its own address (`X-Forwarded-For`, the server trusting a proxy), so the
//!   per-address throttle refuses none of them and every login reaches the password check (an
//!   argon2 of about 19 MiB). Goal: the process's peak resident memory (VmHWM, reset before the
//!   phase) under 300 MiB: asserted, with the figure printed; every answer is "wrong password"
//!   or "server busy", never anything else.
//! - `all`: dashboard, surge, then logins.
//!
//! Run: `make load` (all) or `PAKTA_LOAD_MODE=surge cargo bench -p pakta --bench load`.
//! Setup (not timed): a temporary SQLite file (removed at the end, also on a panic) filled like
//! the `tpp_run` bench (`support/seed.rs`: 50 OPDs, `PAKTA_BENCH_OFFICIALS` officials, default
//! 10,000, each with a signed 2026 pact of 5 indicators and a complete TW II), the TW II TPP run
//! (`tpp_run::run`) and the quarter locked, so the dashboard has figures; accounts `admin`,
//! `dprd` and 500 officials' (spread over the city), all with one argon2 hash of one password.
//! Then the real app is served on a free loopback port (`startup::prepare` + `startup::spawn`,
//! in this process) and every simulated user logs in over HTTP as the browser does
//! (`POST /api/login` with a same-origin `Origin`), each with an own session. Each client is a
//! task with its own keep-alive connection (hyper-util's client), sending its next request as
//! soon as the last one is answered (a closed loop, no think time), after one warm-up request
//! each (reported, not counted). Every latency is kept: per page, requests, throughput, p50,
//! p90, p99 and max over the successful requests, and errors (any transport error, status other
//! than 2xx, time-out after 60 s, a page showing an error or missing its content, a save that
//! advanced no row version), with the reasons. The server runs in this process: the peak
//! resident memory (VmHWM) is measured per phase (reset before it), and the process's CPU time.
//! With `PAKTA_BENCH_POSTGRES_URL` set, everything is repeated on a uniquely named PostgreSQL
//! database there, dropped at the end. `PAKTA_LOAD_CLIENTS` overrides the number of clients;
//! `PAKTA_LOAD_THINK_MS` makes every client pause after each answer, a random time with that
//! mean (exponentially distributed, so users ask independently, as people do), after a random
//! start within the first such pause (default 0: the closed loop above); `PAKTA_LOAD_NODELAY=1`
//! (a diagnosis, not how `pakta serve` runs) serves the same router with `TCP_NODELAY` on every
//! connection instead of `startup::spawn`.
//!
//! The clients share the 2 cores with the server, so the figures are the server's latency plus
//! the (small) client cost, on a machine that may be busy with other work: the load average and
//! the CPU time are printed with each phase.
#[path = "support/measure.rs"]
mod measure;
#[path = "support/seed.rs"]
mod seed;
use measure::{cpu_time, load_average, mib, proc_status_kb, reset_peak, secs};

use app::api::evaluations::QuarterSheet;
use app::domain::Role;
use app::server::entities::account;
use app::server::{auth, tpp_run};
use axum::body::Bytes;
use chrono::Utc;
use http::header::{ACCEPT, CONTENT_TYPE, COOKIE, ORIGIN, SET_COOKIE};
use http::{Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use sea_orm::{ActiveValue::Set, ConnectOptions, ConnectionTrait, Database, EntityTrait};
use seed::{INDICATORS, OPDS, QUARTER, YEAR};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing_subscriber::EnvFilter;
use uuid::Uuid;

const DASHBOARD_CLIENTS: usize = 50;
const DASHBOARD_SECONDS: u64 = 20;
const DASHBOARD_GOAL_MS: f64 = 25.0;
const SURGE_CLIENTS: usize = 200;
const SURGE_SECONDS: u64 = 60;
const SURGE_GOAL_MS: f64 = 100.0;
/// The quarter the surge enters realisations for: open (TW II is locked), with targets.
const SURGE_QUARTER: u32 = 3;
/// Officials with an account, spread over the city.
const OFFICIAL_ACCOUNTS: usize = 500;
/// The password of every account (one argon2 hash, reused).
const PASSWORD: &str = "uji-beban-pakta-2026";
/// Logins in flight at once during the setup (argon2 runs on the server's blocking threads).
const LOGIN_WORKERS: usize = 4;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// As the server's own runtime (server/src/main.rs): page rendering recurses deeply.
const WORKER_STACK_BYTES: usize = 8 * 1024 * 1024;
/// The `logins` mode: concurrent bogus logins, waves of them, and the peak memory allowed.
const BOGUS_LOGINS: usize = 100;
const LOGIN_WAVES: usize = 3;
const LOGINS_GOAL_MIB: f64 = 300.0;
/// Distinct error reasons kept per page (the rest are counted under "other").
const MAX_REASONS: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Dashboard,
    Surge,
    Logins,
    All,
}

struct Config {
    /// Concurrent bogus logins of the `logins` mode.
    bogus_logins: usize,
    officials: usize,
    mode: Mode,
    dashboard_seconds: u64,
    surge_seconds: u64,
    dashboard_clients: usize,
    surge_clients: usize,
    /// Each client's pause after every answer.
    think: Duration,
    /// Serve with `TCP_NODELAY` (diagnosis).
    nodelay: bool,
}

impl Config {
    fn from_env() -> Config {
        let number = |name: &str| -> Option<u64> {
            let text = std::env::var(name).ok()?;
            Some(
                text.trim().parse().unwrap_or_else(|_| panic!("{name} must be a whole number, not {text:?}")),
            )
        };
        let mode = match std::env::var("PAKTA_LOAD_MODE").unwrap_or_default().trim() {
            "" | "dashboard" => Mode::Dashboard,
            "surge" => Mode::Surge,
            "logins" => Mode::Logins,
            "all" => Mode::All,
            other => panic!("PAKTA_LOAD_MODE must be dashboard, surge, logins or all, not {other:?}"),
        };
        let officials = number("PAKTA_BENCH_OFFICIALS").unwrap_or(10_000) as usize;
        assert!((OPDS..30_000).contains(&officials), "PAKTA_BENCH_OFFICIALS must be 50 to 29,999");
        let seconds = number("PAKTA_LOAD_SECONDS");
        let clients = number("PAKTA_LOAD_CLIENTS").map(|c| c as usize);
        let config = Config {
            bogus_logins: number("PAKTA_LOAD_LOGINS").unwrap_or(BOGUS_LOGINS as u64) as usize,
            officials,
            mode,
            dashboard_seconds: seconds.unwrap_or(DASHBOARD_SECONDS),
            surge_seconds: seconds.unwrap_or(SURGE_SECONDS),
            dashboard_clients: clients.unwrap_or(DASHBOARD_CLIENTS),
            surge_clients: clients.unwrap_or(SURGE_CLIENTS),
            think: Duration::from_millis(number("PAKTA_LOAD_THINK_MS").unwrap_or(0)),
            nodelay: number("PAKTA_LOAD_NODELAY").unwrap_or(0) != 0,
        };
        assert!(
            config.dashboard_clients.max(config.surge_clients) <= officials,
            "more clients than officials: each client needs an official of its own"
        );
        config
    }

    fn dashboard(&self) -> bool {
        matches!(self.mode, Mode::Dashboard | Mode::All)
    }

    fn surge(&self) -> bool {
        matches!(self.mode, Mode::Surge | Mode::All)
    }

    fn logins(&self) -> bool {
        matches!(self.mode, Mode::Logins | Mode::All)
    }

    /// Officials with an account: enough for every client, at least `OFFICIAL_ACCOUNTS`.
    fn accounts(&self) -> usize {
        OFFICIAL_ACCOUNTS.max(self.dashboard_clients).max(self.surge_clients).min(self.officials)
    }

    /// The official (seed index) of account `j`: spread evenly over the city (heads included).
    fn official_of(&self, j: usize) -> usize {
        j * self.officials / self.accounts()
    }
}

// ---------------------------------------------------------------------------------------------
// Latencies.

/// What a request was, for the tallies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Dashboard,
    Home,
    SheetPage,
    SheetRead,
    Save,
}

impl Kind {
    fn label(self) -> String {
        match self {
            Kind::Dashboard => format!("GET /dprd?tahun={YEAR}&tw={QUARTER} (DPRD)"),
            Kind::Home => "GET /saya (official)".into(),
            Kind::SheetPage => format!("GET /admin/realisasi/{{pact}}/{SURGE_QUARTER} (admin)"),
            Kind::SheetRead => "POST /api/evaluations/sheet (admin)".into(),
            Kind::Save => "POST /api/admin/evaluations/save (admin)".into(),
        }
    }
}

/// The requests of one kind: latencies of the successful ones, errors with their reasons.
#[derive(Default)]
struct Tally {
    micros: Vec<u64>,
    errors: u64,
    reasons: BTreeMap<String, u64>,
}

impl Tally {
    fn ok(&mut self, took: Duration) {
        self.micros.push(took.as_micros() as u64);
    }

    fn error(&mut self, reason: String) {
        self.errors += 1;
        let reason = if self.reasons.len() < MAX_REASONS || self.reasons.contains_key(&reason) {
            reason
        } else {
            "(other reasons)".to_string()
        };
        *self.reasons.entry(reason).or_default() += 1;
    }

    fn merge(&mut self, other: Tally) {
        self.micros.extend(other.micros);
        self.errors += other.errors;
        for (reason, count) in other.reasons {
            *self.reasons.entry(reason).or_default() += count;
        }
    }

    fn requests(&self) -> usize {
        self.micros.len() + self.errors as usize
    }
}

type Tallies = BTreeMap<Kind, Tally>;

fn merge_all(into: &mut Tallies, from: Tallies) {
    for (kind, tally) in from {
        into.entry(kind).or_default().merge(tally);
    }
}

/// Nearest-rank percentile of sorted microseconds, in milliseconds.
fn percentile(sorted: &[u64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    Some(sorted[rank.min(sorted.len()) - 1] as f64 / 1000.0)
}

/// One line of the summary.
struct Row {
    engine: &'static str,
    mode: &'static str,
    what: String,
    clients: usize,
    requests: usize,
    per_second: f64,
    p50: Option<f64>,
    p90: Option<f64>,
    p99: Option<f64>,
    max: Option<f64>,
    errors: u64,
    goal_ms: f64,
}

impl Row {
    fn new(
        engine: &'static str,
        mode: &'static str,
        what: String,
        clients: usize,
        tally: &mut Tally,
        elapsed: Duration,
        goal_ms: f64,
    ) -> Row {
        tally.micros.sort_unstable();
        let t = &tally.micros;
        Row {
            engine,
            mode,
            what,
            clients,
            requests: tally.requests(),
            per_second: tally.requests() as f64 / secs(elapsed),
            p50: percentile(t, 50.0),
            p90: percentile(t, 90.0),
            p99: percentile(t, 99.0),
            max: t.last().map(|m| *m as f64 / 1000.0),
            errors: tally.errors,
            goal_ms,
        }
    }

    fn goal_met(&self) -> bool {
        self.errors == 0 && self.p99.is_some_and(|p| p < self.goal_ms)
    }
}

fn ms(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| format!("{v:.1}"))
}

fn print_rows(rows: &[Row]) {
    println!(
        "{:<10} {:<9} {:<44} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7}  goal",
        "engine",
        "mode",
        "request",
        "clients",
        "requests",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "errors"
    );
    for r in rows {
        println!(
            "{:<10} {:<9} {:<44} {:>7} {:>8} {:>8.1} {:>8} {:>8} {:>8} {:>8} {:>7}  {} (p99 < {} ms, no errors)",
            r.engine,
            r.mode,
            r.what,
            r.clients,
            r.requests,
            r.per_second,
            ms(r.p50),
            ms(r.p90),
            ms(r.p99),
            ms(r.max),
            r.errors,
            if r.goal_met() { "met" } else { "NOT met" },
            r.goal_ms
        );
    }
}

fn print_reasons(tallies: &Tallies) {
    for (kind, tally) in tallies {
        for (reason, count) in &tally.reasons {
            println!("  error × {count} on {}: {reason}", kind.label());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP.

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// One simulated user's browser: its own keep-alive connection.
fn new_client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

/// The server under test.
struct Target {
    /// `http://127.0.0.1:{port}`: also the `Origin` of state-changing requests.
    base: String,
    /// Each client's pause after every answer (not counted in the latency).
    think: Duration,
}

impl Target {
    /// A user's pause after an answer: random, exponentially distributed with mean `think`
    /// (capped at five times it), so that users' requests arrive independently, as people's do.
    /// A fixed pause would keep the users in step: all of them would ask in the same instant once
    /// a second, and the figures would be those of draining that burst.
    async fn pause(&self) {
        if !self.think.is_zero() {
            let uniform = 1.0 - random_fraction();
            let factor = (-uniform.ln()).min(5.0);
            tokio::time::sleep(self.think.mul_f64(factor)).await;
        }
    }

    /// Before a user's first counted request: a random wait of up to `think`, so that users who
    /// logged in together do not begin together.
    async fn stagger(&self) {
        if !self.think.is_zero() {
            tokio::time::sleep(self.think.mul_f64(random_fraction())).await;
        }
    }
}

/// A random number in [0, 1) (from a v4 UUID's random bits: no generator to seed or share).
fn random_fraction() -> f64 {
    (Uuid::new_v4().as_u128() >> 75) as f64 / (1u64 << 53) as f64
}

struct Reply {
    status: StatusCode,
    headers: http::HeaderMap,
    body: Bytes,
}

impl Reply {
    fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    /// "HTTP 500: {start of the body}".
    fn failure(&self) -> String {
        let text = self.text();
        let start: String = text.chars().take(160).collect();
        format!("HTTP {}: {}", self.status.as_u16(), start.trim())
    }
}

async fn send(client: &HttpClient, req: Request<Full<Bytes>>) -> Result<Reply, String> {
    let exchange = async {
        let resp = client.request(req).await.map_err(|e| format!("transport error: {e:?}"))?;
        let (parts, body) = resp.into_parts();
        let body = body.collect().await.map_err(|e| format!("body error: {e:?}"))?.to_bytes();
        Ok(Reply { status: parts.status, headers: parts.headers, body })
    };
    tokio::time::timeout(REQUEST_TIMEOUT, exchange)
        .await
        .unwrap_or_else(|_| Err(format!("no answer within {} s", REQUEST_TIMEOUT.as_secs())))
}

fn get(t: &Target, path: &str, cookie: &str) -> Request<Full<Bytes>> {
    Request::get(format!("{}{path}", t.base))
        .header(ACCEPT, "text/html")
        .header(COOKIE, cookie)
        .body(Full::default())
        .expect("request")
}

fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A server function call as the hydrated browser makes it: form-encoded, JSON back, from the
/// app's own origin (the same-origin guard refuses others).
fn post_form<K: AsRef<str>, V: AsRef<str>>(
    t: &Target,
    endpoint: &str,
    form: &[(K, V)],
    cookie: Option<&str>,
) -> Request<Full<Bytes>> {
    let body = form
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k.as_ref()), urlencode(v.as_ref())))
        .collect::<Vec<_>>()
        .join("&");
    let mut req = Request::post(format!("{}{endpoint}", t.base))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(ACCEPT, "application/json")
        .header(ORIGIN, &t.base);
    if let Some(c) = cookie {
        req = req.header(COOKIE, c);
    }
    req.body(Full::new(Bytes::from(body))).expect("request")
}

fn json<T: DeserializeOwned>(r: &Reply) -> Result<T, String> {
    if !r.status.is_success() {
        return Err(r.failure());
    }
    serde_json::from_slice(&r.body)
        .map_err(|e| format!("HTTP {}: not the expected JSON ({e})", r.status.as_u16()))
}

/// A page answered in full: 2xx, no error shown, and the content it must have.
fn check_page(r: &Reply, expect: &str) -> Result<(), String> {
    if !r.status.is_success() {
        return Err(r.failure());
    }
    let text = r.text();
    if let Some(at) = text.find("alert-error") {
        // The message of `LoadError`: the text after the tag.
        let shown: String =
            text[at..].split_once('>').map_or("", |(_, rest)| rest).chars().take(160).collect();
        let shown = shown.split('<').next().unwrap_or("");
        return Err(format!("HTTP {}: the page shows an error: {shown}", r.status.as_u16()));
    }
    if !text.contains(expect) {
        return Err(format!("HTTP {}: the page lacks its content", r.status.as_u16()));
    }
    Ok(())
}

/// Logs in as the login form does; returns the session cookie (`pakta_session=...`).
async fn login(client: &HttpClient, t: &Target, username: &str) -> Result<String, String> {
    let reply =
        send(client, post_form(t, "/api/login", &[("username", username), ("password", PASSWORD)], None))
            .await?;
    reply
        .headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("pakta_session="))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
        .ok_or_else(|| reply.failure())
}

/// Logs every name in, `LOGIN_WORKERS` at a time; the cookies in the same order.
async fn login_all(t: &Arc<Target>, names: Vec<String>) -> Vec<String> {
    let names = Arc::new(names);
    let next = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..LOGIN_WORKERS)
        .map(|_| {
            let (t, names, next) = (t.clone(), names.clone(), next.clone());
            tokio::spawn(async move {
                let client = new_client();
                let mut got = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(name) = names.get(i) else { break };
                    let cookie = login(&client, &t, name)
                        .await
                        .unwrap_or_else(|e| panic!("login as {name} failed: {e}"));
                    got.push((i, cookie));
                }
                got
            })
        })
        .collect();
    let mut all = Vec::with_capacity(names.len());
    for w in workers {
        all.extend(w.await.expect("login worker"));
    }
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, c)| c).collect()
}

/// GETs a page, checks it and records the latency (or the error).
async fn timed_page(
    client: &HttpClient,
    t: &Target,
    path: &str,
    cookie: &str,
    expect: &str,
    tally: &mut Tally,
) {
    let start = Instant::now();
    let reply = send(client, get(t, path, cookie)).await;
    let took = start.elapsed();
    match reply.and_then(|r| check_page(&r, expect)) {
        Ok(()) => tally.ok(took),
        Err(e) => tally.error(e),
    }
    t.pause().await;
}

// ---------------------------------------------------------------------------------------------
// The phases.

/// A simulated user of a page phase: its session and what its page must contain.
#[derive(Clone)]
struct PageUser {
    cookie: String,
    expect: String,
}

struct Phase {
    tallies: Tallies,
    elapsed: Duration,
}

/// Prints what the phase cost the process (CPU, peak memory) and the machine's load.
struct PhaseMeter {
    cpu: Option<Duration>,
    start: Instant,
    reset: bool,
}

impl PhaseMeter {
    fn start() -> PhaseMeter {
        let reset = reset_peak();
        PhaseMeter { cpu: cpu_time(), start: Instant::now(), reset }
    }

    fn report(&self) {
        let wall = self.start.elapsed();
        let cpu = self.cpu.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a));
        println!(
            "  process: CPU {} in {:.1} s ({}); peak resident memory (VmHWM) {}{}, VmRSS now {}; load average {}",
            cpu.map_or_else(|| "n/a".into(), |c| format!("{:.1} s", secs(c))),
            secs(wall),
            cpu.map_or_else(|| "n/a".into(), |c| format!("{:.2} cores busy", secs(c) / secs(wall))),
            mib(proc_status_kb("VmHWM:")),
            if self.reset { " (reset before the phase)" } else { " (since the start: no reset)" },
            mib(proc_status_kb("VmRSS:")),
            load_average()
        );
    }
}

/// Every user GETs `path` in a closed loop for `seconds`, after one warm-up request each.
async fn page_phase(t: &Arc<Target>, kind: Kind, path: &str, users: &[PageUser], seconds: u64) -> Phase {
    let clients: Vec<HttpClient> = users.iter().map(|_| new_client()).collect();
    let run = |deadline: Option<Instant>| {
        let handles: Vec<_> = clients
            .iter()
            .zip(users)
            .map(|(client, user)| {
                let (client, user, t, path) = (client.clone(), user.clone(), t.clone(), path.to_string());
                tokio::spawn(async move {
                    let mut tally = Tally::default();
                    match deadline {
                        None => timed_page(&client, &t, &path, &user.cookie, &user.expect, &mut tally).await,
                        Some(deadline) => {
                            t.stagger().await;
                            while Instant::now() < deadline {
                                timed_page(&client, &t, &path, &user.cookie, &user.expect, &mut tally).await;
                            }
                        }
                    }
                    tally
                })
            })
            .collect();
        async move {
            let mut all = Tally::default();
            for h in handles {
                all.merge(h.await.expect("client task"));
            }
            all
        }
    };
    let start = Instant::now();
    let mut warm = run(None).await;
    warm.micros.sort_unstable();
    println!(
        "  warm-up (one request per client, not counted): {:.1} s, slowest {} ms, errors {}",
        secs(start.elapsed()),
        ms(warm.micros.last().map(|m| *m as f64 / 1000.0)),
        warm.errors
    );
    let start = Instant::now();
    let tally = run(Some(start + Duration::from_secs(seconds))).await;
    let elapsed = start.elapsed();
    Phase { tallies: BTreeMap::from([(kind, tally)]), elapsed }
}

/// One client of the surge: an HR admin entering one official's realisations.
struct SurgeUser {
    /// The official's seed index.
    k: usize,
    pact_id: Uuid,
    name: String,
    admin: String,
    official: String,
    dprd: String,
}

/// The save form of the sheet's rows with new values (row versions as loaded).
fn save_form(sheet: &QuarterSheet, k: usize, cycle: usize) -> Vec<(String, String)> {
    let mut form = vec![
        ("pact_id".to_string(), sheet.pact_id.to_string()),
        ("quarter".to_string(), SURGE_QUARTER.to_string()),
    ];
    for (i, row) in sheet.rows.iter().enumerate() {
        let target = INDICATORS[i % INDICATORS.len()].6[SURGE_QUARTER as usize - 1];
        // 70 % to 129 % of the target, another value each cycle; typed the Indonesian way.
        let value = seed::realisation_value(target, k + cycle, i).replace('.', ",");
        let mut put = |key: &str, v: String| form.push((format!("realisations[{i}][{key}]"), v));
        put("indicator_id", row.indicator_id.to_string());
        put("value", value);
        put("row_version", row.row_version.to_string());
        put("evidence_note", format!("Laporan capaian TW III, isian ke-{cycle} (uji beban)"));
        put("evidence_link", String::new());
        put("obstacles", String::new());
        put("follow_up", String::new());
    }
    form
}

/// Reads the sheet (for the row versions) and saves new values; both recorded.
async fn read_and_save(client: &HttpClient, t: &Target, u: &SurgeUser, cycle: usize, tallies: &mut Tallies) {
    let form = [("pact_id", u.pact_id.to_string()), ("quarter", SURGE_QUARTER.to_string())];
    let start = Instant::now();
    let reply = send(client, post_form(t, "/api/evaluations/sheet", &form, Some(&u.admin))).await;
    let took = start.elapsed();
    t.pause().await;
    let sheet = match reply.and_then(|r| json::<QuarterSheet>(&r)) {
        Ok(s) => {
            tallies.entry(Kind::SheetRead).or_default().ok(took);
            s
        }
        Err(e) => {
            tallies.entry(Kind::SheetRead).or_default().error(e);
            return;
        }
    };
    let start = Instant::now();
    let reply = send(
        client,
        post_form(t, "/api/admin/evaluations/save", &save_form(&sheet, u.k, cycle), Some(&u.admin)),
    )
    .await;
    let took = start.elapsed();
    let saved = reply.and_then(|r| json::<QuarterSheet>(&r)).and_then(|saved| {
        let pairs = || saved.rows.iter().zip(&sheet.rows);
        let advanced = saved.rows.len() == sheet.rows.len()
            && pairs().all(|(now, before)| now.row_version >= before.row_version)
            && pairs().any(|(now, before)| now.row_version > before.row_version);
        if advanced {
            Ok(())
        } else {
            Err("saved, but no row version advanced".to_string())
        }
    });
    match saved {
        Ok(()) => tallies.entry(Kind::Save).or_default().ok(took),
        Err(e) => tallies.entry(Kind::Save).or_default().error(e),
    }
    t.pause().await;
}

/// One surge cycle: the realisation screen, the sheet and the save, the official's home page,
/// the DPRD dashboard.
async fn surge_cycle(client: &HttpClient, t: &Target, u: &SurgeUser, cycle: usize, tallies: &mut Tallies) {
    let sheet_page = format!("/admin/realisasi/{}/{SURGE_QUARTER}", u.pact_id);
    timed_page(client, t, &sheet_page, &u.admin, &u.name, tallies.entry(Kind::SheetPage).or_default()).await;
    read_and_save(client, t, u, cycle, tallies).await;
    timed_page(client, t, "/saya", &u.official, &u.name, tallies.entry(Kind::Home).or_default()).await;
    timed_page(
        client,
        t,
        &dashboard_path(),
        &u.dprd,
        &dashboard_marker(),
        tallies.entry(Kind::Dashboard).or_default(),
    )
    .await;
}

async fn surge_phase(t: &Arc<Target>, users: Vec<SurgeUser>, seconds: u64) -> (Phase, usize) {
    let users: Vec<Arc<SurgeUser>> = users.into_iter().map(Arc::new).collect();
    let clients: Vec<HttpClient> = users.iter().map(|_| new_client()).collect();
    // Warm-up: each client opens its realisation screen once (not counted).
    let start = Instant::now();
    let warm: Vec<_> = clients
        .iter()
        .zip(&users)
        .map(|(client, u)| {
            let (client, u, t) = (client.clone(), u.clone(), t.clone());
            tokio::spawn(async move {
                let mut tally = Tally::default();
                let path = format!("/admin/realisasi/{}/{SURGE_QUARTER}", u.pact_id);
                timed_page(&client, &t, &path, &u.admin, &u.name, &mut tally).await;
                tally
            })
        })
        .collect();
    let mut warm_tally = Tally::default();
    for h in warm {
        warm_tally.merge(h.await.expect("client task"));
    }
    warm_tally.micros.sort_unstable();
    println!(
        "  warm-up (one realisation screen per client, not counted): {:.1} s, slowest {} ms, errors {}",
        secs(start.elapsed()),
        ms(warm_tally.micros.last().map(|m| *m as f64 / 1000.0)),
        warm_tally.errors
    );
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let handles: Vec<_> = clients
        .iter()
        .zip(&users)
        .map(|(client, u)| {
            let (client, u, t) = (client.clone(), u.clone(), t.clone());
            tokio::spawn(async move {
                let mut tallies = Tallies::new();
                let mut cycles = 0;
                t.stagger().await;
                while Instant::now() < deadline {
                    cycles += 1;
                    surge_cycle(&client, &t, &u, cycles, &mut tallies).await;
                }
                (tallies, cycles)
            })
        })
        .collect();
    let mut tallies = Tallies::new();
    let mut cycles = 0;
    for h in handles {
        let (t, c) = h.await.expect("client task");
        merge_all(&mut tallies, t);
        cycles += c;
    }
    (Phase { tallies, elapsed: start.elapsed() }, cycles)
}

fn dashboard_path() -> String {
    format!("/dprd?tahun={YEAR}&tw={QUARTER}")
}

/// On the dashboard only once the figures of the period are shown.
fn dashboard_marker() -> String {
    format!("TW II {YEAR}")
}

// ---------------------------------------------------------------------------------------------
// One engine: setup, server, phases.

fn account_row(
    username: String,
    role: Role,
    official_id: Option<Uuid>,
    hash: &str,
    now: chrono::DateTime<Utc>,
) -> account::ActiveModel {
    account::ActiveModel {
        id: Set(Uuid::new_v4()),
        username: Set(username),
        password_hash: Set(hash.to_string()),
        role: Set(role.as_str().to_string()),
        official_id: Set(official_id),
        active: Set(true),
        is_demo: Set(false),
        created_at: Set(now),
        password_changed_at: Set(now),
        must_change_password: Set(false),
    }
}

async fn engine(name: &'static str, url: String, config: Arc<Config>) -> Vec<Row> {
    let n = config.officials;
    println!("\n=== {name}: {n} officials, mode {:?} ===", config.mode);
    let setup = Instant::now();
    let mut settings = pakta_server::config::Settings::new(url, "127.0.0.1:0".parse().expect("addr"));
    settings.site_root = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site").to_string();
    // One audit key per process, whichever engine (`audit_key::install`).
    settings.audit_key_file =
        std::env::temp_dir().join(format!("pakta-bench-{}.audit-key", std::process::id()));
    let state = pakta_server::startup::prepare(&settings).await.expect("database");
    let db = &state.db;
    let step = Instant::now();
    let seeded = seed::seed(db, n).await;
    println!("setup: {} rows seeded in {:.1} s", seeded.rows, secs(step.elapsed()));
    let step = Instant::now();
    let report = tpp_run::run(db, YEAR, QUARTER, None, None, Utc::now()).await.expect("TPP run");
    assert_eq!(report.computed, n, "every official computed");
    tpp_run::lock(db, YEAR, QUARTER, None, Utc::now()).await.expect("lock the quarter");
    println!(
        "setup: TPP run of TW {QUARTER} {YEAR} ({} officials, total gross Rp{}) and the lock in {:.1} s",
        report.computed,
        report.total,
        secs(step.elapsed())
    );
    let step = Instant::now();
    let hash = auth::hash_password(PASSWORD).expect("hash");
    let now = Utc::now();
    let accounts = config.accounts();
    let mut rows = vec![
        account_row("admin".into(), Role::Admin, None, &hash, now),
        account_row("dprd".into(), Role::Dprd, None, &hash, now),
    ];
    rows.extend((0..accounts).map(|j| {
        let k = config.official_of(j);
        account_row(seed::nip(k), Role::Official, Some(seeded.official_ids[k]), &hash, now)
    }));
    for chunk in rows.chunks(seed::CHUNK) {
        account::Entity::insert_many(chunk.to_vec()).exec(db).await.expect("accounts");
    }
    println!(
        "setup: accounts admin, dprd and {accounts} officials' (one argon2 hash for all) in {:.1} s",
        secs(step.elapsed())
    );

    let (addr, server) = if config.nodelay {
        // Diagnosis: the same router, each connection with TCP_NODELAY (Nagle's algorithm off).
        use axum::serve::ListenerExt;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let app = pakta_server::startup::router(state.clone());
        (addr, tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") }))
    } else {
        pakta_server::startup::spawn(state.clone(), "127.0.0.1:0".parse().expect("addr"))
            .await
            .expect("serve")
    };
    let t = Arc::new(Target { base: format!("http://{addr}"), think: config.think });
    let step = Instant::now();
    let page_clients = if config.dashboard() { config.dashboard_clients } else { 0 };
    let surge_clients = if config.surge() { config.surge_clients } else { 0 };
    let people = page_clients.max(surge_clients);
    let official_cookies =
        login_all(&t, (0..people).map(|j| seed::nip(config.official_of(j))).collect()).await;
    let dprd_cookies = login_all(&t, vec!["dprd".to_string(); people]).await;
    let admin_cookies = login_all(&t, vec!["admin".to_string(); surge_clients]).await;
    println!(
        "setup: {} sessions opened over HTTP on {} ({people} officials, {people} DPRD, {surge_clients} admin) in {:.1} s",
        official_cookies.len() + dprd_cookies.len() + admin_cookies.len(),
        t.base,
        secs(step.elapsed())
    );
    println!("setup total (not timed): {:.1} s", secs(setup.elapsed()));

    let mut out = Vec::new();
    if config.dashboard() {
        let clients = config.dashboard_clients;
        let seconds = config.dashboard_seconds;
        let dprd: Vec<PageUser> = dprd_cookies[..clients]
            .iter()
            .map(|c| PageUser { cookie: c.clone(), expect: dashboard_marker() })
            .collect();
        let officials: Vec<PageUser> = official_cookies[..clients]
            .iter()
            .enumerate()
            .map(|(j, c)| PageUser { cookie: c.clone(), expect: seed::name(config.official_of(j)) })
            .collect();
        for (kind, path, users) in
            [(Kind::Dashboard, dashboard_path(), dprd), (Kind::Home, "/saya".to_string(), officials)]
        {
            println!("\n--- {name} dashboard: {} by {clients} clients for {seconds} s ---", kind.label());
            let meter = PhaseMeter::start();
            let mut phase = page_phase(&t, kind, &path, &users, seconds).await;
            meter.report();
            print_reasons(&phase.tallies);
            let tally = phase.tallies.get_mut(&kind).expect("the page's tally");
            let row =
                Row::new(name, "dashboard", kind.label(), clients, tally, phase.elapsed, DASHBOARD_GOAL_MS);
            print_rows(std::slice::from_ref(&row));
            out.push(row);
        }
    }
    if config.surge() {
        let clients = config.surge_clients;
        let seconds = config.surge_seconds;
        println!(
            "\n--- {name} surge: {clients} clients for {seconds} s (realisation screen, sheet, save, /saya, /dprd) ---"
        );
        let users: Vec<SurgeUser> = (0..clients)
            .map(|j| {
                let k = config.official_of(j);
                SurgeUser {
                    k,
                    pact_id: seeded.pact_ids[k],
                    name: seed::name(k),
                    admin: admin_cookies[j].clone(),
                    official: official_cookies[j].clone(),
                    dprd: dprd_cookies[j].clone(),
                }
            })
            .collect();
        let meter = PhaseMeter::start();
        let (mut phase, cycles) = surge_phase(&t, users, seconds).await;
        meter.report();
        println!(
            "  {cycles} cycles ({:.1} per second), {} realisation sheets saved",
            cycles as f64 / secs(phase.elapsed),
            phase.tallies.get(&Kind::Save).map_or(0, |s| s.micros.len())
        );
        print_reasons(&phase.tallies);
        let mut all = Tally::default();
        let mut rows = Vec::new();
        for (kind, tally) in phase.tallies.iter_mut() {
            rows.push(Row::new(name, "surge", kind.label(), clients, tally, phase.elapsed, SURGE_GOAL_MS));
            all.merge(std::mem::take(tally));
        }
        rows.push(Row::new(
            name,
            "surge",
            "all requests".into(),
            clients,
            &mut all,
            phase.elapsed,
            SURGE_GOAL_MS,
        ));
        print_rows(&rows);
        out.extend(rows);
    }
    server.abort();
    let _ = server.await;
    state.db.close_by_ref().await.expect("close the database");
    out
}

// ---------------------------------------------------------------------------------------------
// Bogus logins (issue 14, item 6).

/// What the bogus logins cost and how they were answered.
struct LoginsReport {
    clients: usize,
    /// Answers: wrong credentials, server busy, anything else (with its first reason).
    refused_wrong: usize,
    refused_busy: usize,
    other: Vec<String>,
    /// Resident memory before the phase (after a reset of the peak), its peak, and after.
    before_kb: Option<u64>,
    peak_kb: Option<u64>,
    after_kb: Option<u64>,
    elapsed: Duration,
}

impl LoginsReport {
    fn peak_mib(&self) -> Option<f64> {
        self.peak_kb.map(|k| k as f64 / 1024.0)
    }

    fn print(&self) {
        println!(
            "logins: {} concurrent bogus logins × {LOGIN_WAVES} waves in {:.1} s: {} wrong password, {} server busy, {} other; \
             resident memory {} before, peak (VmHWM) {}, {} after (goal: peak < {LOGINS_GOAL_MIB} MiB)",
            self.clients,
            secs(self.elapsed),
            self.refused_wrong,
            self.refused_busy,
            self.other.len(),
            mib(self.before_kb),
            mib(self.peak_kb),
            mib(self.after_kb),
        );
    }

    fn assert_goal(&self) {
        assert!(
            self.other.is_empty(),
            "bogus logins answered otherwise: {:?}",
            &self.other[..self.other.len().min(5)]
        );
        assert!(self.refused_wrong > 0, "no login reached the password check");
        let peak = self.peak_mib().expect("VmHWM readable (Linux)");
        assert!(
            peak < LOGINS_GOAL_MIB,
            "{} concurrent bogus logins took the process to {peak:.1} MiB (goal < {LOGINS_GOAL_MIB} MiB)",
            self.clients
        );
    }
}

/// `clients` bogus logins at once, each from its own address, `LOGIN_WAVES` times, against the
/// real server on an empty database; the process's peak memory over the phase.
async fn bogus_logins(url: String, clients: usize) -> LoginsReport {
    println!(
        "\n=== logins: {clients} concurrent bogus logins × {LOGIN_WAVES} waves, empty SQLite database ==="
    );
    let mut settings = pakta_server::config::Settings::new(url, "127.0.0.1:0".parse().expect("addr"));
    settings.site_root = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site").to_string();
    // Each client has its own address, as many people behind the city's proxy: the throttle per
    // address must not be what spares the server here.
    settings.trusted_proxy = true;
    let state = pakta_server::startup::prepare(&settings).await.expect("database");
    let (addr, server) = pakta_server::startup::spawn(state.clone(), "127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("serve");
    let t = Arc::new(Target { base: format!("http://{addr}"), think: Duration::ZERO });
    let mut report = LoginsReport {
        clients,
        refused_wrong: 0,
        refused_busy: 0,
        other: Vec::new(),
        before_kb: None,
        peak_kb: None,
        after_kb: None,
        elapsed: Duration::ZERO,
    };
    let reset = reset_peak();
    assert!(reset, "cannot reset VmHWM (/proc/self/clear_refs): the peak would not be this phase's");
    report.before_kb = proc_status_kb("VmRSS:");
    let started = Instant::now();
    for wave in 0..LOGIN_WAVES {
        let start = Arc::new(tokio::sync::Barrier::new(clients));
        let tasks: Vec<_> = (0..clients)
            .map(|i| {
                let (t, start) = (t.clone(), start.clone());
                tokio::spawn(async move {
                    let client = new_client();
                    let name = format!("bukan-pengguna-{wave}-{i}");
                    let mut req = post_form(
                        &t,
                        "/api/login",
                        &[("username", name.as_str()), ("password", "tebakan-salah")],
                        None,
                    );
                    let forwarded = format!("10.{}.{}.{}", wave, i / 256, i % 256);
                    req.headers_mut().insert("x-forwarded-for", forwarded.parse().expect("header"));
                    start.wait().await;
                    send(&client, req).await
                })
            })
            .collect();
        for task in tasks {
            match task.await.expect("login client") {
                Ok(r) => match serde_json::from_slice::<app::error::AppError>(&r.body) {
                    Ok(app::error::AppError::InvalidCredentials) => report.refused_wrong += 1,
                    Ok(app::error::AppError::Busy) => report.refused_busy += 1,
                    _ => report.other.push(r.failure()),
                },
                Err(e) => report.other.push(e),
            }
        }
    }
    report.elapsed = started.elapsed();
    report.peak_kb = proc_status_kb("VmHWM:");
    report.after_kb = proc_status_kb("VmRSS:");
    report.print();
    server.abort();
    let _ = server.await;
    state.db.close_by_ref().await.expect("close the database");
    report
}

/// The temporary SQLite database, removed with its WAL files when dropped (also on a panic).
struct SqliteFile(std::path::PathBuf);

impl Drop for SqliteFile {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

async fn postgres(admin_url: String, id: &str, config: Arc<Config>) -> Vec<Row> {
    let mut opts = ConnectOptions::new(admin_url.clone());
    opts.sqlx_logging(false).connect_timeout(Duration::from_secs(5)).max_connections(1);
    let admin = Database::connect(opts)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL unreachable at {admin_url} (PAKTA_BENCH_POSTGRES_URL): {e}"));
    let name = format!("pakta_bench_{id}");
    admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create bench database");
    let base = admin_url.rsplit_once('/').map_or(admin_url.clone(), |(b, _)| b.to_string());
    let url = format!("{base}/{name}");
    // Dropped even when the bench panics.
    let result = tokio::spawn(engine("PostgreSQL", url, config)).await;
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await
        .expect("drop bench database");
    admin.close().await.ok();
    match result {
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => panic!("PostgreSQL bench stopped: {e}"),
        Ok(rows) => rows,
    }
}

fn main() {
    // The app's warnings and errors (`PAKTA_LOG` overrides).
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_env("PAKTA_LOG").unwrap_or_else(|_| EnvFilter::new("warn")))
        .with_writer(std::io::stderr)
        .init();
    let config = Arc::new(Config::from_env());
    let id = Uuid::new_v4().simple().to_string();
    // Declared before the runtime: removed after it shuts down, on a panic too.
    let file = SqliteFile(std::env::temp_dir().join(format!("pakta-bench-load-{id}.db")));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(WORKER_STACK_BYTES)
        .build()
        .expect("runtime");
    println!(
        "Pakta load benchmark: mode {:?}, {} officials; dashboard {} clients × {} s per page (goal p99 < {DASHBOARD_GOAL_MS} ms); \
         surge {} clients × {} s (goal p99 < {SURGE_GOAL_MS} ms, no errors); think time {} ms{}; \
         load average {}",
        config.mode,
        config.officials,
        config.dashboard_clients,
        config.dashboard_seconds,
        config.surge_clients,
        config.surge_seconds,
        config.think.as_millis(),
        if config.nodelay { "; served with TCP_NODELAY (diagnosis)" } else { "" },
        load_average()
    );
    let started = Instant::now();
    let logins_file = SqliteFile(std::env::temp_dir().join(format!("pakta-bench-logins-{id}.db")));
    let rows = runtime.block_on(async {
        if config.mode == Mode::Logins {
            return Vec::new();
        }
        let url = format!("sqlite://{}?mode=rwc", file.0.display());
        let mut rows = engine("SQLite", url, config.clone()).await;
        match std::env::var("PAKTA_BENCH_POSTGRES_URL") {
            Ok(admin_url) if !admin_url.trim().is_empty() => {
                rows.extend(postgres(admin_url.trim().to_string(), &id, config.clone()).await)
            }
            _ => println!("\n(PostgreSQL: not run; set PAKTA_BENCH_POSTGRES_URL to include it)"),
        }
        rows
    });
    let logins = config.logins().then(|| {
        let url = format!("sqlite://{}?mode=rwc", logins_file.0.display());
        runtime.block_on(bogus_logins(url, config.bogus_logins))
    });
    drop(runtime);
    drop(file);
    drop(logins_file);
    println!("\n==================== Pakta load benchmark: summary ====================");
    println!(
        "{} officials; latencies over the successful requests, in ms; throughput = requests / phase time; \
         whole run {:.0} s",
        config.officials,
        secs(started.elapsed())
    );
    if config.officials != 10_000 {
        println!("(the goals are for 10,000 officials)");
    }
    if !rows.is_empty() {
        print_rows(&rows);
    }
    if let Some(logins) = &logins {
        logins.print();
    }
    println!("========================================================================");
    if let Some(logins) = logins {
        logins.assert_goal();
    }
}
