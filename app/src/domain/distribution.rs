//! The distribution check of SE MenPAN-RB 3/2023: given the OPD's organisational predikat, the
//! officials' predikat must follow a curve. Breaking it yields warnings, never a block.
use super::predikat::Predikat;
use serde::{Deserialize, Serialize};

/// Predikat kinerja organisasi of the OPD for the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationPredikat {
    Istimewa,
    Baik,
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

impl OrganisationPredikat {
    pub const ALL: [OrganisationPredikat; 5] = [
        OrganisationPredikat::Istimewa,
        OrganisationPredikat::Baik,
        OrganisationPredikat::ButuhPerbaikan,
        OrganisationPredikat::Kurang,
        OrganisationPredikat::SangatKurang,
    ];

    /// As stored and posted (snake_case, as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationPredikat::Istimewa => "istimewa",
            OrganisationPredikat::Baik => "baik",
            OrganisationPredikat::ButuhPerbaikan => "butuh_perbaikan",
            OrganisationPredikat::Kurang => "kurang",
            OrganisationPredikat::SangatKurang => "sangat_kurang",
        }
    }

    pub fn parse(s: &str) -> Option<OrganisationPredikat> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            OrganisationPredikat::Istimewa => "Istimewa",
            OrganisationPredikat::Baik => "Baik",
            OrganisationPredikat::ButuhPerbaikan => "Butuh Perbaikan",
            OrganisationPredikat::Kurang => "Kurang",
            OrganisationPredikat::SangatKurang => "Sangat Kurang",
        }
    }

    /// The label in `lang` (Indonesian is `label_id`).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(
            self.label_id(),
            match self {
                OrganisationPredikat::Istimewa => "Outstanding",
                OrganisationPredikat::Baik => "Good",
                OrganisationPredikat::ButuhPerbaikan => "Needs Improvement",
                OrganisationPredikat::Kurang => "Poor",
                OrganisationPredikat::SangatKurang => "Very Poor",
            },
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// At most this percent of the officials.
    AtMost(u32),
    /// At least this percent of the officials.
    AtLeast(u32),
    /// At least one official.
    AtLeastOne,
}

/// One rule of the curve: the share of officials whose predikat is in `predikat`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub predikat: Vec<Predikat>,
    pub bound: Bound,
}

/// A rule the officials' distribution breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub rule: Rule,
    /// Officials with one of the rule's predikat.
    pub count: usize,
    pub total: usize,
    /// Indonesian, for the HR screen.
    pub message: String,
}

/// The curve for an organisational predikat.
pub fn rules(org: OrganisationPredikat) -> Vec<Rule> {
    use Bound::*;
    use Predikat::*;
    let r = |predikat: &[Predikat], bound| Rule { predikat: predikat.to_vec(), bound };
    match org {
        OrganisationPredikat::Istimewa => vec![r(&[SangatBaik], AtMost(70))],
        OrganisationPredikat::Baik => vec![r(&[Baik], AtMost(70)), r(&[ButuhPerbaikan, Kurang], AtLeastOne)],
        OrganisationPredikat::ButuhPerbaikan => {
            vec![r(&[ButuhPerbaikan], AtLeast(60)), r(&[SangatBaik], AtMost(10))]
        }
        OrganisationPredikat::Kurang => {
            vec![r(&[Kurang], AtLeast(60)), r(&[ButuhPerbaikan], AtLeast(10)), r(&[SangatBaik], AtMost(10))]
        }
        OrganisationPredikat::SangatKurang => vec![
            r(&[SangatKurang], AtLeast(60)),
            r(&[Kurang, ButuhPerbaikan], AtLeast(10)),
            r(&[SangatBaik], AtMost(0)),
        ],
    }
}

fn holds(bound: Bound, count: usize, total: usize) -> bool {
    match bound {
        Bound::AtMost(p) => count * 100 <= p as usize * total,
        Bound::AtLeast(p) => count * 100 >= p as usize * total,
        Bound::AtLeastOne => count >= 1,
    }
}

fn describe(rule: &Rule) -> String {
    let names: Vec<&str> = rule.predikat.iter().map(|p| p.label_id()).collect();
    let names = names.join(" atau ");
    match rule.bound {
        Bound::AtMost(0) => format!("tidak boleh ada {names}"),
        Bound::AtMost(p) => format!("paling banyak {p}% {names}"),
        Bound::AtLeast(p) => format!("paling sedikit {p}% {names}"),
        Bound::AtLeastOne => format!("paling sedikit satu {names}"),
    }
}

/// Warnings for an OPD whose officials received `officials` (one predikat each). No officials, no
/// warnings.
pub fn check(org: OrganisationPredikat, officials: &[Predikat]) -> Vec<Warning> {
    let total = officials.len();
    if total == 0 {
        return Vec::new();
    }
    rules(org)
        .into_iter()
        .filter_map(|rule| {
            let count = officials.iter().filter(|p| rule.predikat.contains(p)).count();
            (!holds(rule.bound, count, total)).then(|| Warning {
                message: format!(
                    "Predikat organisasi {}: {} (sekarang {count} dari {total} pejabat).",
                    org.label_id(),
                    describe(&rule)
                ),
                rule,
                count,
                total,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Predikat::*;

    fn many(p: Predikat, n: usize) -> Vec<Predikat> {
        vec![p; n]
    }

    #[test]
    fn istimewa_allows_seventy_percent_sangat_baik() {
        let mut list = many(SangatBaik, 7);
        list.extend(many(Baik, 3));
        assert!(check(OrganisationPredikat::Istimewa, &list).is_empty());
        list[7] = SangatBaik;
        let w = check(OrganisationPredikat::Istimewa, &list);
        assert_eq!(w.len(), 1);
        assert_eq!((w[0].count, w[0].total), (8, 10));
        assert!(w[0].message.contains("paling banyak 70% Sangat Baik"), "{}", w[0].message);
    }

    #[test]
    fn baik_needs_someone_to_improve() {
        let w = check(OrganisationPredikat::Baik, &[Baik, Baik, SangatBaik, SangatBaik]);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].rule.bound, Bound::AtLeastOne);
        let w = check(OrganisationPredikat::Baik, &[Baik, Baik, Baik, ButuhPerbaikan]);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].rule.bound, Bound::AtMost(70));
        assert!(check(OrganisationPredikat::Baik, &[Baik, SangatBaik, Kurang]).is_empty());
    }

    #[test]
    fn low_organisational_predikat() {
        let mut list = many(Kurang, 6);
        list.extend([ButuhPerbaikan, Baik, Baik, SangatBaik]);
        assert!(check(OrganisationPredikat::Kurang, &list).is_empty());
        let w = check(OrganisationPredikat::SangatKurang, &list);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(check(OrganisationPredikat::ButuhPerbaikan, &list).len() == 1);
        let mut list = many(SangatKurang, 6);
        list.extend([Kurang, Baik, Baik, Baik]);
        assert!(check(OrganisationPredikat::SangatKurang, &list).is_empty());
    }

    #[test]
    fn stored_names_round_trip_and_match_serde() {
        for p in OrganisationPredikat::ALL {
            assert_eq!(OrganisationPredikat::parse(p.as_str()), Some(p));
            assert_eq!(serde_json::to_value(p).unwrap(), serde_json::json!(p.as_str()));
        }
        assert_eq!(OrganisationPredikat::parse("Baik"), None);
    }

    #[test]
    fn no_officials_no_warnings() {
        assert!(check(OrganisationPredikat::Baik, &[]).is_empty());
    }
}
