//! The tamper-evident audit log (issue 7): every write is appended, in the writer's own
//! transaction, to a hash chain. Entry n stores the hash of entry n−1, so changing, removing or
//! reordering an entry breaks the chain at that point, and `verify` finds it.
//!
//! **Canonical form.** The hash is SHA-256 (lowercase hex) of the compact JSON text of the array
//! `["pakta-audit-v1", seq, at, account_id, action, entity, record_id, before, after, prev_hash]`
//! as `serde_json` writes it (no whitespace, strings escaped the one way it escapes them). `at`
//! is RFC 3339 in UTC with exactly six fractional digits (`2026-01-02T03:04:05.123456Z`); it is
//! truncated to microseconds before it is hashed *and* stored, the precision both SQLite (text)
//! and PostgreSQL (`timestamptz`) keep, so the value read back hashes the same. `account_id` is
//! the hyphenated UUID or `null`; `before` and `after` enter as the exact JSON *text* stored in
//! their columns (or `null`), not re-parsed, so that verification never depends on how a JSON
//! value is re-serialised. The leading tag lets a later format change be told apart.
//!
//! **Concurrency.** Appends are serialised so two writers can never read the same last entry:
//! - PostgreSQL: `pg_advisory_xact_lock(APPEND_LOCK)` inside the transaction before the read of
//!   the last entry; it is held until commit or rollback, and under READ COMMITTED the read that
//!   follows sees the entry the previous holder committed.
//! - SQLite: one writer at a time holds the database's write lock until it commits. We take it
//!   with a write that changes nothing (`UPDATE audit_log ... WHERE 0 = 1`) before the read, so
//!   the read sees the newest chain and no one else can append until we commit. (In WAL mode a
//!   transaction whose snapshot predates another's commit cannot take the lock at all: it fails
//!   rather than fork the chain.) The busy timeout makes waiting writers queue.
//!
//! The unique indexes on `seq` and `hash` remain the last line of defence: should the lock ever
//! be missing, the loser's insert fails and its whole transaction rolls back.
//!
//! A hash chain cannot show that entries were cut off at the end; exporting the last hash
//! elsewhere (a printed report, a backup) would anchor it. Not done yet.
use super::entities::audit_log;
use crate::error::AppError;
use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use sha2::{Digest, Sha256};
use std::fmt;
use std::sync::Arc;
use uuid::Uuid;

/// `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// Key of the PostgreSQL advisory lock that serialises appends ("pakta" + 1).
const APPEND_LOCK: i64 = 0x7061_6b74_6100_0001;
const FORMAT_TAG: &str = "pakta-audit-v1";

/// What was done: the values of the `action` column.
pub mod action {
    pub const CREATE: &str = "create";
    pub const UPDATE: &str = "update";
    pub const DEACTIVATE: &str = "deactivate";
    pub const ACTIVATE: &str = "activate";
    /// mutasi
    pub const TRANSFER: &str = "transfer";
    /// One entry per official created by a CSV import.
    pub const IMPORT: &str = "import";
    /// The demo seed, as one summary entry.
    pub const SEED: &str = "seed";
    /// An account's password set by an admin or the command line.
    pub const SET_PASSWORD: &str = "set_password";
    /// Individual pay data read (issue 7): a TPP amount, ceiling or ledger line of a named
    /// official, on a page, through a server function or in an export.
    pub const READ_PAY: &str = "read_pay";
}

/// To what: the values of the `entity` column (table names).
pub mod entity {
    pub const OFFICIAL: &str = "official";
    pub const ACCOUNT: &str = "account";
    pub const TPP_POLICY: &str = "tpp_policy";
    /// The whole database (the demo seed).
    pub const DATABASE: &str = "database";
}

/// Records that `actor` (`None`: the command line) read individual pay data: `entity` is the
/// table read, `record_id` whose or which period, `view` the page, server function or export,
/// `detail` what was asked for. Returns once the entry is committed; a read that cannot be
/// recorded fails, so no pay is shown unrecorded.
pub async fn record_pay_read(
    log: &ReadLog,
    actor: Option<Uuid>,
    entity: &str,
    record_id: Option<String>,
    view: &str,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut after = serde_json::json!({ "tampilan": view });
    if let (Some(after), serde_json::Value::Object(more)) = (after.as_object_mut(), detail) {
        after.extend(more);
    }
    log.append(
        Entry { actor, action: action::READ_PAY, entity, record_id, before: None, after: Some(after) },
        now,
    )
    .await
}

/// Most reads committed in one transaction (a longer queue waits for the next one).
const MOST_READS_PER_COMMIT: usize = 256;

/// Where entries about reads (pay read, DPRD figures seen) are appended: one per app, shared by
/// its requests. Each read still waits until its entry is committed, so nothing is shown
/// unrecorded; but reads arriving together are committed together (a group commit). Appended one
/// transaction each, a crowd of readers queued on the chain's lock (SQLite's busy handler backs
/// off for up to tens of milliseconds per retry; PostgreSQL flushes every commit to disk), which
/// is what made `/saya` slow under load.
#[derive(Clone)]
pub struct ReadLog {
    db: DatabaseConnection,
    queue: Arc<ReadQueue>,
}

