//! The pipeline, in order: config → discover → parse (parallel) → resolve →
//! check → render (parallel) → output. `load` stops after check, which is
//! all `tebiki check` needs; `build` goes on to write the site.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::report::Report;
use crate::config::{self, ConfigError, SiteConfig};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover;
use crate::model::Site;
use crate::output::{self, Output, OutputError};
use crate::parse::{self, highlight::Highlighter, images::ImageSizes, ParseContext};
use crate::progress::{Progress, Silent, Stage};
use crate::render::{self, theme::Theme, theme::ThemeError, RenderError, RenderStats};
use crate::resolve::{self, ParsedCategory};
use crate::schema::FrontMatterSchema;

/// Options of a build or check run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site folder (holding `tebiki.yaml`).
    pub site: PathBuf,
    /// Output folder (default `SITE/public`).
    pub out: Option<PathBuf>,
    /// Build guides marked `draft: true` too.
    pub drafts: bool,
    /// Replace an output folder that tebiki did not write.
    pub force: bool,
}

/// Why a run could not happen at all (as opposed to finding problems).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Theme(#[from] ThemeError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// A loaded and checked site.
pub struct Loaded {
    pub root: PathBuf,
    pub site: Site,
    pub theme: Theme,
    pub report: Report,
    /// The effective front-matter schema (written into the built site).
    pub schema: FrontMatterSchema,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Load the theme a site uses.
pub fn load_theme(root: &Path, config: &SiteConfig) -> Result<Theme, ThemeError> {
    let name = config.theme.as_deref().unwrap_or("default");
    Theme::load(Some(&root.join("themes").join(name)), &config.languages)
}

/// Run every stage up to and including check.
pub fn load(opts: &Options) -> Result<Loaded, Error> {
    load_with(opts, &Silent)
}

/// [`load`], reporting its stages to `progress`.
pub fn load_with(opts: &Options, progress: &dyn Progress) -> Result<Loaded, Error> {
    run_stages(opts, true, progress)
}

/// What `tebiki check` runs: [`load`] without rendering HTML into the model
/// (no Markdown to HTML, no code highlighting). The diagnostics are the
/// same as [`load`]'s; the guides' HTML fields are empty.
pub fn check(opts: &Options) -> Result<Loaded, Error> {
    check_with(opts, &Silent)
}

/// [`check`], reporting its stages to `progress`.
pub fn check_with(opts: &Options, progress: &dyn Progress) -> Result<Loaded, Error> {
    run_stages(opts, false, progress)
}

fn run_stages(opts: &Options, html: bool, progress: &dyn Progress) -> Result<Loaded, Error> {
    let mut timings = Vec::new();
    let mut t = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, t.elapsed()));
        t = Instant::now();
    };
    let root = config::find_site_root(&opts.site)?;
    let (config, mut diagnostics) = config::load(&root)?;
    let theme = load_theme(&root, &config)?;
    let (schema, schema_diags) = FrontMatterSchema::for_site(&root, &config);
    diagnostics.extend(schema_diags);
    lap("setup", &mut timings);
    progress.stage(Stage::Discover, 0);
    let discovery = discover::discover(&root, &config);
    diagnostics.extend(discovery.diagnostics.iter().cloned());
    lap("discover", &mut timings);
    progress.stage(Stage::Parse, discovery.guides.len());

    let highlighter = Highlighter::new();
    // Read every guide once (and measure every image once), in parallel.
    // The git history (`dates: git`) is read beside them, in one walk.
    let ((texts, images), dates) = rayon::join(
        || {
            rayon::join(
                || discovery.guides.par_iter().map(|g| parse::read_text(&g.path, &g.rel)).collect::<Vec<_>>(),
                || ImageSizes::probe(&discovery),
            )
        },
        || crate::history::FileDates::read(&root, &config),
    );
    lap("read", &mut timings);
    let draft_sources: HashSet<PathBuf> = if opts.drafts {
        HashSet::new()
    } else {
        discovery
            .guides
            .iter()
            .zip(&texts)
            .filter(|(_, t)| t.as_ref().is_ok_and(|t| parse::is_draft(t)))
            .map(|(g, _)| g.rel.clone())
            .collect()
    };
    let strings = |lang: &str| theme.parse_strings(lang);
    let includes = parse::include::DiskIncludes::new(&root);
    let cx = ParseContext {
        config: &config,
        discovery: &discovery,
        highlighter: &highlighter,
        strings: &strings,
        drafts: opts.drafts,
        draft_sources: &draft_sources,
        schema: &schema,
        images: &images,
        dates: &dates,
        html,
        includes: &includes,
    };
    let parsed: Vec<_> = discovery
        .guides
        .par_iter()
        .zip(texts.into_par_iter())
        .filter(|(g, _)| !draft_sources.contains(&g.rel))
        .map(|(g, text)| {
            let parsed = match text {
                Ok(text) => {
                    let (guide, diags) = parse::parse_guide_text(g, &text, &cx);
                    (Some(guide), diags)
                }
                Err(d) => (None, vec![d]),
            };
            progress.advance(1);
            parsed
        })
        .collect();
    let mut guides = Vec::with_capacity(parsed.len());
    for (guide, diags) in parsed {
        diagnostics.extend(diags);
        guides.extend(guide);
    }
    let categories: Vec<ParsedCategory> = discovery
        .category_files
        .iter()
        .map(|c| {
            let (text, weight, diags) = parse::parse_category(c, &cx);
            diagnostics.extend(diags);
            ParsedCategory { category: c.category.clone(), lang: c.lang.clone(), text, weight }
        })
        .collect();
    lap("parse", &mut timings);
    progress.stage(Stage::Check, 0);

    let (mut site, diags) = resolve::resolve(config, &discovery, guides, categories);
    diagnostics.extend(diags);
    let history = crate::translations::has_translations(&site)
        .then(|| crate::translations::history::History::read(&root))
        .flatten();
    diagnostics
        .extend(crate::translations::apply(&mut site, history.as_ref(), &|rel| std::fs::read(root.join(rel)).ok()));
    diagnostics.extend(crate::check::run(&crate::check::CheckInput {
        site: &site,
        root: &root,
        skipped_drafts: &draft_sources,
        earlier: &diagnostics,
    }));
    lap("resolve+check", &mut timings);
    let mut report = Report::new(&root, Some(&site.config), diagnostics);
    report.add_flows(&root, crate::check::rules::flows::infos(&site.guides));
    Ok(Loaded { root, site, theme, report, schema, timings })
}

