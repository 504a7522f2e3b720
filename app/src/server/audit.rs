//! The tamper-evident audit log (issue 7): every write is appended, in the writer's own
//! transaction, to a hash chain. Entry n stores the hash of entry n−1, so changing, removing or
//! reordering an entry breaks the chain at that point, and `verify` finds it.
//!
//! **Keyed (issue 14).** An entry's hash is HMAC-SHA256 (lowercase hex) under the audit key
//! (`audit_key`, a file outside the database) of the compact JSON text of the array
//! `["pakta-audit-v2", key_id, seq, at, account_id, action, entity, record_id, before, after,
//! prev_hash]`, where `key_id` names the key. Whoever can write the database but not read the key
//! cannot make an edited entry, or the entries after it, hash right again. Entries written before
//! the chain was keyed (`key_id` NULL) keep their plain SHA-256 of the v1 array
//! `["pakta-audit-v1", seq, at, account_id, action, entity, record_id, before, after, prev_hash]`;
//! the key file says how many there were, so no later entry can pass as one of them.
//!
//! **Canonical form.** Both arrays are compact JSON as `serde_json` writes it (no whitespace, strings escaped the one way it escapes them). `at`
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
//! A hash chain alone cannot show that entries were cut off at the end. Its head (the number of
//! entries and the last hash) is therefore shown by `pakta audit verify` and on the quarter's
//! closing report, to be kept elsewhere; `verify_chain` with that head reports a chain that has
//! fewer entries, or another hash at that position, as broken. The database refuses UPDATE and
//! DELETE of audit rows (triggers, migration m20261207_000020).
use super::audit_key::{self, AuditKey};
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
/// Tag of entries hashed with plain SHA-256, before the chain was keyed.
const LEGACY_FORMAT_TAG: &str = "pakta-audit-v1";
/// Tag of keyed entries (HMAC-SHA256).
const FORMAT_TAG: &str = "pakta-audit-v2";

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
/// why this is safe against concurrent appends), keyed with the process's audit key. Call it
/// after the change it describes.
pub async fn record(
    txn: &DatabaseTransaction,
    entry: Entry<'_>,
    now: DateTime<Utc>,
) -> Result<audit_log::Model, AppError> {
    append(txn, entry, now, audit_key::installed()?).await
}

/// `record` with the given key.
pub async fn append(
    txn: &DatabaseTransaction,
    entry: Entry<'_>,
    now: DateTime<Utc>,
    key: &AuditKey,
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
        key_id: Some(key.id()),
    };
    model.hash = keyed_hash_of(&model, key);
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
        key_id: Set(model.key_id.clone()),
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