#[derive(Default)]
struct ReadQueue {
    waiting: std::sync::Mutex<Vec<QueuedRead>>,
    /// Held by the one batch being written.
    writing: Arc<tokio::sync::Mutex<()>>,
}

struct QueuedRead {
    actor: Option<Uuid>,
    action: String,
    entity: String,
    record_id: Option<String>,
    after: Option<serde_json::Value>,
    at: DateTime<Utc>,
    written: tokio::sync::oneshot::Sender<Result<(), AppError>>,
}

impl ReadLog {
    pub fn new(db: DatabaseConnection) -> ReadLog {
        ReadLog { db, queue: Arc::default() }
    }

    /// Appends `entry` (a read: it has no `before`) and returns once it is committed.
    pub async fn append(&self, entry: Entry<'_>, now: DateTime<Utc>) -> Result<(), AppError> {
        let (written, mut committed) = tokio::sync::oneshot::channel();
        self.queue.lock_waiting().push(QueuedRead {
            actor: entry.actor,
            action: entry.action.to_string(),
            entity: entry.entity.to_string(),
            record_id: entry.record_id,
            after: entry.after,
            at: now,
            written,
        });
        // Whoever gets the turn writes everything queued by then; a read whose entry went in
        // an earlier batch finds it answered when its own turn comes.
        let turn = self.queue.writing.clone().lock_owned().await;
        match committed.try_recv() {
            Ok(outcome) => return outcome,
            Err(tokio::sync::oneshot::error::TryRecvError::Closed) => return Err(AppError::Internal),
            Err(tokio::sync::oneshot::error::TryRecvError::Empty) => {}
        }
        let batch: Vec<QueuedRead> = {
            let mut waiting = self.queue.lock_waiting();
            let n = waiting.len().min(MOST_READS_PER_COMMIT);
            waiting.drain(..n).collect()
        };
        // A task of its own, holding the turn: a request dropped halfway (its client went away)
        // must neither cut the others' batch short nor let a second batch start beside it.
        let db = self.db.clone();
        tokio::spawn(async move {
            write_reads(&db, batch).await;
            drop(turn);
        });
        committed.await.unwrap_or(Err(AppError::Internal))
    }
}

