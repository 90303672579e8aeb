//! The command line: clap definitions and one handler per command. Only this
//! module knows clap; handlers turn arguments into library options, call the
//! library, print, and return the exit code (0 clean, 1 problems found, 2
//! could not run), as FORMAT.md's command-line contract says.
//!
//! [`progress`] draws the progress bar; [`generate`] writes shell
//! completions and man pages from these definitions.

mod generate;
mod progress;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::build::{self, Options};
use crate::check::report::{count, Report};
use crate::progress::{write_timings, Progress, Silent};
use crate::serve::ServeOptions;
use progress::Bar;

#[derive(Parser, Debug)]
#[command(
    name = "tebiki",
    version,
    about = "Step-by-step support guides in Markdown → a searchable help site that works offline"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to colour output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, global = true, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print nothing but problems: no progress bar, no summary.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print how long each stage took.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into SITE/public (or --out).
    Build {
        /// Site folder (holding tebiki.yaml); a parent folder is searched too.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Output folder.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also build guides marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Replace an output folder that holds files tebiki did not write.
        #[arg(long)]
        force: bool,
    },
    /// Check every guide and report all problems at once.
    Check {
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Exit with 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Check drafts as well.
        #[arg(long)]
        drafts: bool,
    },
    /// Print the JSON Schema that front matter is checked against (the
    /// site's `schema:` merged into the built-in one).
    Schema {
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Print the built-in schema, ignoring the site's.
        #[arg(long)]
        builtin: bool,
    },
    /// Serve the site with live reload while you edit.
    Serve {
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; only this machine can connect unless you give another.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Also show guides marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Adopt an existing folder of Markdown articles: write a tebiki.yaml
    /// (never over an existing one) and report what was found. Articles are
    /// never changed.
    Init {
        /// The folder to adopt.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The folder holding the articles, relative to DIR (default: `content/`,
        /// `docs/`, or the folder holding most Markdown files).
        #[arg(long, value_name = "FOLDER")]
        content: Option<String>,
    },
    /// Run the language server for editors (LSP over stdin and stdout).
    Lsp {
        /// Check drafts too (as `check --drafts`).
        #[arg(long)]
        drafts: bool,
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Create a new guide or site.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Build an offline help bundle (a zip that opens from disk).
    Bundle {
        #[arg(default_value = ".")]
        site: PathBuf,
        /// The zip to write (default: SITE/<folder name>-help.zip).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print a manual: the guides of one language (or one category) as a
    /// PDF with a cover, a table of contents and bookmarks.
    Pdf {
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Language of the manual (default: the site's first language).
        #[arg(long)]
        lang: Option<String>,
        /// Only this category (its folder under the content folder, e.g.
        /// `network`) and the categories inside it.
        #[arg(long)]
        category: Option<String>,
        /// The PDF to write (default: SITE/<folder name>-<lang>.pdf).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print a shell completion script (see the README for where it goes).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page of tebiki or of a command (`tebiki man build`),
    /// or write every page into a folder with --out.
    Man {
        /// A command, e.g. `build` or `new guide`.
        command: Vec<String>,
        /// Write tebiki.1 and one page per command into this folder.
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        out: Option<PathBuf>,
    },
    /// Print the help ids a product opens pages with (`open.html?id=…`):
    /// each id, language, page and place. Exits with 1 when an id is given
    /// twice or a listed id is missing (`tebiki check` shows where).
    Ids {
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Output format: text, one line per id and language, or the JSON
        /// of help-ids.json.
        #[arg(long, value_enum, default_value_t = IdsFormat::Text)]
        format: IdsFormat,
    },
    /// Translations: which are missing or older than their originals, and
    /// recording that one is up to date.
    I18n {
        #[command(subcommand)]
        what: I18nCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum I18nCommand {
    /// Per language: the missing, outdated and current translations.
    Status {
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Output format (JSON for CI).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Record that each translation is made from its original as the
    /// original is now: writes `translated_from:` into the translation's
    /// front matter (and changes nothing else).
    Mark {
        /// Translation files (`content/a/guide.en.md`).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum NewCommand {
    /// A guide skeleton: `tebiki new guide CATEGORY/SLUG`.
    Guide {
        /// CATEGORY/SLUG, relative to content/.
        path: String,
        /// Language of the guide (default: the site's first language).
        #[arg(long)]
        lang: Option<String>,
        /// Title (default: from the slug).
        #[arg(long)]
        title: Option<String>,
    },
    /// A starter site in DIR (new or empty).
    Site { dir: PathBuf },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// How `tebiki ids` prints the map.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdsFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How the run talks to the person at the terminal.
#[derive(Debug, Clone, Copy)]
struct Ui {
    color: ColorChoice,
    quiet: bool,
    verbose: bool,
}

impl Ui {
    /// Whether to colour what goes to `stream`: `--color`, else a terminal
    /// and `NO_COLOR` unset or empty (no-color.org).
    fn color(&self, stream: &impl IsTerminal) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && stream.is_terminal(),
        }
    }

    /// A progress bar on a terminal, except with `--quiet` or in CI.
    fn bar(&self) -> Option<Bar> {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        let stderr = std::io::stderr();
        (!self.quiet && !ci && stderr.is_terminal()).then(|| Bar::start(self.color(&stderr)))
    }

    /// `--verbose` (or `TEBIKI_TIMINGS`, its older spelling).
    fn timings(&self) -> bool {
        self.verbose || std::env::var_os("TEBIKI_TIMINGS").is_some()
    }
}

/// What the stages report to: the bar when there is one.
fn progress_of(bar: &Option<Bar>) -> &dyn Progress {
    match bar {
        Some(b) => b,
        None => &Silent,
    }
}

/// `--color` as clap takes it, read before parsing so that help and usage
/// errors follow it too.
fn clap_color(args: &[std::ffi::OsString]) -> clap::ColorChoice {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--color") {
            Some("") => it.next().map(|v| v.into_owned()),
            Some(v) => v.strip_prefix('=').map(str::to_string),
            None => continue,
        };
        match value.as_deref() {
            Some("always") => return clap::ColorChoice::Always,
            Some("never") => return clap::ColorChoice::Never,
            _ => {}
        }
    }
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        clap::ColorChoice::Never
    } else {
        clap::ColorChoice::Auto
    }
}

/// Run the command line; returns the process exit code.
pub fn run() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let matches = Cli::command().color(clap_color(&args)).get_matches_from(args);
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let ui = Ui { color: cli.color, quiet: cli.quiet, verbose: cli.verbose };
    match cli.command {
        Command::Build { site, out, drafts, force } => cmd_build(Options { site, out, drafts, force }, ui),
        Command::Check { site, format, deny_warnings, drafts } => {
            cmd_check(Options { site, drafts, ..Default::default() }, format, deny_warnings, ui)
        }
        Command::Init { dir, content } => cmd_init(crate::init::InitOptions { dir, content }, ui),
        Command::Lsp { drafts, stdio: _ } => match crate::lsp::run(crate::lsp::LspOptions { drafts }) {
            Ok(()) => 0,
            Err(e) => fatal(&e),
        },
        Command::Schema { site, builtin } => cmd_schema(&site, builtin, ui),
        Command::Serve { site, port, bind, drafts } => cmd_serve(
            ServeOptions {
                build: Options { site, drafts, ..Default::default() },
                bind,
                port,
                quiet: ui.quiet,
                verbose: ui.timings(),
                color: ui.color(&std::io::stderr()),
            },
            ui,
        ),
        Command::New { what } => cmd_new(what),
        Command::Bundle { site, out } => cmd_bundle(Options { site, out, ..Default::default() }, ui),
        Command::Pdf { site, lang, category, out } => {
            cmd_pdf(crate::pdf::PdfOptions { build: Options { site, out, ..Default::default() }, lang, category }, ui)
        }
        Command::Completions { shell } => generate::completions(shell, &mut std::io::stdout().lock()),
        Command::Man { command, out } => match out {
            Some(dir) => generate::man_pages(&dir),
            None => generate::man_page(&command, &mut std::io::stdout().lock()),
        },
        Command::Ids { site, format } => cmd_ids(site, format),
        Command::I18n { what: I18nCommand::Status { site, format } } => cmd_i18n_status(site, format),
        Command::I18n { what: I18nCommand::Mark { paths } } => cmd_i18n_mark(&paths),
    }
}

fn fatal(e: &dyn std::error::Error) -> i32 {
    let mut msg = format!("error: {e}");
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(&format!("\n  caused by: {s}"));
        src = s.source();
    }
    eprintln!("{msg}");
    2
}

/// Said after a build that has no `base_url`: not a diagnostic, so that
/// `check --deny-warnings` and exit codes stay as they were.
pub const BASE_URL_NOTE: &str = "note: no `base_url` in tebiki.yaml: the sitemap and the feeds have relative URLs, \
which their standards do not allow (see docs/config.md#base_url)";

fn cmd_build(opts: Options, ui: Ui) -> i32 {
    let started = Instant::now();
    let bar = ui.bar();
    let result = build::build_with(&opts, progress_of(&bar));
    drop(bar);
    let built = match result {
        Ok(b) => b,
        Err(e) => return fatal(&e),
    };
    let report = &built.loaded.report;
    let mut err = std::io::stderr().lock();
    let _ = report.print_human_styled(&mut err, ui.color(&std::io::stderr()));
    let code = match &built.out {
        None => {
            let _ = writeln!(err, "error: the site was not built: {}", report.summary());
            1
        }
        Some(out) => {
            if !ui.quiet {
                let _ = writeln!(
                    err,
                    "built {} and copied {}{} in {:.2}s ({})\nopen {}",
                    count(built.stats.pages, "page"),
                    count(built.stats.assets, "file"),
                    images_summary(built.stats.images),
                    started.elapsed().as_secs_f64(),
                    report.summary(),
                    out.join("index.html").display()
                );
                if built.loaded.site.config.base_url().is_none() {
                    let _ = writeln!(err, "{BASE_URL_NOTE}");
                }
            }
            0
        }
    };
    if ui.timings() {
        write_timings(&mut err, &built.loaded.timings);
    }
    // The process ends now: freeing every guide one by one would only cost time.
    std::mem::forget(built);
    code
}

fn cmd_schema(site: &std::path::Path, builtin: bool, ui: Ui) -> i32 {
    use crate::schema::FrontMatterSchema;
    let schema = if builtin {
        FrontMatterSchema::builtin()
    } else {
        // Outside a site, the built-in schema is the effective one.
        let Ok(root) = crate::config::find_site_root(site) else {
            print!("{}", FrontMatterSchema::builtin().to_pretty_json());
            return 0;
        };
        let config = match crate::config::load(&root) {
            Ok((c, _)) => c,
            Err(e) => return fatal(&e),
        };
        let (schema, diags) = FrontMatterSchema::for_site(&root, &config);
        if !diags.is_empty() {
            let report = Report::new(&root, None, diags);
            let _ = report.print_human_styled(&mut std::io::stderr().lock(), ui.color(&std::io::stderr()));
            return 1;
        }
        schema
    };
    print!("{}", schema.to_pretty_json());
    0
}

fn cmd_check(opts: Options, format: Format, deny_warnings: bool, ui: Ui) -> i32 {
    let bar = ui.bar();
    let result = build::check_with(&opts, progress_of(&bar));
    drop(bar);
    let loaded = match result {
        Ok(l) => l,
        Err(e) => return fatal(&e),
    };
    let report = &loaded.report;
    match format {
        Format::Json => {
            let _ = report.print_json(&mut std::io::stdout().lock());
        }
        Format::Human => {
            let _ = report.print_human_styled(&mut std::io::stdout().lock(), ui.color(&std::io::stdout()));
            if !ui.quiet {
                println!("checked {}: {}", count(loaded.site.guides.len(), "guide"), report.summary());
            }
        }
    }
    if ui.timings() {
        write_timings(&mut std::io::stderr().lock(), &loaded.timings);
    }
    let code = i32::from(build::failed(report, deny_warnings));
    // The process ends now: freeing every guide one by one would only cost time.
    std::mem::forget(loaded);
    code
}

fn cmd_serve(opts: ServeOptions, ui: Ui) -> i32 {
    let bar = ui.bar();
    match crate::serve::serve(opts, progress_of(&bar)) {
        Ok(()) => 0,
        Err(e) => {
            drop(bar);
            fatal(&e)
        }
    }
}

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

fn cmd_new(what: NewCommand) -> i32 {
    match what {
        NewCommand::Guide { path, lang, title } => {
            let opts = crate::scaffold::GuideOptions { site: PathBuf::from("."), path, lang, title, today: today() };
            match crate::scaffold::new_guide(&opts) {
                Ok(file) => {
                    println!("wrote {}", file.display());
                    0
                }
                Err(e) => fatal(&e),
            }
        }
        NewCommand::Site { dir } => match crate::scaffold::new_site(&dir, &today()) {
            Ok(_) => {
                println!("wrote a starter site in {}\nnext: tebiki serve {}", dir.display(), dir.display());
                0
            }
            Err(e) => fatal(&e),
        },
    }
}

fn cmd_init(opts: crate::init::InitOptions, ui: Ui) -> i32 {
    let bar = ui.bar();
    let result = crate::init::init_with(&opts, progress_of(&bar));
    drop(bar);
    let adopted = match result {
        Ok(a) => a,
        Err(e) => return fatal(&e),
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "wrote {}", adopted.config_file.display());
    let _ = write!(out, "{}", adopted.summary());
    let report = &adopted.loaded.report;
    if !report.diagnostics.is_empty() {
        let _ = writeln!(out, "first problems:");
        let _ = adopted.first_problems(5).print_human_styled(&mut out, ui.color(&std::io::stdout()));
        let _ = writeln!(out, "all of them: tebiki check {}", opts.dir.display());
    }
    let _ = writeln!(out, "next: tebiki build {} (or tebiki serve)", opts.dir.display());
    0
}

fn cmd_bundle(opts: Options, ui: Ui) -> i32 {
    let bar = ui.bar();
    let result = crate::bundle::bundle_with(&opts, progress_of(&bar));
    drop(bar);
    let bundled = match result {
        Ok(b) => b,
        Err(e) => return fatal(&e),
    };
    let report = &bundled.loaded.report;
    let mut err = std::io::stderr().lock();
    let _ = report.print_human_styled(&mut err, ui.color(&std::io::stderr()));
    let code = match &bundled.out {
        None => {
            let _ = writeln!(err, "error: the bundle was not written: {}", report.summary());
            1
        }
        Some(out) => {
            if !ui.quiet {
                let _ = writeln!(
                    err,
                    "bundled {} and {}{} into {} ({:.1} MiB; {})",
                    count(bundled.stats.pages, "page"),
                    count(bundled.stats.assets, "file"),
                    images_summary(bundled.stats.images),
                    out.display(),
                    bundled.size as f64 / (1024.0 * 1024.0),
                    report.summary()
                );
            }
            0
        }
    };
    if ui.timings() {
        let mut timings = bundled.loaded.timings.clone();
        timings.extend(bundled.stats.timings.iter().cloned());
        write_timings(&mut err, &timings);
    }
    code
}

fn cmd_pdf(opts: crate::pdf::PdfOptions, ui: Ui) -> i32 {
    let bar = ui.bar();
    let result = crate::pdf::pdf_with(&opts, progress_of(&bar));
    drop(bar);
    let printed = match result {
        Ok(p) => p,
        Err(e) => {
            let code = fatal(&e);
            if let Some(hint) = e.hint() {
                eprintln!("  hint: {hint}");
            }
            return code;
        }
    };
    let report = &printed.loaded.report;
    let mut err = std::io::stderr().lock();
    let _ = report.print_human_styled(&mut err, ui.color(&std::io::stderr()));
    let code = match &printed.out {
        None => {
            let _ = writeln!(err, "error: the manual was not written: {}", report.summary());
            1
        }
        Some(out) => {
            if !ui.quiet {
                let _ = writeln!(
                    err,
                    "printed {} ({}, {}, {}) into {} ({:.1} MiB; {})",
                    count(printed.guides, "guide"),
                    printed.lang,
                    count(printed.pages, "page"),
                    count(printed.images, "image"),
                    out.display(),
                    printed.size as f64 / (1024.0 * 1024.0),
                    report.summary()
                );
            }
            0
        }
    };
    if ui.timings() {
        let mut timings = printed.loaded.timings.clone();
        timings.extend(printed.timings.iter().cloned());
        write_timings(&mut err, &timings);
    }
    code
}

fn cmd_ids(site: PathBuf, format: IdsFormat) -> i32 {
    let loaded = match build::check(&Options { site, ..Default::default() }) {
        Ok(l) => l,
        Err(e) => return fatal(&e),
    };
    let map = crate::helpids::map(&loaded.site);
    let text = match format {
        IdsFormat::Json => map.to_json(),
        IdsFormat::Text => map.to_text(),
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return fatal(&e);
        }
    }
    let problems = loaded
        .report
        .diagnostics
        .iter()
        .filter(|d| d.rule.id.starts_with("help-id-") && d.severity == crate::diagnostic::Severity::Error)
        .count();
    let code = if problems > 0 {
        eprintln!("error: {problems} problem(s) with help ids; `tebiki check` shows where");
        1
    } else {
        0
    };
    std::mem::forget(loaded);
    code
}

fn cmd_i18n_status(site: PathBuf, format: Format) -> i32 {
    use crate::translations::{behind_text, report};
    let loaded = match build::check(&Options { site, ..Default::default() }) {
        Ok(l) => l,
        Err(e) => return fatal(&e),
    };
    let languages = report(&loaded.site);
    let mut out = std::io::stdout().lock();
    if format == Format::Json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            version: u32,
            original: &'a str,
            languages: &'a [crate::translations::LanguageStatus],
        }
        let o = Out { version: 1, original: loaded.site.config.default_language(), languages: &languages };
        let _ = serde_json::to_writer_pretty(&mut out, &o);
        let _ = writeln!(out);
        std::mem::forget(loaded);
        return 0;
    }
    let _ = writeln!(out, "{:<10}{:>9}{:>10}{:>9}{:>11}", "language", "current", "outdated", "missing", "unchecked");
    for l in &languages {
        let _ = writeln!(
            out,
            "{:<10}{:>9}{:>10}{:>9}{:>11}",
            l.lang,
            l.current.len(),
            l.outdated.len(),
            l.missing.len(),
            l.unchecked.len()
        );
    }
    for l in &languages {
        if !l.outdated.is_empty() {
            let _ = writeln!(out, "\noutdated ({}):", l.lang);
            for e in &l.outdated {
                let behind = behind_text(e.commits, e.days).map(|b| format!(", {b} behind")).unwrap_or_default();
                let _ = writeln!(out, "  {}  (original {}{behind})", e.file, e.original);
            }
        }
        if !l.missing.is_empty() {
            let _ = writeln!(out, "\nmissing ({}):", l.lang);
            for e in &l.missing {
                let _ = writeln!(out, "  {}  {}", e.file, e.title);
            }
        }
        if !l.unchecked.is_empty() {
            let _ =
                writeln!(out, "\nunchecked ({}): neither in git history nor marked with `tebiki i18n mark`", l.lang);
            for e in &l.unchecked {
                let _ = writeln!(out, "  {}", e.file);
            }
        }
    }
    std::mem::forget(loaded);
    0
}

fn cmd_i18n_mark(paths: &[PathBuf]) -> i32 {
    let mut code = 0;
    for path in paths {
        match crate::translations::mark_file(path) {
            Ok(done) => println!("{done}"),
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                code = 2;
            }
        }
    }
    code
}

/// `; screenshots: 3 encoded, 9 from the cache` when the build made any.
fn images_summary(s: crate::images::Stats) -> String {
    if s.encoded + s.reused == 0 {
        return String::new();
    }
    format!(" (screenshots: {} encoded, {} from the cache)", s.encoded, s.reused)
}