/// Result of a build.
pub struct Built {
    pub loaded: Loaded,
    /// Where the site was written; `None` when errors stopped the build.
    pub out: Option<PathBuf>,
    pub stats: RenderStats,
}

/// The output folder a build writes to.
pub fn out_dir(opts: &Options, root: &Path) -> PathBuf {
    opts.out.clone().unwrap_or_else(|| root.join("public"))
}

/// Load, check and, when there is no error, write the site.
pub fn build(opts: &Options) -> Result<Built, Error> {
    build_with(opts, &Silent)
}

/// [`build`], reporting its stages to `progress`.
pub fn build_with(opts: &Options, progress: &dyn Progress) -> Result<Built, Error> {
    let mut loaded = load_with(opts, progress)?;
    if loaded.report.errors() > 0 {
        return Ok(Built { loaded, out: None, stats: RenderStats::default() });
    }
    let images = derive_images(&mut loaded, true, progress)?;
    if loaded.report.errors() > 0 {
        return Ok(Built { loaded, out: None, stats: RenderStats { images, ..RenderStats::default() } });
    }
    let target = out_dir(opts, &loaded.root);
    output::check_target(&target, &loaded.root, &loaded.site.config.content, opts.force)?;
    let t = Instant::now();
    let out = Output::begin(&target)?;
    let stats = match render::render_site(&loaded.site, &loaded.theme, &out, progress) {
        Ok(s) => RenderStats { images, ..s },
        Err(e) => {
            out.abort();
            return Err(e.into());
        }
    };
    for (path, bytes) in site_files(&loaded.schema) {
        if let Err(e) = out.write(&path, &bytes) {
            out.abort();
            return Err(e.into());
        }
    }
    loaded.timings.extend(stats.timings.iter().cloned());
    progress.stage(Stage::Write, 0);
    let t_commit = Instant::now();
    let written = out.commit()?;
    loaded.timings.push(("commit", t_commit.elapsed()));
    loaded.timings.push(("render+write", t.elapsed()));
    Ok(Built { loaded, out: Some(written), stats })
}

/// Make (or take from the cache) the optimised and blurred files of the
/// site's screenshots ([`crate::images`]) and point the model at them; what
/// went wrong joins the report. Build and bundle run it after check; a
/// bundle (`variants` off) publishes only the full-size files.
pub fn derive_images(
    loaded: &mut Loaded,
    variants: bool,
    progress: &dyn Progress,
) -> Result<crate::images::Stats, Error> {
    let t = Instant::now();
    let (diagnostics, stats) = crate::images::derive(&mut loaded.site, &loaded.root, variants, progress)?;
    loaded.report.add(&loaded.root, Some(&loaded.site.config), diagnostics);
    loaded.timings.push(("images", t.elapsed()));
    Ok(stats)
}

/// Files of a built site that do not come from the model or the theme: the
/// effective front-matter schema, for editors' YAML tooling (`$schema=`
/// comments). `build`, `bundle` and `serve` all write them.
pub fn site_files(schema: &FrontMatterSchema) -> Vec<(String, Vec<u8>)> {
    vec![(crate::schema::OUTPUT_PATH.to_string(), schema.to_pretty_json().into_bytes())]
}

/// Whether a report should fail a run.
pub fn failed(report: &Report, deny_warnings: bool) -> bool {
    report.errors() > 0 || (deny_warnings && report.diagnostics.iter().any(|d| d.severity == Severity::Warning))
}

/// Convenience for tests: the diagnostics of a site.
pub fn diagnostics_of(site: &Path) -> Result<Vec<Diagnostic>, Error> {
    Ok(load(&Options { site: site.to_path_buf(), ..Default::default() })?.report.diagnostics)
}