impl ReadQueue {
    fn lock_waiting(&self) -> std::sync::MutexGuard<'_, Vec<QueuedRead>> {
        self.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Appends a batch of reads in one transaction and tells each reader the outcome.
async fn write_reads(db: &DatabaseConnection, batch: Vec<QueuedRead>) {
    let outcome = async {
        let txn = super::begin_write(db).await?;
        for read in &batch {
            let entry = Entry {
                actor: read.actor,
                action: &read.action,
                entity: &read.entity,
                record_id: read.record_id.clone(),
                before: None,
                after: read.after.clone(),
            };
            record(&txn, entry, read.at).await?;
        }
        txn.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    for read in batch {
        // A reader that went away no longer waits for its answer.
        let _ = read.written.send(outcome.clone());
    }
}

/// One change to record. `before`/`after` are the row as JSON, never with password hashes.
#[derive(Debug, Clone, Default)]
pub struct Entry<'a> {
    /// The account acting; `None` for the command line and the demo seed.
    pub actor: Option<Uuid>,
    pub action: &'a str,
    pub entity: &'a str,
    pub record_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Appends `entry` to the chain inside the caller's transaction (see the module comment for
/// why this is safe against concurrent appends). Call it after the change it describes.
pub async fn record(
    txn: &DatabaseTransaction,
    entry: Entry<'_>,
    now: DateTime<Utc>,
) -> Result<audit_log::Model, AppError> {
    take_append_lock(txn).await?;
    let last = audit_log::Entity::find().order_by_desc(audit_log::Column::Seq).one(txn).await?;
    let (seq, prev_hash) = match last {
        Some(l) => (l.seq + 1, l.hash),
        None => (1, GENESIS.to_string()),
    };
    let mut model = audit_log::Model {
        id: Uuid::new_v4(),
        seq,
        at: now.trunc_subsecs(6),
        account_id: entry.actor,
        action: entry.action.to_string(),
        entity: entry.entity.to_string(),
        record_id: entry.record_id,
        before: entry.before.map(|v| v.to_string()),
        after: entry.after.map(|v| v.to_string()),
        prev_hash,
        hash: String::new(),
    };
    model.hash = hash_of(&model);
    audit_log::Entity::insert(audit_log::ActiveModel {
        id: Set(model.id),
        seq: Set(model.seq),
        at: Set(model.at),
        account_id: Set(model.account_id),
        action: Set(model.action.clone()),
        entity: Set(model.entity.clone()),
        record_id: Set(model.record_id.clone()),
        before: Set(model.before.clone()),
        after: Set(model.after.clone()),
        prev_hash: Set(model.prev_hash.clone()),
        hash: Set(model.hash.clone()),
    })
    .exec(txn)
    .await?;
    Ok(model)
}

/// A row as the JSON stored in `before`/`after`.
pub fn row_json<T: serde::Serialize>(row: &T) -> Result<serde_json::Value, AppError> {
    serde_json::to_value(row).map_err(|e| {
        tracing::error!(error = %e, "audit: row not serialisable");
        AppError::Internal
    })
}

async fn take_append_lock(txn: &DatabaseTransaction) -> Result<(), AppError> {
    let sql = match txn.get_database_backend() {
        DbBackend::Postgres => format!("SELECT pg_advisory_xact_lock({APPEND_LOCK})"),
        _ => "UPDATE audit_log SET seq = seq WHERE 0 = 1".to_string(),
    };
    txn.execute_unprepared(&sql).await?;
    Ok(())
}

/// The canonical form of an entry (module comment), without its own `hash`.
pub fn canonical(m: &audit_log::Model) -> String {
    serde_json::json!([
        FORMAT_TAG,
        m.seq,
        m.at.to_rfc3339_opts(SecondsFormat::Micros, true),
        m.account_id.map(|id| id.to_string()),
        m.action,
        m.entity,
        m.record_id,
        m.before,
        m.after,
        m.prev_hash,
    ])
    .to_string()
}

pub fn hash_of(m: &audit_log::Model) -> String {
    hex::encode(Sha256::digest(canonical(m).as_bytes()))
}

/// Why a link of the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The entry's content no longer matches its hash: it was edited.
    HashMismatch,
    /// The entry does not point at the entry before it.
    PrevHashMismatch,
    /// Entries `expected..seq` are missing.
    Gap { expected: i64 },
}

impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Break::HashMismatch => write!(f, "isi entri tidak cocok dengan hash-nya (entri diubah)"),
            Break::PrevHashMismatch => {
                write!(f, "prev_hash tidak sama dengan hash entri sebelumnya (rantai diputus)")
            }
            Break::Gap { expected } => {
                write!(f, "nomor urut melompat; entri #{expected} dan berikutnya hilang (entri dihapus)")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyReport {
    Intact {
        entries: u64,
    },
    /// The first broken link, walking from entry 1.
    Broken {
        seq: i64,
        reason: Break,
    },
}

/// Walks the chain in `seq` order, a page at a time, and reports the first broken link.
pub async fn verify<C: ConnectionTrait>(db: &C) -> Result<VerifyReport, AppError> {
    const PAGE: u64 = 1000;
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS.to_string();
    let mut count = 0;
    loop {
        let page = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.gte(expected_seq))
            .order_by_asc(audit_log::Column::Seq)
            .limit(PAGE)
            .all(db)
            .await?;
        let full = page.len() as u64 == PAGE;
        for m in page {
            if m.seq != expected_seq {
                return Ok(VerifyReport::Broken {
                    seq: m.seq,
                    reason: Break::Gap { expected: expected_seq },
                });
            }
            if m.prev_hash != prev_hash {
                return Ok(VerifyReport::Broken { seq: m.seq, reason: Break::PrevHashMismatch });
            }
            if hash_of(&m) != m.hash {
                return Ok(VerifyReport::Broken { seq: m.seq, reason: Break::HashMismatch });
            }
            expected_seq += 1;
            prev_hash = m.hash;
            count += 1;
        }
        if !full {
            break;
        }
    }
    // Entries numbered below 1 are not part of any chain we wrote.
    if let Some(stray) = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.lt(1))
        .order_by_asc(audit_log::Column::Seq)
        .one(db)
        .await?
    {
        return Ok(VerifyReport::Broken { seq: stray.seq, reason: Break::Gap { expected: 1 } });
    }
    Ok(VerifyReport::Intact { entries: count })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry() -> audit_log::Model {
        audit_log::Model {
            id: Uuid::nil(),
            seq: 1,
            at: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
            account_id: None,
            action: "update".into(),
            entity: "official".into(),
            record_id: Some("x".into()),
            before: Some(r#"{"a":1}"#.into()),
            after: Some(r#"{"a":2}"#.into()),
            prev_hash: GENESIS.into(),
            hash: String::new(),
        }
    }

    #[test]
    fn canonical_form_is_fixed() {
        assert_eq!(
            canonical(&entry()),
            r#"["pakta-audit-v1",1,"2026-01-02T03:04:05.000000Z",null,"update","official","x","{\"a\":1}","{\"a\":2}","0000000000000000000000000000000000000000000000000000000000000000"]"#
        );
        assert_eq!(hash_of(&entry()).len(), 64);
    }

    #[test]
    fn every_field_changes_the_hash() {
        let base = hash_of(&entry());
        let mut m = entry();
        m.after = Some(r#"{"a":3}"#.into());
        assert_ne!(hash_of(&m), base);
        let mut m = entry();
        m.account_id = Some(Uuid::nil());
        assert_ne!(hash_of(&m), base);
        let mut m = entry();
        m.at += chrono::Duration::microseconds(1);
        assert_ne!(hash_of(&m), base);
    }
}
