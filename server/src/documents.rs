//! Routes that carry files rather than pages or JSON: a pact's PDF, the paper-signature upload
//! (multipart) and the download of a stored scan. Each checks who asks, as the pages do.
use app::domain::pact::Party;
use app::domain::Role;
use app::error::AppError;
use app::server::context::CurrentUser;
use app::server::{files, pact_print, pacts, AppState};
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use http::{header, StatusCode};
use std::collections::HashMap;
use uuid::Uuid;

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Tidak ditemukan.").into_response()
}

fn error_response(e: AppError) -> Response {
    match e {
        AppError::NotFound => not_found(),
        AppError::Forbidden => (StatusCode::FORBIDDEN, e.to_string()).into_response(),
        e => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

fn attachment(content_type: &str, name: &str, bytes: Vec<u8>) -> Response {
    // The name is ours (pact files) or cleaned on upload; quotes are dropped all the same.
    let name: String = name.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /pakta/{id}/pdf?versi=N`: the pact version as PDF, for those who may see it (others get
/// 404, as for the page). A draft prints with a DRAF watermark and no verification code.
pub async fn pact_pdf(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    Extension(user): Extension<CurrentUser>,
) -> Response {
    let Some(user) = user.0 else { return Redirect::to("/masuk").into_response() };
    let version = query.get("versi").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let Ok(id) = Uuid::parse_str(id.trim()) else { return not_found() };
    match pact_print::pdf_for(&state.db, &user, id, version, &state.public_url, chrono::Utc::now()).await {
        Ok((name, bytes)) => attachment(files::PDF, &name, bytes),
        Err(e) => error_response(e),
    }
}

/// `GET /berkas/{id}`: a paper-signature scan, for the admin and the pact's parties.
pub async fn stored_file(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Extension(user): Extension<CurrentUser>,
) -> Response {
    let Some(user) = user.0 else { return Redirect::to("/masuk").into_response() };
    let Ok(id) = Uuid::parse_str(id.trim()) else { return not_found() };
    match pacts::scan_for(&state.db, &user, id).await {
        Ok((meta, bytes)) => attachment(&meta.content_type, &meta.original_name, bytes),
        Err(e) => error_response(e),
    }
}

/// Query-string encoding for the message carried back to the page.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `POST /admin/pakta/{version_id}/kertas` (multipart: `party` = first|second|both, `signed_on`,
/// `scan`): records paper signatures with the scan. A plain HTML form: it lands back on the
/// pact, with `?kertas=1`, or with the error and its field (`galat`, `medan`) shown beside it.
pub async fn paper_signature(
    State(state): State<AppState>,
    Path(version_id): Path<String>,
    Extension(user): Extension<CurrentUser>,
    mut form: Multipart,
) -> Response {
    let Some(user) = user.0 else { return Redirect::to("/masuk").into_response() };
    if user.role != Role::Admin {
        return error_response(AppError::Forbidden);
    }
    let Ok(version_id) = Uuid::parse_str(version_id.trim()) else { return not_found() };
    let mut party = String::new();
    let mut signed_on = String::new();
    let mut scan = files::Upload { original_name: String::new(), bytes: Vec::new() };
    let mut read_error = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_string();
                match name.as_str() {
                    "scan" => {
                        scan.original_name = field.file_name().unwrap_or_default().to_string();
                        match field.bytes().await {
                            Ok(b) => scan.bytes = b.to_vec(),
                            Err(e) => read_error = Some(e.to_string()),
                        }
                    }
                    "party" => party = field.text().await.unwrap_or_default(),
                    "signed_on" => signed_on = field.text().await.unwrap_or_default(),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(e) => {
                read_error = Some(e.to_string());
                break;
            }
        }
    }
    let parties: Vec<Party> = match party.as_str() {
        "both" => vec![Party::First, Party::Second],
        p => Party::parse(p).into_iter().collect(),
    };
    let result = match read_error {
        // The body limit cuts an oversized upload off before it is read whole.
        Some(e) => {
            tracing::info!(error = %e, "paper signature upload not read");
            Err(AppError::validation(
                "scan",
                format!(
                    "Berkas tidak dapat dibaca atau terlalu besar (paling besar {} MB).",
                    files::MAX_SCAN_BYTES >> 20
                ),
            ))
        }
        None => {
            pacts::record_paper_signatures(
                &state.db,
                version_id,
                &parties,
                &signed_on,
                scan,
                Some(user.account_id),
                chrono::Utc::now(),
            )
            .await
        }
    };
    let pact_id = match &result {
        Ok(id) => Some(*id),
        Err(_) => pacts::pact_of_version(&state.db, version_id).await.ok(),
    };
    let Some(pact_id) = pact_id else { return not_found() };
    match result {
        Ok(_) => Redirect::to(&format!("/pakta/{pact_id}?kertas=1")).into_response(),
        Err(AppError::NotFound) => not_found(),
        Err(e) => {
            let field = match &e {
                AppError::Validation { field, .. } => field.clone(),
                _ => String::new(),
            };
            Redirect::to(&format!(
                "/pakta/{pact_id}?galat={}&medan={}#tanda-tangan-kertas",
                encode(&e.to_string()),
                encode(&field)
            ))
            .into_response()
        }
    }
}

/// The quarter's exports are the admin's: anonymous visitors go to `/masuk`, others get 403.
fn refusal_unless_admin(user: &CurrentUser) -> Option<Response> {
    match &user.0 {
        None => Some(Redirect::to("/masuk").into_response()),
        Some(u) if u.role != Role::Admin => Some(error_response(AppError::Forbidden)),
        Some(_) => None,
    }
}

/// Records in the audit log that the admin exported individual pay (issue 7); the file is not
/// sent unless the read was recorded.
async fn record_pay_export(
    state: &AppState,
    user: &CurrentUser,
    view: &str,
    year: i32,
    quarter: u32,
    opd: Option<&str>,
) -> Result<(), AppError> {
    let detail = serde_json::json!({ "tahun": year, "tw": quarter, "opd": opd });
    app::server::audit::record_pay_read(
        &state.db,
        user.0.as_ref().map(|u| u.account_id),
        "tpp_result",
        Some(format!("{year}-TW{quarter}")),
        view,
        detail,
        chrono::Utc::now(),
    )
    .await
}

/// `?tahun=&tw=`; missing or unreadable values are 0, which the services refuse with a message.
fn period(query: &HashMap<String, String>) -> (i32, u32) {
    let year = query.get("tahun").and_then(|y| y.parse().ok()).unwrap_or(0);
    let quarter = query.get("tw").and_then(|q| q.parse().ok()).unwrap_or(0);
    (year, quarter)
}

/// `GET /admin/tpp/nominatif.csv?tahun=&tw=&opd=CODE`: the stored Daftar Nominatif TPP as CSV.
pub async fn nominatif_csv(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    Extension(user): Extension<CurrentUser>,
) -> Response {
    if let Some(refusal) = refusal_unless_admin(&user) {
        return refusal;
    }
    let (year, quarter) = period(&query);
    let opd = query.get("opd").map(|o| o.trim()).filter(|o| !o.is_empty());
    let rows = match app::server::tpp_run::nominatif(&state.db, year, quarter, opd).await {
        Ok(rows) => {
            record_pay_export(&state, &user, "nominatif.csv", year, quarter, opd).await.map(|()| rows)
        }
        Err(e) => Err(e),
    };
    match rows {
        Ok(rows) => attachment(
            "text/csv; charset=utf-8",
            &format!("nominatif-tpp-{year}-tw{quarter}.csv"),
            app::server::tpp_run::nominatif_csv(&rows).into_bytes(),
        ),
        Err(AppError::Validation { message, .. }) => (StatusCode::BAD_REQUEST, message).into_response(),
        Err(e) => error_response(e),
    }
}

/// `GET /admin/tpp/nominatif.xlsx?tahun=&tw=&opd=CODE`: the same list as an XLSX workbook.
pub async fn nominatif_xlsx(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    Extension(user): Extension<CurrentUser>,
) -> Response {
    use app::server::nominatif_xlsx::{nominatif_xlsx, title, XLSX};
    if let Some(refusal) = refusal_unless_admin(&user) {
        return refusal;
    }
    let (year, quarter) = period(&query);
    let opd = query.get("opd").map(|o| o.trim()).filter(|o| !o.is_empty());
    let bytes = match app::server::tpp_run::nominatif(&state.db, year, quarter, opd).await {
        Ok(rows) => match record_pay_export(&state, &user, "nominatif.xlsx", year, quarter, opd).await {
            Ok(()) => nominatif_xlsx(&rows, &title(year, quarter, opd)),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match bytes {
        Ok(bytes) => {
            let suffix = opd.map(|o| format!("-{}", o.to_lowercase())).unwrap_or_default();
            attachment(XLSX, &format!("nominatif-tpp-{year}-tw{quarter}{suffix}.xlsx"), bytes)
        }
        Err(AppError::Validation { message, .. }) => (StatusCode::BAD_REQUEST, message).into_response(),
        Err(e) => error_response(e),
    }
}

/// `GET /admin/tpp/rekap.pdf?tahun=&tw=&opd=CODE`: one OPD's Rekapitulasi TPP of the quarter,
/// signed by the head of the OPD. An unknown OPD is 404, a quarter without results 409, both
/// with the reason as text.
pub async fn tpp_recap_pdf(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    Extension(user): Extension<CurrentUser>,
) -> Response {
    if let Some(refusal) = refusal_unless_admin(&user) {
        return refusal;
    }
    let (year, quarter) = period(&query);
    let opd = query.get("opd").map(String::as_str).unwrap_or_default();
    let recap = match app::server::tpp_recap_pdf::recap_pdf(&state.db, year, quarter, opd, chrono::Utc::now())
        .await
    {
        Ok(recap) => {
            let code = Some(opd.trim()).filter(|o| !o.is_empty());
            record_pay_export(&state, &user, "rekap.pdf", year, quarter, code).await.map(|()| recap)
        }
        Err(e) => Err(e),
    };
    match recap {
        Ok((name, bytes)) => attachment(files::PDF, &name, bytes),
        Err(AppError::Validation { field, message }) if field == "opd" && !opd.trim().is_empty() => {
            (StatusCode::NOT_FOUND, message).into_response()
        }
        Err(AppError::Validation { message, .. }) => (StatusCode::BAD_REQUEST, message).into_response(),
        Err(AppError::Conflict(message)) => (StatusCode::CONFLICT, message).into_response(),
        Err(e) => error_response(e),
    }
}

/// `GET /dprd/rdp.xlsx?tahun=&tw=`: the hearing pack (bahan RDP) with the DPRD dashboard's
/// figures (aggregates only), for DPRD and the admin; recorded in the audit log.
pub async fn dprd_rdp_xlsx(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    Extension(user): Extension<CurrentUser>,
) -> Response {
    let Some(user) = user.0 else { return Redirect::to("/masuk").into_response() };
    if !matches!(user.role, Role::Dprd | Role::Admin) {
        return error_response(AppError::Forbidden);
    }
    let year = query.get("tahun").and_then(|y| y.trim().parse().ok()).unwrap_or(0);
    let quarter = query.get("tw").and_then(|q| q.trim().parse().ok()).unwrap_or(0);
    match app::server::dprd_xlsx::export(&state.db, &user, year, quarter, chrono::Utc::now()).await {
        Ok((name, bytes)) => attachment(app::server::dprd_xlsx::CONTENT_TYPE, &name, bytes),
        Err(AppError::Validation { message, .. }) => (StatusCode::BAD_REQUEST, message).into_response(),
        Err(e) => error_response(e),
    }
}
