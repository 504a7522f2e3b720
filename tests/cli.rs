//! The `pakta` binary's subcommands, as an operator runs them.
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `pakta` in demo mode (`PAKTA_DEMO=1`, as `make run` runs it).
fn pakta(db_url: &str, args: &[&str], stdin: Option<&str>) -> Output {
    pakta_in(true, db_url, args, stdin)
}

/// `pakta` in demo mode or, with `demo` false, as a production server runs it.
fn pakta_in(demo: bool, db_url: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pakta"));
    if demo {
        cmd.env("PAKTA_DEMO", "1");
    } else {
        cmd.env_remove("PAKTA_DEMO");
    }
    let mut child = cmd
        .args(args)
        .env("PAKTA_DATABASE_URL", db_url)
        .env("PAKTA_ADDR", "127.0.0.1:0")
        .env("PAKTA_AUDIT_KEY_FILE", audit_key_file(db_url))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run pakta");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("pakta output")
}

/// The audit key of a test database: the default beside a SQLite file; for PostgreSQL one per
/// database in the temp directory (the default, `data/audit.key`, would land in the source tree).
fn audit_key_file(db_url: &str) -> std::path::PathBuf {
    match db_url.strip_prefix("sqlite://") {
        Some(rest) => format!("{}.audit-key", rest.split('?').next().unwrap_or(rest)).into(),
        None => {
            std::env::temp_dir().join(format!("{}.audit-key", db_url.rsplit('/').next().unwrap_or("pakta")))
        }
    }
}

/// N of "Rantai audit utuh: N entri."
fn audit_entries(o: &Output) -> usize {
    text(o)
        .split("Rantai audit utuh: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not an intact chain: {}", text(o)))
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

struct TempDb(std::path::PathBuf);
impl TempDb {
    fn new() -> TempDb {
        TempDb(std::env::temp_dir().join(format!("pakta-cli-{}.db", uuid::Uuid::new_v4().simple())))
    }
    fn url(&self) -> String {
        format!("sqlite://{}?mode=rwc", self.0.display())
    }
}
impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", ".audit-key"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

#[test]
fn migrate_demo_and_user_create() {
    let db = TempDb::new();
    let out = pakta(&db.url(), &["migrate"], None);
    assert!(out.status.success(), "{}", text(&out));

    let out = pakta(&db.url(), &["demo"], None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("31 perangkat daerah"), "{}", text(&out));
    // A second demo refuses, unless asked to do nothing on a filled database.
    let out = pakta(&db.url(), &["demo"], None);
    assert!(!out.status.success());
    assert!(text(&out).contains("sudah berisi data"), "{}", text(&out));
    let out = pakta(&db.url(), &["demo", "--if-empty"], None);
    assert!(out.status.success(), "{}", text(&out));

    // Passwords come from standard input; weak ones and bad roles are refused clearly.
    let out =
        pakta(&db.url(), &["user", "create", "--role", "admin", "--username", "hr.staf"], Some("pendek\n"));
    assert!(!out.status.success());
    assert!(text(&out).contains("minimal 10 karakter"), "{}", text(&out));
    let out = pakta(
        &db.url(),
        &["user", "create", "--role", "root", "--username", "x"],
        Some("sandi-yang-panjang\n"),
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("Peran tidak dikenal"), "{}", text(&out));
    let out = pakta(
        &db.url(),
        &["user", "create", "--role", "admin", "--username", "hr.staf"],
        Some("sandi-yang-panjang\n"),
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = pakta(
        &db.url(),
        &["user", "create", "--role", "admin", "--username", "hr.staf"],
        Some("sandi-yang-panjang\n"),
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("sudah ada"), "{}", text(&out));
}

#[test]
fn unreachable_database_is_a_clear_error() {
    let out = pakta("postgres://postgres@127.0.0.1:1/tidak_ada", &["migrate"], None);
    assert!(!out.status.success());
    let msg = text(&out);
    assert!(msg.contains("Tidak dapat membuka basis data"), "{msg}");
    assert!(!msg.contains("panicked"), "{msg}");
}

#[test]
fn audit_verify_on_a_demo_database() {
    let db = TempDb::new();
    let out = pakta(&db.url(), &["demo"], None);
    assert!(out.status.success(), "{}", text(&out));
    let out = pakta(&db.url(), &["audit", "verify"], None);
    assert!(out.status.success(), "{}", text(&out));
    // The seed summary, the policy version, then each demo pact's steps (create, save, submit, sign).
    assert!(audit_entries(&out) > 200, "{}", text(&out));

    // Rewrite what entry 2 (the demo summary) says, straight in the file: the database refuses,
    // until its triggers are dropped (as whoever holds the file can).
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        use sea_orm::ConnectionTrait;
        let conn = sea_orm::Database::connect(db.url()).await.expect("open database");
        let tamper = r#"UPDATE audit_log SET "after" = '{"demo":false}' WHERE seq = 2"#;
        let refused = conn.execute_unprepared(tamper).await.expect_err("the trigger refuses");
        assert!(refused.to_string().contains("hanya dapat ditambah"), "{refused}");
        conn.execute_unprepared("DROP TRIGGER audit_log_no_update").await.expect("drop trigger");
        let res = conn
            .execute_unprepared(r#"UPDATE audit_log SET "after" = '{"demo":false}' WHERE seq = 2"#)
            .await
            .expect("tamper");
        assert_eq!(res.rows_affected(), 1);
        conn.close().await.expect("close");
    });
    let out = pakta(&db.url(), &["audit", "verify"], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("Rantai audit rusak pada entri #2:"), "{}", text(&out));
}

