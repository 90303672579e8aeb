//! `tebiki pdf`: one language of a site (or one category of it) as a
//! printable manual, typeset with typst as a library. A front end like
//! `bundle`: it loads and checks the site with `build::load` and, without
//! errors, writes the PDF beside its target and renames it into place, so a
//! failed run leaves an older manual intact.
//!
//! `markup` turns the guide model into typst source, `world` is what typst
//! reads (that source, the site's images, fonts). Nothing here reads
//! Markdown, and nothing leaves the machine: fonts come from `pdf.fonts`
//! and the system, never from a download.

pub mod markup;
pub mod world;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use typst::diag::Severity;
use typst::foundations::{Datetime, Smart};
use typst::layout::PagedDocument;
use typst::WorldExt;

use crate::build::{self, Error as BuildError, Loaded, Options};
use crate::model::{GuideId, Site};
use crate::output::OutputError;
use crate::progress::{Progress, Silent, Stage};

/// What to print.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// The site, and `out` the PDF to write (default [`default_out`]).
    pub build: Options,
    /// The language (default: the site's default language).
    pub lang: Option<String>,
    /// Only this category (its path under the content folder, `network`)
    /// and the categories inside it.
    pub category: Option<String>,
}

/// Why a manual could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("refusing to write the manual to {0}: {1}")]
    Refused(PathBuf, &'static str),
    #[error("the site has no language `{0}` (its languages: {1})")]
    UnknownLanguage(String, String),
    #[error("the site has no category `{0}` (its categories: {1})")]
    UnknownCategory(String, String),
    #[error("no guide in {0} to print")]
    NoGuides(String),
    #[error("no font covers {language} (`{lang}`), so the manual would show empty boxes instead of text")]
    NoFont {
        lang: String,
        language: String,
        /// What to install or configure.
        hint: String,
    },
    #[error("`pdf.fonts` in tebiki.yaml names {0}, which holds no font tebiki can read")]
    FontPath(String),
    #[error("the manual could not be typeset:\n{0}")]
    Typeset(String),
    #[error("failed to write the manual {0}: {1}")]
    Write(PathBuf, String),
}

impl PdfError {
    /// What to do about it, when there is something to say.
    pub fn hint(&self) -> Option<&str> {
        match self {
            PdfError::NoFont { hint, .. } => Some(hint),
            _ => None,
        }
    }
}

/// Result of [`pdf`].
pub struct Printed {
    pub loaded: Loaded,
    /// The PDF written; `None` when errors stopped the build.
    pub out: Option<PathBuf>,
    pub lang: String,
    pub guides: usize,
    pub pages: usize,
    pub images: usize,
    /// Screenshots encoded (with `blur:` marks applied) or taken from the cache.
    pub images_derived: crate::images::Stats,
    /// Size of the PDF in bytes.
    pub size: u64,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Default place of the manual: `SITE/<folder name>-<lang>.pdf`, beside the
/// bundle's `SITE/<folder name>-help.zip`.
pub fn default_out(root: &Path, lang: &str) -> PathBuf {
    let name = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "site".into());
    root.join(format!("{name}-{lang}.pdf"))
}

fn check_out(out: &Path, root: &Path, content: &str) -> Result<(), PdfError> {
    crate::output::refuse_file_output(out, root, content, &[b"%PDF-"], "a file that is not a PDF is there").map_err(
        |(path, why)| match why {
            Ok(reason) => PdfError::Refused(path, reason),
            Err(e) => PdfError::Write(path, e.to_string()),
        },
    )
}

/// Load, check and, without errors, write the manual.
pub fn pdf(opts: &PdfOptions) -> Result<Printed, PdfError> {
    pdf_with(opts, &Silent)
}

