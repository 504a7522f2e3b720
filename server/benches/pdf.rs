//! The benchmark of issue 4: milliseconds per pact PDF, and the time to print every signed pact
//! of the demo year (what `pakta print --year 2026` does). Goal: under 20 ms per pact.
//!
//! Run: `make bench` or `cargo bench -p pakta --bench pdf`. Seeds the demo city into a temporary
//! SQLite database (not timed), then renders every signed pact once as a warm-up and `ROUNDS`
//! more times; prints min and median per pact, the whole year's time and the mean file size.
use app::server::{demo, demo_pacts, pact_print};
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let file = std::env::temp_dir().join(format!("pakta-bench-{}.db", uuid::Uuid::new_v4().simple()));
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let mut settings = pakta_server::config::Settings::new(url, "127.0.0.1:0".parse().unwrap());
    settings.audit_key_file =
        std::env::temp_dir().join(format!("pakta-bench-{}.audit-key", std::process::id()));
    let state = pakta_server::startup::prepare(&settings).await.expect("database");
    demo::seed(&state.db).await.expect("demo city");
    demo_pacts::seed_pacts(&state.db, 2026).await.expect("demo pacts");
    let versions = pact_print::signed_versions(&state.db, 2026).await.expect("signed pacts");
    let now = chrono::Utc::now();
    let mut per_pact = Vec::new();
    let mut years = Vec::new();
    let mut bytes = 0usize;
    for round in 0..=ROUNDS {
        let year_start = Instant::now();
        for (p, v) in &versions {
            let start = Instant::now();
            let (_, pdf) = pact_print::render_version(&state.db, p, v, "https://pakta.batukota.go.id", now)
                .await
                .expect("render");
            if round > 0 {
                per_pact.push(start.elapsed());
                bytes += pdf.len();
            }
        }
        if round > 0 {
            years.push(year_start.elapsed());
        }
    }
    per_pact.sort();
    years.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("signed pacts of 2026: {}", versions.len());
    println!(
        "per pact (load from the database + render): min {:.2} ms, median {:.2} ms, p99 {:.2} ms",
        ms(per_pact[0]),
        ms(per_pact[per_pact.len() / 2]),
        ms(per_pact[per_pact.len() * 99 / 100])
    );
    println!("whole year: min {:.0} ms, median {:.0} ms", ms(years[0]), ms(years[years.len() / 2]));
    println!("mean PDF size: {} bytes", bytes / per_pact.len());
    drop(state);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
}
