//! UI strings per language (from the theme's `i18n/<lang>.yaml`, falling back
//! to English, then to the key) and locale-aware dates.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

/// The strings of one language.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    pub map: BTreeMap<String, String>,
}

impl Strings {
    /// Parse a strings file; later maps override earlier ones.
    pub fn layered(layers: &[&str]) -> Result<Strings, serde_yaml::Error> {
        let mut map = BTreeMap::new();
        for text in layers {
            let layer: BTreeMap<String, String> = serde_yaml::from_str(text)?;
            map.extend(layer);
        }
        Ok(Strings { map })
    }

    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map(String::as_str).unwrap_or(key)
    }
}

/// English month names (dates, and hints about dates).
pub(crate) const MONTHS: [&str; 12] = [
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

/// A date as people of `lang` write it: `2018年9月5日`, `5 September 2018`.
pub fn format_date(date: NaiveDate, lang: &str) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    match lang.split('-').next().unwrap_or(lang) {
        "ja" | "zh" => format!("{y}年{m}月{d}日"),
        "ko" => format!("{y}년 {m}월 {d}일"),
        "en" => format!("{d} {} {y}", MONTHS[(m - 1) as usize]),
        "de" => format!("{d}.{m}.{y}"),
        "fr" | "es" | "it" | "pt" => format!("{d:02}/{m:02}/{y}"),
        _ => date.format("%Y-%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_locale() {
        let d = NaiveDate::from_ymd_opt(2018, 9, 5).unwrap();
        assert_eq!(format_date(d, "ja"), "2018年9月5日");
        assert_eq!(format_date(d, "en"), "5 September 2018");
        assert_eq!(format_date(d, "en-GB"), "5 September 2018");
        assert_eq!(format_date(d, "xx"), "2018-09-05");
    }

    #[test]
    fn later_layers_override() {
        let s = Strings::layered(&["a: one\nb: two\n", "b: deux\n"]).unwrap();
        assert_eq!(s.get("a"), "one");
        assert_eq!(s.get("b"), "deux");
        assert_eq!(s.get("missing"), "missing");
    }
}
