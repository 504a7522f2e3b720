//! The interface's two languages: Indonesian (the default, and the language of the signed
//! documents themselves) and English. A user picks one with the switch in the header; the choice
//! is a cookie, so the server renders the page and the browser hydrates it in the same language.
//!
//! Labels are written in both languages where they are used: `t("Simpan", "Save")`. Messages
//! that the server builds deep inside its rules (validation errors, conflicts) stay Indonesian
//! there and are translated where they are shown, from the catalogue in `messages_en.rs`.
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[cfg(test)]
mod coverage;
mod messages_en;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Id,
    En,
}

/// The cookie that holds the user's choice ("id" or "en").
pub const LANG_COOKIE: &str = "pakta_lang";
/// Where the switch posts its form (`bahasa=en&kembali=/saya`).
pub const SWITCH_PATH: &str = "/bahasa";

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim() {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a `Cookie:` header asks for; Indonesian when it asks for none.
    pub fn from_cookie_header(header: &str) -> Lang {
        header
            .split(';')
            .filter_map(|c| c.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Lang::from_code(value))
            .unwrap_or_default()
    }

    /// `id` in Indonesian, `en` in English.
    pub fn pick<T>(self, id: T, en: T) -> T {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    pub fn other(self) -> Lang {
        self.pick(Lang::En, Lang::Id)
    }

    /// The language's name in itself, as the switch shows it.
    pub fn own_name(self) -> &'static str {
        self.pick("Bahasa Indonesia", "English")
    }
}

/// The language a request asks for (its cookie).
#[cfg(feature = "ssr")]
pub fn from_headers(headers: &http::HeaderMap) -> Lang {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(Lang::from_cookie_header)
        .find(|l| *l != Lang::Id)
        .unwrap_or_default()
}

/// The language of the page being rendered or the server function being run.
pub fn lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_else(outside_context)
}

/// On the server, the current request's cookie; in the browser, the language the server rendered
/// the page in (`<html lang>`), which cannot change without a new page load.
#[cfg(feature = "ssr")]
fn outside_context() -> Lang {
    leptos::prelude::use_context::<http::request::Parts>()
        .map(|p| from_headers(&p.headers))
        .unwrap_or_default()
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn outside_context() -> Lang {
    thread_local! {
        static PAGE_LANG: Lang = leptos::prelude::document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default();
    }
    PAGE_LANG.with(|l| *l)
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn outside_context() -> Lang {
    Lang::Id
}

/// A label in the page's language.
pub fn t(id: &'static str, en: &'static str) -> &'static str {
    lang().pick(id, en)
}

/// True when the page is in English (for texts built with `format!`).
pub fn is_en() -> bool {
    lang() == Lang::En
}

pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of month 1–12 in `lang` ("" for anything else).
pub fn month_name_in(lang: Lang, month: u32) -> &'static str {
    let names = lang.pick(&crate::format::MONTHS_ID, &MONTHS_EN);
    names.get(month.wrapping_sub(1) as usize).copied().unwrap_or("")
}

/// "26 Agustus 2025" / "26 August 2025".
pub fn date_in(lang: Lang, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {} {}", d.day(), month_name_in(lang, d.month()), d.year())
}

/// A date in the page's language.
pub fn date(d: chrono::NaiveDate) -> String {
    date_in(lang(), d)
}

/// A list's position: "Halaman 2 dari 5" / "Page 2 of 5".
pub fn page_of(current: u64, pages: u64) -> String {
    if is_en() {
        format!("Page {current} of {pages}")
    } else {
        format!("Halaman {current} dari {pages}")
    }
}

/// A quarter as each language writes it: "TW II" / "Q2".
pub fn quarter_in(lang: Lang, quarter: u32) -> String {
    match lang {
        Lang::Id => format!("TW {}", crate::format::quarter_roman(quarter)),
        Lang::En => format!("Q{quarter}"),
    }
}

/// A quarter in the page's language.
pub fn quarter(quarter: u32) -> String {
    quarter_in(lang(), quarter)
}

/// A message built in Indonesian (an error, a notice) in `lang`. A catalogue entry is either the
/// exact text or a pattern whose `{}` stand for the parts that vary ("Jumlah {} harus ..."); in
/// the English pattern `{}` takes those parts in order, `{0}`, `{1}`... by position. A part that
/// is itself a message of the catalogue (a field's label, another message wrapped in this one)
/// is translated too. A message the catalogue lacks is shown as it is, in Indonesian, rather than
/// not at all.
pub fn message_in(lang: Lang, text: &str) -> Cow<'_, str> {
    if lang == Lang::Id {
        return Cow::Borrowed(text);
    }
    let catalogue = catalogue();
    if let Some(en) = catalogue.exact.get(text) {
        return Cow::Borrowed(en);
    }
    for (pattern, en) in &catalogue.patterns {
        if let Some(parts) = match_pattern(pattern, text) {
            // Each part is shorter than the text, so this ends.
            let parts: Vec<Cow<str>> = parts
                .into_iter()
                .map(|p| if p.len() < text.len() { message_in(lang, p) } else { p.into() })
                .collect();
            let parts: Vec<&str> = parts.iter().map(|p| p.as_ref()).collect();
            return Cow::Owned(fill(en, &parts));
        }
    }
    Cow::Borrowed(text)
}

/// A message in the page's language.
pub fn message(text: &str) -> String {
    message_in(lang(), text).into_owned()
}

