//! Headless Chromium against the real server: login, hydration, logout, wrong password.
//! Needs the browser bundle in target/site (built by `make test` via `cargo leptos build`)
//! and Debian's `chromium` + `chromium-driver`.
mod common;

use common::{Engine, TestApp, TestDb};
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(30);

struct Driver {
    child: Child,
    port: u16,
    profile: std::path::PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

fn start_driver() -> Driver {
    // The server's warnings and errors (a failed request logs why) go to the test's output.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("warn"))
        .with_test_writer()
        .try_init();
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver not found: install Debian's chromium-driver (make test does)");
    let profile = std::env::temp_dir().join(format!("pakta-chromium-{}", uuid::Uuid::new_v4().simple()));
    let driver = Driver { child, port, profile };
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < DEADLINE, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    driver
}

async fn browser(driver: &Driver) -> Client {
    browser_with(driver, true).await
}

/// A phone-sized headless Chromium, with JavaScript on or off (issue 15).
async fn browser_with(driver: &Driver, javascript: bool) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=420,900",
                format!("--user-data-dir={}", driver.profile.display()),
            ],
            "prefs": { "profile.managed_default_content_settings.javascript": if javascript { 1 } else { 2 } },
        }),
    );
    // A chromedriver that has just started (its port already open) now and then resets the first
    // connection on a busy machine (seen once in CI): try again for a while before failing.
    let start = Instant::now();
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
        {
            Ok(client) => return client,
            Err(e) if start.elapsed() < DEADLINE => {
                eprintln!("connect to chromedriver: {e}; trying again");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => panic!("connect to chromedriver: {e:?}"),
        }
    }
}