/// [`pdf`], reporting its stages to `progress`.
pub fn pdf_with(opts: &PdfOptions, progress: &dyn Progress) -> Result<Printed, PdfError> {
    let loaded = build::load_with(&opts.build, progress)?;
    let config = &loaded.site.config;
    let lang = opts.lang.clone().unwrap_or_else(|| config.default_language().to_string());
    if !config.languages.contains(&lang) {
        return Err(PdfError::UnknownLanguage(lang, config.languages.join(", ")));
    }
    let mut printed = Printed {
        out: None,
        lang: lang.clone(),
        guides: 0,
        pages: 0,
        images: 0,
        images_derived: Default::default(),
        size: 0,
        timings: Vec::new(),
        loaded,
    };
    if printed.loaded.report.errors() > 0 {
        return Ok(printed);
    }
    // Screenshots as a build publishes them: `blur:` regions hidden, the
    // full-size files optimised, from the same cache as `build`.
    printed.images_derived = build::derive_images(&mut printed.loaded, false, progress)?;
    if printed.loaded.report.errors() > 0 {
        return Ok(printed);
    }
    let loaded = &printed.loaded;
    let site = &loaded.site;
    let target = opts.build.out.clone().unwrap_or_else(|| default_out(&loaded.root, &lang));
    check_out(&target, &loaded.root, &site.config.content)?;
    let chapters = chapters(site, &lang, opts.category.as_deref())?;
    let count: usize = chapters.iter().map(|(_, g)| g.len()).sum();
    if count == 0 {
        let what = match &opts.category {
            Some(c) => format!("the category `{c}` in `{lang}`"),
            None => format!("`{lang}`"),
        };
        return Err(PdfError::NoGuides(what));
    }
    progress.stage(Stage::Render, count);

    let mut t = Instant::now();
    let mut timings = Vec::new();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, t.elapsed()));
        t = Instant::now();
    };
    let listed: Vec<PathBuf> = site.config.pdf.fonts.iter().map(|f| loaded.root.join(f)).collect();
    let (fonts, unusable) = world::Fonts::load(&listed, site.config.pdf.system_fonts);
    if let Some(bad) = unusable.first() {
        let shown = bad.strip_prefix(&loaded.root).unwrap_or(bad);
        return Err(PdfError::FontPath(format!("`{}`", shown.display())));
    }
    let strings = loaded.theme.strings(&lang);
    let (body_font, mono_font) = choose_fonts(&fonts, &lang, strings.get("language_name"), !listed.is_empty())?;
    lap("fonts", &mut timings);

    let date = manual_date();
    let title = site.config.title_for(&lang).to_string();
    let setup = markup::Setup {
        site,
        strings,
        lang: &lang,
        title: &title,
        date_text: crate::render::i18n::format_date(date, &lang),
        date,
        body_font,
        fallback_fonts: Vec::new(),
        mono_font,
        chapters,
    };
    let manual = markup::generate(&setup);
    if let Some(path) = std::env::var_os("TEBIKI_PDF_SOURCE") {
        let _ = std::fs::write(path, &manual.source);
    }
    lap("markup", &mut timings);

    use chrono::Datelike;
    let today = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
        .unwrap_or(Datetime::from_ymd(2000, 1, 1).expect("a valid date"));
    let world = world::ManualWorld::new(manual.source, manual.files, &fonts, today);
    let compiled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| typst::compile::<PagedDocument>(&world)));
    let document = match compiled {
        Ok(warned) => warned.output.map_err(|errors| typeset_error(&world, site, &manual.guides, &errors))?,
        Err(_) => return Err(PdfError::Typeset("typst stopped unexpectedly while laying out the manual".into())),
    };
    lap("typeset", &mut timings);
    let ident = format!("tebiki:{title}:{lang}");
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(&ident),
        timestamp: Some(typst_pdf::Timestamp::new_utc(today)),
        ..Default::default()
    };
    let bytes =
        typst_pdf::pdf(&document, &options).map_err(|errors| typeset_error(&world, site, &manual.guides, &errors))?;
    lap("pdf", &mut timings);

    let target = write_atomically(&target, &bytes)?;
    lap("write", &mut timings);
    progress.advance(count);
    printed.out = Some(target);
    printed.guides = count;
    printed.pages = document.pages.len();
    printed.images = manual.images;
    printed.size = bytes.len() as u64;
    printed.timings = timings;
    Ok(printed)
}

/// The cover's date: `SOURCE_DATE_EPOCH` when set (reproducible builds),
/// else today (UTC).
fn manual_date() -> chrono::NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|d| d.date_naive())
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
}

/// The chapters of the manual: every category (in the order of the site's
/// category tree) that holds guides of `lang`, with its title and guides;
/// with `only`, that category and those inside it.
fn chapters(site: &Site, lang: &str, only: Option<&str>) -> Result<Vec<(String, Vec<GuideId>)>, PdfError> {
    let only = only.map(|c| c.trim_matches('/'));
    if let Some(c) = only {
        if !site.categories.iter().any(|cat| cat.path == c) {
            let names: Vec<&str> = site.categories.iter().map(|c| c.path.as_str()).filter(|p| !p.is_empty()).collect();
            return Err(PdfError::UnknownCategory(c.to_string(), names.join(", ")));
        }
    }
    let mut out = Vec::new();
    let mut stack = vec![0];
    let mut order = Vec::new();
    while let Some(id) = stack.pop() {
        order.push(id);
        stack.extend(site.categories[id].children.iter().rev());
    }
    for id in order {
        let cat = &site.categories[id];
        if let Some(c) = only {
            if !(cat.path == c || cat.path.starts_with(&format!("{c}/")) || c.is_empty()) {
                continue;
            }
        }
        let guides: Vec<GuideId> = cat.guides.iter().copied().filter(|&g| site.guides[g].lang == lang).collect();
        if guides.is_empty() {
            continue;
        }
        let mut titles = Vec::new();
        let mut at = Some(id);
        while let Some(c) = at {
            if c != 0 {
                titles.push(site.category_title(c, lang).to_string());
            }
            at = site.categories[c].parent;
        }
        titles.reverse();
        let title = if titles.is_empty() { site.config.title_for(lang).to_string() } else { titles.join(" › ") };
        out.push((title, guides));
    }
    Ok(out)
}

