//! `tebiki.yaml` → [`SiteConfig`]: the site's settings, validated.
//!
//! Unknown keys are reported as diagnostics with their line (rule
//! `config-unknown-key`) rather than stopping the run; a file that cannot be
//! read or whose known keys have the wrong type is a [`ConfigError`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules;

/// File name of the site configuration.
pub const CONFIG_FILE: &str = "tebiki.yaml";

/// Keys `tebiki.yaml` may contain.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "languages",
    "base_url",
    "schema",
    "rules",
    "raw_html",
    "theme",
    "search",
    "feedback",
    "i18n",
    "content",
    "exclude",
    "dates",
    "front_matter",
    "support",
    "includes",
    "help_ids",
    "images",
    "pdf",
];

/// The content folder when `content:` does not name another.
pub const DEFAULT_CONTENT: &str = "content";

/// A string, or one string per language (`{ja: …, en: …}`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Localized {
    One(String),
    PerLanguage(BTreeMap<String, String>),
}

impl Default for Localized {
    fn default() -> Self {
        Localized::One(String::new())
    }
}

impl Localized {
    /// The text for `lang`, else for `fallback`, else any.
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> &'a str {
        match self {
            Localized::One(s) => s,
            Localized::PerLanguage(map) => map
                .get(lang)
                .or_else(|| map.get(fallback))
                .or_else(|| map.values().next())
                .map(String::as_str)
                .unwrap_or(""),
        }
    }
}

/// Severity a site assigns to a rule under `rules:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warn,
    Off,
}

/// Where "Was this helpful?" answers go.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackConfig {
    /// URL that receives a JSON POST per answer; unset keeps answers in the browser.
    pub endpoint: Option<String>,
}

/// Translation settings (`i18n:`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct I18nConfig {
    /// What a language's category pages do with a guide not translated into it.
    #[serde(default)]
    pub fallback: Fallback,
}

/// `i18n.fallback`: a guide missing in a language is left off that
/// language's category pages (`hide`, the default), or listed there in
/// its original language, marked as only in that language (`list`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fallback {
    #[default]
    Hide,
    List,
}

/// Where readers get help when no fix of a troubleshooter worked (`support:`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportConfig {
    /// The contact point: a URL (`https:`, `mailto:`, `tel:` …) or a path
    /// of the built site starting with `/`; one, or one per language.
    pub contact: Option<Localized>,
}

impl SupportConfig {
    /// The contact point for `lang` (`default`: the site's default
    /// language), when there is one.
    pub fn contact_for(&self, lang: &str, default: &str) -> Option<&str> {
        self.contact.as_ref().map(|c| c.get(lang, default).trim()).filter(|c| !c.is_empty())
    }
}

/// What tebiki does with raw HTML written in guides (`raw_html:`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RawHtml {
    /// A GitHub-like allowlist passes; everything else is removed (the default).
    #[default]
    Sanitize,
    /// A small safe set passes; every other tag is shown as text.
    Escape,
    /// Raw HTML passes unchanged: for sites whose every author is trusted.
    Trust,
}

/// `raw_html:` is a mode, or the boolean of earlier versions (`true` =
/// trust, `false` = escape), so sites that build keep building.
impl<'de> Deserialize<'de> for RawHtml {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawHtml;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`sanitize`, `escape` or `trust`")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<RawHtml, E> {
                Ok(if v { RawHtml::Trust } else { RawHtml::Escape })
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawHtml, E> {
                match v {
                    "sanitize" => Ok(RawHtml::Sanitize),
                    "escape" => Ok(RawHtml::Escape),
                    "trust" => Ok(RawHtml::Trust),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Search settings (`search:`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Extra synonym groups: each list is a set of words that find each
    /// other. A group sharing a word with a built-in group joins it.
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
    /// Use tebiki's built-in synonym list (`src/search/synonyms.yaml`).
    #[serde(default = "yes")]
    pub builtin_synonyms: bool,
}

fn yes() -> bool {
    true
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { synonyms: Vec::new(), builtin_synonyms: true }
    }
}

/// Where a guide's dates come from when its front matter has none (`dates:`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// The first and last commit that touched the file; a file without
    /// history falls back to [`DateSource::File`] for `published`.
    #[default]
    Git,
    /// The file's modification time.
    File,
    /// No derived dates: a guide without `published` shows none.
    None,
}

/// What to do with front-matter fields tebiki does not know.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnknownFields {
    /// Report them (`schema`), as FORMAT.md says.
    #[default]
    Error,
    /// Keep them (templates see them under `extra`), unreported.
    Ignore,
}