/// `Kepala rantai: COUNT:HASH` of an intact verify.
fn audit_head(o: &Output) -> String {
    text(o)
        .lines()
        .find_map(|l| l.strip_prefix("Kepala rantai: "))
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|| panic!("no head printed: {}", text(o)))
}

fn sql(db_url: &str, statements: &[&str]) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        use sea_orm::ConnectionTrait;
        let conn = sea_orm::Database::connect(db_url).await.expect("open database");
        for s in statements {
            conn.execute_unprepared(s).await.expect(s);
        }
        conn.close().await.expect("close");
    });
}

/// The first start makes the audit key beside the database, readable by its owner only; verify
/// prints the chain's head, and given that head later finds the end of the chain cut off.
#[test]
fn audit_key_is_made_private_and_verify_reports_the_head() {
    let db = TempDb::new();
    let key_file = audit_key_file(&db.url());
    let out = Command::new(env!("CARGO_BIN_EXE_pakta"))
        .arg("migrate")
        .env("PAKTA_DATABASE_URL", db.url())
        .env_remove("PAKTA_AUDIT_KEY_FILE")
        .output()
        .expect("run pakta");
    assert!(out.status.success(), "{}", text(&out));
    let meta = std::fs::metadata(&key_file).expect("key file made beside the database by default");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(meta.permissions().mode() & 0o777, 0o600, "only the owner may read the key");
    }
    let key_text = std::fs::read_to_string(&key_file).unwrap();
    assert!(key_text.contains("legacy-entries=0"), "{key_text}");

    let out = pakta(&db.url(), &["demo"], None);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(&key_file).unwrap(), key_text, "the key is made once");
    let out = pakta(&db.url(), &["audit", "verify"], None);
    assert!(out.status.success(), "{}", text(&out));
    let entries = audit_entries(&out);
    let head = audit_head(&out);
    let (count, hash) = head.split_once(':').expect("COUNT:HASH");
    assert_eq!(count.parse::<usize>().unwrap(), entries);
    assert_eq!(hash.len(), 64);
    let out = pakta(&db.url(), &["audit", "verify", "--expect-head", &head], None);
    assert!(out.status.success() && text(&out).contains("Cocok"), "{}", text(&out));
    let out = pakta(&db.url(), &["audit", "verify", "--expect-head", "12"], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("JUMLAH:HASH"), "{}", text(&out));

    // The last entry is deleted: the chain alone looks whole, the head kept elsewhere says not.
    sql(
        &db.url(),
        &["DROP TRIGGER audit_log_no_delete", &format!("DELETE FROM audit_log WHERE seq = {entries}")],
    );
    let out = pakta(&db.url(), &["audit", "verify"], None);
    assert_eq!(audit_entries(&out), entries - 1);
    let out = pakta(&db.url(), &["audit", "verify", "--expect-head", &head], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains(&format!("Rantai audit rusak pada entri #{entries}:")), "{said}");
    assert!(said.contains(&format!("hanya berisi {} entri", entries - 1)), "{said}");
}