/// The canonical form of a keyed entry (module comment), without its own `hash`.
pub fn canonical(m: &audit_log::Model) -> String {
    serde_json::json!([
        FORMAT_TAG,
        m.key_id,
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

/// The canonical form of an entry written before the chain was keyed.
pub fn legacy_canonical(m: &audit_log::Model) -> String {
    serde_json::json!([
        LEGACY_FORMAT_TAG,
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

/// HMAC-SHA256 of the keyed canonical form.
pub fn keyed_hash_of(m: &audit_log::Model, key: &AuditKey) -> String {
    key.chain_mac(canonical(m).as_bytes())
}

/// Plain SHA-256 of the legacy canonical form (entries written before the chain was keyed).
pub fn legacy_hash_of(m: &audit_log::Model) -> String {
    hex::encode(Sha256::digest(legacy_canonical(m).as_bytes()))
}

/// The hash `m` must carry: keyed when it names a key, legacy otherwise.
pub fn hash_of(m: &audit_log::Model, key: &AuditKey) -> String {
    match m.key_id {
        Some(_) => keyed_hash_of(m, key),
        None => legacy_hash_of(m),
    }
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
    /// An entry without a key where only keyed entries may be: after a keyed entry, or beyond the
    /// entries the key file says were written before the chain was keyed. A re-hash without the
    /// key looks like this.
    Unkeyed,
    /// The entry names another key than the one verifying.
    OtherKey { key_id: String },
    /// The recorded head names this entry, but the chain ends after `entries` entries.
    Truncated { entries: u64 },
    /// This entry is not the one the recorded head names (another hash at that position).
    HeadMismatch,
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
            Break::Unkeyed => write!(
                f,
                "entri tanpa kunci audit di tempat yang hanya boleh berisi entri berkunci (entri ditulis ulang tanpa kunci)"
            ),
            Break::OtherKey { key_id } => {
                write!(f, "entri dibuat dengan kunci audit lain ({key_id}), bukan kunci dari berkas kunci ini")
            }
            Break::Truncated { entries } => write!(
                f,
                "rantai hanya berisi {entries} entri, padahal kepala yang dicatat menyebut entri ini (entri terakhir dihapus)"
            ),
            Break::HeadMismatch => {
                write!(f, "hash entri ini berbeda dengan kepala rantai yang dicatat (rantai ditulis ulang)")
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

/// The head of a chain: how many entries it has and the last one's hash (`GENESIS` when empty).
/// Written `COUNT:HASH`, to be kept apart from the database and compared later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub entries: u64,
    pub hash: String,
}

impl fmt::Display for Head {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.entries, self.hash)
    }
}

impl std::str::FromStr for Head {
    type Err = String;

    fn from_str(text: &str) -> Result<Head, String> {
        let wrong = || {
            format!("kepala rantai `{text}` tidak dikenali; bentuknya JUMLAH:HASH (64 digit heksadesimal)")
        };
        let (entries, hash) = text.trim().split_once(':').ok_or_else(wrong)?;
        let entries = entries.trim().parse::<u64>().map_err(|_| wrong())?;
        let hash = hash.trim().to_ascii_lowercase();
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(wrong());
        }
        Ok(Head { entries, hash })
    }
}

/// What `verify_chain` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub report: VerifyReport,
    /// The head of the intact part walked (the whole chain when intact).
    pub head: Head,
    /// How many of the entries walked were written before the chain was keyed.
    pub legacy_entries: u64,
}

/// Walks the chain with the process's key and reports the first broken link.
pub async fn verify<C: ConnectionTrait>(db: &C) -> Result<VerifyReport, AppError> {
    Ok(verify_chain(db, audit_key::installed()?, None).await?.report)
}

/// Walks the chain in `seq` order, a page at a time, and reports the first broken link: an
/// entry edited, removed or out of place, an entry without the key where a keyed one belongs,
/// and, given the head recorded earlier (`expected`), a chain cut short or rewritten up to it.
pub async fn verify_chain<C: ConnectionTrait>(
    db: &C,
    key: &AuditKey,
    expected: Option<&Head>,
) -> Result<Verification, AppError> {
    const PAGE: u64 = 1000;
    let key_id = key.id();
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS.to_string();
    let mut count = 0;
    let mut legacy = 0;
    let mut keyed = false;
    // The hash at the position the recorded head names, once walked.
    let mut at_expected = expected.filter(|h| h.entries == 0).map(|_| GENESIS.to_string());
    let broken = |seq: i64, reason: Break, count: u64, hash: &str, legacy: u64| Verification {
        report: VerifyReport::Broken { seq, reason },
        head: Head { entries: count, hash: hash.to_string() },
        legacy_entries: legacy,
    };
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
                let reason = Break::Gap { expected: expected_seq };
                return Ok(broken(m.seq, reason, count, &prev_hash, legacy));
            }
            if m.prev_hash != prev_hash {
                return Ok(broken(m.seq, Break::PrevHashMismatch, count, &prev_hash, legacy));
            }
            match &m.key_id {
                None if keyed || m.seq as u64 > key.legacy_entries() => {
                    return Ok(broken(m.seq, Break::Unkeyed, count, &prev_hash, legacy));
                }
                None => legacy += 1,
                Some(id) if *id != key_id => {
                    let reason = Break::OtherKey { key_id: id.clone() };
                    return Ok(broken(m.seq, reason, count, &prev_hash, legacy));
                }
                Some(_) => keyed = true,
            }
            if hash_of(&m, key) != m.hash {
                return Ok(broken(m.seq, Break::HashMismatch, count, &prev_hash, legacy));
            }
            expected_seq += 1;
            count += 1;
            if expected.is_some_and(|h| h.entries == count) {
                at_expected = Some(m.hash.clone());
            }
            prev_hash = m.hash;
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
        return Ok(broken(stray.seq, Break::Gap { expected: 1 }, count, &prev_hash, legacy));
    }
    if let Some(head) = expected {
        let position = i64::try_from(head.entries).unwrap_or(i64::MAX);
        match at_expected {
            None => {
                return Ok(broken(position, Break::Truncated { entries: count }, count, &prev_hash, legacy))
            }
            Some(hash) if hash != head.hash => {
                return Ok(broken(position, Break::HeadMismatch, count, &prev_hash, legacy));
            }
            Some(_) => {}
        }
    }
    Ok(Verification {
        report: VerifyReport::Intact { entries: count },
        head: Head { entries: count, hash: prev_hash },
        legacy_entries: legacy,
    })
}

/// The chain's head as the database holds it now (its last entry), without verifying it.
pub async fn current_head<C: ConnectionTrait>(db: &C) -> Result<Head, AppError> {
    let last = audit_log::Entity::find().order_by_desc(audit_log::Column::Seq).one(db).await?;
    Ok(match last {
        Some(m) => Head { entries: m.seq.max(0) as u64, hash: m.hash },
        None => Head { entries: 0, hash: GENESIS.to_string() },
    })
}

/// The head right after the entry recording `action` on `entity` `record_id` (e.g. a quarter's
/// lock): the chain as it stood when that was done.
pub async fn head_at<C: ConnectionTrait>(
    db: &C,
    entity: &str,
    action: &str,
    record_id: &str,
) -> Result<Option<Head>, AppError> {
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq(entity))
        .filter(audit_log::Column::Action.eq(action))
        .filter(audit_log::Column::RecordId.eq(record_id))
        .order_by_desc(audit_log::Column::Seq)
        .one(db)
        .await?;
    Ok(entry.map(|m| Head { entries: m.seq.max(0) as u64, hash: m.hash }))
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
            key_id: None,
        }
    }

    #[test]
    fn canonical_form_is_fixed() {
        // Entries written before keying keep the v1 form and its plain SHA-256.
        assert_eq!(
            legacy_canonical(&entry()),
            r#"["pakta-audit-v1",1,"2026-01-02T03:04:05.000000Z",null,"update","official","x","{\"a\":1}","{\"a\":2}","0000000000000000000000000000000000000000000000000000000000000000"]"#
        );
        assert_eq!(legacy_hash_of(&entry()).len(), 64);
        let mut keyed = entry();
        keyed.key_id = Some("0123456789abcdef".into());
        assert_eq!(
            canonical(&keyed),
            r#"["pakta-audit-v2","0123456789abcdef",1,"2026-01-02T03:04:05.000000Z",null,"update","official","x","{\"a\":1}","{\"a\":2}","0000000000000000000000000000000000000000000000000000000000000000"]"#
        );
    }

    #[test]
    fn every_field_changes_the_hash() {
        let key = AuditKey::generate(0);
        for keyed in [false, true] {
            let hash = |mut m: audit_log::Model| {
                m.key_id = keyed.then(|| key.id());
                hash_of(&m, &key)
            };
            let base = hash(entry());
            let mut m = entry();
            m.after = Some(r#"{"a":3}"#.into());
            assert_ne!(hash(m), base);
            let mut m = entry();
            m.account_id = Some(Uuid::nil());
            assert_ne!(hash(m), base);
            let mut m = entry();
            m.at += chrono::Duration::microseconds(1);
            assert_ne!(hash(m), base);
        }
    }

    #[test]
    fn a_keyed_hash_needs_the_key() {
        let (key, other) = (AuditKey::generate(0), AuditKey::generate(0));
        let mut m = entry();
        m.key_id = Some(key.id());
        assert_ne!(keyed_hash_of(&m, &key), keyed_hash_of(&m, &other));
        assert_ne!(keyed_hash_of(&m, &key), legacy_hash_of(&m), "not the plain SHA-256");
    }

    #[test]
    fn heads_read_back() {
        let head = Head { entries: 12, hash: "ab".repeat(32) };
        assert_eq!(head.to_string().parse::<Head>(), Ok(head.clone()));
        assert_eq!(format!("12:{}", "AB".repeat(32)).parse::<Head>(), Ok(head));
        assert!("12".parse::<Head>().is_err());
        assert!("x:ab".parse::<Head>().is_err());
        assert!(format!("12:{}", "g".repeat(64)).parse::<Head>().is_err());
    }
}