/// Front-matter settings (`front_matter:`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatterConfig {
    #[serde(default)]
    pub unknown: UnknownFields,
}

/// `includes:` in `tebiki.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncludesConfig {
    /// Folders (relative to the site folder) that MkDocs `--8<--` snippet
    /// paths are read from, in order, as pymdownx.snippets' `base_path`
    /// (default: the site folder).
    #[serde(default = "default_snippet_paths")]
    pub snippet_paths: Vec<String>,
}

impl Default for IncludesConfig {
    fn default() -> Self {
        IncludesConfig { snippet_paths: default_snippet_paths() }
    }
}

fn default_snippet_paths() -> Vec<String> {
    vec![".".into()]
}

/// Help ids (`help_ids:`): the list of ids a product opens help with, and
/// the front-matter field that also gives a guide's help id. Written as the
/// list's path alone (`help_ids: ids.txt`) or as a mapping.
#[derive(Debug, Clone, Default)]
pub struct HelpIdsConfig {
    /// A text file (relative to the site folder) naming one id per line
    /// (`#` starts a comment): each must resolve (`help-id-missing`).
    pub list: Option<PathBuf>,
    /// A front-matter field read as the guide's help id besides `help_id`
    /// (`id`, as Zendesk exports write a numeric one).
    pub from_field: Option<String>,
}

/// The mapping form of `help_ids:`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HelpIdsFields {
    list: Option<PathBuf>,
    from_field: Option<String>,
}

impl<'de> Deserialize<'de> for HelpIdsConfig {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = HelpIdsConfig;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the path of a list of ids, or a mapping with `list` and `from_field`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<HelpIdsConfig, E> {
                Ok(HelpIdsConfig { list: Some(PathBuf::from(v)), from_field: None })
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<HelpIdsConfig, E> {
                Ok(HelpIdsConfig::default())
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<HelpIdsConfig, A::Error> {
                let f = HelpIdsFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(HelpIdsConfig { list: f.list, from_field: f.from_field.filter(|f| !f.trim().is_empty()) })
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `pdf:` in `tebiki.yaml`: the fonts of `tebiki pdf`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfConfig {
    /// Font files or folders (relative to the site folder), tried before
    /// the system's fonts.
    #[serde(default)]
    pub fonts: Vec<PathBuf>,
    /// Whether the system's fonts are used too (default true); `false`
    /// makes a manual depend on `fonts` only.
    #[serde(default = "yes")]
    pub system_fonts: bool,
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig { fonts: Vec::new(), system_fonts: true }
    }
}

/// `images:` in `tebiki.yaml`: screenshot density and size limits.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImagesConfig {
    /// Pixel density of screenshots whose file name (`@2x`) and PNG
    /// `pHYs` chunk say nothing (default 1).
    #[serde(default = "default_density")]
    pub density: f64,
    /// `image-too-large` warns over this many bytes (default 1.5 MB).
    #[serde(default = "default_max_bytes")]
    pub max_bytes: u64,
    /// `image-too-large` warns over this width in pixels (default 4000).
    #[serde(default = "default_max_width")]
    pub max_width: u32,
    /// Write optimised WebP and PNG files of screenshots, and 1× files of
    /// HiDPI ones, for `<picture>` (default true; `crate::images`).
    #[serde(default = "default_optimize")]
    pub optimize: bool,
}

fn default_optimize() -> bool {
    true
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            density: default_density(),
            max_bytes: default_max_bytes(),
            max_width: default_max_width(),
            optimize: default_optimize(),
        }
    }
}

fn default_density() -> f64 {
    1.0
}

