//! The pact (domain.md section 2): indicators with their targets, the lifecycle, and the content
//! that is frozen, hashed and signed. Pure: the indicator editor checks rows in the browser with
//! the same code the server uses to accept them.
use super::achievement::Polarity;
use super::explanation::{level_id, number_id};
use super::json::parse_number_id;
use super::policy::Policy;
use super::DomainError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Jenis target: how the quarter values relate to the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// Kumulatif: year-to-date values, never decreasing; TW IV = annual.
    Cumulative,
    /// Periodik: per-quarter values summing to the annual target.
    Periodic,
    /// Posisi akhir: the level at the end of the quarter; TW IV = annual.
    EndPosition,
}

impl TargetKind {
    pub const ALL: [TargetKind; 3] = [TargetKind::Cumulative, TargetKind::Periodic, TargetKind::EndPosition];

    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Cumulative => "cumulative",
            TargetKind::Periodic => "periodic",
            TargetKind::EndPosition => "end_position",
        }
    }

    pub fn parse(s: &str) -> Option<TargetKind> {
        TargetKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            TargetKind::Cumulative => "kumulatif",
            TargetKind::Periodic => "periodik",
            TargetKind::EndPosition => "posisi akhir",
        }
    }

    /// The label in `lang` (Indonesian is `label_id`).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(
            self.label_id(),
            match self {
                TargetKind::Cumulative => "cumulative",
                TargetKind::Periodic => "periodic",
                TargetKind::EndPosition => "end position",
            },
        )
    }
}

/// Where a pact version is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PactStatus {
    Draft,
    /// Content frozen and hashed; waiting for pihak pertama and pihak kedua.
    AwaitingSignatures,
    Signed,
    /// A later version (or a mutasi) replaced it.
    Superseded,
    Cancelled,
}

impl PactStatus {
    pub const ALL: [PactStatus; 5] = [
        PactStatus::Draft,
        PactStatus::AwaitingSignatures,
        PactStatus::Signed,
        PactStatus::Superseded,
        PactStatus::Cancelled,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            PactStatus::Draft => "draft",
            PactStatus::AwaitingSignatures => "awaiting_signatures",
            PactStatus::Signed => "signed",
            PactStatus::Superseded => "superseded",
            PactStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<PactStatus> {
        PactStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            PactStatus::Draft => "Draf",
            PactStatus::AwaitingSignatures => "Menunggu tanda tangan",
            PactStatus::Signed => "Ditandatangani",
            PactStatus::Superseded => "Digantikan (revisi)",
            PactStatus::Cancelled => "Dibatalkan",
        }
    }

    /// The label in `lang` (Indonesian is `label_id`).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(
            self.label_id(),
            match self {
                PactStatus::Draft => "Draft",
                PactStatus::AwaitingSignatures => "Awaiting signatures",
                PactStatus::Signed => "Signed",
                PactStatus::Superseded => "Superseded (revised)",
                PactStatus::Cancelled => "Cancelled",
            },
        )
    }

    /// Only a draft's content may change; every later status is frozen.
    pub fn editable(self) -> bool {
        self == PactStatus::Draft
    }

    /// Whether a version may move from `self` to `to` (domain.md section 2).
    pub fn can_become(self, to: PactStatus) -> bool {
        use PactStatus::*;
        matches!(
            (self, to),
            (Draft, AwaitingSignatures)
                | (Draft, Cancelled)
                | (AwaitingSignatures, Signed)
                | (AwaitingSignatures, Cancelled)
                | (Signed, Superseded)
                | (Signed, Cancelled)
        )
    }
}

/// Why a new version of a pact was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionReason {
    /// Mutasi pejabat (PK revisi for the new position).
    Transfer,
    BudgetChange,
    Correction,
}

impl RevisionReason {
    pub const ALL: [RevisionReason; 3] =
        [RevisionReason::Transfer, RevisionReason::BudgetChange, RevisionReason::Correction];

