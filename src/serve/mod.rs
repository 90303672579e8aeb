//! `tebiki serve`: build the site into memory, serve it over HTTP on
//! 127.0.0.1 (another address only when asked), watch the sources and
//! rebuild only what a change touches, and tell open pages to reload.
//!
//! - [`incremental`]: the pipeline kept in memory and the [`Store`] of
//!   served files (the last good build); [`ledger`] keeps the site's
//!   diagnostics by maker and file, [`links`] which guide links to which,
//!   so an edit checks again only what it can affect;
//! - [`watch`]: notify plus a short debounce;
//! - [`http`]: axum handlers, server-sent events, reload script and overlay.
//!
//! One thread owns the pipeline and applies batches of changes in order;
//! the HTTP side only reads the store. Nothing is global: every piece of
//! state is in [`http::Shared`] or the pipeline value, so tests can run
//! several servers in one process.

pub mod http;
pub mod incremental;
mod ledger;
mod links;
pub mod watch;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, RwLock};

use tokio::sync::broadcast;

use crate::build::Options;
use crate::check::report::{count, Report};
use crate::progress::Progress;
use http::{Message, Shared};
pub use incremental::{ChangeKind, Incremental, Outcome, Served, Store};

/// Options of `tebiki serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: Options,
    /// Address to listen on (`127.0.0.1` unless asked otherwise).
    pub bind: String,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Print only problems, not what each rebuild did.
    pub quiet: bool,
    /// Print the time of each stage after each rebuild.
    pub verbose: bool,
    /// Colour the diagnostics printed in the terminal.
    pub color: bool,
}