fn default_max_bytes() -> u64 {
    1_500_000
}

fn default_max_width() -> u32 {
    4000
}

fn default_content() -> String {
    DEFAULT_CONTENT.to_string()
}

/// The validated contents of `tebiki.yaml`.
#[derive(Debug, Clone, Deserialize)]
pub struct SiteConfig {
    pub title: Localized,
    #[serde(default)]
    pub description: Localized,
    /// Language codes; the first is the default language.
    pub languages: Vec<String>,
    /// Public address of the site, for the sitemap, feed and structured data.
    /// The built site never depends on it.
    pub base_url: Option<String>,
    /// The site's own JSON Schema for front matter (YAML or JSON).
    pub schema: Option<PathBuf>,
    /// Severity per rule id.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
    /// What happens to raw HTML in guides (`sanitize`, `escape`, `trust`).
    #[serde(default)]
    pub raw_html: RawHtml,
    /// Theme folder name under `themes/` (default `default`).
    pub theme: Option<String>,
    #[serde(default)]
    pub search: SearchConfig,
    #[serde(default)]
    pub feedback: FeedbackConfig,
    #[serde(default)]
    pub i18n: I18nConfig,
    /// The folder holding the guides, relative to the site folder
    /// (`content`, `docs`; `.` for the site folder itself).
    #[serde(default = "default_content")]
    pub content: String,
    /// Globs (relative to the content folder) of files and folders that are
    /// not part of the site.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Where dates missing from front matter come from.
    #[serde(default)]
    pub dates: DateSource,
    #[serde(default)]
    pub front_matter: FrontMatterConfig,
    #[serde(default)]
    pub support: SupportConfig,
    #[serde(default)]
    pub includes: IncludesConfig,
    #[serde(default)]
    pub help_ids: HelpIdsConfig,
    #[serde(default)]
    pub images: ImagesConfig,
    #[serde(default)]
    pub pdf: PdfConfig,
}

/// Why `tebiki.yaml` could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("no {CONFIG_FILE} in {0} or any parent folder")]
    NotFound(PathBuf),
    #[error("failed to read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid { path: PathBuf, line: usize, column: usize, message: String },
}