    pub fn as_str(self) -> &'static str {
        match self {
            RevisionReason::Transfer => "transfer",
            RevisionReason::BudgetChange => "budget_change",
            RevisionReason::Correction => "correction",
        }
    }

    pub fn parse(s: &str) -> Option<RevisionReason> {
        RevisionReason::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            RevisionReason::Transfer => "mutasi pejabat",
            RevisionReason::BudgetChange => "perubahan anggaran",
            RevisionReason::Correction => "koreksi",
        }
    }

    /// The label in `lang` (Indonesian is `label_id`).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(
            self.label_id(),
            match self {
                RevisionReason::Transfer => "transfer of the official",
                RevisionReason::BudgetChange => "budget change",
                RevisionReason::Correction => "correction",
            },
        )
    }
}

/// Pihak pertama (the official) or pihak kedua (the superior).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    First,
    Second,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::First => "first",
            Party::Second => "second",
        }
    }

    pub fn parse(s: &str) -> Option<Party> {
        [Party::First, Party::Second].into_iter().find(|p| p.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Party::First => "Pihak Pertama",
            Party::Second => "Pihak Kedua",
        }
    }

    /// The label in `lang` (Indonesian is `label_id`).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(
            self.label_id(),
            match self {
                Party::First => "First Party",
                Party::Second => "Second Party",
            },
        )
    }
}

/// A target: one number, or a `[low, high]` interval for polarity `range`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Target {
    Value { value: Decimal },
    Range { low: Decimal, high: Decimal },
}

impl Target {
    /// "1.234,5", or "90–100" for a range.
    pub fn display_id(&self) -> String {
        match self {
            Target::Value { value } => number_id(*value),
            Target::Range { low, high } => format!("{}–{}", number_id(*low), number_id(*high)),
        }
    }

    fn bounds(&self) -> (Decimal, Decimal) {
        match *self {
            Target::Value { value } => (value, value),
            Target::Range { low, high } => (low, high),
        }
    }
}

/// An indicator as checked and stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PactIndicator {
    /// Sasaran strategis.
    pub objective: String,
    /// Indikator kinerja.
    pub name: String,
    /// Satuan.
    pub unit: String,
    pub polarity: Polarity,
    pub target_kind: TargetKind,
    /// Bobot, percent.
    pub weight: Decimal,
    pub annual: Target,
    /// TW I–IV; `None`: not assessed that quarter.
    pub quarters: [Option<Target>; 4],
    pub program: Option<String>,
    /// Anggaran, Rupiah.
    pub budget: Option<i64>,
}

/// An indicator row of the editor as typed: every field a string, so that each error can name
/// its field. A row whose fields are all empty is a spare row and is left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndicatorInput {
    pub objective: String,
    pub name: String,
    pub unit: String,
    pub polarity: String,
    pub target_kind: String,
    pub weight: String,
    pub annual: String,
    pub tw1: String,
    pub tw2: String,
    pub tw3: String,
    pub tw4: String,
    pub program: String,
    pub budget: String,
}

impl IndicatorInput {
    pub fn is_blank(&self) -> bool {
        [
            &self.objective,
            &self.name,
            &self.unit,
            &self.weight,
            &self.annual,
            &self.tw1,
            &self.tw2,
            &self.tw3,
            &self.tw4,
            &self.program,
            &self.budget,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }

    pub fn quarter_inputs(&self) -> [&str; 4] {
        [&self.tw1, &self.tw2, &self.tw3, &self.tw4]
    }

    /// The editor row of a stored indicator.
    pub fn from_indicator(i: &PactIndicator) -> IndicatorInput {
        let q = |n: usize| i.quarters[n].map(|t| t.display_id()).unwrap_or_default();
        IndicatorInput {
            objective: i.objective.clone(),
            name: i.name.clone(),
            unit: i.unit.clone(),
            polarity: i.polarity.as_str().to_string(),
            target_kind: i.target_kind.as_str().to_string(),
            weight: number_id(i.weight),
            annual: i.annual.display_id(),
            tw1: q(0),
            tw2: q(1),
            tw3: q(2),
            tw4: q(3),
            program: i.program.clone().unwrap_or_default(),
            budget: i.budget.map(|b| number_id(Decimal::from(b))).unwrap_or_default(),
        }
    }
}

/// The most indicators a pact may carry; a Perjanjian Kinerja has a handful.
pub const MAX_INDICATORS: usize = 40;
const MAX_TEXT: usize = 500;
const MAX_UNIT: usize = 60;

/// `indicators[i].key`, the field name the editor shows an error beside.
pub fn field(i: usize, key: &str) -> String {
    format!("indicators[{i}].{key}")
}

fn required_text(i: usize, key: &str, label: &str, value: &str, max: usize) -> Result<String, DomainError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(DomainError::new(&field(i, key), format!("{label} wajib diisi.")));
    }
    if v.chars().count() > max {
        return Err(DomainError::new(&field(i, key), format!("{label} paling banyak {max} karakter.")));
    }
    Ok(v.to_string())
}

