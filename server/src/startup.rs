//! Connects and migrates the database and builds the router: used by `main` and by the tests.
use crate::config::Settings;
use crate::documents;
use app::server::auth::session_middleware;
use app::server::throttle::address_middleware;
use app::server::AppState;
use app::{shell, App};
use axum::serve::ListenerExt;
use axum::Router;
use http::header::{HeaderName, HeaderValue};
use leptos::prelude::LeptosOptions;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend};
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;
use tower_http::set_header::SetResponseHeaderLayer;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("Tidak dapat membuka basis data {url}: {source}")]
    Connect { url: String, source: sea_orm::DbErr },
    #[error("Migrasi basis data gagal: {0}")]
    Migrate(sea_orm::DbErr),
    #[error("Tidak dapat membuat folder basis data {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
    #[error("Tidak dapat membuka alamat {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("Server berhenti karena galat: {0}")]
    Serve(std::io::Error),
    #[error(
        "Basis data ini berisi {accounts} akun demo dengan kata sandi yang diumumkan; server tidak dijalankan di luar mode demo. \
         Untuk demo, jalankan dengan PAKTA_DEMO=1 (seperti `make run`); untuk produksi, gunakan basis data tanpa data demo."
    )]
    DemoData { accounts: u64 },
    #[error("{0}")]
    AuditKey(#[from] crate::audit_key::KeyError),
}

/// The file path of a SQLite URL, if it names a file.
pub fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or("");
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// The SQLite file holds every official's pay: it is created readable by its owner only (0600),
/// and an existing one readable by others is narrowed to that. SQLite gives its `-wal` and `-shm`
/// files the database file's permissions; any already there are narrowed too.
fn keep_private(path: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        if !path.exists() {
            match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
                Ok(_) => {}
                // Created meanwhile by another process: narrowed below.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        for file in [path.to_path_buf(), suffixed(path, "-wal"), suffixed(path, "-shm")] {
            if let Ok(meta) = std::fs::metadata(&file) {
                if meta.permissions().mode() & 0o077 != 0 {
                    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn suffixed(path: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    name.into()
}

/// Opens the database: SQLite in WAL mode with a busy timeout, or a PostgreSQL pool.
pub async fn connect(url: &str) -> Result<DatabaseConnection, StartupError> {
    if let Some(path) = sqlite_path(url) {
        if let Some(dir) = std::path::Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| StartupError::DataDir { path: dir.display().to_string(), source })?;
        }
        keep_private(std::path::Path::new(path))
            .map_err(|source| StartupError::DataDir { path: path.to_string(), source })?;
    }
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|o| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    if sqlite_path(url).is_some() {
        opts.max_connections(8);
    } else {
        opts.max_connections(20);
    }
    let db =
        Database::connect(opts).await.map_err(|source| StartupError::Connect { url: redact(url), source })?;
    // Fail now, with a clear message, rather than on the first request.
    db.execute_unprepared("SELECT 1")
        .await
        .map_err(|source| StartupError::Connect { url: redact(url), source })?;
    Ok(db)
}

/// Hides a password in a database URL for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), StartupError> {
    Migrator::up(db, None).await.map_err(StartupError::Migrate)
}

pub fn is_postgres(db: &DatabaseConnection) -> bool {
    db.get_database_backend() == DbBackend::Postgres
}

/// Leptos's options. The bundle's names are hashed when its site root carries the hash file
/// (a release build); Leptos then reads the hashes from that absolute path.
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    let hash_file = app::server::assets::hash_file(&settings.site_root);
    LeptosOptions::builder()
        .output_name("pakta")
        .site_root(settings.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(settings.addr)
        .hash_files(hash_file.is_some())
        .hash_file(std::sync::Arc::from(
            hash_file
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_else(|| app::server::assets::HASH_FILE.into()),
        ))
        .build()
}

/// The app's routes, walked once per process. While Leptos walks them it stops every resource
/// in the process from loading, and a resource first polled in that window never loads
/// (leptos#4773): a second app started in the same process (each test starts one) would now and
/// then hang a page being rendered by another.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole app: Leptos pages, server functions, static files, session middleware, headers.
pub fn router(state: AppState) -> Router {
    let routes = routes();
    let options = state.leptos_options.clone();
    let bundle = crate::delivery::bundle(&options.site_root, options.hash_files);
    // The file routes: a refusal there is plain text, shown to a browser as a page.
    let files = Router::new()
        .route("/pakta/{id}/pdf", axum::routing::get(documents::pact_pdf))
        .route("/berkas/{id}", axum::routing::get(documents::stored_file))
        .route("/admin/tpp/nominatif.csv", axum::routing::get(documents::nominatif_csv))
        .route("/admin/tpp/nominatif.xlsx", axum::routing::get(documents::nominatif_xlsx))
        .route("/admin/tpp/rekap.pdf", axum::routing::get(documents::tpp_recap_pdf))
        .route("/dprd/rdp.xlsx", axum::routing::get(documents::dprd_rdp_xlsx))
        .route("/dprd/rdp.pdf", axum::routing::get(documents::dprd_rdp_pdf))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), crate::refusal::as_page));
    Router::new()
        .nest_service("/pkg", bundle)
        .merge(files)
        .route(app::i18n::SWITCH_PATH, axum::routing::post(crate::language::switch))
        .route(
            "/admin/pakta/{version_id}/kertas",
            axum::routing::post(documents::paper_signature)
                // The scan limit plus room for the form's other fields.
                .layer(axum::extract::DefaultBodyLimit::max(app::server::files::MAX_SCAN_BYTES + 64 * 1024)),
        )
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn(server_fn_error_status))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::period::open_on_working_quarter))
        .layer(axum::middleware::from_fn_with_state(state.clone(), session_middleware))
        // Inside the link guard: a success's redirect is cleaned of an earlier error before signing.
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::flash::carry))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::error_links::guard))
        .layer(axum::middleware::from_fn_with_state(state.clone(), address_middleware))
        .layer(axum::middleware::from_fn(same_origin_writes))
        .layer(axum::middleware::from_fn(request_size_limit))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::delivery::cache_policy))
        // Outermost: everything inside sees and writes uncompressed bodies.
        .layer(crate::delivery::compression())
        .with_state(state)
}