impl SiteConfig {
    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }

    pub fn title_for(&self, lang: &str) -> &str {
        self.title.get(lang, self.default_language())
    }

    pub fn description_for(&self, lang: &str) -> &str {
        self.description.get(lang, self.default_language())
    }

    /// The content folder (absolute when `root` is).
    pub fn content_dir(&self, root: &Path) -> PathBuf {
        if self.content == "." {
            root.to_path_buf()
        } else {
            root.join(&self.content)
        }
    }

    /// `rel` (relative to the site folder, `/`-separated) relative to the
    /// content folder, if it is inside it.
    pub fn in_content<'a>(&self, rel: &'a str) -> Option<&'a str> {
        if self.content == "." {
            return Some(rel);
        }
        match rel.strip_prefix(self.content.as_str()) {
            Some("") => Some(""),
            Some(rest) => rest.strip_prefix('/'),
            None => None,
        }
    }

    /// A path relative to the content folder, made relative to the site folder.
    pub fn content_path(&self, rel_in_content: &str) -> String {
        match (self.content.as_str(), rel_in_content) {
            (".", r) => r.to_string(),
            (c, "") => c.to_string(),
            (c, r) => format!("{c}/{r}"),
        }
    }

    /// Output path prefix of a language: `""` for the default, `en/` for others.
    pub fn lang_prefix(&self, lang: &str) -> String {
        if lang == self.default_language() {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    /// `base_url` with exactly one trailing slash, if set.
    pub fn base_url(&self) -> Option<String> {
        self.base_url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
            .map(|u| format!("{}/", u.trim().trim_end_matches('/')))
    }

    /// The severity a rule has on this site (`None` when turned off).
    pub fn severity(&self, rule: &rules::Rule) -> Option<Severity> {
        match self.rules.get(rule.id) {
            Some(RuleLevel::Error) => Some(Severity::Error),
            Some(RuleLevel::Warn) => Some(Severity::Warning),
            Some(RuleLevel::Off) => None,
            None => rule.on_by_default().then_some(rule.default),
        }
    }

    /// Parse `tebiki.yaml` text. `path` is used in messages only.
    pub fn parse(text: &str, path: &Path) -> Result<(SiteConfig, Vec<Diagnostic>), ConfigError> {
        let invalid = |line: usize, column: usize, message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            message,
        };
        let from_yaml_error = |e: serde_yaml::Error| {
            let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
            invalid(line, column, e.to_string())
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(from_yaml_error)?;
        let mut diagnostics = Vec::new();
        let Some(map) = value.as_mapping() else {
            return Err(invalid(1, 1, "expected a mapping of settings".into()));
        };
        let unknown: Vec<String> =
            map.keys().filter_map(|k| k.as_str()).filter(|k| !KNOWN_KEYS.contains(k)).map(str::to_string).collect();
        for key in unknown {
            let span = crate::source::key_span(text, 0, &key).unwrap_or(0..0);
            let hint =
                crate::source::closest(&key, KNOWN_KEYS.iter().copied()).map(|k| format!("a known key is `{k}`"));
            diagnostics.push(
                Diagnostic::new(
                    &rules::CONFIG_UNKNOWN_KEY,
                    path,
                    span,
                    format!("unknown key `{key}` in {CONFIG_FILE}"),
                )
                .with_hint(hint),
            );
        }
        if let Some(serde_yaml::Value::Mapping(rules)) = map.get("rules") {
            diagnostics.extend(rules::unknown_ids(text, path, rules.keys().filter_map(|k| k.as_str())));
        }
        // Unknown keys were reported above and are ignored here; reading the
        // text itself (not the value) keeps line numbers in type errors.
        let config: SiteConfig = serde_yaml::from_str(text).map_err(from_yaml_error)?;
        if config.languages.is_empty() {
            return Err(invalid(1, 1, "`languages` must list at least one language".into()));
        }
        let mut config = config;
        config.content = normalize_content(&config.content).map_err(|why| {
            let (line, column) = key_position(text, "content");
            invalid(line, column, format!("`content: {}` {why}", config.content))
        })?;
        if let Err(e) = crate::discover::Exclusions::new(&config.exclude) {
            let (line, column) = key_position(text, "exclude");
            return Err(invalid(line, column, format!("`exclude` has a pattern that is not a glob: {e}")));
        }
        let density = config.images.density;
        if !(density.is_finite() && (0.5..=8.0).contains(&density)) {
            // The line of `density:` under `images:` (flow style: the `images:` line).
            let images = crate::source::key_span(text, 0, "images").map_or(0, |s| s.start);
            let at = text[images..].find("density").map_or(images, |d| images + d);
            let (line, column) = (text[..at].matches('\n').count() + 1, 1);
            return Err(invalid(
                line,
                column,
                format!("`images.density: {density}` must be a number from 0.5 to 8, such as 1 or 2"),
            ));
        }
        for lang in &config.languages {
            let ok = !lang.is_empty()
                && lang.len() <= 12
                && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && lang.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if !ok {
                return Err(invalid(1, 1, format!("`{lang}` is not a language code such as `ja` or `en`")));
            }
        }
        Ok((config, diagnostics))
    }
}

/// `content:` as a clean `/`-separated relative path (`.` for the site folder).
fn normalize_content(written: &str) -> Result<String, &'static str> {
    let trimmed = written.trim().replace('\\', "/");
    if trimmed.starts_with('/') || trimmed.contains(':') {
        return Err("must be a folder inside the site, written relative to it");
    }
    let parts: Vec<&str> = trimmed.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    if parts.contains(&"..") {
        return Err("must stay inside the site folder");
    }
    if parts.iter().any(|p| crate::discover::is_hidden(p)) {
        return Err("cannot be a folder whose name starts with `_` or `.`");
    }
    Ok(if parts.is_empty() { ".".to_string() } else { parts.join("/") })
}

/// Line and column (1-based) of a top-level key, for messages.
fn key_position(text: &str, key: &str) -> (usize, usize) {
    let at = crate::source::key_span(text, 0, key).map_or(0, |s| s.start);
    (text[..at].matches('\n').count() + 1, 1)
}