/// Text a font must cover to set a language, and the families tried first.
fn language_needs(lang: &str) -> (&'static str, &'static [&'static str], &'static str) {
    match lang.split(['-', '_']).next().unwrap_or(lang) {
        "ja" => (
            "あア漢字",
            &[
                "Noto Sans CJK JP",
                "Noto Serif CJK JP",
                "Source Han Sans JP",
                "Source Han Sans",
                "IPAexGothic",
                "IPAGothic",
                "VL Gothic",
                "Takao Gothic",
            ],
            "Debian and Ubuntu: `sudo apt install fonts-noto-cjk`",
        ),
        "zh" => (
            "汉字中文",
            &["Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei"],
            "Debian and Ubuntu: `sudo apt install fonts-noto-cjk`",
        ),
        "ko" => (
            "한국어",
            &["Noto Sans CJK KR", "Noto Serif CJK KR", "Source Han Sans KR", "NanumGothic"],
            "Debian and Ubuntu: `sudo apt install fonts-noto-cjk`",
        ),
        _ => (
            "AaZz",
            &["Noto Sans", "DejaVu Sans", "Liberation Sans", "Noto Sans CJK JP"],
            "Debian and Ubuntu: `sudo apt install fonts-noto-core` (or fonts-dejavu-core)",
        ),
    }
}

/// The body font for `lang` (one that covers its script: `pdf.fonts`
/// first, then well-known families, then any) and a monospaced font.
fn choose_fonts(
    fonts: &world::Fonts,
    lang: &str,
    language: &str,
    listed: bool,
) -> Result<(String, Option<String>), PdfError> {
    let (sample, preferred, install) = language_needs(lang);
    let body = fonts.family_covering(sample, preferred, listed).ok_or_else(|| PdfError::NoFont {
        lang: lang.to_string(),
        language: language.to_string(),
        hint: format!(
            "install a font that covers it ({install}), or name a font file or folder under `pdf.fonts` in tebiki.yaml"
        ),
    })?;
    let mono = ["DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono", "Noto Sans Mono CJK JP"]
        .into_iter()
        .find(|f| fonts.has_family(f))
        .map(str::to_string);
    Ok((body, mono))
}

/// Typst's errors as one message per problem, each naming the guide whose
/// part of the manual it arose in.
fn typeset_error(
    world: &world::ManualWorld,
    site: &Site,
    guides: &[(GuideId, std::ops::Range<usize>)],
    errors: &[typst::diag::SourceDiagnostic],
) -> PdfError {
    let mut out = Vec::new();
    for e in errors.iter().filter(|e| e.severity == Severity::Error) {
        let at = world.range(e.span).map(|r| r.start);
        let file = at
            .and_then(|at| guides.iter().find(|(_, r)| r.contains(&at)))
            .map(|(id, _)| site.guides[*id].source.display().to_string());
        let mut line = match file {
            Some(f) => format!("  {f}: {}", e.message),
            None => format!("  {}", e.message),
        };
        if let Some(at) = at {
            let source = world.main_source().text();
            let from = source[..at.min(source.len())].rfind('\n').map_or(0, |i| i + 1);
            let to = source[at.min(source.len())..].find('\n').map_or(source.len(), |i| at + i);
            let excerpt: String = source[from..to].chars().take(160).collect();
            line.push_str(&format!("\n    in the generated source: {excerpt}"));
        }
        for hint in &e.hints {
            line.push_str(&format!("\n    hint: {hint}"));
        }
        out.push(line);
    }
    if out.is_empty() {
        out.push("  typst gave no reason".into());
    }
    PdfError::Typeset(out.join("\n"))
}

/// Write `bytes` beside `target` and rename them into place.
fn write_atomically(target: &Path, bytes: &[u8]) -> Result<PathBuf, PdfError> {
    let target = std::path::absolute(target).map_err(|e| PdfError::Write(target.to_path_buf(), e.to_string()))?;
    let parent = target.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&parent).map_err(|e| OutputError::Io(parent.clone(), e))?;
    crate::output::write_by_rename(&target, bytes).map_err(|e| PdfError::Write(target.clone(), e.to_string()))?;
    Ok(target)
}
