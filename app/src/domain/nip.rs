//! NIP (Nomor Induk Pegawai): 18 digits = birth date YYYYMMDD, TMT CPNS YYYYMM, sex 1/2, serial.
use super::DomainError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

impl Nip {
    /// Accepts the printed form with spaces ("19800101 200501 1 001") as well as 18 plain digits.
    pub fn parse(input: &str) -> Result<Nip, DomainError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let err = |m: &str| Err(DomainError::new("nip", m));
        if digits.is_empty() {
            return err("NIP wajib diisi.");
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return err("NIP hanya boleh berisi angka.");
        }
        if digits.len() != 18 {
            return err(&format!("NIP harus 18 digit (tertulis {} digit).", digits.len()));
        }
        let num = |r: std::ops::Range<usize>| digits[r].parse::<u32>().unwrap_or(0);
        let birth = NaiveDate::from_ymd_opt(num(0..4) as i32, num(4..6), num(6..8));
        let Some(birth) = birth else {
            return err("8 digit pertama NIP harus tanggal lahir yang sah (TTTTBBHH).");
        };
        let (tmt_year, tmt_month) = (num(8..12) as i32, num(12..14));
        if !(1..=12).contains(&tmt_month) {
            return err("Digit 9–14 NIP harus TMT CPNS (TTTTBB) dengan bulan 01–12.");
        }
        // A civil servant is appointed as an adult: at least 18 years after birth.
        if tmt_year < chrono::Datelike::year(&birth) + 18 {
            return err("TMT CPNS pada NIP harus minimal 18 tahun setelah tanggal lahir.");
        }
        if !matches!(&digits[14..15], "1" | "2") {
            return err("Digit ke-15 NIP (jenis kelamin) harus 1 atau 2.");
        }
        if &digits[15..18] == "000" {
            return err("Nomor urut NIP (3 digit terakhir) tidak boleh 000.");
        }
        Ok(Nip(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The spaced form printed on documents: "19800101 200501 1 001".
    pub fn spaced(&self) -> String {
        let d = &self.0;
        format!("{} {} {} {}", &d[0..8], &d[8..14], &d[14..15], &d[15..18])
    }
}

impl TryFrom<String> for Nip {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Nip::parse(&s)
    }
}

impl From<Nip> for String {
    fn from(n: Nip) -> String {
        n.0
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_plain_and_spaced() {
        let n = Nip::parse("198001012005011001").unwrap();
        assert_eq!(n.spaced(), "19800101 200501 1 001");
        assert_eq!(Nip::parse("19800101 200501 1 001").unwrap(), n);
    }

    #[test]
    fn rejects_bad_structure_with_reason() {
        let msg = |s: &str| Nip::parse(s).unwrap_err().message;
        assert!(msg("").contains("wajib"));
        assert!(msg("19800101200501100").contains("18 digit"));
        assert!(msg("19800101200501100A").contains("angka"));
        assert!(msg("198002302005011001").contains("tanggal lahir"));
        assert!(msg("198001012005131001").contains("bulan"));
        assert!(msg("198001011990011001").contains("18 tahun"));
        assert!(msg("198001012005013001").contains("jenis kelamin"));
        assert!(msg("198001012005011000").contains("000"));
        assert_eq!(Nip::parse("x").unwrap_err().field, "nip");
    }
}