/// A key file that cannot be read stops every command with a clear message, and a keyed
/// database whose key is missing gets no new key (it would orphan the entries).
#[test]
fn an_unreadable_or_missing_audit_key_is_refused() {
    let db = TempDb::new();
    let out = pakta(&db.url(), &["demo"], None);
    assert!(out.status.success(), "{}", text(&out));
    let key_file = audit_key_file(&db.url());
    let key_text = std::fs::read_to_string(&key_file).unwrap();
    std::fs::write(&key_file, "bukan kunci\n").unwrap();
    for args in [&["serve"][..], &["migrate"], &["audit", "verify"]] {
        let out = pakta(&db.url(), args, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out));
        assert!(
            text(&out).contains(&format!("Berkas kunci audit {} tidak dapat dibaca", key_file.display())),
            "{}",
            text(&out)
        );
    }
    std::fs::remove_file(&key_file).unwrap();
    let out = pakta(&db.url(), &["migrate"], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("tidak ada, padahal log audit sudah berisi entri berkunci"),
        "{}",
        text(&out)
    );
    assert!(!key_file.exists(), "no new key made");
    std::fs::write(&key_file, key_text).unwrap();
    let out = pakta(&db.url(), &["audit", "verify"], None);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn user_passwd_sets_the_password_and_ends_sessions() {
    let db = TempDb::new();
    let out = pakta(&db.url(), &["demo"], None);
    assert!(out.status.success(), "{}", text(&out));
    let seeded = audit_entries(&pakta(&db.url(), &["audit", "verify"], None));
    // Neither or both of --username/--nip is a usage error.
    let out = pakta(&db.url(), &["user", "passwd"], Some("sandi-baru-panjang\n"));
    assert!(!out.status.success());
    let out = pakta(&db.url(), &["user", "passwd", "--username", "admin"], Some("pendek\n"));
    assert!(!out.status.success());
    assert!(text(&out).contains("minimal 10 karakter"), "{}", text(&out));
    let out = pakta(&db.url(), &["user", "passwd", "--username", "tidak.ada"], Some("sandi-baru-panjang\n"));
    assert!(!out.status.success());
    assert!(text(&out).contains("Tidak ada akun tidak.ada"), "{}", text(&out));
    let out = pakta(&db.url(), &["user", "passwd", "--nip", "123"], Some("sandi-baru-panjang\n"));
    assert!(!out.status.success());

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (admin_hash, nip) = rt.block_on(async {
        use app::server::entities::{account, official};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let conn = sea_orm::Database::connect(db.url()).await.expect("open database");
        let admin = account::Entity::find()
            .filter(account::Column::Username.eq("admin"))
            .one(&conn)
            .await
            .unwrap()
            .unwrap();
        let nip = official::Entity::find()
            .filter(official::Column::Nip.is_not_null())
            .one(&conn)
            .await
            .unwrap()
            .and_then(|o| o.nip)
            .unwrap();
        conn.close().await.expect("close");
        (admin.password_hash, nip)
    });
    let out = pakta(&db.url(), &["user", "passwd", "--username", "admin"], Some("sandi-baru-panjang\n"));
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Kata sandi akun admin diganti"), "{}", text(&out));
    let out = pakta(&db.url(), &["user", "passwd", "--nip", &nip], Some("sandi-baru-panjang\n"));
    assert!(out.status.success(), "{}", text(&out));

    rt.block_on(async {
        use app::server::entities::account;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let conn = sea_orm::Database::connect(db.url()).await.expect("open database");
        let admin = account::Entity::find()
            .filter(account::Column::Username.eq("admin"))
            .one(&conn)
            .await
            .unwrap()
            .unwrap();
        assert_ne!(admin.password_hash, admin_hash);
        assert!(!admin.is_demo);
        assert_eq!(
            app::server::auth::verify_password(admin.password_hash, "sandi-baru-panjang".into()).await,
            Ok(true)
        );
        conn.close().await.expect("close");
    });
    // Audited, and the chain is still whole.
    let out = pakta(&db.url(), &["audit", "verify"], None);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(audit_entries(&out), seeded + 2, "{}", text(&out));
}

