//! Routes that carry files rather than pages or JSON: a pact's PDF, the paper-signature upload
//! (multipart), the download of a stored scan, the quarter's exports and DPRD's hearing pack.
//! Each checks who asks, as the pages do. The exports and their refusals are in the language of
//! the request (its `pakta_lang` cookie); the signed pact's PDF is Indonesian, and the CSV keeps
//! its fixed header (a machine-readable contract).
use app::domain::pact::Party;
use app::domain::Role;
use app::error::AppError;
use app::i18n::{self, Lang};
use app::server::context::CurrentUser;
use app::server::csv_out::Dialect;
use app::server::dprd_xlsx::RdpFormat;
use app::server::{files, pact_print, pacts, AppState};
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use http::{header, HeaderMap, StatusCode};
use std::collections::HashMap;
use uuid::Uuid;

fn not_found(lang: Lang) -> Response {
    (StatusCode::NOT_FOUND, lang.pick("Tidak ditemukan.", "Not found.")).into_response()
}

/// `message` (Indonesian, as the services write it) in `lang`, with `status`.
fn reason(status: StatusCode, message: &str, lang: Lang) -> Response {
    (status, i18n::message_in(lang, message).into_owned()).into_response()
}

fn error_response(e: AppError, lang: Lang) -> Response {
    match e {
        AppError::NotFound => not_found(lang),
        AppError::Forbidden => reason(StatusCode::FORBIDDEN, &e.to_string(), lang),
        e => reason(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string(), lang),
    }
}