/// Polls `check` until it returns `Some`; after the deadline, saves a screenshot and the page
/// source next to the test binary's temp dir and fails with `what`.
async fn wait_for<T, F, Fut>(c: &Client, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = check().await {
            return v;
        }
        if start.elapsed() > DEADLINE {
            let shot = std::env::temp_dir().join("pakta-browser-failure.png");
            if let Ok(png) = c.screenshot().await {
                let _ = std::fs::write(&shot, png);
            }
            let source = c.source().await.unwrap_or_default();
            panic!("timed out waiting for {what}; screenshot {}; page:\n{source}", shot.display());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn button(text: &str) -> String {
    format!("//button[normalize-space()='{text}']")
}

fn field(label: &str) -> String {
    format!("//input[@id=//label[normalize-space()='{label}']/@for]")
}

async fn attr(c: &Client, xpath: &str, name: &str) -> Option<String> {
    c.find(Locator::XPath(xpath)).await.ok()?.attr(name).await.ok()?
}

async fn text_of(c: &Client, xpath: &str) -> Option<String> {
    c.find(Locator::XPath(xpath)).await.ok()?.text().await.ok()
}

/// Clicks a toggle until the page reacts: before hydration a click does nothing, after it the
/// attribute flips. This is the hydration check.
async fn click_until_attr(c: &Client, xpath: &str, name: &str, expected: &str) {
    wait_for(c, &format!("{xpath} to set {name}={expected} (hydration)"), || async {
        if attr(c, xpath, name).await.as_deref() == Some(expected) {
            return Some(());
        }
        if let Ok(el) = c.find(Locator::XPath(xpath)).await {
            let _ = el.click().await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        (attr(c, xpath, name).await.as_deref() == Some(expected)).then_some(())
    })
    .await
}

async fn fill(c: &Client, label: &str, value: &str) {
    let el = c.find(Locator::XPath(&field(label))).await.unwrap_or_else(|_| panic!("field {label}"));
    el.clear().await.expect("clear");
    el.send_keys(value).await.expect("type");
}

async fn path(c: &Client) -> String {
    c.current_url().await.map(|u| u.path().to_string()).unwrap_or_default()
}

/// The browser bundle the tests load (built by `make test` via `cargo leptos build`).
fn assert_site_built() {
    let pkg = std::path::Path::new(&common::site_root()).join("pkg/pakta.wasm");
    assert!(pkg.exists(), "{} missing: run `cargo leptos build` first", pkg.display());
}

/// A pact of `year` for `official_id` with the one indicator `row`, written and frozen for
/// signing through the services: (pact id, version id).
async fn frozen_pact(
    app: &TestApp,
    official_id: uuid::Uuid,
    year: i32,
    row: app::domain::pact::IndicatorInput,
    now: chrono::DateTime<chrono::Utc>,
) -> (uuid::Uuid, uuid::Uuid) {
    use app::server::entities::pact_version;
    use app::server::pacts;
    use sea_orm::{ColumnTrait, QueryFilter};
    let pact_id = pacts::create(&app.db, official_id, year, None, now).await.unwrap();
    let v = pact_version::Entity::find()
        .filter(pact_version::Column::PactId.eq(pact_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let rv = pacts::save_draft(&app.db, v.id, "1", &[row], None, now).await.unwrap();
    pacts::submit(&app.db, v.id, &rv.to_string(), None, now).await.unwrap();
    (pact_id, v.id)
}

/// The same, then signed by both parties.
async fn signed_pact(
    app: &TestApp,
    official_id: uuid::Uuid,
    year: i32,
    row: app::domain::pact::IndicatorInput,
    now: chrono::DateTime<chrono::Utc>,
) -> uuid::Uuid {
    use app::domain::pact::Party;
    use app::server::pacts;
    let (pact_id, version_id) = frozen_pact(app, official_id, year, row, now).await;
    pacts::sign_without_password(&app.db, version_id, Party::First, now).await.unwrap();
    pacts::sign_without_password(&app.db, version_id, Party::Second, now).await.unwrap();
    pact_id
}

/// The demo admin, as the services see a signed-in user.
async fn admin_session(app: &TestApp) -> app::api::auth::SessionUser {
    use app::server::entities::account;
    use sea_orm::{ColumnTrait, QueryFilter};
    let admin = account::Entity::find()
        .filter(account::Column::Username.eq("admin"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo admin");
    app::api::auth::SessionUser {
        account_id: admin.id,
        username: "admin".into(),
        role: app::domain::Role::Admin,
        official_id: None,
        display_name: "Admin".into(),
        must_change_password: false,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_logs_in_hydrates_and_logs_out() {
    let pkg = std::path::Path::new(&common::site_root()).join("pkg/pakta.wasm");
    assert!(
        pkg.exists(),
        "{} missing: build the site first (`make test` runs `cargo leptos build`)",
        pkg.display()
    );

    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let app = TestApp::with_demo(db).await;
    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser(&driver).await;

    // An anonymous visitor lands on /masuk.
    c.goto(&format!("{base}/admin")).await.expect("goto");
    assert_eq!(path(&c).await, "/masuk");
    // The page hydrates: the show-password toggle reacts to a click.
    click_until_attr(&c, "//button[@aria-controls='password']", "aria-pressed", "true").await;
    assert_eq!(text_of(&c, "//button[@aria-controls='password']").await.as_deref(), Some("Sembunyikan"));
    assert_eq!(attr(&c, &field("Kata sandi"), "type").await.as_deref(), Some("text"));

    // Empty username: the message sits next to the field, nothing is lost.
    fill(&c, "Kata sandi", "apa saja").await;
    c.find(Locator::XPath(&button("Masuk"))).await.unwrap().click().await.unwrap();
    let msg = wait_for(&c, "username error", || async {
        text_of(&c, "//p[@id='username-error']").await.filter(|t| !t.is_empty())
    })
    .await;
    assert_eq!(msg, "Nama pengguna atau NIP wajib diisi.");
    assert_eq!(attr(&c, &field("Nama pengguna atau NIP"), "aria-invalid").await.as_deref(), Some("true"));

    // Wrong password: a clear error, still on /masuk, no session.
    fill(&c, "Nama pengguna atau NIP", "admin").await;
    fill(&c, "Kata sandi", "bukan-sandinya").await;
    c.find(Locator::XPath(&button("Masuk"))).await.unwrap().click().await.unwrap();
    let alert = wait_for(&c, "login error", || async { text_of(&c, "//div[@role='alert']").await }).await;
    assert_eq!(alert, "Nama pengguna/NIP atau kata sandi salah.");
    assert_eq!(path(&c).await, "/masuk");
    assert_eq!(app::server::entities::session::Entity::find().all(&app.db).await.unwrap().len(), 0);

    // Right password: the admin home.
    fill(&c, "Kata sandi", app::server::demo::DEMO_PASSWORD).await;
    c.find(Locator::XPath(&button("Masuk"))).await.unwrap().click().await.unwrap();
    wait_for(&c, "admin home", || async { (path(&c).await == "/admin").then_some(()) }).await;
    wait_for(&c, "admin heading", || async {
        text_of(&c, "//h1").await.filter(|t| t == "Beranda Admin BKPSDM")
    })
    .await;

    // A full page load of /admin hydrates too; on a phone the menu opens from its button.
    c.goto(&format!("{base}/admin")).await.unwrap();
    wait_hydrated(&c).await;
    open_menu(&c).await;
    let table = wait_for(&c, "OPD table", || async { text_of(&c, "//table").await }).await;
    assert!(table.contains("Dinas Pariwisata"));

    // Log out from the menu: back to /masuk, and /admin is closed again.
    c.find(Locator::XPath(&button("Keluar"))).await.unwrap().click().await.unwrap();
    wait_for(&c, "login page after logout", || async { (path(&c).await == "/masuk").then_some(()) }).await;
    c.goto(&format!("{base}/admin")).await.unwrap();
    assert!(path(&c).await.starts_with("/masuk"));

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

async fn prop(c: &Client, xpath: &str, name: &str) -> Option<String> {
    c.find(Locator::XPath(xpath)).await.ok()?.prop(name).await.ok()?
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_finds_an_official_and_sees_a_nip_error_beside_the_field() {
    use app::server::entities::official;
    use sea_orm::{ColumnTrait, QueryFilter};
    assert_site_built();

    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let app = TestApp::with_demo(db).await;
    let head = official::Entity::find()
        .filter(official::Column::PositionTitle.eq("Kepala Dinas Pariwisata"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("demo official");
    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser(&driver).await;

    // Log in as admin.
    c.goto(&format!("{base}/masuk")).await.expect("goto");
    click_until_attr(&c, "//button[@aria-controls='password']", "aria-pressed", "true").await;
    fill(&c, "Nama pengguna atau NIP", "admin").await;
    fill(&c, "Kata sandi", app::server::demo::DEMO_PASSWORD).await;
    c.find(Locator::XPath(&button("Masuk"))).await.unwrap().click().await.unwrap();
    wait_for(&c, "admin home", || async { (path(&c).await == "/admin").then_some(()) }).await;

    // Search by part of the name, in lower case.
    c.goto(&format!("{base}/admin/pejabat")).await.unwrap();
    let part = head.name.split(',').next().unwrap().split_whitespace().last().unwrap().to_lowercase();
    fill(&c, "Cari nama, NIP, atau jabatan", &part).await;
    c.find(Locator::XPath(&button("Terapkan"))).await.unwrap().click().await.unwrap();
    let row = format!("//table//a[normalize-space()='{}']", head.name);
    wait_for(&c, "the official in the results", || async {
        c.find(Locator::XPath(&row)).await.ok().map(|_| ())
    })
    .await;
    let url = c.current_url().await.unwrap();
    assert!(url.query().unwrap_or("").contains(&format!("q={part}")), "the query is in the URL: {url}");

    // Open the official; wait for hydration (the menu button reacts), then close the menu.
    c.find(Locator::XPath(&row)).await.unwrap().click().await.unwrap();
    let page = format!("/admin/pejabat/{}", head.id);
    wait_for(&c, "the official's page", || async { (path(&c).await == page).then_some(()) }).await;
    wait_for(&c, "the edit form", || async { c.find(Locator::XPath(&field("NIP"))).await.ok().map(|_| ()) })
        .await;
    wait_hydrated(&c).await;

    // An invalid NIP and a changed name: the error sits beside the NIP field, typed values stay.
    fill(&c, "NIP", "12345").await;
    fill(&c, "Nama lengkap dengan gelar", "Nama Yang Diketik").await;
    c.find(Locator::XPath(&button("Simpan perubahan"))).await.unwrap().click().await.unwrap();
    let beside = "//input[@id='nip']/following-sibling::p[@id='nip-error']";
    let msg =
        wait_for(&c, "NIP error", || async { text_of(&c, beside).await.filter(|t| !t.is_empty()) }).await;
    assert!(msg.contains("18 digit"), "{msg}");
    assert_eq!(attr(&c, &field("NIP"), "aria-invalid").await.as_deref(), Some("true"));
    assert_eq!(prop(&c, &field("NIP"), "value").await.as_deref(), Some("12345"));
    assert_eq!(
        prop(&c, &field("Nama lengkap dengan gelar"), "value").await.as_deref(),
        Some("Nama Yang Diketik")
    );
    assert_eq!(text_of(&c, "//p[@id='name-error']").await.unwrap_or_default(), "");
    assert_eq!(path(&c).await, page);
    // Nothing was saved.
    let now = official::Entity::find_by_id(head.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(now, head);

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

use sea_orm::EntityTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_imports_a_csv_and_sees_the_bad_line() {
    use app::server::entities::official;
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    assert_site_built();

    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let app = TestApp::with_demo(db).await;
    let head = official::Entity::find()
        .filter(official::Column::PositionTitle.eq("Kepala Dinas Pariwisata"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("demo official");
    let before = official::Entity::find().count(&app.db).await.unwrap();
    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser(&driver).await;

    c.goto(&format!("{base}/masuk")).await.expect("goto");
    click_until_attr(&c, "//button[@aria-controls='password']", "aria-pressed", "true").await;
    fill(&c, "Nama pengguna atau NIP", "admin").await;
    fill(&c, "Kata sandi", app::server::demo::DEMO_PASSWORD).await;
    c.find(Locator::XPath(&button("Masuk"))).await.unwrap().click().await.unwrap();
    wait_for(&c, "admin home", || async { (path(&c).await == "/admin").then_some(()) }).await;

    // The import page documents the columns; wait for hydration before submitting.
    c.goto(&format!("{base}/admin/pejabat/impor")).await.unwrap();
    let textarea = "//textarea[@id=//label[normalize-space()='Isi berkas CSV']/@for]";
    wait_for(&c, "the import form", || async { c.find(Locator::XPath(textarea)).await.ok().map(|_| ()) })
        .await;
    assert!(c.find(Locator::XPath("//table//code[normalize-space()='nip_atasan']")).await.is_ok());
    wait_hydrated(&c).await;

    // Line 2 is fine, line 3 names an OPD that does not exist.
    let boss = head.nip.clone().unwrap();
    let csv = format!(
        "nip;nama;pangkat;golongan;jabatan;jenis_jabatan;kelas_jabatan;kode_opd;nip_atasan;tmt_jabatan;pagu_tpp\n\
         199001012015011001;Sari Dewi;Penata;III/c;Kepala Seksi Promosi;pengawas;9;DISPAR;{boss};2026-01-05;5.500.000\n\
         199001022015011002;Bambang Irawan;Penata;III/c;Kepala Seksi Wisata;pengawas;9;TIDAKADA;{boss};2026-01-05;5.500.000"
    );
    c.find(Locator::XPath(textarea)).await.unwrap().send_keys(&csv).await.expect("type the CSV");
    c.find(Locator::XPath(&button("Periksa dan impor"))).await.unwrap().click().await.unwrap();
    let bad_row = "//table[caption='Baris yang bermasalah']/tbody/tr";
    let cells = wait_for(&c, "the line error", || async {
        let text = text_of(&c, bad_row).await?;
        text.contains("TIDAKADA").then_some(text)
    })
    .await;
    assert!(cells.starts_with('3'), "line number first: {cells}");
    assert!(cells.contains("kode_opd"), "{cells}");
    let alert = text_of(&c, "//div[@role='alert']").await.unwrap_or_default();
    assert!(alert.contains("Tidak ada yang diimpor"), "{alert}");
    assert_eq!(path(&c).await, "/admin/pejabat/impor");
    assert_eq!(official::Entity::find().count(&app.db).await.unwrap(), before, "nothing imported");

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

async fn login_as(c: &Client, base: &str, who: &str, home: &str) {
    c.delete_all_cookies().await.ok();
    c.goto(&format!("{base}/masuk")).await.expect("goto");
    click_until_attr(c, "//button[@aria-controls='password']", "aria-pressed", "true").await;
    fill(c, "Nama pengguna atau NIP", who).await;
    fill(c, "Kata sandi", app::server::demo::DEMO_PASSWORD).await;
    c.find(Locator::XPath(&button("Masuk"))).await.unwrap().click().await.unwrap();
    wait_for(c, &format!("{who}'s home"), || async { (path(c).await == home).then_some(()) }).await;
}

async fn type_into(c: &Client, id: &str, value: &str) {
    let el = c.find(Locator::Id(id)).await.unwrap_or_else(|_| panic!("#{id}"));
    el.clear().await.expect("clear");
    el.send_keys(value).await.expect("type");
}

async fn choose(c: &Client, id: &str, value: &str) {
    c.find(Locator::Id(id))
        .await
        .unwrap_or_else(|_| panic!("#{id}"))
        .select_by_value(value)
        .await
        .expect("select");
}

async fn click(c: &Client, xpath: &str) {
    c.find(Locator::XPath(xpath)).await.unwrap_or_else(|_| panic!("{xpath}")).click().await.expect("click");
}

/// The URL in the QR code on the PDF's first page (rendered at 200 dpi by pdftoppm).
fn qr_url(pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("pakta-qr-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("p.pdf"), pdf).unwrap();
    let out = Command::new("pdftoppm")
        .args(["-r", "200", "-f", "1", "-l", "1", "-png"])
        .arg(dir.join("p.pdf"))
        .arg(dir.join("page"))
        .output()
        .expect("pdftoppm (poppler-utils)");
    assert!(out.status.success(), "pdftoppm failed");
    let png = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("page image");
    let img = image::open(&png).expect("png").to_luma8();
    let _ = std::fs::remove_dir_all(&dir);
    let (w, h) = img.dimensions();
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
        img.get_pixel(x as u32, y as u32).0[0]
    });
    let grids = prepared.detect_grids();
    assert!(!grids.is_empty(), "no QR code found on page 1");
    grids[0].decode().expect("QR decodes").1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pact_is_authored_signed_by_both_parties_and_its_qr_verifies() {
    use app::server::entities::official;
    use sea_orm::{ColumnTrait, QueryFilter};
    assert_site_built();

    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let mut app = TestApp::with_demo(db).await;
    let o = official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a demo pengawas");
    let s = official::Entity::find_by_id(o.supervisor_id.unwrap()).one(&app.db).await.unwrap().unwrap();
    // The QR code must point at this very server.
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    app.state.public_url = base.clone();
    app.router = pakta_server::startup::router(app.state.clone());
    let (_, server) =
        pakta_server::startup::spawn(app.state.clone(), format!("127.0.0.1:{port}").parse().unwrap())
            .await
            .expect("serve");
    let driver = start_driver();
    let c = browser(&driver).await;

    // The admin finds the official and opens a draft.
    login_as(&c, &base, "admin", "/admin").await;
    let nip = o.nip.clone().unwrap();
    c.goto(&format!("{base}/admin/pakta?q={nip}")).await.unwrap();
    let create = "//button[normalize-space()='Buat draf']";
    wait_for(&c, "the create button (hydrated)", || async {
        if path(&c).await.ends_with("/ubah") {
            return Some(());
        }
        if let Ok(b) = c.find(Locator::XPath(create)).await {
            let _ = b.click().await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        path(&c).await.ends_with("/ubah").then_some(())
    })
    .await;
    let editor = path(&c).await;
    let pact_id = editor.trim_start_matches("/admin/pakta/").trim_end_matches("/ubah").to_string();

    // Three indicators (the editor starts with one spare row; adding reacts once hydrated).
    let rows = "//fieldset[contains(@class,'indicator-row')]";
    wait_for(&c, "a second row (hydration)", || async {
        if c.find_all(Locator::XPath(rows)).await.map(|r| r.len()).unwrap_or(0) >= 2 {
            return Some(());
        }
        if let Ok(b) = c.find(Locator::XPath(&button("+ Tambah indikator"))).await {
            let _ = b.click().await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        (c.find_all(Locator::XPath(rows)).await.map(|r| r.len()).unwrap_or(0) >= 2).then_some(())
    })
    .await;
    click(&c, &button("+ Tambah indikator")).await;
    let indicators = [
        ("Persentase realisasi anggaran", "max", "cumulative", "30", "95", ["20", "45", "70", "95"]),
        ("Jumlah pengaduan tidak terselesaikan", "min", "periodic", "35", "8", ["2", "2", "2", "2"]),
        ("Indeks kepuasan masyarakat", "max", "end_position", "25", "85", ["", "82", "", "85"]),
    ];
    for (i, (name, pol, kind, weight, annual, tw)) in indicators.iter().enumerate() {
        let id = |k: &str| format!("indicators[{i}].{k}");
        type_into(&c, &id("objective"), "Meningkatnya kualitas layanan publik").await;
        type_into(&c, &id("name"), name).await;
        type_into(&c, &id("unit"), "%").await;
        choose(&c, &id("polarity"), pol).await;
        choose(&c, &id("target_kind"), kind).await;
        type_into(&c, &id("weight"), weight).await;
        type_into(&c, &id("annual"), annual).await;
        for (q, t) in tw.iter().enumerate() {
            type_into(&c, &id(&format!("tw{}", q + 1)), t).await;
        }
    }
    // The weights total 90: said live, beside the total.
    let total_error = "//p[@id='weight_total-error']";
    let msg = wait_for(&c, "the weight error", || async {
        text_of(&c, total_error).await.filter(|t| t.contains("90"))
    })
    .await;
    assert!(msg.contains("100%"), "{msg}");
    assert!(text_of(&c, "//p[contains(@class,'weight-total')]").await.unwrap().contains("90%"));
    // Issue 16: typed, unsaved work makes leaving the page ask first.
    let leaving_asks = "const e = new Event('beforeunload', { cancelable: true }); \
        window.dispatchEvent(e); return e.defaultPrevented;";
    assert_eq!(
        c.execute(leaving_asks, vec![]).await.unwrap(),
        serde_json::json!(true),
        "unsaved work is guarded"
    );
    // A refused save keeps every typed row, and its message goes once the weights are fixed.
    click(&c, &button("Simpan draf")).await;
    wait_for(&c, "the server's refusal", || async {
        text_of(&c, "//div[contains(@class,'alert-error')]")
            .await
            .filter(|t| t.contains("Draf belum tersimpan"))
    })
    .await;
    assert_eq!(c.find_all(Locator::XPath(rows)).await.unwrap().len(), 3, "the three typed rows");
    assert_eq!(
        prop(&c, "//input[@id='indicators[2].name']", "value").await.as_deref(),
        Some("Indeks kepuasan masyarakat")
    );
    type_into(&c, "indicators[0].weight", "40").await;
    wait_for(&c, "the weight error gone", || async {
        text_of(&c, total_error).await.filter(|t| t.is_empty())
    })
    .await;
    // "Save and open the pact" saves first, then opens the pact (without a leave prompt).
    click(&c, &button("Simpan dan buka pakta")).await;
    wait_for(&c, "the pact opened after saving", || async {
        (path(&c).await == format!("/pakta/{pact_id}")).then_some(())
    })
    .await;
    wait_for(&c, "the saved indicators on the pact", || async {
        text_of(&c, "//table[contains(@class,'indicators')]")
            .await
            .filter(|t| t.contains("Indeks kepuasan masyarakat"))
    })
    .await;
    assert_eq!(
        c.execute(leaving_asks, vec![]).await.unwrap(),
        serde_json::json!(false),
        "nothing unsaved here"
    );

    // Freeze it for signing.
    let freeze = button("Bekukan & kirim");
    wait_for(&c, "frozen", || async {
        if let Some(t) = text_of(&c, "//span[contains(@class,'badge')]").await {
            if t == "Menunggu tanda tangan" {
                return Some(());
            }
        }
        if let Ok(b) = c.find(Locator::XPath(&freeze)).await {
            let _ = b.click().await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        None
    })
    .await;

    // The official, then the superior, sign with their password.
    for who in [&o, &s] {
        login_as(&c, &base, who.nip.as_deref().unwrap(), "/saya").await;
        let waiting = "//strong[normalize-space()='Menunggu tanda tangan Anda']/preceding-sibling::a";
        wait_for(&c, "the pact in the signing inbox", || async {
            c.find(Locator::XPath(waiting)).await.ok().map(|_| ())
        })
        .await;
        click(&c, waiting).await;
        wait_for(&c, "the sign form", || async {
            c.find(Locator::XPath(&field("Kata sandi Anda"))).await.ok().map(|_| ())
        })
        .await;
        // Issue 16, on a phone: the way to sign is in the first screen, and the targets fit.
        let banner = c
            .execute(
                "const r = document.querySelector('.sign-banner').getBoundingClientRect(); \
                return r.top >= 0 && r.bottom <= window.innerHeight;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(banner, serde_json::json!(true), "the sign banner is in the first screen");
        assert_no_sideways_scroll(&c, "the pact being signed").await;
        fill(&c, "Kata sandi Anda", app::server::demo::DEMO_PASSWORD).await;
        click(&c, &button("Tanda tangani")).await;
        wait_for(&c, "signed", || async {
            text_of(&c, "//div[@role='status']").await.filter(|t| t.contains("telah dibubuhkan"))
        })
        .await;
    }
    wait_for(&c, "status signed", || async {
        text_of(&c, "//span[contains(@class,'badge')]").await.filter(|t| t == "Ditandatangani")
    })
    .await;

    // The PDF downloads for the signed-in superior, and its QR code's URL verifies.
    let cookie = c.get_named_cookie("pakta_session").await.expect("session cookie");
    let pdf = app
        .get_bytes(&format!("/pakta/{pact_id}/pdf"), Some(&format!("pakta_session={}", cookie.value())))
        .await;
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let url = qr_url(&pdf);
    assert!(url.starts_with(&format!("{base}/verifikasi/")), "{url}");
    c.delete_all_cookies().await.ok();
    c.goto(&url).await.unwrap();
    wait_for(&c, "the verification verdict", || async {
        text_of(&c, "//p[contains(@class,'verdict-headline')]").await.filter(|t| t == "SAH DAN BERLAKU")
    })
    .await;
    assert!(text_of(&c, "//dl").await.unwrap().contains(&o.name));

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn realisation_preview_updates_live_before_saving() {
    use app::domain::pact::IndicatorInput;
    use app::server::entities::{official, realisation};
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    assert_site_built();

    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let app = TestApp::with_demo(db).await;
    let o = official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a demo pengawas");
    // A signed pact with one indicator whose TW II target is 80.
    let now = chrono::Utc::now();
    let row = IndicatorInput {
        objective: "Meningkatnya kualitas layanan".into(),
        name: "Indeks kepuasan masyarakat".into(),
        unit: "indeks".into(),
        polarity: "max".into(),
        target_kind: "end_position".into(),
        weight: "100".into(),
        annual: "85".into(),
        tw2: "80".into(),
        tw4: "85".into(),
        ..Default::default()
    };
    let pact_id = signed_pact(&app, o.id, 2026, row, now).await;

    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser(&driver).await;
    login_as(&c, &base, "admin", "/admin").await;
    c.goto(&format!("{base}/admin/realisasi/{pact_id}/2")).await.unwrap();
    let input = "realisations[0].value";
    wait_for(&c, "the realisation field", || async { c.find(Locator::Id(input)).await.ok().map(|_| ()) })
        .await;
    let cell = "//table[caption='Capaian per indikator']//tbody/tr[1]/td";
    assert_eq!(text_of(&c, cell).await.as_deref(), Some("belum diisi"));
    // Typing changes the capaian shown, before anything is saved (the hydrated engine).
    wait_for(&c, "capaian 105% computed in the browser", || async {
        if text_of(&c, cell).await.as_deref() == Some("105%") {
            return Some(());
        }
        type_into(&c, input, "84").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        (text_of(&c, cell).await.as_deref() == Some("105%")).then_some(())
    })
    .await;
    type_into(&c, input, "72").await;
    wait_for(&c, "capaian 90%", || async { text_of(&c, cell).await.filter(|t| t == "90%") }).await;
    assert_eq!(realisation::Entity::find().count(&app.db).await.unwrap(), 0, "nothing saved yet");
    // Issue 16: the capaian also stands beside the field, and the key figures by the save button.
    let beside = "//input[@id='realisations[0].value']/following-sibling::p[contains(@class,'row-capaian')]";
    assert_eq!(text_of(&c, beside).await.as_deref(), Some("Capaian: 90%"));

    // The form posts as a plain form (issue 15). A link the server refuses comes back beside its
    // field, with everything typed put back; typing into the field clears the stale message.
    let link = "realisations[0].evidence_link";
    type_into(&c, link, "bukan-tautan").await;
    click(&c, &button("Simpan realisasi")).await;
    let link_error = format!("//p[@id='{link}-error']");
    wait_for(&c, "the refused link's message", || async {
        text_of(&c, &link_error).await.filter(|t| !t.is_empty())
    })
    .await;
    wait_hydrated(&c).await;
    wait_for(&c, "what was typed, put back", || async {
        (prop(&c, &format!("//input[@id='{input}']"), "value").await.as_deref() == Some("72")).then_some(())
    })
    .await;
    assert_eq!(prop(&c, &format!("//input[@id='{link}']"), "value").await.as_deref(), Some("bukan-tautan"));
    assert_eq!(realisation::Entity::find().count(&app.db).await.unwrap(), 0, "nothing saved");
    type_into(&c, link, "https://contoh.batukota.go.id/bukti.pdf").await;
    wait_for(&c, "the stale message gone", || async {
        text_of(&c, &link_error).await.filter(|t| t.is_empty())
    })
    .await;
    click(&c, &button("Simpan realisasi")).await;
    wait_for(&c, "saved", || async {
        text_of(&c, "//div[@role='status']").await.filter(|t| t.contains("Realisasi tersimpan"))
    })
    .await;
    assert_eq!(prop(&c, &format!("//input[@id='{input}']"), "value").await.as_deref(), Some("72"));
    // Issue 16: on to the next sheet still to fill.
    let next = "//div[@role='status']/a[normalize-space()='Lembar berikutnya yang belum lengkap ›']";
    assert_eq!(attr(&c, next, "href").await.as_deref(), Some("/admin/realisasi?tahun=2026&tw=2&belum=1"));

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

/// The quarter's close in the browser: the admin runs the TPP, follows an official's name to
/// "Mengapa TPP Rp X?", locks the quarter after confirming, asks for a correction; a second admin
/// approves it in the ledger.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quarter_is_run_explained_locked_and_corrected_by_a_second_admin() {
    use app::api::evaluations::RealisationInput;
    use app::domain::pact::IndicatorInput;
    use app::domain::Role;
    use app::server::entities::official;
    use app::server::{accounts, evaluations};
    use sea_orm::{ColumnTrait, QueryFilter};
    assert_site_built();

    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let app = TestApp::with_demo(db).await;
    let o = official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a demo pengawas");
    // A signed pact, its TW II realisation and behaviour rating, entered through the services.
    let now = chrono::Utc::now();
    let row = IndicatorInput {
        objective: "Meningkatnya kualitas layanan".into(),
        name: "Indeks kepuasan masyarakat".into(),
        unit: "indeks".into(),
        polarity: "max".into(),
        target_kind: "end_position".into(),
        weight: "100".into(),
        annual: "85".into(),
        tw2: "80".into(),
        tw4: "85".into(),
        ..Default::default()
    };
    let pact_id = signed_pact(&app, o.id, 2026, row, now).await;
    let admin = admin_session(&app).await;
    let sheet = evaluations::sheet(&app.db, &admin, pact_id, 2).await.unwrap();
    let input = RealisationInput {
        indicator_id: sheet.indicators[0].indicator_id.to_string(),
        value: "84".into(),
        ..Default::default()
    };
    evaluations::save_realisations(&app.db, &admin, pact_id, 2, &[input], now).await.unwrap();
    evaluations::rate_behaviour(&app.db, &admin, pact_id, 2, "as_expected", "", now).await.unwrap();
    let password = app::server::demo::DEMO_PASSWORD.to_string();
    let second = accounts::NewAccount {
        role: Role::Admin,
        username: Some("admin2".into()),
        nip: None,
        password,
        must_change_password: false,
    };
    accounts::create(&app.db, second).await.expect("second admin");

    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser(&driver).await;
    login_as(&c, &base, "admin", "/admin").await;
    c.goto(&format!("{base}/admin/tpp?tahun=2026&tw=2")).await.unwrap();
    let name_link = format!("//table//a[normalize-space()='{}']", o.name);
    wait_for(&c, "the run's result in the Daftar Nominatif", || async {
        if c.find(Locator::XPath(&name_link)).await.is_ok() {
            return Some(());
        }
        if let Ok(b) = c.find(Locator::XPath(&button("Jalankan perhitungan"))).await {
            let _ = b.click().await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        c.find(Locator::XPath(&name_link)).await.ok().map(|_| ())
    })
    .await;
    // "Why": the month's explanation, step by step.
    click(&c, &name_link).await;
    wait_for(&c, "the why page", || async {
        text_of(&c, "//h1").await.filter(|t| t.starts_with("Mengapa TPP") && t.contains(&o.name))
    })
    .await;
    assert!(text_of(&c, "//section[h2='Langkah perhitungan']").await.unwrap().contains("Nilai capaian"));

    // Lock, after the confirmation step.
    c.goto(&format!("{base}/admin/tpp?tahun=2026&tw=2")).await.unwrap();
    wait_for(&c, "the lock link", || async { c.find(Locator::LinkText("Kunci triwulan…")).await.ok() })
        .await
        .click()
        .await
        .unwrap();
    wait_for(&c, "the lock confirmation", || async {
        c.find(Locator::XPath(&button("Ya, kunci"))).await.ok()
    })
    .await
    .click()
    .await
    .unwrap();
    wait_for(&c, "the quarter locked", || async {
        app::server::tpp_run::is_locked(&app.db, 2026, 2).await.unwrap().then_some(())
    })
    .await;

    // A correction: the verified figure is lower.
    c.goto(&format!("{base}/admin/koreksi/{pact_id}/2")).await.unwrap();
    wait_for(&c, "the correction form", || async {
        c.find(Locator::Id("realisations[0].value")).await.ok().map(|_| ())
    })
    .await;
    // Submitted before hydration, the form would post without JavaScript and never say so.
    wait_hydrated(&c).await;
    type_into(&c, "realisations[0].value", "60").await;
    type_into(&c, "reason", "Berita acara verifikasi Inspektorat No. 700/12/2026").await;
    click(&c, &button("Ajukan koreksi")).await;
    wait_for(&c, "the correction asked for", || async {
        c.source().await.ok().filter(|s| s.contains("Koreksi diajukan")).map(|_| ())
    })
    .await;

    // The second admin approves it in the ledger.
    login_as(&c, &base, "admin2", "/admin").await;
    c.goto(&format!("{base}/admin/koreksi?tahun=2026")).await.unwrap();
    wait_for(&c, "the approve button", || async {
        c.find(Locator::XPath(&button("Setujui koreksi"))).await.ok()
    })
    .await
    .click()
    .await
    .unwrap();
    wait_for(&c, "the correction approved", || async {
        text_of(&c, "//section[.//h2[contains(., 'revisi 2')]]//dd/strong")
            .await
            .filter(|t| t.starts_with("Disetujui oleh admin2"))
    })
    .await;
    assert!(text_of(&c, "//section[.//h2[contains(., 'revisi 2')]]").await.unwrap().contains("Lebih bayar"));

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

/// Issue 6: the superior opens their inbox on a phone-sized screen, follows the link to rate a
/// report's current quarter and rates; the official then sees the predikat on their home and
/// follows a month's "why" link.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn superior_rates_from_the_inbox_and_the_official_reads_the_why() {
    use app::api::evaluations::RealisationInput;
    use app::domain::pact::IndicatorInput;
    use app::server::entities::{evaluation, official};
    use app::server::{evaluations, my_record};
    use sea_orm::{ColumnTrait, QueryFilter};
    assert_site_built();

    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let app = TestApp::with_demo(db).await;
    // The inbox opens on today's quarter (Asia/Jakarta): the pact is for this year.
    let now = chrono::Utc::now();
    let (year, quarter) = my_record::period(0, 0, now).unwrap();
    let mut found = None;
    for o in official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .all(&app.db)
        .await
        .unwrap()
    {
        let s = official::Entity::find_by_id(o.supervisor_id.unwrap()).one(&app.db).await.unwrap().unwrap();
        if o.nip.is_some() && s.nip.is_some() {
            found = Some((o, s));
            break;
        }
    }
    let (o, s) = found.expect("a demo pengawas and their superior, both with a NIP");
    // A signed pact with one indicator targeting 80 in every quarter, and this quarter's
    // realisation (84: capaian 105%) entered through the services.
    let row = IndicatorInput {
        objective: "Meningkatnya kualitas layanan".into(),
        name: "Indeks kepuasan masyarakat".into(),
        unit: "indeks".into(),
        polarity: "max".into(),
        target_kind: "end_position".into(),
        weight: "100".into(),
        annual: "80".into(),
        tw1: "80".into(),
        tw2: "80".into(),
        tw3: "80".into(),
        tw4: "80".into(),
        ..Default::default()
    };
    let pact_id = signed_pact(&app, o.id, year, row, now).await;
    let admin = admin_session(&app).await;
    let q = quarter.number();
    let sheet = evaluations::sheet(&app.db, &admin, pact_id, q).await.unwrap();
    let input = RealisationInput {
        indicator_id: sheet.indicators[0].indicator_id.to_string(),
        value: "84".into(),
        ..Default::default()
    };
    evaluations::save_realisations(&app.db, &admin, pact_id, q, &[input], now).await.unwrap();

    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser(&driver).await;

    // The superior: home → inbox → the report awaiting a rating → rate.
    login_as(&c, &base, s.nip.as_deref().unwrap(), "/saya").await;
    let inbox_link = "//a[starts-with(normalize-space(), 'Tim saya')]";
    wait_for(&c, "the inbox link", || async { c.find(Locator::XPath(inbox_link)).await.ok().map(|_| ()) })
        .await;
    click(&c, inbox_link).await;
    let rate_link = format!("//a[@aria-label='Beri rating {}']", o.name);
    wait_for(&c, "the report awaiting a rating", || async {
        c.find(Locator::XPath(&rate_link)).await.ok().map(|_| ())
    })
    .await;
    assert_eq!(path(&c).await, "/saya/tim");
    // Issue 16, on a 390 px phone: the rating link is within the screen, not off to the right.
    c.set_window_size(390, 900).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let within = c
        .execute(
            "const a = document.evaluate(arguments[0], document, null, 9, null).singleNodeValue; \
             const r = a.getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth ? true : [r.left, r.right, window.innerWidth, getComputedStyle(a.closest('table')).display];",
            vec![serde_json::json!(rate_link)],
        )
        .await
        .unwrap();
    assert_eq!(within, serde_json::json!(true), "'Beri rating' within a phone's width");
    c.set_window_size(420, 900).await.unwrap();
    click(&c, &rate_link).await;
    wait_for(&c, "the rating form", || async { c.find(Locator::Id("rating")).await.ok().map(|_| ()) }).await;
    assert_eq!(path(&c).await, format!("/saya/tim/{pact_id}/{q}"));
    choose(&c, "rating", "as_expected").await;
    click(&c, &button("Simpan rating")).await;
    wait_for(&c, "the rating stored", || async {
        let e = evaluation::Entity::find().one(&app.db).await.unwrap()?;
        (e.behaviour.as_deref() == Some("as_expected") && !e.behaviour_on_behalf).then_some(())
    })
    .await;
    // Back in the inbox the report has left the list; the overview shows the predikat.
    c.goto(&format!("{base}/saya/tim")).await.unwrap();
    wait_for(&c, "the predikat in the team overview", || async {
        text_of(&c, "//table[contains(@class,'team-overview')]//tbody")
            .await
            .filter(|t| t.contains("105 · Baik"))
    })
    .await;
    assert!(c.find(Locator::XPath(&rate_link)).await.is_err(), "no rating left to give");

    // The official: the predikat on their home, then "why" for the quarter's first month.
    login_as(&c, &base, o.nip.as_deref().unwrap(), "/saya").await;
    let predikat = format!(
        "//table[caption='Nilai dan predikat per triwulan']//tr[th='TW {}']/td/strong",
        quarter.roman()
    );
    wait_for(&c, "the predikat on the official's home", || async {
        text_of(&c, &predikat).await.filter(|t| t == "Baik")
    })
    .await;
    let month = app::format::MONTHS_ID[(quarter.months()[0] - 1) as usize];
    let why = format!("//a[@aria-label='Mengapa TPP {month} {year}?']");
    click(&c, &why).await;
    wait_for(&c, "the why page", || async {
        text_of(&c, "//h1").await.filter(|t| t.starts_with("Mengapa TPP") && t.contains(&o.name))
    })
    .await;
    assert_eq!(path(&c).await, format!("/rincian-tpp/{}/{year}/{}", o.id, quarter.months()[0]));
    // Issue 16, item 14: the steps carry their own numbers ("1. Capaian …"), so the list adds
    // none ("1. 1."); the facts at the top are laid out as label–value pairs, not a bare list.
    let styles = c
        .execute(
            "const li = document.querySelector('ol.plain > li'); const dl = document.querySelector('dl.summary-list');
             return [li ? getComputedStyle(li).listStyleType : null, dl ? getComputedStyle(dl).display : null];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(styles, serde_json::json!(["none", "grid"]), "step markers and the facts' layout");

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

/// The demo city as `pakta demo` makes it: officials, the 2026 pacts, and the 2026 evaluations
/// (TW I and TW II run and locked, TW III run but open), all through the services.
async fn demo_city_with_2026_evaluations() -> TestApp {
    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let app = TestApp::with_demo(db).await;
    let started = Instant::now();
    app::server::demo_pacts::seed_pacts(&app.db, 2026).await.expect("demo pacts");
    app::server::demo_evaluations::seed_evaluations(&app.db, 2026).await.expect("demo evaluations");
    eprintln!("demo pacts and evaluations 2026 seeded in {:?}", started.elapsed());
    app
}

/// Waits until every island of the page has hydrated: the last one marks `<html data-hydrated>`.
async fn wait_hydrated(c: &Client) {
    wait_for(c, "the page's islands hydrated", || async {
        c.find(Locator::XPath("//html[@data-hydrated]")).await.ok().map(|_| ())
    })
    .await;
}

/// Opens the site menu on a phone-sized window: a `<details>`, so it works without the wasm.
async fn open_menu(c: &Client) {
    let menu = "//details[contains(@class,'site-menu')]";
    wait_for(c, "the menu open", || async {
        if attr(c, menu, "open").await.is_none() {
            if let Ok(el) = c.find(Locator::XPath(&format!("{menu}/summary"))).await {
                let _ = el.click().await;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        attr(c, menu, "open").await.map(|_| ())
    })
    .await;
}

/// The text content of an element found by CSS (works for SVG elements, which have no
/// rendered text of their own for WebDriver).
async fn text_content(c: &Client, css: &str) -> Option<String> {
    c.find(Locator::Css(css)).await.ok()?.prop("textContent").await.ok()?.map(|t| t.trim().to_string())
}

async fn all_text_contents(c: &Client, locator: Locator<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for el in c.find_all(locator).await.unwrap_or_default() {
        out.push(el.prop("textContent").await.ok().flatten().unwrap_or_default().trim().to_string());
    }
    out
}

/// Issue 6: DPRD lands on its dashboard, reads a chart and the data table beside it, and
/// switches the period.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dprd_opens_a_chart_and_its_table() {
    assert_site_built();
    let app = demo_city_with_2026_evaluations().await;
    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser(&driver).await;

    login_as(&c, &base, "dprd", "/dprd").await;
    wait_hydrated(&c).await;
    wait_for(&c, "the year's summary", || async {
        text_of(&c, "//h2[@id='judul-ringkasan']").await.filter(|t| t == "Ringkasan se-kota, Tahun 2026")
    })
    .await;

    // The bar chart: an SVG image named by its own title.
    let svg = "svg[role='img'][aria-labelledby='grafik-nilai-judul grafik-nilai-uraian']";
    assert!(c.find(Locator::Css(svg)).await.is_ok(), "the score chart is an image with a title");
    assert_eq!(
        text_content(&c, "#grafik-nilai-judul").await.as_deref(),
        Some("Rata-rata nilai per perangkat daerah, Tahun 2026")
    );
    let desc = text_content(&c, "#grafik-nilai-uraian").await.unwrap_or_default();
    assert!(desc.contains("tabel di sampingnya"), "{desc}");
    let drawn = all_text_contents(&c, Locator::Css(&format!("{svg} text.chart-value"))).await;
    assert!(!drawn.is_empty(), "bars with their values");

    // Its data table sits beside it, in the same pair, with a caption naming the chart.
    let table = "//div[contains(@class,'chart-pair')][.//*[local-name()='svg' and \
                 @aria-labelledby='grafik-nilai-judul grafik-nilai-uraian']]//table";
    let caption = text_of(&c, &format!("{table}/caption")).await.unwrap_or_default();
    assert_eq!(caption, "Data: Rata-rata nilai per perangkat daerah, Tahun 2026");
    let cells = all_text_contents(&c, Locator::XPath(&format!("{table}/tbody/tr/td"))).await;
    let shown: Vec<String> =
        cells.iter().filter(|t| t.as_str() != "—" && !t.starts_with("disembunyikan")).cloned().collect();
    assert_eq!(shown, drawn, "every bar's value is in the table, in the same order");
    let whole_year = cells.clone();

    // The trend's table gives each locked quarter's city mean; TW III is not locked.
    let trend = "//table[caption='Data: Rata-rata nilai se-kota per triwulan, 2026']";
    let tw1 = "//tr[th='TW I']/td";
    let tw1_cells = all_text_contents(&c, Locator::XPath(&format!("{trend}{tw1}"))).await;
    assert_eq!(tw1_cells.len(), 2, "TW I: evaluated and mean: {tw1_cells:?}");
    assert!(c.find(Locator::XPath(&format!("{trend}//tr[th='TW II']"))).await.is_ok());
    assert!(c.find(Locator::XPath(&format!("{trend}//tr[th='TW III']"))).await.is_err(), "TW III is open");
    let trend_points =
        all_text_contents(&c, Locator::Css("svg[aria-labelledby^='grafik-tren-judul'] text.chart-value"))
            .await;
    assert!(trend_points.contains(&tw1_cells[1]), "TW I's mean {} drawn: {trend_points:?}", tw1_cells[1]);

    // Switch to TW I: the URL says so and the summary shows TW I's figures from the trend table.
    choose(&c, "tw", "1").await;
    click(&c, &button("Tampilkan")).await;
    wait_for(&c, "the TW I summary", || async {
        text_of(&c, "//h2[@id='judul-ringkasan']").await.filter(|t| t == "Ringkasan se-kota, TW I 2026")
    })
    .await;
    let url = c.current_url().await.unwrap();
    assert_eq!(url.path(), "/dprd");
    assert!(url.query().unwrap_or("").contains("tw=1"), "{url}");
    let stat = |label: &str| {
        format!("//ul[@aria-label='Ringkasan se-kota']/li[span[@class='stat-label']='{label}']/span[contains(@class,'stat-value')]")
    };
    assert_eq!(text_of(&c, &stat("Pejabat dinilai")).await.as_ref(), Some(&tw1_cells[0]));
    assert_eq!(text_of(&c, &stat("Rata-rata nilai")).await.as_ref(), Some(&tw1_cells[1]));
    assert_eq!(
        text_content(&c, "#grafik-nilai-judul").await.as_deref(),
        Some("Rata-rata nilai per perangkat daerah, TW I 2026")
    );
    let quarter_cells = all_text_contents(&c, Locator::XPath(&format!("{table}/tbody/tr/td"))).await;
    assert_eq!(quarter_cells.len(), whole_year.len(), "the same OPDs");
    assert_ne!(quarter_cells, whole_year, "TW I's means differ from the year's");

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

/// Issue 6: the admin follows a missing item on the closing page to where it is fixed, fixes it,
/// and going back sees one item fewer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_follows_a_missing_item_link() {
    use app::api::evaluations::RealisationInput;
    use app::domain::pact::IndicatorInput;
    use app::server::entities::{evaluation, official, pact_version};
    use app::server::evaluations;
    use sea_orm::{ColumnTrait, QueryFilter};
    assert_site_built();

    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let app = TestApp::with_demo(db).await;
    let o = official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a demo pengawas");
    // A signed pact with its TW II realisation entered, but no behaviour rating yet.
    let now = chrono::Utc::now();
    let row = IndicatorInput {
        objective: "Meningkatnya kualitas layanan".into(),
        name: "Indeks kepuasan masyarakat".into(),
        unit: "indeks".into(),
        polarity: "max".into(),
        target_kind: "end_position".into(),
        weight: "100".into(),
        annual: "85".into(),
        tw2: "80".into(),
        tw4: "85".into(),
        ..Default::default()
    };
    let pact_id = signed_pact(&app, o.id, 2026, row, now).await;
    let admin = admin_session(&app).await;
    let sheet = evaluations::sheet(&app.db, &admin, pact_id, 2).await.unwrap();
    let input = RealisationInput {
        indicator_id: sheet.indicators[0].indicator_id.to_string(),
        value: "84".into(),
        ..Default::default()
    };
    evaluations::save_realisations(&app.db, &admin, pact_id, 2, &[input], now).await.unwrap();

    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser(&driver).await;
    login_as(&c, &base, "admin", "/admin").await;
    c.goto(&format!("{base}/admin/penutupan?tahun=2026&tw=2")).await.unwrap();
    let missing = format!("//a[normalize-space()='{}: Rating perilaku kerja belum diberikan']", o.name);
    wait_for(&c, "the missing rating", || async { c.find(Locator::XPath(&missing)).await.ok().map(|_| ()) })
        .await;
    wait_hydrated(&c).await;
    let status = "//section[@aria-labelledby='judul-kota']/p[@role='status']/strong";
    let count = |t: &str| -> Option<usize> {
        t.strip_prefix("TW II 2026: ")?.strip_suffix(" kekurangan perlu diselesaikan.")?.parse().ok()
    };
    let before = count(&text_of(&c, status).await.unwrap_or_default()).expect("the count of missing items");
    assert!(before > 1, "{before}");

    // The link leads to the official's realisation sheet for TW II.
    click(&c, &missing).await;
    let sheet_path = format!("/admin/realisasi/{pact_id}/2");
    wait_for(&c, "the realisation sheet", || async { (path(&c).await == sheet_path).then_some(()) }).await;
    wait_for(&c, "the sheet's heading", || async {
        text_of(&c, "//h1").await.filter(|t| *t == format!("Realisasi TW II 2026 — {}", o.name))
    })
    .await;
    let rating_status = "//section[@aria-labelledby='judul-perilaku']/p[@role='status']";
    assert_eq!(text_of(&c, rating_status).await.as_deref(), Some("Belum dinilai."));

    // The admin rates on the superior's behalf.
    choose(&c, "rating", "as_expected").await;
    click(&c, &button("Simpan rating")).await;
    wait_for(&c, "the rating shown", || async {
        text_of(&c, rating_status).await.filter(|t| t.starts_with("Sesuai Ekspektasi"))
    })
    .await;
    // The rating posts as a plain form (issue 15: no server-function client in the sheet's wasm)
    // and the page comes back saying so.
    assert_eq!(
        text_of(&c, "//section[@aria-labelledby='judul-perilaku']/div[@role='status']").await.as_deref(),
        Some("Rating tersimpan.")
    );
    // The pact's only version (signed above) holds the quarter's evaluation.
    let v = pact_version::Entity::find()
        .filter(pact_version::Column::PactId.eq(pact_id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the pact's version");
    let e = evaluation::Entity::find()
        .filter(evaluation::Column::PactVersionId.eq(v.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the evaluation");
    assert_eq!(e.behaviour.as_deref(), Some("as_expected"));

    // Back on the closing page the item is gone and the count is one lower. The post and the
    // sheet it came back to are one step in the history, the sheet before it another.
    c.back().await.unwrap();
    if path(&c).await != "/admin/penutupan" {
        c.back().await.unwrap();
    }
    wait_for(&c, "one missing item fewer", || async {
        (path(&c).await == "/admin/penutupan").then_some(())?;
        let now = count(&text_of(&c, status).await?)?;
        (now == before - 1).then_some(())
    })
    .await;
    assert!(c.find(Locator::XPath(&missing)).await.is_err(), "the rating is no longer missing");

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

/// axe-core, installed by `make tools-browser`.
const AXE_JS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../.tools/node_modules/axe-core/axe.min.js");

/// Runs axe-core on the page as it is now and lists its serious and critical violations, one
/// line per violation with the offending nodes.
async fn serious_accessibility_violations(c: &Client, axe: &str) -> Vec<String> {
    c.execute(axe, vec![]).await.expect("inject axe-core");
    let run = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] })
            .then(r => done(r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => JSON.stringify(n.target) + ' ' + n.html.slice(0, 300)),
                }))))
            .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));
    "#;
    let found = c.execute_async(run, vec![]).await.expect("axe.run");
    let list = found.as_array().cloned().unwrap_or_else(|| panic!("axe-core's violations: {found}"));
    list.iter()
        .map(|v| {
            let nodes: Vec<String> = v["nodes"]
                .as_array()
                .map(|n| n.iter().map(|x| format!("\n      {}", x.as_str().unwrap_or_default())).collect())
                .unwrap_or_default();
            format!(
                "  {} ({}): {}{}",
                v["id"].as_str().unwrap_or_default(),
                v["impact"].as_str().unwrap_or_default(),
                v["help"].as_str().unwrap_or_default(),
                nodes.concat()
            )
        })
        .collect()
}

/// Keeps a screenshot of the page for a reviewer: `target/screenshots/{name}.png` (issue 16).
async fn screenshot(c: &Client, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    // Let the layout settle after a resize.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// The page is no wider than the window: nothing is cut off to the right.
async fn assert_no_sideways_scroll(c: &Client, page: &str) {
    let widths =
        c.execute("return [document.documentElement.scrollWidth, window.innerWidth];", vec![]).await.unwrap();
    let (scroll, inner) = (widths[0].as_i64().unwrap(), widths[1].as_i64().unwrap());
    assert!(scroll <= inner, "{page} scrolls sideways on a phone: {scroll} px wide in a {inner} px window");
}

/// Waits until the page's data has loaded: an `h1` and no "Memuat…" left.
async fn wait_loaded(c: &Client, what: &str) {
    wait_for(c, &format!("{what} loaded"), || async {
        let h1 = text_of(c, "//h1").await.filter(|t| !t.is_empty())?;
        c.find_all(Locator::Css(".loading")).await.ok().filter(|l| l.is_empty()).map(|_| h1)
    })
    .await;
}

/// Issue 6: axe-core finds no serious or critical violation on each role's main page (the demo
/// city with its 2026 evaluations, so the pages show real figures, lists and charts).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn main_page_of_each_role_has_no_serious_accessibility_violations() {
    use app::server::entities::official;
    use fantoccini::wd::TimeoutConfiguration;
    use sea_orm::{ColumnTrait, QueryFilter};
    assert_site_built();
    let axe = std::fs::read_to_string(AXE_JS)
        .unwrap_or_else(|e| panic!("{AXE_JS}: {e}; install axe-core with `make tools-browser`"));

    let app = demo_city_with_2026_evaluations().await;
    // An official, and their direct superior (who has direct reports), both with a NIP.
    let mut found = None;
    for o in official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .all(&app.db)
        .await
        .unwrap()
    {
        let s = official::Entity::find_by_id(o.supervisor_id.unwrap()).one(&app.db).await.unwrap().unwrap();
        if o.nip.is_some() && s.nip.is_some() {
            found = Some((o, s));
            break;
        }
    }
    let (o, s) = found.expect("a demo pengawas and their superior, both with a NIP");
    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser(&driver).await;
    c.update_timeouts(TimeoutConfiguration::new(Some(Duration::from_secs(120)), None, None)).await.unwrap();

    let mut report = Vec::new();
    let mut check = |page: &str, violations: Vec<String>| {
        eprintln!("axe {page}: {} serious or critical", violations.len());
        if !violations.is_empty() {
            report.push(format!("{page}:\n{}", violations.join("\n")));
        }
    };

    // Anonymous: the login page, hydrated (the show-password toggle reacts, and is reset).
    c.delete_all_cookies().await.ok();
    c.goto(&format!("{base}/masuk")).await.unwrap();
    let toggle = "//button[@aria-controls='password']";
    click_until_attr(&c, toggle, "aria-pressed", "true").await;
    click_until_attr(&c, toggle, "aria-pressed", "false").await;
    check("/masuk", serious_accessibility_violations(&c, &axe).await);

    let official_nip = o.nip.clone().unwrap();
    let superior_nip = s.nip.clone().unwrap();
    let pages = [
        ("admin", "/admin", "/admin"),
        (official_nip.as_str(), "/saya", "/saya"),
        (superior_nip.as_str(), "/saya", "/saya/tim"),
        ("dprd", "/dprd", "/dprd"),
    ];
    for (who, home, page) in pages {
        login_as(&c, &base, who, home).await;
        c.goto(&format!("{base}{page}")).await.unwrap();
        wait_hydrated(&c).await;
        wait_loaded(&c, page).await;
        if page == "/saya/tim" {
            let members = "//table[contains(@class,'team-overview')]//tbody/tr";
            assert!(c.find(Locator::XPath(members)).await.is_ok(), "the superior's team is listed");
        }
        if page == "/dprd" {
            assert!(c.find(Locator::Css("svg[role='img']")).await.is_ok(), "DPRD's charts are drawn");
        }
        check(&format!("{page} ({who})"), serious_accessibility_violations(&c, &axe).await);
        let role = if page == "/saya" {
            "pejabat"
        } else if page == "/saya/tim" {
            "atasan"
        } else {
            who
        };
        for width in [390, 1366] {
            c.set_window_size(width, 900).await.unwrap();
            // Issue 16: on a phone the page itself never scrolls sideways (wide tables scroll
            // inside their frame).
            if width == 390 {
                assert_no_sideways_scroll(&c, page).await;
            }
            screenshot(&c, &format!("{}-{width}", role.trim_start_matches('/'))).await;
        }
        c.set_window_size(420, 900).await.unwrap();
    }
    assert!(
        report.is_empty(),
        "serious or critical accessibility violations (axe-core):\n{}",
        report.join("\n")
    );

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

/// Issue 6: the language switch. A visitor switches the login page to English; it still
/// hydrates, and a server error is shown in English; the official's home is English, and
/// switching back returns to the same page in Indonesian.
/// The NIP of a demo pengawas (an official without reports).
async fn pengawas_nip(app: &TestApp) -> String {
    use app::server::entities::official;
    use sea_orm::{ColumnTrait, QueryFilter};
    official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .filter(official::Column::Nip.is_not_null())
        .one(&app.db)
        .await
        .unwrap()
        .and_then(|o| o.nip)
        .expect("a demo official with a NIP")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_switches_to_english_and_back() {
    assert_site_built();
    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let app = TestApp::with_demo(db).await;
    let nip = pengawas_nip(&app).await;
    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser(&driver).await;
    let html_lang = || async { attr(&c, "/html", "lang").await };

    c.goto(&format!("{base}/masuk")).await.unwrap();
    assert_eq!(html_lang().await.as_deref(), Some("id"));
    click(&c, &button("English")).await;
    wait_for(&c, "the English login page", || async {
        (html_lang().await.as_deref() == Some("en")).then_some(())
    })
    .await;
    assert_eq!(path(&c).await, "/masuk", "the switch returns to the page it was on");
    // Hydrated in English: the show-password toggle reacts and speaks English.
    click_until_attr(&c, "//button[@aria-controls='password']", "aria-pressed", "true").await;
    assert_eq!(text_of(&c, "//button[@aria-controls='password']").await.as_deref(), Some("Hide"));
    // Issue 16, item 17: a visitor has no menu, so no menu button opens an empty one.
    assert!(
        c.find(Locator::XPath("//details[contains(@class,'site-menu')]")).await.is_err(),
        "no empty menu"
    );

    // The server's message, translated in the browser.
    type_into(&c, "username", &nip).await;
    type_into(&c, "password", "bukan-sandinya").await;
    click(&c, "//form[.//input[@id='password']]//button[@type='submit']").await;
    let alert = wait_for(&c, "login error", || async { text_of(&c, "//div[@role='alert']").await }).await;
    assert_eq!(alert, "Wrong username/NIP or password.");

    type_into(&c, "password", app::server::demo::DEMO_PASSWORD).await;
    click(&c, "//form[.//input[@id='password']]//button[@type='submit']").await;
    wait_for(&c, "the official's home", || async { (path(&c).await == "/saya").then_some(()) }).await;
    wait_hydrated(&c).await;
    wait_loaded(&c, "/saya").await;
    assert_eq!(html_lang().await.as_deref(), Some("en"));
    assert!(c.find(Locator::XPath(&button("Log out"))).await.is_ok(), "the menu is English");

    // Back to Indonesian, on the same page.
    click(&c, &button("Bahasa Indonesia")).await;
    wait_for(&c, "the Indonesian home", || async {
        (html_lang().await.as_deref() == Some("id")).then_some(())
    })
    .await;
    assert_eq!(path(&c).await, "/saya");
    wait_hydrated(&c).await;
    assert!(c.find(Locator::XPath(&button("Keluar"))).await.is_ok(), "the menu is Indonesian again");

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

/// Issue 14: an official on a phone changes their own password from the header's menu, sees the
/// wrong current password beside its field, and logs in again with the new one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_official_changes_their_password_on_a_phone() {
    assert_site_built();
    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let app = TestApp::with_demo(db).await;
    let nip = pengawas_nip(&app).await;
    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser(&driver).await;
    login_as(&c, &base, &nip, "/saya").await;
    wait_hydrated(&c).await;
    // The demo says so on every page.
    assert!(text_of(&c, "//div[@class='demo-banner']").await.is_some_and(|t| t.contains("Mode demo")));
    open_menu(&c).await;
    click(&c, "//nav[@id='menu-utama']//a[normalize-space()='Ganti kata sandi']").await;
    wait_for(&c, "the password page", || async { (path(&c).await == "/akun/sandi").then_some(()) }).await;
    wait_hydrated(&c).await;

    type_into(&c, "current_password", "bukan-sandinya").await;
    type_into(&c, "password", "sandi-baru-saya-123").await;
    type_into(&c, "password_confirm", "sandi-baru-saya-123").await;
    click(&c, &button("Ganti kata sandi")).await;
    let beside = wait_for(&c, "the error beside the current password", || async {
        text_of(&c, "//p[@id='current_password-error']").await.filter(|t| !t.is_empty())
    })
    .await;
    assert_eq!(beside, "Kata sandi sekarang salah.");
    assert_eq!(attr(&c, "//input[@id='current_password']", "aria-invalid").await.as_deref(), Some("true"));

    type_into(&c, "current_password", app::server::demo::DEMO_PASSWORD).await;
    click(&c, &button("Ganti kata sandi")).await;
    wait_for(&c, "the login page", || async { (path(&c).await == "/masuk").then_some(()) }).await;
    let notice = wait_for(&c, "the changed-password notice", || async {
        text_of(&c, "//div[@role='status']").await.filter(|t| t.contains("telah diganti"))
    })
    .await;
    assert!(notice.contains("kata sandi baru"), "{notice}");
    // Hydrated (a visitor has no menu button to try: the show-password toggle tells).
    click_until_attr(&c, "//button[@aria-controls='password']", "aria-pressed", "true").await;
    type_into(&c, "username", &nip).await;
    type_into(&c, "password", "sandi-baru-saya-123").await;
    click(&c, "//form[.//input[@id='password']]//button[@type='submit']").await;
    wait_for(&c, "home with the new password", || async { (path(&c).await == "/saya").then_some(()) }).await;

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

/// Logs in through the plain form (no hydration to wait for) and lands on `home`.
async fn login_plain(c: &Client, base: &str, who: &str, home: &str) {
    c.delete_all_cookies().await.ok();
    c.goto(&format!("{base}/masuk")).await.expect("goto");
    fill(c, "Nama pengguna atau NIP", who).await;
    fill(c, "Kata sandi", app::server::demo::DEMO_PASSWORD).await;
    click(c, &button("Masuk")).await;
    wait_for(c, &format!("{who}'s home"), || async { (path(c).await == home).then_some(()) }).await;
}

/// Issue 15: with JavaScript off, on a phone-sized window, every page is whole in the HTML as
/// sent and every form posts and answers: an official reads `/saya` and signs (after a wrong
/// password, said beside the field), the superior countersigns, the admin enters a realisation
/// and runs the TPP quarter, and anyone verifies the pact's code.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_works_with_javascript_off() {
    use app::domain::pact::IndicatorInput;
    use app::server::entities::{official, pact, pact_version, realisation, signature, tpp_run};
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    assert_site_built();

    let app = demo_city_with_2026_evaluations().await;
    let nip = pengawas_nip(&app).await;
    let o = official::Entity::find()
        .filter(official::Column::Nip.eq(nip.clone()))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let s = official::Entity::find_by_id(o.supervisor_id.unwrap()).one(&app.db).await.unwrap().unwrap();
    // A 2027 pact frozen for signing.
    let now = chrono::Utc::now();
    let row = IndicatorInput {
        objective: "Meningkatnya kualitas layanan".into(),
        name: "Indeks kepuasan masyarakat".into(),
        unit: "indeks".into(),
        polarity: "max".into(),
        target_kind: "end_position".into(),
        weight: "100".into(),
        annual: "85".into(),
        tw4: "85".into(),
        ..Default::default()
    };
    let (pact_id, version_id) = frozen_pact(&app, o.id, 2027, row, now).await;

    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser_with(&driver, false).await;
    let signatures = || async {
        signature::Entity::find()
            .filter(signature::Column::PactVersionId.eq(version_id))
            .count(&app.db)
            .await
            .unwrap()
    };

    // The official: /saya is whole as sent, and the menu is all there on a phone.
    login_plain(&c, &base, &nip, "/saya").await;
    let page = c.source().await.unwrap();
    assert!(page.contains(&o.name), "the official's own page names them");
    assert!(!page.contains("Memuat"), "nothing left loading without JavaScript");
    // The phone menu opens without JavaScript too.
    open_menu(&c).await;
    assert!(c
        .find(Locator::XPath("//nav[@id='menu-utama']//a[@href='/akun/sandi']"))
        .await
        .unwrap()
        .is_displayed()
        .await
        .unwrap());
    // JavaScript is really off: the page never hydrates.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(c.find(Locator::XPath("//html[@data-hydrated]")).await.is_err(), "not hydrated");
    click(&c, "//strong[normalize-space()='Menunggu tanda tangan Anda']/preceding-sibling::a").await;
    wait_for(&c, "the pact page", || async { path(&c).await.starts_with("/pakta/").then_some(()) }).await;
    // A wrong password is said beside the field, and nothing is signed.
    fill(&c, "Kata sandi Anda", "bukan-sandinya").await;
    click(&c, &button("Tanda tangani")).await;
    wait_for(&c, "the password error", || async {
        text_of(&c, "//p[@id='password-error']").await.filter(|t| !t.is_empty())
    })
    .await;
    assert_eq!(signatures().await, 0);
    fill(&c, "Kata sandi Anda", app::server::demo::DEMO_PASSWORD).await;
    click(&c, &button("Tanda tangani")).await;
    wait_for(&c, "the official's signature", || async { (signatures().await == 1).then_some(()) }).await;

    // The superior countersigns.
    login_plain(&c, &base, s.nip.as_deref().unwrap(), "/saya").await;
    c.goto(&format!("{base}/pakta/{pact_id}")).await.unwrap();
    fill(&c, "Kata sandi Anda", app::server::demo::DEMO_PASSWORD).await;
    click(&c, &button("Tanda tangani")).await;
    wait_for(&c, "signed by both", || async {
        text_of(&c, "//span[contains(@class,'badge')]").await.filter(|t| t == "Ditandatangani")
    })
    .await;
    assert_eq!(signatures().await, 2);

    // The admin enters a TW III realisation: the sheet's values and row versions are in the
    // HTML, so the save changes exactly the one field typed.
    login_plain(&c, &base, "admin", "/admin").await;
    // Issue 16, item 4: the quarter pages open on the quarter being worked on (with TW I–II of
    // the demo year locked, TW III in December), named in the link and as "TW III".
    let today = chrono::Utc::now().with_timezone(&app::format::wib()).date_naive();
    let latest = app::server::tpp_run::latest_locked(&app.db).await.unwrap();
    let (year, q) = app::domain::tpp::working_quarter(today, latest);
    for page in ["/admin/tpp", "/admin/realisasi", "/admin/penutupan"] {
        c.goto(&format!("{base}{page}")).await.unwrap();
        let url = c.current_url().await.unwrap();
        assert_eq!(url.query(), Some(format!("tahun={year}&tw={}", q.number()).as_str()), "{page}");
        let shown = text_of(&c, "//select[@id='tw']/option[@selected]").await;
        assert_eq!(shown, Some(format!("TW {}", q.roman())), "{page}");
    }
    let pact_2026 = pact::Entity::find()
        .filter(pact::Column::OfficialId.eq(o.id))
        .filter(pact::Column::Year.eq(2026))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    c.goto(&format!("{base}/admin/realisasi/{}/3", pact_2026.id)).await.unwrap();
    let input = "realisations[0].value";
    let before = c.find(Locator::Id(input)).await.unwrap().attr("value").await.unwrap();
    assert!(before.is_some_and(|v| !v.is_empty()), "the stored realisation is in the served field");
    type_into(&c, input, "61").await;
    let sixty_ones = || async {
        realisation::Entity::find().filter(realisation::Column::Value.eq("61")).count(&app.db).await.unwrap()
    };
    let sixty_ones_before = sixty_ones().await;
    click(&c, &button("Simpan realisasi")).await;
    wait_for(&c, "the realisation saved", || async {
        (sixty_ones().await == sixty_ones_before + 1).then_some(())
    })
    .await;
    assert!(!c.source().await.unwrap().contains("telah diubah"), "no false conflict");

    // The admin runs the TW III calculation.
    let runs = || async {
        tpp_run::Entity::find()
            .filter(tpp_run::Column::Year.eq(2026))
            .filter(tpp_run::Column::Quarter.eq(3))
            .count(&app.db)
            .await
            .unwrap()
    };
    let runs_before = runs().await;
    c.goto(&format!("{base}/admin/tpp?tahun=2026&tw=3")).await.unwrap();
    assert_eq!(attr(&c, "//input[@id='tahun']", "value").await.as_deref(), Some("2026"));
    click(&c, &button("Jalankan perhitungan")).await;
    wait_for(&c, "a new TW III run", || async { (runs().await == runs_before + 1).then_some(()) }).await;
    wait_for(&c, "back on the TPP page with its list", || async {
        c.find(Locator::XPath("//table[caption='Hasil per pejabat per bulan']")).await.ok().map(|_| ())
    })
    .await;
    // The page it is sent back to says what the run did (the answer carried by `pakta_hasil`).
    let said = text_of(&c, "//section[@aria-labelledby='judul-jalankan']//div[@role='status']").await;
    assert!(said.as_deref().is_some_and(|t| t.contains("pejabat dihitung, total")), "{said:?}");

    // Issue 16, item 6: a recap for a quarter without results is refused on a page that says
    // so, with the way back, not as bare text.
    c.goto(&format!("{base}/admin/tpp/rekap.pdf?tahun=2026&tw=4&opd=DISPAR")).await.unwrap();
    assert_eq!(text_of(&c, "//h1").await.as_deref(), Some("Belum dapat dibuat"));
    assert!(text_of(&c, "//main//p").await.is_some_and(|t| t.contains("TW IV 2026")));
    assert!(c.find(Locator::XPath("//a[normalize-space()='Kembali']")).await.is_ok());

    // Anyone verifies the code printed on the pact.
    c.delete_all_cookies().await.ok();
    let code = pact_version::Entity::find_by_id(version_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .verification_code
        .unwrap();
    c.goto(&format!("{base}/verifikasi/{code}")).await.unwrap();
    assert_eq!(
        text_of(&c, "//p[contains(@class,'verdict-headline')]").await.as_deref(),
        Some("SAH DAN BERLAKU")
    );

    c.close().await.ok();
    server.abort();
    app.finish().await;
}

/// Issue 15: the attendance month picker is an island. Once hydrated, choosing a month shows that
/// month's stored counts; the save is a plain post, and the page it returns to says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_picks_an_attendance_month_and_saves_it() {
    use app::server::entities::official;
    use chrono::Datelike;
    use sea_orm::{ColumnTrait, QueryFilter};
    assert_site_built();
    let db = TestDb::create(Engine::Sqlite).await.expect("sqlite");
    let app = TestApp::with_demo(db).await;
    let o = official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a demo pengawas");
    let now = chrono::Utc::now();
    let year = now.with_timezone(&app::format::wib()).year();
    app::server::discipline::set_month(&app.db, o.id, year, 1, &[("TK".into(), 2)], None, now).await.unwrap();
    let (addr, server) =
        pakta_server::startup::spawn(app.state.clone(), "127.0.0.1:0".parse().unwrap()).await.expect("serve");
    let base = format!("http://{addr}");
    let driver = start_driver();
    let c = browser(&driver).await;
    login_as(&c, &base, "admin", "/admin").await;
    c.goto(&format!("{base}/admin/pejabat/{}/disiplin?tahun={year}", o.id)).await.unwrap();
    wait_hydrated(&c).await;
    // Hydrated: the month can be chosen (before, it is fixed to the latest month).
    wait_for(&c, "the month picker enabled", || async {
        attr(&c, "//select[@id='month']", "disabled").await.is_none().then_some(())
    })
    .await;
    choose(&c, "month", &format!("{year}-01")).await;
    wait_for(&c, "January's counts", || async {
        prop(&c, "//input[@id='counts-TK']", "value").await.filter(|v| v == "2")
    })
    .await;
    type_into(&c, "counts-TK", "3").await;
    click(&c, &button("Simpan kehadiran")).await;
    wait_for(&c, "saved", || async {
        text_of(&c, "//div[@role='status']").await.filter(|t| t.contains("Kehadiran tersimpan"))
    })
    .await;
    let rec =
        app::server::discipline::official_record(&app.db, o.id, year, chrono::Utc::now()).await.unwrap();
    assert_eq!(rec.months[0].counts.get("TK"), Some(&3), "January, not the latest month");

    c.close().await.ok();
    server.abort();
    app.finish().await;
}