/// A non-negative number, Indonesian "1.234,5" accepted.
fn number(i: usize, key: &str, text: &str) -> Result<Decimal, DomainError> {
    let d = parse_number_id(text)
        .ok_or_else(|| DomainError::new(&field(i, key), "Harus berupa angka, misalnya 1.234,5 atau 95."))?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(DomainError::new(&field(i, key), "Tidak boleh negatif."));
    }
    if d.scale() > 6 || d > Decimal::from(1_000_000_000_000i64) {
        return Err(DomainError::new(&field(i, key), "Angka di luar batas yang wajar."));
    }
    Ok(d.normalize())
}

/// A range "L–U" (also "L-U", "L s.d. U", "L s/d U").
fn split_range(text: &str) -> Option<(&str, &str)> {
    for sep in ["s.d.", "s/d", "–", "—", "-"] {
        if let Some((a, b)) = text.split_once(sep) {
            return Some((a, b));
        }
    }
    None
}

/// The target typed in `key` for the polarity; `None` when empty.
fn target(i: usize, key: &str, polarity: Polarity, text: &str) -> Result<Option<Target>, DomainError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let target = match polarity {
        Polarity::Range => {
            let (low, high) = split_range(t).ok_or_else(|| {
                DomainError::new(
                    &field(i, key),
                    "Target rentang ditulis sebagai batas bawah–batas atas, misalnya 90–100.",
                )
            })?;
            let (low, high) = (number(i, key, low)?, number(i, key, high)?);
            if low > high {
                return Err(DomainError::new(&field(i, key), "Batas bawah lebih besar dari batas atas."));
            }
            if high.is_zero() {
                return Err(DomainError::new(&field(i, key), "Batas atas harus lebih dari 0."));
            }
            Target::Range { low, high }
        }
        Polarity::Max => {
            let value = number(i, key, t)?;
            if value.is_zero() {
                return Err(DomainError::new(
                    &field(i, key),
                    "Target polaritas maksimal harus lebih dari 0.",
                ));
            }
            Target::Value { value }
        }
        Polarity::Min => Target::Value { value: number(i, key, t)? },
    };
    Ok(Some(target))
}

fn optional_text(i: usize, key: &str, value: &str) -> Result<Option<String>, DomainError> {
    let v = value.trim();
    if v.chars().count() > MAX_TEXT {
        return Err(DomainError::new(&field(i, key), format!("Paling banyak {MAX_TEXT} karakter.")));
    }
    Ok((!v.is_empty()).then(|| v.to_string()))
}

/// Anggaran: whole Rupiah, "Rp1.250.000.000" or "1250000000".
fn budget(i: usize, text: &str) -> Result<Option<i64>, DomainError> {
    let t = text.trim();
    let t = t.strip_prefix("Rp").unwrap_or(t).trim();
    if t.is_empty() {
        return Ok(None);
    }
    let digits: String = t.chars().filter(|c| *c != '.').collect();
    match digits.parse::<i64>() {
        Ok(n) if n >= 0 && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) => Ok(Some(n)),
        _ => Err(DomainError::new(
            &field(i, "budget"),
            "Anggaran ditulis dalam Rupiah utuh, misalnya 1.250.000.000.",
        )),
    }
}

