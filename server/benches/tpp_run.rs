//! The benchmark of issue 5: a TPP run for 10,000 synthetic officials (5 indicators each) for one
//! quarter, stored; and the Daftar Nominatif of that quarter (30,000 rows) loaded and written to
//! XLSX. Goal: the run under 2 s on SQLite and under 4 s on PostgreSQL.
//!
//! Run: `make bench` or `cargo bench -p pakta --bench tpp_run`. Each engine gets a fresh
//! database (a temporary SQLite file, then a uniquely named PostgreSQL database on
//! `PAKTA_BENCH_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`, dropped at the
//! end; skipped with a note when the server is unreachable), filled with bulk inserts (not timed):
//! 50 OPDs, the officials, a policy in force, and per official a 2026 pact with one signed version,
//! 5 indicators (weights 20, max and min), targets for every quarter and a TW II evaluation with a
//! behaviour rating and every realisation; a few hundred officials have attendance cuts. Then
//! `tpp_run::run` is timed `ROUNDS` times (each rerun replaces the results), with the process's
//! peak resident memory; the nominatif load and the XLSX (and CSV) writers are timed; and, to see
//! where the time goes, the run's bulk load is timed alone, a whole run's statements are counted
//! on a logging connection, and a sample of single sheets (`evaluations::sheet`) is timed and
//! counted for comparison.
//! `PAKTA_BENCH_OFFICIALS` changes the number of officials (default 10,000).
#[path = "support/measure.rs"]
mod measure;
#[path = "support/seed.rs"]
mod seed;
use measure::{cpu_time, load_average, mib, proc_status_kb, reset_peak, secs};

use app::api::auth::SessionUser;
use app::domain::quarter_sheet::preview_with;
use app::domain::tpp::Quarter;
use app::domain::Role;
use app::server::entities::tpp_run as run_row;
use app::server::entities::{
    evaluation, indicator, indicator_target, official, pact, pact_version, realisation, tpp_result,
};
use app::server::{bulk_sheets, evaluations, nominatif_xlsx, policy, tpp_run};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};
use seed::{date, seed, INDICATORS, OPDS, QUARTER, YEAR};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::Layer;
use uuid::Uuid;

const ROUNDS: usize = 3;
/// Sheets read alone, timed and with their statements counted.
const SAMPLE: usize = 200;

/// Statements seen on connections opened with logging on (only the profiling connection).
static STATEMENTS: AtomicU64 = AtomicU64::new(0);

struct CountStatements;

impl<S: tracing::Subscriber> Layer<S> for CountStatements {
    fn on_event(&self, _: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        STATEMENTS.fetch_add(1, Ordering::Relaxed);
    }
}

fn min_median(times: &mut [Duration]) -> (Duration, Duration) {
    times.sort();
    (times[0], times[times.len() / 2])
}

/// Reads a whole table, timed.
macro_rules! time_read {
    ($db:expr, $entity:ty, $what:expr) => {{
        let start = Instant::now();
        let rows = <$entity>::find().all($db).await.expect($what).len();
        println!("profile: reading all {rows} {} rows: {:.3} s", $what, secs(start.elapsed()));
    }};
}

/// A second connection to the same database with statement logging on (counted by
/// [`CountStatements`]), for the profile.
async fn logging_connection(url: &str) -> DatabaseConnection {
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(true).max_connections(2);
    Database::connect(opts).await.expect("profiling connection")
}