/// An export's refusal: bad input 400, a conflict 409 (each with its reason), others as
/// [`error_response`].
fn export_error(e: AppError, lang: Lang) -> Response {
    match e {
        AppError::Validation { message, .. } => reason(StatusCode::BAD_REQUEST, &message, lang),
        AppError::Conflict(message) => reason(StatusCode::CONFLICT, &message, lang),
        e => error_response(e, lang),
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
    headers: HeaderMap,
) -> Response {
    let lang = i18n::from_headers(&headers);
    let Some(user) = user.0 else { return Redirect::to("/masuk").into_response() };
    let version = query.get("versi").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let Ok(id) = Uuid::parse_str(id.trim()) else { return not_found(lang) };
    match pact_print::pdf_for(&state.db, &user, id, version, &state.public_url, chrono::Utc::now()).await {
        Ok((name, bytes)) => attachment(files::PDF, &name, bytes),
        Err(e) => error_response(e, lang),
    }
}

/// `GET /berkas/{id}`: a paper-signature scan, for the admin and the pact's parties.
pub async fn stored_file(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Extension(user): Extension<CurrentUser>,
    headers: HeaderMap,
) -> Response {
    let lang = i18n::from_headers(&headers);
    let Some(user) = user.0 else { return Redirect::to("/masuk").into_response() };
    let Ok(id) = Uuid::parse_str(id.trim()) else { return not_found(lang) };
    match pacts::scan_for(&state.db, &user, id).await {
        Ok((meta, bytes)) => attachment(&meta.content_type, &meta.original_name, bytes),
        Err(e) => error_response(e, lang),
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
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let lang = i18n::from_headers(&headers);
    let Some(user) = user.0 else { return Redirect::to("/masuk").into_response() };
    if user.role != Role::Admin {
        return error_response(AppError::Forbidden, lang);
    }
    let Ok(version_id) = Uuid::parse_str(version_id.trim()) else { return not_found(lang) };
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
    let Some(pact_id) = pact_id else { return not_found(lang) };
    match result {
        Ok(_) => Redirect::to(&format!("/pakta/{pact_id}?kertas=1")).into_response(),
        Err(AppError::NotFound) => not_found(lang),
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
fn refusal_unless_admin(user: &CurrentUser, lang: Lang) -> Option<Response> {
    match &user.0 {
        None => Some(Redirect::to("/masuk").into_response()),
        Some(u) if u.role != Role::Admin => Some(error_response(AppError::Forbidden, lang)),
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
        &state.read_log,
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

/// `GET /admin/tpp/nominatif.csv?tahun=&tw=&opd=CODE[&pemisah=titikkoma]`: the stored Daftar
/// Nominatif TPP as CSV, in the documented layout or, with `pemisah=titikkoma`, laid out for
/// Excel with Indonesian regional settings (`csv_out::Dialect`).
/// Its header is fixed in every language (the README documents it for machines); a refusal's
/// reason is in the request's language.
pub async fn nominatif_csv(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    Extension(user): Extension<CurrentUser>,
    headers: HeaderMap,
) -> Response {
    let lang = i18n::from_headers(&headers);
    if let Some(refusal) = refusal_unless_admin(&user, lang) {
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
            app::server::tpp_run::nominatif_csv_in(
                &rows,
                Dialect::from_query(query.get("pemisah").map(|p| p.as_str())),
            )
            .into_bytes(),
        ),
        Err(e) => export_error(e, lang),
    }
}

/// `GET /admin/tpp/nominatif.xlsx?tahun=&tw=&opd=CODE`: the same list as an XLSX workbook,
/// headed in the request's language.
pub async fn nominatif_xlsx(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    Extension(user): Extension<CurrentUser>,
    headers: HeaderMap,
) -> Response {
    use app::server::nominatif_xlsx::{nominatif_xlsx_in, title_in, XLSX};
    let lang = i18n::from_headers(&headers);
    if let Some(refusal) = refusal_unless_admin(&user, lang) {
        return refusal;
    }
    let (year, quarter) = period(&query);
    let opd = query.get("opd").map(|o| o.trim()).filter(|o| !o.is_empty());
    let bytes = match app::server::tpp_run::nominatif(&state.db, year, quarter, opd).await {
        Ok(rows) => match record_pay_export(&state, &user, "nominatif.xlsx", year, quarter, opd).await {
            Ok(()) => nominatif_xlsx_in(&rows, &title_in(lang, year, quarter, opd), lang),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match bytes {
        Ok(bytes) => {
            let suffix = opd.map(|o| format!("-{}", o.to_lowercase())).unwrap_or_default();
            attachment(XLSX, &format!("nominatif-tpp-{year}-tw{quarter}{suffix}.xlsx"), bytes)
        }
        Err(e) => export_error(e, lang),
    }
}

/// `GET /admin/tpp/rekap.pdf?tahun=&tw=&opd=CODE`: one OPD's Rekapitulasi TPP of the quarter,
/// signed by the head of the OPD, in the request's language. An unknown OPD is 404, a quarter
/// without results 409, both with the reason as text.
pub async fn tpp_recap_pdf(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    Extension(user): Extension<CurrentUser>,
    headers: HeaderMap,
) -> Response {
    let lang = i18n::from_headers(&headers);
    if let Some(refusal) = refusal_unless_admin(&user, lang) {
        return refusal;
    }
    let (year, quarter) = period(&query);
    let opd = query.get("opd").map(String::as_str).unwrap_or_default();
    let now = chrono::Utc::now();
    let recap = match app::server::tpp_recap_pdf::recap_pdf(&state.db, year, quarter, opd, lang, now).await {
        Ok(recap) => {
            let code = Some(opd.trim()).filter(|o| !o.is_empty());
            record_pay_export(&state, &user, "rekap.pdf", year, quarter, code).await.map(|()| recap)
        }
        Err(e) => Err(e),
    };
    match recap {
        Ok((name, bytes)) => attachment(files::PDF, &name, bytes),
        Err(AppError::Validation { field, message }) if field == "opd" && !opd.trim().is_empty() => {
            reason(StatusCode::NOT_FOUND, &message, lang)
        }
        Err(e) => export_error(e, lang),
    }
}

/// The hearing pack (bahan RDP) with the DPRD dashboard's figures (aggregates only) of
/// `?tahun=&tw=` (empty: the latest year, the whole year), for DPRD and the admin, in the
/// request's language; recorded in the audit log.
async fn dprd_rdp(
    state: &AppState,
    query: &HashMap<String, String>,
    user: CurrentUser,
    headers: &HeaderMap,
    format: RdpFormat,
) -> Response {
    let lang = i18n::from_headers(headers);
    let Some(user) = user.0 else { return Redirect::to("/masuk").into_response() };
    if !matches!(user.role, Role::Dprd | Role::Admin) {
        return error_response(AppError::Forbidden, lang);
    }
    let year = query.get("tahun").and_then(|y| y.trim().parse().ok()).unwrap_or(0);
    let quarter = query.get("tw").and_then(|q| q.trim().parse().ok()).unwrap_or(0);
    let now = chrono::Utc::now();
    match app::server::dprd_xlsx::export(state, &user, year, quarter, format, lang, now).await {
        Ok((name, bytes)) => attachment(format.content_type(), &name, bytes),
        Err(e) => export_error(e, lang),
    }
}

/// `GET /dprd/rdp.xlsx?tahun=&tw=`: the hearing pack as an XLSX workbook.
pub async fn dprd_rdp_xlsx(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    Extension(user): Extension<CurrentUser>,
    headers: HeaderMap,
) -> Response {
    dprd_rdp(&state, &query, user, &headers, RdpFormat::Xlsx).await
}

/// `GET /dprd/rdp.pdf?tahun=&tw=`: the hearing pack as PDF (the same figures).
pub async fn dprd_rdp_pdf(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    Extension(user): Extension<CurrentUser>,
    headers: HeaderMap,
) -> Response {
    dprd_rdp(&state, &query, user, &headers, RdpFormat::Pdf).await
}
