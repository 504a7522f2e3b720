//! The keyed audit chain (issue 14, item 8): whoever can write the database, but lacks the key
//! kept outside it, can neither rewrite the chain nor cut its end off unseen; the database itself
//! refuses changes to audit rows; entries written before the chain was keyed still verify.
use crate::common::{self, TestApp, TestDb};
use app::server::audit::{self, Break, Entry, Head, VerifyReport};
use app::server::audit_key::{self, AuditKey};
use app::server::entities::audit_log;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use sea_orm::{ConnectionTrait, TransactionTrait};

crate::on_both_engines!(
    an_edit_rehashed_without_the_key_is_found,
    a_truncated_chain_is_found_given_its_head,
    the_database_refuses_to_change_audit_rows,
    entries_written_before_keying_still_verify,
    the_closing_report_shows_the_audit_head,
);

fn key() -> &'static AuditKey {
    audit_key::installed().expect("start-up installed the key")
}

/// Appends `n` entries with `key`, each in its own transaction.
async fn append(db: &DatabaseConnection, n: usize, key: &AuditKey) {
    for i in 0..n {
        let txn = db.begin().await.unwrap();
        let entry = Entry {
            action: "update",
            entity: "official",
            record_id: Some(format!("pejabat-{i}")),
            after: Some(serde_json::json!({ "monthly_ceiling": 16_000_000 + i })),
            ..Default::default()
        };
        audit::append(&txn, entry, chrono::Utc::now(), key).await.unwrap();
        txn.commit().await.unwrap();
    }
}

async fn entries(db: &DatabaseConnection) -> Vec<audit_log::Model> {
    audit_log::Entity::find().order_by_asc(audit_log::Column::Seq).all(db).await.unwrap()
}

/// Replaces the stored hash fields of `m` (the triggers must be lifted first).
async fn store(db: &DatabaseConnection, m: &audit_log::Model) {
    audit_log::Entity::update_many()
        .col_expr(audit_log::Column::After, Expr::value(m.after.clone()))
        .col_expr(audit_log::Column::PrevHash, Expr::value(m.prev_hash.clone()))
        .col_expr(audit_log::Column::Hash, Expr::value(m.hash.clone()))
        .col_expr(audit_log::Column::KeyId, Expr::value(m.key_id.clone()))
        .filter(audit_log::Column::Seq.eq(m.seq))
        .exec(db)
        .await
        .unwrap();
}

