//! The audit log for the admin: a filtered, paged list. Admin only, checked first.
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Entries per page of the audit list.
pub const AUDIT_PER_PAGE: u64 = 50;

/// Labels of the `entity` values the services write (`server::audit::entity`).
pub const ENTITIES: [(&str, &str); 4] = [
    ("official", "Pejabat"),
    ("account", "Akun"),
    ("tpp_policy", "Kebijakan TPP"),
    ("database", "Basis data"),
];

/// Labels of the `action` values the services write (`server::audit::action`).
pub const ACTIONS: [(&str, &str); 8] = [
    ("create", "Tambah"),
    ("update", "Ubah"),
    ("deactivate", "Nonaktifkan"),
    ("activate", "Aktifkan kembali"),
    ("transfer", "Mutasi"),
    ("import", "Impor CSV"),
    ("seed", "Data demo"),
    ("set_password", "Ganti kata sandi"),
];

/// The label of a stored value, or the value itself when it has none.
pub fn label<'a>(table: &[(&'a str, &'a str)], value: &'a str) -> &'a str {
    table.iter().find(|(v, _)| *v == value).map(|(_, l)| *l).unwrap_or(value)
}

/// The list's query, exactly as in the page URL (`?entity=&action=&from=&to=&actor=&page=`).
/// Empty strings mean "no filter"; dates are `YYYY-MM-DD` in WIB, both ends included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub entity: String,
    pub action: String,
    pub from: String,
    pub to: String,
    /// Username of the acting account; `-` for entries without one (command line, demo).
    pub actor: String,
    pub page: u64,
}

/// One changed field: its value before and after, as compact JSON (`None`: absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub seq: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    /// Username of the acting account; `None` for the command line and the demo seed.
    pub actor: Option<String>,
    pub action: String,
    pub entity: String,
    pub record_id: Option<String>,
    /// Only the fields that differ between before and after.
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// Newest first.
    pub rows: Vec<AuditRow>,
    pub total: u64,
    /// 1-based, clamped to the last page.
    pub page: u64,
    pub pages: u64,
}

#[server(endpoint = "admin/audit/list")]
pub async fn list_audit(
    #[server(default)] entity: String,
    #[server(default)] action: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] actor: String,
    #[server(default)] page: u64,
) -> Result<AuditPage, AppError> {
    use crate::domain::Role;
    use crate::server::{audit_list, context};
    context::require_role(Role::Admin)?;
    let filter = AuditFilter { entity, action, from, to, actor, page };
    audit_list::list(&context::app_state()?.db, &filter).await
}
