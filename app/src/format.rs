//! Indonesian presentation of numbers, money and dates ("Rp16.000.000", "26 Agustus 2025").
use chrono::{Datelike, NaiveDate};

/// Groups digits with dots: 16000000 → "16.000.000".
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Integer Rupiah as shown in Indonesian documents: "Rp16.000.000".
pub fn rupiah(amount: i64) -> String {
    if amount < 0 {
        format!("-Rp{}", group_thousands(-amount))
    } else {
        format!("Rp{}", group_thousands(amount))
    }
}

pub const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// "26 Agustus 2025".
pub fn date_id(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS_ID[d.month0() as usize], d.year())
}

/// Waktu Indonesia Barat (UTC+7), Kota Batu's local time.
pub fn wib() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// "26-08-2025 14:05:09 WIB".
pub fn datetime_wib(at: chrono::DateTime<chrono::Utc>) -> String {
    format!("{} WIB", at.with_timezone(&wib()).format("%d-%m-%Y %H:%M:%S"))
}

/// "I".."IV" for a quarter number, "?" for anything else.
pub fn quarter_roman(quarter: u32) -> &'static str {
    crate::domain::tpp::Quarter::new(quarter).map_or("?", crate::domain::tpp::Quarter::roman)
}

/// The Indonesian name of month 1–12 ("" for anything else).
pub fn month_name(month: u32) -> &'static str {
    MONTHS_ID.get(month.wrapping_sub(1) as usize).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupiah_groups_thousands() {
        assert_eq!(rupiah(16_000_000), "Rp16.000.000");
        assert_eq!(rupiah(0), "Rp0");
        assert_eq!(rupiah(999), "Rp999");
        assert_eq!(rupiah(1_000), "Rp1.000");
        assert_eq!(rupiah(-962_500), "-Rp962.500");
    }

    #[test]
    fn dates_in_indonesian() {
        assert_eq!(date_id(NaiveDate::from_ymd_opt(2025, 8, 26).unwrap()), "26 Agustus 2025");
        assert_eq!(date_id(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()), "1 Januari 2026");
    }
}
