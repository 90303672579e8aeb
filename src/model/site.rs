//! The whole site: guides, categories, assets, in a deterministic order.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::guide::{Guide, GuideId};
use crate::config::SiteConfig;

/// Index of a category in [`Site::categories`].
pub type CategoryId = usize;

/// A resolved site, ready to check and render.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// Guides sorted by category path, then weight, title and language.
    pub guides: Vec<Guide>,
    /// Cross references between guides, parallel to `guides`.
    pub nav: Vec<GuideNav>,
    /// Categories sorted by path; index 0 is the root (`content/` itself).
    pub categories: Vec<Category>,
    /// Files copied to the output as they are: those discovery found, in
    /// its order (a screenshot's [`super::Screenshot::asset`] is an index here),
    /// then the files the images stage derives from them.
    pub assets: Vec<Asset>,
    /// Alias pages: output path → guide it redirects to.
    pub aliases: BTreeMap<String, GuideId>,
    /// Files of fragment folders that guides may include (relative to the
    /// site folder), for `asset-unused`.
    pub fragments: Vec<PathBuf>,
}

/// Links from one guide to others, found by `resolve`.
#[derive(Debug, Clone, Default)]
pub struct GuideNav {
    pub related: Vec<GuideId>,
    /// Every `related` entry of the front matter that names a guide: its
    /// span and the guide (before the switch to its own language's
    /// translation), for editors' references and renames.
    pub related_entries: Vec<(crate::model::Span, GuideId)>,
    pub prev: Option<GuideId>,
    pub next: Option<GuideId>,
    /// The same guide in the site's other languages (itself excluded), in
    /// the order of `languages`.
    pub translations: Vec<GuideId>,
    /// For a translation: how it compares with its original (set after
    /// resolve by `translations::apply`); `None` for originals.
    pub status: Option<TranslationStatus>,
}

/// How a translation compares with its original.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TranslationStatus {
    /// Made from the original as it is now.
    Current,
    /// The original changed since.
    Outdated {
        original: GuideId,
        /// Commits that changed the original since, when git knows.
        commits: Option<usize>,
        /// Days between, when git knows.
        days: Option<i64>,
    },
    /// Neither marked (`translated_from:`) nor in git history.
    Unchecked,
}

/// A folder of `content/`.
#[derive(Debug, Clone)]
pub struct Category {
    /// Path relative to `content/` with `/` separators; `""` for the root.
    pub path: String,
    pub parent: Option<CategoryId>,
    /// Sub-categories, in display order.
    pub children: Vec<CategoryId>,
    /// Title, description and introduction per language (from `_index.md`,
    /// `_index.en.md`); a language without its own falls back to the default.
    pub text: BTreeMap<String, CategoryText>,
    pub weight: Option<i64>,
    /// Guides directly in this folder, all languages, in display order.
    pub guides: Vec<GuideId>,
    /// The title of a category without `_index.md`: its folder's name made
    /// readable (`slug::humanize`).
    pub folder_title: String,
}

/// What `_index.md` says about a category, in one language.
#[derive(Debug, Clone, Default)]
pub struct CategoryText {
    pub title: String,
    pub description: String,
    /// The body of `_index.md`, rendered.
    pub intro_html: String,
    /// The `_index.md` file, if there is one.
    pub source: Option<PathBuf>,
    /// Assets its introduction refers to (output paths), for `asset-unused`.
    pub assets: Vec<String>,
    /// Files its introduction includes (relative to the site folder).
    pub includes: Vec<PathBuf>,
}

/// A file copied to the output unchanged (a screenshot, a PDF, a file of `static/`).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Absolute path of the source file.
    pub source: PathBuf,
    /// Output path relative to the site root.
    pub url: String,
    /// Which file the source is, as discovery found it: hard links of one
    /// file share it. [`FileId::UNKNOWN`] for files made by the build.
    pub file: FileId,
}

/// The identity of a file's contents where the platform has one: its
/// device and inode number on Unix. Two paths with one known identity are
/// links to one file. An inode of 0 means unknown, never shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FileId {
    pub dev: u64,
    pub ino: u64,
}

impl FileId {
    /// An identity not known (a file of another platform, a symbolic link,
    /// a file the build made): equal to no other file.
    pub const UNKNOWN: FileId = FileId { dev: 0, ino: 0 };

    /// The identity, unless unknown.
    pub fn known(self) -> Option<FileId> {
        (self.ino != 0).then_some(self)
    }
}

impl Site {
    /// The category's text in `lang`, falling back to the default language,
    /// then to the folder name.
    /// The address of the generated FAQ page of `lang`, when it is written:
    /// a guide at that address (a `faq.md` at the top of the content
    /// folder) takes its place, and links to the FAQ lead to the guide.
    pub fn generated_faq(&self, lang: &str) -> Option<String> {
        let url = crate::urls::faq(&self.config, lang);
        (!self.guides.iter().any(|g| g.url == url)).then_some(url)
    }

    pub fn category_text(&self, id: CategoryId, lang: &str) -> CategoryText {
        match self.category_text_ref(id, lang) {
            Some(t) if t.title.is_empty() => {
                CategoryText { title: self.category_title(id, lang).to_string(), ..t.clone() }
            }
            Some(t) => t.clone(),
            None => CategoryText { title: self.category_title(id, lang).to_string(), ..Default::default() },
        }
    }

    /// The category's own text in `lang` or else in the default language.
    fn category_text_ref(&self, id: CategoryId, lang: &str) -> Option<&CategoryText> {
        let cat = &self.categories[id];
        cat.text.get(lang).or_else(|| cat.text.get(self.config.default_language()))
    }

    /// The category's title in `lang`, falling back as [`Site::category_text`]
    /// does (to the folder's name), without copying the rest of its text.
    pub fn category_title(&self, id: CategoryId, lang: &str) -> &str {
        if let Some(t) = self.category_text_ref(id, lang).filter(|t| !t.title.is_empty()) {
            return &t.title;
        }
        match self.categories[id].path.as_str() {
            "" => self.config.title_for(lang),
            _ => &self.categories[id].folder_title,
        }
    }

    /// The category a guide sits in.
    pub fn category_of(&self, guide: GuideId) -> CategoryId {
        let path = &self.guides[guide].category;
        self.categories.binary_search_by(|c| c.path.as_str().cmp(path.as_str())).unwrap_or(0)
    }

    /// Whether guide `id` is listed on the pages of `lang`: it is in that
    /// language, or (`fallback`) it is an original with no translation
    /// into it.
    pub fn listed_in(&self, id: GuideId, lang: &str, fallback: bool) -> bool {
        let g = &self.guides[id];
        g.lang == lang
            || fallback
                && g.lang == self.config.default_language()
                && !self.nav[id].translations.iter().any(|&t| self.guides[t].lang == lang)
    }

    /// Guides of `category` and its descendants in `lang`.
    pub fn guides_in(&self, category: CategoryId, lang: &str) -> Vec<GuideId> {
        let mut out: Vec<GuideId> =
            self.categories[category].guides.iter().copied().filter(|&g| self.guides[g].lang == lang).collect();
        for &child in &self.categories[category].children {
            out.extend(self.guides_in(child, lang));
        }
        out
    }
}