/// The largest request body accepted: room for the largest form (a 1 MiB CSV import, encoded).
pub const MAX_REQUEST_BYTES: usize = 4 * 1024 * 1024;

/// The largest body a route accepts: a paper scan's route takes the scan limit plus its form.
fn body_limit_of(path: &str) -> usize {
    if path.starts_with("/admin/pakta/") && path.ends_with("/kertas") {
        app::server::files::MAX_SCAN_BYTES + 64 * 1024
    } else {
        MAX_REQUEST_BYTES
    }
}

/// Oversized requests are refused early (issue 7): a declared `Content-Length` above the route's
/// limit gets 413 with a message before anything is read or any handler runs; a body streamed
/// without a length is cut off at the limit, which fails the request.
async fn request_size_limit(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let limit = body_limit_of(req.uri().path());
    let declared = req
        .headers()
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        tracing::warn!(path = %req.uri().path(), bytes = declared, "oversized request refused");
        return (
            http::StatusCode::PAYLOAD_TOO_LARGE,
            format!("Permintaan terlalu besar: paling besar {} MB.", limit.div_ceil(1024 * 1024)),
        )
            .into_response();
    }
    let req = req.map(|body| axum::body::Body::new(http_body_util::Limited::new(body, limit)));
    next.run(req).await
}