/// Edits entry 2 and re-hashes it and every entry after it with `rehash`, chaining each to the
/// one before: what someone who can write the database does to hide an edit.
async fn rewrite_from_entry_2(db: &DatabaseConnection, rehash: impl Fn(&mut audit_log::Model)) {
    let all = entries(db).await;
    let mut prev = all[0].hash.clone();
    for mut m in all.into_iter().skip(1) {
        if m.seq == 2 {
            m.after = Some(r#"{"monthly_ceiling":99000000}"#.into());
        }
        m.prev_hash = prev;
        rehash(&mut m);
        prev = m.hash.clone();
        store(db, &m).await;
    }
}

async fn an_edit_rehashed_without_the_key_is_found(db: TestDb) {
    let app = TestApp::start(db).await;
    append(&app.db, 4, key()).await;
    assert_eq!(audit::verify(&app.db).await.unwrap(), VerifyReport::Intact { entries: 4 });
    common::allow_audit_tampering(&app.db).await;

    // Re-hashed the way the chain was hashed before it had a key (plain SHA-256, no key id).
    rewrite_from_entry_2(&app.db, |m| {
        m.key_id = None;
        m.hash = audit::legacy_hash_of(m);
    })
    .await;
    assert_eq!(
        audit::verify(&app.db).await.unwrap(),
        VerifyReport::Broken { seq: 2, reason: Break::Unkeyed }
    );

    // Re-hashed as keyed entries, naming the key, but with a key of the attacker's own.
    let guess = AuditKey::generate(0);
    rewrite_from_entry_2(&app.db, |m| {
        m.key_id = Some(key().id());
        m.hash = audit::keyed_hash_of(m, &guess);
    })
    .await;
    assert_eq!(
        audit::verify(&app.db).await.unwrap(),
        VerifyReport::Broken { seq: 2, reason: Break::HashMismatch }
    );
    // ... or naming their own key.
    rewrite_from_entry_2(&app.db, |m| {
        m.key_id = Some(guess.id());
        m.hash = audit::keyed_hash_of(m, &guess);
    })
    .await;
    assert_eq!(
        audit::verify(&app.db).await.unwrap(),
        VerifyReport::Broken { seq: 2, reason: Break::OtherKey { key_id: guess.id() } }
    );

    // The same rewrite made with the key verifies: it is the key, not the shape, that tells.
    rewrite_from_entry_2(&app.db, |m| {
        m.key_id = Some(key().id());
        m.hash = audit::keyed_hash_of(m, key());
    })
    .await;
    assert_eq!(audit::verify(&app.db).await.unwrap(), VerifyReport::Intact { entries: 4 });
    app.finish().await;
}

async fn a_truncated_chain_is_found_given_its_head(db: TestDb) {
    let app = TestApp::start(db).await;
    let empty = audit::verify_chain(&app.db, key(), None).await.unwrap();
    assert_eq!(empty.head, Head { entries: 0, hash: audit::GENESIS.into() });
    append(&app.db, 5, key()).await;
    let found = audit::verify_chain(&app.db, key(), None).await.unwrap();
    assert_eq!(found.report, VerifyReport::Intact { entries: 5 });
    let head = found.head.clone();
    assert_eq!(head.entries, 5);
    assert_eq!(head.hash, entries(&app.db).await[4].hash);
    assert_eq!(audit::current_head(&app.db).await.unwrap(), head);
    // A head recorded earlier is a prefix of a chain that grew since.
    let earlier = Head { entries: 3, hash: entries(&app.db).await[2].hash.clone() };
    let grown = audit::verify_chain(&app.db, key(), Some(&earlier)).await.unwrap();
    assert_eq!(grown.report, VerifyReport::Intact { entries: 5 });
    let from_empty = audit::verify_chain(&app.db, key(), Some(&empty.head)).await.unwrap();
    assert_eq!(from_empty.report, VerifyReport::Intact { entries: 5 });

    // The last two entries are deleted: the chain alone still looks whole ...
    common::allow_audit_tampering(&app.db).await;
    audit_log::Entity::delete_many().filter(audit_log::Column::Seq.gt(3)).exec(&app.db).await.unwrap();
    assert_eq!(audit::verify(&app.db).await.unwrap(), VerifyReport::Intact { entries: 3 });
    // ... but not against the head kept elsewhere.
    let cut = audit::verify_chain(&app.db, key(), Some(&head)).await.unwrap();
    assert_eq!(cut.report, VerifyReport::Broken { seq: 5, reason: Break::Truncated { entries: 3 } });
    assert_eq!(cut.head, earlier, "the intact part");

    // New entries in place of the deleted ones: as many as before, but another hash at entry 5.
    append(&app.db, 2, key()).await;
    let replaced = audit::verify_chain(&app.db, key(), Some(&head)).await.unwrap();
    assert_eq!(replaced.report, VerifyReport::Broken { seq: 5, reason: Break::HeadMismatch });
    app.finish().await;
}

async fn the_database_refuses_to_change_audit_rows(db: TestDb) {
    let app = TestApp::start(db).await;
    append(&app.db, 2, key()).await;
    let update = audit_log::Entity::update_many()
        .col_expr(audit_log::Column::After, Expr::value(r#"{"monthly_ceiling":1}"#))
        .filter(audit_log::Column::Seq.eq(1))
        .exec(&app.db)
        .await;
    let refused = update.expect_err("UPDATE of an audit row is refused").to_string();
    assert!(refused.contains("hanya dapat ditambah"), "{refused}");
    let delete = audit_log::Entity::delete_many().filter(audit_log::Column::Seq.eq(2)).exec(&app.db).await;
    let refused = delete.expect_err("DELETE of an audit row is refused").to_string();
    assert!(refused.contains("hanya dapat ditambah"), "{refused}");
    if app.db.get_database_backend() == sea_orm::DbBackend::Postgres {
        let truncate = app.db.execute_unprepared("TRUNCATE audit_log").await;
        assert!(truncate.is_err(), "TRUNCATE of the audit log is refused");
    }
    // Appending still works, and nothing was changed.
    append(&app.db, 1, key()).await;
    assert_eq!(audit::verify(&app.db).await.unwrap(), VerifyReport::Intact { entries: 3 });
    app.finish().await;
}

/// Inserts entries hashed as before the chain was keyed (plain SHA-256, no key id).
async fn insert_legacy(db: &DatabaseConnection, n: i64) {
    let mut prev = audit::GENESIS.to_string();
    for seq in 1..=n {
        let mut m = audit_log::Model {
            id: uuid::Uuid::new_v4(),
            seq,
            at: chrono::DateTime::from_timestamp(1_767_000_000 + seq, 0).unwrap(),
            account_id: None,
            action: "create".into(),
            entity: "official".into(),
            record_id: Some(format!("lama-{seq}")),
            before: None,
            after: Some(format!(r#"{{"seq":{seq}}}"#)),
            prev_hash: prev,
            hash: String::new(),
            key_id: None,
        };
        m.hash = audit::legacy_hash_of(&m);
        prev = m.hash.clone();
        let active: audit_log::ActiveModel = m.into();
        audit_log::Entity::insert(active).exec(db).await.unwrap();
    }
}

/// A database whose chain began before keys: its old entries verify with plain SHA-256, the
/// new ones with the key made for it, which records how many old ones there were.
async fn entries_written_before_keying_still_verify(db: TestDb) {
    let app = TestApp::start(db).await;
    insert_legacy(&app.db, 3).await;
    // The key made for this database on its first start after the upgrade.
    let key = AuditKey::generate(3);
    append(&app.db, 2, &key).await;
    let all = entries(&app.db).await;
    assert_eq!(all.iter().map(|m| m.key_id.is_some()).collect::<Vec<_>>(), [false, false, false, true, true]);
    assert_eq!(all[3].prev_hash, all[2].hash, "the keyed part continues the old chain");
    let found = audit::verify_chain(&app.db, &key, None).await.unwrap();
    assert_eq!(found.report, VerifyReport::Intact { entries: 5 });
    assert_eq!(found.legacy_entries, 3);

    // A key that knows of fewer old entries finds the extra unkeyed one.
    let fewer = AuditKey::parse(&key.to_file_text().replace("legacy-entries=3", "legacy-entries=2")).unwrap();
    assert_eq!(
        audit::verify_chain(&app.db, &fewer, None).await.unwrap().report,
        VerifyReport::Broken { seq: 3, reason: Break::Unkeyed }
    );

    // Passing the keyed entries off as old ones (re-hashed with plain SHA-256) is found.
    common::allow_audit_tampering(&app.db).await;
    let mut prev = all[2].hash.clone();
    for mut m in all.into_iter().skip(3) {
        m.prev_hash = prev;
        m.key_id = None;
        m.hash = audit::legacy_hash_of(&m);
        prev = m.hash.clone();
        store(&app.db, &m).await;
    }
    assert_eq!(
        audit::verify_chain(&app.db, &key, None).await.unwrap().report,
        VerifyReport::Broken { seq: 4, reason: Break::Unkeyed }
    );
    app.finish().await;
}

/// The quarter's closing report carries the chain's head now and, once locked, the head right
/// after the lock: printed and kept elsewhere, it anchors the chain (`--expect-head`).
async fn the_closing_report_shows_the_audit_head(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    app::server::demo_pacts::seed_pacts(&app.db, 2026).await.expect("demo pacts");
    app::server::demo_evaluations::seed_evaluations(&app.db, 2026).await.expect("demo evaluations");
    let admin = app.login("admin", crate::DEMO_PW).await;
    let report = |quarter: &'static str| {
        let (app, admin) = (&app, admin.clone());
        async move {
            let r = app
                .call("/api/admin/closing/report", &[("year", "2026"), ("quarter", quarter)], Some(&admin))
                .await;
            assert!(r.status.is_success(), "{} {}", r.status, r.body);
            serde_json::from_str::<app::api::closing::ClosingReport>(&r.body).expect("report")
        }
    };
    let locked = report("1").await;
    assert!(locked.locked);
    let now: Head = locked.audit_head.parse().expect("COUNT:HASH");
    let at_lock: Head =
        locked.lock_audit_head.clone().expect("locked: the head at the lock").parse().unwrap();
    assert!(at_lock.entries < now.entries, "{at_lock} then {now}");
    let lock_entry = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.eq(at_lock.entries as i64))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((lock_entry.entity.as_str(), lock_entry.action.as_str()), ("quarter_close", "lock"));
    assert!(lock_entry.after.unwrap_or_default().contains(r#""quarter":1"#));
    for head in [&now, &at_lock] {
        let found = audit::verify_chain(&app.db, key(), Some(head)).await.unwrap();
        assert!(matches!(found.report, VerifyReport::Intact { .. }), "{head}: {:?}", found.report);
    }
    let open = report("4").await;
    assert!(!open.locked && open.lock_audit_head.is_none());
    assert!(open.audit_head.parse::<Head>().is_ok());
    let page = app.get("/admin/penutupan?tahun=2026&tw=1", Some(&admin)).await;
    assert!(page.body.contains("Kepala rantai audit"), "{}", page.body);
    assert!(page.body.contains(&at_lock.to_string()), "the head at the lock is printed");
    app.finish().await;
}
