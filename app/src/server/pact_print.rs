//! A pact version as a printable document: the stored content turned into the PDF layout's
//! plain strings (`pact_pdf` holds no domain knowledge), for `/pakta/{id}/pdf` and `pakta print`.
use super::entities::{official, pact, pact_version, signature};
use super::pact_pdf::{
    render_pact, PactDocument, PactFonts, PactIndicatorRow, PactParty, PactSignatureBlock, PactVerification,
};
use super::pacts::{content_of, may_view};
use crate::api::auth::SessionUser;
use crate::domain::explanation::number_id;
use crate::domain::pact::{integrity_points, PactContent, PactStatus, Party, PartySnapshot};
use crate::domain::Nip;
use crate::error::AppError;
use crate::format::{date_id, rupiah, wib};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::sync::OnceLock;
use uuid::Uuid;

/// The fonts, parsed once per process.
pub fn fonts() -> Result<&'static PactFonts, AppError> {
    static FONTS: OnceLock<Result<PactFonts, String>> = OnceLock::new();
    FONTS.get_or_init(PactFonts::load).as_ref().map_err(|e| {
        tracing::error!(error = %e, "PDF fonts could not be loaded");
        AppError::Internal
    })
}

fn nip_text(nip: &Option<String>) -> String {
    nip.as_deref()
        .map(|n| Nip::parse(n).map(|n| n.spaced()).unwrap_or_else(|_| n.to_string()))
        .unwrap_or_default()
}

fn party(role_label: &str, p: &PartySnapshot) -> PactParty {
    PactParty {
        role_label: role_label.into(),
        name: p.name.clone(),
        nip: nip_text(&p.nip),
        position: p.position_title.clone(),
        rank: p.rank_grade(),
    }
}

fn signed_line(sig: Option<&signature::Model>) -> String {
    match sig {
        Some(s) if s.method == super::pacts::METHOD_PAPER => {
            format!(
                "Ditandatangani di atas kertas {}",
                date_id(s.signed_at.with_timezone(&wib()).date_naive())
            )
        }
        Some(s) => {
            let at = s.signed_at.with_timezone(&wib());
            format!(
                "Ditandatangani secara elektronik {} {} WIB",
                date_id(at.date_naive()),
                at.format("%H.%M")
            )
        }
        None => String::new(),
    }
}

/// The printable document of a version. `public_url` prefixes the verification link.
pub fn document(
    content: &PactContent,
    status: PactStatus,
    verification_code: Option<&str>,
    content_hash: Option<&str>,
    signatures: &[signature::Model],
    printed_on: DateTime<Utc>,
    public_url: &str,
) -> PactDocument {
    let first = &content.first_party;
    let second = &content.second_party;
    let sig = |p: Party| signatures.iter().find(|s| s.party == p.as_str());
    let block = |heading: &str, who: &PartySnapshot, p: Party| PactSignatureBlock {
        heading: heading.into(),
        name: who.name.clone(),
        nip: if who.nip.is_some() { format!("NIP {}", nip_text(&who.nip)) } else { String::new() },
        signed_line: signed_line(sig(p)),
    };
    // A draft, or a version not yet frozen, is not a document anyone can rely on.
    let draft = matches!(status, PactStatus::Draft);
    let verification = match (draft, verification_code, content_hash) {
        (false, Some(code), Some(hash)) => Some(PactVerification {
            code: code.to_string(),
            url: format!("{}/verifikasi/{code}", public_url.trim_end_matches('/')),
            content_hash: hash.to_string(),
        }),
        _ => None,
    };
    let signed_date = signatures.iter().map(|s| s.signed_at).max().unwrap_or(printed_on);
    let version_label = match content.revision_reason {
        Some(r) => format!("Versi {} (revisi: {})", content.version_no, r.label_id()),
        None => format!("Versi {}", content.version_no),
    };
    PactDocument {
        government: "PEMERINTAH KOTA BATU".into(),
        opd_name: first.opd_name.to_uppercase(),
        opd_address: String::new(),
        document_number: content.document_number.clone(),
        year: content.year,
        version_label,
        draft,
        integrity_title: "PAKTA INTEGRITAS".into(),
        integrity_intro: "Saya yang bertanda tangan di bawah ini:".into(),
        integrity_points: integrity_points(&content.integrity_text),
        integrity_closing: "Demikian pakta integritas ini saya buat dengan sungguh-sungguh, tanpa paksaan dari pihak mana pun, untuk dilaksanakan dengan penuh tanggung jawab."
            .into(),
        first_party: party("PIHAK PERTAMA", first),
        second_party: party("PIHAK KEDUA", second),
        agreement_text: vec![
            format!(
                "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta berorientasi pada hasil, pada tahun {} pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan.",
                content.year
            ),
            "Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab pihak pertama."
                .into(),
            "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi sebagaimana Lampiran II."
                .into(),
        ],
        indicators: content
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| {
                let q = |n: usize| ind.quarters[n].map(|t| t.display_id()).unwrap_or_else(|| "—".into());
                PactIndicatorRow {
                    number: (i + 1).to_string(),
                    objective: ind.objective.clone(),
                    indicator: ind.name.clone(),
                    unit: ind.unit.clone(),
                    polarity: ind.polarity.label_id().into(),
                    target_kind: ind.target_kind.label_id().into(),
                    weight: number_id(ind.weight),
                    annual: ind.annual.display_id(),
                    quarters: [q(0), q(1), q(2), q(3)],
                    program: ind.program.clone().unwrap_or_default(),
                    budget: ind.budget.map(rupiah).unwrap_or_default(),
                }
            })
            .collect(),
        consequences: content.consequences.clone(),
        place_date: format!("Batu, {}", date_id(signed_date.with_timezone(&wib()).date_naive())),
        integrity_signatures: [
            block("Menyaksikan,", second, Party::Second),
            block("Pembuat Pernyataan,", first, Party::First),
        ],
        agreement_signatures: [block("Pihak Kedua,", second, Party::Second), block("Pihak Pertama,", first, Party::First)],
        verification,
    }
}