/// Why serving could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Build(#[from] crate::build::Error),
    #[error("cannot listen on {0}: {1}")]
    Bind(String, std::io::Error),
    #[error("cannot watch the site folder: {0}")]
    Watch(#[from] notify::Error),
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// The problems overlay for a report with errors. `last_good`: the pages
/// served are those of the last build without errors (else the site has not
/// built without errors since `serve` started, and pages are as they are).
pub fn problems_html(report: &Report, last_good: bool) -> String {
    let mut text = Vec::new();
    let _ = report.print_human(&mut text);
    let text = String::from_utf8_lossy(&text);
    let escaped = crate::render::page::esc(&text);
    let served = if last_good {
        "this page is the last good build"
    } else {
        "pages are shown as they are until the errors are fixed"
    };
    format!(
        "<div id=\"tebiki-serve-problems\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;\
overflow:auto;z-index:2147483647;margin:0;padding:12px 16px;background:#1f1f1f;color:#f4f4f4;border-top:4px solid #e5484d;\
box-shadow:0 -4px 16px rgba(0,0,0,.35);font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">\
<strong style=\"color:#ff8a8a\">tebiki: {}; {served}</strong>\
<pre style=\"white-space:pre-wrap;margin:8px 0 0;font:inherit\">{escaped}</pre></div>",
        report.summary(),
    )
}

/// What a rebuild did, for the terminal: its diagnostics, then one line.
pub fn outcome_text(what: &str, outcome: &Outcome, opts: &ServeOptions) -> String {
    let mut out = Vec::new();
    let _ = outcome.report.print_human_styled(&mut out, opts.color);
    let summary = outcome.report.summary();
    let errors = outcome.report.errors() > 0;
    let line = if !outcome.rendered {
        format!("{what}: {summary}; still serving the last good build")
    } else if opts.quiet && !errors {
        String::new()
    } else {
        let done = format!(
            "{what}: parsed {}, rendered {}, {} changed in {:.0} ms ({summary})",
            count(outcome.guides_parsed, "guide"),
            count(outcome.pages_rendered, "page"),
            count(outcome.changed.len(), "file"),
            outcome.elapsed.as_secs_f64() * 1000.0
        );
        if errors {
            format!("{done}; the site has not built without errors yet: pages are served as they are")
        } else {
            done
        }
    };
    if !line.is_empty() {
        let _ = writeln!(out, "{line}");
    }
    if opts.verbose {
        crate::progress::write_timings(&mut out, &outcome.timings);
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn print_outcome(what: &str, outcome: &Outcome, opts: &ServeOptions) {
    let _ = std::io::stderr().lock().write_all(outcome_text(what, outcome, opts).as_bytes());
}

/// Build (reporting the first build to `progress`), serve and watch until
/// the process is stopped.
pub fn serve(opts: ServeOptions, progress: &dyn Progress) -> Result<(), ServeError> {
    let first = Incremental::new_with(opts.build.clone(), progress);
    progress.done();
    let (mut pipeline, first) = first?;
    print_outcome("built", &first, &opts);
    let root = pipeline.root().to_path_buf();
    let (events, _) = broadcast::channel(256);
    let shared = Arc::new(Shared {
        store: pipeline.store(),
        problems: RwLock::new((first.report.errors() > 0).then(|| problems_html(&first.report, pipeline.last_good()))),
        events,
    });
    // Set by the watcher on every file event.
    let activity = Arc::new(AtomicBool::new(false));
    let (mut watcher, batches) = watch::watch(&root, activity.clone())?;
    watcher.refresh(&pipeline.watched_folders())?;

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(format!("{}:{}", opts.bind, opts.port)))
        .map_err(|e| ServeError::Bind(format!("{}:{}", opts.bind, opts.port), e))?;
    let addr: SocketAddr = listener.local_addr()?;
    let host = if addr.is_ipv6() { format!("[{}]", addr.ip()) } else { addr.ip().to_string() };
    println!("serving {} at http://{host}:{}/", root.display(), addr.port());
    let _ = std::io::stdout().flush();

    // The rebuild loop: one batch of changed paths at a time, in order.
    // Pages first; then, while no file is changing, the search index (a
    // pass over every guide), given up as soon as a file changes again so
    // that a save right after a save is rendered at once.
    let loop_shared = shared.clone();
    std::thread::spawn(move || loop {
        let paths = if pipeline.search_pending() && !activity.load(Ordering::SeqCst) {
            match batches.try_recv() {
                Ok(paths) => paths,
                Err(mpsc::TryRecvError::Empty) => {
                    pipeline.refresh_search_unless(&activity);
                    continue;
                }
                Err(mpsc::TryRecvError::Disconnected) => break,
            }
        } else {
            match batches.recv() {
                Ok(paths) => paths,
                Err(_) => break,
            }
        };
        activity.store(false, Ordering::SeqCst);
        {
            let _ = watcher.refresh(&pipeline.watched_folders());
            let shared = &loop_shared;
            let mut publish = |changed: &[String]| {
                let _ = shared.events.send(Message::Reload(changed.to_vec()));
            };
            match pipeline.update_pages(&paths, &mut publish) {
                Ok(outcome) if outcome.skipped => {}
                Ok(outcome) => {
                    let mut problems = shared.problems.write().unwrap_or_else(|e| e.into_inner());
                    let quiet = outcome.changed.is_empty()
                        && outcome.guides_parsed == 0
                        && outcome.report.diagnostics.is_empty()
                        && problems.is_none();
                    if !quiet {
                        print_outcome(&describe(&root, &pipeline.config().content, &paths), &outcome, &opts);
                    }
                    if outcome.report.errors() > 0 {
                        let html = problems_html(&outcome.report, pipeline.last_good());
                        *problems = Some(html.clone());
                        let _ = shared.events.send(Message::Problems(html));
                    } else if problems.take().is_some() {
                        let _ = shared.events.send(Message::Clear);
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    let html = format!(
                        "<div id=\"tebiki-serve-problems\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;\
z-index:2147483647;padding:12px 16px;background:#1f1f1f;color:#ff8a8a;font:13px/1.5 monospace\">tebiki: {}</div>",
                        crate::render::page::esc(&e.to_string())
                    );
                    *shared.problems.write().unwrap_or_else(|e| e.into_inner()) = Some(html.clone());
                    let _ = shared.events.send(Message::Problems(html));
                }
            }
        }
    });

    runtime.block_on(async move { axum::serve(listener, http::router(shared)).await })?;
    Ok(())
}

/// A short description of a batch of changed paths for the terminal.
fn describe(root: &std::path::Path, content: &str, paths: &[PathBuf]) -> String {
    let mut names: Vec<String> = paths
        .iter()
        .filter(|p| incremental::classify(root, content, p).is_some())
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    names.sort();
    names.dedup();
    match names.len() {
        0 => "changed".to_string(),
        1 => names.remove(0),
        n => format!("{} and {} more", names[0], n - 1),
    }
}
