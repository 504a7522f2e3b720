//! The admin's view of the audit log: filters, pages, and before/after reduced to what changed.
use super::entities::{account, audit_log};
use crate::api::audit::{AuditFilter, AuditPage, AuditRow, FieldChange, AUDIT_PER_PAGE};
use crate::error::AppError;
use crate::format::wib;
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// Midnight WIB at the start of `date`, in UTC.
fn start_of(date: NaiveDate) -> Option<chrono::DateTime<Utc>> {
    wib().from_local_datetime(&date.and_time(NaiveTime::MIN)).single().map(|d| d.with_timezone(&Utc))
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

pub async fn list(db: &DatabaseConnection, filter: &AuditFilter) -> Result<AuditPage, AppError> {
    let mut query = audit_log::Entity::find();
    if !filter.entity.trim().is_empty() {
        query = query.filter(audit_log::Column::Entity.eq(filter.entity.trim()));
    }
    if !filter.action.trim().is_empty() {
        query = query.filter(audit_log::Column::Action.eq(filter.action.trim()));
    }
    if let Some(from) = date(&filter.from).and_then(start_of) {
        query = query.filter(audit_log::Column::At.gte(from));
    }
    if let Some(end) = date(&filter.to).and_then(|d| d.succ_opt()).and_then(start_of) {
        query = query.filter(audit_log::Column::At.lt(end));
    }
    match filter.actor.trim() {
        "" => {}
        "-" => query = query.filter(audit_log::Column::AccountId.is_null()),
        username => {
            let account = account::Entity::find()
                .filter(account::Column::Username.eq(username.to_lowercase()))
                .one(db)
                .await?;
            match account {
                Some(a) => query = query.filter(audit_log::Column::AccountId.eq(a.id)),
                None => return Ok(AuditPage { rows: Vec::new(), total: 0, page: 1, pages: 1 }),
            }
        }
    }
    let paginator = query.order_by_desc(audit_log::Column::Seq).paginate(db, AUDIT_PER_PAGE);
    let total = paginator.num_items().await?;
    let pages = std::cmp::max(total.div_ceil(AUDIT_PER_PAGE), 1);
    let page = filter.page.clamp(1, pages);
    let models = paginator.fetch_page(page - 1).await?;
    let actor_ids: Vec<_> = models.iter().filter_map(|m| m.account_id).collect();
    let usernames: HashMap<_, _> = account::Entity::find()
        .filter(account::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.username))
        .collect();
    let rows = models
        .into_iter()
        .map(|m| AuditRow {
            actor: m.account_id.map(|id| usernames.get(&id).cloned().unwrap_or_else(|| id.to_string())),
            changes: changes(m.before.as_deref(), m.after.as_deref()),
            seq: m.seq,
            at: m.at,
            action: m.action,
            entity: m.entity,
            record_id: m.record_id,
        })
        .collect();
    Ok(AuditPage { rows, total, page, pages })
}

fn parse(text: Option<&str>) -> Option<Value> {
    text.and_then(|t| serde_json::from_str(t).ok())
}

/// An absent row as an object without fields; `None` for JSON that is not an object.
fn as_object<'a>(
    v: &'a Option<Value>,
    empty: &'a serde_json::Map<String, Value>,
) -> Option<&'a serde_json::Map<String, Value>> {
    match v {
        None => Some(empty),
        Some(Value::Object(o)) => Some(o),
        Some(_) => None,
    }
}

/// The fields whose values differ between the two JSON objects (a created row: all of its
/// fields). Anything that is not an object is shown whole, as the field `nilai`.
pub fn changes(before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    let (before, after) = (parse(before), parse(after));
    let empty = serde_json::Map::new();
    match (as_object(&before, &empty), as_object(&after, &empty)) {
        (Some(b), Some(a)) => {
            let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
            keys.into_iter()
                .filter(|k| b.get(*k) != a.get(*k))
                .map(|k| FieldChange {
                    field: k.clone(),
                    before: b.get(k).map(Value::to_string),
                    after: a.get(k).map(Value::to_string),
                })
                .collect()
        }
        _ => vec![FieldChange {
            field: "nilai".into(),
            before: before.map(|v| v.to_string()),
            after: after.map(|v| v.to_string()),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_fields_are_listed() {
        let c = changes(Some(r#"{"a":1,"b":"x","c":null}"#), Some(r#"{"a":2,"b":"x","d":true}"#));
        let fields: Vec<_> = c.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["a", "c", "d"]);
        assert_eq!((c[0].before.as_deref(), c[0].after.as_deref()), (Some("1"), Some("2")));
        assert_eq!((c[2].before.as_deref(), c[2].after.as_deref()), (None, Some("true")));
    }

    #[test]
    fn a_created_row_lists_every_field() {
        let c = changes(None, Some(r#"{"a":1,"b":2}"#));
        assert_eq!(c.len(), 2);
        assert!(c.iter().all(|f| f.before.is_none()));
    }

    #[test]
    fn labels_cover_every_value_the_services_write() {
        use crate::api::audit::{ACTIONS, ENTITIES};
        use crate::server::audit::{action, entity};
        for a in [
            action::CREATE,
            action::UPDATE,
            action::DEACTIVATE,
            action::ACTIVATE,
            action::TRANSFER,
            action::IMPORT,
            action::SEED,
            action::SET_PASSWORD,
        ] {
            assert!(ACTIONS.iter().any(|(v, _)| *v == a), "{a}");
        }
        for e in [entity::OFFICIAL, entity::ACCOUNT, entity::TPP_POLICY, entity::DATABASE] {
            assert!(ENTITIES.iter().any(|(v, _)| *v == e), "{e}");
        }
    }
}