async fn bench(engine: &str, url: &str, n: usize) {
    println!("\n=== {engine}: {n} officials × {} indicators, TW {QUARTER} {YEAR} ===", INDICATORS.len());
    let mut settings =
        pakta_server::config::Settings::new(url.to_string(), "127.0.0.1:0".parse().expect("addr"));
    // One audit key per process, whichever engine (`audit_key::install`).
    settings.audit_key_file =
        std::env::temp_dir().join(format!("pakta-bench-{}.audit-key", std::process::id()));
    let state = pakta_server::startup::prepare(&settings).await.expect("database");
    let db = &state.db;
    let setup = Instant::now();
    let seeded = seed(db, n).await;
    println!("setup (not timed): {} rows in {:.1} s", seeded.rows, secs(setup.elapsed()));
    println!(
        "memory after setup: VmRSS {}, VmHWM {}",
        mib(proc_status_kb("VmRSS:")),
        mib(proc_status_kb("VmHWM:"))
    );

    // The run.
    let reset = reset_peak();
    let hwm_before = proc_status_kb("VmHWM:");
    println!("load average before the runs: {} (2 cores; other work lengthens wall times)", load_average());
    let mut times = Vec::new();
    let mut cpu_times = Vec::new();
    let mut last = None;
    for round in 1..=ROUNDS {
        let cpu = cpu_time();
        let start = Instant::now();
        let report = tpp_run::run(db, YEAR, QUARTER, None, None, Utc::now()).await.expect("TPP run");
        let took = start.elapsed();
        let cpu = cpu.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a));
        assert_eq!(report.computed, n, "every official computed");
        assert!(report.skipped.is_empty(), "nothing skipped: {:?}", report.skipped.first());
        println!(
            "run {round}: {:.3} s ({:.0} officials/s), this process's CPU {}, total gross Rp{}",
            secs(took),
            n as f64 / secs(took),
            cpu.map_or_else(|| "n/a".into(), |c| format!("{:.2} s", secs(c))),
            report.total
        );
        times.push(took);
        cpu_times.extend(cpu);
        last = Some(report);
    }
    let hwm_after = proc_status_kb("VmHWM:");
    let report = last.expect("a run");
    let stored = tpp_result::Entity::find().count(db).await.expect("count results");
    let of_last = tpp_result::Entity::find()
        .filter(tpp_result::Column::RunId.eq(report.run_id))
        .count(db)
        .await
        .expect("count results");
    assert_eq!(of_last, 3 * n as u64, "three months per official");
    assert_eq!(stored, of_last, "each rerun replaced the earlier results");
    let (min, median) = min_median(&mut times);
    let goal = if engine == "SQLite" { 2.0 } else { 4.0 };
    println!(
        "TPP run: min {:.3} s, median {:.3} s, {:.0} officials/s (median); goal < {goal} s: {}",
        secs(min),
        secs(median),
        n as f64 / secs(median),
        match (n, secs(median) < goal) {
            (10_000, true) => "met",
            (10_000, false) => "NOT met",
            _ => "(for 10,000 officials)",
        }
    );
    if !cpu_times.is_empty() {
        let (cmin, cmed) = min_median(&mut cpu_times);
        println!(
            "TPP run CPU time of this process: min {:.2} s, median {:.2} s; load average after: {}",
            secs(cmin),
            secs(cmed),
            load_average()
        );
    }
    println!(
        "peak resident memory (VmHWM): {} before the runs{}, {} after; VmRSS now {}",
        mib(hwm_before),
        if reset { " (free heap released and peak reset after setup)" } else { " (peak includes the setup)" },
        mib(hwm_after),
        mib(proc_status_kb("VmRSS:"))
    );

    // The Daftar Nominatif and its exports.
    reset_peak();
    let mut loads = Vec::new();
    let mut xlsx_times = Vec::new();
    let mut csv_times = Vec::new();
    let (mut xlsx_size, mut csv_size, mut row_count) = (0, 0, 0);
    let title = nominatif_xlsx::title(YEAR, QUARTER, None);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let rows = tpp_run::nominatif(db, YEAR, QUARTER, None).await.expect("nominatif");
        loads.push(start.elapsed());
        row_count = rows.len();
        let start = Instant::now();
        let xlsx = nominatif_xlsx::nominatif_xlsx(&rows, &title).expect("XLSX");
        xlsx_times.push(start.elapsed());
        xlsx_size = xlsx.len();
        let start = Instant::now();
        let csv = tpp_run::nominatif_csv(&rows);
        csv_times.push(start.elapsed());
        csv_size = csv.len();
    }
    assert_eq!(row_count, 3 * n);
    let (lmin, lmed) = min_median(&mut loads);
    let (xmin, xmed) = min_median(&mut xlsx_times);
    let (cmin, cmed) = min_median(&mut csv_times);
    println!("nominatif load ({row_count} rows): min {:.3} s, median {:.3} s", secs(lmin), secs(lmed));
    println!(
        "XLSX write: min {:.3} s, median {:.3} s, {} bytes ({:.1} MiB)",
        secs(xmin),
        secs(xmed),
        xlsx_size,
        xlsx_size as f64 / 1048576.0
    );
    println!(
        "CSV write: min {:.3} s, median {:.3} s, {} bytes ({:.1} MiB)",
        secs(cmin),
        secs(cmed),
        csv_size,
        csv_size as f64 / 1048576.0
    );
    println!(
        "peak resident memory during the nominatif and exports: {}{}",
        mib(proc_status_kb("VmHWM:")),
        if reset { " (peak reset before them)" } else { "" }
    );

    // Where the time goes: the bulk load of every sheet's inputs alone (the rest of the run is the
    // engine per official and storing the months); the statements of a whole run, counted on a
    // logging connection; and, for comparison, the single sheet (`evaluations::sheet`, what the
    // realisation screen reads per official) on a sample.
    let pacts_of_year =
        pact::Entity::find().filter(pact::Column::Year.eq(YEAR)).all(db).await.expect("pacts");
    let qt = Quarter::new(QUARTER).expect("quarter");
    let mut loads = Vec::new();
    let mut load_cpu = Vec::new();
    let mut inputs = None;
    for _ in 0..ROUNDS {
        let cpu = cpu_time();
        let start = Instant::now();
        let loaded = bulk_sheets::load(db, &pacts_of_year, YEAR, qt).await.expect("bulk load");
        loads.push(start.elapsed());
        load_cpu.extend(cpu.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a)));
        assert_eq!(loaded.len(), n);
        inputs = Some(loaded);
    }
    let inputs = inputs.expect("a load");
    let (_, load_median) = min_median(&mut loads);
    let load_cpu = (!load_cpu.is_empty()).then(|| min_median(&mut load_cpu).1);
    // The engine alone over the loaded inputs, as the run calls it.
    let ceilings: HashMap<Uuid, i64> = official::Entity::find()
        .all(db)
        .await
        .expect("officials")
        .into_iter()
        .map(|o| (o.id, o.monthly_ceiling))
        .collect();
    let policy =
        policy::in_force(db, date(YEAR, 4, 1)).await.expect("policy").expect("policy in force").policy;
    let cpu = cpu_time();
    let start = Instant::now();
    for p in &pacts_of_year {
        let Some(Ok(s)) = inputs.get(&p.id) else { panic!("inputs of every pact") };
        let preview = preview_with(
            &s.indicators,
            &s.values,
            s.rating,
            ceilings[&p.official_id],
            YEAR,
            qt,
            &policy,
            &s.discipline,
        )
        .expect("preview");
        assert!(preview.total.is_some());
    }
    let engine = start.elapsed();
    let engine_cpu = cpu.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a));
    drop(inputs);
    let cpu_text = |c: Option<Duration>| c.map_or_else(|| "n/a".into(), |c| format!("{:.2} s", secs(c)));
    println!(
        "profile: bulk load of the {n} sheets' inputs (bulk_sheets::load) median {:.3} s (CPU of this process {}); \
         the engine alone (preview_with × {n}) {:.3} s (CPU {}); the rest of the median run (reading officials \
         and pacts, deleting the earlier results, storing {} months, progress, audit) ≈ {:.3} s",
        secs(load_median),
        cpu_text(load_cpu),
        secs(engine),
        cpu_text(engine_cpu),
        3 * n,
        secs(median.saturating_sub(load_median).saturating_sub(engine))
    );
    // What the bulk load reads, table by table (whole tables, every column: the load reads only
    // the year's signed versions and the columns a sheet uses).
    time_read!(db, official::Entity, "official (the run reads them all)");
    time_read!(db, pact_version::Entity, "pact_version (with the snapshot and the integrity text)");
    time_read!(db, indicator::Entity, "indicator");
    time_read!(db, indicator_target::Entity, "indicator_target (all four quarters)");
    let start = Instant::now();
    let of_quarter = indicator_target::Entity::find()
        .filter(indicator_target::Column::Quarter.eq(QUARTER as i16))
        .all(db)
        .await
        .expect("targets of the quarter")
        .len();
    println!(
        "profile: reading the {of_quarter} indicator_target rows of TW {QUARTER} only: {:.3} s",
        secs(start.elapsed())
    );
    time_read!(db, evaluation::Entity, "evaluation");
    time_read!(db, realisation::Entity, "realisation");
    let logged = logging_connection(url).await;
    STATEMENTS.store(0, Ordering::Relaxed);
    let start = Instant::now();
    let logged_report = tpp_run::run(&logged, YEAR, QUARTER, None, None, Utc::now()).await.expect("run");
    let logged_took = start.elapsed();
    let run_statements = STATEMENTS.load(Ordering::Relaxed);
    assert_eq!(logged_report.computed, n);
    println!(
        "profile: one whole run with statement logging on: {run_statements} statements ({:.3} per official), {:.3} s",
        run_statements as f64 / n as f64,
        secs(logged_took)
    );
    // The run's writes alone, in a transaction rolled back: deleting a run's 30,000 results and
    // inserting them again as the run does (tpp_run::store_results); and 50 progress updates,
    // each committed.
    let results = tpp_result::Entity::find()
        .filter(tpp_result::Column::RunId.eq(logged_report.run_id))
        .all(db)
        .await
        .expect("results");
    let txn = db.begin().await.expect("transaction");
    let start = Instant::now();
    tpp_result::Entity::delete_many()
        .filter(tpp_result::Column::RunId.eq(logged_report.run_id))
        .exec(&txn)
        .await
        .expect("delete results");
    let deleting = start.elapsed();
    let start = Instant::now();
    let again: Vec<tpp_result::Model> =
        results.iter().map(|r| tpp_result::Model { id: Uuid::new_v4(), ..r.clone() }).collect();
    tpp_run::store_results(&txn, &again).await.expect("insert results");
    let inserting = start.elapsed();
    txn.rollback().await.expect("rollback");
    let start = Instant::now();
    for i in 0..50 {
        run_row::Entity::update_many()
            .set(run_row::ActiveModel { processed: Set(i), ..Default::default() })
            .filter(run_row::Column::Id.eq(logged_report.run_id))
            .exec(db)
            .await
            .expect("progress");
    }
    println!(
        "profile: deleting {} stored results {:.3} s; inserting them as the run does {:.3} s; \
         50 progress updates, each committed, {:.3} s",
        results.len(),
        secs(deleting),
        secs(inserting),
        secs(start.elapsed())
    );
    let admin = SessionUser {
        account_id: Uuid::nil(),
        username: "bench".into(),
        role: Role::Admin,
        official_id: None,
        display_name: "Bench".into(),
        must_change_password: false,
    };
    let sample: Vec<Uuid> =
        seeded.pact_ids.iter().step_by((n / SAMPLE).max(1)).take(SAMPLE).copied().collect();
    let start = Instant::now();
    for id in &sample {
        evaluations::sheet(db, &admin, *id, QUARTER).await.expect("sheet");
    }
    let per_sheet = start.elapsed() / sample.len() as u32;
    STATEMENTS.store(0, Ordering::Relaxed);
    for id in &sample {
        evaluations::sheet(&logged, &admin, *id, QUARTER).await.expect("sheet");
    }
    let per_sheet_statements = STATEMENTS.load(Ordering::Relaxed) as f64 / sample.len() as f64;
    logged.close().await.expect("close the profiling connection");
    println!(
        "profile, for comparison: one sheet read alone (evaluations::sheet) {:.3} ms and \
         {per_sheet_statements:.1} statements (mean of {}); a run of {n} sheets so would take ≈ {:.1} s",
        per_sheet.as_secs_f64() * 1000.0,
        sample.len(),
        secs(per_sheet * n as u32),
    );
    state.db.close_by_ref().await.expect("close the database");
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

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Counts the statements of logging connections; shows the app's warnings and errors.
    let counting =
        CountStatements.with_filter(tracing_subscriber::filter::filter_fn(|m| m.target() == "sqlx::query"));
    let errors = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(tracing_subscriber::filter::LevelFilter::WARN);
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(counting).with(errors))
        .expect("subscriber");
    let n: usize = std::env::var("PAKTA_BENCH_OFFICIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    assert!((OPDS..30_000).contains(&n), "PAKTA_BENCH_OFFICIALS must be 50 to 29,999");
    println!(
        "peak resident memory at start: {} (process-wide; the runs' peak is measured after a reset)",
        mib(proc_status_kb("VmHWM:"))
    );

    let id = Uuid::new_v4().simple().to_string();
    let file = SqliteFile(std::env::temp_dir().join(format!("pakta-bench-tpp-{id}.db")));
    bench("SQLite", &format!("sqlite://{}?mode=rwc", file.0.display()), n).await;
    drop(file);

    let admin_url = std::env::var("PAKTA_BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let mut opts = ConnectOptions::new(admin_url.clone());
    opts.sqlx_logging(false).connect_timeout(Duration::from_secs(5)).max_connections(1);
    let admin = match Database::connect(opts).await {
        Ok(db) => db,
        Err(e) => {
            println!("\n=== PostgreSQL: SKIPPED, server unreachable at {admin_url}: {e} ===");
            return;
        }
    };
    let name = format!("pakta_bench_{id}");
    admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create bench database");
    let base = admin_url.rsplit_once('/').map_or(admin_url.clone(), |(b, _)| b.to_string());
    // Dropped even when the bench panics.
    let result =
        tokio::task::spawn(async move { bench("PostgreSQL", &format!("{base}/{name}"), n).await }).await;
    let name = format!("pakta_bench_{id}");
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await
        .expect("drop bench database");
    match result {
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => panic!("PostgreSQL bench stopped: {e}"),
        Ok(()) => {}
    }
}
