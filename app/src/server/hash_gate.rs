//! Bounds the password checks that run at once. Each argon2 check takes about 19 MiB for its
//! duration, on the blocking pool: without a bound, anonymous bogus logins could grow the server
//! by 19 MiB each (48 at once took it from 196 MB to 1.04 GB, where it stayed). Checks beyond the
//! permits wait in a short queue; past that, or after waiting too long, they are refused with
//! `AppError::Busy` ("try again") rather than queued for ever.
use crate::error::AppError;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How long a check may wait for a permit before it is refused.
const WAIT_LIMIT: Duration = Duration::from_secs(10);

pub struct HashGate {
    permits: Arc<Semaphore>,
    /// Checks running or waiting.
    admitted: AtomicUsize,
    /// Most checks running or waiting at once (permits + the queue).
    capacity: usize,
    running: Arc<Running>,
}

/// Checks running now, and the most that ever ran at once (for the tests).
#[derive(Default)]
struct Running {
    now: AtomicUsize,
    most: AtomicUsize,
}

/// Counts a check out of `admitted` however it ends (done, refused, cancelled).
struct Admission<'a>(&'a AtomicUsize);

impl Drop for Admission<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl HashGate {
    /// `permits` checks at once, `queue` more waiting.
    pub fn new(permits: usize, queue: usize) -> HashGate {
        let permits = permits.max(1);
        HashGate {
            permits: Arc::new(Semaphore::new(permits)),
            admitted: AtomicUsize::new(0),
            capacity: permits + queue,
            running: Arc::default(),
        }
    }

    /// The process's gate: permits near the core count (at most 8, so at most about 150 MiB of
    /// argon2 memory at once), and a queue of 4 checks per permit.
    pub fn global() -> &'static HashGate {
        static GATE: OnceLock<HashGate> = OnceLock::new();
        GATE.get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            let permits = cores.clamp(1, 8);
            HashGate::new(permits, permits * 4)
        })
    }

    /// Waits for a permit; `Busy` when the queue is full or the wait too long. The pass holds
    /// the check's place until it is used or dropped.
    pub async fn enter(&self) -> Result<Pass<'_>, AppError> {
        if self.admitted.fetch_add(1, Ordering::SeqCst) >= self.capacity {
            self.admitted.fetch_sub(1, Ordering::SeqCst);
            tracing::warn!(capacity = self.capacity, "password check refused: too many at once");
            return Err(AppError::Busy);
        }
        let admission = Admission(&self.admitted);
        match tokio::time::timeout(WAIT_LIMIT, self.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(Pass { _admission: admission, permit, running: self.running.clone() }),
            Ok(Err(_)) => Err(AppError::Internal),
            Err(_) => {
                tracing::warn!("password check refused: waited too long for a permit");
                Err(AppError::Busy)
            }
        }
    }

    /// Runs `work` on the blocking pool once a permit is free (`enter`, then `Pass::run`).
    pub async fn run<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        self.enter().await?.run(work).await
    }

    /// Checks running or waiting now.
    pub fn admitted(&self) -> usize {
        self.admitted.load(Ordering::SeqCst)
    }

    /// The most checks that ran at once so far.
    pub fn most_running(&self) -> usize {
        self.running.most.load(Ordering::SeqCst)
    }
}

/// A permit to run one check.
pub struct Pass<'a> {
    _admission: Admission<'a>,
    permit: OwnedSemaphorePermit,
    running: Arc<Running>,
}

impl Pass<'_> {
    /// Runs `work` on the blocking pool. The permit goes with the work: it is held until the
    /// check is done even when the caller goes away meanwhile (a client that disconnects), so no
    /// more than the permits ever run.
    pub async fn run<T, F>(self, work: F) -> Result<T, AppError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let Pass { _admission, permit, running } = self;
        let result = tokio::task::spawn_blocking(move || {
            let now = running.now.fetch_add(1, Ordering::SeqCst) + 1;
            running.most.fetch_max(now, Ordering::SeqCst);
            let out = work();
            running.now.fetch_sub(1, Ordering::SeqCst);
            drop(permit);
            out
        })
        .await;
        result.map_err(|e| {
            tracing::error!(error = %e, "password check panicked");
            AppError::Internal
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Condvar, Mutex};
    use std::time::Instant;

    /// A door the blocking work waits at until the test opens it.
    #[derive(Default)]
    struct Door {
        open: Mutex<bool>,
        bell: Condvar,
    }

    impl Door {
        fn wait(&self) {
            let mut open = self.open.lock().unwrap();
            while !*open {
                open = self.bell.wait(open).unwrap();
            }
        }
        fn open(&self) {
            *self.open.lock().unwrap() = true;
            self.bell.notify_all();
        }
    }

    async fn until(what: &str, done: impl Fn() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !done() {
            assert!(Instant::now() < deadline, "{what}: not within 10 s");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn at_most_the_permits_run_and_overload_is_refused_at_once() {
        let gate = Arc::new(HashGate::new(2, 3));
        let door = Arc::new(Door::default());
        let in_work = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..5 {
            let (gate, door, in_work) = (gate.clone(), door.clone(), in_work.clone());
            tasks.push(tokio::spawn(async move {
                gate.run(move || {
                    in_work.fetch_add(1, Ordering::SeqCst);
                    door.wait();
                })
                .await
            }));
        }
        until("2 running, 3 waiting", || gate.admitted() == 5 && in_work.load(Ordering::SeqCst) == 2).await;
        // Full: the next check is refused at once, not queued.
        let started = Instant::now();
        assert_eq!(gate.run(|| ()).await, Err(AppError::Busy));
        assert!(started.elapsed() < Duration::from_secs(1));
        assert_eq!(in_work.load(Ordering::SeqCst), 2, "no third check started while two run");
        door.open();
        for t in tasks {
            assert_eq!(t.await.unwrap(), Ok(()));
        }
        assert_eq!(in_work.load(Ordering::SeqCst), 5, "every admitted check ran");
        assert_eq!(gate.most_running(), 2, "never more than the permits at once");
        assert_eq!(gate.admitted(), 0);
        // Room again once the queue has drained.
        assert_eq!(gate.run(|| 7).await, Ok(7));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_cancelled_wait_frees_its_place() {
        let gate = Arc::new(HashGate::new(1, 1));
        let door = Arc::new(Door::default());
        let (g, d) = (gate.clone(), door.clone());
        let running = tokio::spawn(async move { g.run(move || d.wait()).await });
        until("one running", || gate.admitted() == 1).await;
        let g = gate.clone();
        let waiting = tokio::spawn(async move { g.run(|| ()).await });
        until("one waiting", || gate.admitted() == 2).await;
        assert_eq!(gate.run(|| ()).await, Err(AppError::Busy));
        // The client went away: its place in the queue is given back.
        waiting.abort();
        until("the place given back", || gate.admitted() == 1).await;
        door.open();
        running.await.unwrap().unwrap();
        assert_eq!(gate.admitted(), 0);
        assert_eq!(gate.run(|| 1).await, Ok(1));
    }
}