/// The quarter targets checked against the jenis target (domain.md section 3).
fn check_quarters(i: usize, ind: &PactIndicator) -> Result<(), DomainError> {
    let present: Vec<(usize, Target)> =
        ind.quarters.iter().enumerate().filter_map(|(q, t)| t.map(|t| (q, t))).collect();
    if present.is_empty() {
        return Err(DomainError::new(&field(i, "tw1"), "Isi target paling sedikit satu triwulan."));
    }
    let annual = ind.annual.bounds();
    match ind.target_kind {
        TargetKind::Cumulative | TargetKind::EndPosition => {
            let Some(tw4) = ind.quarters[3] else {
                return Err(DomainError::new(
                    &field(i, "tw4"),
                    format!(
                        "Target TW IV wajib diisi dan sama dengan target tahunan ({}).",
                        ind.annual.display_id()
                    ),
                ));
            };
            if tw4.bounds() != annual {
                return Err(DomainError::new(
                    &field(i, "tw4"),
                    format!(
                        "Untuk target {}, target TW IV harus sama dengan target tahunan ({}).",
                        ind.target_kind.label_id(),
                        ind.annual.display_id()
                    ),
                ));
            }
            if ind.target_kind == TargetKind::Cumulative {
                for pair in present.windows(2) {
                    let ((_, a), (q, b)) = (pair[0], pair[1]);
                    let (a, b) = (a.bounds(), b.bounds());
                    if b.0 < a.0 || b.1 < a.1 {
                        return Err(DomainError::new(
                            &field(i, &format!("tw{}", q + 1)),
                            "Target kumulatif tidak boleh turun dari triwulan sebelumnya.",
                        ));
                    }
                }
            }
        }
        TargetKind::Periodic => {
            let sum = present.iter().fold((Decimal::ZERO, Decimal::ZERO), |(l, h), (_, t)| {
                let (a, b) = t.bounds();
                (l + a, h + b)
            });
            if sum != annual {
                let shown = if sum.0 == sum.1 {
                    number_id(sum.0)
                } else {
                    format!("{}–{}", number_id(sum.0), number_id(sum.1))
                };
                return Err(DomainError::new(
                    &field(i, "annual"),
                    format!(
                        "Untuk target periodik, jumlah target triwulan ({shown}) harus sama dengan target tahunan ({}).",
                        ind.annual.display_id()
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// One row checked; the first error of the row.
pub fn parse_indicator(i: usize, input: &IndicatorInput) -> Result<PactIndicator, DomainError> {
    let objective = required_text(i, "objective", "Sasaran strategis", &input.objective, MAX_TEXT)?;
    let name = required_text(i, "name", "Indikator kinerja", &input.name, MAX_TEXT)?;
    let unit = required_text(i, "unit", "Satuan", &input.unit, MAX_UNIT)?;
    let polarity = Polarity::parse(input.polarity.trim())
        .ok_or_else(|| DomainError::new(&field(i, "polarity"), "Pilih polaritas."))?;
    let target_kind = TargetKind::parse(input.target_kind.trim())
        .ok_or_else(|| DomainError::new(&field(i, "target_kind"), "Pilih jenis target."))?;
    if input.weight.trim().is_empty() {
        return Err(DomainError::new(&field(i, "weight"), "Bobot wajib diisi."));
    }
    let weight = number(i, "weight", &input.weight)?;
    if weight.is_zero() {
        return Err(DomainError::new(&field(i, "weight"), "Bobot harus lebih dari 0."));
    }
    if weight > Decimal::ONE_HUNDRED {
        return Err(DomainError::new(&field(i, "weight"), "Bobot paling besar 100."));
    }
    let annual = target(i, "annual", polarity, &input.annual)?
        .ok_or_else(|| DomainError::new(&field(i, "annual"), "Target tahunan wajib diisi."))?;
    let mut quarters = [None; 4];
    for (q, text) in input.quarter_inputs().into_iter().enumerate() {
        quarters[q] = target(i, &format!("tw{}", q + 1), polarity, text)?;
    }
    let ind = PactIndicator {
        objective,
        name,
        unit,
        polarity,
        target_kind,
        weight,
        annual,
        quarters,
        program: optional_text(i, "program", &input.program)?,
        budget: budget(i, &input.budget)?,
    };
    check_quarters(i, &ind)?;
    Ok(ind)
}

/// Σ bobot of the rows whose weight reads as a number, for the editor's live total.
pub fn weight_total(rows: &[IndicatorInput]) -> Decimal {
    rows.iter().filter_map(|r| parse_number_id(&r.weight)).sum()
}

/// The editor's rows checked as a whole (spare rows left out): every row's first error, then
/// the pact's own rules (at least one indicator, weights total 100). Errors name their field
/// with the row's index in `rows`.
pub fn parse_indicators(rows: &[IndicatorInput]) -> Result<Vec<PactIndicator>, Vec<DomainError>> {
    let mut errors = Vec::new();
    let mut indicators = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        match parse_indicator(i, row) {
            Ok(ind) => indicators.push(ind),
            Err(e) => errors.push(e),
        }
    }
    let filled = rows.iter().filter(|r| !r.is_blank()).count();
    if filled == 0 {
        errors.push(DomainError::new("indicators", "Paling sedikit satu indikator kinerja."));
    } else if filled > MAX_INDICATORS {
        errors.push(DomainError::new("indicators", format!("Paling banyak {MAX_INDICATORS} indikator.")));
    }
    let total = weight_total(rows);
    if filled > 0 && total != Decimal::ONE_HUNDRED {
        errors.push(DomainError::new(
            "weight_total",
            format!("Jumlah bobot harus 100%; sekarang {}%.", number_id(total)),
        ));
    }
    if errors.is_empty() {
        Ok(indicators)
    } else {
        Err(errors)
    }
}

/// A party of the pact as it stood when the content was frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartySnapshot {
    pub official_id: uuid::Uuid,
    pub name: String,
    /// `None` for the Wali Kota (no NIP).
    pub nip: Option<String>,
    pub rank: Option<String>,
    pub grade: Option<String>,
    pub position_title: String,
    pub opd_code: String,
    pub opd_name: String,
}

impl PartySnapshot {
    /// "Pembina Utama Muda (IV/c)"; empty when neither is known (the Wali Kota).
    pub fn rank_grade(&self) -> String {
        match (&self.rank, &self.grade) {
            (Some(r), Some(g)) => format!("{r} ({g})"),
            (Some(r), None) => r.clone(),
            (None, Some(g)) => g.clone(),
            (None, None) => String::new(),
        }
    }
}

/// Everything a signature covers. Its canonical form (compact JSON, fields in declaration
/// order, decimals as canonical strings) is what the SHA-256 content hash is taken over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PactContent {
    pub document_number: String,
    pub year: i32,
    pub version_no: i32,
    pub revision_reason: Option<RevisionReason>,
    pub first_party: PartySnapshot,
    pub second_party: PartySnapshot,
    pub integrity_text: String,
    pub indicators: Vec<PactIndicator>,
    pub consequences: Vec<String>,
}

impl PactContent {
    /// The bytes the content hash is taken over. Changing this changes every stored hash: it is
    /// a stable contract (README, "Content hash").
    pub fn canonical(&self) -> String {
        serde_json::to_string(self).expect("a pact's content always serialises")
    }
}

/// The points of the Pakta Integritas text: one per non-empty line, list markers removed.
pub fn integrity_points(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            let l = l.trim();
            let l = l.trim_start_matches(|c: char| c.is_ascii_digit());
            l.strip_prefix('.').or_else(|| l.strip_prefix(')')).unwrap_or(l).trim().to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Lampiran II: the consequences of the TPP policy in force, in the words an official signs.
pub fn consequences(policy: &Policy) -> Vec<String> {
    let p = |d: Decimal| format!("{}%", number_id(d));
    let mut lines = vec![
        format!(
            "TPP terdiri atas komponen disiplin kerja ({}) dan produktivitas kerja ({}) dari pagu TPP bulanan.",
            p(policy.split.discipline),
            p(policy.split.productivity)
        ),
        format!(
            "Capaian setiap indikator dihitung menurut polaritasnya dan dibatasi paling tinggi {}.",
            p(policy.cap)
        ),
        format!(
            "Nilai capaian ≥ {} berarti hasil kerja Di Atas Ekspektasi; {} sampai di bawah {} Sesuai Ekspektasi; di bawah {} Di Bawah Ekspektasi.",
            number_id(policy.rating_thresholds.above),
            number_id(policy.rating_thresholds.as_expected),
            number_id(policy.rating_thresholds.above),
            number_id(policy.rating_thresholds.as_expected)
        ),
    ];
    let bands: Vec<String> = policy
        .factor_bands
        .iter()
        .map(|b| format!("nilai ≥ {}: {}", number_id(b.from), p(b.factor)))
        .collect();
    lines.push(format!(
        "Komponen produktivitas dibayarkan menurut nilai capaian: {}; di bawahnya 0%.",
        bands.join("; ")
    ));
    for (predikat, cap) in &policy.predikat_caps {
        lines.push(format!(
            "Predikat kinerja {} membatasi komponen produktivitas paling tinggi {}.",
            predikat.label_id(),
            p(*cap)
        ));
    }
    let cuts: Vec<String> = policy.cuts.iter().map(|(code, pct)| format!("{code} {}", p(*pct))).collect();
    lines.push(format!(
        "Komponen disiplin dipotong per kejadian ketidakhadiran: {} (paling banyak 100%).",
        cuts.join(", ")
    ));
    let levels: Vec<String> = policy
        .sanction_levels
        .iter()
        .map(|(level, pct)| format!("{} {}", level_id(level), p(*pct)))
        .collect();
    lines.push(format!(
        "Hukuman disiplin memotong TPP bulanan selama masa berlakunya: {}.",
        levels.join(", ")
    ));
    if policy.breach_forces_below {
        lines.push(
            "Pelanggaran pakta integritas atau hukuman disiplin dalam suatu triwulan menjadikan rating perilaku kerja Di Bawah Ekspektasi."
                .to_string(),
        );
    }
    lines
}

/// How long a signed version is or was in force, from its stored first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    /// From the first day to the last, both included.
    Between(chrono::NaiveDate, chrono::NaiveDate),
    /// From the day, with no end yet.
    Since(chrono::NaiveDate),
    /// Replaced on the day it was to take effect (revised twice in one day): its last day is the
    /// day before its first, and it was never in force.
    Never,
    /// Not signed yet: no first day.
    NotYet,
}

impl Validity {
    pub fn of(from: Option<chrono::NaiveDate>, until: Option<chrono::NaiveDate>) -> Self {
        match (from, until) {
            (Some(f), Some(u)) if u < f => Validity::Never,
            (Some(f), Some(u)) => Validity::Between(f, u),
            (Some(f), None) => Validity::Since(f),
            (None, _) => Validity::NotYet,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(polarity: &str, kind: &str, weight: &str, annual: &str, tw: [&str; 4]) -> IndicatorInput {
        IndicatorInput {
            objective: "Meningkatnya kualitas layanan".into(),
            name: "Indeks kepuasan masyarakat".into(),
            unit: "indeks".into(),
            polarity: polarity.into(),
            target_kind: kind.into(),
            weight: weight.into(),
            annual: annual.into(),
            tw1: tw[0].into(),
            tw2: tw[1].into(),
            tw3: tw[2].into(),
            tw4: tw[3].into(),
            ..Default::default()
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_valid_pact_of_three_kinds() {
        let rows = vec![
            row("max", "cumulative", "40", "100", ["20", "50", "75", "100"]),
            row("min", "periodic", "35", "1.200", ["300", "300", "300", "300"]),
            row("range", "end_position", "25", "90–100", ["", "85-100", "", "90 s.d. 100"]),
            IndicatorInput::default(),
        ];
        let inds = parse_indicators(&rows).unwrap();
        assert_eq!(inds.len(), 3);
        assert_eq!(inds[1].annual, Target::Value { value: d("1200") });
        assert_eq!(inds[2].quarters[0], None);
        assert_eq!(inds[2].annual, Target::Range { low: d("90"), high: d("100") });
        assert_eq!(inds[2].annual.display_id(), "90–100");
    }

    #[test]
    fn weights_must_total_100() {
        let rows = vec![
            row("max", "cumulative", "40", "100", ["20", "50", "75", "100"]),
            row("max", "cumulative", "50", "100", ["20", "50", "75", "100"]),
        ];
        let errs = parse_indicators(&rows).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, "weight_total");
        assert!(errs[0].message.contains("90"), "{}", errs[0].message);
        assert_eq!(weight_total(&rows), d("90"));
    }

    #[test]
    fn quarter_targets_follow_the_jenis_target() {
        let e = parse_indicator(0, &row("max", "cumulative", "100", "100", ["20", "10", "75", "100"]))
            .unwrap_err();
        assert_eq!(e.field, "indicators[0].tw2");
        let e = parse_indicator(0, &row("max", "cumulative", "100", "100", ["20", "50", "75", "90"]))
            .unwrap_err();
        assert_eq!(e.field, "indicators[0].tw4");
        let e =
            parse_indicator(0, &row("max", "periodic", "100", "100", ["20", "20", "20", "20"])).unwrap_err();
        assert_eq!(e.field, "indicators[0].annual");
        assert!(e.message.contains("(80)"), "{}", e.message);
        let e =
            parse_indicator(0, &row("max", "end_position", "100", "100", ["20", "", "", ""])).unwrap_err();
        assert_eq!(e.field, "indicators[0].tw4");
        assert!(parse_indicator(0, &row("max", "end_position", "100", "100", ["", "", "", "100"])).is_ok());
    }

    #[test]
    fn bad_values_name_their_field() {
        let e = parse_indicator(3, &row("max", "cumulative", "0", "100", ["", "", "", "100"])).unwrap_err();
        assert_eq!(e.field, "indicators[3].weight");
        let e = parse_indicator(0, &row("max", "cumulative", "10", "0", ["", "", "", "0"])).unwrap_err();
        assert_eq!(e.field, "indicators[0].annual");
        let e = parse_indicator(0, &row("max", "cumulative", "10", "abc", ["", "", "", "1"])).unwrap_err();
        assert_eq!(e.field, "indicators[0].annual");
        let e = parse_indicator(0, &row("range", "cumulative", "10", "100", ["", "", "", "1"])).unwrap_err();
        assert_eq!(e.field, "indicators[0].annual");
        let e = parse_indicator(0, &row("up", "cumulative", "10", "100", ["", "", "", "1"])).unwrap_err();
        assert_eq!(e.field, "indicators[0].polarity");
        let mut r = row("max", "cumulative", "100", "100", ["", "", "", "100"]);
        r.budget = "Rp1.250.000.000".into();
        assert_eq!(parse_indicator(0, &r).unwrap().budget, Some(1_250_000_000));
        r.budget = "satu juta".into();
        assert_eq!(parse_indicator(0, &r).unwrap_err().field, "indicators[0].budget");
    }

    #[test]
    fn an_empty_editor_is_refused() {
        let errs = parse_indicators(&[IndicatorInput::default()]).unwrap_err();
        assert_eq!(errs[0].field, "indicators");
    }

    #[test]
    fn stored_rows_come_back_to_the_editor_unchanged() {
        let rows = vec![row("range", "periodic", "100", "200–400", ["100–200", "100–200", "", ""])];
        let inds = parse_indicators(&rows).unwrap();
        let again: Vec<IndicatorInput> = inds.iter().map(IndicatorInput::from_indicator).collect();
        assert_eq!(parse_indicators(&again).unwrap(), inds);
    }

    #[test]
    fn lifecycle_moves_only_forward() {
        use PactStatus::*;
        assert!(Draft.can_become(AwaitingSignatures));
        assert!(AwaitingSignatures.can_become(Signed));
        assert!(Signed.can_become(Superseded));
        assert!(!Signed.can_become(Draft));
        assert!(!Signed.can_become(AwaitingSignatures));
        assert!(!Superseded.can_become(Signed));
        assert!(!Cancelled.can_become(Draft));
        assert!(Draft.editable() && !AwaitingSignatures.editable() && !Signed.editable());
    }

    #[test]
    fn integrity_points_drop_list_markers() {
        let pts = integrity_points("1. Berperan aktif.\n\n2) Tidak meminta.\n  Bertindak jujur. \n");
        assert_eq!(pts, vec!["Berperan aktif.", "Tidak meminta.", "Bertindak jujur."]);
    }

    #[test]
    fn consequences_follow_the_policy() {
        let mut policy = Policy::default();
        let lines = consequences(&policy);
        assert!(lines.iter().any(|l| l.contains("disiplin kerja (40%)")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("paling tinggi 120%")));
        policy.cap = d("110");
        assert!(consequences(&policy).iter().any(|l| l.contains("paling tinggi 110%")));
    }

    #[test]
    fn a_version_replaced_on_its_first_day_was_never_in_force() {
        let d = |day| chrono::NaiveDate::from_ymd_opt(2026, 7, day).unwrap();
        assert_eq!(Validity::of(Some(d(2)), Some(d(1))), Validity::Never);
        assert_eq!(Validity::of(Some(d(1)), Some(d(1))), Validity::Between(d(1), d(1)), "one day");
        assert_eq!(Validity::of(Some(d(1)), Some(d(31))), Validity::Between(d(1), d(31)));
        assert_eq!(Validity::of(Some(d(1)), None), Validity::Since(d(1)));
        assert_eq!(Validity::of(None, None), Validity::NotYet);
    }
}