#[test]
fn print_writes_every_signed_pact_of_the_year() {
    let db = TempDb::new();
    let out = pakta(&db.url(), &["demo"], None);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    // "Pakta 2026: N ditandatangani, ..."
    let signed: usize = said
        .split("Pakta 2026: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("demo output names the signed pacts: {said}"));
    let dir = std::env::temp_dir().join(format!("pakta-print-{}", uuid::Uuid::new_v4().simple()));
    let out = pakta(&db.url(), &["print", "--year", "2026", "--out", dir.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out));
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), signed, "one file per signed pact: {}", text(&out));
    assert!(files.iter().all(|f| f.extension().is_some_and(|e| e == "pdf")));
    let check = Command::new("qpdf").arg("--check").arg(&files[0]).output().expect("qpdf");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    // A year without pacts prints nothing, successfully.
    let out = pakta(&db.url(), &["print", "--year", "2031", "--out", dir.to_str().unwrap()], None);
    assert!(out.status.success() && text(&out).contains("0 pakta"), "{}", text(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Backup, a change, restore: the change is gone and the audit chain is whole (SQLite, and
/// PostgreSQL through pg_dump/pg_restore).
fn backup_round_trip(url: &str) {
    let out = pakta(url, &["demo"], None);
    assert!(out.status.success(), "{}", text(&out));
    let entries = audit_entries(&pakta(url, &["audit", "verify"], None));
    let file = std::env::temp_dir().join(format!("pakta-backup-{}.bak", uuid::Uuid::new_v4().simple()));
    let out = pakta(url, &["backup", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out));
    // It holds everyone's pay: readable by its owner only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // A backup never overwrites.
    let again = pakta(url, &["backup", file.to_str().unwrap()], None);
    assert!(!again.status.success() && text(&again).contains("sudah ada"), "{}", text(&again));
    let out = pakta(
        url,
        &["user", "create", "--role", "admin", "--username", "setelah.cadangan"],
        Some("kata-sandi-panjang\n"),
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(audit_entries(&pakta(url, &["audit", "verify"], None)), entries + 1);
    let out = pakta(url, &["restore", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(audit_entries(&pakta(url, &["audit", "verify"], None)), entries, "back to the backup");
    let out = pakta(url, &["user", "passwd", "--username", "setelah.cadangan"], Some("kata-sandi-panjang\n"));
    assert!(!out.status.success(), "the account made after the backup is gone: {}", text(&out));
    let missing = pakta(url, &["restore", "/tidak/ada.bak"], None);
    assert!(!missing.status.success());
    let _ = std::fs::remove_file(&file);
}

#[test]
fn backup_and_restore_sqlite() {
    let db = TempDb::new();
    backup_round_trip(&db.url());
}

#[test]
fn backup_and_restore_postgres() {
    let admin = std::env::var("PAKTA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let name = format!("pakta_cli_{}", uuid::Uuid::new_v4().simple());
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let created = rt.block_on(async {
        use sea_orm::ConnectionTrait;
        let Ok(conn) = sea_orm::Database::connect(&admin).await else { return false };
        conn.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create database");
        conn.close().await.ok();
        true
    });
    if !created {
        assert!(std::env::var("CI").is_err(), "PostgreSQL unreachable in CI");
        eprintln!("SKIPPED (not in CI): PostgreSQL unreachable");
        return;
    }
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap();
    // With a password in the URL (the test server trusts, so any will do): pg_dump and
    // pg_restore get it through PGPASSWORD, not on their command line.
    let with_password = base.replacen("postgres@", "postgres:tidak-dipakai@", 1);
    backup_round_trip(&format!("{with_password}/{name}"));
    rt.block_on(async {
        use sea_orm::ConnectionTrait;
        let conn = sea_orm::Database::connect(&admin).await.expect("admin");
        conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.ok();
    });
}

/// Stores a TW IV 2026 result (three months; the demo leaves TW IV empty) for every official of DISPAR straight in the
/// database; returns their (name, NIP) and Σ gross.
fn store_dispar_results(url: &str) -> (Vec<(String, String)>, i64) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        use app::server::entities::{official, opd, tpp_result, tpp_run};
        use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
        let conn = sea_orm::Database::connect(url).await.expect("open database");
        let dispar =
            opd::Entity::find().filter(opd::Column::Code.eq("DISPAR")).one(&conn).await.unwrap().unwrap();
        let officials =
            official::Entity::find().filter(official::Column::OpdId.eq(dispar.id)).all(&conn).await.unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        let policy = app::server::policy::in_force(&conn, day).await.unwrap().expect("demo policy");
        let run_id = uuid::Uuid::new_v4();
        tpp_run::Entity::insert(tpp_run::ActiveModel {
            id: Set(run_id),
            year: Set(2026),
            quarter: Set(4),
            opd_id: Set(None),
            policy_id: Set(policy.id),
            status: Set("done".into()),
            started_at: Set(chrono::Utc::now()),
            finished_at: Set(Some(chrono::Utc::now())),
            run_by: Set(None),
            ..Default::default()
        })
        .exec(&conn)
        .await
        .unwrap();
        let mut total = 0;
        let mut results = Vec::new();
        for (i, o) in officials.iter().enumerate() {
            for month in 10..=12i16 {
                // Amounts differ per official and month, so a wrong sum shows.
                let discipline = o.monthly_ceiling * 4 / 10 - 1_000 * i as i64 - 100 * i64::from(month);
                let productivity = o.monthly_ceiling * 6 / 10;
                total += discipline + productivity;
                results.push(tpp_result::ActiveModel {
                    id: Set(uuid::Uuid::new_v4()),
                    run_id: Set(run_id),
                    official_id: Set(o.id),
                    year: Set(2026),
                    month: Set(month),
                    monthly_ceiling: Set(o.monthly_ceiling),
                    discipline_cut_percent: Set("0".into()),
                    discipline: Set(discipline),
                    productivity_factor: Set("100".into()),
                    productivity: Set(productivity),
                    sanction_percent: Set("0".into()),
                    sanction_cut: Set(0),
                    gross: Set(discipline + productivity),
                    policy_id: Set(policy.id),
                    explanation: Set("disimpan oleh uji".into()),
                    // Columns added later (score, predikat) keep their defaults.
                    ..Default::default()
                });
            }
        }
        tpp_result::Entity::insert_many(results).exec(&conn).await.unwrap();
        conn.close().await.expect("close");
        (officials.into_iter().map(|o| (o.name, o.nip.unwrap_or_default())).collect(), total)
    })
}

#[test]
fn export_tpp_writes_xlsx_or_csv_by_extension() {
    use std::io::Read;
    let db = TempDb::new();
    let out = pakta(&db.url(), &["demo"], None);
    assert!(out.status.success(), "{}", text(&out));
    let (officials, total) = store_dispar_results(&db.url());
    let dir = std::env::temp_dir().join(format!("pakta-export-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let export = |out: &str, opd: Option<&str>| {
        let mut args = vec!["export", "tpp", "--year", "2026", "--quarter", "4", "--out", out];
        if let Some(code) = opd {
            args.extend(["--opd", code]);
        }
        pakta(&db.url(), &args, None)
    };

    let out = export(&file("nominatif.xlsx"), Some("DISPAR"));
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains(&format!("{} baris", officials.len() * 3)), "{}", text(&out));
    let bytes = std::fs::read(file("nominatif.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a valid zip");
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut s).unwrap();
        s
    };
    let (sheet, strings) = (part("xl/worksheets/sheet1.xml"), part("xl/sharedStrings.xml"));
    for (name, nip) in &officials {
        assert!(strings.contains(&format!(">{name}<")), "{name}");
        assert!(strings.contains(&format!(">{nip}<")), "NIP {nip} as a string");
    }
    assert!(strings.contains(">JUMLAH<"));
    // The JUMLAH row's bruto: a SUM over the rows whose cached value is the Σ stored.
    let last = 3 + officials.len() * 3;
    assert!(sheet.contains(&format!("<f>SUM(M4:M{last})</f><v>{total}</v>")), "total {total} in {sheet}");

    // Upper-case extensions are fine; CSV still works; anything else is refused before any work.
    let out = export(&file("SEMUA.XLSX"), None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(std::fs::read(file("SEMUA.XLSX")).unwrap().starts_with(b"PK\x03\x04"));
    let out = export(&file("nominatif.csv"), Some("DISPAR"));
    assert!(out.status.success(), "{}", text(&out));
    let csv = std::fs::read_to_string(file("nominatif.csv")).unwrap();
    assert!(csv.lines().last().unwrap().ends_with(&format!(",{total}")), "{csv}");
    for bad in ["nominatif.pdf", "nominatif"] {
        let out = export(&file(bad), None);
        assert!(!out.status.success(), "{bad}");
        assert!(text(&out).contains("gunakan berkas berakhiran .csv atau .xlsx"), "{}", text(&out));
        assert!(!dir.join(bad).exists());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Outside demo mode (no `PAKTA_DEMO`): nothing seeds demo data, `serve` refuses a database that
/// holds demo accounts (naming the variable), and accounts made from the command line must
/// change their password at their first login. The SQLite file is private.
#[test]
fn demo_needs_demo_mode_and_serve_refuses_demo_accounts_outside_it() {
    let db = TempDb::new();
    let out = pakta_in(false, &db.url(), &["demo"], None);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("PAKTA_DEMO=1"), "{}", text(&out));
    // A production database: the first admin must choose their own password.
    let out = pakta_in(
        false,
        &db.url(),
        &["user", "create", "--role", "admin", "--username", "kepala"],
        Some("sandi-awal-panjang\n"),
    );
    assert!(out.status.success(), "{}", text(&out));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db.0).expect("database file").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the SQLite file is created private");
    }
    let must_change = |username: &str| {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async {
            use app::server::entities::account;
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let conn = sea_orm::Database::connect(db.url()).await.expect("open database");
            let a = account::Entity::find()
                .filter(account::Column::Username.eq(username))
                .one(&conn)
                .await
                .unwrap()
                .unwrap();
            conn.close().await.ok();
            a.must_change_password
        })
    };
    assert!(must_change("kepala"));

    // The same database with the demo city in it is refused outside demo mode.
    let demo = TempDb::new();
    let out = pakta(&demo.url(), &["demo"], None);
    assert!(out.status.success(), "{}", text(&out));
    let mut child = Command::new(env!("CARGO_BIN_EXE_pakta"))
        .arg("serve")
        .env_remove("PAKTA_DEMO")
        .env("PAKTA_DATABASE_URL", demo.url())
        .env("PAKTA_AUDIT_KEY_FILE", audit_key_file(&demo.url()))
        .env("PAKTA_ADDR", "127.0.0.1:0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run pakta serve");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("pakta serve did not refuse the demo database");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let out = child.wait_with_output().expect("output");
    assert!(!status.success());
    assert!(text(&out).contains("PAKTA_DEMO=1") && text(&out).contains("akun demo"), "{}", text(&out));
}
