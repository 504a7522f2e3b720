//! Measurements of the benchmark's own process (Linux `/proc`): peak and current resident memory,
//! CPU time, load average. Included by each bench with `#[path = "support/measure.rs"] mod measure;`.
#![allow(dead_code)]

use std::time::Duration;

/// A line of `/proc/self/status` in kB (`VmHWM`: peak resident set, `VmRSS`: current).
pub fn proc_status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn mib(kb: Option<u64>) -> String {
    kb.map_or_else(|| "n/a".to_string(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
extern "C" {
    fn malloc_trim(pad: usize) -> i32;
}

/// Returns the heap's free memory to the system (glibc), then resets the peak resident set to the
/// current one (Linux ≥ 4.0), so that what follows is measured rather than what came before.
pub fn reset_peak() -> bool {
    // SAFETY: glibc's malloc_trim only releases free memory; it takes no pointers.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        malloc_trim(0);
    }
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// CPU time of this process so far (all threads, SQLite's workers included), from
/// `/proc/self/stat` (`utime` + `stime`, in ticks of 1/100 s): unlike wall time, not lengthened
/// when other processes compete for the CPU.
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which is in parentheses and may contain spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "n/a".into())
}

pub fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}
