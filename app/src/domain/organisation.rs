//! OPDs and positions.
use serde::{Deserialize, Serialize};

/// Jenis jabatan. The head of region (Wali Kota) is recorded so pacts of heads of OPD have a
/// pihak kedua.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionKind {
    /// Kepala daerah (Wali Kota).
    HeadOfRegion,
    /// JPT Pratama, eselon II.
    JptPratama,
    /// Administrator, eselon III.
    Administrator,
    /// Pengawas, eselon IV.
    Pengawas,
}

impl PositionKind {
    pub const ALL: [PositionKind; 4] = [
        PositionKind::HeadOfRegion,
        PositionKind::JptPratama,
        PositionKind::Administrator,
        PositionKind::Pengawas,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PositionKind::HeadOfRegion => "head_of_region",
            PositionKind::JptPratama => "jpt_pratama",
            PositionKind::Administrator => "administrator",
            PositionKind::Pengawas => "pengawas",
        }
    }

    pub fn parse(s: &str) -> Option<PositionKind> {
        PositionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            PositionKind::HeadOfRegion => "Kepala Daerah",
            PositionKind::JptPratama => "JPT Pratama (Eselon II)",
            PositionKind::Administrator => "Administrator (Eselon III)",
            PositionKind::Pengawas => "Pengawas (Eselon IV)",
        }
    }

    /// The label in `lang` (Indonesian is `label_id`).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(
            self.label_id(),
            match self {
                PositionKind::HeadOfRegion => "Regional Head",
                PositionKind::JptPratama => "JPT Pratama (Echelon II)",
                PositionKind::Administrator => "Administrator (Echelon III)",
                PositionKind::Pengawas => "Pengawas (Echelon IV)",
            },
        )
    }
}