struct Catalogue {
    exact: std::collections::HashMap<&'static str, &'static str>,
    /// Longest first, so that a specific pattern wins over a general one.
    patterns: Vec<(&'static str, &'static str)>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let (patterns, exact): (Vec<_>, Vec<_>) =
            messages_en::MESSAGES.iter().copied().partition(|(id, _)| id.contains("{}"));
        let mut patterns = patterns;
        patterns.sort_by_key(|(id, _)| std::cmp::Reverse(id.len()));
        Catalogue { exact: exact.into_iter().collect(), patterns }
    })
}

/// The parts of `text` that stand where `pattern` has `{}`, if it matches.
fn match_pattern<'t>(pattern: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let literals: Vec<&str> = pattern.split("{}").collect();
    let (first, rest) = literals.split_first()?;
    let mut remaining = text.strip_prefix(first)?;
    let mut parts = Vec::with_capacity(rest.len());
    for (i, literal) in rest.iter().enumerate() {
        let is_last = i == rest.len() - 1;
        let at = if is_last {
            // The last literal ends the text.
            if !remaining.ends_with(literal) {
                return None;
            }
            remaining.len() - literal.len()
        } else if literal.is_empty() {
            return None;
        } else {
            remaining.find(literal)?
        };
        let part = &remaining[..at];
        if part.is_empty() {
            return None;
        }
        parts.push(part);
        remaining = &remaining[at + literal.len()..];
    }
    Some(parts)
}

/// `template` with each `{}` (in order) or `{N}` (by position) replaced by `parts`.
fn fill(template: &str, parts: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut next = 0;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if after[..close].chars().all(|c| c.is_ascii_digit()) => {
                let index = if close == 0 {
                    next += 1;
                    next - 1
                } else {
                    after[..close].parse().unwrap_or(usize::MAX)
                };
                out.push_str(parts.get(index).copied().unwrap_or(""));
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_chooses_the_language() {
        assert_eq!(Lang::from_cookie_header("a=1; pakta_lang=en; b=2"), Lang::En);
        assert_eq!(Lang::from_cookie_header("pakta_lang=id"), Lang::Id);
        assert_eq!(Lang::from_cookie_header("pakta_lang=fr"), Lang::Id);
        assert_eq!(Lang::from_cookie_header(""), Lang::Id);
        assert_eq!(Lang::from_cookie_header("xpakta_lang=en"), Lang::Id);
    }

    #[test]
    fn dates_in_both_languages() {
        let d = chrono::NaiveDate::from_ymd_opt(2025, 8, 26).unwrap();
        assert_eq!(date_in(Lang::Id, d), "26 Agustus 2025");
        assert_eq!(date_in(Lang::En, d), "26 August 2025");
        assert_eq!(month_name_in(Lang::En, 13), "");
    }

    #[test]
    fn patterns_carry_the_varying_parts() {
        assert_eq!(
            match_pattern("Jumlah {} harus 0 sampai {}.", "Jumlah TK harus 0 sampai 31."),
            Some(vec!["TK", "31"])
        );
        assert_eq!(match_pattern("Jumlah {} harus.", "Jumlah harus."), None);
        assert_eq!(match_pattern("{} tidak aktif.", "Budi tidak aktif."), Some(vec!["Budi"]));
        assert_eq!(match_pattern("Baris {}: {}", "Baris 3: NIP salah: 12"), Some(vec!["3", "NIP salah: 12"]));
        assert_eq!(fill("Count of {} must be 0 to {}.", &["TK", "31"]), "Count of TK must be 0 to 31.");
        assert_eq!(fill("{1} before {0}", &["a", "b"]), "b before a");
        assert_eq!(fill("no {placeholder}", &[]), "no {placeholder}");
    }

    #[test]
    fn messages_are_translated_and_unknown_ones_kept() {
        assert_eq!(message_in(Lang::Id, "Data tidak ditemukan."), "Data tidak ditemukan.");
        assert_eq!(message_in(Lang::En, "Data tidak ditemukan."), "Not found.");
        assert_eq!(
            message_in(Lang::En, "Teks yang belum ada di katalog."),
            "Teks yang belum ada di katalog."
        );
    }

    /// Every fixed message of the error type has its English.
    #[test]
    fn every_fixed_error_message_is_in_the_catalogue() {
        use crate::error::AppError;
        for e in [
            AppError::InvalidCredentials,
            AppError::TooManyAttempts { minutes: 15 },
            AppError::Busy,
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::Internal,
            AppError::Transport("timeout".into()),
        ] {
            let id = e.to_string();
            assert_ne!(message_in(Lang::En, &id), id, "no English for {id:?}");
        }
    }

    /// No two entries for one Indonesian text, and every pattern's English takes all its parts.
    #[test]
    fn the_catalogue_is_consistent() {
        let mut seen = std::collections::HashSet::new();
        for (id, en) in messages_en::MESSAGES {
            assert!(seen.insert(*id), "twice in the catalogue: {id:?}");
            assert!(!en.is_empty(), "empty English for {id:?}");
            let holes = id.matches("{}").count();
            let parts: Vec<String> = (0..holes).map(|i| format!("<{i}>")).collect();
            let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
            let filled = fill(en, &refs);
            for p in &parts {
                assert!(filled.contains(p.as_str()), "{en:?} drops a part of {id:?}");
            }
        }
    }
}
