//! The typst `World` a manual is typeset in: the one generated source, the
//! site's image files (by the virtual paths `markup` gave them), the fonts
//! of `pdf.fonts` and of the system, and a fixed date. Nothing is fetched
//! from outside the machine: there are no packages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};

/// A font the book lists: found on disk and read when first used, or read
/// already (a file of `pdf.fonts`).
enum FontSource {
    Lazy(typst_kit::fonts::FontSlot),
    Loaded(Font),
}

/// Every font a manual may use, with typst's book of them.
pub struct Fonts {
    book: FontBook,
    fonts: Vec<FontSource>,
    /// How many of `fonts` (the first ones) come from `pdf.fonts`.
    listed: usize,
}

impl Fonts {
    /// The fonts of `listed` (files or folders; they come first, so a family
    /// they hold wins over the system's), then the system's when `system`.
    /// Returns the paths of `listed` that held no usable font.
    pub fn load(listed: &[PathBuf], system: bool) -> (Fonts, Vec<PathBuf>) {
        let mut book = FontBook::new();
        let mut fonts = Vec::new();
        let mut unusable = Vec::new();
        let mut dirs = Vec::new();
        for path in listed {
            if path.is_dir() {
                dirs.push(path.clone());
                continue;
            }
            let before = fonts.len();
            if let Ok(data) = std::fs::read(path) {
                for font in Font::iter(Bytes::new(data)) {
                    book.push(font.info().clone());
                    fonts.push(FontSource::Loaded(font));
                }
            }
            if fonts.len() == before {
                unusable.push(path.clone());
            }
        }
        let mut listed_count = fonts.len();
        let mut searcher = typst_kit::fonts::FontSearcher::new();
        searcher.include_system_fonts(system);
        let found = searcher.search_with(&dirs);
        for dir in &dirs {
            if !found.fonts.iter().any(|s| s.path().is_some_and(|p| p.starts_with(dir))) {
                unusable.push(dir.clone());
            }
        }
        for (i, slot) in found.fonts.into_iter().enumerate() {
            if let Some(info) = found.book.info(i) {
                if slot.path().is_some_and(|p| dirs.iter().any(|d| p.starts_with(d))) {
                    listed_count += 1;
                }
                book.push(info.clone());
                fonts.push(FontSource::Lazy(slot));
            }
        }
        (Fonts { book, fonts, listed: listed_count }, unusable)
    }

    /// The first family whose font covers every character of `sample`: of
    /// `pdf.fonts` (when `listed_first`), then of `preferred`, then any.
    pub fn family_covering(&self, sample: &str, preferred: &[&str], listed_first: bool) -> Option<String> {
        let covers = |info: &FontInfo| sample.chars().all(|c| c.is_whitespace() || info.coverage.contains(c as u32));
        let infos = || (0..self.fonts.len()).filter_map(|i| self.book.info(i));
        if listed_first {
            let listed = (0..self.listed).filter_map(|i| self.book.info(i)).find(|info| covers(info));
            if let Some(info) = listed {
                return Some(info.family.clone());
            }
        }
        for family in preferred {
            let lower = family.to_lowercase();
            if infos().any(|info| info.family.to_lowercase() == lower && covers(info)) {
                return Some((*family).to_string());
            }
        }
        infos().find(|info| covers(info) && !info.is_last_resort()).map(|info| info.family.clone())
    }

    /// Whether a family of that name is known.
    pub fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }

    /// How many fonts there are.
    pub fn len(&self) -> usize {
        self.fonts.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.fonts.is_empty()
    }
}

/// One manual's world.
pub struct ManualWorld<'a> {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: &'a Fonts,
    main: Source,
    /// Virtual path (`/img/3`) → the file on disk.
    files: HashMap<String, PathBuf>,
    today: Datetime,
}

impl<'a> ManualWorld<'a> {
    pub fn new(source: String, files: HashMap<String, PathBuf>, fonts: &'a Fonts, today: Datetime) -> Self {
        let main = Source::new(FileId::new(None, VirtualPath::new("/manual.typ")), source);
        ManualWorld {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(fonts.book.clone()),
            fonts,
            main,
            files,
            today,
        }
    }

    /// The generated source.
    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

impl typst::World for ManualWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rooted_path().to_path_buf()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let virtual_path = id.vpath().as_rooted_path();
        let key = virtual_path.to_string_lossy();
        let path: &Path = self.files.get(key.as_ref()).ok_or_else(|| FileError::NotFound(virtual_path.into()))?;
        std::fs::read(path).map(Bytes::new).map_err(|e| FileError::from_io(e, path))
    }

    fn font(&self, index: usize) -> Option<Font> {
        match self.fonts.fonts.get(index)? {
            FontSource::Lazy(slot) => slot.get(),
            FontSource::Loaded(font) => Some(font.clone()),
        }
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        Some(self.today)
    }
}
