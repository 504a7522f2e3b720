//! Predikat kinerja: the national matrix of PermenPAN-RB 6/2022 (fixed, not policy).
use super::rating::Rating;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Predikat {
    SangatBaik,
    Baik,
    ButuhPerbaikan,
    /// Kurang / Misconduct.
    Kurang,
    SangatKurang,
}

impl Predikat {
    pub const ALL: [Predikat; 5] = [
        Predikat::SangatBaik,
        Predikat::Baik,
        Predikat::ButuhPerbaikan,
        Predikat::Kurang,
        Predikat::SangatKurang,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Predikat::SangatBaik => "sangat_baik",
            Predikat::Baik => "baik",
            Predikat::ButuhPerbaikan => "butuh_perbaikan",
            Predikat::Kurang => "kurang",
            Predikat::SangatKurang => "sangat_kurang",
        }
    }

    pub fn parse(s: &str) -> Option<Predikat> {
        Predikat::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Predikat::SangatBaik => "Sangat Baik",
            Predikat::Baik => "Baik",
            Predikat::ButuhPerbaikan => "Butuh Perbaikan",
            Predikat::Kurang => "Kurang/Misconduct",
            Predikat::SangatKurang => "Sangat Kurang",
        }
    }

    /// The label in `lang` (Indonesian is `label_id`).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(
            self.label_id(),
            match self {
                Predikat::SangatBaik => "Very Good",
                Predikat::Baik => "Good",
                Predikat::ButuhPerbaikan => "Needs Improvement",
                Predikat::Kurang => "Poor/Misconduct",
                Predikat::SangatKurang => "Very Poor",
            },
        )
    }
}

/// The matrix: rows are the work rating, columns the behaviour rating.
pub fn predikat(work: Rating, behaviour: Rating) -> Predikat {
    use Rating::*;
    match (work, behaviour) {
        (Above | AsExpected, Below) => Predikat::Kurang,
        (Above, Above) => Predikat::SangatBaik,
        (Above, AsExpected) | (AsExpected, AsExpected | Above) => Predikat::Baik,
        (Below, Below) => Predikat::SangatKurang,
        (Below, AsExpected | Above) => Predikat::ButuhPerbaikan,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Rating::*;

    #[test]
    fn the_whole_matrix() {
        let rows = [
            (Above, [Predikat::Kurang, Predikat::Baik, Predikat::SangatBaik]),
            (AsExpected, [Predikat::Kurang, Predikat::Baik, Predikat::Baik]),
            (Below, [Predikat::SangatKurang, Predikat::ButuhPerbaikan, Predikat::ButuhPerbaikan]),
        ];
        for (work, expected) in rows {
            for (behaviour, want) in [Below, AsExpected, Above].into_iter().zip(expected) {
                assert_eq!(predikat(work, behaviour), want, "{work:?} × {behaviour:?}");
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for p in Predikat::ALL {
            assert_eq!(Predikat::parse(p.as_str()), Some(p));
        }
    }
}
