use clap::Parser;
use pakta_server::cli::{run, Cli};
use tracing_subscriber::EnvFilter;

/// Worker threads' stack: rendering a page walks the whole view tree recursively, and the tree
/// grows with every route; 8 MiB leaves ample room (the default is 2 MiB).
const WORKER_STACK_BYTES: usize = 8 * 1024 * 1024;

fn main() -> std::process::ExitCode {
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(WORKER_STACK_BYTES)
        .build()
    {
        Ok(runtime) => runtime.block_on(pakta_main()),
        Err(e) => {
            eprintln!("pakta: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn pakta_main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_env("PAKTA_LOG").unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("pakta: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
