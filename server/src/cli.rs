//! The `pakta` command line. Subcommands and flags are a stable contract (see README).
use crate::config::{Settings, DEFAULT_ADDR, DEFAULT_DATABASE_URL};
use crate::startup;
use app::domain::Role;
use app::server::{accounts, audit, demo, demo_evaluations, demo_pacts, pact_print};
use clap::{Parser, Subcommand};
use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;

#[derive(Debug, Parser)]
#[command(name = "pakta", version, about = "Pakta Integritas & Perjanjian Kinerja — Pemerintah Kota Batu")]
pub struct Cli {
    /// Database URL: SQLite (default) or PostgreSQL (postgres://user@host/db).
    #[arg(long, global = true, env = "PAKTA_DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
    /// Address to serve on.
    #[arg(long, global = true, env = "PAKTA_ADDR", default_value = DEFAULT_ADDR)]
    pub addr: SocketAddr,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (the default). Applies pending migrations first.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Seed the demo city of Kota Batu (refuses when the database already has data).
    Demo {
        /// Do nothing, successfully, when the database already has data (used by `make run`).
        #[arg(long)]
        if_empty: bool,
    },
    /// Evaluate a calculation case file (JSON, or "-" for standard input) and print the result
    /// JSON. Touches no database.
    Calc {
        /// Path of the case file, or "-" to read standard input.
        case: String,
        /// Print the steps of the calculation in Indonesian instead of the result JSON.
        #[arg(long)]
        explain: bool,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Write every signed pact of a year as PDF, one file per pact, into a directory (created if
    /// missing); existing files of the same name are replaced.
    Print {
        /// Budget year.
        #[arg(long)]
        year: i32,
        /// Output directory.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Exports for payroll and reports.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// Write an online, consistent backup of the database to FILE (must not exist yet).
    Backup { file: std::path::PathBuf },
    /// Replace the database with the backup in FILE (stop the server first), then apply any
    /// newer migrations.
    Restore { file: std::path::PathBuf },
    /// The tamper-evident audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The Daftar Nominatif TPP of a quarter's stored run, as CSV or XLSX by the output file's
    /// extension (one line per official and month, with a totals line).
    Tpp {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        quarter: u32,
        /// Only this OPD (its code, e.g. DISPAR).
        #[arg(long)]
        opd: Option<String>,
        /// Output file: .csv or .xlsx.
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain from the first entry with the audit key; exit 1 at the first broken
    /// link. Prints the chain's head (COUNT:HASH) to keep elsewhere.
    Verify {
        /// A head printed earlier (by this command or on a closing report): the chain must still
        /// have that many entries, the last of them with that hash; fewer entries or another hash
        /// is reported broken.
        #[arg(long, value_name = "COUNT:HASH")]
        expect_head: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from standard input (one line) or prompted for.
    Create {
        /// admin | official | dprd
        #[arg(long)]
        role: String,
        /// Login name (admin and dprd accounts).
        #[arg(long)]
        username: Option<String>,
        /// NIP of the official (official accounts; they log in with it).
        #[arg(long)]
        nip: Option<String>,
    },
    /// Set an account's password and end all its sessions. The password is read from standard
    /// input (one line) or prompted for twice.
    Passwd {
        /// Login name of the account.
        #[arg(long, conflicts_with = "nip", required_unless_present = "nip")]
        username: Option<String>,
        /// NIP of the official whose account it is.
        #[arg(long)]
        nip: Option<String>,
    },
}

/// Reads the new password: one line from a pipe, or twice at a terminal prompt.
fn read_password() -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Kata sandi baru: ").map_err(|e| e.to_string())?;
        let second = rpassword::prompt_password("Ulangi kata sandi: ").map_err(|e| e.to_string())?;
        if first != second {
            return Err("Kedua kata sandi tidak sama.".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|e| e.to_string())?;
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }
}

/// Runs the command; `Err` carries the message for standard error.
pub async fn run(cli: Cli) -> Result<(), String> {
    let settings = Settings::new(cli.database_url.clone(), cli.addr);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => startup::serve(&settings).await.map_err(|e| e.to_string()),
        Command::Migrate => {
            let state = startup::prepare(&settings).await.map_err(|e| e.to_string())?;
            drop(state);
            println!("Migrasi selesai.");
            Ok(())
        }
        Command::Demo { if_empty } => {
            if !settings.demo {
                return Err(
                    "Data demo hanya dibuat dalam mode demo: jalankan dengan PAKTA_DEMO=1 (seperti `make run`). \
                     Akun demo memakai kata sandi yang diumumkan dan tidak boleh ada di server produksi."
                        .into(),
                );
            }
            let state = startup::prepare(&settings).await.map_err(|e| e.to_string())?;
            let summary = match demo::seed(&state.db).await {
                Ok(summary) => summary,
                Err(app::error::AppError::Conflict(_)) if if_empty => {
                    println!("Basis data sudah berisi data; data demo tidak ditambahkan.");
                    return Ok(());
                }
                Err(e) => return Err(e.to_string()),
            };
            println!(
                "Data demo Kota Batu dibuat: {} perangkat daerah, {} pejabat, {} akun.",
                summary.opds, summary.officials, summary.accounts
            );
            let made = demo_pacts::seed_pacts(&state.db, 2026).await.map_err(|e| e.to_string())?;
            println!(
                "Pakta 2026: {} ditandatangani, {} menunggu tanda tangan, {} draf, {} direvisi setelah mutasi.",
                made.signed, made.awaiting, made.drafts, made.superseded
            );
            let evaluated =
                demo_evaluations::seed_evaluations(&state.db, 2026).await.map_err(|e| e.to_string())?;
            println!("{}", evaluated.describe(2026));
            println!(
                "Akun demo: admin, dprd, dan setiap pejabat (masuk dengan NIP); kata sandi: {}",
                demo::DEMO_PASSWORD
            );
            Ok(())
        }
        Command::Calc { case, explain } => {
            let text = if case == "-" {
                std::io::read_to_string(std::io::stdin()).map_err(|e| format!("stdin: {e}"))?
            } else {
                std::fs::read_to_string(&case).map_err(|e| format!("{case}: {e}"))?
            };
            println!("{}", app::domain::case::run(&text, explain).map_err(|e| e.to_string())?);
            Ok(())
        }
        Command::User { command: UserCommand::Create { role, username, nip } } => {
            let role = Role::parse(&role).map_err(|e| e.message)?;
            let password = read_password()?;
            let state = startup::prepare(&settings).await.map_err(|e| e.to_string())?;
            let must_change_password = !settings.demo;
            let new = accounts::NewAccount { role, username, nip, password, must_change_password };
            let account = accounts::create(&state.db, new).await.map_err(|e| match e {
                app::error::AppError::Validation { field, message } => format!("{field}: {message}"),
                other => other.to_string(),
            })?;
            println!("Akun {} ({}) dibuat.", account.username, role.label_id());
            Ok(())
        }
        Command::User { command: UserCommand::Passwd { username, nip } } => {
            let password = read_password()?;
            let state = startup::prepare(&settings).await.map_err(|e| e.to_string())?;
            let found = match (&username, &nip) {
                (Some(u), _) => accounts::find_by_username(&state.db, u).await,
                (None, Some(n)) => accounts::find_by_nip(&state.db, n).await,
                (None, None) => return Err("Sebutkan --username atau --nip.".into()),
            }
            .map_err(|e| e.to_string())?;
            let who = username.or(nip).unwrap_or_default();
            let account = found.ok_or_else(|| format!("Tidak ada akun {who}."))?;
            let account = accounts::set_password(
                &state.db,
                account.id,
                &password,
                !settings.demo,
                None,
                chrono::Utc::now(),
            )
            .await
            .map_err(|e| match e {
                app::error::AppError::Validation { field, message } => format!("{field}: {message}"),
                other => other.to_string(),
            })?;
            println!("Kata sandi akun {} diganti; semua sesinya diakhiri.", account.username);
            Ok(())
        }
        Command::Print { year, out } => {
            let state = startup::prepare(&settings).await.map_err(|e| e.to_string())?;
            std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
            let started = std::time::Instant::now();
            let versions = pact_print::signed_versions(&state.db, year).await.map_err(|e| e.to_string())?;
            let now = chrono::Utc::now();
            for (p, v) in &versions {
                let (name, bytes) = pact_print::render_version(&state.db, p, v, &settings.public_url, now)
                    .await
                    .map_err(|e| e.to_string())?;
                let path = out.join(name);
                std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            println!(
                "{} pakta tahun {year} yang ditandatangani dicetak ke {} ({} ms).",
                versions.len(),
                out.display(),
                started.elapsed().as_millis()
            );
            Ok(())
        }
        Command::Export { command: ExportCommand::Tpp { year, quarter, opd, out } } => {
            let extension = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            let xlsx = match extension.as_deref() {
                Some("csv") => false,
                Some("xlsx") => true,
                _ => {
                    return Err(format!(
                        "{}: format keluaran tidak dikenal; gunakan berkas berakhiran .csv atau .xlsx.",
                        out.display()
                    ))
                }
            };
            let state = startup::prepare(&settings).await.map_err(|e| e.to_string())?;
            let rows = app::server::tpp_run::nominatif(&state.db, year, quarter, opd.as_deref())
                .await
                .map_err(|e| e.to_string())?;
            // The command line reads pay too: recorded, without an account.
            app::server::audit::record_pay_read(
                &state.read_log,
                None,
                "tpp_result",
                Some(format!("{year}-TW{quarter}")),
                "pakta export tpp",
                serde_json::json!({ "tahun": year, "tw": quarter, "opd": opd, "berkas": out.display().to_string() }),
                chrono::Utc::now(),
            )
            .await
            .map_err(|e| e.to_string())?;
            let bytes = if xlsx {
                let title = app::server::nominatif_xlsx::title(year, quarter, opd.as_deref());
                app::server::nominatif_xlsx::nominatif_xlsx(&rows, &title).map_err(|e| e.to_string())?
            } else {
                app::server::tpp_run::nominatif_csv(&rows).into_bytes()
            };
            std::fs::write(&out, bytes).map_err(|e| format!("{}: {e}", out.display()))?;
            println!(
                "{} baris Daftar Nominatif TPP TW {quarter} {year} ditulis ke {}.",
                rows.len(),
                out.display()
            );
            Ok(())
        }
        Command::Backup { file } => {
            println!("{}", crate::backup::backup(&settings.database_url, &file).await?);
            Ok(())
        }
        Command::Restore { file } => {
            println!("{}", crate::backup::restore(&settings.database_url, &file).await?);
            let state = startup::prepare(&settings).await.map_err(|e| e.to_string())?;
            drop(state);
            Ok(())
        }
        Command::Audit { command: AuditCommand::Verify { expect_head } } => {
            let expected = expect_head.map(|h| h.parse::<audit::Head>()).transpose()?;
            let state = startup::prepare(&settings).await.map_err(|e| e.to_string())?;
            let key = app::server::audit_key::installed().map_err(|e| e.to_string())?;
            let found =
                audit::verify_chain(&state.db, key, expected.as_ref()).await.map_err(|e| e.to_string())?;
            match found.report {
                audit::VerifyReport::Intact { entries } => {
                    println!("Rantai audit utuh: {entries} entri.");
                    println!("Kepala rantai: {}", found.head);
                    if let Some(expected) = expected {
                        println!("Cocok dengan kepala yang dicatat sebelumnya ({expected}).");
                    }
                    if found.legacy_entries > 0 {
                        println!(
                            "Entri 1–{} ditulis sebelum rantai berkunci (SHA-256 tanpa kunci); sesudahnya HMAC-SHA256 dengan kunci {}.",
                            found.legacy_entries,
                            key.id()
                        );
                    }
                    Ok(())
                }
                audit::VerifyReport::Broken { seq, reason } => {
                    Err(format!("Rantai audit rusak pada entri #{seq}: {reason}"))
                }
            }
        }
    }
}
