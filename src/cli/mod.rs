//! The command line: clap definitions and one handler per command. Only this
//! module knows clap; handlers turn arguments into library options, call the
//! library, print, and return the exit code (0 clean, 1 problems found, 2
//! could not run), as FORMAT.md's command-line contract says.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use crate::build::{self, Options};
use crate::serve::ServeOptions;

#[derive(Parser, Debug)]
#[command(
    name = "tebiki",
    version,
    about = "Step-by-step support guides in Markdown → a searchable help site that works offline"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
        /// Print nothing but problems.
        #[arg(long, short)]
        quiet: bool,
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

/// Run the command line; returns the process exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { site, out, drafts, force, quiet } => cmd_build(Options { site, out, drafts, force }, quiet),
        Command::Check { site, format, deny_warnings, drafts } => {
            cmd_check(Options { site, drafts, ..Default::default() }, format, deny_warnings)
        }
        Command::Schema { site, builtin } => cmd_schema(&site, builtin),
        Command::Serve { site, port, bind, drafts } => {
            cmd_serve(ServeOptions { build: Options { site, drafts, ..Default::default() }, bind, port })
        }
        Command::Lsp { drafts, stdio: _ } => match crate::lsp::run(crate::lsp::LspOptions { drafts }) {
            Ok(()) => 0,
            Err(e) => fatal(&e),
        },
        Command::New { what } => cmd_new(what),
        Command::Bundle { site, out } => cmd_bundle(Options { site, out, ..Default::default() }),
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

fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    format!("{} and {}", plural(errors, "error"), plural(warnings, "warning"))
}

fn cmd_build(opts: Options, quiet: bool) -> i32 {
    let started = Instant::now();
    let built = match build::build(&opts) {
        Ok(b) => b,
        Err(e) => return fatal(&e),
    };
    let report = &built.loaded.report;
    let mut err = std::io::stderr().lock();
    let _ = report.print_human_styled(&mut err, color(&std::io::stderr()));
    let code = match &built.out {
        None => {
            let _ = writeln!(err, "error: the site was not built: {}", summary(report.errors(), report.warnings()));
            1
        }
        Some(out) => {
            if !quiet {
                let index = out.join("index.html");
                let _ = writeln!(
                    err,
                    "built {} pages and copied {} files in {:.2}s ({})\nopen {}",
                    built.stats.pages,
                    built.stats.assets,
                    started.elapsed().as_secs_f64(),
                    summary(report.errors(), report.warnings()),
                    index.display()
                );
                if std::env::var_os("TEBIKI_TIMINGS").is_some() {
                    for (stage, d) in &built.loaded.timings {
                        let _ = writeln!(err, "  {stage:<14} {:>8.1} ms", d.as_secs_f64() * 1000.0);
                    }
                }
            }
            0
        }
    };
    // The process ends now: freeing every guide one by one would only cost time.
    std::mem::forget(built);
    code
}

fn cmd_schema(site: &std::path::Path, builtin: bool) -> i32 {
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
            let report = crate::check::report::Report::new(&root, None, diags);
            let _ = report.print_human_styled(&mut std::io::stderr().lock(), color(&std::io::stderr()));
            return 1;
        }
        schema
    };
    print!("{}", schema.to_pretty_json());
    0
}

/// Whether to colour diagnostics written to `stream`: a terminal, and
/// `NO_COLOR` unset.
fn color(stream: &impl std::io::IsTerminal) -> bool {
    std::env::var_os("NO_COLOR").is_none() && stream.is_terminal()
}

fn cmd_check(opts: Options, format: Format, deny_warnings: bool) -> i32 {
    let loaded = match build::check(&opts) {
        Ok(l) => l,
        Err(e) => return fatal(&e),
    };
    let report = &loaded.report;
    match format {
        Format::Json => {
            let _ = report.print_json(&mut std::io::stdout().lock());
        }
        Format::Human => {
            let _ = report.print_human_styled(&mut std::io::stdout().lock(), color(&std::io::stdout()));
            let guides = loaded.site.guides.len();
            let noun = if guides == 1 { "guide" } else { "guides" };
            println!("checked {guides} {noun}: {}", summary(report.errors(), report.warnings()));
        }
    }
    let code = i32::from(build::failed(report, deny_warnings));
    // The process ends now: freeing every guide one by one would only cost time.
    std::mem::forget(loaded);
    code
}

fn cmd_serve(opts: ServeOptions) -> i32 {
    match crate::serve::serve(opts) {
        Ok(()) => 0,
        Err(e) => fatal(&e),
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

fn cmd_bundle(opts: Options) -> i32 {
    let bundled = match crate::bundle::bundle(&opts) {
        Ok(b) => b,
        Err(e) => return fatal(&e),
    };
    let report = &bundled.loaded.report;
    let mut err = std::io::stderr().lock();
    let _ = report.print_human(&mut err);
    match &bundled.out {
        None => {
            let _ = writeln!(err, "error: the bundle was not written: {}", summary(report.errors(), report.warnings()));
            1
        }
        Some(out) => {
            let _ = writeln!(
                err,
                "bundled {} pages and {} files into {} ({:.1} MiB; {})",
                bundled.stats.pages,
                bundled.stats.assets,
                out.display(),
                bundled.size as f64 / (1024.0 * 1024.0),
                summary(report.errors(), report.warnings())
            );
            0
        }
    }
}