/// Server functions answer every error with 500; this gives each its own status (422, 401,
/// 403, 404, 409, 429; 500 only for what is really the server's fault). The body, the
/// serialised `AppError`, is unchanged: the browser's client decodes any 4xx/5xx the same way.
async fn server_fn_error_status(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let is_api = req.uri().path().starts_with("/api/");
    let resp = next.run(req).await;
    if !is_api || resp.status() != http::StatusCode::INTERNAL_SERVER_ERROR {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    // An error body is a small JSON value; anything larger is passed on as it came.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (http::StatusCode::INTERNAL_SERVER_ERROR, "Terjadi kesalahan pada server.").into_response();
    };
    if let Ok(e) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        if let Ok(status) = http::StatusCode::from_u16(e.http_status()) {
            parts.status = status;
        }
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The host (and port) a URL such as an `Origin` or `Referer` header names.
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// Cross-site request forgery guard: a state-changing request that a browser marks as coming
/// from another site (its `Origin`, or else its `Referer`) is refused before any handler runs.
/// Requests without either header (command-line clients) are not browser-driven and pass; the
/// session cookie is also `SameSite=Lax`.
async fn same_origin_writes(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let safe = matches!(*req.method(), http::Method::GET | http::Method::HEAD | http::Method::OPTIONS);
    if !safe {
        let headers = req.headers();
        let host = headers
            .get("x-forwarded-host")
            .or_else(|| headers.get(http::header::HOST))
            .and_then(|v| v.to_str().ok());
        let claimed = headers
            .get(http::header::ORIGIN)
            .or_else(|| headers.get(http::header::REFERER))
            .and_then(|v| v.to_str().ok());
        if let (Some(host), Some(claimed)) = (host, claimed) {
            if url_host(claimed) != Some(host) {
                tracing::warn!(%host, origin = %claimed, path = %req.uri().path(), "cross-site write refused");
                return (
                    http::StatusCode::FORBIDDEN,
                    "Permintaan ditolak: formulir harus dikirim dari halaman Pakta sendiri.",
                )
                    .into_response();
            }
        }
    }
    next.run(req).await
}

/// Makes glibc give large blocks back to the system when they are freed. By default its mmap
/// threshold rises to the size of the largest block freed (up to 32 MiB), after which an argon2
/// check's 19 MiB comes from a thread's heap arena and stays resident after the check: a few
/// waves of bogus logins left the process at 450 MiB with only two checks ever running at once
/// (`make load`, mode `logins`). A fixed threshold keeps blocks of 1 MiB and more mapped on
/// their own, returned at once when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_large_blocks_to_the_system() {
    extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    const M_MMAP_THRESHOLD: i32 = -3;
    // SAFETY: mallopt only sets a parameter of the allocator; it takes no pointers.
    if unsafe { mallopt(M_MMAP_THRESHOLD, 1024 * 1024) } != 1 {
        tracing::warn!("malloc mmap threshold not set");
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_large_blocks_to_the_system() {}

/// Connects, migrates and builds the state: everything but binding a port.
pub async fn prepare(settings: &Settings) -> Result<AppState, StartupError> {
    return_large_blocks_to_the_system();
    let db = connect(&settings.database_url).await?;
    migrate(&db).await?;
    // Before anything can be written: every audit entry is keyed.
    let key = crate::audit_key::load_or_create(&settings.audit_key_file, &db).await?;
    app::server::audit_key::install(key).map_err(|reason| crate::audit_key::KeyError::Conflict {
        path: settings.audit_key_file.display().to_string(),
        reason,
    })?;
    Ok(AppState {
        leptos_options: leptos_options(settings),
        read_log: app::server::audit::ReadLog::new(db.clone()),
        db,
        secure_cookies: settings.secure_cookies,
        trusted_proxy: settings.trusted_proxy,
        public_url: settings.public_url.clone(),
        demo: settings.demo,
    })
}

/// Outside demo mode a database holding the demo accounts (whose password is published) is not
/// served: it would be a production server anyone can log into.
pub async fn refuse_demo_outside_demo_mode(state: &AppState) -> Result<(), StartupError> {
    if state.demo {
        return Ok(());
    }
    let accounts = app::server::demo::has_demo_accounts(&state.db).await.map_err(|_| {
        StartupError::Migrate(sea_orm::DbErr::Custom("akun demo tidak dapat diperiksa".into()))
    })?;
    if accounts > 0 {
        return Err(StartupError::DemoData { accounts });
    }
    Ok(())
}

/// Pages stream in several chunks: without TCP_NODELAY a later chunk waits for the client's
/// delayed acknowledgement of the first (about 40 ms per page).
fn no_delay(stream: &mut tokio::net::TcpStream) {
    if let Err(e) = stream.set_nodelay(true) {
        tracing::warn!(error = %e, "TCP_NODELAY not set");
    }
}

/// Binds `settings.addr` (port 0 picks a free port) and serves in the background.
pub async fn spawn(
    state: AppState,
    addr: SocketAddr,
) -> Result<(SocketAddr, tokio::task::JoinHandle<()>), StartupError> {
    let listener =
        tokio::net::TcpListener::bind(addr).await.map_err(|source| StartupError::Bind { addr, source })?;
    let local = listener.local_addr().map_err(|source| StartupError::Bind { addr, source })?;
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let handle = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener.tap_io(no_delay), app).await {
            tracing::error!(error = %e, "server stopped");
        }
    });
    Ok((local, handle))
}

pub async fn serve(settings: &Settings) -> Result<(), StartupError> {
    let state = prepare(settings).await?;
    refuse_demo_outside_demo_mode(&state).await?;
    let listener = tokio::net::TcpListener::bind(settings.addr)
        .await
        .map_err(|source| StartupError::Bind { addr: settings.addr, source })?;
    if !std::path::Path::new(&settings.site_root).join("pkg").exists() {
        tracing::warn!(site_root = %settings.site_root, "browser bundle not found: run `make run` (or `cargo leptos build`) first");
    }
    println!("Pakta berjalan di http://{}", settings.addr);
    // The peer's address goes into each request (`ConnectInfo`): the login throttle counts by it.
    axum::serve(listener.tap_io(no_delay), router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(StartupError::Serve)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths() {
        assert_eq!(sqlite_path("sqlite://data/pakta.db?mode=rwc"), Some("data/pakta.db"));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://u@h/db"), None);
    }

    #[test]
    fn url_hosts() {
        assert_eq!(url_host("http://127.0.0.1:3000/masuk?x=1"), Some("127.0.0.1:3000"));
        assert_eq!(url_host("https://pakta.batukota.go.id"), Some("pakta.batukota.go.id"));
        assert_eq!(url_host("null"), None);
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