/// Find the site folder: `start` itself or the nearest parent holding `tebiki.yaml`.
pub fn find_site_root(start: &Path) -> Result<PathBuf, ConfigError> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir = Some(start.as_path());
    while let Some(d) = dir {
        if d.join(CONFIG_FILE).is_file() {
            return Ok(d.to_path_buf());
        }
        dir = d.parent();
    }
    Err(ConfigError::NotFound(start))
}

/// Read and parse `SITE/tebiki.yaml`.
pub fn load(site_root: &Path) -> Result<(SiteConfig, Vec<Diagnostic>), ConfigError> {
    let path = site_root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read { path: path.clone(), source })?;
    SiteConfig::parse(&text, Path::new(CONFIG_FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_takes_a_mode_or_the_old_boolean() {
        let mode = |v: &str| {
            SiteConfig::parse(&format!("title: T\nlanguages: [en]\n{v}"), Path::new("tebiki.yaml"))
                .map(|c| c.0.raw_html)
        };
        assert_eq!(mode("").unwrap(), RawHtml::Sanitize);
        assert_eq!(mode("raw_html: sanitize").unwrap(), RawHtml::Sanitize);
        assert_eq!(mode("raw_html: escape").unwrap(), RawHtml::Escape);
        assert_eq!(mode("raw_html: trust").unwrap(), RawHtml::Trust);
        assert_eq!(mode("raw_html: true").unwrap(), RawHtml::Trust);
        assert_eq!(mode("raw_html: false").unwrap(), RawHtml::Escape);
        let err = mode("raw_html: allow").unwrap_err().to_string();
        assert!(err.contains("tebiki.yaml:3") && err.contains("`sanitize`, `escape` or `trust`"), "{err}");
    }

    #[test]
    fn localized_title_and_prefix() {
        let (c, d) =
            SiteConfig::parse("title: {ja: ヘルプ, en: Help}\nlanguages: [ja, en]\n", Path::new("tebiki.yaml"))
                .unwrap();
        assert!(d.is_empty());
        assert_eq!(c.title_for("en"), "Help");
        assert_eq!(c.title_for("ja"), "ヘルプ");
        assert_eq!(c.lang_prefix("ja"), "");
        assert_eq!(c.lang_prefix("en"), "en/");
    }

    #[test]
    fn unknown_key_is_a_diagnostic_with_its_line() {
        let (_, d) = SiteConfig::parse("title: Help\nlanguages: [en]\nbaseurl: x\n", Path::new("tebiki.yaml")).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].rule.id, "config-unknown-key");
        assert_eq!(d[0].span.clone().unwrap().start, "title: Help\nlanguages: [en]\n".len());
        assert!(d[0].hint.as_deref().unwrap().contains("base_url"));
    }

    #[test]
    fn wrong_type_is_an_error_with_a_line() {
        let err = SiteConfig::parse("title: Help\nlanguages: 3\n", Path::new("tebiki.yaml")).unwrap_err();
        match err {
            ConfigError::Invalid { line, .. } => assert_eq!(line, 2),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn images_density_and_limits() {
        let parse =
            |yaml: &str| SiteConfig::parse(&format!("title: Help\nlanguages: [en]\n{yaml}"), Path::new("tebiki.yaml"));
        let default = parse("").unwrap().0.images;
        assert_eq!((default.density, default.max_bytes, default.max_width), (1.0, 1_500_000, 4000));
        let set = parse("images:\n  density: 1.5\n  max_width: 2000\n").unwrap().0.images;
        assert_eq!((set.density, set.max_bytes, set.max_width), (1.5, 1_500_000, 2000));
        for bad in ["0", "-2", "9", ".nan", "two"] {
            match parse(&format!("images:\n  density: {bad}\n")) {
                Err(ConfigError::Invalid { line, .. }) => assert_eq!(line, 4, "{bad}"),
                other => panic!("density {bad}: {other:?}"),
            }
        }
        assert!(parse("images:\n  dpi: 2\n").is_err(), "an unknown images key");
    }
}