/// A version's PDF and its file name, for a viewer allowed to see it (others: not found).
pub async fn pdf_for(
    db: &DatabaseConnection,
    user: &SessionUser,
    pact_id: Uuid,
    version_no: i32,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>), AppError> {
    let p = pact::Entity::find_by_id(pact_id).one(db).await?.ok_or(AppError::NotFound)?;
    let mut q = pact_version::Entity::find().filter(pact_version::Column::PactId.eq(p.id));
    if version_no > 0 {
        q = q.filter(pact_version::Column::VersionNo.eq(version_no));
    }
    let v = q.order_by_desc(pact_version::Column::VersionNo).one(db).await?.ok_or(AppError::NotFound)?;
    if !may_view(db, user, &p, &v).await? {
        return Err(AppError::NotFound);
    }
    render_version(db, &p, &v, public_url, now).await
}

/// Renders one version (no access check: the caller has made it).
pub async fn render_version(
    db: &impl ConnectionTrait,
    p: &pact::Model,
    v: &pact_version::Model,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>), AppError> {
    let status = PactStatus::parse(&v.status).ok_or(AppError::Internal)?;
    let content = content_of(db, p, v).await?;
    let sigs = signature::Entity::find().filter(signature::Column::PactVersionId.eq(v.id)).all(db).await?;
    let doc = document(
        &content,
        status,
        v.verification_code.as_deref(),
        v.content_hash.as_deref(),
        &sigs,
        now,
        public_url,
    );
    let fonts = fonts()?;
    // A few milliseconds of CPU: not worth a blocking-pool hop.
    let bytes = render_pact(&doc, fonts).map_err(|e| {
        tracing::error!(error = %e, "PDF rendering failed");
        AppError::Internal
    })?;
    Ok((file_name(&content, status), bytes))
}

/// "pakta-2026-199001012015011001-v1.pdf" (a draft: "...-v1-draf.pdf").
pub fn file_name(content: &PactContent, status: PactStatus) -> String {
    let who = content
        .first_party
        .nip
        .clone()
        .unwrap_or_else(|| content.first_party.official_id.simple().to_string()[..8].to_string());
    let draft = if status == PactStatus::Draft { "-draf" } else { "" };
    format!("pakta-{}-{}-v{}{}.pdf", content.year, who, content.version_no, draft)
}

/// Every signed pact of `year` (version in force), for `pakta print`.
pub async fn signed_versions(
    db: &DatabaseConnection,
    year: i32,
) -> Result<Vec<(pact::Model, pact_version::Model)>, AppError> {
    let pacts = pact::Entity::find().filter(pact::Column::Year.eq(year)).all(db).await?;
    let mut out = Vec::new();
    for p in pacts {
        if let Some(v) = pact_version::Entity::find()
            .filter(pact_version::Column::PactId.eq(p.id))
            .filter(pact_version::Column::Status.eq(PactStatus::Signed.as_str()))
            .one(db)
            .await?
        {
            out.push((p, v));
        }
    }
    // Deterministic order: by official.
    let names: std::collections::HashMap<Uuid, String> =
        official::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.name)).collect();
    out.sort_by(|a, b| names.get(&a.0.official_id).cmp(&names.get(&b.0.official_id)));
    Ok(out)
}
