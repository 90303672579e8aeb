//! The theme: tera templates, static files and UI strings. The default theme
//! (`themes/default/`) is embedded in the binary; a site's
//! `themes/<name>/` overrides it file by file. Templates are compiled once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use tera::Tera;

use super::i18n::Strings;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A loaded theme.
pub struct Theme {
    pub tera: Tera,
    /// Static files: path under `static/` → bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// UI strings per language.
    pub strings: BTreeMap<String, Strings>,
    /// Templates the site's theme folder provides (names under `templates/`).
    pub overridden: std::collections::BTreeSet<String>,
}

/// Why a theme could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("failed to read theme file {0}: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("template error in {0}")]
    Template(String, #[source] tera::Error),
    #[error("invalid strings file {0}: {1}")]
    Strings(String, serde_yaml::Error),
}

/// Every file of the embedded default theme and the site's overrides, by
/// path inside the theme folder.
/// Theme files by path, and the paths the site's own folder provided.
type Layered = (BTreeMap<String, Vec<u8>>, std::collections::BTreeSet<String>);

/// Also returns the paths the site's folder provided.
fn layered_files(site_theme: Option<&Path>) -> Result<Layered, ThemeError> {
    let mut files = BTreeMap::new();
    let mut from_site = std::collections::BTreeSet::new();
    fn embedded(dir: &Dir<'static>, files: &mut BTreeMap<String, Vec<u8>>) {
        for f in dir.files() {
            files.insert(crate::discover::slash_path(f.path()), f.contents().to_vec());
        }
        for d in dir.dirs() {
            embedded(d, files);
        }
    }
    embedded(&DEFAULT_THEME, &mut files);
    if let Some(dir) = site_theme.filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if entry.file_type().is_file() {
                let rel = crate::discover::slash_path(entry.path().strip_prefix(dir).unwrap());
                let bytes = std::fs::read(entry.path()).map_err(|e| ThemeError::Read(entry.path().to_path_buf(), e))?;
                files.insert(rel.clone(), bytes);
                from_site.insert(rel);
            }
        }
    }
    Ok((files, from_site))
}

impl Theme {
    /// Load the default theme with `site_theme` (a folder, if it exists) laid over it.
    pub fn load(site_theme: Option<&Path>, languages: &[String]) -> Result<Theme, ThemeError> {
        let (files, from_site) = layered_files(site_theme)?;
        let overridden = from_site.iter().filter_map(|p| p.strip_prefix("templates/")).map(str::to_string).collect();
        let mut templates = Vec::new();
        let mut static_files = BTreeMap::new();
        let mut string_files: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (path, bytes) in files {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                templates.push((name.to_string(), text));
            } else if let Some(name) = path.strip_prefix("static/") {
                static_files.insert(name.to_string(), bytes);
            } else if let Some(name) = path.strip_prefix("i18n/").and_then(|n| n.strip_suffix(".yaml")) {
                string_files.entry(name.to_string()).or_default().push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| ThemeError::Template(e.to_string(), e))?;
        let english: Vec<&str> =
            string_files.get("en").map(|v| v.iter().map(String::as_str).collect()).unwrap_or_default();
        let mut strings = BTreeMap::new();
        for lang in languages {
            // English first (the fallback), then the base language, then the exact one.
            let base = lang.split('-').next().unwrap_or(lang);
            let mut layers = english.clone();
            let mut keys = vec![base, lang.as_str()];
            keys.dedup();
            for key in keys.into_iter().filter(|k| *k != "en") {
                if let Some(v) = string_files.get(key) {
                    layers.extend(v.iter().map(String::as_str));
                }
            }
            let s = Strings::layered(&layers).map_err(|e| ThemeError::Strings(format!("i18n/{lang}.yaml"), e))?;
            strings.insert(lang.clone(), s);
        }
        Ok(Theme { tera, static_files, strings, overridden })
    }

    /// The strings of `lang`.
    pub fn strings(&self, lang: &str) -> &Strings {
        static EMPTY: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
        self.strings.get(lang).unwrap_or_else(|| EMPTY.get_or_init(Strings::default))
    }

    /// Whether guide bodies may be rendered by `render::blocks` (the site
    /// overrides none of the partials it stands in for).
    pub fn fast_blocks(&self) -> bool {
        !crate::render::blocks::PARTIALS.iter().any(|p| self.overridden.contains(*p))
    }

    /// Whether guide pages are laid out by the default templates alone: the
    /// site overrides no template a guide page renders, so nothing looks at
    /// the guide's blocks once `render::blocks` has laid them out, and
    /// `render::page` may write the page in their place.
    pub fn default_guide_page(&self) -> bool {
        const GUIDE_PAGE: &[&str] =
            &["base.html", "guide.html", "search-popup.html", "partials/crumbs.html", "partials/card.html"];
        self.fast_blocks() && !GUIDE_PAGE.iter().any(|p| self.overridden.contains(*p))
    }

    /// Whether the site overrides none of `templates`.
    pub fn default_templates(&self, templates: &[&str]) -> bool {
        !templates.iter().any(|p| self.overridden.contains(*p))
    }

    /// The UI strings of `lang` that parsing writes into the model
    /// ([`crate::parse::markdown::PARSE_STRING_KEYS`]).
    pub fn parse_strings(&self, lang: &str) -> crate::parse::markdown::ParseStrings {
        let s = self.strings(lang);
        crate::parse::markdown::PARSE_STRING_KEYS.map(|k| s.get(k).to_string())
    }
}
